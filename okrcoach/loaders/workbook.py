"""Excel workbooks (.xlsx/.xlsm) -> Plan: the sheet of key results and the optional sheets.

The key results are read from the sheet named ``OKRs`` (any case) or else from the first sheet
whose header row has the required columns; the header row is the first non-empty row, and the
sheet follows the spreadsheet format described in `loaders.tabular`. These optional sheets are
read when present:

- ``Plan``: two columns, field and value, for organisation, cycle, mission and vision;
- ``Pillars``: id, title, description;
- ``Teams``: id, name, parent, owner;
- ``KPIs``: id, name, description, unit, direction, target, green, amber, owner, team, formula,
  cadence, catalog_id, decision (and ignore).

Other sheets (instructions, dashboards) are left alone. openpyxl is imported only when a
workbook is read.
"""

from __future__ import annotations

import difflib
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okrcoach.errors import LoadError, LoadProblem
from okrcoach.loaders.cells import cell_text, cell_value, cycle_value, parse_ignores, quote
from okrcoach.loaders.columns import REQUIRED_COLUMNS, Grid, column_of, read_records
from okrcoach.loaders.mapping import Path as DataPath
from okrcoach.loaders.mapping import normalize_key
from okrcoach.loaders.rows import Where, grid_to_plan, place_name
from okrcoach.model import Plan
from okrcoach.text import shorten

#: The sheet of key results, and the columns of the optional sheets (shared with `writers.tabular`).
SHEET = "OKRs"
PLAN_FIELDS = ("organisation", "cycle", "mission", "vision")
PILLAR_COLUMNS = ("id", "title", "description")
TEAM_COLUMNS = ("id", "name", "parent", "owner")
KPI_COLUMNS = (
    "id", "name", "description", "unit", "direction", "target", "green", "amber", "owner", "team",
    "formula", "cadence", "catalog_id", "decision",
)  # fmt: skip
INSTALL_HINT = "pip install 'okrcoach[xlsx]'"


def load_workbook(path: Path) -> Plan:
    """Return the Plan in an Excel workbook: its sheet of key results and its optional sheets."""
    source = str(path)
    grids = _read_workbook(path, source)
    title = _okr_sheet(grids, source)
    extras = _Extras(source)
    for other, grid in grids.items():
        if other != title:
            extras.read(other, grid)
    return grid_to_plan(
        grids[title], source, title, extra=extras.data, extra_where=extras.where, extra_problems=extras.problems
    )


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
        raise LoadError.single(source, _not_a_workbook(error)) from None


def _not_a_workbook(error: Exception) -> str:
    reason = (
        "it is not a zip archive"
        if isinstance(error, zipfile.BadZipFile)
        else shorten(str(error) or type(error).__name__, 80)
    )
    return (
        f"not a valid .xlsx workbook ({reason}): save it from Excel, LibreOffice or Google Sheets as "
        ".xlsx, or export the sheet as CSV"
    )


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
        if set(REQUIRED_COLUMNS) <= {column_of(name) for name in names}:
            return title
    listed = ", ".join(f"{quote(title)} ({_listing(names)})" for title, names in headers.items())
    message = (
        f"no sheet has the required columns 'objective' and 'key_result' (sheets found: {listed}): name the "
        f"sheet that holds the key results '{SHEET}', or add those columns to its header row"
    )
    raise LoadError.single(source, message)


def _header_cells(grid: Grid) -> list[str]:
    for _, cells in grid:
        names = [cell_text(cell) for cell in cells]
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
        place = place_name(self.source, title)
        for number, cells in grid:
            values = [cell_value(cell) for cell in cells]
            key = normalize_key(cell_text(values[0])) if values else ""
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
        self.data[name] = cycle_value(value) if name == "cycle" else value
        self.where[(name,)] = (title, number)

    def _read_items(self, kind: str, title: str, grid: Grid) -> None:
        records = read_records(grid, place_name(self.source, title))
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
            item["ignore"], error = parse_ignores(cell_text(item["ignore"]))
            if error:
                self.problems.append(LoadProblem(place_name(self.source, title), error, row=number, field="ignore"))
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
        return f"unknown plan field {quote(name)}{hint}: {layout}"
    if any(value is not None for value in values[2:]):
        return f"the row has cells beyond column B: {layout}"
    return None
