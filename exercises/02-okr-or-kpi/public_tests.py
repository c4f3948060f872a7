"""Public checks for exercise 2: run them with `okrcoach check-exercise student.ipynb`."""

from okrcoach.grading import checks


def ten_labels(labels):
    """Ten labels, each "OKR" or "KPI".

    Hint: Set labels to a list such as ["OKR", "KPI", ...], one per statement, in order.
    """
    items = checks.texts(labels, count=10)
    wrong = [item for item in items if item.strip().upper() not in ("OKR", "KPI")]
    assert not wrong, f"labels must be OKR or KPI, not {', '.join(map(repr, wrong[:3]))}"


def kpi_has_the_basics(csat_kpi):
    """The KPI is a dict with a name, a target and a direction.

    Hint: Write it like an entry of the kpis section of an OKR file: {"name": ..., "target": ..., "direction": "higher", ...}.
    """
    checks.mapping(csat_kpi, ["name", "target", "direction"])
