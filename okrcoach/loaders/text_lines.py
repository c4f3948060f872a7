"""Lines of pasted text: what each line is (label, bullet, numbered item, heading) before it is given meaning."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from typing import Any

from okrcoach.loaders.text_fields import is_cycle
from okrcoach.loaders.text_markdown import protect, restore, strip_markdown

#: (indent, depth): how deep a line sits in a list.
Rank = tuple[int, int]

# Zero-width characters and noncharacters are dropped on reading (see `text_markdown.protect`).
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\ufdd0-\ufdef]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FENCE = re.compile(r"^(?:```|~~~)")
_RULE = re.compile(r"^(?:[-*_][ \t]*){3,}$")
_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_BULLET = re.compile(
    r"^(?:(?P<bullet>[-*+•◦▪‣–—·✓✔☐☑☒●○■□►▸➢➤⁃])(?=\s)|(?P<glyph>[•◦▪‣✓✔☐☑☒●○■□►▸➢➤]))"
    r"\s*(?:\[[ xX✓✔]\]\s+)?|^\[[ xX✓✔]\]\s+"
)
_NUMBERED = re.compile(
    r"^\(?(?:(?P<dotted>\d{1,3}(?:\.\d{1,3})+)(?=\s+[^\s\da-z])|(?P<digits>\d{1,3}(?:\.\d{1,3})*)[.)]"
    r"|(?P<roman>ii|iii|iv|vi|vii|viii|ix|xi|xii)[.)]|(?P<letter>[a-zA-Z])[.)])(?=\s)\s*"
)
_BULLET_DEPTH = {"◦": 1, "○": 1, "▪": 2, "■": 2}
_OUTLINE_WORDS = 20  # an objective is a line, not a paragraph

# Labels: 'Objective 1:', 'O2.', 'OKR:', 'Goal -', 'Key Result #1:', 'KR 1.2 -', 'Key Results:'.
_NUMBER = r"(?:\s*#?\s*(?P<number>\d+(?:\.\d+)*))?(?P<space>\s*)(?P<rest>.*)$"
_OBJECTIVE_LABEL = re.compile(rf"^(?P<word>objective|goal|okr|o(?=\s*\d))(?![^\W\d_]){_NUMBER}", re.IGNORECASE)
_RESULT_LABEL = re.compile(
    rf"^(?:o\d+(?:\.\d+)*\s*[.:]?\s*)?(?P<word>key\s+results?|krs?)(?![^\W\d_])(?:\s*\(krs?\))?{_NUMBER}",
    re.IGNORECASE,
)
_OBJECTIVES_HEADER = re.compile(r"^(?:our\s+)?(?:objectives|okrs|goals)\s*:?$", re.IGNORECASE)
_KPIS_HEADER = re.compile(r"^(?:kpis?|key performance indicators|health metrics)\s*:$", re.IGNORECASE)
_BARE_WORDS = frozenset({"objective", "key result", "key results", "kr", "krs"})

# Headings: an objective, a key result, or a section title.
_WRITER_HEADING = re.compile(r"^(?P<id>[^\s·]+) · (?P<title>.+)$")
_IGNORED_SECTIONS = frozenset(
    {"mission", "vision", "strategy", "pillars", "strategic pillars", "teams", "kpis", "kpi", "metrics",
     "health metrics", "notes", "initiatives", "comments", "appendix", "glossary", "mission and pillars"}
)  # fmt: skip
_OKR_WORDS = re.compile(r"\b(?:okrs?|objectives|key results|krs|goals)\b", re.IGNORECASE)
_TITLE_DASH = re.compile(r"\s+[—–-]\s+")
#: The titles plan_to_markdown gives a plan without organisation.
UNNAMED = frozenset({"okrs", "okr", "objectives"})


@dataclass(slots=True)
class Line:
    """One line of the pasted text: its kind, indentation and content."""

    number: int
    kind: str  # "blank", "heading", "item" (bullet or numbered), "plain" or "code" (inside ``` fences)
    indent: int = 0
    depth: int = 0  # nesting shown by the list style when indentation is lost: 1. -> a. -> i.
    level: int = 0  # heading level
    text: str = ""  # the content, escapes protected, Markdown still in
    plain: str = ""  # the content without Markdown decoration
    label: tuple[str, str] | None = None
    opens: bool = False  # a plain line followed by more-indented lines: an outline without bullets
    role: tuple[Any, ...] = ()  # a heading's meaning: ("objective", title, from_writer), ("section", ...), ...

    @property
    def rank(self) -> Rank:
        return (self.indent, self.depth)


def scan(text: str) -> list[Line]:
    """Return the lines of the text, each classified, labelled and (for headings) given a role."""
    lines: list[Line] = []
    fenced = False
    for number, raw in enumerate(_LINE_BREAK.split(_INVISIBLE.sub("", text)), 1):
        fence = bool(_FENCE.match(raw.strip()))
        fenced ^= fence
        if fenced or fence:
            lines.append(Line(number, "code"))
            continue
        line = _read_line(number, raw)
        line.plain = strip_markdown(line.text)
        line.label = _label(line.plain) if line.kind != "blank" else None
        lines.append(line)
    _mark_outline(lines)
    _assign_roles(lines)
    return lines


def _read_line(number: int, raw: str) -> Line:
    body = raw.lstrip(" \t\u00a0\u3000")
    indent = _width(raw[: len(raw) - len(body)])
    body = body.rstrip()
    while body.startswith(">"):
        body = body[1:].lstrip()
    if not body or _RULE.match(body):
        return Line(number, "blank")
    if heading := _HEADING.match(body):
        return Line(number, "heading", indent, level=len(heading[1]), text=protect(heading[2] or ""))
    if marker := _BULLET.match(body) or _NUMBERED.match(body):
        rest = body[marker.end() :]
        kind = "item" if rest else "blank"
        return Line(number, kind, indent, depth=_depth(marker), text=protect(rest))
    return Line(number, "plain", indent, text=protect(body))


def _width(whitespace: str) -> int:
    width = 0
    for char in whitespace:
        width = width + 4 - width % 4 if char == "\t" else width + 1
    return width


def _depth(marker: re.Match[str]) -> int:
    groups = marker.groupdict()
    if groups.get("bullet") or groups.get("glyph"):
        return _BULLET_DEPTH.get(groups.get("bullet") or groups["glyph"], 0)
    if groups.get("dotted") or groups.get("digits"):
        return (groups.get("dotted") or groups["digits"]).count(".")
    if groups.get("roman"):
        return 2
    return 1 if (groups.get("letter") or "A").islower() else 0


def _mark_outline(lines: list[Line]) -> None:
    """Mark plain lines followed by more-indented lines (an outline pasted without bullets).

    A line that introduces something (ends with ':' or '?') or runs on like a paragraph is prose.
    """
    following: Line | None = None
    for line in reversed(lines):
        if line.kind == "plain" and following is not None and not line.label and following.indent > line.indent:
            line.opens = not line.plain.endswith((":", "?")) and len(line.plain.split()) <= _OUTLINE_WORDS
        if line.kind != "blank":
            following = line if line.kind in {"plain", "item"} else None


def _label(text: str) -> tuple[str, str] | None:
    """Return (kind, text after the label) for a labelled line, or None.

    Kinds: 'objective', 'objectives' (a header for a list of objectives), 'result',
    'results' (a list of results on one line), 'results-header' (results follow below) and
    'kpis' (a header for a list of KPIs, which are not read).
    """
    if _OBJECTIVES_HEADER.match(text):
        return ("objectives", "")
    if _KPIS_HEADER.match(text):
        return ("kpis", "")
    if (match := _OBJECTIVE_LABEL.match(text)) and (rest := _after_label(match)) is not None:
        return ("objective", rest)
    if (match := _RESULT_LABEL.match(text)) and (rest := _after_label(match)) is not None:
        plural = match["word"].lower().endswith("s")
        if rest:
            return ("results" if plural else "result", rest)
        return ("result", "") if match["number"] and not plural else ("results-header", "")
    return None


def _after_label(match: re.Match[str]) -> str | None:
    """Return the text after a label's separator, '' for a bare label, or None when it is not a label."""
    number, space, rest = match["number"], match["space"], match["rest"]
    word = " ".join(match["word"].lower().split())
    if not rest:
        return "" if number or word in _BARE_WORDS else None
    head, tail = rest[0], rest[1:]
    spaced = not tail or tail[0].isspace()
    if head in ":：" or (head in "-–—·" and spaced and (space or number)) or (head in ".)" and spaced and number):
        return tail.strip()
    return None


def _assign_roles(lines: list[Line]) -> None:
    headings = [index for index, line in enumerate(lines) if line.kind == "heading"]
    for position, index in enumerate(headings):
        end = headings[position + 1] if position + 1 < len(headings) else len(lines)
        lines[index].role = _heading_role(lines, index, end)


def _heading_role(lines: list[Line], index: int, end: int) -> tuple[Any, ...]:
    heading = lines[index]
    if heading.level == 2 and (match := _WRITER_HEADING.match(heading.plain)):
        return ("objective", match["title"], True)
    text = heading.plain.rstrip(":").strip()
    if not text:
        return ("skip",)
    titled = _titled_cycle(text)
    # A document title ('# Acme — 2026-Q1' over '## ...' headings) is a title even when it reads like a label.
    if (heading.level == 1 or not heading.label) and _has_subheadings(lines, index):
        return ("section", *(titled or ()))
    if heading.label:
        return ("label", *heading.label)
    if text.casefold() in _IGNORED_SECTIONS:
        return ("ignore",)
    if titled:
        return ("section", *titled)
    if _OKR_WORDS.search(text) and len(text.split()) <= 8:
        return ("outline",)
    if any(line.label and line.label[0] == "objective" for line in islice(lines, index + 1, end)):
        return ("section",)
    return ("objective", text, False)


def _has_subheadings(lines: list[Line], index: int) -> bool:
    """Return True when the next heading or list item is a deeper heading other than a key result."""
    heading = lines[index]
    following = next((line for line in islice(lines, index + 1, None) if line.kind in {"heading", "item"}), None)
    if following is None or following.kind != "heading" or following.level <= heading.level:
        return False
    return not (following.label and following.label[0] in {"result", "results", "results-header"})


def _titled_cycle(text: str) -> tuple[str | None, str] | None:
    """Return (organisation, cycle) for a title such as 'Acme — 2026-Q1', else None."""
    for match in reversed(list(_TITLE_DASH.finditer(text))):
        cycle = restore(text[match.end() :])
        if is_cycle(cycle):
            organisation = restore(text[: match.start()])
            return (None if organisation.casefold() in UNNAMED else organisation, cycle)
    return None
