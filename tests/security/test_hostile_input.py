"""A corpus of XSS and HTML-injection payloads (OWASP filter-evasion style) through the
Markdown pipeline, every public form field, the article page and the admin."""

from pathlib import Path

import pytest

from content.markdown import render
from pathways.journey import State
from tests.factories import make_article
from tests.html_audit import ElementAudit

PAYLOADS = [line for line in (Path(__file__).parent / "xss_payloads.txt").read_text().splitlines() if line]
OUR_SCRIPTS = {"/static/js/portal.js"}


def page_problems(response):
    """What could run script in a whole page, beyond the site's own forms, script and stylesheet."""
    problems = ElementAudit(response.content.decode()).script_problems(
        allowed_scripts=OUR_SCRIPTS, allowed_tags={"form", "input", "button", "script", "link", "meta"}
    )
    return problems


def appears_raw(payload, page):
    """The payload shows unescaped (only matters if it has characters that make markup)."""
    return any(ch in payload for ch in "<>\"'&") and payload in page


def test_the_corpus_is_big_enough():
    assert len(PAYLOADS) >= 50


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_pipeline_neutralises_the_payload(payload):
    html = render(f"## Heading\n\nBefore\n\n{payload}\n\nAfter *text*").html
    assert ElementAudit(html).script_problems() == []
    assert '<h2 id="section-heading">Heading</h2>' in html


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_article_fields_are_escaped_on_the_page(client, payload):
    article = make_article(
        title=f"Guide {payload}"[:200],
        summary=payload,
        key_points=f"{payload}\nSecond point",
        body=f"## About\n\n{payload}",
        reviewed_by=payload[:200],
    )
    article.sources.update(title=payload[:300], publisher=payload[:200])
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("<form") == 1  # the site's own search form, nothing injected
    assert page_problems(response) == []


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_search_box(client, payload):
    response = client.get("/uk/search/", {"q": payload})
    assert response.status_code == 200
    assert not appears_raw(payload, response.content.decode())
    assert page_problems(response) == []


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_questionnaire_fields(client, payload):
    state = State(answers={"answering_for": "myself"}).dumps()
    attempts = [
        {"state": state, "step": "happening_now", "action": "continue", "happening_now": payload},
        {"state": state, "step": "frequency", "action": "continue", "frequency": payload},
        {"state": payload, "step": "frequency", "action": "continue"},
        {"state": state, "step": payload, "action": "continue"},
        {"state": state, "action": payload},
        {"state": state, "action": "change", "change": payload},
    ]
    for data in attempts:
        response = client.post("/uk/pathways/questions/", data)
        assert response.status_code in (200, 400), data
        assert not appears_raw(payload, response.content.decode()), data
        assert page_problems(response) == [], data


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS[::5])
def test_admin_search_and_fields_are_escaped(admin_client, payload):
    make_article(title=f"Guide {payload}"[:200])
    response = admin_client.get("/admin/content/article/", {"q": payload})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()
