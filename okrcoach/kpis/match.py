"""Find the catalog KPI that a key result, KPI name or free text refers to, or say that none fits.

Candidates come from two places. Every catalog name and synonym is looked up as a whole word
sequence (after folding case, plurals, hyphens and spelling variants) in one pass of an
Aho-Corasick automaton (pyahocorasick), so "first response time" beats "response time". When the
text paraphrases instead ("time to answer new tickets"), KPIs are scored by how much of one of
their phrases, and of their documentation, the text covers, rare words weighing more; words the
catalog does not know are checked for misspellings with rapidfuzz.

Each candidate then gets a confidence between 0 and 1 from a logistic model over what the text
says around it (`okrcoach/kpis/signals.py`): how specific the phrase is, whether it is written as an
acronym, a period that picks a sibling KPI ("weekly active users", "7-day actives") or that the
catalog lacks, "overall" where the KPI means the first response, a generic word modified by a noun
the KPI does not know ("infographic downloads"), work on the measurement instead of the metric
("make the availability metric accurate"), a unit that contradicts the KPI's, and the plan's
context (team, function, objective). The weights and the threshold below which the matcher
answers "none" are data (`okrcoach/kpis/data/model.json`), fitted by `scripts/matching_accuracy.py
--fit`; docs/kpi-matching.md says on which data and how they were chosen.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from okrcoach.kpis import signals
from okrcoach.kpis.catalog import Catalog, CatalogKPI, default_catalog
from okrcoach.kpis.signals import Context, fold

__all__ = ["FEATURES", "Match", "Matcher", "MatchingScore", "default_matcher", "find_kpi", "fold", "match_kpi", "score_matching"]

_STOP = signals.STOP
#: The signals the confidence model weighs, in the order of the weights in model.json.
FEATURES = (
    "bias", "exact", "phrase_words", "acronym", "specificity", "fuzzy", "coverage", "modified_head",
    "period_conflict", "not_first", "about_measurement", "context_agrees", "context_differs", "ambiguous",
    "unit_conflict", "margin", "modifier", "head_follows", "denominator", "longest", "in_order", "scoped",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Match:
    """A catalog KPI found in a text: how it was found, how sure the matcher is (0-1), and why.

    `score` is the raw phrase or similarity score; `confidence` the calibrated probability that the
    KPI is the one the text means; `evidence` says in words what the matcher saw.
    """

    kpi: CatalogKPI
    phrase: str
    score: float
    exact: bool
    position: int = 0
    confidence: float = 1.0
    evidence: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    phrase: str
    owner: str | None  # the KPI that owns the phrase, None for a phrase only a route knows


class Matcher:
    """An index over a catalog's phrases: built on first use, then shared by every match."""

    def __init__(self, catalog: Catalog, *, min_score: float = 0.13, model: dict[str, Any] | None = None) -> None:
        self.catalog = catalog
        self.min_score = min_score
        self._model = model
        self._built = False

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        if self._built:
            return
        import ahocorasick

        automaton = ahocorasick.Automaton()
        keys: dict[str, list[tuple[str, str | None, int]]] = defaultdict(list)
        documents: list[tuple[CatalogKPI, str, tuple[str, ...]]] = []
        self._phrase_words: dict[str, tuple[str, ...]] = {}
        folded = _stored_index(self.catalog)  # the bundled catalog's folds, precomputed; {} for others
        known_folds: dict[str, list[str]] = folded.get("phrases", {})
        for kpi in self.catalog:
            for phrase in kpi.phrases:
                words = tuple(known_folds[phrase]) if phrase in known_folds else fold(phrase)
                if not words:
                    continue
                self._phrase_words[phrase] = words
                keys[" " + " ".join(words) + " "].append((phrase, kpi.id, len(words)))
                content = tuple(word for word in words if word not in _STOP)
                if content:
                    documents.append((kpi, phrase, content))
        for words in signals.lists().routes:
            key = " " + " ".join(words) + " "
            if key not in keys:
                keys[key].append((" ".join(words), None, len(words)))
                self._phrase_words[" ".join(words)] = words
        for key, entries in keys.items():
            automaton.add_word(key, tuple(entries))
        automaton.make_automaton()
        self._automaton = automaton
        frequency: dict[str, int] = defaultdict(int)
        for _, _, content in documents:
            for word in set(content):
                frequency[word] += 1
        total = max(len(documents), 1)
        self._weight = {word: math.log(1 + total / count) for word, count in frequency.items()}
        self._max_weight = math.log(1 + total)
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._documents = documents
        for index, (_, _, content) in enumerate(documents):
            for word in set(content):
                self._postings[word].append(index)
        self._rare = math.log(1 + 60)  # a phrase word is rare when fewer than about 1 in 60 phrases use it
        stored = folded.get("vocabulary", {})
        self._vocabulary = {kpi.id: frozenset(stored[kpi.id]) if kpi.id in stored else _vocabulary(kpi) for kpi in self.catalog}
        self._known = frozenset(word for words in self._vocabulary.values() for word in words)
        doc_frequency: dict[str, int] = defaultdict(int)
        self._doc_postings: dict[str, list[str]] = defaultdict(list)
        for kpi_id, vocabulary in self._vocabulary.items():
            for word in vocabulary:
                doc_frequency[word] += 1
                self._doc_postings[word].append(kpi_id)
        kpis = max(len(self._vocabulary), 1)
        self._doc_weight = {word: math.log(1 + kpis / count) for word, count in doc_frequency.items()}
        self._unseen = math.log(1 + kpis)
        self._acronym_words = frozenset(words[0] for words in self._phrase_words.values() if len(words) == 1 and 2 <= len(words[0]) <= 5)
        self._spelling: dict[str, str] = {}
        self._known_list = sorted(word for word in self._known if len(word) >= 5 and word.isalpha())
        self._built = True

    @property
    def model(self) -> dict[str, Any]:
        """Return the confidence model: weights per feature and the threshold (model.json by default)."""
        if self._model is None:
            self._model = default_model()
        return self._model

    @property
    def threshold(self) -> float:
        """Return the confidence below which `match` answers None."""
        return float(self.model["threshold"])

    # -- exact phrases --------------------------------------------------------------------------

    def _hits(self, words: tuple[str, ...]) -> list[_Hit]:
        """Return every phrase occurrence, as word spans, phrases inside a longer one dropped."""
        text = " " + " ".join(words) + " "
        starts = [0] * (len(text) + 1)
        index = 0
        for position, character in enumerate(text):
            starts[position] = index
            if character == " ":
                index += 1
        found = []
        for end_char, entries in self._automaton.iter(text):
            for phrase, owner, size in entries:
                end = starts[end_char]  # words before the closing space
                found.append(_Hit(end - size, end, phrase, owner))
        found.sort(key=lambda hit: (hit.start, -(hit.end - hit.start)))
        return [hit for hit in found if not any(
            other is not hit and other.start <= hit.start and hit.end <= other.end and (other.end - other.start) > (hit.end - hit.start)
            for other in found
        )]  # fmt: skip

    def find_all(self, text: str, *, kpis: Iterable[CatalogKPI] | None = None) -> list[Match]:
        """Return every catalog phrase found verbatim (after folding) in the text, left to right.

        Overlapping phrases resolve to the longest; `kpis` restricts the search to some KPIs.
        No confidence is applied: use `match` for a calibrated answer.
        """
        self._build()
        allowed = None if kpis is None else {kpi.id for kpi in kpis}
        hits = [hit for hit in self._hits(fold(text)) if hit.owner and (allowed is None or hit.owner in allowed)]
        found: list[Match] = []
        cursor = 0
        for hit in sorted(hits, key=lambda hit: (hit.start, -(hit.end - hit.start))):
            if hit.start >= cursor:
                found.append(Match(self.catalog[hit.owner], hit.phrase, 1.0, True, hit.start))  # type: ignore[index]
                cursor = hit.end
        return found

    # -- the calibrated answer ------------------------------------------------------------------

    def match(self, text: str, *, fuzzy: bool = True, context: Context = None) -> Match | None:
        """Return the catalog KPI a text refers to, or None when no candidate is confident enough.

        `context` is the plan's context: free text (objective, team) or a mapping with any of
        `function`, `team`, `objective`. `fuzzy=False` considers verbatim phrases only.
        """
        ranked = self.candidates(text, fuzzy=fuzzy, context=context, limit=1)
        return ranked[0] if ranked and ranked[0].confidence >= self.threshold else None

    def candidates(self, text: str, *, fuzzy: bool = True, context: Context = None, limit: int = 5) -> list[Match]:
        """Return the best candidate KPIs with their confidence, best first, without abstaining."""
        scored = self.scored(text, fuzzy=fuzzy, context=context)
        return sorted((match for match, _ in scored), key=lambda m: (-m.confidence, -m.exact, m.kpi.id))[:limit]

    def scored(self, text: str, *, fuzzy: bool = True, context: Context = None, every: bool = False) -> list[tuple[Match, dict[str, float]]]:
        """Return every candidate KPI once, with its confidence and the features it was computed from.

        With `every`, a KPI found both as a phrase and as a paraphrase is returned twice (for fitting).
        """
        self._build()
        caps = signals.acronyms(text)
        words = fold(text)
        words = self._acronym_variants(self._corrected(words) if fuzzy else words, caps)
        caps = caps | frozenset(words) & self._acronym_words
        if not words:
            return []
        function = signals.context_function(context, self.catalog.functions)
        own = signals.context_function(text, self.catalog.functions)  # the text's own words, for routes only
        duration, money = signals.units(words, text)
        content = {word for word in words if word not in _STOP and not any(c.isdigit() for c in word)}
        found: dict[Any, tuple[Match, dict[str, float]]] = {}
        hits = self._hits(words)
        longest = max((hit.end - hit.start for hit in hits), default=0)
        exact_kpis = set()
        for hit in hits:
            resolved = self._resolve(hit, words, function, own)
            if resolved is None:
                continue
            kpi, notes, conflicts = resolved
            phrase_words = self._phrase_words[hit.phrase]
            weights = [self._weight.get(word, self._max_weight) for word in phrase_words if word not in _STOP]
            features = {
                "exact": 1.0,
                "phrase_words": min(len(weights), 4) / 4,
                "acronym": float(len(phrase_words) == 1 and phrase_words[0] in caps),
                "specificity": (max(weights) / self._max_weight) if weights else 0.0,
                "coverage": len(set(phrase_words) & content) / max(len(content), 1),
                "modified_head": float(signals.modified_head(words, hit.start, hit.end, self._vocabulary[kpi.id], frozenset(phrase_words))),
                "modifier": float(signals.modifier(words, hit.start, self._vocabulary[kpi.id])),
                "head_follows": float(signals.head_follows(words, hit.end, self._vocabulary[kpi.id])),
                "denominator": float(signals.denominator(words, hit.start)),
                "longest": float(hit.end - hit.start == longest),
                "scoped": float(signals.scoped(words, hit.start)),
                **conflicts,
                "about_measurement": float(signals.about_measurement(words, hit.start, hit.end)),
                "unit_conflict": float(_unit_conflict(kpi, duration, money)),
                **_context(kpi, function),
            }
            evidence = [f"says '{hit.phrase}'", *notes, *_explain(features, words, hit.start)]
            exact_kpis.add(kpi.id)
            self._keep(found, Match(kpi, hit.phrase, 1.0, True, hit.start, 0.0, tuple(evidence)), features, every)
        if fuzzy:
            ranked = [hit for hit in self.rank(text, limit=3, _words=words) if hit.score >= self.min_score and hit.kpi.id not in exact_kpis]
            for index, hit in enumerate(ranked):
                runner_up = ranked[index + 1].score if index + 1 < len(ranked) else 0.0
                features = {
                    "fuzzy": hit.score,
                    "phrase_words": min(len([w for w in self._phrase_words.get(hit.phrase, ()) if w not in _STOP]), 4) / 4,
                    "coverage": len(set(self._phrase_words.get(hit.phrase, ())) & content) / max(len(content), 1),
                    "about_measurement": float(signals.about_measurement(words)),
                    "unit_conflict": float(_unit_conflict(hit.kpi, duration, money)),
                    "margin": hit.score - runner_up,
                    "in_order": float(signals.in_order(words, self._phrase_words.get(hit.phrase, ()))),
                    **_context(hit.kpi, function),
                }
                evidence = [f"close to '{hit.phrase}' ({hit.score:.0%})", *_explain(features, words, 0)]
                self._keep(found, replace(hit, evidence=tuple(evidence)), features, every)
        return list(found.values())

    def _keep(self, found: dict[Any, tuple[Match, dict[str, float]]], match: Match, features: dict[str, float], every: bool) -> None:
        confidence = round(self.confidence(features), 4)
        if every:
            found[len(found)] = (replace(match, confidence=confidence), features)
        elif match.kpi.id not in found or confidence > found[match.kpi.id][0].confidence:
            found[match.kpi.id] = (replace(match, confidence=confidence), features)

    def confidence(self, features: dict[str, float]) -> float:
        """Return the model's probability that a candidate with these features is right."""
        weights = self.model["weights"]
        logit = weights.get("bias", 0.0) + math.fsum(weights.get(name, 0.0) * value for name, value in features.items())
        return 1 / (1 + math.exp(-max(min(logit, 30), -30)))

    def _resolve(self, hit: _Hit, words: tuple[str, ...], function: str | None, own: str | None = None) -> tuple[CatalogKPI, list[str], dict[str, float]] | None:
        """Return the KPI a phrase names here (routes by context, period siblings) with notes and conflicts."""
        notes: list[str] = []
        conflicts = {"period_conflict": 0.0, "not_first": 0.0, "ambiguous": 0.0}
        route = signals.lists().routes.get(self._phrase_words[hit.phrase])
        kpi_id = hit.owner
        if route:
            function = function or own
            if function in route and route[function] in self.catalog:
                kpi_id = route[function]
                notes.append(f"'{hit.phrase}' in {function} means {self.catalog[kpi_id].name}")
            elif kpi_id is None:
                return None
            else:
                conflicts["ambiguous"] = 1.0
        if kpi_id is None:
            return None
        period = signals.period_before(words, hit.start, hit.end)
        if period is not None:
            family, other = signals.sibling(kpi_id, period)
            if family and other is None:
                conflicts["period_conflict"] = 1.0
                notes.append(f"a {period}ly figure: the catalog has no such sibling of {self.catalog[kpi_id].name}")
            elif family and other != kpi_id and other in self.catalog:
                notes.append(f"'{period}' makes it {self.catalog[other].name}, not {self.catalog[kpi_id].name}")
                kpi_id = other
        if signals.not_first(words, hit.start, kpi_id):
            conflicts["not_first"] = 1.0
            notes.append("an overall or per-reply time, not the first response")
        return self.catalog[kpi_id], notes, conflicts

    def _acronym_variants(self, words: tuple[str, ...], caps: frozenset[str]) -> tuple[str, ...]:
        """Return the words with a prefixed acronym read as the acronym it extends ('SWAU' -> 'WAU', 'UMAU' -> 'MAU')."""
        if not caps:
            return words
        return tuple(word[1:] if word in caps and word not in self._acronym_words and word[1:] in self._acronym_words else word
                     for word in words)  # fmt: skip

    # -- paraphrases ----------------------------------------------------------------------------

    def _corrected(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """Return the words with misspellings of catalog words corrected ('recieved' -> 'received')."""
        from rapidfuzz import fuzz, process

        corrected = []
        for word in words:
            if len(word) < 6 or not word.isalpha() or word in self._known or word in _STOP or word in signals.lists().verbs:
                corrected.append(word)
                continue
            if word not in self._spelling:
                best = process.extractOne(word, self._known_list, scorer=fuzz.ratio, score_cutoff=93)
                self._spelling[word] = best[0] if best and best[0][0] == word[0] else word
            corrected.append(self._spelling[word])
        return tuple(corrected)

    def rank(self, text: str, limit: int = 5, *, _words: tuple[str, ...] | None = None) -> list[Match]:
        """Return the catalog KPIs closest to a text, best first (no threshold, no confidence).

        Each KPI scores by its best phrase (the weighted share of the phrase's words the text
        contains, counted only when two words or one rare word are shared) blended with how
        much of the text its whole documentation covers (name, synonyms, description, formula).
        """
        self._build()
        words = {word for word in (_words or self._corrected(fold(text))) if word not in _STOP and not word.isdigit()}
        if not words:
            return []
        phrase_scores: dict[str, tuple[float, str]] = {}
        for index in {index for word in words for index in self._postings.get(word, ())}:
            kpi, phrase, content = self._documents[index]
            wanted = set(content)
            shared = wanted & words
            if len(shared) < 2 and not (len(wanted) == 1 and self._weight[next(iter(shared))] >= self._rare):
                continue
            score = math.fsum(self._weight[word] for word in shared) / math.fsum(self._weight[word] for word in wanted)
            if score > phrase_scores.get(kpi.id, (0.0, ""))[0]:
                phrase_scores[kpi.id] = (score, phrase)
        text_weight = math.fsum(self._doc_weight.get(word, self._unseen) for word in words)
        doc_scores: dict[str, float] = {}
        for kpi_id in {kpi_id for word in words for kpi_id in self._doc_postings.get(word, ())}:
            shared = words & self._vocabulary[kpi_id]
            doc_scores[kpi_id] = math.fsum(self._doc_weight[word] for word in shared) / text_weight
        ranked = []
        for kpi_id in set(phrase_scores) | set(doc_scores):
            phrase_score, phrase = phrase_scores.get(kpi_id, (0.0, ""))
            documented = doc_scores.get(kpi_id, 0.0)
            if not phrase_score and (documented < 0.4 or len(words & self._vocabulary[kpi_id]) < 2):
                continue  # a word in common with the description alone proves nothing
            score = 0.65 * phrase_score + 0.35 * documented
            kpi = self.catalog[kpi_id]
            ranked.append(Match(kpi, phrase or kpi.name.lower(), round(score, 3), False, confidence=round(score, 3)))
        ranked.sort(key=lambda hit: (-hit.score, hit.kpi.id))
        return ranked[:limit]


def _vocabulary(kpi: CatalogKPI) -> frozenset[str]:
    """Return the folded content words of a KPI's name, synonyms, description and formula."""
    text = " ".join((kpi.name, *kpi.synonyms, kpi.description, kpi.formula))
    return frozenset(word for word in fold(text) if word not in _STOP and not word.isdigit())


_INDEX = Path(__file__).parent / "data" / "index.json"


def index_key(catalog_text: bytes) -> str:
    """Return the key of a precomputed index: the catalog, the word lists and the folding code it was made from."""
    import hashlib

    digest = hashlib.sha256(catalog_text)
    for path in (Path(signals.__file__), Path(signals.__file__).parent / "data" / "matching.json"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_index(catalog: Catalog, catalog_text: bytes) -> dict[str, Any]:
    """Return the folds of a catalog's phrases and documentation, to store in okrcoach/kpis/data/index.json."""
    return {
        "_about": "Precomputed by `python scripts/matching_accuracy.py` so the first match in a process skips folding; "
                  "used only while its key matches the catalog, the word lists and signals.py.",
        "key": index_key(catalog_text),
        "phrases": {phrase: list(fold(phrase)) for kpi in catalog for phrase in kpi.phrases},
        "vocabulary": {kpi.id: sorted(_vocabulary(kpi)) for kpi in catalog},
    }  # fmt: skip


def _stored_index(catalog: Catalog) -> dict[str, Any]:
    """Return the stored folds when this is the bundled catalog and nothing they depend on changed, else {}."""
    from okrcoach.kpis.catalog import catalog_path

    try:
        if Path(catalog.source) != catalog_path() or not _INDEX.is_file():
            return {}
        stored: dict[str, Any] = json.loads(_INDEX.read_text(encoding="utf-8"))
        return stored if stored.get("key") == index_key(catalog_path().read_bytes()) else {}
    except (OSError, ValueError):
        return {}


def _unit_conflict(kpi: CatalogKPI, duration: bool, money: bool) -> bool:
    if kpi.unit in ("minutes", "hours", "days"):
        return money and not duration
    if kpi.unit == "currency":
        return duration and not money
    return False


def _context(kpi: CatalogKPI, function: str | None) -> dict[str, float]:
    if function is None:
        return {}
    return {"context_agrees": 1.0} if kpi.function == function else {"context_differs": 1.0}


def _explain(features: dict[str, float], words: tuple[str, ...], start: int) -> list[str]:
    notes = []
    if features.get("acronym"):
        notes.append("written as an acronym")
    if features.get("modified_head"):
        notes.append(f"'{words[start - 1]} {words[start]}' is a different quantity than the KPI's")
    if features.get("about_measurement"):
        notes.append("about measuring the metric (data, dashboard, definition), not moving it")
    if features.get("unit_conflict"):
        notes.append("the unit in the text does not fit the KPI's")
    if features.get("context_agrees"):
        notes.append("fits the plan's function")
    return notes


@cache
def default_model() -> dict[str, Any]:
    """Return the bundled confidence model (okrcoach/kpis/data/model.json)."""
    model: dict[str, Any] = json.loads((Path(__file__).parent / "data" / "model.json").read_text(encoding="utf-8"))
    return model


@cache
def default_matcher() -> Matcher:
    """Return a matcher over the bundled catalog (one per process; its index is built on first use)."""
    return Matcher(default_catalog())


def find_kpi(text: str, context: Context = None, *, fuzzy: bool = True, catalog: Catalog | None = None) -> Match | None:
    """Return the catalog KPI a text refers to as a Match (`.kpi`, `.confidence`, `.evidence`), or None.

    >>> find_kpi("Cut time to first reply from 12h to 4h").kpi.id  # doctest: +SKIP
    'first-response-time'
    """
    matcher = default_matcher() if catalog is None else Matcher(catalog)
    return matcher.match(text, fuzzy=fuzzy, context=context)


def match_kpi(text: str, context: Context = None, *, fuzzy: bool = True, catalog: Catalog | None = None) -> CatalogKPI | None:
    """Return the catalog KPI a text refers to, e.g. match_kpi('time to first reply') -> first response time."""
    found = find_kpi(text, context, fuzzy=fuzzy, catalog=catalog)
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
    named: int = 0  # phrasings the matcher named a KPI for
    named_correct: int = 0  # ... and the KPI was an accepted answer

    @property
    def accuracy(self) -> float:
        """Return the share of phrasings matched to the labeled KPI (or correctly to none)."""
        return self.correct / self.total if self.total else 1.0

    @property
    def precision(self) -> float:
        """Return the share of named KPIs that are right."""
        return self.named_correct / self.named if self.named else 1.0


def score_matching(pairs: Iterable[tuple[Any, ...]], matcher: Matcher | None = None) -> MatchingScore:
    """Score a matcher on (phrase, expected id or '') pairs, or (phrase, expected, accepted ids, context) tuples.

    Accepted ids are other acceptable answers ('' stands for none); context goes to `Matcher.match`.
    """
    matcher = matcher or default_matcher()
    total = correct = with_kpi = with_kpi_correct = named = named_correct = 0
    errors = []
    for row in pairs:
        phrase, expected = row[0], row[1]
        accepted = {expected, *(row[2] if len(row) > 2 else ())}
        found = matcher.match(phrase, context=row[3] if len(row) > 3 else None)
        got = found.kpi.id if found else ""
        total += 1
        with_kpi += bool(expected)
        named += bool(got)
        if got in accepted:
            correct += 1
            with_kpi_correct += bool(expected)
            named_correct += bool(got)
        else:
            errors.append((phrase, expected, got))
    without = total - with_kpi
    return MatchingScore(total, correct, with_kpi, with_kpi_correct, without, correct - with_kpi_correct,
                         tuple(errors), named, named_correct)  # fmt: skip
