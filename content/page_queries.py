"""The queries of the two busiest uncached pages, PREPAREd once per database connection on PostgreSQL.

The article page and a topic page always run the same few queries. Built by the ORM, the article
page's one query cost about 0.35 ms of Python on every request, and PostgreSQL spent another
0.2 ms planning it, three times as long as running it; a topic page's three queries (the topic,
the count, the page's rows) cost about 1.5 ms. Here each page's SQL is written out once from the
models' own table and column names, PREPAREd the first time a connection runs it, and then only
EXECUTEd, in one round trip. The objects made from the rows are the ones the ORM would make
(Model.from_db, with each field's database converters), so the pages cannot tell them apart:
tests/content/test_page_queries.py renders every region's pages both ways and compares them.

Elsewhere (SQLite), and when PREPARED_STATEMENTS is off (behind a pooler in transaction mode,
such as PgBouncer, which cannot keep a session's prepared statements), the ORM queries are used.
Staff previewing drafts always use the ORM (content.views).
"""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.utils import timezone

from content.models import Article, ArticleRendering, Topic

PUBLISHED = Article.Status.PUBLISHED.value


def columns(model, names=None):
    """The fields named (all concrete fields when None), in the model's own order (as Model.from_db
    reads them), and their quoted columns."""
    order = {field.name: index for index, field in enumerate(model._meta.concrete_fields)}
    fields = [model._meta.get_field(name) for name in names] if names else list(model._meta.concrete_fields)
    fields.sort(key=lambda field: order[field.name])
    return fields, [f'"{model._meta.db_table}"."{field.column}"' for field in fields]


def from_row(connection, fields, values):
    """The instance of fields[0].model the ORM would make of these columns, or None for a row of NULLs
    (the missing side of an outer join)."""
    if values[0] is None:
        return None
    converted = []
    for field, value in zip(fields, values, strict=True):
        for converter in field.get_db_converters(connection):
            value = converter(value, field, connection)
        converted.append(value)
    return fields[0].model.from_db(connection.alias, [field.attname for field in fields], converted)


class Statement:
    """One prepared statement: `sql()` gives the text after "PREPARE name (types) AS"."""

    def __init__(self, name, types, sql):
        self.name, self.types, self.sql = name, types, sql

    def rows(self, connection, params):
        with connection.cursor() as cursor:  # connects first, so a new session starts with none prepared
            prepared = connection.__dict__.setdefault("portal_prepared", set())
            if self.name not in prepared:
                # Not undone by a rollback: a prepared statement lasts as long as the session.
                cursor.execute(f"PREPARE {self.name} ({', '.join(self.types)}) AS {self.sql()}")
                prepared.add(self.name)
            cursor.execute(f"EXECUTE {self.name} ({', '.join(['%s'] * len(params))})", params)
            return cursor.fetchall()


@receiver(connection_created)
def forget_statements(sender, connection, **kwargs):
    """A new session has no prepared statements."""
    connection.__dict__.pop("portal_prepared", None)


def prepared_connection():
    """The default connection when the pages' statements may be prepared on it, else None."""
    connection = connections[DEFAULT_DB_ALIAS]
    return connection if connection.vendor == "postgresql" and settings.PREPARED_STATEMENTS else None


# The article page ------------------------------------------------------------------------------

ARTICLE_PAGE_PARTS = (
    (ArticleRendering, ("id", "article", "body_html", "contents")),
    (Article, ("id", *(name for name in Article.PAGE_FIELDS if "__" not in name), "topic")),
    (Topic, ("id", "title", "slug")),
)


def _article_page_sql():
    """$1 the slug, $2 the region, $3 now."""
    select = ", ".join(column for model, names in ARTICLE_PAGE_PARTS for column in columns(model, names)[1])
    rendering, article, topic = (model._meta.db_table for model, _ in ARTICLE_PAGE_PARTS)
    return (
        f"SELECT {select} "
        f'FROM "{rendering}" INNER JOIN "{article}" ON ("{rendering}"."article_id" = "{article}"."id") '
        f'INNER JOIN "{topic}" ON ("{article}"."topic_id" = "{topic}"."id") '
        f'WHERE "{article}"."slug" = $1 AND "{rendering}"."region" = $2 '
        f'AND "{article}"."status" = \'{PUBLISHED}\' AND "{article}"."published_at" <= $3'
    )


ARTICLE_PAGE = Statement("content_public_article_page", ("text", "text", "timestamptz"), _article_page_sql)


def public_rendering(slug, region):
    """The region's rendering of the public article at `slug`, with .article and its .topic, or None."""
    connection = prepared_connection()
    if connection is None:
        renderings = ArticleRendering.objects.select_related("article__topic").only(
            "body_html", "contents", *(f"article__{name}" for name in Article.PAGE_FIELDS)
        )
        # The same test as Article.objects.published(), on the joined row: a subquery costs
        # more to plan and to build than the rest of the page's query.
        found = renderings.filter(
            article__status=Article.Status.PUBLISHED, article__published_at__lte=timezone.now()
        ).filter(region=region, article__slug=slug)[:1]
        return found[0] if found else None
    rows = ARTICLE_PAGE.rows(connection, [slug, region, timezone.now()])
    if not rows:
        return None
    made, start = [], 0
    for model, names in ARTICLE_PAGE_PARTS:
        fields = columns(model, names)[0]
        made.append(from_row(connection, fields, rows[0][start : start + len(fields)]))
        start += len(fields)
    rendering, article, topic = made
    article._state.fields_cache["topic"] = topic
    rendering._state.fields_cache["article"] = article
    return rendering


# A topic page ----------------------------------------------------------------------------------

LISTING_FIELDS = ("id", "title", "slug", "summary", "audience", "topic")  # what a list of links shows


def _topic_page_sql():
    """$1 the topic's slug, $2 now, $3 the page size, $4 the offset. One row per article on the
    page, each with the topic and the count of its public articles; one row with the topic and no
    article when the page is past the end; no row when there is no such topic. The page's ids
    (and the count) come from a narrow index alone (PostgreSQL, migration 0010), however deep the
    page; only those rows are then read in full."""
    topic, article = Topic._meta.db_table, Article._meta.db_table
    topic_columns = ", ".join(columns(Topic)[1])
    article_columns = ", ".join(columns(Article, LISTING_FIELDS)[1])
    return (
        f'SELECT {topic_columns}, "page"."total", {article_columns} FROM "{topic}" '
        f'LEFT JOIN LATERAL (SELECT "inner"."id", "inner"."title", COUNT(*) OVER () AS "total" '
        f'FROM "{article}" AS "inner" WHERE "inner"."topic_id" = "{topic}"."id" '
        f'AND "inner"."status" = \'{PUBLISHED}\' AND "inner"."published_at" <= $2 '
        f'ORDER BY "inner"."title", "inner"."id" LIMIT $3 OFFSET $4) AS "page" ON TRUE '
        f'LEFT JOIN "{article}" ON "{article}"."id" = "page"."id" '
        f'WHERE "{topic}"."slug" = $1 ORDER BY "page"."title", "page"."id"'
    )


TOPIC_PAGE = Statement("content_public_topic_page", ("text", "timestamptz", "integer", "integer"), _topic_page_sql)


def public_topic_page(slug, page, size):
    """(topic, the public articles on page `page` of `size` in title order, how many it has in
    all), or None when there is no such topic. Past the last page, the list is empty."""
    connection = prepared_connection()
    if connection is None:
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            return None
        published = Article.objects.published().filter(topic=topic)
        total = published.count()
        ids = published.order_by("title", "pk").values_list("pk", flat=True)[(page - 1) * size : page * size]
        listing = Article.objects.only(*LISTING_FIELDS).filter(pk__in=ids).order_by("title", "pk")
        return topic, list(listing), total
    rows = TOPIC_PAGE.rows(connection, [slug, timezone.now(), size, (page - 1) * size])
    if not rows:
        return None
    topic_fields, article_fields = columns(Topic)[0], columns(Article, LISTING_FIELDS)[0]
    cut = len(topic_fields)
    topic = from_row(connection, topic_fields, rows[0][:cut])
    articles = [from_row(connection, article_fields, row[cut + 1 :]) for row in rows if row[cut + 1] is not None]
    return topic, articles, rows[0][cut] or 0
