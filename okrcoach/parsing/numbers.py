"""Which numbers in a statement are values, and what role each plays (the grammar of numbers).

A number is a value unless it is a name, a version, a year, an id or part of a compound word
('S&P 500', 'Windows 11', 'OpenEBS 0.9', '2026', '24/7', '5-axis'). Values are read with what
is written around them: ranges ('200-250'), 'N of M', number words ('two', 'zero').

Each value then gets a role from the words just before it, using the cue table in
`okrcoach.parsing.lexicon`:

| words before the number                      | role                            |
|----------------------------------------------|---------------------------------|
| from, currently, up from, vs, was ...        | baseline                        |
| to, →, of, at, hit, reach, target ...        | target                          |
| by, by another ...                           | change ("by 15%")               |
| at least, ≥, more than / at most, <, within  | target with a bound (>=, <=...) |
| with, with a                                 | weak target                     |
| anything else                                | bare value                      |

and from the words just after it: '-> 45' makes it a baseline, 'increase', 'more', 'YoY' a
change. The best-ranked candidate is the target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from okrcoach.parsing.lexicon import (
    AT_LEAST,
    AT_MOST,
    BASELINE,
    CHANGE_QUALIFIERS,
    DETERMINERS,
    FILLERS,
    NUMBER_WORDS,
    QUALIFIERS,
    STRICT,
    TARGET,
    TIME_WINDOW_UNITS,
    ends_with,
    lexicon,
)
from okrcoach.quantity import QUANTITY_BODY, Quantity, quantity_from_match

_TAIL_TOKEN = re.compile(r"[\w']+|->|=>|–>|—>|>=|<=|[→≥≤<>~:=]")
_ARROW_AFTER = re.compile(r"^\s*(?:→|->|=>|–>|—>|to)\s*(?:[$€£¥₹]|\d|\.\d)", re.IGNORECASE)
_TODAY_AFTER = re.compile(r"[^,;.()]{0,40}?\b(?:today|now|currently|at present|at the moment)\b", re.IGNORECASE)
_SHARE_OF = re.compile(r"\s+of\s+(?!the\b)[^\W\d]")
_SIDE_CLAUSE = re.compile(r",?\s+(?:while|whilst|without|but\s+keep(?:ing)?|and\s+keep(?:ing)?)\b", re.IGNORECASE)
CHANGE_AFTER = re.compile(
    r"^\s*(?:(increase|growth|rise|uplift|lift|jump|gain|improvement|boost|more|higher|faster|better|bigger|larger)"
    r"|(decrease|reduction|drop|decline|cut|fewer|less|lower|slower|smaller|shorter)"
    r"|(yoy|y/y|year[- ]over[- ]year|qoq|q/q|quarter[- ]over[- ]quarter|mom|m/m|month[- ]over[- ]month|wow|w/w))\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d{2}")
_NOT_COUNTED_BEFORE = re.compile(
    r"(?:^|\s)(?:the|our|in|by|of|for|since|until|during|from|before|after|fy|fiscal|calendar|vs\.?|versus|than|to|"
    r"q[1-4]|h[12]|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$"
)
_NOT_COUNTED_AFTER = re.compile(
    r"(?:and|or|to|by|in|with|for|as|is|was|will|at|on|from|than|roadmap|plan|budget|strategy|baseline|levels?|"
    r"figures?|results?|edition|season|cohort|intake|targets?|goals?|census|report)\b"
)
_MIXED_CASE = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z]{2,}[a-z][A-Za-z]*")
_NUMBER_WORD = re.compile(rf"(?<![\w-])(?:a\s+)?(?:({'|'.join(NUMBER_WORDS)})(?=\s+[a-z])|(zero)(?![\w-]))", re.IGNORECASE)


@cache
def _high() -> re.Pattern[str]:
    """A quantity straight after a range dash ('200-250': the 250), without QUANTITY's look-behind."""
    return re.compile(QUANTITY_BODY.replace(r"(?<![\w.\-/])", "", 1), re.IGNORECASE | re.VERBOSE)


@dataclass(slots=True)
class Found:
    """A value in the text: its quantity and where it stands."""

    quantity: Quantity
    start: int
    end: int


def values(work: str, matches: list[re.Match[str]]) -> list[Found]:
    """Return the values among the quantities the tokenizer found, with number words, ranges and 'N of M'."""
    found: list[Found] = []
    for match in matches:
        if found and match.start() < found[-1].end:
            continue  # the top of a range or the M of 'N of M', already read
        if not is_value(work, match):
            continue
        quantity, end = quantity_from_match(match), match.end()
        ranged = _range_end(work, end)
        if ranged is not None:
            high, end = ranged
            unit = quantity.unit or high.unit
            quantity = Quantity(quantity.value, unit, work[match.start() : end].strip(), high.at_least, high.per, high=high.value)
        elif (total := _out_of(work, quantity, end)) is not None:
            value, end = total
            quantity = Quantity(quantity.value, None, work[match.start() : end].strip(), total=value)
        found.append(Found(quantity, match.start(), end))
    if any(word in work.lower() for word in NUMBER_WORDS):
        for match in _NUMBER_WORD.finditer(work):
            before = work[: match.start()].split()[-1:]
            if before and before[0].lower() in DETERMINERS:
                continue  # 'the three monitoring points': a description, not a target
            if not any(item.start <= match.start() < item.end for item in found):
                word = (match.group(1) or match.group(2)).lower()
                found.append(Found(Quantity(float(NUMBER_WORDS[word]), None, match.group(0)), match.start(), match.end()))
        found.sort(key=lambda item: item.start)
    return found


def _range_end(work: str, end: int) -> tuple[Quantity, int] | None:
    """Return the top of a range written '200-250' or '20–25%', and where it ends."""
    if end >= len(work) or work[end] not in "-–":
        return None
    match = _high().match(work, end + 1)
    if match is None or match["sign"] or not match["number"]:
        return None
    after = work[match.end() : match.end() + 1]
    if after.isalnum() or after in {"/", "-"}:
        return None
    return quantity_from_match(match), match.end()


_OUT_OF = re.compile(r"\s+(?:of|out\s+of)\s+(\d{1,4})(?![\w.,%])(?!\s*%)", re.IGNORECASE)


def _out_of(work: str, quantity: Quantity, end: int) -> tuple[float, int] | None:
    """Return M of 'N of M' ('2 of 3 planned features', '3 out of 5') and where it ends."""
    if quantity.unit is not None or quantity.value != int(quantity.value):
        return None
    match = _OUT_OF.match(work, end)
    if match is None or float(match.group(1)) < quantity.value:
        return None
    return float(match.group(1)), match.end()


def is_value(work: str, match: re.Match[str]) -> bool:
    """Return True when a matched number is a value, not a name, version, year, id or compound word."""
    after = work[match.end() : match.end() + 2]
    if after[:1] == "-" and after[1:2].isalpha():
        return False  # '5-axis', '3-day', '24-hour': part of a compound word
    if after[:1] in {"'", "’"} and not after[1:2].isalpha():
        pass  # "6 months' running costs": a possessive after the unit
    elif after[:1].isalnum() or after[:1] in {"/", "'", "’"}:
        return False  # '1st', '3D', '5G', '24/7'
    if after[:1] == "." and after[1:2].isdigit():
        return False  # the start of a version such as 2.0.1
    number = match["number"]
    plain = not (match["currency"] or match["unit"] or match["scale"] or match["plus"] or match["plus_after"]
                 or match["out_of"] or match["times"] or match["per"] or match["per_word"])  # fmt: skip
    previous = work[: match.start()].split()[-1:] or [""]
    previous_word = previous[0].lower().strip("([\"'")
    if plain and previous_word in lexicon().names:
        return False  # 'S&P 500', 'ISO 27001', 'Windows 11', 'line 2', 'age 9'
    if plain and "." in number and _MIXED_CASE.fullmatch(previous[0].strip("([\"'")):
        return False  # 'OpenEBS 0.9', 'GraphQL 1.0': a product's version
    if plain and number.isdigit() and len(number) >= 4 and previous[0].isupper() and len(previous[0]) >= 2 and previous[0].isalpha():
        return False  # 'IATF 16949', 'AS 9100': a standard or model named by its number
    if plain and _YEAR.fullmatch(number) and not _counts_something(work, match):
        return False  # a year
    return not (plain and len(number.replace(",", "")) >= 9 and "," not in number)  # ids, phone numbers


def _counts_something(work: str, match: re.Match[str]) -> bool:
    before = work[: match.start()].rstrip().lower()
    if _NOT_COUNTED_BEFORE.search(before):
        return False
    rest = work[match.end() :].lstrip()
    return "a" <= rest[:1] <= "z" and not _NOT_COUNTED_AFTER.match(rest)


def _in_parentheses(work: str, at: int) -> bool:
    before = work[:at]
    return before.rfind("(") > before.rfind(")")


def tail(before: str) -> tuple[str, ...]:
    """Return the last words before a number, lower case, without filler words."""
    words = _TAIL_TOKEN.findall(before[-40:].lower())
    while words and words[-1] in FILLERS:
        words.pop()
    return tuple(words)


def comparison(words: tuple[str, ...]) -> tuple[str, bool] | None:
    """Return ('>=', strict) or ('<=', strict) when the words end in a bound."""
    if words[-3:] in {("no", "more", "than"), ("no", "less", "than")}:
        return ("<=" if words[-2] == "more" else ">=", False)
    for phrases, sign in ((AT_LEAST, ">="), (AT_MOST, "<=")):
        found = ends_with(words, phrases)
        if found:
            return sign, found in STRICT
    return None


def _is_baseline_word(words: tuple[str, ...]) -> bool:
    return ends_with(words, BASELINE) is not None


def _is_target_word(words: tuple[str, ...]) -> bool:
    if ends_with(words, TARGET) is not None:
        return True
    qualifier = ends_with(words, QUALIFIERS)
    return qualifier is not None and ends_with(words[: -len(qualifier)], TARGET) is not None


def is_change_word(words: tuple[str, ...]) -> bool:
    """Return True when the words make the next number a change ('by 15%', 'by at least 10%')."""
    if words and words[-1] == "by":
        return True
    found = ends_with(words, CHANGE_QUALIFIERS)
    return bool(found and len(words) > len(found) and words[-len(found) - 1] == "by")


@dataclass(slots=True)
class Roles:
    """The numbers that matter: baseline, target (or change) and the bound on the target."""

    baseline: Quantity | None = None
    baseline_at: int = -1
    target: Quantity | None = None
    target_at: int = -1
    is_change: bool = False
    comparator: str | None = None
    rank: str = ""


def roles(work: str, found: list[Found], placeholder_at: int, lead_direction: str | None) -> Roles:
    """Return the baseline, target and bound among the values (see the module's table)."""
    # Quantities in a side clause ("... while keeping churn under 2%") are guard-rails, not the
    # result: they count only when the main clause names no number.
    side = _SIDE_CLAUSE.search(work)
    if side and any(item.start < side.start() for item in found):
        found = [item for item in found if item.start < side.start()]
    # Numbers in parentheses describe ('N13 inquiries (from companies with 200+ developers)'): they
    # count only when nothing outside them, not even a placeholder, could be the target.
    if "(" in work:
        outside = [item for item in found if not _in_parentheses(work, item.start)
                   or _is_baseline_word(tail(work[max(0, item.start - 48) : item.start]))]  # fmt: skip
        if outside or placeholder_at >= 0:
            found = outside
    baseline = change = weak = bare = counted = None
    targets: list[tuple[int, Found]] = []  # (rank, value): lower rank wins
    for index, item in enumerate(found):
        quantity = item.quantity
        words = tail(work[max(0, item.start - 48) : item.start])
        after = work[item.end : item.end + 48]
        later = index + 1 < len(found) or placeholder_at > item.end
        if words and words[-1] == "within" and quantity.unit in TIME_WINDOW_UNITS and later:
            continue  # 'orders dispatched within 24 hours to 95%': the window is part of the metric
        if words and words[-1] == "from" and not later and after[:1] == " " and after[1:2].isalpha() and not quantity.unit:
            counted = counted or item  # 'pull requests from 40 outside contributors': a count, not a baseline
        elif (
            _is_baseline_word(words)
            or (_ARROW_AFTER.match(after) and index + 1 < len(found))
            or (words and words[-1] in {"against", "compared"} and _TODAY_AFTER.match(after))
        ):  # '... to 95%, against 86% in a normal week today'
            baseline = baseline or item
        elif baseline and words and words[-1] in {"to", "→", "->", "=>", "–>", "—>"}:
            targets.append((0, item))  # 'from X to Y': Y is the target, whatever else is said
        elif quantity.unit == "%" and _SHARE_OF.match(after) and not is_change_word(words):
            targets.append((2, item))  # '80% of chats (within 60 seconds)'
        elif is_change_word(words) or CHANGE_AFTER.match(after):
            change = change or item
        elif _is_target_word(words):
            targets.append((1, item))
        elif comparison(words) or quantity.at_least:
            targets.append((3, item))
        elif words and (words[-1] == "with" or words[-2:] in {("with", "a"), ("with", "an")}):
            weak = weak or item
        else:
            bare = bare or item
    target = min(targets, key=lambda pair: pair[0])[1] if targets else None
    if bare and not target and not change and bare.quantity.unit == "%" and lead_direction in ("increase", "decrease"):
        change, bare = bare, None  # "Grow revenue 20%": a change, as if written "by 20%"
    chosen = target or change or weak or bare or counted
    result = Roles(baseline.quantity if baseline else None, baseline.start if baseline else -1)
    if chosen is None:
        return result
    result.target, result.target_at, result.is_change = chosen.quantity, chosen.start, chosen is change
    result.rank = next(name for name, item in (("target", target), ("change", change), ("weak", weak), ("bare", bare),
                                               ("counted", counted)) if item is chosen)  # fmt: skip
    bound = comparison(tail(work[max(0, chosen.start - 48) : chosen.start]))
    if bound is not None:
        sign, strict = bound
        result.comparator = sign.rstrip("=") if strict else sign
    elif chosen.quantity.at_least:
        result.comparator = ">="
    return result
