"""An article page is read in one query from copies of its sources and related articles
(Article.source_list and related_list): every change to those must show on the page."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.cache import cache
from django.utils import timezone

from content.models import Article, Source
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def related_section(client, article):
    content = page(client, article)
    return content.split('id="related-heading"', 1)[1] if 'id="related-heading"' in content else ""


def test_sources_added_changed_and_removed_show_on_the_page(client, topic):
    article = make_article(topic=topic, sources=0)
    source = Source.objects.create(
        article=article, title="Ketamine facts", publisher="FRANK", url="https://frank.test/k"
    )
    assert "FRANK" in page(client, article)
    assert 'href="https://frank.test/k"' in page(client, article)

    source.title = "Ketamine: the facts"
    source.save()
    assert "Ketamine: the facts" in page(client, article)

    source.delete()
    assert 'id="sources-heading"' not in page(client, article)


def test_related_articles_follow_changes_to_the_link_and_to_the_other_article(client, topic):
    article = make_article(topic=topic)
    other = make_article(topic=topic, title="Bladder symptoms", summary="When to get help for your bladder.")
    article.related_articles.add(other)
    assert "Bladder symptoms" in related_section(client, article)
    assert other.get_absolute_url() in related_section(client, article)

    other.title = "Bladder symptoms and when to worry"
    other.save()
    assert "Bladder symptoms and when to worry" in related_section(client, article)

    article.related_articles.remove(other)
    assert related_section(client, article) == ""

    article.related_articles.add(other)
    article.related_articles.clear()
    assert related_section(client, article) == ""


def test_an_unpublished_or_deleted_related_article_leaves_the_page(client, topic):
    article = make_article(topic=topic)
    withdrawn = make_article(topic=topic, title="Withdrawn guide")
    removed = make_article(topic=topic, title="Old guide")
    article.related_articles.add(withdrawn, removed)
    assert "Withdrawn guide" in related_section(client, article)
    assert "Old guide" in related_section(client, article)

    withdrawn.status = Article.Status.DRAFT
    withdrawn.save()
    removed.delete()

    related = related_section(client, article)
    assert "Withdrawn guide" not in related
    assert "Old guide" not in related


def test_a_scheduled_related_article_appears_on_its_date_without_another_save(client, topic, monkeypatch):
    article = make_article(topic=topic)
    soon = make_article(topic=topic, title="Coming soon", published_at=timezone.now() + timedelta(hours=2))
    article.related_articles.add(soon)
    assert "Coming soon" not in related_section(client, article)

    later = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    cache.clear()  # the page cache would otherwise keep the earlier page for up to PAGE_CACHE_SECONDS
    assert "Coming soon" in related_section(client, article)


def test_related_articles_are_listed_by_title_with_their_family_tag(client, topic):
    article = make_article(topic=topic)
    article.related_articles.add(
        make_article(topic=topic, title="Zinc and you"),
        make_article(topic=topic, title="Asking for help", audience=Article.Audience.FAMILY),
    )
    related = related_section(client, article)
    assert related.index("Asking for help") < related.index("Zinc and you")
    assert "For family and friends" in related


def test_the_migration_fills_the_copies_for_existing_articles(topic):
    article = make_article(topic=topic, sources=2)
    article.related_articles.add(make_article(topic=topic, title="A related guide"))
    Article.objects.filter(pk=article.pk).update(source_list=[], related_list=[])

    importlib.import_module("content.migrations.0004_page_lists").fill(apps, None)

    article.refresh_from_db()
    assert [source["title"] for source in article.source_list] == ["Source 0", "Source 1"]
    assert [link.title for link in article.related_links] == ["A related guide"]


def test_an_article_linked_to_itself_does_not_list_itself(client, topic):
    article = make_article(topic=topic, title="Only me")
    article.related_articles.add(article)
    assert related_section(client, article) == ""


def test_lists_are_read_again_once_a_change_is_committed(topic, django_capture_on_commit_callbacks):
    article = make_article(topic=topic, sources=1)
    with django_capture_on_commit_callbacks(execute=True):
        Source.objects.create(article=article, title="Added today", publisher="NHS", url="https://nhs.test/new")
        # Another editor's save, which read the sources before this one was committed,
        # writes its older copy while this transaction is still open.
        Article.objects.filter(pk=article.pk).update(source_list=[])
    article.refresh_from_db()
    assert "Added today" in [source["title"] for source in article.source_list]


def test_a_page_cached_before_a_change_is_committed_does_not_outlive_the_commit(
    client, topic, django_capture_on_commit_callbacks
):
    article = make_article(topic=topic, title="Withdrawal: old words")
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Withdrawal: what to expect"
        article.save()
        # A reader in between still gets the rows as they were before the commit...
        Article.objects.filter(pk=article.pk).update(title="Withdrawal: old words")
        assert "Withdrawal: old words" in page(client, article)
        Article.objects.filter(pk=article.pk).update(title="Withdrawal: what to expect")
    # ...but the page cached then is not served once the change is committed.
    assert "Withdrawal: what to expect" in page(client, article)
