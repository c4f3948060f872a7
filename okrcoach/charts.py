"""Charts for coaching conversations: progress, KPI trends, alignment, findings, burn-up, indicator mix.

Every function returns a `plotly.graph_objects.Figure`. Plotly is imported inside the functions,
so `import okrcoach.charts` stays light. The output depends only on the arguments (no random
numbers, no "today"), and text written by users (objective and key-result titles, ids) is passed
to plotly as data (labels, custom data), never spliced into hover templates, where a '%{...}' in
a title would be read as a placeholder.

Colours follow the traffic-light bands of `okrcoach.tracking.scoring.band`: green, yellow (amber
for KPIs), red, and grey where there is nothing to colour by.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for type checkers only: nothing heavy is imported at run time
    from plotly.graph_objects import Figure

    from okrcoach.history import Series
    from okrcoach.model import KPI, KeyResult, Plan
    from okrcoach.check_report import Report
    from okrcoach.tracking.scoring import Scorecard
    from okrcoach.tracking.store import CheckIn, CheckinStore

__all__ = [
    "COLOURS",
    "FAMILY_LABELS",
    "alignment_chart",
    "burnup_chart",
    "indicator_mix_chart",
    "kpi_trend_chart",
    "progress_chart",
    "rule_heatmap",
]

GREEN = "#2e7d32"
YELLOW = "#f9a825"
RED = "#c62828"
GREY = "#9e9e9e"
#: Colour of each band name used by the scorecard ('yellow') and by KPI health ('amber').
COLOURS = {"green": GREEN, "yellow": YELLOW, "amber": YELLOW, "red": RED, "grey": GREY, "unknown": GREY}
#: Continuous scale for 0-1 values: red at 0, yellow at 0.5, green at 1.
SCALE = ((0.0, RED), (0.5, YELLOW), (1.0, GREEN))
#: Column label of each rule family (first letter of a finding's code).
FAMILY_LABELS = {
    "S": "S structure",
    "M": "M measurability",
    "A": "A alignment",
    "T": "T timing",
    "K": "K KPIs",
    "X": "X internal",
}
NOT_ALIGNED = "Not aligned"
MAX_PROGRESS = 1.2  # progress bars stop at 120%: overshoot is shown, but does not squash the rest
_BAND_NAMES = {
    "green": "On track (grade 0.7-1.0)",
    "yellow": "Needs attention (grade 0.4-0.6)",
    "red": "Off track (grade 0.0-0.3)",
    "grey": "No data yet",
}
_FONT = {"family": "Arial, Helvetica, sans-serif", "size": 13}


# ---------------------------------------------------------------------------------------------
# 1. Progress of each key result against the expected pace
# ---------------------------------------------------------------------------------------------


def progress_chart(scorecard: Scorecard, *, objective: str | None = None) -> Figure:
    """Return horizontal bars of each key result's progress (0-120%), coloured by band, with pace marks.

    One bar per key result, labelled "KR id: title" (shortened to about 60 characters), in plan
    order from top to bottom. A black tick on each bar marks the expected pace: the share of the
    cycle gone on the scoring day. `objective` limits the chart to one objective's key results.
    """
    import plotly.graph_objects as go

    scores = list(scorecard.key_results)
    if objective is not None:
        known = [item.objective for item in scorecard.objectives]
        if objective not in known:
            raise ValueError(f"unknown objective {objective!r}: the scorecard's objectives are {_listing(known)}")
        scores = [score for score in scores if score.objective == objective]
    labels = _unique([_label(score.key_result, score.title) for score in scores])

    figure = go.Figure()
    for band in ("green", "yellow", "red", "grey"):
        rows = [(label, score) for label, score in zip(labels, scores, strict=True) if score.band == band]
        if not rows:
            continue
        figure.add_trace(go.Bar(
            name=_BAND_NAMES[band],
            orientation="h",
            y=[label for label, _ in rows],
            x=[_progress_percent(score.progress) for _, score in rows],
            marker={"color": [COLOURS[band]] * len(rows), "line": {"width": 0}},
            text=["no data" if score.progress is None else f"{score.progress:.0%}" for _, score in rows],
            textposition="outside",
            cliponaxis=False,
            customdata=[[_percent_text(score.progress), f"{score.expected:.0%}"] for _, score in rows],
            hovertemplate="%{y}<br>Progress: %{customdata[0]}<br>Expected by now: %{customdata[1]}<extra></extra>",
        ))  # fmt: skip
    if scores:
        figure.add_trace(go.Scatter(
            name="Expected by now (share of the cycle gone)",
            y=labels,
            x=[round(score.expected * 100, 1) for score in scores],
            mode="markers",
            marker={"symbol": "line-ns-open", "size": 22, "color": "#212121", "line": {"width": 3, "color": "#212121"}},
            hovertemplate="Expected by now: %{x:.0f}%<extra></extra>",
        ))  # fmt: skip
    else:
        _note(figure, "No key results to show")
    where = f" of objective {objective}" if objective is not None else ""
    figure.update_layout(
        title={"text": f"Key result progress{where} on {scorecard.day.isoformat()}"},
        barmode="overlay",
        xaxis={"title": {"text": "Progress toward target (100% = target reached)"}, "range": [0, MAX_PROGRESS * 100 + 8],
               "ticksuffix": "%", "dtick": 20},
        yaxis={"title": {"text": "Key result"}, "categoryorder": "array", "categoryarray": labels, "autorange": "reversed",
               "automargin": True},
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "xanchor": "left", "x": 0},
        height=max(320, 40 * len(scores) + 200),
        font=_FONT,
        template="plotly_white",
    )  # fmt: skip
    return figure


def _progress_percent(value: float | None) -> float:
    if value is None:
        return 0.0
    return round(min(max(value, 0.0), MAX_PROGRESS) * 100, 1)


def _percent_text(value: float | None) -> str:
    return "no data yet" if value is None else f"{value:.0%}"


# ---------------------------------------------------------------------------------------------
# 2. A KPI's history, target, status bands and forecast
# ---------------------------------------------------------------------------------------------


def kpi_trend_chart(kpi: KPI, series: Series | None, *, period_end: date | None = None) -> Figure:
    """Return a KPI's history as a line, with its target, its green/amber/red bands and a forecast.

    The bands follow the KPI's thresholds and direction: for a higher-is-better KPI green is at
    or above `green`, amber between `amber` and `green`, red below `amber`; for lower-is-better
    the bands are upside down. With `period_end`, a dashed line runs from the last observation
    to the straight-line forecast on that day (`okrcoach.kpis.health.forecast`, which needs at
    least 3 observations), with the forecast's noise band as an error bar.
    """
    import plotly.graph_objects as go

    from okrcoach.kpis.health import forecast
    from okrcoach.model import Better

    if series is not None and series.kpi != kpi.id:
        raise ValueError(f"the series is for KPI {series.kpi!r}, not {kpi.id!r}: pass the history of {kpi.id!r}")
    dates = tuple(series.dates) if series is not None else ()
    values = tuple(series.values) if series is not None else ()
    ahead = None
    if period_end is not None and series is not None and dates and period_end > dates[-1]:
        ahead = forecast(series, period_end)

    figure = go.Figure()
    if dates:
        figure.add_trace(go.Scatter(
            name="Observed", x=list(dates), y=list(values), mode="lines+markers",
            line={"color": "#1565c0", "width": 3}, marker={"size": 7},
            hovertemplate="%{x|%d %b %Y}: %{y:,.4~g}<extra></extra>",
        ))  # fmt: skip
    else:
        _note(figure, "No observations yet")
    if ahead is not None:
        figure.add_trace(go.Scatter(
            name=f"Forecast to {period_end.isoformat()}", x=[dates[-1], period_end], y=[values[-1], ahead.value],
            mode="lines+markers", line={"color": "#1565c0", "width": 2, "dash": "dash"}, marker={"size": [0, 8]},
            error_y={"type": "data", "symmetric": False, "array": [0, ahead.high - ahead.value],
                     "arrayminus": [0, ahead.value - ahead.low], "color": "#1565c0"},
            customdata=[["", ""], [f"{ahead.low:,.4g}", f"{ahead.high:,.4g}"]],
            hovertemplate="Forecast %{x|%d %b %Y}: %{y:,.4~g} (likely %{customdata[0]} to %{customdata[1]})<extra></extra>",
        ))  # fmt: skip
    if kpi.target is not None:
        if dates:
            right = max(dates[-1], period_end) if period_end is not None else dates[-1]
            figure.add_trace(go.Scatter(
                name="Target", x=[dates[0], right], y=[kpi.target, kpi.target], mode="lines",
                line={"color": "#212121", "width": 2, "dash": "dot"},
                hovertemplate="Target: %{y:,.4~g}<extra></extra>",
            ))  # fmt: skip
        else:
            figure.add_hline(y=kpi.target, line={"color": "#212121", "width": 2, "dash": "dot"}, name="target")

    numbers = [*values, *(x for x in (kpi.target,) if x is not None)]
    thresholds = kpi.thresholds
    levels = [x for x in ((thresholds.green, thresholds.amber) if thresholds else ()) if x is not None]
    numbers += levels
    if ahead is not None:
        numbers += [ahead.low, ahead.high]
    low, high = _padded_range(numbers)
    higher = kpi.direction is Better.HIGHER
    for colour, y0, y1 in _bands(thresholds.green if thresholds else None, thresholds.amber if thresholds else None, higher, low, high):
        figure.add_hrect(y0=y0, y1=y1, fillcolor=COLOURS[colour], opacity=0.13, layer="below", line_width=0, name=f"{colour} band")

    unit = f" ({kpi.unit})" if kpi.unit else ""
    better = "higher is better" if higher else "lower is better"
    figure.update_layout(
        title={"text": f"{kpi.name}: history{' and forecast' if ahead is not None else ''} ({better})"},
        xaxis={"title": {"text": "Date"}},
        yaxis={"title": {"text": f"Value{unit}"}, "range": [low, high]},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "xanchor": "left", "x": 0},
        height=440,
        font=_FONT,
        template="plotly_white",
    )
    if levels:
        figure.add_annotation(text="Shading: green = healthy, amber = watch, red = act", xref="paper", yref="paper",
                              x=1, y=1.02, xanchor="right", yanchor="bottom", showarrow=False, font={"size": 11})  # fmt: skip
    return figure


def _bands(green: float | None, amber: float | None, higher: bool, low: float, high: float) -> list[tuple[str, float, float]]:
    """Return (colour, bottom, top) of each status band inside [low, high], bottom first."""
    if green is None:
        return []
    if higher:
        cuts = [("red", low, amber if amber is not None else green)]
        if amber is not None:
            cuts.append(("amber", amber, green))
        cuts.append(("green", green, high))
    else:
        cuts = [("green", low, green)]
        if amber is not None:
            cuts.append(("amber", green, amber))
        cuts.append(("red", amber if amber is not None else green, high))
    bands = []
    for colour, y0, y1 in cuts:
        y0, y1 = max(y0, low), min(y1, high)
        if y1 > y0:
            bands.append((colour, y0, y1))
    return bands


def _padded_range(numbers: Sequence[float]) -> tuple[float, float]:
    if not numbers:
        return 0.0, 1.0
    low, high = min(numbers), max(numbers)
    pad = (high - low) * 0.15 if high > low else max(abs(high), 1.0) * 0.15
    # Padding alone never takes a chart of non-negative numbers below zero.
    return (low - pad if low < 0 or low - pad >= 0 else 0.0), high + pad


# ---------------------------------------------------------------------------------------------
# 3. Alignment: pillars -> objectives -> team objectives -> key results
# ---------------------------------------------------------------------------------------------


def alignment_chart(plan: Plan, *, report: Report | None = None, scorecard: Scorecard | None = None,
                    color_by: str = "quality") -> Figure:  # fmt: skip
    """Return a sunburst of how the plan ladders up: root -> pillars -> objectives -> key results.

    The root is named after the organisation (or "Plan"); its children are the strategic pillars.
    Each objective sits under the objective or pillar it aligns to (an objective parent is
    preferred over a pillar, else the first id written), so team objectives nest under company
    objectives. Objectives that align to nothing, only to unknown ids, or in a circle, sit under
    "Not aligned" (a company objective without alignment sits under the root when the plan has
    no pillars). Key results are the outer ring.

    `color_by="quality"` colours key results, objectives and the root by the report's quality
    score (0-100, `report.scores()`); `color_by="progress"` by the scorecard's grades (0-1).
    Nodes without a value, and every node when the report or scorecard is missing, are grey.
    """
    import plotly.graph_objects as go

    if color_by not in ("quality", "progress"):
        raise ValueError(f"color_by must be 'quality' or 'progress', got {color_by!r}")
    values: dict[str, float] = {}  # node id -> value scaled to 0-1
    if color_by == "quality" and report is not None:
        scores = report.scores()
        values.update({_kr_node(key): score / 100 for key, score in scores.key_results.items()})
        values.update({_objective_node(key): score / 100 for key, score in scores.objectives.items()})
        values[ROOT] = scores.plan / 100
    elif color_by == "progress" and scorecard is not None:
        values.update({_kr_node(item.key_result): item.grade for item in scorecard.key_results if item.grade is not None})
        values.update({_objective_node(item.objective): item.grade for item in scorecard.objectives if item.grade is not None})
        if scorecard.company is not None:
            values[ROOT] = scorecard.company

    nodes = alignment_tree(plan)
    colours = [COLOURS["grey"] if node_id not in values else scale_colour(values[node_id]) for node_id, *_ in nodes]
    if color_by == "quality":
        hover = [f"Quality {values[node_id] * 100:.0f}/100" if node_id in values else "No quality score" for node_id, *_ in nodes]
    else:
        hover = [f"Grade {values[node_id]:.1f}" if node_id in values else "No grade yet" for node_id, *_ in nodes]
    figure = go.Figure(go.Sunburst(
        ids=[node_id for node_id, _, _, _ in nodes],
        parents=[parent for _, parent, _, _ in nodes],
        labels=[label for _, _, label, _ in nodes],
        marker={"colors": colours, "line": {"color": "white", "width": 1}},
        customdata=[[kind, text] for (_, _, _, kind), text in zip(nodes, hover, strict=True)],
        hovertemplate="%{label}<br>%{customdata[0]}: %{customdata[1]}<extra></extra>",
        insidetextorientation="radial",
    ))  # fmt: skip
    missing = (report is None) if color_by == "quality" else (scorecard is None)
    if missing:
        subtitle = "grey: pass report=... to colour by quality" if color_by == "quality" else "grey: pass scorecard=... to colour by progress"
    elif color_by == "quality":
        subtitle = "colour: quality score, red 0 - green 100; grey = no score"
    else:
        subtitle = "colour: grade, red 0.0 - green 1.0; grey = no grade yet"
    if not missing:  # a colour bar needs a numeric trace; an empty scatter on hidden axes carries it
        top = 100 if color_by == "quality" else 1
        figure.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip", name="colour scale",
            marker={"color": [0], "cmin": 0, "cmax": top, "colorscale": [[stop, colour] for stop, colour in SCALE],
                    "showscale": True, "colorbar": {"title": {"text": "Quality" if color_by == "quality" else "Grade"},
                                                    "thickness": 14}},
        ))  # fmt: skip
        figure.update_xaxes(visible=False)
        figure.update_yaxes(visible=False)
    figure.update_layout(
        title={"text": f"How the objectives ladder up to the strategy<br><sup>{subtitle}</sup>"},
        height=640,
        margin={"t": 90, "l": 20, "r": 20, "b": 20},
        font=_FONT,
        template="plotly_white",
    )
    return figure


ROOT = "root"


def _objective_node(objective_id: str) -> str:
    return f"objective:{objective_id}"


def _kr_node(key_result_id: str) -> str:
    return f"kr:{key_result_id}"


def alignment_tree(plan: Plan) -> list[tuple[str, str, str, str]]:
    """Return the alignment tree as (id, parent id, label, kind) rows, parents before children.

    Ids are prefixed by kind ('root', 'pillar:...', 'objective:...', 'kr:...', 'not-aligned') so a
    pillar and an objective may share an id; the root's parent is ''.
    """
    pillars = plan.strategy.pillars if plan.strategy else ()
    pillar_ids = {pillar.id for pillar in pillars}
    objective_ids = {objective.id for objective in plan.objectives}
    parent_of: dict[str, str | None] = {}
    for objective in plan.objectives:
        aligned = [item for item in objective.aligns_to if item != objective.id]
        to_objective = next((item for item in aligned if item in objective_ids), None)
        to_pillar = next((item for item in aligned if item in pillar_ids), None)
        if to_objective is not None:
            parent_of[objective.id] = _objective_node(to_objective)
        elif to_pillar is not None:
            parent_of[objective.id] = f"pillar:{to_pillar}"
        elif not objective.aligns_to and objective.team is None and not pillars:
            parent_of[objective.id] = ROOT
        else:
            parent_of[objective.id] = None
    # Objectives that align to each other in a circle never reach the root: all are not aligned.
    in_circle = set()
    for objective in plan.objectives:
        chain, current = [objective.id], parent_of[objective.id]
        while current is not None and current.startswith("objective:"):
            parent_id = current.removeprefix("objective:")
            if parent_id in chain:
                in_circle.update(chain[chain.index(parent_id):])
                break
            chain.append(parent_id)
            current = parent_of[parent_id]
    for objective_id in in_circle:
        parent_of[objective_id] = None
    rows = [(ROOT, "", plan.organisation or "Plan", "Organisation")]
    rows += [(f"pillar:{pillar.id}", ROOT, _shorten(pillar.title, 40), "Strategic pillar") for pillar in pillars]
    if any(parent is None for parent in parent_of.values()):
        rows.append(("not-aligned", ROOT, NOT_ALIGNED, "Objectives that align to nothing known"))
    placed = {row[0] for row in rows}
    pending = list(plan.objectives)
    while pending:  # parents first: an objective waits until the objective it aligns to is placed
        waiting = []
        for objective in pending:
            parent = parent_of[objective.id] or "not-aligned"
            if parent not in placed:
                waiting.append(objective)
                continue
            kind = "Team objective" if objective.team else "Company objective"
            rows.append((_objective_node(objective.id), parent, _label(objective.id, objective.title, 40), kind))
            placed.add(_objective_node(objective.id))
            rows += [(_kr_node(kr.id), _objective_node(objective.id), _label(kr.id, kr.title, 40), "Key result")
                     for kr in objective.key_results]  # fmt: skip
        if len(waiting) == len(pending):  # cannot happen after the circle check; never loop forever
            raise RuntimeError("alignment tree has an unreachable objective")
        pending = waiting
    return rows


def scale_colour(value: float) -> str:
    """Return the colour of a 0-1 value on the red (0) - yellow (0.5) - green (1) scale, as '#rrggbb'."""
    value = min(max(value, 0.0), 1.0)
    for (left, left_colour), (right, right_colour) in zip(SCALE, SCALE[1:], strict=False):
        if value <= right:
            share = (value - left) / (right - left)
            a, b = _rgb(left_colour), _rgb(right_colour)
            return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))
    return SCALE[-1][1]


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


# ---------------------------------------------------------------------------------------------
# 4. Findings per team and rule family
# ---------------------------------------------------------------------------------------------


def rule_heatmap(report: Report) -> Figure:
    """Return a heat map of how many findings each team has in each rule family.

    Rows are teams (the plan's teams in order, then any other team named by a finding; findings
    without a team are "company"); columns are the rule families S, M, A, T, K (plus X if an
    internal finding occurred). Each cell shows its count.
    """
    import plotly.graph_objects as go

    counts = Counter((finding.team or "company", finding.code[:1].upper()) for finding in report.findings)
    families = [family for family in FAMILY_LABELS if family != "X"]
    families += sorted({family for _, family in counts} - set(families))
    teams = ["company"] if any(team == "company" for team, _ in counts) or any(o.team is None for o in report.plan.objectives) else []
    for team in [team.id for team in report.plan.teams] + sorted(team for team, _ in counts):
        if team not in teams:
            teams.append(team)
    z = [[counts.get((team, family), 0) for family in families] for team in teams]
    figure = go.Figure(go.Heatmap(
        z=z,
        x=[FAMILY_LABELS.get(family, family) for family in families],
        y=teams,
        text=[[str(count) for count in row] for row in z],
        texttemplate="%{text}",
        textfont={"size": 14},
        colorscale=[[0.0, "#ffffff"], [0.5, "#ef9a9a"], [1.0, RED]],
        zmin=0,
        zmax=max([1, *(count for row in z for count in row)]),
        xgap=2,
        ygap=2,
        colorbar={"title": {"text": "Findings"}},
        hovertemplate="%{y}, %{x}: %{z} finding(s)<extra></extra>",
    ))  # fmt: skip
    if not teams:
        _note(figure, "No objectives or findings")
    figure.update_layout(
        title={"text": f"Findings by team and rule family ({len(report.findings)} in total)"},
        xaxis={"title": {"text": "Rule family"}, "side": "top"},
        yaxis={"title": {"text": "Team"}, "autorange": "reversed", "automargin": True},
        height=max(300, 45 * len(teams) + 180),
        font=_FONT,
        template="plotly_white",
    )
    return figure


# ---------------------------------------------------------------------------------------------
# 5. Burn-up of a key result or an objective over the cycle
# ---------------------------------------------------------------------------------------------


def burnup_chart(plan: Plan, checkins: CheckinStore | Iterable[CheckIn], *, key_result: str | None = None,
                 objective: str | None = None) -> Figure:  # fmt: skip
    """Return progress (0-100%) over the cycle for one key result, or the mean of an objective's.

    Each check-in date gets the progress score_plan would report that day: a key result's latest
    value so far (its `current` field before its first check-in), scored with
    `okrcoach.tracking.scoring.progress` from its first check-in as baseline, clipped to 0-100%;
    an objective's value is the mean over its key results that have one. The dashed line is the
    ideal pace, from 0% at the cycle's start to 100% at its end. Give exactly one of
    `key_result` or `objective`.
    """
    import plotly.graph_objects as go

    from okrcoach.tracking.store import CheckinStore

    if (key_result is None) == (objective is None):
        raise ValueError("burnup_chart needs exactly one of key_result=... or objective=...")
    if key_result is not None:
        found = [(item, owner) for owner in plan.objectives for item in owner.key_results if item.id == key_result]
        if not found:
            raise ValueError(f"unknown key result {key_result!r}: the plan's key results are {_listing([kr.id for kr in plan.key_results])}")
        results, owner = [found[0][0]], found[0][1]
        subject = f"key result {key_result}"
    else:
        try:
            owner = plan.objective(objective)  # type: ignore[arg-type]
        except KeyError:
            raise ValueError(f"unknown objective {objective!r}: the plan's objectives are {_listing([o.id for o in plan.objectives])}") from None
        results = list(owner.key_results)
        if not results:
            raise ValueError(f"objective {objective!r} has no key results to chart")
        subject = f"objective {objective} (mean of {len(results)} key results)"
    cycle = plan.cycle_of(owner)
    if cycle is None:
        raise ValueError(f"{subject} has no cycle: set the plan's cycle (e.g. cycle: 2026-Q1) to draw a burn-up chart")

    items = checkins.history() if isinstance(checkins, CheckinStore) else list(checkins)
    wanted = {kr.id for kr in results}
    history = sorted((item for item in items if item.key_result in wanted), key=lambda item: item.day)
    days = sorted({item.day for item in history})
    points = [(day, burnup_value(results, history, day)) for day in days]
    points = [(day, value) for day, value in points if value is not None]

    figure = go.Figure()
    figure.add_trace(go.Scatter(
        name="Ideal pace", x=[cycle.start, cycle.end], y=[0, 100], mode="lines",
        line={"color": GREY, "width": 2, "dash": "dash"},
        hovertemplate="Ideal by %{x|%d %b %Y}: %{y:.0f}%<extra></extra>",
    ))  # fmt: skip
    if points:
        figure.add_trace(go.Scatter(
            name="Actual progress", x=[day for day, _ in points], y=[round(value * 100, 1) for _, value in points],
            mode="lines+markers", line={"color": GREEN, "width": 3, "shape": "hv"}, marker={"size": 8},
            hovertemplate="%{x|%d %b %Y}: %{y:.0f}%<extra></extra>",
        ))  # fmt: skip
    else:
        _note(figure, "No check-ins with a value yet")
    figure.update_layout(
        title={"text": f"Burn-up of {subject}, cycle {cycle.label}"},
        xaxis={"title": {"text": "Date"}, "range": [cycle.start, cycle.end]},
        yaxis={"title": {"text": "Progress toward target (%)"}, "range": [0, 105], "ticksuffix": "%"},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "xanchor": "left", "x": 0},
        height=420,
        font=_FONT,
        template="plotly_white",
    )
    return figure


def burnup_value(results: Sequence[KeyResult], history: Sequence[CheckIn], day: date) -> float | None:
    """Return the mean progress (each clipped to 0-1) of key results on a day, as score_plan computes it."""
    from okrcoach.tracking.scoring import progress

    known = []
    for kr in results:
        valued = [item for item in history if item.key_result == kr.id and item.day <= day and item.value is not None]
        valued.sort(key=lambda item: item.day)
        value = valued[-1].value if valued else kr.current
        first = valued[0].value if len(valued) > 1 else None
        done = progress(kr, value, baseline=first)
        if done is not None:
            known.append(min(max(done, 0.0), 1.0))
    return sum(known) / len(known) if known else None


# ---------------------------------------------------------------------------------------------
# 6. Leading vs lagging indicators
# ---------------------------------------------------------------------------------------------

INDICATOR_TYPES = ("leading", "lagging", "unknown")


def indicator_mix_chart(plan: Plan, *, team: str | None = None) -> Figure:
    """Return stacked bars of how many key results and KPIs are leading, lagging or unknown.

    The type comes from the KPI catalog: a KPI's `catalog_id` when set, else its name matched
    against the catalog; a key result's linked KPI (`kpi:`) when that has a catalog id, else its
    `metric` or title matched (exact phrases only, no fuzzy guess). `team` limits the count to
    one team's objectives and KPIs; without it the whole plan counts.
    """
    import plotly.graph_objects as go

    counts = indicator_mix(plan, team=team)
    labels = {"leading": "Leading (moves early)", "lagging": "Lagging (shows results late)", "unknown": "Unknown (not in catalog)"}
    figure = go.Figure()
    for kind, colour in (("key_results", "#455a64"), ("kpis", "#90a4ae")):
        figure.add_trace(go.Bar(
            name="Key results" if kind == "key_results" else "KPIs",
            x=[labels[item] for item in INDICATOR_TYPES],
            y=[counts[kind][item] for item in INDICATOR_TYPES],
            marker={"color": colour},
            text=[str(counts[kind][item]) if counts[kind][item] else "" for item in INDICATOR_TYPES],
            textposition="inside",
            hovertemplate="%{x}: %{y}<extra>%{fullData.name}</extra>",
        ))  # fmt: skip
    whose = f"team {team}" if team is not None else "the whole plan"
    total = sum(sum(row.values()) for row in counts.values())
    if not total:
        _note(figure, "No key results or KPIs to classify")
    figure.update_layout(
        title={"text": f"Leading vs lagging indicators in {whose}"},
        barmode="stack",
        xaxis={"title": {"text": "Indicator type (from the KPI catalog)"}},
        yaxis={"title": {"text": "Number of key results and KPIs"}, "rangemode": "tozero", "dtick": 1 if total <= 12 else None},
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "xanchor": "left", "x": 0},
        height=420,
        font=_FONT,
        template="plotly_white",
    )
    return figure


def indicator_mix(plan: Plan, *, team: str | None = None) -> dict[str, dict[str, int]]:
    """Return {'key_results': {...}, 'kpis': {...}} counts of 'leading', 'lagging' and 'unknown'."""
    known_teams = {item.id for item in plan.teams} | {o.team for o in plan.objectives if o.team} | {k.team for k in plan.kpis if k.team}
    if team is not None and team not in known_teams:
        raise ValueError(f"unknown team {team!r}: the plan's teams are {_listing(sorted(known_teams))}")
    objectives = [o for o in plan.objectives if team is None or o.team == team]
    kpis = [k for k in plan.kpis if team is None or k.team == team]
    by_id = {kpi.id: kpi for kpi in plan.kpis}
    result = {"key_results": dict.fromkeys(INDICATOR_TYPES, 0), "kpis": dict.fromkeys(INDICATOR_TYPES, 0)}
    for objective in objectives:
        for kr in objective.key_results:
            linked = by_id.get(kr.kpi) if kr.kpi else None
            kind = _catalog_type(linked.catalog_id) if linked is not None and linked.catalog_id else None
            if kind is None and kr.metric:
                kind = _matched_type(kr.metric)
            if kind is None:
                kind = _matched_type(kr.title)
            result["key_results"][kind or "unknown"] += 1
    for kpi in kpis:
        kind = _catalog_type(kpi.catalog_id) if kpi.catalog_id else None
        result["kpis"][kind or _matched_type(kpi.name) or "unknown"] += 1
    return result


def _catalog_type(catalog_id: str) -> str | None:
    from okrcoach.kpis.catalog import default_catalog

    found = default_catalog().get(catalog_id)
    return found.indicator_type if found is not None and found.indicator_type in INDICATOR_TYPES else None


def _matched_type(text: str) -> str | None:
    from okrcoach.kpis.match import default_matcher

    found = default_matcher().match(text, fuzzy=False)
    return found.kpi.indicator_type if found is not None and found.kpi.indicator_type in INDICATOR_TYPES else None


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _label(item_id: str, title: str, limit: int = 60) -> str:
    return _shorten(f"{item_id}: {title}", limit)


def _unique(labels: list[str]) -> list[str]:
    """Return the labels with repeats told apart (two ids can shorten to the same text)."""
    seen: Counter[str] = Counter()
    result = []
    for label in labels:
        seen[label] += 1
        result.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return result


def _listing(items: Sequence[str], limit: int = 12) -> str:
    if not items:
        return "(none)"
    shown = ", ".join(repr(item) for item in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _note(figure: Any, text: str) -> None:
    figure.add_annotation(text=text, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False, font={"size": 16, "color": GREY})
