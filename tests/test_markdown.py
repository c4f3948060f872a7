"""Tests of the Markdown writer: every field shown, user text escaped, readable parts round-trip."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrcoach.loaders import load
from okrcoach.loaders.text import parse_text
from okrcoach.model import Plan
from okrcoach.writers import dumps
from okrcoach.writers.data import plan_to_data
from okrcoach.writers.markdown import escape_inline, plan_to_markdown

DATA = Path(__file__).parent / "data"
PLANS = [DATA / "every_field.yaml", DATA / "text" / "tricky_titles.yaml", DATA / "text" / "small_plan.yaml"]


def _leaves(data: Any, key: str | None = None) -> Iterator[Any]:
    """Yield every value in plain plan data, and the rule names that are keys under 'ignore'."""
    if isinstance(data, dict):
        for name, value in data.items():
            if key == "ignore":
                yield name
            yield from _leaves(value, name)
    elif isinstance(data, list):
        for value in data:
            yield from _leaves(value, key)
    else:
        yield data


def _readable(plan: Plan) -> list[tuple[str, list[str]]]:
    return [(objective.title, [kr.title for kr in objective.key_results]) for objective in plan.objectives]


def _table_cells(row: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def test_every_field_value_of_the_plan_appears() -> None:
    plan = load(DATA / "every_field.yaml")

    markdown = plan_to_markdown(plan)

    missing = [value for value in _leaves(plan_to_data(plan)) if str(value) not in markdown]
    assert missing == []


def test_cycle_dates_appear_for_the_plan_and_objectives() -> None:
    plan = load(DATA / "every_field.yaml")

    markdown = plan_to_markdown(plan)

    assert "Cycle: Spring push (2026-02-01 → 2026-04-30)" in markdown
    assert "Cycle: 2026-Q1 (2026-01-01 → 2026-03-31)" in markdown


def test_small_plan_is_written_in_the_documented_layout() -> None:
    plan = load(DATA / "text" / "small_plan.yaml")

    markdown = plan_to_markdown(plan)

    assert markdown == (DATA / "text" / "small_plan.md").read_text(encoding="utf-8")


def test_dumps_markdown_uses_the_markdown_writer() -> None:
    plan = load(DATA / "text" / "small_plan.yaml")

    assert dumps(plan, "markdown") == plan_to_markdown(plan)


def test_title_falls_back_to_okrs_without_organisation_or_cycle() -> None:
    plan = load({"objectives": [{"title": "Grow", "key_results": ["Win 10 logos"]}]})

    assert plan_to_markdown(plan).splitlines()[0] == "# OKRs"


def test_raw_html_in_a_title_never_renders_as_html() -> None:
    plan = load(
        {"objectives": [{"title": "<script>alert(1)</script>", "key_results": ["<img src=x onerror=alert(1)>"]}]}
    )

    markdown = plan_to_markdown(plan)

    assert re.findall(r"(?<!\\)<", markdown) == []
    assert "## O1 · \\<script\\>alert(1)\\</script\\>" in markdown
    assert "- **O1.KR1** \\<img src=x onerror=alert(1)\\>" in markdown


def test_pipes_inside_table_cells_are_escaped() -> None:
    plan = load(
        {
            "objectives": [{"title": "Grow"}],
            "kpis": [{"id": "nps", "name": "Net | Promoter", "formula": "promoters | detractors", "owner": "A|B"}],
        }
    )

    rows = [line for line in plan_to_markdown(plan).splitlines() if line.startswith("|")]

    header, _, row = rows
    assert len(_table_cells(row)) == len(_table_cells(header))
    assert _table_cells(row)[:2] == ["nps", "Net \\| Promoter"]
    assert "promoters \\| detractors" in row and "A\\|B" in row


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("#1 priority", "\\#1 priority"),
        ("Win the market #", "Win the market \\#"),
        ("a *b* and **c**", "a \\*b\\* and \\*\\*c\\*\\*"),
        ("[link](https://x)", "\\[link\\](https://x)"),
        ("use `code`", "use \\`code\\`"),
        ("&amp; stays", "\\&amp; stays"),
        ("R&D and AT&T", "R&D and AT&T"),
        ("snake_case and _emphasis_", "snake_case and \\_emphasis\\_"),
        ("C:\\path", "C:\\\\path"),
        ("two\nlines", "two lines"),
        ("زيادة المبيعات 🚀", "زيادة المبيعات 🚀"),
    ],
)
def test_escape_inline_escapes_only_what_markdown_would_read(text: str, escaped: str) -> None:
    assert escape_inline(text) == escaped


def test_a_title_ending_in_a_period_keeps_it_through_the_reader() -> None:
    plan = load({"objectives": [{"title": "Grow revenue.", "key_results": ["Win 10 logos."]}]})

    markdown = plan_to_markdown(plan)

    assert "## O1 · Grow revenue\\." in markdown
    assert _readable(parse_text(markdown)) == [("Grow revenue.", ["Win 10 logos."])]


@pytest.mark.parametrize("path", PLANS, ids=lambda path: path.name)
def test_objective_titles_and_key_results_round_trip_through_parse_text(path: Path) -> None:
    plan = load(path)

    back = parse_text(plan_to_markdown(plan), "plan.md")

    assert _readable(back) == _readable(plan)


@pytest.mark.parametrize("path", PLANS, ids=lambda path: path.name)
def test_cycle_owners_and_teams_round_trip_through_parse_text(path: Path) -> None:
    plan = load(path)

    back = parse_text(plan_to_markdown(plan), "plan.md")

    assert back.cycle == plan.cycle
    assert back.organisation == plan.organisation
    assert [(o.owner, o.team, o.type, o.aligns_to, o.cycle) for o in back.objectives] == [
        (o.owner, o.team, o.type, o.aligns_to, o.cycle) for o in plan.objectives
    ]
    assert [kr.owner for kr in back.key_results] == [kr.owner for kr in plan.key_results]


def test_key_result_numbers_and_units_round_trip_through_parse_text() -> None:
    plan = load(DATA / "every_field.yaml")

    back = parse_text(plan_to_markdown(plan), "plan.md")

    fields = ("metric", "baseline", "target", "unit", "current", "direction", "deadline", "kpi", "kind")
    assert [[getattr(kr, name) for name in fields] for kr in back.key_results] == [
        [getattr(kr, name) for name in fields] for kr in plan.key_results
    ]


# Noncharacters (U+FDD0..U+FDEF) are not text, and a line break inside a title becomes a space.
_EXCLUDED = "\u2028\u2029\x85" + "".join(map(chr, range(0xFDD0, 0xFDF0)))
_TRICKY = ["#", "*", "_", "`", "<", ">", "[", "](", "|", "\\", ".", ":", " · ", "&amp;", "~~", "1. ", "- ",
           "Objective: ", "KR1: ", "Key Results: A, B", "Owner: ", "O1 · ", "**"]  # fmt: skip
_PIECES = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=_EXCLUDED), max_size=3),
    st.sampled_from(_TRICKY),
)
_TITLES = st.lists(_PIECES, min_size=1, max_size=6).map("".join).map(str.strip).filter(bool)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.tuples(_TITLES, st.lists(_TITLES, max_size=3)), min_size=1, max_size=3))
def test_any_titles_round_trip_through_parse_text(objectives: list[tuple[str, list[str]]]) -> None:
    plan = load({"objectives": [{"title": title, "key_results": results} for title, results in objectives]})

    assert _readable(parse_text(plan_to_markdown(plan))) == _readable(plan)
