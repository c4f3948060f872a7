"""Public checks for exercise 6: run them with `okrcoach check-exercise student.ipynb`."""

from okrcoach.grading import checks

TEAM_OBJECTIVES = ("T1", "T2", "T3", "T4", "T5", "T6")


def six_links(alignment):
    """A dict with a link (an id, or None) for each of T1 to T6.

    Hint: Set alignment to {"T1": "C2", ...}; use None for an objective that serves nothing.
    """
    links = checks.mapping(alignment, TEAM_OBJECTIVES)
    odd = [key for key, value in links.items() if value is not None and not isinstance(value, str)]
    assert not odd, f"each link is an id (text) or None, not {checks.describe(links[odd[0]])}"


def one_objective_id(drop):
    """One of T1 to T6.

    Hint: Set drop to the id of one team objective, e.g. "T1".
    """
    assert drop in TEAM_OBJECTIVES, f"expected one of {', '.join(TEAM_OBJECTIVES)}, got {checks.describe(drop)}"


def one_objective(new_okr):
    """One objective with a title, aligns_to and two to five key results, for the e-commerce team.

    Hint: new_okr = {"team": "ecommerce", "objectives": [{"title": ..., "owner": ..., "aligns_to": ..., "key_results": [...]}]}.
    """
    objectives = checks.mapping(new_okr, ["objectives"])["objectives"]
    assert isinstance(objectives, list) and len(objectives) == 1, f"expected one objective, got {checks.describe(objectives)}"
    objective = checks.mapping(objectives[0], ["title", "aligns_to", "key_results"])
    checks.texts(objective["key_results"], minimum=2, maximum=5)
