"""Open the course: JupyterLab at the "start here" notebook, with the interpreter that has okrcoach."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from okrcoach.errors import OkrcoachError

START_NOTEBOOK = "00_start_here.ipynb"


def course_dir() -> Path:
    """Return the notebooks folder of a source or editable install."""
    folder = Path(__file__).resolve().parent.parent / "notebooks"
    if not (folder / START_NOTEBOOK).is_file():
        raise OkrcoachError(
            "the course notebooks are not next to this installation: clone the repository and run "
            "`python -m pip install -e \".[notebooks]\"` in it"
        )
    return folder


def start_course(*, no_browser: bool = False, port: int | None = None) -> int:
    """Start JupyterLab on the course's first notebook and return its exit code."""
    if importlib.util.find_spec("jupyterlab") is None:
        raise OkrcoachError("JupyterLab is not installed: run `python -m pip install -e \".[notebooks]\"` first")
    folder = course_dir()
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={folder.parent}",
        f"--LabApp.default_url=/lab/tree/{folder.name}/{START_NOTEBOOK}",
    ]
    if no_browser:
        command.append("--no-browser")
    if port:
        command.append(f"--port={port}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and workshop VMs often run as root; Jupyter refuses without it
    return subprocess.call(command)
