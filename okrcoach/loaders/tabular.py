"""Spreadsheets (CSV, TSV, Excel .xlsx/.xlsm) -> Plan, one row per key result.

The spreadsheet format
======================

One row per key result: the template teams already keep. Canonical columns, in order::

    cycle, team, objective_id, objective, objective_owner, objective_type, aligns_to,
    objective_description, kr_id, key_result, owner, metric, unit, baseline, target,
    current, direction, deadline, kpi, kind

plus three optional columns that keep a round trip lossless: ``ignore`` (rules switched off
for the key result), ``objective_ignore`` (for the objective), both written
``rule: reason; other-rule: reason``, and ``objective_cycle`` (an objective's own cycle).

Only ``objective`` and ``key_result`` are required. Headers are matched ignoring case, spaces,
hyphens and underscores, and common names are accepted: "Objective title" or "O" for
objective, "KR", "Key results" or "Result" for key_result, "KR owner" for owner, "Type" for
objective_type, "Start" or "Start value" for baseline, "Actual" or "Current value" for current,
"Due" or "Due date" for deadline, "Parent" for aligns_to, "Description" for
objective_description (see ``ALIASES`` for the full list). A column with any other header is an
error that names it and suggests the closest expected column: nothing typed into the sheet is
silently dropped.

Rows:

- Rows belong to one objective when they share its ``objective_id`` or, without ids, its title
  (anywhere in the table); objectives keep the order in which they first appear.
- Objective cells (team, objective_owner, objective_type, aligns_to, objective_description) may
  be repeated on every row or given only on the objective's first row; different non-empty
  values for one objective are an error naming both rows.
- A row whose objective and objective_id cells are both empty continues the objective above, as
  merged cells in Excel do.
- A row with an objective but no key result is an objective without key results.
- Blank rows are skipped. ``aligns_to`` may hold several ids separated by commas or semicolons.
- ``cycle`` is the plan's cycle: every row that gives one must give the same.
- Numbers may be written as numbers or as text such as ``60%``, ``$1.2M`` or ``1,200``; Excel
  dates in ``deadline`` are read as dates. A custom cycle is written ``2026-01-05..2026-03-27``,
  optionally after a label: ``Spring push (2026-01-05..2026-03-27)``.

CSV files are read as UTF-8 (with or without BOM) or UTF-16; the delimiter (comma, semicolon
or tab) is detected from the header row, and ``.tsv`` files are tab-separated.

Workbooks: the key results are read from the sheet named ``OKRs`` (any case) or else from the
first sheet whose header row has the required columns; the header row is the first non-empty
row. These optional sheets are read when present:

- ``Plan``: two columns, field and value, for organisation, cycle, mission and vision;
- ``Pillars``: id, title, description;
- ``Teams``: id, name, parent, owner;
- ``KPIs``: id, name, description, unit, direction, target, green, amber, owner, team, formula,
  cadence, catalog_id (and ignore).

Other sheets (instructions, dashboards) are left alone. Every problem in the file is reported
at once, each with its row (1-based; the header is row 1 of a CSV file) and column.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from okrcoach.errors import LoadError, LoadProblem
from okrcoach.loaders.mapping import Path as DataPath
from okrcoach.loaders.mapping import build_plan, normalize_key
from okrcoach.model import Plan
from okrcoach.text import clean_text, shorten

COLUMNS = (
    "cycle", "team", "objective_id", "objective", "objective_owner", "objective_type", "aligns_to",
    "objective_description", "kr_id", "key_result", "owner", "metric", "unit", "baseline", "target",
    "current", "direction", "deadline", "kpi", "kind",
)  # fmt: skip
#: Columns the writers add only when the plan needs them.
OPTIONAL_COLUMNS = ("objective_cycle", "objective_ignore", "ignore")
REQUIRED_COLUMNS = ("objective", "key_result")

#: Other headers accepted for each column, compared after `header_key`.
ALIASES: dict[str, tuple[str, ...]] = {
    "cycle": ("period", "quarter", "okr cycle"),
    "team": ("team name", "team id", "squad"),
    "objective_id": ("obj id", "o id", "oid"),
    "objective": ("objective title", "objective name", "objectives", "o", "obj"),
    "objective_owner": ("o owner", "obj owner"),
    "objective_type": ("type", "o type", "obj type"),
    "aligns_to": ("aligned to", "aligns with", "parent", "parent objective", "parent objectives", "supports"),
    "objective_description": ("description", "o description", "obj description"),
    "kr_id": ("key result id",),
    "key_result": ("key result", "key results", "key result title", "kr", "krs", "kr title", "result"),
    "owner": ("kr owner", "key result owner"),
    "metric": ("measure",),
    "unit": ("units", "uom"),
    "baseline": ("start", "start value", "starting value", "initial value", "from"),
    "target": ("target value", "end value", "to"),
    "current": ("current value", "actual", "actuals", "actual value", "latest value"),
    "deadline": ("due", "due date", "by", "target date"),
    "kpi": ("kpi id", "linked kpi"),
    "kind": ("kr type", "kr kind", "key result type"),
    "ignore": ("kr ignore", "lint ignore"),
    "objective_ignore": ("o ignore",),
}

#: Column -> Objective field, and column -> KeyResult field.
OBJECTIVE_FIELDS = {
    "objective_id": "id", "objective": "title", "team": "team", "objective_owner": "owner",
    "objective_type": "type", "aligns_to": "aligns_to", "objective_description": "description",
    "objective_cycle": "cycle", "objective_ignore": "ignore",
}  # fmt: skip
KR_FIELDS = {
    "kr_id": "id", "key_result": "title", "owner": "owner", "metric": "metric", "unit": "unit",
    "baseline": "baseline", "target": "target", "current": "current", "direction": "direction",
    "deadline": "deadline", "kpi": "kpi", "kind": "kind", "ignore": "ignore",
}  # fmt: skip

SHEET = "OKRs"
PLAN_FIELDS = ("organisation", "cycle", "mission", "vision")
KPI_COLUMNS = (
    "id", "name", "description", "unit", "direction", "target", "green", "amber", "owner", "team",
    "formula", "cadence", "catalog_id",
)  # fmt: skip
INSTALL_HINT = "pip install 'okrcoach[xlsx]'"

#: (sheet, row) where each part of the plan data was written; sheet is None for CSV files.
Where = dict[DataPath, tuple[str | None, int | None]]
Grid = list[tuple[int, Sequence[Any]]]


def header_key(header: Any) -> str:
    """Return a header in the form headers are compared in: 'Key-Result ' -> 'key result'."""
    return re.sub(r"[\s_\-]+", " ", clean_text(str(header)).casefold()).strip(" *:")


_COLUMN_OF = {header_key(alias): column for column, aliases in ALIASES.items() for alias in aliases} | {
    header_key(column): column for column in (*COLUMNS, *OPTIONAL_COLUMNS)
}


def load_table(path: Path) -> Plan:
    """Return the Plan in a CSV/TSV file or an Excel workbook that has one row per key result."""
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _load_workbook(path)
    return _load_delimited(path)


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
    place = _place(source, sheet)
    names = [str(name) for name in headers] if headers is not None else _keys(rows)
    columns, problems = _resolve_headers(names, place, header_row)
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
        raise LoadError(_sorted(problems, place))
    return plan


def _keys(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(str(key) for key in row))
    return list(names)


def _place(source: str, sheet: str | None) -> str:
    return f"{source}, sheet '{sheet}'" if sheet else source


def _resolve_headers(names: list[str], place: str, header_row: int | None) -> tuple[dict[str, str], list[LoadProblem]]:
    """Return header -> column for known headers, and the problems with the others."""
    columns: dict[str, str] = {}
    first_header: dict[str, str] = {}
    problems: list[LoadProblem] = []
    unknown = []
    for name in names:
        column = _COLUMN_OF.get(header_key(name))
        if column is None:
            unknown.append(name)
        elif column in first_header:
            message = f"columns '{first_header[column]}' and '{name}' both mean '{column}': keep one of them"
            problems.append(LoadProblem(place, message, row=header_row, field=name))
        else:
            first_header[column] = name
            columns[name] = column
    if unknown:
        problems.append(LoadProblem(place, _unknown_columns(unknown), row=header_row))
    missing = [column for column in REQUIRED_COLUMNS if column not in first_header]
    if missing:
        problems.insert(0, LoadProblem(place, _missing_columns(missing, names), row=header_row))
        raise LoadError(problems)
    return columns, problems


def _unknown_columns(names: list[str]) -> str:
    described = []
    for name in names:
        close = difflib.get_close_matches(header_key(name), list(_COLUMN_OF), n=1, cutoff=0.75)
        hint = f" (did you mean '{_COLUMN_OF[close[0]]}'?)" if close else ""
        described.append(f"{_quote(name or '(empty header)')}{hint}")
    them = "them" if len(names) > 1 else "it"
    return (
        f"unknown column{'s' if len(names) > 1 else ''} {', '.join(described)}: rename {them} to an expected "
        f"column or delete {them}; expected: {', '.join((*COLUMNS, *OPTIONAL_COLUMNS))}"
    )


def _missing_columns(missing: list[str], names: list[str]) -> str:
    found = ", ".join(_quote(name) for name in names if name) or "no headers"
    wanted = " and ".join(f"'{column}'" for column in missing)
    plural = "s" if len(missing) > 1 else ""
    return (
        f"missing required column{plural} {wanted} (headers found: {found}): add {wanted} to the header row, "
        "with one row per key result"
    )


def _cells(row: Mapping[Any, Any], columns: Mapping[str, str]) -> dict[str, tuple[Any, str]]:
    """Return column -> (value, header) for the row's non-empty cells in known columns."""
    cells = {}
    for header, raw in row.items():
        column = columns.get(str(header))
        value = cell_value(raw)
        if column is not None and value is not None:
            cells[column] = (value, str(header))
    return cells


def cell_value(value: Any) -> Any:
    """Return a cell's value as the model takes it: None when empty, dates for datetimes, ints for whole floats."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return clean_text(value) or None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _text(value: Any) -> str:
    value = cell_value(value)
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _quote(value: Any) -> str:
    return repr(shorten(str(value), 60))


@dataclass
class _Objective:
    """The rows of one objective: its fields (value, row, header) and its key results (data, row)."""

    first_row: int
    fields: dict[str, tuple[Any, int, str]] = field(default_factory=dict)
    key_results: list[tuple[dict[str, Any], int]] = field(default_factory=list)

    @property
    def label(self) -> str:
        if "title" in self.fields:
            return f"objective {_quote(self.fields['title'][0])}"
        return f"objective id {_quote(self.fields['id'][0])}" if "id" in self.fields else "the objective"


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
            if "cycle" in data and _cycle_key(data["cycle"]) != _cycle_key(value):
                message = (
                    f"{_quote(_cycle_text(value))} differs from the cycle {_quote(_cycle_text(data['cycle']))} in "
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
        title = _text(cells["objective"][0]) if "objective" in cells else ""
        objective_id = _text(cells["objective_id"][0]) if "objective_id" in cells else ""
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
            about = f"objective id {_quote(objective.fields['id'][0])}" if name == "title" else objective.label
            message = (
                f"{_quote(_shown(value))} conflicts with {_quote(_shown(old))} on row {old_row} for {about}: "
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
        value = _cycle_value(value)
        if self.cycle is None:
            self.cycle = (value, number, header)
        elif _cycle_key(value) != _cycle_key(self.cycle[0]):
            message = (
                f"{_quote(_cycle_text(value))} differs from {_quote(_cycle_text(self.cycle[0]))} on row "
                f"{self.cycle[1]}: a table holds one cycle; write the same cycle on every row, or use the "
                "objective_cycle column for an objective with its own cycle"
            )
            self._problem(message, number, header)

    def _parse(self, column: str, value: Any, header: str, number: int) -> Any:
        if column == "aligns_to":
            return [part.strip() for part in re.split(r"[,;]", _text(value)) if part.strip()]
        if column in {"ignore", "objective_ignore"}:
            ignores, error = parse_ignores(_text(value))
            if error:
                self._problem(error, number, header)
            return ignores
        if column == "objective_cycle":
            return _cycle_value(value)
        if column == "deadline" and isinstance(value, int | float) and not isinstance(value, bool):
            return _text(value)  # a year typed into Excel (2026) is a period label, not a timestamp
        return _text(value) if column in OBJECTIVE_FIELDS else value

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


_IGNORE_SPLIT = re.compile(r";\s*(?=[\w.\-]+\s*:)")


def parse_ignores(text: str) -> tuple[dict[str, str], str | None]:
    """Return {rule: reason} from 'rule: reason; other-rule: reason', and an error message or None."""
    ignores: dict[str, str] = {}
    for entry in _IGNORE_SPLIT.split(text):
        rule, colon, reason = (part.strip() for part in entry.partition(":"))
        if not (colon and rule and reason) or re.search(r"\s", rule):
            return ignores, (
                f"cannot read {_quote(entry.strip())} as an ignored rule: write 'rule: reason', e.g. "
                "'output-not-outcome: one-off migration', and separate rules with ';'"
            )
        if rule in ignores:
            return ignores, f"rule {_quote(rule)} is ignored twice: keep one entry with one reason"
        ignores[rule] = reason
    return ignores, None


def ignores_text(ignores: Mapping[str, str]) -> str:
    """Return {rule: reason} as 'rule: reason; other-rule: reason', the form `parse_ignores` reads."""
    return "; ".join(f"{rule}: {reason}" for rule, reason in ignores.items())


_CUSTOM_CYCLE = re.compile(
    r"^(?:(?P<label>.*?)\s*\(\s*)?(?P<start>\d{4}-\d{2}-\d{2})\s*\.\.\s*(?P<end>\d{4}-\d{2}-\d{2})\)?$"
)


def _cycle_value(value: Any) -> Any:
    """Return a cycle cell as the model takes it: a label, or start and end for 'start..end'."""
    text = _text(value)
    match = _CUSTOM_CYCLE.match(text)
    if match is None:
        return text
    data = {"start": match["start"], "end": match["end"]}
    return {**data, "label": match["label"]} if match["label"] else data


def _cycle_text(value: Any) -> str:
    if isinstance(value, Mapping):
        dates = f"{value.get('start')}..{value.get('end')}"
        return f"{value['label']} ({dates})" if value.get("label") else dates
    return str(value)


def _cycle_key(value: Any) -> Any:
    """Return what makes two cycle cells the same cycle: '2026 Q1' and 'Q1-2026' are one."""
    from pydantic import ValidationError

    from okrcoach.model import Cycle

    try:
        cycle = Cycle.model_validate(value)
    except ValidationError:
        return _cycle_text(value)
    return (cycle.start, cycle.end)


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
            return replace(problem, source=_place(source, sheets[text[:cut]]))
    return problem


def _dotted(path: DataPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _sorted(problems: Iterable[LoadProblem], place: str) -> list[LoadProblem]:
    """Return problems in row order, those in `place` (the key-results table) first."""
    return sorted(problems, key=lambda problem: (problem.source != place, problem.source, problem.row or 0))


@dataclass
class _Records:
    """A table's named columns, its rows as header -> value, their row numbers, and layout problems."""

    headers: list[str]
    rows: list[dict[str, Any]]
    numbers: list[int]
    header_row: int
    problems: list[LoadProblem]


def _records(grid: Grid, place: str) -> _Records | None:
    """Return the rows under the first non-empty row (the header), or None for an empty grid."""
    start = next((index for index, (_, cells) in enumerate(grid) if any(map(_text, cells))), None)
    if start is None:
        return None
    header_row, header_cells = grid[start]
    names = [_text(cell) for cell in header_cells]
    body = grid[start + 1 :]
    problems = _duplicate_headers(names, place, header_row) + _unnamed_columns(names, body, place)
    named = [(index, name) for index, name in enumerate(names) if name]
    rows = [{name: cells[index] if index < len(cells) else None for index, name in named} for _, cells in body]
    return _Records([name for _, name in named], rows, [number for number, _ in body], header_row, problems)


def _duplicate_headers(names: list[str], place: str, header_row: int) -> list[LoadProblem]:
    problems = []
    for index, name in enumerate(names):
        if name and name in names[:index]:
            first = _column_letter(names.index(name))
            message = f"columns {first} and {_column_letter(index)} are both named {_quote(name)}: keep one of them"
            problems.append(LoadProblem(place, message, row=header_row, field=name))
    return problems


def _unnamed_columns(names: list[str], body: Grid, place: str) -> list[LoadProblem]:
    first_rows: dict[int, int] = {}
    for number, cells in body:
        for index, cell in enumerate(cells):
            if (index >= len(names) or not names[index]) and _text(cell):
                first_rows.setdefault(index, number)
    return [
        LoadProblem(
            place,
            f"column {_column_letter(index)} has values but no header: add a header such as 'target', or clear "
            "the column",
            row=number,
        )
        for index, number in sorted(first_rows.items())
    ]


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _grid_to_plan(grid: Grid, source: str, sheet: str | None = None, extras: _Extras | None = None) -> Plan:
    """Return the Plan in a grid of cells whose first non-empty row is the header."""
    place = _place(source, sheet)
    records = _records(grid, place)
    if records is None:
        raise LoadError.single(place, "the table is empty: expected a header row with 'objective' and 'key_result'")
    problems = records.problems + (extras.problems if extras else [])
    try:
        plan = rows_to_plan(
            records.rows, source, records.numbers, sheet, extras.data if extras else None,
            headers=records.headers, header_row=records.header_row, extra_where=extras.where if extras else None,
        )  # fmt: skip
    except LoadError as error:
        raise LoadError(_sorted([*problems, *error.problems], place)) from None
    if problems:
        raise LoadError(_sorted(problems, place))
    return plan


def _load_delimited(path: Path) -> Plan:
    from okrcoach.loaders import read_text

    source = str(path)
    text = read_text(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _sniff_delimiter(text)
    try:
        grid: Grid = list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1))
    except csv.Error as error:
        raise LoadError.single(source, f"cannot read the table ({error}): save it again as CSV (UTF-8)") from None
    return _grid_to_plan(grid, source)


def _sniff_delimiter(text: str) -> str:
    """Return ';' or a tab when the header row has more of them than commas, else ','."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    header = re.sub(r'"[^"]*"', "", header)
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] > counts[","] else ","


def _load_workbook(path: Path) -> Plan:
    source = str(path)
    grids = _read_workbook(path, source)
    title = _okr_sheet(grids, source)
    extras = _Extras(source)
    for other, grid in grids.items():
        if other != title:
            extras.read(other, grid)
    return _grid_to_plan(grids[title], source, title, extras)


def _read_workbook(path: Path, source: str) -> dict[str, Grid]:
    """Return every worksheet's cells by title; raise LoadError when the file is not a workbook."""
    try:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:
        raise LoadError.single(source, f"reading Excel files needs openpyxl: {INSTALL_HINT}") from None
    broken = (zipfile.BadZipFile, KeyError, ValueError, TypeError, SyntaxError, EOFError, InvalidFileException)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            return {sheet.title: _sheet_grid(sheet) for sheet in workbook.worksheets}
        finally:
            workbook.close()
    except broken as error:
        reason = (
            "it is not a zip archive"
            if isinstance(error, zipfile.BadZipFile)
            else shorten(str(error) or type(error).__name__, 80)
        )
        message = (
            f"not a valid .xlsx workbook ({reason}): save it from Excel, LibreOffice or Google Sheets as "
            ".xlsx, or export the sheet as CSV"
        )
        raise LoadError.single(source, message) from None


def _sheet_grid(sheet: Any) -> Grid:
    # Dimensions recorded by some writers are wrong; without them every row is read in full.
    sheet.reset_dimensions()
    return [(number, list(cells)) for number, cells in enumerate(sheet.iter_rows(values_only=True), 1)]


def _okr_sheet(grids: Mapping[str, Grid], source: str) -> str:
    """Return the title of the sheet named OKRs, or else of the first with the required columns."""
    for title in grids:
        if title.casefold() == SHEET.casefold():
            return title
    headers = {title: _header_cells(grid) for title, grid in grids.items()}
    for title, names in headers.items():
        if set(REQUIRED_COLUMNS) <= {_COLUMN_OF.get(header_key(name)) for name in names}:
            return title
    listed = ", ".join(f"{_quote(title)} ({_listing(names)})" for title, names in headers.items())
    message = (
        f"no sheet has the required columns 'objective' and 'key_result' (sheets found: {listed}): name the "
        f"sheet that holds the key results '{SHEET}', or add those columns to its header row"
    )
    raise LoadError.single(source, message)


def _header_cells(grid: Grid) -> list[str]:
    for _, cells in grid:
        names = [_text(cell) for cell in cells]
        if any(names):
            return [name for name in names if name]
    return []


def _listing(names: list[str]) -> str:
    if not names:
        return "empty"
    shown = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
    return f"headers: {shown}"


@dataclass
class _Extras:
    """Plan data from the optional Plan, Pillars, Teams and KPIs sheets, with rows and problems."""

    source: str
    data: dict[str, Any] = field(default_factory=dict)
    where: Where = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)

    def read(self, title: str, grid: Grid) -> None:
        """Read the sheet if it is one of the optional sheets; leave any other sheet alone."""
        kind = title.casefold()
        if kind == "plan":
            self._read_plan(title, grid)
        elif kind in {"pillars", "teams", "kpis"}:
            self._read_items(kind, title, grid)

    def _read_plan(self, title: str, grid: Grid) -> None:
        place = _place(self.source, title)
        for number, cells in grid:
            values = [cell_value(cell) for cell in cells]
            key = normalize_key(_text(values[0])) if values else ""
            if not any(value is not None for value in values) or key in {"field", "key"}:
                continue
            name = {"organization": "organisation", "company": "organisation"}.get(key, key)
            problem = _plan_row_problem(name, values)
            if problem:
                self.problems.append(LoadProblem(place, problem, row=number, field=key or None))
                continue
            self._put_plan_field(name, values[1] if len(values) > 1 else None, title, number)

    def _put_plan_field(self, name: str, value: Any, title: str, number: int) -> None:
        if value is None:
            return
        if name in {"mission", "vision"}:
            self.data.setdefault("strategy", {})[name] = value
            self.where.setdefault(("strategy",), (title, number))
            self.where[("strategy", name)] = (title, number)
            return
        self.data[name] = _cycle_value(value) if name == "cycle" else value
        self.where[(name,)] = (title, number)

    def _read_items(self, kind: str, title: str, grid: Grid) -> None:
        records = _records(grid, _place(self.source, title))
        if records is None:
            return
        self.problems += records.problems
        items: list[dict[str, Any]] = []
        for row, number in zip(records.rows, records.numbers, strict=True):
            item = {normalize_key(name): value for name, raw in row.items() if (value := cell_value(raw)) is not None}
            if not item:
                continue
            path: DataPath = ("strategy", "pillars", len(items)) if kind == "pillars" else (kind, len(items))
            self.where[path] = (title, number)
            items.append(self._kpi(item, title, number) if kind == "kpis" else item)
        if kind == "pillars":
            self.data.setdefault("strategy", {})["pillars"] = items
            self.where.setdefault(("strategy",), (title, records.header_row))
        else:
            self.data[kind] = items

    def _kpi(self, item: dict[str, Any], title: str, number: int) -> dict[str, Any]:
        bands = {band: item.pop(band) for band in ("green", "amber") if band in item}
        if bands:
            item["thresholds"] = bands
        if "ignore" in item:
            item["ignore"], error = parse_ignores(_text(item["ignore"]))
            if error:
                self.problems.append(LoadProblem(_place(self.source, title), error, row=number, field="ignore"))
        return item


def _plan_row_problem(name: str, values: list[Any]) -> str | None:
    layout = (
        f"write one field per row, its name in column A and its value in column B; fields: {', '.join(PLAN_FIELDS)}"
    )
    if not name:
        return f"the row has a value but no field name: {layout}"
    if name not in PLAN_FIELDS:
        close = difflib.get_close_matches(name, PLAN_FIELDS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown plan field {_quote(name)}{hint}: {layout}"
    if any(value is not None for value in values[2:]):
        return f"the row has cells beyond column B: {layout}"
    return None
