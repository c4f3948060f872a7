"""OKRDrafter without a browser: type into its Text widgets, click its buttons, read its state."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ipywidgets")

import okrcoach  # noqa: E402
from okrcoach.widgets import OKRDrafter  # noqa: E402
from okrcoach.widgets.drafter import ImmediateScheduler  # noqa: E402

GOOD = "Cut first response time from 8 hours to 4 hours"
GOOD_2 = "Raise first-contact resolution from 61% to 75%"
VAGUE = "Improve the onboarding experience"


class Handle:
    def __init__(self, delay: float, fn: Callable[[], None]) -> None:
        self.delay, self.fn, self.cancelled = delay, fn, False


class FakeScheduler:
    """Records call_later calls; `fire()` runs the ones not cancelled, as the event loop would."""

    def __init__(self) -> None:
        self.handles: list[Handle] = []

    def call_later(self, delay: float, fn: Callable[[], None]) -> Handle:
        handle = Handle(delay, fn)
        self.handles.append(handle)
        return handle

    def cancel(self, handle: Handle) -> None:
        handle.cancelled = True

    @property
    def live(self) -> list[Handle]:
        return [handle for handle in self.handles if not handle.cancelled]

    def fire(self) -> None:
        handles, self.handles = self.live, []
        for handle in handles:
            handle.fn()


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OKRCOACH_TODAY", "2026-02-15")
    monkeypatch.chdir(tmp_path)  # the default autosave folder would land here, never in the repository


@pytest.fixture
def scheduler() -> FakeScheduler:
    return FakeScheduler()


def drafter(plan: Any = None, *, scheduler: Any = None, **options: Any) -> OKRDrafter:
    options.setdefault("autosave", None)
    return OKRDrafter(plan, scheduler=scheduler or ImmediateScheduler(), **options)


def type_into(widget: Any, text: str) -> None:
    """Type text one character at a time, as continuous_update sends it from the browser."""
    for end in range(len(text) + 1):
        widget.value = text[:end]


def all_html(d: OKRDrafter) -> str:
    labels = "".join(row.children[1].value for row in d.fix_box.children)
    return d.findings_html.value + labels + d.status.value + d.kpis_html.value + d.backlog_html.value + d.cycle_note.value


# --- the form ---


def test_a_new_drafter_has_one_empty_objective_and_the_current_quarter() -> None:
    d = drafter()
    assert d.cycle_text.value == "2026-Q1"
    (block,) = d.objective_blocks
    assert block.title.placeholder == "What do you want to achieve? e.g. Make getting help effortless"
    assert block.type.value == "aspirational" and [value for _, value in block.type.options] == ["committed", "aspirational"]
    assert len(block.rows) == 1 and block.rows[0].text.value == ""
    assert all(text.continuous_update for text in (block.title, block.rows[0].text, d.cycle_text, d.team_text))
    assert d.score == 0 and d.plan.objectives == ()
    assert "Quality" in d.score_label.value


def test_typing_a_vague_key_result_shows_the_finding_and_lowers_the_score(scheduler: FakeScheduler) -> None:
    d = drafter(scheduler=scheduler)
    block = d.objective_blocks[0]
    type_into(block.title, "Make getting help effortless")
    type_into(block.rows[0].text, GOOD)
    block.add_button.click()
    type_into(block.rows[1].text, GOOD_2)
    scheduler.fire()
    before = d.score
    assert before > 80 and "vague-target" not in d.findings_html.value

    type_into(block.rows[1].text, VAGUE)
    scheduler.fire()

    assert [f.rule for f in d.findings] == ["vague-target"]
    html = d.findings_html.value
    assert "vague-target" in html and "Key result has no measurable target" in html
    assert "rewrite it as &#x27;Increase &lt;measure&gt; from &lt;baseline&gt; to &lt;target&gt; by 31 March 2026" in html
    assert f"Key result 2</strong>: {VAGUE}" in html  # grouped under its objective and key result
    assert d.score < before
    assert d.score_bar.value == d.score and d.score_label.value == f"Quality {d.score}/100"


def test_edits_are_debounced_into_one_check(scheduler: FakeScheduler) -> None:
    d = drafter(scheduler=scheduler, debounce=0.4)
    checks, html = d.checks, d.findings_html.value
    title = d.objective_blocks[0].title

    for text in ("Make", "Make getting help", "Make getting help effortless"):
        title.value = text

    assert len(scheduler.handles) == 3
    assert [handle.cancelled for handle in scheduler.handles] == [True, True, False]
    assert all(handle.delay == 0.4 for handle in scheduler.handles)
    assert d.checks == checks and d.findings_html.value == html  # nothing checked yet

    scheduler.fire()

    assert d.checks == checks + 1
    assert "Objective has 0 key results" in d.findings_html.value
    scheduler.fire()
    assert d.checks == checks + 1  # no second check for the cancelled edits


def test_flush_runs_a_pending_check_now_and_reading_the_state_flushes(scheduler: FakeScheduler) -> None:
    d = drafter(scheduler=scheduler)
    d.objective_blocks[0].title.value = "Make getting help effortless"
    checks = d.checks
    d.flush()
    assert d.checks == checks + 1 and d.plan.objectives[0].title == "Make getting help effortless"
    scheduler.fire()  # the cancelled timer does not check again
    assert d.checks == checks + 1
    d.set_key_result(0, 0, GOOD)
    assert d.plan.key_results[0].title == GOOD  # .plan flushes the pending check
    assert d.checks == checks + 2


def test_the_default_scheduler_debounces_on_a_running_event_loop() -> None:
    async def session() -> tuple[int, int, int]:
        d = OKRDrafter(autosave=None, debounce=0.01)
        start = d.checks
        for text in ("Make", "Make getting", "Make getting help effortless"):
            d.objective_blocks[0].title.value = text
        queued = d.checks
        await asyncio.sleep(0.1)
        return start, queued, d.checks

    start, queued, done = asyncio.run(session())
    assert queued == start and done == start + 1


def test_without_an_event_loop_the_default_scheduler_checks_at_once() -> None:
    d = OKRDrafter(autosave=None)
    checks = d.checks
    d.objective_blocks[0].title.value = "Make getting help effortless"
    assert d.checks == checks + 1


def test_one_check_of_a_three_objective_draft_takes_well_under_50_ms(scheduler: FakeScheduler) -> None:
    d = drafter(scheduler=scheduler)
    d.set_objective_title(0, "Make getting help effortless")
    d.set_key_result(0, 0, GOOD)
    d.add_key_result(0, GOOD_2)
    d.add_key_result(0, VAGUE)
    d.add_objective("Win the trust of new customers", ["Raise activation from 35% to 50%", "Improve NPS"])
    d.add_objective("Keep the platform reliable", ["Maintain uptime at 99.9%", "Cut incidents from 12 to 6 a month"])
    d.flush()
    timings = []
    for n in range(5):
        d.set_key_result(2, 1, f"Cut incidents from 12 to {n} a month")
        start = time.perf_counter()
        d.flush()
        timings.append(time.perf_counter() - start)
    assert len(d.plan.objectives) == 3
    assert min(timings) < 0.05


# --- fixes ---


def _button_for(d: OKRDrafter, rule: str) -> Any:
    for finding, button in zip(d.fixable_findings, d.fix_buttons, strict=True):
        if finding.rule == rule:
            return button
    raise AssertionError(f"no apply button for {rule}: {[f.rule for f in d.fixable_findings]}")


def test_six_key_results_are_too_many_and_applying_the_fix_leaves_five() -> None:
    d = drafter()
    titles = [f"Raise weekly active teams in region {n} from 10 to {20 + n}" for n in range(1, 7)]
    d.add_objective("Make the product a habit", titles)
    d.remove_objective(0)
    assert len(d.objective_blocks[0].rows) == 6
    assert [f.rule for f in d.findings] == ["too-many-key-results"]

    _button_for(d, "too-many-key-results").click()

    assert [row.text.value for row in d.objective_blocks[0].rows] == titles[:5]
    assert not d.findings
    assert d.backlog == titles[5:]
    assert titles[5] in d.backlog_html.value and "Moved to the backlog" in d.status.value


def test_applying_the_vague_target_suggestion_rewrites_the_key_result_text() -> None:
    d = drafter()
    d.set_objective_title(0, "Make getting help effortless")
    d.set_key_result(0, 0, GOOD)
    d.add_key_result(0, VAGUE)

    _button_for(d, "vague-target").click()

    assert d.key_result_text(0, 1).value == "Increase onboarding experience from <baseline> to <target> by 31 March 2026"
    assert d.key_result_text(0, 0).value == GOOD
    assert "Applied" in d.status.value
    assert "vague-target" not in [f.rule for f in d.fixable_findings]  # the skeleton is not offered again


def test_apply_through_the_api_removes_a_duplicate_and_moves_a_kpi(tmp_path: Path) -> None:
    d = drafter()
    d.add_objective("Make getting help effortless", [GOOD, GOOD_2, "Maintain CSAT above 80%", GOOD])
    d.remove_objective(0)
    duplicate = d.report.for_rule("duplicate-key-result")[0]
    assert d.apply(duplicate) is not None
    assert [row.text.value for row in d.objective_blocks[0].rows] == [GOOD, GOOD_2, "Maintain CSAT above 80%"]

    kpi = [f for f in d.findings if f.rule == "kpi-as-okr"][0]
    d.apply(kpi)
    assert [row.text.value for row in d.objective_blocks[0].rows] == [GOOD, GOOD_2]
    assert [k.name for k in d.plan.kpis] == ["CSAT"] and "CSAT" in d.kpis_html.value
    d.set_key_result(0, 1, "Raise first-contact resolution from 61% to 80%")  # later edits keep the KPI
    assert [k.name for k in d.plan.kpis] == ["CSAT"]
    saved = d.save(tmp_path / "okrs.yaml")
    assert saved is not None and [k.name for k in okrcoach.load(saved).kpis] == ["CSAT"]


def test_clearing_the_cycle_offers_one_fix_that_sets_todays_quarter() -> None:
    d = drafter()
    d.add_objective("Make getting help effortless", [GOOD, GOOD_2])
    d.remove_objective(0)
    d.cycle_text.value = ""
    assert len(d.report.for_rule("missing-deadline")) == 2
    assert [f.rule for f in d.fixable_findings] == ["missing-deadline"]  # one button for all key results
    d.fix_buttons[0].click()
    assert d.cycle_text.value == "2026-Q1" and d.plan.cycle.label == "2026-Q1"
    assert not d.report.for_rule("missing-deadline")


def test_a_stale_suggestion_is_not_applied_to_another_key_result(scheduler: FakeScheduler) -> None:
    d = drafter(scheduler=scheduler)
    d.set_objective_title(0, "Make getting help effortless")
    d.set_key_result(0, 0, VAGUE)
    d.add_key_result(0, GOOD)
    finding = d.report.for_rule("vague-target")[0]
    d.set_key_result(0, 0, "Improve customer happiness")  # the draft changes before the click
    assert d.apply(finding) is None
    assert d.key_result_text(0, 0).value == "Improve customer happiness"
    assert "no longer matches" in d.status.value


def test_findings_html_escapes_user_text() -> None:
    d = drafter()
    d.set_objective_title(0, "<b>Make</b> getting help effortless")
    d.set_key_result(0, 0, "<script>alert(1)</script>")
    d.add_key_result(0, "<img src=x onerror=alert(1)> improve things")
    d.team_text.value = "<script>alert(2)</script>"
    findings = d.findings
    assert findings
    html = all_html(d)
    assert "<script" not in html and "<img" not in html and "<b>Make" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in d.findings_html.value
    assert "&lt;b&gt;Make&lt;/b&gt;" in d.findings_html.value


# --- files ---


def test_save_load_export_round_trip(tmp_path: Path) -> None:
    d = drafter(team="Support", organisation="GreenCycle")
    d.set_objective_title(0, "Make getting help effortless")
    d.set_objective_type(0, "committed")
    d.set_key_result(0, 0, GOOD)
    d.add_key_result(0, GOOD_2)

    assert d.save(tmp_path / "okrs.yaml") == tmp_path / "okrs.yaml"
    assert "Saved to" in d.status.value
    assert d.export(tmp_path / "okrs.md") == tmp_path / "okrs.md"
    d.path_text.value = str(tmp_path / "okrs.yaml")
    d.xlsx_button.click()
    assert d.last_written == tmp_path / "okrs.xlsx"
    assert d.export(tmp_path / "okrs.csv") is not None
    for name in ("okrs.yaml", "okrs.md", "okrs.xlsx", "okrs.csv"):
        assert (tmp_path / name).stat().st_size > 0
    assert "Make getting help effortless" in (tmp_path / "okrs.md").read_text(encoding="utf-8")

    other = drafter()
    assert other.load(tmp_path / "okrs.yaml") is not None
    assert "Loaded 1 objective" in other.status.value
    assert other.plan == d.plan
    assert other.team_text.value == "Support" and other.organisation_text.value == "GreenCycle"
    assert other.objective_blocks[0].type.value == "committed"
    assert [row.text.value for row in other.objective_blocks[0].rows] == [GOOD, GOOD_2]
    assert okrcoach.load(tmp_path / "okrs.xlsx").key_results[1].title == GOOD_2


def test_save_refuses_to_overwrite_without_the_checkbox(tmp_path: Path) -> None:
    target = tmp_path / "okrs.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    d = drafter()
    d.set_objective_title(0, "Make getting help effortless")
    d.set_key_result(0, 0, GOOD)

    assert d.save(target) is None
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert "already exists" in d.status.value and "overwrite" in d.status.value
    assert d.export(target.with_suffix(".md")) is not None  # a new file is fine
    assert d.export(target.with_suffix(".md")) is None  # the same rule for exports

    d.overwrite_box.value = True  # the learner ticks the box and clicks Save
    d.save_button.click()
    assert d.last_written == target
    assert okrcoach.load(target).key_results[0].title == GOOD


def test_save_yaml_adds_the_suffix_and_explains_an_empty_draft(tmp_path: Path) -> None:
    d = drafter()
    assert d.save(tmp_path / "okrs.yaml") is None
    assert "Nothing to save yet" in d.status.value
    d.set_objective_title(0, "Make getting help effortless")
    d.path_text.value = str(tmp_path / "my okrs")
    d.save_button.click()
    assert d.last_written == tmp_path / "my okrs.yaml" and d.last_written.exists()
    d.path_text.value = ""
    d.save_button.click()
    assert "Type a file name first" in d.status.value


@pytest.mark.parametrize(
    "content",
    [
        "objectives: [unclosed\n",
        "cycle: 2026-Q9\nobjectives:\n  - title: x\n",
        "- just\n- a list: [\n",
        "",
        "\x00\x01binary",
    ],
)
def test_loading_a_malformed_file_shows_the_error_and_keeps_the_draft(tmp_path: Path, content: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    d = drafter()
    d.set_objective_title(0, "Make getting help effortless")
    d.set_key_result(0, 0, GOOD)
    before = d.plan

    assert d.load(bad) is None

    assert d.plan == before and d.key_result_text(0, 0).value == GOOD
    status = d.status_text
    assert status.startswith(f"Could not load {bad}; your draft is unchanged.")
    assert "Traceback" not in status and "bad.yaml" in status


def test_loading_a_missing_file_says_so(tmp_path: Path) -> None:
    d = drafter()
    assert d.load(tmp_path / "nowhere.yaml") is None
    assert "no such file or folder" in d.status_text


def test_load_error_messages_are_escaped(tmp_path: Path) -> None:
    bad = tmp_path / "<script>.yaml"
    bad.write_text("objectives: [unclosed\n", encoding="utf-8")
    d = drafter()
    d.load(bad)
    assert "<script>" not in d.status.value and "&lt;script&gt;" in d.status.value


# --- autosave ---


def test_autosave_writes_after_a_change_and_a_new_drafter_restores_it(tmp_path: Path, scheduler: FakeScheduler) -> None:
    autosave = tmp_path / "drafts" / "draft.yaml"
    d = drafter(scheduler=scheduler, autosave=autosave)
    assert not autosave.exists()  # nothing changed yet

    d.set_objective_title(0, "Make getting help effortless")
    d.set_key_result(0, 0, GOOD)
    d.add_key_result(0, VAGUE)
    assert not autosave.exists()  # the debounce has not fired
    scheduler.fire()

    assert autosave.exists()
    assert okrcoach.load(autosave).key_results[1].title == VAGUE
    assert not [p for p in autosave.parent.iterdir() if p.name.endswith(".tmp")]  # the temporary file is gone

    del d  # the kernel dies: no save, no close
    restored = drafter(autosave=autosave)
    assert [row.text.value for row in restored.objective_blocks[0].rows] == [GOOD, VAGUE]
    assert restored.objective_blocks[0].title.value == "Make getting help effortless"
    assert restored.status_text == f"Restored your unsaved draft from {autosave}"
    assert [f.rule for f in restored.findings] == ["vague-target"]


def test_autosave_uses_the_default_folder_and_none_disables_it(tmp_path: Path) -> None:
    d = OKRDrafter(scheduler=ImmediateScheduler())
    d.set_objective_title(0, "Make getting help effortless")
    assert (tmp_path / "okrcoach-drafts" / "draft.yaml").exists()

    quiet = tmp_path / "quiet"
    quiet.mkdir()
    import os

    os.chdir(quiet)
    d = drafter(autosave=None)
    d.set_objective_title(0, "Make getting help effortless")
    assert list(quiet.iterdir()) == []


def test_a_plan_given_wins_over_the_autosave_file(tmp_path: Path) -> None:
    autosave = tmp_path / "draft.yaml"
    autosave.write_text("objectives:\n  - title: Old draft\n", encoding="utf-8")
    d = drafter(okrcoach.load({"objectives": [{"title": "Fresh start", "key_results": [GOOD]}]}), autosave=autosave)
    assert d.objective_blocks[0].title.value == "Fresh start"
    assert "Restored" not in d.status.value


def test_a_broken_autosave_file_is_reported_and_the_form_starts_empty(tmp_path: Path) -> None:
    autosave = tmp_path / "draft.yaml"
    autosave.write_text("objectives: [unclosed\n", encoding="utf-8")
    d = drafter(autosave=autosave)
    assert "Could not restore your unsaved draft" in d.status_text
    assert len(d.objective_blocks) == 1 and d.objective_blocks[0].title.value == ""


# --- starting plans and ids ---


def test_a_plan_path_or_mapping_fills_the_form(tmp_path: Path) -> None:
    source = tmp_path / "team.yaml"
    source.write_text(
        "cycle: 2026-Q2\n"
        "objectives:\n"
        "  - title: Make getting help effortless\n"
        "    team: support\n"
        "    owner: Ana\n"
        "    type: committed\n"
        "    key_results:\n"
        f"      - {{id: frt, title: {GOOD}, owner: Sam, metric: first response time, baseline: 8, target: 4, unit: hours}}\n"
        f"      - {GOOD_2}\n"
        "kpis:\n"
        "  - {id: backlog, name: Ticket backlog, target: 200, owner: Priya, unit: tickets, formula: open tickets}\n",
        encoding="utf-8",
    )
    d = drafter(str(source))
    assert d.cycle_text.value == "2026-Q2" and d.team_text.value == "support"
    assert d.path_text.value == str(source)
    assert d.plan == okrcoach.load(source)  # ids, owners, fields and KPIs kept

    d.set_key_result(0, 0, "Cut first response time from 8 hours to 3 hours")
    kr = d.plan.key_results[0]
    assert (kr.id, kr.owner, kr.target) == ("frt", "Sam", None)  # the edited statement is the truth now
    assert d.plan.objectives[0].owner == "Ana" and d.plan.kpis[0].id == "backlog"
    d.add_key_result(0, "Raise CSAT from 70% to 80%")
    assert [kr.id for kr in d.plan.key_results] == ["frt", "O1.KR2", "O1.KR3"]

    mapping = drafter({"objectives": [{"title": "Make getting help effortless", "key_results": [GOOD]}]})
    assert mapping.cycle_text.value == ""  # the plan has no cycle: shown as it is
    assert [f.rule for f in mapping.findings].count("missing-deadline") == 1


def test_a_bad_starting_plan_is_reported_not_raised(tmp_path: Path) -> None:
    d = drafter(str(tmp_path / "missing.yaml"))
    assert "Could not open" in d.status_text and len(d.objective_blocks) == 1


# --- the API methods go through the widgets ---


def test_api_methods_change_the_widgets(scheduler: FakeScheduler) -> None:
    d = drafter(scheduler=scheduler)
    index = d.add_objective("Win the trust of new customers", ["Raise activation from 35% to 50%", GOOD_2])
    assert index == 1 and d.objective_blocks[1].title.value == "Win the trust of new customers"
    assert [row.text.value for row in d.objective_blocks[1].rows] == ["Raise activation from 35% to 50%", GOOD_2]
    assert scheduler.live  # the same debounced path as typing
    assert d.add_key_result(1, "Improve NPS") == 2
    d.remove_key_result(1, 0)
    assert [row.text.value for row in d.objective_blocks[1].rows] == [GOOD_2, "Improve NPS"]
    assert d.objective_blocks[1].rows[0].text.description == "Key result 1"
    d.remove_objective(0)
    assert d.objective_blocks[0].heading.value == "<strong>Objective 1</strong>"
    assert [kr.title for kr in d.plan.key_results] == [GOOD_2, "Improve NPS"]
    with pytest.raises(IndexError, match="there is no objective 5"):
        d.set_objective_title(5, "x")
    with pytest.raises(IndexError, match="has no key result 9"):
        d.set_key_result(0, 9, "x")


# --- half-typed input ---


def test_half_typed_input_never_raises(tmp_path: Path) -> None:
    d = drafter(autosave=tmp_path / "draft.yaml")
    block = d.objective_blocks[0]
    type_into(block.rows[0].text, "Improve NPS from 20 to")  # key results before the objective
    assert d.plan.objectives == () and "no title yet" in d.findings_html.value
    type_into(block.title, "Make help   effortless 🚀")
    for text in ("   ", "\u200b", "%", "50%", "from to", "<", "$", "from X to", "by 31 Mar", "x" * 500, "ïñtërnâtiônàl 50 %"):
        block.rows[0].text.value = text
        d.flush()
    for cycle in ("2", "2026", "2026-", "2026-Q", "2026-Q5", "Q1 2026", "2026-13", "garbage"):
        d.cycle_text.value = cycle
        d.flush()
    d.cycle_text.value = "2026-Q5"
    assert d.plan.cycle is None and "not a cycle okrcoach knows" in d.cycle_note.value
    assert d.report.for_rule("missing-deadline") or d.report.for_rule("vague-target") is not None
    d.cycle_text.value = "2026-Q1"
    assert d.cycle_note.value == "" and d.plan.cycle.label == "2026-Q1"
    d.add_objective()
    d.add_key_result(1)
    d.remove_objective(0)
    d.remove_objective(0)
    assert d.plan.objectives == () and d.score == 0
    d.add_objective_button.click()
    type_into(d.objective_blocks[0].title, "Grow")
    assert "error" not in d.status.value.lower()
    assert "Could not" not in d.status.value


def test_a_long_burst_of_typing_is_still_checked_after_max_wait(scheduler: FakeScheduler, monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:  # fmt: skip
    import okrcoach.widgets.drafter as module

    clock = [100.0]
    monkeypatch.setattr(module.time, "monotonic", lambda: clock[0])
    drafter = OKRDrafter(autosave=tmp_path / "draft.yaml", scheduler=scheduler, debounce=0.4, max_wait=5.0)
    box = drafter.key_result_text(0, 0)
    for index in range(12):  # one keystroke every second, never a pause of 0.4 s
        clock[0] += 1.0
        box.value = "Raise activation from 30% to 4" + "5" * (index + 1)
    delays = [handle.delay for handle in scheduler.handles]
    assert delays[:5] == [0.4] * 5  # debounced while the burst is young
    assert delays[-1] == 0.0  # after 5 s of continuous typing the check is due at once
