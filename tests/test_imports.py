"""`import okrcoach` stays light, and notebooks import only what the package's extras declare."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "plotly", "ipywidgets", "openpyxl", "numpy", "IPython")


def _imported_modules(code: str) -> set[str]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True)
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


def test_import_okrcoach_imports_no_heavy_library() -> None:
    modules = _imported_modules("import okrcoach")
    assert not {module for module in modules if module.split(".")[0] in HEAVY}


def test_loading_and_parsing_a_yaml_plan_imports_no_heavy_library() -> None:
    sample = ROOT / "datasets" / "examples" / "minimal.yaml"
    code = f"import okrcoach; plan = okrcoach.load({str(sample)!r}); plan.key_results[0].statement; okrcoach.dumps(plan)"
    modules = _imported_modules(code)
    assert not {module for module in modules if module.split(".")[0] in HEAVY}


def test_cli_help_imports_no_heavy_library() -> None:
    modules = _imported_modules("from okrcoach.cli import main; import contextlib, io\n"
                                "with contextlib.redirect_stdout(io.StringIO()):\n"
                                "    try: main(['--help'])\n"
                                "    except SystemExit: pass")
    assert not {module for module in modules if module.split(".")[0] in {"pandas", "plotly", "ipywidgets", "pydantic"}}


def _declared_distributions() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements.extend(extra)
    names = set()
    for requirement in requirements:
        name = requirement.split(";")[0].split("[")[0]
        for separator in "<>=!~ ":
            name = name.split(separator)[0]
        names.add(name.lower().replace("_", "-"))
    return names


def _notebook_imports(path: Path) -> set[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    modules: set[str] = set()
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        source = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module.split(".")[0])
    return modules


# Sample submissions are deliberately broken student work (grader test data), not course material.
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
    path for path in (ROOT / "exercises").rglob("*.ipynb") if "samples" not in path.relative_to(ROOT).parts
)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_imports_only_declared_packages(notebook: Path) -> None:
    declared = _declared_distributions() | {"okrcoach"}
    providers = metadata.packages_distributions()
    undeclared = []
    for module in sorted(_notebook_imports(notebook)):
        if module in sys.stdlib_module_names or module == "okrcoach":
            continue
        distributions = {name.lower().replace("_", "-") for name in providers.get(module, [])}
        if not distributions & declared:
            undeclared.append(module)
    assert undeclared == [], f"{notebook.name} imports packages not declared in pyproject extras: {undeclared}"


def test_the_declared_check_catches_an_undeclared_import(tmp_path: Path) -> None:
    notebook = tmp_path / "bad.ipynb"
    cell = {"cell_type": "code", "source": ["import requests\n", "from okrcoach import load\n"], "metadata": {}, "outputs": []}
    notebook.write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    assert _notebook_imports(notebook) == {"requests", "okrcoach"}
    assert "requests" not in _declared_distributions()
