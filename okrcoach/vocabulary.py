"""The model's small vocabularies (directions, kinds, types), shared by the model and the parser.

They live apart from `okrcoach.model` so the parser can use them without importing the model.
"""

from __future__ import annotations

from enum import StrEnum


class Direction(StrEnum):
    """Which way a key result moves its metric."""

    INCREASE = "increase"
    DECREASE = "decrease"
    REACH = "reach"
    MAINTAIN = "maintain"


class KRKind(StrEnum):
    """How a key result is scored: a number, a deliverable, or a yes/no state."""

    METRIC = "metric"
    MILESTONE = "milestone"
    BINARY = "binary"


class ObjectiveType(StrEnum):
    """Committed objectives are expected at 1.0; aspirational ones around 0.7."""

    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"


class Better(StrEnum):
    """Which way is good for a KPI."""

    HIGHER = "higher"
    LOWER = "lower"


class Cadence(StrEnum):
    """The length of a planning cycle."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    CUSTOM = "custom"
