"""The quick exit: a button, Shift pressed three times, and a plain link without JavaScript."""

from tests.browser.conftest import NEUTRAL_SITE


def test_button_hides_the_page_at_once_and_replaces_it(page, base_url):
    page.goto(base_url + "/uk/")
    page.goto(base_url + "/uk/articles/ketamine-and-your-bladder/")
    hidden = page.evaluate(
        """() => {
          document.querySelector('[data-quick-exit]').click();
          return [document.documentElement.classList.contains('quick-exit-active'), getComputedStyle(document.body).display];
        }"""
    )
    assert hidden == [True, "none"]
    page.wait_for_url(NEUTRAL_SITE)
    page.go_back()
    assert page.url == base_url + "/uk/"  # the article was replaced in the history, not left behind


def test_shift_three_times_leaves(page, base_url):
    page.goto(base_url + "/uk/pathways/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert "1 more time" in page.locator("[data-quick-exit-status]").text_content()
    page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL_SITE)
    assert page.title() == "Weather"


def test_other_keys_between_shifts_do_not_leave(page, base_url):
    page.goto(base_url + "/uk/search/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    assert page.url == base_url + "/uk/search/"


def test_without_javascript_the_link_still_leaves(no_js_page, base_url):
    no_js_page.goto(base_url + "/uk/get-help/")
    no_js_page.click("text=Leave this site")
    no_js_page.wait_for_url(NEUTRAL_SITE)
