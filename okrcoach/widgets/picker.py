"""KPIPicker: browse the KPI catalog, see what pairs with a KPI, and build a small dashboard.

>>> from okrcoach.widgets import KPIPicker
>>> picker = KPIPicker("customer-support", objective="Answer customers faster")  # doctest: +SKIP
>>> picker                                                                       # doctest: +SKIP

Everything the widget shows comes from okrcoach functions (`suggest_kpis`, `pair`, the
catalog), and everything it does can be done from code, so notebooks and tests need no browser:

>>> picker.add("first-response-time", target=4)                                 # doctest: +SKIP
>>> picker.dashboard, picker.warnings                                           # doctest: +SKIP
>>> picker.to_kpis(team="customer-support")                                     # doctest: +SKIP

The dashboard follows David Parmenter's 10/80/10 advice (a team watches about ten key
performance indicators at most; `Settings().max_kpis`), and Andy Grove's pairing: a lagging
result is watched with the leading measures that move it, and a measure with a counterweight
that shows what pushing it costs.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

import ipywidgets as widgets

from okrcoach.kpis.catalog import FUNCTIONS, Catalog, CatalogKPI, default_catalog
from okrcoach.kpis.choose import Suggestion, pair, suggest_kpis
from okrcoach.kpis.match import Matcher, default_matcher, fold
from okrcoach.settings import Settings

__all__ = ["ALL", "FUNCTION_LABELS", "UNIT_LABELS", "KPIPicker"]

#: The value of the "all" choice in the function and indicator filters.
ALL = "all"

#: Plain-language names of the catalog's functions, for the function filter.
FUNCTION_LABELS = {
    "sales": "Sales",
    "marketing": "Marketing",
    "ecommerce": "E-commerce",
    "saas-product": "Software product (SaaS)",
    "customer-support": "Customer support",
    "customer-success": "Customer success",
    "engineering": "Engineering",
    "operations": "Operations",
    "hr": "People (HR)",
    "finance": "Finance",
    "manufacturing": "Manufacturing",
    "public-sector": "Public sector",
    "nonprofit": "Nonprofit",
}

#: The unit a catalog unit becomes on a plan's KPI ('currency' uses the `currency` argument).
UNIT_LABELS = {
    "percent": "%",
    "count": "count",
    "ratio": "ratio",
    "minutes": "minutes",
    "hours": "hours",
    "days": "days",
    "score": "score",
    "points": "points",
    "rate": "rate",
}

_FUZZY_MIN = 0.3  # a search hit found by meaning (not by name) must score at least this
_RED, _AMBER, _GREY = "#c62828", "#ef6c00", "#616161"


def _e(value: Any) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


class KPIPicker(widgets.VBox):
    """Find catalog KPIs for a team or an objective and collect a dashboard of them with targets.

    Filters: the team's function, leading or lagging, a search box (names and synonyms), an
    objective text (ranks the list by how well each KPI fits it), and "hide vanity metrics".
    Selecting a KPI shows what it measures and what to watch with it; "Add" puts it on the
    dashboard, where each KPI gets a target. Warnings appear when the dashboard has more than
    `Settings().max_kpis` KPIs, or no leading KPI.
    """

    def __init__(
        self,
        function: str | None = None,
        *,
        objective: str = "",
        team: str = "",
        catalog: Catalog | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.catalog = catalog or default_catalog()
        self.team = team or ""
        self.max_kpis = (settings or Settings()).max_kpis
        chosen = function or ALL
        if chosen != ALL and chosen not in FUNCTIONS:
            raise ValueError(f"unknown function {function!r}: expected one of {', '.join(FUNCTIONS)} (or None for all)")
        self._matcher = default_matcher() if self.catalog is default_catalog() else Matcher(self.catalog)
        self._words = {kpi.id: [set(fold(phrase)) for phrase in kpi.phrases] for kpi in self.catalog}
        self._suggestions: dict[str, Suggestion] = {}
        self._results: list[str] = []
        self._selected: str | None = None
        self._dashboard: dict[str, float | None] = {}
        self._syncing = False

        # --- filters ---
        self.function_filter = widgets.Dropdown(
            options=[("All functions", ALL), *((FUNCTION_LABELS.get(name, name), name) for name in FUNCTIONS)],
            value=chosen,
            description="Function",
            tooltip="The kind of team the KPIs are for",
        )
        self.indicator_filter = widgets.ToggleButtons(
            options=[("All", ALL), ("Leading", "leading"), ("Lagging", "lagging")],
            value=ALL,
            description="Show",
            tooltips=[
                "Leading and lagging KPIs",
                "Leading: move within days or weeks of the work, so a team can steer with them",
                "Lagging: show results after the fact (often months later)",
            ],
            style={"button_width": "90px"},
        )
        self.objective_box = widgets.Text(
            value=objective or "",
            description="Objective",
            placeholder="Optional: paste your objective to rank KPIs by how well they fit it",
            layout=widgets.Layout(width="95%"),
        )
        self.search_box = widgets.Text(
            value="",
            description="Search",
            placeholder="A KPI name or words, e.g. response time",
            layout=widgets.Layout(width="60%"),
        )
        self.hide_vanity = widgets.Checkbox(
            value=True,
            description="Hide vanity metrics",
            indent=False,
            tooltip="Vanity metrics look good but inform no decision (followers, page views)",
        )
        self.result_count = widgets.HTML()
        self.result_list = widgets.Select(options=[], rows=10, description="KPIs", layout=widgets.Layout(width="95%"))

        # --- the selected KPI ---
        self.details = widgets.HTML()
        self.add_button = widgets.Button(description="Add to my dashboard", button_style="success", icon="plus",
                                         disabled=True, tooltip="Put the selected KPI on your dashboard",
                                         layout=widgets.Layout(width="auto"))  # fmt: skip
        self.add_button.on_click(lambda _: self._add_selected())
        self.pair_box = widgets.VBox()

        # --- the dashboard ---
        self.dashboard_title = widgets.HTML()
        self.dashboard_box = widgets.VBox()
        self.warning_html = widgets.HTML()
        self.dashboard_rows: dict[str, dict[str, widgets.Widget]] = {}

        for control in (self.function_filter, self.indicator_filter, self.objective_box, self.search_box, self.hide_vanity):
            control.observe(self._on_filter, names="value")
        self.result_list.observe(self._on_pick, names="value")

        self.children = [
            widgets.HTML("<b>1. Find KPIs</b>"),
            self.function_filter,
            self.indicator_filter,
            self.objective_box,
            widgets.HBox([self.search_box, self.hide_vanity]),
            self.result_count,
            self.result_list,
            widgets.HTML("<b>2. Look at one</b>"),
            self.details,
            self.add_button,
            self.pair_box,
            widgets.HTML("<b>3. Your dashboard</b>"),
            self.dashboard_title,
            self.dashboard_box,
            self.warning_html,
        ]
        self._refresh_results()
        self._refresh_details()
        self._refresh_dashboard()

    def __repr__(self) -> str:
        return f"<KPIPicker: {len(self._results)} KPIs listed, {len(self._dashboard)} on the dashboard>"

    # ------------------------------------------------------------------ public API

    @property
    def results(self) -> list[str]:
        """Return the catalog ids the list shows now, best first."""
        return list(self._results)

    @property
    def selected(self) -> str | None:
        """Return the id of the KPI whose details are shown, or None."""
        return self._selected

    @property
    def dashboard(self) -> list[tuple[str, float | None]]:
        """Return the chosen KPIs as (catalog id, target or None), in the order they were added."""
        return list(self._dashboard.items())

    @property
    def warnings(self) -> list[str]:
        """Return what is wrong with the dashboard, in plain words (empty when nothing is)."""
        return dashboard_warnings([self.catalog[kpi_id] for kpi_id in self._dashboard], self.max_kpis, self.catalog)

    def select(self, kpi_id: str) -> None:
        """Show the details and pairs of one catalog KPI (it need not be in the current list)."""
        kpi = self._kpi(kpi_id)
        self._selected = kpi.id
        if kpi.id in self._results and self.result_list.value != kpi.id:
            self._syncing = True
            try:
                self.result_list.value = kpi.id
            finally:
                self._syncing = False
        self._refresh_details()

    def add(self, kpi_id: str, target: float | None = None) -> None:
        """Put a catalog KPI on the dashboard (or, if it is there, set its target when one is given)."""
        kpi = self._kpi(kpi_id)
        if target is not None:
            target = float(target)
        if kpi.id in self._dashboard:
            if target is not None:
                self._dashboard[kpi.id] = target
                self._set_target_widget(kpi.id, target)
            self._refresh_dashboard(rebuild=False)
            return
        self._dashboard[kpi.id] = target
        self._refresh_dashboard()
        self._refresh_details()

    def remove(self, kpi_id: str) -> None:
        """Take a KPI off the dashboard."""
        if kpi_id not in self._dashboard:
            raise KeyError(f"{kpi_id!r} is not on the dashboard (it has: {', '.join(self._dashboard) or 'nothing yet'})")
        del self._dashboard[kpi_id]
        self._refresh_dashboard()
        self._refresh_details()

    def to_kpis(self, team: str | None = None, *, currency: str = "USD") -> list[Any]:
        """Return the dashboard as okrcoach.model.KPI objects, ready to put in a plan.

        `team` defaults to the picker's team; catalog units become readable ones ('%' for
        percent, `currency` for money).
        """
        from okrcoach.model import KPI

        owner_team = self.team if team is None else team
        kpis = []
        for kpi_id, target in self._dashboard.items():
            kpi = self.catalog[kpi_id]
            kpis.append(KPI(
                id=kpi.id,
                name=kpi.name,
                description=kpi.description or None,
                unit=currency if kpi.unit == "currency" else UNIT_LABELS.get(kpi.unit, kpi.unit),
                direction=kpi.direction,
                target=target,
                team=owner_team or None,
                formula=kpi.formula or None,
                cadence=kpi.cadence or None,
                catalog_id=kpi.id,
            ))  # fmt: skip
        return kpis

    def to_plan_dict(self, team: str | None = None, *, currency: str = "USD") -> dict[str, Any]:
        """Return {'kpis': [...]} as plain data, the `kpis:` section of a plan file."""
        from okrcoach.writers.data import kpi_to_data

        return {"kpis": [kpi_to_data(kpi) for kpi in self.to_kpis(team, currency=currency)]}

    # ------------------------------------------------------------------ events

    def _on_filter(self, change: dict[str, Any]) -> None:
        self._refresh_results()

    def _on_pick(self, change: dict[str, Any]) -> None:
        if self._syncing or change["new"] is None:
            return
        self._selected = change["new"]
        self._refresh_details()

    def _add_selected(self) -> None:
        if self._selected is not None:
            self.add(self._selected)

    def _on_target(self, kpi_id: str, change: dict[str, Any]) -> None:
        if self._syncing or kpi_id not in self._dashboard:
            return
        self._dashboard[kpi_id] = float(change["new"])
        self._refresh_dashboard(rebuild=False)

    # ------------------------------------------------------------------ results

    def _kpi(self, kpi_id: str) -> CatalogKPI:
        kpi = self.catalog.get(kpi_id)
        if kpi is None:
            raise KeyError(f"no KPI {kpi_id!r} in the catalog: use an id from the list, e.g. {next(iter(self.catalog)).id!r}")
        return kpi

    def _ranked(self) -> list[CatalogKPI]:
        function = self.function_filter.value
        objective = " ".join(self.objective_box.value.split())
        include_vanity = not self.hide_vanity.value
        self._suggestions = {}
        if function != ALL or objective:
            found = suggest_kpis(
                None if function == ALL else function,
                objective or None,
                limit=len(self.catalog),
                include_vanity=include_vanity,
                catalog=self.catalog,
            )
            self._suggestions = {item.kpi.id: item for item in found}
            return [item.kpi for item in found]
        return [kpi for kpi in self.catalog if include_vanity or not kpi.vanity]

    def _search(self, kpis: list[CatalogKPI], query: str) -> list[CatalogKPI]:
        text = " ".join(query.lower().split())
        if not text:
            return kpis
        words = set(fold(text))
        named = [
            kpi for kpi in kpis
            if text in kpi.id or any(text in phrase for phrase in kpi.phrases)
            or (words and any(words <= phrase for phrase in self._words[kpi.id]))
        ]  # fmt: skip
        shown = {kpi.id for kpi in named}
        allowed = {kpi.id for kpi in kpis}
        close = [hit.kpi for hit in self._matcher.rank(text, limit=len(self.catalog))
                 if hit.score >= _FUZZY_MIN and hit.kpi.id in allowed and hit.kpi.id not in shown]  # fmt: skip
        return named + close

    def _refresh_results(self) -> None:
        kind = self.indicator_filter.value
        kpis = [kpi for kpi in self._ranked() if kind == ALL or kpi.indicator_type == kind]
        kpis = self._search(kpis, self.search_box.value)
        self._results = [kpi.id for kpi in kpis]
        options = [(f"{kpi.name}  ({kpi.indicator_type}, {kpi.unit})", kpi.id) for kpi in kpis]
        self._syncing = True
        try:
            self.result_list.options = options
            self.result_list.value = self._selected if self._selected in self._results else None
        finally:
            self._syncing = False
        self.result_count.value = self._count_html()

    def _count_html(self) -> str:
        count = len(self._results)
        if count:
            ranked = " Best fit first." if self._suggestions else ""
            return f"<span style='color:{_GREY}'>{count} KPI{'s' if count != 1 else ''} found.{ranked} Click one to see it.</span>"
        hints = []
        if self.function_filter.value != ALL:
            hints.append("choose 'All functions'")
        if self.search_box.value.strip():
            hints.append("use fewer or other search words")
        if self.indicator_filter.value != ALL:
            hints.append("show all indicator types")
        if self.hide_vanity.value:
            hints.append("untick 'Hide vanity metrics'")
        tip = f" Try to {', or '.join(hints)}." if hints else ""
        return f"<span style='color:{_AMBER}'>No KPI matches these filters.{_e(tip)}</span>"

    # ------------------------------------------------------------------ details and pairs

    def _refresh_details(self) -> None:
        kpi = self.catalog.get(self._selected)
        if kpi is None:
            self.details.value = f"<span style='color:{_GREY}'>Select a KPI in the list to see what it measures.</span>"
            self.add_button.disabled = True
            self.pair_box.children = ()
            return
        self.details.value = kpi_details_html(kpi, self._suggestions.get(kpi.id))
        on_board = kpi.id in self._dashboard
        self.add_button.disabled = on_board
        self.add_button.description = "On your dashboard" if on_board else "Add to my dashboard"
        self.pair_box.children = tuple(self._pair_rows(kpi))

    def _pair_rows(self, kpi: CatalogKPI) -> list[widgets.Widget]:
        pairing = pair(kpi, catalog=self.catalog)
        rows: list[widgets.Widget] = []
        groups = (
            ("Leading indicators that show it coming (they move sooner)", pairing.leading),
            ("Counterweights that show what pushing it costs", pairing.counterweights),
        )
        for heading, kpis in groups:
            if not kpis:
                continue
            rows.append(widgets.HTML(f"<i>{_e(heading)}</i>"))
            for other in kpis:
                rows.append(self._pair_row(other))
        if not rows:
            rows.append(widgets.HTML(f"<span style='color:{_GREY}'>The catalog lists no leading indicator or counterweight for it.</span>"))
        else:
            rows.insert(0, widgets.HTML(f"<b>Watch it with</b><br><span style='color:{_GREY}'>{_e(pairing.explanation)}</span>"))
        return rows

    def _pair_row(self, kpi: CatalogKPI) -> widgets.Widget:
        on_board = kpi.id in self._dashboard
        button = widgets.Button(
            description="Added" if on_board else "Add",
            disabled=on_board,
            icon="check" if on_board else "plus",
            tooltip=f"Put {kpi.name} on your dashboard",
            layout=widgets.Layout(width="90px"),
        )
        button.kpi_id = kpi.id  # type: ignore[attr-defined]  # lets tests and notebooks find the button's KPI
        button.on_click(lambda _, kpi_id=kpi.id: self.add(kpi_id))
        label = widgets.HTML(f"{_e(kpi.name)} <span style='color:{_GREY}'>({_e(kpi.indicator_type)}, {_e(kpi.id)})</span>")
        return widgets.HBox([button, label])

    @property
    def pair_buttons(self) -> dict[str, widgets.Button]:
        """Return the "Add" buttons of the selected KPI's pairs, by catalog id."""
        found = {}
        for row in self.pair_box.children:
            if isinstance(row, widgets.HBox) and row.children and hasattr(row.children[0], "kpi_id"):
                found[row.children[0].kpi_id] = row.children[0]
        return found

    # ------------------------------------------------------------------ dashboard

    def _set_target_widget(self, kpi_id: str, target: float) -> None:
        row = self.dashboard_rows.get(kpi_id)
        if row is None:
            return
        self._syncing = True
        try:
            row["target"].value = target
        finally:
            self._syncing = False

    def _dashboard_row(self, kpi_id: str) -> widgets.Widget:
        kpi = self.catalog[kpi_id]
        target = self._dashboard[kpi_id]
        unit = "" if kpi.unit in ("count", "score", "ratio", "rate", "points") else f" ({kpi.unit})"
        better = "higher is better" if kpi.direction == "higher" else "lower is better"
        name = widgets.HTML(
            f"<b>{_e(kpi.name)}</b> <span style='color:{_GREY}'>{_e(kpi.indicator_type)}, {_e(better)}</span>",
            layout=widgets.Layout(width="45%"),
        )
        box = widgets.FloatText(value=0.0 if target is None else target, description=f"Target{unit}",
                                style={"description_width": "initial"}, layout=widgets.Layout(width="30%"))  # fmt: skip
        box.observe(lambda change, kpi_id=kpi_id: self._on_target(kpi_id, change), names="value")
        state = widgets.HTML(layout=widgets.Layout(width="10%"))
        remove = widgets.Button(description="Remove", icon="times", tooltip=f"Take {kpi.name} off the dashboard",
                                layout=widgets.Layout(width="100px"))  # fmt: skip
        remove.on_click(lambda _, kpi_id=kpi_id: self.remove(kpi_id))
        self.dashboard_rows[kpi_id] = {"target": box, "remove": remove, "state": state}
        return widgets.HBox([name, box, state, remove])

    def _refresh_dashboard(self, *, rebuild: bool = True) -> None:
        if rebuild:
            self.dashboard_rows = {}
            self.dashboard_box.children = tuple(self._dashboard_row(kpi_id) for kpi_id in self._dashboard)
        for kpi_id, row in self.dashboard_rows.items():
            missing = self._dashboard.get(kpi_id) is None
            row["state"].value = f"<span style='color:{_AMBER}'>no target yet</span>" if missing else ""
        kpis = [self.catalog[kpi_id] for kpi_id in self._dashboard]
        leading = sum(kpi.leading for kpi in kpis)
        if kpis:
            self.dashboard_title.value = (
                f"{len(kpis)} KPI{'s' if len(kpis) != 1 else ''} on your dashboard "
                f"({leading} leading, {len(kpis) - leading} lagging). Type a target for each."
            )
        else:
            self.dashboard_title.value = f"<span style='color:{_GREY}'>Nothing yet: select a KPI and press 'Add to my dashboard'.</span>"
        problems = self.warnings
        self.warning_html.value = "".join(f"<div style='color:{_RED}'>&#9888; {_e(text)}</div>" for text in problems)


def kpi_details_html(kpi: CatalogKPI, suggestion: Suggestion | None = None) -> str:
    """Return a catalog KPI's card as HTML (every catalog text escaped)."""
    if kpi.leading:
        timing = f"Leading: a change shows within {kpi.delay} of the work, so a team can steer with it."
    else:
        timing = f"Lagging: a change shows only after {kpi.delay}; pair it with leading indicators."
    rows = [
        ("What it measures", kpi.description),
        ("How it is calculated", kpi.formula),
        ("Unit", kpi.unit),
        ("Good direction", "higher is better" if kpi.direction == "higher" else "lower is better"),
        ("Leading or lagging", timing),
        ("Measured", kpi.cadence),
        ("Function", FUNCTION_LABELS.get(kpi.function, kpi.function)),
        ("Source", kpi.source),
    ]
    if suggestion is not None:
        rows.insert(0, ("Why it is suggested", "; ".join(suggestion.reasons)))
    body = "".join(
        f"<tr><th style='text-align:left;padding-right:1em;vertical-align:top'>{_e(label)}</th><td>{_e(value)}</td></tr>"
        for label, value in rows if value
    )  # fmt: skip
    vanity = (
        f"<div style='color:{_RED}'>&#9888; A vanity metric: it can look good while the business does not improve.</div>"
        if kpi.vanity else ""
    )  # fmt: skip
    return f"<div><b>{_e(kpi.name)}</b> <code>{_e(kpi.id)}</code>{vanity}<table>{body}</table></div>"


def dashboard_warnings(kpis: Iterable[CatalogKPI], max_kpis: int = 10, catalog: Catalog | None = None) -> list[str]:
    """Return plain-language warnings about a set of dashboard KPIs.

    Too many (more than `max_kpis`: Parmenter's 10/80/10), none leading (a team cannot steer by
    results that show months later), and vanity metrics.
    """
    kpis = list(kpis)
    found = []
    if len(kpis) > max_kpis:
        found.append(
            f"Your dashboard has {len(kpis)} KPIs; keep it to {max_kpis} or fewer (Parmenter's 10/80/10 rule). "
            "Remove the ones that do not change a decision."
        )
    if kpis and not any(kpi.leading for kpi in kpis):
        ideas: list[str] = []
        for kpi in kpis:
            for other in kpi.leading_alternatives:
                if other not in ideas:
                    ideas.append(other)
        names = [catalog[other].name if catalog is not None and other in catalog else other for other in ideas[:3]]
        hint = f", for example {', '.join(names)}" if names else ""
        found.append(
            "None of your KPIs is leading: they all show results after the fact. "
            f"Add one that moves within weeks of the work{hint}."
        )
    vanity = [kpi.name for kpi in kpis if kpi.vanity]
    if vanity:
        found.append(f"Vanity metric{'s' if len(vanity) != 1 else ''} on the dashboard: {', '.join(vanity)}. "
                     "Keep a KPI only if a change in it would change what you do.")  # fmt: skip
    return found
