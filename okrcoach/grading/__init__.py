"""Grading exercises: run submitted notebooks sandboxed, apply a rubric to their answers, write feedback.

>>> from okrcoach.grading import load_exercise, grade_cohort      # doctest: +SKIP
>>> book = grade_cohort("exercises/01-measurable-key-results", "submissions/", workers=2)  # doctest: +SKIP
>>> book.write_csv("gradebook.csv")                                 # doctest: +SKIP

Names load lazily, so `import okrcoach.grading` stays cheap. See docs/grading.md.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Check": "exercise", "Exercise": "exercise", "ExerciseError": "exercise", "Task": "exercise", "load_exercise": "exercise",
    "load_public_checks": "exercise", "CheckResult": "grader", "Gradebook": "grader", "StudentResult": "grader",
    "grade_notebook": "grader", "grade_submissions": "grader", "Limits": "sandbox", "Result": "checks",
    "grade_cohort": "api", "check_notebook": "api", "validate_exercise": "api",
}  # fmt: skip
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'okrcoach.grading' has no attribute {name!r}")
    return getattr(importlib.import_module(f"okrcoach.grading.{module}"), name)
