"""A library of thousands of articles (content/synthetic.py): the generator, and search and
sitemap pages over it, on whichever database the suite runs against."""

import re
from xml.etree import ElementTree

import pytest
from django.core.management import CommandError, call_command

from content import search, sitemaps, synthetic
from content.models import Article, ArticleRendering
from tests.sitemap import NS, sitemap_locations

pytestmark = pytest.mark.django_db


def test_the_generator_refuses_without_scratch_and_marks_what_it_makes(capsys):
    with pytest.raises(CommandError, match="scratch"):
        call_command("generate_articles", "10")
    call_command("generate_articles", "30", "--scratch")
    made = Article.objects.filter(slug__startswith="synthetic-")
    assert made.count() == 30 and all(a.title.endswith("(synthetic)") for a in made)
    assert ArticleRendering.objects.filter(article__in=made).count() == 30 * 4
    assert all(r.body_html.startswith('<h2 id="section-about-this-text">') for r in ArticleRendering.objects.all())
    assert synthetic.NOTICE in made.first().body
    call_command("generate_articles", "--scratch", "--remove")
    assert not Article.objects.exists()


def test_search_results_come_in_pages(client):
    synthetic.generate(250)
    first = client.get("/uk/search/", {"q": "ketamine"}).content.decode()
    total = int(re.search(r"(\d+) results", first).group(1)) if "More than" not in first else None
    assert first.count('class="search-result"') == search.PAGE_SIZE
    assert 'href="/uk/search/?q=ketamine&amp;page=2" rel="next"' in first
    assert ": 1 to 20 shown" in first
    second = client.get("/uk/search/", {"q": "ketamine", "page": "2"}).content.decode()
    assert ": 21 to 40 shown" in second and '<ol class="search-results" start="21">' in second
    titles = lambda page: set(re.findall(r'search-result__title"><a href="([^"]+)"', page))  # noqa: E731
    assert not titles(first) & titles(second)
    if total is not None:
        assert total > 40


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999", "11", "1e3"])
def test_a_page_number_out_of_range_or_tampered_gets_a_clear_page(client, page):
    synthetic.generate(30)
    response = client.get("/uk/search/", {"q": "ketamine", "page": page})
    assert response.status_code == 200
    text = response.content.decode()
    assert "result" in text or "There are no more results" in text


def test_more_matches_than_the_cap_say_so(client, monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 40)
    synthetic.generate(120)
    page = client.get("/uk/search/", {"q": "ketamine"}).content.decode()
    assert "More than 40 results" in page and "Add a word" in page


def article_pages(client):
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    pages = [loc.text for loc in index.findall("s:sitemap/s:loc", NS) if "/sitemap-articles-" in loc.text]
    return [int(re.search(r"articles-(\d+)\.xml$", page).group(1)) for page in pages]


def test_the_sitemap_is_an_index_of_small_pages(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "ARTICLES_PER_PAGE", 25)
    synthetic.generate(60)
    numbers = article_pages(client)
    assert len(numbers) >= 3 and numbers == sorted(set(numbers))
    locations = sitemap_locations(client)
    articles = [loc for loc in locations if "/articles/synthetic-" in loc]
    assert len(articles) == len(set(articles)) == 60 * 4
    for number in numbers:
        page = ElementTree.fromstring(client.get(f"/sitemap-articles-{number}.xml").content)
        assert 0 < len(page.findall("s:url", NS)) <= 25 * 4
    assert client.get(f"/sitemap-articles-{numbers[-1] + 1}.xml").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_a_sitemap_page_whose_articles_were_all_unpublished_leaves_the_index(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "ARTICLES_PER_PAGE", 25)
    synthetic.generate(60)
    first, second, *rest = article_pages(client)
    low, high = (second - 1) * 25, second * 25
    for article in Article.objects.filter(pk__gt=low, pk__lte=high):
        article.status = Article.Status.DRAFT  # an editor unpublishing each of them
        article.save()
    assert article_pages(client) == [first, *rest]
    assert client.get(f"/sitemap-articles-{second}.xml").status_code == 404
    locations = sitemap_locations(client)
    public = Article.objects.published().filter(slug__startswith="synthetic-").count()
    assert len([loc for loc in locations if "/articles/synthetic-" in loc]) == public * 4
