"""The committed sample submissions get exactly the grades below, faults included, in parallel as in series."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from okrcoach.grading.cli import main
from tests.grading.conftest import EXERCISES, tree_digest

pytestmark = pytest.mark.slow  # each module-level cohort runs a dozen sandboxed notebooks

EXERCISE_01 = EXERCISES / "01-measurable-key-results"
EXERCISE_03 = EXERCISES / "03-leading-indicators"
EXERCISE_08 = EXERCISES / "08-score-the-quarter"

GRADEBOOK_01 = """\
student_id,rewrites,diagnosis,total,max,status
changes-own-grade,6.25,0,6.25,14,ok
empty,0,0,0,14,ok
file-tampering,6.25,0,6.25,14,ok
full-marks,10,4,14,14,ok
huge-output,10,4,14,14,ok
infinite-loop,10,0,10,14,timeout
kernel-exit,10,0,10,14,exited
not-json,0,0,0,14,invalid
partial,6.25,2.5,8.75,14,ok
reads-hidden-tests,6.25,0,6.25,14,ok
syntax-error,0,4,4,14,ok
"""
GRADEBOOK_03 = """\
student_id,leading_krs,keep_as_kpis,total,max,status
calls-exit,8,0,8,12,exited
changes-own-grade,5,3,8,12,ok
empty,0,0,0,12,ok
file-tampering,5,3,8,12,ok
full-marks,8,4,12,12,ok
huge-output,8,4,12,12,ok
infinite-loop,8,0,8,12,timeout
kernel-exit,8,0,8,12,exited
partial,5,3,8,12,ok
raises,8,4,12,12,ok
reads-hidden-tests,5,3,8,12,ok
syntax-error,8,0,8,12,ok
"""
GRADEBOOK_08 = """\
student_id,kr_grades,objective_grades,at_risk,retrospective,total,max,status
changes-own-grade,2.8,3,2,3.65,11.45,15,ok
empty,0,0,0,0,0,15,ok
file-tampering,2.8,3,2,3.65,11.45,15,ok
full-marks,4,3,3,5,15,15,ok
huge-output,4,3,3,5,15,15,ok
infinite-loop,4,0,0,0,4,15,timeout
kernel-exit,4,0,0,0,4,15,exited
memory-hog,4,3,3,5,15,15,ok
partial,2.8,3,2,3.65,11.45,15,ok
reads-hidden-tests,2.8,3,2,3.65,11.45,15,ok
syntax-error,4,0,3,5,12,15,ok
wrong-types,0,3,3,5,11,15,ok
"""


@pytest.fixture(scope="module")
def cohort_01(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Grade exercise 1's samples once (2 workers, 10 s per notebook), recording the exercise folder before and after."""
    before = tree_digest(EXERCISE_01)
    out = tmp_path_factory.mktemp("cohort-01")
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["grade", str(EXERCISE_01), str(EXERCISE_01 / "samples"), "--out", str(out / "gradebook.csv"),
                     "--feedback", str(out / "feedback"), "--workers", "2", "--timeout", "10"])  # fmt: skip
    return {"code": code, "out": out, "stdout": stdout.getvalue(), "stderr": stderr.getvalue(), "before": before, "after": tree_digest(EXERCISE_01)}


def test_exercise_01_samples_get_exactly_their_grades(cohort_01: dict[str, object]) -> None:
    assert (Path(cohort_01["out"]) / "gradebook.csv").read_text(encoding="utf-8") == GRADEBOOK_01  # type: ignore[arg-type]


def test_a_run_with_faulty_submissions_exits_1_and_names_them(cohort_01: dict[str, object]) -> None:
    assert cohort_01["code"] == 1
    stdout = str(cohort_01["stdout"])
    assert "graded 11 submissions of 01-measurable-key-results" in stdout
    assert "infinite-loop: timeout: the notebook was still running in cell 7 after 10 s" in stdout
    assert "kernel-exit: exited: the notebook ended its Python process in cell 8" in stdout
    assert "not-json: invalid: the file is not valid notebook JSON" in stdout


def test_the_sandbox_says_what_it_protects(cohort_01: dict[str, object]) -> None:
    assert "sandbox: scratch folder holding only the notebook; own session and process group; limits: 10 s" in str(cohort_01["stderr"])


def test_grading_changes_no_file_of_the_exercise_or_its_samples(cohort_01: dict[str, object]) -> None:
    assert cohort_01["after"] == cohort_01["before"]


def test_only_the_gradebook_and_feedback_are_written(cohort_01: dict[str, object]) -> None:
    out = Path(cohort_01["out"])  # type: ignore[arg-type]
    names = {path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file()}
    students = [line.split(",")[0] for line in GRADEBOOK_01.splitlines()[1:]]
    assert names == {"gradebook.csv"} | {f"feedback/{student}{suffix}" for student in students for suffix in (".html", ".md")}


@pytest.mark.parametrize(
    ("student", "expected"),
    [
        ("infinite-loop", "The notebook ran out of time. The notebook was still running in cell 7 after 10 s and was stopped"),
        ("kernel-exit", "answer 'diagnosis' missing: the answer cell (cell 10) never ran: the notebook stopped before it"),
        ("kernel-exit", "cell 7 raised SystemExit: stop here"),
        ("syntax-error", "cell 5 raised SyntaxError: invalid syntax (line 4)"),
        ("not-json", "The file could not be read as a notebook. The file is not valid notebook JSON"),
        ("huge-output", "only the first 16 KB were kept"),
        ("partial", "'Launch the loyalty program by February': output-not-outcome - Key result is a task ('launch'), not a measured outcome. Suggestion: Ask what changes"),
        ("empty", "expected a list of texts, got None (the answer is still empty)"),
    ],
)
def test_feedback_says_why_points_were_lost(cohort_01: dict[str, object], student: str, expected: str) -> None:
    text = (Path(cohort_01["out"]) / "feedback" / f"{student}.md").read_text(encoding="utf-8")  # type: ignore[arg-type]
    assert expected in text


def test_feedback_gives_a_hint_only_for_lost_points(cohort_01: dict[str, object]) -> None:
    full = (Path(cohort_01["out"]) / "feedback" / "full-marks.md").read_text(encoding="utf-8")  # type: ignore[arg-type]
    partial = (Path(cohort_01["out"]) / "feedback" / "partial.md").read_text(encoding="utf-8")  # type: ignore[arg-type]
    assert "**Score:** 14 / 14" in full and "How to improve" not in full
    assert "**Score:** 8.75 / 14" in partial and "How to improve: Name a metric someone can look up" in partial


def _grade(exercise: Path, folder: Path, workers: str) -> tuple[int, str, dict[str, str]]:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["grade", str(exercise), str(exercise / "samples"), "--out", str(folder / "grades.csv"), "--feedback", str(folder / "feedback"),
                     "--workers", workers, "--timeout", "6"])  # fmt: skip
    feedback = {path.name: path.read_text(encoding="utf-8") for path in sorted((folder / "feedback").iterdir())}
    return code, (folder / "grades.csv").read_text(encoding="utf-8"), feedback


@pytest.fixture(scope="module")
def cohort_03(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, dict[str, str]]:
    """Grade exercise 3's samples once with 2 workers (6 s per notebook)."""
    return _grade(EXERCISE_03, tmp_path_factory.mktemp("cohort-03"), "2")


def test_exercise_03_samples_get_exactly_their_grades(cohort_03: tuple[int, str, dict[str, str]]) -> None:
    assert cohort_03[:2] == (1, GRADEBOOK_03)


def test_exercise_08_samples_get_exactly_their_grades(tmp_path: Path) -> None:
    code, gradebook, feedback = _grade(EXERCISE_08, tmp_path, "2")
    assert (code, gradebook) == (1, GRADEBOOK_08)
    assert "answer 'kr\\_grades' cannot be graded: an answer of type DataFrame cannot be graded" in feedback["wrong-types.md"]
    assert "cell 7 raised MemoryError" in feedback["memory-hog.md"]


def test_parallel_and_serial_runs_give_the_same_gradebook_and_feedback(cohort_03: tuple[int, str, dict[str, str]], tmp_path: Path) -> None:
    assert _grade(EXERCISE_03, tmp_path, "1") == cohort_03
