"""The article and topic pages' prepared queries (content.page_queries) shows readers exactly what the ORM
query showed, in every region, and keeps working across rollbacks and new connections."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content.models import Article
from content.page_queries import public_rendering, public_topic_page
from content.regions import REGIONS
from tests.factories import make_article, make_topic

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the statement is prepared on PostgreSQL only"),
]


@pytest.fixture
def articles():
    topic = make_topic(title="Bladder and kidneys")
    linked = make_article(topic=topic, title="Looking after your bladder")
    article = make_article(
        topic=topic,
        title="Ketamine and the bladder",
        sources=3,
        key_points="Pain when passing urine\nBlood in urine",
        body="## Signs\n\nPain, and needing to go often.\n\n## Getting help\n\nSee a GP.",
        clinical_reviewer="Dr A Example",
        clinical_reviewer_role="Consultant urologist",
        clinical_reviewed_on=timezone.localdate() - timedelta(days=3),
    )
    article.related_articles.set([linked])
    return article, linked


def test_each_regions_page_is_the_same_as_with_the_orm_query(client, settings, articles):
    article, _ = articles
    for region in REGIONS:
        url = f"/{region}/articles/{article.slug}/"
        settings.PREPARED_STATEMENTS = True
        cache.clear()
        prepared = client.get(url)
        settings.PREPARED_STATEMENTS = False
        cache.clear()
        orm = client.get(url)
        assert prepared.status_code == orm.status_code == 200, region
        assert prepared.content == orm.content, region
        page = prepared.content.decode()
        assert "Ketamine and the bladder" in page and "Consultant urologist" in page
        assert "Looking after your bladder" in page and page.count('href="https://www.nhs.uk/') == 3


def test_the_objects_are_the_ones_the_orm_makes(settings, articles):
    article, _ = articles
    settings.PREPARED_STATEMENTS = True
    prepared = public_rendering(article.slug, "ie")
    settings.PREPARED_STATEMENTS = False
    orm = public_rendering(article.slug, "ie")
    assert prepared.pk == orm.pk
    for name in ("body_html", "contents"):
        assert getattr(prepared, name) == getattr(orm, name)
    for name in Article.PAGE_FIELDS:
        owner, _, field = name.partition("__")
        left, right = prepared.article, orm.article
        if field:
            left, right, name = getattr(left, owner), getattr(right, owner), field
        assert getattr(left, name) == getattr(right, name), name
    assert prepared.article.topic.get_absolute_url() == orm.article.topic.get_absolute_url()
    assert isinstance(prepared.contents, list) and isinstance(prepared.article.source_list, list)


@pytest.mark.parametrize(
    "change",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"published_at": timezone.now() + timedelta(days=2)},
    ],
    ids=["draft", "in review", "scheduled"],
)
def test_an_article_readers_may_not_see_is_not_found(client, articles, change):
    article, _ = articles
    Article.objects.filter(pk=article.pk).update(**change)
    cache.clear()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert public_rendering(article.slug, "uk") is None
    assert public_rendering("no-such-article", "uk") is None


@pytest.mark.django_db(transaction=True)
def test_the_statement_is_prepared_once_per_connection(client, articles):
    article, linked = articles
    connection.close()  # a new session: nothing prepared yet
    with CaptureQueriesContext(connection) as first:
        assert public_rendering(article.slug, "uk").article.title == "Ketamine and the bladder"
    with CaptureQueriesContext(connection) as second:
        assert public_rendering(linked.slug, "au").article.title == "Looking after your bladder"
    assert [query["sql"].split()[0] for query in first.captured_queries] == ["PREPARE", "EXECUTE"]
    assert [query["sql"].split()[0] for query in second.captured_queries] == ["EXECUTE"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_and_a_new_connection_do_not_break_it(client, articles):
    article, _ = articles
    with pytest.raises(RuntimeError), transaction.atomic():
        assert public_rendering(article.slug, "uk") is not None
        raise RuntimeError("roll back")  # a PREPARE is not undone by a rollback, and is not repeated
    assert public_rendering(article.slug, "uk") is not None
    connection.close()
    cache.clear()
    assert client.get(article.get_absolute_url()).status_code == 200  # prepared again on the new session


def both_ways(client, settings, url):
    """The page with the prepared statement, then with the ORM (each uncached)."""
    answers = []
    for prepared in (True, False):
        settings.PREPARED_STATEMENTS = prepared
        cache.clear()
        answers.append(client.get(url))
    return answers


def test_topic_pages_are_the_same_as_with_the_orm_queries(client, settings, monkeypatch):
    from content import views

    monkeypatch.setattr(views, "TOPIC_PAGE_SIZE", 3)
    topic = make_topic(title="Treatment and support")
    for n in range(7):
        make_article(topic=topic, title=f"Guide {n}", audience="family" if n % 2 else "self")
    make_article(topic=topic, title="Guide 9 (draft)", status=Article.Status.DRAFT)
    make_article(topic=topic, title="Guide 8 (scheduled)", published_at=timezone.now() + timedelta(days=1))
    empty = make_topic(title="Nothing yet")
    pages = {
        f"/{region}/topics/{topic.slug}/{suffix}": status
        for region in REGIONS
        for suffix, status in (("", 200), ("page/2/", 200), ("page/3/", 200), ("page/4/", 404))
    }
    pages.update(
        {f"/uk/topics/{empty.slug}/": 200, "/uk/topics/no-such-topic/": 404, f"/uk/topics/{empty.slug}/page/2/": 404}
    )
    for url, status in pages.items():
        prepared, orm = both_ways(client, settings, url)
        assert prepared.status_code == orm.status_code == status, url
        assert prepared.content == orm.content, url
    first, last = (client.get(f"/uk/topics/{topic.slug}/{suffix}").content.decode() for suffix in ("", "page/3/"))
    assert first.count('class="card"') == 3 and "Page 1 of 3." in first and "Guide 0" in first
    assert last.count('class="card"') == 1 and "Guide 6" in last
    assert "draft" not in first + last and "scheduled" not in first + last
    assert "No articles here yet." in client.get(f"/uk/topics/{empty.slug}/").content.decode()


def test_the_topic_statement_gives_the_topic_the_page_and_the_count(settings):
    settings.PREPARED_STATEMENTS = True
    topic = make_topic(title="Detox")
    made = [make_article(topic=topic, title=f"Detox guide {n}") for n in range(5)]
    found_topic, articles, total = public_topic_page(topic.slug, 2, 2)
    assert found_topic == topic and found_topic.title == "Detox" and total == 5
    assert [article.title for article in articles] == ["Detox guide 2", "Detox guide 3"]
    assert [article.get_absolute_url() for article in articles] == [a.get_absolute_url() for a in made[2:4]]
    assert public_topic_page(topic.slug, 4, 2) == (topic, [], 0)  # past the end: the view's 404
    assert public_topic_page("no-such-topic", 1, 2) is None
