"""Alignment rules (A): does each goal ladder up, and does each part bear on the whole?"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources

from okrcoach.context import Context
from okrcoach.findings import Severity, Violation
from okrcoach.model import KeyResult, Objective, Plan
from okrcoach.registry import rule
from okrcoach.rules._common import quote
from okrcoach.wordlists import trie_alternation


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
    John Doerr, *Measure What Matters* (2018): alignment; Niven and Lamorte, *Objectives and Key Results* (2016); docs/methodology.md (Alignment).
    """
    plan = ctx.plan
    company = frozenset(ctx.words("company_teams").terms)
    targets = ctx.memo("alignment_targets", lambda: _alignment_targets(plan, company))
    if not targets or not _is_team_objective(objective, plan, company):
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


def _alignment_targets(plan: Plan, company_teams: frozenset[str]) -> set[str]:
    """Return what team objectives can align to: pillars and company objectives (none: the rule is off)."""
    pillars = {pillar.id for pillar in plan.strategy.pillars} if plan.strategy else set()
    company = {objective.id for objective in plan.objectives if not _is_team_objective(objective, plan, company_teams)}
    if not pillars and not company:
        return set()
    return pillars | {objective.id for objective in plan.objectives}


def _is_team_objective(objective: Objective, plan: Plan, company: frozenset[str]) -> bool:
    if not objective.team:
        return False
    if objective.team.lower() in company:
        return False
    team = next((team for team in plan.teams if objective.team in (team.id, team.name)), None)
    if team is not None and team.parent is None and any(other.parent == team.id for other in plan.teams):
        return False  # the root of the team tree is the company level
    return True


def _examples(targets: set[str], plan: Plan, objective: Objective, company: frozenset[str]) -> str:
    """Name the likeliest parents first: pillars, then company objectives; never the objective itself."""
    pillars = [pillar.id for pillar in plan.strategy.pillars] if plan.strategy else []
    company_level = [other.id for other in plan.objectives if not _is_team_objective(other, plan, company)]
    preferred = [target for target in dict.fromkeys(pillars + company_level) if target in targets and target != objective.id]
    candidates = preferred + sorted(target for target in targets if target not in preferred and target != objective.id)
    return "e.g. " + ", ".join(candidates[:5]) + (", ..." if len(candidates) > 5 else "")


@rule("A102", "unrelated-key-result", scope="key_result", severity=Severity.INFO)
def unrelated_key_result(key_result: KeyResult, objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for a key result that does not bear on its own objective.

    Flags key results about peripheral topics (office and perks, social-media followers) whose
    objective and sibling key results never touch that topic, share no word with it, and are
    not bridged by a KPI link. Built for precision: it stays silent when unsure.

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
    docs/methodology.md (Alignment: unrelated-key-result).
    """
    if key_result.kpi or len(objective.key_results) < 2:
        return
    own = _topics(key_result.title) & _PERIPHERAL
    if not own:
        return
    siblings = [kr.title for kr in objective.key_results if kr is not key_result]
    theirs = frozenset().union(_topics(objective.title), _topics(objective.description or ""), *map(_topics, siblings))
    if own & theirs or _content_words(key_result.title) & _content_words(objective.title):
        return
    if own == {"social"} and "marketing" in theirs:
        return  # social reach can serve a marketing or brand objective
    about = ", ".join(sorted(theirs - _PERIPHERAL)) or "something else"
    yield Violation(
        key_result,
        f"Key result is about {', '.join(sorted(own))} matters, its objective about {about}",
        "Move it under the objective it serves, or keep it off the OKRs as a to-do",
    )


# Topics that are rarely what a business objective is about: perks, the office, social-media vanity.
_PERIPHERAL = frozenset({"workplace", "social"})


@cache
def _topic_index() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """Return one pattern for every topic term, and the topics of each term."""
    text = resources.files("okrcoach.wordlists").joinpath("topics.txt").read_text(encoding="utf-8")
    topics_of: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        topic, _, terms = line.partition(":")
        for term in terms.split(","):
            if term.strip():
                topics_of.setdefault(term.strip().lower(), set()).add(topic.strip())
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
