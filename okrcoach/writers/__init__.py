"""Write a Plan back out: YAML, CSV/TSV, XLSX, Markdown, JSON or a pandas DataFrame."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from okrcoach.model import Plan

FORMATS = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".csv": "csv",
    ".tsv": "tsv",
    ".xlsx": "xlsx",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
}


def dumps(plan: Plan, format: str = "yaml") -> str:
    """Return the plan as text: 'yaml', 'json', 'markdown', 'csv' or 'tsv'."""
    if format == "yaml":
        from okrcoach.writers.yaml import plan_to_yaml

        return plan_to_yaml(plan)
    if format == "json":
        from okrcoach.writers.data import plan_to_data

        return json.dumps(plan_to_data(plan), ensure_ascii=False, indent=2) + "\n"
    if format == "markdown":
        from okrcoach.writers.markdown import plan_to_markdown

        return plan_to_markdown(plan)
    if format in {"csv", "tsv"}:
        from okrcoach.writers.tabular import plan_to_csv

        return plan_to_csv(plan, delimiter="," if format == "csv" else "\t")
    raise ValueError(f"unknown format {format!r}: expected one of yaml, json, markdown, csv, tsv")


def save(plan: Plan, path: str | os.PathLike[str], *, format: str | None = None) -> Path:
    """Write the plan to path in the format its suffix names, atomically, and return the path.

    The file is written to a temporary file beside it and then renamed, so a crash or a full
    disk never leaves a half-written file in place of a good one.
    """
    target = Path(path)
    format = format or FORMATS.get(target.suffix.lower())
    if format is None:
        raise ValueError(f"cannot write '{target.suffix or 'no suffix'}' files: expected one of {', '.join(FORMATS)}")
    if format == "xlsx":
        from okrcoach.writers.tabular import write_xlsx

        _atomic(target, lambda temporary: write_xlsx(plan, temporary))
    else:
        text = dumps(plan, format)
        _atomic(target, lambda temporary: temporary.write_text(text, encoding="utf-8", newline=""))
    return target


def to_frame(plan: Plan) -> Any:
    """Return the plan as a pandas DataFrame, one row per key result (needs okrcoach[pandas])."""
    from okrcoach.writers.frame import plan_to_frame

    return plan_to_frame(plan)


def _atomic(target: Path, write: Any) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
