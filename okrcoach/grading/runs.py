"""What a sandboxed run produced: the limits it ran under, and the runner's events read into a Run.

The runner reports on a pipe, one JSON event per line (`ready`, `start`/`end` of each cell,
`answer`, `exit`, `done`). It runs in the student's process, so these events are untrusted data:
unknown events are ignored, sizes are capped, and what the grader saw itself (a timeout, how the
process ended) decides the status.
"""

from __future__ import annotations

import json
import math
import signal
from dataclasses import dataclass, field
from typing import Any

#: Most bytes of events the grader reads from one notebook.
CHANNEL_CAP = 4 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one notebook may use: seconds of wall-clock time, memory and file sizes in MB."""

    timeout: float = 60.0
    memory_mb: int = 2048
    file_mb: int = 16
    user: str | None = None
    landlock: bool = True


@dataclass
class Run:
    """What happened when a notebook ran: status, reason, answers, cell errors and output."""

    status: str  # ok | exited | timeout | crashed | error
    reason: str = ""
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    output: str = ""
    output_bytes: int = 0
    cells_run: int = 0
    started: list[int] = field(default_factory=list)
    protections: tuple[str, ...] = ()
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Return the run as JSON-ready data."""
        return {
            "status": self.status, "reason": self.reason, "answers": self.answers, "errors": [list(item) for item in self.errors],
            "notes": self.notes, "output": self.output, "output_bytes": self.output_bytes, "cells_run": self.cells_run,
            "protections": list(self.protections),
        }  # fmt: skip


def interpret(channel: bytes, returncode: int | None, timed_out: bool, limits: Limits) -> Run:
    """Return the Run the runner's events describe; the grader's own observations (timeout, exit status) win."""
    events, notes = _events(channel)
    run = Run("ok")
    run.notes.extend(notes)
    current: int | None = None
    seen: dict[str, int] = {}
    ready = done = False
    exit_cell = None
    for event in events:
        kind = event.get("event")
        if kind == "ready":
            ready = True
        elif kind == "start" and isinstance(event.get("cell"), int):
            current = event["cell"]
            run.started.append(current)
        elif kind == "end" and isinstance(event.get("cell"), int):
            run.cells_run += 1
            current = None
            if isinstance(event.get("error"), str):
                run.errors.append((event["cell"], event["error"][:500]))
        elif kind == "answer" and isinstance(event.get("name"), str):
            name = event["name"]
            seen[name] = seen.get(name, 0) + 1
            answer = {key: event[key] for key in ("value", "missing", "unsupported", "cell") if key in event}
            if "value" in answer and not _shallow(answer["value"]):
                answer = {"unsupported": "the answer is nested too deeply to grade"}
            run.answers[name] = answer
        elif kind == "exit" and isinstance(event.get("cell"), int):
            exit_cell = event["cell"]
        elif kind == "done":
            done = True
    for name, count in seen.items():
        if count > 1:
            run.notes.append(f"the answer cell for '{name}' ran {count} times; the last run counts")
    where = f" in cell {current}" if current is not None else ""
    if timed_out:
        run.status = "timeout"
        run.reason = f"the notebook was still running{where} after {limits.timeout:g} s and was stopped; answers from the cells that finished before count"
    elif not ready:
        run.status = "error"
        run.reason = f"the sandbox could not start Python (exit code {returncode})"
    elif exit_cell is not None:
        run.status = "exited"
        run.reason = f"cell {exit_cell} asked the kernel to exit; the cells after it did not run"
    elif not done:
        run.status = "exited" if (returncode or 0) >= 0 else "crashed"
        run.reason = _death(returncode, where, limits)
    return run


def _shallow(value: Any, depth: int = 0) -> bool:
    """Return True when a JSON value nests at most 20 levels (deeper ones were not sent by the runner)."""
    if depth > 20:
        return False
    if isinstance(value, list):
        return all(_shallow(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return all(_shallow(item, depth + 1) for item in value.values())
    return True


def _death(returncode: int | None, where: str, limits: Limits) -> str:
    if returncode is not None and returncode < 0:
        number = -returncode
        if number in (signal.SIGXCPU, signal.SIGKILL):
            cause = f"was stopped{where} after using {math.ceil(limits.timeout) + 1} s of CPU time, or by the system"
        elif number == signal.SIGXFSZ:
            cause = f"tried to write a file larger than {limits.file_mb} MB{where}"
        else:
            cause = f"crashed{where} ({signal.Signals(number).name})" if number in signal.valid_signals() else f"crashed{where}"
        return f"the notebook {cause}; answers from the cells that finished before count"
    return f"the notebook ended its Python process{where} (exit code {returncode}, e.g. os._exit); answers from the cells that finished before count"


def _events(channel: bytes) -> tuple[list[dict[str, Any]], list[str]]:
    events, notes = [], []
    if len(channel) >= CHANNEL_CAP:
        notes.append(f"the notebook's answers were larger than {CHANNEL_CAP // (1024 * 1024)} MB; the rest was ignored")
    for line in channel.split(b"\n"):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(event, dict):
            events.append(event)
    return events, notes
