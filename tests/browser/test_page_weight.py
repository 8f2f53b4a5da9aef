"""Each page kind stays light: at most 150 KB transferred, 30 KB of HTML and 6 requests."""

import pytest

from tests.answers import JOURNEYS
from tests.browser.pages import URGENT_ANSWERS, choose

MAX_TOTAL, MAX_HTML, MAX_REQUESTS = 150 * 1024, 30 * 1024, 6
FIGURES = {}


def longest_article():
    from content import seed

    return max(seed.read_articles(), key=lambda meta: len(meta["body"]))["slug"]


PAGES = {
    "home": "/uk/",
    "topic": "/uk/topics/treatment-and-therapy/",
    "article (longest)": f"/uk/articles/{longest_article()}/",
    "search results": "/uk/search/?q=ketamine",
    "get help": "/uk/get-help/",
    "quick exit explanation": "/uk/leave-this-site/",
    "questionnaire start": "/uk/pathways/",
    "question": "/uk/pathways/questions/",
    "not found": "/uk/no-such-page/",
    "home (us)": "/us/",
    "article (longest, us)": f"/us/articles/{longest_article()}/",
    "get help (us)": "/us/get-help/",
    "questionnaire start (us)": "/us/pathways/",
}


class Meter:
    """Counts every request a page load makes and the bytes each response transferred."""

    def __init__(self, page):
        self.page, self.loads = page, []
        page.context.route("**/*", lambda route: route.continue_())  # routing turns the browser cache off
        page.on("requestfinished", lambda request: self.loads.append(request))

    def measure(self, action):
        self.loads.clear()
        action()
        self.page.wait_for_load_state("networkidle")
        sizes = [(request.resource_type, request.sizes()) for request in self.loads]
        total = sum(size["responseBodySize"] + size["responseHeadersSize"] for _, size in sizes)
        html = sum(size["responseBodySize"] for kind, size in sizes if kind == "document")
        return {"requests": len(sizes), "bytes": total, "html_bytes": html}


def check(name, figures):
    FIGURES[name] = figures
    assert figures["requests"] <= MAX_REQUESTS, figures
    assert figures["html_bytes"] <= MAX_HTML, figures
    assert figures["bytes"] <= MAX_TOTAL, figures


@pytest.mark.parametrize("name", PAGES)
def test_page_is_light(page, base_url, name):
    check(name, Meter(page).measure(lambda: page.goto(base_url + PAGES[name])))


@pytest.mark.parametrize("journey", ["myself without urgency", "someone else with urgency"])
def test_check_and_result_pages_are_light(page, base_url, journey):
    meter = Meter(page)
    page.goto(base_url + "/uk/pathways/questions/")
    answers = JOURNEYS[journey]
    for step, values in answers.items():
        choose(page, values)
        if step == list(answers)[-1]:
            check(f"check your answers ({journey})", meter.measure(lambda: page.click("button[value=continue]")))
        elif step == "happening_now" and set(values) & URGENT_ANSWERS:
            check(f"interrupt ({journey})", meter.measure(lambda: page.click("button[value=continue]")))
            page.click("button[value=resume]")
        else:
            page.click("button[value=continue]")
    check(f"result ({journey})", meter.measure(lambda: page.click("button[value=result]")))
    check(f"print view ({journey})", meter.measure(lambda: page.click("button[value=print]")))
