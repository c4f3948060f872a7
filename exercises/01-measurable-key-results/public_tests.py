"""Public checks for exercise 1: run them with `okrcoach check-exercise student.ipynb`.

Each function checks the answer named by its parameter (the variable set in the cell tagged
`answer:<name>`). The grader runs these and hidden checks, and gives points per check.
"""

from okrcoach.grading import checks


def four_rewrites(rewrites):
    """Four rewrites, one per vague key result, in the same order.

    Hint: Set rewrites to a list of four texts, e.g. ["Cut checkout abandonment from 71% to 62%", ...].
    """
    checks.texts(rewrites, count=4)


def each_has_a_target(rewrites):
    """Every rewrite has a target okrcoach can read.

    Hint: Put the number to reach in the sentence: "to 62%", "to 4 hours", "$60".
    """
    return checks.key_results_have_target(rewrites)


def four_rule_names(diagnosis):
    """Four okrcoach rule names, one per original key result.

    Hint: Rule names look like vague-target; `okrcoach rules` lists them all.
    """
    import okrcoach.rules  # noqa: F401  (registers the rules)
    from okrcoach.registry import REGISTRY

    names = checks.texts(diagnosis, count=4)
    known = {rule.name for rule in REGISTRY.select((), (), preview=True)}
    unknown = [name for name in names if name not in known]
    assert not unknown, f"not okrcoach rule names: {', '.join(unknown)}"
