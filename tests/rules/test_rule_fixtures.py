"""Every rule has a bad fixture with the exact findings it must produce, and a good one with none."""

from __future__ import annotations

from pathlib import Path

import pytest

import okrcoach.rules  # noqa: F401  (registers the rules)
from okrcoach import load
from okrcoach.engine import check
from okrcoach.history import load_history
from okrcoach.registry import REGISTRY, Rule
from okrcoach.settings import Settings

FIXTURES = Path(__file__).parent
RULES = list(REGISTRY)


def fixture_dir(rule: Rule) -> Path:
    return FIXTURES / f"{rule.code}-{rule.name}"


def expected_lines(path: Path) -> list[str]:
    return [line.removeprefix("# expect:").strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# expect:")]


def finding_lines(path: Path, rule: Rule) -> list[str]:
    history_file = path.parent / "history.csv"
    history = load_history(history_file) if history_file.exists() else None
    report = check(load(path), Settings.only(rule.code), history=history, strict=True)
    return [f"{finding.subject_id or 'plan'} {finding.code} {finding.message}" for finding in report.findings]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_bad_fixture_produces_exactly_the_expected_findings(rule: Rule) -> None:
    path = fixture_dir(rule) / "bad.yaml"
    expected = expected_lines(path)
    assert expected, f"{path} has no '# expect:' lines"
    assert finding_lines(path, rule) == expected


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_good_fixture_produces_no_findings(rule: Rule) -> None:
    assert finding_lines(fixture_dir(rule) / "good.yaml", rule) == []


def test_every_fixture_folder_names_a_registered_rule() -> None:
    folders = {path.name for path in FIXTURES.iterdir() if path.is_dir() and not path.name.startswith("__")}
    assert folders == {f"{rule.code}-{rule.name}" for rule in RULES}
