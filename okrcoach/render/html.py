"""HTML report fragment for notebooks and widgets, rendered from a template (user text escaped)."""

from __future__ import annotations

from typing import Any

from okrcoach.render.words import counts_text, plural
from okrcoach.templating import render


def report_html(report: Any) -> str:
    """Return a self-contained HTML table of the findings (no scripts, no ids, deterministic)."""
    return render(
        "report/findings.html",
        headline=plural(len(report.findings), "finding"),
        counts=counts_text(report.summary()["by_severity"]),
        score=report.scores().plan,
        findings=report.findings,
    )
