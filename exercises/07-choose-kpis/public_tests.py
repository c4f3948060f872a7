"""Public checks for exercise 7: run them with `okrcoach check-exercise student.ipynb`."""

from okrcoach.grading import checks


def _known(ids):
    from okrcoach.kpis import default_catalog

    unknown = [kpi for kpi in ids if kpi not in default_catalog()]
    assert not unknown, f"not in the KPI catalog: {', '.join(unknown)} (see okrcoach.kpis.default_catalog())"


def four_to_eight_catalog_ids(dashboard):
    """Four to eight KPI ids from the okrcoach catalog.

    Hint: Set dashboard to a list of catalog ids such as "email-open-rate".
    """
    _known(checks.texts(dashboard, minimum=4, maximum=8))


def two_pairs_of_ids(pairs):
    """At least two pairs of catalog ids, as {kpi: counterweight}.

    Hint: Set pairs to a dict such as {"website-visits": "...", ...}.
    """
    mapping = checks.mapping(pairs)
    assert len(mapping) >= 2, f"expected at least two pairs, got {len(mapping)}"
    _known(list(mapping) + checks.texts(list(mapping.values())))


def two_or_three_ids(brand_leading):
    """Two or three KPI ids from the catalog.

    Hint: Set brand_leading to a list of catalog ids.
    """
    _known(checks.texts(brand_leading, minimum=2, maximum=3))
