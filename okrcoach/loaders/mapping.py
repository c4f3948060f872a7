"""Plain data (dicts and lists from any loader) -> Plan, with every problem collected at once."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from okrcoach.errors import LoadError, LoadProblem
from okrcoach.model import (
    KPI,
    Cycle,
    Ignore,
    KeyResult,
    Objective,
    Origin,
    Pillar,
    Plan,
    Strategy,
    Team,
    Thresholds,
    assign_ids,
)
from okrcoach.text import clean_text, shorten

Path = tuple[str | int, ...]
#: Given a path into the data, return (line, row) where it was written, or (None, None).
Locator = Callable[[Path], tuple[int | None, int | None]]

# Under these keys the mapping keys are the user's own words (rule names), not field names.
_VERBATIM_KEYS = frozenset({"ignore"})

_MODEL_OF_FIELD: dict[str, type[BaseModel]] = {
    "objectives": Objective,
    "key_results": KeyResult,
    "kpis": KPI,
    "teams": Team,
    "pillars": Pillar,
    "strategy": Strategy,
    "cycle": Cycle,
    "thresholds": Thresholds,
    "ignore": Ignore,
}


def normalize_key(key: Any) -> Any:
    """Return a field name in canonical form: 'Key Results' and 'key-results' become 'key_results'."""
    if not isinstance(key, str):
        return key
    return clean_text(key).lower().replace("-", "_").replace(" ", "_")


def normalize_keys(data: Any, *, verbatim: bool = False) -> Any:
    """Return data with every mapping key normalized (except under 'ignore', whose keys are rule names)."""
    if isinstance(data, Mapping):
        return {
            (key if verbatim else normalize_key(key)): normalize_keys(value, verbatim=normalize_key(key) in _VERBATIM_KEYS)
            for key, value in data.items()
        }
    if isinstance(data, list | tuple):
        return [normalize_keys(item) for item in data]
    return data


def build_plan(data: Any, source: str, locate: Locator | None = None, *, id_prefix: str | None = None) -> Plan:
    """Validate plain data against the OKR file format and return the Plan, or raise LoadError.

    A top-level `team:` is the default team of the file's objectives (one file per team).
    With `id_prefix`, objectives without an id get '<prefix>.O1', ... (files in a folder).
    """
    locate = locate or (lambda path: (None, None))
    if data is None:
        raise LoadError.single(source, "the file is empty: expected a mapping with 'objectives' (see `okrcoach schema`)")
    if isinstance(data, list):
        data = {"objectives": data}
    if not isinstance(data, Mapping):
        raise LoadError.single(
            source, f"expected a mapping with 'cycle' and 'objectives' at the top, got {_kind(data)}", line=1
        )
    data = _apply_file_defaults(dict(data), id_prefix)
    if isinstance(data.get("objectives"), list):
        data["objectives"] = assign_ids(data["objectives"])
    duplicates = _duplicate_ids(data, source, locate)
    try:
        plan = Plan.model_validate(data)
    except ValidationError as error:
        problems = _problems(error, source, locate)
        if duplicates:  # reported precisely below instead of once for the whole plan
            problems = [problem for problem in problems if "is used twice" not in problem.message]
        raise LoadError(sorted([*problems, *duplicates], key=lambda p: p.line or p.row or 0)) from None
    return plan.with_origins(source, _origins(plan, source, locate))


def _duplicate_ids(data: Mapping[str, Any], source: str, locate: Locator) -> list[LoadProblem]:
    """Return a problem for every id used again, where it is used again."""
    first: dict[str, tuple[Path, str]] = {}
    problems = []
    for item_id, path, kind in _ids(data):
        if item_id not in first:
            first[item_id] = (path, kind)
            continue
        line, row = _nearest(path, locate)
        earlier, earlier_kind = first[item_id]
        message = (
            f"{kind} id {item_id!r} is used twice (first by the {earlier_kind} at {_dotted(earlier[:-1])}): "
            "give each one its own id"
        )
        problems.append(LoadProblem(source, message, line=line, row=row, field=_dotted(path)))
    return problems


def _ids(data: Mapping[str, Any]) -> Iterator[tuple[str, Path, str]]:
    objectives = data.get("objectives")
    for index, objective in enumerate(objectives if isinstance(objectives, list) else ()):
        if not isinstance(objective, Mapping):
            continue
        if isinstance(objective.get("id"), str):
            yield objective["id"], ("objectives", index, "id"), "objective"
        key_results = objective.get("key_results")
        for number, key_result in enumerate(key_results if isinstance(key_results, list) else ()):
            if isinstance(key_result, Mapping) and isinstance(key_result.get("id"), str):
                yield key_result["id"], ("objectives", index, "key_results", number, "id"), "key result"
    kpis = data.get("kpis")
    for index, kpi in enumerate(kpis if isinstance(kpis, list) else ()):
        if isinstance(kpi, Mapping) and isinstance(kpi.get("id"), str):
            yield kpi["id"], ("kpis", index, "id"), "KPI"


def _apply_file_defaults(data: dict[str, Any], id_prefix: str | None) -> dict[str, Any]:
    team = data.pop("team", None)
    objectives = data.get("objectives")
    if not isinstance(objectives, list) or (team is None and id_prefix is None):
        return data
    updated = []
    for index, objective in enumerate(objectives, 1):
        if isinstance(objective, str):
            objective = {"title": objective}
        if isinstance(objective, Mapping):
            objective = dict(objective)
            if team is not None and objective.get("team") in (None, ""):
                objective["team"] = team
            if id_prefix and objective.get("id") in (None, ""):
                objective["id"] = f"{id_prefix}.O{index}"
        updated.append(objective)
    data["objectives"] = updated
    return data


def _origins(plan: Plan, source: str, locate: Locator) -> dict[str, Origin]:
    origins: dict[str, Origin] = {}
    for index, objective in enumerate(plan.objectives):
        origins[objective.id] = _origin(source, ("objectives", index), locate)
        for number, key_result in enumerate(objective.key_results):
            line, row = locate(("objectives", index, "key_results", number))
            origins[key_result.id] = Origin(source, f"/objectives/{index}/key_results/{number}", line or row)
    for index, kpi in enumerate(plan.kpis):
        origins[kpi.id] = _origin(source, ("kpis", index), locate)
    return origins


def _origin(source: str, path: Path, locate: Locator) -> Origin:
    line, row = locate(path)
    return Origin(source, "/" + "/".join(map(str, path)), line if line is not None else row)


def _problems(error: ValidationError, source: str, locate: Locator) -> list[LoadProblem]:
    problems = []
    for detail in error.errors(include_url=False):
        path = tuple(part for part in detail["loc"] if not _is_union_tag(part))
        line, row = _nearest(path, locate)
        message = _message(detail, path)
        problems.append(LoadProblem(source, message, line=line, row=row, field=_dotted(path) or None))
    problems.sort(key=lambda problem: (problem.line or problem.row or 0))
    return _dedupe(problems)


def _message(detail: Any, path: Path) -> str:
    kind = detail["type"]
    value = detail.get("input")
    if kind == "missing":
        return f"required field '{path[-1]}' is missing" if path else "a required field is missing"
    if kind == "extra_forbidden":
        return _unknown_field(path)
    if kind in {"value_error", "assertion_error"}:
        return str(detail.get("ctx", {}).get("error") or detail["msg"]).removeprefix("Value error, ")
    if kind in {"string_too_short", "too_short"}:
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return f"expected an id without spaces or '/' (at most 80 characters), got {_show(value)}"
    if kind in {"enum", "literal_error"}:
        expected = detail.get("ctx", {}).get("expected", "")
        return f"expected one of {expected}, got {_show(value)}"
    if kind.startswith(("float", "int")):
        return f"expected a number such as 4, 60% or $120M, got {_show(value)}"
    if kind.startswith("date"):
        return f"expected a date such as 2026-03-31, got {_show(value)}"
    if kind in {"tuple_type", "list_type"}:
        return f"expected a list, got {_kind(value)}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"expected a mapping of fields, got {_kind(value)}"
    if kind == "string_type":
        return f"expected text, got {_kind(value)}"
    return f"{detail['msg']}, got {_show(value)}"


def _unknown_field(path: Path) -> str:
    name = str(path[-1])
    parent = next((part for part in reversed(path[:-1]) if isinstance(part, str)), None)
    model = _MODEL_OF_FIELD.get(parent or "", Plan)
    allowed = sorted(model.model_fields)
    close = difflib.get_close_matches(name, allowed, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown field '{name}'{hint}; expected one of: {', '.join(allowed)}"


def _nearest(path: Path, locate: Locator) -> tuple[int | None, int | None]:
    for end in range(len(path), -1, -1):
        line, row = locate(path[:end])
        if line is not None or row is not None:
            return line, row
    return None, None


def _is_union_tag(part: str | int) -> bool:
    return isinstance(part, str) and (part.startswith(("function-", "union[")) or part in {"tagged-union"})


def _dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(shorten(value, 60))
    if isinstance(value, Mapping | list | tuple):
        return _kind(value)
    return repr(value)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a yes/no value ({value})"
    if isinstance(value, str):
        return f"text {shorten(value, 40)!r}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, int | float):
        return f"a number ({value})"
    return type(value).__name__


def _dedupe(problems: list[LoadProblem]) -> list[LoadProblem]:
    seen: set[tuple[Any, ...]] = set()
    unique = []
    for problem in problems:
        key = (problem.line, problem.row, problem.field, problem.message)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique
