"""Helpers shared by the rule families: what a key result says, and the data files rules read."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from okrcoach.model import Cycle, Direction, KeyResult, KRKind, Objective, Plan
from okrcoach.parser import Statement, parse_key_result
from okrcoach.quantity import Quantity


def statement(key_result: KeyResult) -> Statement:
    """Return the parse of a key result, with the structured fields its author gave taking precedence."""
    parsed = key_result.statement
    if not any((key_result.target is not None, key_result.baseline is not None, key_result.kind, key_result.direction,
                key_result.deadline, key_result.metric)):  # fmt: skip
        return parsed
    return _merged(parsed, key_result)


def _merged(parsed: Statement, key_result: KeyResult) -> Statement:
    from dataclasses import replace

    unit = key_result.unit or parsed.unit
    target = Quantity(key_result.target, unit, str(key_result.target)) if key_result.target is not None else parsed.target
    baseline = (
        Quantity(key_result.baseline, unit, str(key_result.baseline)) if key_result.baseline is not None else parsed.baseline
    )
    kind = key_result.kind or (KRKind.METRIC if key_result.target is not None and parsed.kind is None else parsed.kind)
    return replace(
        parsed,
        metric=key_result.metric or parsed.metric,
        target=target,
        baseline=baseline,
        unit=unit,
        direction=key_result.direction or parsed.direction,
        deadline=key_result.deadline.isoformat() if key_result.deadline else parsed.deadline,
        kind=kind,
        is_change=parsed.is_change if key_result.target is None else False,
    )


def cycle_of(plan: Plan, objective: Objective) -> Cycle | None:
    """Return the cycle an objective runs in: its own, else the plan's."""
    return objective.cycle or plan.cycle


def quote(text: str, width: int = 60) -> str:
    """Return user text shortened and in single quotes, for messages."""
    text = " ".join(text.split())
    return f"'{text if len(text) <= width else text[: width - 1] + '…'}'"


@dataclass(frozen=True, slots=True)
class LaggingIndicator:
    """A metric that moves a quarter or more after the work that drives it, and what leads it."""

    indicator: str
    delay: str
    alternatives: tuple[str, ...]


@cache
def lagging_indicators() -> tuple[tuple[re.Pattern[str], LaggingIndicator], ...]:
    """Return (pattern, indicator) pairs from wordlists/lagging_indicators.csv, most specific first."""
    text = resources.files("okrcoach.wordlists").joinpath("lagging_indicators.csv").read_text(encoding="utf-8")
    rows = []
    for row in csv.DictReader(text.splitlines()):
        terms = sorted(row["terms"].split("|"), key=len, reverse=True)
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t).replace(r"\ ", r"[\s-]+") for t in terms) + r")(?![\w-])", re.I)
        alternatives = tuple(item.strip() for item in row["leading_alternatives"].split(";") if item.strip())
        rows.append((pattern, LaggingIndicator(row["indicator"], row["typical_delay"], alternatives)))
    return tuple(rows)


def end_of(cycle: Cycle | None) -> str:
    """Return the last day of a cycle as '31 March 2026', or '<date>' without a cycle."""
    if cycle is None:
        return "<date>"
    day: date = cycle.end
    return f"{day.day} {day.strftime('%B')} {day.year}"


DIRECTION_VERB = {Direction.INCREASE: "Increase", Direction.DECREASE: "Reduce", Direction.REACH: "Raise",
                  Direction.MAINTAIN: "Change"}  # fmt: skip
