"""Site search, on whichever database the suite runs against (CI runs SQLite and PostgreSQL)."""

from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from content import search
from content.models import Article
from content.search import MAX_TERMS, normalise, search_terms
from tests.factories import make_article, make_topic
from tests.timing import within_seconds

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    topic = make_topic(title="Understanding ketamine")
    return {
        "what": make_article(
            topic=topic,
            title="What is ketamine?",
            summary="Ketamine is an anaesthetic.",
            body="## About\n\nKetamine is a dissociative anaesthetic used in hospitals.",
        ),
        "bladder": make_article(
            topic=topic,
            title="Your bladder",
            summary="How the bladder can be harmed.",
            body="## Symptoms\n\nNeeding to pee often is an early sign of bladder damage from ketamine.",
        ),
        "families": make_article(
            topic=topic,
            title="Talking to someone",
            summary="Starting a conversation.",
            body="## Start\n\nChoose a calm moment to talk.",
        ),
        "draft": make_article(
            topic=topic,
            title="Unfinished bladder draft",
            summary="Not ready.",
            body="## Bladder\n\nBladder bladder bladder.",
            status=Article.Status.DRAFT,
            published_at=None,
        ),
    }


def titles(client, query):
    page = client.get("/uk/search/", {"q": query}).content.decode()
    return [
        title
        for title in ("What is ketamine?", "Your bladder", "Talking to someone", "Unfinished bladder draft")
        if title in page
    ], page


@pytest.mark.parametrize("query", ["ketamine", "K", "ket", "special K", "Special  k"])
def test_street_names_find_the_ketamine_articles(client, library, query):
    found, _ = titles(client, query)
    assert "What is ketamine?" in found
    assert "Talking to someone" not in found


@pytest.mark.parametrize(
    ("query", "expected"), [("k", "ketamine"), ("special k", "ketamine"), ("k-hole", "k-hole"), ("kettle", "kettle")]
)
def test_normalise(query, expected):
    assert normalise(query) == expected


def test_results_are_ranked_and_highlighted(client, library):
    found, page = titles(client, "bladder")
    assert found[0] == "Your bladder"
    assert "Unfinished bladder draft" not in found
    assert "<mark>" in page and "bladder</mark>" in page.lower()
    assert 'href="/uk/articles/' + library["bladder"].slug + '/"' in page


def test_title_matches_rank_above_body_matches(client, library):
    page = client.get("/uk/search/", {"q": "anaesthetic"}).content.decode()
    assert page.index("What is ketamine?") < page.index("</ol>")


def test_snippets_cannot_inject_markup(client):
    make_article(title="Careful words", body="## Safe\n\nA <b>bold</b> claim about ketamine &amp; more.")
    page = client.get("/uk/search/", {"q": "claim"}).content.decode()
    assert "<b>bold</b>" not in page
    assert "<mark>claim</mark>" in page


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_search_gets_a_prompt(client, library, query):
    response = client.get("/uk/search/", {"q": query})
    assert response.status_code == 200
    assert "Type a word or two" in response.content.decode()


def test_a_very_long_search_gets_a_clear_message(client, library):
    response = client.get("/uk/search/", {"q": "ketamine " * 100})
    assert response.status_code == 200
    assert "Your search is too long" in response.content.decode()


@pytest.mark.parametrize("query", ["zzzzqx", "<script>alert(1)</script>", "' OR 1=1 --", "%_%", "\\", "!!!", "the"])
def test_no_results_and_hostile_queries_get_a_clear_page(client, library, query):
    response = client.get("/uk/search/", {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "No articles match" in page or "result" in page


def test_search_uses_a_few_queries(client, library, django_assert_max_num_queries):
    # On PostgreSQL: a savepoint inside the test's transaction, its time limit, the stemmed words,
    # count and rank the title and summary matches, then the text-only ones, read the page's rows,
    # release the savepoint; then the help contacts. The same however many articles there are
    # (tests/performance/test_query_counts.py).
    with django_assert_max_num_queries(10):
        client.get("/uk/search/", {"q": "bladder"})


def test_the_header_has_a_search_box(client, library):
    page = client.get("/uk/").content.decode()
    assert 'role="search"' in page and 'action="/uk/search/"' in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text features are PostgreSQL's")
def test_postgres_search_stems_words(client, library):
    found, _ = titles(client, "needs")  # "Needing" in the body, stemmed to the same word
    assert found == ["Your bladder"]


postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own full-text search")


@pytest.mark.parametrize(
    "query", ["-" * 50, "- " * 50, '"' * 50, "!" * 50, "or " * 50, "(" * 50, "<->" * 30, "'&|!:*" * 20, "-k " * 50]
)
def test_a_query_of_search_operators_gets_a_clear_page(client, library, query):
    response = client.get("/uk/search/", {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert "No articles match" in page or "What is ketamine?" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("k " * 100, ["ketamine"]),
        ("ket K special k ketamine bladder ket", ["ketamine", "bladder"]),
        ("the bladder and the kidneys", ["bladder", "kidneys"]),
        ('-- "" !! ()', []),
    ],
)
def test_the_query_is_its_words_each_once_after_the_street_names(query, expected):
    assert search_terms(normalise(query)) == expected


def test_only_the_first_words_are_searched():
    words = [f"word{n}" for n in range(20)]
    assert search_terms(" ".join(words)) == words[:MAX_TERMS]


def test_a_hundred_street_names_are_one_quick_search(client, library):
    for n in range(12):
        make_article(title=f"Ketamine guide {n}", body="## About\n\n" + "Ketamine and your bladder. " * 50)
    with within_seconds(1):  # tens of milliseconds; a hundred "ketamine" terms took seconds on PostgreSQL
        found, _ = titles(client, "k " * 100)
    assert "What is ketamine?" in found


def test_a_search_the_database_fails_is_a_page_of_no_results(client, library, monkeypatch):
    def fail(*args):
        raise OperationalError("canceling statement due to statement timeout")

    monkeypatch.setattr(search, "_search_postgres", fail)
    monkeypatch.setattr(search, "_search_simple", fail)
    response = client.get("/uk/search/", {"q": "bladder"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "No articles match “bladder”" in page
    assert "try a different or more general word" in page


@postgres_only
def test_a_search_slower_than_the_time_limit_is_stopped(client, library, monkeypatch):
    make_article(title="A long read", body="## Bladder\n\n" + "The bladder and the kidneys. " * 3_000)
    assert "A long read" in client.get("/uk/search/", {"q": "bladder kidneys"}).content.decode()
    # Indexed searches take a few milliseconds, so the limit is shown on a statement made slow.
    monkeypatch.setattr(search, "STATEMENT_TIMEOUT_MS", 50)

    def slow(execute, sql, params, many, context):
        if "content_articlesearchhead" in sql or "content_search_head" in sql:  # made slow, after the limit is set
            execute("SELECT pg_sleep(5)", None, many, context)
        return execute(sql, params, many, context)

    with within_seconds(2), connection.execute_wrapper(slow):
        response = client.get("/uk/search/", {"q": "bladder kidneys"})
    assert response.status_code == 200
    assert "No articles match" in response.content.decode()


@pytest.mark.parametrize("query", ["", "bladder", "zzzzqx", "x" * 300])
def test_search_pages_may_be_kept_by_the_readers_browser_but_no_shared_cache(client, library, query):
    response = client.get("/uk/search/", {"q": query})
    assert response["Cache-Control"] == "private, max-age=300"


@postgres_only
def test_the_searchs_time_limit_ends_with_the_search(client, library):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        before = cursor.fetchone()[0]
        client.get("/uk/search/", {"q": "bladder"})
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == before  # the slow work after a search is not cut short


@postgres_only
def test_the_prepared_search_finds_and_ranks_as_the_orm_query_does(settings, library, monkeypatch):
    from content import synthetic

    monkeypatch.setattr(search, "PAGE_SIZE", 7)
    synthetic.generate(60)
    make_article(title="Scheduled bladder guide", published_at=timezone.now() + timedelta(days=1))
    queries = ["ketamine", "special k", "bladder", "bladder pain", "kidneys", "zzzqqx", "o'clock talk", "the"]
    for query in queries:
        for region in ("uk", "au"):
            for page in (1, 2, 4):
                answers = []
                for prepared in (True, False):
                    settings.PREPARED_STATEMENTS = prepared
                    found = search.search(query, region, page)
                    answers.append(
                        (
                            found.total,
                            [(h.article.pk, h.article.title, h.article.topic.title, h.snippet) for h in found],
                        )
                    )
                assert answers[0] == answers[1], (query, region, page)
    settings.PREPARED_STATEMENTS = True
    found = search.search("ketamine", "uk", 1)
    assert found.total > 7 and len(found.hits) == 7
    assert found.hits[0].article.get_absolute_url().startswith("/uk/articles/")
    assert "Scheduled" not in " ".join(h.article.title for p in (1, 2, 3) for h in search.search("bladder", "uk", p))


@postgres_only
def test_a_misspelt_search_shows_the_results_for_the_closest_words(client, library):
    page = client.get("/uk/search/", {"q": "bladdr"}).content.decode()
    assert "No articles match “bladdr”. These are the results for “bladder”" in page
    assert "Your bladder" in page and 'value="bladdr"' in page  # the box keeps what was typed
    page = client.get("/uk/search/", {"q": "ketamin anaesthetik"}).content.decode()
    assert "results for “ketamine anaesthetic”" in page and "What is ketamine?" in page


@postgres_only
def test_no_suggestion_for_nonsense_or_for_a_word_only_a_draft_uses(client, library):
    make_article(title="Zebrafishology notes", status=Article.Status.DRAFT)
    for typed in ("zzzqqx", "zebrafishologi"):
        page = client.get("/uk/search/", {"q": typed}).content.decode()
        assert f"No articles match “{typed}”." in page and "These are the results for" not in page
    assert search.suggest("zebrafishologi") == "zebrafishology"  # known, but it finds nothing public
    assert search.suggest("bladder") is None  # nothing to correct


def test_without_trigrams_a_search_that_finds_nothing_says_so(client, library, monkeypatch):
    monkeypatch.setattr(search, "_has_trigrams", lambda: False)
    page = client.get("/uk/search/", {"q": "bladdr"}).content.decode()
    assert "No articles match “bladdr”." in page and "These are the results for" not in page
