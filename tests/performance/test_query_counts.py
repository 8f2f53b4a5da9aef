"""Each public page costs the same number of queries with 10 articles as with 10,000."""

import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from content import sitemaps, synthetic
from content.models import Article, ArticleRendering, Source
from content.regions import REGIONS
from pathways.journey import State
from pathways.review import SPEC_BASE
from tests.factories import make_article, make_topic
from tests.queries import PageQueries

pytestmark = pytest.mark.django_db
ANSWERS = {
    **SPEC_BASE, "answering_for": "someone_else", "happening_now": ["severe_pain"], "frequency": "daily",
    "physical_health": ["bladder"],
}  # fmt: skip


def add_articles(topics, count):
    """Published articles in bulk (already rendered), with sources and related articles."""
    now = timezone.now()
    start = Article.objects.count()
    articles = Article.objects.bulk_create(
        Article(
            title=f"Guide {start + i}", slug=f"guide-{start + i}", topic=topics[i % len(topics)],
            audience=["self", "family", "both"][i % 3], summary="About bladder health.", key_points="One\nTwo\nThree",
            body="## Bladder\n\nText.", status="published", published_at=now, last_reviewed=now.date(),
        )
        for i in range(count)
    )  # fmt: skip
    ArticleRendering.objects.bulk_create(
        ArticleRendering(
            article=article, region=region, body_html='<h2 id="section-bladder">Bladder</h2><p>Text.</p>',
            contents=[{"id": "section-bladder", "title": "Bladder"}], search_text="Bladder Text.",
        )
        for article in articles
        for region in REGIONS
    )  # fmt: skip
    Source.objects.bulk_create(
        Source(article=article, title="Source", publisher="NHS", url="https://www.nhs.uk/") for article in articles
    )
    return articles


def queries(client, method, url, data=None):
    cache.clear()  # measure the uncached cost
    with PageQueries() as captured:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == 200
    return len(captured)


def pages(target):
    return {
        "home": ("get", "/uk/", None),
        "topic": ("get", f"/uk/topics/{target.topic.slug}/", None),
        "article": ("get", target.get_absolute_url(), None),
        "topic, page 2": ("get", f"/uk/topics/{target.topic.slug}/page/2/", None),
        "search": ("get", "/uk/search/", {"q": "bladder"}),
        "search, page 2": ("get", "/uk/search/", {"q": "bladder", "page": "2"}),
        "sitemap index": ("get", "/sitemap.xml", None),
        "sitemap, a page of articles": ("get", f"/sitemap-articles-{sitemaps.article_pages()[-1]}.xml", None),
        "result": ("post", "/uk/pathways/questions/", {"state": State(answers=ANSWERS).dumps(), "action": "result"}),
    }


def test_query_counts_do_not_grow_with_the_library(client):
    topics = [make_topic() for _ in range(8)]
    target = make_article(topic=topics[0], title="Target guide", slug="target-guide", sources=3)
    target.related_articles.set(add_articles(topics, 400)[:4])  # two pages in the target's topic
    small = {name: queries(client, *request) for name, request in pages(target).items()}
    target.related_articles.add(*add_articles(topics, 599)[:20])
    synthetic.generate(9_000)
    assert Article.objects.published().count() == 10_000
    large = {name: queries(client, *request) for name, request in pages(target).items()}
    # A search adds steps (and queries) only when the first matches do not fill the page; inside
    # the test's transaction it also makes a savepoint and puts the time limit back after.
    searches = [name for name in large if name.startswith("search")]
    assert max(small[name] for name in searches) <= 10 and max(large[name] for name in searches) <= 10
    for name in searches:
        del small[name], large[name]
    assert small == large
    assert max(large.values()) <= 5, large


def test_the_pages_of_a_long_list_are_all_reachable_and_small(client):
    topic = make_topic()
    synthetic.generate(120)
    first = client.get(f"/uk/topics/{topic.slug}/").content.decode()
    assert first.count('class="card"') == 50 and "Page 1 of 3." in first
    assert f'href="/uk/topics/{topic.slug}/page/2/" rel="next"' in first
    last = client.get(f"/uk/topics/{topic.slug}/page/3/").content.decode()
    assert last.count('class="card"') == 20 and 'aria-current="page">3<' in last
    assert client.get(f"/uk/topics/{topic.slug}/page/4/").status_code == 404
    assert client.get(f"/uk/topics/{topic.slug}/page/1/")["Location"] == f"/uk/topics/{topic.slug}/"
    seen = set()
    for page in (f"/uk/topics/{topic.slug}/", *(f"/uk/topics/{topic.slug}/page/{n}/" for n in (2, 3))):
        seen |= set(re.findall(r'href="/uk/articles/(synthetic-\d+)/"', client.get(page).content.decode()))
    assert len(seen) == 120
