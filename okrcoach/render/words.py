"""Small wording helpers shared by the renderers."""

from __future__ import annotations

from collections.abc import Mapping


def plural(count: int, noun: str) -> str:
    """Return '1 error', '2 errors'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def counts_text(counts: Mapping[str, int]) -> str:
    """Return '1 error, 2 warnings, 0 info' from counts by severity."""
    return f"{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, {counts['info']} info"
