"""Every rule of the spec's reasoning, one row each.

Each row starts from a baseline of occasional use with no complications and changes only
the answers it names, so the row shows which answer moves which suggestion.
"""

import pytest

from pathways.rules import evaluate

BASELINE = {
    "answering_for": "myself",
    "happening_now": ["none"],
    "frequency": "weekly_or_less",
    "withdrawal": "none",
    "other_substances": ["none"],
    "physical_health": ["none"],
    "mental_health": ["none"],
    "past_attempts": "never_tried",
    "home_support": "supportive",
    "goal": "cut_down",
    "practicalities": ["private_space_online"],
}


def result_for(**changes):
    return evaluate({**BASELINE, **changes})


def reasons_from(suggestion):
    return {(reason.question, reason.answer) for reason in suggestion.reasons}


@pytest.mark.parametrize(
    ("happening_now", "urgency", "flags"),
    [
        (["none"], "none", ()),
        (["collapse"], "emergency", ("emergency",)),
        (["suicidal"], "crisis", ("crisis",)),
        (["urine_blood_or_blocked"], "urgent_medical", ("urgent_medical",)),
        (["severe_pain"], "urgent_medical", ("urgent_medical",)),
        (["severe_pain", "suicidal"], "crisis", ("crisis", "urgent_medical")),
        (["urine_blood_or_blocked", "collapse", "suicidal"], "emergency", ("emergency", "crisis", "urgent_medical")),
    ],
)
def test_urgency_the_most_urgent_leads_and_the_others_still_show(happening_now, urgency, flags):
    result = result_for(happening_now=happening_now)
    assert result.urgency == urgency
    assert result.urgent_flags == flags


def test_baseline_occasional_use_without_complications():
    result = result_for()
    fits = {s.option: s.fit for s in result.suggestions}
    assert fits == {"inpatient": "less_suited", "outpatient": "possible", "online": "strong", "self_help": "strong"}
    assert [s.option for s in result.suggestions][:2] == ["online", "self_help"]


INPATIENT_RULES = [
    ({"other_substances": ["alcohol_daily"]}, ("other_substances", "alcohol_daily")),
    ({"other_substances": ["benzodiazepines", "stimulants"]}, ("other_substances", "benzodiazepines")),
    ({"other_substances": ["opioids"]}, ("other_substances", "opioids")),
    ({"other_substances": ["not_sure"]}, ("other_substances", "not_sure")),
    ({"frequency": "daily", "withdrawal": "strong"}, ("withdrawal", "strong")),
    ({"frequency": "daily", "withdrawal": "not_sure"}, ("withdrawal", "not_sure")),
    ({"frequency": "not_sure", "withdrawal": "strong"}, ("frequency", "not_sure")),
    ({"mental_health": ["unusual_experiences"]}, ("mental_health", "unusual_experiences")),
    ({"home_support": "unsafe_or_using"}, ("home_support", "unsafe_or_using")),
    ({"past_attempts": "tried_several_times", "frequency": "several_weekly"}, ("past_attempts", "tried_several_times")),
    ({"past_attempts": "had_treatment_before", "frequency": "daily"}, ("past_attempts", "had_treatment_before")),
]


@pytest.mark.parametrize(("changes", "reason"), INPATIENT_RULES)
def test_reasons_for_inpatient_care_make_it_lead(changes, reason):
    result = result_for(**changes)
    inpatient = result.suggestion("inpatient")
    assert inpatient.fit == "strong"
    assert reason in reasons_from(inpatient)
    assert result.suggestions[0].option == "inpatient"
    assert result.suggestion("online").fit == "less_suited"
    assert result.suggestion("outpatient").fit == "possible"


@pytest.mark.parametrize(
    ("changes", "fit"),
    [
        ({"other_substances": ["stimulants"]}, "less_suited"),
        ({"withdrawal": "strong"}, "possible"),  # strong withdrawal without daily use
        ({"frequency": "daily", "withdrawal": "mild"}, "possible"),
        ({"past_attempts": "tried_several_times"}, "less_suited"),  # earlier attempts, but use is now occasional
        ({"mental_health": ["low_mood", "anxiety"]}, "less_suited"),
    ],
)
def test_answers_that_do_not_call_for_24_hour_care(changes, fit):
    assert result_for(**changes).suggestion("inpatient").fit == fit


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"frequency": "daily", "withdrawal": "mild"}, ("frequency", "daily")),
        ({"frequency": "several_weekly"}, ("frequency", "several_weekly")),
        ({"frequency": "not_sure"}, ("frequency", "not_sure")),
        ({"physical_health": ["bladder"]}, ("physical_health", "bladder")),
        ({"physical_health": ["stomach_pain"]}, ("physical_health", "stomach_pain")),
        ({"physical_health": ["long_term_condition"]}, ("physical_health", "long_term_condition")),
        ({"mental_health": ["trauma"]}, ("mental_health", "trauma")),
        ({"mental_health": ["diagnosed_condition"]}, ("mental_health", "diagnosed_condition")),
    ],
)
def test_regular_use_or_in_person_health_needs_point_to_community_services(changes, reason):
    result = result_for(**changes)
    outpatient = result.suggestion("outpatient")
    assert outpatient.fit == "strong"
    assert reason in reasons_from(outpatient)
    assert result.suggestion("online").fit != "strong"


def test_supportive_home_and_work_are_reasons_for_community_treatment():
    outpatient = result_for(frequency="several_weekly", practicalities=["work_or_caring"]).suggestion("outpatient")
    assert {("home_support", "supportive"), ("practicalities", "work_or_caring")} <= reasons_from(outpatient)


def test_bladder_symptoms_make_online_a_complement_not_a_replacement():
    online = result_for(physical_health=["bladder"]).suggestion("online")
    assert online.fit == "possible"
    assert "cannot replace" in online.reasons[0].text


@pytest.mark.parametrize(
    ("changes", "fit"),
    [
        ({}, "strong"),
        ({"frequency": "stopped_recently", "withdrawal": "mild"}, "strong"),
        ({"withdrawal": "not_tried"}, "strong"),
        ({"practicalities": ["none"]}, "possible"),  # no private space
        ({"home_support": "no_support"}, "possible"),
        ({"home_support": "no_support", "practicalities": ["private_space_online", "privacy"]}, "strong"),
        ({"home_support": "no_support", "practicalities": ["private_space_online", "far_from_services"]}, "strong"),
        ({"withdrawal": "strong"}, "possible"),
        ({"frequency": "several_weekly"}, "possible"),
        ({"mental_health": ["diagnosed_condition"]}, "possible"),
        ({"other_substances": ["opioids"]}, "less_suited"),
    ],
)
def test_online_fits_milder_patterns_with_a_private_space(changes, fit):
    assert result_for(**changes).suggestion("online").fit == fit


def test_privacy_distance_and_work_are_given_as_reasons_for_online_help():
    online = result_for(practicalities=["private_space_online", "privacy", "far_from_services", "work_or_caring"])
    assert {
        ("practicalities", "privacy"),
        ("practicalities", "far_from_services"),
        ("practicalities", "work_or_caring"),
    } <= reasons_from(online.suggestion("online"))


@pytest.mark.parametrize(
    ("changes", "fit", "reason"),
    [
        ({}, "strong", ("frequency", "weekly_or_less")),
        ({"frequency": "stopped_recently"}, "strong", ("frequency", "stopped_recently")),
        ({"frequency": "daily", "withdrawal": "strong", "goal": "not_ready"}, "strong", ("goal", "not_ready")),
        ({"frequency": "daily", "goal": "stop"}, "possible", ("goal", "stop")),
        ({"physical_health": ["bladder"], "goal": "not_sure"}, "possible", ("goal", "not_sure")),
    ],
)
def test_self_help_and_peer_support(changes, fit, reason):
    self_help = result_for(**changes).suggestion("self_help")
    assert self_help.fit == fit
    assert reason in reasons_from(self_help)


def test_not_sure_is_read_cautiously_and_the_reason_says_so():
    inpatient = result_for(other_substances=["not_sure"]).suggestion("inpatient")
    assert "not sure whether you also drink alcohol every day" in inpatient.reasons[0].text


def test_someone_else_is_spoken_of_as_they():
    result = result_for(answering_for="someone_else", frequency="daily", withdrawal="strong")
    assert result.for_family
    text = " ".join(r.text for s in result.suggestions for r in s.reasons)
    assert "they use ketamine every day" in text
    assert "you use" not in text
    assert not result_for().for_family


def test_result_serialises_to_the_spec_shape():
    data = result_for(happening_now=["suicidal"]).as_dict()
    assert set(data) == {"urgency", "urgent_flags", "suggestions", "for_family"}
    assert data["urgency"] == "crisis"
    first = data["suggestions"][0]
    assert set(first) == {"option", "fit", "reasons"}
    assert set(first["reasons"][0]) == {"text", "question", "answer"}


def test_missing_answers_do_not_break_the_rules():
    result = evaluate({"answering_for": "myself"})
    assert any(s.fit == "strong" for s in result.suggestions)
    assert all(s.reasons for s in result.suggestions)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"other_substances": ["alcohol_daily"]}, "you also drink alcohol every day: stopping this suddenly"),
        (
            {"other_substances": ["alcohol_daily", "benzodiazepines", "opioids"]},
            "you also drink alcohol every day, and take benzodiazepines and opioids: stopping these suddenly",
        ),
        ({"frequency": "daily", "withdrawal": "not_sure"}, "and you were not sure what happens when you stop"),
        ({"frequency": "not_sure", "past_attempts": "had_treatment_before"}, "you were not sure how often you use"),
        (
            {"physical_health": ["long_term_condition"]},
            "a long-term health condition: a doctor or nurse should check this",
        ),
        ({"answering_for": "someone_else", "withdrawal": "strong"}, "when they stop, they get strong cravings"),
    ],
)
def test_reason_wording(changes, expected):
    text = " ".join(r.text for s in result_for(**changes).suggestions for r in s.reasons)
    assert expected in text


@pytest.mark.parametrize(
    ("happening_now", "lead"),
    [
        (["urine_blood_or_blocked"], "outpatient"),
        (["severe_pain"], "outpatient"),
        (["suicidal"], "outpatient"),
        (["collapse"], "outpatient"),
    ],
)
def test_urgent_answers_point_to_face_to_face_help(happening_now, lead):
    result = result_for(happening_now=happening_now)
    assert result.suggestions[0].option == lead
    assert result.suggestion("online").fit != "strong"
    assert "after the urgent help above" in result.suggestion("inpatient").reasons[0].text


@pytest.mark.parametrize(
    "changes",
    [
        {"mental_health": ["low_mood"]},
        {"mental_health": ["anxiety"]},
        {"physical_health": ["memory_concentration"]},
        {"other_substances": ["stimulants"]},
    ],
)
def test_every_health_answer_is_used(changes):
    result = result_for(**changes)
    assert result.suggestions[0].option == "outpatient"
    question, [answer] = next(iter(changes.items()))
    assert (question, answer) in reasons_from(result.suggestion("outpatient"))


def test_needing_free_help_is_a_reason():
    result = result_for(practicalities=["private_space_online", "cost"])
    assert ("practicalities", "cost") in reasons_from(result.suggestion("self_help"))
    assert ("practicalities", "cost") in reasons_from(result.suggestion("outpatient"))
