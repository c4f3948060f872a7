"""Run the enabled rules over a plan and collect their findings into a Report."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from okrcoach.findings import Finding, Severity, Violation
from okrcoach.model import KPI, KeyResult, Objective, Plan
from okrcoach.registry import REGISTRY, Rule, RuleRegistry
from okrcoach.context import Context
from okrcoach.settings import Settings

CRASH_CODE, CRASH_NAME = "X001", "rule-crashed"


def check(
    plan: Plan,
    settings: Settings | None = None,
    *,
    history: Any = None,
    registry: RuleRegistry = REGISTRY,
    strict: bool = False,
    progress: Any = None,
) -> Any:
    """Run every enabled rule over the plan and return the findings as a Report.

    A rule that raises does not stop the run: its error becomes an `X001 rule-crashed` finding
    and the other rules still report (with strict=True the error is raised instead, for tests).
    `progress`, if given, is called with each rule's name after it has run (for progress bars).
    """
    import okrcoach.rules  # noqa: F401  (registers the built-in rules)
    from okrcoach.check_report import Report

    settings = settings or Settings()
    rules = registry.select(settings.select, settings.ignore, preview=settings.preview)
    context = Context(plan, settings, history)
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(_run(rule, context, strict))
        if progress is not None:
            progress(rule.name)
    findings.sort(key=_order(plan))
    return Report(plan=plan, settings=settings, rules=rules, findings=tuple(findings))


def _run(rule: Rule, context: Context, strict: bool) -> Iterator[Finding]:
    severity = context.settings.severity.get(rule.name) or context.settings.severity.get(rule.code) or rule.severity
    try:
        for violation in _violations(rule, context):
            if not _ignored(violation.subject, rule, context):
                yield _finding(rule, severity, violation, context)
    except Exception as error:
        if strict:
            raise
        message = f"Rule {rule.code} {rule.name} failed and was skipped: {type(error).__name__}: {error}"
        crash = Violation(context.plan, message, "Report this to the okrcoach maintainers with the plan that caused it")
        yield _finding(Rule(CRASH_CODE, CRASH_NAME, "plan", Severity.ERROR, _never), Severity.ERROR, crash, context)


def _violations(rule: Rule, context: Context) -> Iterable[Violation]:
    plan = context.plan
    if rule.scope == "plan":
        yield from rule.check(plan, context)
    elif rule.scope == "objective":
        for objective in plan.objectives:
            yield from rule.check(objective, context)
    elif rule.scope == "key_result":
        for objective in plan.objectives:
            for key_result in objective.key_results:
                yield from rule.check(key_result, objective, context)
    elif rule.scope == "kpi":
        for kpi in plan.kpis:
            yield from rule.check(kpi, context)


def _ignored(subject: Any, rule: Rule, context: Context) -> bool:
    ignores = list(getattr(subject, "ignore", ()))
    if isinstance(subject, KeyResult):
        ignores += list(context.objective_of(subject).ignore)
    return any(item.rule.strip().lower() in {rule.code.lower(), rule.name, rule.family.lower()} for item in ignores)


def _finding(rule: Rule, severity: Severity, violation: Violation, context: Context) -> Finding:
    subject = violation.subject
    plan = context.plan
    objective_id = key_result_id = kpi_id = team = None
    if isinstance(subject, KeyResult):
        objective = context.objective_of(subject)
        objective_id, key_result_id, team = objective.id, subject.id, objective.team
    elif isinstance(subject, Objective):
        objective_id, team = subject.id, subject.team
    elif isinstance(subject, KPI):
        kpi_id, team = subject.id, subject.team
    origin = plan.origin(key_result_id or kpi_id or objective_id) if (key_result_id or kpi_id or objective_id) else None
    return Finding(
        code=rule.code,
        rule=rule.name,
        severity=severity,
        message=violation.message,
        suggestion=violation.suggestion,
        path=origin.source if origin else plan.source,
        line=origin.line if origin else None,
        pointer=origin.pointer if origin else "",
        objective=objective_id,
        key_result=key_result_id,
        kpi=kpi_id,
        team=team,
        fix=violation.fix,
    )


def _order(plan: Plan) -> Any:
    position = {objective.id: index for index, objective in enumerate(plan.objectives)}
    kr_position = {kr.id: index for index, kr in enumerate(plan.key_results)}
    kpi_position = {kpi.id: index for index, kpi in enumerate(plan.kpis)}

    def key(finding: Finding) -> tuple[Any, ...]:
        return (
            finding.path,
            position.get(finding.objective or "", -1),
            kr_position.get(finding.key_result or "", -1),
            kpi_position.get(finding.kpi or "", -1),
            finding.code,
        )

    return key


def _never(*args: Any) -> Iterator[Violation]:
    """Check for nothing: stands in for a rule that crashed."""
    return iter(())
