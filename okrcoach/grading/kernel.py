"""The sandboxed side of grading: run a notebook's code cells and report the answers as JSON.

Started by `okrcoach.grading.sandbox` as `python -m okrcoach.grading.kernel CHANNEL_FD` inside
the scratch folder, with resource limits and (where the kernel has it) Landlock already applied.
It reads the cells from stdin, runs them one by one in an IPython shell (the interpreter a
Jupyter kernel uses, so magics and `display` behave as in Jupyter) and, after each answer cell,
writes the answer variables to the channel file descriptor as one JSON line.

Everything here runs in the same process as the student's code, so nothing it reports is
trusted beyond "this is what the notebook says its answers are": the grader computes points in
another process, from these answers only.
"""

from __future__ import annotations

import json
import math
import os
import sys
from typing import Any

#: Caps on one answer, so a notebook cannot flood the grader with data.
MAX_DEPTH, MAX_ITEMS, MAX_TEXT = 12, 5_000, 20_000


class Unsupported(Exception):
    """An answer value that cannot be sent as JSON; the message says what it is."""


def main() -> None:
    """Run the cells given on stdin and report to the channel named on the command line."""
    channel = int(sys.argv[1])
    spec = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    _detach_stdin()
    shell = _shell()
    _send(channel, {"event": "ready"})
    for cell in spec["cells"]:
        _send(channel, {"event": "start", "cell": cell["number"]})
        result = shell.run_cell(cell["source"], store_history=False)
        _send(channel, {"event": "end", "cell": cell["number"], "error": _error(result)})
        if cell.get("answer"):
            _send(channel, snapshot(shell.user_ns, cell["answer"], cell["number"]))
        if getattr(shell, "exit_now", False):
            _send(channel, {"event": "exit", "cell": cell["number"]})
            break
    _send(channel, {"event": "done"})
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - the notebook may have replaced or closed the streams
            pass
    os._exit(0)  # skip atexit handlers the notebook may have registered


def snapshot(namespace: dict[str, Any], name: str, cell: int) -> dict[str, Any]:
    """Return the answer event for one variable: its JSON value, or why there is none."""
    event: dict[str, Any] = {"event": "answer", "name": name, "cell": cell}
    if name not in namespace:
        event["missing"] = f"the answer cell did not set the variable '{name}'"
        return event
    try:
        event["value"] = to_json(namespace[name])
    except Unsupported as error:
        event["unsupported"] = str(error)
    except Exception as error:  # noqa: BLE001 - a value whose methods raise
        event["unsupported"] = f"the value could not be read ({type(error).__name__})"
    return event


def to_json(value: Any, depth: int = 0) -> Any:
    """Return a JSON-ready copy of an answer: text, numbers, booleans, None, lists and dicts of them."""
    if depth > MAX_DEPTH:
        raise Unsupported(f"the answer is nested more than {MAX_DEPTH} levels deep")
    if value is None or isinstance(value, bool):
        return None if value is None else bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else str(float(value))
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise Unsupported(f"a text of {len(value):,} characters is longer than the {MAX_TEXT:,} allowed")
        return str.__str__(value)
    if type(value).__module__.startswith("numpy") and hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
        return to_json(value.item(), depth + 1)
    if isinstance(value, dict):
        _check_size(len(value))
        return {_key(key): to_json(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list | tuple):
        _check_size(len(value))
        return [to_json(item, depth + 1) for item in value]
    if isinstance(value, set | frozenset):
        _check_size(len(value))
        return sorted((to_json(item, depth + 1) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    raise Unsupported(f"an answer of type {type(value).__name__} cannot be graded; use text, numbers, lists or dicts")


def _key(key: Any) -> str:
    if isinstance(key, str):
        return str.__str__(key)
    if isinstance(key, bool | int | float) or key is None:
        return json.dumps(key)
    raise Unsupported(f"a dict key of type {type(key).__name__} cannot be graded; use text or numbers as keys")


def _check_size(size: int) -> None:
    if size > MAX_ITEMS:
        raise Unsupported(f"a collection of {size:,} items is larger than the {MAX_ITEMS:,} allowed")


def _error(result: Any) -> str | None:
    error = result.error_before_exec or result.error_in_exec
    if error is None:
        return None
    try:
        if isinstance(error, SyntaxError):  # its str() names a generated file: keep feedback stable
            text = f"{type(error).__name__}: {error.msg} (line {error.lineno})"
        else:
            detail = str(error)
            text = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    except Exception:  # noqa: BLE001 - an exception whose __str__ raises
        text = type(error).__name__
    return text[:500]


def _shell() -> Any:
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "nocolor"
    config.InteractiveShell.xmode = "Plain"
    shell = InteractiveShell.instance(config=config)
    # As in a Jupyter kernel, exit() and quit() end the kernel once the cell finishes.
    shell.ask_exit = lambda: setattr(shell, "exit_now", True)
    return shell


def _detach_stdin() -> None:
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)


def _send(channel: int, event: dict[str, Any]) -> None:
    data = (json.dumps(event, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        while data:
            data = data[os.write(channel, data):]
    except OSError:
        pass  # the notebook closed the channel: the grader reports the missing events


if __name__ == "__main__":
    main()
