"""Editor text built to be slow: the editors' checks take linear time, and a body that cannot
be rendered in time is refused on the form, so no save holds a worker for long.

The bodies come from an attacker's report (99,000 curly quotes took every article list 29 s;
20,000 "[" took a save over a minute) and from trying runs of every symbol Markdown reads.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from content import checks
from content.markdown import MAX_SOURCE_LENGTH
from content.models import Article
from tests.content.test_admin import article_form
from tests.factories import make_article
from tests.timing import within_seconds

pytestmark = pytest.mark.django_db

ADD = "/admin/content/article/add/"


def run_of(unit, length=MAX_SOURCE_LENGTH, before="Some words. ", after="x"):
    """A body of `unit` over and over, `length` characters in all."""
    repeats = (length - len(before) - len(after)) // len(unit)
    return before + unit * repeats + after


# Runs that made one of the checks' patterns try again from every character.
SLOW_FOR_CHECKS = {
    "curly quotes": "“",
    "single curly quotes": "‘",
    "digits": "1",
    "full stops": ".",
    "newlines": "\n",
    "blank indented lines": " \n",
    "brackets": "[",
    "images": "![",
    "citation markers": "[^",
    "card embeds": "[[card\n",
    "links": "[a](",
}


@pytest.mark.parametrize("unit", SLOW_FOR_CHECKS.values(), ids=SLOW_FOR_CHECKS.keys())
def test_the_editors_checks_take_linear_time(unit):
    body = run_of(unit)
    with within_seconds(2):  # about 0.3 s at most; the old patterns took from 4 s to minutes
        checks.article_warnings(
            text=body,
            reading_ease_score=None,
            source_count=2,
            key_points=["One", "Two", "Three"],
            next_review_due=date(2027, 1, 1),
            today=date(2026, 1, 1),
            body=body,
            sources=[("key", ["us"])],
            summary=body,
        )
        checks.reading_ease(checks.text_blocks(f"<p>{body}</p>"))


@pytest.fixture
def admin_client_logged_in(client, editor):
    client.force_login(editor)
    return client


# Runs that Python-Markdown takes seconds or minutes to read (time grows with the square of the run).
SLOW_TO_RENDER = {
    "20,000 [": "[" * 20_000,
    "10,000 ![": "![" * 10_000,
    "10,000 [^": "[^" * 10_000,
    "6,666 <a": "<a " * 6_666,
    "5,000 `` `": "`` `" * 5_000,
    "2,857 card embeds": "[[card\n" * 2_857,
    "100,000 [": "[" * MAX_SOURCE_LENGTH,
}


@pytest.mark.parametrize("body", SLOW_TO_RENDER.values(), ids=SLOW_TO_RENDER.keys())
def test_a_body_too_slow_to_render_is_refused_on_the_form(admin_client_logged_in, topic, body):
    admin_client_logged_in.get(ADD)  # the editor opens the form first
    with within_seconds(5):  # about 1.1 s: the rendering gets 1 s of processor time
        response = admin_client_logged_in.post(ADD, article_form(topic, body=body))
    assert response.status_code == 200
    assert "This text takes too long to turn into a page" in response.content.decode()
    assert not Article.objects.filter(slug="a-new-guide").exists()


def test_a_body_too_slow_to_render_is_refused_by_every_save(topic):
    with within_seconds(5), pytest.raises(ValidationError) as refused:
        make_article(topic=topic, body="[" * 20_000)
    assert "takes too long to turn into a page" in str(refused.value.message_dict["body"])


def test_lists_nested_too_deeply_are_a_clear_error_on_the_form(admin_client_logged_in, topic):
    response = admin_client_logged_in.post(ADD, article_form(topic, body="1. " * 6_666))
    assert response.status_code == 200
    assert "Lists or quotes are nested too deeply to show" in response.content.decode()


# Runs that render quickly, some with no word to score for reading ease.
QUICK_TO_RENDER = {
    "99,000 curly quotes": "Some words. " + "“" * 99_000,
    "20,000 *": "*" * 20_000,
    "20,000 _": "_" * 20_000,
    "20,000 `": "`" * 20_000,
    "20,000 <": "<" * 20_000,
    "nested images": "![" * 5_000 + "a" + "](b)" * 5_000,
    "99,000 digits": run_of("1", 99_000),
    "a card embed and 99,000 spaces": "[[card" + " " * 99_000 + "x",
}


@pytest.mark.parametrize("body", QUICK_TO_RENDER.values(), ids=QUICK_TO_RENDER.keys())
def test_hostile_bodies_that_render_quickly_are_saved_and_listed(admin_client_logged_in, topic, body):
    with within_seconds(10):
        saved = admin_client_logged_in.post(ADD, article_form(topic, body=body))
        listed = admin_client_logged_in.get("/admin/content/article/")
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert Article.objects.get(slug="a-new-guide").renderings.count() == 4
    assert listed.status_code == 200 and "A new guide" in listed.content.decode()


def test_a_save_renders_the_body_once_for_the_check_and_the_save(admin_client_logged_in, topic, monkeypatch):
    admin_client_logged_in.post(ADD, article_form(topic))
    article = Article.objects.get(slug="a-new-guide")
    source = article.sources.get()
    calls = []
    monkeypatch.setattr("content.models.call_with_time_limit", lambda *args: calls.append(args) or args[1](*args[2:]))
    change = {
        **article_form(topic, body="## Start here\n\nNew words."),
        "sources-INITIAL_FORMS": "1",
        "sources-0-id": source.pk,
        "sources-0-article": article.pk,
    }
    response = admin_client_logged_in.post(f"/admin/content/article/{article.pk}/change/", change)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "New words." in article.renderings.get(region="uk").body_html
    assert len(calls) == 1
