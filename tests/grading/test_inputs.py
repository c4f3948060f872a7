"""Bad inputs exit 2 with a message naming the file; check-exercise reports the public checks only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.grading.conftest import EXERCISES, run_cli

EXERCISE = EXERCISES / "01-measurable-key-results"


@pytest.fixture
def one_submission(tmp_path: Path) -> Path:
    folder = tmp_path / "submissions"
    folder.mkdir()
    shutil.copyfile(EXERCISE / "samples" / "partial.ipynb", folder / "ada.ipynb")
    return folder


def test_missing_exercise_exits_2_naming_it(capsys: pytest.CaptureFixture[str], one_submission: Path, tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "grade", tmp_path / "no-such-exercise", one_submission, "--out", tmp_path / "g.csv")
    assert code == 2
    assert f"{tmp_path / 'no-such-exercise'}: no such exercise folder" in err


def test_exercise_without_rubric_exits_2(capsys: pytest.CaptureFixture[str], one_submission: Path, tmp_path: Path) -> None:
    (tmp_path / "bare").mkdir()
    code, _, err = run_cli(capsys, "grade", tmp_path / "bare", one_submission, "--out", tmp_path / "g.csv")
    assert code == 2
    assert f"{tmp_path / 'bare' / 'rubric.yaml'}: missing" in err


def test_broken_rubric_lists_every_problem_with_its_file(capsys: pytest.CaptureFixture[str], one_submission: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(EXERCISE, broken, ignore=shutil.ignore_patterns("samples"))
    (broken / "rubric.yaml").write_text(
        "title: Broken\ntasks:\n  - id: rewrites\n    checks:\n      - public: nope\n        points: 1\n"
        "      - builtin: key_results_clean\n        points: 0\n      - builtin: teleport\n        points: 1\n",
        encoding="utf-8",
    )
    code, _, err = run_cli(capsys, "grade", broken, one_submission, "--out", tmp_path / "g.csv")
    assert code == 2
    assert "the exercise cannot be used (3 problems)" in err
    assert f"{broken / 'rubric.yaml'}: tasks[0].checks[0].public: no function 'nope' in public_tests.py" in err
    assert "tasks[0].checks[1].points: must be a number above 0, got 0" in err
    assert "tasks[0].checks[2].builtin: unknown check 'teleport'" in err


def test_rubric_that_is_not_yaml_names_the_line(capsys: pytest.CaptureFixture[str], one_submission: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(EXERCISE, broken, ignore=shutil.ignore_patterns("samples"))
    (broken / "rubric.yaml").write_text("title: [unclosed\ntasks: []\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "grade", broken, one_submission, "--out", tmp_path / "g.csv")
    assert code == 2
    assert f"{broken / 'rubric.yaml'}:" in err and "not valid YAML" in err


def test_empty_submissions_folder_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run_cli(capsys, "grade", EXERCISE, tmp_path / "empty", "--out", tmp_path / "g.csv")
    assert code == 2
    assert f"{tmp_path / 'empty'}: no notebooks (.ipynb) to grade" in err


def test_non_notebook_files_exit_2_naming_each(capsys: pytest.CaptureFixture[str], one_submission: Path, tmp_path: Path) -> None:
    (one_submission / "notes.txt").write_text("not a notebook", encoding="utf-8")
    (one_submission / "bob.pdf").write_bytes(b"%PDF")
    code, _, err = run_cli(capsys, "grade", EXERCISE, one_submission, "--out", tmp_path / "g.csv")
    assert code == 2
    assert f"{one_submission / 'notes.txt'}: not a notebook (.ipynb)" in err
    assert f"{one_submission / 'bob.pdf'}: not a notebook (.ipynb)" in err
    assert not (tmp_path / "g.csv").exists()


def test_a_file_given_as_submission_must_be_a_notebook(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "essay.docx").write_bytes(b"PK")
    code, _, err = run_cli(capsys, "grade", EXERCISE, tmp_path / "essay.docx", "--out", tmp_path / "g.csv")
    assert (code, err.strip()) == (2, f"{tmp_path / 'essay.docx'}: not a notebook (.ipynb)")


def test_missing_submissions_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "grade", EXERCISE, tmp_path / "nowhere", "--out", tmp_path / "g.csv")
    assert (code, err.strip()) == (2, f"{tmp_path / 'nowhere'}: no such file or folder")


def test_two_submissions_of_one_student_exit_2(capsys: pytest.CaptureFixture[str], one_submission: Path, tmp_path: Path) -> None:
    other = tmp_path / "late"
    other.mkdir()
    shutil.copyfile(one_submission / "ada.ipynb", other / "ada.ipynb")
    code, _, err = run_cli(capsys, "grade", EXERCISE, one_submission, other, "--out", tmp_path / "g.csv")
    assert code == 2
    assert "a second submission for student 'ada'" in err


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--workers", "0"], "--workers must be 1 or more, got 0"),
        (["--timeout", "0"], "--timeout must be a number of seconds above 0, got 0"),
        (["--memory", "64"], "--memory must be at least 256 (MB), got 64"),
        (["--user", "no-such-user-okrcoach"], "--user: no OS user named 'no-such-user-okrcoach'"),
    ],
)
def test_bad_options_exit_2(capsys: pytest.CaptureFixture[str], one_submission: Path, tmp_path: Path, options: list[str], message: str) -> None:
    code, _, err = run_cli(capsys, "grade", EXERCISE, one_submission, "--out", tmp_path / "g.csv", *options)
    assert (code, err.strip()) == (2, message)


def test_gradebook_in_a_missing_folder_exits_2(capsys: pytest.CaptureFixture[str], one_submission: Path, tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "grade", EXERCISE, one_submission, "--out", tmp_path / "missing" / "g.csv")
    assert (code, err.strip()) == (2, f"{tmp_path / 'missing' / 'g.csv'}: the folder {tmp_path / 'missing'} does not exist")


def test_check_exercise_on_the_solution_passes_every_public_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "check-exercise", EXERCISE / "solution.ipynb")
    assert code == 0
    assert out.splitlines()[0] == f"{EXERCISE / 'solution.ipynb'}: public checks passed: 3/3"
    assert "  PASS  Four rewrites, one per vague key result, in the same order" in out
    assert "Hidden checks and points are applied when your instructor grades the exercise." in out


def test_check_exercise_on_the_stub_fails_with_hints(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "check-exercise", EXERCISE / "student.ipynb")
    assert code == 1
    assert out.splitlines()[0] == f"{EXERCISE / 'student.ipynb'}: public checks passed: 0/3"
    assert "expected a list of texts, got None (the answer is still empty)" in out
    assert "hint: Set rewrites to a list of four texts" in out
    assert "keeps_the_subject" not in out and "hidden" not in out.split("Hidden checks")[0].lower()


def test_check_exercise_on_a_copy_elsewhere_needs_the_exercise_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    copy = tmp_path / "mine.ipynb"
    shutil.copyfile(EXERCISE / "samples" / "partial.ipynb", copy)
    code, _, err = run_cli(capsys, "check-exercise", copy)
    assert code == 2 and f"{tmp_path / 'public_tests.py'}: missing" in err and "pass --exercise FOLDER" in err
    code, out, _ = run_cli(capsys, "check-exercise", copy, "--exercise", EXERCISE)
    assert code == 1 and out.splitlines()[0] == f"{copy}: public checks passed: 2/3"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.ipynb", None, "no such notebook"),
        ("answers.py", b"rewrites = []", "not a notebook (.ipynb)"),
        ("broken.ipynb", b'{"cells": [', "the file is not valid notebook JSON (line 1, column 12"),
    ],
)
def test_check_exercise_bad_notebooks_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, _, err = run_cli(capsys, "check-exercise", path, "--exercise", EXERCISE)
    assert code == 2
    assert err.startswith(f"{path}: {message}")
