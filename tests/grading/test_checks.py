"""Check building blocks: okrcoach-powered built-ins, partial credit, and how check outcomes become scores."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from okrcoach.grading import checks
from okrcoach.grading.rubric import run_check

VAGUE = ["Improve the checkout experience", "Launch a loyalty program"]
GOOD = ["Cut checkout abandonment from 71% to 62%", "Reduce median first response time from 12 hours to 4 hours"]


def test_clean_key_results_earn_credit_per_statement_with_okrcoach_suggestions() -> None:
    result = checks.key_results_clean([GOOD[0], *VAGUE], rules=["vague-target", "output-not-outcome"])
    assert result.score == pytest.approx(1 / 3, abs=1e-4)
    assert [finding["rule"] for finding in result.findings] == ["vague-target", "output-not-outcome"]
    assert result.details[0].startswith("'Improve the checkout experience': vague-target - Key result has no measurable target")
    assert "Suggestion: Pick a measure of 'checkout experience'" in result.details[0]


def test_targets_and_baselines_are_read_by_the_parser() -> None:
    assert checks.key_results_have_target(GOOD).score == 1.0
    assert checks.key_results_have_target(VAGUE).score == 0.0
    assert checks.key_results_have_baseline(["Reach an NPS of 60", GOOD[0]]).score == 0.5


def test_leading_indicators_come_from_the_catalog() -> None:
    result = checks.leading_indicators(["Raise Net Promoter Score from 38 to 50", GOOD[1]])
    assert result.score == 0.5
    assert "Net Promoter Score (NPS), which shows change after about 4 months" in result.details[0]


@pytest.mark.parametrize(
    ("answer", "expected", "score"),
    [
        (["OKR", "kpi"], ["OKR", "KPI"], 1.0),
        (["OKR", "OKR"], ["OKR", "KPI"], 0.5),
        ({"a": 1, "b": 2}, {"a": 1, "b": 3}, 0.5),
        (" T5 ", "T5", 1.0),
    ],
)
def test_matches_gives_credit_item_by_item(answer: object, expected: object, score: float) -> None:
    assert checks.matches(answer, expected).score == score


def test_plan_quality_scores_an_okr_set_inside_the_sample_company() -> None:
    okrs = {"team": "customer-support", "objectives": [{"title": "Improve support by 20%", "key_results": ["Improve response times", "Launch a chatbot"]}]}
    result = checks.plan_quality(okrs, ["vague-target", "output-not-outcome", "misaligned-objective"], company="greencycle")
    assert 0 < result.score < 1
    assert {finding["rule"] for finding in result.findings} == {"vague-target", "output-not-outcome", "misaligned-objective"}


def test_an_okr_set_that_does_not_load_says_why() -> None:
    with pytest.raises(AssertionError, match=r"the OKR set does not load: .*unknown field 'colour'"):
        checks.plan_quality({"objectives": [{"title": "x", "colour": "red", "key_results": ["a"]}]}, ["vague-target"])


def test_kpi_definition_uses_the_kpi_rules() -> None:
    result = checks.kpi_definition({"name": "Instagram followers"})
    assert result.score == 0.0
    assert {finding["rule"] for finding in result.findings} == {"missing-kpi-target", "missing-kpi-owner", "undefined-kpi", "vanity-metric"}


def test_catalog_kpis_counts_function_leading_and_vanity() -> None:
    result = checks.catalog_kpis(["website-visits", "social-media-followers", "brand-awareness"], functions=["marketing"], leading=2)
    assert result.score == pytest.approx(2 / 3, abs=1e-4)
    assert "social-media-followers is a vanity metric: it grows without telling anyone what to do" in result.details
    with pytest.raises(AssertionError, match="not KPI ids in the okrcoach catalog: made-up"):
        checks.catalog_kpis(["made-up"])


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (None, "expected a list of texts, got None (the answer is still empty)"),
        (["a", ""], "every item must be a non-empty text: item 2 is an empty text"),
        (["a"], "expected 2 items, got 1"),
    ],
)
def test_texts_explain_what_is_wrong(answer: object, message: str) -> None:
    with pytest.raises(AssertionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        checks.texts(answer, count=2)


def _check(target: str = "probe", inputs: tuple[str, ...] = ("answer",)) -> dict[str, object]:
    return {"id": target, "task": "answer", "kind": "hidden", "target": target, "points": 2.0, "inputs": list(inputs), "args": {}}


@pytest.mark.parametrize(
    ("outcome", "score", "message"),
    [
        (None, 1.0, ""),
        (True, 1.0, ""),
        (False, 0.0, "the check failed"),
        (0.25, 0.25, ""),
        (7, 1.0, ""),
        (checks.Result(0.5, "half"), 0.5, "half"),
    ],
)
def test_check_outcomes_become_scores(outcome: object, score: float, message: str) -> None:
    module = SimpleNamespace(probe=lambda answer: outcome)
    result = run_check(_check(), {"answer": {"value": 1}}, lambda kind: module)  # type: ignore[arg-type,return-value]
    assert (result["score"], result["message"]) == (score, message)


def test_assertions_and_errors_in_a_check_cost_only_that_check() -> None:
    def probe(answer: object) -> None:
        if answer != 2:
            raise AssertionError("expected 2")  # as `assert answer == 2, "expected 2"` in a test file

    def crash(answer: object) -> None:
        raise KeyError("shape")

    module = SimpleNamespace(probe=probe, crash=crash)
    assert run_check(_check(), {"answer": {"value": 1}}, lambda kind: module)["message"] == "expected 2"  # type: ignore[arg-type,return-value]
    assert run_check(_check("crash"), {"answer": {"value": 1}}, lambda kind: module)["message"] == "the answer could not be checked (KeyError: 'shape')"  # type: ignore[arg-type,return-value]


def test_missing_and_unsupported_answers_score_zero_without_running_the_check() -> None:
    def never(kind: str) -> object:
        raise AssertionError("the test module must not be loaded")

    missing = run_check(_check(), {"answer": {"missing": "no cell is tagged 'answer:answer'"}}, never)  # type: ignore[arg-type]
    unsupported = run_check(_check(), {"answer": {"unsupported": "an answer of type set cannot be graded"}}, never)  # type: ignore[arg-type]
    assert missing["message"] == "answer 'answer' missing: no cell is tagged 'answer:answer'"
    assert unsupported["message"] == "answer 'answer' cannot be graded: an answer of type set cannot be graded"
