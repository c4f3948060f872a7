"""Table-driven tests of the pasted-text loader (tests/data/text/cases.yaml and errors.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from okrcoach.errors import LoadError
from okrcoach.loaders import load, loads
from okrcoach.loaders.text import parse_text
from okrcoach.model import Plan

DATA = Path(__file__).parent / "data" / "text"
CASES = yaml.safe_load((DATA / "cases.yaml").read_text(encoding="utf-8"))
ERRORS = yaml.safe_load((DATA / "errors.yaml").read_text(encoding="utf-8"))


def _pasted(case: dict[str, Any]) -> str:
    text = str(case["text"])
    if case.get("crlf"):
        text = text.replace("\n", "\r\n")
    if case.get("bom"):
        text = "\ufeff" + text
    return text


def _observed(plan: Plan) -> dict[str, Any]:
    """Return the plan in the shape of a case's `expect`."""
    observed: dict[str, Any] = {}
    if plan.cycle is not None:
        observed["cycle"] = plan.cycle.label
    if plan.organisation is not None:
        observed["organisation"] = plan.organisation
    observed["objectives"] = []
    for objective in plan.objectives:
        item: dict[str, Any] = {"objective": objective.title}
        item.update({name: getattr(objective, name) for name in ("owner", "team") if getattr(objective, name)})
        item["key_results"] = [
            {"title": kr.title, "owner": kr.owner} if kr.owner else kr.title for kr in objective.key_results
        ]
        observed["objectives"].append(item)
    return observed


def test_there_are_at_least_fifteen_pasted_inputs() -> None:
    assert len(CASES) >= 15
    assert len({case["name"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_pasted_text_reads_as_the_expected_objectives_and_key_results(case: dict[str, Any]) -> None:
    plan = parse_text(_pasted(case), "pasted.txt")

    assert _observed(plan) == case["expect"]


@pytest.mark.parametrize("case", ERRORS, ids=[case["name"] for case in ERRORS])
def test_unreadable_text_reports_every_problem_at_its_line(case: dict[str, Any]) -> None:
    with pytest.raises(LoadError) as raised:
        parse_text(case["text"], "pasted.txt")

    observed = [{"line": problem.line, "message": problem.message} for problem in raised.value.problems]
    expected = [{"line": problem["line"], "message": problem["message"]} for problem in case["problems"]]
    assert observed == expected
    assert all(problem.source == "pasted.txt" for problem in raised.value.problems)


@pytest.mark.parametrize(
    "case", [case for case in ERRORS if any("field" in p for p in case["problems"])], ids=lambda case: case["name"]
)
def test_rejected_values_name_their_field(case: dict[str, Any]) -> None:
    with pytest.raises(LoadError) as raised:
        parse_text(case["text"], "pasted.txt")

    assert [problem.field for problem in raised.value.problems] == [p.get("field") for p in case["problems"]]


def test_ids_are_assigned_in_order() -> None:
    plan = parse_text("Objective: A\n- a1\n- a2\nObjective: B\n- b1\n")

    assert [(objective.id, [kr.id for kr in objective.key_results]) for objective in plan.objectives] == [
        ("O1", ["O1.KR1", "O1.KR2"]),
        ("O2", ["O2.KR1"]),
    ]


def test_origins_point_at_the_lines_even_with_windows_line_endings() -> None:
    text = "\ufeffIntro line\r\n\r\nObjective: Grow\r\n- Win 10 logos\r\n\r\n- Reach $1M ARR\r\n"

    plan = parse_text(text, "okrs.txt")

    assert plan.source == "okrs.txt"
    assert [plan.origin(item).line for item in ("O1", "O1.KR1", "O1.KR2")] == [3, 4, 6]
    assert plan.origin("O1.KR2").pointer == "/objectives/0/key_results/1"


def test_a_team_line_after_key_results_applies_to_the_objectives_below_it() -> None:
    plan = parse_text("Team: Sales\nObjective: A\n- a1\nTeam: Ops\nObjective: B\n")

    assert [objective.team for objective in plan.objectives] == ["Sales", "Ops"]


def test_a_second_cycle_line_sets_the_cycle_of_the_objectives_below_it() -> None:
    plan = parse_text("Cycle: 2026-Q1\nObjective: A\n- a1\n\nCycle: 2026-Q2\nObjective: B\n- b1\n")

    assert plan.cycle is not None and plan.cycle.label == "2026-Q1"
    assert [str(plan.cycle_of(objective)) for objective in plan.objectives] == ["2026-Q1", "2026-Q2"]


def test_a_cycle_with_dates_keeps_its_label_and_dates() -> None:
    plan = parse_text("Cycle: Spring push (2026-02-01 → 2026-04-30)\nObjective: A\n")

    assert plan.cycle is not None
    assert (plan.cycle.label, plan.cycle.start.isoformat(), plan.cycle.end.isoformat()) == (
        "Spring push",
        "2026-02-01",
        "2026-04-30",
    )


def test_fields_under_a_key_result_fill_its_structured_fields() -> None:
    text = (
        "Objective: Answer faster\nKR1: Cut first response time\nBaseline: 12 · Target: 4 · Unit: hours\nDue: 2026-Q1\n"
    )

    key_result = parse_text(text).objectives[0].key_results[0]

    assert (key_result.baseline, key_result.target, key_result.unit) == (12, 4, "hours")
    assert key_result.deadline is not None and key_result.deadline.isoformat() == "2026-03-31"


def test_raw_html_in_pasted_text_is_kept_as_text() -> None:
    plan = parse_text("Objective: Ship <b>v2</b> &amp; <script>x</script>\n")

    assert plan.objectives[0].title == "Ship <b>v2</b> & <script>x</script>"


def test_loads_with_format_text_uses_the_text_loader() -> None:
    plan = loads("Objective: Grow\n- Win 10 logos\n", format="text", source="chat")

    assert plan.source == "chat"
    assert [kr.title for kr in plan.key_results] == ["Win 10 logos"]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_load_reads_text_and_markdown_files(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"okrs{suffix}"
    path.write_bytes("\ufeff## Grow revenue\r\n- Win 10 logos\r\n".encode())

    plan = load(path)

    assert [(objective.title, [kr.title for kr in objective.key_results]) for objective in plan.objectives] == [
        ("Grow revenue", ["Win 10 logos"])
    ]
    assert plan.origin("O1.KR1").line == 2
