"""Integrity of a loaded plan: every id a plan refers to exists (the checks judge quality later)."""

from __future__ import annotations

from collections.abc import Iterator

from okrcoach.model import Origin, Plan

#: (where, field, message)
ReferenceProblem = tuple[Origin, str, str]


def reference_problems(plan: Plan) -> list[ReferenceProblem]:
    """Return every reference in the plan that points at nothing: aligns_to, kpi, team and parent ids."""
    return [*_alignment(plan), *_kpi_links(plan), *_teams(plan)]


def _alignment(plan: Plan) -> Iterator[ReferenceProblem]:
    objective_ids = {objective.id for objective in plan.objectives}
    pillar_ids = {pillar.id for pillar in plan.strategy.pillars} if plan.strategy else set()
    known = objective_ids | pillar_ids
    parents = {objective.id: objective.aligns_to for objective in plan.objectives}
    for objective in plan.objectives:
        for parent in objective.aligns_to:
            if parent == objective.id:
                yield plan.origin(objective.id), "aligns_to", f"objective {objective.id} aligns to itself"
            elif parent not in known:
                hint = _known("objective or pillar ids", sorted(known))
                yield plan.origin(objective.id), "aligns_to", f"'{parent}' names no objective or pillar here; {hint}"
        if _in_cycle(objective.id, parents):
            message = f"objective {objective.id} is part of an alignment loop: follow aligns_to and it comes back"
            yield plan.origin(objective.id), "aligns_to", message


def _in_cycle(start: str, parents: dict[str, tuple[str, ...]]) -> bool:
    seen: set[str] = set()
    stack = [parent for parent in parents.get(start, ()) if parent != start]
    while stack:
        current = stack.pop()
        if current == start:
            return True
        if current in seen:
            continue
        seen.add(current)
        stack.extend(parents.get(current, ()))
    return False


def _kpi_links(plan: Plan) -> Iterator[ReferenceProblem]:
    kpi_ids = {kpi.id for kpi in plan.kpis}
    for key_result in plan.key_results:
        if key_result.kpi is not None and key_result.kpi not in kpi_ids:
            hint = _known("KPI ids", sorted(kpi_ids))
            yield plan.origin(key_result.id), "kpi", f"key result {key_result.id} links to KPI '{key_result.kpi}', which is not in this plan; {hint}"


def _teams(plan: Plan) -> Iterator[ReferenceProblem]:
    if not plan.teams:
        return
    names = {team.id for team in plan.teams} | {team.name for team in plan.teams if team.name}
    for objective in plan.objectives:
        if objective.team is not None and objective.team not in names:
            hint = _known("teams", sorted(team.id for team in plan.teams))
            yield plan.origin(objective.id), "team", f"objective {objective.id} names team '{objective.team}', which is not in 'teams'; {hint}"
    for kpi in plan.kpis:
        if kpi.team is not None and kpi.team not in names:
            yield plan.origin(kpi.id), "team", f"KPI {kpi.id} names team '{kpi.team}', which is not in 'teams'"
    ids = {team.id for team in plan.teams}
    for team in plan.teams:
        if team.parent is not None and team.parent not in ids:
            yield Origin(plan.source, "/teams"), "parent", f"team {team.id} reports into '{team.parent}', which is not in 'teams'"


def _known(label: str, values: list[str]) -> str:
    if not values:
        return f"the plan defines no {label}"
    shown = ", ".join(values[:12]) + (", ..." if len(values) > 12 else "")
    return f"known {label}: {shown}"
