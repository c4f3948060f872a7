"""Meta-tests: rule codes, names, documentation, options and generated docs stay consistent."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

import okrcoach.rules  # noqa: F401
from okrcoach.registry import CODE_PATTERN, REGISTRY, RETIRED_CODES, Rule, RuleRegistry
from okrcoach.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
RULES = list(REGISTRY)
CONTRACT = {
    "too-many-key-results", "too-few-key-results", "too-many-objectives", "vague-target", "missing-baseline",
    "missing-deadline", "output-not-outcome", "lagging-indicator", "kpi-as-okr", "objective-has-metric",
    "misaligned-objective", "unrelated-key-result", "missing-owner", "duplicate-key-result",
}  # fmt: skip


def test_every_rule_name_of_the_public_contract_is_registered() -> None:
    assert CONTRACT <= {rule.name for rule in RULES}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_code_is_well_formed_and_not_retired(rule: Rule) -> None:
    assert CODE_PATTERN.match(rule.code)
    assert rule.code not in RETIRED_CODES


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_function_is_named_after_the_rule(rule: Rule) -> None:
    assert rule.check.__name__ == rule.name.replace("-", "_")


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_documents_itself(rule: Rule) -> None:
    doc = rule.doc
    assert doc.startswith("Check for ")
    for section in ("## Why is this bad?", "## Example", "## Use instead", "## Source"):
        assert section in doc, f"{rule} lacks {section}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_options_are_settings_and_documented(rule: Rule) -> None:
    names = {item.name for item in fields(Settings)}
    for option in rule.options:
        assert option in names
        assert f"`{option}`" in rule.doc.split("## Options", 1)[-1]


def test_registry_refuses_duplicate_codes_and_bad_names() -> None:
    registry = RuleRegistry()
    registry.rule("S901", "some-problem", scope="plan")(lambda plan, ctx: iter(()))
    with pytest.raises(ValueError):
        registry.rule("S901", "other-problem", scope="plan")(lambda plan, ctx: iter(()))
    with pytest.raises(ValueError):
        registry.rule("S902", "Bad_Name", scope="plan")(lambda plan, ctx: iter(()))
    with pytest.raises(ValueError):
        registry.rule("Q1", "short-code", scope="plan")(lambda plan, ctx: iter(()))


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        ((), (), None),
        (("M",), (), {"M101", "M102", "M103", "M104", "M105", "M106"}),
        (("M",), ("missing-baseline",), {"M101", "M103", "M104", "M105", "M106"}),
        (("M102",), ("M",), {"M102"}),
        (("vague-target", "T101"), (), {"M101", "T101"}),
        ((), ("S", "A", "M", "K"), {"T101", "T102", "T103", "T104"}),
        (("K",), (), {"K101", "K102", "K103", "K104", "K105", "K106"}),
    ],
)
def test_selection_most_specific_selector_wins(select: tuple[str, ...], ignore: tuple[str, ...], expected: set[str] | None) -> None:
    chosen = {rule.code for rule in REGISTRY.select(select, ignore)}
    assert chosen == (expected if expected is not None else {rule.code for rule in RULES if not rule.preview})


def test_generated_docs_are_current() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "generate_docs.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, f"run `python scripts/generate_docs.py`:\n{result.stdout}"


def test_explain_prints_the_same_page_as_the_docs() -> None:
    from okrcoach.checking import explain

    for rule in RULES:
        assert explain(rule.name) == (ROOT / "docs" / "rules" / f"{rule.code}.md").read_text(encoding="utf-8")
