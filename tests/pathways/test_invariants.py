"""The ten invariants of shared/QUESTIONNAIRE.md (version 2), over generated answers.

Each property runs on at least 300 answer sets (the hypothesis profile in tests/conftest.py).
The ratings are written out again below from the specification's words, independently of
rules.py, so the properties do not trust the code they check. Invariants 2 and 3 are about
the rendered pages and are checked in test_journey.py.
"""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.regions import foreign_terms
from pathways.questions import NOT_SURE, QUESTION_BY_ID, validate_answers
from pathways.rules import FIT_ORDER, OPTIONS, REGIONS, URGENCY_ORDER, evaluate
from tests.pathways.strategies import answers

regions = st.sampled_from(REGIONS)
URGENT = {"collapse", "suicidal", "cannot_pass_urine", "severe_pain", "blood_in_urine", "infection_or_jaundice"}
LEVEL = {"low": 0, "moderate": 1, "high": 2}


def chosen(a, question):
    value = a[question]
    return set(value) if isinstance(value, list) else {value}


def spec_dimensions(a):
    """The six ratings, transcribed from QUESTIONNAIRE.md "Dimensions" (not from rules.py)."""
    regular = a["frequency"] in {"daily", "several_weekly"}
    drugs, health, mind, now = chosen(a, "other_substances"), chosen(a, "physical_health"), chosen(a, "mental_health"), chosen(a, "happening_now")  # fmt: skip

    def level(high, moderate):
        return "high" if high else "moderate" if moderate else "low"

    return {
        "d1": level(
            drugs & {"alcohol_daily", "benzodiazepines", "opioids", "ghb_gbl"} or "withdrawal_seizures" in health,
            a["withdrawal"] in {"strong", NOT_SURE}
            or a["frequency"] == "daily"
            or drugs & {"stimulants", NOT_SURE}
            or chosen(a, "prescribed") & {"opioid_treatment", "other_prescribed"},
        ),
        "d2": level(
            "pregnant" in health or now & (URGENT - {"suicidal"}),
            health & {"bladder", "stomach_pain", "memory_concentration", "long_term_condition", NOT_SURE},
        ),
        "d3": level(
            "suicidal" in now or ("unusual_experiences" in mind and a["home_support"] == "no_support"),
            mind - {"none"},
        ),
        "d4": a["goal"],
        "d5": level(
            (a["past_attempts"] == "had_treatment_before" and regular)
            or (
                a["frequency"] == "stopped_recently"
                and (a["withdrawal"] == "strong" or mind & {"low_mood", "recent_suicidal_thoughts"})
            ),
            a["past_attempts"] in {"had_treatment_before", "tried_several_times", NOT_SURE},
        ),
        "d6": level(
            chosen(a, "home_situation") & {"unsafe", "no_stable_home", "others_use"},
            a["home_support"] == "no_support",
        ),
    }


def inpatient_may_be_strong(a):
    """QUESTIONNAIRE.md "Placement": the only ways inpatient can be strong."""
    ratings = spec_dimensions(a)
    serious = sum(ratings[d] == "high" for d in ("d1", "d3", "d5", "d6"))
    depressants = chosen(a, "other_substances") & {"alcohol_daily", "benzodiazepines", "ghb_gbl"}
    combination = len(depressants) >= 2 or (depressants and "withdrawal_seizures" in chosen(a, "physical_health"))
    return a["age"] == "adult" and (serious >= 2 or bool(combination))


def fit_of(result, option):
    return FIT_ORDER.index(result.suggestion(option).fit)  # 0 strong, 1 possible, 2 less suited


@given(answers)
def test_generated_answers_are_valid(a):
    assert validate_answers(a) == []


@given(answers, regions)
def test_the_ratings_are_the_specifications(a, region):
    assert evaluate(a, region).dimensions == spec_dimensions(a)


@given(answers, regions)
def test_1_all_four_options_at_least_one_strong_every_suggestion_has_a_reason(a, region):
    result = evaluate(a, region)
    assert sorted(s.option for s in result.suggestions) == sorted(OPTIONS)
    assert any(s.fit == "strong" for s in result.suggestions)
    fits = [FIT_ORDER.index(s.fit) for s in result.suggestions]
    assert fits == sorted(fits), "ranked strongest first"
    for suggestion in result.suggestions:
        assert suggestion.reasons, suggestion.option
        for reason in suggestion.reasons:
            assert reason.text.strip() and reason.question in QUESTION_BY_ID


@given(answers, regions)
def test_4_online_never_first_with_urgency_health_needs_high_withdrawal_risk_or_under_18(a, region):
    result = evaluate(a, region)
    ratings = spec_dimensions(a)
    if (
        chosen(a, "happening_now") & URGENT
        or ratings["d2"] != "low"
        or ratings["d3"] != "low"
        or ratings["d1"] == "high"
        or a["age"] == "under_18"
    ):
        assert result.suggestions[0].option != "online"


@given(answers, regions)
def test_5_self_help_never_first_with_urgency_any_need_pregnancy_or_strong_withdrawal(a, region):
    result = evaluate(a, region)
    ratings = spec_dimensions(a)
    if (
        chosen(a, "happening_now") & URGENT
        or any(ratings[d] != "low" for d in ("d1", "d2", "d3", "d5"))
        or "pregnant" in chosen(a, "physical_health")
        or a["withdrawal"] == "strong"
    ):
        assert result.suggestions[0].option != "self_help"


@given(answers, regions, st.randoms())
def test_6_same_answers_same_result_whatever_the_order(a, region, random):
    shuffled = {}
    for key, value in a.items():
        if isinstance(value, list):
            value = value[:]
            random.shuffle(value)
        shuffled[key] = value
    assert evaluate(shuffled, region).as_dict() == evaluate(a, region).as_dict()


# The most reassuring definite answer to each question that has "not sure".
REASSURING = {
    "frequency": "weekly_or_less",
    "withdrawal": "none",
    "other_substances": ["none"],
    "physical_health": ["none"],
    "mental_health": ["none"],
    "past_attempts": "never_tried",
    "goal": "stop",
}


def test_every_question_with_not_sure_has_a_reassuring_answer_to_compare_with():
    assert set(REASSURING) == {q.id for q in QUESTION_BY_ID.values() if NOT_SURE in q.choice_ids}


@pytest.mark.parametrize("question_id", sorted(REASSURING))
@given(a=answers, region=regions)
def test_7_not_sure_is_never_less_cautious_and_never_alone_makes_inpatient_strong(question_id, a, region):
    question = QUESTION_BY_ID[question_id]
    unsure = evaluate({**a, question_id: [NOT_SURE] if question.multiple else NOT_SURE}, region)
    definite = evaluate({**a, question_id: REASSURING[question_id]}, region)
    assert URGENCY_ORDER.index(unsure.urgency) <= URGENCY_ORDER.index(definite.urgency)
    assert min(fit_of(unsure, "inpatient"), fit_of(unsure, "outpatient")) <= min(
        fit_of(definite, "inpatient"), fit_of(definite, "outpatient")
    )
    assert fit_of(unsure, "online") >= fit_of(definite, "online")
    if unsure.suggestion("inpatient").fit == "strong":
        assert definite.suggestion("inpatient").fit == "strong"


@given(answers, regions)
def test_8_inpatient_strong_only_through_the_placement_combinations(a, region):
    result = evaluate(a, region)
    assert (result.suggestion("inpatient").fit == "strong") == inpatient_may_be_strong(a)
    assert fit_of(result, "outpatient") <= fit_of(result, "inpatient")


@given(answers, regions)
def test_9_prescribed_medicines_are_never_to_be_stopped_alone(a, region):
    result = evaluate(a, region)
    texts = [reason.text for s in result.suggestions for reason in s.reasons]
    if chosen(a, "prescribed") - {"none"}:
        assert any("do not stop or change" in text and ("prescriber" in text or "key worker" in text) for text in texts)
    for text in texts:
        assert "detox" not in text.lower(), text
        # Withdrawal is only suggested from a drug the person takes without a prescription, by name.
        for named in re.findall(r"withdrawal from (it|them|[A-Za-z ,]+?)(?:,| together| needs| can|$)", text):
            assert named in {"it", "them"} or chosen(a, "other_substances") & {
                "alcohol_daily", "benzodiazepines", "opioids", "ghb_gbl"
            }, text  # fmt: skip


@given(answers, regions)
def test_10_no_reason_contradicts_an_answer_or_borrows_another_regions_words(a, region):
    result = evaluate(a, region)
    urgent_or_high = chosen(a, "happening_now") & URGENT or "high" in spec_dimensions(a).values()
    for suggestion in result.suggestions:
        for reason in suggestion.reasons:
            assert reason.answer in chosen(a, reason.question), reason
            assert foreign_terms(reason.text, region) == [], (region, reason.text)
            assert "no other problems" not in reason.text
            if urgent_or_high:
                assert "can be enough" not in reason.text
            if reason.answer == NOT_SURE:
                assert "not sure" in reason.text, reason.text
            if result.for_family:
                assert not re.search(r"\byou (use|have|are|get|stop|need|want|also|cut)\b|\byour\b", reason.text)
            else:
                assert not re.search(r"\b(they|their|them|themselves)\b", reason.text), reason.text
