"""Public checks for exercise 3: run them with `okrcoach check-exercise student.ipynb`."""

from okrcoach.grading import checks


def two_to_five(leading_krs):
    """Two to five key results.

    Hint: Set leading_krs to a list of texts; 2-5 key results per objective is the usual advice.
    """
    checks.texts(leading_krs, minimum=2, maximum=5)


def nothing_lagging(leading_krs):
    """okrcoach's lagging-indicator rule finds nothing in the new key results.

    Hint: Surveys such as NPS, brand awareness and annual churn move months after the work; measure what leads them.
    """
    return checks.key_results_clean(leading_krs, rules=["lagging-indicator"], objective="Make GreenCycle the shop people come back to")


def three_catalog_ids(keep_as_kpis):
    """Three ids from the okrcoach KPI catalog.

    Hint: okrcoach.kpis.match_kpi("Net Promoter Score").id gives a catalog id.
    """
    from okrcoach.kpis import default_catalog

    ids = checks.texts(keep_as_kpis, count=3)
    unknown = [kpi for kpi in ids if kpi not in default_catalog()]
    assert not unknown, f"not in the KPI catalog: {', '.join(unknown)}"
