"""Find the bundled datasets: sample companies, the KPI catalog and labeled examples."""

from __future__ import annotations

from pathlib import Path

from okrcoach.errors import OkrcoachError
from okrcoach.model import Plan


def datasets_dir() -> Path:
    """Return the datasets folder (the repository's `datasets/` for a source or editable install)."""
    for candidate in (Path(__file__).parent / "_datasets", Path(__file__).resolve().parent.parent / "datasets"):
        if candidate.is_dir():
            return candidate
    raise OkrcoachError("the okrcoach datasets folder is missing: install okrcoach from a clone with `pip install -e .`")


def sample_companies() -> list[str]:
    """Return the names of the bundled sample companies."""
    return sorted(path.name for path in (datasets_dir() / "companies").iterdir() if (path / "okrs.yaml").is_file())


def sample_path(company: str = "greencycle") -> Path:
    """Return the OKR file of a bundled sample company."""
    path = datasets_dir() / "companies" / company / "okrs.yaml"
    if not path.is_file():
        known = ", ".join(sample_companies()) or "none"
        raise OkrcoachError(f"no sample company named {company!r}: the bundled ones are {known}")
    return path


def load_sample(company: str = "greencycle") -> Plan:
    """Return the plan of a bundled sample company, e.g. load_sample('greencycle')."""
    from okrcoach.loaders import load

    return load(sample_path(company))
