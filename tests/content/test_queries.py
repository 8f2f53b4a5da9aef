"""Page costs: an article page uses the same few queries however much content there is."""

import pytest
from django.core.cache import cache

from tests.factories import make_article, make_topic
from tests.queries import PageQueries


def queries_for(client, url):
    cache.clear()  # count the worst case: help contacts not cached yet
    with PageQueries() as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_article_page_query_count_is_constant_and_small(client):
    topic = make_topic()
    small = make_article(topic=topic, sources=1)
    small.related_articles.set([make_article(topic=topic)])
    large = make_article(topic=topic, sources=12)
    large.related_articles.set([make_article(topic=topic, sources=3) for _ in range(10)])
    for _ in range(30):
        make_article(topic=topic)

    small_count = queries_for(client, small.get_absolute_url())
    large_count = queries_for(client, large.get_absolute_url())
    assert small_count == large_count
    # The article row carries its sources and related articles; the other query reads
    # the help contacts, which are cached after the first page.
    assert large_count <= 2
    page = client.get(large.get_absolute_url()).content.decode()
    assert page.count('href="https://www.nhs.uk/') == 12
    assert page.count('class="card"') == 10
