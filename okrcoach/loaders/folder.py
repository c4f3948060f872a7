"""A folder of YAML files (one per team, plus a company file) -> one Plan."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from okrcoach.errors import LoadError, LoadProblem
from okrcoach.model import Plan


def merge_files(files: Sequence[Path]) -> Plan:
    """Load each file, then merge them; objectives without ids get '<file stem>.O1', ... ."""
    from okrcoach.loaders import _from_yaml_text, read_text

    plans: list[Plan] = []
    problems: list[LoadProblem] = []
    for file in files:
        try:
            text = read_text(file)
            plans.append(_from_yaml_text(text, str(file), id_prefix=file.stem if len(files) > 1 else None))
        except LoadError as error:
            problems.extend(error.problems)
    if problems:
        raise LoadError(problems)
    return _merge(plans, str(files[0].parent))


def _merge(plans: list[Plan], folder: str) -> Plan:
    problems = []
    cycles = {str(plan.cycle): plan for plan in plans if plan.cycle is not None}
    if len(cycles) > 1:
        listed = ", ".join(f"{label} in {plan.source}" for label, plan in cycles.items())
        problems.append(LoadProblem(folder, f"the files name different cycles ({listed}): use one cycle per folder"))
    strategies = [plan for plan in plans if plan.strategy is not None]
    if len(strategies) > 1:
        listed = ", ".join(plan.source for plan in strategies)
        problems.append(LoadProblem(folder, f"more than one file defines the strategy ({listed}): keep it in one"))
    owners: dict[str, str] = {}
    for plan in plans:
        for kind, item_id in plan._all_ids():
            if item_id in owners:
                problems.append(
                    LoadProblem(plan.source, f"{kind} id {item_id!r} is also used in {owners[item_id]}", field="id")
                )
            owners.setdefault(item_id, plan.source)
    if problems:
        raise LoadError(problems)
    merged: dict[str, Any] = {
        "organisation": next((plan.organisation for plan in plans if plan.organisation), None),
        "cycle": next(iter(cycles.values())).cycle if cycles else None,
        "strategy": strategies[0].strategy if strategies else None,
        "teams": [team for plan in plans for team in plan.teams],
        "objectives": [objective for plan in plans for objective in plan.objectives],
        "kpis": [kpi for plan in plans for kpi in plan.kpis],
    }
    origins = {key: origin for plan in plans for key, origin in plan._origins.items()}
    return Plan.model_validate(merged).with_origins(folder, origins)
