"""KPI history: dated observations of each KPI, for trend-aware checks and forecasts."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from okrcoach.errors import LoadError, LoadProblem

COLUMNS = ("kpi", "date", "value")
_ALIASES = {"kpi_id": "kpi", "metric": "kpi", "period": "date", "day": "date", "actual": "value", "observed": "value"}


@dataclass(frozen=True, slots=True)
class Series:
    """The observations of one KPI, oldest first."""

    kpi: str
    dates: tuple[date, ...]
    values: tuple[float, ...]

    def before(self, day: date) -> Series:
        """Return the observations strictly before a day."""
        keep = [index for index, observed in enumerate(self.dates) if observed < day]
        return Series(self.kpi, tuple(self.dates[i] for i in keep), tuple(self.values[i] for i in keep))

    def __len__(self) -> int:
        return len(self.values)


History = Mapping[str, Series]


def history_from_mapping(data: Mapping[str, Iterable[Any]], source: str = "<history>") -> dict[str, Series]:
    """Return history from {kpi id: [[date, value], ...]} (dates as date objects or ISO text)."""
    rows = [{"kpi": kpi, "date": pair[0], "value": pair[1]} for kpi, pairs in data.items() for pair in pairs]
    return _build(rows, source, list(range(1, len(rows) + 1)))


def load_history(path: str | Path) -> dict[str, Series]:
    """Return the history in a CSV file with columns kpi, date, value (one row per observation).

    Every problem is reported at once, with its row and column: missing columns, dates that are not
    dates, values that are not numbers, the same KPI and date twice, and dates out of order.
    """
    from okrcoach.loaders import read_text

    path = Path(path)
    if not path.exists():
        raise LoadError.single(str(path), "no such file")
    reader = csv.DictReader(io.StringIO(read_text(path)))
    headers = {name: _ALIASES.get(name.strip().lower(), name.strip().lower()) for name in reader.fieldnames or ()}
    missing = [column for column in COLUMNS if column not in headers.values()]
    if missing:
        found = ", ".join(reader.fieldnames or ()) or "none"
        raise LoadError.single(str(path), f"missing column(s) {', '.join(missing)}: expected kpi, date, value (found: {found})", row=1)
    rows = [{headers[key]: value for key, value in row.items() if key in headers} for row in reader]
    return _build(rows, str(path), list(range(2, len(rows) + 2)))


def _build(rows: list[dict[str, Any]], source: str, numbers: list[int]) -> dict[str, Series]:
    from okrcoach.quantity import parse_quantity

    problems: list[LoadProblem] = []
    points: dict[str, list[tuple[date, float, int]]] = {}
    for row, number in zip(rows, numbers, strict=True):
        kpi = str(row.get("kpi") or "").strip()
        day = _date(row.get("date"))
        value = row.get("value")
        if isinstance(value, str):
            quantity = parse_quantity(value)
            value = quantity.value if quantity else None
        if not kpi:
            problems.append(LoadProblem(source, "kpi is empty: expected a KPI id", row=number, field="kpi"))
        if day is None:
            problems.append(LoadProblem(source, f"expected a date such as 2026-03-31, got {row.get('date')!r}", row=number, field="date"))
        if not isinstance(value, int | float) or isinstance(value, bool):
            problems.append(LoadProblem(source, f"expected a number, got {row.get('value')!r}", row=number, field="value"))
        if kpi and day is not None and isinstance(value, int | float) and not isinstance(value, bool):
            points.setdefault(kpi, []).append((day, float(value), number))
    series = {}
    for kpi, observed in points.items():
        problems.extend(_order_problems(kpi, observed, source))
        series[kpi] = Series(kpi, tuple(point[0] for point in observed), tuple(point[1] for point in observed))
    if problems:
        raise LoadError(problems)
    return series


def _order_problems(kpi: str, observed: list[tuple[date, float, int]], source: str) -> list[LoadProblem]:
    problems = []
    for (previous, _, _), (day, _, number) in zip(observed, observed[1:], strict=False):
        if day == previous:
            problems.append(LoadProblem(source, f"KPI {kpi!r} has two values for {day}", row=number, field="date"))
        elif day < previous:
            problems.append(LoadProblem(source, f"KPI {kpi!r}: {day} comes after {previous}; keep dates in order", row=number, field="date"))
    return problems


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Trend:
    """A straight-line fit of a series: value per day, where it points, and how noisy it is."""

    slope: float
    intercept: float
    noise: float
    origin: date

    def at(self, day: date) -> float:
        """Return the fitted value on a day."""
        return self.intercept + self.slope * (day - self.origin).days


def fit_trend(series: Series) -> Trend | None:
    """Return the least-squares line through a series (None with fewer than 3 observations)."""
    if len(series) < 3:
        return None
    origin = series.dates[0]
    xs = [(day - origin).days for day in series.dates]
    ys = list(series.values)
    count = len(xs)
    mean_x, mean_y = sum(xs) / count, sum(ys) / count
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread if spread else 0.0
    intercept = mean_y - slope * mean_x
    residuals = [y - (intercept + slope * x) for x, y in zip(xs, ys, strict=True)]
    noise = (sum(r * r for r in residuals) / max(count - 2, 1)) ** 0.5
    return Trend(slope, intercept, noise, origin)


def largest_change(series: Series, within_days: int = 92) -> float:
    """Return the largest absolute difference between two observations at most within_days apart."""
    largest = 0.0
    start = 0
    for end in range(len(series)):
        while (series.dates[end] - series.dates[start]).days > within_days:
            start += 1
        window = series.values[start : end + 1]
        largest = max(largest, max(window) - min(window))
    return largest
