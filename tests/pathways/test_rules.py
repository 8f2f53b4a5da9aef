"""The rules of shared/QUESTIONNAIRE.md (version 2), one table row each.

Each row starts from the specification's base answers (an adult answering for themselves
who uses ketamine several times a week, with mild withdrawal and nothing else) and changes
only what it names, so a row shows which answer moves which rating, fit or reason.
"""

import pytest

from pathways.questions import QUESTION_BY_ID, STEP_IDS
from pathways.review import SPEC_BASE, answers_for
from pathways.rules import RATINGS, evaluate


def result_for(region="uk", **changes):
    return evaluate(answers_for({"changes": changes}), region)


def fits(result):
    return {suggestion.option: suggestion.fit for suggestion in result.suggestions}


def reason_texts(result, option=None):
    return [
        reason.text
        for suggestion in result.suggestions
        if option is None or suggestion.option == option
        for reason in suggestion.reasons
    ]


def test_the_questions_are_the_fourteen_of_the_specification_in_order():
    assert STEP_IDS == (
        "answering_for", "age", "happening_now", "frequency", "withdrawal", "other_substances", "prescribed",
        "physical_health", "mental_health", "past_attempts", "home_support", "home_situation", "goal",
        "practicalities",
    )  # fmt: skip
    assert QUESTION_BY_ID["happening_now"].choice_ids == (
        "collapse", "suicidal", "cannot_pass_urine", "severe_pain", "blood_in_urine", "infection_or_jaundice", "none",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("happening_now", "flags"),
    [
        (["none"], ()),
        (["collapse"], ("emergency",)),
        (["suicidal"], ("crisis",)),
        (["cannot_pass_urine"], ("urgent_now",)),
        (["severe_pain"], ("urgent_now",)),
        (["blood_in_urine"], ("urgent_today",)),
        (["infection_or_jaundice"], ("urgent_today",)),
        (["blood_in_urine", "suicidal"], ("crisis", "urgent_today")),
        (["infection_or_jaundice", "severe_pain", "collapse"], ("emergency", "urgent_now", "urgent_today")),
    ],
)
def test_urgency_the_most_urgent_leads_and_every_tier_that_applies_shows(happening_now, flags):
    result = result_for(happening_now=happening_now)
    assert result.urgent_flags == flags
    assert result.urgency == (flags[0] if flags else "none")


@pytest.mark.parametrize(
    ("changes", "dimension", "level"),
    [
        ({}, "d1", "low"),
        ({"other_substances": ["alcohol_daily"]}, "d1", "high"),
        ({"other_substances": ["benzodiazepines"]}, "d1", "high"),
        ({"other_substances": ["opioids"]}, "d1", "high"),
        ({"other_substances": ["ghb_gbl"]}, "d1", "high"),
        ({"physical_health": ["withdrawal_seizures"]}, "d1", "high"),
        ({"withdrawal": "strong"}, "d1", "moderate"),
        ({"withdrawal": "not_sure"}, "d1", "moderate"),
        ({"frequency": "daily"}, "d1", "moderate"),
        ({"other_substances": ["stimulants"]}, "d1", "moderate"),
        ({"other_substances": ["not_sure"]}, "d1", "moderate"),
        ({"prescribed": ["opioid_treatment"]}, "d1", "moderate"),
        ({"prescribed": ["other_prescribed"]}, "d1", "moderate"),
        ({"prescribed": ["ketamine_treatment"]}, "d1", "low"),
        ({}, "d2", "low"),
        ({"physical_health": ["pregnant"]}, "d2", "high"),
        ({"happening_now": ["collapse"]}, "d2", "high"),
        ({"happening_now": ["blood_in_urine"]}, "d2", "high"),
        ({"physical_health": ["bladder"]}, "d2", "moderate"),
        ({"physical_health": ["not_sure"]}, "d2", "moderate"),
        ({}, "d3", "low"),
        ({"happening_now": ["suicidal"]}, "d3", "high"),
        ({"mental_health": ["unusual_experiences"], "home_support": "no_support"}, "d3", "high"),
        ({"mental_health": ["unusual_experiences"]}, "d3", "moderate"),
        ({"mental_health": ["recent_suicidal_thoughts"]}, "d3", "moderate"),
        ({"mental_health": ["not_sure"]}, "d3", "moderate"),
        ({"home_situation": ["unsafe"]}, "d3", "low"),  # an unsafe home counts in D6 only
        ({}, "d5", "low"),
        ({"past_attempts": "had_treatment_before", "frequency": "daily"}, "d5", "high"),
        ({"past_attempts": "had_treatment_before", "frequency": "weekly_or_less"}, "d5", "moderate"),
        ({"frequency": "stopped_recently", "withdrawal": "strong"}, "d5", "high"),
        ({"frequency": "stopped_recently", "mental_health": ["low_mood"]}, "d5", "high"),
        ({"frequency": "stopped_recently"}, "d5", "low"),
        ({"past_attempts": "tried_several_times"}, "d5", "moderate"),
        ({"past_attempts": "not_sure"}, "d5", "moderate"),
        ({}, "d6", "low"),
        ({"home_situation": ["unsafe"]}, "d6", "high"),
        ({"home_situation": ["no_stable_home"]}, "d6", "high"),
        ({"home_situation": ["others_use"]}, "d6", "high"),
        ({"home_support": "no_support"}, "d6", "moderate"),
    ],
)
def test_each_rating_rule(changes, dimension, level):
    assert result_for(**changes).dimensions[dimension] == level


def test_readiness_is_the_goal_itself():
    assert result_for(goal="not_ready").dimensions["d4"] == "not_ready"


def test_every_rating_names_real_questions_and_choices():
    for rating in RATINGS:
        assert rating.answers <= set(QUESTION_BY_ID[rating.question].choice_ids), rating
        if rating.and_question:
            assert rating.and_answers <= set(QUESTION_BY_ID[rating.and_question].choice_ids), rating


@pytest.mark.parametrize(
    ("changes", "inpatient"),
    [
        ({}, "less_suited"),
        # One serious need alone: possible, never strong.
        ({"other_substances": ["opioids"]}, "possible"),
        ({"home_situation": ["unsafe"]}, "possible"),
        ({"happening_now": ["suicidal"]}, "possible"),
        ({"frequency": "stopped_recently", "withdrawal": "strong"}, "possible"),
        # Two of D1, D3, D5 and D6 high: strong.
        ({"other_substances": ["opioids"], "home_situation": ["others_use"]}, "strong"),
        ({"happening_now": ["suicidal"], "home_situation": ["no_stable_home"]}, "strong"),
        # Depressants: two together, or one with fits in past withdrawal.
        ({"other_substances": ["alcohol_daily", "ghb_gbl"]}, "strong"),
        ({"other_substances": ["benzodiazepines"], "physical_health": ["withdrawal_seizures"]}, "strong"),
        ({"other_substances": ["opioids", "stimulants"]}, "possible"),
        # D2 alone never counts towards residential care.
        ({"physical_health": ["pregnant"], "happening_now": ["collapse"]}, "less_suited"),
        # Under 18: never strong.
        ({"age": "under_18", "other_substances": ["alcohol_daily", "ghb_gbl"]}, "possible"),
    ],
)
def test_inpatient_is_for_combinations_of_serious_needs(changes, inpatient):
    result = result_for(**changes)
    assert fits(result)["inpatient"] == inpatient
    assert result.suggestions[0].option != "inpatient"  # assessment (outpatient) is never weaker, and leads ties


@pytest.mark.parametrize(
    ("changes", "outpatient"),
    [
        ({}, "strong"),  # several times a week is regular use
        ({"frequency": "not_sure"}, "strong"),
        ({"frequency": "weekly_or_less"}, "possible"),
        ({"frequency": "weekly_or_less", "physical_health": ["bladder"]}, "strong"),
        ({"frequency": "weekly_or_less", "age": "under_18"}, "strong"),
        ({"frequency": "weekly_or_less", "prescribed": ["ketamine_treatment"]}, "strong"),
        ({"frequency": "weekly_or_less", "home_support": "no_support"}, "strong"),
        ({"frequency": "stopped_recently", "past_attempts": "tried_once"}, "possible"),
    ],
)
def test_outpatient_is_strong_for_regular_or_unsure_use_or_any_need(changes, outpatient):
    assert fits(result_for(**changes))["outpatient"] == outpatient


@pytest.mark.parametrize(
    ("changes", "online"),
    [
        ({"frequency": "weekly_or_less", "practicalities": ["private_space_online"]}, "strong"),
        ({"frequency": "stopped_recently", "practicalities": ["private_space_online"]}, "strong"),
        ({"frequency": "weekly_or_less"}, "possible"),  # no private space
        ({"practicalities": ["private_space_online"]}, "possible"),  # regular use
        ({"frequency": "weekly_or_less", "practicalities": ["private_space_online"], "withdrawal": "strong"}, "possible"),
        ({"frequency": "weekly_or_less", "practicalities": ["private_space_online"], "home_situation": ["unsafe"]}, "less_suited"),
        ({"frequency": "weekly_or_less", "practicalities": ["private_space_online"], "happening_now": ["blood_in_urine"]}, "less_suited"),
    ],
)  # fmt: skip
def test_online_is_strong_only_for_lighter_use_with_a_private_space(changes, online):
    assert fits(result_for(**changes))["online"] == online


@pytest.mark.parametrize(
    ("changes", "self_help"),
    [
        ({}, "strong"),
        ({"frequency": "weekly_or_less", "goal": "not_ready"}, "strong"),
        ({"home_support": "no_support"}, "possible"),
        ({"withdrawal": "strong"}, "possible"),
        ({"physical_health": ["pregnant"]}, "possible"),
    ],
)
def test_self_help_is_always_there_and_strong_only_when_nothing_else_is_raised(changes, self_help):
    result = result_for(**changes)
    assert fits(result)["self_help"] == self_help
    if self_help == "possible":
        assert any("alongside professional help" in text for text in reason_texts(result, "self_help"))


@pytest.mark.parametrize("prescribed", ["opioid_treatment", "other_prescribed", "ketamine_treatment"])
def test_prescribed_medicines_are_protected(prescribed):
    result = result_for(prescribed=[prescribed], other_substances=["alcohol_daily"])
    texts = reason_texts(result)
    assert any("prescriber" in text and "do not stop or change" in text for text in texts)
    # Withdrawal is only ever suggested from the drug that needs it, by name.
    assert not any("detox" in text.lower() for text in texts)
    assert any("withdrawal from alcohol" in text for text in texts)


def test_unprescribed_opioids_name_substitution_treatment_and_naloxone():
    texts = " ".join(reason_texts(result_for(other_substances=["opioids"]), "outpatient"))
    assert "opioid substitution treatment" in texts and "naloxone" in texts


@pytest.mark.parametrize(
    ("region", "who"),
    [("uk", "midwife"), ("ie", "midwife"), ("au", "midwife"), ("us", "prenatal care provider")],
)
def test_pregnancy_says_stopping_ketamine_is_safe_and_who_to_tell(region, who):
    texts = " ".join(reason_texts(result_for(region=region, physical_health=["pregnant"])))
    assert "stopping ketamine is safe and best for you and the baby" in texts
    assert "Do not stop alcohol, benzodiazepines, opioids or prescribed medicines suddenly" in texts
    assert f"tell your {who} or drug service first" in texts


@pytest.mark.parametrize(
    ("region", "changes", "words"),
    [
        ("uk", {"home_situation": ["unsafe"]}, "National Domestic Abuse Helpline (0808 2000 247"),
        ("us", {"home_situation": ["unsafe"]}, "National Domestic Violence Hotline (1-800-799-7233"),
        ("ie", {"home_situation": ["unsafe"]}, "Women's Aid (1800 341 900"),
        ("au", {"home_situation": ["unsafe"]}, "1800RESPECT (1800 737 732"),
        ("uk", {"home_situation": ["no_stable_home"]}, "Shelter"),
        ("us", {"home_situation": ["no_stable_home"]}, "211"),
        ("ie", {"home_situation": ["no_stable_home"]}, "Threshold"),
        ("au", {"home_situation": ["no_stable_home"]}, "Ask Izzy"),
    ],
)
def test_safety_and_housing_lines_are_named_in_the_regions_words(region, changes, words):
    result = result_for(region=region, **changes)
    assert any(words in text for text in reason_texts(result))


@pytest.mark.parametrize("region", ["uk", "us", "ie", "au"])
def test_young_people_are_sent_to_young_peoples_services(region):
    result = result_for(region=region, age="under_18", frequency="daily")
    assert result.young_person
    assert "young_people" in result.contact_needs
    assert any("young people" in text for text in reason_texts(result, "outpatient"))


def test_result_serialises_to_the_spec_shape():
    data = result_for(answering_for="someone_else").as_dict()
    assert set(data) == {"urgency", "urgent_flags", "dimensions", "suggestions", "for_family", "young_person", "region"}
    assert set(data["dimensions"]) == {"d1", "d2", "d3", "d4", "d5", "d6"}
    assert data["for_family"] is True and data["young_person"] is False and data["region"] == "uk"
    assert set(data["suggestions"][0]) == {"option", "fit", "reasons"}
    assert set(data["suggestions"][0]["reasons"][0]) == {"text", "question", "answer"}


def test_missing_answers_are_read_cautiously_and_never_break_the_rules():
    result = evaluate({"answering_for": "myself"}, "uk")
    assert result.dimensions["d1"] == "moderate"  # withdrawal and other drugs unanswered: read as not sure
    assert fits(result)["outpatient"] == "strong"


def test_the_spec_base_answers_are_complete_and_valid():
    from pathways.questions import validate_answers

    assert validate_answers(SPEC_BASE) == []
