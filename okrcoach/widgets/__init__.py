"""Interactive widgets for the course (need the notebooks extra: ipywidgets).

Each widget is a class in its own module, built from okrcoach functions, and testable without a
browser: set values on its child widgets, fire the events, and read its state.

>>> from okrcoach.widgets import OKRDrafter, KPIPicker, OKROrKPIQuiz, SpotTheFlawQuiz, AlignmentExplorer, CheckinTracker
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "OKRDrafter": "drafter",
    "KPIPicker": "picker",
    "OKROrKPIQuiz": "quiz",
    "SpotTheFlawQuiz": "quiz",
    "AlignmentExplorer": "explorer",
    "CheckinTracker": "tracker",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'okrcoach.widgets' has no attribute {name!r}")
    return getattr(importlib.import_module(f"okrcoach.widgets.{module}"), name)
