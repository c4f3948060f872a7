"""Apply an exercise's checks to extracted answers, in a process of its own.

The grader starts `python -m okrcoach.grading.rubric` and writes one JSON document to its stdin:
the exercise folder, the checks to run and the answers (plain JSON values taken out of the
student's notebook by the sandbox). It prints one JSON document with each check's score and
feedback. No student code reaches this process: only data does, so a submission cannot alter
the checks, the rubric or another student's result.
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

from okrcoach.grading.checks import BUILTINS, Result
from okrcoach.grading.exercise import HIDDEN_TESTS, PUBLIC_TESTS, Exercise

#: Seconds and megabytes the rubric process may use for one submission.
RUBRIC_TIMEOUT, RUBRIC_MEMORY_MB = 120, 2048


class RubricError(Exception):
    """The rubric process failed (a fault in the exercise's checks or the machine, not the student's)."""


def apply_in_process(exercise: Exercise, answers: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Run the exercise's checks in a fresh rubric process and return one result dict per check, in order."""
    checks = exercise.checks
    paths = {"public": str(exercise.path / PUBLIC_TESTS), "hidden": str(exercise.path / HIDDEN_TESTS)}
    document = json.dumps({"sources": dict(exercise.sources), "paths": paths, "checks": [check.to_dict() for check in checks], "answers": answers})
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    process = subprocess.Popen(  # noqa: S603 - a fixed command; data arrives on stdin
        [sys.executable, "-s", "-P", "-m", "okrcoach.grading.rubric"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env=environment, start_new_session=True, preexec_fn=_limit,
    )  # fmt: skip
    try:
        out, err = process.communicate(document.encode("utf-8"), timeout=RUBRIC_TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise RubricError(f"the checks took longer than {RUBRIC_TIMEOUT} s") from None
    if process.returncode != 0:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit code {process.returncode}"]
        raise RubricError(f"the rubric process failed: {tail[0]}")
    try:
        results = json.loads(out)["results"]
    except (ValueError, KeyError, TypeError):
        raise RubricError("the rubric process returned no readable results") from None
    if not isinstance(results, list) or len(results) != len(checks):
        raise RubricError("the rubric process returned results that do not match the checks")
    return results


def main() -> None:
    """Read {sources, paths, checks, answers} on stdin and print {results} on stdout."""
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    modules: dict[str, ModuleType] = {}
    results = [run_check(check, request["answers"], lambda kind: _module(request, kind, modules)) for check in request["checks"]]
    sys.stdout.write(json.dumps({"results": results}, ensure_ascii=False))


def run_check(check: Mapping[str, Any], answers: Mapping[str, Mapping[str, Any]], module: Callable[[str], ModuleType]) -> dict[str, Any]:
    """Run one check on the answers and return {score, message, details, findings}."""
    for name in check["inputs"]:
        answer = answers.get(name) or {"missing": f"no answer '{name}'"}
        if "value" not in answer:
            if answer.get("unsupported"):
                message = f"answer '{name}' cannot be graded: {answer['unsupported']}"
            else:
                message = f"answer '{name}' missing: {answer.get('missing') or 'no value'}"
            return {"score": 0.0, "message": message, "details": [], "findings": []}
    values = {name: answers[name]["value"] for name in check["inputs"]}
    # A test file that does not import is the exercise's fault, not the student's: let it fail the process.
    function = BUILTINS[check["target"]] if check["kind"] == "builtin" else getattr(module(check["kind"]), check["target"])
    try:
        if check["kind"] == "builtin":
            outcome = function(values[check["task"]], **check["args"])
        else:
            outcome = function(**values)
    except AssertionError as error:
        return _result(Result(0.0, str(error) or "the check failed"))
    except Exception as error:  # noqa: BLE001 - an answer of an unexpected shape; no credit, and say why
        return _result(Result(0.0, f"the answer could not be checked ({type(error).__name__}: {error})"))
    return _result(_as_result(outcome))


def _as_result(outcome: Any) -> Result:
    if outcome is None or outcome is True:
        return Result(1.0)
    if outcome is False:
        return Result(0.0, "the check failed")
    if isinstance(outcome, Result):
        return outcome
    if isinstance(outcome, int | float) and math.isfinite(outcome):
        return Result(min(max(float(outcome), 0.0), 1.0))
    raise TypeError(f"a check must return None, a bool, a number from 0 to 1 or a Result, not {type(outcome).__name__}")


def _result(result: Result) -> dict[str, Any]:
    score = min(max(float(result.score), 0.0), 1.0)
    return {"score": score, "message": str(result.message), "details": [str(item) for item in result.details][:20],
            "findings": [dict(item) for item in result.findings][:50]}  # fmt: skip


def _module(request: Mapping[str, Any], kind: str, cache: dict[str, ModuleType]) -> ModuleType:
    # Compiled from the text read when the exercise was loaded, never re-read from disk.
    if kind not in cache:
        module = ModuleType(f"okrcoach_exercise_{kind}_tests")
        module.__file__ = request["paths"][kind]
        sys.modules[module.__name__] = module
        exec(compile(request["sources"][kind], module.__file__, "exec"), module.__dict__)  # noqa: S102 - the instructor's test file
        cache[kind] = module
    return cache[kind]


def _limit() -> None:
    import resource

    memory = RUBRIC_MEMORY_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (RUBRIC_TIMEOUT + 1, RUBRIC_TIMEOUT + 2))


def _kill(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


if __name__ == "__main__":
    main()
