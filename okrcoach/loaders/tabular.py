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

Excel workbooks are read by `loaders.workbook`, which describes their sheets. Every problem in
the file is reported at once, each with its row (1-based; the header is row 1 of a CSV file) and
column.

The parts: `loaders.columns` (the columns, their aliases and the header row), `loaders.cells`
(cell values), `loaders.rows` (rows -> Plan) and `loaders.workbook` (sheets of a workbook).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from okrcoach.errors import LoadError
from okrcoach.loaders.columns import Grid
from okrcoach.loaders.rows import grid_to_plan
from okrcoach.loaders.workbook import load_workbook
from okrcoach.model import Plan

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})


def load_table(path: Path) -> Plan:
    """Return the Plan in a CSV/TSV file or an Excel workbook that has one row per key result."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return load_workbook(path)
    return _load_delimited(path)


def _load_delimited(path: Path) -> Plan:
    from okrcoach.loaders import read_text

    source = str(path)
    text = read_text(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _sniff_delimiter(text)
    try:
        grid: Grid = list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1))
    except csv.Error as error:
        raise LoadError.single(source, f"cannot read the table ({error}): save it again as CSV (UTF-8)") from None
    return grid_to_plan(grid, source)


def _sniff_delimiter(text: str) -> str:
    """Return ';' or a tab when the header row has more of them than commas, else ','."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    header = re.sub(r'"[^"]*"', "", header)
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] > counts[","] else ","


