"""OKRs pasted from a document, slide, chat, wiki or spreadsheet column -> Plan."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from typing import Any

from pydantic import ValidationError

from okrcoach.errors import LoadError, LoadProblem
from okrcoach.loaders.mapping import build_plan
from okrcoach.model import Cycle, Plan
from okrcoach.text import clean_text, shorten

Path = tuple[str | int, ...]
Rank = tuple[int, int]

NO_OBJECTIVES = "found no objectives: write 'Objective: ...' lines followed by key results, or a bullet list"


def parse_text(text: str, source: str = "<text>") -> Plan:
    """Return the Plan in OKRs pasted as text, or raise LoadError listing every problem with its line.

    Reads label lines ('Objective 1: ...', 'KR1.2 - ...', 'Key Results:'), plan headers ('Cycle:',
    'Quarter:', 'Team:'), bullet and numbered lists at any indentation (top-level items are
    objectives, more-indented items their key results), Markdown headings with bullets under
    them, and the inline form 'Objective: X; Key Results: A, B, and C'. Prose is ignored.
    """
    lines = _scan(text)
    reader = _Reader(source, label_free=not any(line.label and line.label[0] == "objective" for line in lines))
    for line in lines:
        reader.feed(line)
    data = reader.finish()
    return build_plan(data, source, lambda path: (reader.where.get(tuple(path)), None))


# Lines: what each line is, before any meaning is given to it.

# Escaped punctuation ('\*', '\#', '\.') is swapped for one of the 32 Unicode noncharacters
# U+FDD0..U+FDEF while the line is read, so it never acts as syntax, and swapped back in the
# finished text. Noncharacters are never text, so input holding them loses them.
_PUNCTUATION = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
_PROTECT = {char: chr(0xFDD0 + index) for index, char in enumerate(_PUNCTUATION)}
_RESTORE = {0xFDD0 + index: char for index, char in enumerate(_PUNCTUATION)}
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_PROTECTED = re.compile("[\ufdd0-\ufdef]")
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


@dataclass(slots=True)
class _Line:
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
    role: tuple[Any, ...] = ()

    @property
    def rank(self) -> Rank:
        return (self.indent, self.depth)


def _scan(text: str) -> list[_Line]:
    lines: list[_Line] = []
    fenced = False
    for number, raw in enumerate(_LINE_BREAK.split(_INVISIBLE.sub("", text)), 1):
        fence = bool(_FENCE.match(raw.strip()))
        fenced ^= fence
        if fenced or fence:
            lines.append(_Line(number, "code"))
            continue
        line = _read_line(number, raw)
        line.plain = _plain(line.text)
        line.label = _label(line.plain) if line.kind != "blank" else None
        lines.append(line)
    _mark_outline(lines)
    _assign_roles(lines)
    return lines


def _read_line(number: int, raw: str) -> _Line:
    body = raw.lstrip(" \t\u00a0\u3000")
    indent = _width(raw[: len(raw) - len(body)])
    body = body.rstrip()
    while body.startswith(">"):
        body = body[1:].lstrip()
    if not body or _RULE.match(body):
        return _Line(number, "blank")
    if heading := _HEADING.match(body):
        return _Line(number, "heading", indent, level=len(heading[1]), text=_protect(heading[2] or ""))
    if marker := _BULLET.match(body) or _NUMBERED.match(body):
        rest = body[marker.end() :]
        kind = "item" if rest else "blank"
        return _Line(number, kind, indent, depth=_depth(marker), text=_protect(rest))
    return _Line(number, "plain", indent, text=_protect(body))


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


def _mark_outline(lines: list[_Line]) -> None:
    """Mark plain lines followed by more-indented lines (an outline pasted without bullets).

    A line that introduces something (ends with ':' or '?') or runs on like a paragraph is prose.
    """
    following: _Line | None = None
    for line in reversed(lines):
        if line.kind == "plain" and following is not None and not line.label and following.indent > line.indent:
            line.opens = not line.plain.endswith((":", "?")) and len(line.plain.split()) <= _OUTLINE_WORDS
        if line.kind != "blank":
            following = line if line.kind in {"plain", "item"} else None


# Markdown decoration and escapes.

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_CODE = re.compile(r"`+([^`]+?)`+")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])|(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _protect(text: str) -> str:
    return _ESCAPED.sub(lambda match: _PROTECT[match[1]], text)


def _plain(text: str) -> str:
    """Return protected text without links, code marks, bold, italics, strike-through or hard breaks."""
    if "[" in text:
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _BREAK.sub(" ", _AUTOLINK.sub(r"\1", text))
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _STRONG.sub(lambda match: match[1] or match[2], text)
        text = _EMPHASIS.sub(lambda match: match[1] or match[2], text)
    if "~" in text:
        text = _STRIKE.sub(r"\1", text)
    if "&" in text:
        text = _ENTITY.sub(lambda match: html.unescape(match[0]), text)
    return text.strip().removesuffix("\\").strip()


def _restore(text: str) -> str:
    return clean_text(text.translate(_RESTORE) if _PROTECTED.search(text) else text)


def _title(text: str) -> str:
    r"""Return finished title text: one trailing period dropped (an escaped '\.' or '...' stays)."""
    text = text.strip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return _restore(text)


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


# Headings: an objective, a key result, or a section title.

_WRITER_HEADING = re.compile(r"^(?P<id>[^\s·]+) · (?P<title>.+)$")
_WRITER_RESULT = re.compile(r"^\*\*(?P<id>\S+?)\*\*\s+(?P<title>\S.*)$")
_IGNORED_SECTIONS = frozenset(
    {"mission", "vision", "strategy", "pillars", "strategic pillars", "teams", "kpis", "kpi", "metrics",
     "health metrics", "notes", "initiatives", "comments", "appendix", "glossary", "mission and pillars"}
)  # fmt: skip
_OKR_WORDS = re.compile(r"\b(?:okrs?|objectives|key results|krs|goals)\b", re.IGNORECASE)
_TITLE_DASH = re.compile(r"\s+[—–-]\s+")
_UNNAMED = frozenset({"okrs", "okr", "objectives"})  # the title plan_to_markdown gives a plan without organisation


def _assign_roles(lines: list[_Line]) -> None:
    headings = [index for index, line in enumerate(lines) if line.kind == "heading"]
    for position, index in enumerate(headings):
        end = headings[position + 1] if position + 1 < len(headings) else len(lines)
        lines[index].role = _heading_role(lines, index, end)


def _heading_role(lines: list[_Line], index: int, end: int) -> tuple[Any, ...]:
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


def _has_subheadings(lines: list[_Line], index: int) -> bool:
    """Return True when the next heading or list item is a deeper heading other than a key result."""
    heading = lines[index]
    following = next((line for line in islice(lines, index + 1, None) if line.kind in {"heading", "item"}), None)
    if following is None or following.kind != "heading" or following.level <= heading.level:
        return False
    return not (following.label and following.label[0] in {"result", "results", "results-header"})


def _titled_cycle(text: str) -> tuple[str | None, str] | None:
    """Return (organisation, cycle) for a title such as 'Acme — 2026-Q1', else None."""
    for match in reversed(list(_TITLE_DASH.finditer(text))):
        cycle = _restore(text[match.end() :])
        if _is_cycle(cycle):
            organisation = _restore(text[: match.start()])
            return (None if organisation.casefold() in _UNNAMED else organisation, cycle)
    return None


def _is_cycle(text: str) -> bool:
    try:
        Cycle.model_validate(text)
    except ValidationError:
        return False
    return True


# Fields: 'Owner: Dana' under an objective or key result, 'Cycle: 2026-Q1' for the plan.

_FIELD = re.compile(r"^(?P<key>[^\W\d_][\w →/-]{0,24}?)\s*:\s*(?P<value>\S.*)$")
_OBJECTIVE_FIELDS = {
    "owner": "owner", "team": "team", "type": "type", "aligns to": "aligns_to", "cycle": "cycle",
    "description": "description",
}  # fmt: skip
_RESULT_FIELDS = {
    "owner": "owner", "metric": "metric", "unit": "unit", "baseline": "baseline", "target": "target",
    "current": "current", "direction": "direction", "deadline": "deadline", "due": "deadline",
    "due date": "deadline", "kpi": "kpi", "kind": "kind", "baseline → target": "baseline → target",
}  # fmt: skip
_PLAN_FIELDS = {
    "cycle": "cycle", "quarter": "cycle", "period": "cycle",
    "team": "team", "organisation": "organisation", "organization": "organisation", "company": "organisation",
    "mission": "mission",
}  # fmt: skip
_UNUSED_FIELDS = frozenset({"ignore", "id", "status", "progress", "score", "confidence", "notes"})
_KNOWN_FIELDS = frozenset(_OBJECTIVE_FIELDS) | frozenset(_RESULT_FIELDS) | frozenset(_PLAN_FIELDS) | _UNUSED_FIELDS
# Fields are split at ' · ' only before a known key, so values may hold ' · ' themselves.
_FIELD_KEYS = "|".join(re.escape(key).replace(r"\ ", r"\s+") for key in sorted(_KNOWN_FIELDS, key=len, reverse=True))
_FIELD_SPLIT = re.compile(rf" · (?=(?:{_FIELD_KEYS})\s*:)", re.IGNORECASE)
_ITEM_FIELDS = frozenset({"owner", "team"}) | frozenset(_PLAN_FIELDS)
_DATE_RANGE = re.compile(
    r"^(?:(?P<label>.*?)\s*\()?\s*(?P<start>\d{4}-\d{2}-\d{2})\s*(?:→|->|–|—|to|until|\.\.)\s*"
    r"(?P<end>\d{4}-\d{2}-\d{2})\s*\)?$"
)
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_NUMBER_AND_UNIT = re.compile(r"^(?P<number>[-+]?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(?P<unit>.*)$")


def _field_pairs(text: str) -> list[tuple[str, str]] | None:
    """Return the (key, value) pairs of a line such as 'Team: Growth · Owner: Dana', else None."""
    pairs: list[tuple[str, str]] = []
    for part in _FIELD_SPLIT.split(text):
        match = _FIELD.match(part.strip())
        key = " ".join(match["key"].lower().split()) if match else ""
        if not match or key not in _KNOWN_FIELDS:
            return None
        pairs.append((key, _restore(match["value"])))
    return pairs


def _numeric(text: str) -> Any:
    """Return a plain number as a float (full precision), anything else ('60%', '$1.2M') as text."""
    return float(text) if _PLAIN_NUMBER.fullmatch(text) else text


def _cycle_value(text: str) -> Any:
    """Return a cycle as a label, or as label, start and end for '<label> (2026-01-05 → 2026-03-27)'."""
    match = _DATE_RANGE.match(text)
    if not match:
        return text
    label = (match["label"] or "").strip()
    if label and _is_cycle(label):
        return label
    value = {"start": match["start"], "end": match["end"]}
    return {"label": label, **value} if label else value


# Inline lists of key results: 'Launch a new app, Increase followers by 50%, and Boost retention'.

_INLINE_RESULTS = re.compile(r"\s*[;.,]?\s*\b(?:key\s+results?|krs)\s*:\s*", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_VERB_LISTS = ("increase_verbs", "decrease_verbs", "reach_verbs", "task_verbs", "general_verbs", "vague_verbs")


def _split_results(text: str) -> list[str]:
    """Split a one-line list of results where the next piece starts with a capital or a verb."""
    pieces, start = [], 0
    for match in _LIST_SEPARATOR.finditer(text):
        if _starts_result(text[match.end() :]):
            pieces.append(text[start : match.start()])
            start = match.end()
    pieces.append(text[start:])
    return [title for piece in pieces if (title := _title(piece.strip(" ,;")))]


def _starts_result(text: str) -> bool:
    word = _WORD.match(text)
    return word is not None and (text[0].isupper() or word[0].lower() in _verbs())


@cache
def _verbs() -> frozenset[str]:
    from okrcoach.wordlists import load_wordlist

    words = {term.split()[0] for name in _VERB_LISTS for term in load_wordlist(name).terms}
    return frozenset(words | {term.split()[0] for term in load_wordlist("maintain_phrases").terms})


# The reader: gives each line its meaning in the light of the lines before it.


@dataclass(slots=True)
class _Scope:
    """Which unlabelled list items below an objective or 'Key Results:' line are its key results."""

    floor: Rank | None = None  # items must rank at least this (None: any item)
    strict: bool = False  # items must rank above the floor
    heading: bool = False  # a Markdown heading's scope: prose does not end it
    plain: bool = False  # indented lines without bullets count (an outline pasted without bullets)
    results: Rank | None = None  # rank of the first key result; deeper items are notes
    skip: bool = False  # the items are KPIs listed under 'KPIs:', not key results

    def accepts(self, line: _Line) -> bool:
        if line.kind == "plain" and not self.plain:
            return False
        if self.floor is None:
            return True
        return line.rank > self.floor if self.strict else line.rank >= self.floor


@dataclass(slots=True)
class _Reader:
    """The plan being read, and what the lines read so far mean for the next one."""

    source: str
    label_free: bool
    where: dict[Path, int] = field(default_factory=dict)
    plan: dict[str, Any] = field(default_factory=dict)
    objectives: list[dict[str, Any]] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    team: str | None = None
    objective_cycle: tuple[Any, int] | None = None  # a later 'Cycle:' line: the cycle of objectives below it
    current: Path | None = None  # the objective that key results join
    scope: _Scope | None = None
    last: Path | None = None  # the item that 'Owner:' lines apply to
    listed: tuple[Path, int] | None = None  # the list item that indented lines continue
    awaiting: Path | None = None  # a bare 'Objective 1:' waiting for its title on the next line
    from_writer: bool = False  # under a heading 'O1 · Title' written by plan_to_markdown
    outline: bool = False  # under 'Objectives:' or '## OKRs': top-level items are objectives
    ignoring: bool = False  # inside a '## KPIs' or '## Strategy' section
    after_blank: bool = True
    title: tuple[str, int] | None = None  # a document title whose cycle may be a custom one

    def feed(self, line: _Line) -> None:
        """Read one line."""
        if line.kind == "blank":
            self.after_blank = True
            return
        if line.kind == "heading":
            self._heading(line)
        elif line.kind == "code":
            self._prose(line)
        elif not self.ignoring:
            self._content(line)
        self.after_blank = False

    def finish(self) -> dict[str, Any]:
        """Return the plan as plain data, or raise LoadError with every problem found."""
        if not self.objectives:
            self.problems.append(LoadProblem(self.source, NO_OBJECTIVES))
        if self.problems:
            raise LoadError(sorted(self.problems, key=lambda problem: (problem.line is None, problem.line or 0)))
        return {**self.plan, "objectives": self.objectives}

    def _heading(self, line: _Line) -> None:
        self.ignoring = self.outline = False
        self.awaiting = self.listed = self.last = None
        kind, *details = line.role
        if kind == "objective":
            self._objective(line, details[0], from_writer=details[1])
            self.scope = _Scope(heading=True)
        elif kind == "label":
            self._labelled(line, details[0], details[1], heading=True)
        elif kind != "skip":
            self._leave_objective()
            self.ignoring = kind == "ignore"
            self.outline = kind == "outline"
            if kind == "section" and details:
                self._titled(line, *details)
            elif kind == "section" and line.level == 1:
                self.title = (_restore(line.plain), line.number)

    def _leave_objective(self) -> None:
        self.current = self.scope = None
        self.from_writer = False

    def _titled(self, line: _Line, organisation: str | None, cycle: str) -> None:
        if organisation and "organisation" not in self.plan:
            self.plan["organisation"] = organisation
            self.where[("organisation",)] = line.number
        if "cycle" not in self.plan:
            self.plan["cycle"] = cycle
            self.where[("cycle",)] = line.number

    def _content(self, line: _Line) -> None:
        if self._writer_result(line):
            return
        if line.label:
            self._labelled(line, *line.label)
        elif self.awaiting:
            self._item(self.awaiting)["title"] = _title(line.plain)
            self.awaiting = None
        elif self._fields(line):
            self.listed = None
        elif self._continues(line):
            return
        elif line.kind == "item" or (line.kind == "plain" and (line.opens or self._in_plain_outline(line))):
            self._listed(line)
        else:
            self._prose(line)

    def _writer_result(self, line: _Line) -> bool:
        if not (line.kind == "item" and self.from_writer and self.scope and self.scope.heading):
            return False
        match = _WRITER_RESULT.match(line.text)
        if not match:
            return False
        self._result(line, _title(_plain(match["title"])))
        return True

    def _labelled(self, line: _Line, kind: str, text: str, heading: bool = False) -> None:
        self.awaiting = self.listed = None
        floor = None if heading else (line.rank if line.kind == "item" else (line.indent, 0))
        if kind == "objective":
            self._objective(line, text)
            self.scope = _Scope(floor, heading=heading)
        elif kind == "objectives":
            self._leave_objective()
            self.outline = True
        elif kind == "kpis":
            self._leave_objective()
            self.scope = _Scope(floor, strict=line.kind == "item", heading=heading, skip=True)
        elif kind == "results-header":
            self.scope = _Scope(floor, heading=heading or bool(self.scope and self.scope.heading))
        elif kind == "results":
            for title in _split_results(text):
                self._result(line, title)
        else:
            self._result(line, _title(text))
        if line.kind == "item" and self.last and kind in {"objective", "result"}:
            self.listed = (self.last, line.indent)

    def _objective(self, line: _Line, text: str, from_writer: bool = False) -> None:
        inline = _INLINE_RESULTS.search(text) if not from_writer else None
        title = _title(text[: inline.start()] if inline else text)
        objective: dict[str, Any] = {"title": title, "key_results": []}
        path: Path = ("objectives", len(self.objectives))
        if self.team:
            objective["team"] = self.team
        if self.objective_cycle:
            objective["cycle"] = self.objective_cycle[0]
            self.where[(*path, "cycle")] = self.objective_cycle[1]
        self.objectives.append(objective)
        self.where[path] = line.number
        self.current = path
        self.from_writer = from_writer
        self.last = path
        self.awaiting = None if title or inline else path
        for result in _split_results(text[inline.end() :]) if inline else ():
            self._result(line, result)
        self.last = path

    def _result(self, line: _Line, title: str) -> None:
        if self.current is None:
            named = f"key result '{shorten(title, 60)}'" if title else "a key result"
            message = f"{named} comes before any objective: add an 'Objective:' line above it"
            self.problems.append(LoadProblem(self.source, message, line=line.number))
            self.last = None
            return
        results = self._item(self.current)["key_results"]
        path: Path = (*self.current, "key_results", len(results))
        results.append({"title": title})
        self.where[path] = line.number
        self.last = path
        self.awaiting = None if title else path
        if line.kind == "item":
            self.listed = (path, line.indent)

    def _item(self, path: Path) -> dict[str, Any]:
        item = self.objectives[int(path[1])]
        return item["key_results"][path[3]] if len(path) > 2 else item

    def _listed(self, line: _Line) -> None:
        scope = self.scope
        if scope and scope.accepts(line):
            if scope.skip or (scope.results is not None and line.rank > scope.results):
                self.last = self.listed = None  # a note under a key result
                return
            scope.results = line.rank if scope.results is None else min(scope.results, line.rank)
            self._result(line, _title(line.plain))
        elif self.label_free or self.outline:
            self._objective(line, line.plain)
            self.scope = _Scope(line.rank, strict=True, plain=line.kind == "plain")
            if line.kind == "item":
                self.listed = (("objectives", len(self.objectives) - 1), line.indent)
        else:
            self._prose(line)

    def _in_plain_outline(self, line: _Line) -> bool:
        return bool(self.scope and self.scope.plain and self.scope.accepts(line))

    def _continues(self, line: _Line) -> bool:
        """Join an indented line to the list item above it, as Markdown does with wrapped items."""
        if line.kind != "plain" or not self.listed or self.after_blank or line.indent <= self.listed[1]:
            return False
        item = self._item(self.listed[0])
        item["title"] = clean_text(f"{item['title']} {_title(line.plain)}")
        return True

    def _prose(self, line: _Line) -> None:
        """Ignore a line of prose; a paragraph of its own, or one introducing a list, ends the key results."""
        self.last = self.listed = None
        self.outline = False
        scope = self.scope
        if not scope or scope.heading or (scope.floor is not None and line.indent > scope.floor[0]):
            return
        if self.after_blank or line.kind == "code" or line.plain.endswith((":", "?")):
            self.scope = None

    def _fields(self, line: _Line) -> bool:
        pairs = _field_pairs(line.plain)
        if pairs is None or (line.kind == "item" and any(key not in _ITEM_FIELDS for key, _ in pairs)):
            return False
        applied = [self._field(line, key, value) for key, value in pairs]
        return any(applied)

    def _field(self, line: _Line, key: str, value: str) -> bool:
        if self.last is not None:
            is_result = len(self.last) > 2
            fields = _RESULT_FIELDS if is_result else _OBJECTIVE_FIELDS
            if key in fields:
                self._set(line, self.last, fields[key], value)
                return True
        if key in _PLAN_FIELDS:
            self._header(line, _PLAN_FIELDS[key], value)
            return True
        return self.last is not None and key in _KNOWN_FIELDS

    def _set(self, line: _Line, path: Path, name: str, value: str) -> None:
        item = self._item(path)
        if name == "baseline → target":
            baseline, _, target = value.partition("→")
            item["baseline"] = _numeric(baseline.strip())
            number = _NUMBER_AND_UNIT.match(target.strip())
            item["target"] = _numeric(number["number"]) if number else target.strip()
            if number and number["unit"] and "unit" not in item:
                item["unit"] = number["unit"]
            for name in ("baseline", "target", "unit"):
                self.where[(*path, name)] = line.number
            return
        if name == "aligns_to":
            item[name] = [part.strip() for part in value.split(",") if part.strip()]
        elif name in {"baseline", "target", "current"}:
            item[name] = _numeric(value)
        else:
            item[name] = _cycle_value(value) if name == "cycle" else value
        self.where[(*path, name)] = line.number

    def _header(self, line: _Line, name: str, value: str) -> None:
        if name == "team":
            self.team = value
        elif name == "mission":
            self.plan.setdefault("strategy", {})["mission"] = value
            self.where[("strategy",)] = line.number
        elif name == "cycle" and "cycle" in self.plan and self.objectives:
            self.objective_cycle = (_cycle_value(value), line.number)
        else:
            self.plan[name] = _cycle_value(value) if name == "cycle" else value
            self.where[(name,)] = line.number
        if name == "cycle" and self.title and "organisation" not in self.plan:
            self._organisation_from_title(self.plan["cycle"], *self.title)

    def _organisation_from_title(self, cycle: Any, title: str, number: int) -> None:
        """Read '# Acme — Spring push' as organisation Acme once 'Cycle: Spring push (...)' confirms it."""
        label = cycle.get("label") if isinstance(cycle, dict) else cycle
        organisation, dash, rest = title.rpartition(" — ")
        if dash and rest == label and organisation and organisation.casefold() not in _UNNAMED:
            self.plan["organisation"] = organisation
            self.where[("organisation",)] = number
