"""Cases a clinician can read and sign off: answer sets with what the result should be.

A case file (YAML) has a `base` answer set and a list of `cases`; each case names what it
changes from the base and what it expects. `check(case)` compares the result with those
expectations and returns the differences as sentences, so the same file drives the test
suite and `manage.py pathways_evaluate --review` (a table to sign off). Pure Python.

Expectations a case may give:
  urgency: the most urgent tier, or none
  flags: every urgent tier, most urgent first
  first: the option ranked first
  not_first: options that must not be ranked first
  fits: {option: strong | possible | less_suited | not_strong}
  mentions: words that some reason must contain (each of them)
  mentions_any: words of which at least one must appear in some reason
  never: words that no reason may contain
  young_person, for_family: true or false
"""

import random

from content.regions import foreign_terms
from pathways.questions import QUESTIONS, validate_answers
from pathways.rules import FIT_ORDER, OPTIONS, STRONG, URGENCY_ORDER, evaluate

# The base answers of the specification's table of cases (QUESTIONNAIRE.md).
SPEC_BASE = {
    "answering_for": "myself",
    "age": "adult",
    "happening_now": ["none"],
    "frequency": "several_weekly",
    "withdrawal": "mild",
    "other_substances": ["none"],
    "prescribed": ["none"],
    "physical_health": ["none"],
    "mental_health": ["none"],
    "past_attempts": "never_tried",
    "home_support": "supportive",
    "home_situation": ["none"],
    "goal": "stop",
    "practicalities": ["none"],
}
MULTIPLE = {question.id for question in QUESTIONS if question.multiple}


def answers_for(case, base=None):
    """The base answers with the case's changes (a single choice for a multi-choice question becomes a list)."""
    answers = dict(base or SPEC_BASE)
    for question, value in (case.get("changes") or {}).items():
        answers[question] = [value] if question in MULTIPLE and isinstance(value, str) else value
    return answers


def check(case, base=None):
    """(result, problems): the case's result and every way it differs from what the case expects."""
    answers = answers_for(case, base)
    problems = validate_answers(answers)
    if problems:
        return None, problems
    region = case.get("region", "uk")
    result = evaluate(answers, region)
    expect = case.get("expect") or {}
    fits = {suggestion.option: suggestion.fit for suggestion in result.suggestions}
    first = result.suggestions[0].option
    reasons = " ".join(reason.text for suggestion in result.suggestions for reason in suggestion.reasons)
    lowered = reasons.lower()
    if "urgency" in expect and result.urgency != expect["urgency"]:
        problems.append(f"urgency is {result.urgency}, expected {expect['urgency']}")
    if "flags" in expect and list(result.urgent_flags) != list(expect["flags"]):
        problems.append(f"urgent flags are {list(result.urgent_flags)}, expected {expect['flags']}")
    if "first" in expect and first != expect["first"]:
        problems.append(f"{first} is first, expected {expect['first']}")
    for option in expect.get("not_first", []):
        if first == option:
            problems.append(f"{option} is first, and must not be")
    for option, fit in (expect.get("fits") or {}).items():
        if fit == "not_strong":
            if fits[option] == STRONG:
                problems.append(f"{option} is strong, and must not be")
        elif fits[option] != fit:
            problems.append(f"{option} is {fits[option]}, expected {fit}")
    for word in expect.get("mentions", []):
        if word.lower() not in lowered:
            problems.append(f"no reason mentions {word!r}")
    any_of = expect.get("mentions_any", [])
    if any_of and not any(word.lower() in lowered for word in any_of):
        problems.append(f"no reason mentions any of {any_of}")
    for word in expect.get("never", []):
        if word.lower() in lowered:
            problems.append(f"a reason says {word!r}")
    for flag in ("young_person", "for_family"):
        if flag in expect and getattr(result, flag) != expect[flag]:
            problems.append(f"{flag} is {getattr(result, flag)}, expected {expect[flag]}")
    if STRONG not in fits.values():
        problems.append("no option is strong")
    foreign = foreign_terms(reasons, region)
    if foreign:
        problems.append(f"reasons use other regions' words: {', '.join(foreign)}")
    return result, problems


def review_table(cases, base=None):
    """A Markdown table of each case and its result, for a clinician to read and sign off."""
    lines = [
        "| case | region | urgency | ranked | inpatient | outpatient | online | self-help | check |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    failures = 0
    for case in cases:
        result, problems = check(case, base)
        if result is None:
            lines.append(f"| {case['name']} | | | | | | | | invalid: {'; '.join(problems)} |")
            failures += 1
            continue
        fits = {suggestion.option: suggestion.fit.replace("_", " ") for suggestion in result.suggestions}
        ranked = ", ".join(suggestion.option.replace("_", "-") for suggestion in result.suggestions)
        verdict = "as expected" if not problems else "DIFFERS: " + "; ".join(problems)
        failures += bool(problems)
        lines.append(
            f"| {case['name']} | {result.region} | {', '.join(result.urgent_flags) or 'none'} | {ranked} | "
            f"{fits['inpatient']} | {fits['outpatient']} | {fits['online']} | {fits['self_help']} | {verdict} |"
        )
    return "\n".join(lines), failures


def random_answers(rng, sampler="single"):
    """A random complete answer set.

    `single`: one choice for every question, each equally likely (the sampler the clinical
    review used). `subsets`: multi-choice questions take a random set of choices instead.
    """
    answers = {}
    for question in QUESTIONS:
        if not question.multiple:
            answers[question.id] = rng.choice(question.choice_ids)
        elif sampler == "single":
            answers[question.id] = [rng.choice(question.choice_ids)]
        else:
            exclusive = sorted(question.exclusive)
            combinable = [choice for choice in question.choice_ids if choice not in question.exclusive]
            if rng.random() < len(exclusive) / (len(exclusive) + 2):
                answers[question.id] = [rng.choice(exclusive)]
            else:
                answers[question.id] = [choice for choice in combinable if rng.random() < 0.5] or [
                    rng.choice(combinable)
                ]
    return answers


def distribution(samples=20_000, seed=2026, sampler="single", region="uk"):
    """How often each option is ranked first and has each fit, and how often each urgency applies."""
    rng = random.Random(seed)
    first = dict.fromkeys(OPTIONS, 0)
    fits = {option: dict.fromkeys(FIT_ORDER, 0) for option in OPTIONS}
    urgency = dict.fromkeys(URGENCY_ORDER, 0)
    for _ in range(samples):
        result = evaluate(random_answers(rng, sampler), region)
        first[result.suggestions[0].option] += 1
        for suggestion in result.suggestions:
            fits[suggestion.option][suggestion.fit] += 1
        for flag in result.urgent_flags or ("none",):
            urgency[flag] += 1
    return {"samples": samples, "first": first, "fits": fits, "urgency": urgency}
