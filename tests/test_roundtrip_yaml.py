"""YAML -> Plan -> YAML -> Plan gives the same plan, and rewriting a file keeps its shape."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

import okrcoach
from okrcoach.model import KPI, Direction, KeyResult, KRKind, Objective, ObjectiveType, Pillar, Plan, Strategy, Team
from okrcoach.text import clean_text

REPOSITORY = Path(__file__).resolve().parent.parent
MINIMAL = REPOSITORY / "datasets" / "examples" / "minimal.yaml"
SAMPLE = REPOSITORY / "datasets" / "companies" / "greencycle" / "okrs.yaml"
TEAM_FOLDER = REPOSITORY / "datasets" / "examples" / "team-folder"
EVERY_FIELD = Path(__file__).parent / "data" / "every_field.yaml"


def _round_trip(plan: Plan) -> Plan:
    return okrcoach.loads(okrcoach.dumps(plan))


@pytest.mark.parametrize("path", [MINIMAL, SAMPLE, EVERY_FIELD, TEAM_FOLDER], ids=lambda path: path.stem)
def test_plan_survives_a_yaml_round_trip(path: Path) -> None:
    plan = okrcoach.load(path)

    assert _round_trip(plan) == plan


@pytest.mark.parametrize("path", [MINIMAL, SAMPLE, EVERY_FIELD], ids=lambda path: path.stem)
def test_rewriting_written_yaml_changes_nothing(path: Path) -> None:
    written = okrcoach.dumps(okrcoach.load(path))

    assert okrcoach.dumps(okrcoach.loads(written)) == written


def test_round_trip_keeps_the_origins_of_the_new_text() -> None:
    text = okrcoach.dumps(okrcoach.load(MINIMAL))

    plan = okrcoach.loads(text)

    line = next(number for number, row in enumerate(text.splitlines(), 1) if "Net Promoter Score" in row)
    assert plan.origin("O1.KR2").line == line


def test_every_field_fixture_sets_every_field_of_every_model() -> None:
    plan = okrcoach.load(EVERY_FIELD)
    objects: list[BaseModel] = [plan, *plan.objectives, *plan.key_results, *plan.kpis, *plan.teams]
    assert plan.strategy is not None
    objects += [plan.strategy, *plan.strategy.pillars]

    unset = {
        f"{model.__name__}.{field}"
        for model in (Plan, Objective, KeyResult, KPI, Team, Strategy, Pillar)
        for field in model.model_fields
        if all(_is_default(getattr(item, field), model, field) for item in objects if isinstance(item, model))
    }

    assert unset == set()


def _is_default(value: Any, model: type[BaseModel], field: str) -> bool:
    return value in (None, (), "") or value == model.model_fields[field].default


def test_every_field_fixture_uses_both_objective_types() -> None:
    plan = okrcoach.load(EVERY_FIELD)

    assert {objective.type for objective in plan.objectives} == set(ObjectiveType)


# Minimal files stay minimal


def test_minimal_file_keeps_its_key_results_as_plain_strings() -> None:
    written = yaml.safe_load(okrcoach.dumps(okrcoach.load(MINIMAL)))

    assert written["objectives"][0]["key_results"] == [
        "Reduce customer support response time from 12 hours to 4 hours",
        "Achieve a Net Promoter Score (NPS) of 60+",
    ]


def test_minimal_file_gains_no_fields_when_rewritten() -> None:
    written = yaml.safe_load(okrcoach.dumps(okrcoach.load(MINIMAL)))

    assert set(written) == {"cycle", "objectives"}
    assert set(written["objectives"][0]) <= {"id", "title", "key_results"}
    assert written["cycle"] == "2026-Q1"


def test_plain_string_key_results_in_the_sample_stay_plain_strings() -> None:
    plan = okrcoach.load(SAMPLE)
    source = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))

    written = yaml.safe_load(okrcoach.dumps(plan))

    for before, after in zip(source["objectives"], written["objectives"], strict=True):
        plain_before = [kr for kr in before["key_results"] if isinstance(kr, str)]
        plain_after = [kr for kr in after["key_results"] if isinstance(kr, str)]
        assert plain_after == plain_before


def test_key_result_with_an_explicit_id_is_written_as_a_mapping() -> None:
    plan = okrcoach.load({"objectives": [{"title": "Grow", "key_results": [{"id": "seo", "title": "Grow visits"}]}]})

    written = yaml.safe_load(okrcoach.dumps(plan))

    assert written["objectives"][0]["key_results"] == [{"id": "seo", "title": "Grow visits"}]


def test_yaml_text_is_written_as_unicode_not_escapes() -> None:
    plan = okrcoach.load({"objectives": [{"title": "تحسين تجربة العملاء 🌱", "key_results": ["Café refills"]}]})

    text = okrcoach.dumps(plan)

    assert "تحسين تجربة العملاء 🌱" in text
    assert "Café refills" in text


def test_next_line_character_survives_the_round_trip() -> None:
    # U+0085 turns up where cp1252 text ('…' is byte 0x85) was decoded as Latin-1, e.g. pasted from old exports.
    plan = okrcoach.load({"objectives": [{"title": "Grow traffic\x85fast", "key_results": ["Reach 10k visits"]}]})

    assert _round_trip(plan) == plan


# Property: any plan survives the round trip


def _clean_nonempty(text: str) -> bool:
    # .strip() as well: text of only line breaks has its own failing test in test_model.py
    # (test_title_of_only_line_breaks_is_refused).
    return bool(clean_text(text).strip())


# U+0085 (NEL) is left out here: it has its own failing test, test_next_line_character_survives_the_round_trip.
CHARACTERS = st.characters(exclude_categories=["Cs"], exclude_characters="\x85")
TEXT = st.text(CHARACTERS, min_size=1, max_size=40).filter(_clean_nonempty)
OPTIONAL_TEXT = st.none() | TEXT
NUMBER = st.none() | st.integers(-(10**12), 10**12) | st.floats(allow_nan=False, allow_infinity=False, width=64)
DATE = st.none() | st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
CYCLE = st.none() | st.sampled_from(["2026-Q1", "Q3 2026", "2026-H2", "2027", "2026-03", 2028])


@st.composite
def key_results(draw: st.DrawFn, prefix: str) -> Any:
    title = draw(TEXT)
    if draw(st.booleans()):
        return title
    return {
        "id": draw(st.none() | st.just(f"{prefix}-kr")),
        "title": title,
        "metric": draw(OPTIONAL_TEXT),
        "unit": draw(st.none() | st.sampled_from(["%", "USD", "hours", "points", "NPS"])),
        "baseline": draw(NUMBER),
        "target": draw(NUMBER),
        "current": draw(NUMBER),
        "direction": draw(st.none() | st.sampled_from([direction.value for direction in Direction])),
        "deadline": draw(DATE),
        "owner": draw(OPTIONAL_TEXT),
        "kpi": draw(st.none() | st.sampled_from(["conversion-rate", "revenue"])),
        "kind": draw(st.none() | st.sampled_from([kind.value for kind in KRKind])),
    }


@st.composite
def objectives(draw: st.DrawFn, index: int) -> dict[str, Any]:
    prefix = f"obj{index}"
    return {
        "id": draw(st.none() | st.just(prefix)),
        "title": draw(TEXT),
        "description": draw(OPTIONAL_TEXT),
        "team": draw(OPTIONAL_TEXT),
        "owner": draw(OPTIONAL_TEXT),
        "aligns_to": draw(st.lists(st.sampled_from(["growth", "care", "C1"]), max_size=2)),
        "type": draw(st.sampled_from([kind.value for kind in ObjectiveType])),
        "cycle": draw(CYCLE),
        "key_results": [draw(key_results(f"{prefix}-{number}")) for number in range(draw(st.integers(0, 4)))],
    }


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(0, 4))
    kpi = {
        "id": "revenue",
        "name": draw(TEXT),
        "direction": "higher",
        "target": draw(NUMBER),
        "owner": draw(OPTIONAL_TEXT),
        "formula": draw(OPTIONAL_TEXT),
    }
    return {
        "organisation": draw(OPTIONAL_TEXT),
        "cycle": draw(CYCLE),
        "objectives": [draw(objectives(index)) for index in range(count)],
        "kpis": [kpi] if draw(st.booleans()) else [],
    }


@settings(max_examples=50, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=plans())
def test_any_plan_survives_dumps_and_loads(data: dict[str, Any]) -> None:
    plan = okrcoach.load(data)

    assert _round_trip(plan) == plan
