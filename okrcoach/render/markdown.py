"""Markdown report: for pull requests, wikis and e-mails. User text is escaped."""

from __future__ import annotations

from okrcoach.render.words import counts_text, plural

from typing import Any

_SPECIAL = str.maketrans({"|": "\\|", "<": "&lt;", ">": "&gt;", "*": "\\*", "_": "\\_", "`": "\\`", "[": "\\[", "]": "\\]"})


def _escape(text: str) -> str:
    return " ".join(text.split()).translate(_SPECIAL)


def report_markdown(report: Any) -> str:
    """Return the findings as a Markdown table with a summary line."""
    counts = report.summary()["by_severity"]
    lines = [
        f"### okrcoach: {_escape(report.plan.source)}",
        "",
        f"{plural(len(report.findings), 'finding')} ({counts_text(counts)}) · quality score {report.scores().plan:.0f}/100",
        "",
    ]
    if report.findings:
        lines += ["| line | subject | rule | severity | finding | suggestion |", "|---|---|---|---|---|---|"]
        for finding in report.findings:
            lines.append(
                f"| {finding.line or ''} | {_escape(finding.subject_id or 'plan')} | `{finding.code}` {finding.rule} | "
                f"{finding.severity.label} | {_escape(finding.message)} | {_escape(finding.suggestion or '')} |"
            )
    return "\n".join(lines) + "\n"
