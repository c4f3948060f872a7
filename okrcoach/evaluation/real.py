"""Measure the checks on real, published OKRs with hand labels (datasets/labeled/real/).

Each labeled set is one objective and its key results, published by an organisation. Labels are
firm (`labels`: a careful coach flags this item for this rule) or borderline (`unsure`: either
answer is accepted, so the item counts neither for nor against the rule). An item with neither
label is clean for every rule the file labels: a finding on it is a false positive.

Precision and recall are reported overall, per organisation group and per split:
- **held-out** groups (fixed by a hash of the group name in `splits.yaml`) are never read while the
  hand-written rules are tuned: their figure is the honest estimate for text nobody here saw;
- **dev** groups are what the rules were tuned on: their figure is a tuned figure, not evidence.
Anything learned from the labels is trained leave-one-group-out (`okrcoach.evaluation.model`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from okrcoach.evaluation import Tally

#: A labeled item: (set id, index of the key result) or (set id, None) for the objective.
Item = tuple[str, int | None]
#: Rule names fired per item.
Predictions = Mapping[Item, frozenset[str]]

#: Rules the real corpus labels, and what they are labeled on (when a file does not say).
DEFAULT_LABELED = {
    "vague-target": "key_result",
    "output-not-outcome": "key_result",
    "lagging-indicator": "key_result",
    "kpi-as-okr": "key_result",
    "objective-has-metric": "objective",
    "too-many-key-results": "objective",
}


@dataclass(frozen=True)
class LabeledSet:
    """One published objective with its key results and hand labels."""

    id: str
    source: str
    org: str
    eval_cycle: str
    objective: str
    key_results: tuple[str, ...]
    labels: Mapping[Item, frozenset[str]]
    unsure: Mapping[Item, frozenset[str]]
    labeled_rules: Mapping[str, str]
    batch: str

    def items(self) -> Iterable[tuple[Item, str]]:
        """Yield every item of the set with its text, the objective first."""
        yield (self.id, None), self.objective
        for index, text in enumerate(self.key_results):
            yield (self.id, index), text

    def as_plan(self) -> dict[str, Any]:
        """Return the set as an okrcoach plan mapping (one objective, its cycle)."""
        return {"cycle": self.eval_cycle, "objectives": [{"title": self.objective, "key_results": list(self.key_results)}]}


@dataclass(frozen=True)
class Corpus:
    """The labeled sets of every file in the real corpus, with how they are split."""

    sets: tuple[LabeledSet, ...]
    groups: Mapping[str, str]
    seen: tuple[str, ...] = ()

    def group(self, labeled: LabeledSet) -> str:
        """Return the organisation group a set belongs to (the organisation itself unless grouped)."""
        return self.groups.get(labeled.org, labeled.org)

    def held_out(self, labeled: LabeledSet) -> bool:
        """Return True when the set's group is held out from tuning the hand-written rules."""
        return is_held_out(self.group(labeled))

    @cached_property
    def _seen_pattern(self) -> re.Pattern[str] | None:
        if not self.seen:
            return None
        alternatives = "|".join(re.escape(fragment) for fragment in self.seen)
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def was_seen(self, text: str) -> bool:
        """Return True when the text holds a phrasing quoted in the issue (seen while developing)."""
        return bool(self._seen_pattern and self._seen_pattern.search(text))

    def select(self, split: str = "all") -> tuple[LabeledSet, ...]:
        """Return the sets of a split: 'all', 'dev' or 'held-out'."""
        if split == "all":
            return self.sets
        if split not in {"dev", "held-out"}:
            raise ValueError(f"unknown split {split!r}: expected all, dev or held-out")
        return tuple(labeled for labeled in self.sets if self.held_out(labeled) == (split == "held-out"))

    def batches(self) -> list[str]:
        """Return the batch names in the order they were added."""
        return list(dict.fromkeys(labeled.batch for labeled in self.sets))

    def size(self, sets: Iterable[LabeledSet] | None = None) -> dict[str, int]:
        """Return how many sets, key results, organisations and groups the sets hold."""
        sets = tuple(self.sets if sets is None else sets)
        return {
            "sets": len(sets),
            "key_results": sum(len(labeled.key_results) for labeled in sets),
            "organisations": len({labeled.org for labeled in sets}),
            "groups": len({self.group(labeled) for labeled in sets}),
        }


def is_held_out(group: str) -> bool:
    """Return True when a group is held out: sha256 of its name, as a number, divisible by 3."""
    return int(hashlib.sha256(group.encode("utf-8")).hexdigest(), 16) % 3 == 0


def load_corpus(folder: str | Path) -> Corpus:
    """Read every labeled file in the folder (files with `okr_sets`) and its `splits.yaml`."""
    folder = Path(folder)
    splits_path = folder / "splits.yaml"
    splits = yaml.safe_load(splits_path.read_text(encoding="utf-8")) if splits_path.exists() else {}
    groups = {org: group for group, orgs in (splits.get("groups") or {}).items() for org in orgs}
    sets: list[LabeledSet] = []
    for path in sorted(folder.glob("*.yaml"), key=_batch_order):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "okr_sets" not in data:
            continue
        labeled_rules = dict(DEFAULT_LABELED)
        labeled_rules.update(data.get("labeled_rules") or {})
        for entry in data["okr_sets"]:
            sets.append(_labeled_set(entry, labeled_rules, path.stem))
    ids = [labeled.id for labeled in sets]
    duplicates = {set_id for set_id in ids if ids.count(set_id) > 1}
    if duplicates:
        raise ValueError(f"set ids used twice in {folder}: {sorted(duplicates)}")
    return Corpus(tuple(sets), groups, tuple(splits.get("seen_in_issue") or ()))


def _batch_order(path: Path) -> tuple[int, str]:
    return (0 if path.stem == "real-okrs-dev" else 1, path.name)


def _labeled_set(entry: dict[str, Any], labeled_rules: Mapping[str, str], batch: str) -> LabeledSet:
    set_id = str(entry["id"])

    def read(block: Mapping[str, Any] | None) -> dict[Item, frozenset[str]]:
        block = block or {}
        found: dict[Item, frozenset[str]] = {}
        if block.get("objective"):
            found[(set_id, None)] = frozenset(block["objective"])
        for index, rules in (block.get("key_results") or {}).items():
            if rules:
                found[(set_id, int(index))] = frozenset(rules)
        return found

    key_results = tuple(str(text) for text in entry["key_results"])
    labels, unsure = read(entry.get("labels")), read(entry.get("unsure"))
    for item in (*labels, *unsure):
        if item[1] is not None and not 0 <= item[1] < len(key_results):
            raise ValueError(f"set {set_id}: label on key result {item[1]}, which does not exist")
    return LabeledSet(
        id=set_id,
        source=str(entry.get("source", "")),
        org=str(entry["org"]),
        eval_cycle=str(entry.get("eval_cycle", "2026-Q1")),
        objective=str(entry["objective"]),
        key_results=key_results,
        labels=labels,
        unsure=unsure,
        labeled_rules=labeled_rules,
        batch=batch,
    )


def rule_predictions(sets: Iterable[LabeledSet], settings: Any = None) -> dict[Item, frozenset[str]]:
    """Return the rule names okrcoach's checks fire on each item (default settings: stable rules)."""
    from okrcoach.engine import check
    from okrcoach.loaders import load

    fired: dict[Item, set[str]] = {}
    for labeled in sets:
        plan = load(labeled.as_plan())
        objective = plan.objectives[0]
        where: dict[str, Item] = {objective.id: (labeled.id, None)}
        where.update({key_result.id: (labeled.id, index) for index, key_result in enumerate(objective.key_results)})
        for item, _ in labeled.items():
            fired.setdefault(item, set())
        for finding in check(plan, settings).findings:
            item = where.get(finding.subject_id or "")
            if item is not None:
                fired[item].add(finding.rule)
    return {item: frozenset(rules) for item, rules in fired.items()}


@dataclass
class Scored:
    """Tallies per rule over some sets, with the items behind each error (for --errors)."""

    tallies: dict[str, Tally] = field(default_factory=dict)
    fired_unlabeled: dict[str, int] = field(default_factory=dict)


def score(
    corpus: Corpus,
    sets: Iterable[LabeledSet],
    predictions: Predictions,
    *,
    exclude_seen: bool = False,
) -> Scored:
    """Return per-rule tallies of predictions against the firm labels; `unsure` items are left out.

    A rule is measured only on the items the set's file labels it on (key results or objectives);
    rules no file labels are counted as how often they fire.
    """
    scored = Scored()
    for labeled in sets:
        for item, text in labeled.items():
            if exclude_seen and corpus.was_seen(text):
                continue
            scope = "objective" if item[1] is None else "key_result"
            fired = predictions.get(item, frozenset())
            firm = labeled.labels.get(item, frozenset())
            unsure = labeled.unsure.get(item, frozenset())
            example = f"{labeled.id}#{'objective' if item[1] is None else item[1]}: {text}"
            for rule, labeled_scope in labeled.labeled_rules.items():
                if labeled_scope != scope or rule in unsure:
                    continue
                tally = scored.tallies.setdefault(rule, Tally())
                if rule in fired and rule in firm:
                    tally.true_positives += 1
                elif rule in fired:
                    tally.false_positives += 1
                    tally.false_alarms.append(example)
                elif rule in firm:
                    tally.false_negatives += 1
                    tally.misses.append(example)
            for rule in fired:
                if labeled.labeled_rules.get(rule) != scope:
                    key = f"{rule} ({scope.replace('_', ' ')})"
                    scored.fired_unlabeled[key] = scored.fired_unlabeled.get(key, 0) + 1
    scored.tallies = dict(sorted(scored.tallies.items()))
    scored.fired_unlabeled = dict(sorted(scored.fired_unlabeled.items()))
    return scored


def per_group(corpus: Corpus, sets: Iterable[LabeledSet], predictions: Predictions) -> dict[str, Scored]:
    """Return the tallies of each organisation group."""
    by_group: dict[str, list[LabeledSet]] = {}
    for labeled in sets:
        by_group.setdefault(corpus.group(labeled), []).append(labeled)
    return {group: score(corpus, members, predictions) for group, members in sorted(by_group.items())}


def leave_one_group_out(
    corpus: Corpus,
    train: Callable[[tuple[LabeledSet, ...]], Callable[[LabeledSet], Predictions]],
) -> dict[Item, frozenset[str]]:
    """Return predictions where each group's items come from a model trained on the other groups only."""
    predictions: dict[Item, frozenset[str]] = {}
    groups = sorted({corpus.group(labeled) for labeled in corpus.sets})
    for group in groups:
        training = tuple(labeled for labeled in corpus.sets if corpus.group(labeled) != group)
        predict = train(training)
        for labeled in corpus.sets:
            if corpus.group(labeled) == group:
                predictions.update(predict(labeled))
    return predictions


def table(scored: Scored, rules: Iterable[str] | None = None) -> str:
    """Return a Markdown table: rule, firm labels, precision, recall, TP, FP, FN."""
    lines = ["| rule | firm labels | precision | recall | TP | FP | FN |", "|---|---:|---:|---:|---:|---:|---:|"]
    for rule in rules or scored.tallies:
        tally = scored.tallies.get(rule)
        if tally is None:
            continue
        fired = tally.true_positives + tally.false_positives
        precision = f"{tally.precision:.2f}" if fired else "–"
        recall = f"{tally.recall:.2f}" if tally.support else "–"
        lines.append(
            f"| `{rule}` | {tally.support} | {precision} | {recall} | "
            f"{tally.true_positives} | {tally.false_positives} | {tally.false_negatives} |"
        )
    return "\n".join(lines) + "\n"


def plan_scores(sets: Iterable[LabeledSet], settings: Any = None) -> list[tuple[float, int]]:
    """Return (okrcoach's quality score, number of firm problems) for each set checked as a plan."""
    from okrcoach.engine import check
    from okrcoach.loaders import load

    pairs = []
    for labeled in sets:
        problems = sum(len(rules) for rules in labeled.labels.values())
        pairs.append((check(load(labeled.as_plan()), settings).scores().plan, problems))
    return pairs


def spearman(pairs: list[tuple[float, int]]) -> float:
    """Return Spearman's rank correlation of the pairs (average ranks for ties); 0.0 when undefined."""
    if len(pairs) < 3:
        return 0.0
    first, second = _ranks([a for a, _ in pairs]), _ranks([float(b) for _, b in pairs])
    mean_first, mean_second = sum(first) / len(first), sum(second) / len(second)
    covariance = sum((a - mean_first) * (b - mean_second) for a, b in zip(first, second, strict=True))
    spread = (sum((a - mean_first) ** 2 for a in first) * sum((b - mean_second) ** 2 for b in second)) ** 0.5
    return covariance / spread if spread else 0.0


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda index: values[index])
    ranks = [0.0] * len(values)
    position = 0
    while position < len(order):
        end = position
        while end + 1 < len(order) and values[order[end + 1]] == values[order[position]]:
            end += 1
        for index in order[position : end + 1]:
            ranks[index] = (position + end) / 2 + 1
        position = end + 1
    return ranks
