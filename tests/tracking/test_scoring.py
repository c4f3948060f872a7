"""Scoring edge cases as a table, plus grades, bands, pace, roll-ups and risk."""

from __future__ import annotations

from datetime import date

import pytest

from okrcoach import load
from okrcoach.model import KeyResult
from okrcoach.tracking import CheckIn, band, expected_pace, grade, progress, score_plan

CASES = [
    # statement or mapping, value, baseline stand-in, expected progress
    ("Reduce support response time from 12 hours to 4 hours", 8, None, 0.5),
    ("Reduce support response time from 12 hours to 4 hours", 4, None, 1.0),
    ("Reduce support response time from 12 hours to 4 hours", 2, None, 1.25),  # overshoot kept
    ("Reduce support response time from 12 hours to 4 hours", 14, None, -0.25),  # went the wrong way
    ("Raise activation from 30% to 50%", 45, None, 0.75),
    ("Raise activation from 30% to 50%", 30, None, 0.0),
    ("Grow ARR by 20%", 110, 100, 0.5),  # relative target from the first check-in
    ("Cut churn by 1 point from 4%", 3.5, None, 0.5),
    ("Achieve an NPS of 60+", 30, None, 0.5),  # no baseline: counts from zero
    ("Maintain CSAT above 80%", 82, None, 1.0),
    ("Maintain CSAT above 80%", 79, None, 0.0),
    ("Keep churn below 2%", 1.8, None, 1.0),
    ("Keep churn below 2%", 2.4, None, 0.0),
    ("Launch the setup wizard", 60, None, 0.6),  # milestone: percent complete
    ({"title": "SOC 2 audit passed", "kind": "binary"}, 1, None, 1.0),
    ({"title": "SOC 2 audit passed", "kind": "binary"}, 0, None, 0.0),
    ({"title": "Onboarding NPS", "baseline": 20, "target": 40}, 35, None, 0.75),  # structured fields win
    ("Reduce response time from 12 hours to 4 hours", None, None, None),  # no value yet
    ("Improve the onboarding experience", 50, None, 0.5),  # vague: treated as percent complete
    ({"title": "Weekly active users", "kind": "metric"}, 500, None, None),  # metric with no target
]


@pytest.mark.parametrize(("statement", "value", "baseline", "expected"), CASES)
def test_progress(statement, value, baseline, expected) -> None:  # type: ignore[no-untyped-def]
    key_result = KeyResult.model_validate({"id": "K", **(statement if isinstance(statement, dict) else {"title": statement})})
    result = progress(key_result, value, baseline=baseline)
    assert result == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize(
    ("raw", "graded", "colour"),
    [(None, None, "grey"), (-0.3, 0.0, "red"), (0.34, 0.3, "red"), (0.36, 0.4, "yellow"), (0.66, 0.7, "green"), (1.4, 1.0, "green")],
)
def test_grades_and_bands(raw, graded, colour) -> None:  # type: ignore[no-untyped-def]
    assert grade(raw) == graded
    assert band(graded) == colour


def test_expected_pace() -> None:
    start, end = date(2026, 1, 1), date(2026, 3, 31)
    assert expected_pace(start, end, date(2025, 12, 1)) == 0
    assert expected_pace(start, end, date(2026, 2, 15)) == pytest.approx(45 / 89)
    assert expected_pace(start, end, date(2026, 6, 1)) == 1


PLAN = {
    "cycle": "2026-Q1",
    "objectives": [
        {"id": "S1", "title": "Make getting help effortless", "team": "support", "type": "committed", "key_results": [
            {"id": "S1.KR1", "title": "Reduce first response time from 12 hours to 4 hours"},
            {"id": "S1.KR2", "title": "Raise first-contact resolution from 60% to 75%"},
        ]},
        {"id": "G1", "title": "Grow the self-serve channel", "team": "growth", "key_results": [
            {"id": "G1.KR1", "title": "Raise trial-to-paid conversion from 10% to 14%", "current": 13},
            {"id": "G1.KR2", "title": "Launch the pricing page"},
        ]},
    ],
}  # fmt: skip


def test_roll_ups_pace_and_risk() -> None:
    plan = load(PLAN)
    checkins = [
        CheckIn("S1.KR1", date(2026, 1, 12), 10, 6),
        CheckIn("S1.KR1", date(2026, 2, 16), 8, 3),  # 50% done, confidence fell by 3 to 3
        CheckIn("S1.KR2", date(2026, 2, 16), 63, 7),  # 20% done at 52% of the quarter: behind pace
        CheckIn("G1.KR2", date(2026, 2, 16), 80, 8),
        CheckIn("S1.KR1", date(2026, 3, 30), 4, 9),  # after the scoring day: ignored
    ]
    card = score_plan(plan, checkins, day=date(2026, 2, 16))
    scores = {score.key_result: score for score in card.key_results}
    assert scores["S1.KR1"].progress == 0.5 and scores["S1.KR1"].grade == 0.5 and scores["S1.KR1"].band == "yellow"
    assert scores["S1.KR1"].reasons == ("low confidence (3/10)", "confidence falling (6 -> 3)")
    assert scores["S1.KR2"].reasons == ("behind pace: 20% done, 52% of the cycle gone",)
    assert scores["G1.KR1"].value == 13 and scores["G1.KR1"].progress == 0.75 and not scores["G1.KR1"].at_risk
    assert scores["G1.KR2"].progress == 0.8
    support, growth = card.objectives
    assert (support.grade, support.expected_grade, support.meets_expectation) == (0.35, 1.0, False)
    assert (growth.grade, growth.expected_grade, growth.meets_expectation) == (0.78, 0.7, True)
    assert card.teams == {"support": 0.35, "growth": 0.78}
    assert card.company == pytest.approx(0.56, abs=0.01)
    assert [score.key_result for score in card.at_risk] == ["S1.KR1", "S1.KR2"]
    records = card.to_records()
    assert records[0]["key_result"] == "S1.KR1" and records[0]["at_risk"] is True


def test_scoring_day_defaults_to_the_last_checkin() -> None:
    card = score_plan(load(PLAN), [CheckIn("S1.KR1", date(2026, 3, 2), 6, 7)])
    assert card.day == date(2026, 3, 2)
