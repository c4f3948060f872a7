"""OKRs pasted from a document, slide, chat, wiki or spreadsheet column -> Plan.

Lines are classified in `text_lines` (with Markdown read by `text_markdown`), and the plan is
built in `text_draft` from them and from 'Key: value' lines (`text_fields`); the reader here
gives each line its meaning in the light of the lines before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from okrcoach.errors import LoadProblem
from okrcoach.loaders.mapping import build_plan
from okrcoach.loaders.text_draft import NO_OBJECTIVES, Path, PlanDraft
from okrcoach.loaders.text_fields import (
    ITEM_FIELDS,
    KNOWN_FIELDS,
    OBJECTIVE_FIELDS,
    PLAN_FIELDS,
    RESULT_FIELDS,
    field_pairs,
)
from okrcoach.loaders.text_lines import Line, Rank, scan
from okrcoach.loaders.text_markdown import INLINE_RESULTS, clean_title, restore, split_results, strip_markdown
from okrcoach.model import Plan
from okrcoach.text import clean_text, shorten

__all__ = ["NO_OBJECTIVES", "parse_text"]

_WRITER_RESULT = re.compile(r"^\*\*(?P<id>\S+?)\*\*\s+(?P<title>\S.*)$")


def parse_text(text: str, source: str = "<text>") -> Plan:
    """Return the Plan in OKRs pasted as text, or raise LoadError listing every problem with its line.

    Reads label lines ('Objective 1: ...', 'KR1.2 - ...', 'Key Results:'), plan headers ('Cycle:',
    'Quarter:', 'Team:'), bullet and numbered lists at any indentation (top-level items are
    objectives, more-indented items their key results), Markdown headings with bullets under
    them, and the inline form 'Objective: X; Key Results: A, B, and C'. Prose is ignored.
    """
    lines = scan(text)
    reader = _Reader(source, label_free=not any(line.label and line.label[0] == "objective" for line in lines))
    for line in lines:
        reader.feed(line)
    data = reader.finish()
    return build_plan(data, source, lambda path: (reader.where.get(tuple(path)), None))


@dataclass(slots=True)
class _Scope:
    """Which unlabelled list items below an objective or 'Key Results:' line are its key results."""

    floor: Rank | None = None  # items must rank at least this (None: any item)
    strict: bool = False  # items must rank above the floor
    heading: bool = False  # a Markdown heading's scope: prose does not end it
    plain: bool = False  # indented lines without bullets count (an outline pasted without bullets)
    results: Rank | None = None  # rank of the first key result; deeper items are notes
    skip: bool = False  # the items are KPIs listed under 'KPIs:', not key results

    def accepts(self, line: Line) -> bool:
        if line.kind == "plain" and not self.plain:
            return False
        if self.floor is None:
            return True
        return line.rank > self.floor if self.strict else line.rank >= self.floor


@dataclass(slots=True)
class _Reader(PlanDraft):
    """The plan being read, and what the lines read so far mean for the next one."""

    label_free: bool = False  # no 'Objective' labels: top-level list items are objectives
    current: Path | None = None  # the objective that key results join
    scope: _Scope | None = None
    last: Path | None = None  # the item that 'Owner:' lines apply to
    listed: tuple[Path, int] | None = None  # the list item that indented lines continue
    awaiting: Path | None = None  # a bare 'Objective 1:' waiting for its title on the next line
    from_writer: bool = False  # under a heading 'O1 · Title' written by plan_to_markdown
    outline: bool = False  # under 'Objectives:' or '## OKRs': top-level items are objectives
    ignoring: bool = False  # inside a '## KPIs' or '## Strategy' section
    after_blank: bool = True

    def feed(self, line: Line) -> None:
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

    def _heading(self, line: Line) -> None:
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
                self.set_titled(line.number, *details)
            elif kind == "section" and line.level == 1:
                self.title = (restore(line.plain), line.number)

    def _leave_objective(self) -> None:
        self.current = self.scope = None
        self.from_writer = False

    def _content(self, line: Line) -> None:
        if self._writer_result(line):
            return
        if line.label:
            self._labelled(line, *line.label)
        elif self.awaiting:
            self.item(self.awaiting)["title"] = clean_title(line.plain)
            self.awaiting = None
        elif self._fields(line):
            self.listed = None
        elif self._continues(line):
            return
        elif line.kind == "item" or (line.kind == "plain" and (line.opens or self._in_plain_outline(line))):
            self._listed(line)
        else:
            self._prose(line)

    def _writer_result(self, line: Line) -> bool:
        if not (line.kind == "item" and self.from_writer and self.scope and self.scope.heading):
            return False
        match = _WRITER_RESULT.match(line.text)
        if not match:
            return False
        self._result(line, clean_title(strip_markdown(match["title"])))
        return True

    def _labelled(self, line: Line, kind: str, text: str, heading: bool = False) -> None:
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
            for title in split_results(text):
                self._result(line, title)
        else:
            self._result(line, clean_title(text))
        if line.kind == "item" and self.last and kind in {"objective", "result"}:
            self.listed = (self.last, line.indent)

    def _objective(self, line: Line, text: str, from_writer: bool = False) -> None:
        inline = INLINE_RESULTS.search(text) if not from_writer else None
        title = clean_title(text[: inline.start()] if inline else text)
        path = self.add_objective(line.number, title)
        self.current = path
        self.from_writer = from_writer
        self.last = path
        self.awaiting = None if title or inline else path
        for result in split_results(text[inline.end() :]) if inline else ():
            self._result(line, result)
        self.last = path

    def _result(self, line: Line, title: str) -> None:
        if self.current is None:
            named = f"key result '{shorten(title, 60)}'" if title else "a key result"
            message = f"{named} comes before any objective: add an 'Objective:' line above it"
            self.problems.append(LoadProblem(self.source, message, line=line.number))
            self.last = None
            return
        path = self.add_result(line.number, self.current, title)
        self.last = path
        self.awaiting = None if title else path
        if line.kind == "item":
            self.listed = (path, line.indent)

    def _listed(self, line: Line) -> None:
        scope = self.scope
        if scope and scope.accepts(line):
            if scope.skip or (scope.results is not None and line.rank > scope.results):
                self.last = self.listed = None  # a note under a key result
                return
            scope.results = line.rank if scope.results is None else min(scope.results, line.rank)
            self._result(line, clean_title(line.plain))
        elif self.label_free or self.outline:
            self._objective(line, line.plain)
            self.scope = _Scope(line.rank, strict=True, plain=line.kind == "plain")
            if line.kind == "item":
                self.listed = (("objectives", len(self.objectives) - 1), line.indent)
        else:
            self._prose(line)

    def _in_plain_outline(self, line: Line) -> bool:
        return bool(self.scope and self.scope.plain and self.scope.accepts(line))

    def _continues(self, line: Line) -> bool:
        """Join an indented line to the list item above it, as Markdown does with wrapped items."""
        if line.kind != "plain" or not self.listed or self.after_blank or line.indent <= self.listed[1]:
            return False
        item = self.item(self.listed[0])
        item["title"] = clean_text(f"{item['title']} {clean_title(line.plain)}")
        return True

    def _prose(self, line: Line) -> None:
        """Ignore a line of prose; a paragraph of its own, or one introducing a list, ends the key results."""
        self.last = self.listed = None
        self.outline = False
        scope = self.scope
        if not scope or scope.heading or (scope.floor is not None and line.indent > scope.floor[0]):
            return
        if self.after_blank or line.kind == "code" or line.plain.endswith((":", "?")):
            self.scope = None

    def _fields(self, line: Line) -> bool:
        pairs = field_pairs(line.plain)
        if pairs is None or (line.kind == "item" and any(key not in ITEM_FIELDS for key, _ in pairs)):
            return False
        applied = [self._field(line, key, value) for key, value in pairs]
        return any(applied)

    def _field(self, line: Line, key: str, value: str) -> bool:
        if self.last is not None:
            is_result = len(self.last) > 2
            fields = RESULT_FIELDS if is_result else OBJECTIVE_FIELDS
            if key in fields:
                self.set_field(line.number, self.last, fields[key], value)
                return True
        if key in PLAN_FIELDS:
            self.set_header(line.number, PLAN_FIELDS[key], value)
            return True
        return self.last is not None and key in KNOWN_FIELDS
