"""Field lines in pasted text: 'Owner: Dana' under an objective or key result, 'Cycle: 2026-Q1' for the plan."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from okrcoach.loaders.text_markdown import restore
from okrcoach.model import Cycle

_FIELD = re.compile(r"^(?P<key>[^\W\d_][\w →/-]{0,24}?)\s*:\s*(?P<value>\S.*)$")
#: Field key (lower case, spaces folded) -> Objective field.
OBJECTIVE_FIELDS = {
    "owner": "owner", "team": "team", "type": "type", "aligns to": "aligns_to", "cycle": "cycle",
    "description": "description",
}  # fmt: skip
# Not `columns.KR_FIELDS`, which maps spreadsheet columns ('kr_id', 'key_result', 'ignore'): these are the
# keys a pasted 'Key: value' line may use, with aliases ('due'), and 'Ignore:' is known but not read.
#: Field key -> KeyResult field ('baseline → target' sets both, and the unit).
RESULT_FIELDS = {
    "owner": "owner", "metric": "metric", "unit": "unit", "baseline": "baseline", "target": "target",
    "current": "current", "direction": "direction", "deadline": "deadline", "due": "deadline",
    "due date": "deadline", "kpi": "kpi", "kind": "kind", "baseline → target": "baseline → target",
}  # fmt: skip
#: Field key -> plan header ('mission' goes into the strategy, 'team' onto the objectives below).
PLAN_FIELDS = {
    "cycle": "cycle", "quarter": "cycle", "period": "cycle",
    "team": "team", "organisation": "organisation", "organization": "organisation", "company": "organisation",
    "mission": "mission",
}  # fmt: skip
_UNUSED_FIELDS = frozenset({"ignore", "id", "status", "progress", "score", "confidence", "notes"})
KNOWN_FIELDS = frozenset(OBJECTIVE_FIELDS) | frozenset(RESULT_FIELDS) | frozenset(PLAN_FIELDS) | _UNUSED_FIELDS
#: The keys a list item may hold and still be read as fields rather than as a key result.
ITEM_FIELDS = frozenset({"owner", "team"}) | frozenset(PLAN_FIELDS)
# Fields are split at ' · ' only before a known key, so values may hold ' · ' themselves.
_FIELD_KEYS = "|".join(re.escape(key).replace(r"\ ", r"\s+") for key in sorted(KNOWN_FIELDS, key=len, reverse=True))
_FIELD_SPLIT = re.compile(rf" · (?=(?:{_FIELD_KEYS})\s*:)", re.IGNORECASE)
_DATE_RANGE = re.compile(
    r"^(?:(?P<label>.*?)\s*\()?\s*(?P<start>\d{4}-\d{2}-\d{2})\s*(?:→|->|–|—|to|until|\.\.)\s*"
    r"(?P<end>\d{4}-\d{2}-\d{2})\s*\)?$"
)
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_NUMBER_AND_UNIT = re.compile(r"^(?P<number>[-+]?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(?P<unit>.*)$")


def field_pairs(text: str) -> list[tuple[str, str]] | None:
    """Return the (key, value) pairs of a line such as 'Team: Growth · Owner: Dana', else None."""
    pairs: list[tuple[str, str]] = []
    for part in _FIELD_SPLIT.split(text):
        match = _FIELD.match(part.strip())
        key = " ".join(match["key"].lower().split()) if match else ""
        if not match or key not in KNOWN_FIELDS:
            return None
        pairs.append((key, restore(match["value"])))
    return pairs


def field_value(name: str, value: str) -> Any:
    """Return the value of an objective or key-result field other than 'baseline → target'."""
    if name == "aligns_to":
        return [part.strip() for part in value.split(",") if part.strip()]
    if name in {"baseline", "target", "current"}:
        return numeric(value)
    return cycle_value(value) if name == "cycle" else value


def baseline_and_target(value: str) -> tuple[Any, Any, str | None]:
    """Return (baseline, target, unit or None) for a value such as '8 → 11%'."""
    baseline, _, target = value.partition("→")
    number = _NUMBER_AND_UNIT.match(target.strip())
    if not number:
        return numeric(baseline.strip()), target.strip(), None
    return numeric(baseline.strip()), numeric(number["number"]), number["unit"] or None


def numeric(text: str) -> Any:
    """Return a plain number as a float (full precision), anything else ('60%', '$1.2M') as text."""
    return float(text) if _PLAIN_NUMBER.fullmatch(text) else text


def cycle_value(text: str) -> Any:
    """Return a cycle as a label, or as label, start and end for '<label> (2026-01-05 → 2026-03-27)'."""
    match = _DATE_RANGE.match(text)
    if not match:
        return text
    label = (match["label"] or "").strip()
    if label and is_cycle(label):
        return label
    value = {"start": match["start"], "end": match["end"]}
    return {"label": label, **value} if label else value


def is_cycle(text: str) -> bool:
    """Return True when the text is a cycle label the model accepts ('2026-Q1', 'H2 2025')."""
    try:
        Cycle.model_validate(text)
    except ValidationError:
        return False
    return True
