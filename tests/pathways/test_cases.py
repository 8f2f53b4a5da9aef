"""The clinician's cases: the specification's table and our own, read from YAML files a
clinician can sign off (`manage.py pathways_evaluate --review tests/pathways/cases.yaml`)."""

from pathlib import Path

import pytest
import yaml

from pathways.review import check

HERE = Path(__file__).parent
SPEC_CASES = yaml.safe_load((HERE / "spec_cases.yaml").read_text(encoding="utf-8"))["cases"]
OUR_CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", SPEC_CASES, ids=[case["name"] for case in SPEC_CASES])
def test_the_specifications_clinician_cases(case):
    result, problems = check(case)
    assert result is not None and problems == []


@pytest.mark.parametrize("case", OUR_CASES, ids=[case["name"] for case in OUR_CASES])
def test_our_clinician_cases(case):
    result, problems = check(case)
    assert result is not None and problems == []


def test_we_keep_at_least_forty_cases_with_an_adversarial_set():
    assert len(OUR_CASES) >= 40
    assert len({case["name"] for case in OUR_CASES}) == len(OUR_CASES)
    assert all(case.get("expect") for case in OUR_CASES)
    naive_self_help = [
        c
        for c in OUR_CASES
        if "self_help" in c["expect"].get("not_first", []) or c["expect"].get("first") == "outpatient"
    ]
    naive_residential = [c for c in OUR_CASES if (c["expect"].get("fits") or {}).get("inpatient") in ("possible", "less_suited", "not_strong")]  # fmt: skip
    assert len(naive_self_help) >= 10 and len(naive_residential) >= 10


@pytest.mark.parametrize(
    ("expect", "problem"),
    [
        ({"first": "self_help"}, "outpatient is first, expected self_help"),
        ({"fits": {"inpatient": "strong"}}, "inpatient is less_suited, expected strong"),
        ({"mentions": ["Medicaid"]}, "no reason mentions 'Medicaid'"),
        ({"never": ["drug and alcohol service"]}, "a reason says 'drug and alcohol service'"),
        ({"urgency": "crisis"}, "urgency is none, expected crisis"),
    ],
)
def test_a_case_that_expects_the_wrong_thing_is_reported(expect, problem):
    _, problems = check({"name": "wrong on purpose", "changes": {}, "expect": expect})
    assert problem in problems


def test_a_case_with_an_unknown_answer_is_reported_not_run():
    result, problems = check({"name": "typo", "changes": {"frequency": "hourly"}, "expect": {}})
    assert result is None
    assert any("Unknown choice 'hourly'" in problem for problem in problems)
