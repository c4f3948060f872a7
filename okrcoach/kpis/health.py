"""KPI health: red/amber/green status against thresholds, trend, and a forecast to period end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from okrcoach.history import Series, fit_trend
from okrcoach.model import KPI, Better, Thresholds


class Status(str, Enum):
    """A KPI's colour: green (healthy), amber (watch it), red (act now), unknown (no bands)."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return self.value


def status(value: float | None, thresholds: Thresholds | None, direction: Better | str = Better.HIGHER) -> Status:
    """Return the status of a value: at or beyond green is green, at or beyond amber amber, else red.

    "Beyond" follows the KPI's direction: for a lower-is-better KPI, green means at or below green.
    Without a value or with no bands, the status is unknown.
    """
    if value is None or thresholds is None or thresholds.green is None:
        return Status.UNKNOWN
    higher = Better(direction) is Better.HIGHER

    def reached(level: float) -> bool:
        return value >= level if higher else value <= level

    if reached(thresholds.green):
        return Status.GREEN
    if thresholds.amber is None or reached(thresholds.amber):
        return Status.AMBER if thresholds.amber is not None else Status.RED
    return Status.RED


@dataclass(frozen=True, slots=True)
class Forecast:
    """Where a KPI's straight-line trend points on a day, with a band of one noise level each side."""

    day: date
    value: float
    low: float
    high: float
    slope_per_30_days: float


def forecast(series: Series, day: date) -> Forecast | None:
    """Return the trend's value on a day (None with fewer than 3 observations)."""
    trend = fit_trend(series)
    if trend is None:
        return None
    value = trend.at(day)
    return Forecast(day, value, value - trend.noise, value + trend.noise, trend.slope * 30)


@dataclass(frozen=True, slots=True)
class Health:
    """A KPI's latest value and status, its trend, and where it will stand at the period's end."""

    kpi: str
    latest: float | None
    latest_date: date | None
    status: Status
    trend: str  # improving, worsening or flat
    forecast: Forecast | None
    forecast_status: Status
    reaches_target: bool | None

    @property
    def summary(self) -> str:
        """Return one sentence for a dashboard or report."""
        if self.latest is None:
            return f"{self.kpi}: no observations yet"
        text = f"{self.kpi}: {self.latest:g} on {self.latest_date} ({self.status}), {self.trend}"
        if self.forecast is not None:
            text += f"; heading for {self.forecast.value:.3g} by {self.forecast.day} ({self.forecast_status})"
        if self.reaches_target is not None:
            text += "; on course for its target" if self.reaches_target else "; not on course for its target"
        return text


def kpi_health(kpi: KPI, series: Series | None, period_end: date | None = None) -> Health:
    """Return a KPI's health from its history: status now, trend, and forecast to `period_end`.

    The trend is 'flat' when the fitted change over 30 days is smaller than the noise around the
    line; otherwise 'improving' or 'worsening' according to the KPI's direction.
    """
    if series is None or not len(series):
        return Health(kpi.id, None, None, Status.UNKNOWN, "unknown", None, Status.UNKNOWN, None)
    latest, latest_date = series.values[-1], series.dates[-1]
    trend = fit_trend(series)
    movement = "unknown"
    if trend is not None:
        change = trend.slope * 30
        if abs(change) < trend.noise * 0.25 or change == 0:
            movement = "flat"
        else:
            good = change > 0 if kpi.direction is Better.HIGHER else change < 0
            movement = "improving" if good else "worsening"
    ahead = forecast(series, period_end) if period_end is not None else None
    reaches = None
    if ahead is not None and kpi.target is not None:
        reaches = ahead.value >= kpi.target if kpi.direction is Better.HIGHER else ahead.value <= kpi.target
    return Health(
        kpi=kpi.id,
        latest=latest,
        latest_date=latest_date,
        status=status(latest, kpi.thresholds, kpi.direction),
        trend=movement,
        forecast=ahead,
        forecast_status=status(ahead.value, kpi.thresholds, kpi.direction) if ahead else Status.UNKNOWN,
        reaches_target=reaches,
    )
