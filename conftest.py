"""Root pytest configuration shared by the unit tests and nbval over the notebooks.

The notebook kernels inherit this process's environment, so the variables that make outputs
deterministic are set here, before any kernel starts, with the values the notebooks were
executed with (scripts/execute_notebooks.py uses the same ones).
"""

from __future__ import annotations

import os

NOTEBOOK_ENVIRONMENT = {
    "PYTHONHASHSEED": "0",
    "TZ": "UTC",
    "PLOTLY_RENDERER": "plotly_mimetype",
    "MPLBACKEND": "Agg",
    "OKRCOACH_TODAY": "2026-02-15",
}
for _name, _value in NOTEBOOK_ENVIRONMENT.items():
    os.environ.setdefault(_name, _value)

# plotly's JSON output changes between plotly releases and cannot be sanitized by regex;
# chart content is tested in pytest instead (nbval compares text outputs only through the sanitize file).
NBVAL_SKIP_MIMES = ("application/vnd.plotly.v1+json",)


def pytest_collectstart(collector):  # type: ignore[no-untyped-def]
    path = getattr(collector, "path", None)
    if path is not None and path.suffix == ".ipynb" and hasattr(collector, "skip_compare"):
        collector.skip_compare += NBVAL_SKIP_MIMES
