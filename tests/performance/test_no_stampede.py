"""After an edit, cached pages are replaced without a stampede (issue 16): a text edit lets
readers keep the old copy while one request renders the new one; a change that must be seen
at once (an unpublished or moved article, a help contact) is never served from an old copy;
and when a page is missing, one request renders it while the others wait for it."""

import threading
import time

import pytest
from django.core.cache import cache

from content.models import Article
from pathways.models import HelpContact
from recovery_portal import page_cache
from tests.factories import make_article

pytestmark = pytest.mark.django_db
URL = "/uk/articles/stampede-guide/"


@pytest.fixture
def article(topic):
    return make_article(topic=topic, title="Stampede guide", slug="stampede-guide", summary="The first summary.")


def rendering_elsewhere(path):
    """Pretend another request is rendering `path` now: hold its lock."""
    lock = page_cache.lock_key(page_cache.page_key("testserver", path))
    assert cache.add(lock, 1, 30)
    return lock


def test_after_a_text_edit_readers_get_the_old_copy_while_one_request_renders_the_new(client, article):
    client.get(URL)
    article.summary = "The corrected summary."
    article.save()
    lock = rendering_elsewhere(URL)
    meanwhile = client.get(URL)
    assert meanwhile["X-Page-Cache"] == "stale"
    assert "The first summary." in meanwhile.content.decode()
    cache.delete(lock)  # that render finished without storing; the next reader renders it
    fresh = client.get(URL)
    assert fresh["X-Page-Cache"] == "refresh"
    assert "The corrected summary." in fresh.content.decode()
    assert client.get(URL)["X-Page-Cache"] == "hit"


def test_a_text_edit_costs_one_render_per_page(client, article):
    for path in (URL, "/uk/"):
        client.get(path)
    article.summary = "Edited once."
    article.save()
    renders = [client.get(path)["X-Page-Cache"] for path in (URL, "/uk/", URL, "/uk/", URL)]
    assert renders == ["refresh", "refresh", "hit", "hit", "hit"]


def test_an_edit_to_an_articles_body_renders_only_that_articles_pages(client, article):
    other = make_article(slug="untouched-guide")
    paths = [URL, "/us/articles/stampede-guide/", "/uk/", f"/uk/articles/{other.slug}/", "/uk/get-help/"]
    for path in paths:
        client.get(path)
    article.body = "## What it is\n\nCorrected text.\n\n## Where to get help\n\nAsk your GP."
    article.save()
    assert [client.get(path)["X-Page-Cache"] for path in paths] == ["refresh", "refresh", "hit", "hit", "hit"]
    assert "Corrected text." in client.get(URL).content.decode()


def test_a_new_source_renders_its_articles_pages_again(client, article):
    from content.models import Source

    client.get(URL)
    Source.objects.create(article=article, title="A new study", publisher="NHS", url="https://www.nhs.uk/new-study")
    page = client.get(URL)
    assert page["X-Page-Cache"] == "refresh"
    assert "A new study" in page.content.decode()


def test_searches_are_never_kept_and_never_wait_for_one_another(client, article):
    first = client.get("/uk/search/?q=stampede")
    assert "X-Page-Cache" not in first
    rendering_elsewhere("/uk/search/")  # another search is running
    started = time.monotonic()
    second = client.get("/uk/search/?q=guide")
    assert time.monotonic() - started < page_cache.WAIT_SECONDS / 2
    assert "Stampede guide" in second.content.decode()


def test_an_unpublished_article_is_never_served_from_an_old_copy(client, article):
    assert client.get(URL).status_code == 200
    article.status = Article.Status.DRAFT
    article.save()
    rendering_elsewhere(URL)  # even while another request is rendering the page
    assert client.get(URL).status_code == 404


def test_an_article_scheduled_for_later_is_taken_down_at_once(client, article):
    from datetime import timedelta

    from django.utils import timezone

    assert client.get(URL).status_code == 200
    article.published_at = timezone.now() + timedelta(days=3)
    article.save()
    assert client.get(URL).status_code == 404


def test_a_moved_article_is_not_served_at_its_old_address(client, article):
    assert client.get(URL).status_code == 200
    article.slug = "stampede-guide-moved"
    article.save()
    rendering_elsewhere(URL)
    assert client.get(URL).status_code == 404
    assert client.get("/uk/articles/stampede-guide-moved/").status_code == 200


def test_a_changed_help_contact_is_never_served_from_an_old_copy(client, article):
    contact = HelpContact.objects.create(name="Crisis team", kind="crisis_line", region="uk", phone="0800 123 456")
    assert "0800 123 456" in client.get("/uk/get-help/").content.decode()
    contact.phone = "0800 999 000"
    contact.save()
    rendering_elsewhere("/uk/get-help/")
    page = client.get("/uk/get-help/").content.decode()
    assert "0800 999 000" in page and "0800 123 456" not in page


def test_a_draft_edit_leaves_every_cached_page_as_it_is(client, article):
    draft = make_article(slug="quiet-draft", status=Article.Status.DRAFT, published_at=None)
    client.get(URL)
    draft.body = "## Still drafting\n\nNot public yet."
    draft.save()
    assert client.get(URL)["X-Page-Cache"] == "hit"


def test_a_missing_page_is_rendered_once_and_the_others_wait_for_it(client, article, django_assert_num_queries):
    lock = rendering_elsewhere(URL)
    key = page_cache.page_key("testserver", URL)

    def the_other_request_finishes():
        revisions = page_cache.revisions(page_cache.scopes_for(URL))
        entry = {"content": b"<p>rendered by the other request</p>", "headers": {}, "revisions": revisions}
        cache.set(key, entry, 60)
        cache.delete(lock)

    timer = threading.Timer(0.2, the_other_request_finishes)
    timer.start()
    with django_assert_num_queries(0):  # it waited: no render of its own
        page = client.get(URL)
    timer.join()
    assert page["X-Page-Cache"] == "hit"
    assert page.content == b"<p>rendered by the other request</p>"


def test_a_request_does_not_wait_forever_for_a_render_that_never_finishes(client, article, settings, monkeypatch):
    monkeypatch.setattr(page_cache, "WAIT_SECONDS", 0.1)
    rendering_elsewhere(URL)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Stampede guide" in page.content.decode()


def test_an_evicted_counter_never_brings_an_old_page_back(client, article):
    cache.clear()  # the counter starts afresh
    assert client.get(URL).status_code == 200  # stored under the first generation
    article.status = Article.Status.DRAFT
    article.save()
    cache.delete(page_cache.GENERATION_KEY)  # the cache evicts the counter (memory pressure, culling)
    assert client.get(URL).status_code == 404


def test_an_evicted_revision_never_makes_an_old_copy_current(client, article):
    client.get(URL)
    article.summary = "The corrected summary."
    article.save()
    cache.delete(page_cache.REVISION_PREFIX + page_cache.article_scope(article.slug))
    page = client.get(URL)
    assert "The corrected summary." in page.content.decode()


def test_while_the_database_is_down_a_page_that_only_missed_a_text_edit_is_still_served(client, article, monkeypatch):
    from django.db import OperationalError

    from content import views

    client.get(URL)
    article.summary = "The corrected summary."
    article.save()

    def down(*args, **kwargs):
        raise OperationalError("the database is down")

    monkeypatch.setattr(views, "public_rendering", down)
    during = client.get(URL)
    assert during.status_code == 200 and during["X-Page-Cache"] == "stale-if-error"
    assert "The first summary." in during.content.decode()
    monkeypatch.undo()
    after = client.get(URL)
    assert after["X-Page-Cache"] == "refresh"
    assert "The corrected summary." in after.content.decode()


def test_while_the_database_is_down_an_unpublished_article_is_not_served(client, article, monkeypatch):
    from django.db import OperationalError

    from content import views

    client.get(URL)
    article.status = Article.Status.DRAFT
    article.save()

    def down(*args, **kwargs):
        raise OperationalError("the database is down")

    monkeypatch.setattr(views, "public_rendering", down)
    page = client.get(URL)
    assert page.status_code == 503
    assert "Stampede guide" not in page.content.decode()
