"""Plan -> plain data in the canonical OKR file layout (the inverse of the loaders)."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from okrcoach.model import KPI, Cadence, Cycle, Ignore, KeyResult, Objective, ObjectiveType, Plan, Strategy, Team

#: Key-result fields in the order they are written, after 'id' and 'title'.
KR_FIELDS = ("metric", "unit", "baseline", "target", "current", "direction", "deadline", "owner", "kpi", "kind")


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """Return the plan as plain data that loads back into an equal plan.

    Empty and default values are left out, so a minimal file stays minimal; key results that
    are only a statement with their automatic id are written as plain strings.
    """
    data: dict[str, Any] = {}
    _put(data, "organisation", plan.organisation)
    _put(data, "cycle", cycle_to_data(plan.cycle))
    _put(data, "strategy", _strategy(plan.strategy))
    _put(data, "teams", [_team(team) for team in plan.teams])
    data["objectives"] = [objective_to_data(objective) for objective in plan.objectives]
    _put(data, "kpis", [kpi_to_data(kpi) for kpi in plan.kpis])
    return data


def cycle_to_data(cycle: Cycle | None) -> Any:
    """Return a cycle as its label, or as start and end dates when it has no standard label."""
    if cycle is None:
        return None
    if cycle.cadence is not Cadence.CUSTOM:
        return cycle.label
    return {"label": cycle.label, "start": cycle.start.isoformat(), "end": cycle.end.isoformat()}


def objective_to_data(objective: Objective) -> dict[str, Any]:
    """Return one objective as plain data."""
    data: dict[str, Any] = {"id": objective.id, "title": objective.title}
    for field in ("description", "team", "owner"):
        _put(data, field, getattr(objective, field))
    if objective.aligns_to:
        data["aligns_to"] = objective.aligns_to[0] if len(objective.aligns_to) == 1 else list(objective.aligns_to)
    if objective.type is not ObjectiveType.ASPIRATIONAL:
        data["type"] = objective.type.value
    _put(data, "cycle", cycle_to_data(objective.cycle))
    data["key_results"] = [
        key_result_to_data(kr, f"{objective.id}.KR{number}") for number, kr in enumerate(objective.key_results, 1)
    ]
    _put(data, "ignore", _ignores(objective.ignore))
    return data


def key_result_to_data(key_result: KeyResult, automatic_id: str | None = None) -> Any:
    """Return one key result as a plain string when it has nothing but its statement, else a mapping."""
    fields = {field: _plain(getattr(key_result, field)) for field in KR_FIELDS}
    fields = {field: value for field, value in fields.items() if value is not None}
    ignores = _ignores(key_result.ignore)
    if not fields and not ignores and key_result.id == automatic_id:
        return key_result.title
    data: dict[str, Any] = {"id": key_result.id, "title": key_result.title, **fields}
    _put(data, "ignore", ignores)
    return data


def kpi_to_data(kpi: KPI) -> dict[str, Any]:
    """Return one KPI as plain data."""
    data = {"id": kpi.id, "name": kpi.name}
    for field in ("description", "unit", "direction", "target", "owner", "team", "formula", "cadence", "catalog_id", "decision"):
        _put(data, field, _plain(getattr(kpi, field)))
    if kpi.thresholds is not None:
        bands = {"green": _plain(kpi.thresholds.green), "amber": _plain(kpi.thresholds.amber)}
        _put(data, "thresholds", {band: value for band, value in bands.items() if value is not None})
    _put(data, "ignore", _ignores(kpi.ignore))
    return data


def _strategy(strategy: Strategy | None) -> dict[str, Any] | None:
    if strategy is None:
        return None
    data: dict[str, Any] = {}
    _put(data, "mission", strategy.mission)
    _put(data, "vision", strategy.vision)
    pillars = []
    for pillar in strategy.pillars:
        item = {"id": pillar.id, "title": pillar.title}
        _put(item, "description", pillar.description)
        pillars.append(item)
    _put(data, "pillars", pillars)
    return data


def _team(team: Team) -> dict[str, Any]:
    data = {"id": team.id}
    for field in ("name", "parent", "owner"):
        _put(data, field, getattr(team, field))
    return data


def _ignores(ignores: tuple[Ignore, ...]) -> dict[str, str] | None:
    return {item.rule: item.reason for item in ignores} or None


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    if value not in (None, "", [], {}, ()):
        data[key] = value
