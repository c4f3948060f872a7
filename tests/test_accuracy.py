"""Per-rule precision and recall on the labeled corpus (datasets/labeled/), and the published table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from okrcoach.evaluation import Tally, corpus_size, evaluate

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "datasets" / "labeled").glob("corpus_*.yaml"))
PRECISION, RECALL = 0.90, 0.85
RULES = [
    "too-many-key-results", "too-few-key-results", "too-many-objectives", "vague-target", "missing-baseline",
    "missing-deadline", "output-not-outcome", "lagging-indicator", "kpi-as-okr", "objective-has-metric",
    "misaligned-objective", "unrelated-key-result", "missing-owner", "duplicate-key-result", "unrealistic-target",
    "unambitious-target",
]  # fmt: skip


@pytest.fixture(scope="module")
def tallies() -> dict[str, Tally]:
    return evaluate(CORPUS)


def test_corpus_is_large_enough() -> None:
    size = corpus_size(CORPUS)
    assert size["key_results"] >= 400
    assert size["objectives"] >= 80


@pytest.mark.parametrize("rule", RULES)
def test_rule_meets_precision_and_recall(rule: str, tallies: dict[str, Tally]) -> None:
    tally = tallies[rule]
    assert tally.support >= 3, f"the corpus has too few examples of {rule}"
    assert tally.precision >= PRECISION, f"{rule} precision {tally.precision:.2f}; false alarms: {tally.false_alarms[:5]}"
    assert tally.recall >= RECALL, f"{rule} recall {tally.recall:.2f}; misses: {tally.misses[:5]}"


def test_published_accuracy_table_is_current() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "accuracy.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
