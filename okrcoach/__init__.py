"""okrcoach: coach teams on OKRs and KPIs with a typed model, loaders, a parser and checks.

The package imports lazily (PEP 562): `import okrcoach` loads nothing heavy, and pandas,
plotly and ipywidgets are imported only by the functions that use them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "load": "okrcoach.loaders",
    "loads": "okrcoach.loaders",
    "save": "okrcoach.writers",
    "dumps": "okrcoach.writers",
    "to_frame": "okrcoach.writers",
    "check": "okrcoach.engine",
    "Report": "okrcoach.check_report",
    "Settings": "okrcoach.settings",
    "Severity": "okrcoach.findings",
    "load_history": "okrcoach.history",
    "parse_key_result": "okrcoach.parser",
    "parse_quantity": "okrcoach.parser",
    "json_schema": "okrcoach.schema",
    "LoadError": "okrcoach.errors",
    "LoadProblem": "okrcoach.errors",
    "OkrcoachError": "okrcoach.errors",
    "Plan": "okrcoach.model",
    "Objective": "okrcoach.model",
    "KeyResult": "okrcoach.model",
    "KPI": "okrcoach.model",
    "Cycle": "okrcoach.model",
    "Strategy": "okrcoach.model",
    "Pillar": "okrcoach.model",
    "Team": "okrcoach.model",
    "Direction": "okrcoach.model",
    "KRKind": "okrcoach.model",
    "ObjectiveType": "okrcoach.model",
    "sample_path": "okrcoach.datasets",
    "load_sample": "okrcoach.datasets",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from okrcoach.datasets import load_sample, sample_path
    from okrcoach.engine import check
    from okrcoach.findings import Severity
    from okrcoach.history import load_history
    from okrcoach.check_report import Report
    from okrcoach.settings import Settings
    from okrcoach.errors import LoadError, LoadProblem, OkrcoachError
    from okrcoach.loaders import load, loads
    from okrcoach.model import (
        KPI,
        Cycle,
        Direction,
        KeyResult,
        KRKind,
        Objective,
        ObjectiveType,
        Pillar,
        Plan,
        Strategy,
        Team,
    )
    from okrcoach.parser import parse_key_result, parse_quantity
    from okrcoach.schema import json_schema
    from okrcoach.writers import dumps, save, to_frame


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'okrcoach' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
