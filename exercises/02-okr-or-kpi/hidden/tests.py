"""Hidden checks for exercise 2: the grader runs these; learners do not receive this file."""

from okrcoach.grading import checks


def keeps_the_level(csat_kpi):
    """The KPI watches satisfaction at 80% or better, higher being better.

    Hint: The statement said "above 80%": the KPI's direction is higher and its target (or green threshold) at least 80.
    """
    import okrcoach

    data = checks.mapping(csat_kpi, ["name", "target", "direction"])
    plan = okrcoach.load({"cycle": "2026-Q1", "kpis": [{"id": "answer-kpi", **data}]})
    kpi = plan.kpis[0]
    problems = []
    if getattr(kpi.direction, "value", None) != "higher":
        problems.append("higher satisfaction is better, so the direction is 'higher'")
    green = kpi.thresholds.green if kpi.thresholds is not None and kpi.thresholds.green is not None else kpi.target
    if green is None or green < 80:
        problems.append(f"the level to keep is 80% or more, the KPI aims for {green}")
    return checks.partial(2 - len(problems), 2, "the KPI keeps the level" if not problems else "the KPI does not keep the level", problems)
