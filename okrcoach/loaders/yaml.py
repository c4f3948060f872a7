"""YAML OKR files -> plain data with line numbers, using only safe YAML."""

from __future__ import annotations

from typing import Any

import yaml

from okrcoach.errors import LoadError, LoadProblem
from okrcoach.loaders.mapping import Path, normalize_key

try:  # libyaml's C parser when the wheel has it: about ten times faster on big plans
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

# Guards against "billion laughs": aliases can make a small file expand to billions of nodes.
MAX_NODES = 5_000_000
_STR_TAG = "tag:yaml.org,2002:str"


def parse_yaml(text: str, source: str) -> tuple[Any, dict[Path, int]]:
    """Return the data in a YAML document and the line of every mapping key and list item.

    Keys are normalized ('Key Results' -> 'key_results') and the line map uses the normalized
    paths, so a validation problem at ('objectives', 0, 'title') finds its line. Duplicate keys,
    which plain YAML loading silently overwrites, are reported instead of losing a value.
    """
    loader = _Loader(text)
    builder = _Builder(loader, source)
    try:
        node = loader.get_single_node()
        data = builder.build(node, ()) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise LoadError([_yaml_problem(error, source)]) from None
    except yaml.YAMLError as error:
        raise LoadError.single(source, f"not valid YAML: {error}") from None
    finally:
        loader.dispose()
    if builder.problems:
        raise LoadError(builder.problems)
    return data, builder.lines


class _Builder:
    """Turn a composed node tree into Python values, recording lines and catching duplicates."""

    def __init__(self, loader: yaml.SafeLoader, source: str) -> None:
        self.loader = loader
        self.source = source
        self.lines: dict[Path, int] = {}
        self.problems: list[LoadProblem] = []
        self.nodes = 0

    def build(self, node: yaml.Node, path: Path, verbatim: bool = False) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise LoadError.single(
                self.source, f"the document expands to more than {MAX_NODES:,} values (too many aliases)"
            )
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, verbatim)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        if node.tag == _STR_TAG:
            return node.value
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: Path, verbatim: bool) -> dict[Any, Any]:
        self.loader.flatten_mapping(node)  # resolve '<<' merge keys as safe YAML does
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            raw_key = self.build(key_node, (*path, "<key>"))
            if isinstance(raw_key, list | dict):
                self.problems.append(
                    LoadProblem(self.source, "a mapping key must be plain text", line=key_node.start_mark.line + 1)
                )
                continue
            key = raw_key if verbatim else normalize_key(raw_key)
            if isinstance(key, int | float) and not isinstance(key, bool):
                key = str(key)
            child = (*path, key)
            if key in result:
                self.problems.append(
                    LoadProblem(
                        self.source,
                        f"'{raw_key}' is given twice in the same mapping (first on line {self.lines[child]}); "
                        "keep one so no value is silently lost",
                        line=key_node.start_mark.line + 1,
                        field=str(key),
                    )
                )
                continue
            self.lines[child] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, child, verbatim=key == "ignore")
        self.lines.pop((*path, "<key>"), None)
        return result


def _yaml_problem(error: yaml.MarkedYAMLError, source: str) -> LoadProblem:
    mark = error.problem_mark or error.context_mark
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
