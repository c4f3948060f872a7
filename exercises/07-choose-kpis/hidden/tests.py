"""Hidden checks for exercise 7: the grader runs these; learners do not receive this file."""

from okrcoach.grading import checks


def pairs_are_counterweights(pairs):
    """Each pair is a counterweight pair in okrcoach's catalog (Andy Grove's pairing).

    Hint: okrcoach.kpis.pair(kpi).counterweights lists what guards a KPI: quantity with quality, reach with relevance.
    """
    from okrcoach.kpis import pair

    mapping = checks.mapping(pairs)
    assert mapping, "no pairs"
    good, details = 0, []
    for kpi, guard in mapping.items():
        try:
            forward = {item.id for item in pair(kpi).counterweights}
            backward = {item.id for item in pair(guard).counterweights}
        except (KeyError, LookupError, ValueError):
            details.append(f"{kpi} or {guard} is not a catalog KPI")
            continue
        if guard in forward or kpi in backward:
            good += 1
        else:
            details.append(f"{guard} does not guard {kpi} (its counterweights: {', '.join(sorted(forward)) or 'none recorded'})")
    return checks.partial(good, len(mapping), f"{good} of {len(mapping)} pairs are counterweights", details)


def lead_brand_awareness(brand_leading):
    """Each id is a leading indicator of brand awareness in the catalog.

    Hint: okrcoach.kpis.pair("brand-awareness").leading lists what moves before awareness does.
    """
    from okrcoach.kpis import pair

    ids = checks.texts(brand_leading, minimum=2, maximum=3)
    leading = {item.id for item in pair("brand-awareness").leading}
    right = [kpi for kpi in ids if kpi in leading]
    details = [f"{kpi} does not lead brand awareness" for kpi in ids if kpi not in leading]
    return checks.partial(len(right), len(ids), f"{len(right)} of {len(ids)} lead brand awareness", details)
