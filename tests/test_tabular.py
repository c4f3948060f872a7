"""Spreadsheets in and out: CSV, TSV, Excel workbooks and pandas DataFrames (tests/data/tabular)."""

from __future__ import annotations

import sys
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

import okrcoach
from okrcoach.errors import LoadError
from okrcoach.loaders.frame import load_frame
from okrcoach.model import ObjectiveType, Plan
from okrcoach.writers.tabular import plan_to_csv, plan_to_rows, write_xlsx

DATA = Path(__file__).parent / "data" / "tabular"


@pytest.fixture(scope="module")
def rich_plan() -> Plan:
    return okrcoach.loads((DATA / "rich_plan.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def openpyxl() -> Any:
    return pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def pandas() -> Any:
    return pytest.importorskip("pandas")


def _problems(source: Any) -> list[str]:
    with pytest.raises(LoadError) as info:
        okrcoach.load(source)
    return [str(problem) for problem in info.value.problems]


def _workbook(openpyxl: Any, path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def _key_results(plan: Plan) -> list[tuple[str, str]]:
    return [
        (objective.title, key_result.title) for objective in plan.objectives for key_result in objective.key_results
    ]


# Round trips


def test_rich_plan_fixture_uses_what_round_trips_must_keep(rich_plan: Plan) -> None:
    assert any(not objective.key_results for objective in rich_plan.objectives)
    assert any(objective.cycle for objective in rich_plan.objectives)
    assert any(key_result.ignore for key_result in rich_plan.key_results)
    assert rich_plan.kpis and rich_plan.teams and rich_plan.strategy and rich_plan.strategy.pillars


@pytest.mark.parametrize("format", ["csv", "tsv"])
def test_csv_round_trip_keeps_objectives_key_results_and_cycle(rich_plan: Plan, tmp_path: Path, format: str) -> None:
    path = tmp_path / f"plan.{format}"
    path.write_text(okrcoach.dumps(rich_plan, format), encoding="utf-8", newline="")

    loaded = okrcoach.load(path)

    assert loaded.objectives == rich_plan.objectives
    assert loaded.cycle == rich_plan.cycle


def test_xlsx_round_trip_keeps_the_whole_plan(rich_plan: Plan, tmp_path: Path, openpyxl: Any) -> None:
    path = okrcoach.save(rich_plan, tmp_path / "plan.xlsx")

    loaded = okrcoach.load(path)

    assert loaded == rich_plan
    assert (loaded.strategy, loaded.teams, loaded.kpis) == (rich_plan.strategy, rich_plan.teams, rich_plan.kpis)


def test_frame_round_trip_keeps_objectives_and_key_results(rich_plan: Plan, pandas: Any) -> None:
    frame = okrcoach.to_frame(rich_plan)

    assert load_frame(frame).objectives == rich_plan.objectives
    assert okrcoach.load(frame).objectives == rich_plan.objectives


def test_frame_has_one_row_per_key_result_with_the_columns_of_plan_to_rows(rich_plan: Plan, pandas: Any) -> None:
    rows = plan_to_rows(rich_plan)

    frame = okrcoach.to_frame(rich_plan)

    assert list(frame.columns) == list(rows[0])
    assert len(frame) == len(rows) == len(rich_plan.key_results) + 1  # plus the objective without key results
    assert str(frame["target"].dtype) == "float64"


def test_csv_writes_numbers_in_full_and_keeps_formula_like_text(rich_plan: Plan) -> None:
    text = plan_to_csv(rich_plan)

    assert "0.0000001" in text and "1e-07" not in text
    assert '"=2x faster onboarding, -5% drop-off"' in text


def test_xlsx_has_bold_frozen_header_real_numbers_and_dates(rich_plan: Plan, tmp_path: Path, openpyxl: Any) -> None:
    path = tmp_path / "plan.xlsx"
    write_xlsx(rich_plan, path)

    workbook = openpyxl.load_workbook(path)
    sheet = workbook["OKRs"]
    header = [cell.value for cell in sheet[1]]
    first = dict(zip(header, (cell.value for cell in sheet[2]), strict=True))

    assert workbook.sheetnames == ["OKRs", "Plan", "Pillars", "Teams", "KPIs"]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert (first["baseline"], first["target"], first["current"]) == (8, 11, 9.25)
    assert first["deadline"] == datetime(2026, 3, 31)
    assert sheet.cell(row=4, column=header.index("key_result") + 1).data_type == "s"
    assert 8 <= sheet.column_dimensions["D"].width <= 60


def test_xlsx_leaves_out_empty_optional_sheets(tmp_path: Path, openpyxl: Any) -> None:
    plan = okrcoach.loads("objectives: [{title: Grow revenue, key_results: [Win 12 new logos]}]")

    write_xlsx(plan, tmp_path / "plan.xlsx")

    assert openpyxl.load_workbook(tmp_path / "plan.xlsx").sheetnames == ["OKRs"]


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".xlsx", ".xlsm"])
def test_load_reads_each_table_suffix(rich_plan: Plan, tmp_path: Path, suffix: str) -> None:
    if suffix in {".xlsx", ".xlsm"}:
        pytest.importorskip("openpyxl")
    path = tmp_path / f"plan{suffix}"
    okrcoach.save(rich_plan, path, format={".xlsm": "xlsx"}.get(suffix))

    assert okrcoach.load(path).objectives == rich_plan.objectives


# Reading what people write


def test_headers_match_aliases_ignoring_case_spaces_and_underscores() -> None:
    plan = okrcoach.load(DATA / "aliases.csv")

    objective = plan.objectives[0]
    key_result = objective.key_results[0]
    assert (objective.title, objective.owner, objective.team) == ("Grow self-serve revenue", "Ana", "growth-team")
    assert objective.type is ObjectiveType.COMMITTED and objective.aligns_to == ("growth", "trust")
    assert (key_result.id, key_result.owner, key_result.unit) == ("KR-1", "Ben", "%")
    assert (key_result.baseline, key_result.target, key_result.current) == (8, 11, 9)
    assert key_result.deadline == date(2026, 3, 31) and str(plan.cycle) == "2026-Q1"


@pytest.mark.parametrize("name", ["semicolon.csv", "plan.tsv"])
def test_semicolon_and_tab_delimited_files_are_read(name: str) -> None:
    plan = okrcoach.load(DATA / name)

    assert plan.objectives[0].title == "Grow self-serve revenue"
    assert plan.key_results[0].target in (11, 12)
    assert "," not in plan.objectives[0].title


def test_semicolon_file_keeps_commas_inside_cells() -> None:
    assert okrcoach.load(DATA / "semicolon.csv").key_results[0].title == "Raise conversion, the main lever"


def test_objective_cells_may_be_given_only_on_its_first_row() -> None:
    plan = okrcoach.load(DATA / "first_row_only.csv")

    grow, trust = plan.objectives
    assert [kr.title for kr in grow.key_results] == ["Raise conversion to 11%", "Win 12 new logos", "Cut churn to 2%"]
    assert (grow.owner, grow.team, grow.type, grow.aligns_to) == (
        "Ana",
        "growth-team",
        ObjectiveType.COMMITTED,
        ("growth",),
    )
    assert (trust.owner, trust.team) == ("Ben", "platform")


def test_row_without_objective_continues_the_objective_above_and_blank_rows_are_skipped() -> None:
    plan = okrcoach.load(DATA / "merged_cells.csv")

    assert _key_results(plan) == [
        ("Grow self-serve revenue", "Raise conversion to 11%"),
        ("Grow self-serve revenue", "Win 12 new logos"),
        ("Earn trust", "Cut incidents to 2"),
    ]
    assert plan.origin("O2.KR1").line == 5


def test_row_without_key_result_makes_an_objective_without_key_results() -> None:
    plan = okrcoach.load(DATA / "objective_without_key_results.csv")

    assert [(objective.title, len(objective.key_results)) for objective in plan.objectives] == [
        ("Grow self-serve revenue", 2),
        ("Explore a partner channel", 0),
    ]


def test_ignore_columns_are_read_as_rules_with_reasons() -> None:
    objective = okrcoach.load(DATA / "ignores.csv").objectives[0]

    assert [(item.rule, item.reason) for item in objective.ignore] == [("output-not-outcome", "one-off migration")]
    assert [(item.rule, item.reason) for item in objective.key_results[0].ignore] == [
        ("missing-baseline", "new system"),
        ("M103", "unit is obvious"),
    ]


def test_same_cycle_written_two_ways_is_one_cycle_and_a_different_one_is_an_error() -> None:
    problems = _problems(DATA / "cycle_conflict.csv")

    assert len(problems) == 1
    assert "row 4: cycle: '2026-Q2' differs from '2026-Q1' on row 2" in problems[0]


# Problems: every one names the file, the row and the column or field

STRUCTURE_PROBLEMS = [
    ("conflicting_owner.csv", "row 5: Objective owner: 'Carla' conflicts with 'Ana' on row 2 for objective 'Grow self-serve revenue'"),
    ("unknown_column.csv", "row 1: unknown columns 'Trget' (did you mean 'target'?), 'Notes': rename them"),
    ("unknown_column.csv", "expected: cycle, team, objective_id, objective, objective_owner"),
    ("missing_column.csv", "row 1: missing required columns 'objective' and 'key_result' (headers found: 'Goal', 'Owner', 'Target')"),
    ("header_only.csv", "row 1: the table has no rows with an objective"),
    ("unnamed_column.csv", "row 3: column C has values but no header"),
    ("two_owner_columns.csv", "row 1: KR owner: columns 'Owner' and 'KR owner' both mean 'owner'"),
    ("cells_without_key_result.csv", "row 3: the row has key-result cells (target, owner) but no key result"),
    ("no_objective_on_first_row.csv", "row 2: the row has no objective"),
    ("wrong_type.csv", "row 3: objectives[0].key_results[1].target: expected a number such as 4, 60%, 10k or $120M, got 'lots'"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "expected"), STRUCTURE_PROBLEMS, ids=[f"{n}:{e[:30]}" for n, e in STRUCTURE_PROBLEMS])
def test_table_problem_names_file_row_and_column(name: str, expected: str) -> None:
    problems = _problems(DATA / name)

    assert any(problem.startswith(str(DATA / name)) and expected in problem for problem in problems), problems


def test_several_problems_in_one_file_are_reported_together() -> None:
    with pytest.raises(LoadError) as info:
        okrcoach.load(DATA / "several_errors.csv")

    found = [(problem.row, problem.field) for problem in info.value.problems]
    assert found == [
        (2, "objectives[0].key_results[0].target"),
        (3, "objective_owner"),
        (3, "objectives[0].key_results[1].deadline"),
        (4, "ignore"),
        (4, "objectives[1].key_results[0].direction"),
    ]


def test_frame_problems_name_the_row_by_position(pandas: Any) -> None:
    frame = pandas.DataFrame(
        {"Objective": ["Grow revenue", "Grow revenue"], "KR": ["Win 12 logos", "Win lots"], "Target": [12, "lots"]},
        index=[10, 20],
    )

    problems = _problems(frame)

    assert problems == [
        "<DataFrame>: row 2: objectives[0].key_results[1].target: "
        "expected a number such as 4, 60%, 10k or $120M, got 'lots'"
    ]


def test_frame_with_unknown_column_names_it(pandas: Any) -> None:
    frame = pandas.DataFrame({"objective": ["Grow revenue"], "key_result": ["Win 12 logos"], "Trget": [12]})

    assert "unknown column 'Trget' (did you mean 'target'?)" in _problems(frame)[0]


# Workbooks


def test_workbook_without_okrs_sheet_uses_first_sheet_with_the_columns(tmp_path: Path, openpyxl: Any) -> None:
    path = _workbook(
        openpyxl,
        tmp_path / "okrs.xlsx",
        {
            "Read me": [["How to fill in this template"]],
            "Q1": [
                [],
                [None, "Objective", "Key result", "Due"],
                [None, "Grow revenue", "Win logos", datetime(2026, 3, 31, 17, 30)],
            ],
        },
    )

    plan = okrcoach.load(path)

    assert plan.key_results[0].deadline == date(2026, 3, 31)
    assert plan.origin("O1.KR1").line == 3


def test_workbook_reads_the_sheet_named_okrs_before_other_sheets_with_the_columns(
    tmp_path: Path, openpyxl: Any
) -> None:
    path = _workbook(
        openpyxl,
        tmp_path / "okrs.xlsx",
        {
            "Last quarter": [["Objective", "Key result"], ["Old objective", "Old key result"]],
            "OKRs": [["Objective", "Key result"], ["Grow revenue", "Win logos"]],
        },
    )

    assert _key_results(okrcoach.load(path)) == [("Grow revenue", "Win logos")]


def test_workbook_problems_name_the_sheet_and_its_row(tmp_path: Path, openpyxl: Any) -> None:
    path = _workbook(
        openpyxl,
        tmp_path / "okrs.xlsx",
        {
            "okrs": [["Objective", "Key result", "Target"], ["Grow revenue", "Win logos", "lots"]],
            "Plan": [["field", "value"], ["misson", "Make numbers trustworthy"]],
            "KPIs": [["id", "name", "target"], ["churn", "Monthly churn", "low"]],
        },
    )

    problems = _problems(path)

    assert [problem.split(": ", 2)[:2] for problem in problems] == [
        [f"{path}, sheet 'okrs'", "row 2"],
        [f"{path}, sheet 'KPIs'", "row 2"],
        [f"{path}, sheet 'Plan'", "row 2"],
    ]
    assert "kpis[0].target: expected a number" in problems[1]
    assert "unknown plan field 'misson' (did you mean 'mission'?)" in problems[2]


def test_workbook_without_a_sheet_of_key_results_lists_its_sheets(tmp_path: Path, openpyxl: Any) -> None:
    path = _workbook(openpyxl, tmp_path / "okrs.xlsx", {"Summary": [["Name", "Score"]], "Data": []})

    problems = _problems(path)

    assert problems == [
        f"{path}: no sheet has the required columns 'objective' and 'key_result' (sheets found: 'Summary' "
        "(headers: Name, Score), 'Data' (empty)): name the sheet that holds the key results 'OKRs', or add those "
        "columns to its header row"
    ]


def _zip_without_workbook(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")


JUNK = {
    "text": lambda path: path.write_text("objective,key_result\nGrow,Win\n", encoding="utf-8"),
    "random bytes": lambda path: path.write_bytes(bytes(range(256)) * 4),
    "zip without workbook": _zip_without_workbook,
}


@pytest.mark.parametrize("junk", list(JUNK))
def test_file_that_is_not_a_workbook_raises_a_clean_load_error(tmp_path: Path, junk: str, openpyxl: Any) -> None:
    path = tmp_path / "okrs.xlsx"
    JUNK[junk](path)

    problems = _problems(path)

    assert len(problems) == 1 and problems[0].startswith(f"{path}: not a valid .xlsx workbook (")


def test_truncated_workbook_raises_a_clean_load_error(rich_plan: Plan, tmp_path: Path, openpyxl: Any) -> None:
    path = tmp_path / "okrs.xlsx"
    write_xlsx(rich_plan, path)
    path.write_bytes(path.read_bytes()[:2000])

    assert "not a valid .xlsx workbook" in _problems(path)[0]


def test_reading_xlsx_without_openpyxl_names_the_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "okrs.xlsx"
    path.write_bytes(b"PK\x03\x04")
    monkeypatch.setitem(sys.modules, "openpyxl", None)

    assert "pip install 'okrcoach[xlsx]'" in _problems(path)[0]


def test_frame_read_from_a_csv_with_an_empty_trailing_column_loads(pandas: Any, tmp_path: Path) -> None:
    path = tmp_path / "okrs.csv"
    path.write_text("Objective,Key result,\nGrow revenue,Win 12 logos,\n", encoding="utf-8")

    plan = okrcoach.load(pandas.read_csv(path))

    assert _key_results(plan) == [("Grow revenue", "Win 12 logos")]
