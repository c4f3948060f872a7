"""Interactive widgets for the course (need the notebooks extra: ipywidgets).

Each widget is a class in its own module, built from okrcoach functions, and testable without a
browser: set values on its child widgets, fire the events, and read its state.

>>> from okrcoach.widgets import OKRDrafter, KPIPicker, OKROrKPIQuiz, SpotTheFlawQuiz, AlignmentExplorer, CheckinTracker
"""

from __future__ import annotations

from okrcoach._lazy import lazy_exports

_EXPORTS = {
    "OKRDrafter": "drafter",
    "KPIPicker": "picker",
    "OKROrKPIQuiz": "quiz",
    "SpotTheFlawQuiz": "quiz",
    "AlignmentExplorer": "explorer",
    "CheckinTracker": "tracker",
}
__all__ = sorted(_EXPORTS)


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
