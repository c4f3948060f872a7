"""The parser's vocabulary, built once from the word lists in okrcoach/wordlists/ (data, not code).

- verbs by what they do to a metric (increase, decrease, reach, maintain), task verbs, general verbs,
  with every inflection mapped back to its lemma ('acquired' -> 'acquire');
- the cue table: which words just before a number make it a baseline, a target, a change or a
  bound ('from 12' / 'to 4' / 'by 15%' / 'at least 25');
- nouns that name a metric ('rate', 'revenue') or a deliverable ('prototype', 'spec').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from okrcoach.wordlists import WordList, load_terms, load_wordlist


def _phrases(*texts: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(text.split()) for text in texts)


# --- the cue table: the words before a number decide its role ------------------------------------
# Matching them as word tuples from the end is far cheaper than end-anchored regexes.

#: Words skipped between a cue and its number ('target: 40%', 'about 20').
FILLERS = frozenset({":", "=", "~", "about", "around", "approx", "approximately", "roughly"})
#: Words that may sit between a cue and its number ('to at least 40', 'of a 30% ...').
QUALIFIERS = _phrases("at least", "over", "under", "below", "above", "less than", "more than", "fewer than", "a",
                      "an", "the", "around", "about", "approx", "~")  # fmt: skip
#: The number is where the metric starts: 'from 12 hours', 'currently 82%', 'up from 55%'.
BASELINE = _phrases("from", "up from", "down from", "instead of", "compared with", "compared to", "currently",
                    "currently at", "today", "today at", "now", "now at", "baseline", "baseline of", "base",
                    "base of", "was", "at present", "starting at", "starting from", "vs", "versus")  # fmt: skip
#: The number is the level to reach: 'to 4 hours', 'of 60', 'hit 99.9%'.
TARGET = _phrases("to", "→", "->", "=>", "–>", "—>", "of", "at", "target", "target of", "goal", "goal of", "reach",
                  "reaching", "hit", "hitting", "achieve", "achieving", "attain", "exceed", "exceeding", "surpass",
                  "surpassing", "get to", "get", "score of")  # fmt: skip
#: A lower bound: 'at least 25', 'more than 100', '≥ 90%'.
AT_LEAST = _phrases("at least", "at-least", "no less than", "minimum", "minimum of", "min", "over", "above",
                    "more than", "greater than", "exceeding", "in excess of", ">=", "≥", ">")  # fmt: skip
#: An upper bound: 'at most 5%', 'no more than 2', '< 10 minutes'.
AT_MOST = _phrases("at most", "no more than", "maximum", "maximum of", "max", "under", "below", "less than",
                   "fewer than", "within", "not exceed", "not to exceed", "not exceeding", "lower than", "<=", "≤",
                   "<")  # fmt: skip
#: Bounds that exclude the number itself ('over 100' is 101 and up).
STRICT = _phrases("over", "above", "more than", "greater than", ">", "under", "below", "less than", "fewer than",
                  "lower than", "<")  # fmt: skip
#: Words between 'by' and a change ('by at least 10%', 'by another 5').
CHANGE_QUALIFIERS = _phrases("at least", "over", "more than", "about", "around", "~", "another", "a further")
ARROWS = frozenset({"→", "->", "=>", "–>", "—>"})

#: Numbers written as words, when a noun follows ('two engineers') or alone ('zero').
NUMBER_WORDS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "fifty": 50, "hundred": 100, "dozen": 12,
}  # fmt: skip
#: Words that multiply the metric: the target is a change of this size.
MULTIPLIERS = {"double": 2.0, "doubled": 2.0, "triple": 3.0, "tripled": 3.0, "quadruple": 4.0, "quadrupled": 4.0}
HALVES = frozenset({"halve", "halved"})
#: Words before a number that make it a description, not a target ('the three monitoring points').
DETERMINERS = frozenset({"the", "all", "these", "those", "our", "its", "their", "both", "each", "every", "first",
                         "last", "next"})  # fmt: skip
#: Time units a number after 'within' can carry when the window is part of the metric.
TIME_WINDOW_UNITS = frozenset({"seconds", "minutes", "hours", "days", "weeks", "months"})
GENERIC_VERBS = frozenset({"improve", "enhance", "strengthen", "achieve", "reach", "get", "move", "bring", "take",
                           "drive", "change", "shift", "go", "push", "hit", "attain", "land"})  # fmt: skip
#: Irregular past forms of listed verbs.
IRREGULAR = {"ran": "run", "held": "hold", "built": "build", "got": "get", "won": "win", "made": "make", "kept": "keep",
             "grew": "grow", "wrote": "write", "began": "begin", "sent": "send", "spoke": "speak", "gave": "give",
             "led": "lead", "met": "meet", "sold": "sell", "brought": "bring", "taught": "teach"}  # fmt: skip


@dataclass(frozen=True)
class Lexicon:
    """Every word list the parser reads, loaded once."""

    increase: WordList
    decrease: WordList
    reach: WordList
    maintain: WordList
    task: WordList
    general: WordList
    states: WordList
    names: WordList
    done: WordList
    achieved: WordList
    achievement_nouns: WordList
    vague_adjectives: WordList
    vague_verbs: WordList
    metric_nouns: frozenset[str]
    deliverable_nouns: frozenset[str]
    placeholder_words: frozenset[str]
    lemma: dict[str, str]
    common_verbs: frozenset[str]

    def verb_class(self, lemma: str | None) -> str | None:
        """Return what a verb does: 'maintain', 'decrease', 'increase', 'reach', 'task' or 'general'."""
        if lemma is None:
            return None
        for name in ("maintain", "decrease", "increase", "reach", "task", "general"):
            if lemma in getattr(self, name):
                return name
        return None


@cache
def lexicon() -> Lexicon:
    """Return the parser's vocabulary (built on first use)."""
    lists = {name: load_wordlist(name) for name in (
        "increase_verbs", "decrease_verbs", "reach_verbs", "maintain_phrases", "task_verbs", "general_verbs",
        "delivery_states", "number_names", "done_states", "achieved_states", "achievement_nouns",
        "vague_adjectives", "vague_verbs", "metric_nouns", "deliverable_nouns")}  # fmt: skip
    verbs = [lists[name] for name in ("increase_verbs", "decrease_verbs", "reach_verbs", "maintain_phrases",
                                      "task_verbs", "general_verbs")]  # fmt: skip
    lemma: dict[str, str] = {}
    for wordlist in verbs:
        for term in wordlist.terms:
            for form in inflections(term):
                lemma.setdefault(form, term)
    for wordlist in verbs:
        lemma.update((term, term) for term in wordlist.terms)
    lemma.update(IRREGULAR)
    return Lexicon(
        increase=lists["increase_verbs"],
        decrease=lists["decrease_verbs"],
        reach=lists["reach_verbs"],
        maintain=lists["maintain_phrases"],
        task=lists["task_verbs"],
        general=lists["general_verbs"],
        states=lists["delivery_states"],
        names=lists["number_names"],
        done=lists["done_states"],
        achieved=lists["achieved_states"],
        achievement_nouns=lists["achievement_nouns"],
        vague_adjectives=lists["vague_adjectives"],
        vague_verbs=lists["vague_verbs"],
        metric_nouns=frozenset(lists["metric_nouns"].terms),
        deliverable_nouns=frozenset(lists["deliverable_nouns"].terms),
        placeholder_words=frozenset(load_terms("placeholders")),
        lemma=lemma,
        common_verbs=frozenset(load_wordlist("common_verbs").terms) | frozenset(lemma.values()),
    )


_DOUBLE_FINAL = re.compile(r"[^aeiou]*[aeiou][bdgklmnprt]")


def inflections(term: str) -> set[str]:
    """Return a verb's forms: 'acquire' -> acquires, acquired, acquiring; 'set up' -> sets up, setting up."""
    head, _, rest = term.partition(" ")
    tail = f" {rest}" if rest else ""
    forms = {head, head + "s", head + "es", head + "ed", head + "d", head + "ing"}
    if head.endswith("e"):
        forms |= {head[:-1] + "ing", head[:-1] + "ed"}
    if head.endswith("y"):
        forms |= {head[:-1] + "ies", head[:-1] + "ied"}
    if _DOUBLE_FINAL.fullmatch(head):
        forms |= {head + head[-1] + "ing", head + head[-1] + "ed"}
    return {form + tail for form in forms}


def ends_with(words: tuple[str, ...], phrases: frozenset[tuple[str, ...]]) -> tuple[str, ...] | None:
    """Return the phrase the words end with (longest first), or None."""
    for size in (3, 2, 1):
        if len(words) >= size and words[-size:] in phrases:
            return words[-size:]
    return None
