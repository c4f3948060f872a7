"""Plan -> spreadsheet rows, CSV/TSV text and Excel workbooks (the format `loaders.tabular` reads).

One row per key result, objective cells repeated on every row so that any row can be filtered
or sorted on its own; an objective without key results gets one row with empty key-result
cells. A workbook also holds the Plan, Pillars, Teams and KPIs sheets that CSV cannot.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from okrcoach.loaders.cells import ignores_text
from okrcoach.loaders.columns import COLUMNS, KR_FIELDS, OBJECTIVE_FIELDS, OPTIONAL_COLUMNS
from okrcoach.loaders.workbook import INSTALL_HINT, KPI_COLUMNS, PILLAR_COLUMNS, PLAN_FIELDS, SHEET, TEAM_COLUMNS
from okrcoach.model import KPI, Cadence, Cycle, Ignore, KeyResult, Objective, Plan

MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 8


def plan_columns(plan: Plan) -> list[str]:
    """Return the columns of the plan's rows: the canonical ones, plus the optional ones it uses."""
    used = {
        "objective_cycle": any(objective.cycle for objective in plan.objectives),
        "objective_ignore": any(objective.ignore for objective in plan.objectives),
        "ignore": any(key_result.ignore for key_result in plan.key_results),
    }
    return [*COLUMNS, *(column for column in OPTIONAL_COLUMNS if used[column])]


def plan_to_rows(plan: Plan) -> list[dict[str, Any]]:
    """Return one row (column -> value) per key result; numbers stay numbers, dates stay dates.

    Empty cells are None. KPIs, teams and strategy have no place in these rows (see write_xlsx).
    """
    cycle = cycle_text(plan.cycle)
    columns = plan_columns(plan)
    rows = []
    for objective in plan.objectives:
        shared = _objective_cells(objective, cycle)
        for key_result in objective.key_results or (None,):
            cells = {**shared, **_key_result_cells(key_result)}
            rows.append({column: cells.get(column) for column in columns})
    return rows


def plan_to_csv(plan: Plan, delimiter: str = ",") -> str:
    """Return the plan as CSV (or TSV with a tab delimiter): a header row, then one row per key result."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(plan_columns(plan))
    writer.writerows([_text(value) for value in row.values()] for row in plan_to_rows(plan))
    return buffer.getvalue()


def write_xlsx(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write the plan as an Excel workbook: sheets OKRs, then Plan, Pillars, Teams and KPIs when not empty."""
    try:
        from openpyxl import Workbook
    except ImportError:
        raise ModuleNotFoundError(f"writing Excel files needs openpyxl: {INSTALL_HINT}") from None
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    _fill(sheet, plan_columns(plan), [list(row.values()) for row in plan_to_rows(plan)])
    for title, header, rows in _extra_sheets(plan):
        if rows:
            _fill(workbook.create_sheet(title), header, rows)
    workbook.save(path)


def cycle_text(cycle: Cycle | None) -> str | None:
    """Return a cycle as one cell: its label, or 'label (start..end)' for a custom cycle."""
    if cycle is None:
        return None
    if cycle.cadence is not Cadence.CUSTOM:
        return cycle.label
    dates = f"{cycle.start.isoformat()}..{cycle.end.isoformat()}"
    return dates if cycle.label == dates else f"{cycle.label} ({dates})"


def _objective_cells(objective: Objective, cycle: str | None) -> dict[str, Any]:
    cells = {column: _plain(getattr(objective, name)) for column, name in OBJECTIVE_FIELDS.items()}
    return {
        **cells,
        "cycle": cycle,
        "aligns_to": ", ".join(objective.aligns_to) or None,
        "objective_cycle": cycle_text(objective.cycle),
        "objective_ignore": _ignores(objective.ignore),
    }


def _key_result_cells(key_result: KeyResult | None) -> dict[str, Any]:
    if key_result is None:
        return {}
    cells = {column: _plain(getattr(key_result, name)) for column, name in KR_FIELDS.items()}
    return {**cells, "ignore": _ignores(key_result.ignore)}


def _ignores(ignores: Iterable[Ignore]) -> str | None:
    return ignores_text({item.rule: item.reason for item in ignores}) or None


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _text(value: Any) -> str:
    """Return a cell as CSV text; floats are written in full, never in exponent form."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _extra_sheets(plan: Plan) -> list[tuple[str, Sequence[str], list[list[Any]]]]:
    strategy = plan.strategy
    settings = {
        "organisation": plan.organisation,
        "cycle": cycle_text(plan.cycle),
        "mission": strategy.mission if strategy else None,
        "vision": strategy.vision if strategy else None,
    }
    pillars = [[getattr(pillar, name) for name in PILLAR_COLUMNS] for pillar in (strategy.pillars if strategy else ())]
    teams = [[getattr(team, name) for name in TEAM_COLUMNS] for team in plan.teams]
    kpi_header = [*KPI_COLUMNS, *(["ignore"] if any(kpi.ignore for kpi in plan.kpis) else [])]
    return [
        ("Plan", ["field", "value"], [[name, settings[name]] for name in PLAN_FIELDS if settings[name] is not None]),
        ("Pillars", PILLAR_COLUMNS, pillars),
        ("Teams", TEAM_COLUMNS, teams),
        ("KPIs", kpi_header, [_kpi_row(kpi)[: len(kpi_header)] for kpi in plan.kpis]),
    ]


def _kpi_row(kpi: KPI) -> list[Any]:
    bands = kpi.thresholds
    values = {
        **{name: _plain(getattr(kpi, name, None)) for name in KPI_COLUMNS},
        "green": _plain(bands.green) if bands else None,
        "amber": _plain(bands.amber) if bands else None,
    }
    return [values[name] for name in KPI_COLUMNS] + [_ignores(kpi.ignore)]


def _fill(sheet: Any, header: Sequence[str], rows: list[list[Any]]) -> None:
    """Write a bold, frozen header row and the rows, with columns as wide as their content."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    for column, name in enumerate(header, 1):
        sheet.cell(row=1, column=column, value=name).font = bold
    for row_number, row in enumerate(rows, 2):
        for column, value in enumerate(row, 1):
            _put(sheet.cell(row=row_number, column=column), value)
    sheet.freeze_panes = "A2"
    for column, name in enumerate(header, 1):
        longest = max([len(name), *(len(_text(row[column - 1])) for row in rows)])
        width = min(MAX_COLUMN_WIDTH, max(MIN_COLUMN_WIDTH, longest + 2))
        sheet.column_dimensions[get_column_letter(column)].width = width


def _put(cell: Any, value: Any) -> None:
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        # Text such as "=2x faster" is the user's words, not a formula for Excel to run.
        cell.data_type = "s"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
