"""Property-based fuzzing: whatever arrives at the questionnaire or the search box, the
answer is a clear page (200 or 400), never a server error."""

import pytest
from django.core import signing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.journey import SALT, State
from pathways.questions import QUESTION_BY_ID, STEP_IDS

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CLEAR = [
    "too much to send",  # over the public size limit (recovery_portal/limits.py)
    "Question ",
    "Check your answers",
    "Support that may fit",
    "Please start the questions again",
    "Find support that fits",
    "could not read that request",
]

any_text = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
    st.sampled_from(["", " ", "\x00", "../../etc/passwd", "%00", "continue", "back", "result", "check", "change"]),
)
choice_ids = st.sampled_from(sorted({choice for q in QUESTION_BY_ID.values() for choice in q.choice_ids}))
step_ids = st.one_of(st.sampled_from(STEP_IDS), any_text)
partial_answers = st.dictionaries(
    st.sampled_from(STEP_IDS), st.one_of(choice_ids, st.lists(choice_ids, max_size=4)), max_size=len(STEP_IDS)
)
states = st.one_of(
    any_text,
    partial_answers.map(lambda a: State(answers=a).dumps()),
    partial_answers.map(lambda a: signing.dumps({"a": a}, salt=SALT)),  # signed, but answers may be invalid
    st.builds(lambda a, cut: State(answers=a).dumps()[:-cut], partial_answers, st.integers(1, 10)),
)
answer_values = st.one_of(any_text, choice_ids, st.lists(st.one_of(choice_ids, any_text), max_size=6))


def assert_clear(response):
    assert response.status_code in (200, 400, 413), response.status_code
    page = response.content.decode()
    assert any(marker in page for marker in CLEAR), page[:500]
    assert 'href="tel:999"' in page


@FUZZ
@given(
    state=states,
    step=step_ids,
    action=st.one_of(st.sampled_from(["continue", "back", "change", "check", "result"]), any_text, st.none()),
    change=st.one_of(step_ids, st.none()),
    value=answer_values,
    extra=st.dictionaries(any_text.filter(bool), any_text, max_size=3),
)
def test_any_questionnaire_post_gets_a_clear_page(client, state, step, action, change, value, extra):
    data = {**extra, "state": state, "step": step}
    if action is not None:
        data["action"] = action
    if change is not None:
        data["change"] = change
    if isinstance(step, str) and step in QUESTION_BY_ID:
        data[step] = value
    assert_clear(client.post("/uk/pathways/questions/", data))


@FUZZ
@given(fields=st.dictionaries(any_text.filter(bool), answer_values, max_size=5))
def test_posts_with_missing_or_unknown_fields(client, fields):
    assert_clear(client.post("/uk/pathways/questions/", fields))


@FUZZ
@given(query=any_text)
def test_any_search_gets_a_clear_page(client, query):
    response = client.get("/uk/search/", {"q": query})
    assert response.status_code == 200
    assert "<h1>Search</h1>" in response.content.decode()


def test_a_huge_post_is_refused_with_a_clear_page(client):
    response = client.post("/uk/pathways/questions/", {"state": "x" * 3_000_000, "action": "continue"})
    assert response.status_code == 413
    assert "too much to send" in response.content.decode()


def test_too_many_fields_are_refused_with_a_clear_page(client):
    response = client.post("/uk/pathways/questions/", {f"field{i}": "x" for i in range(1200)})
    assert response.status_code == 400
    assert "could not read that request" in response.content.decode()
