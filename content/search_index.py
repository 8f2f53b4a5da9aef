"""The stored search vectors (PostgreSQL only; SQLite has nothing to store).

- `ArticleSearchHead.vector`: the title (weight A), summary and key points (B). Every region's
  readers see the same head, so it is stored once per article, in a narrow table with the
  title and when the article went public.
- `ArticleRendering.search_vector`: the head and the region's text (C), per region.

Both use English stemming and have GIN indexes (migration 0009). `SearchWord` keeps the words
of titles, summaries and key points, for suggestions (pg_trgm, migration 0011). `update()` writes them
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


def update(article_ids=None, using=None, words=True):
    """Write the search vectors of these articles' renderings (of every article when None), and
    add their words (migration 0009 runs before the words' table exists: words=False)."""
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
    if words:
        update_words(article_ids, using=using)


# Words of 4 to 60 letters. A word only ever added, never removed: a suggestion is shown only
# when searching for it finds a public article (content.search.suggest).
WORDS_SQL = """
    INSERT INTO content_searchword (word)
    SELECT DISTINCT lower(w) FROM content_article AS a,
        regexp_split_to_table(a.title || ' ' || a.summary || ' ' || a.key_points, '[^[:alpha:]]+') AS w
    WHERE length(w) BETWEEN 4 AND 60 {where}
    ON CONFLICT (word) DO NOTHING
"""


def update_words(article_ids=None, using=None):
    """Add the words of these articles' titles, summaries and key points (of every article when None)."""
    from django.db import connections

    conn = connections[using] if using else connection
    if conn.vendor != "postgresql" or (article_ids is not None and not article_ids):
        return
    with conn.cursor() as cursor:
        if article_ids is None:
            cursor.execute(WORDS_SQL.format(where=""))
        else:
            cursor.execute(WORDS_SQL.format(where="AND a.id = ANY(%s)"), [list(article_ids)])
