"""Choosing KPIs: rank catalog KPIs for a function or an objective, and pair indicators.

Pairing follows Andy Grove (*High Output Management*, 1983): watch an indicator together with
one that shows its cost, so that pushing the first does not quietly damage the second
(quantity with quality, speed with accuracy); and follow each lagging result with the leading
measures a team can move this quarter (docs/methodology.md).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from okrcoach.kpis.catalog import FUNCTIONS, Catalog, CatalogKPI, default_catalog
from okrcoach.kpis.match import Matcher, default_matcher


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A catalog KPI proposed for a team or an objective, with its score (0-1) and reasons."""

    kpi: CatalogKPI
    score: float
    reasons: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Pairing:
    """A KPI's counterparts: leading indicators that move it, and counterweights that guard it."""

    kpi: CatalogKPI
    leading: tuple[CatalogKPI, ...]
    counterweights: tuple[CatalogKPI, ...]

    @property
    def explanation(self) -> str:
        """Return one sentence saying why these counterparts belong with the KPI."""
        parts = []
        if self.leading:
            names = ", ".join(kpi.name for kpi in self.leading)
            parts.append(f"{self.kpi.name} is {self.kpi.indicator_type} (changes show after {self.kpi.delay}); "
                         f"watch {names} to see it coming")  # fmt: skip
        if self.counterweights:
            names = ", ".join(kpi.name for kpi in self.counterweights)
            parts.append(f"pair it with {names} so that pushing it does not hurt what they measure")
        return "; ".join(parts) + "." if parts else f"{self.kpi.name} has no recorded counterparts in the catalog."


def suggest_kpis(
    function: str | None = None,
    objective: str | None = None,
    *,
    limit: int = 10,
    include_vanity: bool = False,
    catalog: Catalog | None = None,
) -> list[Suggestion]:
    """Return catalog KPIs ranked for a team's function and/or an objective's text, best first.

    A KPI scores for belonging to the function, for sharing rare words with the objective (its
    name, synonyms and description), and a little for being leading (it moves within the
    cycle). Vanity metrics are left out unless `include_vanity` is set.

    >>> [s.kpi.id for s in suggest_kpis("customer-support", "Make getting help effortless", limit=3)]  # doctest: +SKIP
    """
    if function is None and not objective:
        raise ValueError("give a function, an objective, or both")
    catalog = catalog or default_catalog()
    if function is not None and function not in FUNCTIONS:
        raise ValueError(f"unknown function {function!r}: expected one of {', '.join(FUNCTIONS)}")
    relevance = _relevance(objective, catalog) if objective else {}
    links = _links(catalog)
    most_links = max(links.values(), default=0) or 1
    ranked = []
    for kpi in catalog:
        if kpi.vanity and not include_vanity:
            continue
        in_function = function is not None and kpi.function == function
        close = relevance.get(kpi.id, 0.0)
        if (function is not None and not in_function and close < 0.5) or (objective and not close and not in_function):
            continue
        connected = links.get(kpi.id, 0) / most_links
        if objective:
            score = 0.45 * in_function + 0.35 * close + 0.1 * kpi.leading + 0.1 * connected
        else:
            score = 0.7 * in_function + 0.15 * kpi.leading + 0.15 * connected
        reasons = []
        if in_function:
            reasons.append(f"a {function} KPI")
        if close:
            reasons.append(f"close to the objective ({close:.0%})")
        reasons.append(f"{kpi.indicator_type}: a change shows after {kpi.delay}")
        if links.get(kpi.id):
            reasons.append(f"named by {links[kpi.id]} other KPI{'s' if links[kpi.id] != 1 else ''} as a driver or counterweight")
        ranked.append(Suggestion(kpi, round(min(score, 1.0), 3), tuple(reasons)))
    ranked.sort(key=lambda item: (-item.score, item.kpi.id))
    return ranked[:limit]


def pair(kpi: str | CatalogKPI, *, catalog: Catalog | None = None) -> Pairing:
    """Return a KPI's counterpart indicators: leading ones for a lagging KPI, and counterweights.

    `kpi` may be a catalog KPI, its id, or free text naming it ("time to first reply").
    Counterweights are read both ways: if A guards B, B also guards A.
    """
    catalog = catalog or default_catalog()
    found = resolve_kpi(kpi, catalog)
    leading = tuple(catalog[other] for other in found.leading_alternatives)
    guards = [catalog[other] for other in found.counterweights]
    guards += [other for other in catalog if found.id in other.counterweights and other not in guards]
    return Pairing(found, leading, tuple(guards))


def resolve_kpi(kpi: Any, catalog: Catalog | None = None) -> CatalogKPI:
    """Return the catalog KPI named by a KPI, a Match, its id, or free text; raise KeyError when none fits."""
    catalog = catalog or default_catalog()
    if isinstance(kpi, CatalogKPI):
        return kpi
    if hasattr(kpi, "kpi") and isinstance(kpi.kpi, CatalogKPI):  # a Match from find_kpi
        return kpi.kpi
    if kpi in catalog:
        return catalog[kpi]
    matcher = default_matcher() if catalog is default_catalog() else Matcher(catalog)
    hit = matcher.match(kpi)
    if hit is None:
        raise KeyError(f"no catalog KPI matches {kpi!r}")
    return hit.kpi


def _relevance(text: str, catalog: Catalog) -> dict[str, float]:
    """Return, per KPI, how close its name and documentation are to a text (0-1)."""
    matcher = default_matcher() if catalog is default_catalog() else Matcher(catalog)
    scores = {hit.kpi.id: min(hit.score, 1.0) for hit in matcher.rank(text, limit=len(catalog))}
    for hit in matcher.find_all(text):
        scores[hit.kpi.id] = 1.0
    return scores


@cache
def _links(catalog: Catalog) -> dict[str, int]:
    """Return how often each KPI is named by others as a leading alternative or counterweight."""
    counts: Counter[str] = Counter()
    for kpi in catalog:
        counts.update(kpi.leading_alternatives)
        counts.update(kpi.counterweights)
    return dict(counts)
