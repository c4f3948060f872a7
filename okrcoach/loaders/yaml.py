"""YAML OKR files -> plain data with line numbers, using only safe YAML.

The document is read as a stream of parser events (libyaml's C parser where the PyYAML wheel
has it) and built here, so that every mapping key and list item gets its line, duplicate keys
are reported instead of silently overwritten, tags that would build Python objects are refused,
and alias bombs stop early. Plain scalars that cannot be anything but text skip PyYAML's
regex-based type resolution, which is most of the cost of loading a large plan.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from okrcoach.errors import LoadError, LoadProblem
from okrcoach.loaders.mapping import Path, normalize_key

try:  # libyaml's C parser when the wheel has it: several times faster on big plans
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

#: Guards against "billion laughs": aliases can make a small file expand to billions of values.
MAX_NODES = 5_000_000

_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "binary")
)
_STR_TAG = "tag:yaml.org,2002:str"
_TAG_KINDS = {
    "tag:yaml.org,2002:int": "whole number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:bool": "yes/no value",
    "tag:yaml.org,2002:timestamp": "date (expected YYYY-MM-DD, e.g. 2026-03-31)",
    "tag:yaml.org,2002:null": "empty value",
    "tag:yaml.org,2002:binary": "base64 value",
}
# A plain scalar starting with anything else is text in YAML 1.1 (no number, bool, null or date).
_MAYBE_TYPED = frozenset("0123456789+-.~=<yYnNtTfFoO")
_WORD_START = frozenset("yYnNtTfFoO")
_YAML_WORDS = frozenset({"y", "yes", "n", "no", "true", "false", "on", "off", "null"})


def parse_yaml(text: str, source: str) -> tuple[Any, dict[Path, int]]:
    """Return the data in a YAML document and the line of every mapping key and list item.

    Keys are normalized ('Key Results' -> 'key_results') and the line map uses the normalized
    paths, so a validation problem at ('objectives', 0, 'title') finds its line.
    """
    builder = _Builder(source)
    loader = _Loader(text)
    try:
        data = builder.build(loader)
    except yaml.MarkedYAMLError as error:
        raise LoadError([_yaml_problem(error, source)]) from None
    except yaml.YAMLError as error:
        raise LoadError.single(source, f"not valid YAML: {error}") from None
    finally:
        loader.dispose()
    if builder.problems:
        raise LoadError(builder.problems)
    return data, builder.lines


class _Container:
    """A mapping or list being built, with the path it sits at."""

    __slots__ = ("value", "path", "key", "key_line", "verbatim", "anchor", "size", "line")

    def __init__(self, value: Any, path: Path, verbatim: bool, anchor: str | None, line: int) -> None:
        self.value = value
        self.path = path
        self.key: Any = _NO_KEY
        self.key_line = 0
        self.verbatim = verbatim
        self.anchor = anchor
        self.size = 1
        self.line = line


_NO_KEY = object()


class _Builder:
    """Turn parser events into Python values, recording lines and catching what plain loading hides."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines: dict[Path, int] = {(): 1}
        self.problems: list[LoadProblem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.constructor = yaml.constructor.SafeConstructor()
        self.resolver = yaml.resolver.Resolver()

    def build(self, loader: Any) -> Any:
        """Build the value of the single document the loader parses."""
        stack: list[_Container] = []
        result: Any = None
        documents = 0
        get_event = loader.get_event
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                if stack and stack[-1].key is _NO_KEY and isinstance(stack[-1].value, dict):
                    self._set_key(stack[-1], event.value, event.start_mark.line + 1)  # keys are always text
                    continue
                value = self._scalar(event, stack)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
                self._count(1)
                if not stack:
                    result = value
                else:
                    stack[-1].size += 1
                    self._add(stack[-1], value, event.start_mark.line + 1)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self._check_tag(event)
                self._count(1)
                path, verbatim = self._child_path(stack)
                empty: Any = {} if kind is MappingStartEvent else []
                stack.append(_Container(empty, path, verbatim, event.anchor, event.start_mark.line + 1))
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                done = stack.pop()
                if done.anchor:
                    self.anchors[done.anchor] = (done.value, done.size)
                if not stack:
                    result = done.value
                else:
                    stack[-1].size += done.size
                    self._add(stack[-1], done.value, done.line)
            elif kind is AliasEvent:
                result = self._alias(event, stack, result)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self._problem("the file holds more than one YAML document ('---'): keep one plan per file", event)
                    return result
            elif kind is StreamEndEvent or event is None:
                return result

    def _alias(self, event: Any, stack: list[_Container], result: Any) -> Any:
        if event.anchor not in self.anchors:
            raise yaml.composer.ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
        value, size = self.anchors[event.anchor]
        self._count(size)
        if not stack:
            return value
        if stack[-1].key is _NO_KEY and isinstance(stack[-1].value, dict):
            self._set_key(stack[-1], value, event.start_mark.line + 1)
            return result
        stack[-1].size += size
        self._add(stack[-1], value, event.start_mark.line + 1)
        return result

    def _child_path(self, stack: list[_Container]) -> tuple[Path, bool]:
        if not stack:
            return (), False
        parent = stack[-1]
        if isinstance(parent.value, list):
            return (*parent.path, len(parent.value)), False
        if parent.key is _NO_KEY:
            return (*parent.path, "<key>"), parent.verbatim
        return (*parent.path, parent.key), parent.key == "ignore"

    def _add(self, parent: _Container, value: Any, line: int) -> None:
        if isinstance(parent.value, list):
            self.lines.setdefault((*parent.path, len(parent.value)), line)
            parent.value.append(value)
            return
        if parent.key is _NO_KEY:
            self._set_key(parent, value, line)
            return
        key, parent.key = parent.key, _NO_KEY
        if key == "<<":
            self._merge(parent, value, line)
            return
        if key in parent.value:
            first = self.lines.get((*parent.path, key), "?")
            self.problems.append(
                LoadProblem(
                    self.source,
                    f"'{key}' is given twice in the same mapping (first on line {first}); keep one so no value is "
                    "silently lost",
                    line=parent.key_line,
                    field=str(key),
                )
            )
            return
        self.lines[(*parent.path, key)] = parent.key_line
        parent.value[key] = value

    def _set_key(self, parent: _Container, key: Any, line: int) -> None:
        if isinstance(key, list | dict):
            self.problems.append(LoadProblem(self.source, "a mapping key must be plain text", line=line))
            key = f"<invalid key on line {line}>"
        if not parent.verbatim:
            key = normalize_key(key)
        if isinstance(key, int | float) and not isinstance(key, bool):
            key = str(key)
        parent.key, parent.key_line = key, line

    def _merge(self, parent: _Container, value: Any, line: int) -> None:
        sources = value if isinstance(value, list) else [value]
        for source in sources:
            if not isinstance(source, dict):
                self.problems.append(LoadProblem(self.source, "'<<' can only merge mappings", line=line))
                continue
            for key, item in source.items():
                parent.value.setdefault(key, item)
                self.lines.setdefault((*parent.path, key), line)

    def _scalar(self, event: ScalarEvent, stack: list[_Container]) -> Any:
        value = event.value
        tag = event.tag
        if tag is not None:
            self._check_tag(event)
        if tag in (None, "!"):
            plain = event.implicit[0] and not event.style
            if not plain or not value or value[0] not in _MAYBE_TYPED:
                return value
            if value[0] in _WORD_START and value.lower() not in _YAML_WORDS:
                return value
            tag = self.resolver.resolve(yaml.ScalarNode, value, (True, False))
        if tag in (_STR_TAG, "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"):
            return value  # '<<' merge keys are handled by the mapping that holds them
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, yaml.YAMLError):
            kind = _TAG_KINDS.get(tag, tag.rsplit(":", 1)[-1])
            path, _ = self._child_path(stack)
            field = ".".join(str(part) for part in path if part != "<key>") or None
            message = f"{value!r} is not a valid {kind}"
            self.problems.append(LoadProblem(self.source, message, line=event.start_mark.line + 1, field=field))
            return value

    def _check_tag(self, event: Any) -> None:
        tag = getattr(event, "tag", None)
        if tag in (None, "!") or tag in _STANDARD_TAGS:
            return
        raise yaml.constructor.ConstructorError(
            None, None, f"could not determine a constructor for the tag {tag!r}", event.start_mark
        )

    def _count(self, size: int) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            raise LoadError.single(
                self.source, f"the document expands to more than {MAX_NODES:,} values (too many aliases)"
            )

    def _merge_size(self, stack: list[_Container], size: int) -> None:
        if stack:
            stack[-1].size += size

    def _problem(self, message: str, event: Any) -> None:
        self.problems.append(LoadProblem(self.source, message, line=event.start_mark.line + 1))


def _yaml_problem(error: yaml.MarkedYAMLError, source: str) -> LoadProblem:
    mark = error.problem_mark or error.context_mark
    if error.context_mark is not None and "end of stream" in (error.problem or ""):
        mark = error.context_mark  # an unclosed quote or bracket: point at where it opens
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    problem = error.problem or "syntax error"
    if isinstance(error, yaml.constructor.ConstructorError) and "tag" in problem:
        tag = problem.split("tag", 1)[1].strip(" '")
        message = (
            f"YAML tag {tag!r} is not allowed: okrcoach reads only plain YAML values "
            "(text, numbers, dates, lists, mappings) and never builds Python objects"
        )
        return LoadProblem(source, message, line=line, column=column)
    hint = f" ({error.context})" if error.context else ""
    return LoadProblem(source, f"not valid YAML: {problem}{hint}", line=line, column=column)
