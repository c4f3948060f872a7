"""Every exercise is complete and consistent: solutions earn full marks, stubs earn nothing."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from okrcoach.grading import load_exercise, validate_exercise
from okrcoach.grading.notebook import read_notebook
from tests.grading.conftest import EXERCISE_DIRS, EXERCISES

TOPICS = {
    "01-measurable-key-results", "02-okr-or-kpi", "03-leading-indicators", "04-focus-key-results", "05-draft-okr-set",
    "06-align-to-strategy", "07-choose-kpis", "08-score-the-quarter",
}  # fmt: skip


def test_the_eight_exercises_are_there() -> None:
    assert {path.name for path in EXERCISE_DIRS} == TOPICS


@pytest.mark.parametrize("folder", EXERCISE_DIRS, ids=lambda path: path.name)
def test_exercise_has_every_file(folder: Path) -> None:
    for name in ("student.ipynb", "solution.ipynb", "rubric.yaml", "public_tests.py", "hidden/tests.py"):
        assert (folder / name).is_file(), name


@pytest.mark.parametrize("folder", EXERCISE_DIRS, ids=lambda path: path.name)
def test_solution_earns_full_marks_and_stubs_earn_nothing(folder: Path) -> None:
    assert validate_exercise(folder) == []


@pytest.mark.parametrize("folder", EXERCISE_DIRS, ids=lambda path: path.name)
def test_student_and_solution_notebooks_differ_only_in_answer_cells(folder: Path) -> None:
    student = read_notebook((folder / "student.ipynb").read_bytes())
    solution = read_notebook((folder / "solution.ipynb").read_bytes())
    assert [(cell.id, cell.kind, cell.tags) for cell in student.cells] == [(cell.id, cell.kind, cell.tags) for cell in solution.cells]
    changed = [cell.id for cell, answer in zip(student.cells, solution.cells, strict=True) if cell.source != answer.source]
    assert changed and all(cell.answers for cell in student.cells if cell.id in changed)


@pytest.mark.parametrize("folder", EXERCISE_DIRS, ids=lambda path: path.name)
def test_every_task_has_one_tagged_answer_cell(folder: Path) -> None:
    exercise = load_exercise(folder)
    student = read_notebook((folder / "student.ipynb").read_bytes())
    tagged = [name for cell in student.code_cells for name in cell.answers]
    assert sorted(tagged) == sorted(task.id for task in exercise.tasks)
    assert set(exercise.answer_ids) == set(tagged)


@pytest.mark.parametrize("folder", EXERCISE_DIRS, ids=lambda path: path.name)
def test_learner_notebooks_are_committed_without_outputs(folder: Path) -> None:
    for name in ("student.ipynb", "solution.ipynb"):
        cells = json.loads((folder / name).read_text(encoding="utf-8"))["cells"]
        assert all(not cell.get("outputs") and cell.get("execution_count") is None for cell in cells if cell["cell_type"] == "code"), name


@pytest.mark.parametrize("folder", EXERCISE_DIRS, ids=lambda path: path.name)
def test_rubric_uses_every_public_check(folder: Path) -> None:
    tree = ast.parse((folder / "public_tests.py").read_text(encoding="utf-8"))
    functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")}
    used = {check.target for check in load_exercise(folder).checks if check.kind == "public"}
    assert used == functions


@pytest.mark.parametrize("folder", EXERCISE_DIRS, ids=lambda path: path.name)
def test_every_task_has_hidden_checks(folder: Path) -> None:
    for task in load_exercise(folder).tasks:
        assert any(check.kind != "public" for check in task.checks), task.id


def test_score_exercise_data_in_the_notebook_matches_the_hidden_tests() -> None:
    folder = EXERCISES / "08-score-the-quarter"
    namespace: dict[str, object] = {}
    exec(compile((folder / "hidden" / "tests.py").read_text(encoding="utf-8"), "tests.py", "exec"), namespace)  # noqa: S102
    setup = next(cell for cell in read_notebook((folder / "student.ipynb").read_bytes()).code_cells if cell.id == "setup")
    assert f'PLAN_YAML = """{namespace["PLAN_YAML"]}"""' in setup.source
    assert f'CHECKINS_CSV = """{namespace["CHECKINS_CSV"]}"""' in setup.source


KINDS = {"full-marks", "partial", "empty", "syntax-error", "infinite-loop", "huge-output", "kernel-exit", "file-tampering",
         "reads-hidden-tests", "changes-own-grade"}  # fmt: skip


@pytest.mark.parametrize("slug", ["01-measurable-key-results", "03-leading-indicators", "08-score-the-quarter"])
def test_samples_cover_every_kind_of_fault(slug: str) -> None:
    names = {path.stem for path in (EXERCISES / slug / "samples").iterdir()}
    assert KINDS <= names
