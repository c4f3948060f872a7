"""Cell values of the spreadsheet format: empty cells, numbers, dates, ignored rules and cycles."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from okrcoach.text import clean_text, shorten


def cell_value(value: Any) -> Any:
    """Return a cell's value as the model takes it: None when empty, dates for datetimes, ints for whole floats."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return clean_text(value) or None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def cell_text(value: Any) -> str:
    """Return a cell's value as text: '' when empty, ISO dates for dates."""
    value = cell_value(value)
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def quote(value: Any) -> str:
    """Return a value as messages quote it: shortened, in quotes."""
    return repr(shorten(str(value), 60))


_IGNORE_SPLIT = re.compile(r";\s*(?=[\w.\-]+\s*:)")


def parse_ignores(text: str) -> tuple[dict[str, str], str | None]:
    """Return {rule: reason} from 'rule: reason; other-rule: reason', and an error message or None."""
    ignores: dict[str, str] = {}
    for entry in _IGNORE_SPLIT.split(text):
        rule, colon, reason = (part.strip() for part in entry.partition(":"))
        if not (colon and rule and reason) or re.search(r"\s", rule):
            return ignores, (
                f"cannot read {quote(entry.strip())} as an ignored rule: write 'rule: reason', e.g. "
                "'output-not-outcome: one-off migration', and separate rules with ';'"
            )
        if rule in ignores:
            return ignores, f"rule {quote(rule)} is ignored twice: keep one entry with one reason"
        ignores[rule] = reason
    return ignores, None


def ignores_text(ignores: Mapping[str, str]) -> str:
    """Return {rule: reason} as 'rule: reason; other-rule: reason', the form `parse_ignores` reads."""
    return "; ".join(f"{rule}: {reason}" for rule, reason in ignores.items())


_CUSTOM_CYCLE = re.compile(
    r"^(?:(?P<label>.*?)\s*\(\s*)?(?P<start>\d{4}-\d{2}-\d{2})\s*\.\.\s*(?P<end>\d{4}-\d{2}-\d{2})\)?$"
)


def cycle_value(value: Any) -> Any:
    """Return a cycle cell as the model takes it: a label, or start and end for 'start..end'."""
    text = cell_text(value)
    match = _CUSTOM_CYCLE.match(text)
    if match is None:
        return text
    data = {"start": match["start"], "end": match["end"]}
    return {**data, "label": match["label"]} if match["label"] else data


def cycle_text(value: Any) -> str:
    """Return a cycle read by `cycle_value` as it was written: a label, or '[label (]start..end[)]'."""
    if isinstance(value, Mapping):
        dates = f"{value.get('start')}..{value.get('end')}"
        return f"{value['label']} ({dates})" if value.get("label") else dates
    return str(value)


def cycle_key(value: Any) -> Any:
    """Return what makes two cycle cells the same cycle: '2026 Q1' and 'Q1-2026' are one."""
    from pydantic import ValidationError

    from okrcoach.model import Cycle

    try:
        cycle = Cycle.model_validate(value)
    except ValidationError:
        return cycle_text(value)
    return (cycle.start, cycle.end)
