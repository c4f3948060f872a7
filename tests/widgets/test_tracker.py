"""CheckinTracker without a browser: fill in rows, click Save, re-read the SQLite store."""

from __future__ import annotations

import importlib.util
import os
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("ipywidgets")

import ipywidgets as widgets  # noqa: E402

import okrcoach  # noqa: E402
from okrcoach.model import Plan  # noqa: E402
from okrcoach.tracking import CheckinStore  # noqa: E402
from okrcoach.widgets import CheckinTracker  # noqa: E402

DAY = date(2026, 2, 15)


@pytest.fixture(scope="module")
def greencycle() -> Plan:
    return okrcoach.load_sample("greencycle")


def tracker_for(plan: Plan, path: Path, **options: object) -> CheckinTracker:
    options.setdefault("chart", False)
    options.setdefault("day", DAY)
    return CheckinTracker(plan, path, **options)  # type: ignore[arg-type]


def test_one_row_per_key_result_with_wodtke_defaults(greencycle: Plan, tmp_path: Path) -> None:
    tracker = tracker_for(greencycle, tmp_path / "c.db", objective="CS1")
    assert tracker.objective == "CS1"
    assert list(tracker.rows) == ["CS1.KR1", "CS1.KR2", "CS1.KR3"]
    row = tracker.rows["CS1.KR1"]
    assert isinstance(row["value"], widgets.FloatText)
    assert isinstance(row["confidence"], widgets.IntSlider)
    assert (row["confidence"].min, row["confidence"].max, row["confidence"].value) == (0, 10, 5)
    assert isinstance(row["comment"], widgets.Text)
    assert row["value"].value == 12.0  # starts at the baseline: 12 hours
    assert tracker.entries["CS1.KR1"] == {"value": 12.0, "confidence": 5, "comment": ""}


def test_save_writes_every_row_in_one_transaction(greencycle: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "checkins.db"
    tracker = tracker_for(greencycle, path, objective="CS1", author="Priya")
    calls = []
    original = tracker.store.record_many
    monkeypatch.setattr(tracker.store, "record_many", lambda items: calls.append(list(items)) or original(calls[-1]))
    tracker.rows["CS1.KR1"]["value"].value = 8
    tracker.rows["CS1.KR1"]["confidence"].value = 7
    tracker.rows["CS1.KR1"]["comment"].value = "new macros live"
    tracker.rows["CS1.KR2"]["value"].value = 70
    tracker.set_value("CS1.KR3", 900, confidence=6, comment="weekend blitz")
    tracker.save_button.click()
    assert len(calls) == 1 and len(calls[0]) == 3
    assert tracker.message == "Saved 3 check-ins for CS1 on 2026-02-15."
    stored = {item.key_result: item for item in CheckinStore(path).history()}
    assert {kr: (c.day, c.value, c.confidence, c.comment, c.author) for kr, c in stored.items()} == {
        "CS1.KR1": (DAY, 8.0, 7, "new macros live", "Priya"),
        "CS1.KR2": (DAY, 70.0, 5, "", "Priya"),
        "CS1.KR3": (DAY, 900.0, 6, "weekend blitz", "Priya"),
    }
    assert tracker.save() == 3  # saving again adds a newer row per key result; reads take the newest
    assert CheckinStore(path).count() == 6


def test_progress_against_pace_and_at_risk_after_low_confidence(greencycle: Plan, tmp_path: Path) -> None:
    tracker = tracker_for(greencycle, tmp_path / "c.db", objective="CS1")
    tracker.set_value("CS1.KR1", 6, confidence=8)  # 12 h -> 6 h of the way to 4 h: 75% done
    tracker.set_value("CS1.KR2", 75, confidence=7)  # 55% -> 75% of the way to 80%: 80% done
    tracker.rows["CS1.KR3"]["value"].value = 600  # 1,400 -> 600 of the way to 300: about 73% done
    tracker.rows["CS1.KR3"]["confidence"].value = 2
    assert tracker.save() == 3
    scores = {score.key_result: score for score in tracker.scorecard.key_results if score.objective == "CS1"}
    assert scores["CS1.KR1"].progress == pytest.approx(0.75)
    assert not scores["CS1.KR1"].at_risk
    assert scores["CS1.KR3"].at_risk and scores["CS1.KR3"].reasons == ("low confidence (2/10)",)
    assert [score.key_result for score in tracker.scorecard.at_risk] == ["CS1.KR3"]
    html = tracker.progress_html.value
    assert "75% done" in html and "expected by now" in html
    assert "At risk: low confidence (2/10)" in html
    assert "1 at risk: CS1.KR3" in html


def test_behind_pace_is_at_risk(greencycle: Plan, tmp_path: Path) -> None:
    tracker = tracker_for(greencycle, tmp_path / "c.db", objective="OPS1")
    tracker.set_value("OPS1.KR1", 87, confidence=6)  # barely moved, half the quarter gone
    tracker.set_value("OPS1.KR2", 1.0, confidence=6)
    tracker.save()
    reasons = {score.key_result: score.reasons for score in tracker.scorecard.at_risk}
    assert list(reasons) == ["OPS1.KR1"] and reasons["OPS1.KR1"][0].startswith("behind pace")


def test_missing_value_is_refused_and_nothing_is_written(greencycle: Plan, tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    tracker = tracker_for(greencycle, path, objective="MKT2")  # MKT2.KR2 states no baseline: no value yet
    assert tracker.entries["MKT2.KR2"]["value"] is None
    assert "type its current value" in tracker.rows["MKT2.KR2"]["hint"].value
    tracker.save_button.click()
    assert tracker.message.startswith("Nothing was saved") and "MKT2.KR2" in tracker.message
    assert "Nothing was saved" in tracker.message_html.value
    assert CheckinStore(path).count() == 0
    tracker.rows["MKT2.KR2"]["value"].value = 90
    assert tracker.save() == 3
    assert CheckinStore(path).count() == 3


def test_out_of_range_confidence_is_refused_for_every_row(greencycle: Plan, tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    tracker = tracker_for(greencycle, path, objective="CS1")
    tracker.set_value("CS1.KR1", 8, confidence=11)
    assert tracker.save() == 0
    assert "confidence must be a whole number from 0 to 10" in tracker.message
    tracker.set_value("CS1.KR1", 8, confidence=-1)
    assert tracker.save() == 0
    tracker.set_value("CS1.KR1", 8, confidence=6.5)  # type: ignore[arg-type]
    assert tracker.save() == 0
    tracker.set_value("CS1.KR2", float("nan"), confidence=5)
    assert tracker.save() == 0 and "must be a number" in tracker.message
    assert CheckinStore(path).count() == 0  # the valid rows were not written either


def test_milestones_are_entered_as_percent_done(greencycle: Plan, tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    tracker = tracker_for(greencycle, path, objective="OPS3")
    slider = tracker.rows["OPS3.KR1"]["value"]
    assert isinstance(slider, widgets.IntSlider) and (slider.min, slider.max) == (0, 100)
    tracker.set_value("OPS3.KR1", 150)
    tracker.set_value("OPS3.KR2", 90)
    assert tracker.save() == 0 and "between 0 and 100" in tracker.message
    slider.value = 60
    assert tracker.save() == 2
    assert CheckinStore(path).latest()["OPS3.KR1"].value == 60.0
    score = next(item for item in tracker.scorecard.key_results if item.key_result == "OPS3.KR1")
    assert score.progress == pytest.approx(0.6)


def test_a_new_tracker_starts_from_the_last_check_in(greencycle: Plan, tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    first = tracker_for(greencycle, path, objective="CS1", day=date(2026, 2, 8))
    first.set_value("CS1.KR1", 9, confidence=4)
    first.save()
    store = CheckinStore(path)
    second = tracker_for(greencycle, store, objective="CS1")  # a CheckinStore works as well as a path
    assert second.entries["CS1.KR1"] == {"value": 9.0, "confidence": 4, "comment": ""}
    assert second.rows["CS1.KR1"]["confidence"].value == 4


def test_switching_objectives_and_unknown_ids(greencycle: Plan, tmp_path: Path) -> None:
    tracker = tracker_for(greencycle, tmp_path / "c.db")
    assert tracker.objective == greencycle.objectives[0].id
    tracker.objective_dropdown.value = "MKT2"
    assert list(tracker.rows) == ["MKT2.KR1", "MKT2.KR2", "MKT2.KR3"]
    tracker.objective = "OPS2"
    assert list(tracker.rows) == ["OPS2.KR1", "OPS2.KR2"]
    with pytest.raises(ValueError, match="no objective 'NOPE'"):
        tracker.objective = "NOPE"
    with pytest.raises(KeyError, match="not a key result of objective OPS2"):
        tracker.set_value("CS1.KR1", 3)


def test_day_defaults_to_the_pinned_today(greencycle: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OKRCOACH_TODAY", "2026-03-02")
    tracker = CheckinTracker(greencycle, tmp_path / "c.db", objective="CS1", chart=False)
    assert tracker.day == date(2026, 3, 2)
    assert tracker.save() == 3
    assert {item.day for item in CheckinStore(tmp_path / "c.db").history()} == {date(2026, 3, 2)}


def test_titles_and_comments_are_escaped(tmp_path: Path) -> None:
    plan = Plan.model_validate({
        "cycle": "2026-Q1",
        "objectives": [{"id": "O1", "title": "<script>alert(1)</script>", "team": "<b>t</b>",
                        "key_results": [{"id": "O1.KR1", "title": "Raise <i>x</i> from 10 to 20"}]}],
    })  # fmt: skip
    tracker = tracker_for(plan, tmp_path / "c.db")
    tracker.set_value("O1.KR1", 12, confidence=1, comment="<img src=x onerror=alert(1)>")
    assert tracker.save() == 1
    shown = tracker.header.value + tracker.progress_html.value + tracker.rows_box.children[0].children[0].value
    for raw in ("<script>", "<i>x</i>", "<b>t</b>", "<img"):
        assert raw not in shown
    assert "&lt;script&gt;" in shown and "&lt;i&gt;x&lt;/i&gt;" in shown
    assert CheckinStore(tmp_path / "c.db").latest()["O1.KR1"].comment == "<img src=x onerror=alert(1)>"


@pytest.mark.skipif(importlib.util.find_spec("okrcoach.charts") is None, reason="okrcoach.charts is not there yet")
def test_the_progress_chart_when_charts_are_available(greencycle: Plan, tmp_path: Path) -> None:
    pytest.importorskip("plotly")
    tracker = tracker_for(greencycle, tmp_path / "c.db", objective="CS1", chart=True)
    assert tracker.figure is not None
    bars = [trace for trace in tracker.figure.data if trace.type == "bar"]
    assert sum(len(trace.y) for trace in bars) == 3
    assert "expected by now" in tracker.progress_html.value  # the numbers stay in the HTML either way
    if os.environ.get("PLOTLY_RENDERER") == "plotly_mimetype":  # set by the root conftest.py
        assert [list(output["data"]) for output in tracker.chart_output.outputs] == [["application/vnd.plotly.v1+json"]]
        assert "<div style='position:relative" not in tracker.progress_html.value  # the chart replaces the HTML bars


def test_without_a_chart_the_bars_are_html(greencycle: Plan, tmp_path: Path) -> None:
    tracker = tracker_for(greencycle, tmp_path / "c.db", objective="CS1")
    assert tracker.figure is None and tracker.chart_output.outputs == ()
    assert tracker.progress_html.value.count("<div style='position:relative") == 3
    assert repr(tracker) == "<CheckinTracker: objective CS1, 3 key results, day 2026-02-15>"
