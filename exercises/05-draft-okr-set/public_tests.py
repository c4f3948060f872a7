"""Public checks for exercise 5: run them with `okrcoach check-exercise student.ipynb`."""

from okrcoach.grading import checks


def loads_in_greencycle(okrs):
    """The OKR set loads as part of GreenCycle's plan.

    Hint: Write okrs as a dict like an OKR file: {"team": "customer-support", "objectives": [{"title": ..., "key_results": [...]}]}.
    """
    checks.plan_quality(okrs, rules=["vague-target"], company="greencycle")


def one_to_three_objectives(okrs):
    """One to three objectives, each with two to five key results.

    Hint: A team does best with few objectives (Wodtke: one; Doerr: three to five for a whole company).
    """
    objectives = checks.mapping(okrs, ["objectives"])["objectives"]
    assert isinstance(objectives, list) and 1 <= len(objectives) <= 3, f"expected 1-3 objectives, got {checks.describe(objectives)}"
    for number, objective in enumerate(objectives, start=1):
        results = checks.mapping(objective, ["title", "key_results"])["key_results"]
        assert isinstance(results, list) and 2 <= len(results) <= 5, f"objective {number}: expected 2-5 key results, got {checks.describe(results)}"
