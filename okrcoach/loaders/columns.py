"""The columns of the spreadsheet format (see `loaders.tabular`), and how a header row is read.

The constants here are shared by the loaders and by `writers.tabular`, so that what is written
is what is read.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from okrcoach.errors import LoadError, LoadProblem
from okrcoach.loaders.cells import cell_text, quote
from okrcoach.text import clean_text

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

#: Numbered rows of cells, as read from a CSV file or a worksheet (numbers are 1-based).
Grid = list[tuple[int, Sequence[Any]]]


def header_key(header: Any) -> str:
    """Return a header in the form headers are compared in: 'Key-Result ' -> 'key result'."""
    return re.sub(r"[\s_\-]+", " ", clean_text(str(header)).casefold()).strip(" *:")


_COLUMN_OF = {header_key(alias): column for column, aliases in ALIASES.items() for alias in aliases} | {
    header_key(column): column for column in (*COLUMNS, *OPTIONAL_COLUMNS)
}


def column_of(header: Any) -> str | None:
    """Return the column a header names ('KR owner' -> 'owner'), or None for an unknown header."""
    return _COLUMN_OF.get(header_key(header))


def resolve_headers(names: list[str], place: str, header_row: int | None) -> tuple[dict[str, str], list[LoadProblem]]:
    """Return header -> column for known headers, and the problems with the others.

    Raise LoadError when a required column is missing, as no row can be read without it.
    """
    columns: dict[str, str] = {}
    first_header: dict[str, str] = {}
    problems: list[LoadProblem] = []
    unknown = []
    for name in names:
        column = column_of(name)
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
        described.append(f"{quote(name or '(empty header)')}{hint}")
    them = "them" if len(names) > 1 else "it"
    return (
        f"unknown column{'s' if len(names) > 1 else ''} {', '.join(described)}: rename {them} to an expected "
        f"column or delete {them}; expected: {', '.join((*COLUMNS, *OPTIONAL_COLUMNS))}"
    )


def _missing_columns(missing: list[str], names: list[str]) -> str:
    found = ", ".join(quote(name) for name in names if name) or "no headers"
    wanted = " and ".join(f"'{column}'" for column in missing)
    plural = "s" if len(missing) > 1 else ""
    return (
        f"missing required column{plural} {wanted} (headers found: {found}): add {wanted} to the header row, "
        "with one row per key result"
    )


@dataclass
class Records:
    """A table's named columns, its rows as header -> value, their row numbers, and layout problems."""

    headers: list[str]
    rows: list[dict[str, Any]]
    numbers: list[int]
    header_row: int
    problems: list[LoadProblem]


def read_records(grid: Grid, place: str) -> Records | None:
    """Return the rows under the first non-empty row (the header), or None for an empty grid."""
    start = next((index for index, (_, cells) in enumerate(grid) if any(map(cell_text, cells))), None)
    if start is None:
        return None
    header_row, header_cells = grid[start]
    names = [cell_text(cell) for cell in header_cells]
    body = grid[start + 1 :]
    problems = _duplicate_headers(names, place, header_row) + _unnamed_columns(names, body, place)
    named = [(index, name) for index, name in enumerate(names) if name]
    rows = [{name: cells[index] if index < len(cells) else None for index, name in named} for _, cells in body]
    return Records([name for _, name in named], rows, [number for number, _ in body], header_row, problems)


def _duplicate_headers(names: list[str], place: str, header_row: int) -> list[LoadProblem]:
    problems = []
    for index, name in enumerate(names):
        if name and name in names[:index]:
            first = _column_letter(names.index(name))
            message = f"columns {first} and {_column_letter(index)} are both named {quote(name)}: keep one of them"
            problems.append(LoadProblem(place, message, row=header_row, field=name))
    return problems


def _unnamed_columns(names: list[str], body: Grid, place: str) -> list[LoadProblem]:
    first_rows: dict[int, int] = {}
    for number, cells in body:
        for index, cell in enumerate(cells):
            if (index >= len(names) or not names[index]) and cell_text(cell):
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
