"""The Alignment section of docs/accuracy.md is what the alignment checks score today on the labeled cases."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from okrcoach.evaluation import corpus_size

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "datasets" / "labeled" / "alignment"


def test_the_split_is_by_sector_and_large_enough() -> None:
    import yaml

    domains = {name: {plan["domain"] for plan in yaml.safe_load((FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))["plans"]} for name in ("dev", "test")}
    assert not domains["dev"] & domains["test"]
    assert len(domains["test"]) >= 10 and corpus_size([FOLDER / "test.yaml"])["key_results"] >= 140


def test_published_alignment_figures_are_current() -> None:
    pytest.importorskip("wordllama", reason="the semantic extra is not installed")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "alignment_accuracy.py"), "--check"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "## Alignment" in (ROOT / "docs" / "accuracy.md").read_text(encoding="utf-8")
