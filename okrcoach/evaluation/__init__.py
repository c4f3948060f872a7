"""Measure the checks against a labeled corpus: per-rule precision and recall.

A corpus file (datasets/labeled/*.yaml, see GUIDE.md there) holds small plans whose objectives
and key results carry `expect:`, the rule names that should fire on them. The checks run with
default settings; a finding counts as a true positive when its rule is expected on the same
objective or key result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from okrcoach.engine import check
from okrcoach.history import history_from_mapping
from okrcoach.loaders import load
from okrcoach.settings import Settings


@dataclass
class Tally:
    """True positives, false positives and false negatives of one rule, with examples of errors."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Return the share of findings that were expected (1.0 when the rule never fired)."""
        fired = self.true_positives + self.false_positives
        return self.true_positives / fired if fired else 1.0

    @property
    def recall(self) -> float:
        """Return the share of expected findings that were found (1.0 when none was expected)."""
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def support(self) -> int:
        """Return how many findings the corpus expects."""
        return self.true_positives + self.false_negatives


def evaluate(paths: Iterable[str | Path], settings: Settings | None = None) -> dict[str, Tally]:
    """Return a Tally per rule name over every plan in the corpus files."""
    tallies: dict[str, Tally] = {}
    for path in paths:
        corpus = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        for entry in corpus["plans"]:
            _score_plan(entry, settings or Settings(), tallies)
    return dict(sorted(tallies.items()))


def _score_plan(entry: dict[str, Any], settings: Settings, tallies: dict[str, Tally]) -> None:
    plan = load(_strip(entry["plan"]))
    expected: set[tuple[str, str]] = set()
    texts: dict[str, str] = {}
    for objective_data, objective in zip(entry["plan"]["objectives"], plan.objectives, strict=True):
        expected |= {(objective.id, rule) for rule in objective_data.get("expect") or ()}
        texts[objective.id] = objective.title
        for kr_data, key_result in zip(objective_data.get("key_results") or (), objective.key_results, strict=True):
            if isinstance(kr_data, dict):  # a key result written as plain text expects nothing
                expected |= {(key_result.id, rule) for rule in kr_data.get("expect") or ()}
            texts[key_result.id] = key_result.title
    history = history_from_mapping(entry["history"]) if entry.get("history") else None
    report = check(plan, settings, history=history)
    found = {(finding.subject_id or "plan", finding.rule) for finding in report.findings if finding.code[0] != "X"}
    name = entry.get("name", "?")
    for subject, rule in found | expected:
        tally = tallies.setdefault(rule, Tally())
        example = f"{name}/{subject}: {texts.get(subject, '')}"
        if (subject, rule) in found and (subject, rule) in expected:
            tally.true_positives += 1
        elif (subject, rule) in found:
            tally.false_positives += 1
            tally.false_alarms.append(example)
        else:
            tally.false_negatives += 1
            tally.misses.append(example)


def _strip(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _strip(value) for key, value in data.items() if key != "expect"}
    if isinstance(data, list):
        return [_strip(item) for item in data]
    return data


def corpus_size(paths: Iterable[str | Path]) -> Counter[str]:
    """Return how many plans, objectives and key results the corpus files hold."""
    counts: Counter[str] = Counter()
    for path in paths:
        for entry in yaml.safe_load(Path(path).read_text(encoding="utf-8"))["plans"]:
            counts["plans"] += 1
            for objective in entry["plan"]["objectives"]:
                counts["objectives"] += 1
                counts["key_results"] += len(objective.get("key_results") or ())
    return counts


def table(tallies: dict[str, Tally]) -> str:
    """Return a Markdown table: rule, support, precision, recall, true/false positives, misses."""
    lines = ["| rule | expected | precision | recall | TP | FP | FN |", "|---|---:|---:|---:|---:|---:|---:|"]
    for rule, tally in tallies.items():
        lines.append(
            f"| `{rule}` | {tally.support} | {tally.precision:.2f} | {tally.recall:.2f} | "
            f"{tally.true_positives} | {tally.false_positives} | {tally.false_negatives} |"
        )
    return "\n".join(lines) + "\n"
