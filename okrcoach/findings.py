"""What rules yield (Violation) and what users see (Finding)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    """How much a finding matters: error (cannot be scored), warning (a coach sends it back), info (advice)."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """Return the lower-case name used in files and output: 'info', 'warning' or 'error'."""
        return self.name.lower()

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        """Return the severity named by value ('warning', 'WARNING'), or raise ValueError."""
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r}: expected error, warning or info") from None

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, slots=True)
class Violation:
    """A problem a rule found in one subject; the engine turns it into a Finding."""

    subject: Any
    message: str
    suggestion: str | None = None
    fix: str | None = None  # a mechanical rewrite of the subject's text, when there is one


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported problem, with everything needed to show, filter or export it."""

    code: str
    rule: str
    severity: Severity
    message: str
    suggestion: str | None
    path: str
    line: int | None
    pointer: str
    objective: str | None
    key_result: str | None
    kpi: str | None = None
    team: str | None = None
    fix: str | None = None

    @property
    def subject_id(self) -> str | None:
        """Return the id of the key result, KPI or objective the finding is about."""
        return self.key_result or self.kpi or self.objective

    def to_record(self) -> dict[str, Any]:
        """Return the finding as a flat dict with stable keys (the JSON and CSV output)."""
        return {
            "path": self.path,
            "line": self.line,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.label,
            "objective": self.objective,
            "key_result": self.key_result,
            "kpi": self.kpi,
            "team": self.team,
            "message": self.message,
            "suggestion": self.suggestion,
            "pointer": self.pointer,
        }
