"""The region is in every public URL; old addresses redirect; the switcher, hreflang,
canonical links and sitemap tell readers and search engines about each region's page."""

import re

import pytest

from content import seed
from content.regions import REGIONS
from pathways.journey import State
from tests.answers import MYSELF
from tests.sitemap import NS, sitemap_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(library, db):
    """The seed content, loaded once for this module (it only reads it)."""


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize(
    "path", ["", "get-help/", "pathways/", "pathways/questions/", "privacy/", "leave-this-site/", "search/?q=bladder"]
)
def test_every_public_page_answers_in_every_region(client, seeded, region, path):
    response = client.get(f"/{region}/{path}")
    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/articles/what-is-ketamine/", "/uk/articles/what-is-ketamine/"),
        ("/topics/understanding-ketamine/", "/uk/topics/understanding-ketamine/"),
        ("/get-help/", "/uk/get-help/"),
        ("/pathways/", "/uk/pathways/"),
        ("/search/?q=special+k&page=2", "/uk/search/?q=special+k&page=2"),
        ("/privacy", "/uk/privacy/"),
    ],
)
def test_old_addresses_redirect_permanently_to_the_default_region(client, seeded, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_the_home_page_redirects_to_the_default_region_for_now(client, seeded, settings):
    response = client.get("/?utm=x")
    assert response.status_code == 302  # temporary: the default region can change
    assert response["Location"] == "/uk/?utm=x"
    settings.PORTAL_REGION = "ie"
    assert client.get("/")["Location"] == "/ie/"
    assert client.get("/articles/what-is-ketamine/")["Location"] == "/ie/articles/what-is-ketamine/"


def test_an_old_questionnaire_page_posting_its_answers_is_redirected_with_them(client):
    response = client.post("/pathways/questions/", {"state": State(answers=MYSELF).dumps(), "action": "result"})
    assert response.status_code == 308 and response["Location"] == "/uk/pathways/questions/"


@pytest.mark.parametrize("path", ["/no-such-page/", "/fr/articles/what-is-ketamine/", "/uk/no-such-page/"])
def test_unknown_addresses_are_not_found_not_redirected(client, seeded, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/admin/login/", "/healthz", "/livez", "/robots.txt", "/sitemap.xml"])
def test_the_admin_probes_robots_and_sitemap_stay_unprefixed(client, seeded, path):
    assert client.get(path).status_code == 200


def test_static_files_stay_unprefixed(client):
    assert client.get("/static/css/portal.css").status_code == 200
    assert client.get("/uk/static/css/portal.css").status_code == 404


@pytest.mark.parametrize(
    ("region", "named", "others"),
    [
        ("uk", "Help numbers for the UK.", ["United States", "Ireland", "Australia"]),
        ("us", "Help numbers for the US.", ["United Kingdom", "Ireland", "Australia"]),
        ("ie", "Help numbers for Ireland.", ["United Kingdom", "United States", "Australia"]),
        ("au", "Help numbers for Australia.", ["United Kingdom", "United States", "Ireland"]),
    ],
)
def test_every_page_names_its_region_and_links_the_same_page_in_the_others(client, seeded, region, named, others):
    page = client.get(f"/{region}/articles/ketamine-and-your-bladder/").content.decode()
    switcher = page[page.index('<nav class="region-switcher"') : page.index("</nav>", page.index("region-switcher"))]
    assert named in switcher and "Choose your country" in switcher
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', switcher)
    assert [name for _, name in links] == others
    for href, _ in links:
        assert re.fullmatch(r"/(uk|us|ie|au)/articles/ketamine-and-your-bladder/", href)
    assert page.index("crisis-banner") < page.index("region-switcher") < page.index("site-header")
    assert "<script" not in switcher


def test_the_switcher_keeps_a_search(client, seeded):
    page = client.get("/uk/search/?q=bladder").content.decode()
    assert 'href="/us/search/?q=bladder"' in page


def test_switching_region_on_a_result_keeps_the_answers(client, seeded):
    state = State(answers={**MYSELF, "practicalities": ["cost"]}).dumps()
    uk = client.post("/uk/pathways/questions/", {"state": state, "action": "result"}).content.decode()
    switcher = uk[uk.index('<nav class="region-switcher"') : uk.index("</nav>", uk.index("region-switcher"))]
    assert 'formaction="/us/pathways/questions/"' in switcher and 'name="action" value="result"' in switcher
    us = client.post("/us/pathways/questions/", {"state": state, "action": "result"}).content.decode()
    assert "Medicaid" in us and "NHS" not in us.split('id="main"')[1]
    step = client.post("/uk/pathways/questions/", {"state": state, "action": "show", "step": "frequency"})
    assert "Question 4 of 14" in step.content.decode()


@pytest.mark.parametrize("region", REGIONS)
def test_every_page_links_its_alternates_and_its_own_canonical(client, seeded, region):
    page = client.get(f"/{region}/topics/understanding-ketamine/").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))
    assert alternates == {
        "en-GB": "http://testserver/uk/topics/understanding-ketamine/",
        "en-US": "http://testserver/us/topics/understanding-ketamine/",
        "en-IE": "http://testserver/ie/topics/understanding-ketamine/",
        "en-AU": "http://testserver/au/topics/understanding-ketamine/",
        "x-default": "http://testserver/uk/topics/understanding-ketamine/",
    }
    assert f'<link rel="canonical" href="http://testserver/{region}/topics/understanding-ketamine/">' in page
    assert f'<html lang="{dict(uk="en-GB", us="en-US", ie="en-IE", au="en-AU")[region]}">' in page


def test_links_use_the_configured_site_address(client, seeded, settings):
    settings.SITE_URL = "https://portal.example.org"
    page = client.get("/us/get-help/").content.decode()
    assert '<link rel="canonical" href="https://portal.example.org/us/get-help/">' in page


def test_the_sitemap_lists_every_regions_pages_with_their_alternates(client, seeded):
    ns = NS
    urls = sitemap_urls(client)
    locations = [url.find("s:loc", ns).text for url in urls]
    for region in REGIONS:
        assert f"http://testserver/{region}/articles/what-is-ketamine/" in locations
        assert f"http://testserver/{region}/" in locations
    assert len(locations) == len(set(locations)) == 4 * (len(seed.read_articles()) + len(seed.read_topics()) + 5)
    first = urls[locations.index("http://testserver/us/articles/what-is-ketamine/")]
    alternates = {link.get("hreflang"): link.get("href") for link in first.findall("x:link", ns)}
    assert alternates["en-gb"] == "http://testserver/uk/articles/what-is-ketamine/"
    assert alternates["en-au"] == "http://testserver/au/articles/what-is-ketamine/"
    assert alternates["x-default"] == "http://testserver/uk/articles/what-is-ketamine/"


def test_robots_txt_keeps_the_questionnaire_and_search_out_of_every_region(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /*/pathways/questions/" in text and "Disallow: /*/search/" in text
