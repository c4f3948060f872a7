"""Find the catalog KPI that a key result, KPI name or free text refers to.

Two passes. The exact pass looks for the catalog's names and synonyms as whole word sequences
(after folding case, plurals, hyphens and a few spelling variants), longest phrase first, so
"first response time" beats "response time". The fuzzy pass, used when no phrase appears,
scores each KPI by how much of one of its phrases the text covers, weighting rare words more
than common ones ("rate", "time"); it answers paraphrases such as "time to answer new tickets".
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from okrcoach.kpis.catalog import Catalog, CatalogKPI, default_catalog

_TOKEN = re.compile(r"[a-z0-9]+")
# Words that mean the same in metric names; both the catalog and the text are folded with this.
_EQUIVALENT = {
    "answer": "response", "reply": "response", "replies": "response", "respond": "response", "responding": "response",
    "client": "customer", "clients": "customer", "customers": "customer", "shopper": "customer", "buyer": "customer",
    "staff": "employee", "employees": "employee", "people": "employee", "workforce": "employee", "colleague": "employee",
    "optimisation": "optimization", "utilisation": "utilization", "organisation": "organization",
    "favourability": "favorability", "behaviour": "behavior", "centre": "center", "programme": "program",
    "fix": "resolution", "resolve": "resolution", "resolved": "resolution", "solve": "resolution",
    "ticket": "ticket", "tickets": "ticket", "case": "ticket", "cases": "ticket",
    "signups": "signup", "registrations": "signup", "registration": "signup",
    "visitors": "visitor", "visits": "visit", "sessions": "visit", "session": "visit", "traffic": "visit",
    "recruit": "hire", "recruiting": "hire", "hiring": "hire", "hires": "hire",
    "deploys": "deployment", "deploy": "deployment", "releases": "deployment", "release": "deployment",
    "defects": "defect", "bugs": "defect", "bug": "defect",
    "orders": "order", "purchases": "order", "purchase": "order",
    "leads": "lead", "prospects": "lead",
    "downtime": "outage", "outages": "outage",
    "wait": "waiting", "waits": "waiting", "queue": "waiting",
}  # fmt: skip
_STOP = frozenset(
    "a an the of to from by in on for our we us and or per with at as is are be this that its their my your new all "
    "each every than into over under within across increase grow raise reduce cut lower decrease reach improve "
    "achieve get keep maintain hit drive boost lift drop double triple halve more less fewer higher lower average "
    "mean median total overall".split()
)


def fold(text: str) -> tuple[str, ...]:
    """Return the comparable words of a text: lower case, singular, with spelling variants folded."""
    words = []
    for word in _TOKEN.findall(text.lower().replace("&", " and ").replace("'s", "")):
        word = _EQUIVALENT.get(word, word)
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ys")):
            word = word[:-1]
        words.append(_EQUIVALENT.get(word, word))
    return tuple(words)


@dataclass(frozen=True, slots=True)
class Match:
    """A catalog KPI found in a text, how it was found and how sure the match is (0-1)."""

    kpi: CatalogKPI
    phrase: str
    score: float
    exact: bool
    position: int = 0


class Matcher:
    """An index over a catalog's phrases; build once, match many texts."""

    def __init__(self, catalog: Catalog, *, min_score: float = 0.13) -> None:
        self.catalog = catalog
        self.min_score = min_score
        self._phrases: dict[str, list[tuple[tuple[str, ...], CatalogKPI, str]]] = defaultdict(list)
        documents: list[tuple[CatalogKPI, str, tuple[str, ...]]] = []
        for kpi in catalog:
            for phrase in kpi.phrases:
                words = fold(phrase)
                if not words:
                    continue
                self._phrases[words[0]].append((words, kpi, phrase))
                content = tuple(word for word in words if word not in _STOP)
                if content:
                    documents.append((kpi, phrase, content))
        for entries in self._phrases.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        frequency: dict[str, int] = defaultdict(int)
        for _, _, content in documents:
            for word in set(content):
                frequency[word] += 1
        total = max(len(documents), 1)
        self._weight = {word: math.log(1 + total / count) for word, count in frequency.items()}
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._documents = documents
        for index, (_, _, content) in enumerate(documents):
            for word in set(content):
                self._postings[word].append(index)
        # A phrase word counts as rare when fewer than about 1 in 60 phrases use it.
        self._rare = math.log(1 + 60)
        # The whole documentation of each KPI, for texts that paraphrase rather than name it.
        self._vocabulary = {
            kpi.id: frozenset(
                word for word in fold(" ".join((kpi.name, *kpi.synonyms, kpi.description, kpi.formula)))
                if word not in _STOP and not word.isdigit()
            )
            for kpi in catalog
        }
        doc_frequency: dict[str, int] = defaultdict(int)
        self._doc_postings: dict[str, list[str]] = defaultdict(list)
        for kpi_id, vocabulary in self._vocabulary.items():
            for word in vocabulary:
                doc_frequency[word] += 1
                self._doc_postings[word].append(kpi_id)
        kpis = max(len(self._vocabulary), 1)
        self._doc_weight = {word: math.log(1 + kpis / count) for word, count in doc_frequency.items()}
        self._unseen = math.log(1 + kpis)

    def find_all(self, text: str, *, kpis: Iterable[CatalogKPI] | None = None) -> list[Match]:
        """Return every catalog phrase found verbatim (after folding) in the text, left to right.

        Overlapping phrases resolve to the longest; `kpis` restricts the search to some KPIs.
        """
        allowed = None if kpis is None else {kpi.id for kpi in kpis}
        words = fold(text)
        found: list[Match] = []
        index = 0
        while index < len(words):
            hit = None
            for phrase_words, kpi, phrase in self._phrases.get(words[index], ()):
                if (allowed is None or kpi.id in allowed) and words[index : index + len(phrase_words)] == phrase_words:
                    hit = Match(kpi, phrase, 1.0, True, index)
                    break
            if hit is None:
                index += 1
                continue
            found.append(hit)
            index += len(fold(hit.phrase))
        return found

    def match(self, text: str, *, fuzzy: bool = True) -> Match | None:
        """Return the best catalog KPI for a text, or None when nothing fits well enough.

        A verbatim phrase of two or more words wins outright (the longest, then the leftmost).
        A one-word verbatim hit ("orders", "nps") competes with the fuzzy candidates, because
        texts often name a broad word while describing a more specific metric ("orders leave
        the warehouse within 24 hours"); a fuzzy candidate must reach `min_score`.
        """
        exact = self.find_all(text)
        best = max(exact, key=lambda hit: (len(fold(hit.phrase)), -hit.position)) if exact else None
        if best is not None and (len(fold(best.phrase)) > 1 or not fuzzy):
            return best
        if not fuzzy:
            return None
        ranked = self.rank(text, limit=1)
        candidate = ranked[0] if ranked and ranked[0].score >= self.min_score else None
        if best is not None and (candidate is None or candidate.kpi.id == best.kpi.id or candidate.score < 0.7):
            return best
        return candidate

    def rank(self, text: str, limit: int = 5) -> list[Match]:
        """Return the catalog KPIs closest to a text, best first.

        Each KPI scores by its best phrase (the weighted share of the phrase's words the text
        contains, counted only when two words or one rare word are shared) blended with how
        much of the text its whole documentation covers (name, synonyms, description, formula).
        """
        words = {word for word in fold(text) if word not in _STOP and not word.isdigit()}
        if not words:
            return []
        phrase_scores: dict[str, tuple[float, str]] = {}
        for index in {index for word in words for index in self._postings.get(word, ())}:
            kpi, phrase, content = self._documents[index]
            wanted = set(content)
            shared = wanted & words
            if len(shared) < 2 and not (len(wanted) == 1 and self._weight[next(iter(shared))] >= self._rare):
                continue
            weight = sum(self._weight[word] for word in wanted)
            score = sum(self._weight[word] for word in shared) / weight
            if score > phrase_scores.get(kpi.id, (0.0, ""))[0]:
                phrase_scores[kpi.id] = (score, phrase)
        text_weight = sum(self._doc_weight.get(word, self._unseen) for word in words)
        doc_scores: dict[str, float] = {}
        for kpi_id in {kpi_id for word in words for kpi_id in self._doc_postings.get(word, ())}:
            shared = words & self._vocabulary[kpi_id]
            doc_scores[kpi_id] = sum(self._doc_weight[word] for word in shared) / text_weight
        ranked = []
        for kpi_id in set(phrase_scores) | set(doc_scores):
            phrase_score, phrase = phrase_scores.get(kpi_id, (0.0, ""))
            documented = doc_scores.get(kpi_id, 0.0)
            if not phrase_score and (documented < 0.4 or len(words & self._vocabulary[kpi_id]) < 2):
                continue  # a word in common with the description alone proves nothing
            score = 0.65 * phrase_score + 0.35 * documented
            kpi = self.catalog[kpi_id]
            ranked.append(Match(kpi, phrase or kpi.name.lower(), round(score, 3), False))
        ranked.sort(key=lambda hit: (-hit.score, hit.kpi.id))
        return ranked[:limit]


@cache
def default_matcher() -> Matcher:
    """Return a matcher over the bundled catalog (built once per process)."""
    return Matcher(default_catalog())


def match_kpi(text: str, *, fuzzy: bool = True, catalog: Catalog | None = None) -> CatalogKPI | None:
    """Return the catalog KPI a text refers to, e.g. match_kpi('time to first reply') -> first response time."""
    matcher = default_matcher() if catalog is None else Matcher(catalog)
    found = matcher.match(text, fuzzy=fuzzy)
    return found.kpi if found else None


@dataclass(frozen=True, slots=True)
class MatchingScore:
    """How well free-text phrasings were matched to their labeled catalog KPI."""

    total: int
    correct: int
    with_kpi: int
    with_kpi_correct: int
    without_kpi: int
    without_kpi_correct: int
    errors: tuple[tuple[str, str, str], ...]  # phrase, expected id ('' for none), found id ('' for none)

    @property
    def accuracy(self) -> float:
        """Return the share of phrasings matched to the labeled KPI (or correctly to none)."""
        return self.correct / self.total if self.total else 1.0


def score_matching(pairs: Iterable[tuple[str, str]], matcher: Matcher | None = None) -> MatchingScore:
    """Score a matcher on (phrase, expected KPI id or '') pairs."""
    matcher = matcher or default_matcher()
    total = correct = with_kpi = with_kpi_correct = 0
    errors = []
    for phrase, expected in pairs:
        found = matcher.match(phrase)
        got = found.kpi.id if found else ""
        total += 1
        with_kpi += bool(expected)
        if got == expected:
            correct += 1
            with_kpi_correct += bool(expected)
        else:
            errors.append((phrase, expected, got))
    without = total - with_kpi
    return MatchingScore(total, correct, with_kpi, with_kpi_correct, without, correct - with_kpi_correct, tuple(errors))
