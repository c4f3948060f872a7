"""Target decomposition, seasonality, red/amber/green status, trend and forecast."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from okrcoach.history import Series
from okrcoach.kpis.health import Status, forecast, kpi_health, status
from okrcoach.kpis.targets import decompose, glide_path, seasonal_profile
from okrcoach.model import KPI, Thresholds


def test_even_monthly_split_is_the_seed_example() -> None:
    months = decompose(120_000_000, year=2026)
    assert [m.value for m in months] == [10_000_000.0] * 12
    assert months[0].period == "2026-01" and months[-1].period == "2026-12"


def test_quarterly_split_with_seasonality_adds_up() -> None:
    profile = [1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 4]  # a retailer's Christmas peak
    quarters = decompose(100, "quarter", year=2026, profile=profile)
    assert [q.period for q in quarters] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert [round(q.value, 6) for q in quarters] == [16.666667, 16.666667, 16.666667, 50.0]
    assert math.isclose(sum(q.value for q in quarters), 100)


def test_profile_as_mapping_and_bad_profiles() -> None:
    months = decompose(12, year=2026, profile={12: 1})
    assert [m.value for m in months] == [0.0] * 11 + [12.0]
    with pytest.raises(ValueError, match="12 monthly weights"):
        decompose(12, profile=[1, 2, 3])
    with pytest.raises(ValueError, match="not all zero"):
        decompose(12, profile=[0] * 12)
    with pytest.raises(ValueError, match="months must be 1-12"):
        decompose(12, profile={13: 1})
    with pytest.raises(ValueError, match="'month' or 'quarter'"):
        decompose(12, "week")


def test_glide_path_for_a_level_metric() -> None:
    path = glide_path(12, 4, 4, labels=["Jan", "Feb", "Mar", "Apr"])
    assert [(p.period, p.value) for p in path] == [("Jan", 10.0), ("Feb", 8.0), ("Mar", 6.0), ("Apr", 4.0)]
    with pytest.raises(ValueError):
        glide_path(1, 2, 0)


def monthly(values: list[float], start: date = date(2024, 1, 1)) -> Series:
    dates = []
    year, month = start.year, start.month
    for _ in values:
        dates.append(date(year, month, 1))
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return Series("k", tuple(dates), tuple(values))


def test_seasonal_profile_from_history() -> None:
    series = monthly([1] * 11 + [2] + [1] * 11 + [2])
    profile = seasonal_profile(series)
    assert math.isclose(sum(profile), 1)
    assert math.isclose(profile[11], 2 / 13)
    with pytest.raises(ValueError, match="full calendar year"):
        seasonal_profile(monthly([1, 2, 3]))


@pytest.mark.parametrize(
    ("value", "green", "amber", "direction", "expected"),
    [
        (90, 85, 75, "higher", Status.GREEN),
        (85, 85, 75, "higher", Status.GREEN),
        (80, 85, 75, "higher", Status.AMBER),
        (70, 85, 75, "higher", Status.RED),
        (3, 4, 8, "lower", Status.GREEN),
        (6, 4, 8, "lower", Status.AMBER),
        (9, 4, 8, "lower", Status.RED),
        (9, 4, None, "lower", Status.RED),
        (None, 4, 8, "lower", Status.UNKNOWN),
    ],
)
def test_status_bands(value, green, amber, direction, expected) -> None:  # type: ignore[no-untyped-def]
    assert status(value, Thresholds(green=green, amber=amber), direction) is expected


def test_status_without_bands_is_unknown() -> None:
    assert status(5, None) is Status.UNKNOWN


def test_forecast_follows_the_trend() -> None:
    days = tuple(date(2026, 1, 1) + timedelta(days=7 * i) for i in range(10))
    series = Series("wau", days, tuple(1000.0 + 70 * i for i in range(10)))
    ahead = forecast(series, date(2026, 3, 31))
    assert ahead is not None
    assert round(ahead.value) == 1000 + round(10 * (date(2026, 3, 31) - date(2026, 1, 1)).days)
    assert ahead.low == pytest.approx(ahead.value) and ahead.slope_per_30_days == pytest.approx(300)
    assert forecast(Series("x", days[:2], (1.0, 2.0)), date(2026, 3, 1)) is None


def test_kpi_health_for_a_worsening_lower_is_better_kpi() -> None:
    days = tuple(date(2026, 1, 5) + timedelta(days=7 * i) for i in range(8))
    series = Series("frt", days, (4.0, 4.2, 4.1, 4.6, 4.8, 5.1, 5.0, 5.5))
    kpi = KPI(id="frt", name="First response time", direction="lower", target=4, thresholds=Thresholds(green=4, amber=5))
    health = kpi_health(kpi, series, period_end=date(2026, 3, 31))
    assert (health.latest, health.status, health.trend) == (5.5, Status.RED, "worsening")
    assert health.reaches_target is False and health.forecast_status is Status.RED
    assert "not on course for its target" in health.summary


def test_kpi_health_flat_and_empty() -> None:
    days = tuple(date(2026, 1, 5) + timedelta(days=7 * i) for i in range(6))
    flat = Series("csat", days, (80.0, 82.0, 79.0, 81.0, 80.0, 80.5))
    kpi = KPI(id="csat", name="CSAT", thresholds=Thresholds(green=78, amber=70))
    assert kpi_health(kpi, flat).trend == "flat"
    empty = kpi_health(kpi, None)
    assert (empty.status, empty.summary) == (Status.UNKNOWN, "csat: no observations yet")
