/* Small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  /* Quick exit, after the GOV.UK "Exit this page" component: hide the page at once,
     then replace it in the history with a neutral site. Shift pressed 3 times
     (within 5 seconds) does the same. */
  var exitLink = document.querySelector("[data-quick-exit]");
  if (exitLink) {
    var exitUrl = exitLink.getAttribute("href");
    var status = document.querySelector("[data-quick-exit-status]");
    var hint = document.querySelector("[data-quick-exit-hint]");
    var leave = function () {
      document.documentElement.classList.add("quick-exit-active");
      document.title = "Loading";
      window.location.replace(exitUrl);
    };
    exitLink.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });
    if (hint) {
      hint.hidden = false;
    }
    var presses = 0;
    var timer = null;
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") {
        presses = 0;
        return;
      }
      presses += 1;
      clearTimeout(timer);
      timer = setTimeout(function () {
        presses = 0;
        if (status) {
          status.textContent = "";
        }
      }, 5000);
      if (presses >= 3) {
        leave();
      } else if (status) {
        status.textContent = "Shift, press " + (3 - presses) + " more time" + (presses === 2 ? "" : "s") + " to leave this site";
      }
    });
    /* A page restored from the back-forward cache must not stay hidden or reveal itself. */
    window.addEventListener("pageshow", function (event) {
      if (event.persisted && document.documentElement.classList.contains("quick-exit-active")) {
        window.location.replace(exitUrl);
      }
    });
  }

  /* Error summary links: focus the first answer and scroll so the question itself shows too. */
  Array.prototype.forEach.call(document.querySelectorAll(".error-summary a[href^='#']"), function (link) {
    link.addEventListener("click", function (event) {
      var input = document.getElementById(link.getAttribute("href").slice(1));
      if (!input) {
        return;
      }
      event.preventDefault();
      var fieldset = input.closest("fieldset");
      var legend = fieldset ? fieldset.querySelector("legend") : null;
      (legend || input).scrollIntoView();
      input.focus({ preventScroll: true });
    });
  });

  /* Print button on the result page. */
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });

  /* "None of these" and "I'm not sure" clear the other boxes, and the other boxes clear them. */
  Array.prototype.forEach.call(document.querySelectorAll(".choices--checkbox"), function (group) {
    var boxes = group.querySelectorAll("input[type=checkbox]");
    group.addEventListener("change", function (event) {
      var changed = event.target;
      if (!changed.checked) {
        return;
      }
      var exclusive = changed.hasAttribute("data-exclusive");
      Array.prototype.forEach.call(boxes, function (box) {
        if (box !== changed && (exclusive || box.hasAttribute("data-exclusive"))) {
          box.checked = false;
        }
      });
    });
  });
})();
