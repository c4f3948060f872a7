"""Helpers shared by the rule families: what a key result says, and the data files rules read."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from okrcoach.model import KPI, Cycle, Direction, KeyResult, KRKind, Objective, Plan
from okrcoach.parser import Statement, parse_key_result
from okrcoach.quantity import Quantity

if TYPE_CHECKING:
    from okrcoach.kpis.catalog import CatalogKPI


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


def catalog_kpi(kpi: KPI, ctx: Any) -> CatalogKPI | None:
    """Return the catalog entry of a plan's KPI: its `catalog_id`, else its name matched to the catalog."""
    from okrcoach.kpis.catalog import default_catalog
    from okrcoach.kpis.match import default_matcher

    if kpi.catalog_id:
        return default_catalog().get(kpi.catalog_id)
    cache = ctx.memo("catalog_kpi", dict)
    if kpi.id not in cache:
        # A KPI's name usually is a metric name, so a verbatim phrase decides; a fuzzy match must be
        # strong, because a rule that misreads a KPI misleads the team.
        matcher = default_matcher()
        context = {"team": kpi.team or ""}
        hit = matcher.match(kpi.name, fuzzy=False, context=context)
        if hit is None:
            ranked = matcher.rank(" ".join(filter(None, (kpi.name, kpi.description))), limit=1)
            hit = ranked[0] if ranked and ranked[0].score >= 0.6 else None
        cache[kpi.id] = hit.kpi if hit else None
    return cache[kpi.id]


#: Signals that say a phrase in the text is not the metric being moved (see okrcoach/kpis/signals.py).
_NOT_THE_METRIC = ("about_measurement", "period_conflict", "not_first", "denominator", "modified_head")


def lagging_kpi(text: str, min_days: int = 90) -> CatalogKPI | None:
    """Return the catalog KPI a text names that shows change only after `min_days` or more, if any."""
    return slow_kpi(text, min_days)


def slow_kpi(text: str, cycle_days: int, context: Any = None) -> CatalogKPI | None:
    """Return the KPI a text names whose change shows too late for a cycle of `cycle_days` days, or None.

    Too late means after two thirds of the cycle, a cycle shorter than a quarter being judged as a
    quarter (the catalog's lags are orders of magnitude: days, weeks, a month, a quarter, a year).
    Only phrases the text really names count (no paraphrase guessing), and not when the text
    says it is something else: work on the measurement, a period or 'first' qualifier that points
    to another KPI, a count per the KPI, or a generic word modified by a noun the KPI does not know.
    """
    from okrcoach.kpis.match import default_matcher

    matcher = default_matcher()
    horizon = max(cycle_days, 90)
    if all(hit.kpi.responsive(horizon) for hit in matcher.find_all(text)):
        return None  # the automaton pass: most statements stop here
    ranked = sorted(matcher.scored(text, fuzzy=False, context=context), key=lambda item: item[0].position)
    for match, features in ranked:
        if not match.kpi.responsive(horizon) and not any(features.get(name) for name in _NOT_THE_METRIC):
            return match.kpi
    return None


def end_of(cycle: Cycle | None) -> str:
    """Return the last day of a cycle as '31 March 2026', or '<date>' without a cycle."""
    if cycle is None:
        return "<date>"
    day: date = cycle.end
    return f"{day.day} {day.strftime('%B')} {day.year}"


DIRECTION_VERB = {Direction.INCREASE: "Increase", Direction.DECREASE: "Reduce", Direction.REACH: "Raise",
                  Direction.MAINTAIN: "Change"}  # fmt: skip
