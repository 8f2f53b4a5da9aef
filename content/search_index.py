"""The stored search vectors (PostgreSQL only; SQLite has nothing to store).

- `ArticleSearchHead.vector`: the title (weight A), summary and key points (B). Every region's
  readers see the same head, so it is stored once per article, in a narrow table with the
  title and when the article went public.
- `ArticleRendering.search_vector`: the head and the region's text (C), per region.

Both use English stemming and have GIN indexes (migration 0009). `update()` writes them
whenever an article's renderings are stored, so a search reads the indexes and never builds
a vector per row. One SQL statement fills any number of articles (the migration fills them all).
"""

from django.db import connection

CONFIG = "english"

HEAD_SQL = f"""
    setweight(to_tsvector('{CONFIG}', coalesce(a.title, '')), 'A')
    || setweight(to_tsvector('{CONFIG}', coalesce(a.summary, '') || ' ' || coalesce(a.key_points, '')), 'B')
"""
VECTOR_SQL = f"""
    setweight(to_tsvector('{CONFIG}', coalesce(a.title, '')), 'A')
    || setweight(to_tsvector('{CONFIG}', coalesce(a.summary, '') || ' ' || coalesce(a.key_points, '')), 'B')
    || setweight(to_tsvector('{CONFIG}', coalesce(r.search_text, '')), 'C')
"""


def update(article_ids=None, using=None):
    """Write the search vectors of these articles' renderings (of every article when None)."""
    from django.db import connections

    conn = connections[using] if using else connection
    if conn.vendor != "postgresql":
        return
    where, head_where = "", ""
    params = []
    if article_ids is not None:
        article_ids = list(article_ids)
        if not article_ids:
            return
        where, head_where = "AND r.article_id = ANY(%s)", "WHERE a.id = ANY(%s)"
        params = [article_ids]
    with conn.cursor() as cursor:
        cursor.execute(
            "INSERT INTO content_articlesearchhead (article_id, title, live_from, vector) "
            f"SELECT a.id, a.title, CASE WHEN a.status = 'published' THEN a.published_at END, {HEAD_SQL} "
            f"FROM content_article AS a {head_where} "
            "ON CONFLICT (article_id) DO UPDATE "
            "SET title = EXCLUDED.title, live_from = EXCLUDED.live_from, vector = EXCLUDED.vector",
            params,
        )
        cursor.execute(
            f"UPDATE content_articlerendering AS r SET search_vector = {VECTOR_SQL} "
            f"FROM content_article AS a WHERE a.id = r.article_id {where}",
            params,
        )
