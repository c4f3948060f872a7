"""The sandbox: answers read right after their cells, faults contained, limits applied, nothing trusted."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from okrcoach.grading import Limits, grade_submissions, load_exercise
from okrcoach.grading.landlock import abi_version
from okrcoach.grading.notebook import NotebookError, read_notebook
from okrcoach.grading.sandbox import OUTPUT_KEEP, Run, run_notebook
from tests.grading.conftest import EXERCISES, notebook

LANDLOCK = abi_version()


def run(*cells: str | tuple[str, list[str]], names: tuple[str, ...] = ("answer",), timeout: float = 20, memory_mb: int = 2048) -> Run:
    data = notebook(*cells)
    parsed = read_notebook(data)
    answer_cells, _ = parsed.answer_cells(names)
    return run_notebook(parsed, answer_cells, "student.ipynb", data, Limits(timeout=timeout, memory_mb=memory_mb))


def test_an_answer_is_read_right_after_its_cell() -> None:
    result = run(("answer = [1, 'two', {'three': 3.0}]", ["answer:answer"]), "answer.append('later')")
    assert result.status == "ok"
    assert result.answers["answer"] == {"value": [1, "two", {"three": 3.0}], "cell": 1}


def test_the_last_run_of_a_repeated_answer_cell_counts() -> None:
    result = run(("answer = 1", ["answer:answer"]), ("answer = 2", ["answer:answer"]))
    assert result.answers["answer"]["value"] == 2
    assert "the answer cell for 'answer' ran 2 times; the last run counts" in result.notes


def test_an_answer_cell_that_lost_its_tag_is_found_by_its_id() -> None:
    parsed = read_notebook(notebook("x = 0", "answer = 42"))
    cells, notes = parsed.answer_cells(["answer"], {"answer": "cell-1"})
    assert cells == {2: "answer"}
    assert notes == ["the answer cell for 'answer' has lost its tag 'answer:answer'; it was found by its cell id"]


def test_a_loop_is_stopped_and_earlier_answers_count() -> None:
    result = run(("answer = 'kept'", ["answer:answer"]), "while True:\n    pass", timeout=2)
    assert result.status == "timeout"
    assert result.reason.startswith("the notebook was still running in cell 2 after 2 s and was stopped")
    assert result.answers["answer"]["value"] == "kept"


def test_printing_forever_is_capped_and_stopped() -> None:
    result = run(("answer = 1", ["answer:answer"]), "while True:\n    print('x' * 10_000)", timeout=2)
    assert result.status == "timeout"
    assert len(result.output.encode()) <= OUTPUT_KEEP < result.output_bytes
    assert result.answers["answer"]["value"] == 1


@pytest.mark.parametrize(
    ("cell", "status", "reason"),
    [
        ("import os\nos._exit(3)", "exited", "the notebook ended its Python process in cell 2 (exit code 3, e.g. os._exit)"),
        ("exit()", "exited", "cell 2 asked the kernel to exit"),
        ("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)", "crashed", "the notebook crashed in cell 2 (SIGSEGV)"),
    ],
)
def test_ending_the_kernel_keeps_earlier_answers(cell: str, status: str, reason: str) -> None:
    result = run(("answer = 'before'", ["answer:answer"]), cell, ("late = 1", ["answer:late"]), names=("answer", "late"))
    assert (result.status, result.reason.split(";")[0]) == (status, reason)
    assert result.answers == {"answer": {"value": "before", "cell": 1}}


def test_sys_exit_only_fails_its_cell_as_in_jupyter() -> None:
    result = run("import sys\nsys.exit('bye')", ("answer = 'after'", ["answer:answer"]))
    assert result.status == "ok"
    assert result.errors == [(1, "SystemExit: bye")]
    assert result.answers["answer"]["value"] == "after"


def test_errors_are_recorded_and_the_notebook_goes_on() -> None:
    result = run("1 / 0", "def broken(:\n    pass", ("answer = 'still here'", ["answer:answer"]))
    assert result.errors == [(1, "ZeroDivisionError: division by zero"), (2, "SyntaxError: invalid syntax (line 1)")]
    assert result.answers["answer"]["value"] == "still here"


def test_too_much_memory_is_a_memory_error_in_that_cell() -> None:
    result = run("hog = bytearray(8 * 1024 ** 3)", ("answer = 'fine'", ["answer:answer"]), memory_mb=1024)
    assert result.errors == [(1, "MemoryError")]
    assert result.answers["answer"]["value"] == "fine"


@pytest.mark.parametrize(
    ("source", "answer"),
    [
        ("answer = object()", {"unsupported": "an answer of type object cannot be graded; use text, numbers, lists or dicts"}),
        ("answer = 'x' * 30_000", {"unsupported": "a text of 30,000 characters is longer than the 20,000 allowed"}),
        ("answer = {1, 3, 2}", {"value": [1, 2, 3]}),
        ("answer = (float('nan'), True, None)", {"value": ["nan", True, None]}),
        ("x = 1", {"missing": "the answer cell did not set the variable 'answer'"}),
    ],
)
def test_answers_travel_as_plain_json(source: str, answer: dict[str, object]) -> None:
    result = run((source, ["answer:answer"]))
    assert {key: value for key, value in result.answers["answer"].items() if key != "cell"} == answer


def test_a_notebook_cannot_claim_points_or_inject_results() -> None:
    forged = (
        "import json, os\nscore = 100\n"
        "for fd in range(3, 40):\n"
        "    try:\n        os.write(fd, json.dumps({'event': 'result', 'total': 100}).encode() + b'\\n')\n"
        "    except OSError:\n        pass\n"
        "print(json.dumps({'event': 'answer', 'name': 'answer', 'value': 'forged on stdout'}))"
    )
    result = run(("answer = 'real'", ["answer:answer"]), forged)
    assert result.answers == {"answer": {"value": "real", "cell": 1}}
    assert result.status == "ok"


def test_answers_nested_too_deeply_by_hand_are_refused() -> None:
    deep = "import json, os\nfor fd in range(3, 40):\n    try:\n        os.write(fd, b'{\"event\": \"answer\", \"name\": \"answer\", \"value\": ' + b'[' * 50 + b']' * 50 + b'}\\n')\n    except OSError:\n        pass"
    result = run(deep)
    assert result.answers.get("answer") == {"unsupported": "the answer is nested too deeply to grade"}


def test_the_scratch_folder_holds_only_the_notebook_and_is_removed() -> None:
    result = run("import os\nprint(sorted(os.listdir('.')), os.getcwd())")
    listing, cwd = result.output.strip().rsplit(" ", 1)
    assert listing == "['.ipython', 'student.ipynb']"
    assert not Path(cwd).exists()


def test_the_grader_environment_is_not_passed_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADER_SECRET_TOKEN", "s3cret")
    result = run("import os\nprint('GRADER_SECRET_TOKEN' in os.environ, os.environ['PYTHONHASHSEED'])")
    assert result.output.strip() == "False 0"


@pytest.mark.skipif(LANDLOCK < 1, reason="Landlock is not available on this kernel")
def test_landlock_keeps_the_notebook_out_of_the_exercise_and_everything_else() -> None:
    hidden = EXERCISES / "01-measurable-key-results" / "hidden" / "tests.py"
    probe = (
        "import os\nfor action in (lambda: open(%r).read(), lambda: os.listdir('/'), lambda: open('/tmp/okrcoach-landlock-probe', 'w'),"
        " lambda: open(os.path.expanduser('~/../x'), 'w')):\n"
        "    try:\n        action()\n        print('allowed')\n    except OSError as error:\n        print(type(error).__name__)"
    ) % str(hidden)
    result = run(probe)
    assert result.output.split() == ["PermissionError"] * 4
    assert any(item.startswith(f"Landlock ABI {LANDLOCK}") for item in result.protections)


@pytest.mark.skipif(LANDLOCK < 6, reason="Landlock signal scoping needs ABI 6 (Linux 6.12)")
def test_landlock_stops_signals_to_the_grader() -> None:
    result = run("import os\ntry:\n    os.kill(os.getppid(), 0)\n    print('allowed')\nexcept OSError as error:\n    print(type(error).__name__)")
    assert result.output.strip() == "PermissionError"


def test_processes_left_behind_are_killed(tmp_path: Path) -> None:
    exercise = load_exercise(EXERCISES / "01-measurable-key-results")
    escape = (
        "import os, time\npid = os.fork()\nif pid == 0:\n    os.setsid()\n    time.sleep(120)\n    os._exit(0)\n"
        "print('daemon', pid)"
    )
    path = tmp_path / "escaper.ipynb"
    path.write_bytes(notebook(escape))
    result = grade_submissions(exercise, [path], Limits(timeout=20), workers=1)[0]
    pid = int(re.search(r"daemon (\d+)", result.output).group(1))  # type: ignore[union-attr]
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_submission_changed_during_grading_is_not_graded(tmp_path: Path) -> None:
    from okrcoach.grading.grader import grade_notebook

    exercise = load_exercise(EXERCISES / "01-measurable-key-results")
    path = tmp_path / "ada.ipynb"
    shutil.copyfile(EXERCISES / "01-measurable-key-results" / "solution.ipynb", path)
    result = grade_notebook(exercise, path, Limits(timeout=20), digest="0" * 64)
    assert (result.status, result.total) == ("error", 0)
    assert result.reason == "the file changed while the cohort was being graded; grade it again"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe", "the file is not text (UTF-8): it is not a Jupyter notebook"),
        (b'{"cells": 3}', "the file is JSON but not a Jupyter notebook (no list of cells)"),
        (b'{"cells": [], "nbformat": 3}', "notebook format 3 is not supported: save it with Jupyter (format 4)"),
        (b"[" * 100_000, "the file is not a Jupyter notebook (nested too deeply)"),
    ],
)
def test_files_that_are_not_notebooks_are_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(NotebookError, match=re.escape(message)):
        read_notebook(data)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only a grader running as root drops capabilities")
def test_a_notebook_graded_by_root_has_no_capabilities() -> None:
    probe = (
        "import os\nopen('mine.txt', 'w').close()\n"
        "for action in (lambda: os.chown('mine.txt', 1, 1), lambda: os.nice(-1)):\n"
        "    try:\n        action()\n        print('allowed')\n    except OSError as error:\n        print(type(error).__name__)"
    )
    result = run(probe)
    assert result.output.split() == ["PermissionError", "PermissionError"]
    assert "same OS user as the grader (root), with every capability dropped" in result.protections
