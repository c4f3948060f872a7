"""Plan -> pandas DataFrame, one row per key result (the columns of `writers.tabular.plan_to_rows`)."""

from __future__ import annotations

from typing import Any

from okrcoach.model import Plan
from okrcoach.writers.tabular import plan_columns, plan_to_rows

NUMBER_COLUMNS = ("baseline", "target", "current")


def plan_to_frame(plan: Plan) -> Any:
    """Return the plan as a DataFrame: numbers as floats (NaN when empty), deadlines as dates, the rest as text."""
    try:
        import pandas as pd
    except ImportError:
        raise ModuleNotFoundError("plan_to_frame needs pandas: pip install 'okrcoach[pandas]'") from None
    frame = pd.DataFrame(plan_to_rows(plan), columns=plan_columns(plan), dtype=object)
    for column in NUMBER_COLUMNS:
        frame[column] = pd.to_numeric(frame[column]).astype("float64")
    return frame
