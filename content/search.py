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

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from content.models import Article, ArticleRendering

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MAX_RESULTS = 20
STATEMENT_TIMEOUT_MS = 500
STREET_NAMES = ["special k", "vitamin k", "super k", "kit kat", "kitkat", "ket", "k"]
_STREET_NAME = re.compile(r"(?<![\w-])(" + "|".join(re.escape(name) for name in STREET_NAMES) + r")(?![\w-])", re.I)
STOP_WORDS = {"a", "an", "and", "are", "as", "at", "be", "can", "do", "for", "how", "i", "if", "in", "is", "it",
              "my", "of", "on", "or", "the", "to", "what", "when", "with", "you", "your"}  # fmt: skip
# Markers the database puts round matches; chosen so they cannot occur in editors' text.
START, STOP = "\x02", "\x03"


@dataclass(frozen=True)
class Hit:
    article: Article
    snippet: str  # safe HTML: escaped text with <mark> round the matches


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


def search(query, region):
    words = search_terms(normalise(query))
    if not words:
        return []
    renderings = ArticleRendering.objects.filter(region=region, article__in=Article.objects.published()).select_related(
        "article__topic"
    )
    try:
        if connection.vendor == "postgresql":
            return _search_postgres(words, renderings)
        return _search_simple(words, renderings)
    except DatabaseError as error:
        if not connection.is_usable():
            raise  # the database cannot be reached: the 503 page, with the help numbers
        # The reader's words are not logged: what someone searches for here is their business.
        logger.warning("A search failed in the database: %s", error.__class__.__name__)
        return []


def _search_postgres(words, renderings):
    vector = (
        SearchVector("article__title", weight="A", config="english")
        + SearchVector("article__summary", "article__key_points", weight="B", config="english")
        + SearchVector("search_text", weight="C", config="english")
    )
    query = SearchQuery(" ".join(words), search_type="plain", config="english")
    rows = (
        renderings.annotate(document=vector)
        .filter(document=query)
        .annotate(
            rank=SearchRank(vector, query),
            snippet=SearchHeadline(
                "search_text", query, config="english", start_sel=START, stop_sel=STOP, max_words=35, min_words=15
            ),
        )
        .order_by("-rank", "article__title")[:MAX_RESULTS]
    )
    # SET LOCAL lasts until the end of the transaction: this search's own.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = %s", [STATEMENT_TIMEOUT_MS])
        return [Hit(article=row.article, snippet=_mark(row.snippet)) for row in rows]


def _search_simple(terms, renderings):
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

    ranked = sorted(rows, key=lambda row: (-score(row), row.article.title))[:MAX_RESULTS]
    return [Hit(article=row.article, snippet=_simple_snippet(row.search_text, terms)) for row in ranked]


def _simple_snippet(text, terms, width=220):
    lowered = text.lower()
    positions = [lowered.find(term) for term in terms if lowered.find(term) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    start = text.rfind(" ", 0, start) + 1 if start else 0
    excerpt = text[start : start + width]
    if start + width < len(text):
        excerpt = excerpt[: excerpt.rfind(" ")] + " …"
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.I)
    return _mark(pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", ("… " if start else "") + excerpt))


def _mark(text):
    """Escape the snippet, then turn the match markers into <mark> elements."""
    return mark_safe(escape(text or "").replace(START, "<mark>").replace(STOP, "</mark>"))
