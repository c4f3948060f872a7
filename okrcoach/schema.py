"""The OKR file format as a JSON Schema, generated from the model so the two cannot drift."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from okrcoach.model import ID_PATTERN, Plan

SCHEMA_ID = "https://okrcoach.dev/schema/okr-file.json"

_NUMBER = {
    "anyOf": [
        {"type": "number"},
        {"type": "string", "description": "A number with a unit, e.g. '60%', '$120M', '4 hours', '10k'."},
        {"type": "null"},
    ]
}
_PERIOD = "^(FY)?\\d{4}([- ]?(Q[1-4]|H[12]))?$|^Q[1-4][- ]?(FY)?\\d{4}$|^\\d{4}-\\d{2}$"
_CYCLE = {
    "anyOf": [
        {"type": "string", "pattern": _PERIOD, "examples": ["2026-Q1", "2026-H2", "2026", "2026-03"]},
        {"type": "integer", "minimum": 1900, "maximum": 2999},
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["start", "end"],
            "properties": {
                "label": {"type": "string"},
                "start": {"type": "string", "format": "date"},
                "end": {"type": "string", "format": "date"},
            },
        },
        {"type": "null"},
    ],
    "description": "The planning cycle: a quarter, half, year, month or explicit start and end dates.",
}
_IGNORE = {
    "description": "Rules switched off here, each with the reason why.",
    "anyOf": [
        {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}},
        {"type": "array", "items": {"$ref": "#/$defs/Ignore"}},
    ],
}


@cache
def _schema() -> dict[str, Any]:
    schema = Plan.model_json_schema(mode="validation")
    definitions = schema["$defs"]
    _patch_plan(schema)
    _patch_objective(definitions["Objective"])
    _patch_key_result(definitions["KeyResult"])
    _patch_kpi(definitions["KPI"], definitions["Thresholds"])
    for name in ("Pillar", "Team"):
        definitions[name]["properties"]["id"]["pattern"] = ID_PATTERN
    definitions["Strategy"]["properties"]["pillars"]["items"] = {
        "anyOf": [{"type": "string"}, {"$ref": "#/$defs/Pillar"}]
    }
    definitions.pop("Cycle", None)
    definitions.pop("Cadence", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "okrcoach OKR file",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the OKR file format (draft 2020-12), for editors and CI."""
    return copy.deepcopy(_schema())


def _patch_plan(schema: dict[str, Any]) -> None:
    properties = schema["properties"]
    properties["cycle"] = _CYCLE
    properties["team"] = {
        "type": "string",
        "description": "Default team of this file's objectives (one file per team in a folder).",
    }
    properties["teams"]["items"] = {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/Team"}]}
    properties["objectives"]["items"] = {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/Objective"}]}
    schema["description"] = (
        "OKRs and KPIs for one organisation and cycle. Minimal file: a cycle and a list of objectives, "
        "each with a title and key results written as plain strings."
    )


def _patch_objective(objective: dict[str, Any]) -> None:
    properties = objective["properties"]
    properties["id"]["pattern"] = ID_PATTERN
    _accept_aliases(objective, "title", ("name", "objective"))
    properties["key_results"]["items"] = {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/KeyResult"}]}
    properties["aligns_to"] = {
        "description": properties["aligns_to"]["description"],
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
    }
    properties["cycle"] = _CYCLE
    properties["ignore"] = _IGNORE


def _patch_key_result(key_result: dict[str, Any]) -> None:
    properties = key_result["properties"]
    properties["id"]["pattern"] = ID_PATTERN
    _accept_aliases(key_result, "title", ("text", "statement", "key_result", "kr"))
    for field in ("baseline", "target", "current"):
        properties[field] = {**_NUMBER, "description": properties[field]["description"]}
    properties["deadline"] = {
        "description": properties["deadline"]["description"],
        "anyOf": [{"type": "string", "format": "date"}, {"type": "string", "pattern": _PERIOD}, {"type": "null"}],
    }
    properties["ignore"] = _IGNORE


def _accept_aliases(definition: dict[str, Any], field: str, aliases: tuple[str, ...]) -> None:
    """Accept the other spellings the loader accepts for a field: exactly one of them is required."""
    properties = definition["properties"]
    for alias in aliases:
        properties[alias] = {**properties[field], "description": f"Another name for '{field}'."}
    definition.pop("required", None)
    definition["oneOf"] = [{"required": [name]} for name in (field, *aliases)]


def _patch_kpi(kpi: dict[str, Any], thresholds: dict[str, Any]) -> None:
    kpi["properties"]["id"]["pattern"] = ID_PATTERN
    kpi["properties"]["target"] = {**_NUMBER}
    kpi["properties"]["ignore"] = _IGNORE
    for band in ("green", "amber"):
        thresholds["properties"][band] = {**_NUMBER}
