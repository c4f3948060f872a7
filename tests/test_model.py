"""The typed model: cycles, automatic ids, key-result forms, units, thresholds, ignores, immutability."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import okrcoach
from okrcoach import LoadError
from okrcoach.model import KPI, Cadence, Cycle, Direction, Ignore, KeyResult, Objective, Plan
from okrcoach.text import clean_text

MINIMAL = Path(__file__).resolve().parent.parent / "datasets" / "examples" / "minimal.yaml"


def _plan(**data: Any) -> Plan:
    return okrcoach.load(data)


def _load_error(**data: Any) -> LoadError:
    with pytest.raises(LoadError) as caught:
        okrcoach.load(data)
    return caught.value


def _messages(error: LoadError) -> str:
    return "\n".join(problem.message for problem in error.problems)


# Cycles


@pytest.mark.parametrize(
    ("written", "label", "start", "end", "cadence"),
    [
        ("2026-Q1", "2026-Q1", date(2026, 1, 1), date(2026, 3, 31), Cadence.QUARTER),
        ("Q3 2026", "2026-Q3", date(2026, 7, 1), date(2026, 9, 30), Cadence.QUARTER),
        ("q4-2026", "2026-Q4", date(2026, 10, 1), date(2026, 12, 31), Cadence.QUARTER),
        ("2026 Q2", "2026-Q2", date(2026, 4, 1), date(2026, 6, 30), Cadence.QUARTER),
        ("FY2026-Q2", "2026-Q2", date(2026, 4, 1), date(2026, 6, 30), Cadence.QUARTER),
        ("2026-H1", "2026-H1", date(2026, 1, 1), date(2026, 6, 30), Cadence.HALF),
        ("2026-H2", "2026-H2", date(2026, 7, 1), date(2026, 12, 31), Cadence.HALF),
        ("2026", "2026", date(2026, 1, 1), date(2026, 12, 31), Cadence.YEAR),
        (2026, "2026", date(2026, 1, 1), date(2026, 12, 31), Cadence.YEAR),
        ("FY2027", "2027", date(2027, 1, 1), date(2027, 12, 31), Cadence.YEAR),
        ("2026-03", "2026-03", date(2026, 3, 1), date(2026, 3, 31), Cadence.MONTH),
        ("2028-02", "2028-02", date(2028, 2, 1), date(2028, 2, 29), Cadence.MONTH),
        (
            {"start": "2026-01-15", "end": "2026-04-14"},
            "2026-01-15..2026-04-14",
            date(2026, 1, 15),
            date(2026, 4, 14),
            Cadence.CUSTOM,
        ),
        (
            {"label": "Spring push", "start": date(2026, 3, 1), "end": date(2026, 5, 31)},
            "Spring push",
            date(2026, 3, 1),
            date(2026, 5, 31),
            Cadence.CUSTOM,
        ),
    ],
    ids=str,
)
def test_cycle_is_read_from_the_ways_people_write_it(
    written: Any, label: str, start: date, end: date, cadence: Cadence
) -> None:
    cycle = Cycle.model_validate(written)

    assert (cycle.label, cycle.start, cycle.end, cycle.cadence) == (label, start, end, cadence)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("next spring", "expected a cycle such as 2026-Q1, 2026-H1, 2026, 2026-03 or {start: 2026-01-01, end: "),
        ("next spring", "got 'next spring'"),
        ("2026-Q5", "got '2026-Q5'"),
        ("2026-H3", "got '2026-H3'"),
        ("2026-13", "got '2026-13'"),
        ("2026-00", "got '2026-00'"),
        ("FY26-Q1", "got 'FY26-Q1'"),
        (26, "got '26'"),
        ({"start": "2026-03-01", "end": "2026-01-01"}, "cycle ends (2026-01-01) before it starts (2026-03-01)"),
    ],
    ids=str,
)  # fmt: skip
def test_bad_cycle_is_refused_with_a_message_showing_good_ones(written: Any, message: str) -> None:
    error = _load_error(cycle=written, objectives=[])

    assert [problem.field for problem in error.problems] == ["cycle"]
    assert message in error.problems[0].message


def test_half_year_written_half_first_is_read_like_quarter_first() -> None:
    assert Cycle.model_validate("H1 2026").label == "2026-H1"


def test_cycle_length_decides_whether_it_is_quarterly_or_shorter() -> None:
    assert Cycle.model_validate("2026-Q3").is_quarterly_or_shorter
    assert Cycle.model_validate("2026-03").is_quarterly_or_shorter
    assert not Cycle.model_validate("2026-H1").is_quarterly_or_shorter
    assert Cycle.model_validate("2026").days == 365


def test_objective_cycle_overrides_the_plan_cycle() -> None:
    plan = _plan(cycle="2026-Q1", objectives=[{"title": "Grow traffic", "cycle": "2026"}, "Answer faster"])

    assert str(plan.cycle_of(plan.objectives[0])) == "2026"
    assert str(plan.cycle_of(plan.objectives[1])) == "2026-Q1"


# Automatic ids


def test_objectives_without_ids_are_numbered_in_file_order() -> None:
    plan = _plan(objectives=["Grow traffic", {"title": "Answer faster"}, {"title": "Cut returns"}])

    assert [objective.id for objective in plan.objectives] == ["O1", "O2", "O3"]


def test_key_results_without_ids_are_numbered_under_their_objective() -> None:
    objectives = [{"title": "Grow traffic", "key_results": ["a", {"title": "b"}]}, {"title": "x", "key_results": ["c"]}]

    plan = _plan(objectives=objectives)

    assert [kr.id for kr in plan.key_results] == ["O1.KR1", "O1.KR2", "O2.KR1"]


def test_explicit_ids_are_kept_and_used_for_their_key_results() -> None:
    objective = {"id": "growth", "title": "Grow traffic", "key_results": ["a", {"id": "seo", "title": "b"}]}

    plan = _plan(objectives=[objective])

    assert plan.objectives[0].id == "growth"
    assert [kr.id for kr in plan.key_results] == ["growth.KR1", "seo"]


def test_automatic_ids_count_objectives_with_explicit_ids() -> None:
    plan = _plan(objectives=[{"id": "growth", "title": "Grow traffic"}, "Answer faster"])

    assert [objective.id for objective in plan.objectives] == ["growth", "O2"]


def test_numeric_ids_become_text() -> None:
    plan = _plan(objectives=[{"id": 42, "title": "Grow traffic", "key_results": ["a", {"id": 7, "title": "b"}]}])

    assert plan.objectives[0].id == "42"
    assert [kr.id for kr in plan.key_results] == ["42.KR1", "7"]


def test_id_with_spaces_is_refused() -> None:
    error = _load_error(objectives=[{"id": "grow traffic", "title": "Grow traffic"}])

    assert [problem.field for problem in error.problems] == ["objectives[0].id"]
    assert "without spaces" in error.problems[0].message


def test_duplicate_objective_ids_are_refused_naming_the_id() -> None:
    error = _load_error(objectives=[{"id": "growth", "title": "Grow traffic"}, {"id": "growth", "title": "Grow sales"}])

    assert "objective id 'growth' is used twice" in _messages(error)


def test_duplicate_key_result_ids_are_refused_naming_the_id() -> None:
    key_results = [{"id": "kr", "title": "a"}, {"id": "kr", "title": "b"}]

    error = _load_error(objectives=[{"title": "Grow", "key_results": key_results}])

    assert "key result id 'kr' is used twice" in _messages(error)


def test_kpi_id_equal_to_an_objective_id_is_refused() -> None:
    error = _load_error(objectives=[{"id": "revenue", "title": "Grow"}], kpis=[{"id": "revenue", "name": "Revenue"}])

    assert "'revenue' is used twice" in _messages(error)


def test_automatic_id_never_clashes_with_an_explicit_one() -> None:
    plan = _plan(objectives=[{"id": "O2", "title": "Grow traffic"}, {"title": "Answer faster"}])

    assert len({objective.id for objective in plan.objectives}) == 2


def test_duplicate_id_message_reads_as_english() -> None:
    error = _load_error(objectives=[{"id": "growth", "title": "Grow traffic"}, {"id": "growth", "title": "Grow sales"}])

    assert "a objective" not in _messages(error)


def test_numeric_aligns_to_becomes_text_like_numeric_ids() -> None:
    plan = _plan(objectives=[{"id": 2, "title": "Grow traffic"}, {"title": "Win search", "aligns_to": 2}])

    assert plan.objectives[1].aligns_to == ("2",)


def test_aligns_to_accepts_one_id_or_a_list() -> None:
    plan = _plan(objectives=[{"title": "a", "aligns_to": "growth"}, {"title": "b", "aligns_to": ["growth", "C1"]}])

    assert [objective.aligns_to for objective in plan.objectives] == [("growth",), ("growth", "C1")]


# Key results as strings or mappings


def test_key_result_written_as_a_string_is_its_title() -> None:
    plan = _plan(objectives=[{"title": "Grow", "key_results": ["Raise conversion from 2% to 2.5%"]}])

    key_result = plan.key_results[0]

    assert key_result.title == "Raise conversion from 2% to 2.5%"
    assert (key_result.metric, key_result.target, key_result.unit) == (None, None, None)


def test_key_result_written_as_a_mapping_keeps_its_fields() -> None:
    written = {
        "title": "Raise conversion from 2% to 2.5%",
        "metric": "site conversion rate",
        "baseline": 2,
        "target": 2.5,
        "unit": "%",
        "direction": "up",
        "deadline": "2026-Q1",
        "owner": "Ana Sousa",
        "kpi": "conversion-rate",
        "kind": "metric",
    }

    key_result = _plan(objectives=[{"title": "Grow", "key_results": [written]}]).key_results[0]

    assert key_result.metric == "site conversion rate"
    assert (key_result.baseline, key_result.target, key_result.unit) == (2, 2.5, "%")
    assert key_result.direction is Direction.INCREASE
    assert key_result.deadline == date(2026, 3, 31)
    assert (key_result.owner, key_result.kpi) == ("Ana Sousa", "conversion-rate")


def test_key_result_model_accepts_a_plain_string() -> None:
    key_result = KeyResult.model_validate({"id": "k", "title": "Raise NPS to 60"})

    assert key_result == KeyResult.model_validate({"id": "k", "text": "Raise NPS to 60"})


def test_objective_written_as_a_string_is_its_title() -> None:
    plan = _plan(objectives=["Grow traffic"])

    assert plan.objectives[0].title == "Grow traffic"
    assert plan.objectives[0].key_results == ()


# Units and numbers


@pytest.mark.parametrize(
    ("baseline", "target", "values", "unit"),
    [
        ("60%", "75%", (60, 75), "%"),
        ("$800k", "$1.2M", (800_000, 1_200_000), "USD"),
        (None, "$1.2M", (None, 1_200_000), "USD"),
        ("12 hours", "4 hours", (12, 4), "hours"),
        (60, "75%", (60, 75), "%"),
        ("1,200", "1,500", (1200, 1500), None),
    ],
    ids=str,
)
def test_unit_is_taken_from_the_values_as_written(
    baseline: Any, target: Any, values: tuple[Any, Any], unit: str | None
) -> None:
    written = {"title": "Move the metric", "baseline": baseline, "target": target}

    key_result = _plan(objectives=[{"title": "Grow", "key_results": [written]}]).key_results[0]

    assert (key_result.baseline, key_result.target) == values
    assert key_result.unit == unit


def test_explicit_unit_is_kept() -> None:
    written = {"title": "Raise NPS", "baseline": 38, "target": 50, "unit": "points"}

    assert _plan(objectives=[{"title": "Grow", "key_results": [written]}]).key_results[0].unit == "points"


def test_conflicting_units_are_refused() -> None:
    written = {"title": "Move the metric", "baseline": "60%", "target": "$75"}

    error = _load_error(objectives=[{"title": "Grow", "key_results": [written]}])

    assert [problem.field for problem in error.problems] == ["objectives[0].key_results[0]"]
    assert "different units (%, USD)" in error.problems[0].message


@pytest.mark.parametrize("value", ["lots", "about sixty", "TBD"])
def test_target_that_is_not_a_number_is_refused(value: str) -> None:
    error = _load_error(objectives=[{"title": "Grow", "key_results": [{"title": "x", "target": value}]}])

    assert [problem.field for problem in error.problems] == ["objectives[0].key_results[0].target"]
    assert f"got {value!r}" in error.problems[0].message


def test_yes_no_target_is_refused() -> None:
    error = _load_error(objectives=[{"title": "Grow", "key_results": [{"title": "x", "target": True}]}])

    assert "yes/no" in error.problems[0].message


def test_deadline_that_is_not_a_date_is_refused() -> None:
    error = _load_error(objectives=[{"title": "Grow", "key_results": [{"title": "x", "deadline": "someday"}]}])

    assert [problem.field for problem in error.problems] == ["objectives[0].key_results[0].deadline"]
    assert "expected a date such as 2026-03-31" in error.problems[0].message


# KPI thresholds


@pytest.mark.parametrize(
    ("direction", "green", "amber"),
    [("higher", 2.5, 2.2), ("lower", 4, 8), ("higher", 5, 5), ("lower", None, 8), ("higher", 2.5, None)],
    ids=str,
)
def test_thresholds_in_the_right_order_are_accepted(direction: str, green: float | None, amber: float | None) -> None:
    written = {"id": "k", "name": "K", "direction": direction, "thresholds": {"green": green, "amber": amber}}

    kpi = KPI.model_validate(written)

    assert (kpi.thresholds.green, kpi.thresholds.amber) == (green, amber)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("direction", "green", "amber", "message"),
    [
        ("higher", 2.2, 2.5, "green (2.2) should be at or above amber (2.5)"),
        ("lower", 8, 4, "green (8) should be at or below amber (4)"),
    ],
    ids=["higher", "lower"],
)
def test_thresholds_in_the_wrong_order_are_refused(direction: str, green: float, amber: float, message: str) -> None:
    written = {"id": "k", "name": "K", "direction": direction, "thresholds": {"green": green, "amber": amber}}

    error = _load_error(kpis=[written])

    assert [problem.field for problem in error.problems] == ["kpis[0]"]
    assert message in error.problems[0].message


def test_kpi_direction_words_are_understood() -> None:
    kpi = KPI.model_validate({"id": "k", "name": "K", "direction": "down", "target": "4 hours"})

    assert kpi.direction.value == "lower"
    assert kpi.target == 4


# Ignores


def test_ignore_written_as_rule_to_reason_mapping() -> None:
    plan = _plan(objectives=[{"title": "Move warehouse", "ignore": {"output-not-outcome": "one-off move"}}])

    assert plan.objectives[0].ignore == (Ignore(rule="output-not-outcome", reason="one-off move"),)


def test_ignore_written_as_list_of_rule_and_reason() -> None:
    written = [{"rule": "vague-target", "reason": "agreed wording"}, {"rule": "M105", "reason": "pilot"}]

    plan = _plan(objectives=[{"title": "Grow", "key_results": [{"title": "x", "ignore": written}]}])

    assert [(item.rule, item.reason) for item in plan.key_results[0].ignore] == [
        ("vague-target", "agreed wording"),
        ("M105", "pilot"),
    ]


def test_ignore_keys_are_rule_names_and_are_not_normalized() -> None:
    plan = okrcoach.loads("objectives:\n  - title: Grow\n    ignore:\n      Output-Not-Outcome: one-off\n")

    assert plan.objectives[0].ignore[0].rule == "Output-Not-Outcome"


@pytest.mark.parametrize(
    ("ignore", "message"),
    [
        (["output-not-outcome"], "ignoring 'output-not-outcome' needs a reason"),
        ("output-not-outcome", "expected a mapping of rule to reason"),
        ([{"rule": "output-not-outcome"}], "required field 'reason' is missing"),
        ({"output-not-outcome": ""}, "must not be empty"),
        ({"output-not-outcome": None}, "expected text"),
    ],
    ids=["bare-rule-in-list", "bare-rule", "list-item-without-reason", "empty-reason", "null-reason"],
)
def test_ignore_without_a_reason_is_refused(ignore: Any, message: str) -> None:
    error = _load_error(objectives=[{"title": "Grow", "ignore": ignore}])

    assert message in _messages(error)
    assert all(str(problem.field).startswith("objectives[0].ignore") for problem in error.problems)


# Immutability and equality


def test_key_result_cannot_be_changed_after_loading() -> None:
    key_result = okrcoach.load(MINIMAL).key_results[0]

    with pytest.raises((ValidationError, AttributeError, TypeError)):
        key_result.title = "Something else"  # type: ignore[misc]


def test_objective_cannot_be_changed_after_loading() -> None:
    objective = okrcoach.load(MINIMAL).objectives[0]

    with pytest.raises((ValidationError, AttributeError, TypeError)):
        objective.owner = "Someone"  # type: ignore[misc]


def test_plan_cannot_be_changed_after_loading() -> None:
    plan = okrcoach.load(MINIMAL)

    with pytest.raises((ValidationError, AttributeError, TypeError)):
        plan.cycle = None  # type: ignore[misc]


def test_collections_inside_the_model_are_tuples() -> None:
    plan = okrcoach.load(MINIMAL)

    assert isinstance(plan.objectives, tuple)
    assert isinstance(plan.objectives[0].key_results, tuple)
    assert isinstance(plan.objectives[0].aligns_to, tuple)


def test_plans_with_the_same_content_are_equal_wherever_they_came_from() -> None:
    from_file = okrcoach.load(MINIMAL)
    from_text = okrcoach.loads(MINIMAL.read_text(encoding="utf-8"))

    assert from_file.source != from_text.source
    assert from_file == from_text
    assert hash(from_file) == hash(from_text)


def test_plans_with_different_content_are_not_equal() -> None:
    plan = okrcoach.load(MINIMAL)
    changed = okrcoach.loads(MINIMAL.read_text(encoding="utf-8").replace("60+", "65+"))

    assert plan != changed


def test_objective_and_key_result_lookups() -> None:
    plan = okrcoach.load(MINIMAL)
    key_result = plan.key_results[1]

    assert plan.objective("O1").title == "Improve customer experience"
    assert plan.objective_of(key_result).id == "O1"
    with pytest.raises(KeyError):
        plan.objective("O9")


# Text clean-up


def test_zero_width_spaces_inside_words_are_removed() -> None:
    assert clean_text("Imp\u200brove re\u200bfill sign\u2060-ups") == "Improve refill sign-ups"


def test_zero_width_joiner_emoji_are_kept() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"

    assert clean_text(f"{family} shoppers") == f"{family} shoppers"


def test_right_to_left_text_is_kept() -> None:
    assert clean_text("تحسين تجربة العملاء") == "تحسين تجربة العملاء"
    assert clean_text("לשפר את חוויית הלקוח") == "לשפר את חוויית הלקוח"


def test_text_is_put_in_nfc_form() -> None:
    decomposed = "Cafe\u0301 refills"

    cleaned = clean_text(decomposed)

    assert cleaned == "Café refills"
    assert unicodedata.is_normalized("NFC", cleaned)


def test_runs_of_spaces_and_outer_whitespace_are_collapsed() -> None:
    assert clean_text("  Grow\u00a0 organic   traffic\t ") == "Grow organic traffic"


def test_model_titles_are_cleaned_on_the_way_in() -> None:
    objective = Objective.model_validate({"id": "O1", "title": " Imp\u200brove  cafe\u0301 refills "})

    assert objective.title == "Improve café refills"


def test_title_of_only_line_breaks_is_refused() -> None:
    error = _load_error(objectives=[{"title": "\r\n"}])

    assert [problem.field for problem in error.problems] == ["objectives[0].title"]


def test_outer_line_breaks_are_stripped_from_ascii_and_non_ascii_text_alike() -> None:
    assert (clean_text("Grow traffic\r\n"), clean_text("Grów traffic\r\n")) == ("Grow traffic", "Grów traffic")


def test_blank_title_is_refused() -> None:
    error = _load_error(objectives=[{"title": " \u200b "}])

    assert [problem.field for problem in error.problems] == ["objectives[0].title"]
    assert "must not be empty" in error.problems[0].message
