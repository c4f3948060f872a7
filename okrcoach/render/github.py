"""GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` annotation per finding.

GitHub shows each annotation on the changed line of a pull request and in the run's summary
(docs: "Workflow commands for GitHub Actions"). Values are escaped as the runner expects: in the
message `%`, CR and LF; in the properties also `:` and `,`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, *, file: str | None = None, line: int | None = None, title: str | None = None) -> str:
    """Return one workflow command line, e.g. '::warning file=okrs.yaml,line=9,title=T101 lagging-indicator::...'."""
    properties = [f"{key}={_property(str(value))}" for key, value in (("file", file), ("line", line), ("title", title)) if value]
    return f"::{level} {','.join(properties)}::{_data(message)}" if properties else f"::{level}::{_data(message)}"


def finding_annotation(finding: Any) -> str:
    """Return the annotation of one finding: its message, then its suggestion on the next line."""
    subject = finding.subject_id or "plan"
    message = f"{subject}: {finding.message}" + (f"\nsuggestion: {finding.suggestion}" if finding.suggestion else "")
    return annotation(_LEVEL[finding.severity.label], message, file=finding.path, line=finding.line,
                      title=f"{finding.code} {finding.rule}")  # fmt: skip


def report_github(report: Any) -> str:
    """Return every finding of a check report as annotations, one per line (empty when there is none)."""
    return "".join(finding_annotation(finding) + "\n" for finding in report.findings)


def problems_github(problems: Iterable[Any]) -> str:
    """Return load problems (a file that cannot be read) as error annotations."""
    lines = []
    for problem in problems:
        where = f"{problem.field}: " if getattr(problem, "field", None) else ""
        row = f"row {problem.row}: " if getattr(problem, "row", None) and not problem.line else ""
        lines.append(annotation("error", f"{row}{where}{problem.message}", file=problem.source, line=problem.line,
                                title="okrcoach: cannot load"))  # fmt: skip
    return "".join(line + "\n" for line in lines)
