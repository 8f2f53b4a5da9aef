"""The questionnaire's version 2 pages in the browser: the interrupt page for each tier,
the young person's, pregnant person's and a US visitor's results, and the print view."""

import re

import pytest

from tests.answers import MYSELF, PREGNANT, YOUNG_PERSON
from tests.browser.pages import walk
from tests.browser.test_accessibility import violations

TIERS = {
    "emergency": (["collapse"], "Call 999 now"),
    "crisis": (["suicidal"], "Talk to someone now"),
    "urgent_now": (["cannot_pass_urine"], "Go to A&E now"),
    "urgent_today": (["blood_in_urine"], "Get medical help today"),
}


def go_to_the_interrupt_page(page, base_url, happening_now):
    page.goto(base_url + "/uk/pathways/questions/")
    for value in ["myself", "adult"]:
        page.check(f"input[value='{value}']")
        with page.expect_navigation():
            page.click("button[value=continue]")
    for value in happening_now:
        page.check(f"input[value='{value}']")
    with page.expect_navigation():
        page.click("button[value=continue]")


@pytest.mark.parametrize("tier", TIERS)
def test_the_interrupt_page_for_each_tier(page, base_url, tier):
    happening_now, title = TIERS[tier]
    go_to_the_interrupt_page(page, base_url, happening_now)
    assert page.locator("h1").inner_text() == "Get help now"
    assert page.locator(".care-card__title").all_inner_texts() == [title]
    assert page.locator(".interruption a[href^='tel:']").count() >= 1
    assert violations(page) == []
    with page.expect_navigation():
        page.click("button[value=resume]")
    assert "Question 4 of 14" in page.content()


def test_every_tier_at_once_lists_the_cards_most_urgent_first(page, base_url):
    go_to_the_interrupt_page(page, base_url, ["blood_in_urine", "severe_pain", "suicidal", "collapse"])
    titles = page.locator(".care-card__title").all_inner_texts()
    assert titles == ["Call 999 now", "Talk to someone now", "Go to A&E now", "Get medical help today"]
    assert "Do not stay alone" in page.locator("main").inner_text()


def result_text(page, base_url, answers):
    walk(page, base_url, answers, lambda name: None, printing=False)
    assert violations(page) == []
    return page.locator("main").inner_text()


def test_the_young_persons_result(page, base_url):
    text = result_text(page, base_url, YOUNG_PERSON)
    assert "young people's drug and alcohol service" in text
    assert "adult residential services are not for young people" in text
    assert text.index("Childline") < text.index("FRANK", text.index("Help contacts"))


def test_the_pregnant_persons_result(page, base_url):
    text = result_text(page, base_url, PREGNANT)
    assert "tell your midwife or drug service first" in text
    assert page.locator(".suggestion__title").first.inner_text() == "Outpatient or community support"


def test_a_us_visitors_result_has_only_us_help(page, base_url):
    answers = {**MYSELF, "practicalities": ["cost"], "happening_now": ["severe_pain"]}
    walk(page, base_url, answers, lambda name: None, printing=False, region="us")
    assert violations(page) == []
    text = page.locator("main").inner_text()
    assert "Go to the emergency room now" in text and "911" in text and "Medicaid" in text
    assert not re.search(r"\bNHS\b|\b999\b|\bA&E\b|FRANK|Samaritans", text)


def test_the_print_view_fits_on_one_page_and_asks_for_nothing(page, base_url):
    walk(page, base_url, {**MYSELF, "home_situation": ["unsafe"], "happening_now": ["blood_in_urine"]}, lambda n: None)
    assert page.locator("h1").inner_text() == "Summary to take to an appointment"
    assert violations(page) == []
    assert page.locator("main input:not([type=hidden]), main textarea").count() == 0
    page.emulate_media(media="print")
    assert not page.locator(".site-footer").is_visible() and not page.locator(".crisis-banner").is_visible()
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
