"""Read the seed content in fixtures/ and load it into the database.

Care cards live in fixtures/care_cards.yaml and topics in fixtures/topics.yaml. Each article is a Markdown file in
fixtures/articles/ that starts with YAML front matter between two `---` lines:
title, slug, topic, audience, summary, key_points, reviewed_by, last_reviewed,
next_review_due, published, related (slugs) and sources (title, publisher, url).

Loading matches rows by slug, so it never makes duplicates. Existing rows are left as
editors have them unless `update=True`, which overwrites them from the files.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from content.models import Article, CareCard, Source, Topic
from content.signals import sources_in_bulk

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
ARTICLE_FIELDS = (
    "title",
    "topic",
    "audience",
    "summary",
    "key_points",
    "reviewed_by",
    "last_reviewed",
    "next_review_due",
)


class SeedError(ValueError):
    pass


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)


def parse_article(text, name="article"):
    """Split an article file into its front matter (a dict) and its Markdown body."""
    if not text.startswith("---\n"):
        raise SeedError(f"{name}: must start with a '---' line of front matter.")
    try:
        header, body = text[4:].split("\n---\n", 1)
    except ValueError:
        raise SeedError(f"{name}: the front matter has no closing '---' line.") from None
    meta = yaml.safe_load(header) or {}
    missing = [key for key in ("title", "slug", "topic", "summary", "sources") if not meta.get(key)]
    if missing:
        raise SeedError(f"{name}: front matter is missing {', '.join(missing)}.")
    meta["body"] = body.strip() + "\n"
    return meta


def article_files(directory=None):
    return sorted(Path(directory or FIXTURES / "articles").glob("*.md"))


def read_articles(directory=None):
    return [parse_article(path.read_text(encoding="utf-8"), path.name) for path in article_files(directory)]


def read_yaml(name):
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))


def read_topics():
    return read_yaml("topics.yaml")


def upsert(model, lookup, values, update, report, on_create=None):
    """Create the row matching `lookup`, or update it when `update` is set; note which in `report`.

    `on_create` holds values used only for a new row (an update never touches them).
    Returns the row and whether it was written.
    """
    label = "/".join(str(value) for value in lookup.values())
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values, **(on_create or {}))
        obj.save()
        report.created.append(label)
        return obj, True
    if update:
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()
        report.updated.append(label)
        return obj, True
    report.unchanged.append(label)
    return obj, False


def read_care_cards():
    return read_yaml("care_cards.yaml")


@transaction.atomic
def load_care_cards(cards, update=False):
    """Care cards before articles: articles embed them when they are rendered."""
    report = LoadReport()
    for entry in cards:
        values = {"title": entry["title"], "body": entry["body"]}
        upsert(CareCard, {"tier": entry["tier"], "region": entry["region"]}, values, update, report)
    return report


@transaction.atomic
def load_topics(topics, update=False):
    report = LoadReport()
    for entry in topics:
        values = {
            "title": entry["title"],
            "summary": entry["summary"],
            "order": entry.get("order", 0),
            "medical": bool(entry.get("medical")),
        }
        upsert(Topic, {"slug": entry["slug"]}, values, update, report)
    return report


@transaction.atomic
def load_articles(articles, update=False):
    report = LoadReport()
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    written = {}
    for meta in articles:
        if meta["topic"] not in topics:
            raise SeedError(f"{meta['slug']}: unknown topic {meta['topic']!r}.")
        values = {name: meta.get(name) for name in ARTICLE_FIELDS}
        values["topic"] = topics[meta["topic"]]
        values["key_points"] = "\n".join(meta.get("key_points") or [])
        values["audience"] = values["audience"] or Article.Audience.BOTH
        values["reviewed_by"] = values["reviewed_by"] or ""
        values["body"] = meta["body"]
        published = meta.get("published")
        # Seed articles arrive published; an update never changes where an article is in the editorial flow.
        on_create = {
            "status": Article.Status.PUBLISHED,
            "published_at": (
                timezone.make_aware(timezone.datetime.combine(published, timezone.datetime.min.time()))
                if published
                else timezone.now()
            ),
        }
        article, changed = upsert(Article, {"slug": meta["slug"]}, values, update, report, on_create)
        if changed:
            with sources_in_bulk():
                article.sources.all().delete()
            Source.objects.bulk_create(
                Source(
                    article=article,
                    order=index,
                    regions=" ".join(source.get("regions") or []),
                    key=source.get("key", ""),
                    **{key: source[key] for key in ("title", "publisher", "url")},
                )
                for index, source in enumerate(meta["sources"])
            )
            article.refresh_page_lists()  # bulk_create sends no signals
            article.rerender()  # its citations are numbered from the sources
            written[meta["slug"]] = (article, meta.get("related") or [])
    by_slug = {article.slug: article for article in Article.objects.all()}
    for slug, (article, related) in written.items():
        unknown = [name for name in related if name not in by_slug]
        if unknown:
            raise SeedError(f"{slug}: related article(s) not found: {', '.join(unknown)}.")
        article.related_articles.set([by_slug[name] for name in related])
    return report
