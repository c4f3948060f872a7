"""Targets for KPIs: split an annual target into quarters or months, evenly or by season.

Seed 000's example: a $120M annual revenue KPI becomes $10M a month when split evenly. Flow
metrics (revenue, orders, hires) add up over periods and are split; level metrics (rates,
scores, times) do not add up, so they get a glide path from today's level to the target.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from okrcoach.clock import today
from okrcoach.history import Series

_MONTHS = tuple(calendar.month_abbr[index] for index in range(1, 13))


@dataclass(frozen=True, slots=True)
class PeriodTarget:
    """The target for one period: its label ('2026-Q1', '2026-03'), value and share of the year."""

    period: str
    value: float
    share: float


def decompose(
    annual: float,
    into: str = "month",
    *,
    year: int | None = None,
    profile: Sequence[float] | Mapping[int, float] | None = None,
) -> list[PeriodTarget]:
    """Split an annual total into 12 monthly or 4 quarterly targets that add up to it.

    `profile` gives the seasonality: 12 monthly weights (or {month number: weight}), which are
    normalised, and summed per quarter when splitting into quarters. Without it the split is even.

    >>> [t.value for t in decompose(120_000_000)][:2]
    [10000000.0, 10000000.0]
    """
    if into not in {"month", "quarter"}:
        raise ValueError(f"into must be 'month' or 'quarter', got {into!r}")
    weights = _monthly_weights(profile)
    label_year = year if year is not None else today().year
    if into == "quarter":
        weights = [sum(weights[quarter * 3 : quarter * 3 + 3]) for quarter in range(4)]
        labels = [f"{label_year}-Q{quarter + 1}" for quarter in range(4)]
    else:
        labels = [f"{label_year}-{month:02d}" for month in range(1, 13)]
    values = [annual * weight for weight in weights]
    values[-1] = annual - sum(values[:-1])  # the parts add up to the whole, despite rounding
    return [PeriodTarget(label, value, weight) for label, value, weight in zip(labels, values, weights, strict=True)]


def glide_path(start: float, target: float, periods: int, *, labels: Sequence[str] | None = None) -> list[PeriodTarget]:
    """Return evenly spaced interim targets for a level metric (a rate, score or time).

    >>> [t.value for t in glide_path(12, 4, 4)]
    [10.0, 8.0, 6.0, 4.0]
    """
    if periods < 1:
        raise ValueError("periods must be at least 1")
    labels = list(labels) if labels is not None else [f"P{index}" for index in range(1, periods + 1)]
    if len(labels) != periods:
        raise ValueError(f"{len(labels)} labels for {periods} periods")
    step = (target - start) / periods
    return [PeriodTarget(labels[index], start + step * (index + 1), (index + 1) / periods) for index in range(periods)]


def seasonal_profile(series: Series) -> list[float]:
    """Return 12 monthly weights (summing to 1) from a flow KPI's history: each month's average share.

    Months the history never covers get the average weight; needs at least one full year to mean much.
    """
    totals: dict[int, dict[int, float]] = {}
    for day, value in zip(series.dates, series.values, strict=True):
        totals.setdefault(day.year, {}).setdefault(day.month, 0.0)
        totals[day.year][day.month] += value
    full_years = [months for months in totals.values() if len(months) == 12 and sum(months.values())]
    if not full_years:
        raise ValueError(f"{series.kpi}: a seasonal profile needs at least one full calendar year of history")
    shares = [sum(months[month] / sum(months.values()) for months in full_years) / len(full_years) for month in range(1, 13)]
    total = sum(shares)
    return [share / total for share in shares]


def _monthly_weights(profile: Sequence[float] | Mapping[int, float] | None) -> list[float]:
    if profile is None:
        return [1 / 12] * 12
    if isinstance(profile, Mapping):
        unknown = [key for key in profile if key not in range(1, 13)]
        if unknown:
            raise ValueError(f"profile months must be 1-12, got {unknown}")
        raw = [float(profile.get(month, 0.0)) for month in range(1, 13)]
    else:
        raw = [float(weight) for weight in profile]
        if len(raw) != 12:
            raise ValueError(f"a seasonality profile needs 12 monthly weights ({', '.join(_MONTHS)}), got {len(raw)}")
    if any(weight < 0 for weight in raw) or not sum(raw):
        raise ValueError("profile weights must be zero or more, and not all zero")
    total = sum(raw)
    return [weight / total for weight in raw]
