"""One entry point, `load`, that reads a plan from any supported input."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from okrcoach.errors import LoadError, LoadProblem
from okrcoach.loaders.mapping import build_plan, normalize_keys
from okrcoach.model import Plan

YAML_SUFFIXES = frozenset({".yaml", ".yml"})
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".xlsx", ".xlsm"})
SUFFIXES = YAML_SUFFIXES | TEXT_SUFFIXES | TABLE_SUFFIXES

#: Files above this size are refused before reading (override with OKRCOACH_MAX_BYTES).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def load(source: Any, *, max_bytes: int | None = None) -> Plan:
    """Return the Plan in a file, a folder of team files, a pandas DataFrame or a mapping.

    Files are read by suffix: .yaml/.yml (the OKR file format), .csv/.tsv/.xlsx (one row per key
    result), .txt/.md (text pasted from a document or slide). A folder is read as one plan from
    all its YAML files. Raises LoadError listing every problem found, each with its line or row.
    """
    if isinstance(source, Plan):
        return source
    if isinstance(source, Mapping):
        return build_plan(normalize_keys(dict(source)), "<mapping>")
    if _is_dataframe(source):
        from okrcoach.loaders.frame import load_frame

        return load_frame(source)
    if isinstance(source, str | os.PathLike):
        with _bulk_allocation():
            return _load_path(Path(source), max_bytes)
    raise TypeError(f"load() takes a path, a pandas DataFrame or a mapping, not {type(source).__name__}")


def loads(text: str, format: str = "yaml", *, source: str = "<text>") -> Plan:
    """Return the Plan in a string: format 'yaml' (the OKR file format) or 'text' (pasted lists)."""
    if format == "yaml":
        with _bulk_allocation():
            return _from_yaml_text(text, source)
    if format == "text":
        from okrcoach.loaders.text import parse_text

        return parse_text(text, source)
    raise ValueError(f"unknown format {format!r}: expected 'yaml' or 'text'")


def _load_path(path: Path, max_bytes: int | None) -> Plan:
    name = str(path)
    if path.is_dir():
        return _load_folder(path, max_bytes)
    if not path.exists():
        raise LoadError.single(name, "no such file or folder")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        expected = ", ".join(sorted(SUFFIXES))
        raise LoadError.single(name, f"cannot read '{suffix or 'no suffix'}' files: expected one of {expected}")
    _check_size(path, max_bytes)
    if suffix in TABLE_SUFFIXES:
        from okrcoach.loaders.tabular import load_table

        return load_table(path)
    text = read_text(path)
    if suffix in TEXT_SUFFIXES:
        from okrcoach.loaders.text import parse_text

        return parse_text(text, name)
    return _from_yaml_text(text, name)


def _from_yaml_text(text: str, source: str, id_prefix: str | None = None) -> Plan:
    from okrcoach.loaders.yaml import parse_yaml

    data, lines = parse_yaml(text, source)
    return build_plan(data, source, lambda path: (lines.get(path), None), id_prefix=id_prefix)


def _load_folder(folder: Path, max_bytes: int | None) -> Plan:
    """Read every YAML file in a folder as one plan: one file per team, plus an optional company file."""
    from okrcoach.loaders.folder import merge_files

    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in YAML_SUFFIXES and p.is_file())
    if not files:
        raise LoadError.single(str(folder), "the folder holds no .yaml or .yml files")
    for file in files:
        _check_size(file, max_bytes)
    return merge_files(files)


def _check_size(path: Path, max_bytes: int | None) -> None:
    limit = max_bytes or int(os.environ.get("OKRCOACH_MAX_BYTES", DEFAULT_MAX_BYTES))
    size = path.stat().st_size
    if size == 0:
        raise LoadError.single(str(path), "the file is empty: expected OKRs (see `okrcoach schema` for the format)")
    if size > limit:
        raise LoadError.single(
            str(path),
            f"the file is {_size(size)}, above the {_size(limit)} limit: split it into "
            "one file per team in a folder, or raise the limit with OKRCOACH_MAX_BYTES",
        )


def _size(count: int) -> str:
    if count >= 1_048_576:
        return f"{count / 1_048_576:.1f} MB".replace(".0 MB", " MB")
    if count >= 1024:
        return f"{count / 1024:.1f} KB".replace(".0 KB", " KB")
    return f"{count} bytes"


def read_text(path: Path) -> str:
    """Return a text file's content, or raise LoadError for binary or undecodable bytes."""
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise LoadError.single(str(path), "this is not a text file (it contains NUL bytes): expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise LoadError(
            [
                LoadProblem(
                    str(path),
                    f"byte 0x{data[error.start]:02x} is not UTF-8 text: save the file as UTF-8",
                    line=line,
                )
            ]
        ) from None


@contextmanager
def _bulk_allocation() -> Iterator[None]:
    """Pause the cyclic garbage collector while a plan is built.

    Loading creates hundreds of thousands of small acyclic objects; the collector would scan
    them again and again for cycles that cannot exist (about a third of the load time of a
    40,000-key-result plan). Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _is_dataframe(value: Any) -> bool:
    return type(value).__name__ == "DataFrame" and type(value).__module__.startswith("pandas")
