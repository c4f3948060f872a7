"""CheckinTracker: the weekly check-in for one objective, saved to the check-in database.

>>> import okrcoach
>>> from okrcoach.widgets import CheckinTracker
>>> tracker = CheckinTracker(okrcoach.load_sample("greencycle"), "checkins.db")   # doctest: +SKIP
>>> tracker.objective = "CS1"                                                     # doctest: +SKIP
>>> tracker.set_value("CS1.KR1", 9, confidence=6, comment="new macros live")       # doctest: +SKIP
>>> tracker.save()                                                                 # doctest: +SKIP
3

One row per key result: its current value (or "% done" for a milestone, "done" for a yes/no
result), a confidence from 0 to 10 (Wodtke, *Radical Focus*: start at 5 and watch it move)
and a comment. "Save check-in" writes every row of the objective in one transaction for the
day (default: `okrcoach.clock.today()`), then shows progress against the expected pace and the
key results at risk (`okrcoach.tracking.score_plan`). Nothing is saved when a row is invalid.
"""

from __future__ import annotations

import html
import math
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from okrcoach.clock import today
from okrcoach.errors import LoadError
from okrcoach.model import KeyResult, KRKind, Objective, Plan
from okrcoach.tracking.scoring import KeyResultScore, Scorecard, score_plan
from okrcoach.tracking.store import CheckIn, CheckinStore

__all__ = ["CheckinTracker", "DEFAULT_CONFIDENCE", "entry_kind"]

#: Where confidence starts when a key result has no check-in yet (Wodtke: start near 5).
DEFAULT_CONFIDENCE = 5

_COLOURS = {"green": "#2e7d32", "yellow": "#f9a825", "red": "#c62828", "grey": "#9e9e9e"}
_RED, _GREY, _GREEN = "#c62828", "#616161", "#2e7d32"


def _e(value: Any) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


def entry_kind(key_result: KeyResult) -> str:
    """Return how a key result's value is entered: 'number', 'percent' (% done) or 'done' (yes/no).

    Mirrors `okrcoach.tracking.scoring.progress`: binary results are done or not, milestones and
    statements without a number are scored by percent complete, the rest by their metric.
    """
    from okrcoach.rules._common import statement

    parsed = statement(key_result)
    kind = key_result.kind or parsed.kind
    if kind is KRKind.BINARY:
        return "done"
    if kind is KRKind.MILESTONE or (parsed.target is None and kind is not KRKind.METRIC):
        return "percent"
    return "number"


class CheckinTracker(widgets.VBox):
    """Record this week's check-in for an objective's key results and see their progress and risk.

    `store` is a `CheckinStore` or the path of its SQLite file (created when missing).
    """

    def __init__(
        self,
        plan: Plan,
        store: CheckinStore | str | Path,
        *,
        day: date | None = None,
        objective: str | None = None,
        author: str = "",
        chart: bool = True,
    ) -> None:
        super().__init__()
        if not plan.objectives:
            raise ValueError("the plan has no objectives to check in on")
        self.plan = plan
        self.store = store if isinstance(store, CheckinStore) else CheckinStore(store)
        self.day = day or today()
        self.author = author
        self.use_chart = chart
        self.figure: Any = None
        self._scorecard: Scorecard | None = None
        self._state: dict[str, dict[str, Any]] = {}  # per key result: value, confidence, comment
        self._rows: dict[str, dict[str, widgets.Widget]] = {}
        self._syncing = False

        self.objective_dropdown = widgets.Dropdown(
            options=[(_shorten(f"{item.id}: {item.title}", 80), item.id) for item in plan.objectives],
            description="Objective",
            layout=widgets.Layout(width="95%"),
        )
        self.header = widgets.HTML()
        self.rows_box = widgets.VBox()
        self.save_button = widgets.Button(description="Save check-in", button_style="primary", icon="save",
                                          tooltip="Save every row below for this day, all together")  # fmt: skip
        self.save_button.on_click(lambda _: self.save())
        self.message_html = widgets.HTML()
        self.progress_html = widgets.HTML()
        self.chart_output = widgets.Output()
        self._message = ""
        if objective is not None:
            self.objective = objective  # before the observer: the rows are built once, below
        self.objective_dropdown.observe(lambda _: self._show_objective(), names="value")
        self.children = [
            self.objective_dropdown,
            self.header,
            self.rows_box,
            self.save_button,
            self.message_html,
            self.progress_html,
            self.chart_output,
        ]
        self._show_objective()

    def __repr__(self) -> str:
        return f"<CheckinTracker: objective {self.objective}, {len(self._rows)} key results, day {self.day.isoformat()}>"

    # ------------------------------------------------------------------ public API

    @property
    def objective(self) -> str:
        """Return the id of the objective being checked in."""
        return self.objective_dropdown.value

    @objective.setter
    def objective(self, objective_id: str) -> None:
        known = [item.id for item in self.plan.objectives]
        if objective_id not in known:
            raise ValueError(f"no objective {objective_id!r} in this plan: choose one of {', '.join(known)}")
        self.objective_dropdown.value = objective_id

    @property
    def rows(self) -> dict[str, dict[str, widgets.Widget]]:
        """Return, per key result of the objective, its input widgets: 'value', 'confidence', 'comment'.

        'value' is a FloatText for a number, an IntSlider (0-100) for "% done" and a Checkbox for
        a yes/no result.
        """
        return dict(self._rows)

    @property
    def entries(self) -> dict[str, dict[str, Any]]:
        """Return, per key result of the objective, what "Save" would write: value, confidence, comment."""
        return {kr_id: {key: self._state[kr_id][key] for key in ("value", "confidence", "comment")} for kr_id in self._rows}

    @property
    def message(self) -> str:
        """Return the last message shown (saved, or what to fix), as plain text."""
        return self._message

    @property
    def scorecard(self) -> Scorecard:
        """Return the plan scored on the tracker's day with the check-ins saved so far."""
        if self._scorecard is None:
            self._scorecard = score_plan(self.plan, self.store, day=self.day)
        return self._scorecard

    def set_value(self, kr_id: str, value: float | bool | None, confidence: int | None = None, comment: str = "") -> None:
        """Fill in one key result's row: value, and optionally confidence (0-10) and a comment.

        Out-of-range or missing input is kept as typed so that "Save" can say what to fix.
        """
        if kr_id not in self._rows:
            raise KeyError(f"{kr_id!r} is not a key result of objective {self.objective}: choose one of {', '.join(self._rows)}")
        state = self._state[kr_id]
        state["value"] = value
        if confidence is not None:
            state["confidence"] = confidence
        state["comment"] = comment or ""
        self._sync_widgets(kr_id)

    def save(self) -> int:
        """Save every row of the objective for the day in one transaction; return how many were saved.

        When any row is invalid nothing is saved, the message says what to fix and 0 is returned.
        """
        problems, checkins = [], []
        for kr_id in self._rows:
            checkin, problem = self._checkin(kr_id)
            if problem:
                problems.append(problem)
            elif checkin is not None:
                checkins.append(checkin)
        if problems:
            self._say("Nothing was saved. Please fix: " + " ".join(problems), error=True)
            return 0
        if not checkins:
            self._say("This objective has no key results to check in on.", error=True)
            return 0
        try:
            saved = self.store.record_many(checkins)
        except LoadError as error:
            self._say(f"Nothing was saved: {error}", error=True)
            return 0
        self._scorecard = None
        self._say(f"Saved {saved} check-in{'s' if saved != 1 else ''} for {self.objective} on {self.day.isoformat()}.")
        self._show_progress()
        return saved

    # ------------------------------------------------------------------ rows

    def _objective(self) -> Objective:
        return self.plan.objective(self.objective)

    def _initial_state(self, key_result: KeyResult, kind: str) -> dict[str, Any]:
        """Start from the latest check-in up to the day, else the `current` field, else the baseline."""
        history = [item for item in self.store.history(key_result.id) if item.day <= self.day]
        valued = [item for item in history if item.value is not None]
        confidences = [item.confidence for item in history if item.confidence is not None]
        value: float | bool | None = valued[-1].value if valued else key_result.current
        if value is None and kind == "number":
            from okrcoach.rules._common import statement

            baseline = statement(key_result).baseline
            value = baseline.value if baseline is not None else None
        if kind == "done":
            value = bool(value)
        elif kind == "percent" and value is None:
            value = 0.0
        return {"value": value, "confidence": confidences[-1] if confidences else DEFAULT_CONFIDENCE, "comment": ""}

    def _row(self, key_result: KeyResult) -> widgets.Widget:
        kind = entry_kind(key_result)
        state = self._state.setdefault(key_result.id, self._initial_state(key_result, kind))
        state["kind"] = kind
        label = widgets.HTML(f"<b>{_e(key_result.id)}</b> {_e(key_result.title)}", layout=widgets.Layout(width="95%"))
        if kind == "done":
            value_input: widgets.Widget = widgets.Checkbox(value=bool(state["value"]), description="Done", indent=False)
        elif kind == "percent":
            value_input = widgets.IntSlider(value=_clamp(state["value"], 0, 100), min=0, max=100, step=1,
                                            description="% done", style={"description_width": "initial"})  # fmt: skip
        else:
            unit = key_result.unit or _unit_of(key_result)
            value_input = widgets.FloatText(
                value=0.0 if state["value"] is None else float(state["value"]),
                description=f"Value{f' ({unit})' if unit else ''}",
                style={"description_width": "initial"},
                layout=widgets.Layout(width="240px"),
            )
        confidence = widgets.IntSlider(
            value=_clamp(state["confidence"], 0, 10), min=0, max=10, description="Confidence",
            tooltip="0 = it will not happen, 10 = certain; 5 is a fair start",
        )  # fmt: skip
        comment = widgets.Text(value=state["comment"], placeholder="What changed? What is in the way?",
                               description="Comment", layout=widgets.Layout(width="95%"))  # fmt: skip
        hint = widgets.HTML()
        value_input.observe(lambda change, kr=key_result.id: self._edited(kr, "value", change["new"]), names="value")
        confidence.observe(lambda change, kr=key_result.id: self._edited(kr, "confidence", change["new"]), names="value")
        comment.observe(lambda change, kr=key_result.id: self._edited(kr, "comment", change["new"]), names="value")
        self._rows[key_result.id] = {"value": value_input, "confidence": confidence, "comment": comment, "hint": hint}
        self._update_hint(key_result.id)
        box = widgets.VBox([label, widgets.HBox([value_input, hint]), confidence, comment])
        box.layout = widgets.Layout(border="1px solid #e0e0e0", padding="4px", margin="4px 0")
        return box

    def _edited(self, kr_id: str, field: str, value: Any) -> None:
        if self._syncing:
            return
        self._state[kr_id][field] = value
        self._update_hint(kr_id)

    def _sync_widgets(self, kr_id: str) -> None:
        """Show the row's state in its widgets (an out-of-range number is kept in the state only)."""
        state, row = self._state[kr_id], self._rows[kr_id]
        self._syncing = True
        try:
            value = state["value"]
            if isinstance(row["value"], widgets.Checkbox):
                row["value"].value = bool(value)
            elif isinstance(row["value"], widgets.IntSlider):
                if _is_number(value):
                    row["value"].value = _clamp(value, 0, 100)
            elif _is_number(value):
                row["value"].value = float(value)
            if _is_number(state["confidence"]):
                row["confidence"].value = _clamp(state["confidence"], 0, 10)
            row["comment"].value = str(state["comment"] or "")
        finally:
            self._syncing = False
        self._update_hint(kr_id)

    def _update_hint(self, kr_id: str) -> None:
        _, problem = self._checkin(kr_id)
        hint = self._rows[kr_id]["hint"]
        hint.value = f"<span style='color:{_RED}'>{_e(problem)}</span>" if problem else ""

    def _checkin(self, kr_id: str) -> tuple[CheckIn | None, str]:
        """Return the row as a check-in, or the problem to fix (in plain words)."""
        state = self._state[kr_id]
        value, confidence, kind = state["value"], state["confidence"], state.get("kind", "number")
        if kind == "done":
            number: float | None = 1.0 if value else 0.0
        elif value is None or (isinstance(value, str) and not value.strip()):
            return None, f"{kr_id}: type its current value (nothing entered yet)."
        elif not _is_number(value):
            return None, f"{kr_id}: the value must be a number, not {value!r}."
        else:
            number = float(value)
            if kind == "percent" and not 0 <= number <= 100:
                return None, f"{kr_id}: '% done' must be between 0 and 100, not {number:g}."
        if confidence is None or isinstance(confidence, bool) or not isinstance(confidence, int | float) \
                or confidence != int(confidence) or not 0 <= confidence <= 10:  # fmt: skip
            return None, f"{kr_id}: confidence must be a whole number from 0 to 10, not {confidence!r}."
        comment = str(state["comment"] or "").strip()
        return CheckIn(kr_id, self.day, number, int(confidence), comment, self.author), ""

    # ------------------------------------------------------------------ display

    def _show_objective(self) -> None:
        objective = self._objective()
        self._scorecard = None  # another tracker may have saved to the same store meanwhile
        self._rows = {}
        self.rows_box.children = tuple(self._row(key_result) for key_result in objective.key_results)
        kind = "committed (expected to reach 1.0)" if objective.type.value == "committed" else "aspirational (0.7 is a good result)"
        team = f" &middot; team {_e(objective.team)}" if objective.team else ""
        self.header.value = (
            f"<b>{_e(objective.title)}</b><br><span style='color:{_GREY}'>Check-in for {_e(self.day.isoformat())}"
            f"{team} &middot; {_e(kind)}. Update each key result, then press 'Save check-in'.</span>"
        )
        self._say("")
        self._show_progress()

    def _say(self, text: str, *, error: bool = False) -> None:
        self._message = text
        colour = _RED if error else _GREEN
        self.message_html.value = f"<div style='color:{colour}'>{_e(text)}</div>" if text else ""

    def _show_progress(self) -> None:
        chart = self._chart() if self.use_chart else None
        self.progress_html.value = progress_html(self.scorecard, self.objective, bars=chart is None)
        self.chart_output.outputs = ()
        self.figure = chart
        if chart is not None:
            # The figure's own mime bundle (plotly's default renderer) goes straight into the Output
            # widget: displaying it from a callback would send it to whichever cell ran last.
            try:
                bundle = chart._repr_mimebundle_()
            except Exception:
                bundle = {}
            if bundle:
                self.chart_output.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)
            else:  # e.g. no notebook renderer (plain Python): draw the bars in HTML instead
                self.progress_html.value = progress_html(self.scorecard, self.objective, bars=True)

    def _chart(self) -> Any:
        """Return the plotly progress chart when okrcoach.charts (and plotly) are available, else None."""
        try:
            from okrcoach.charts import progress_chart
        except ImportError:
            return None
        try:
            return progress_chart(self.scorecard, objective=self.objective)
        except Exception:  # a chart problem must never stop a check-in
            return None


def progress_html(scorecard: Scorecard, objective_id: str, *, bars: bool = True) -> str:
    """Return one objective's key results as HTML: progress, expected pace, confidence and risk.

    With `bars`, each key result gets a bar (its progress, coloured by grade band) with a black
    mark at the expected pace (the share of the cycle gone).
    """
    objective = next((item for item in scorecard.objectives if item.objective == objective_id), None)
    if objective is None:
        return ""
    rows = []
    for score in objective.key_results:
        done = "no value yet" if score.progress is None else f"{round(score.progress * 100) + 0:d}% done"
        line = f"<b>{_e(score.key_result)}</b> {_e(_shorten(score.title, 70))}: {_e(done)}, {score.expected:.0%} expected by now"
        if score.confidence is not None:
            line += f", confidence {score.confidence}/10"
        bar = _bar(score) if bars else ""
        risk = ""
        if score.at_risk:
            risk = f"<div style='color:{_RED}'>&#9888; At risk: {_e('; '.join(score.reasons))}</div>"
        rows.append(f"<div style='margin:4px 0'>{line}{bar}{risk}</div>")
    grade = "no grade yet" if objective.grade is None else f"grade {objective.grade:.1f}"
    aim = "1.0 (committed)" if objective.expected_grade >= 1 else f"{objective.expected_grade:.1f} (aspirational)"
    at_risk = [score.key_result for score in objective.key_results if score.at_risk]
    summary = (
        f"<span style='color:{_RED}'>{len(at_risk)} at risk: {_e(', '.join(at_risk))}</span>" if at_risk
        else f"<span style='color:{_GREEN}'>none at risk</span>"
    )  # fmt: skip
    head = f"<b>Progress on {_e(scorecard.day.isoformat())}</b>: {_e(grade)}, aim {_e(aim)}; {summary}"
    return f"<div class='okrcoach-progress'>{head}{''.join(rows)}</div>"


def _bar(score: KeyResultScore) -> str:
    width = 0.0 if score.progress is None else min(max(score.progress, 0.0), 1.2) / 1.2 * 100
    pace = min(max(score.expected, 0.0), 1.0) / 1.2 * 100
    colour = _COLOURS.get(score.band, _COLOURS["grey"])
    return (
        "<div style='position:relative;height:12px;width:300px;background:#eeeeee;border-radius:3px'>"
        f"<div style='height:12px;width:{width:.1f}%;background:{colour};border-radius:3px'></div>"
        f"<div title='expected by now' style='position:absolute;top:-2px;left:{pace:.1f}%;width:2px;height:16px;background:#212121'></div>"
        "</div>"
    )


def _shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unit_of(key_result: KeyResult) -> str | None:
    from okrcoach.rules._common import statement

    return statement(key_result).unit


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _clamp(value: Any, low: int, high: int) -> int:
    if not _is_number(value):
        return low
    return int(min(max(round(value), low), high))
