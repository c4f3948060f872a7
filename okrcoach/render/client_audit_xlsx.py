"""Write an Audit as an XLSX workbook: the same tables as the HTML report, one sheet each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from okrcoach.client_audit import Audit


def audit_tables(audit: Audit) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Return the report's tables as {sheet name: (header, rows)}."""
    summary = audit.summary()
    findings = [[f.severity.label, f.code, f.rule, f.objective, f.key_result, f.kpi, f.team, f.line, f.message, f.suggestion]
                for f in audit.report.findings]  # fmt: skip
    card = audit.scorecard
    records = card.to_records()
    score_header = list(records[0]) if records else ["key_result"]
    objectives = [[o.objective, o.team, o.title, o.type.value, o.grade, o.band, o.expected_grade, o.meets_expectation] for o in card.objectives]
    alignment = [[row["objective"], row["team"], row["title"], row["aligns_to"], row["status"]] for row in audit.alignment_rows()]
    risk = [[s.key_result, s.team, s.title, s.progress, s.expected, s.confidence, "; ".join(s.reasons)] for s in card.at_risk]
    return {
        "Summary": (["item", "value"], [[key, value] for key, value in summary.items()]),
        "Findings": (["severity", "code", "rule", "objective", "key_result", "kpi", "team", "line", "message", "suggestion"], findings),
        "Objectives": (["objective", "team", "title", "type", "grade", "band", "expected_grade", "meets_expectation"], objectives),
        "Key results": (score_header, [list(row.values()) for row in records]),
        "At risk": (["key_result", "team", "title", "progress", "expected_pace", "confidence", "reasons"], risk),
        "Alignment": (["objective", "team", "title", "aligns_to", "status"], alignment),
    }


def write_audit_workbook(audit: Audit, path: str | Path) -> Path:
    """Write the workbook (user text that starts with '=' stays text, never a formula)."""
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
    except ImportError:
        raise ImportError("writing XLSX needs openpyxl: pip install 'okrcoach[xlsx]'") from None
    book = Workbook(write_only=True)
    for name, (header, rows) in audit_tables(audit).items():
        sheet = book.create_sheet(name)
        sheet.append(header)
        for row in rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"
                cells.append(cell)
            sheet.append(cells)
    path = Path(path)
    book.save(path)
    return path
