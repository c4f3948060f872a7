"""The metric: the noun phrase a key result measures ('first response time', 'weekly active users').

It is read before the first number, after the verb that opens its clause ("Reduce <first response
time> from 12h to 4h"), or after the number when the text counts something ("Publish 12 <blog
posts>"). Cue words, determiners, vague adverbs and trailing prepositions are trimmed off.
"""

from __future__ import annotations

import re
from functools import cache

from okrcoach.parsing.lexicon import lexicon
from okrcoach.parsing.numbers import _NUMBER_WORD
from okrcoach.parsing.patterns import PATTERNS
from okrcoach.quantity import QUANTITY

_CONNECTOR = re.compile(r"(?:\bto|\band|,|;|\bby|\bthen|\bwhile)\s+", re.IGNORECASE)
_WORDS_AT = re.compile(r"([^\W\d_][\w'’-]*)(?:\s+([^\W\d_][\w'’-]*))?(?:\s+([^\W\d_][\w'’-]*))?")
_WEAK_END = re.compile(r"\b(?:with|for|on)\s*(?:a|an|the)?\s*$", re.IGNORECASE)
_ROLE_END = re.compile(
    r"(?:\s+(?:(?:up|down)\s+)?from\s*(?:about|around|~)?\s*$|\s+(?:with\s+)?(?:a\s+)?(?:target|goal)\s+of\b.*|"
    r"\s+(?:by|to|of|at|from|with|vs\.?)\s*(?:at\s+least|over|under|below|above|less\s+than|more\s+than|"
    r"fewer\s+than|a|an|the)?\s*$|\s+(?:at\s+least|at-least|at\s+most|no\s+more\s+than|no\s+less\s+than|over|under|"
    r"below|above|less\s+than|more\s+than|fewer\s+than|within|>=|<=|≥|≤|>|<|→|->|=>)\s*$|\s*[:=]\s*$|\s*(?:>=|<=|≥|≤|>|<)\s*$)",
    re.IGNORECASE,
)
_AFTER_CHANGE = re.compile(
    r"^\s*(?:(?:increase|growth|rise|uplift|improvement|decrease|reduction|drop|decline|cut)\s+(?:in|of)\s+|"
    r"of\s+(?!the\b|a\b|an\b)|in\s+(?!the\b|a\b|an\b|q\d|\d)|more\s+)?"
    r"(?P<np>[^\W\d][\w'’&/+-]*(?:\s+(?!(?:from|to|by|for|with|within|on|at|via|through|using|and|or|while|so|"
    r"that|which|than|(?:in|of)\s+(?:the|a|an)|in\s+\d)\b)[\w'’&/+%.-]+){0,8})",
    re.IGNORECASE,
)
_STOP = re.compile(
    r"\s+(?:sufficiently|significantly|substantially|dramatically|considerably|massively|greatly|meaningfully)\b.*$"
    r"|(?<!\btime)(?<!\btimes)\s+(?:to|so\s+that|in\s+order\s+to)\s+(?!\d|[$€£¥₹])[a-z].*$"
    r"|\s+(?:while|whilst|without|through|via|using|thanks\s+to|because|which|that|who|where)\b.*$"
    r"|\s*[,;:(\[]\s*(?![^\W\d_]\w*\))(?!nps\)|csat\)).*$",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"(?:\s+(?:from|to|by|of|at|in|on|for|with|and|or|the|a|an|than|is|are|be|rate\s+of|level\s+of|"
    r"number\s+of|over|under|above|below|at\s+least|least|than|more|less|up|down|about|around|target|goal|"
    r"in\s+half|by\s+half|half|top|rank|number))+$|[\s,;:.\-–—]+$",
    re.IGNORECASE,
)
_DETERMINERS = re.compile(
    r"^(?:(?:a|an|the|our|my|your|their|its|his|her|this|that|these|those|all|overall|new\s+(?=(?:record|high)))(?:\s+|$))+",
    re.IGNORECASE,
)
_LEADING_CUES = re.compile(
    r"^(?:(?:at\s+least|at-least|at\s+most|no\s+more\s+than|more\s+than|less\s+than|up\s+to|to|into|in|on|for|at|"
    r"with|of|over|under|more)(?:\s+|$))+",
    re.IGNORECASE,
)
_NUMBERS_LEFT = re.compile(r"\s+(?:from|to|by)\s+(?=[$€£¥₹\d]|(?:X|Y|N|TBC|TBD)\b).*$")
_LETTER = re.compile(r"[^\W\d_]")
_NOT_METRICS = frozenset({"top", "number", "rank", "position"})


def verb_at(text: str, position: int) -> tuple[str, int] | None:
    """Return (lemma, end) when a known verb or verb phrase starts at position, trying the longest first."""
    match = _WORDS_AT.match(text, position)
    if not match:
        return None
    lemmas = lexicon().lemma
    words = [word for word in match.groups() if word]
    for count in range(len(words), 0, -1):
        lemma = lemmas.get(" ".join(words[:count]).lower())
        if lemma is not None:
            return lemma, match.end(count)
    return None


def clause_verbs(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Return (lemma, start, end) for verbs that open a clause: '... to improve X', '... and increase Y'."""
    found = []
    for connector in _CONNECTOR.finditer(text, start, end):
        verb = verb_at(text, connector.end())
        if verb is not None and verb[1] <= end:
            found.append((verb[0], connector.end(), verb[1]))
    return found


def metric_before(work: str, anchor: int, target_at: int, verb_at_: int) -> str | None:
    """Return the metric written before the first number ('Reduce <churn> from 5% to 3%')."""
    if anchor < 0:
        return None
    verbs = clause_verbs(work, max(verb_at_, 0), anchor)
    start = verbs[-1][2] if verbs else max(verb_at_, 0)
    segment = work[:anchor][start:]
    weak = _WEAK_END.search(segment)
    role = _ROLE_END.search(segment)
    if role:
        segment = segment[: role.start()]
    candidate = tidy(segment)
    if candidate and candidate.lower() in _NOT_METRICS:
        candidate = None
    if (
        candidate
        and verb_at_ < 0
        and start == 0
        and " " not in candidate
        and not candidate.isupper()
        and segment.strip() == candidate
        and metric_after(work, target_at)
    ):
        candidate = None  # 'Dispatch 95% of orders': an unlisted verb, not a metric
    if candidate and not weak and "," not in segment and ";" not in segment:
        return candidate
    return metric_after(work, target_at) or candidate


def metric_after(work: str, anchor: int) -> str | None:
    """Return the noun phrase after the number at anchor ('Publish 12 <blog posts>')."""
    match = QUANTITY.match(work, anchor) or _NUMBER_WORD.match(work, anchor)
    if not match:
        return None
    end = match.end()
    of_m = re.match(r"\s+(?:of|out\s+of)\s+\d+(?:\s*-\s*\d+)?", work[end:])
    if of_m:
        end += of_m.end()  # '2 of 3 planned integrations'
    ranged = re.match(r"[-–]\s?[$€£]?\d[\d,.]*\s?(?:%|k|m|x)?", work[end:], re.IGNORECASE)
    if ranged:
        end += ranged.end()  # '200-250 users'
    following = _AFTER_CHANGE.match(work[end:])
    return tidy(following.group("np")) if following else None


def bare_metric(work: str, text: str, verb: str | None, placeholder_at: int) -> str | None:
    """Return the metric of a statement without numbers ('Improve <customer experience>')."""
    lex = lexicon()
    if verb is not None and verb in lex.task and verb not in lex.increase and verb not in lex.decrease:
        return None
    if lex.states.pattern.search(text):
        return None
    head = PATTERNS.leading_noise.sub("", work[:placeholder_at])
    found = verb_at(head, 0)
    segment = head[found[1] :] if found else head
    return tidy(segment) or tidy(work[placeholder_at:])


@cache
def _leading_vague() -> re.Pattern[str]:
    return PATTERNS.leading_vague


def tidy(segment: str) -> str | None:
    """Return a candidate metric without cue words, determiners, vague words and trailing junk."""
    text = " ".join(segment.split())
    text = _NUMBERS_LEFT.sub("", text)
    text = _STOP.sub("", text)
    text = _DETERMINERS.sub("", text)
    text = _leading_vague().sub("", text)
    text = _LEADING_CUES.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _TRAILING.sub("", text).strip()
        text = _DETERMINERS.sub("", text)
    text = text.strip(" \"'“”‘’*_`")
    if not text or not _LETTER.search(text) or text.lower() in lexicon().placeholder_words:
        return None
    return text
