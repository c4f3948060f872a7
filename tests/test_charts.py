"""The charts show the right numbers: each figure's data is checked against the scoring it draws."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from datetime import date

import pytest

pytest.importorskip("plotly")

import okrcoach
from okrcoach import charts
from okrcoach.history import Series
from okrcoach.kpis.health import forecast
from okrcoach.tracking import CheckIn, progress, score_plan

SMALL = {
    "organisation": "Acme",
    "cycle": "2026-Q1",
    "teams": ["Support", "Product"],
    "objectives": [
        {"id": "O1", "title": "Delight customers", "team": "support", "key_results": [
            "Raise NPS from 30 to 40",
            "Cut first response time from 12h to 4h",
            "Launch the wizard",
        ]},
        {"id": "O2", "title": "Ship a calmer product", "team": "product", "aligns_to": "O1",
         "key_results": ["Cut first response time from 10h to 5h"]},
    ],
    "kpis": [
        {"id": "frt", "name": "First response time", "team": "support", "direction": "lower", "target": 4,
         "thresholds": {"green": 4, "amber": 8}},
        {"id": "odd", "name": "Happy launch metric", "team": "support", "catalog_id": "net-promoter-score"},
        {"id": "misc", "name": "Widgets polished", "team": "product"},
    ],
}  # fmt: skip

CHECKINS = [
    CheckIn("O1.KR1", date(2026, 1, 15), 32, 6),
    CheckIn("O1.KR1", date(2026, 2, 15), 38, 7),
    CheckIn("O1.KR2", date(2026, 2, 1), 8, 5),
    CheckIn("O1.KR2", date(2026, 3, 1), 6, 4),
    CheckIn("O1.KR3", date(2026, 3, 1), 50, 5),
]


@pytest.fixture(scope="module")
def small() -> okrcoach.Plan:
    return okrcoach.load(SMALL)


@pytest.fixture(scope="module")
def greencycle() -> okrcoach.Plan:
    return okrcoach.load_sample("greencycle")


@pytest.fixture(scope="module")
def greencycle_report(greencycle: okrcoach.Plan) -> okrcoach.Report:
    return okrcoach.check(greencycle)


def _bars(figure) -> dict[str, tuple[float, str]]:  # type: ignore[no-untyped-def]
    """Return {label: (x, colour)} over every bar trace."""
    found = {}
    for trace in figure.data:
        if trace.type == "bar":
            for label, x, colour in zip(trace.y, trace.x, trace.marker.color, strict=True):
                found[label] = (x, colour)
    return found


def _trace(figure, name: str):  # type: ignore[no-untyped-def]
    matches = [trace for trace in figure.data if trace.name == name]
    assert len(matches) == 1, [trace.name for trace in figure.data]
    return matches[0]


# ---- import weight ---------------------------------------------------------------------------


def test_importing_charts_does_not_import_plotly_or_pandas() -> None:
    code = "import sys, okrcoach.charts; print(sorted(m for m in ('plotly', 'pandas', 'numpy') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# ---- 1. progress_chart -----------------------------------------------------------------------


def test_progress_chart_bars_match_the_scorecard(small: okrcoach.Plan) -> None:
    scorecard = score_plan(small, CHECKINS, day=date(2026, 2, 15))
    figure = charts.progress_chart(scorecard)
    bars = _bars(figure)
    assert len(bars) == len(scorecard.key_results) == 4
    for score in scorecard.key_results:
        label = f"{score.key_result}: {score.title}"
        assert label in bars
        x, colour = bars[label]
        expected = 0.0 if score.progress is None else min(max(score.progress, 0.0), 1.2) * 100
        assert x == pytest.approx(expected, abs=0.05)
        assert colour == charts.COLOURS[score.band]
    # the pace marks sit at each key result's expected pace, one per bar, in plan order
    pace = _trace(figure, "Expected by now (share of the cycle gone)")
    assert list(pace.y) == [f"{s.key_result}: {s.title}" for s in scorecard.key_results]
    assert list(pace.x) == pytest.approx([s.expected * 100 for s in scorecard.key_results], abs=0.05)
    assert list(figure.layout.yaxis.categoryarray) == list(pace.y)
    assert "2026-02-15" in figure.layout.title.text
    assert figure.layout.xaxis.title.text and figure.layout.yaxis.title.text


def test_progress_chart_known_values(small: okrcoach.Plan) -> None:
    scorecard = score_plan(small, CHECKINS, day=date(2026, 2, 15))
    bars = _bars(charts.progress_chart(scorecard))
    # NPS 30 -> 40 at 38 (baseline from the title): 80%, green
    assert bars["O1.KR1: Raise NPS from 30 to 40"] == (pytest.approx(80.0), "#2e7d32")
    # response time 12h -> 4h at 8h: 50%, yellow
    assert bars["O1.KR2: Cut first response time from 12h to 4h"] == (pytest.approx(50.0), "#f9a825")
    # no check-in yet by 15 February: grey, drawn at 0
    assert bars["O1.KR3: Launch the wizard"] == (0.0, "#9e9e9e")


def test_progress_chart_clips_overshoot_and_shortens_labels() -> None:
    plan = okrcoach.load({"cycle": "2026-Q1", "objectives": [{"id": "O1", "title": "Grow", "key_results": [
        {"id": "K1", "title": "Raise weekly active teams on the new collaborative planning board from 100 to 200"},
    ]}]})  # fmt: skip
    scorecard = score_plan(plan, [CheckIn("K1", date(2026, 3, 1), 400)], day=date(2026, 3, 1))
    bars = _bars(charts.progress_chart(scorecard))
    [(label, (x, colour))] = bars.items()
    assert scorecard.key_results[0].progress == 3.0
    assert x == 120.0 and colour == "#2e7d32"
    assert label.startswith("K1: Raise weekly") and len(label) <= 60 and label.endswith("\u2026")


def test_progress_chart_for_one_objective(small: okrcoach.Plan) -> None:
    scorecard = score_plan(small, CHECKINS, day=date(2026, 2, 15))
    figure = charts.progress_chart(scorecard, objective="O2")
    assert list(_bars(figure)) == ["O2.KR1: Cut first response time from 10h to 5h"]
    assert "O2" in figure.layout.title.text
    with pytest.raises(ValueError, match=r"unknown objective 'O9'.*'O1', 'O2'"):
        charts.progress_chart(scorecard, objective="O9")


def test_user_text_never_lands_in_a_hover_template() -> None:
    plan = okrcoach.load({"cycle": "2026-Q1", "objectives": [{"id": "O1", "title": "Win %{x} <b>big</b>", "key_results": [
        {"id": "K1", "title": "Grow %{y} users from 10 to 20"}]}]})  # fmt: skip
    scorecard = score_plan(plan, [CheckIn("K1", date(2026, 2, 1), 15)], day=date(2026, 2, 1))
    figures = [
        charts.progress_chart(scorecard),
        charts.alignment_chart(plan, scorecard=scorecard, color_by="progress"),
        charts.burnup_chart(plan, [CheckIn("K1", date(2026, 2, 1), 15)], key_result="K1"),
    ]
    for figure in figures:
        for trace in figure.data:
            template = trace.hovertemplate or ""
            assert "%{y} users" not in template and "Win" not in template
    assert "K1: Grow %{y} users from 10 to 20" in _bars(figures[0])  # the text itself is shown, as data


# ---- 2. kpi_trend_chart ----------------------------------------------------------------------

RESPONSE = Series("frt", (date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19), date(2026, 1, 26)), (9.0, 7.5, 6.0, 6.5))


def test_kpi_trend_chart_line_target_and_bands_for_lower_is_better(small: okrcoach.Plan) -> None:
    kpi = next(k for k in small.kpis if k.id == "frt")
    figure = charts.kpi_trend_chart(kpi, RESPONSE)
    observed = _trace(figure, "Observed")
    assert list(observed.x) == list(RESPONSE.dates)
    assert list(observed.y) == list(RESPONSE.values)
    target = _trace(figure, "Target")
    assert set(target.y) == {4.0}
    assert target.x[0] == RESPONSE.dates[0] and target.x[-1] == RESPONSE.dates[-1]
    shapes = sorted(figure.layout.shapes, key=lambda shape: shape.y0)
    # lower is better: green at the bottom (<= 4), amber 4-8, red above 8
    assert [shape.fillcolor for shape in shapes] == ["#2e7d32", "#f9a825", "#c62828"]
    assert [shape.name for shape in shapes] == ["green band", "amber band", "red band"]
    assert shapes[0].y1 == 4 and (shapes[1].y0, shapes[1].y1) == (4, 8) and shapes[2].y0 == 8
    low, high = figure.layout.yaxis.range
    assert shapes[0].y0 == low and shapes[-1].y1 == high
    assert low <= min(RESPONSE.values) and high >= max(RESPONSE.values)
    assert "lower is better" in figure.layout.title.text
    assert figure.layout.xaxis.title.text == "Date"


def test_kpi_trend_chart_bands_for_higher_is_better() -> None:
    kpi = okrcoach.KPI(id="csat", name="CSAT", target=85, thresholds={"green": 85, "amber": 80}, unit="%")
    series = Series("csat", (date(2026, 1, 1), date(2026, 2, 1)), (78.0, 83.0))
    figure = charts.kpi_trend_chart(kpi, series, period_end=date(2026, 3, 31))
    shapes = sorted(figure.layout.shapes, key=lambda shape: shape.y0)
    assert [shape.name for shape in shapes] == ["red band", "amber band", "green band"]
    assert shapes[0].y1 == 80 and (shapes[1].y0, shapes[1].y1) == (80, 85) and shapes[2].y0 == 85
    assert figure.layout.yaxis.title.text == "Value (%)"
    # two observations are too few for a forecast: no forecast line, the target still reaches period end
    assert [trace.name for trace in figure.data] == ["Observed", "Target"]
    assert _trace(figure, "Target").x[-1] == date(2026, 3, 31)


def test_kpi_trend_chart_forecast_runs_from_the_last_observation(small: okrcoach.Plan) -> None:
    kpi = next(k for k in small.kpis if k.id == "frt")
    end = date(2026, 3, 31)
    figure = charts.kpi_trend_chart(kpi, RESPONSE, period_end=end)
    ahead = forecast(RESPONSE, end)
    assert ahead is not None
    line = _trace(figure, "Forecast to 2026-03-31")
    assert list(line.x) == [RESPONSE.dates[-1], end]
    assert list(line.y) == [RESPONSE.values[-1], pytest.approx(ahead.value)]
    assert line.line.dash == "dash"
    assert line.error_y.array[-1] == pytest.approx(ahead.high - ahead.value)
    assert _trace(figure, "Target").x[-1] == end


def test_kpi_trend_chart_without_bands_or_observations() -> None:
    kpi = okrcoach.KPI(id="followers", name="Instagram followers")
    empty = charts.kpi_trend_chart(kpi, None)
    assert not empty.data and not empty.layout.shapes
    assert empty.layout.annotations[0].text == "No observations yet"
    only_two = Series("followers", (date(2026, 1, 1), date(2026, 2, 1)), (100.0, 120.0))
    assert not charts.kpi_trend_chart(kpi, only_two).layout.shapes


def test_kpi_trend_chart_rejects_another_kpis_series(small: okrcoach.Plan) -> None:
    kpi = next(k for k in small.kpis if k.id == "frt")
    with pytest.raises(ValueError, match=r"series is for KPI 'other', not 'frt'"):
        charts.kpi_trend_chart(kpi, Series("other", (), ()))


# ---- 3. alignment_chart ----------------------------------------------------------------------


def _tree(figure):  # type: ignore[no-untyped-def]
    [sunburst] = [trace for trace in figure.data if trace.type == "sunburst"]
    return sunburst, dict(zip(sunburst.ids, sunburst.parents, strict=True))


def test_alignment_chart_is_a_tree_with_every_key_result_as_a_leaf(greencycle, greencycle_report) -> None:  # type: ignore[no-untyped-def]
    sunburst, parents = _tree(charts.alignment_chart(greencycle, report=greencycle_report))
    ids = list(sunburst.ids)
    assert len(ids) == len(set(ids))
    roots = [node for node, parent in parents.items() if parent == ""]
    assert roots == ["root"]
    assert sunburst.labels[ids.index("root")] == "GreenCycle"
    for node in ids:  # every chain of parents ends at the root
        seen = set()
        while parents[node]:
            assert parents[node] in parents and node not in seen
            seen.add(node)
            node = parents[node]
    leaves = {node for node in ids if node not in set(parents.values())}
    assert {f"kr:{kr.id}" for kr in greencycle.key_results} <= leaves
    assert all(parents[f"kr:{kr.id}"] == f"objective:{greencycle.objective_of(kr).id}" for kr in greencycle.key_results)
    # pillars under the root, company objectives under pillars, team objectives under company objectives
    assert all(parents[f"pillar:{pillar.id}"] == "root" for pillar in greencycle.strategy.pillars)
    assert parents["objective:C1"] == "pillar:grow-online-sales"
    assert parents["objective:MKT1"] == "objective:C1"
    assert parents["objective:ECOM1"] == "objective:C1"  # aligns to a pillar and C1: the objective wins
    assert parents["objective:ECOM2"] == "pillar:grow-online-sales"
    # OPS2 aligns to 'sustainability-leadership', which is no pillar or objective
    assert parents["not-aligned"] == "root"
    assert sunburst.labels[ids.index("not-aligned")] == "Not aligned"
    assert [node for node, parent in parents.items() if parent == "not-aligned"] == ["objective:OPS2"]


def test_alignment_chart_colours_by_quality(greencycle, greencycle_report) -> None:  # type: ignore[no-untyped-def]
    sunburst, _ = _tree(charts.alignment_chart(greencycle, report=greencycle_report))
    colours = dict(zip(sunburst.ids, sunburst.marker.colors, strict=True))
    scores = greencycle_report.scores()
    for kr_id, score in scores.key_results.items():
        assert colours[f"kr:{kr_id}"] == charts.scale_colour(score / 100)
    for objective_id, score in scores.objectives.items():
        assert colours[f"objective:{objective_id}"] == charts.scale_colour(score / 100)
    assert colours["root"] == charts.scale_colour(scores.plan / 100)
    assert colours["pillar:loyal-customers"] == colours["not-aligned"] == "#9e9e9e"
    assert scores.key_results["C1.KR1"] == 100 and colours["kr:C1.KR1"] == "#2e7d32"  # no findings: full green
    assert scores.key_results["MKT1.KR2"] < 100 and colours["kr:MKT1.KR2"] != "#2e7d32"


def test_alignment_chart_colours_by_progress(small: okrcoach.Plan) -> None:
    scorecard = score_plan(small, CHECKINS, day=date(2026, 2, 15))
    sunburst, parents = _tree(charts.alignment_chart(small, scorecard=scorecard, color_by="progress"))
    colours = dict(zip(sunburst.ids, sunburst.marker.colors, strict=True))
    grades = {score.key_result: score.grade for score in scorecard.key_results}
    assert grades["O1.KR1"] == 0.8 and colours["kr:O1.KR1"] == charts.scale_colour(0.8)
    assert grades["O1.KR3"] is None and colours["kr:O1.KR3"] == "#9e9e9e"
    assert charts.scale_colour(0) == "#c62828" and charts.scale_colour(0.5) == "#f9a825" and charts.scale_colour(1) == "#2e7d32"
    # no pillars: O1 is a team objective aligned to nothing, O2 nests under it
    assert parents["objective:O1"] == "not-aligned" and parents["objective:O2"] == "objective:O1"
    assert sunburst.labels[list(sunburst.ids).index("root")] == "Acme"


def test_alignment_chart_without_scores_is_grey_and_handles_circles() -> None:
    plan = okrcoach.load({"objectives": [
        {"id": "C1", "title": "Company bet", "key_results": ["Ship it"]},
        {"id": "T1", "title": "Team goal", "team": "a", "aligns_to": "C1"},
        {"id": "X1", "title": "Loop one", "team": "a", "aligns_to": "X2"},
        {"id": "X2", "title": "Loop two", "team": "b", "aligns_to": "X1"},
    ]})  # fmt: skip
    figure = charts.alignment_chart(plan)
    sunburst, parents = _tree(figure)
    assert sunburst.labels[list(sunburst.ids).index("root")] == "Plan"
    assert parents["objective:C1"] == "root"  # no pillars: a company objective hangs off the root
    assert parents["objective:T1"] == "objective:C1"
    assert parents["objective:X1"] == parents["objective:X2"] == "not-aligned"
    assert set(sunburst.marker.colors) == {"#9e9e9e"}
    assert "pass report" in figure.layout.title.text
    with pytest.raises(ValueError, match="color_by must be 'quality' or 'progress', got 'size'"):
        charts.alignment_chart(plan, color_by="size")


# ---- 4. rule_heatmap -------------------------------------------------------------------------


def test_rule_heatmap_counts_match_the_findings(greencycle_report) -> None:  # type: ignore[no-untyped-def]
    figure = charts.rule_heatmap(greencycle_report)
    [heatmap] = figure.data
    assert list(heatmap.x) == ["S structure", "M measurability", "A alignment", "T timing", "K KPIs"]
    expected = Counter((finding.team or "company", finding.code[0]) for finding in greencycle_report.findings)
    cells = {}
    for team, row, text_row in zip(heatmap.y, heatmap.z, heatmap.text, strict=True):
        for family, count, text in zip("SMATK", row, text_row, strict=True):
            cells[(team, family)] = count
            assert text == str(count)
    assert {key: value for key, value in cells.items() if value} == dict(expected)
    assert sum(cells.values()) == len(greencycle_report.findings)
    assert list(heatmap.y)[:2] == ["leadership", "marketing"]  # the plan's team order
    assert str(len(greencycle_report.findings)) in figure.layout.title.text


def test_rule_heatmap_names_findings_without_a_team_company() -> None:
    plan = okrcoach.load({"cycle": "2026-Q1", "objectives": [
        {"id": "O1", "title": "Delight customers", "key_results": ["Raise NPS from 30 to 40", "Launch the wizard"]},
    ]})  # fmt: skip
    report = okrcoach.check(plan)
    assert report.findings and all(finding.team is None for finding in report.findings)
    [heatmap] = charts.rule_heatmap(report).data
    assert list(heatmap.y) == ["company"]
    by_family = Counter(finding.code[0] for finding in report.findings)
    assert list(heatmap.z[0]) == [by_family.get(family, 0) for family in "SMATK"]


# ---- 5. burnup_chart -------------------------------------------------------------------------


def test_burnup_chart_for_one_key_result(small: okrcoach.Plan) -> None:
    figure = charts.burnup_chart(small, CHECKINS, key_result="O1.KR2")
    ideal = _trace(figure, "Ideal pace")
    assert list(ideal.x) == [date(2026, 1, 1), date(2026, 3, 31)]
    assert list(ideal.y) == [0, 100]
    actual = _trace(figure, "Actual progress")
    assert list(actual.x) == [date(2026, 2, 1), date(2026, 3, 1)]
    kr = next(kr for kr in small.key_results if kr.id == "O1.KR2")
    # the first check-in counts from the title's baseline; later ones the same (the title states it)
    expected = [progress(kr, 8), progress(kr, 6, baseline=8)]
    assert expected == [0.5, 0.75]
    assert list(actual.y) == [value * 100 for value in expected]
    assert actual.line.shape == "hv"
    assert figure.layout.yaxis.title.text and figure.layout.xaxis.title.text == "Date"


def test_burnup_chart_for_an_objective_carries_values_forward(small: okrcoach.Plan) -> None:
    figure = charts.burnup_chart(small, CHECKINS, objective="O1")
    actual = _trace(figure, "Actual progress")
    days = [date(2026, 1, 15), date(2026, 2, 1), date(2026, 2, 15), date(2026, 3, 1)]
    assert list(actual.x) == days
    # by hand: NPS 30->40, response 12h->4h, wizard percent complete
    by_hand = [0.2, (0.2 + 0.5) / 2, (0.8 + 0.5) / 2, (0.8 + 0.75 + 0.5) / 3]
    assert list(actual.y) == pytest.approx([value * 100 for value in by_hand], abs=0.05)
    # and the same as the objective's grade that score_plan gives on each day
    for day, value in zip(days, actual.y, strict=True):
        grade = next(o for o in score_plan(small, CHECKINS, day=day).objectives if o.objective == "O1").grade
        assert value == pytest.approx(grade * 100, abs=0.5)


def test_burnup_chart_clips_to_0_100_and_accepts_a_store(small: okrcoach.Plan, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from okrcoach.tracking import CheckinStore

    store = CheckinStore(tmp_path / "checkins.db")
    store.record("O1.KR1", date(2026, 1, 10), 25)  # below the baseline: negative progress
    store.record("O1.KR1", date(2026, 3, 10), 45)  # beyond the target
    actual = _trace(charts.burnup_chart(small, store, key_result="O1.KR1"), "Actual progress")
    assert list(actual.y) == [0.0, 100.0]


def test_burnup_chart_without_check_ins_shows_only_the_ideal(small: okrcoach.Plan) -> None:
    figure = charts.burnup_chart(small, [], key_result="O2.KR1")
    assert [trace.name for trace in figure.data] == ["Ideal pace"]
    assert figure.layout.annotations[0].text == "No check-ins with a value yet"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({}, "needs exactly one of key_result=... or objective=..."),
        ({"key_result": "O1.KR1", "objective": "O1"}, "needs exactly one of key_result=... or objective=..."),
        ({"key_result": "O1.KR9"}, r"unknown key result 'O1.KR9': the plan's key results are 'O1.KR1'"),
        ({"objective": "O7"}, r"unknown objective 'O7': the plan's objectives are 'O1', 'O2'"),
    ],
)
def test_burnup_chart_rejects_bad_arguments(small: okrcoach.Plan, arguments, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message):
        charts.burnup_chart(small, CHECKINS, **arguments)


def test_burnup_chart_needs_a_cycle() -> None:
    plan = okrcoach.load({"objectives": [{"id": "O1", "title": "Grow", "key_results": ["Raise NPS from 30 to 40"]}]})
    with pytest.raises(ValueError, match=r"has no cycle: set the plan's cycle"):
        charts.burnup_chart(plan, [], objective="O1")


# ---- 6. indicator_mix_chart ------------------------------------------------------------------


def _mix(figure) -> dict[str, dict[str, int]]:  # type: ignore[no-untyped-def]
    return {trace.name: dict(zip((x.split(" ")[0] for x in trace.x), trace.y, strict=True)) for trace in figure.data}


def test_indicator_mix_counts_a_hand_computed_plan(small: okrcoach.Plan) -> None:
    figure = charts.indicator_mix_chart(small, team="support")
    # KRs: NPS lagging, first response time leading, wizard unknown.
    # KPIs: 'First response time' leading by name; 'Happy launch metric' lagging by its catalog id (NPS).
    assert _mix(figure) == {
        "Key results": {"Leading": 1, "Lagging": 1, "Unknown": 1},
        "KPIs": {"Leading": 1, "Lagging": 1, "Unknown": 0},
    }
    assert "support" in figure.layout.title.text
    assert figure.layout.barmode == "stack"
    whole = _mix(charts.indicator_mix_chart(small))
    assert whole == {
        "Key results": {"Leading": 2, "Lagging": 1, "Unknown": 1},
        "KPIs": {"Leading": 1, "Lagging": 1, "Unknown": 1},
    }
    assert charts.indicator_mix(small, team="product") == {
        "key_results": {"leading": 1, "lagging": 0, "unknown": 0},
        "kpis": {"leading": 0, "lagging": 0, "unknown": 1},
    }


def test_indicator_mix_rejects_an_unknown_team(small: okrcoach.Plan) -> None:
    with pytest.raises(ValueError, match=r"unknown team 'sales': the plan's teams are 'product', 'support'"):
        charts.indicator_mix_chart(small, team="sales")


# ---- every chart -----------------------------------------------------------------------------


def test_every_chart_is_titled_labelled_and_deterministic(small: okrcoach.Plan) -> None:
    scorecard = score_plan(small, CHECKINS, day=date(2026, 2, 15))
    report = okrcoach.check(small)
    kpi = next(k for k in small.kpis if k.id == "frt")
    builders = [
        lambda: charts.progress_chart(scorecard),
        lambda: charts.kpi_trend_chart(kpi, RESPONSE, period_end=date(2026, 3, 31)),
        lambda: charts.alignment_chart(small, report=report),
        lambda: charts.rule_heatmap(report),
        lambda: charts.burnup_chart(small, CHECKINS, objective="O1"),
        lambda: charts.indicator_mix_chart(small),
    ]
    for build in builders:
        first, second = build(), build()
        assert first.to_json() == second.to_json()
        assert first.layout.title.text
        if first.data[0].type != "sunburst":
            assert first.layout.xaxis.title.text and first.layout.yaxis.title.text
