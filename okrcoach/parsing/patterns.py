"""The parser's compiled patterns, built once on first use (importing okrcoach compiles nothing).

A statement is read in passes over the text:
1. spans that are not values are found and blanked out: the deadline ('by end of Q3', 'within 6
   months'), then versions ('v2.0', 'release 1.4'; only when the text has a dot) and placeholders
   ('X', '$N', '<target>', 'TBD'; only when a cheap test finds their characters). Separate, gated
   passes are about twice as fast in Python's `re` as one alternation of all three, which is tried
   at every position of the text;
2. `okrcoach.quantity.QUANTITY` finds the quantities in what is left.
"""

from __future__ import annotations

import re
from functools import cached_property

from okrcoach.wordlists import load_wordlist, trie_alternation

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
_END_OF = rf"(?:the\s+)?end\s+of\s+(?:the\s+)?(?:every\s+|each\s+)?(?:{_PERIOD}|{_DATE}|quarter|year|month|half|sprint|cycle|week|period)"
_COUNT = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|thirty|sixty|ninety)"
_SPAN_LONG = r"(?:weeks?|months?|quarters?|years?|sprints?)"
_SPAN_ANY = rf"(?:{_SPAN_LONG}|days?|business\s+days|working\s+days)"
DEADLINE = rf"""(?<![\w-])(?:
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
    )(?![\w-])"""
PLACEHOLDER = (
    r"(?<![\w$])(?:X{1,3}|Y{1,2}|N{1,2}|Z{1,3}|N\d{1,2}|TBC|TBD|TBA|tbc|tbd|tba)(?=%|\b)(?![\w'’/-])"
    r"|[$€£]\s?(?:X{1,3}|Y{1,2}|N{1,2})\d{0,2}\b|\?{2,}|_{3,}"
    r"|<[A-Za-z][\w -]{0,30}>"  # a template's slot: '<baseline>', '<target>'
    r"|\[(?:internal only|redacted|tbd|tbc|tba|insert[^\]]*|placeholder|number|target|x)\]"
)
VERSION = (
    r"(?<![\w.])v?\d+(?:\.\d+){2,}(?![\w.])|(?<![\w.])\d+\.\d+(?=\s+(?:release|version|beta|alpha|launch|update|"
    r"api|app|sdk|rollout|upgrade)\b)"
    r"|(?<![\w.])\d+\.x\b"
    r"|(?:(?<=\bship\s)|(?<=\bships\s)|(?<=\blands\s)|(?<=\bland\s)|(?<=\brelease\s)|(?<=\bin\sv)|(?<=\bin\s)"
    r"|(?<=\bversion\s))"
    r"\d+\.\d+(?:\.\d+)*(?=\s*(?:$|[,;)\-–]|without|with|and|by|on|in|version|release)\b|\s*$)"
)


class _Patterns:
    """Compiled on first use; one instance, PATTERNS."""

    @cached_property
    def deadline(self) -> re.Pattern[str]:
        return re.compile(DEADLINE, re.IGNORECASE | re.VERBOSE)

    @cached_property
    def placeholder(self) -> re.Pattern[str]:
        return re.compile(PLACEHOLDER)  # case matters: 'X' is a placeholder, 'x' is not

    @cached_property
    def version(self) -> re.Pattern[str]:
        return re.compile(VERSION, re.IGNORECASE)

    @cached_property
    def deadline(self) -> re.Pattern[str]:
        return re.compile(DEADLINE, re.IGNORECASE | re.VERBOSE)

    @cached_property
    def placeholder(self) -> re.Pattern[str]:
        return re.compile(PLACEHOLDER)  # case matters: 'X' is a placeholder, 'x' is not

    @cached_property
    def version(self) -> re.Pattern[str]:
        return re.compile(VERSION, re.IGNORECASE)
    @cached_property
    def maybe_placeholder(self) -> re.Pattern[str]:
        """A cheap test before the placeholder pattern: most statements hold none of these characters."""
        return re.compile(r"[XYNZ?_\[<]|TB[CDA]|tb[cda]")

    @cached_property
    def bullet(self) -> re.Pattern[str]:
        return re.compile(r"^\s*(?:[-*•◦▪‣–—·✓☐]|\[[ xX]\]|\d+(?:\.\d+)*[.)]|\(?[a-hA-H][.)])\s+")

    @cached_property
    def kr_prefix(self) -> re.Pattern[str]:
        return re.compile(r"^(?:kr|key\s*results?)\s*#?\s*[\d.]*\s*[:.)\-–—]\s*", re.IGNORECASE)

    @cached_property
    def link(self) -> re.Pattern[str]:
        return re.compile(r"\[([^\]]+)\]\((?:[^)]+)\)")

    @cached_property
    def emphasis(self) -> re.Pattern[str]:
        return re.compile(r"(\*\*|__|`)(.+?)\1")

    @cached_property
    def single_emphasis(self) -> re.Pattern[str]:
        return re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")

    @cached_property
    def leading_noise(self) -> re.Pattern[str]:
        return re.compile(
            r"^(?:(?:we|i|the\s+team)\s+(?:will|shall|must|should|want\s+to|need\s+to|aim\s+to|plan\s+to)\s+|we'll\s+|"
            r"to\s+|let's\s+|successfully\s+|fully\s+|publicly\s+|officially\s+|continuously\s+|consistently\s+|"
            r"always\s+|(?:kr|key\s*result)\s*#?\s*[\d.]*\s*[:.)\-–—]\s*)+",
            re.IGNORECASE,
        )

    @cached_property
    def joiner(self) -> re.Pattern[str]:
        from okrcoach.parsing.lexicon import lexicon

        lex = lexicon()
        verbs = trie_alternation(
            term for wordlist in (lex.increase, lex.decrease, lex.reach, lex.maintain, lex.task) for term in wordlist.terms
        )
        return re.compile(rf"\s*;\s*|,?\s+and\s+(?=(?:{verbs})\b)|,\s+(?=(?:{verbs})\b)", re.IGNORECASE)

    @cached_property
    def leading_vague(self) -> re.Pattern[str]:
        terms = load_wordlist("vague_adjectives").terms
        return re.compile(rf"^(?:(?:{trie_alternation(terms)})\s+(?:at\s+|in\s+)?)+", re.IGNORECASE)


PATTERNS = _Patterns()
