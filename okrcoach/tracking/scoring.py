"""Scoring a quarter: progress from baseline to target, 0.0-1.0 grades, roll-ups, pace and risk.

Grades follow Doerr (*Measure What Matters*, 2018) and Google re:Work: each key result is graded
0.0-1.0; 0.7-1.0 is green, 0.4-0.6 yellow, 0.0-0.3 red. Aspirational objectives aim for about
0.7 (consistently reaching 1.0 means the goals were not ambitious enough); committed objectives
are expected to reach 1.0. Confidence (0-10) comes from weekly check-ins (Wodtke, *Radical
Focus*, 2016: start near 5, watch it move).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from statistics import mean
from typing import Any

from okrcoach.clock import today
from okrcoach.model import Direction, KeyResult, KRKind, Objective, ObjectiveType, Plan
from okrcoach.tracking.store import CheckIn, CheckinStore

SWEET_SPOT = 0.7


@dataclass(frozen=True, slots=True)
class Settings:
    """Thresholds for pace and risk (defaults follow the sources in this module's docstring)."""

    behind_pace: float = 0.2  # progress this far below the expected pace is at risk
    low_confidence: int = 3  # a latest confidence at or below this is at risk
    confidence_drop: int = 2  # a fall of this much between the last two check-ins is at risk


def progress(key_result: KeyResult, value: float | None, *, baseline: float | None = None) -> float | None:
    """Return how far a value has come from baseline to target (0 = baseline, 1 = target).

    Works for increasing and decreasing metrics (the sign of target - baseline decides), for
    milestones (the value is percent complete, 0-100) and binary results (any non-zero value is
    done). Overshoot is kept (above 1); falling back below the baseline gives a negative number.
    "Maintain" key results score 1.0 while the value is on the right side of the level, else 0.
    Returns None when the value, the target or (for a change) the baseline is unknown;
    `baseline` stands in for a key result that does not state one (e.g. its first check-in).
    """
    if value is None:
        return None
    from okrcoach.rules._common import statement

    parsed = statement(key_result)
    kind = key_result.kind or parsed.kind
    if kind is KRKind.BINARY:
        return 1.0 if value else 0.0
    if kind is KRKind.MILESTONE or (parsed.target is None and kind is not KRKind.METRIC):
        return value / 100
    if parsed.target is None:
        return None
    target = parsed.target.value
    if parsed.direction is Direction.MAINTAIN:
        below = parsed.comparator in {"<", "<="}
        return 1.0 if (value <= target if below else value >= target) else 0.0
    start = parsed.baseline.value if parsed.baseline is not None else baseline
    if parsed.is_change and start is not None:  # 'by 20%' of the baseline, or 'by 5 points'
        change = start * target / 100 if parsed.target.unit == "%" and parsed.baseline is None else target
        target = start - change if parsed.direction is Direction.DECREASE else start + change
    if start is None:
        if parsed.direction is Direction.DECREASE or parsed.comparator in {"<", "<="}:
            return 1.0 if value <= target else None
        start = 0.0
    if target == start:
        return 1.0 if value == target else 0.0
    return (value - start) / (target - start)


def grade(value: float | None) -> float | None:
    """Return the 0.0-1.0 grade of a progress figure, to one decimal (overshoot counts as 1.0)."""
    return None if value is None else round(min(max(value, 0.0), 1.0), 1)


def band(value: float | None) -> str:
    """Return the colour of a grade: green 0.7-1.0, yellow 0.4-0.6, red 0.0-0.3 (Doerr), or grey."""
    if value is None:
        return "grey"
    return "green" if value >= 0.7 - 1e-9 else "yellow" if value >= 0.4 - 1e-9 else "red"


def expected_pace(start: date, end: date, day: date) -> float:
    """Return the share of the cycle elapsed on a day (0 before it starts, 1 after it ends)."""
    if end <= start:
        return 1.0
    return min(max((day - start).days / (end - start).days, 0.0), 1.0)


@dataclass(frozen=True, slots=True)
class KeyResultScore:
    """Where one key result stands on a day."""

    key_result: str
    objective: str
    team: str | None
    title: str
    value: float | None
    day: date | None
    progress: float | None
    grade: float | None
    band: str
    expected: float
    confidence: int | None
    at_risk: bool
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ObjectiveScore:
    """An objective's grade: the mean of its key results' progress, against what its type expects."""

    objective: str
    team: str | None
    title: str
    type: ObjectiveType
    grade: float | None
    band: str
    expected_grade: float
    key_results: tuple[KeyResultScore, ...] = field(default=())

    @property
    def meets_expectation(self) -> bool | None:
        """Return whether the grade reaches 1.0 (committed) or the 0.7 sweet spot (aspirational)."""
        return None if self.grade is None else self.grade >= self.expected_grade - 1e-9

    @property
    def at_risk(self) -> bool:
        """Return True when any of its key results is at risk."""
        return any(score.at_risk for score in self.key_results)


@dataclass(frozen=True)
class Scorecard:
    """A plan scored on a day: key results, objectives, teams and the company."""

    day: date
    objectives: tuple[ObjectiveScore, ...]

    @property
    def key_results(self) -> tuple[KeyResultScore, ...]:
        """Return every key result's score, in plan order."""
        return tuple(score for objective in self.objectives for score in objective.key_results)

    @property
    def teams(self) -> dict[str, float | None]:
        """Return each team's grade: the mean of its objectives' grades ('company' for objectives without a team)."""
        grades: dict[str, list[float]] = defaultdict(list)
        for objective in self.objectives:
            grades.setdefault(objective.team or "company", [])
            if objective.grade is not None:
                grades[objective.team or "company"].append(objective.grade)
        return {team: (round(mean(values), 2) if values else None) for team, values in grades.items()}

    @property
    def company(self) -> float | None:
        """Return the plan's grade: the mean of every objective's grade."""
        grades = [objective.grade for objective in self.objectives if objective.grade is not None]
        return round(mean(grades), 2) if grades else None

    @property
    def at_risk(self) -> tuple[KeyResultScore, ...]:
        """Return the key results at risk, with their reasons."""
        return tuple(score for score in self.key_results if score.at_risk)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one flat dict per key result (for tables, CSV and XLSX)."""
        by_objective = {objective.objective: objective for objective in self.objectives}
        rows = []
        for score in self.key_results:
            objective = by_objective[score.objective]
            rows.append({
                "team": score.team or "", "objective": score.objective, "objective_grade": objective.grade,
                "objective_type": objective.type.value, "key_result": score.key_result, "title": score.title,
                "value": score.value, "date": score.day.isoformat() if score.day else None, "progress": score.progress,
                "grade": score.grade, "band": score.band, "expected_pace": round(score.expected, 2),
                "confidence": score.confidence, "at_risk": score.at_risk, "reasons": "; ".join(score.reasons),
            })  # fmt: skip
        return rows

    def to_frame(self) -> Any:
        """Return the key-result table as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame(self.to_records())


def score_plan(
    plan: Plan,
    checkins: CheckinStore | Iterable[CheckIn] | None = None,
    day: date | None = None,
    settings: Settings | None = None,
) -> Scorecard:
    """Score every key result and objective of a plan on a day (default: today, or the last check-in).

    Values come from the check-ins up to that day; a key result without check-ins uses its
    `current` field. Expected pace is the share of the objective's cycle elapsed.
    """
    settings = settings or Settings()
    history = _by_key_result(checkins.history() if isinstance(checkins, CheckinStore) else (checkins or ()))
    if day is None:
        days = [item.day for items in history.values() for item in items]
        day = max(days) if days else today()
    objectives = []
    for objective in plan.objectives:
        cycle = objective.cycle or plan.cycle
        pace = expected_pace(cycle.start, cycle.end, day) if cycle else 1.0
        scores = tuple(_score_key_result(kr, objective, [c for c in history.get(kr.id, ()) if c.day <= day], pace, settings) for kr in objective.key_results)
        known = [min(max(score.progress, 0.0), 1.0) for score in scores if score.progress is not None]
        value = round(mean(known), 2) if known else None
        expected = 1.0 if objective.type is ObjectiveType.COMMITTED else SWEET_SPOT
        objectives.append(ObjectiveScore(objective.id, objective.team, objective.title, objective.type, value, band(value), expected, scores))
    return Scorecard(day, tuple(objectives))


def _by_key_result(checkins: Iterable[CheckIn]) -> Mapping[str, list[CheckIn]]:
    grouped: dict[str, list[CheckIn]] = defaultdict(list)
    for checkin in checkins:
        grouped[checkin.key_result].append(checkin)
    for items in grouped.values():
        items.sort(key=lambda item: item.day)
    return grouped


def _score_key_result(kr: KeyResult, objective: Objective, history: list[CheckIn], pace: float, settings: Settings) -> KeyResultScore:
    valued = [item for item in history if item.value is not None]
    latest = valued[-1] if valued else None
    value = latest.value if latest else kr.current
    first = valued[0].value if len(valued) > 1 else None
    done = progress(kr, value, baseline=first)
    confidences = [item.confidence for item in history if item.confidence is not None]
    reasons = []
    if done is not None and pace - done >= settings.behind_pace:
        reasons.append(f"behind pace: {max(done, 0):.0%} done, {pace:.0%} of the cycle gone")
    if confidences and confidences[-1] <= settings.low_confidence:
        reasons.append(f"low confidence ({confidences[-1]}/10)")
    if len(confidences) >= 2 and confidences[-2] - confidences[-1] >= settings.confidence_drop:
        reasons.append(f"confidence falling ({confidences[-2]} -> {confidences[-1]})")
    return KeyResultScore(
        key_result=kr.id, objective=objective.id, team=objective.team, title=kr.title, value=value,
        day=latest.day if latest else None, progress=None if done is None else round(done, 3), grade=grade(done),
        band=band(grade(done)), expected=pace, confidence=confidences[-1] if confidences else None,
        at_risk=bool(reasons), reasons=tuple(reasons),
    )  # fmt: skip
