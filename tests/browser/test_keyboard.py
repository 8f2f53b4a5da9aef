"""The questionnaire can be completed with the keyboard alone, with focus always visible."""

from tests.answers import MYSELF

FOCUS_IS_VISIBLE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return false;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
    && !/rgba\\(0, 0, 0, 0\\)|transparent/.test(style.outlineColor);
  return outline || style.boxShadow !== "none" || style.backgroundColor === "rgb(255, 221, 0)";
}"""
DESCRIBE_FOCUS = "() => { const e = document.activeElement; return `${e.tagName} ${e.name || ''} ${e.value || ''} ${(e.textContent || '').trim().slice(0, 30)}`; }"


def tab_to(page, matches, limit=80):
    """Press Tab until `matches(page)` is true, checking that focus is visible at every stop."""
    if matches(page):
        return
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_IS_VISIBLE), f"focus not visible on {page.evaluate(DESCRIBE_FOCUS)}"
        if matches(page):
            return
    raise AssertionError("never reached the element with Tab")


def focused(selector):
    return lambda page: page.evaluate(f"() => document.activeElement.matches({selector!r})")


def answer_with_keyboard(page, step, values):
    values = values if isinstance(values, list) else [values]
    first_input = f"form:has(button[value=continue]) input[name={step}]"
    tab_to(page, focused(first_input))
    if page.evaluate("() => document.activeElement.type") == "radio":
        for _ in range(10):
            if page.evaluate("() => document.activeElement.value") == values[0]:
                break
            page.keyboard.press("ArrowDown")
            assert page.evaluate(FOCUS_IS_VISIBLE)
        if not page.evaluate("() => document.activeElement.checked"):
            page.keyboard.press("Space")
        assert page.evaluate("() => document.activeElement.checked")
    else:
        for _ in range(10):
            if page.evaluate("() => document.activeElement.value") in values:
                page.keyboard.press("Space")
            if page.evaluate("() => document.activeElement.value") == page.evaluate(
                f"() => [...document.querySelectorAll({first_input!r})].pop().value"
            ):
                break
            page.keyboard.press("Tab")
            assert page.evaluate(FOCUS_IS_VISIBLE)
    tab_to(page, focused("button[value=continue]"))
    press_and_wait(page, "Enter")


def press_and_wait(page, key):
    with page.expect_navigation():
        page.keyboard.press(key)


def test_the_questionnaire_can_be_completed_with_the_keyboard_alone(page, base_url):
    page.goto(base_url + "/uk/pathways/")
    tab_to(page, focused("a[href='/uk/pathways/questions/']"))
    press_and_wait(page, "Enter")

    # Submitting nothing: the error summary takes focus, and its link leads to the question.
    tab_to(page, focused("button[value=continue]"))
    press_and_wait(page, "Enter")
    # The browser applies `autofocus` in its next rendering step after the page loads.
    page.wait_for_function("() => document.activeElement.classList.contains('error-summary')", timeout=5000)
    assert page.evaluate(FOCUS_IS_VISIBLE)
    tab_to(page, focused(".error-summary a"))
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "id_answering_for_0"

    for step, values in MYSELF.items():
        answer_with_keyboard(page, step, values)
        if step == "happening_now" and values != ["none"]:
            tab_to(page, focused("button[value=resume]"))
            press_and_wait(page, "Enter")
    assert page.locator("h1").inner_text() == "Check your answers"

    tab_to(page, focused("button[value=result]"))
    press_and_wait(page, "Enter")
    assert "Support that may fit you" in page.locator("h1").inner_text()
    assert page.locator(".suggestion").count() == 4


def test_the_interrupt_page_can_be_passed_with_the_keyboard_alone(page, base_url):
    page.goto(base_url + "/uk/pathways/questions/")
    answer_with_keyboard(page, "answering_for", "someone_else")
    answer_with_keyboard(page, "age", "adult")
    answer_with_keyboard(page, "happening_now", ["collapse", "suicidal"])
    assert page.locator("h1").inner_text() == "Get help now"
    tab_to(page, focused(".interruption .care-card a[href^='tel:']"))
    tab_to(page, focused("button[value=resume]"))
    press_and_wait(page, "Enter")
    assert "How often have they used ketamine" in page.locator("h1").inner_text()


def test_skip_link_and_quick_exit_come_first(page, base_url):
    page.goto(base_url + "/uk/articles/what-is-ketamine/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to main content"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Leave this site"


def test_focused_links_are_dark_on_yellow_even_in_the_crisis_banner(page, base_url):
    page.goto(base_url + "/uk/")
    tab_to(page, focused(".crisis-banner a"))
    colours = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.color, s.backgroundColor]; }"
    )
    assert colours == ["rgb(11, 12, 12)", "rgb(255, 221, 0)"]


def test_focus_is_never_hidden_under_the_sticky_quick_exit_bar(page, base_url):
    page.set_viewport_size({"width": 1024, "height": 600})
    page.goto(base_url + "/uk/get-help/")
    page.keyboard.press("End")
    bar_bottom = page.evaluate("() => document.querySelector('.quick-exit').getBoundingClientRect().bottom")
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        # Read the position after the browser has painted the scroll that focus causes.
        top = page.evaluate(
            "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame("
            "() => done(document.activeElement.getBoundingClientRect().top))))"
        )
        sticky = page.evaluate("() => !!document.activeElement.closest('.quick-exit')")
        assert sticky or top >= bar_bottom - 1, page.evaluate(DESCRIBE_FOCUS)
