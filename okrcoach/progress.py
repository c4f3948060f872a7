"""Progress feedback for long work: a one-line bar on stderr when a person is watching."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Report steps of a long job: `with Progress("Auditing", total=5) as bar: bar.step("checks")`.

    Draws on stderr only when it is a terminal (or `enabled=True`), so logs and pipes stay clean;
    never writes to stdout, which may carry the result.
    """

    def __init__(self, label: str, total: int, *, enabled: bool | None = None, stream: TextIO | None = None) -> None:
        self.label, self.total, self.done = label, max(total, 1), 0
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.started = time.perf_counter()

    def __enter__(self) -> Progress:
        self._draw("starting")
        return self

    def step(self, what: str) -> None:
        """Mark one step done and show what comes next."""
        self.done = min(self.done + 1, self.total)
        self._draw(what)

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            elapsed = time.perf_counter() - self.started
            self.stream.write(f"\r{self.label}: done in {elapsed:.1f} s{' ' * 40}\n")
            self.stream.flush()

    def _draw(self, what: str) -> None:
        if not self.enabled:
            return
        width = 24
        filled = round(width * self.done / self.total)
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {what[:40]:40}")
        self.stream.flush()
