"""The course notebooks: what they may import, that they are committed executed, and their shape.

nbval (run by the same pytest session over notebooks/) checks that each notebook runs and that
its tagged outputs are unchanged; these tests check what nbval cannot:

- every import in a notebook comes from the standard library, okrcoach, or a package that
  okrcoach's core dependencies or its `notebooks` extra install, so a learner who ran
  `pip install -e ".[notebooks]"` can run every cell;
- every notebook is committed executed (each code cell has an execution count, in increasing
  order), as `scripts/execute_notebooks.py` leaves it, so nbval compares like with like;
- every notebook opens with a title and its learning goals, and ends with a self-check.
"""

from __future__ import annotations

import ast
import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

#: Distribution name (as written in pyproject.toml) -> the top-level modules it provides.
IMPORT_NAMES = {
    "pyyaml": ("yaml",),
    "pydantic": ("pydantic", "pydantic_core"),
    "openpyxl": ("openpyxl",),
    "pandas": ("pandas",),
    "jupyterlab": ("jupyterlab",),
    "ipykernel": ("ipykernel", "IPython"),  # IPython comes with ipykernel
    "ipywidgets": ("ipywidgets",),
    "plotly": ("plotly",),
}
SELF_CHECK = re.compile(r"^#{1,3}\s*self[- ]?check\b", re.IGNORECASE | re.MULTILINE)
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$", re.MULTILINE)


def _requirement_name(requirement: str) -> tuple[str, tuple[str, ...]]:
    """Return the distribution name and extras of a requirement such as 'okrcoach[xlsx,pandas]' or 'plotly>=5.20'."""
    match = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(?:\[([^\]]*)\])?", requirement)
    assert match, f"cannot read requirement {requirement!r}"
    extras = tuple(item.strip() for item in (match.group(2) or "").split(",") if item.strip())
    return match.group(1).lower().replace("_", "-"), extras


def allowed_distributions() -> set[str]:
    """Return the distributions installed by okrcoach's core dependencies plus its `notebooks` extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras: dict[str, list[str]] = project.get("optional-dependencies", {})
    found: set[str] = set()
    pending = list(project.get("dependencies", [])) + list(extras.get("notebooks", []))
    seen_extras = {"notebooks"}
    while pending:
        name, wanted = _requirement_name(pending.pop())
        if name == project["name"]:  # okrcoach[xlsx,pandas]: follow the extras it names
            for extra in wanted:
                if extra not in seen_extras:
                    seen_extras.add(extra)
                    pending.extend(extras.get(extra, []))
            continue
        found.add(name)
    return found


def allowed_modules() -> set[str]:
    """Return the top-level module names a notebook may import."""
    modules = set(sys.stdlib_module_names) | {"okrcoach"}
    for distribution in allowed_distributions():
        modules.update(IMPORT_NAMES.get(distribution, (distribution.replace("-", "_"),)))
    return modules


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict[str, Any]) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def python_source(cell: dict[str, Any]) -> str:
    """Return a code cell's source without IPython magics and shell escapes, which are not Python."""
    lines = source(cell).splitlines()
    if lines and lines[0].startswith("%%"):
        return ""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in lines)


def imported_modules(notebook: dict[str, Any], name: str) -> list[tuple[int, str]]:
    """Return (cell number, top-level module) for every import in a notebook's code cells."""
    found = []
    for number, cell in enumerate(notebook["cells"], start=1):
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse(python_source(cell), filename=f"{name} cell {number}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.extend((number, alias.name.split(".")[0]) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                found.append((number, "." * node.level + (node.module or "").split(".")[0]))
    return found


def test_there_are_course_notebooks() -> None:
    assert len(NOTEBOOKS) >= 9, [path.name for path in NOTEBOOKS]


def test_allowed_distributions_follow_pyproject() -> None:
    allowed = allowed_distributions()
    assert {"pyyaml", "pydantic", "openpyxl", "pandas", "ipywidgets", "plotly", "ipykernel"} <= allowed
    assert not {"pytest", "nbval", "nbclient", "hypothesis"} & allowed  # dev tools are not for learners


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_imports_only_what_the_notebooks_extra_installs(path: Path) -> None:
    allowed = allowed_modules()
    bad = [f"cell {number}: import {module}" for number, module in imported_modules(load(path), path.name) if module not in allowed]
    assert not bad, f"{path.name} imports modules that `pip install okrcoach[notebooks]` does not provide: {bad}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_is_committed_executed(path: Path) -> None:
    counts = [cell.get("execution_count") for cell in load(path)["cells"] if cell["cell_type"] == "code"]
    assert counts, f"{path.name} has no code cells"
    missing = [number for number, count in enumerate(counts, start=1) if count is None]
    assert not missing, f"{path.name}: code cells {missing} were not executed; run scripts/execute_notebooks.py {path.relative_to(ROOT)}"
    assert all(later > earlier for earlier, later in zip(counts, counts[1:])), (
        f"{path.name}: execution counts {counts} do not increase; re-run it top to bottom with scripts/execute_notebooks.py"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_has_no_error_outputs(path: Path) -> None:
    errors = [
        f"cell {number}: {output.get('ename')}: {output.get('evalue')}"
        for number, cell in enumerate(load(path)["cells"], start=1)
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors, f"{path.name} was committed with errors: {errors}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_starts_with_title_and_learning_goals(path: Path) -> None:
    cells = load(path)["cells"]
    first = source(cells[0])
    assert cells[0]["cell_type"] == "markdown" and first.startswith("# "), f"{path.name} must open with a '# Title' markdown cell"
    opening = "\n".join(source(cell) for cell in cells[:2] if cell["cell_type"] == "markdown")
    assert re.search(r"learning goals", opening, re.IGNORECASE), f"{path.name} must state its 'Learning goals' at the top"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_ends_with_a_self_check(path: Path) -> None:
    cells = load(path)["cells"]
    markdown = [(index, source(cell)) for index, cell in enumerate(cells) if cell["cell_type"] == "markdown"]
    headings = [(index, match.group(2)) for index, text in markdown for match in HEADING.finditer(text) if len(match.group(1)) <= 3]
    assert headings, f"{path.name} has no headings"
    last_index, last_heading = headings[-1]
    assert SELF_CHECK.match(f"## {last_heading}"), f"{path.name}: the last section is {last_heading!r}, not a self-check"
    rest = "\n".join(source(cell) for cell in cells[last_index:])
    assert "<details" in rest or "Quiz(" in rest, f"{path.name}: the self-check needs answers (<details>) or a quiz widget"
