"""Hidden checks for exercise 5: the grader runs these; learners do not receive this file."""

from okrcoach.grading import checks


def aligned_to_the_company(okrs):
    """Every objective aligns to a GreenCycle pillar or company objective.

    Hint: Set aligns_to on each objective: effortless-service or C3 are the natural homes for support.
    """
    import okrcoach

    plan = okrcoach.load_sample("greencycle")
    targets = {pillar.id for pillar in plan.strategy.pillars} | {objective.id for objective in plan.objectives if objective.team == "leadership"}
    objectives = checks.mapping(okrs, ["objectives"])["objectives"]
    assert isinstance(objectives, list) and objectives, "no objectives"
    aligned = []
    for objective in objectives:
        links = objective.get("aligns_to") if isinstance(objective, dict) else None
        links = [links] if isinstance(links, str) else links if isinstance(links, list) else []
        aligned.append(bool(links) and all(link in targets for link in links))
    details = [f"objective {number} is not aligned to a pillar or company objective ({', '.join(sorted(targets))})"
               for number, ok in enumerate(aligned, start=1) if not ok]
    return checks.partial(sum(aligned), len(aligned), f"{sum(aligned)} of {len(aligned)} objectives aligned", details)


def uses_support_metrics(okrs):
    """At least two key results are measured by customer-support KPIs from the catalog.

    Hint: Support moves response time, resolution time, backlog, first-contact resolution, reopen rate: measure those.
    """
    from okrcoach.kpis import match_kpi

    objectives = checks.mapping(okrs, ["objectives"])["objectives"]
    statements = [text for objective in objectives if isinstance(objective, dict) for text in objective.get("key_results", []) if isinstance(text, str)]
    matched = [text for text in statements if (kpi := match_kpi(text)) is not None and kpi.function in ("customer-support", "customer-success")]
    return checks.partial(min(len(matched), 2), 2, f"{len(matched)} key results measured by support KPIs")
