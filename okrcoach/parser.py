"""Key-result statement parser: metric, direction, baseline, target, unit, deadline and kind from free text.

The parser reads statements the way people write them, not the way textbooks do:
"Reduce first response time from 12h to 4h by end of Q3", "NPS 30 → 45", "Hit 99.9% uptime",
"Launch the loyalty programme", "The API is finalized and released", "from X to Y (TBC)".
It is deliberately conservative: when it cannot tell, it leaves a field empty rather than guess.
Numbers that are names, versions, dates or quarters ("S&P 500", "v2.0", "Q3", "2026") are
never read as targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from okrcoach.vocabulary import Direction, KRKind
from okrcoach.quantity import QUANTITY, Quantity, parse_quantity, quantity_from_match
from okrcoach.text import clean_text
from okrcoach.wordlists import load_terms, load_wordlist, trie_alternation

__all__ = ["Quantity", "Statement", "parse_key_result", "parse_quantity", "split_results"]


@dataclass(frozen=True, slots=True)
class Statement:
    """What a key-result statement says, as far as the text tells."""

    text: str
    metric: str | None = None
    direction: Direction | None = None
    baseline: Quantity | None = None
    target: Quantity | None = None
    is_change: bool = False
    comparator: str | None = None
    unit: str | None = None
    deadline: str | None = None
    kind: KRKind | None = None
    verb: str | None = None
    placeholders: tuple[str, ...] = ()
    state: str | None = None
    numbers: tuple[Quantity, ...] = ()
    parts: tuple[str, ...] = ()

    @property
    def results(self) -> int:
        """Return how many results the statement holds ("Cut X to 2 and raise Y to 40": 2)."""
        return len(self.parts)

    def as_dict(self) -> dict[str, object]:
        """Return the parse as plain values (quantities as text), for tables, JSON and the CLI."""
        return {
            "text": self.text,
            "metric": self.metric,
            "direction": self.direction.value if self.direction else None,
            "baseline": str(self.baseline) if self.baseline else None,
            "target": str(self.target) if self.target else None,
            "change": self.is_change,
            "comparator": self.comparator,
            "unit": self.unit,
            "deadline": self.deadline,
            "kind": self.kind.value if self.kind else None,
            "placeholders": list(self.placeholders),
            "results": self.results,
        }

    @property
    def has_target(self) -> bool:
        """Return True when the statement names a measurable target value."""
        return self.target is not None

    @property
    def is_measurable(self) -> bool:
        """Return True when success can be checked: a target value or a verifiable done-state."""
        return self.target is not None or self.kind in {KRKind.MILESTONE, KRKind.BINARY}


@cache
def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Return a compiled pattern (cheaper than re.search's own cache on the parser's hot path)."""
    return re.compile(pattern, flags)


@lru_cache(maxsize=65536)
def parse_key_result(text: str) -> Statement:
    """Return the parse of one key-result (or KPI) statement; fields the text does not give are None.

    >>> s = parse_key_result("Reduce customer support response time from 12 hours to 4 hours")
    >>> (s.metric, s.direction.value, s.baseline.value, s.target.value, s.unit)
    ('customer support response time', 'decrease', 12.0, 4.0, 'hours')
    """
    cleaned = _strip_decoration(clean_text(text))
    parts = split_results(cleaned)
    if not cleaned or cleaned.lower() in {"n/a", "na", "none", "-", "—", "tbd", "tbc"} and not parts[1:]:
        return _Parse(cleaned).run() if cleaned else Statement(text="")
    if len(parts) <= 1:
        return _Parse(cleaned).run()
    # Several results in one line: read the first, keep the whole line's deadline and every part.
    first = _Parse(parts[0]).run()
    deadline = first.deadline or _Parse(cleaned).run().deadline
    return replace(first, text=cleaned, deadline=deadline, parts=parts)


def split_results(text: str) -> tuple[str, ...]:
    """Return the separate results joined in one statement ('Grow X by 5% and cut Y to 2%')."""
    text = _strip_decoration(clean_text(text))
    pieces = [piece.strip(" ,;.") for piece in _JOINER.split(text)]
    return tuple(piece for piece in pieces if piece)


# --- word lists and patterns (built once) -----------------------------------------------------

_INCREASE = load_wordlist("increase_verbs")
_DECREASE = load_wordlist("decrease_verbs")
_REACH = load_wordlist("reach_verbs")
_MAINTAIN = load_wordlist("maintain_phrases")
_TASK = load_wordlist("task_verbs")
_STATES = load_wordlist("delivery_states")
_NAMES = load_wordlist("number_names")
_GENERAL = load_wordlist("general_verbs")
_DONE = load_wordlist("done_states")
_ACHIEVED = load_wordlist("achieved_states")
_ACHIEVEMENT_NOUNS = load_wordlist("achievement_nouns")
_MAINTAIN_PREDICATE = re.compile(
    r"\b(?:stays?(?!\s+interviews?\b)|remains?|keeps?|holds?|no\s+more\s+than|no\s+less\s+than|(?:does\s+)?not\s+exceed|"
    r"never\s+exceeds?|(?:not|never)\s+(?:below|above|under|over)|"
    r"(?:at\s+least|above|below|under|over)\s+[^,;]{0,20}?\b(?:every|each)\s+(?:day|week|month|quarter))\b",
    re.IGNORECASE,
)
_HELD_LEVEL = re.compile(r"^\s*(?:\S+\s+){0,4}?(?:at|above|below|under|over|steady|flat|stable|level|within)\b", re.IGNORECASE)
_STAY_NEXT = re.compile(
    r"^\s*(?:above|below|under|over|within|at|on|in|flat|steady|stable|green|ahead|healthy|compliant|up|inside|"
    r"level|the\s+same)\b",
    re.IGNORECASE,
)
# After a done-state word: the end, punctuation, a number or a preposition, not a noun it modifies.
_ENDS_PHRASE = re.compile(
    r"\s*(?:$|[,;:.!?()\[\]—–-]|\d|(?:on|in|at|for|to|with|by|across|and|or|within|before|after|during|through|"
    r"via|from|under|over|into|per|as|so|without|everywhere|globally|internally|successfully|fully|again|using|every|"
    r"each|weekly|monthly|daily|twice|once|ahead|early|first)\b)",
    re.IGNORECASE,
)
# "CI runs the full test suite on Windows", "One-click deploy to Azure": works on a platform.
_PLATFORM = re.compile(
    r"\b(?:runs?|works?|available|supported|deploy(?:s|able)?|installable|builds?)\b[^.;]{0,40}?\b(?:on|to)\s+"
    r"(?:windows|linux|macos|mac|android|ios|safari|chrome|firefox|edge|arm|apple\s+silicon|azure|gcp|aws|kubernetes)\b",
    re.IGNORECASE,
)
_HALVED = re.compile(r"\b(halved|cut\s+in\s+half|doubled|tripled)\b", re.IGNORECASE)

_DONE = load_wordlist("done_states")
_VAGUE_ADJECTIVES = load_wordlist("vague_adjectives")
_GENERIC = frozenset({"improve", "enhance", "strengthen", "achieve", "reach", "get", "move", "bring", "take", "drive",
                      "change", "shift", "go", "push", "hit", "attain", "land"})  # fmt: skip


def _inflections(term: str) -> set[str]:
    """Return a verb's forms: 'acquire' -> acquires, acquired, acquiring; 'set up' -> sets up, setting up."""
    head, _, rest = term.partition(" ")
    tail = f" {rest}" if rest else ""
    forms = {head, head + "s", head + "es", head + "ed", head + "d", head + "ing"}
    if head.endswith("e"):
        forms |= {head[:-1] + "ing", head[:-1] + "ed"}
    if head.endswith("y"):
        forms |= {head[:-1] + "ies", head[:-1] + "ied"}
    if _rx(r"[^aeiou]*[aeiou][bdgklmnprt]").fullmatch(head):
        forms |= {head + head[-1] + "ing", head + head[-1] + "ed"}
    return {form + tail for form in forms}


def _forms(*lists: object) -> dict[str, str]:
    table: dict[str, str] = {}
    for wordlist in lists:
        for term in wordlist.terms:  # type: ignore[attr-defined]
            for form in _inflections(term):
                table.setdefault(form, term)
        for term in wordlist.terms:  # type: ignore[attr-defined]
            table[term] = term
    return table


def _alternatives(terms: object) -> str:
    return trie_alternation(terms)


_LEMMA = _forms(_INCREASE, _DECREASE, _REACH, _MAINTAIN, _TASK, _GENERAL)
_LEMMA.update({"ran": "run", "held": "hold", "built": "build", "got": "get", "won": "win", "made": "make",
               "kept": "keep", "grew": "grow", "wrote": "write", "began": "begin", "sent": "send"})  # fmt: skip
_WORDS_AT = re.compile(r"([^\W\d_][\w'’-]*)(?:\s+([^\W\d_][\w'’-]*))?(?:\s+([^\W\d_][\w'’-]*))?")
_CONNECTOR = re.compile(r"(?:\bto|\band|,|;|\bby|\bthen|\bwhile)\s+", re.IGNORECASE)
_JOIN_VERBS = _alternatives(term for wl in (_INCREASE, _DECREASE, _REACH, _MAINTAIN, _TASK) for term in wl.terms)
_JOINER = re.compile(
    rf"\s*;\s*|,?\s+and\s+(?=(?:{_JOIN_VERBS})\b)|,\s+(?=(?:{_JOIN_VERBS})\b)",
    re.IGNORECASE,
)


def _verb_at(text: str, position: int) -> tuple[str, int] | None:
    """Return (lemma, end) when a known verb or verb phrase starts at position, trying the longest first."""
    match = _WORDS_AT.match(text, position)
    if not match:
        return None
    words = [word for word in match.groups() if word]
    for count in range(len(words), 0, -1):
        lemma = _LEMMA.get(" ".join(words[:count]).lower())
        if lemma is not None:
            return lemma, match.end(count)
    return None


def _clause_verbs(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Return (lemma, start, end) for verbs that open a clause: '... to improve X', '... and increase Y'."""
    found = []
    for connector in _CONNECTOR.finditer(text, start, end):
        verb = _verb_at(text, connector.end())
        if verb is not None and verb[1] <= end:
            found.append((verb[0], connector.end(), verb[1]))
    return found


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?|{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?|{_MONTH}(?:\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4})"
)
_PERIOD = (
    r"(?:Q[1-4](?:\s*(?:FY)?\s*'?\d{2,4})?|H[12](?:\s*(?:FY)?\s*'?\d{2,4})?|FY\s?'?\d{2,4}(?:\s*Q[1-4])?|"
    r"(?:19|20)\d{2}(?:[-\s]?(?:Q[1-4]|H[12]))?|EO[YQMHW]|(?:year|quarter|month|half)[- ]end|mid[- ]year|"
    r"(?:this|next|the|current|coming)\s+(?:fiscal\s+)?(?:quarter|year|month|half|sprint|week|cycle|period))"
)
_END_OF = rf"(?:the\s+)?end\s+of\s+(?:the\s+)?(?:{_PERIOD}|{_DATE}|quarter|year|month|half|sprint|cycle|week|period)"
_COUNT = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|thirty|sixty|ninety)"
_SPAN_LONG = r"(?:weeks?|months?|quarters?|years?|sprints?)"
_SPAN_ANY = rf"(?:{_SPAN_LONG}|days?|business\s+days|working\s+days)"
_DEADLINE = re.compile(
    rf"""(?<![\w-])(?:
        (?:by|before|until|till|through|no\s+later\s+than|on\s+or\s+before|due(?:\s+by)?|ahead\s+of)\s+
            (?:the\s+)?(?:{_END_OF}|{_DATE}|{_PERIOD})
      | (?:within|in|over|during)\s+(?:the\s+)?(?:next|coming|first|following)\s+(?:{_COUNT}\s+)?{_SPAN_ANY}
      | within\s+(?:{_COUNT}\s+){_SPAN_LONG}
      | within\s+(?:30|45|60|90|120|180|365)\s+days
      | in\s+{_COUNT}\s+{_SPAN_ANY}
      | (?:in|during|for|over|throughout)\s+(?:the\s+)?(?:{_PERIOD}|{_MONTH}(?:\s+\d{{4}})?)
      | (?:at|by|before)\s+{_END_OF}
      | {_END_OF}
      | (?:this|next|current)\s+(?:quarter|year|month|half|sprint|cycle)
      | EO[YQMH]
    )(?![\w-])""",
    re.IGNORECASE | re.VERBOSE,
)
_PLACEHOLDER = re.compile(
    r"(?<![\w$])(?:X{1,3}|Y{1,2}|N{1,2}|Z|TBC|TBD|TBA|tbc|tbd|tba)(?=%|\b)(?![\w'’-])|[$€£]\s?(?:X{1,3}|Y{1,2}|N{1,2})\b|\?{2,}|_{3,}"
    r"|<[A-Za-z][\w -]{0,30}>"  # a template's slot: '<baseline>', '<target>'"
    r"|\[(?:internal only|redacted|tbd|tbc|tba|insert[^\]]*|placeholder|number|target|x)\]",
)
_PLACEHOLDER_WORDS = frozenset(load_terms("placeholders"))
# A cheap test before the placeholder pattern: most statements hold none of these characters.
_MAYBE_PLACEHOLDER = re.compile(r"[XYNZ?_\[<]|TB[CDA]|tb[cda]")
_DETERMINER_WORDS = frozenset({"the", "all", "these", "those", "our", "its", "their", "both", "each", "every", "first", "last", "next"})
_VERSION = re.compile(
    r"(?<![\w.])v?\d+(?:\.\d+){2,}(?![\w.])|(?<![\w.])\d+\.\d+(?=\s+(?:release|version|beta|alpha|launch|update|"
    r"api|app|sdk|rollout|upgrade)\b)"
    r"|(?<![\w.])\d+\.x\b"
    r"|(?:(?<=\bship\s)|(?<=\bships\s)|(?<=\blands\s)|(?<=\bland\s)|(?<=\brelease\s)|(?<=\bin\sv)|(?<=\bin\s))"
    r"\d+\.\d+(?:\.\d+)*(?=\s*(?:$|[,;)]|without|with|and|by|on|in)\b|\s*$)",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "fifty": 50, "hundred": 100, "dozen": 12,
}  # fmt: skip
_NUMBER_WORD = re.compile(
    rf"(?<![\w-])(?:a\s+)?(?:({'|'.join(_NUMBER_WORDS)})(?=\s+[a-z])|(zero)(?![\w-]))", re.IGNORECASE
)

_SHARE_OF = re.compile(r"\s+of\s+(?!the\b)[^\W\d]")
_SIDE_CLAUSE = re.compile(r",?\s+(?:while|whilst|without|but\s+keep(?:ing)?|and\s+keep(?:ing)?)\b", re.IGNORECASE)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:(increase|growth|rise|uplift|lift|jump|gain|improvement|boost|more|higher|faster|better|bigger|larger)"
    r"|(decrease|reduction|drop|decline|cut|fewer|less|lower|slower|smaller|shorter)"
    r"|(yoy|y/y|year[- ]over[- ]year|qoq|q/q|quarter[- ]over[- ]quarter|mom|m/m|month[- ]over[- ]month|wow|w/w))\b",
    re.IGNORECASE,
)
_TAIL_TOKEN = re.compile(r"[\w']+|->|=>|–>|—>|>=|<=|[→≥≤<>~:=]")


def _phrases(*texts: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(text.split()) for text in texts)


# The words just before a number decide its role. Matching them as word tuples from the end is
# far cheaper than end-anchored regexes, which Python tries at every position of the text.
_FILLERS = frozenset({":", "=", "~", "about", "around", "approx", "approximately", "roughly"})
_QUALIFIERS = _phrases("at least", "over", "under", "below", "above", "less than", "more than", "fewer than", "a", "an",
                       "the", "around", "about", "approx", "~")  # fmt: skip
_BASELINE_WORDS = _phrases("from", "up from", "down from", "instead of", "compared with", "compared to", "currently", "currently at", "today", "today at", "now",
                           "now at", "baseline", "baseline of", "base", "base of", "was", "at present", "starting at",
                           "starting from", "vs", "versus")  # fmt: skip
_TARGET_WORDS = _phrases("to", "→", "->", "=>", "–>", "—>", "of", "at", "target", "target of", "goal", "goal of", "reach",
                         "reaching", "hit", "hitting", "achieve", "achieving", "attain", "exceed", "exceeding",
                         "surpass", "surpassing", "get to", "get", "score of")  # fmt: skip
_AT_LEAST_WORDS = _phrases("at least", "no less than", "minimum", "minimum of", "min", "over", "above", "more than",
                           "greater than", "exceeding", "in excess of", ">=", "≥", ">")  # fmt: skip
_AT_MOST_WORDS = _phrases("at most", "no more than", "maximum", "maximum of", "max", "under", "below", "less than",
                          "fewer than", "within", "not exceed", "not to exceed", "not exceeding", "lower than", "<=", "≤",
                          "<")  # fmt: skip
_STRICT_WORDS = _phrases("over", "above", "more than", "greater than", ">", "under", "below", "less than", "fewer than",
                         "lower than", "<")  # fmt: skip
_CHANGE_QUALIFIERS = _phrases("at least", "over", "more than", "about", "around", "~", "another", "a further")


def _tail(before: str) -> tuple[str, ...]:
    """Return the last words before a number, lower case, without filler words."""
    words = _TAIL_TOKEN.findall(before[-40:].lower())
    while words and words[-1] in _FILLERS:
        words.pop()
    return tuple(words)


def _ends_with(words: tuple[str, ...], phrases: frozenset[tuple[str, ...]]) -> tuple[str, ...] | None:
    for size in (3, 2, 1):
        if len(words) >= size and words[-size:] in phrases:
            return words[-size:]
    return None


def _strip_qualifier(words: tuple[str, ...]) -> tuple[str, ...]:
    found = _ends_with(words, _QUALIFIERS)
    return words[: -len(found)] if found else words


_TODAY_AFTER = re.compile(r"[^,;.()]{0,40}?\b(?:today|now|currently|at present|at the moment)\b", re.IGNORECASE)
_TIME_WINDOW_UNITS = frozenset({"seconds", "minutes", "hours", "days", "weeks", "months", "working days", "business days"})


def _is_baseline_word(words: tuple[str, ...]) -> bool:
    return _ends_with(words, _BASELINE_WORDS) is not None


def _is_target_word(words: tuple[str, ...]) -> bool:
    return _ends_with(words, _TARGET_WORDS) is not None or _ends_with(_strip_qualifier(words), _TARGET_WORDS) is not None


def _comparison(words: tuple[str, ...]) -> tuple[str, bool] | None:
    """Return ('>=', strict) or ('<=', strict) when the words end in a comparison."""
    if words[-3:] in {("no", "more", "than"), ("no", "less", "than")}:
        return ("<=" if words[-2] == "more" else ">=", False)
    for phrases, sign in ((_AT_LEAST_WORDS, ">="), (_AT_MOST_WORDS, "<=")):
        found = _ends_with(words, phrases)
        if found:
            return sign, found in _STRICT_WORDS
    return None


def _is_change_word(words: tuple[str, ...]) -> bool:
    if words and words[-1] == "by":
        return True
    found = _ends_with(words, _CHANGE_QUALIFIERS)
    return bool(found and len(words) > len(found) and words[-len(found) - 1] == "by")


_ARROW_AFTER = re.compile(r"^\s*(?:→|->|=>|–>|—>|to)\s*(?:[$€£¥₹]|\d|\.\d)", re.IGNORECASE)
_LEADING_NOISE = re.compile(
    r"^(?:(?:we|i|the\s+team)\s+(?:will|shall|must|should|want\s+to|need\s+to|aim\s+to|plan\s+to)\s+|we'll\s+|"
    r"to\s+|let's\s+|successfully\s+|fully\s+|publicly\s+|officially\s+|continuously\s+|consistently\s+|"
    r"(?:kr|key\s*result)\s*#?\s*[\d.]*\s*[:.)\-–—]\s*)+",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*•◦▪‣–—·✓☐]|\[[ xX]\]|\d+(?:\.\d+)*[.)]|\(?[a-hA-H][.)])\s+")
_DETERMINERS = re.compile(
    r"^(?:(?:a|an|the|our|my|your|their|its|his|her|this|that|these|those|all|overall|new\s+(?=(?:record|high)))(?:\s+|$))+",
    re.IGNORECASE,
)
_LEADING_VAGUE = re.compile(
    rf"^(?:(?:{trie_alternation(load_wordlist('vague_adjectives').terms)})\s+(?:at\s+|in\s+)?)+", re.IGNORECASE
)
_METRIC_STOP = re.compile(
    r"\s+(?:sufficiently|significantly|substantially|dramatically|considerably|massively|greatly|meaningfully)\b.*$"
    r"|(?<!\btime)(?<!\btimes)\s+(?:to|so\s+that|in\s+order\s+to)\s+(?!\d|[$€£¥₹])[a-z].*$"
    r"|\s+(?:while|whilst|without|through|via|using|thanks\s+to|because|which|that|who|where)\b.*$"
    r"|\s*[,;:(\[]\s*(?!\w+\))(?!nps\)|csat\)).*$",
    re.IGNORECASE,
)
_TRAILING_JUNK = re.compile(
    r"(?:\s+(?:from|to|by|of|at|in|on|for|with|and|or|the|a|an|than|is|are|be|rate\s+of|level\s+of|"
    r"number\s+of|over|under|above|below|at\s+least|least|than|more|less|up|down|about|around|target|goal|"
    r"in\s+half|by\s+half|half|top|rank|number))+$|[\s,;:.\-–—]+$",
    re.IGNORECASE,
)
_NP_AFTER = re.compile(
    r"^\s*(?:(?:increase|growth|rise|uplift|improvement|decrease|reduction|drop|decline|cut)\s+(?:in|of)\s+|"
    r"of\s+(?!the\b|a\b|an\b)|in\s+(?!the\b|a\b|an\b|q\d|\d))?"
    r"(?P<np>[^\W\d][\w'’&/+-]*(?:\s+(?!(?:from|to|by|for|with|within|on|at|via|through|using|and|or|while|so|"
    r"that|which|than|(?:in|of)\s+(?:the|a|an)|in\s+\d)\b)[\w'’&/+%.-]+){0,8})",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Roles:
    baseline: Quantity | None = None
    baseline_at: int = -1
    target: Quantity | None = None
    target_at: int = -1
    is_change: bool = False
    comparator: str | None = None
    rank: str = ""


# --- the parse ----------------------------------------------------------------------------------


class _Parse:
    """One statement being parsed; the methods fill fields step by step."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.work = text  # same length as text; masked spans become spaces
        self.placeholder_at = len(text)

    def run(self) -> Statement:
        deadline = self._take_deadline()
        if "." in self.work:
            self._mask(_VERSION)
        placeholder_matches = self._mask(_PLACEHOLDER) if _MAYBE_PLACEHOLDER.search(self.work) else []
        placeholders = tuple(dict.fromkeys(match.group(0) for match in placeholder_matches))
        if placeholder_matches:
            self.placeholder_at = placeholder_matches[0].start()
        found = self._quantities()
        roles = self._roles(found)
        baseline, target, is_change, comparator, anchor = (
            roles.baseline, roles.target, roles.is_change, roles.comparator, roles.target_at
        )
        verb, verb_at = self._lead_verb()
        starts = [at for at in (roles.baseline_at, roles.target_at) if at >= 0]
        if starts:
            metric = self._metric(min(starts), roles.target_at if roles.target_at >= 0 else min(starts), verb_at)
        else:
            metric = self._bare_metric(verb)
        if placeholders and roles.rank in ("weak", "bare"):
            target, is_change, comparator = None, False, None  # the real target is the placeholder
        direction = self._direction(verb, baseline, target, is_change, anchor, comparator)
        if direction is None and verb is None and _MAINTAIN_PREDICATE.search(self.work):
            direction = Direction.MAINTAIN
        target, is_change = self._verb_target(verb, target, is_change)
        state = self._state(verb)
        unit = (target.unit if target else None) or (baseline.unit if baseline else None)
        if target is not None and target.unit is None and unit:
            target = Quantity(target.value, unit, target.text, target.at_least)
        if baseline is not None and baseline.unit is None and unit:
            baseline = Quantity(baseline.value, unit, baseline.text, baseline.at_least)
        if target is not None and target.unit == "x" and baseline is None:
            is_change = True
        return Statement(
            text=self.text,
            metric=metric,
            direction=direction,
            baseline=baseline,
            target=target,
            is_change=is_change,
            comparator=comparator,
            unit=unit,
            deadline=deadline,
            kind=self._kind(target, verb, placeholders, metric, state),
            verb=verb,
            placeholders=placeholders,
            state=state,
            numbers=tuple(quantity for quantity, _ in found),
            parts=(self.text,),
        )

    # -- spans

    def _mask(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        matches = list(pattern.finditer(self.work))
        for match in matches:
            self.work = self.work[: match.start()] + " " * (match.end() - match.start()) + self.work[match.end() :]
        return matches

    def _take_deadline(self) -> str | None:
        matches = self._mask(_DEADLINE)
        return matches[0].group(0) if matches else None

    def _quantities(self) -> list[tuple[Quantity, re.Match[str]]]:
        found = []
        for match in QUANTITY.finditer(self.work):
            if self._is_value(match):
                found.append((quantity_from_match(match), match))
        lower = self.work.lower()
        words = _NUMBER_WORD.finditer(self.work) if any(word in lower for word in _NUMBER_WORDS) else ()
        for match in words:
            before = self.work[: match.start()].split()[-1:]
            if before and before[0].lower() in _DETERMINER_WORDS:
                continue  # 'the three monitoring points': a description, not a target
            if not any(m.start() <= match.start() < m.end() for _, m in found):
                word = (match.group(1) or match.group(2)).lower()
                found.append((Quantity(float(_NUMBER_WORDS[word]), None, match.group(0)), match))
        found.sort(key=lambda item: item[1].start())
        return found

    def _is_value(self, match: re.Match[str]) -> bool:
        after = self.work[match.end() : match.end() + 2]
        if after[:1] == "-" and after[1:2].isalpha():
            return False  # '5-axis', '3-day', '24-hour': part of a compound word
        if after[:1] in {"'", "’"} and not after[1:2].isalpha():
            pass  # "6 months' running costs": a possessive after the unit
        elif after[:1].isalnum() or after[:1] in {"/", "'", "’"}:
            return False  # '1st', '3D', '5G', '24/7', ranges like '3-5'
        if after[:1] == "." and after[1:2].isdigit():
            return False  # the start of a version such as 2.0.1
        number = match["number"]
        plain = not (match["currency"] or match["unit"] or match["scale"] or match["plus"] or match["out_of"])
        previous = self.work[: match.start()].split()[-1:] or [""]
        previous_word = previous[0].lower().strip("([\"'")
        if plain and previous_word in _NAMES:
            return False  # 'S&P 500', 'ISO 27001', 'Windows 11', 'line 2', 'age 9'
        if plain and number.isdigit() and len(number) >= 4 and previous[0].isupper() and len(previous[0]) >= 2 and previous[0].isalpha():
            return False  # 'IATF 16949', 'AS 9100': a standard or model named by its number
        if plain and _rx(r"(?:19|20)\d{2}").fullmatch(number) and not self._counts_something(match):
            return False  # a year
        return not (plain and len(number.replace(",", "")) >= 9 and "," not in number)  # ids, phone numbers

    def _counts_something(self, match: re.Match[str]) -> bool:
        before = self.work[: match.start()].rstrip().lower()
        if re.search(
            r"(?:^|\s)(?:the|our|in|by|of|for|since|until|during|from|before|after|fy|fiscal|calendar|vs\.?|versus|"
            r"than|to|q[1-4]|h[12]|" + _MONTH + r")$",
            before,
        ):
            return False
        rest = self.work[match.end() :].lstrip()
        nouns = (
            r"(?:and|or|to|by|in|with|for|as|is|was|will|at|on|from|than|roadmap|plan|budget|strategy|baseline|"
            r"levels?|figures?|results?|edition|season|cohort|intake|targets?|goals?|census|report)\b"
        )
        return bool(_rx(r"[a-z]").match(rest)) and not re.match(nouns, rest)

    # -- roles

    def _roles(self, found: list[tuple[Quantity, re.Match[str]]]) -> _Roles:
        # Quantities in a side clause ("... while keeping churn under 2%") are guard-rails, not
        # the result: they count only when the main clause names no number.
        side = _SIDE_CLAUSE.search(self.work)
        if side and any(match.start() < side.start() for _, match in found):
            found = [(quantity, match) for quantity, match in found if match.start() < side.start()]
        baseline = change = weak = bare = None
        targets: list[tuple[int, Quantity, re.Match[str]]] = []  # (rank, ...): lower rank wins
        for index, (quantity, match) in enumerate(found):
            words = _tail(self.work[max(0, match.start() - 48) : match.start()])
            after = self.work[match.end() : match.end() + 48]
            if words and words[-1] == "within" and quantity.unit in _TIME_WINDOW_UNITS and (
                index + 1 < len(found) or self.placeholder_at > match.end()
            ):
                continue  # 'orders dispatched within 24 hours to 95%': the window is part of the metric
            if (
                _is_baseline_word(words)
                or (_ARROW_AFTER.match(after) and index + 1 < len(found))
                or (words and words[-1] in {"against", "compared"} and _TODAY_AFTER.match(after))
            ):  # '... to 95%, against 86% in a normal week today
                baseline = baseline or (quantity, match)
            elif baseline and words and words[-1] in {"to", "→", "->", "=>", "–>", "—>"}:
                targets.append((0, quantity, match))  # 'from X to Y': Y is the target, whatever else is said
            elif quantity.unit == "%" and _SHARE_OF.match(after) and not _is_change_word(words):
                targets.append((2, quantity, match))  # '80% of chats (within 60 seconds)'
            elif _is_change_word(words) or _CHANGE_AFTER.match(after):
                change = change or (quantity, match)
            elif _is_target_word(words):
                targets.append((1, quantity, match))
            elif _comparison(words):
                targets.append((3, quantity, match))
            elif words and (words[-1] == "with" or words[-2:] in {("with", "a"), ("with", "an")}):
                weak = weak or (quantity, match)
            else:
                bare = bare or (quantity, match)
        target = min(targets, key=lambda item: item[0])[1:] if targets else None
        if bare and not target and not change and bare[0].unit == "%" and _verb_direction(self._lead()) in (
            Direction.INCREASE,
            Direction.DECREASE,
        ):
            change, bare = bare, None  # "Grow revenue 20%": a change, as if written "by 20%"
        chosen = target or change or weak or bare
        roles = _Roles(baseline[0] if baseline else None, baseline[1].start() if baseline else -1)
        if chosen is None:
            return roles
        quantity, match = chosen
        roles.target, roles.target_at, roles.is_change = quantity, match.start(), chosen is change
        roles.rank = "target" if chosen is target else "change" if chosen is change else "weak" if chosen is weak else "bare"
        comparison = _comparison(_tail(self.work[max(0, match.start() - 48) : match.start()]))
        if comparison is not None:
            sign, strict = comparison
            roles.comparator = sign.rstrip("=") if strict else sign
        elif quantity.at_least:
            roles.comparator = ">="
        return roles

    # -- verbs, metric, direction, kind

    def _lead(self) -> str | None:
        return self._lead_verb()[0]

    def _lead_verb(self) -> tuple[str | None, int]:
        head = _LEADING_NOISE.sub("", self.text)
        offset = len(self.text) - len(head)
        verb = _verb_at(head, 0)
        if verb is None:
            return None, -1
        first = head[: verb[1]].split()[0].lower()
        if first.endswith("ing") and first != verb[0] and verb[0] not in _MAINTAIN:
            return None, -1  # 'Booking.com score', 'Hiring manager NPS': a noun, not an instruction
        rest = head[verb[1] :]
        if verb[0] in {"stay", "remain"} and not _STAY_NEXT.match(rest):
            return None, -1  # 'Stay interviews held', 'Remaining 4 jobs moved': not verbs here
        if verb[0] == "hold" and _HELD_LEVEL.match(rest) is None:
            return "hold on", offset + verb[1]  # 'Hold 20 interviews': an activity, not a level kept
        return verb[0], offset + verb[1]

    def _metric(self, anchor: int, target_at: int, verb_at: int) -> str | None:
        if anchor < 0:
            return None
        before = self.work[:anchor]
        verbs = _clause_verbs(self.work, max(verb_at, 0), anchor)
        start = verbs[-1][2] if verbs else max(verb_at, 0)
        segment = before[start:]
        weak = _rx(r"\b(?:with|for|on)\s*(?:a|an|the)?\s*$", re.IGNORECASE).search(segment)
        role = re.search(
            r"(?:\s+(?:(?:up|down)\s+)?from\s*(?:about|around|~)?\s*$|\s+(?:with\s+)?(?:a\s+)?(?:target|goal)\s+of\b.*|"
            r"\s+(?:by|to|of|at|from|with|vs\.?)\s*(?:at\s+least|over|under|below|above|less\s+than|more\s+than|"
            r"fewer\s+than|a|an|the)?\s*$|\s+(?:at\s+least|no\s+more\s+than|no\s+less\s+than|over|under|below|above|"
            r"less\s+than|more\s+than|fewer\s+than|within|>=|<=|≥|≤|>|<|→|->|=>)\s*$)",
            segment,
            re.IGNORECASE,
        )
        if role:
            segment = segment[: role.start()]
        candidate = _tidy_metric(segment)
        if candidate and candidate.lower() in {"top", "number", "rank", "position"}:
            candidate = None
        if (
            candidate
            and verb_at < 0
            and start == 0
            and " " not in candidate
            and not candidate.isupper()
            and segment.strip() == candidate
            and self._metric_after(target_at)
        ):
            candidate = None  # 'Dispatch 95% of orders': an unlisted verb, not a metric
        if candidate and not weak and not _rx(r"[,;]").search(segment):
            return candidate
        return self._metric_after(target_at) or candidate

    def _metric_after(self, anchor: int) -> str | None:
        match = QUANTITY.match(self.work, anchor) or _NUMBER_WORD.match(self.work, anchor)
        if not match:
            return None
        following = _NP_AFTER.match(self.work[match.end() :])
        return _tidy_metric(following.group("np")) if following else None

    def _bare_metric(self, verb: str | None) -> str | None:
        if verb is not None and verb in _TASK and verb not in _INCREASE and verb not in _DECREASE:
            return None
        if _STATES.pattern.search(self.text):
            return None
        head = _LEADING_NOISE.sub("", self.work[: self.placeholder_at])
        verb_match = _verb_at(head, 0)
        segment = head[verb_match[1] :] if verb_match else head
        return _tidy_metric(segment) or _tidy_metric(self.work[self.placeholder_at :])

    def _direction(
        self,
        verb: str | None,
        baseline: Quantity | None,
        target: Quantity | None,
        is_change: bool,
        anchor: int,
        comparator: str | None,
    ) -> Direction | None:
        near = self._verb_before(anchor, verb) if anchor >= 0 else verb
        predicate = verb is None and _MAINTAIN_PREDICATE.search(self.work)
        if ((verb is not None and verb in _MAINTAIN) or (near is not None and near in _MAINTAIN) or predicate) and not (
            baseline and target
        ):
            return Direction.MAINTAIN
        if is_change and anchor >= 0:
            changed = _CHANGE_AFTER.match(self.work[anchor:].split(maxsplit=1)[-1] if " " in self.work[anchor:] else "")
            if changed and changed.group(2):
                return Direction.DECREASE
            if changed and changed.group(1):
                return Direction.INCREASE
        if _rx(r"\bdown\s+(?:from|to)\b|\bdown\s*$", re.IGNORECASE).search(self.work) and near in (None, *_GENERIC, "bring"):
            return Direction.DECREASE
        if baseline is not None and target is not None and _verb_direction(near) in (None, Direction.REACH):
            start, end = _comparable(baseline), _comparable(target)
            if start != end:
                return Direction.INCREASE if end > start else Direction.DECREASE
        for candidate in (near, verb):
            direction = _verb_direction(candidate)
            if direction is not None and (candidate not in _TASK or target is not None or candidate in _INCREASE):
                return direction
        if target is not None and not is_change:
            return Direction.REACH
        return None

    def _verb_before(self, anchor: int, verb: str | None) -> str | None:
        verbs = _clause_verbs(self.work, 0, anchor)
        return verbs[-1][0] if verbs else verb

    def _state(self, verb: str | None) -> str | None:
        """Return the word that states the result as done ('released', 'live', 'passed'), if any."""
        states = _STATES.first_match(self.text)
        if states:
            return states
        if _PLATFORM.search(self.work):
            return "runs on"
        if verb is not None:
            return None
        for wordlist in (_DONE, _ACHIEVED):
            for match in wordlist.pattern.finditer(self.work):
                word = match.group(0).lower()
                if _ENDS_PHRASE.match(self.work, match.end()) or word.startswith(("in ", "on ", "for ", "across ", "with ", "to ")):
                    return word
        return None

    def _verb_target(self, verb: str | None, target: Quantity | None, is_change: bool) -> tuple[Quantity | None, bool]:
        if target is None and (halved := _HALVED.search(self.work)):
            word = halved.group(1).lower()
            if word.startswith(("halved", "cut")):
                return Quantity(50, "%", word), True
            return Quantity(2 if word == "doubled" else 3, "x", word), True
        if target is not None or verb is None:
            return target, is_change
        implied = {"double": Quantity(2, "x", "double"), "triple": Quantity(3, "x", "triple"),
                   "quadruple": Quantity(4, "x", "quadruple"), "halve": Quantity(50, "%", "halve")}  # fmt: skip
        if verb in implied:
            return implied[verb], True
        if _rx(r"\b(?:by|in)\s+half\b", re.IGNORECASE).search(self.work):
            return Quantity(50, "%", "half"), True
        if verb == "eliminate":
            return Quantity(0, None, "eliminate"), False
        return None, is_change

    def _kind(
        self,
        target: Quantity | None,
        verb: str | None,
        placeholders: tuple[str, ...],
        metric: str | None,
        state: str | None,
    ) -> KRKind | None:
        if target is not None:
            return KRKind.METRIC
        vague = _VAGUE_ADJECTIVES.pattern.search(self.text) or _COMPARATIVE.search(self.text)
        if state is not None and not vague:
            return KRKind.BINARY
        if verb in _REACH and verb not in _TASK and (_ACHIEVEMENT_NOUNS.pattern.search(self.text) or _QUOTED.search(self.text)):
            return KRKind.BINARY  # 'Achieve SOC 2 certification', "Win 'Best Place to Work 2026'"
        if verb is not None and (verb in _TASK or verb == "hold on"):
            return None if vague else KRKind.MILESTONE
        if placeholders and (verb is not None or metric is not None):
            return KRKind.METRIC  # a metric whose numbers are still to be filled in
        return None


_QUOTED = re.compile(r"['‘’\"“”][^'‘’\"“”]{3,}['‘’\"“”]")
_COMPARATIVE = re.compile(
    r"\b(?:faster|easier|simpler|smoother|quicker|happier|clearer|cheaper|safer|friendlier|more\s+\w+|less\s+\w+)\b",
    re.IGNORECASE,
)
_SECONDS = {"ms": 0.001, "seconds": 1, "minutes": 60, "hours": 3600, "days": 86400, "weeks": 604800,
            "months": 2629800, "years": 31557600}  # fmt: skip


def _comparable(quantity: Quantity) -> float:
    """Return the value in a common unit where units differ only in scale (time: seconds)."""
    return quantity.value * _SECONDS.get(quantity.unit or "", 1)


def _verb_direction(verb: str | None) -> Direction | None:
    if verb is None:
        return None
    if verb in _MAINTAIN:
        return Direction.MAINTAIN
    if verb in _DECREASE:
        return Direction.DECREASE
    if verb in _INCREASE:
        return Direction.INCREASE
    if verb in _REACH:
        return Direction.REACH
    return None


def _starts_with(text: str, pattern: re.Pattern[str]) -> bool:
    match = pattern.search(_LEADING_NOISE.sub("", text))
    return bool(match and match.start() == 0)


def _tidy_metric(segment: str) -> str | None:
    text = " ".join(segment.split())
    text = re.sub(r"\s+(?:from|to|by)\s+(?=[$€£¥₹\d]|(?:X|Y|N|TBC|TBD)\b).*$", "", text)
    text = _METRIC_STOP.sub("", text)
    text = _DETERMINERS.sub("", text)
    text = _LEADING_VAGUE.sub("", text)
    text = re.sub(
        r"^(?:(?:at\s+least|at\s+most|no\s+more\s+than|more\s+than|less\s+than|up\s+to|to|into|in|on|for|at|"
        r"with|of|over|under)(?:\s+|$))+",
        "",
        text,
        flags=re.IGNORECASE,
    )
    previous = None
    while previous != text:
        previous = text
        text = _TRAILING_JUNK.sub("", text).strip()
        text = _DETERMINERS.sub("", text)
    text = text.strip(" \"'“”‘’*_`")
    if not text or not _rx(r"[^\W\d_]").search(text) or text.lower() in _PLACEHOLDER_WORDS:
        return None
    return text


def _strip_decoration(text: str) -> str:
    text = _BULLET.sub("", text)
    text = re.sub(r"^(?:kr|key\s*results?)\s*#?\s*[\d.]*\s*[:.)\-–—]\s*", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\[([^\]]+)\]\((?:[^)]+)\)", r"\1", text)  # [link](url)
    text = re.sub(r"(\*\*|__|`)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    return text.strip().rstrip(".;").strip()
