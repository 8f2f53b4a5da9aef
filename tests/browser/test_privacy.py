"""In the browser: every request stays on the site, and public pages leave no cookie."""

from tests.answers import JOURNEYS
from tests.browser.pages import CONTENT_PAGES, walk


def test_every_request_goes_to_the_site_itself_and_no_cookie_is_set(context, page, base_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    for path in CONTENT_PAGES.values():
        page.goto(base_url + path)
    # Journeys that between them reach every questionnaire page kind, in two regions.
    for journey, region in [
        ("myself without urgency", "uk"), ("someone else with urgency", "uk"), ("someone else with urgency", "us"),
    ]:  # fmt: skip
        walk(page, base_url, JOURNEYS[journey], lambda name: None, region=region)
    assert len(requests) > 100
    assert [url for url in requests if not url.startswith(base_url + "/")] == []
    assert context.cookies() == []


def test_answers_never_appear_in_the_address(page, base_url):
    addresses = []
    page.on("framenavigated", lambda frame: addresses.append(frame.url))
    walk(page, base_url, JOURNEYS["someone else with urgency"], lambda name: None)
    assert set(addresses) <= {base_url + "/uk/pathways/questions/"}
