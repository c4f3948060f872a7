"""How strongly each alignment link holds: meaning and KPI lineage, for the rules, the explorer and the audit.

One `Evidence` per plan (built lazily, once per check run) answers two questions:

- `link(objective)`: does a team objective, with its key results, read like the pillar or
  parent objective it names, or clearly closer to another one on a different branch of the
  strategy? Its `strength` (0-1) is what the alignment explorer and the client audit show.
- `fit(key_result, objective)`: does a key result bear on its objective, or read like another
  objective of the plan, or like a peripheral topic (the office, perks, social-media followers)?

Meaning is the word-level similarity of `okrcoach.semantic` (an optional extra); KPI lineage is
the catalog's: a key result whose KPI is, or is a leading alternative or counterweight of, a KPI
named by the target supports the link whatever the words. Without the model, `evidence()`
returns None and the rules keep to their structural checks.

Thresholds come from the settings (`alignment-margin`, `alignment-floor`, `key-result-floor`,
`key-result-margin`, `peripheral-similarity`); their defaults were chosen on the development
cases in datasets/labeled/alignment/dev.yaml and measured on the held-out ones (docs/accuracy.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from okrcoach.model import KeyResult, Objective, Plan

__all__ = ["Evidence", "Fit", "Link", "evidence", "has_targets", "is_team_objective", "link_rows"]

#: Similarity at which a link reads as fully supported by its words (the top of the strength scale).
_CEILING = 0.35
_TITLE_WEIGHT = 2.0


@dataclass(frozen=True)
class Link:
    """The evidence for one objective's link to what it claims to serve."""

    objective: str
    target: str
    target_title: str
    target_kind: str  # 'pillar' or 'objective'
    similarity: float
    closest: str | None = None
    closest_title: str = ""
    closest_kind: str = "pillar"
    closest_similarity: float = 0.0
    kpis: tuple[str, ...] = ()
    strength: float = 0.0
    doubtful: bool = False
    reason: str = ""  # 'closer' (another target reads clearly closer) or 'unlike' (shares little with it)

    @property
    def label(self) -> str:
        """Return 'strong', 'fair', 'weak' or 'doubtful' for the strength."""
        if self.doubtful:
            return "doubtful"
        return "strong" if self.strength >= 0.6 else "fair" if self.strength >= 0.3 else "weak"


@dataclass(frozen=True)
class Fit:
    """The evidence that a key result bears on its objective."""

    key_result: str
    similarity: float
    closest: str | None = None
    closest_title: str = ""
    closest_similarity: float = 0.0
    peripheral: str = ""  # the peripheral topic term it reads like, if any
    kpis: tuple[str, ...] = ()
    unrelated: bool = False


def is_team_objective(objective: Objective, plan: Plan, company_teams: Iterable[str] = ()) -> bool:
    """Return True for an objective owned by a team below the company level."""
    if not objective.team:
        return False
    if objective.team.lower() in set(company_teams):
        return False
    team = next((team for team in plan.teams if objective.team in (team.id, team.name)), None)
    if team is not None and team.parent is None and any(other.parent == team.id for other in plan.teams):
        return False  # the root of the team tree is the company level
    return True


def has_targets(plan: Plan, company_teams: Iterable[str] = ()) -> bool:
    """Return True when the plan has pillars or company objectives that team objectives align to."""
    if plan.strategy and plan.strategy.pillars:
        return True
    company = tuple(company_teams)
    return any(not is_team_objective(objective, plan, company) for objective in plan.objectives) and any(
        is_team_objective(objective, plan, company) for objective in plan.objectives
    )


def evidence(plan: Plan, settings: Any = None, company_teams: Iterable[str] = ()) -> Evidence | None:
    """Return the plan's alignment evidence, or None without pillars/parents or without the model."""
    if not has_targets(plan, company_teams):
        return None  # small plans and plans without a strategy never load the model
    from okrcoach.semantic import model

    embedder = model()
    if embedder is None:
        return None
    from okrcoach.settings import Settings

    return Evidence(plan, settings or Settings(), embedder, tuple(company_teams))


class Evidence:
    """Meaning and KPI-lineage evidence for every link of one plan (computed on demand, cached)."""

    def __init__(self, plan: Plan, settings: Any, embedder: Any, company_teams: tuple[str, ...] = ()) -> None:
        self.plan = plan
        self.settings = settings
        self.model = embedder
        self._pillars = {pillar.id: pillar for pillar in plan.strategy.pillars} if plan.strategy else {}
        self._objectives = {objective.id: objective for objective in plan.objectives}
        self._company = [o.id for o in plan.objectives if not is_team_objective(o, plan, company_teams)]
        self._bags: dict[tuple[str, str], Any] = {}
        self._links: dict[str, Link | None] = {}
        self._family: dict[str, set[str]] | None = None

    # ------------------------------------------------------------------ objectives

    def link(self, objective: Objective) -> Link | None:
        """Return the evidence for the strongest of the objective's links that exist, or None."""
        if objective.id not in self._links:
            self._links[objective.id] = self._link(objective)
        return self._links[objective.id]

    def _link(self, objective: Objective) -> Link | None:
        claimed = [target for target in objective.aligns_to if target != objective.id and (target in self._pillars or target in self._objectives)]
        if not claimed:
            return None
        own = self._bag("objective", objective.id)
        roots = {self._root(item) for item in claimed}
        alternatives = [
            item for item in dict.fromkeys((*self._pillars, *self._company))
            if item not in claimed and item != objective.id and self._root(item) not in roots
        ]  # fmt: skip
        scores = self.model.soft_similarities(own, [self._target_bag(item) for item in (*claimed, *alternatives)])
        similarity, target = max(zip(scores[: len(claimed)], claimed))
        others = list(zip(scores[len(claimed) :], alternatives))
        closest_similarity, closest = max(others) if others else (similarity, None)
        kpis = self._lineage(self._objective_kpis(objective), self._target_kpis(target))
        margin, floor = self.settings.alignment_margin, self.settings.alignment_floor
        gap = closest_similarity - similarity
        reason = "closer" if closest is not None and gap >= margin else "unlike" if similarity < floor else ""
        shown = closest if closest is not None and gap > 0 and closest_similarity >= floor else None  # worth naming
        strength = _clip((similarity - floor) / (_CEILING - floor))
        if gap > 0:
            strength *= _clip(1 - gap / margin)
        if kpis:
            strength = max(strength, 0.5)
        doubtful = bool(reason) and not kpis
        return Link(
            objective.id, target, self._title(target), self._kind(target), round(similarity, 4),
            shown, self._title(shown), self._kind(shown) if shown else "pillar",
            round(closest_similarity, 4), tuple(sorted(kpis)), round(0.0 if doubtful else strength, 2), doubtful, reason if doubtful else "",
        )  # fmt: skip

    # ------------------------------------------------------------------ key results

    def fit(self, key_result: KeyResult, objective: Objective) -> Fit:
        """Return the evidence that a key result bears on its objective."""
        model = self.model
        text = model.bag([key_result.title])
        title = model.soft_similarity(text, model.bag([objective.title, objective.description or ""]))
        siblings = [kr.title for kr in objective.key_results if kr is not key_result]
        own = model.soft_similarity(text, model.bag([objective.title, *siblings], [_TITLE_WEIGHT] + [1.0] * len(siblings)))
        kin = self._kin(objective.id)
        candidates = [item for item in self._objectives if item not in kin]
        others = list(zip(model.soft_similarities(text, model.pack([self._bag("objective", item) for item in candidates])), candidates))
        closest_similarity, closest = max(others) if others else (own, None)
        peripheral = self._peripheral(key_result.title)
        mine = self._kr_kpis(key_result)
        theirs = frozenset().union(*(self._kr_kpis(kr) for kr in objective.key_results if kr is not key_result), self._text_kpis(objective.title))
        kpis = self._lineage(mine, theirs)
        settings = self.settings
        away = closest is not None and closest_similarity - own >= settings.key_result_margin and closest_similarity >= settings.key_result_closest
        if peripheral and self._peripheral(objective.title):
            peripheral = ""  # the objective is about the same kind of thing (a party's key result is about the party)
        unrelated = title < settings.key_result_floor and (away or bool(peripheral)) and not kpis
        return Fit(
            key_result.id, round(title, 4), closest if away else None, self._title(closest) if away and closest else "",
            round(closest_similarity, 4), peripheral, tuple(sorted(kpis)), unrelated,
        )  # fmt: skip

    # ------------------------------------------------------------------ helpers

    def _bag(self, kind: str, item: str) -> Any:
        key = (kind, item)
        if key not in self._bags:
            if kind == "pillar":
                pillar = self._pillars[item]
                self._bags[key] = self.model.bag([pillar.title, pillar.description or ""])
            else:
                objective = self._objectives[item]
                texts = [objective.title, objective.description or "", *(kr.title for kr in objective.key_results)]
                self._bags[key] = self.model.bag(texts, [_TITLE_WEIGHT, 1.0] + [1.0] * len(objective.key_results))
        return self._bags[key]

    def _target_bag(self, target: str) -> Any:
        return self._bag("pillar" if target in self._pillars else "objective", target)

    def _root(self, item: str) -> str:
        """Return the pillar (or top objective) a target's chain of `aligns_to` ends at."""
        seen: set[str] = set()
        while item in self._objectives and item not in seen:
            seen.add(item)
            parents = [parent for parent in self._objectives[item].aligns_to if parent != item]
            if not parents:
                return item
            item = next((parent for parent in parents if parent in self._objectives), parents[0])
        return item

    def _ancestors(self, item: str) -> set[str]:
        """Return the objectives an objective ladders up through (any depth, circles tolerated)."""
        seen: set[str] = set()
        stack = [item]
        while stack:
            for parent in self._objectives[stack.pop()].aligns_to:
                if parent in self._objectives and parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        return seen

    def _kin(self, item: str) -> set[str]:
        """Return an objective with the objectives above and below it: they share its subject by design."""
        if self._family is None:
            self._family = {objective: self._ancestors(objective) for objective in self._objectives}
        return {item} | self._family[item] | {other for other, above in self._family.items() if item in above}

    def _title(self, item: str | None) -> str:
        if item is None:
            return ""
        if item in self._pillars:
            return self._pillars[item].title
        return self._objectives[item].title if item in self._objectives else item

    def _kind(self, item: str | None) -> str:
        return "pillar" if item in self._pillars else "objective"

    def _peripheral(self, text: str) -> str:
        """Return the peripheral topic term a text reads like (office, perks, social media), or ''."""
        terms, vectors = _peripheral_terms(self.model)
        words = self.model.bag([text])
        if not len(words.weights):
            return ""
        scores = words.vectors @ vectors.T
        best = scores.max()
        return terms[int(scores.max(axis=0).argmax())] if best >= self.settings.peripheral_similarity else ""

    # KPI lineage through the catalog ---------------------------------------------------------

    def _text_kpis(self, text: str) -> frozenset[str]:
        return _text_kpis(text)

    def _kr_kpis(self, key_result: KeyResult) -> frozenset[str]:
        named = frozenset()
        if key_result.kpi:
            from okrcoach.kpis import default_catalog, match_kpi

            if key_result.kpi in default_catalog():
                named = frozenset({key_result.kpi})
            else:
                kpi = next((kpi for kpi in self.plan.kpis if kpi.id == key_result.kpi), None)
                found = (default_catalog().get(kpi.catalog_id) if kpi and kpi.catalog_id else None) or (match_kpi(kpi.name, fuzzy=False) if kpi else None)
                named = frozenset({found.id} if found else ())
        return named | self._text_kpis(key_result.title)

    def _objective_kpis(self, objective: Objective) -> frozenset[str]:
        return frozenset().union(self._text_kpis(objective.title), *(self._kr_kpis(kr) for kr in objective.key_results))

    def _target_kpis(self, target: str) -> frozenset[str]:
        if target in self._pillars:
            pillar = self._pillars[target]
            return self._text_kpis(pillar.title) | self._text_kpis(pillar.description or "")
        return self._objective_kpis(self._objectives[target])

    @staticmethod
    def _lineage(mine: frozenset[str], theirs: frozenset[str]) -> set[str]:
        """Return my KPIs that are, or feed (leading alternative, counterweight), one of theirs."""
        if not mine or not theirs:
            return set()
        neighbours = _kpi_neighbours()
        return {kpi for kpi in mine if kpi in theirs or neighbours.get(kpi, frozenset()) & theirs}


def link_rows(plan: Plan, settings: Any = None) -> dict[str, Link]:
    """Return the evidence of every team objective's link, by objective id (empty without the model)."""
    from okrcoach.wordlists import load_wordlist

    company = load_wordlist("company_teams").terms
    found = evidence(plan, settings, company)
    if found is None:
        return {}
    links = {}
    for objective in plan.objectives:
        if is_team_objective(objective, plan, company):
            link = found.link(objective)
            if link is not None:
                links[objective.id] = link
    return links


def _clip(value: float) -> float:
    return min(1.0, max(0.0, value))


@lru_cache(maxsize=16384)
def _text_kpis(text: str) -> frozenset[str]:
    """Return the catalog KPI a text names verbatim (a set of zero or one id)."""
    from okrcoach.kpis import match_kpi

    found = match_kpi(text, fuzzy=False) if text else None
    return frozenset({found.id} if found else ())


@cache
def _kpi_neighbours() -> dict[str, frozenset[str]]:
    """Return, for each catalog KPI, the KPIs linked to it by leading alternatives or counterweights (both ways)."""
    from okrcoach.kpis import default_catalog

    links: dict[str, set[str]] = {}
    for kpi in default_catalog():
        for other in (*kpi.leading_alternatives, *kpi.counterweights):
            links.setdefault(kpi.id, set()).add(other)
            links.setdefault(other, set()).add(kpi.id)
    return {kpi: frozenset(others) for kpi, others in links.items()}


_PERIPHERAL_CACHE: dict[int, tuple[tuple[str, ...], Any]] = {}


def _peripheral_terms(embedder: Any) -> tuple[tuple[str, ...], Any]:
    """Return the peripheral topic terms (workplace, social media) and their vectors."""
    key = id(embedder)
    if key not in _PERIPHERAL_CACHE:
        import numpy as np

        from okrcoach.wordlists import topic_terms

        terms = (*topic_terms("workplace"), *topic_terms("social"))
        _PERIPHERAL_CACHE[key] = (terms, np.stack([embedder.vector(term) for term in terms]))
    return _PERIPHERAL_CACHE[key]
