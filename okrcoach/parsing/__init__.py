"""The key-result parser: metric, direction, baseline, target, unit, deadline and kind from free text.

It reads statements the way people write them, not the way textbooks do: "Reduce first response
time from 12h to 4h by end of Q3", "NPS 30 → 45", "Build time < 10 minutes/run", "Reduce P1
incidents from 8/quarter to 2/quarter", "Test coverage 95%+", "Ship 2 of 3 planned integrations",
"Double weekly active teams", "Launch the loyalty programme", "The API is finalized and released",
"Users can configure their node", "from X to Y (TBC)". It is conservative: when it cannot tell, it
leaves a field empty rather than guess. Numbers that are names, versions, dates or quarters
("S&P 500", "v2.0", "Q3", "2026") are never read as targets.

Modules: `patterns` (compiled once, lazily), `lexicon` (word lists and the cue table), `numbers`
(values and their roles), `metric` (the measured noun phrase), `reader` (verb, direction, state,
kind and form), `statement` (the result). Parses are cached by text.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from okrcoach.parsing.patterns import PATTERNS
from okrcoach.parsing.reader import FORMS, is_nothing, read
from okrcoach.parsing.statement import Statement
from okrcoach.quantity import Quantity, parse_quantity
from okrcoach.text import clean_text

__all__ = ["FORMS", "Quantity", "Statement", "parse_key_result", "parse_quantity", "split_results", "strip_decoration"]


@lru_cache(maxsize=65536)
def parse_key_result(text: str) -> Statement:
    """Return the parse of one key-result (or KPI) statement; fields the text does not give are None.

    >>> s = parse_key_result("Reduce customer support response time from 12 hours to 4 hours")
    >>> (s.metric, s.direction.value, s.baseline.value, s.target.value, s.unit)
    ('customer support response time', 'decrease', 12.0, 4.0, 'hours')
    """
    cleaned = strip_decoration(clean_text(text))
    if not cleaned:
        return Statement(text="")
    if is_nothing(cleaned):
        return Statement(text=cleaned, placeholders=(cleaned,) if cleaned.lower() in {"tbd", "tbc"} else (), parts=(cleaned,))
    parts = _split(cleaned)
    if len(parts) <= 1:
        return read(cleaned)
    # Several results in one line: read the first one that says something ('Handbook-first; 75% of
    # ...' is read from its second part), keep the whole line's deadline and every part.
    readings = [read(part) for part in parts]
    first = next((reading for reading in readings if reading.kind is not None), readings[0])
    deadline = first.deadline or read(cleaned).deadline
    return replace(first, text=cleaned, deadline=deadline, parts=parts)


def split_results(text: str) -> tuple[str, ...]:
    """Return the separate results joined in one statement ('Grow X by 5% and cut Y to 2%')."""
    return _split(strip_decoration(clean_text(text)))


def _split(text: str) -> tuple[str, ...]:
    pieces = (piece.strip(" ,;.") for piece in PATTERNS.joiner.split(text))
    return tuple(piece for piece in pieces if piece)


def strip_decoration(text: str) -> str:
    """Return the statement without bullets, 'KR1:' prefixes, Markdown links and emphasis."""
    text = PATTERNS.bullet.sub("", text)
    text = PATTERNS.kr_prefix.sub("", text)
    if "[" in text:
        text = PATTERNS.link.sub(r"\1", text)
    if "*" in text or "_" in text or "`" in text:
        text = PATTERNS.emphasis.sub(r"\2", text)
        text = PATTERNS.single_emphasis.sub(r"\1", text)
    return text.strip().rstrip(".;").strip()
