"""Narrow indexes for the long lists, on PostgreSQL: a topic's page of articles and a sitemap
page are read from the index alone (an index-only scan), however deep the page, instead of
from the wide article rows (issue 16). Only published articles are indexed."""

from django.db import migrations

INDEXES = {
    # Topic pages (count, and page by title), the home page's counts and family articles.
    "content_article_listing": (
        "content_article (topic_id, title, id) INCLUDE (published_at, audience) WHERE status = 'published'"
    ),
    # Sitemap pages: slug and updated_at in id order.
    "content_article_sitemap": "content_article (id) INCLUDE (slug, updated_at, published_at) WHERE status = 'published'",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, target in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("content", "0009_search_vectors")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
