"""The text checks editors see: syllables, reading ease and stigmatising language."""

from datetime import date

import pytest

from content.checks import (
    article_warnings,
    count_syllables,
    publishing_problems,
    reading_ease,
    review_state,
    stigmatising_terms,
    text_blocks,
    word_count,
)

# Dictionary syllable counts. The estimate is a heuristic, so the test asks for agreement
# on nearly all of a broad list rather than pretending it is exact.
DICTIONARY = {
    "ketamine": 3, "the": 1, "bladder": 2, "cystitis": 3, "anaesthetic": 4, "people": 2, "cravings": 2,
    "treatment": 2, "dissociative": 5, "recovery": 4, "liked": 1, "wanted": 2, "syllable": 3, "because": 2,
    "everyone": 3, "online": 2, "smiles": 1, "make": 1, "seeing": 2, "being": 2, "doing": 2, "little": 2,
    "table": 2, "tables": 2, "therapy": 3, "anxiety": 4, "medication": 4, "emergency": 4, "behaviour": 3,
    "family": 3, "support": 2, "urine": 2, "kidneys": 2, "abdominal": 4, "create": 2, "real": 1, "idea": 3,
    "ruined": 2, "science": 2, "quiet": 2, "walked": 1, "needed": 2, "decided": 3, "hours": 1, "service": 2,
    "questions": 2, "professional": 4, "opioids": 3, "alcohol": 3, "benzodiazepines": 6, "psychological": 5,
    "private": 2, "video": 3, "area": 3, "depression": 3, "esketamine": 4, "counselling": 3, "appointment": 3,
    "evening": 3, "said": 1, "you": 1, "use": 1, "uses": 2, "used": 1, "cause": 1, "causes": 2, "pee": 1,
    "peeing": 2, "cure": 1, "sure": 1, "whole": 1, "every": 2, "years": 1, "mixing": 2, "makes": 1, "hopes": 1,
    "changes": 2, "sizes": 2, "gives": 1, "doctor": 2, "nurse": 1, "help": 1, "withdrawal": 3, "pain": 1,
}  # fmt: skip


def test_syllable_estimate_agrees_with_the_dictionary_on_nearly_every_word():
    wrong = {word: count_syllables(word) for word, expected in DICTIONARY.items() if count_syllables(word) != expected}
    assert len(wrong) / len(DICTIONARY) <= 0.12, wrong


@pytest.mark.parametrize(("word", "expected"), [("a", 1), ("I'm", 1), ("don't", 1), ("", 0), ("123", 0)])
def test_syllables_of_short_and_odd_words(word, expected):
    assert count_syllables(word) == expected


def test_reading_ease_of_plain_and_dense_text():
    plain = ["You can stop. It may be hard at first. Ask your GP for help."]
    dense = [
        "Pharmacological interventions demonstrating considerable heterogeneity necessitate individualised "
        "multidisciplinary assessment incorporating comprehensive psychiatric evaluation."
    ]
    assert reading_ease(plain) > 80
    assert reading_ease(dense) < 0
    assert reading_ease([]) is None


def test_each_block_counts_as_its_own_sentence():
    # Headings and list items have no full stop but are separate sentences to a reader.
    assert reading_ease(["Key points", "Stop slowly", "Ask for help"]) == reading_ease(
        ["Key points. Stop slowly. Ask for help."]
    )


def test_text_blocks_and_word_count():
    blocks = text_blocks("<h2>Help</h2><p>Call <strong>111</strong> today.</p><ul><li>One thing</li></ul>")
    assert blocks == ["Help", "Call 111 today.", "One thing"]
    assert word_count(blocks) == 5


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("He is an addict.", ["addict"]),
        ("Addicts need help.", ["Addicts"]),
        ("junkies", ["junkies"]),
        ("a drug abuser", ["abuser"]),
        ("substance abuse services", ["substance abuse"]),
        ("ketamine users often", ["ketamine users"]),
        ("she has been clean for a year", ["clean"]),
        ("a dirty test", ["dirty"]),
        ("his drug habit", ["drug habit"]),
        ("Addiction is a health condition.", []),
        ("Ketamine can be addictive.", []),
        ("a person who uses ketamine", []),
        ('We avoid the word "addict" because it labels people.', []),
        ("We avoid “clean” and “dirty”.", []),
    ],
)
def test_stigmatising_terms(text, found):
    assert [warning.found for warning in stigmatising_terms(text)] == found


def test_stigmatising_terms_suggest_alternatives():
    (warning,) = stigmatising_terms("an addict")
    assert "person who uses ketamine" in warning.suggestion


TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("due", "state"),
    [
        (None, "missing"),
        (date(2026, 11, 22), "overdue"),
        (date(2026, 11, 23), "due_soon"),
        (date(2026, 12, 23), "due_soon"),
        (date(2026, 12, 24), "ok"),
        (date(2027, 11, 23), "ok"),
    ],
)
def test_review_state(due, state):
    assert review_state(due, TODAY) == state


GOOD = {
    "text": "A person who uses ketamine.",
    "reading_ease_score": 75.0,
    "source_count": 2,
    "key_points": ["One", "Two", "Three"],
    "next_review_due": date(2027, 11, 1),
    "today": TODAY,
}


@pytest.mark.parametrize(
    ("changes", "codes", "message"),
    [
        ({}, [], None),
        ({"text": "Some addicts."}, ["language"], "“addicts” can stigmatise"),
        ({"reading_ease_score": 48.2}, ["reading_ease"], "Reading ease is 48.2; the target is 60 or more"),
        ({"reading_ease_score": None}, [], None),
        ({"source_count": 0}, ["sources"], "No sources"),
        ({"source_count": 1}, ["sources"], "Only 1 source"),
        ({"key_points": []}, ["key_points"], "No key points"),
        ({"key_points": ["1", "2", "3", "4", "5", "6"]}, ["key_points"], "6 key points"),
        ({"next_review_due": date(2026, 11, 1)}, ["review"], "Review overdue since 1 November 2026"),
        ({"next_review_due": date(2026, 12, 1)}, ["review"], "Review due by 1 December 2026"),
        ({"next_review_due": None}, ["review"], "No review date"),
        ({"source_count": 0, "key_points": [], "text": "clean"}, ["language", "sources", "key_points"], None),
    ],
)
def test_article_warnings(changes, codes, message):
    warnings = article_warnings(**{**GOOD, **changes})
    assert [warning.code for warning in warnings] == codes
    if message:
        assert message in warnings[0].message


@pytest.mark.parametrize(
    ("source_count", "due", "problems"),
    [
        (2, date(2027, 1, 1), []),
        (0, date(2027, 1, 1), ["it has no sources"]),
        (1, date(2026, 1, 1), ["its review was due on 1 January 2026: review it and update the dates first"]),
        (1, None, []),
    ],
)
def test_publishing_problems(source_count, due, problems):
    assert publishing_problems(source_count=source_count, next_review_due=due, today=TODAY) == problems
