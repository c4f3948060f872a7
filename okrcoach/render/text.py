"""Plain-text report: for the terminal and the notebook's text/plain view."""

from __future__ import annotations

from okrcoach.render.words import counts_text, plural

from typing import Any


def finding_line(finding: Any) -> str:
    """Return 'path:line: CODE rule [severity] subject: message'."""
    where = f"{finding.path}:{finding.line}" if finding.line else finding.path
    subject = finding.subject_id or "plan"
    return f"{where}: {finding.code} {finding.rule} [{finding.severity.label}] {subject}: {finding.message}"


def report_text(report: Any, *, suggestions: bool = True) -> str:
    """Return every finding on its own line, its suggestion below it, and a summary."""
    lines = []
    for finding in report.findings:
        lines.append(finding_line(finding))
        if suggestions and finding.suggestion:
            lines.append(f"    suggestion: {finding.suggestion}")
    counts = report.summary()["by_severity"]
    scores = report.scores()
    lines.append(
        f"{plural(len(report.findings), 'finding')} ({counts_text(counts)}) in "
        f"{plural(len(report.plan.objectives), 'objective')} and {plural(len(report.plan.key_results), 'key result')}; "
        f"quality score {scores.plan:.0f}/100"
    )
    return "\n".join(lines)
