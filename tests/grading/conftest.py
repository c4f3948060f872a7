"""Shared helpers for the grading tests: the exercises folder and the command line, run in-process."""

from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat
import pytest

from okrcoach.grading.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"
EXERCISE_DIRS = sorted(path for path in EXERCISES.iterdir() if (path / "rubric.yaml").is_file())


def run_cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """Run `okrcoach grade ...` / `okrcoach check-exercise ...` and return (exit code, stdout, stderr)."""
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def tree_digest(folder: Path) -> dict[str, str]:
    """Return {relative path: sha256} of every file under a folder."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.rglob("*")) if path.is_file()}


def notebook(*cells: str | tuple[str, list[str]]) -> bytes:
    """Return the bytes of a notebook with these code cells; a (source, tags) pair gives a cell tags."""
    document = nbformat.v4.new_notebook()
    for number, cell in enumerate(cells):
        source, tags = cell if isinstance(cell, tuple) else (cell, [])
        code = nbformat.v4.new_code_cell(source)
        code.id = f"cell-{number}"
        if tags:
            code.metadata["tags"] = tags
        document.cells.append(code)
    return nbformat.writes(document).encode("utf-8")
