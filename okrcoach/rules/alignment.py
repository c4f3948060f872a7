"""Alignment rules (A): does each goal ladder up, and does each part bear on the whole?"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

from okrcoach.engine import Context
from okrcoach.findings import Severity, Violation
from okrcoach.model import KeyResult, Objective, Plan
from okrcoach.registry import rule
from okrcoach.rules._common import quote, words


@rule("A101", "misaligned-objective", scope="objective")
def misaligned_objective(objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for a team objective that aligns to nothing, or to an id or pillar that does not exist.

    Applies when the plan has a strategy (pillars) or company objectives to align to.

    ## Why is this bad?
    Goals that do not ladder up to the strategy spend the team's quarter on work nobody above
    it asked for, and the company cannot see how its bets are being carried out.

    ## Example
    ```yaml
    strategy: {pillars: [{id: loyal-customers, title: Turn buyers into regulars}]}
    objectives:
      - title: Redesign the office kitchen
        team: facilities          # aligns to nothing
    ```

    ## Use instead
    Link each team objective to the pillar or company objective it serves
    (`aligns_to: loyal-customers`), or ask whether it belongs in this cycle at all.

    ## Source
    Seed 002 ("align KPIs and OKRs with your company's overall strategy"); seed 003.
    """
    plan = ctx.plan
    targets = ctx.memo("alignment_targets", lambda: _alignment_targets(plan))
    if not targets or not _is_team_objective(objective, plan):
        return
    if not objective.aligns_to:
        yield Violation(
            objective,
            "Team objective aligns to nothing",
            f"Link it to the pillar or company objective it serves with 'aligns_to' ({_examples(targets)})",
        )
        return
    unknown = [parent for parent in objective.aligns_to if parent not in targets]
    if unknown:
        yield Violation(
            objective,
            f"Team objective aligns to {quote(unknown[0], 30)}, which is no pillar or objective in this plan",
            f"Use one of the ids that exist ({_examples(targets)})",
        )


def _alignment_targets(plan: Plan) -> set[str]:
    targets = {pillar.id for pillar in plan.strategy.pillars} if plan.strategy else set()
    return targets | {objective.id for objective in plan.objectives}


def _is_team_objective(objective: Objective, plan: Plan) -> bool:
    if not objective.team:
        return False
    company = set(words("company_teams").terms)
    if objective.team.lower() in company:
        return False
    team = next((team for team in plan.teams if objective.team in (team.id, team.name)), None)
    if team is not None and team.parent is None and any(other.parent == team.id for other in plan.teams):
        return False  # the root of the team tree is the company level
    return True


def _examples(targets: set[str]) -> str:
    shown = sorted(targets)[:5]
    return "e.g. " + ", ".join(shown) + (", ..." if len(targets) > 5 else "")


@rule("A102", "unrelated-key-result", scope="key_result", severity=Severity.INFO)
def unrelated_key_result(key_result: KeyResult, objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for a key result that does not bear on its own objective.

    Compares the topics of the key result (support, sales, engineering, facilities, ...) with
    those of its objective and sibling key results; flags the key result when they share no
    topic and no word, and no KPI link bridges them.

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
    Works from a topic word list (okrcoach/wordlists/topics.txt); key results in words the
    list does not know are never flagged.

    ## Source
    shared/methodology.md (unrelated-key-result).
    """
    if key_result.kpi or len(objective.key_results) < 2:
        return
    own = _topics(key_result.title)
    if not own:
        return
    context_text = " ".join([objective.title, objective.description or ""] + [kr.title for kr in objective.key_results if kr is not key_result])
    theirs = _topics(context_text)
    if not theirs or own & theirs or _content_words(key_result.title) & _content_words(objective.title):
        return
    yield Violation(
        key_result,
        f"Key result is about {', '.join(sorted(own))}, its objective about {', '.join(sorted(theirs))}",
        "Move it under the objective it serves, or drop it from the OKRs",
    )


@cache
def _topic_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    text = resources.files("okrcoach.wordlists").joinpath("topics.txt").read_text(encoding="utf-8")
    patterns = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        topic, _, terms = line.partition(":")
        alternatives = "|".join(re.escape(term.strip()) for term in sorted(terms.split(","), key=len, reverse=True) if term.strip())
        patterns.append((topic.strip(), re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)))
    return tuple(patterns)


def _topics(text: str) -> set[str]:
    return {topic for topic, pattern in _topic_patterns() if pattern.search(text)}


_STOP = frozenset("a an the and or of to for in on at by with from our your their its is are be this that all each every new more".split())


def _content_words(text: str) -> set[str]:
    return {word[:5] for word in re.findall(r"[^\W\d_]{4,}", text.lower()) if word not in _STOP}
