"""Complete journeys through the questionnaire, as a person without JavaScript would take them."""

import logging
import re
import time

import pytest
from django.core import signing
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings

from content.models import Article
from pathways.journey import SALT, State
from pathways.models import HelpContact, PathwayOption
from pathways.questions import STEP_IDS
from pathways.rules import evaluate
from tests.answers import MYSELF
from tests.factories import make_article
from tests.pathways.journey import Journey
from tests.pathways.strategies import answers

pytestmark = pytest.mark.django_db

SOMEONE_ELSE = {
    **MYSELF,
    "answering_for": "someone_else",
    "frequency": "daily",
    "withdrawal": "strong",
    "other_substances": ["benzodiazepines", "stimulants"],
    "physical_health": ["memory_concentration"],
    "home_support": "unsafe_or_using",
    "goal": "not_sure",
}


@pytest.fixture
def seeded(db):
    call_command("load_articles", verbosity=0)
    call_command("load_help", verbosity=0)


def test_start_page_says_what_this_is_and_is_not(client):
    page = client.get("/pathways/").content.decode()
    for text in [
        "not a diagnosis",
        "Nothing is stored",
        "about 3 minutes",
        "Who this is for",
        'href="/pathways/questions/"',
    ]:
        assert text in page


def test_journey_for_myself(client, seeded):
    journey = Journey(client).get()
    assert "Question 1 of 11" in journey.page
    journey.answer_all(MYSELF)
    assert "Check your answers" in journey.page
    for text in [
        "Once a week or less",
        "Worried about other people finding out",
        "Has a private space and the internet for video calls",
    ]:
        assert text in journey.page

    journey.post(action="result")
    page = journey.page
    assert journey.response.status_code == 200
    assert "Support that may fit you" in page
    assert "get-help-now" not in page
    titles = re.findall(r'<h3 class="suggestion__title">([^<]+)</h3>', page)
    assert titles[:2] == ["Online support", "Self-help and peer support"]
    assert "Because you said you use ketamine once a week or less" in page
    assert 'href="/articles/kinds-of-online-support/"' in page
    assert "Talk to a professional" in page and "FRANK" in page
    assert 'href="tel:999"' in page and "116 123" in page
    assert "This is not a diagnosis" in page
    assert "Take this to your GP" in page
    assert 'id="family"' not in page


def test_journey_for_someone_else(client, seeded):
    journey = Journey(client).get().answer("answering_for", "someone_else")
    assert "Is any of these happening to them now" in journey.page
    journey.answer_all({k: v for k, v in SOMEONE_ELSE.items() if k != "answering_for"})
    journey.post(action="result")
    page = journey.page
    assert "Support that may fit the person you care about" in page
    titles = re.findall(r'<h3 class="suggestion__title">([^<]+)</h3>', page)
    assert titles[0] == "Inpatient or residential treatment"
    assert "Because you said they also take benzodiazepines" in page
    assert 'id="family"' in page and "Support for you" in page
    assert "Adfam" in page
    assert 'href="/articles/looking-after-yourself-as-a-family-member/"' in page


def test_missing_answer_shows_an_error_summary_that_links_to_the_field(client):
    journey = Journey(client).get().answer("answering_for", "myself").answer("happening_now", ["none"])
    journey.answer("frequency", None)
    page = journey.page
    assert journey.response.status_code == 200
    assert "<title>Error: Question 3 of 11" in page
    assert "There is a problem" in page
    assert '<a href="#id_frequency_0">Select how often you have used ketamine in the last month</a>' in page
    assert 'id="id_frequency_0"' in page
    assert '<fieldset class="fieldset" aria-describedby="id_frequency-error">' in page
    assert '<p id="id_frequency-error" class="error-message">' in page


@pytest.mark.parametrize(
    ("step", "value", "message"),
    [
        ("happening_now", ["none", "suicidal"], "Select &#x27;None of these&#x27; on its own"),
        ("other_substances", ["not_sure", "opioids"], "Select &#x27;I&#x27;m not sure&#x27; on its own"),
        ("frequency", "hourly", "Select how often"),
        ("frequency", "x" * 100_000, "Select how often"),
        ("happening_now", ["<script>alert(1)</script>"], "Select what is happening now"),
    ],
)
def test_bad_answers_get_a_clear_message(client, step, value, message):
    journey = Journey(client).get()
    journey.post(step=step, action="continue", **{step: value})
    assert journey.response.status_code == 200
    assert message in journey.page
    assert "<script>alert(1)</script>" not in journey.page


def test_back_returns_to_the_previous_question_with_its_answer(client):
    journey = Journey(client).get().answer("answering_for", "someone_else").answer("happening_now", ["none"])
    assert "Question 3 of 11" in journey.page
    journey.post(step="frequency", action="back")
    assert "Question 2 of 11" in journey.page
    assert re.search(r'value="none"[^>]*checked', journey.page)
    journey.post(step="happening_now", action="back")
    assert "Question 1 of 11" in journey.page
    assert re.search(r'value="someone_else"[^>]*checked', journey.page)
    assert 'href="/pathways/"' in journey.page  # the first question's back link goes to the start page


def test_change_link_returns_to_check_your_answers(client):
    journey = Journey(client).get().answer_all(MYSELF)
    journey.post(action="change", change="frequency")
    assert "Question 3 of 11" in journey.page
    assert re.search(r'value="weekly_or_less"[^>]*checked', journey.page)
    assert "Save and go back to your answers" in journey.page
    journey.answer("frequency", "daily")
    assert "Check your answers" in journey.page
    assert "Every day or most days" in journey.page
    assert "Once a week or less" not in journey.page


def test_result_can_be_changed_and_seen_again(client, seeded):
    journey = Journey(client).get().answer_all(MYSELF).post(action="result")
    journey.post(action="check")
    assert "Check your answers" in journey.page


def test_jumping_to_the_result_early_asks_the_missing_question(client):
    journey = Journey(client).get().answer("answering_for", "myself")
    journey.post(action="result")
    assert "Question 2 of 11" in journey.page


@pytest.mark.parametrize(
    "state",
    [
        "tampered",
        "x" * 5000,
        signing.dumps({"a": {"frequency": "daily"}}, salt="another.salt"),
        signing.dumps({"a": {"frequency": "hourly"}}, salt=SALT),
        signing.dumps({"a": {"no_such_question": "x"}}, salt=SALT),
        signing.dumps(["not", "a", "dict"], salt=SALT),
    ],
)
def test_tampered_state_gets_a_clear_restart_message(client, state):
    response = client.post("/pathways/questions/", {"state": state, "step": "frequency", "action": "continue"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please start the questions again" in page
    assert "could not read the answers" in page
    assert 'href="tel:999"' in page


def test_changed_state_is_detected(client):
    journey = Journey(client).get().answer("answering_for", "myself")
    token = journey.state
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = client.post("/pathways/questions/", {"state": forged, "step": "happening_now", "action": "continue"})
    assert response.status_code == 400


def test_expired_state_says_so(client, monkeypatch):
    old = State(answers={"answering_for": "myself"}).dumps()
    later = time.time() + 5 * 60 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post("/pathways/questions/", {"state": old, "step": "happening_now", "action": "continue"})
    assert response.status_code == 400
    assert "too old to use" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "dance"},
        {"action": "continue", "step": "no_such_step"},
        {"action": "change", "change": "no_such_step"},
        {"action": "back"},
    ],
)
def test_unknown_actions_get_a_clear_message(client, data):
    response = client.post("/pathways/questions/", data)
    assert response.status_code == 400
    assert "Please start the questions again" in response.content.decode()


def test_other_methods_are_refused(client):
    assert client.put("/pathways/questions/").status_code == 405


def test_no_answer_is_stored_logged_or_put_in_a_url_or_cookie(client, seeded, caplog):
    def snapshot():
        tables = connection.introspection.table_names()
        rows = {}
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
                rows[table] = cursor.fetchall()
        return rows

    before = snapshot()
    with caplog.at_level(logging.DEBUG):
        journey = Journey(client).get().answer_all(SOMEONE_ELSE).post(action="result")
    after = snapshot()

    assert after == before, "a table changed during the journey"
    dumped = repr(after)
    for distinctive in ["unsafe_or_using", "someone_else", "memory_concentration", "private_space_online"]:
        assert distinctive not in dumped
        assert all(distinctive not in record.getMessage() for record in caplog.records)
    for response in journey.responses:
        assert not response.cookies
        assert response.request["PATH_INFO"] == "/pathways/questions/"
        assert not response.request.get("QUERY_STRING")
        assert "no-store" in response["Cache-Control"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=answers)
def test_every_result_page_puts_urgent_help_first_and_always_shows_professional_and_emergency_help(client, a):
    """Invariants 2 and 3 of the spec, on the rendered page."""
    response = client.post("/pathways/questions/", {"state": State(answers=a).dumps(), "action": "result"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Talk to a professional" in page
    assert "In an emergency" in page and 'href="tel:999"' in page
    assert "This is not a diagnosis" in page
    if evaluate(a).urgency != "none":
        assert 0 <= page.index('id="get-help-now"') < page.index('id="suggestions"')
    else:
        assert 'id="get-help-now"' not in page


@pytest.mark.parametrize(
    ("happening_now", "texts"),
    [
        (["collapse"], ['Call <a href="tel:999">999</a> now']),
        (["suicidal"], ["Talk to someone now", "Samaritans"]),
        (["urine_blood_or_blocked"], ["Get medical help today", "Call NHS 111"]),
        (["severe_pain", "collapse"], ['Call <a href="tel:999">999</a> now', "Get medical help today"]),
    ],
)
def test_urgent_help_block(client, seeded, happening_now, texts):
    a = {**MYSELF, "happening_now": happening_now}
    page = client.post("/pathways/questions/", {"state": State(answers=a).dumps(), "action": "result"}).content.decode()
    urgent_block = page[page.index('id="get-help-now"') : page.index('id="suggestions"')]
    positions = [urgent_block.index(text) for text in texts]
    assert positions == sorted(positions)


def test_result_works_while_the_database_is_down(client, database_down):
    page = client.post(
        "/pathways/questions/", {"state": State(answers=MYSELF).dumps(), "action": "result"}
    ).content.decode()
    assert "Online" in page and "Because you said" in page
    assert 'href="tel:999"' in page and "116 123" in page
    assert 'href="/get-help/"' in page


def test_questions_follow_the_spec_order():
    assert STEP_IDS == (
        "answering_for", "happening_now", "frequency", "withdrawal", "other_substances", "physical_health",
        "mental_health", "past_attempts", "home_support", "goal", "practicalities",
    )  # fmt: skip


def test_result_links_only_published_articles(client, seeded):
    Article.objects.filter(slug="kinds-of-online-support").update(status=Article.Status.DRAFT)
    page = client.post(
        "/pathways/questions/", {"state": State(answers=MYSELF).dumps(), "action": "result"}
    ).content.decode()
    assert "/articles/kinds-of-online-support/" not in page
    assert "/articles/online-versus-in-person-treatment/" in page


def test_family_section_lists_the_regions_family_support(client):
    HelpContact.objects.create(name="Local family group", kind="family_support", region="uk", url="https://example.org")
    HelpContact.objects.create(name="Far away family group", kind="family_support", region="au")
    make_article(title="Caring for yourself", audience=Article.Audience.FAMILY)
    a = {**MYSELF, "answering_for": "someone_else"}
    page = client.post("/pathways/questions/", {"state": State(answers=a).dumps(), "action": "result"}).content.decode()
    assert "Local family group" in page
    assert "Far away family group" not in page
    assert "Caring for yourself" in page


def test_head_requests_are_answered(client):
    assert client.head("/pathways/questions/").status_code == 200


def test_check_page_speaks_of_them_when_answering_for_someone_else(client):
    journey = Journey(client).get().answer_all(SOMEONE_ELSE)
    assert "What they want" in journey.page
    assert "What you want" not in journey.page


def result_page(client, answers=MYSELF):
    response = client.post("/pathways/questions/", {"state": State(answers=answers).dumps(), "action": "result"})
    assert response.status_code == 200
    return response.content.decode()


def test_editors_changes_show_on_the_next_result_at_once(client, seeded):
    # The options' texts, their articles and the contacts are kept in the cache between
    # results; any change an editor makes must replace them straight away.
    before = result_page(client)
    assert "/articles/kinds-of-online-support/" in before

    online = PathwayOption.objects.get(key="online")
    online.summary = "Help by video call and chat, changed by an editor a moment ago."
    online.save()
    article = Article.objects.get(slug="kinds-of-online-support")
    article.status = Article.Status.DRAFT
    article.save()
    HelpContact.objects.create(name="A new national helpline", kind="helpline", region="uk", phone="0300 000 0000")

    after = result_page(client)
    assert "changed by an editor a moment ago" in after
    assert "/articles/kinds-of-online-support/" not in after
    assert "A new national helpline" in after


def test_a_result_reads_nothing_from_the_database_once_its_shared_texts_are_cached(client, seeded):
    result_page(client)
    with CaptureQueriesContext(connection) as captured:
        page = result_page(client)
    assert len(captured) == 0
    assert "/articles/online-versus-in-person-treatment/" in page


def test_a_result_keeps_the_editors_texts_when_the_database_goes_down_after_they_were_cached(client, seeded, request):
    summary = PathwayOption.objects.get(key="online").summary
    assert summary in result_page(client)
    request.getfixturevalue("database_down")
    page = result_page(client)
    assert summary in page
    assert 'href="tel:999"' in page and "Because you said" in page


@override_settings(PAGE_CACHE_SECONDS=0)
def test_with_the_page_cache_off_results_are_read_fresh_every_time(client, seeded):
    result_page(client)
    PathwayOption.objects.filter(key="online").update(summary="Changed without any signal being sent.")
    assert "Changed without any signal being sent." in result_page(client)
