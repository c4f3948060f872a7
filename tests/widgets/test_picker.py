"""KPIPicker without a browser: set the filter widgets, click the buttons, read the state."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

from okrcoach.kpis.catalog import Catalog, CatalogKPI, default_catalog  # noqa: E402
from okrcoach.kpis.choose import suggest_kpis  # noqa: E402
from okrcoach.model import KPI, Plan  # noqa: E402
from okrcoach.settings import Settings  # noqa: E402
from okrcoach.widgets import KPIPicker  # noqa: E402

CATALOG = default_catalog()


def lagging_ids(count: int) -> list[str]:
    return [kpi.id for kpi in CATALOG if not kpi.leading and not kpi.vanity][:count]


def leading_ids(count: int) -> list[str]:
    return [kpi.id for kpi in CATALOG if kpi.leading and not kpi.vanity][:count]


def test_a_function_ranks_the_list_with_suggest_kpis() -> None:
    picker = KPIPicker("customer-support")
    assert picker.function_filter.value == "customer-support"
    expected = [item.kpi.id for item in suggest_kpis("customer-support", limit=len(CATALOG))]
    assert picker.results == expected
    assert all(CATALOG[kpi_id].function == "customer-support" for kpi_id in picker.results)
    assert [value for _, value in picker.result_list.options] == picker.results


def test_changing_the_function_dropdown_changes_the_list() -> None:
    picker = KPIPicker()
    assert picker.function_filter.value == "all"
    assert len(picker.results) == sum(1 for kpi in CATALOG if not kpi.vanity)
    picker.function_filter.value = "sales"
    assert picker.results and all(CATALOG[kpi_id].function == "sales" for kpi_id in picker.results)
    assert len(picker.function_filter.options) == 14  # 13 functions and "all"


def test_an_objective_ranks_related_kpis_first() -> None:
    picker = KPIPicker("customer-support")
    picker.objective_box.value = "Answer customers faster and fix more issues on first contact"
    assert {"first-response-time", "first-contact-resolution-rate"} <= set(picker.results[:6])
    picker.select(picker.results[0])
    assert "Why it is suggested" in picker.details.value


def test_leading_and_lagging_toggle() -> None:
    picker = KPIPicker("marketing")
    picker.indicator_filter.value = "lagging"
    assert picker.results and all(not CATALOG[kpi_id].leading for kpi_id in picker.results)
    picker.indicator_filter.value = "leading"
    assert picker.results and all(CATALOG[kpi_id].leading for kpi_id in picker.results)


def test_vanity_metrics_are_hidden_until_the_box_is_unticked() -> None:
    picker = KPIPicker("marketing")
    assert picker.hide_vanity.value is True
    assert "social-media-followers" not in picker.results
    picker.hide_vanity.value = False
    assert "social-media-followers" in picker.results


def test_search_matches_names_synonyms_and_plurals() -> None:
    picker = KPIPicker()
    picker.search_box.value = "time to first reply"  # a synonym
    assert picker.results[0] == "first-response-time"
    picker.search_box.value = "Tickets"  # plural, capitalised
    assert "ticket-backlog" in picker.results
    picker.search_box.value = "zzzz nothing like this"
    assert picker.results == []
    assert "No KPI matches" in picker.result_count.value


def test_selecting_a_kpi_shows_its_details_and_pairs() -> None:
    picker = KPIPicker()
    picker.search_box.value = "net promoter"
    picker.result_list.value = "net-promoter-score"
    kpi = CATALOG["net-promoter-score"]
    assert picker.selected == "net-promoter-score"
    text = picker.details.value
    assert "Lagging" in text and kpi.delay in text
    for part in (kpi.description, kpi.formula, kpi.unit, kpi.source):
        assert part.replace("'", "&#x27;").replace('"', "&quot;") in text
    buttons = picker.pair_buttons
    assert "first-response-time" in buttons  # a leading alternative
    buttons["first-response-time"].click()
    assert picker.dashboard == [("first-response-time", None)]
    assert picker.pair_buttons["first-response-time"].disabled  # already added
    picker.add_button.click()
    assert [kpi_id for kpi_id, _ in picker.dashboard] == ["first-response-time", "net-promoter-score"]
    assert picker.add_button.disabled


def test_targets_and_remove_buttons_on_the_dashboard() -> None:
    picker = KPIPicker()
    picker.add("first-response-time", target=4)
    picker.add("ticket-backlog")
    assert picker.dashboard == [("first-response-time", 4.0), ("ticket-backlog", None)]
    assert "no target yet" in picker.dashboard_rows["ticket-backlog"]["state"].value
    picker.dashboard_rows["ticket-backlog"]["target"].value = 300
    assert picker.dashboard == [("first-response-time", 4.0), ("ticket-backlog", 300.0)]
    picker.add("first-response-time", target=3)  # adding again only sets the target
    assert picker.dashboard[0] == ("first-response-time", 3.0)
    assert picker.dashboard_rows["first-response-time"]["target"].value == 3.0
    picker.dashboard_rows["first-response-time"]["remove"].click()
    assert picker.dashboard == [("ticket-backlog", 300.0)]
    picker.remove("ticket-backlog")
    assert picker.dashboard == [] and picker.warnings == []
    with pytest.raises(KeyError, match="not on the dashboard"):
        picker.remove("ticket-backlog")
    with pytest.raises(KeyError, match="no KPI"):
        picker.add("the-colour-of-the-walls")


def test_more_than_ten_kpis_is_too_many() -> None:
    picker = KPIPicker()
    assert Settings().max_kpis == 10
    ids = leading_ids(11)
    for kpi_id in ids[:10]:
        picker.add(kpi_id)
    assert not any("10 or fewer" in text for text in picker.warnings)
    picker.add(ids[10])
    assert any("11 KPIs" in text and "10 or fewer" in text for text in picker.warnings)
    assert "10 or fewer" in picker.warning_html.value
    picker.remove(ids[0])
    assert not any("10 or fewer" in text for text in picker.warnings)


def test_a_smaller_limit_from_settings() -> None:
    picker = KPIPicker(settings=Settings(max_kpis=2))
    for kpi_id in leading_ids(3):
        picker.add(kpi_id)
    assert any("keep it to 2 or fewer" in text for text in picker.warnings)


def test_a_dashboard_of_lagging_kpis_gets_a_leading_warning() -> None:
    picker = KPIPicker()
    picker.add("net-promoter-score")
    warning = next(text for text in picker.warnings if "leading" in text)
    assert "None of your KPIs is leading" in warning
    assert CATALOG["first-response-time"].name in warning  # a leading alternative is named
    for kpi_id in lagging_ids(3):
        picker.add(kpi_id)
    assert any("None of your KPIs is leading" in text for text in picker.warnings)
    picker.add("first-response-time")
    assert not any("None of your KPIs is leading" in text for text in picker.warnings)


def test_vanity_metric_on_the_dashboard_is_named() -> None:
    picker = KPIPicker()
    picker.add("social-media-followers")
    assert any("Vanity metric" in text and CATALOG["social-media-followers"].name in text for text in picker.warnings)


def test_to_kpis_builds_model_kpis() -> None:
    picker = KPIPicker("ecommerce", team="ecommerce")
    percent = next(kpi for kpi in CATALOG if kpi.unit == "percent" and kpi.direction == "higher")
    money = next(kpi for kpi in CATALOG if kpi.unit == "currency")
    minutes = CATALOG["first-response-time"]
    picker.add(percent.id, target=2.5)
    picker.add(money.id, target=60)
    picker.add(minutes.id)
    kpis = picker.to_kpis()
    assert all(isinstance(kpi, KPI) for kpi in kpis)
    assert [kpi.catalog_id for kpi in kpis] == [percent.id, money.id, minutes.id]
    assert [kpi.unit for kpi in kpis] == ["%", "USD", "minutes"]
    assert [kpi.direction.value for kpi in kpis] == ["higher", money.direction, "lower"]
    assert [kpi.target for kpi in kpis] == [2.5, 60.0, None]
    assert kpis[0].name == percent.name and kpis[0].formula == percent.formula
    assert {kpi.team for kpi in kpis} == {"ecommerce"}
    assert {kpi.team for kpi in picker.to_kpis(team="growth")} == {"growth"}
    assert picker.to_kpis(currency="EUR")[1].unit == "EUR"
    data = picker.to_plan_dict()
    assert [item["id"] for item in data["kpis"]] == [percent.id, money.id, minutes.id]
    assert data["kpis"][0]["unit"] == "%" and data["kpis"][0]["target"] == 2.5
    plan = Plan.model_validate({"objectives": [], **data})
    assert [kpi.id for kpi in plan.kpis] == [percent.id, money.id, minutes.id]


def test_unknown_function_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown function"):
        KPIPicker("astrology")


def test_catalog_text_is_escaped() -> None:
    def kpi(kpi_id: str, name: str, **extra: object) -> CatalogKPI:
        fields = dict(
            id=kpi_id, name=name, function="sales", description="<img src=x onerror=alert(1)>", formula="a < b & c",
            unit="percent", direction="higher", indicator_type="lagging", cadence="monthly", lag_days=90,
            leading_alternatives=(), counterweights=(), vanity=False, synonyms=(), source="<script>x</script>",
        )  # fmt: skip
        fields.update(extra)
        return CatalogKPI(**fields)  # type: ignore[arg-type]

    catalog = Catalog([
        kpi("lead", "<b>Lead</b>", indicator_type="leading", lag_days=3),
        kpi("evil", "<script>alert('x')</script>", leading_alternatives=("lead",)),
    ])  # fmt: skip
    picker = KPIPicker("sales", catalog=catalog)
    picker.select("evil")
    picker.add("evil")
    shown = picker.details.value + "".join(row.children[1].value for row in picker.pair_box.children[2:3])
    shown += picker.dashboard_box.children[0].children[0].value + picker.warning_html.value
    assert "<script>" not in shown and "<img" not in shown and "<b>Lead</b>" not in shown
    assert "&lt;script&gt;" in picker.details.value and "a &lt; b &amp; c" in picker.details.value
    assert "&lt;b&gt;Lead&lt;/b&gt;" in shown
    assert picker.pair_buttons["lead"].description == "Add"
