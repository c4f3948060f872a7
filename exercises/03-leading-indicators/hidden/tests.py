"""Hidden checks for exercise 3: the grader runs these; learners do not receive this file."""

from okrcoach.grading import checks

LAGGING = [
    "Raise Net Promoter Score from 38 to 50",
    "Increase aided brand awareness from 12% to 18%",
    "Reduce annual customer churn from 30% to 24%",
]


def the_lagging_three(keep_as_kpis):
    """The KPIs to keep are the catalog KPIs the three lagging key results measured, in order.

    Hint: Match each original key result to the catalog (okrcoach.kpis.match_kpi) and keep those as KPIs.
    """
    from okrcoach.kpis import match_kpi

    ids = checks.texts(keep_as_kpis, count=3)
    expected = [match_kpi(text).id for text in LAGGING]
    right = [given == wanted for given, wanted in zip(ids, expected)]
    details = [f"{checks.quote(text)} is measured by another KPI than {given}" for text, given, ok in zip(LAGGING, ids, right) if not ok]
    return checks.partial(sum(right), 3, f"{sum(right)} of 3 KPIs match", details)
