"""The KPI side of okrcoach: the catalog, matching free text to it, choosing, pairing, targets, health.

>>> from okrcoach.kpis import find_kpi, match_kpi, pair, suggest_kpis, decompose

Names load lazily, so `import okrcoach.kpis` stays cheap.
"""

from __future__ import annotations

from okrcoach._lazy import lazy_exports

_EXPORTS = {
    "Catalog": "catalog", "CatalogKPI": "catalog", "catalog_path": "catalog", "default_catalog": "catalog",
    "load_catalog": "catalog", "Pairing": "choose", "Suggestion": "choose", "pair": "choose", "suggest_kpis": "choose",
    "Forecast": "health", "Health": "health", "Status": "health", "forecast": "health", "kpi_health": "health",
    "status": "health", "Match": "match", "Matcher": "match", "match_kpi": "match", "find_kpi": "match", "PeriodTarget": "targets",
    "decompose": "targets", "glide_path": "targets", "seasonal_profile": "targets",
}  # fmt: skip
__all__ = sorted(_EXPORTS)


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
