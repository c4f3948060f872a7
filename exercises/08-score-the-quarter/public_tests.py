"""Public checks for exercise 8: run them with `okrcoach check-exercise student.ipynb`."""

from okrcoach.grading import checks

KEY_RESULTS = ("CS1.KR1", "CS1.KR2", "CS1.KR3", "CS2.KR1", "CS2.KR2")


def _grades(answer, keys):
    grades = checks.mapping(answer, keys)
    bad = [key for key in keys if not isinstance(grades[key], int | float) or isinstance(grades[key], bool) or not 0 <= grades[key] <= 1]
    assert not bad, f"grades run from 0.0 to 1.0: check {', '.join(bad)}"


def five_grades(kr_grades):
    """A grade from 0.0 to 1.0 for each of the five key results.

    Hint: Set kr_grades to {"CS1.KR1": 0.9, ...}; score_plan(plan, checkins).key_results has them.
    """
    _grades(kr_grades, KEY_RESULTS)


def two_objective_grades(objective_grades):
    """A grade from 0.0 to 1.0 for CS1 and CS2.

    Hint: Set objective_grades to {"CS1": ..., "CS2": ...}.
    """
    _grades(objective_grades, ("CS1", "CS2"))


def known_key_result_ids(at_risk):
    """A list of key result ids from the plan.

    Hint: Set at_risk to a list such as ["CS1.KR1"].
    """
    ids = at_risk if isinstance(at_risk, list) else None
    assert ids is not None, f"expected a list of key result ids, got {checks.describe(at_risk)}"
    unknown = [item for item in ids if item not in KEY_RESULTS]
    assert not unknown, f"not key result ids of the plan: {', '.join(map(str, unknown))}"


def three_parts(retrospective):
    """A retrospective with went_well, to_improve and next_quarter, none of them empty.

    Hint: retrospective = {"went_well": "...", "to_improve": "...", "next_quarter": ["key result", ...]}.
    """
    parts = checks.mapping(retrospective, ["went_well", "to_improve", "next_quarter"])
    empty = [key for key, value in parts.items() if key in ("went_well", "to_improve", "next_quarter") and not value]
    assert not empty, f"empty: {', '.join(empty)}"
