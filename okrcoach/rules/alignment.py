"""Alignment rules (A): does each goal ladder up, and does each part bear on the whole?"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from typing import Any

from okrcoach.context import Context
from okrcoach.findings import Severity, Violation
from okrcoach.links import is_team_objective
from okrcoach.model import KeyResult, Objective, Plan
from okrcoach.registry import rule
from okrcoach.rules._common import quote
from okrcoach.wordlists import load_topics, trie_alternation


@rule("A101", "misaligned-objective", scope="objective")
def misaligned_objective(objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for a team objective that aligns to nothing, to an id that does not exist, or (preview) to a pillar it reads unlike.

    Applies when the plan has a strategy (pillars) or company objectives to align to.
    The structural check (no link, or a link to an id that is not in the plan) always runs.
    The meaning check is in preview (`semantic-alignment = true`, with the `semantic` extra
    installed): it compares the objective, with its key results, to the pillar
    or parent objective it names and to the others. It asks about a link when another pillar
    reads clearly closer (`alignment-margin`) or the objective shares almost nothing with what it
    names (`alignment-floor`), unless a key result's KPI feeds the target's KPIs in the catalog.

    ## Why is this bad?
    Goals that do not ladder up to the strategy spend the team's quarter on work nobody above
    it asked for, and the company cannot see how its bets are being carried out. A link to the
    wrong pillar hides the same problem behind a tick in the "aligned" column.

    ## Example
    ```yaml
    strategy:
      pillars:
        - {id: cheap-delivery, title: Cut the cost of each delivery}
        - {id: great-design, title: Known for great design}
    objectives:
      - title: Redesign the office kitchen
        team: facilities          # aligns to nothing
      - id: MKT2
        title: Run a spring campaign for the new range
        team: marketing
        aligns_to: cheap-delivery # reads closer to 'Known for great design' (preview)
    ```

    ## Use instead
    Link each team objective to the pillar or company objective it serves
    (`aligns_to: great-design`), or ask whether it belongs in this cycle at all. When the link
    is right but reads weak, say in a key result how the objective moves the pillar.

    ## Known problems
    The meaning check judges words, not intent: a right link written in very different words
    can read weak, so it asks rather than accuses. Its held-out precision and recall are in
    docs/accuracy.md (Alignment); it stays in preview until they reach 0.85 and 0.75.

    ## Source
    John Doerr, *Measure What Matters* (2018): alignment; Niven and Lamorte, *Objectives and Key Results* (2016); docs/methodology.md (Alignment).
    """
    plan = ctx.plan
    company = frozenset(ctx.words("company_teams").terms)
    targets = ctx.memo("alignment_targets", lambda: _alignment_targets(plan, company))
    if not targets or not is_team_objective(objective, plan, company):
        return
    if not objective.aligns_to:
        yield Violation(
            objective,
            "Team objective aligns to nothing",
            f"Link it to the pillar or company objective it serves with 'aligns_to' ({_examples(targets, plan, objective, company)})",
        )
        return
    unknown = [parent for parent in objective.aligns_to if parent not in targets]
    if unknown:
        yield Violation(
            objective,
            f"Team objective aligns to {quote(unknown[0], 30)}, which is no pillar or objective in this plan",
            f"Use one of the ids that exist ({_examples(targets, plan, objective, company)})",
        )
        return
    found = _evidence(ctx)
    link = found.link(objective) if found is not None else None
    if link is None or not link.doubtful:
        return
    names = f"the {link.target_kind} it names, {_name(link.target, link.target_title, link.target_kind)}"
    if link.closest:  # another pillar or objective reads closer, clearly or, with a weak link, at all
        closest = _name(link.closest, link.closest_title, link.closest_kind)
        yield Violation(
            objective,
            f"{quote(objective.title)} reads closer to {closest} than to {names}. Is the link right?",
            f"If it serves {quote(link.closest_title)}, link it there (aligns_to: {link.closest}); if it serves "
            f"{quote(link.target_title)}, add a key result that shows how",
        )
    else:
        yield Violation(
            objective,
            f"{quote(objective.title)} shares little with {names}, or with any other. Is the link right?",
            f"Add a key result that shows how it moves {quote(link.target_title)}, or ask whether it belongs in this cycle's OKRs",
        )


def _name(item: str, title: str, kind: str) -> str:
    """Return how a message names a pillar ('Known for great design') or an objective (C2 'Grow ...')."""
    return quote(title) if kind == "pillar" else f"{item} {quote(title)}"


def _evidence(ctx: Context) -> Any:
    """Return the plan's meaning evidence when the meaning checks are on and the model is there, else None."""
    if not ctx.settings.semantic_alignment:
        return None
    from okrcoach.links import evidence

    return ctx.memo("alignment_evidence", lambda: evidence(ctx.plan, ctx.settings, ctx.words("company_teams").terms))


def _alignment_targets(plan: Plan, company_teams: frozenset[str]) -> set[str]:
    """Return what team objectives can align to: pillars and company objectives (none: the rule is off)."""
    pillars = {pillar.id for pillar in plan.strategy.pillars} if plan.strategy else set()
    company = {objective.id for objective in plan.objectives if not is_team_objective(objective, plan, company_teams)}
    if not pillars and not company:
        return set()
    return pillars | {objective.id for objective in plan.objectives}


def _examples(targets: set[str], plan: Plan, objective: Objective, company: frozenset[str]) -> str:
    """Name the likeliest parents first: pillars, then company objectives; never the objective itself."""
    pillars = [pillar.id for pillar in plan.strategy.pillars] if plan.strategy else []
    company_level = [other.id for other in plan.objectives if not is_team_objective(other, plan, company)]
    preferred = [target for target in dict.fromkeys(pillars + company_level) if target in targets and target != objective.id]
    candidates = preferred + sorted(target for target in targets if target not in preferred and target != objective.id)
    return "e.g. " + ", ".join(candidates[:5]) + (", ..." if len(candidates) > 5 else "")


@rule("A102", "unrelated-key-result", scope="key_result", severity=Severity.INFO)
def unrelated_key_result(key_result: KeyResult, objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for a key result that does not bear on its own objective.

    Always: key results about peripheral topics (office and perks, social-media followers) whose
    objective and sibling key results never touch that topic, share no word with it, and are
    not bridged by a KPI link. Built for precision: it stays silent when unsure.

    In preview (`semantic-alignment = true`, with the `semantic` extra installed), in
    plans with pillars or company objectives: a key result that reads unlike its objective
    (`key-result-floor`) and either reads clearly closer to another objective of the plan
    (`key-result-margin`) or like a peripheral topic, unless its KPI is, or feeds, a KPI of its
    sibling key results in the catalog.

    ## Why is this bad?
    Key results should prove their objective. One that measures something else dilutes the
    objective's grade and usually belongs under another objective or on a to-do list.

    ## Example
    ```yaml
    - title: Answer every customer quickly
      key_results:
        - Cut median first response time from 12 hours to 4 hours
        - Buy new chairs for the office
    ```

    ## Use instead
    Move it under the objective it serves, or drop it from the OKRs.

    ## Known problems
    The always-on part works from a topic word list (okrcoach/wordlists/topics.txt); key results
    in words the list does not know are never flagged. The meaning check judges words, not
    intent; its held-out figures are in docs/accuracy.md (Alignment).

    ## Source
    docs/methodology.md (Alignment: unrelated-key-result).
    """
    if key_result.kpi or len(objective.key_results) < 2:
        return
    if (finding := _off_topic(key_result, objective)) is not None:
        yield finding
        return
    found = _evidence(ctx)
    if found is None:
        return
    fit = found.fit(key_result, objective)
    if not fit.unrelated:
        return
    if fit.closest:
        yield Violation(
            key_result,
            f"{quote(key_result.title)} reads closer to {fit.closest} {quote(fit.closest_title)} than to its objective "
            f"{quote(objective.title)}. Does it measure this objective?",
            f"Move it under {fit.closest} if it belongs there, or replace it with a result that shows progress on {quote(objective.title, 40)}",
        )
    else:
        yield Violation(
            key_result,
            f"{quote(key_result.title)} reads like {fit.peripheral} matters, not like its objective {quote(objective.title)}. "
            "Does it measure this objective?",
            "Keep it off the OKRs as a to-do, or replace it with a result that shows progress on the objective",
        )


def _off_topic(key_result: KeyResult, objective: Objective) -> Violation | None:
    """Return the word-list finding: a peripheral topic that nothing else in the objective touches."""
    own = _topics(key_result.title) & _PERIPHERAL
    if not own:
        return None
    siblings = [kr.title for kr in objective.key_results if kr is not key_result]
    theirs = frozenset().union(_topics(objective.title), _topics(objective.description or ""), *map(_topics, siblings))
    if own & theirs or _content_words(key_result.title) & _content_words(objective.title):
        return None
    if own == {"social"} and "marketing" in theirs:
        return None  # social reach can serve a marketing or brand objective
    about = ", ".join(sorted(theirs - _PERIPHERAL)) or "something else"
    return Violation(
        key_result,
        f"Key result is about {', '.join(sorted(own))} matters, its objective about {about}",
        "Move it under the objective it serves, or keep it off the OKRs as a to-do",
    )


# Topics that are rarely what a business objective is about: perks, the office, social-media vanity.
_PERIPHERAL = frozenset({"workplace", "social"})


@cache
def _topic_index() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """Return one pattern for every topic term, and the topics of each term."""
    topics_of: dict[str, set[str]] = {}
    for topic, terms in load_topics().items():
        for term in terms:
            topics_of.setdefault(term, set()).add(topic)
    pattern = re.compile(rf"(?<![\w-])(?:{trie_alternation(topics_of)})(?![\w-])", re.IGNORECASE)
    return pattern, {term: frozenset(topics) for term, topics in topics_of.items()}


@lru_cache(maxsize=65536)
def _topics(text: str) -> frozenset[str]:
    pattern, topics_of = _topic_index()
    found: set[str] = set()
    for match in pattern.finditer(text):
        found |= topics_of.get(" ".join(match.group(0).lower().split()), frozenset())
    return frozenset(found)


_STOP = frozenset("a an the and or of to for in on at by with from our your their its is are be this that all each every new more".split())


def _content_words(text: str) -> set[str]:
    return {word[:6] for word in re.findall(r"[^\W\d_]{4,}", text.lower()) if word not in _STOP}
