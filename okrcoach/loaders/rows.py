"""Table rows (header -> cell value) -> Plan: rows grouped into objectives and their key results.

The rules for rows are those of the spreadsheet format described in `loaders.tabular`; CSV
files, worksheets and pandas DataFrames all come through `rows_to_plan`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from okrcoach.errors import LoadError, LoadProblem
from okrcoach.loaders.cells import (
    cell_text,
    cell_value,
    cycle_key,
    cycle_text,
    cycle_value,
    ignores_text,
    parse_ignores,
    quote,
)
from okrcoach.loaders.columns import KR_FIELDS, OBJECTIVE_FIELDS, Grid, read_records, resolve_headers
from okrcoach.loaders.mapping import Path as DataPath
from okrcoach.loaders.mapping import build_plan
from okrcoach.model import Plan

#: (sheet, row) where each part of the plan data was written; sheet is None for CSV files.
Where = dict[DataPath, tuple[str | None, int | None]]


def rows_to_plan(
    rows: list[dict[str, Any]],
    source: str,
    row_numbers: list[int],
    sheet: str | None = None,
    extra: dict[str, Any] | None = None,
    *,
    headers: Sequence[str] | None = None,
    header_row: int | None = 1,
    extra_where: Where | None = None,
) -> Plan:
    """Return the Plan in table rows (header -> cell value), or raise LoadError with every problem.

    `row_numbers` gives each row's number in the file, for messages. `extra` holds plan data
    read elsewhere (organisation, strategy, teams, KPIs) and `extra_where` the (sheet, row) it
    came from. `headers` lists the columns when the table may have no rows.
    """
    place = place_name(source, sheet)
    names = [str(name) for name in headers] if headers is not None else _keys(rows)
    columns, problems = resolve_headers(names, place, header_row)
    reader = _RowReader(place, sheet)
    for row, number in zip(rows, row_numbers, strict=True):
        reader.read(_cells(row, columns), number)
    if not reader.objectives and not extra:
        message = "the table has no rows with an objective: add one row per key result under the header"
        raise LoadError([*problems, *reader.problems, LoadProblem(place, message, row=header_row)])
    data = reader.data(extra or {})
    where = {**reader.where(), **(extra_where or {})}
    plan, plan_problems = _build(data, source, where)
    problems += reader.problems + plan_problems
    if problems or plan is None:
        raise LoadError(sorted_problems(problems, place))
    return plan


def grid_to_plan(
    grid: Grid,
    source: str,
    sheet: str | None = None,
    *,
    extra: dict[str, Any] | None = None,
    extra_where: Where | None = None,
    extra_problems: Sequence[LoadProblem] = (),
) -> Plan:
    """Return the Plan in a grid of cells whose first non-empty row is the header.

    `extra` and `extra_where` are as for `rows_to_plan`; `extra_problems` were found reading them.
    """
    place = place_name(source, sheet)
    records = read_records(grid, place)
    if records is None:
        raise LoadError.single(place, "the table is empty: expected a header row with 'objective' and 'key_result'")
    problems = [*records.problems, *extra_problems]
    try:
        plan = rows_to_plan(
            records.rows, source, records.numbers, sheet, extra,
            headers=records.headers, header_row=records.header_row, extra_where=extra_where,
        )  # fmt: skip
    except LoadError as error:
        raise LoadError(sorted_problems([*problems, *error.problems], place)) from None
    if problems:
        raise LoadError(sorted_problems(problems, place))
    return plan


def place_name(source: str, sheet: str | None) -> str:
    """Return how messages name a table: the file, and the sheet for a workbook."""
    return f"{source}, sheet '{sheet}'" if sheet else source


def sorted_problems(problems: Iterable[LoadProblem], place: str) -> list[LoadProblem]:
    """Return problems in row order, those in `place` (the key-results table) first."""
    return sorted(problems, key=lambda problem: (problem.source != place, problem.source, problem.row or 0))


def _keys(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(str(key) for key in row))
    return list(names)


def _cells(row: Mapping[Any, Any], columns: Mapping[str, str]) -> dict[str, tuple[Any, str]]:
    """Return column -> (value, header) for the row's non-empty cells in known columns."""
    cells = {}
    for header, raw in row.items():
        column = columns.get(str(header))
        value = cell_value(raw)
        if column is not None and value is not None:
            cells[column] = (value, str(header))
    return cells


@dataclass
class _Objective:
    """The rows of one objective: its fields (value, row, header) and its key results (data, row)."""

    first_row: int
    fields: dict[str, tuple[Any, int, str]] = field(default_factory=dict)
    key_results: list[tuple[dict[str, Any], int]] = field(default_factory=list)

    @property
    def label(self) -> str:
        if "title" in self.fields:
            return f"objective {quote(self.fields['title'][0])}"
        return f"objective id {quote(self.fields['id'][0])}" if "id" in self.fields else "the objective"


class _RowReader:
    """Group rows into objectives, remembering rows and collecting problems."""

    def __init__(self, place: str, sheet: str | None) -> None:
        self.place = place
        self.sheet = sheet
        self.problems: list[LoadProblem] = []
        self.objectives: list[_Objective] = []
        self.cycle: tuple[Any, int, str] | None = None
        self._by_id: dict[str, _Objective] = {}
        self._by_title: dict[str, _Objective] = {}
        self._last: _Objective | None = None

    def read(self, cells: dict[str, tuple[Any, str]], number: int) -> None:
        """Add one row (column -> (value, header)); blank rows are skipped."""
        if not cells:
            return
        if "cycle" in cells:
            self._read_cycle(*cells["cycle"], number)
        objective = self._objective_for(cells, number)
        if objective is None:
            return
        for column, (value, header) in cells.items():
            if column in OBJECTIVE_FIELDS:
                parsed = self._parse(column, value, header, number)
                self._set(objective, OBJECTIVE_FIELDS[column], parsed, header, number)
        self._read_key_result(objective, cells, number)

    def data(self, extra: dict[str, Any]) -> dict[str, Any]:
        """Return the plan data: `extra`, the table's cycle and its objectives."""
        data = dict(extra)
        if self.cycle is not None:
            value, number, header = self.cycle
            if "cycle" in data and cycle_key(data["cycle"]) != cycle_key(value):
                message = (
                    f"{quote(cycle_text(value))} differs from the cycle {quote(cycle_text(data['cycle']))} in "
                    "the Plan sheet: use one cycle for the plan"
                )
                self._problem(message, number, header)
            data["cycle"] = value
        data["objectives"] = [self._objective_data(objective) for objective in self.objectives]
        return data

    def where(self) -> Where:
        """Return the row of every objective, objective field and key result."""
        where: Where = {}
        if self.cycle is not None:
            where[("cycle",)] = (self.sheet, self.cycle[1])
        for index, objective in enumerate(self.objectives):
            where[("objectives", index)] = (self.sheet, objective.first_row)
            for name, (_, number, _) in objective.fields.items():
                where[("objectives", index, name)] = (self.sheet, number)
            for position, (_, number) in enumerate(objective.key_results):
                where[("objectives", index, "key_results", position)] = (self.sheet, number)
        return where

    def _objective_for(self, cells: dict[str, tuple[Any, str]], number: int) -> _Objective | None:
        title = cell_text(cells["objective"][0]) if "objective" in cells else ""
        objective_id = cell_text(cells["objective_id"][0]) if "objective_id" in cells else ""
        if not title and not objective_id:
            if self._last is None:
                self._problem("the row has no objective: write the objective its key result belongs to", number)
            return self._last
        objective = self._find(objective_id, title)
        if objective is None:
            objective = _Objective(number)
            self.objectives.append(objective)
        if objective_id:
            self._by_id.setdefault(objective_id, objective)
        if title:
            self._by_title.setdefault(title, objective)
        self._last = objective
        return objective

    def _find(self, objective_id: str, title: str) -> _Objective | None:
        if not objective_id:
            return self._by_title.get(title)
        if objective_id in self._by_id:
            return self._by_id[objective_id]
        same_title = self._by_title.get(title)
        return same_title if same_title is not None and "id" not in same_title.fields else None

    def _set(self, objective: _Objective, name: str, value: Any, header: str, number: int) -> None:
        if name not in objective.fields:
            objective.fields[name] = (value, number, header)
            return
        old, old_row, _ = objective.fields[name]
        if old != value:
            about = f"objective id {quote(objective.fields['id'][0])}" if name == "title" else objective.label
            message = (
                f"{quote(_shown(value))} conflicts with {quote(_shown(old))} on row {old_row} for {about}: "
                "give one value per objective (after its first row the cell may be left empty)"
            )
            self._problem(message, number, header)

    def _read_key_result(self, objective: _Objective, cells: dict[str, tuple[Any, str]], number: int) -> None:
        data = {
            KR_FIELDS[column]: self._parse(column, value, header, number)
            for column, (value, header) in cells.items()
            if column in KR_FIELDS
        }
        if "title" in data:
            objective.key_results.append((data, number))
        elif data:
            headers = ", ".join(header for column, (_, header) in cells.items() if column in KR_FIELDS)
            message = f"the row has key-result cells ({headers}) but no key result: write the key result or clear them"
            self._problem(message, number)

    def _read_cycle(self, value: Any, header: str, number: int) -> None:
        value = cycle_value(value)
        if self.cycle is None:
            self.cycle = (value, number, header)
        elif cycle_key(value) != cycle_key(self.cycle[0]):
            message = (
                f"{quote(cycle_text(value))} differs from {quote(cycle_text(self.cycle[0]))} on row "
                f"{self.cycle[1]}: a table holds one cycle; write the same cycle on every row, or use the "
                "objective_cycle column for an objective with its own cycle"
            )
            self._problem(message, number, header)

    def _parse(self, column: str, value: Any, header: str, number: int) -> Any:
        if column == "aligns_to":
            return [part.strip() for part in re.split(r"[,;]", cell_text(value)) if part.strip()]
        if column in {"ignore", "objective_ignore"}:
            ignores, error = parse_ignores(cell_text(value))
            if error:
                self._problem(error, number, header)
            return ignores
        if column == "objective_cycle":
            return cycle_value(value)
        if column == "deadline" and isinstance(value, int | float) and not isinstance(value, bool):
            return cell_text(value)  # a year typed into Excel (2026) is a period label, not a timestamp
        return cell_text(value) if column in OBJECTIVE_FIELDS else value

    def _objective_data(self, objective: _Objective) -> dict[str, Any]:
        data = {name: value for name, (value, _, _) in objective.fields.items()}
        data["key_results"] = [key_result for key_result, _ in objective.key_results]
        return data

    def _problem(self, message: str, row: int, column: str | None = None) -> None:
        self.problems.append(LoadProblem(self.place, message, row=row, field=column))


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return ignores_text(value)
    return str(value)


def _build(data: dict[str, Any], source: str, where: Where) -> tuple[Plan | None, list[LoadProblem]]:
    """Return the validated plan, or None and the model's problems placed in their sheets."""

    def locate(path: DataPath) -> tuple[int | None, int | None]:
        return (None, where[path][1]) if path in where else (None, None)

    try:
        return build_plan(data, source, locate), []
    except LoadError as error:
        sheets = {_dotted(path): sheet for path, (sheet, _) in where.items()}
        return None, [_in_sheet(problem, sheets, source) for problem in error.problems]


def _in_sheet(problem: LoadProblem, sheets: Mapping[str, str | None], source: str) -> LoadProblem:
    text = problem.field or ""
    cuts = [match.start() for match in re.finditer(r"[.\[]", text)] + [len(text)]
    for cut in reversed(cuts):
        if text[:cut] in sheets:
            return replace(problem, source=place_name(source, sheets[text[:cut]]))
    return problem


def _dotted(path: DataPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
