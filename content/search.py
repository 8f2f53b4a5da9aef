"""Site search for readers.

On PostgreSQL: full-text search with English stemming, weighted by title, summary and
body, ranked, with highlighted snippets. On SQLite (development): a simple word match
with the same interface. Street names for ketamine are searched as "ketamine". Each region
searches the text its readers see (its own passages), and its results link within it.

A query is only ever its words: operators typed into the box (a run of "-", quotes, "or")
are not passed to PostgreSQL, repeated words count once and only the first few are used, so
no query can be built to be slow or to fail. A search the database gives up on anyway (it
has STATEMENT_TIMEOUT_MS) is answered as a search that found nothing.
"""

import logging
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from content.models import Article, ArticleRendering, ArticleSearchHead, Topic
from content.page_queries import Statement, columns, from_row, prepared_connection

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
PAGE_SIZE = 20
MAX_RESULTS = 200  # ten pages; past that, more words find better
STATEMENT_TIMEOUT_MS = 500
LIMIT_AND_STEMS_SQL = (
    "SELECT current_setting('statement_timeout'), set_config('statement_timeout', %s, true), "
    "plainto_tsquery('english', %s)::text"  # the query's stemmed words, for the snippets
)
STREET_NAMES = ["special k", "vitamin k", "super k", "kit kat", "kitkat", "ket", "k"]
_STREET_NAME = re.compile(r"(?<![\w-])(" + "|".join(re.escape(name) for name in STREET_NAMES) + r")(?![\w-])", re.I)
STOP_WORDS = {"a", "an", "and", "are", "as", "at", "be", "can", "do", "for", "how", "i", "if", "in", "is", "it",
              "my", "of", "on", "or", "the", "to", "what", "when", "with", "you", "your"}  # fmt: skip
# Markers put round matches before escaping; chosen so they cannot occur in editors' text.
START, STOP = "\x02", "\x03"


@dataclass(frozen=True)
class Hit:
    article: Article
    snippet: str  # safe HTML: escaped text with <mark> round the matches


@dataclass(frozen=True)
class Results:
    """One page of ranked hits. `total` counts at most MAX_RESULTS + 1 matches: beyond that
    the page says "more than MAX_RESULTS" and asks for more words (`more` is true)."""

    hits: list
    page: int
    total: int

    @property
    def more(self):
        return self.total > MAX_RESULTS

    @property
    def page_count(self):
        return max(1, -(-min(self.total, MAX_RESULTS) // PAGE_SIZE))

    @property
    def first(self):
        return (self.page - 1) * PAGE_SIZE + 1

    @property
    def last(self):
        return self.first + len(self.hits) - 1

    def __bool__(self):
        return bool(self.hits)

    def __len__(self):
        return len(self.hits)

    def __iter__(self):
        return iter(self.hits)


NO_RESULTS = Results(hits=[], page=1, total=0)


def normalise(query):
    """The query as it will be searched: printable characters only (PostgreSQL refuses NUL),
    trimmed, single-spaced, street names read as ketamine."""
    text = " ".join((query or "").split())
    text = " ".join("".join(ch for ch in text if ch.isprintable()).split())
    return _STREET_NAME.sub("ketamine", text)


def search_terms(text):
    """The words of a normalised query to search for: no stop words, each once, at most MAX_TERMS."""
    words = [word for word in re.findall(r"\w[\w'-]*", text.lower()) if word not in STOP_WORDS]
    return list(dict.fromkeys(words))[:MAX_TERMS]


def search(query, region, page=1):
    """Page `page` (from 1; a page past the last is empty) of the published articles matching
    the query, for readers in `region`."""
    words = search_terms(normalise(query))
    if not words:
        return NO_RESULTS
    if not 1 <= page <= MAX_RESULTS // PAGE_SIZE:
        return Results(hits=[], page=max(page, 2), total=0)  # no such page: "no more results"
    try:
        if connection.vendor == "postgresql":
            return _search_postgres(words, region, page)
        return _search_simple(words, region, page)
    except DatabaseError as error:
        if not connection.is_usable():
            raise  # the database cannot be reached: the 503 page, with the help numbers
        # The reader's words are not logged: what someone searches for here is their business.
        logger.warning("A search failed in the database: %s", error.__class__.__name__)
        return NO_RESULTS


def _search_postgres(words, region, page):
    """Two steps over the stored, indexed vectors (content.search_index), so that a word found
    in thousands of articles costs little more than a rare one:

    1. Public articles whose title, summary or key points match (ArticleSearchHead, a narrow
       table), ranked among themselves. They always rank above matches in the text alone, as
       the title and summary weigh most.
    2. Only when a page reaches past those: articles that match in the region's text alone,
       ranked by the whole weighted vector.

    Each step counts at most MAX_RESULTS + 1 rows. Then the page's rows are read, still only
    if public, and their snippets made in Python around the query's stemmed words.
    """
    query = SearchQuery(" ".join(words), search_type="plain", config="english")
    offset = (page - 1) * PAGE_SIZE
    now = timezone.now()
    # The time limit lasts until the end of the transaction: this search's own, or, when the
    # search runs inside a larger one (the tests), until the search is done and the limit put back.
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        # One round trip: the time limit set (and the one before kept), and the query's stemmed words.
        cursor.execute(LIMIT_AND_STEMS_SQL, [str(STATEMENT_TIMEOUT_MS), " ".join(words)])
        previous_limit, _, stemmed = cursor.fetchone()
        stems = re.findall(r"'((?:[^']|'')+)'", stemmed or "")
        head = ArticleSearchHead.objects.filter(live_from__lte=now, vector=query)
        prepared = prepared_connection()
        if prepared:  # the same two queries, prepared once per connection (content.page_queries)
            head_total = HEAD_COUNT.rows(prepared, [now, stemmed, MAX_RESULTS + 1])[0][0]
        else:
            head_total = head.order_by()[: MAX_RESULTS + 1].count()
        ids = []
        if offset < head_total:
            if prepared:
                ids = [row[0] for row in HEAD_RANKED.rows(prepared, [now, stemmed, PAGE_SIZE, offset])]
            else:
                ranked = head.annotate(rank=SearchRank(F("vector"), query)).order_by("-rank", "title")
                ids = list(ranked.values_list("article_id", flat=True)[offset : offset + PAGE_SIZE])
        text_total = 0
        if head_total <= MAX_RESULTS:
            text_only = ArticleRendering.objects.filter(
                region=region,
                search_vector=query,
                article__in=ArticleSearchHead.objects.filter(live_from__lte=now)
                .exclude(vector=query)
                .values("article_id"),
            )
            text_total = text_only.order_by()[: MAX_RESULTS + 1 - head_total].count()
            wanted = PAGE_SIZE - len(ids)
            if wanted and text_total:
                start = max(0, offset - head_total)
                ranked = text_only.annotate(rank=SearchRank(F("search_vector"), query)).order_by(
                    "-rank", "article__title"
                )
                ids += list(ranked.values_list("article_id", flat=True)[start : start + wanted])
        total = head_total + text_total
        found = page_rows(prepared, region, ids, now) if ids else {}
        if nested:
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous_limit])
    prefixes = {*words, *stems, *(stem[:-1] for stem in stems if len(stem) > 4)}
    hits = [Hit(article=found[pk][0], snippet=_simple_snippet(found[pk][1], prefixes)) for pk in ids if pk in found]
    return Results(hits=hits, page=page, total=total)


# The search's busiest statements, prepared once per connection on PostgreSQL. Each is the
# query the ORM builds in _search_postgres without them; tests/content/test_search.py compares them.
# $2 is the query as PostgreSQL stemmed it (plainto_tsquery, read with the time limit): a
# prepared statement that called plainto_tsquery itself would call it again for every row.
HEAD_COUNT = Statement(
    "content_search_head_count",
    ("timestamptz", "tsquery", "integer"),
    lambda: (
        f'SELECT COUNT(*) FROM (SELECT 1 FROM "{ArticleSearchHead._meta.db_table}" '
        f'WHERE "live_from" <= $1 AND "vector" @@ $2 LIMIT $3) AS "found"'
    ),
)
HEAD_RANKED = Statement(
    "content_search_head_ranked",
    ("timestamptz", "tsquery", "integer", "integer"),
    lambda: (
        f'SELECT "article_id" FROM "{ArticleSearchHead._meta.db_table}" '
        f'WHERE "live_from" <= $1 AND "vector" @@ $2 '
        f'ORDER BY ts_rank("vector", $2) DESC, "title" ASC LIMIT $3 OFFSET $4'
    ),
)
ROW_FIELDS = ((Article, ("id", "title", "slug", "topic")), (Topic, ("id", "title")))


def _rows_sql():
    """$1 the region, $2 the page's article ids, $3 now."""
    rendering, article, topic = ArticleRendering._meta.db_table, Article._meta.db_table, Topic._meta.db_table
    select = ", ".join(column for model, names in ROW_FIELDS for column in columns(model, names)[1])
    return (
        f'SELECT "{rendering}"."search_text", {select} FROM "{rendering}" '
        f'INNER JOIN "{article}" ON "{article}"."id" = "{rendering}"."article_id" '
        f'INNER JOIN "{topic}" ON "{topic}"."id" = "{article}"."topic_id" '
        f'WHERE "{rendering}"."region" = $1 AND "{rendering}"."article_id" = ANY($2) '
        f'AND "{article}"."status" = \'{Article.Status.PUBLISHED.value}\' AND "{article}"."published_at" <= $3'
    )


PAGE_ROWS = Statement("content_search_page_rows", ("text", "integer[]", "timestamptz"), _rows_sql)


def page_rows(prepared, region, ids, now):
    """{article id: (the article with its topic, the region's text)} for the page's public articles."""
    if not prepared:
        rows = (
            ArticleRendering.objects.filter(region=region, article_id__in=ids, article__in=Article.objects.published())
            .select_related("article__topic")
            .only("search_text", "article__title", "article__slug", "article__topic__title")
        )
        return {row.article_id: (row.article, row.search_text) for row in rows}
    article_fields, topic_fields = (columns(model, names)[0] for model, names in ROW_FIELDS)
    found = {}
    for text, *values in PAGE_ROWS.rows(prepared, [region, list(ids), now]):
        article = from_row(prepared, article_fields, values[: len(article_fields)])
        article._state.fields_cache["topic"] = from_row(prepared, topic_fields, values[len(article_fields) :])
        found[article.pk] = (article, text)
    return found


SIMILAR_WORD_SQL = """
    SELECT typed.word, (
        SELECT known.word FROM content_searchword AS known
        WHERE known.word %% typed.word AND similarity(known.word, typed.word) >= %s
        ORDER BY similarity(known.word, typed.word) DESC, known.word LIMIT 1
    ) FROM unnest(%s::text[]) WITH ORDINALITY AS typed(word, n) ORDER BY typed.n
"""
SIMILARITY = 0.4  # "bladdr" and "bladder" are 0.5 alike; "ketamin" and "ketamine" 0.7


def suggest(query):
    """The query with each word replaced by the closest word the articles use (pg_trgm), when
    that differs from what was typed; else None. PostgreSQL with pg_trgm only (migration 0011).
    A caller shows it only if searching for it finds something, so a word that only a draft
    uses is never suggested."""
    words = search_terms(normalise(query))
    if not words or connection.vendor != "postgresql" or not _has_trigrams():
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute(SIMILAR_WORD_SQL, [SIMILARITY, words])
            closest = [known or typed for typed, known in cursor.fetchall()]
    except DatabaseError:
        if not connection.is_usable():
            raise
        return None
    return " ".join(closest) if closest != words else None


_trigrams = {}


def _has_trigrams():
    """Whether pg_trgm is installed in this database (asked once per process)."""
    if connection.alias not in _trigrams:
        with connection.cursor() as cursor:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")
            _trigrams[connection.alias] = cursor.fetchone()[0]
    return _trigrams[connection.alias]


def _search_simple(terms, region, page):
    """SQLite (development and tests): every word, or else any word, matched at word starts."""
    renderings = ArticleRendering.objects.filter(region=region, article__in=Article.objects.published()).select_related(
        "article__topic"
    )

    def matches(term):
        word_start = rf"\b{re.escape(term)}"
        return (
            Q(article__title__iregex=word_start)
            | Q(article__summary__iregex=word_start)
            | Q(search_text__iregex=word_start)
        )

    published = renderings
    every_word = Q()
    for term in terms:
        every_word &= matches(term)
    rows = list(published.filter(every_word))
    if not rows:  # no article has every word: show those with any of them
        any_word = Q()
        for term in terms:
            any_word |= matches(term)
        rows = list(published.filter(any_word))

    def score(row):
        fields = ((row.article.title.lower(), 4), (row.article.summary.lower(), 2), (row.search_text.lower(), 1))
        return sum(
            weight * len(re.findall(rf"\b{re.escape(term)}", value)) for term in terms for value, weight in fields
        )

    ranked = sorted(rows, key=lambda row: (-score(row), row.article.title))
    offset = (page - 1) * PAGE_SIZE
    hits = [
        Hit(article=row.article, snippet=_simple_snippet(row.search_text, terms))
        for row in ranked[offset : offset + PAGE_SIZE]
    ]
    return Results(hits=hits, page=page, total=min(len(ranked), MAX_RESULTS + 1))


def _simple_snippet(text, prefixes, width=220):
    """About `width` characters of the text round the first word that starts with one of the
    prefixes (the query's words and stems), with every such word marked."""
    prefixes = sorted({prefix.lower() for prefix in prefixes if prefix}, key=len, reverse=True)
    if not prefixes:
        return _mark(text[:width])
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(prefix) for prefix in prefixes) + r")\w*", re.I)
    found = pattern.search(text)
    start = max(0, found.start() - width // 3) if found else 0
    start = text.rfind(" ", 0, start) + 1 if start else 0
    excerpt = text[start : start + width]
    if start + width < len(text):
        excerpt = excerpt[: excerpt.rfind(" ")] + " …"
    return _mark(pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", ("… " if start else "") + excerpt))


def _mark(text):
    """Escape the snippet, then turn the match markers into <mark> elements."""
    return mark_safe(escape(text or "").replace(START, "<mark>").replace(STOP, "</mark>"))
