"""The foreign-term crawl: every page of every region, rendered, carries no other region's
services, numbers, costs or law (the dictionary is content.regions.TERMS), and its crisis
banner shows its own region's emergency number.

Two parts of a page are left out, on purpose: the region switcher, which must name the
other countries, and an article's list of sources, which cites its evidence by publisher
(an NHS page about bladder symptoms is evidence in every country; it is not a service).
"""

import re

import pytest

from content import seed
from content.regions import REGIONS, foreign_terms
from pathways.journey import State
from tests.answers import JOURNEYS
from tests.sitemap import sitemap_locations

pytestmark = pytest.mark.django_db
EMERGENCY = {"uk": "999", "us": "911", "ie": "112", "au": "000"}
URGENT = ["collapse", "suicidal", "cannot_pass_urine", "severe_pain", "blood_in_urine", "infection_or_jaundice"]


def readable_text(html):
    """What a reader sees on the page, without the switcher and the sources list."""
    body = html[html.index("<body") :]
    body = re.sub(r'<nav class="region-switcher".*?</nav>', " ", body, flags=re.S)
    body = re.sub(r'<section class="sources".*?</section>', " ", body, flags=re.S)
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def check_page(response, region, where):
    html = response.content.decode()
    assert response.status_code in (200, 404), where
    banner = html[html.index('class="crisis-banner"') : html.index("</div>", html.index('class="crisis-banner"'))]
    assert f'href="tel:{EMERGENCY[region]}"' in banner, where
    foreign = foreign_terms(readable_text(html), region)
    assert foreign == [], f"{where}: {foreign}"


def sitemap_paths(client, region):
    locations = [loc.removeprefix("http://testserver") for loc in sitemap_locations(client)]
    return [path for path in locations if path.startswith(f"/{region}/")]


@pytest.mark.parametrize("region", REGIONS)
def test_every_sitemap_page_speaks_only_of_its_own_region(client, library, region):
    paths = sitemap_paths(client, region)
    assert len(paths) == len(seed.read_articles()) + len(seed.read_topics()) + 5
    for path in paths:
        check_page(client.get(path), region, path)
    for path in [f"/{region}/search/?q=ketamine", f"/{region}/search/?q=help", f"/{region}/no-such-page/"]:
        check_page(client.get(path), region, path)


@pytest.mark.parametrize("region", REGIONS)
def test_every_questionnaire_page_speaks_only_of_its_own_region(client, library, region):
    url = f"/{region}/pathways/questions/"
    check_page(client.get(url), region, "first question")
    for answer in URGENT:
        state = State(answers={"answering_for": "myself", "age": "adult"}).dumps()
        data = {"state": state, "step": "happening_now", "action": "continue", "happening_now": [answer]}
        check_page(client.post(url, data), region, f"interrupt for {answer}")
    for name, answers in JOURNEYS.items():
        for extra in [{}, {"practicalities": ["cost"], "home_situation": ["unsafe", "no_stable_home"]}]:
            state = State(answers={**answers, **extra}).dumps()
            for action in ["check", "result", "print"]:
                check_page(client.post(url, {"state": state, "action": action}), region, f"{name} {action} {extra}")
        for step in ["age", "practicalities"]:
            state = State(answers=answers).dumps()
            check_page(client.post(url, {"state": state, "action": "show", "step": step}), region, f"{name} {step}")


def test_the_crawl_would_catch_another_regions_number():
    html = '<body><div class="crisis-banner"><a href="tel:911">911</a></div><p>Call 999 or the NHS.</p></body>'
    assert foreign_terms(readable_text(html), "us") == ["999", "NHS"]
    assert foreign_terms(readable_text(html.replace("999 or the NHS", "911")), "us") == []
