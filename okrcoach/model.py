"""The typed OKR/KPI model that loaders build, rules read and writers save."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

from okrcoach.text import clean_text
from okrcoach.vocabulary import Better, Cadence, Direction, KRKind, ObjectiveType

ID_PATTERN = r"^[^\s/]{1,80}$"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a model object came from, so problems and findings can point back to it."""

    source: str
    pointer: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source


_ID = re.compile(ID_PATTERN)


def _text(value: Any) -> Any:
    if isinstance(value, str):
        value = clean_text(value)
        if not value:
            raise ValueError("must not be empty")
    return value


def _clean_optional(value: Any) -> Any:
    if isinstance(value, str):
        value = clean_text(value)
        return value or None
    return value


def _identifier(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = f"{value:g}"
    if isinstance(value, str):
        value = clean_text(value)
        if not _ID.match(value):
            raise ValueError(f"expected an id without spaces or '/' (at most 80 characters), got {value!r}")
    return value


# Constraints are checked inside the validators: pydantic would otherwise wrap each field in a
# slower Python-level constraint check, which costs seconds on a 40,000-key-result plan.
Text = Annotated[str, BeforeValidator(_text)]
OptionalText = Annotated[str | None, BeforeValidator(_clean_optional)]
Identifier = Annotated[str, BeforeValidator(_identifier)]


def _number(value: Any) -> Any:
    """Accept numbers and number-like text ("60%", "$120M", "1,200"); leave the rest to pydantic."""
    if isinstance(value, bool):
        raise ValueError("expected a number, got a yes/no value")
    if isinstance(value, str):
        from okrcoach.quantity import parse_quantity

        quantity = parse_quantity(value)
        if quantity is None:
            raise ValueError(f"expected a number such as 4, 60%, 10k or $120M, got {value!r}")
        return quantity.value
    return value


Number = Annotated[float | None, BeforeValidator(_number)]


def _as_tuple(value: Any) -> Any:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return value


class _Frozen(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        str_strip_whitespace=True,
        use_enum_values=False,
        coerce_numbers_to_str=True,
    )


class Ignore(_Frozen):
    """A rule switched off for one objective or key result, with the reason why."""

    rule: Text = Field(description="Rule code or name, e.g. 'output-not-outcome' or 'M105'.")
    reason: Text = Field(description="Why the rule does not apply here.")


def _ignores(value: Any) -> Any:
    """Accept `{rule: reason}` as well as a list of `{rule, reason}` mappings."""
    if value is None:
        return ()
    if isinstance(value, Mapping):
        return tuple({"rule": rule, "reason": reason} for rule, reason in value.items())
    if isinstance(value, str):
        raise ValueError(f"expected a mapping of rule to reason, e.g. {{{value}: 'why it does not apply'}}")
    if isinstance(value, list | tuple):
        items = []
        for item in value:
            if isinstance(item, str):
                raise ValueError(f"ignoring {item!r} needs a reason: write {{rule: {item}, reason: ...}}")
            items.append(item)
        return tuple(items)
    return value


Ignores = Annotated[tuple[Ignore, ...], BeforeValidator(_ignores)]


_QUARTER = re.compile(r"^(?:FY)?(\d{4})[-\s]?Q([1-4])$", re.IGNORECASE)
_QUARTER_FIRST = re.compile(r"^Q([1-4])[-\s]?(?:FY)?(\d{4})$", re.IGNORECASE)
_HALF = re.compile(r"^(?:FY)?(\d{4})[-\s]?H([12])$", re.IGNORECASE)
_HALF_FIRST = re.compile(r"^H([12])[-\s]?(?:FY)?(\d{4})$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:FY)?(\d{4})$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class Cycle(_Frozen):
    """A planning cycle: a quarter ('2026-Q1'), a half ('2026-H2'), a year ('2026') or explicit dates."""

    label: str
    start: date
    end: date
    cadence: Cadence = Cadence.CUSTOM

    @model_validator(mode="before")
    @classmethod
    def _from_label(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            return _cycle_fields(clean_text(value))
        if isinstance(value, Mapping) and "label" not in value and "start" in value and "end" in value:
            return {**value, "label": f"{value['start']}..{value['end']}"}
        return value

    @model_validator(mode="after")
    def _check_order(self) -> Cycle:
        if self.end < self.start:
            raise ValueError(f"cycle ends ({self.end}) before it starts ({self.start})")
        return self

    @property
    def days(self) -> int:
        """Return the cycle's length in days, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def is_quarterly_or_shorter(self) -> bool:
        """Return True when the cycle lasts a quarter or less (at most 92 days)."""
        return self.days <= 92

    def __str__(self) -> str:
        return self.label


def _cycle_fields(label: str) -> dict[str, Any]:
    if match := _QUARTER.match(label) or _QUARTER_FIRST.match(label):
        year, quarter = (int(match[1]), int(match[2])) if match.re is _QUARTER else (int(match[2]), int(match[1]))
        first_month = 3 * (quarter - 1) + 1
        last_month = first_month + 2
        return {
            "label": f"{year}-Q{quarter}",
            "start": date(year, first_month, 1),
            "end": date(year, last_month, calendar.monthrange(year, last_month)[1]),
            "cadence": Cadence.QUARTER,
        }
    if match := _HALF.match(label) or _HALF_FIRST.match(label):
        year, half = (int(match[1]), int(match[2])) if match.re is _HALF else (int(match[2]), int(match[1]))
        return {
            "label": f"{year}-H{half}",
            "start": date(year, 1 if half == 1 else 7, 1),
            "end": date(year, 6, 30) if half == 1 else date(year, 12, 31),
            "cadence": Cadence.HALF,
        }
    if match := _YEAR.match(label):
        year = int(match[1])
        return {"label": str(year), "start": date(year, 1, 1), "end": date(year, 12, 31), "cadence": Cadence.YEAR}
    if (match := _MONTH.match(label)) and 1 <= int(match[2]) <= 12:
        year, month = int(match[1]), int(match[2])
        end = date(year, month, calendar.monthrange(year, month)[1])
        return {"label": label, "start": date(year, month, 1), "end": end, "cadence": Cadence.MONTH}
    raise ValueError(
        f"expected a cycle such as 2026-Q1, 2026-H1, 2026, 2026-03 or {{start: 2026-01-01, end: 2026-03-31}}, got {label!r}"
    )


def _deadline(value: Any) -> Any:
    """Accept a date, or a quarter/half/year/month label meaning the end of that period."""
    if isinstance(value, str):
        text = clean_text(value)
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return _cycle_fields(text)["end"]
        except ValueError:
            raise ValueError(f"expected a date such as 2026-03-31 or a period such as 2026-Q3, got {text!r}") from None
    return value


Deadline = Annotated[date | None, BeforeValidator(_deadline)]


class KeyResult(_Frozen):
    """One measurable result: the statement as written, plus optional structured fields."""

    id: Identifier = Field(description="Stable id; defaults to '<objective id>.KR<n>' in file order.")
    title: Text = Field(
        validation_alias=AliasChoices("title", "text", "statement", "key_result", "kr"),
        description="The key result as people write it.",
    )
    metric: OptionalText = Field(default=None, description="What is measured, e.g. 'first response time'.")
    unit: OptionalText = Field(default=None, description="Unit of baseline/target/current, e.g. '%', 'hours', 'USD'.")
    baseline: Number = Field(default=None, description="Value at the start of the cycle.")
    target: Number = Field(default=None, description="Value that means fully achieved (1.0).")
    current: Number = Field(default=None, description="Latest known value.")
    direction: Direction | None = Field(default=None, description="increase, decrease, reach or maintain.")
    deadline: Deadline = Field(default=None, description="Date or period label (2026-Q3) it is due.")
    owner: OptionalText = Field(default=None, description="The one accountable person.")
    kpi: OptionalText = Field(default=None, description="Id of the KPI this key result moves.")
    kind: KRKind | None = Field(default=None, description="metric, milestone or binary.")
    ignore: Ignores = Field(default=(), description="Rules switched off here, each with a reason.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"title": value}
        if isinstance(value, Mapping) and value.get("unit") in (None, "") and _has_text_number(value):
            units = _units_written(value)
            if len(units) > 1:
                raise ValueError(f"baseline, target and current use different units ({', '.join(sorted(units))})")
            if units:
                return {**value, "unit": units.pop()}
        return value

    @field_validator("direction", mode="before")
    @classmethod
    def _direction_words(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = clean_text(value).lower()
            return _DIRECTION_ALIASES.get(value, value)
        return value

    @property
    def statement(self) -> Any:
        """Return the parse of the title (cached), for fields the author did not give."""
        from okrcoach.parser import parse_key_result

        return parse_key_result(self.title)


_DIRECTION_ALIASES = {
    "up": "increase", "grow": "increase", "higher": "increase", "raise": "increase",
    "down": "decrease", "reduce": "decrease", "lower": "decrease",
    "keep": "maintain", "hold": "maintain", "steady": "maintain", "target": "reach", "achieve": "reach",
}  # fmt: skip


_NUMBER_FIELDS = frozenset({"baseline", "target", "current"})


def _has_text_number(value: Mapping[str, Any]) -> bool:
    return not _NUMBER_FIELDS.isdisjoint(value) and any(isinstance(value.get(key), str) for key in _NUMBER_FIELDS)


def _units_written(value: Mapping[str, Any]) -> set[str]:
    from okrcoach.quantity import parse_quantity

    units = set()
    for key in ("baseline", "target", "current"):
        if isinstance(value.get(key), str) and (quantity := parse_quantity(value[key])) and quantity.unit:
            units.add(quantity.unit)
    return units


def _aligns(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = (value,)
    return tuple(_identifier(item) if isinstance(item, str | int | float) else item for item in _as_tuple(value))


class Objective(_Frozen):
    """A qualitative, inspiring goal for one cycle, proved by its key results."""

    id: Identifier = Field(description="Stable id; defaults to O1, O2, ... in file order.")
    title: Text = Field(validation_alias=AliasChoices("title", "name", "objective"))
    description: OptionalText = None
    team: OptionalText = Field(default=None, description="Team id or name; empty for company objectives.")
    owner: OptionalText = None
    aligns_to: Annotated[tuple[str, ...], BeforeValidator(_aligns)] = Field(
        default=(), description="Ids of the parent objectives or strategic pillars this objective serves."
    )
    type: ObjectiveType = Field(default=ObjectiveType.ASPIRATIONAL, description="committed or aspirational.")
    cycle: Cycle | None = Field(default=None, description="Overrides the plan's cycle for this objective.")
    key_results: tuple[KeyResult, ...] = Field(
        default=(), validation_alias=AliasChoices("key_results", "krs", "results")
    )
    ignore: Ignores = Field(default=(), description="Rules switched off here, each with a reason.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"title": value} if isinstance(value, str) else value

    @field_validator("type", mode="before")
    @classmethod
    def _type_words(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = clean_text(value).lower()
            return {"commit": "committed", "moonshot": "aspirational", "stretch": "aspirational"}.get(value, value)
        return value


class Thresholds(_Frozen):
    """Status bands for a KPI: at or beyond `green` is green, at or beyond `amber` amber, else red."""

    green: Number = None
    amber: Number = None


class KPI(_Frozen):
    """A steady health metric a team watches continuously."""

    id: Identifier
    name: Text
    description: OptionalText = None
    unit: OptionalText = None
    direction: Better = Field(default=Better.HIGHER, description="higher or lower is better.")
    target: Number = None
    thresholds: Thresholds | None = None
    owner: OptionalText = None
    team: OptionalText = None
    formula: OptionalText = None
    cadence: OptionalText = Field(default=None, description="How often it is measured: daily, weekly, monthly...")
    catalog_id: OptionalText = Field(default=None, description="Id of the matching KPI in the okrcoach catalog.")
    decision: OptionalText = Field(
        default=None, description="What the team does when this KPI leaves green: the decision it informs."
    )
    ignore: Ignores = ()

    @field_validator("direction", mode="before")
    @classmethod
    def _direction_words(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = clean_text(value).lower()
            aliases = {"increase": "higher", "up": "higher", "decrease": "lower", "down": "lower"}
            return aliases.get(value, value)
        return value

    @model_validator(mode="after")
    def _check_thresholds(self) -> KPI:
        bands = self.thresholds
        if bands is None or bands.green is None or bands.amber is None:
            return self
        higher = self.direction is Better.HIGHER
        if (bands.green < bands.amber) if higher else (bands.green > bands.amber):
            side = "at or above" if higher else "at or below"
            raise ValueError(
                f"thresholds are in the wrong order for '{self.direction}' is better: green ({bands.green:g}) "
                f"should be {side} amber ({bands.amber:g})"
            )
        return self


class Pillar(_Frozen):
    """A strategic pillar (theme) that objectives align to."""

    id: Identifier
    title: Text = Field(validation_alias=AliasChoices("title", "name"))
    description: OptionalText = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"id": _slug(value), "title": value}
        return value


class Strategy(_Frozen):
    """Mission and strategic pillars: what every objective should ladder up to."""

    mission: OptionalText = None
    vision: OptionalText = None
    pillars: tuple[Pillar, ...] = ()


class Team(_Frozen):
    """A team that owns objectives and KPIs."""

    id: Identifier
    name: OptionalText = None
    parent: OptionalText = Field(default=None, description="Id of the team this one reports into.")
    owner: OptionalText = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"id": _slug(value), "name": value} if isinstance(value, str) else value


class Plan(_Frozen):
    """A set of OKRs and KPIs for one organisation and cycle."""

    organisation: OptionalText = Field(
        default=None, validation_alias=AliasChoices("organisation", "organization", "company", "name")
    )
    cycle: Cycle | None = None
    strategy: Strategy | None = None
    teams: tuple[Team, ...] = ()
    objectives: tuple[Objective, ...] = ()
    kpis: tuple[KPI, ...] = ()

    _origins: dict[str, Origin] = PrivateAttr(default_factory=dict)
    _source: str = PrivateAttr(default="<memory>")

    @model_validator(mode="before")
    @classmethod
    def _assign_ids(cls, value: Any) -> Any:
        """Give objectives O1, O2, ... and key results <objective>.KR1, ... where the file has no id."""
        if not isinstance(value, Mapping):
            return value
        objectives = value.get("objectives")
        if not isinstance(objectives, list | tuple):
            return value
        return {**value, "objectives": assign_ids(objectives)}

    @model_validator(mode="after")
    def _unique_ids(self) -> Plan:
        seen: dict[str, str] = {}
        clashes = []
        for kind, item_id in self._all_ids():
            if item_id in seen:
                clashes.append(f"{kind} id {item_id!r} is used twice (first by {_article(seen[item_id])})")
            seen.setdefault(item_id, kind)
        if clashes:
            raise ValueError("; ".join(clashes) + ": give each one its own id")
        return self

    def _all_ids(self) -> Iterator[tuple[str, str]]:
        for objective in self.objectives:
            yield "objective", objective.id
            for key_result in objective.key_results:
                yield "key result", key_result.id
        for kpi in self.kpis:
            yield "KPI", kpi.id

    @property
    def source(self) -> str:
        """Return the file (or '<DataFrame>', '<text>') the plan was loaded from."""
        return self._source

    @property
    def key_results(self) -> tuple[KeyResult, ...]:
        """Return every key result in the plan, in file order."""
        return tuple(kr for objective in self.objectives for kr in objective.key_results)

    def objective(self, objective_id: str) -> Objective:
        """Return the objective with this id (KeyError if there is none)."""
        for objective in self.objectives:
            if objective.id == objective_id:
                return objective
        raise KeyError(objective_id)

    def objective_of(self, key_result: KeyResult) -> Objective:
        """Return the objective that holds this key result."""
        for objective in self.objectives:
            if key_result in objective.key_results:
                return objective
        raise KeyError(key_result.id)

    def cycle_of(self, objective: Objective) -> Cycle | None:
        """Return the objective's own cycle, or the plan's."""
        return objective.cycle or self.cycle

    def origin(self, item_id: str) -> Origin:
        """Return where the objective, key result or KPI with this id was written."""
        return self._origins.get(item_id) or Origin(self._source, "")

    def with_origins(self, source: str, origins: Mapping[str, Origin]) -> Plan:
        """Return the plan with its source and per-id origins set (loaders call this)."""
        self._source = source
        self._origins = dict(origins)
        return self

    def __len__(self) -> int:
        return len(self.objectives)

    def __eq__(self, other: object) -> bool:
        # Two plans are equal when their content is; where they were loaded from does not count.
        return isinstance(other, Plan) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash(tuple(self.__dict__.values()))


def assign_ids(objectives: list[Any] | tuple[Any, ...]) -> list[Any]:
    """Return the objectives with automatic ids where none is written.

    The n-th objective gets 'On' and its m-th key result '<objective id>.KRm', in file order. An
    automatic id never takes an id written explicitly elsewhere: it moves on to the next free number.
    """
    taken = {_plain_id(item.get("id")) for item in objectives if isinstance(item, Mapping) and _has_id(item)}
    result = []
    for index, item in enumerate(objectives, 1):
        if isinstance(item, str):
            item = {"title": item}
        if isinstance(item, Mapping):
            objective_id = _plain_id(item["id"]) if _has_id(item) else _free_id("O", index, taken)
            changed = {} if objective_id == item.get("id") else {"id": objective_id}
            for key in ("key_results", "krs", "results"):
                key_results = item.get(key)
                if isinstance(key_results, list | tuple) and not all(isinstance(kr, Mapping) and _has_id(kr) and isinstance(kr["id"], str) for kr in key_results):
                    changed[key] = _key_result_ids(key_results, objective_id)
            item = {**item, **changed} if changed else item  # untouched when every id is written: no copy
        result.append(item)
    return result


def _key_result_ids(key_results: list[Any] | tuple[Any, ...], objective_id: str) -> list[Any]:
    taken = {_plain_id(kr.get("id")) for kr in key_results if isinstance(kr, Mapping) and _has_id(kr)}
    result = []
    for number, item in enumerate(key_results, 1):
        if isinstance(item, str):
            item = {"title": item}
        if isinstance(item, Mapping):
            item = {**item, "id": _plain_id(item["id"]) if _has_id(item) else _free_id(f"{objective_id}.KR", number, taken)}
        result.append(item)
    return result


def _has_id(item: Mapping[str, Any]) -> bool:
    return item.get("id") not in (None, "")


def _plain_id(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}"
    return value


def _free_id(prefix: str, number: int, taken: set[Any]) -> str:
    while f"{prefix}{number}" in taken:
        number += 1
    taken.add(f"{prefix}{number}")
    return f"{prefix}{number}"


def _article(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeioAEIO" else f"a {kind}"


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w]+", "-", clean_text(text).lower()).strip("-")
    return slug[:80] or "item"

