"""T101 lagging-indicator decides by responsiveness (lag_days against the cycle), not by the driver/result tag."""

from __future__ import annotations

import okrcoach
from okrcoach.settings import Settings


def flagged(statement: str, cycle: str = "2026-Q1", objective: str = "Grow the business") -> list[str]:
    plan = okrcoach.load({"cycle": cycle, "objectives": [{"id": "O1", "title": objective, "key_results": [statement]}]})
    return [finding.message for finding in okrcoach.check(plan, Settings(select=("lagging-indicator",))).findings]


def test_a_monthly_revenue_result_can_be_a_quarterly_key_result() -> None:
    assert flagged("Grow monthly revenue from $1.0M to $1.2M") == []
    assert flagged("Increase average order value from $54 to $60") == []
    assert flagged("Raise the repeat purchase rate from 28% to 35%") == []


def test_slow_results_are_flagged_in_a_quarter_but_not_in_a_year() -> None:
    assert "Net Promoter Score" in flagged("Raise NPS from 30 to 45")[0]
    assert flagged("Raise relationship NPS from 30 to 45", cycle="2026") == []
    assert flagged("Grow ARR from $10M to $14M")


def test_what_is_not_the_metric_is_not_flagged() -> None:
    assert flagged("Make the NPS survey data reliable") == []  # work on the measurement
    assert flagged("Hosting cost per monthly active user under $0.80") == []
    assert flagged("Raise day-7 retention from 20% to 30%") == []  # a short window


def test_a_population_before_the_metric_still_counts() -> None:
    assert flagged("Driver turnover from 48% to 38% annualised")
    assert flagged("Parent NPS of 50+")
