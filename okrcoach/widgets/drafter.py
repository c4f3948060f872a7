"""OKRDrafter: a form to draft OKRs with live coaching, autosave and files.

>>> from okrcoach.widgets import OKRDrafter
>>> drafter = OKRDrafter(team="Support")                                      # doctest: +SKIP
>>> drafter                                                                    # doctest: +SKIP

Everything the form does can be done from code, through the same widgets and events a learner
uses, so notebooks and tests need no browser:

>>> drafter.set_objective_title(0, "Make getting help effortless")            # doctest: +SKIP
>>> drafter.set_key_result(0, 0, "Improve the onboarding experience")         # doctest: +SKIP
>>> drafter.score, [f.rule for f in drafter.findings]                          # doctest: +SKIP

Each change is checked with `okrcoach.check` a moment after the last keystroke (`debounce`
seconds), and the draft is then written to the autosave file, so a dead kernel or a closed tab
loses at most that moment. Reading `.plan`, `.report`, `.score` or `.findings` (or calling
`flush()`) runs a pending check at once. Indexes in the methods count from 0; the form shows
them from 1 ("Objective 1").
"""

from __future__ import annotations

import asyncio
import html
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from okrcoach import fixes
from okrcoach.errors import LoadError, OkrcoachError
from okrcoach.findings import Finding, Severity
from okrcoach.model import Cadence, Cycle, KeyResult, Objective, ObjectiveType, Plan
from okrcoach.check_report import Report
from okrcoach.settings import Settings
from okrcoach.text import clean_text

__all__ = ["AsyncioScheduler", "OKRDrafter", "ImmediateScheduler", "Scheduler"]

DEFAULT_AUTOSAVE = "okrcoach-drafts/draft.yaml"
OBJECTIVE_PLACEHOLDER = "What do you want to achieve? e.g. Make getting help effortless"
KEY_RESULT_PLACEHOLDER = "How will you know? e.g. Cut first response time from 8 hours to 4 hours by 31 March"
INTRO = (
    "<p><strong>Draft your OKRs.</strong> An <strong>objective</strong> says in words what you want to achieve. "
    "Its <strong>key results</strong> are 2 to 5 measurable results that prove you got there: "
    "from where, to where, by when. The coach checks your draft as you type and suggests improvements below.</p>"
)
_COLOURS = {"error": "#b42318", "warning": "#b54708", "info": "#175cd3"}
_LABELS = {"error": "must fix", "warning": "should fix", "info": "tip"}
_YAML_SUFFIXES = (".yaml", ".yml")
_KNOWN_SUFFIXES = frozenset({".yaml", ".yml", ".md", ".markdown", ".xlsx", ".csv", ".tsv", ".json", ".txt"})


def _e(value: Any) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


def _lines(text: str) -> str:
    """Return text escaped for HTML with its line breaks kept."""
    return "<br>".join(_e(line) for line in str(text).splitlines())


# --- schedulers --------------------------------------------------------------------------------


class Scheduler:
    """What the drafter needs to debounce: run fn after delay seconds, or cancel that."""

    def call_later(self, delay: float, fn: Callable[[], None]) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def cancel(self, handle: Any) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class ImmediateScheduler(Scheduler):
    """Run every call at once (no debounce): for scripts and plain Python."""

    def call_later(self, delay: float, fn: Callable[[], None]) -> None:
        fn()
        return None

    def cancel(self, handle: Any) -> None:
        return None


class AsyncioScheduler(Scheduler):
    """Use the running asyncio loop (a Jupyter kernel has one); without a loop, run at once."""

    def call_later(self, delay: float, fn: Callable[[], None]) -> Any:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            fn()
            return None
        return loop.call_later(delay, fn)

    def cancel(self, handle: Any) -> None:
        if handle is not None:
            handle.cancel()


# --- form rows ---------------------------------------------------------------------------------


class KeyResultRow:
    """One key-result line of the form: a Text and its "remove" button."""

    def __init__(self, text: str = "", base: KeyResult | None = None) -> None:
        self.base = base  # the key result this row was filled from (keeps its id and extra fields)
        self.text = widgets.Text(
            value=text,
            placeholder=KEY_RESULT_PLACEHOLDER,
            description="Key result",
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(flex="1 1 auto", width="auto"),
        )
        self.remove_button = widgets.Button(
            description="remove", tooltip="Remove this key result", layout=widgets.Layout(width="auto")
        )
        self.box = widgets.HBox([self.text, self.remove_button], layout=widgets.Layout(width="100%"))

    def close(self) -> None:
        for widget in (self.text, self.remove_button, self.box):
            widget.close()


class ObjectiveBlock:
    """One objective of the form: title, type, key-result rows and buttons."""

    def __init__(self, title: str = "", kind: str = ObjectiveType.ASPIRATIONAL.value, base: Objective | None = None) -> None:
        self.base = base  # the objective this block was filled from (keeps its id and extra fields)
        self.heading = widgets.HTML()
        self.title = widgets.Text(
            value=title,
            placeholder=OBJECTIVE_PLACEHOLDER,
            description="Objective",
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%"),
        )
        self.type = widgets.ToggleButtons(
            options=[("committed", ObjectiveType.COMMITTED.value), ("aspirational", ObjectiveType.ASPIRATIONAL.value)],
            value=kind,
            description="Type",
            tooltips=[
                "Committed: the team expects to deliver it in full (a score of 1.0)",
                "Aspirational: a stretch goal; reaching about 70% is a success",
            ],
            style={"description_width": "initial", "button_width": "auto"},
        )
        self.rows: list[KeyResultRow] = []
        self.rows_box = widgets.VBox(layout=widgets.Layout(margin="0 0 0 2em"))
        self.add_button = widgets.Button(
            description="+ key result", tooltip="Add a key result to this objective", layout=widgets.Layout(width="auto")
        )
        self.remove_button = widgets.Button(
            description="remove objective",
            tooltip="Remove this objective and its key results",
            layout=widgets.Layout(width="auto"),
        )
        self.box = widgets.VBox(
            [self.heading, self.title, self.type, self.rows_box, widgets.HBox([self.add_button, self.remove_button])],
            layout=widgets.Layout(border="1px solid #d0d5dd", padding="4px 8px", margin="4px 0"),
        )

    def close(self) -> None:
        for row in self.rows:
            row.close()
        for widget in (self.heading, self.title, self.type, self.rows_box, self.add_button, self.remove_button, self.box):
            widget.close()


# --- the drafter -------------------------------------------------------------------------------


class OKRDrafter(widgets.VBox):
    """Draft OKRs in a form, with findings, a quality score and fixes updated as you type.

    plan: a Plan, a file path or a mapping to start from; None starts from the autosave file
    when there is one, else from an empty objective. cycle: the cycle label (default: the plan's
    cycle, else the quarter of today). autosave: where the draft is written after each change
    (None: nowhere). debounce: seconds to wait after the last keystroke before checking; max_wait:
    the longest a burst of typing may postpone the check and autosave.
    scheduler: an object with call_later(delay, fn) -> handle and cancel(handle); the default
    uses the kernel's asyncio loop, or checks at once outside a loop.
    """

    def __init__(
        self,
        plan: Plan | str | os.PathLike[str] | dict[str, Any] | None = None,
        *,
        cycle: str | None = None,
        team: str = "",
        organisation: str = "",
        autosave: str | os.PathLike[str] | None = DEFAULT_AUTOSAVE,
        debounce: float = 0.4,
        max_wait: float = 5.0,
        scheduler: Any = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.debounce = float(debounce)
        self.max_wait = float(max_wait)  # someone typing without a pause is still checked and autosaved this often
        self._burst_started = 0.0
        self.scheduler = scheduler if scheduler is not None else AsyncioScheduler()
        self.autosave_path: Path | None = Path(autosave) if autosave is not None else None
        self.backlog: list[str] = []  # key results moved out by the too-many-key-results fix
        self.checks = 0  # how many times the draft was checked (for tests and curious learners)
        self.last_written: Path | None = None  # the file the last save or export wrote
        self._blocks: list[ObjectiveBlock] = []
        self._extra: dict[str, Any] = {}  # plan fields the form does not show (kpis, strategy, teams)
        self._where: dict[str, tuple[ObjectiveBlock, KeyResultRow | None]] = {}
        self._notes: list[str] = []
        self._pending: Any = None
        self._generation = 0
        self._populating = False
        self._autosaved_text: str | None = None
        self._fix_findings: list[Finding] = []
        self._fix_rows: list[widgets.HBox] = []  # reused, so typing does not create new widgets
        self._dirty = False
        self._custom_cycle: Cycle | None = None  # a cycle given by dates, shown by its label
        self.last_loaded: Plan | None = None  # the plan the last load read
        self._plan = Plan()
        self._report: Report | None = None

        self._build_widgets()

        start, message = self._starting_plan(plan)
        self._populate(start, cycle=cycle, team=team, organisation=organisation)
        if message:
            self._status(*message)
        self._recheck(save_draft=False)

    # --- building the widgets ---

    def _build_widgets(self) -> None:
        text_style = {"description_width": "initial"}
        self.intro = widgets.HTML(INTRO)
        self.cycle_text = widgets.Text(
            description="Cycle",
            placeholder="e.g. 2026-Q1",
            tooltip="The quarter (2026-Q1), half (2026-H2) or year (2026) these OKRs are for",
            continuous_update=True,
            style=text_style,
            layout=widgets.Layout(width="14em"),
        )
        self.team_text = widgets.Text(
            description="Team", placeholder="e.g. Support", continuous_update=True, style=text_style
        )
        self.organisation_text = widgets.Text(
            description="Organisation", placeholder="e.g. GreenCycle", continuous_update=True, style=text_style
        )
        self.cycle_note = widgets.HTML()
        for text in (self.cycle_text, self.team_text, self.organisation_text):
            text.observe(self._on_edit, names="value")
        self.objectives_box = widgets.VBox()
        self.add_objective_button = widgets.Button(
            description="+ objective", tooltip="Add another objective", layout=widgets.Layout(width="auto")
        )
        self.add_objective_button.on_click(self._on_add_objective)

        self.score_bar = widgets.IntProgress(value=0, min=0, max=100, description="Quality", style=text_style)
        self.score_label = widgets.Label("Quality 0/100")
        self.findings_html = widgets.HTML()
        self.fix_box = widgets.VBox()
        self.kpis_html = widgets.HTML()
        self.backlog_html = widgets.HTML()

        self.path_text = widgets.Text(
            value="okrs.yaml", description="File", placeholder="e.g. okrs.yaml", style=text_style
        )
        self.overwrite_box = widgets.Checkbox(value=False, description="overwrite an existing file", indent=False)
        self.save_button = widgets.Button(description="Save YAML", tooltip="Save the draft as an OKR file (.yaml)")
        self.load_button = widgets.Button(description="Load YAML", tooltip="Replace the draft with the file's OKRs")
        self.markdown_button = widgets.Button(description="Export Markdown", tooltip="Write the draft as a Markdown document (.md)")
        self.xlsx_button = widgets.Button(description="Export XLSX", tooltip="Write the draft as a spreadsheet (.xlsx)")
        self.save_button.on_click(lambda _: self._save_yaml())
        self.load_button.on_click(lambda _: self._load_file())
        self.markdown_button.on_click(lambda _: self._export_as(".md"))
        self.xlsx_button.on_click(lambda _: self._export_as(".xlsx"))
        self.status = widgets.HTML()

        self.children = [
            self.intro,
            widgets.HBox([self.cycle_text, self.team_text, self.organisation_text]),
            self.cycle_note,
            self.objectives_box,
            self.add_objective_button,
            widgets.HBox([self.score_bar, self.score_label]),
            self.findings_html,
            self.fix_box,
            self.kpis_html,
            self.backlog_html,
            widgets.HBox([self.path_text, self.overwrite_box]),
            widgets.HBox([self.save_button, self.load_button, self.markdown_button, self.xlsx_button]),
            self.status,
        ]

    def _new_block(self, title: str = "", kind: str = ObjectiveType.ASPIRATIONAL.value, base: Objective | None = None) -> ObjectiveBlock:
        block = ObjectiveBlock(title, kind, base)
        block.title.observe(self._on_edit, names="value")
        block.type.observe(self._on_edit, names="value")
        block.add_button.on_click(lambda _: self._add_row(block))
        block.remove_button.on_click(lambda _: self._remove_block(block))
        return block

    def _new_row(self, block: ObjectiveBlock, text: str = "", base: KeyResult | None = None) -> KeyResultRow:
        row = KeyResultRow(text, base)
        row.text.observe(self._on_edit, names="value")
        row.remove_button.on_click(lambda _: self._remove_row(block, row))
        block.rows.append(row)
        return row

    def _layout(self) -> None:
        """Put the blocks and rows into their boxes and number them."""
        for number, block in enumerate(self._blocks, 1):
            block.heading.value = f"<strong>Objective {number}</strong>"
            block.title.description = f"Objective {number}"
            for row_number, row in enumerate(block.rows, 1):
                row.text.description = f"Key result {row_number}"
            block.rows_box.children = [row.box for row in block.rows]
        self.objectives_box.children = [block.box for block in self._blocks]

    # --- filling the form from a plan ---

    def _starting_plan(self, plan: Any) -> tuple[Plan | None, tuple[str, str] | None]:
        if plan is not None:
            try:
                loaded = _load(plan)
            except (OkrcoachError, OSError, ValueError, TypeError) as error:
                return None, ("error", f"Could not open {plan if isinstance(plan, str | os.PathLike) else 'the plan'}: {error}")
            if isinstance(plan, str | os.PathLike):
                self.path_text.value = str(plan)
            return loaded, None
        if self.autosave_path is not None and self.autosave_path.is_file():
            try:
                restored = _load(self.autosave_path)
            except (OkrcoachError, OSError, ValueError) as error:
                return None, ("error", f"Could not restore your unsaved draft from {self.autosave_path}: {error}")
            return restored, ("ok", f"Restored your unsaved draft from {self.autosave_path}")
        return None, None

    def _populate(self, plan: Plan | None, *, cycle: str | None = None, team: str = "", organisation: str = "") -> None:
        """Replace the whole form with a plan (None: one empty objective)."""
        self._populating = True
        try:
            for block in self._blocks:
                block.close()
            self._blocks = []
            objectives = plan.objectives if plan is not None else ()
            teams = {objective.team for objective in objectives}
            common_team = next(iter(teams)) if len(teams) == 1 else None
            self._custom_cycle = plan.cycle if plan is not None and plan.cycle is not None and plan.cycle.cadence is Cadence.CUSTOM else None
            if cycle is None:
                cycle = plan.cycle.label if plan is not None and plan.cycle is not None else ("" if plan is not None else fixes.current_quarter())
            self.cycle_text.value = cycle
            self.team_text.value = team or common_team or ""
            self.organisation_text.value = organisation or (plan.organisation if plan is not None else None) or ""
            for objective in objectives:
                self._blocks.append(self._block_from(objective))
            if not self._blocks:
                block = self._new_block()
                self._new_row(block)
                self._blocks.append(block)
            self._extra = _extras(plan)
            self._layout()
        finally:
            self._populating = False

    def _block_from(self, objective: Objective) -> ObjectiveBlock:
        block = self._new_block(objective.title, objective.type.value, self._owned(objective))
        for key_result in objective.key_results:
            self._new_row(block, key_result.title, key_result)
        if not block.rows:
            self._new_row(block)
        return block

    def _owned(self, objective: Objective) -> Objective:
        """Return the objective without its team when the Team box speaks for it.

        With objectives of several teams the Team box starts empty and each keeps its own team;
        typing a team there gives it to every objective.
        """
        team = clean_text(self.team_text.value)
        if team and objective.team == team:
            return objective.model_copy(update={"team": None})
        return objective

    def _refill(self, plan: Plan) -> None:
        """Update the titled objectives in place from a fixed plan; untitled ones stay as they are."""
        included = [block for block in self._blocks if self._included(block)]
        if len(included) != len(plan.objectives):
            self._populate(plan, cycle=plan.cycle.label if plan.cycle else "", team=self.team_text.value,
                           organisation=self.organisation_text.value)  # fmt: skip
            return
        self._populating = True
        try:
            for block, objective in zip(included, plan.objectives, strict=True):
                block.base = self._owned(objective)
                block.title.value = objective.title
                block.type.value = objective.type.value
                for row in block.rows:
                    row.close()
                block.rows = []
                for key_result in objective.key_results:
                    self._new_row(block, key_result.title, key_result)
                if not block.rows:
                    self._new_row(block)
            if plan.cycle is not None and self._parse_cycle(self.cycle_text.value) != plan.cycle:
                self.cycle_text.value = plan.cycle.label
            self._extra = _extras(plan)
            self._layout()
        finally:
            self._populating = False

    # --- events ---

    def _on_edit(self, change: Any = None) -> None:
        if not self._populating:
            self._schedule()

    def _on_add_objective(self, _: Any = None) -> None:
        block = self._new_block()
        self._new_row(block)
        self._blocks.append(block)
        self._layout()
        self._schedule()

    def _add_row(self, block: ObjectiveBlock) -> None:
        self._new_row(block)
        self._layout()
        self._schedule()

    def _remove_row(self, block: ObjectiveBlock, row: KeyResultRow) -> None:
        if row in block.rows:
            block.rows.remove(row)
            row.close()
            self._layout()
            self._schedule()

    def _remove_block(self, block: ObjectiveBlock) -> None:
        if block in self._blocks:
            self._blocks.remove(block)
            block.close()
            self._layout()
            self._schedule()

    # --- debounced checking ---

    def _schedule(self) -> None:
        now = time.monotonic()
        if self._pending is not None:
            self.scheduler.cancel(self._pending)
            self._pending = None
        else:
            self._burst_started = now
        self._generation += 1
        generation = self._generation
        self._dirty = True
        # Debounce, but never postpone beyond max_wait: a long burst of typing is still autosaved.
        delay = self.debounce if now - self._burst_started < self.max_wait else 0.0
        handle = self.scheduler.call_later(delay, lambda: self._fire(generation))
        if self._dirty:  # not run at once by the scheduler
            self._pending = handle

    def _fire(self, generation: int) -> None:
        if generation != self._generation or not self._dirty:
            return  # a later edit replaced this check, or flush() already ran it
        self._pending = None
        try:
            self._recheck(save_draft=True)
        except Exception as error:  # never let a scheduled callback die with a traceback in the log
            self._status("error", f"Could not check the draft: {type(error).__name__}: {error}")

    def flush(self) -> Report:
        """Run a pending check now (after edits), and return the latest report."""
        if self._dirty:
            if self._pending is not None:
                self.scheduler.cancel(self._pending)
                self._pending = None
            self._recheck(save_draft=True)
        assert self._report is not None
        return self._report

    def _recheck(self, *, save_draft: bool) -> None:
        self._dirty = False
        self._plan, self._where, self._notes = self._build_plan()
        self._report = _check(self._plan, self.settings)
        self.checks += 1
        self._show()
        if save_draft:
            self._autosave()

    # --- the plan from the form ---

    @staticmethod
    def _included(block: ObjectiveBlock) -> bool:
        return bool(clean_text(block.title.value))

    def _parse_cycle(self, text: str) -> Cycle | None:
        custom = self._custom_cycle
        if custom is not None and clean_text(text or "") == custom.label:
            return custom
        return _cycle_or_none(text)

    def _build_plan(self) -> tuple[Plan, dict[str, tuple[ObjectiveBlock, KeyResultRow | None]], list[str]]:
        """Return the plan the form holds, never raising: half-typed parts are left out with a note."""
        from okrcoach.writers.data import cycle_to_data

        notes: list[str] = []
        cycle_text = clean_text(self.cycle_text.value)
        cycle = self._parse_cycle(cycle_text)
        if cycle_text and cycle is None:
            self.cycle_note.value = (
                f"<span style='color:{_COLOURS['warning']}'>{_e(cycle_text)} is not a cycle okrcoach knows: write it like "
                "2026-Q1, 2026-H2 or 2026. Checking without a cycle for now.</span>"
            )
        else:
            self.cycle_note.value = ""
        team = clean_text(self.team_text.value) or None
        organisation = clean_text(self.organisation_text.value) or None
        included: list[tuple[ObjectiveBlock, list[KeyResultRow]]] = []
        for number, block in enumerate(self._blocks, 1):
            rows = [row for row in block.rows if clean_text(row.text.value)]
            if self._included(block):
                included.append((block, rows))
            elif rows:
                notes.append(f"Objective {number} has no title yet, so its key results are not checked.")
        head: dict[str, Any] = {}
        if organisation:
            head["organisation"] = organisation
        if cycle is not None:
            head["cycle"] = cycle_to_data(cycle)
        full = {**head, **self._extra, "objectives": [_objective_data(block, rows, team, keep=True) for block, rows in included]}
        try:
            plan = _load(full)
        except (OkrcoachError, ValueError, TypeError) as error:
            plain = {**head, "objectives": [_objective_data(block, rows, team, keep=False) for block, rows in included]}
            try:
                plan = _load(plain)
                notes.append(f"Some details from the file could not be kept with your changes: {error}")
            except (OkrcoachError, ValueError, TypeError) as second:
                plan = Plan()
                notes.append(f"The draft cannot be checked yet: {second}")
                included = []
        where: dict[str, tuple[ObjectiveBlock, KeyResultRow | None]] = {}
        for objective, (block, rows) in zip(plan.objectives, included, strict=False):
            where[objective.id] = (block, None)
            for key_result, row in zip(objective.key_results, rows, strict=False):
                where[key_result.id] = (block, row)
        return plan, where, notes

    # --- showing the findings ---

    def _show(self) -> None:
        report = self._report
        assert report is not None
        score = self._score_of(report)
        self.score_bar.value = score
        self.score_bar.bar_style = "success" if score >= 80 else "warning" if score >= 50 else "danger"
        self.score_label.value = f"Quality {score}/100" if self._plan.objectives else "Quality -/100 (write an objective to start)"
        self.findings_html.value = self._findings_markup(report)
        self._show_fixes(report)
        self._show_kpis_and_backlog()

    def _score_of(self, report: Report) -> int:
        if not report.plan.objectives:
            return 0
        return int(round(report.scores().plan))

    def _findings_markup(self, report: Report) -> str:
        notes = "".join(f"<p style='color:{_COLOURS['warning']}'>{_e(note)}</p>" for note in self._notes)
        if not report.plan.objectives:
            body = "<p>Write an objective and a key result: the coach's findings appear here.</p>"
        elif not report.findings:
            body = "<p><strong>No findings.</strong> Nothing okrcoach can see to improve: well done.</p>"
        else:
            body = self._grouped(report.findings)
        return f"<div class='okrcoach-drafter-findings tex2jax_ignore'>{notes}{body}</div>"

    def _grouped(self, findings: Sequence[Finding]) -> str:
        counts = {level.label: sum(1 for f in findings if f.severity is level) for level in Severity}
        parts = [f"{counts[label]} {_LABELS[label]}" for label in ("error", "warning", "info") if counts[label]]
        head = f"<p><strong>{len(findings)} finding{'s' if len(findings) != 1 else ''}</strong> ({', '.join(parts)})</p>"
        plan_level = [f for f in findings if f.subject_id is None or f.subject_id not in self._where and f.kpi is None]
        kpi_level = [f for f in findings if f.kpi is not None]
        groups: list[str] = []
        if plan_level:
            groups.append(f"<div><strong>Whole plan</strong>{_items(plan_level)}</div>")
        for number, block in enumerate(self._blocks, 1):
            own = [f for f in findings if f.key_result is None and f.kpi is None and self._block_of(f) is block]
            rows = [
                (row_number, row, [f for f in findings if f.key_result is not None and self._where.get(f.key_result, (None, None))[1] is row])
                for row_number, row in enumerate(block.rows, 1)
            ]
            rows = [item for item in rows if item[2]]
            if not own and not rows:
                continue
            title = _e(clean_text(block.title.value))
            section = [f"<div style='margin-top:0.5em'><strong>Objective {number}</strong>: {title}{_items(own)}"]
            for row_number, row, row_findings in rows:
                section.append(
                    f"<div style='margin-left:1.5em'><strong>Key result {row_number}</strong>: "
                    f"{_e(clean_text(row.text.value))}{_items(row_findings)}</div>"
                )
            section.append("</div>")
            groups.append("".join(section))
        if kpi_level:
            names = {kpi.id: kpi.name for kpi in self._plan.kpis}
            for kpi_id in dict.fromkeys(f.kpi for f in kpi_level):
                mine = [f for f in kpi_level if f.kpi == kpi_id]
                groups.append(f"<div style='margin-top:0.5em'><strong>KPI</strong>: {_e(names.get(kpi_id or '', kpi_id))}{_items(mine)}</div>")
        return head + "".join(groups)

    def _block_of(self, finding: Finding) -> ObjectiveBlock | None:
        found = self._where.get(finding.objective or "")
        return found[0] if found else None

    def _where_text(self, finding: Finding) -> str:
        if finding.rule == "missing-deadline":
            return "Whole plan"  # its fix sets the plan's cycle, for every key result at once
        if finding.kpi is not None:
            return f"KPI {finding.kpi}"
        found = self._where.get(finding.subject_id or "")
        if found is None:
            return "Whole plan"
        block, row = found
        where = f"Objective {self._blocks.index(block) + 1}" if block in self._blocks else "Objective"
        if row is not None and row in block.rows:
            where += f", key result {block.rows.index(row) + 1}"
        return where

    def _show_fixes(self, report: Report) -> None:
        chosen: list[Finding] = []
        seen: set[tuple[str, str]] = set()
        for finding in report.findings:
            if not fixes.fixable(finding, self._plan):
                continue
            key = (finding.rule, "" if finding.rule == "missing-deadline" else finding.subject_id or "")
            if key not in seen:  # missing-deadline: one "set the cycle" for all key results
                seen.add(key)
                chosen.append(finding)
        self._fix_findings = chosen
        rows = self._fix_rows
        while len(rows) < len(chosen):
            index = len(rows)
            button = widgets.Button(description="apply suggestion", layout=widgets.Layout(width="auto", flex="0 0 auto"))
            button.on_click(lambda _, index=index: self._apply_index(index))
            rows.append(widgets.HBox([button, widgets.HTML()]))
        for row, finding in zip(rows, chosen, strict=False):
            button, label = row.children
            what = fixes.describe(finding)
            button.tooltip = what
            label.value = f"<span class='tex2jax_ignore'>{_e(self._where_text(finding))}: {_e(what)}</span>"
        self.fix_box.children = rows[: len(chosen)]

    @property
    def fix_buttons(self) -> list[widgets.Button]:
        """Return the "apply suggestion" buttons now shown, in the order of `fixable_findings`."""
        return [row.children[0] for row in self.fix_box.children]

    @property
    def fixable_findings(self) -> tuple[Finding, ...]:
        """Return the findings that have an "apply suggestion" button, in button order."""
        self.flush()
        return tuple(self._fix_findings)

    def _show_kpis_and_backlog(self) -> None:
        kpis = self._plan.kpis
        if kpis:
            items = ", ".join(_e(kpi.name) for kpi in kpis)
            self.kpis_html.value = f"<p class='tex2jax_ignore'><strong>KPIs you watch</strong> (kept in the file, not OKRs): {items}</p>"
        else:
            self.kpis_html.value = ""
        if self.backlog:
            items = "".join(f"<li>{_e(title)}</li>" for title in self.backlog)
            self.backlog_html.value = (
                "<div class='tex2jax_ignore'><strong>Backlog</strong> (moved out of your OKRs; not saved in the file, "
                f"copy what you want to keep):<ul>{items}</ul></div>"
            )
        else:
            self.backlog_html.value = ""

    def _status(self, kind: str, message: str) -> None:
        colour = {"ok": "#067647", "error": _COLOURS["error"], "warning": _COLOURS["warning"]}.get(kind, "inherit")
        self.status.value = f"<div class='tex2jax_ignore' style='color:{colour}'>{_lines(message)}</div>"

    # --- autosave ---

    def _autosave(self) -> None:
        if self.autosave_path is None:
            return
        from okrcoach.writers import dumps

        try:
            text = dumps(self._plan, "yaml")
            if text == self._autosaved_text:
                return
            _write_atomic(self.autosave_path, text)
            self._autosaved_text = text
        except Exception as error:  # a full disk or a read-only folder must not stop the typing
            self._status("warning", f"Could not autosave the draft to {self.autosave_path}: {error}")

    # --- applying fixes ---

    def _apply_index(self, index: int) -> None:
        if index < len(self._fix_findings):
            self.apply(self._fix_findings[index])

    def apply(self, finding: Finding) -> Plan | None:
        """Apply a finding's fix to the draft and refill the form; return the new plan (None if it failed)."""
        stale = self._dirty
        self.flush()
        assert self._report is not None
        if finding not in self._report.findings:
            changed = " (it changed since)" if stale else ""
            self._status("warning", f"This suggestion no longer matches your draft{changed}: the findings are up to date now.")
            return None
        try:
            fixed, removed = fixes.apply_fix_with_removed(self._plan, finding)
        except ValueError as error:
            self._status("error", str(error))
            return None
        what = fixes.describe(finding)
        if finding.rule == "too-many-key-results":
            self.backlog.extend(removed)
        self._refill(fixed)
        self._recheck(save_draft=True)
        message = f"Applied: {what}."
        if finding.rule == "too-many-key-results" and removed:
            message += f" Moved to the backlog: {'; '.join(removed)}"
        self._status("ok", message)
        return self._plan

    # --- files ---

    def _target(self, suffix: str | None = None) -> Path | None:
        text = self.path_text.value.strip()
        if not text:
            self._status("error", "Type a file name first, e.g. okrs.yaml")
            return None
        path = Path(text).expanduser()
        if suffix is None:
            return path
        if path.suffix.lower() in _KNOWN_SUFFIXES:
            if suffix == ".yaml" and path.suffix.lower() in _YAML_SUFFIXES:
                return path
            return path.with_suffix(suffix)
        return path.with_name(path.name + suffix)

    def _save_yaml(self) -> None:
        path = self._target(".yaml")
        if path is not None:
            self._write(path)

    def _export_as(self, suffix: str) -> None:
        path = self._target(suffix)
        if path is not None:
            self._write(path)

    def _write(self, path: Path) -> Path | None:
        from okrcoach.writers import save

        self.last_written = None
        plan = self.plan
        if not plan.objectives:
            self._status("error", "Nothing to save yet: write an objective with a title first.")
            return None
        if path.exists() and not self.overwrite_box.value:
            self._status("error", f"{path} already exists: tick 'overwrite an existing file' to replace it, or type another name.")
            return None
        if path.is_dir():
            self._status("error", f"{path} is a folder: type a file name such as okrs.yaml")
            return None
        try:
            save(plan, path)
        except ImportError as error:
            self._status("error", f"Could not write {path}: a package is missing ({error.name or error}); install okrcoach[xlsx].")
            return None
        except (OkrcoachError, OSError, ValueError) as error:
            self._status("error", f"Could not write {path}: {_reason(error)}")
            return None
        self.last_written = path
        self._status("ok", f"{'Saved' if path.suffix.lower() in _YAML_SUFFIXES else 'Exported'} to {path}")
        return path

    def _load_file(self) -> Plan | None:
        self.last_loaded = None
        path = self._target()
        if path is None:
            return None
        try:
            plan = _load(path)
        except LoadError as error:
            self._status("error", f"Could not load {path}; your draft is unchanged.\n{error}")
            return None
        except (OkrcoachError, OSError, ValueError) as error:
            self._status("error", f"Could not load {path}; your draft is unchanged.\n{_reason(error)}")
            return None
        if self._pending is not None:
            self.scheduler.cancel(self._pending)
            self._pending = None
        self.backlog = []
        self._populate(plan, team="", organisation="")
        self._recheck(save_draft=True)
        count = len(plan.objectives)
        self._status("ok", f"Loaded {count} objective{'s' if count != 1 else ''} from {path}")
        self.last_loaded = self._plan
        return self._plan

    # --- public API ---

    @property
    def plan(self) -> Plan:
        """Return the plan the form holds now (half-typed parts left out)."""
        self.flush()
        return self._plan

    @property
    def report(self) -> Report:
        """Return the latest check of the draft."""
        return self.flush()

    @property
    def score(self) -> int:
        """Return the draft's quality score, 0-100 (0 while it has no objective)."""
        return self._score_of(self.flush())

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Return the findings of the latest check."""
        return self.flush().findings

    @property
    def objective_blocks(self) -> tuple[ObjectiveBlock, ...]:
        """Return the objective blocks of the form (each has .title, .type, .rows, .add_button, .remove_button)."""
        return tuple(self._blocks)

    def key_result_text(self, objective_index: int, key_result_index: int) -> widgets.Text:
        """Return the Text widget of one key result."""
        return self._row(objective_index, key_result_index).text

    def add_objective(self, title: str = "", key_results: Iterable[str] = ()) -> int:
        """Add an objective (as the "+ objective" button does) and return its index."""
        self.add_objective_button.click()
        index = len(self._blocks) - 1
        block = self._blocks[index]
        block.title.value = title
        for number, text in enumerate(key_results):
            if number < len(block.rows):
                block.rows[number].text.value = text
            else:
                self.add_key_result(index, text)
        return index

    def add_key_result(self, objective_index: int, text: str = "") -> int:
        """Add a key result to an objective (as its "+ key result" button does) and return its index."""
        block = self._block(objective_index)
        block.add_button.click()
        block.rows[-1].text.value = text
        return len(block.rows) - 1

    def set_objective_title(self, objective_index: int, text: str) -> None:
        """Type a title into an objective."""
        self._block(objective_index).title.value = text

    def set_objective_type(self, objective_index: int, kind: str) -> None:
        """Choose 'committed' or 'aspirational' for an objective."""
        self._block(objective_index).type.value = ObjectiveType(kind).value

    def set_key_result(self, objective_index: int, key_result_index: int, text: str) -> None:
        """Type a key result's text."""
        self._row(objective_index, key_result_index).text.value = text

    def remove_key_result(self, objective_index: int, key_result_index: int) -> None:
        """Remove a key result (as its "remove" button does)."""
        self._row(objective_index, key_result_index).remove_button.click()

    def remove_objective(self, objective_index: int) -> None:
        """Remove an objective and its key results (as its "remove objective" button does)."""
        self._block(objective_index).remove_button.click()

    def save(self, path: str | os.PathLike[str], overwrite: bool = False) -> Path | None:
        """Save the draft as YAML (as "Save YAML" does); return the path written, or None (see the status line)."""
        self.path_text.value = str(path)
        self.overwrite_box.value = bool(overwrite)
        self.save_button.click()
        return self.last_written

    def load(self, path: str | os.PathLike[str]) -> Plan | None:
        """Replace the draft with a file's plan (as "Load YAML" does); a bad file leaves the draft as it is."""
        self.path_text.value = str(path)
        self.load_button.click()
        return self.last_loaded

    def export(self, path: str | os.PathLike[str], overwrite: bool = False) -> Path | None:
        """Write the draft in the format the suffix names (.md, .xlsx, .yaml, .csv, ...); return the path or None."""
        self.path_text.value = str(path)
        self.overwrite_box.value = bool(overwrite)
        return self._write(Path(path).expanduser())

    @property
    def status_text(self) -> str:
        """Return the status line as plain text (HTML tags removed, entities decoded)."""
        import re

        return html.unescape(re.sub(r"<br>", "\n", re.sub(r"<(?!br>)[^>]+>", "", self.status.value)))

    def close(self) -> None:
        """Cancel a pending check and close every widget of the form."""
        if self._pending is not None:
            self.scheduler.cancel(self._pending)
            self._pending = None
        self._dirty = False
        for block in self._blocks:
            block.close()
        super().close()

    def _block(self, index: int) -> ObjectiveBlock:
        if not 0 <= index < len(self._blocks):
            raise IndexError(f"there is no objective {index}: the draft has {len(self._blocks)} (indexes start at 0)")
        return self._blocks[index]

    def _row(self, objective_index: int, key_result_index: int) -> KeyResultRow:
        block = self._block(objective_index)
        if not 0 <= key_result_index < len(block.rows):
            raise IndexError(
                f"objective {objective_index} has no key result {key_result_index}: it has {len(block.rows)} (indexes start at 0)"
            )
        return block.rows[key_result_index]


# --- helpers -----------------------------------------------------------------------------------


def _load(source: Any) -> Plan:
    from okrcoach.loaders import load

    return load(source)


def _check(plan: Plan, settings: Settings) -> Report:
    from okrcoach.engine import check

    return check(plan, settings)


def _cycle_or_none(text: str) -> Cycle | None:
    text = clean_text(text or "")
    if not text:
        return None
    try:
        return Cycle.model_validate(text)
    except ValueError:
        return None


def _extras(plan: Plan | None) -> dict[str, Any]:
    """Return the plan's fields the form does not show, as data (KPIs, strategy, teams)."""
    if plan is None:
        return {}
    from okrcoach.writers.data import plan_to_data

    data = plan_to_data(plan)
    return {key: data[key] for key in ("strategy", "teams", "kpis") if key in data}


def _objective_data(block: ObjectiveBlock, rows: list[KeyResultRow], team: str | None, *, keep: bool) -> dict[str, Any]:
    """Return one objective of the form as data; keep=True keeps the ids and fields of the file it came from."""
    from okrcoach.writers.data import key_result_to_data, objective_to_data

    data: dict[str, Any] = {}
    if keep and block.base is not None:
        data = objective_to_data(block.base)
        data.pop("key_results", None)
    data["title"] = clean_text(block.title.value)
    data["type"] = block.type.value
    if team:
        data["team"] = team
    key_results = []
    for row in rows:
        text = clean_text(row.text.value)
        base = row.base if keep else None
        if base is None:
            key_results.append({"title": text})
            continue
        item = key_result_to_data(base, None)
        if text != base.title:
            # the statement was edited: the numbers parsed from the old one no longer hold
            item = {key: value for key, value in item.items() if key in ("id", "owner", "kpi", "ignore")}
            item["title"] = text
        key_results.append(item)
    data["key_results"] = key_results
    return data


def _items(findings: Sequence[Finding]) -> str:
    """Return findings as an HTML list: severity, message and suggestion, all escaped."""
    if not findings:
        return ""
    items = []
    for finding in findings:
        label = finding.severity.label
        suggestion = f"<br><em>Try:</em> {_e(finding.suggestion)}" if finding.suggestion else ""
        items.append(
            f"<li><span style='color:{_COLOURS[label]};font-weight:bold'>{_LABELS[label]}</span> "
            f"{_e(finding.message)} <span style='color:#667085'>({_e(finding.rule)})</span>{suggestion}</li>"
        )
    return f"<ul style='margin:0.2em 0'>{''.join(items)}</ul>"


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def _write_atomic(path: Path, text: str) -> None:
    """Write text to path through a temporary file and a rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
