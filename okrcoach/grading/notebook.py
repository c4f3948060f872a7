"""Read a submitted notebook without trusting it: cells, tags and answer cells."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

#: Largest notebook file the grader reads (bytes); bigger files are refused with a reason.
MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024
ANSWER_TAG = "answer:"


class NotebookError(Exception):
    """A submission that is not a readable notebook; the message says why, for the student."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One notebook cell: its 1-based position, type, source, tags and id."""

    number: int
    kind: str
    source: str
    tags: tuple[str, ...] = ()
    id: str | None = None

    @property
    def answers(self) -> tuple[str, ...]:
        """Return the answer names this cell is tagged with ('answer:rewrites' -> 'rewrites')."""
        return tuple(tag[len(ANSWER_TAG):].strip() for tag in self.tags if tag.startswith(ANSWER_TAG))

    @property
    def headline(self) -> str:
        """Return the cell's first non-blank line, shortened, to point a student at it."""
        line = next((line.strip() for line in self.source.splitlines() if line.strip()), "")
        return line if len(line) <= 60 else line[:57] + "..."


@dataclass(frozen=True)
class Notebook:
    """The cells of a notebook, and where each answer is set."""

    cells: tuple[Cell, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def code_cells(self) -> tuple[Cell, ...]:
        """Return the code cells, in order."""
        return tuple(cell for cell in self.cells if cell.kind == "code")

    def answer_cells(self, names: Iterable[str], fallback_ids: dict[str, str] | None = None) -> tuple[dict[int, str], list[str]]:
        """Return {cell number: answer name} for the wanted answers, and notes about missing or repeated ones.

        A cell is found by its tag `answer:<name>`, else by the cell id the released student
        notebook gave it (`fallback_ids`), so a deleted tag does not lose an answer.
        """
        found: dict[int, str] = {}
        notes: list[str] = []
        for name in names:
            cells = [cell for cell in self.code_cells if name in cell.answers]
            if not cells and fallback_ids and fallback_ids.get(name):
                cells = [cell for cell in self.code_cells if cell.id == fallback_ids[name]]
                if cells:
                    notes.append(f"the answer cell for '{name}' has lost its tag 'answer:{name}'; it was found by its cell id")
            if len(cells) > 1:
                numbers = ", ".join(str(cell.number) for cell in cells)
                notes.append(f"cells {numbers} are all tagged 'answer:{name}'; the last one that runs counts")
            for cell in cells:
                found[cell.number] = name
        return found, notes


def read_notebook(data: bytes) -> Notebook:
    """Return the notebook in `data` (the bytes of an .ipynb file), or raise NotebookError saying why not."""
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise NotebookError(f"the file is {len(data) / 1e6:.1f} MB, more than the {MAX_NOTEBOOK_BYTES / 1e6:.0f} MB a notebook may have")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise NotebookError("the file is not text (UTF-8): it is not a Jupyter notebook") from None
    except json.JSONDecodeError as error:
        raise NotebookError(f"the file is not valid notebook JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    except RecursionError:
        raise NotebookError("the file is not a Jupyter notebook (nested too deeply)") from None
    if not isinstance(document, dict) or not isinstance(document.get("cells"), list):
        raise NotebookError("the file is JSON but not a Jupyter notebook (no list of cells)")
    if document.get("nbformat") != 4:
        raise NotebookError(f"notebook format {document.get('nbformat')!r} is not supported: save it with Jupyter (format 4)")
    cells, warnings = [], []
    for number, raw in enumerate(document["cells"], start=1):
        cell = _cell(number, raw)
        if cell is None:
            warnings.append(f"cell {number} is not a valid notebook cell and was skipped")
        else:
            cells.append(cell)
    return Notebook(tuple(cells), tuple(warnings))


def _cell(number: int, raw: object) -> Cell | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("cell_type"), str):
        return None
    source = raw.get("source", "")
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        source = "".join(source)
    if not isinstance(source, str):
        return None
    metadata = raw.get("metadata") if isinstance(raw.get("metadata"), dict) else {}
    tags = metadata.get("tags", [])
    tags = tuple(tag for tag in tags if isinstance(tag, str)) if isinstance(tags, list) else ()
    cell_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    return Cell(number, raw["cell_type"], source, tags, cell_id)
