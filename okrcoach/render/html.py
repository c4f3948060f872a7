"""HTML report fragment: for notebooks and widgets. Every piece of user text is escaped."""

from __future__ import annotations

from okrcoach.render.words import counts_text, plural

from html import escape
from typing import Any

_COLOURS = {"error": "#b42318", "warning": "#b54708", "info": "#175cd3"}


def report_html(report: Any) -> str:
    """Return a self-contained HTML table of the findings (no scripts, no ids, deterministic)."""
    scores = report.scores()
    counts = report.summary()["by_severity"]
    head = (
        f"<p><strong>{plural(len(report.findings), 'finding')}</strong> "
        f"({counts_text(counts)}) · "
        f"quality score <strong>{scores.plan:.0f}/100</strong></p>"
    )
    if not report.findings:
        return f"<div class='okrcoach-report'>{head}</div>"
    rows = "".join(_row(finding) for finding in report.findings)
    table = (
        "<table class='okrcoach-findings'><thead><tr><th>where</th><th>rule</th><th>severity</th>"
        f"<th>finding</th><th>suggestion</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    return f"<div class='okrcoach-report'>{head}{table}</div>"


def _row(finding: Any) -> str:
    colour = _COLOURS[finding.severity.label]
    subject = escape(finding.subject_id or "plan")
    return (
        f"<tr><td>{subject}</td><td><code>{escape(finding.code)}</code> {escape(finding.rule)}</td>"
        f"<td style='color:{colour}'>{escape(finding.severity.label)}</td><td>{escape(finding.message)}</td>"
        f"<td>{escape(finding.suggestion or '')}</td></tr>"
    )
