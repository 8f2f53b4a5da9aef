"""Words for "did you mean" on PostgreSQL (issue 16): a table of the words in the articles' titles,
summaries and key points, with a trigram index (pg_trgm), so a search that finds nothing can try
the closest words instead. pg_trgm is a trusted extension (PostgreSQL 13 and later: a database's
owner may create it); where it cannot be created, the migration goes on without it and searches
simply make no suggestion."""

from django.db import migrations, models

CREATE = """
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm could not be created (%): searches will make no suggestions', SQLERRM;
END
$$;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX IF NOT EXISTS content_searchword_trigrams ON content_searchword USING gin (word gin_trgm_ops);
    END IF;
END
$$;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from content import search_index

        schema_editor.execute(CREATE, params=None)
        search_index.update_words(using=schema_editor.connection.alias)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS content_searchword_trigrams")


class Migration(migrations.Migration):
    dependencies = [("content", "0010_listing_indexes")]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[("word", models.CharField(max_length=60, primary_key=True, serialize=False))],
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
