"""Everything works with JavaScript turned off."""

import re

import pytest

from tests.answers import JOURNEYS
from tests.browser.pages import journey_runs, walk


@pytest.mark.parametrize(("journey", "region"), journey_runs(JOURNEYS))
def test_the_whole_questionnaire_works_without_javascript(no_js_page, base_url, journey, region):
    seen = []
    walk(no_js_page, base_url, JOURNEYS[journey], seen.append, printing=False, region=region)
    assert seen[-2:] == ["check your answers", "result"]
    assert ("interrupt" in seen) == ("with urgency" in journey)
    result = no_js_page.locator("main").inner_text()
    assert "Kinds of support that may fit" in result or "kinds of support that may fit" in result
    assert "This is not a diagnosis" in result
    urgent = no_js_page.locator("#get-help-now").count() == 1
    assert urgent == ("with urgency" in journey)


def test_back_and_change_work_without_javascript(no_js_page, base_url):
    page = no_js_page
    page.goto(base_url + "/uk/pathways/questions/")
    page.check("input[value='someone_else']")
    page.click("button[value=continue]")
    page.check("input[value='adult']")
    page.click("button[value=continue]")
    page.check("input[value='none']")
    page.click("button[value=continue]")
    page.click("button[value=back]")
    assert "Question 3 of 14" in page.content()
    assert page.is_checked("input[value='none']")


def test_the_interrupt_page_and_print_view_work_without_javascript(no_js_page, base_url):
    page = no_js_page
    page.goto(base_url + "/uk/pathways/questions/")
    for value in ["myself", "adult", "suicidal"]:
        page.check(f"input[value='{value}']")
        page.click("button[value=continue]")
    assert page.locator("h1").inner_text() == "Get help now"
    assert "Do not stay alone" in page.locator("main").inner_text()
    page.click("button[value=resume]")
    assert "Question 4 of 14" in page.content()
    assert page.url == base_url + "/uk/pathways/questions/"


def test_reading_works_without_javascript(no_js_page, base_url):
    page = no_js_page
    page.goto(base_url + "/uk/")
    page.click("text=Ketamine and the bladder")
    assert re.search(r"/uk/topics/ketamine-and-the-bladder/$", page.url)
    page.click("text=Ketamine and your bladder")
    assert page.locator("h1").inner_text() == "Ketamine and your bladder"
    page.click("nav.contents a >> nth=1")
    assert "#section-" in page.url
    page.fill("#site-search-q", "withdrawal")
    page.click("button:has-text('Search') >> nth=0")
    assert "result" in page.locator("main").inner_text()


def test_the_region_switcher_works_without_javascript_and_keeps_the_answers(no_js_page, base_url):
    page = no_js_page
    page.goto(base_url + "/uk/articles/ketamine-and-your-bladder/")
    page.click(".region-switcher a:has-text('Australia')")
    assert page.url == base_url + "/au/articles/ketamine-and-your-bladder/"
    assert "Help numbers for Australia." in page.locator(".region-switcher").inner_text()
    walk(page, base_url, JOURNEYS["myself without urgency"], lambda name: None, printing=False)
    page.click(".region-switcher button:has-text('United States')")
    assert page.url == base_url + "/us/pathways/questions/"
    assert "Support that may fit you" in page.locator("h1").inner_text()
    assert "911" in page.locator(".crisis-banner").inner_text()
