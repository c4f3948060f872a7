"""Structure rules (S): is the set of goals focused, owned and well formed?"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any
from difflib import SequenceMatcher

from okrcoach.context import Context
from okrcoach.findings import Severity, Violation
from okrcoach.model import Objective, Plan
from okrcoach.registry import rule
from okrcoach.rules._common import cycle_of, quote, statement


@rule("S101", "too-many-objectives", scope="plan", options=("max_objectives",))
def too_many_objectives(plan: Plan, ctx: Context) -> Iterator[Violation]:
    """Check for a team (or a plan without teams) with more than five objectives in one cycle.

    ## Why is this bad?
    OKRs work by saying no. With many objectives nothing is a priority, attention is spread
    thin, and check-ins turn into status reports. Doerr recommends three to five objectives a
    cycle; Wodtke argues one per team is ideal.

    ## Example
    ```yaml
    # team marketing, 2026-Q1: seven objectives
    ```

    ## Use instead
    Pick the three to five objectives that matter most this cycle; keep the rest in a backlog
    or on the KPI dashboard.

    ## Options
    - `max_objectives` (default 5)

    ## Source
    John Doerr, *Measure What Matters* (2018); Christina Wodtke, *Radical Focus* (2016).
    """
    limit = ctx.settings.max_objectives
    groups: dict[tuple[str | None, str], list[Objective]] = defaultdict(list)
    for objective in plan.objectives:
        cycle = cycle_of(plan, objective)
        groups[(objective.team, str(cycle) if cycle else "")].append(objective)
    for (team, cycle), objectives in groups.items():
        if len(objectives) <= limit:
            continue
        who = f"Team '{team}'" if team else "The plan"
        when = f" in {cycle}" if cycle else ""
        yield Violation(
            objectives[limit],
            f"{who} has {len(objectives)} objectives{when} (max {limit})",
            f"Keep the {limit} that matter most this cycle and move the rest to a backlog",
        )


@rule("S102", "too-many-key-results", scope="objective", options=("max_key_results",))
def too_many_key_results(objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for an objective with more than five key results.

    ## Why is this bad?
    Key results should be the few measures that together prove the objective. Past five they
    become a task list: nobody can hold them in mind, and the important ones drown.

    ## Example
    ```yaml
    - title: Make checkout effortless
      key_results: [six or more key results]
    ```

    ## Use instead
    Keep the three to five key results that best prove the objective; move the others to a
    backlog or turn them into initiatives.

    ## Options
    - `max_key_results` (default 5)

    ## Source
    John Doerr, *Measure What Matters* (2018); Google re:Work, "Set goals with OKRs" (about three key results per objective).
    """
    count, limit = len(objective.key_results), ctx.settings.max_key_results
    if count > limit:
        yield Violation(
            objective,
            f"Objective has {count} key results (max {limit})",
            f"Keep the {limit} that best prove the objective and move the rest to a backlog",
        )


@rule("S103", "too-few-key-results", scope="objective", severity=Severity.INFO, options=("min_key_results",))
def too_few_key_results(objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for an objective with fewer than two key results.

    ## Why is this bad?
    One measure is easy to game and rarely tells the whole story: a team can hit a quantity
    target while quality suffers. A second key result gives another view of success.

    ## Example
    ```yaml
    - title: Delight new customers
      key_results:
        - Raise activation from 35% to 50%
    ```

    ## Use instead
    Add a key result that checks the same success from another side: quality next to
    quantity, a leading measure next to a lagging one.

    ## Options
    - `min_key_results` (default 2)

    ## Source
    Seed 002 ("define 2-5 key results"); Andy Grove, *High Output Management* (1983), on pairing indicators.
    """
    count, limit = len(objective.key_results), ctx.settings.min_key_results
    if count < limit:
        yield Violation(
            objective,
            f"Objective has {count} key result{'s' if count != 1 else ''} (min {limit})",
            "Add a key result that measures success from another side (quality next to quantity)",
        )


@rule("S104", "missing-owner", scope="plan")
def missing_owner(plan: Plan, ctx: Context) -> Iterator[Violation]:
    """Check for an objective or key result without an owner, in a plan that names owners.

    ## Why is this bad?
    Goals without one accountable person drift: everyone assumes someone else is on it.
    When a plan names owners for some objectives (or key results) but not others, the gaps
    are usually oversights.

    ## Example
    ```yaml
    - title: Grow self-serve revenue
      owner: Dana
    - title: Cut support backlog      # no owner
    ```

    ## Use instead
    Name one accountable owner for every objective (and key result, where the plan does).

    ## Source
    Seed 002, "Step 4: Assign owners and establish accountability".
    """
    objectives_use_owners = any(objective.owner for objective in plan.objectives)
    key_results_use_owners = any(kr.owner for kr in plan.key_results)
    for objective in plan.objectives:
        if objectives_use_owners and not objective.owner:
            yield Violation(objective, "Objective has no owner", "Name the one person accountable for this objective")
        for key_result in objective.key_results:
            if key_results_use_owners and not key_result.owner:
                yield Violation(key_result, "Key result has no owner", "Name the one person accountable for this key result")


_WORD = re.compile(r"[^\W_]+")


@rule("S105", "duplicate-key-result", scope="plan", options=("duplicate_similarity",))
def duplicate_key_result(plan: Plan, ctx: Context) -> Iterator[Violation]:
    """Check for the same, or nearly the same, key result twice in a plan.

    ## Why is this bad?
    A repeated key result counts the same work twice, hides who really owns it, and makes
    the plan look fuller than it is.

    ## Example
    ```yaml
    - Raise first-contact resolution from 61% to 75%
    - Raise first contact resolution from 61 % to 75 %
    ```

    ## Use instead
    Keep it once, under the objective it serves best; other teams can align to that
    objective instead of copying its key result.

    ## Options
    - `duplicate_similarity` (default 0.9): how alike two statements must be (0-1).

    ## Source
    docs/methodology.md (Structure: normalised text equal or similarity of at least 0.9).
    """
    threshold = ctx.settings.duplicate_similarity
    key_results = plan.key_results
    tokenised = [_WORD.findall(key_result.title.lower()) for key_result in key_results]
    # Near-duplicates share most words, so they share at least one of their two rarest words (rarest
    # across the whole plan): each statement is indexed, and compared, under those two words only.
    frequency: Counter[str] = Counter()
    for words in tokenised:
        frequency.update(set(words))
    seen: dict[str, tuple[str, str]] = {}
    by_numbers: dict[tuple[Any, ...], list[tuple[str, str, set[str]]]] = defaultdict(list)
    by_token: dict[str, list[tuple[str, str, str, frozenset[str]]]] = defaultdict(list)
    texts = {key_result.id: words for key_result, words in zip(key_results, tokenised, strict=True)}
    for key_result, words in zip(key_results, tokenised, strict=True):
        normal = " ".join(words)
        mine = frozenset(words)
        rare = sorted(mine, key=lambda token: (frequency[token], token))[:2]
        first = seen.get(normal)
        if first is None and threshold < 1:
            first = _similar(normal, mine, rare, by_token, threshold, texts) or _same_numbers(key_result, by_numbers)
        if first is not None:
            yield Violation(
                key_result,
                f"Key result repeats {first[0]} ({quote(first[1])})",
                "Keep it once, under the objective it serves best, and align other teams to that objective",
            )
            continue
        seen[normal] = (key_result.id, key_result.title)
        signature = _numbers(key_result)
        if signature is not None:
            by_numbers[signature].append((key_result.id, key_result.title, _stems(key_result.title)))
        for token in rare:
            by_token[token].append((key_result.id, key_result.title, normal, mine))


def _numbers(key_result: Any) -> tuple[Any, ...] | None:
    parsed = statement(key_result)
    if parsed.target is None:
        return None
    baseline = parsed.baseline.value if parsed.baseline else None
    return (parsed.target.value, parsed.target.unit, baseline)


def _stems(text: str) -> set[str]:
    return {word[:6] for word in _WORD.findall(text.lower()) if len(word) > 3 and not word.isdigit()}


def _same_numbers(key_result: Any, by_numbers: dict[tuple[Any, ...], list[tuple[str, str, set[str]]]]) -> tuple[str, str] | None:
    """Return an earlier key result with the same numbers and mostly the same words (a reworded copy)."""
    signature = _numbers(key_result)
    if signature is None:
        return None
    mine = _stems(key_result.title)
    words = frozenset(_WORD.findall(key_result.title.lower()))
    for other_id, other_title, theirs in by_numbers.get(signature, ()):
        smaller = min(len(mine), len(theirs)) or 1
        if len(mine & theirs) / smaller >= 0.6 and _only_reworded(words, frozenset(_WORD.findall(other_title.lower()))):
            return other_id, other_title
    return None


#: How many earlier statements sharing a rare word are compared (the most recent ones); rare words
#: keep real plans far below this, so it only bounds plans full of near-identical templates.
_CANDIDATES = 60


#: Words whose difference never makes two key results different goals.
_NOISE_WORDS = frozenset({"a", "an", "the", "our", "of", "to", "for", "in", "on", "by", "and", "with", "at", "from", "all",
                          "s", "pct", "percent"})  # fmt: skip


#: Words that restate a goal without changing what it names ('Utilisation up from ...', '... rate').
_REWORDING = frozenset({"up", "down", "rate", "total", "number", "level", "overall", "below", "above", "under", "over",
                        "least", "most", "than", "per", "each", "every", "so", "that"})  # fmt: skip


def _only_reworded(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Return True when two statements with the same numbers differ only in wording ('Raise' / 'Lift'),
    not in what they name ('CSI code' / 'backup code', '5 users' / '10 users')."""
    from okrcoach.parsing.lexicon import lexicon

    verbs = lexicon().common_verbs

    def plain(words: frozenset[str]) -> bool:
        return all(word in _NOISE_WORDS or word in _REWORDING or word in verbs for word in words)

    return plain(mine - theirs) or plain(theirs - mine)


def _only_noise_differs(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Return True when the word sets differ only in small words: 'in js' and 'in go' are two goals."""
    return all(word in _NOISE_WORDS for word in mine ^ theirs)


def _similar(
    normal: str,
    mine: frozenset[str],
    rare: list[str],
    by_token: dict[str, list[tuple[str, str, str, frozenset[str]]]],
    threshold: float,
    texts: dict[str, list[str]] | None = None,
) -> tuple[str, str] | None:
    checked: set[str] = set()
    # Two texts with a similarity ratio r have lengths within a factor r / (2 - r) of each other.
    shortest = len(normal) * threshold / (2 - threshold)
    longest = len(normal) * (2 - threshold) / threshold
    for token in rare:
        for other_id, other_title, other_normal, theirs in by_token.get(token, ())[-_CANDIDATES:]:
            if other_id in checked or not shortest <= len(other_normal) <= longest:
                continue
            checked.add(other_id)
            if len(mine & theirs) < threshold * 0.8 * len(mine | theirs) or not _only_noise_differs(mine, theirs):
                continue  # a different word ('js' / 'go', '5 users' / '10 users') makes a different goal
            matcher = SequenceMatcher(None, normal, other_normal, autojunk=False)
            if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold:
                return other_id, other_title
    return None
