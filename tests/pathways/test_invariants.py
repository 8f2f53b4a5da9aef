"""The seven invariants of shared/QUESTIONNAIRE.md, checked over generated answers.

Invariants 2 and 3 are about the rendered result page and are checked in test_journey.py;
the rest are properties of rules.evaluate and are checked here.
"""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathways.questions import NOT_SURE, QUESTION_BY_ID, validate_answers
from pathways.rules import FIT_ORDER, ONLINE, OPTIONS, SELF_HELP, STRONG, URGENCY_ORDER, evaluate
from tests.pathways.strategies import answers


def has_inpatient_reason(a):
    """The spec's list of reasons for 24-hour care, written out again independently of rules.py."""
    substances = set(a["other_substances"])
    regular = a["frequency"] in {"daily", "several_weekly", NOT_SURE}
    daily = a["frequency"] in {"daily", NOT_SURE}
    return bool(
        substances & {"alcohol_daily", "benzodiazepines", "opioids", NOT_SURE}
        or (a["withdrawal"] in {"strong", NOT_SURE} and daily)
        or "unusual_experiences" in a["mental_health"]
        or a["home_support"] == "unsafe_or_using"
        or (a["past_attempts"] in {"tried_several_times", "had_treatment_before"} and regular)
    )


@given(answers)
def test_generated_answers_are_valid(a):
    assert validate_answers(a) == []


@given(answers)
def test_1_at_least_one_strong_and_every_suggestion_has_a_reason(a):
    result = evaluate(a)
    assert any(suggestion.fit == STRONG for suggestion in result.suggestions)
    for suggestion in result.suggestions:
        assert suggestion.reasons, suggestion.option
        for reason in suggestion.reasons:
            assert reason.text.strip()
            assert reason.question in QUESTION_BY_ID


@given(answers)
def test_every_option_appears_once_ranked_strongest_first(a):
    result = evaluate(a)
    assert sorted(s.option for s in result.suggestions) == sorted(OPTIONS)
    fits = [FIT_ORDER.index(s.fit) for s in result.suggestions]
    assert fits == sorted(fits)


@given(answers)
def test_4_online_never_leads_when_there_is_a_reason_for_inpatient_care(a):
    result = evaluate(a)
    if has_inpatient_reason(a):
        assert result.suggestions[0].option != ONLINE
        assert result.suggestion("inpatient").fit == STRONG


@given(answers)
def test_5_self_help_is_always_present(a):
    assert any(s.option == SELF_HELP for s in evaluate(a).suggestions)


@given(answers, st.randoms())
def test_6_same_answers_same_result_whatever_the_order(a, random):
    shuffled = {}
    for key, value in a.items():
        if isinstance(value, list):
            value = value[:]
            random.shuffle(value)
        shuffled[key] = value
    assert evaluate(shuffled).as_dict() == evaluate(a).as_dict()
    assert evaluate(a).as_dict() == evaluate(a).as_dict()


QUESTIONS_WITH_NOT_SURE = [question.id for question in QUESTION_BY_ID.values() if NOT_SURE in question.choice_ids]


@pytest.mark.parametrize("question_id", QUESTIONS_WITH_NOT_SURE)
@given(a=answers)
def test_7_not_sure_is_never_less_cautious(question_id, a):
    question = QUESTION_BY_ID[question_id]
    unsure = {**a, question_id: [NOT_SURE] if question.multiple else NOT_SURE}
    definite, cautious = evaluate(a), evaluate(unsure)
    assert URGENCY_ORDER.index(cautious.urgency) <= URGENCY_ORDER.index(definite.urgency)
    fit = FIT_ORDER.index
    assert fit(cautious.suggestion("inpatient").fit) <= fit(definite.suggestion("inpatient").fit)
    assert fit(cautious.suggestion("online").fit) >= fit(definite.suggestion("online").fit)


def test_not_sure_questions_are_the_ones_the_spec_names():
    assert set(QUESTIONS_WITH_NOT_SURE) == {"frequency", "withdrawal", "other_substances", "goal"}


@given(answers)
def test_urgent_answers_always_lead_to_face_to_face_help(a):
    result = evaluate(a)
    if result.urgency != "none":
        assert result.suggestions[0].option in {"inpatient", "outpatient"}


@given(answers)
def test_every_reason_speaks_of_the_right_person_and_names_not_sure(a):
    result = evaluate(a)
    for suggestion in result.suggestions:
        for reason in suggestion.reasons:
            assert reason.answer in QUESTION_BY_ID[reason.question].choice_ids, reason
            refers_back = reason.text.startswith("Because of the reasons for more intensive care")
            if reason.answer == NOT_SURE and not refers_back:
                assert "not sure" in reason.text, reason.text
            if result.for_family:
                assert not re.search(r"\byou (use|have|are|get|stop|need|want|also)\b|\byour\b", reason.text), (
                    reason.text
                )
            else:
                assert not re.search(r"\b(they|their|them)\b", reason.text), reason.text
