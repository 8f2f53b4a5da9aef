"""Complete journeys through the questionnaire, as a person without JavaScript would take them."""

import logging
import re
import time
from html import unescape

import pytest
from django.core import signing
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.models import Article, CareCard
from pathways.journey import SALT, State
from pathways.models import HelpContact, PathwayOption
from pathways.questions import STEP_IDS
from pathways.rules import evaluate
from tests.answers import MYSELF, PREGNANT, YOUNG_PERSON
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
    "home_situation": ["unsafe"],
    "goal": "not_sure",
}
QUESTION_COUNT = len(STEP_IDS)


@pytest.fixture
def seeded(library, db):
    """The seed content, loaded once for this module; each test's changes are rolled back."""


def test_start_page_says_what_this_is_and_is_not(client):
    page = client.get("/uk/pathways/").content.decode()
    for text in [
        "not a diagnosis",
        "Nothing is stored",
        "about 3 minutes",
        "Who this is for",
        'href="/uk/pathways/questions/"',
    ]:
        assert text in page


def test_journey_for_myself(client, seeded):
    journey = Journey(client).get()
    assert f"Question 1 of {QUESTION_COUNT}" in journey.page
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
    assert 'href="/uk/articles/kinds-of-online-support/"' in page
    assert "Talk to a professional:" in page and "FRANK" in page
    assert 'href="tel:999"' in page and "116 123" in page
    assert "This is not a diagnosis" in page
    assert "Get a summary to print" in page
    assert 'id="family"' not in page


def test_journey_for_someone_else(client, seeded):
    journey = Journey(client).get().answer("answering_for", "someone_else")
    assert "How old are they?" in journey.page
    journey.answer("age", "adult")
    assert "Is any of these happening to them now" in journey.page
    journey.answer_all({k: v for k, v in SOMEONE_ELSE.items() if k not in ("answering_for", "age")})
    journey.post(action="result")
    page = journey.page
    assert "Support that may fit the person you care about" in page
    titles = re.findall(r'<h3 class="suggestion__title">([^<]+)</h3>', page)
    assert titles[:2] == ["Outpatient or community support", "Inpatient or residential treatment"]
    assert "Because you said they also take benzodiazepines" in page
    assert "National Domestic Abuse Helpline" in page
    assert 'id="family"' in page and "Support for you" in page
    assert "Adfam" in page
    assert 'href="/uk/articles/looking-after-yourself-as-a-family-member/"' in page


def test_missing_answer_shows_an_error_summary_that_links_to_the_field(client):
    journey = Journey(client).get().answer("answering_for", "myself").answer("age", "adult")
    journey.answer("happening_now", ["none"]).answer("frequency", None)
    page = journey.page
    assert journey.response.status_code == 200
    assert "<title>Error: Question 4 of 14" in page
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
        ("frequency", "x" * 50_000, "Select how often"),
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
    journey = Journey(client).get().answer("answering_for", "someone_else").answer("age", "adult")
    journey.answer("happening_now", ["none"])
    assert "Question 4 of 14" in journey.page
    journey.post(step="frequency", action="back")
    assert "Question 3 of 14" in journey.page
    assert re.search(r'value="none"[^>]*checked', journey.page)
    journey.post(step="happening_now", action="back").post(step="age", action="back")
    assert f"Question 1 of {QUESTION_COUNT}" in journey.page
    assert re.search(r'value="someone_else"[^>]*checked', journey.page)
    assert 'href="/uk/pathways/"' in journey.page  # the first question's back link goes to the start page


def test_change_link_returns_to_check_your_answers(client):
    journey = Journey(client).get().answer_all(MYSELF)
    journey.post(action="change", change="frequency")
    assert "Question 4 of 14" in journey.page
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
    assert "Question 2 of 14" in journey.page


@pytest.mark.parametrize(
    "state",
    [
        "tampered",
        "x" * 5000,
        signing.dumps({"a": {"frequency": "daily"}}, salt="another.salt"),
        signing.dumps({"v": 2, "a": {"frequency": "hourly"}}, salt=SALT),
        signing.dumps({"v": 2, "a": {"no_such_question": "x"}}, salt=SALT),
        signing.dumps({"v": 2, "a": {"happening_now": ["none", "none"]}}, salt=SALT),
        signing.dumps(["not", "a", "dict"], salt=SALT),
    ],
)
def test_tampered_state_gets_a_clear_restart_message(client, state):
    response = client.post("/uk/pathways/questions/", {"state": state, "step": "frequency", "action": "continue"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please start the questions again" in page
    assert "could not read the answers" in page
    assert 'href="tel:999"' in page


@pytest.mark.parametrize(
    "answers",
    [
        {"answering_for": "myself", "happening_now": ["urine_blood_or_blocked"]},  # a choice version 1 had
        {"answering_for": "myself", "home_support": "unsafe_or_using"},
        {"answering_for": "someone_else"},  # valid today, but from a page of the old questions
    ],
)
def test_a_page_from_the_first_version_of_the_questions_asks_to_start_again(client, answers):
    old_token = signing.dumps({"a": answers, "r": False}, salt=SALT, compress=True)
    response = client.post("/uk/pathways/questions/", {"state": old_token, "step": "frequency", "action": "continue"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "We have improved the questions since this page was opened" in page
    assert 'href="/uk/pathways/questions/">Start again</a>' in page and 'href="tel:999"' in page


def test_changed_state_is_detected(client):
    journey = Journey(client).get().answer("answering_for", "myself")
    token = journey.state
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = client.post("/uk/pathways/questions/", {"state": forged, "step": "happening_now", "action": "continue"})
    assert response.status_code == 400


def test_expired_state_says_so(client, monkeypatch):
    old = State(answers={"answering_for": "myself"}).dumps()
    later = time.time() + 5 * 60 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post("/uk/pathways/questions/", {"state": old, "step": "happening_now", "action": "continue"})
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
    response = client.post("/uk/pathways/questions/", data)
    assert response.status_code == 400
    assert "Please start the questions again" in response.content.decode()


def test_other_methods_are_refused(client):
    assert client.put("/uk/pathways/questions/").status_code == 405


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
    for distinctive in ["someone_else", "memory_concentration", "private_space_online", "home_situation"]:
        assert distinctive not in dumped
        assert all(distinctive not in record.getMessage() for record in caplog.records)
    for response in journey.responses:
        assert not response.cookies
        assert response.request["PATH_INFO"] == "/uk/pathways/questions/"
        assert not response.request.get("QUERY_STRING")
        assert "no-store" in response["Cache-Control"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=answers)
def test_invariant_2_and_3_every_result_puts_urgent_help_first_then_a_professional_then_suggestions(client, a):
    """Invariants 2 and 3 of the spec, on the rendered result page."""
    response = client.post("/uk/pathways/questions/", {"state": State(answers=a).dumps(), "action": "result"})
    assert response.status_code == 200
    page = response.content.decode()
    professional = page.index('id="talk-to-professional"')
    assert professional < page.index('id="suggestions"')
    assert page.index('id="suggestions"') < page.index('id="help-contacts"') < page.index('id="not-diagnosis-heading"')
    assert 'href="tel:999"' in page and "Samaritans" in page
    if evaluate(a, "uk").urgency != "none":
        assert 0 <= page.index('id="get-help-now"') < professional
    else:
        assert 'id="get-help-now"' not in page


URGENT = ["collapse", "suicidal", "cannot_pass_urine", "severe_pain", "blood_in_urine", "infection_or_jaundice"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=st.lists(st.sampled_from([*URGENT, "none"]), min_size=1, unique=True))
def test_invariant_3_every_urgent_answer_interrupts_the_questions_at_once(client, chosen):
    if "none" in chosen:
        chosen = ["none"]
    before = State(answers={"answering_for": "myself", "age": "adult"}).dumps()
    response = client.post(
        "/uk/pathways/questions/",
        {"state": before, "step": "happening_now", "action": "continue", "happening_now": chosen},
    )
    page = response.content.decode()
    if set(chosen) & set(URGENT):
        assert '<h1 class="interruption__heading">Get help now</h1>' in page
        assert 'value="resume"' in page and "Question 4 of" not in page
    else:
        assert "Question 4 of 14" in page and "interruption" not in page


@pytest.mark.parametrize(
    ("happening_now", "titles"),
    [
        (["collapse"], ["Call 999 now"]),
        (["suicidal"], ["Talk to someone now"]),
        (["cannot_pass_urine"], ["Go to A&amp;E now"]),
        (["severe_pain"], ["Go to A&amp;E now"]),
        (["blood_in_urine"], ["Get medical help today"]),
        (["infection_or_jaundice"], ["Get medical help today"]),
        (["blood_in_urine", "collapse", "suicidal"], ["Call 999 now", "Talk to someone now", "Get medical help today"]),
    ],
)
def test_urgent_help_shows_each_tiers_card_most_urgent_first(client, seeded, happening_now, titles):
    a = {**MYSELF, "happening_now": happening_now}
    page = client.post(
        "/uk/pathways/questions/", {"state": State(answers=a).dumps(), "action": "result"}
    ).content.decode()
    urgent_block = page[page.index('id="get-help-now"') : page.index('id="talk-to-professional"')]
    found = re.findall(r'<h3 class="care-card__title"[^>]*>([^<]+)</h3>', urgent_block)
    assert found == titles


def test_result_works_while_the_database_is_down(client, database_down):
    page = client.post(
        "/uk/pathways/questions/", {"state": State(answers=MYSELF).dumps(), "action": "result"}
    ).content.decode()
    assert "Online" in page and "Because you said" in page
    assert 'href="tel:999"' in page and "116 123" in page
    assert 'href="/uk/get-help/"' in page


def test_result_links_only_published_articles(client, seeded):
    Article.objects.filter(slug="kinds-of-online-support").update(status=Article.Status.DRAFT)
    page = client.post(
        "/uk/pathways/questions/", {"state": State(answers=MYSELF).dumps(), "action": "result"}
    ).content.decode()
    assert "/uk/articles/kinds-of-online-support/" not in page
    assert "/uk/articles/online-versus-in-person-treatment/" in page


def test_family_section_lists_the_regions_family_support(client):
    HelpContact.objects.create(name="Local family group", kind="family_support", region="uk", url="https://example.org")
    HelpContact.objects.create(name="Far away family group", kind="family_support", region="au")
    make_article(title="Caring for yourself", audience=Article.Audience.FAMILY)
    a = {**MYSELF, "answering_for": "someone_else"}
    page = client.post(
        "/uk/pathways/questions/", {"state": State(answers=a).dumps(), "action": "result"}
    ).content.decode()
    assert "Local family group" in page
    assert "Far away family group" not in page
    assert "Caring for yourself" in page


def test_head_requests_are_answered(client):
    assert client.head("/uk/pathways/questions/").status_code == 200


def test_check_page_speaks_of_them_when_answering_for_someone_else(client):
    journey = Journey(client).get().answer_all(SOMEONE_ELSE)
    assert "What they want" in journey.page
    assert "What you want" not in journey.page
    assert "How old are they?" not in journey.page  # the check page lists titles, not questions


def result_page(client, answers=MYSELF):
    response = client.post("/uk/pathways/questions/", {"state": State(answers=answers).dumps(), "action": "result"})
    assert response.status_code == 200
    return response.content.decode()


def test_editors_changes_show_on_the_next_result_at_once(client, seeded):
    # The options' texts, their articles and the contacts are kept in the cache between
    # results; any change an editor makes must replace them straight away.
    before = result_page(client)
    assert "/uk/articles/kinds-of-online-support/" in before

    online = PathwayOption.objects.get(key="online")
    online.summary = "Help by video call and chat, changed by an editor a moment ago."
    online.save()
    article = Article.objects.get(slug="kinds-of-online-support")
    article.status = Article.Status.DRAFT
    article.save()
    HelpContact.objects.create(name="A new national helpline", kind="helpline", region="uk", phone="0300 000 0000")

    after = result_page(client)
    assert "changed by an editor a moment ago" in after
    assert "/uk/articles/kinds-of-online-support/" not in after
    assert "A new national helpline" in after


def test_a_result_reads_nothing_from_the_database_once_its_shared_texts_are_cached(client, seeded):
    result_page(client)
    with CaptureQueriesContext(connection) as captured:
        page = result_page(client)
    assert len(captured) == 0
    assert "/uk/articles/online-versus-in-person-treatment/" in page


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


@pytest.mark.parametrize(
    ("chosen", "titles"),
    [
        (["collapse"], ["Call 999 now"]),
        (["suicidal"], ["Talk to someone now"]),
        (["cannot_pass_urine"], ["Go to A&amp;E now"]),
        (["infection_or_jaundice"], ["Get medical help today"]),
        (
            ["blood_in_urine", "suicidal", "severe_pain"],
            ["Talk to someone now", "Go to A&amp;E now", "Get medical help today"],
        ),
    ],
)
def test_the_interrupt_page_says_what_to_do_now_then_carries_on_with_the_answers_kept(client, seeded, chosen, titles):
    journey = Journey(client).get().answer("answering_for", "myself").answer("age", "adult")
    journey.answer("happening_now", chosen)
    page = journey.page
    assert "<title>Get help now" in page
    assert re.findall(r'<h2 class="care-card__title"[^>]*>([^<]+)</h2>', page) == titles
    if "suicidal" in chosen:
        assert "Do not stay alone" in page
    assert 'href="tel:999"' in page
    assert "Question" not in page.split('id="main"')[1]  # no other question on this page
    journey.post(step="happening_now", action="resume")
    assert "Question 4 of 14" in journey.page
    journey.post(step="frequency", action="back")
    for choice in chosen:
        assert re.search(rf'value="{choice}"[^>]*checked', journey.page)


def test_changing_to_an_urgent_answer_from_check_your_answers_interrupts_then_goes_back(client, seeded):
    journey = Journey(client).get().answer_all(MYSELF)
    journey.post(action="change", change="happening_now").answer("happening_now", ["severe_pain"])
    assert "Go to A&amp;E now" in journey.page and "Go back to your answers" in journey.page
    journey.post(step="happening_now", action="resume")
    assert "Check your answers" in journey.page and "Severe pain in the stomach, back or bladder" in journey.page


def test_resume_cannot_skip_a_question_that_was_never_answered(client):
    state = State(answers={"answering_for": "myself"}).dumps()
    response = client.post("/uk/pathways/questions/", {"state": state, "step": "happening_now", "action": "resume"})
    assert response.status_code == 400


def test_the_interrupt_page_still_shows_every_card_when_the_database_is_down(client, database_down):
    state = State(answers={"answering_for": "someone_else", "age": "adult"}).dumps()
    response = client.post(
        "/uk/pathways/questions/",
        {"state": state, "step": "happening_now", "action": "continue", "happening_now": ["collapse", "suicidal"]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Call 999 now" in page and "Samaritans" in page and 'href="tel:116123"' in page


def test_an_editors_change_to_a_card_shows_on_the_next_interrupt_page(client, seeded):
    card = CareCard.objects.get(tier="urgent_now", region="uk")
    card.title = "Go to A&E straight away"
    card.save()
    state = State(answers={"answering_for": "myself", "age": "adult"}).dumps()
    page = client.post(
        "/uk/pathways/questions/",
        {"state": state, "step": "happening_now", "action": "continue", "happening_now": ["cannot_pass_urine"]},
    ).content.decode()
    assert "Go to A&amp;E straight away" in page


def test_the_print_view_is_a_summary_of_answers_suggestions_and_contacts(client, seeded):
    a = {**MYSELF, "home_situation": ["unsafe"], "happening_now": ["blood_in_urine"]}
    response = client.post("/uk/pathways/questions/", {"state": State(answers=a).dumps(), "action": "print"})
    page = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "<h1>Summary to take to an appointment</h1>" in page
    assert "Answers in brief" in page and "<dt>Happening now</dt><dd>Blood in the urine (pee)</dd>" in page
    assert "Get medical help today" in page
    assert "Suggestions, strongest first" in page and "Because you said" in page
    assert "National Domestic Abuse Helpline (England): 0808 2000 247" in page
    assert "Childline" not in page  # only the lines these answers call for, and everyone's
    assert "name" not in re.sub(r"<[^>]+>", "", page.split('id="main"')[1]).lower().replace("no name is asked", "")
    assert 'type="text"' not in page and "<textarea" not in page


def test_the_result_for_a_young_person_puts_young_peoples_lines_first(client, seeded):
    page = result_page(client, YOUNG_PERSON)
    contacts = page[page.index('id="help-contacts"') :]
    assert contacts.index("Childline") < contacts.index("FRANK")
    assert "young people" in page and "adult residential services are not for young people" in page


# Issue 12, point 4: for a young person, a helpline and a drug and alcohol service in each region.
YOUNG_PEOPLES_LINES = {
    # region: (young people's helpline, young people's drug and alcohol service)
    "uk": ("Childline", "FRANK – young people's drug and alcohol services"),
    "us": ("Boys Town National Hotline", "FindTreatment.gov – programs for young people"),
    "ie": ("Childline (ISPCC)", "HSE drug and alcohol services for under-18s"),
    "au": ("Kids Helpline", "headspace"),
}


def young_persons_page(client, region, action="result"):
    response = client.post(
        f"/{region}/pathways/questions/", {"state": State(answers=YOUNG_PERSON).dumps(), "action": action}
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("region", sorted(YOUNG_PEOPLES_LINES))
def test_a_young_persons_result_lists_a_helpline_and_a_drug_and_alcohol_service_of_its_own_region(
    client, seeded, region
):
    from content.regions import foreign_terms

    page = young_persons_page(client, region)
    start = page.index('id="help-contacts"')
    section = page[start : page.index("</section>", start)]
    listed = [unescape(name) for name in re.findall(r"<li><strong>([^<]+)</strong>", section)]
    helpline, service = YOUNG_PEOPLES_LINES[region]
    young = HelpContact.objects.filter(audience=HelpContact.Audience.YOUNG_PEOPLE)
    mine = {contact.name: contact for contact in young.filter(region=region)}
    assert {helpline, service} <= set(mine)
    assert mine[helpline].phone  # a line a young person can call
    assert mine[service].url and mine[service].last_checked and mine[service].checked_against
    # The lines the answers call for come first, before everyone's.
    assert set(listed[: len(mine)]) == set(mine)
    assert set(mine) < set(listed)
    for contact in young.exclude(region=region):
        assert contact.name not in listed, contact.name
        assert not contact.phone or contact.phone not in section, contact.phone
    main = page[page.index('id="main"') : page.index("</main>")]
    assert foreign_terms(re.sub(r"<[^>]+>", " ", main), region) == []


@pytest.mark.parametrize("region", sorted(YOUNG_PEOPLES_LINES))
def test_a_young_persons_printed_summary_keeps_both_young_peoples_lines(client, seeded, region):
    page = unescape(young_persons_page(client, region, action="print"))
    helpline, service = YOUNG_PEOPLES_LINES[region]
    printed = page[page.index("<h2>Contacts</h2>") :]
    assert f"<li>{helpline}: " in printed and f"<li>{service}: " in printed
    for other, (other_helpline, other_service) in YOUNG_PEOPLES_LINES.items():
        if other != region:
            assert f"<li>{other_helpline}: " not in printed and f"<li>{other_service}: " not in printed


def test_the_result_for_a_pregnant_person_names_the_midwife_and_what_not_to_stop(client, seeded):
    page = result_page(client, PREGNANT)
    titles = re.findall(r'<h3 class="suggestion__title">([^<]+)</h3>', page)
    assert titles[0] == "Outpatient or community support"
    assert "tell your midwife or drug service first" in page
    assert "Do not stop alcohol, benzodiazepines, opioids or prescribed medicines suddenly" in page


def test_a_us_result_uses_us_services_and_never_the_nhs(client, seeded):
    from content.regions import foreign_terms

    answers = {**MYSELF, "practicalities": ["cost"], "happening_now": ["cannot_pass_urine"]}
    page = client.post(
        "/us/pathways/questions/", {"state": State(answers=answers).dumps(), "action": "result"}
    ).content.decode()
    main = page[page.index('id="main"') : page.index("</main>")]
    assert "Go to the emergency room now" in main and 'href="tel:911"' in main
    assert "FindTreatment.gov" in main and "Medicaid" in main
    assert foreign_terms(re.sub(r"<[^>]+>", " ", main), "us") == []


def test_a_choice_sent_twice_is_kept_once(client, seeded):
    """Issue 15: a form posted with the same box twice kept both copies in the state."""
    journey = Journey(client).get()
    for step, value in MYSELF.items():
        if step == "other_substances":
            journey.answer(step, ["alcohol_daily", "alcohol_daily", "benzodiazepines", "alcohol_daily"])
            break
        journey.answer(step, value)
    assert journey.response.status_code == 200 and "There is a problem" not in journey.page
    assert State.loads(journey.state).answers["other_substances"] == ["alcohol_daily", "benzodiazepines"]
    # A state signed with repeats (a leaked key, or an older release) is not trusted either.
    forged = signing.dumps({"v": 2, "a": {"other_substances": ["stimulants", "stimulants"]}}, salt=SALT, compress=True)
    response = client.post("/uk/pathways/questions/", {"state": forged, "action": "continue"})
    assert response.status_code == 400 and "We could not read the answers" in response.content.decode()
