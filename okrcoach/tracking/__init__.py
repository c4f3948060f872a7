"""Tracking a quarter: check-ins (SQLite), scoring, grades, pace and risk."""

from __future__ import annotations

from okrcoach.tracking.scoring import (
    KeyResultScore, ObjectiveScore, Scorecard, Settings, band, expected_pace, grade, progress, score_plan,
)  # fmt: skip
from okrcoach.tracking.store import CheckIn, CheckinStore, read_checkins_csv

__all__ = [
    "CheckIn", "CheckinStore", "KeyResultScore", "ObjectiveScore", "Scorecard", "Settings", "band", "expected_pace",
    "grade", "progress", "read_checkins_csv", "score_plan",
]  # fmt: skip
