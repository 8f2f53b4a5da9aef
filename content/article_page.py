"""The public article page's one query, prepared once per database connection on PostgreSQL.

An uncached article page is the site's most common dynamic page. Its query is always the same
join: the region's rendering, the article and its topic, for one slug, if the article is public.
Built by the ORM it cost about 0.35 ms of Python on every request, and PostgreSQL spent another
0.2 ms planning it, three times as long as running it. Here the SQL is written out once from the
models' own column names, PREPAREd the first time a connection runs it, and then only EXECUTEd:
about a quarter of the page's cost. The objects made from the row are the ones the ORM would make
(Model.from_db, with each field's database converters), so the page cannot tell them apart;
tests/content/test_article_page.py compares the two.

Elsewhere (SQLite), when PREPARED_STATEMENTS is off (for a pooler in transaction mode, such as
PgBouncer, which cannot keep a session's prepared statements), and for staff previewing drafts,
the ORM query is used.
"""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.db.models import Model
from django.dispatch import receiver
from django.utils import timezone

from content.models import Article, ArticleRendering, Topic

STATEMENT = "content_public_article_page"

RENDERING_FIELDS = ("id", "article", "body_html", "contents")
TOPIC_FIELDS = ("id", "title", "slug")


def article_fields():
    """The article's fields the page reads (Article.PAGE_FIELDS, without the topic's)."""
    return ("id", *(name for name in Article.PAGE_FIELDS if "__" not in name), "topic")


def columns(model, names):
    """The fields named, in the model's own order (as Model.from_db reads them), and their columns."""
    order = {field.name: index for index, field in enumerate(model._meta.concrete_fields)}
    fields = sorted((model._meta.get_field(name) for name in names), key=lambda field: order[field.name])
    return fields, [f'"{model._meta.db_table}"."{field.column}"' for field in fields]


def statement_sql():
    """The PREPARE statement: $1 the slug, $2 the region, $3 now."""
    parts = [columns(model, names) for model, names in PARTS]
    select = ", ".join(column for _, cols in parts for column in cols)
    rendering, article, topic = (model._meta.db_table for model, _ in PARTS)
    return (
        f"PREPARE {STATEMENT} (text, text, timestamptz) AS SELECT {select} "
        f'FROM "{rendering}" INNER JOIN "{article}" ON ("{rendering}"."article_id" = "{article}"."id") '
        f'INNER JOIN "{topic}" ON ("{article}"."topic_id" = "{topic}"."id") '
        f'WHERE "{article}"."slug" = $1 AND "{rendering}"."region" = $2 '
        f'AND "{article}"."status" = \'{Article.Status.PUBLISHED.value}\' AND "{article}"."published_at" <= $3'
    )


PARTS = ((ArticleRendering, RENDERING_FIELDS), (Article, article_fields()), (Topic, TOPIC_FIELDS))


def uses_prepared_statement(connection):
    return connection.vendor == "postgresql" and settings.PREPARED_STATEMENTS


@receiver(connection_created)
def forget_statements(sender, connection, **kwargs):
    """A new session has no prepared statements (PREPARE lasts as long as the session)."""
    connection.__dict__.pop("portal_prepared", None)


def public_rendering(slug, region):
    """The region's rendering of the public article at `slug`, with .article and its .topic, or None."""
    connection = connections[DEFAULT_DB_ALIAS]
    if not uses_prepared_statement(connection):
        renderings = ArticleRendering.objects.select_related("article__topic").only(
            "body_html", "contents", *(f"article__{name}" for name in Article.PAGE_FIELDS)
        )
        # The same test as Article.objects.published(), on the joined row: a subquery costs
        # more to plan and to build than the rest of the page's query.
        found = renderings.filter(
            article__status=Article.Status.PUBLISHED, article__published_at__lte=timezone.now()
        ).filter(region=region, article__slug=slug)[:1]
        return found[0] if found else None
    with connection.cursor() as cursor:
        if not connection.__dict__.get("portal_prepared"):
            cursor.execute(statement_sql())  # not undone by a rollback: it lasts the session
            connection.portal_prepared = True
        cursor.execute(f"EXECUTE {STATEMENT} (%s, %s, %s)", [slug, region, timezone.now()])
        row = cursor.fetchone()
    if row is None:
        return None
    made, start = [], 0
    for model, names in PARTS:
        made.append(from_row(connection, model, names, row[start : start + len(names)]))
        start += len(names)
    rendering, article, topic = made
    article._state.fields_cache["topic"] = topic
    rendering._state.fields_cache["article"] = article
    return rendering


def from_row(connection, model: type[Model], names, values):
    """The instance the ORM would make of these columns (in the order `columns` gives)."""
    fields, _ = columns(model, names)
    converted = []
    for field, value in zip(fields, values, strict=True):
        for converter in field.get_db_converters(connection):
            value = converter(value, field, connection)
        converted.append(value)
    return model.from_db(connection.alias, [field.attname for field in fields], converted)
