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
