"""A small, explainable model tried against the hand-written rules, and not shipped.

For `vague-target` and `output-not-outcome`, a logistic regression over readable features (the
rule's own verdict, what the parser read: a target, a baseline, a task verb, a done-state, a
placeholder, the kind and form of the statement, and the statement's words) was trained leave-one-
group-out on the labeled real OKRs (`compare()`), to see whether it could confirm or overrule the
rules better than they do alone. It did not (docs/accuracy.md, "A learned model"), so okrcoach
ships the rules only; this module keeps the experiment reproducible
(`python scripts/accuracy.py --model`). Training needs numpy.
"""

from __future__ import annotations

import math
import re
from typing import Any

_WORD = re.compile(r"[a-z][a-z'-]+")


def features(parsed: Any, rule_fired: bool) -> dict[str, float]:
    """Return the readable features of a parsed key result (a Statement) and the rule's verdict."""
    found: dict[str, float] = {"bias": 1.0, "rule": 1.0 if rule_fired else 0.0}
    found[f"kind={parsed.kind.value if parsed.kind else 'none'}"] = 1.0
    found[f"form={parsed.form or 'none'}"] = 1.0
    target = parsed.target
    if target is not None:
        found["target"] = 1.0
        unit = target.unit
        group = ("percent" if unit == "%" else "money" if unit in {"USD", "EUR", "GBP", "JPY", "INR"} else
                 "time" if unit in {"ms", "seconds", "minutes", "hours", "days", "weeks", "months", "years"} else
                 "count" if unit is None else "other")  # fmt: skip
        found[f"unit={group}"] = 1.0
    if parsed.baseline is not None:
        found["baseline"] = 1.0
    if parsed.is_change:
        found["change"] = 1.0
    if parsed.direction is not None:
        found[f"direction={parsed.direction.value}"] = 1.0
    if parsed.placeholders:
        found["placeholder"] = 1.0
    if parsed.state is not None:
        found["state"] = 1.0
    if parsed.vague is not None:
        found["vague word"] = 1.0
    words = _WORD.findall(parsed.text.lower())
    if words:
        found[f"first={words[0]}"] = 1.0
    for word in set(words):
        found[f"w={word}"] = 1.0
    found["short"] = 1.0 if len(words) <= 4 else 0.0
    return found


def probability(weights: dict[str, float], found: dict[str, float]) -> float:
    """Return the model's probability that a coach would flag the item."""
    score = sum(weights.get(name, 0.0) * value for name, value in found.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def train(examples: list[tuple[dict[str, float], int]], *, l2: float = 1.0, epochs: int = 300, min_count: int = 2) -> dict[str, float]:
    """Return logistic-regression weights for (features, label) examples (L2-regularised, batch gradient descent).

    Word features seen fewer than `min_count` times are dropped. Needs numpy (training only).
    """
    import numpy as np

    counts: dict[str, int] = {}
    for found, _ in examples:
        for name in found:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(name for name, count in counts.items() if count >= min_count or not name.startswith(("w=", "first=")))
    index = {name: position for position, name in enumerate(names)}
    matrix = np.zeros((len(examples), len(names)))
    labels = np.array([label for _, label in examples], dtype=float)
    for row, (found, _) in enumerate(examples):
        for name, value in found.items():
            if name in index:
                matrix[row, index[name]] = value
    weights = np.zeros(len(names))
    positives = max(labels.sum(), 1.0)
    negatives = max(len(labels) - labels.sum(), 1.0)
    balance = np.where(labels == 1, len(labels) / (2 * positives), len(labels) / (2 * negatives))
    penalty = np.full(len(names), l2)
    penalty[index["bias"]] = 0.0
    step = 0.5
    for _ in range(epochs):
        predicted = 1.0 / (1.0 + np.exp(-np.clip(matrix @ weights, -30, 30)))
        gradient = matrix.T @ ((predicted - labels) * balance) / len(labels) + penalty * weights / len(labels)
        weights -= step * gradient
    return {name: round(float(weight), 4) for name, weight in zip(names, weights, strict=True) if abs(weight) > 1e-4}


def compare(corpus: Any, rules: tuple[str, ...] = ("output-not-outcome", "vague-target"), l2: float = 1.0,
            threshold: float = 0.5) -> dict[tuple[str, str], dict[str, tuple[float, float, int]]]:
    """Return, per (rule, split), precision, recall and firm labels of the rules alone and of the model
    trained leave-one-group-out (each group scored by a model trained on all the other groups)."""
    from okrcoach.evaluation.real import rule_predictions
    from okrcoach.parsing import parse_key_result

    verdicts = rule_predictions(corpus.sets)
    parsed = {(labeled.id, index): parse_key_result(text) for labeled in corpus.sets for index, text in enumerate(labeled.key_results)}
    groups = sorted({corpus.group(labeled) for labeled in corpus.sets})
    results: dict[tuple[str, str], dict[str, tuple[float, float, int]]] = {}
    for rule in rules:
        predicted: dict[Any, bool] = {}
        for group in groups:
            examples = [
                (features(parsed[item], rule in verdicts[item]), int(rule in labeled.labels.get(item, ())))
                for labeled in corpus.sets if corpus.group(labeled) != group
                for item in ((labeled.id, index) for index in range(len(labeled.key_results)))
                if rule not in labeled.unsure.get(item, ())
            ]  # fmt: skip
            weights = train(examples, l2=l2)
            for labeled in corpus.sets:
                if corpus.group(labeled) == group:
                    for index in range(len(labeled.key_results)):
                        item = (labeled.id, index)
                        predicted[item] = probability(weights, features(parsed[item], rule in verdicts[item])) >= threshold
        for split in ("held-out", "dev", "all"):
            counts = {"rules": [0, 0, 0], "model": [0, 0, 0]}
            for labeled in corpus.select(split):
                for index in range(len(labeled.key_results)):
                    item = (labeled.id, index)
                    if rule in labeled.unsure.get(item, ()):
                        continue
                    truth = rule in labeled.labels.get(item, ())
                    for name, fired in (("rules", rule in verdicts[item]), ("model", predicted[item])):
                        tally = counts[name]
                        tally[0] += fired and truth
                        tally[1] += fired and not truth
                        tally[2] += (not fired) and truth
            results[(rule, split)] = {
                name: (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0, tp + fn)
                for name, (tp, fp, fn) in counts.items()
            }
    return results
