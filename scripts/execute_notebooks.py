"""Execute the course notebooks in place, the one canonical way, so nbval can compare outputs.

Run:  python scripts/execute_notebooks.py [NOTEBOOK ...]   (default: every notebook in notebooks/)

Each notebook runs top to bottom in a fresh kernel of this interpreter, with the same
environment variables as the test suite (conftest.NOTEBOOK_ENVIRONMENT), and is saved with its
outputs and execution counts. Widget state is dropped: it is large and differs run to run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from conftest import NOTEBOOK_ENVIRONMENT  # noqa: E402


def execute(path: Path) -> None:
    """Run one notebook in a fresh kernel and write it back with its outputs."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(notebook, path)
    print(f"executed {path.relative_to(ROOT)}")


def main() -> None:
    os.environ.update(NOTEBOOK_ENVIRONMENT)
    paths = [Path(arg).resolve() for arg in sys.argv[1:]] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        execute(path)


if __name__ == "__main__":
    main()
