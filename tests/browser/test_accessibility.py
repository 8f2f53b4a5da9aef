"""axe-core finds no WCAG 2.0, 2.1 or 2.2 A/AA violation on any page kind."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.answers import JOURNEYS
from tests.browser.pages import CONTENT_PAGES, journey_runs, walk

AXE = Axe()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def violations(page):
    results = AXE.run(page, options=OPTIONS)
    return [
        f"{violation['id']}: {violation['help']} at {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
    ]


@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_content_page_has_no_violations(page, base_url, name):
    page.goto(base_url + CONTENT_PAGES[name])
    assert violations(page) == []


@pytest.mark.parametrize(
    "name", ["home", "article what-is-ketamine", "get help", "search results", "home (us)", "get help (us)"]
)
def test_page_has_no_violations_on_a_phone(phone_page, base_url, name):
    phone_page.goto(base_url + CONTENT_PAGES[name])
    assert violations(phone_page) == []


@pytest.mark.parametrize(("journey", "region"), journey_runs(JOURNEYS))
def test_every_questionnaire_page_has_no_violations(page, base_url, journey, region):
    """The first journey checks every question and its error message; the others, whose
    questions are the same pages with other answers ticked, check what differs: the
    interrupt page, "check your answers", the result and the print view."""
    every_question = journey == "myself without urgency"
    found = {}

    def visit(name):
        if every_question or not name.startswith("question"):
            found[name] = violations(page)

    walk(page, base_url, JOURNEYS[journey], visit, with_errors=every_question, region=region)
    assert len(found) >= (28 if every_question else 3)
    assert {name: problems for name, problems in found.items() if problems} == {}
