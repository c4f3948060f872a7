"""The JSON Schema of the OKR file format: valid, accepts the bundled files, refuses bad ones, matches the model."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

import okrcoach
from okrcoach.model import KPI, KeyResult, Objective

REPOSITORY = Path(__file__).resolve().parent.parent
DATASETS = REPOSITORY / "datasets"
MINIMAL = DATASETS / "examples" / "minimal.yaml"
SAMPLE = DATASETS / "companies" / "greencycle" / "okrs.yaml"
EXAMPLES = sorted((DATASETS / "examples").rglob("*.yaml"))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(okrcoach.json_schema())


def _document(text: str) -> Any:
    """Return YAML text as JSON data: what an editor or CI job hands to a schema validator."""
    return _json_types(yaml.safe_load(text))


def _json_types(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _json_types(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_types(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _errors(validator: Draft202012Validator, document: Any) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(document)]


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = okrcoach.json_schema()

    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_is_plain_json() -> None:
    schema = okrcoach.json_schema()

    assert json.loads(json.dumps(schema)) == schema


def test_each_call_returns_a_fresh_copy() -> None:
    schema = okrcoach.json_schema()
    schema["title"] = "changed"

    assert okrcoach.json_schema()["title"] != "changed"


def test_minimal_file_is_valid(validator: Draft202012Validator) -> None:
    assert _errors(validator, _document(MINIMAL.read_text(encoding="utf-8"))) == []


def test_sample_company_is_valid(validator: Draft202012Validator) -> None:
    assert _errors(validator, _document(SAMPLE.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: str(path.relative_to(DATASETS)))
def test_every_example_file_is_valid(validator: Draft202012Validator, path: Path) -> None:
    assert _errors(validator, _document(path.read_text(encoding="utf-8"))) == []


def test_examples_include_the_team_folder() -> None:
    assert {path.name for path in EXAMPLES} >= {"minimal.yaml", "company.yaml", "marketing.yaml", "support.yaml"}


@pytest.mark.parametrize("path", [MINIMAL, SAMPLE], ids=["minimal", "greencycle"])
def test_yaml_written_by_dumps_is_valid(validator: Draft202012Validator, path: Path) -> None:
    text = okrcoach.dumps(okrcoach.load(path))

    assert _errors(validator, _document(text)) == []


def test_json_written_by_dumps_is_valid(validator: Draft202012Validator) -> None:
    text = okrcoach.dumps(okrcoach.load(SAMPLE), "json")

    assert _errors(validator, json.loads(text)) == []


def test_merged_team_folder_written_by_dumps_is_valid(validator: Draft202012Validator) -> None:
    text = okrcoach.dumps(okrcoach.load(DATASETS / "examples" / "team-folder"))

    assert _errors(validator, _document(text)) == []


@pytest.mark.parametrize(
    "document",
    [
        {"cycle": "2026-Q1", "objectives": [{"title": "Grow", "colour": "green"}]},
        {"cycle": "2026-Q1", "objectives": [{"title": "Grow", "key_results": [{"title": "x", "colour": "green"}]}]},
        {"cycle": "2026-Q1", "objectivs": []},
        {"cycle": "2026-Q1", "objectives": [{"title": "Grow", "key_results": [42]}]},
        {"cycle": "next spring", "objectives": []},
        {"cycle": "2026-Q5", "objectives": []},
        {"cycle": "2026-Q1", "objectives": [{"key_results": ["x"]}]},
        {"cycle": "2026-Q1", "objectives": [{"id": "has space", "title": "Grow"}]},
        {"cycle": "2026-Q1", "objectives": [{"title": "Grow", "type": "maybe"}]},
        {"cycle": "2026-Q1", "objectives": [], "kpis": [{"id": "k", "name": "K", "direction": "sideways"}]},
    ],
    ids=[
        "unknown-objective-field",
        "unknown-key-result-field",
        "unknown-top-level-field",
        "key-result-as-a-number",
        "cycle-in-words",
        "cycle-quarter-five",
        "objective-without-title",
        "id-with-space",
        "unknown-objective-type",
        "unknown-kpi-direction",
    ],
)
def test_invalid_documents_fail(validator: Draft202012Validator, document: dict[str, Any]) -> None:
    assert _errors(validator, document) != []


@pytest.mark.parametrize(
    "document",
    [
        {"cycle": "2026-Q1", "objectives": [{"title": "Grow", "colour": "green"}]},
        {"cycle": "2026-Q1", "objectives": [{"title": "Grow", "key_results": [42]}]},
        {"cycle": "next spring", "objectives": []},
    ],
    ids=["unknown-field", "key-result-as-a-number", "cycle-in-words"],
)
def test_documents_the_schema_refuses_are_refused_by_the_loader_too(document: dict[str, Any]) -> None:
    with pytest.raises(okrcoach.LoadError):
        okrcoach.load(document)


@pytest.mark.parametrize(
    ("definition", "model"),
    [("Objective", Objective), ("KeyResult", KeyResult), ("KPI", KPI)],
    ids=["Objective", "KeyResult", "KPI"],
)
def test_schema_fields_match_the_model_fields(definition: str, model: type[Any]) -> None:
    properties = okrcoach.json_schema()["$defs"][definition]["properties"]
    aliases = {"Objective": {"name", "objective"}, "KeyResult": {"text", "statement", "key_result", "kr"}, "KPI": set()}

    assert set(properties) == set(model.model_fields) | aliases[definition]


def test_schema_top_level_fields_match_the_plan_plus_the_file_team() -> None:
    properties = okrcoach.json_schema()["properties"]

    assert set(properties) == set(okrcoach.Plan.model_fields) | {"team"}


def test_schema_requires_only_a_title_for_objectives_and_key_results() -> None:
    definitions = okrcoach.json_schema()["$defs"]

    assert definitions["Objective"]["oneOf"] == [{"required": [name]} for name in ("title", "name", "objective")]
    assert definitions["KeyResult"]["oneOf"] == [
        {"required": [name]} for name in ("title", "text", "statement", "key_result", "kr")
    ]
    assert "required" not in definitions["Objective"] and "required" not in definitions["KeyResult"]


def test_schema_accepts_the_title_aliases_the_loader_accepts(validator: Draft202012Validator) -> None:
    text = (REPOSITORY / "tests" / "data" / "yaml" / "aliases.yaml").read_text(encoding="utf-8")
    okrcoach.loads(text)

    assert _errors(validator, _document(text)) == []
