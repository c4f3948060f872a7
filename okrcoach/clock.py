"""One place for "today", so notebooks, tests and demos can pin it (OKRCOACH_TODAY=2026-02-15)."""

from __future__ import annotations

import os
from datetime import date


def today() -> date:
    """Return OKRCOACH_TODAY if it is set to an ISO date, else the real date."""
    pinned = os.environ.get("OKRCOACH_TODAY", "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            pass
    return date.today()
