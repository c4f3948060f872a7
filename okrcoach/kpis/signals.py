"""What a text says around a KPI phrase: period, 'first' or 'overall', unit, work on the measurement, context.

These are the signals the matcher weighs besides the phrase itself (`okrcoach/kpis/match.py`).
The word lists are data, in `okrcoach/kpis/data/matching.json`; every list is folded like the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

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
_ACRONYM_PLURAL = re.compile(r"\b([A-Z]{2,}[a-z]?[A-Z]*)s\b")  # MQLs, DAUs, QBRs, eNPSs -> MQL, DAU, QBR
#: Words that carry no metric meaning on their own (verbs of change, articles, statistics).
STOP = frozenset(
    "a an the of to from by in on for our we us and or per with at as is are be this that its their my your new all "
    "each every than into over under within across increase grow raise reduce cut lower decrease reach improve "
    "achieve get keep maintain hit drive boost lift drop double triple halve more less fewer higher lower average "
    "mean median total overall".split()
)
_DATA = Path(__file__).parent / "data" / "matching.json"


@cache
def _raw(path: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(path or _DATA).read_text(encoding="utf-8"))
    return data


@cache
def _equivalent_phrases() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {key: value for key, value in _raw()["equivalent_phrases"].items() if not key.startswith("_")}
    pattern = re.compile(r"\b(" + "|".join(re.escape(key) for key in sorted(table, key=len, reverse=True)) + r")\b")
    return pattern, table


@cache
def _fold_word(word: str) -> str:
    word = _EQUIVALENT.get(word, word)
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ys")):
        word = word[:-1]
    return _EQUIVALENT.get(word, word)


def fold(text: str) -> tuple[str, ...]:
    """Return the comparable words of a text: lower case, singular, with spelling variants folded."""
    if not text.islower():  # only capitals can be an acronym's plural
        text = _ACRONYM_PLURAL.sub(r"\1", text)
    text = text.lower()
    pattern, table = _equivalent_phrases()
    if " member" in text:
        text = pattern.sub(lambda found: table[found.group(1)], text)
    return tuple(_fold_word(word) for word in _TOKEN.findall(text.replace("&", " and ").replace("'s", "").replace("’s", "")))


def acronyms(text: str) -> frozenset[str]:
    """Return the folded words a text writes in capitals ('NPS', 'MTTR', 'eNPS'), to tell an acronym from a word."""
    return frozenset(fold(" ".join(re.findall(r"\b[a-z]?[A-Z]{2,}[a-z]?\b", text))))


@dataclass(frozen=True, slots=True)
class Lists:
    """The folded word lists of matching.json, ready for lookups."""

    function_words: dict[str, tuple[tuple[str, ...], ...]]
    routes: dict[tuple[str, ...], dict[str, str]]
    period_words: dict[tuple[str, ...], str]
    families: tuple[dict[str, str], ...]
    not_first_kpis: frozenset[str]
    not_first_words: frozenset[tuple[str, ...]]
    meta_nouns: frozenset[tuple[str, ...]]
    meta_qualities: frozenset[tuple[str, ...]]
    meta_verbs: tuple[tuple[str, ...], ...]
    generic_heads: frozenset[str]
    duration_units: frozenset[str]
    currency_units: frozenset[str]
    neutral_follow: frozenset[str]
    verbs: frozenset[str]
    period_words_flat: frozenset[str]
    meta_nouns_flat: frozenset[str]
    scope_words: frozenset[str]
    populations: frozenset[str]
    population_suffixes: tuple[str, ...]


def _phrases(items: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(folded for item in items if (folded := fold(item)))


@cache
def lists(path: str | None = None) -> Lists:
    """Return the matcher's word lists (read once per process)."""
    raw = _raw(path)

    def items(section: Mapping[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in section.items() if not key.startswith("_")}

    periods = raw["periods"]
    return Lists(
        function_words={name: _phrases(words) for name, words in items(raw["function_words"]).items()},
        routes={fold(phrase): dict(items(targets)) for phrase, targets in items(raw["routes"]).items()},
        period_words={words: period for period, group in periods["words"].items() for words in _phrases(group)},
        families=tuple(dict(family) for family in periods["families"]),
        not_first_kpis=frozenset(raw["not_first"]["kpis"]),
        not_first_words=frozenset(_phrases(raw["not_first"]["words"])),
        meta_nouns=frozenset(_phrases(raw["meta_nouns"]["words"])),
        meta_qualities=frozenset(_phrases(raw["meta_words"]["qualities"])),
        meta_verbs=_phrases(raw["meta_words"]["verbs"]),
        generic_heads=frozenset(word for words in _phrases(raw["generic_heads"]["words"]) for word in words),
        duration_units=frozenset(raw["units"]["duration"]),
        currency_units=frozenset(raw["units"]["currency"]) | frozenset(w for ws in _phrases(raw["units"]["currency"]) for w in ws),
        neutral_follow=frozenset(word for words in _phrases(raw["neutral_follow"]["words"]) for word in words),
        verbs=frozenset(word for words in _phrases(raw["verbs"]["words"]) for word in words),
        period_words_flat=frozenset(word for words in _phrases([w for group in periods["words"].values() for w in group]) for word in words),
        meta_nouns_flat=frozenset(word for words in _phrases(raw["meta_nouns"]["words"]) for word in words),
        scope_words=frozenset(raw["scope_words"]["words"]),
        populations=frozenset(word for words in _phrases(raw["populations"]["words"]) for word in words),
        population_suffixes=tuple(raw["populations"]["suffixes"]),
    )


def _has(words: Sequence[str], phrase: tuple[str, ...], start: int = 0, end: int | None = None) -> bool:
    end = len(words) if end is None else end
    size = len(phrase)
    return any(tuple(words[index : index + size]) == phrase for index in range(max(start, 0), max(end - size + 1, 0)))


Context = str | Mapping[str, Any] | None


def context_function(context: Context, functions: Sequence[str] = ()) -> str | None:
    """Return the catalog function a plan's context names: a mapping's `function`, else words of its team or objective.

    `context` is free text (an objective, a team name) or a mapping with any of `function`, `team`,
    `objective`, `text`. Returns None when nothing points to one function.
    """
    if not context:
        return None
    if isinstance(context, Mapping):
        given = str(context.get("function") or "").strip().lower()
        if given and (not functions or given in functions):
            return given
        context = " ".join(str(context[key]) for key in ("team", "objective", "text", "function") if context.get(key))
    words = fold(str(context))
    scores: dict[str, int] = {}
    for name, phrases in lists().function_words.items():
        found = sum(len(phrase) for phrase in phrases if _has(words, phrase))
        if found:
            scores[name] = found
    if not scores:
        return None
    best = max(scores.values())
    winners = [name for name, score in scores.items() if score == best]
    return winners[0] if len(winners) == 1 else None


def period_before(words: Sequence[str], start: int, end: int) -> str | None:
    """Return the period a phrase at words[start:end] is qualified with, from the phrase or the three words before it."""
    found = None
    for phrase, period in lists().period_words.items():
        if _has(words, phrase, start - 3, end):
            if found is None or len(phrase) > 1:
                found = period
    return found


def sibling(kpi_id: str, period: str) -> tuple[bool, str | None]:
    """Return (kpi in a period family, the family's KPI for this period or None)."""
    for family in lists().families:
        if kpi_id in family.values():
            return True, family.get(period)
    return False, None


def not_first(words: Sequence[str], start: int, kpi_id: str) -> bool:
    """Return True when a 'first response' KPI is written as an overall, total or per-reply time."""
    if kpi_id not in lists().not_first_kpis or "first" in words[max(start - 3, 0) : start + 3]:
        return False
    return any(_has(words, phrase, start - 3, start) for phrase in lists().not_first_words)


def about_measurement(words: Sequence[str], start: int | None = None, end: int | None = None) -> bool:
    """Return True when the text works on the measurement of a metric rather than on the metric.

    'Make the availability metric accurate', 'get the usage data right', 'instrument activation':
    a meta noun right after the phrase at words[start:end] (anywhere, without a span) with a
    quality word in the text or no number at all, or the text opening with a measuring verb and
    giving no number.
    """
    table = lists()
    numbers = any(any(character.isdigit() for character in word) for word in words)
    places = [end] if end is not None else range(1, len(words))
    for place in places:
        if any(_has(words, noun, place, place + 1 + len(noun)) for noun in table.meta_nouns):
            if any(_has(words, quality) for quality in table.meta_qualities) or not numbers:
                return True
    opening = tuple(words[:3])
    return any(opening[: len(verb)] == verb for verb in table.meta_verbs) and not numbers


def modified_head(words: Sequence[str], start: int, end: int, vocabulary: frozenset[str], known: frozenset[str]) -> bool:
    """Return True when a one-word generic phrase is modified by a noun the KPI does not know ('archiving throughput')."""
    if end - start != 1 or words[start] not in lists().generic_heads:
        return False
    before = _before(words, start)
    table = lists()
    if population(before) or before in table.period_words_flat or before in table.duration_units:
        return False
    return before.isalpha() and len(before) > 2 and before not in vocabulary and before not in known


def population(word: str) -> bool:
    """Return True for a noun that names whose metric it is ('driver', 'parent', 'company'), not another quantity."""
    table = lists()
    return word in table.populations or (len(word) > 4 and word.endswith(table.population_suffixes))


def _content(word: str) -> bool:
    return word.isalpha() and len(word) > 2 and word not in STOP


def _before(words: Sequence[str], start: int) -> str:
    """Return the nearest word before `start` that is not a stop word ('' when none)."""
    for index in range(start - 1, -1, -1):
        if words[index] not in STOP:
            return words[index]
    return ""


def modifier(words: Sequence[str], start: int, vocabulary: frozenset[str]) -> bool:
    """Return True when a noun the KPI does not know stands right before its phrase ('team member retention')."""
    before = _before(words, start)
    table = lists()
    return _content(before) and before not in vocabulary and before not in table.verbs and before not in table.period_words_flat


def head_follows(words: Sequence[str], end: int, vocabulary: frozenset[str]) -> bool:
    """Return True when a noun the KPI does not know follows its phrase ('new customer onboarding calls')."""
    if end >= len(words):
        return False
    after = words[end]
    table = lists()
    return _content(after) and after not in vocabulary and after not in table.neutral_follow and after not in table.duration_units \
        and after not in table.period_words_flat and after not in table.meta_nouns_flat


def scoped(words: Sequence[str], start: int) -> bool:
    """Return True when a scope word and a number come just before the phrase ('for 1k active users')."""
    window = words[max(start - 3, 0) : start]
    return any(word in lists().scope_words for word in window) and any(any(c.isdigit() for c in word) for word in window)


def in_order(words: Sequence[str], phrase: Sequence[str], slack: int = 2) -> bool:
    """Return True when the phrase's words appear in order with at most `slack` other words among them."""
    content = [word for word in phrase if word not in STOP] or list(phrase)
    for first in (index for index, word in enumerate(words) if word == content[0]):
        position, gaps = first, 0
        for word in content[1:]:
            try:
                found = words.index(word, position + 1, position + 2 + slack - gaps)
            except ValueError:
                break
            gaps += found - position - 1
            position = found
        else:
            return True
    return False


def denominator(words: Sequence[str], start: int) -> bool:
    """Return True when the phrase is what something is counted per ('hosting cost per monthly active user')."""
    return start > 0 and words[start - 1] == "per"


def units(words: Sequence[str], raw: str) -> tuple[bool, bool]:
    """Return (the text gives a duration, the text gives money)."""
    table = lists()
    duration = any(word in table.duration_units for word in words) or bool(re.search(r"\b\d+:\d\d\b", raw))
    money = any(symbol in raw for symbol in ("$", "€", "£", "¥")) or any(word in table.currency_units for word in words)
    return duration, money
