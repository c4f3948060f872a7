"""What a key-result statement says: the parser's result, a small frozen record."""

from __future__ import annotations

from dataclasses import dataclass

from okrcoach.quantity import Quantity
from okrcoach.vocabulary import Direction, KRKind


@dataclass(frozen=True, slots=True)
class Statement:
    """What a key-result statement says, as far as the text tells.

    `kind` is how it can be scored: a METRIC (a number to reach), a MILESTONE (a task or a
    deliverable, done or not done) or a BINARY state ("SSO is live", "Users can export their
    data"); None when the text gives neither a number nor an end state that can be checked.
    `form` says more precisely what the words are (see `okrcoach.parsing.reader.FORMS`); `vague`
    is the vague word that leaves it without a checkable end; `counted` is the noun phrase right
    after a target count ('Speak at 10 <conferences>').
    """

    text: str
    metric: str | None = None
    direction: Direction | None = None
    baseline: Quantity | None = None
    target: Quantity | None = None
    is_change: bool = False
    comparator: str | None = None
    unit: str | None = None
    deadline: str | None = None
    kind: KRKind | None = None
    verb: str | None = None
    placeholders: tuple[str, ...] = ()
    state: str | None = None
    numbers: tuple[Quantity, ...] = ()
    parts: tuple[str, ...] = ()
    form: str | None = None
    vague: str | None = None
    counted: str | None = None

    @property
    def results(self) -> int:
        """Return how many results the statement holds ("Cut X to 2 and raise Y to 40": 2)."""
        return len(self.parts)

    def as_dict(self) -> dict[str, object]:
        """Return the parse as plain values (quantities as text), for tables, JSON and the CLI."""
        return {
            "text": self.text,
            "metric": self.metric,
            "direction": self.direction.value if self.direction else None,
            "baseline": str(self.baseline) if self.baseline else None,
            "target": str(self.target) if self.target else None,
            "change": self.is_change,
            "comparator": self.comparator,
            "unit": self.unit,
            "deadline": self.deadline,
            "kind": self.kind.value if self.kind else None,
            "placeholders": list(self.placeholders),
            "results": self.results,
        }

    @property
    def has_target(self) -> bool:
        """Return True when the statement names a measurable target value."""
        return self.target is not None

    @property
    def is_measurable(self) -> bool:
        """Return True when success can be checked: a target value or a verifiable done-state."""
        return self.target is not None or self.kind in {KRKind.MILESTONE, KRKind.BINARY}
