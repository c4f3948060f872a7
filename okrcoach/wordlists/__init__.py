"""Word lists as data: the coaching opinion lives in reviewable text files, not in code."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class WordList:
    """A named list of terms with whole-word, case-insensitive matching."""

    name: str
    terms: tuple[str, ...]
    members: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "members", frozenset(self.terms))

    @property
    def pattern(self) -> re.Pattern[str]:
        """Return a regex matching any term as whole words, longest terms first."""
        return _compile(self.terms)

    def first_match(self, text: str) -> str | None:
        """Return the first term found in text (lower case), or None."""
        match = self.pattern.search(text)
        return match.group(0).lower() if match else None

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and term.lower() in self.members


@cache
def load_wordlist(name: str) -> WordList:
    """Read okrcoach/wordlists/<name>.txt: one term per line, '#' starts a comment."""
    return WordList(name, tuple(dict.fromkeys(term.lower() for term in load_terms(name))))


def load_terms(name: str) -> tuple[str, ...]:
    """Read a word list keeping each term's case (for case-sensitive lists such as placeholders)."""
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(dict.fromkeys(line for line in lines if line and not line.startswith("#")))


@cache
def load_topics(name: str = "topics") -> dict[str, tuple[str, ...]]:
    """Read a topic lexicon, one 'topic: term, term, ...' line per topic ('#' starts a comment)."""
    topics: dict[str, list[str]] = {}
    for line in load_terms(name):
        topic, _, terms = line.partition(":")
        topics.setdefault(topic.strip(), []).extend(term.strip().lower() for term in terms.split(",") if term.strip())
    return {topic: tuple(dict.fromkeys(terms)) for topic, terms in topics.items()}


def topic_terms(topic: str, name: str = "topics") -> tuple[str, ...]:
    """Return the terms of one topic of a topic lexicon (empty when the topic is unknown)."""
    return load_topics(name).get(topic, ())


@cache
def _compile(terms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{trie_alternation(terms)})(?![\w-])", re.IGNORECASE)


def trie_alternation(terms: object) -> str:
    """Return a regex alternation of the terms built as a prefix tree, longest match first.

    Python's `re` tries a flat alternation one term at a time at every position; a prefix tree
    ('in(?:crease|tegrate)') lets it discard hundreds of verbs after one character.
    Spaces inside a term match any run of whitespace.
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for term in set(terms):  # type: ignore[call-overload]
        node = root
        for char in term.lower():
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(root)


def _trie_regex(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    branches = []
    ends = "" in node
    for char in sorted(key for key in node if key):
        piece = r"\s+" if char == " " else re.escape(char)
        branches.append(piece + _trie_regex(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
    return body + "?" if ends and (len(branches) > 1 or body.startswith("(?:")) else (
        f"(?:{body})?" if ends else body
    )
