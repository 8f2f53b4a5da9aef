"""The seed content loads, reloads without duplicates, and leaves editors' changes alone."""

import pytest
from django.core.management import call_command

from content import seed
from content.models import Article, Source, Topic

ARTICLE = """---
title: "Ketamine: the basics"
slug: ketamine-basics
topic: understanding-ketamine
audience: self
summary: What ketamine is.
key_points:
  - It is an anaesthetic.
  - It is Class B.
last_reviewed: 2026-11-20
published: 2026-11-20
related: []
sources:
  - title: Ketamine
    publisher: FRANK
    url: https://www.talktofrank.com/drug/ketamine
---
## What it is

An anaesthetic.
"""


def test_parse_article_reads_front_matter_and_body():
    meta = seed.parse_article(ARTICLE)
    assert meta["title"] == "Ketamine: the basics"
    assert meta["key_points"] == ["It is an anaesthetic.", "It is Class B."]
    assert meta["body"] == "## What it is\n\nAn anaesthetic.\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("## No front matter", "must start with"),
        ("---\ntitle: x\n", "no closing"),
        ("---\ntitle: x\n---\nbody", "missing slug, topic, summary, sources"),
    ],
)
def test_parse_article_explains_what_is_wrong(text, message):
    with pytest.raises(seed.SeedError, match=message):
        seed.parse_article(text)


@pytest.mark.django_db
def test_fixtures_load_and_reload_without_duplicates():
    call_command("load_articles", verbosity=0)
    counts = (Topic.objects.count(), Article.objects.count(), Source.objects.count())
    assert counts[0] >= 6 and counts[1] >= 4
    call_command("load_articles", verbosity=0)
    call_command("load_articles", "--update", verbosity=0)
    assert (Topic.objects.count(), Article.objects.count(), Source.objects.count()) == counts


@pytest.mark.django_db
def test_reloading_keeps_editors_changes_unless_asked(topic):
    call_command("load_articles", verbosity=0)
    article = Article.objects.order_by("slug").first()
    original = article.summary
    article.summary = "Changed by an editor."
    article.save()
    call_command("load_articles", verbosity=0)
    article.refresh_from_db()
    assert article.summary == "Changed by an editor."
    call_command("load_articles", "--update", verbosity=0)
    article.refresh_from_db()
    assert article.summary == original


@pytest.mark.django_db
def test_every_seeded_article_is_served(client):
    call_command("load_articles", verbosity=0)
    slugs = list(Article.objects.published().values_list("slug", flat=True))
    assert len(slugs) == len(seed.article_files())
    for slug in slugs:
        assert client.get(f"/uk/articles/{slug}/").status_code == 200, slug
    for topic in Topic.objects.all():
        assert client.get(topic.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_unknown_related_article_is_reported(topic):
    meta = seed.parse_article(ARTICLE.replace("related: []", "related: [no-such-article]"))
    with pytest.raises(seed.SeedError, match="no-such-article"):
        seed.load_articles([meta])
