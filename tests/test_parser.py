"""Table-driven tests of the key-result statement parser (tests/data/parser_cases.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from okrcoach.model import Direction, KRKind
from okrcoach.parser import parse_key_result, parse_quantity, split_results

CASES = yaml.safe_load((Path(__file__).parent / "data" / "parser_cases.yaml").read_text(encoding="utf-8"))
FIELDS = ("metric", "direction", "baseline", "target", "unit", "deadline", "kind")


def _observed(text: str) -> dict[str, object]:
    observed = parse_key_result(text).as_dict()
    observed["parts"] = observed.pop("results")
    del observed["text"]
    return observed


@pytest.mark.parametrize("case", CASES, ids=[case["text"][:60] or "<empty>" for case in CASES])
def test_statement_parses_as_labeled(case: dict[str, object]) -> None:
    observed = _observed(str(case["text"]))
    expected = {field: case[field] for field in FIELDS}
    expected["change"] = case.get("change", False)
    expected["comparator"] = case.get("comparator")
    expected["placeholders"] = case.get("placeholders", [])
    expected["parts"] = case.get("parts", 1) if case["text"] else 0
    assert observed == expected


def test_table_is_large_varied_and_covers_the_seeds() -> None:
    assert len(CASES) >= 80
    assert all(set(FIELDS) <= set(case) for case in CASES), "every case states every field"
    assert len({case["seed"] for case in CASES if "seed" in case}) == 4  # seeds 000-003 have key results
    kinds = {case["kind"] for case in CASES}
    directions = {case["direction"] for case in CASES}
    assert kinds == {None, "metric", "milestone", "binary"}
    assert directions == {None, "increase", "decrease", "reach", "maintain"}
    assert sum(1 for case in CASES if case["target"] is None and case["metric"] is None) >= 5  # nothing to find


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("60%", 60, "%"),
        ("$120 million", 120e6, "USD"),
        ("$1.2M", 1.2e6, "USD"),
        ("€2.5bn", 2.5e9, "EUR"),
        ("£300k", 300e3, "GBP"),
        ("10k", 10e3, None),
        ("1,200", 1200, None),
        ("4 hours", 4, "hours"),
        ("4h", 4, "hours"),
        ("800ms", 800, "ms"),
        ("3x", 3, "x"),
        ("10 percentage points", 10, "points"),
        ("4.5/5", 4.5, "/5"),
        ("35 percent", 35, "%"),
        ("-5%", -5, "%"),
    ],
)
def test_quantity_reads_value_and_unit(text: str, value: float, unit: str | None) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == unit


@pytest.mark.parametrize("text", ["lots", "", "Q3", "v2.0", "sixty", "12 apples and 3 pears", "1.2.3"])
def test_quantity_rejects_text_that_is_not_one_number(text: str) -> None:
    assert parse_quantity(text) is None


def test_plus_suffix_means_at_least() -> None:
    statement = parse_key_result("Achieve an NPS of 60+")
    assert statement.target is not None and statement.target.at_least
    assert statement.comparator == ">="


@pytest.mark.parametrize(
    "text",
    [
        "Ship v2.0.1 of the app",
        "Get certified for ISO 27001",
        "Enter the S&P 500",
        "Publish the 2026 roadmap",
        "Plan the Q3 offsite",
        "Support the app on Windows 11",
        "Run the 24/7 support rota",
    ],
)
def test_numbers_that_are_names_versions_or_dates_are_not_targets(text: str) -> None:
    assert parse_key_result(text).target is None


def test_several_results_in_one_line_are_split() -> None:
    assert split_results("Increase signups by 20% and reduce churn to 2%; launch in 3 markets") == (
        "Increase signups by 20%",
        "reduce churn to 2%",
        "launch in 3 markets",
    )
    assert split_results("The API is finalized and released") == ("The API is finalized and released",)


def test_invisible_characters_cannot_hide_words_from_the_parser() -> None:
    statement = parse_key_result("Re\u200bduce churn from 5% to 3%")
    assert statement.direction is Direction.DECREASE
    assert statement.kind is KRKind.METRIC


def test_parse_is_cached_and_returns_the_same_object() -> None:
    assert parse_key_result("Grow ARR to $2M") is parse_key_result("Grow ARR to $2M")


def test_key_result_statement_property_uses_the_parser() -> None:
    from okrcoach import loads

    plan = loads("objectives:\n  - title: Delight customers\n    key_results:\n      - Cut churn from 5% to 3%\n")
    statement = plan.key_results[0].statement
    assert (statement.baseline.value, statement.target.value, statement.unit) == (5, 3, "%")


def test_results_counts_the_results_in_one_statement() -> None:
    statement = parse_key_result("Cut wait times to 2 days and raise NPS to 40")
    assert statement.results == 2 == statement.as_dict()["results"]
    assert parse_key_result("Raise NPS to 40").results == 1
