"""The alignment rules' meaning checks (preview): exact findings with the model, structure only without it."""

from __future__ import annotations

from pathlib import Path

import pytest

import okrcoach.rules  # noqa: F401  (registers the rules)
from okrcoach import load, semantic
from okrcoach.engine import check
from okrcoach.settings import Settings

pytest.importorskip("wordllama", reason="the semantic extra is not installed")

FIXTURES = Path(__file__).parent
CASES = {"A101": FIXTURES / "A101-misaligned-objective" / "meaning.yaml", "A102": FIXTURES / "A102-unrelated-key-result" / "meaning.yaml"}


def expected_lines(path: Path) -> list[str]:
    return [line.removeprefix("# expect:").strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# expect:")]


def finding_lines(path: Path, code: str, **settings: object) -> list[str]:
    report = check(load(path), Settings.only(code, **settings), strict=True)
    return [f"{finding.subject_id} {finding.code} {finding.message}" for finding in report.findings]


@pytest.mark.parametrize("code", sorted(CASES))
def test_meaning_fixture_produces_exactly_the_expected_findings(code: str) -> None:
    expected = expected_lines(CASES[code])
    assert expected
    assert finding_lines(CASES[code], code, semantic_alignment=True) == expected


@pytest.mark.parametrize("code", sorted(CASES))
def test_meaning_checks_are_off_by_default(code: str) -> None:
    assert finding_lines(CASES[code], code) == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_without_the_model_the_rules_keep_to_structure(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantic, "model", lambda: None)
    assert finding_lines(CASES[code], code, semantic_alignment=True) == []
    structural = FIXTURES / "A101-misaligned-objective" / "bad.yaml"
    assert len(finding_lines(structural, "A101", semantic_alignment=True)) == 2
