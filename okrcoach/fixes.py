"""Mechanical fixes for findings: the changes a coach would make without asking a question.

Each fix returns a new Plan (model objects are frozen) and leaves every untouched objective,
key result and KPI exactly as it was, ids included.

>>> report = okrcoach.check(plan)
>>> fixable_ones = [finding for finding in report.findings if fixable(finding, plan)]
>>> plan = apply_fix(plan, fixable_ones[0])

Fixable rules:

- vague-target: the key result becomes the rewrite skeleton of the suggestion
  ("Increase <measure> from <baseline> to <target> by 31 March 2026"), with the measure filled
  in when the suggestion names one; the learner then fills in the placeholders.
- too-many-key-results: the first `max_key_results` key results stay; the rest leave the
  objective and are returned by `apply_fix_with_removed` (a backlog: the model has none).
- duplicate-key-result: the later copy is removed.
- missing-deadline: the plan gets the cycle of the quarter that contains today (okrcoach.clock).
- kpi-as-okr (on a key result): the key result moves to the plan's KPIs.

Every other finding is not fixable: `apply_fix` raises ValueError saying so.
"""

from __future__ import annotations

import re
from typing import Any

from okrcoach.findings import Finding
from okrcoach.model import KPI, Cycle, KeyResult, Objective, Plan

FIXABLE_RULES = frozenset({"vague-target", "too-many-key-results", "duplicate-key-result", "missing-deadline", "kpi-as-okr"})

_REWRITE = re.compile(r"rewrite it as '(?P<skeleton>.+)'\s*$", re.DOTALL)
_MEASURE = re.compile(r"^Pick a measure of '(?P<measure>.+?)' and rewrite it as '")
_MAX = re.compile(r"\(max (\d+)\)")
_KEEP = re.compile(r"^Keep the (\d+) ")
# '<measure>', '<baseline>': the placeholders of a rewrite skeleton.
_ANGLE_PLACEHOLDER = re.compile(r"<[^<>\s][^<>]*>")
_LOWER_IS_BETTER = re.compile(r"\b(?:below|under|less than|fewer than|at most|no more than|max(?:imum)?|within)\b", re.IGNORECASE)


def fixable(finding: Finding, plan: Plan | None = None) -> bool:
    """Return True when okrcoach can apply this finding's fix mechanically.

    Given the plan, also check that the fix still applies to it (the subject is there and a
    vague key result is not already a skeleton waiting for its numbers).
    """
    if _reason_not_fixable(finding) is not None:
        return False
    if plan is None:
        return True
    try:
        _fix(plan, finding)
    except ValueError:
        return False
    return True


def describe(finding: Finding) -> str:
    """Return what applying the fix does, in plain words (for buttons and messages)."""
    reason = _reason_not_fixable(finding)
    if reason is not None:
        return reason
    if finding.rule == "vague-target":
        return f"Rewrite it as '{_skeleton(finding)}' (then fill in the <...> parts)"
    if finding.rule == "too-many-key-results":
        return f"Keep the first {_limit(finding)} key results and move the others to a backlog"
    if finding.rule == "duplicate-key-result":
        return "Remove this repeated key result"
    if finding.rule == "missing-deadline":
        return f"Set the plan's cycle to {current_quarter()}"
    return "Move this key result to the plan's KPIs (the numbers you watch)"


def apply_fix(plan: Plan, finding: Finding) -> Plan:
    """Return a new plan with the finding's fix applied; raise ValueError when it has none."""
    return apply_fix_with_removed(plan, finding)[0]


def apply_fix_with_removed(plan: Plan, finding: Finding) -> tuple[Plan, list[str]]:
    """Return the fixed plan and the titles of the key results the fix took out of it.

    too-many-key-results returns the key results moved to the backlog, duplicate-key-result the
    removed copy; the other fixes remove nothing (kpi-as-okr moves its key result to the KPIs).
    """
    reason = _reason_not_fixable(finding)
    if reason is not None:
        raise ValueError(reason)
    return _fix(plan, finding)


def current_quarter() -> str:
    """Return the label of the quarter that contains okrcoach.clock.today(), e.g. '2026-Q1'."""
    from okrcoach.clock import today

    day = today()
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _reason_not_fixable(finding: Finding) -> str | None:
    what = f"{finding.code} {finding.rule}"
    if finding.rule not in FIXABLE_RULES:
        return f"{what} has no automatic fix: change the plan as its suggestion says"
    if finding.rule == "vague-target":
        if finding.key_result is None or not finding.suggestion or not _REWRITE.search(finding.suggestion):
            return f"{what} has no rewrite to apply here: fill in the numbers as its suggestion says"
        measure = _MEASURE.search(finding.suggestion)
        if measure and _ANGLE_PLACEHOLDER.search(measure["measure"]):
            return f"{what}: the key result is already a rewrite skeleton: replace the <...> parts with your numbers"
    elif finding.rule == "too-many-key-results":
        if finding.objective is None or finding.key_result is not None:
            return f"{what} is not about an objective, so there is nothing to trim"
    elif finding.rule in {"duplicate-key-result"}:
        if finding.key_result is None:
            return f"{what} is not about a key result, so there is nothing to remove"
    elif finding.rule == "kpi-as-okr" and finding.key_result is None:
        return f"{what} on an objective has no automatic fix: move it to your KPIs by hand or rewrite it as a change"
    return None


def _fix(plan: Plan, finding: Finding) -> tuple[Plan, list[str]]:
    rule = finding.rule
    if rule == "missing-deadline":
        return plan.model_copy(update={"cycle": Cycle.model_validate(current_quarter())}), []
    if rule == "too-many-key-results":
        objective = _objective(plan, finding.objective)
        limit = _limit(finding)
        if len(objective.key_results) <= limit:
            raise ValueError(f"Objective {objective.id} already has {limit} key results or fewer: nothing to move")
        kept, removed = objective.key_results[:limit], objective.key_results[limit:]
        return _replace_objective(plan, objective.model_copy(update={"key_results": kept})), [kr.title for kr in removed]
    objective, key_result = _key_result(plan, finding.key_result)
    if rule == "vague-target":
        if _ANGLE_PLACEHOLDER.search(key_result.title):
            raise ValueError(
                f"Key result {key_result.id} is already a rewrite skeleton: replace the <...> parts with your numbers"
            )
        rewritten = _rewritten(key_result, _skeleton(finding))
        return _replace_key_result(plan, objective, key_result, rewritten), []
    if rule == "duplicate-key-result":
        return _without(plan, objective, key_result), [key_result.title]
    # kpi-as-okr on a key result
    fixed = _without(plan, objective, key_result)
    if key_result.kpi and any(kpi.id == key_result.kpi for kpi in plan.kpis):
        return fixed, []  # the KPI it watches is already on the dashboard
    return fixed.model_copy(update={"kpis": (*plan.kpis, _as_kpi(plan, objective, key_result))}), []


def _skeleton(finding: Finding) -> str:
    """Return the rewrite inside "rewrite it as '...'", with the measure filled when the suggestion names it."""
    suggestion = finding.suggestion or ""
    match = _REWRITE.search(suggestion)
    skeleton = match["skeleton"] if match else ""
    measure = _MEASURE.search(suggestion)
    if measure and not measure["measure"].endswith("…"):  # a shortened measure would write '…' into the plan
        skeleton = skeleton.replace("<measure>", measure["measure"], 1)
    return skeleton


def _rewritten(key_result: KeyResult, skeleton: str) -> KeyResult:
    """Return the key result with the skeleton as its title and the fields parsed from the old one cleared."""
    update: dict[str, Any] = {"title": skeleton}
    if "<measure>" in skeleton and key_result.statement.metric:
        # the suggestion shortened the measure: take it whole from the statement itself
        update["title"] = skeleton.replace("<measure>", key_result.statement.metric, 1)
    return key_result.model_copy(update=update)


def _limit(finding: Finding) -> int:
    for pattern, text in ((_MAX, finding.message), (_KEEP, finding.suggestion or "")):
        if match := pattern.search(text):
            return int(match[1])
    from okrcoach.settings import Settings

    return Settings().max_key_results


def _objective(plan: Plan, objective_id: str | None) -> Objective:
    for objective in plan.objectives:
        if objective.id == objective_id:
            return objective
    raise ValueError(f"Objective {objective_id} is not in the plan (it may have been changed or fixed already)")


def _key_result(plan: Plan, key_result_id: str | None) -> tuple[Objective, KeyResult]:
    for objective in plan.objectives:
        for key_result in objective.key_results:
            if key_result.id == key_result_id:
                return objective, key_result
    raise ValueError(f"Key result {key_result_id} is not in the plan (it may have been changed or fixed already)")


def _replace_objective(plan: Plan, new: Objective) -> Plan:
    objectives = tuple(new if objective.id == new.id else objective for objective in plan.objectives)
    return plan.model_copy(update={"objectives": objectives})


def _replace_key_result(plan: Plan, objective: Objective, old: KeyResult, new: KeyResult) -> Plan:
    key_results = tuple(new if kr.id == old.id else kr for kr in objective.key_results)
    return _replace_objective(plan, objective.model_copy(update={"key_results": key_results}))


def _without(plan: Plan, objective: Objective, key_result: KeyResult) -> Plan:
    key_results = tuple(kr for kr in objective.key_results if kr.id != key_result.id)
    return _replace_objective(plan, objective.model_copy(update={"key_results": key_results}))


def _as_kpi(plan: Plan, objective: Objective, key_result: KeyResult) -> KPI:
    """Return the KPI that watches what a steady-state key result keeps steady."""
    parsed = key_result.statement
    taken = {objective.id for objective in plan.objectives} | {kr.id for kr in plan.key_results} | {kpi.id for kpi in plan.kpis}
    kpi_id, number = f"{key_result.id}-kpi", 2
    while kpi_id in taken:
        kpi_id, number = f"{key_result.id}-kpi{number}", number + 1
    target = key_result.target if key_result.target is not None else (parsed.target.value if parsed.target else None)
    unit = key_result.unit or (parsed.target.unit if parsed.target else None) or parsed.unit
    return KPI.model_validate(
        {
            "id": kpi_id,
            "name": key_result.metric or parsed.metric or key_result.title,
            "description": f"Was key result {key_result.id}: {key_result.title}",
            "unit": unit,
            "direction": "lower" if _LOWER_IS_BETTER.search(key_result.title) else "higher",
            "target": target,
            "owner": key_result.owner or objective.owner,
            "team": objective.team,
        }
    )
