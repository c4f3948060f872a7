"""The check report: the findings of one `okrcoach check` run, with filters, summaries, quality
scores and exports. (The consultant's client audit is `okrcoach.client_audit`.)"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean
from typing import Any

from okrcoach.findings import Finding, Severity
from okrcoach.model import Plan
from okrcoach.registry import Rule
from okrcoach.settings import Settings

#: Points a finding takes off its subject's quality score (see docs/scoring.md).
PENALTY = {Severity.ERROR: 40, Severity.WARNING: 20, Severity.INFO: 5}
#: The highest score a plan, team or objective with any error can get: it cannot be graded as written.
ERROR_CAP = 89.0

COLUMNS = ("path", "line", "code", "rule", "severity", "objective", "key_result", "kpi", "team", "message", "suggestion", "pointer")


@dataclass(frozen=True)
class Scores:
    """Quality scores from 0 (every check failed) to 100 (nothing to improve)."""

    key_results: dict[str, float]
    objectives: dict[str, float]
    teams: dict[str, float]
    plan: float


@dataclass(frozen=True)
class Report:
    """The findings of checking one plan, and what was checked."""

    plan: Plan
    settings: Settings
    rules: tuple[Rule, ...]
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """Return True when no finding is at or above the settings' fail-on severity."""
        return not self.at_least(self.settings.fail_on)

    def at_least(self, severity: Severity | str) -> tuple[Finding, ...]:
        """Return the findings at or above a severity."""
        level = Severity.parse(severity)
        return tuple(finding for finding in self.findings if finding.severity >= level)

    def for_rule(self, code_or_name: str) -> tuple[Finding, ...]:
        """Return the findings of one rule, by code or name."""
        key = code_or_name.strip()
        return tuple(finding for finding in self.findings if key.upper() == finding.code or key.lower() == finding.rule)

    def for_subject(self, subject_id: str) -> tuple[Finding, ...]:
        """Return the findings about one objective, key result or KPI (an objective's own, not its KRs')."""
        return tuple(finding for finding in self.findings if finding.subject_id == subject_id)

    def summary(self) -> dict[str, Any]:
        """Return counts: subjects checked, rules run, findings by severity, family and rule."""
        return {
            "objectives": len(self.plan.objectives),
            "key_results": len(self.plan.key_results),
            "kpis": len(self.plan.kpis),
            "rules_run": len(self.rules),
            "findings": len(self.findings),
            "by_severity": {level.label: sum(1 for f in self.findings if f.severity is level) for level in reversed(Severity)},
            "by_family": dict(sorted(Counter(finding.code[0] for finding in self.findings).items())),
            "by_rule": dict(sorted(Counter(finding.rule for finding in self.findings).items())),
        }

    def scores(self) -> Scores:
        """Return quality scores per key result, objective, team and plan (formula in docs/scoring.md).

        A key result loses its findings' penalties; an objective loses the penalties of its own
        findings and of all its key results' findings (an objective with nine weak key results has
        nine problems, not their average); teams and the plan average their objectives. Anything
        holding an error scores at most ERROR_CAP (89).
        """
        penalties: Counter[str] = Counter()
        errors: set[str] = set()
        plan_penalty = 0
        for finding in self.findings:
            if finding.subject_id is None:
                plan_penalty += PENALTY[finding.severity]
            else:
                penalties[finding.subject_id] += PENALTY[finding.severity]
            if finding.severity is Severity.ERROR:
                errors.add(finding.subject_id or "")
        key_results = {kr.id: _capped(100 - penalties[kr.id], kr.id in errors) for kr in self.plan.key_results}
        objectives: dict[str, float] = {}
        erring: dict[str, bool] = {}
        for objective in self.plan.objectives:
            erring[objective.id] = objective.id in errors or any(kr.id in errors for kr in objective.key_results)
            lost = penalties[objective.id] + sum(penalties[kr.id] for kr in objective.key_results)
            value = 100 - lost if objective.key_results else 0
            objectives[objective.id] = round(_capped(value, erring[objective.id]), 1)
        teams: dict[str, list[float]] = {}
        for objective in self.plan.objectives:
            teams.setdefault(objective.team or "(company)", []).append(objectives[objective.id])
        plan = _bounded(fmean(objectives.values()) - plan_penalty) if objectives else _bounded(100 - plan_penalty)
        plan = _capped(plan, bool(errors))
        return Scores(key_results, objectives, {team: round(fmean(values), 1) for team, values in teams.items()}, round(plan, 1))

    def to_records(self) -> list[dict[str, Any]]:
        """Return one flat dict per finding (keys in COLUMNS order)."""
        return [finding.to_record() for finding in self.findings]

    def to_json(self, indent: int | None = 2) -> str:
        """Return the report as JSON: {"findings": [...], "summary": {...}, "scores": {...}}."""
        scores = self.scores()
        document = {
            "findings": self.to_records(),
            "summary": self.summary(),
            "scores": {"plan": scores.plan, "teams": scores.teams, "objectives": scores.objectives, "key_results": scores.key_results},
        }
        return json.dumps(document, ensure_ascii=False, indent=indent)

    def to_frame(self) -> Any:
        """Return the findings as a pandas DataFrame with the COLUMNS columns (needs pandas)."""
        import pandas as pd

        return pd.DataFrame(self.to_records(), columns=list(COLUMNS))

    def to_csv(self) -> str:
        """Return the findings as CSV text with a header row."""
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.to_records())
        return buffer.getvalue()

    def _repr_mimebundle_(self, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None) -> dict[str, str]:
        from okrcoach.render.html import report_html
        from okrcoach.render.text import report_text

        return {"text/plain": report_text(self), "text/html": report_html(self)}

    def __repr__(self) -> str:
        counts = self.summary()["by_severity"]
        return f"<Report {len(self.findings)} findings: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} info>"


def _bounded(value: float) -> float:
    return max(0.0, min(100.0, float(value)))


def _capped(value: float, has_error: bool) -> float:
    value = _bounded(value)
    return min(value, ERROR_CAP) if has_error else value
