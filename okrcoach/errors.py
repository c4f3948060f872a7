"""Problems found while loading a file, collected and raised together."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """One thing wrong with an input, with where it is and what was expected."""

    source: str
    message: str
    line: int | None = None
    field: str | None = None
    row: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        elif self.row is not None:
            where += f": row {self.row}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class OkrcoachError(Exception):
    """Base class for errors okrcoach reports to users without a traceback."""


class LoadError(OkrcoachError):
    """An input could not be loaded; `problems` lists everything wrong with it."""

    def __init__(self, problems: Iterable[LoadProblem]) -> None:
        self.problems: tuple[LoadProblem, ...] = tuple(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in {self.problems[0].source}" if count else "load failed"
        return head + "".join(f"\n  {problem}" for problem in self.problems)

    def __str__(self) -> str:
        return self._summary()

    @classmethod
    def single(cls, source: str, message: str, **where: object) -> LoadError:
        """Return a LoadError holding one problem."""
        return cls([LoadProblem(source, message, **where)])  # type: ignore[arg-type]
