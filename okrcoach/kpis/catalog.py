"""The KPI catalog: a CSV of well-defined KPIs, read and validated into frozen values.

The catalog is the single source of truth for what a metric is (leading or lagging, how long a
change takes to show, what leads it and what guards it). Its columns are documented in
`datasets/kpis/README.md`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from okrcoach.errors import LoadError, LoadProblem

COLUMNS = (
    "id", "name", "function", "description", "formula", "unit", "direction", "indicator_type", "cadence",
    "lag_days", "leading_alternatives", "counterweights", "vanity", "synonyms", "source",
)  # fmt: skip
FUNCTIONS = (
    "sales", "marketing", "ecommerce", "saas-product", "customer-support", "customer-success", "engineering",
    "operations", "hr", "finance", "manufacturing", "public-sector", "nonprofit",
)  # fmt: skip
UNITS = ("percent", "currency", "count", "ratio", "minutes", "hours", "days", "score", "points", "rate")
CADENCES = ("daily", "weekly", "monthly", "quarterly", "annual")
_CHOICES = {
    "function": FUNCTIONS,
    "unit": UNITS,
    "direction": ("higher", "lower"),
    "indicator_type": ("leading", "lagging"),
    "cadence": CADENCES,
    "vanity": ("yes", "no"),
}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_REQUIRED = ("id", "name", "function", "description", "formula", "unit", "direction", "indicator_type", "cadence", "lag_days")


@dataclass(frozen=True, slots=True)
class CatalogKPI:
    """One KPI of the catalog."""

    id: str
    name: str
    function: str
    description: str
    formula: str
    unit: str
    direction: str
    indicator_type: str
    cadence: str
    lag_days: int
    leading_alternatives: tuple[str, ...]
    counterweights: tuple[str, ...]
    vanity: bool
    synonyms: tuple[str, ...]
    source: str

    @property
    def leading(self) -> bool:
        """Return True for a leading indicator: a driver of results, rather than a result itself.

        Leading and lagging are relative (a driver leads, its result lags); how soon a change shows
        is the separate `lag_days`, which is what decides whether a KPI can move within a cycle.
        """
        return self.indicator_type == "leading"

    def responsive(self, cycle_days: int, share: float = 2 / 3) -> bool:
        """Return True when a change in the work shows in this KPI early enough in a cycle of this length.

        A KPI is responsive when its typical lag is at most `share` of the cycle: monthly revenue
        (60 days) can be a quarterly key result, relationship NPS (135 days) cannot.
        """
        return self.lag_days <= cycle_days * share

    @property
    def phrases(self) -> tuple[str, ...]:
        """Return the lower-case name and synonyms, the phrases free text may use for this KPI."""
        return (self.name.lower(), *self.synonyms)

    @property
    def delay(self) -> str:
        """Return the typical lag in words: '3 days', '2 weeks', 'about 4 months', 'about 2 years'."""
        days = self.lag_days
        if days < 14:
            return f"{days} day{'s' if days != 1 else ''}"
        if days < 90:
            return f"{round(days / 7)} weeks"
        if days < 365:
            return f"about {round(days / 30.4)} months"
        years = round(days / 365)
        return f"about {years} year{'s' if years != 1 else ''}"


class Catalog:
    """The KPIs of a catalog file, by id, with the lookups the rules and pickers need."""

    def __init__(self, kpis: list[CatalogKPI], source: str = "<catalog>") -> None:
        self.source = source
        self._by_id = {kpi.id: kpi for kpi in kpis}

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[CatalogKPI]:
        return iter(self._by_id.values())

    def __contains__(self, kpi_id: object) -> bool:
        return kpi_id in self._by_id

    def __getitem__(self, kpi_id: str) -> CatalogKPI:
        try:
            return self._by_id[kpi_id]
        except KeyError:
            raise KeyError(f"no KPI {kpi_id!r} in the catalog") from None

    def get(self, kpi_id: str | None) -> CatalogKPI | None:
        """Return the KPI with this id, or None."""
        return self._by_id.get(kpi_id) if kpi_id else None

    @property
    def functions(self) -> tuple[str, ...]:
        """Return the functions the catalog covers, in the documented order."""
        present = {kpi.function for kpi in self}
        return tuple(function for function in FUNCTIONS if function in present)

    def by_function(self, function: str) -> list[CatalogKPI]:
        """Return the KPIs whose home is this function."""
        return [kpi for kpi in self if kpi.function == function]

    def to_frame(self) -> object:
        """Return the catalog as a pandas DataFrame (needs the pandas extra)."""
        import pandas as pd

        rows = []
        for kpi in self:
            row = {column: getattr(kpi, column) for column in COLUMNS}
            for column in ("leading_alternatives", "counterweights", "synonyms"):
                row[column] = "; ".join(row[column])
            rows.append(row)
        return pd.DataFrame(rows, columns=list(COLUMNS))


def catalog_path() -> Path:
    """Return the bundled catalog file, datasets/kpis/catalog.csv (found without importing the OKR model)."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_datasets", package.parent / "datasets"):
        if (candidate / "kpis" / "catalog.csv").is_file():
            return candidate / "kpis" / "catalog.csv"
    from okrcoach.datasets import datasets_dir  # its error message says how to install the datasets

    return datasets_dir() / "kpis" / "catalog.csv"


@cache
def default_catalog() -> Catalog:
    """Return the bundled catalog (read once per process)."""
    return load_catalog(catalog_path())


def load_catalog(path: str | Path) -> Catalog:
    """Read and validate a catalog CSV; every problem is reported at once with its row and column."""
    path = Path(path)
    if not path.is_file():
        raise LoadError.single(str(path), "no such file: expected a KPI catalog CSV")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LoadError.single(str(path), f"byte {error.start} is not UTF-8 text: save the catalog as UTF-8") from None
    return parse_catalog(text, str(path))


def parse_catalog(text: str, source: str = "<catalog>") -> Catalog:
    """Validate catalog CSV text and return the Catalog."""
    if not text.strip():
        raise LoadError.single(source, "the file is empty: expected a header row with " + ", ".join(COLUMNS), row=1)
    reader = csv.DictReader(io.StringIO(text))
    headers = [name.strip().lower() for name in reader.fieldnames or ()]
    missing = [column for column in COLUMNS if column not in headers]
    if missing:
        raise LoadError.single(source, f"missing column(s) {', '.join(missing)}; expected: {', '.join(COLUMNS)}", row=1)
    reader.fieldnames = headers
    problems: list[LoadProblem] = []
    kpis: list[CatalogKPI] = []
    rows: dict[str, int] = {}
    phrases: dict[str, tuple[str, int]] = {}
    for number, raw in enumerate(reader, start=2):
        if None in raw:
            problems.append(LoadProblem(source, f"row has {len(headers) + len(raw[None])} cells, the header has {len(headers)}", row=number))
            continue
        kpi = _row(raw, number, source, problems)
        if kpi is None:
            continue
        if kpi.id in rows:
            problems.append(LoadProblem(source, f"duplicate id {kpi.id!r}: first used on row {rows[kpi.id]}", row=number, field="id"))
            continue
        rows[kpi.id] = number
        for phrase in kpi.phrases:
            owner = phrases.setdefault(phrase, (kpi.id, number))
            if owner[0] != kpi.id:
                problems.append(LoadProblem(source, f"synonym {phrase!r} is already used by {owner[0]!r} (row {owner[1]}); each phrase must name one KPI", row=number, field="synonyms"))
        kpis.append(kpi)
    for kpi in kpis:
        problems.extend(_references(kpi, rows, {k.id: k for k in kpis}, source))
    if problems:
        raise LoadError(problems)
    if not kpis:
        raise LoadError.single(source, "the catalog has a header but no KPIs", row=2)
    return Catalog(kpis, source)


def _row(raw: dict[str, str | None], number: int, source: str, problems: list[LoadProblem]) -> CatalogKPI | None:
    values = {key: " ".join((value or "").split()) for key, value in raw.items()}
    before = len(problems)
    for column in _REQUIRED:
        if not values[column]:
            problems.append(LoadProblem(source, f"{column} is empty", row=number, field=column))
    for column, allowed in _CHOICES.items():
        value = values[column].lower()
        if value and value not in allowed:
            problems.append(LoadProblem(source, f"unknown {column} {values[column]!r}: expected one of {', '.join(allowed)}", row=number, field=column))
    if values["id"] and not _ID.match(values["id"]):
        problems.append(LoadProblem(source, f"id {values['id']!r} is not kebab-case (lower-case words joined by '-')", row=number, field="id"))
    lag = values["lag_days"]
    if lag and not lag.isdigit():
        problems.append(LoadProblem(source, f"lag_days must be a whole number of days, got {lag!r}", row=number, field="lag_days"))
    if len(problems) > before:
        return None
    return CatalogKPI(
        id=values["id"],
        name=values["name"],
        function=values["function"].lower(),
        description=values["description"],
        formula=values["formula"],
        unit=values["unit"].lower(),
        direction=values["direction"].lower(),
        indicator_type=values["indicator_type"].lower(),
        cadence=values["cadence"].lower(),
        lag_days=int(lag),
        leading_alternatives=_split(values["leading_alternatives"], ";"),
        counterweights=_split(values["counterweights"], ";"),
        vanity=values["vanity"].lower() == "yes",
        synonyms=tuple(dict.fromkeys(s.lower() for s in _split(values["synonyms"], "|"))),
        source=values["source"],
    )


def _split(value: str, separator: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(separator) if part.strip())


def _references(kpi: CatalogKPI, rows: dict[str, int], by_id: dict[str, CatalogKPI], source: str) -> Iterator[LoadProblem]:
    number = rows[kpi.id]
    for column in ("leading_alternatives", "counterweights"):
        for other in getattr(kpi, column):
            if other == kpi.id:
                yield LoadProblem(source, f"{kpi.id!r} lists itself", row=number, field=column)
            elif other not in by_id:
                yield LoadProblem(source, f"unknown KPI id {other!r}: expected an id from the id column", row=number, field=column)
            elif column == "leading_alternatives" and by_id[other].lag_days > kpi.lag_days:
                yield LoadProblem(
                    source,
                    f"{other!r} shows change after {_days(by_id[other].lag_days)}, later than {kpi.id!r} "
                    f"(after {_days(kpi.lag_days)}), so it cannot lead it",
                    row=number,
                    field=column,
                )


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"
