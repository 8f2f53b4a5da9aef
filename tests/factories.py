"""Small factory functions for test data."""

import itertools
from datetime import date, timedelta

from django.utils import timezone

from content.models import Article, Source, Topic

_counter = itertools.count(1)


def make_topic(**fields):
    n = next(_counter)
    values = {"title": f"Topic {n}", "slug": f"topic-{n}", "summary": "A topic.", "order": n}
    values.update(fields)
    return Topic.objects.create(**values)


def make_article(topic=None, sources=1, **fields):
    n = next(_counter)
    values = {
        "title": f"Article {n}",
        "slug": f"article-{n}",
        "topic": topic or make_topic(),
        "summary": "What this article covers.",
        "key_points": "First point\nSecond point\nThird point",
        "body": "## What it is\n\nSome text.\n\n## Where to get help\n\nAsk your GP.",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(days=1),
        "last_reviewed": date(2026, 11, 1),
        "reviewed_by": "Test reviewer",
    }
    values.update(fields)
    article = Article.objects.create(**values)
    for i in range(sources):
        Source.objects.create(article=article, title=f"Source {i}", publisher="NHS", url=f"https://www.nhs.uk/{n}/{i}")
    return article


def article_form_data(article, **changes):
    """What the admin change form would send for `article`, with `changes` applied."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "topic": article.topic_id,
        "audience": article.audience,
        "summary": article.summary,
        "key_points": article.key_points,
        "body": article.body,
        "version": article.version,
        "status": article.status,
        "published_at_0": "",
        "published_at_1": "",
        "last_reviewed": article.last_reviewed.isoformat() if article.last_reviewed else "",
        "next_review_due": article.next_review_due.isoformat() if article.next_review_due else "",
        "reviewed_by": article.reviewed_by,
        "sources-TOTAL_FORMS": str(article.sources.count()),
        "sources-INITIAL_FORMS": str(article.sources.count()),
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
    }
    if article.published_at:
        local = timezone.localtime(article.published_at)
        data["published_at_0"], data["published_at_1"] = local.date().isoformat(), local.strftime("%H:%M:%S")
    for index, source in enumerate(article.sources.all()):
        data.update(
            {
                f"sources-{index}-id": source.pk,
                f"sources-{index}-article": article.pk,
                f"sources-{index}-title": source.title,
                f"sources-{index}-publisher": source.publisher,
                f"sources-{index}-url": source.url,
                f"sources-{index}-order": source.order,
            }
        )
    data.update(changes)
    return data
