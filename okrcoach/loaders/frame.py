"""pandas DataFrame (one row per key result) -> Plan, with the rules of the spreadsheet format."""

from __future__ import annotations

from typing import Any

from okrcoach.errors import LoadError, LoadProblem
from okrcoach.loaders.rows import rows_to_plan
from okrcoach.model import Plan


def load_frame(df: Any, source: str = "<DataFrame>") -> Plan:
    """Return the Plan in a DataFrame with the columns of the spreadsheet format (see loaders.tabular).

    Messages name rows by position, counting from 1 ("row 3" is `df.iloc[2]`), whatever the index.
    """
    import pandas as pd

    frame = _without_empty_unnamed(df)
    names = [str(column) for column in frame.columns]
    _check_unique(names, source)
    rows = [
        {name: _cell(value, pd) for name, value in zip(names, record, strict=True)}
        for record in frame.itertuples(index=False, name=None)
    ]
    return rows_to_plan(rows, source, list(range(1, len(rows) + 1)), headers=names, header_row=None)


def _without_empty_unnamed(df: Any) -> Any:
    # pandas names blank header cells 'Unnamed: 3'; when such a column holds nothing, nobody typed it.
    empty = [column for column in df.columns if str(column).startswith("Unnamed:") and df[column].isna().all()]
    return df.drop(columns=empty) if empty else df


def _check_unique(names: list[str], source: str) -> None:
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        listed = ", ".join(repr(name) for name in repeated)
        raise LoadError([LoadProblem(source, f"more than one column is named {listed}: keep one of each")])


def _cell(value: Any, pd: Any) -> Any:
    """Return a plain Python value: None for NaN/NaT/None, dates for timestamps, numbers for numpy scalars."""
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        return value.item()
    return value
