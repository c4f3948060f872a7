"""Hidden checks for exercise 6: the grader runs these; learners do not receive this file."""

from okrcoach.grading import checks

TEAM_OBJECTIVES = {
    "T1": "Turn first-time buyers into second-time buyers",
    "T2": "Cut the time customers wait for a reply",
    "T3": "Make product pages load fast on phones",
    "T4": "Ship every order within a day",
    "T5": "Win a web design award",
    "T6": "Help shoppers find the right refill quickly",
}
#: What each objective may align to: its pillar, or the company objective that carries that pillar.
ACCEPTED = {
    "T1": {"C2", "loyal-customers"},
    "T2": {"C3", "effortless-service"},
    "T3": {"C1", "grow-online-sales"},
    "T4": {"responsible-operations"},
    "T5": {None},
    "T6": {"C1", "grow-online-sales"},
}


def links_match_the_strategy(alignment):
    """Each objective links to the pillar (or company objective) it serves; the misfit links to nothing.

    Hint: Read each pillar's description: who benefits when the objective succeeds?
    """
    links = checks.mapping(alignment, ACCEPTED)
    wrong = [key for key, accepted in ACCEPTED.items() if links[key] not in accepted]
    details = [f"{key} ({checks.quote(TEAM_OBJECTIVES[key])}) does not serve {links[key] or 'nothing'}" for key in wrong]
    return checks.partial(len(ACCEPTED) - len(wrong), len(ACCEPTED), f"{len(ACCEPTED) - len(wrong)} of 6 links right", details)


def okrcoach_finds_no_dangling_link(alignment):
    """Every link names a pillar or objective that exists (okrcoach's misaligned-objective rule).

    Hint: Copy ids exactly as the plan spells them (grow-online-sales, C1, ...).
    """
    links = checks.mapping(alignment, ACCEPTED)
    team = {"team": "ecommerce", "objectives": [
        {"id": key, "title": TEAM_OBJECTIVES[key], "owner": "Ana Sousa", "aligns_to": links[key], "key_results": ["Raise a from 1 to 2", "Cut b from 2 to 1"]}
        for key in TEAM_OBJECTIVES if links[key] is not None
    ]}
    if not team["objectives"]:
        raise AssertionError("no objective is linked to anything")
    result = checks.plan_quality(team, ["misaligned-objective"], company="greencycle")
    found = len(result.findings)
    return checks.Result(1.0 if not found else 0.0, f"okrcoach finds {found} dangling link{'s' if found != 1 else ''}", result.details, result.findings)


def serves_effortless_service(new_okr):
    """The new objective serves the effortless-service pillar (directly or through C3).

    Hint: The pillar with a single team objective is effortless-service; the new objective should serve it.
    """
    objective = checks.mapping(new_okr, ["objectives"])["objectives"][0]
    links = objective.get("aligns_to")
    links = [links] if isinstance(links, str) else links or []
    assert set(links) & {"effortless-service", "C3"}, f"the objective aligns to {', '.join(map(str, links)) or 'nothing'}, not effortless-service or C3"
