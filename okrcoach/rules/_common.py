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
        hit = matcher.match(kpi.name, fuzzy=False)
        if hit is None:
            ranked = matcher.rank(" ".join(filter(None, (kpi.name, kpi.description))), limit=1)
            hit = ranked[0] if ranked and ranked[0].score >= 0.6 else None
        cache[kpi.id] = hit.kpi if hit else None
    return cache[kpi.id]


def lagging_kpi(text: str, min_days: int = 90) -> CatalogKPI | None:
    """Return the lagging catalog KPI a text names, if any (the longest phrase wins where phrases overlap)."""
    from okrcoach.kpis.match import default_matcher

    for hit in default_matcher().find_all(text):
        if not hit.kpi.leading and hit.kpi.lag_days >= min_days:
            return hit.kpi
    return None


def end_of(cycle: Cycle | None) -> str:
    """Return the last day of a cycle as '31 March 2026', or '<date>' without a cycle."""
    if cycle is None:
        return "<date>"
    day: date = cycle.end
    return f"{day.day} {day.strftime('%B')} {day.year}"


DIRECTION_VERB = {Direction.INCREASE: "Increase", Direction.DECREASE: "Reduce", Direction.REACH: "Raise",
                  Direction.MAINTAIN: "Change"}  # fmt: skip
