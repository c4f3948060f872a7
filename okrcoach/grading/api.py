"""The grading API for notebooks and scripts: grade a cohort, check one notebook, validate an exercise."""

from __future__ import annotations

from pathlib import Path

from okrcoach.grading.exercise import Exercise, load_exercise, load_public_checks
from okrcoach.grading.grader import Gradebook, StudentResult, grade_submissions
from okrcoach.grading.sandbox import Limits, protections


def grade_cohort(exercise: str | Path | Exercise, submissions: str | Path, *, workers: int = 2, timeout: float | None = None,
                 memory_mb: int = 2048) -> Gradebook:  # fmt: skip
    """Grade every notebook in a folder and return the gradebook (as `okrcoach grade` does)."""
    from okrcoach.grading.cli import find_submissions
    from okrcoach.grading.exercise import ExerciseError

    exercise = exercise if isinstance(exercise, Exercise) else load_exercise(exercise)
    paths, problems = find_submissions([Path(submissions)])
    if problems:
        raise ExerciseError("\n".join(problems))
    limits = Limits(timeout=timeout or exercise.timeout or 60.0, memory_mb=memory_mb)
    results = grade_submissions(exercise, paths, limits, workers=workers)
    return Gradebook(exercise, results, protections(limits))


def check_notebook(notebook: str | Path, exercise: str | Path | None = None, *, timeout: float = 60.0) -> StudentResult:
    """Run one notebook sandboxed against the exercise's public checks (as `okrcoach check-exercise` does)."""
    path = Path(notebook)
    folder = Path(exercise) if exercise else path.resolve().parent
    return grade_submissions(load_public_checks(folder), [path], Limits(timeout=timeout), workers=1)[0]


def validate_exercise(exercise: str | Path | Exercise, *, timeout: float | None = None) -> list[str]:
    """Return the problems of an exercise: its solution must earn full marks and its student stubs nothing.

    This is nbgrader's `validate` and `validate --invert`, in one call.
    """
    exercise = exercise if isinstance(exercise, Exercise) else load_exercise(exercise)
    limits = Limits(timeout=timeout or exercise.timeout or 60.0)
    notebooks = [exercise.path / "solution.ipynb", exercise.path / "student.ipynb"]
    missing = [f"{path}: missing" for path in notebooks if not path.is_file()]
    if missing:
        return missing
    results = {result.file: result for result in grade_submissions(exercise, notebooks, limits, workers=2)}
    solution, student = results["solution.ipynb"], results["student.ipynb"]
    problems = []
    if solution.total != exercise.max_points or solution.status != "ok":
        lost = [f"{check.id} {check.points:g}/{check.max:g} ({check.message})" for check in solution.checks if not check.passed]
        problems.append(f"{notebooks[0]}: {solution.total:g}/{exercise.max_points:g} points, status {solution.status}; lost: {'; '.join(lost)}")
    if student.total != 0:
        earned = [f"{check.id} {check.points:g}/{check.max:g}" for check in student.checks if check.points]
        problems.append(f"{notebooks[1]}: the stubs earn {student.total:g} points; they must earn 0 ({'; '.join(earned)})")
    return problems
