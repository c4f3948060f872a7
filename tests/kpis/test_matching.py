"""Matching free text to catalog KPIs: the labeled phrasings, and the behaviours that matter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from okrcoach.kpis.catalog import default_catalog, parse_catalog
from okrcoach.kpis.match import Matcher, default_matcher, fold, match_kpi, score_matching

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from matching_accuracy import SETS, pairs  # noqa: E402


@pytest.mark.parametrize("name", list(SETS))
def test_labeled_phrasings_match_at_the_required_accuracy(name: str) -> None:
    labeled = pairs(name)
    assert len(labeled) >= 100
    score = score_matching(labeled)
    shown = "\n".join(f"{phrase!r}: expected {want or None}, got {got or None}" for phrase, want, got in score.errors[:15])
    assert score.accuracy >= SETS[name][1], f"{name}: accuracy {score.accuracy:.1%}\n{shown}"


@pytest.mark.parametrize("name", list(SETS))
def test_every_labeled_id_is_in_the_catalog(name: str) -> None:
    catalog = default_catalog()
    assert {kpi_id for _, kpi_id in pairs(name) if kpi_id} <= {kpi.id for kpi in catalog}


def test_published_matching_page_is_current() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "matching_accuracy.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("response time", "first-response-time"),
        ("time to first reply", "first-response-time"),
        ("Reduce customer support response time from 12 hours to 4 hours", "first-response-time"),
        ("Achieve a Net Promoter Score (NPS) of 60+", "net-promoter-score"),
        ("Increase brand awareness from 12% to 18%", "brand-awareness"),
        ("Cut monthly churn from 3.2% to 2%", "customer-churn-rate"),
        ("Deployment-frequency", "deployment-frequency"),
    ],
)
def test_named_metrics(text: str, expected: str) -> None:
    found = match_kpi(text)
    assert found is not None and found.id == expected


@pytest.mark.parametrize("text", ["Hold a team offsite in March", "Ship the new onboarding flow", ""])
def test_texts_naming_no_metric_match_nothing(text: str) -> None:
    assert match_kpi(text) is None


def test_longest_phrase_wins_and_positions_are_reported() -> None:
    hits = default_matcher().find_all("Raise first contact resolution and lower first response time")
    assert [hit.kpi.id for hit in hits] == ["first-contact-resolution-rate", "first-response-time"]
    assert hits[0].position < hits[1].position and all(hit.exact for hit in hits)


def test_fold_handles_plurals_case_hyphens_and_spelling() -> None:
    assert fold("First-Response Times") == fold("first response time")
    assert fold("Utilisation") == fold("utilization")
    assert fold("NPS") == ("nps",)
    assert fold("eNPS") != fold("ENP")


def test_a_custom_catalog_and_the_fuzzy_threshold() -> None:
    from tests.kpis.test_catalog_file import GOOD, catalog_text

    catalog = parse_catalog(catalog_text(*GOOD))
    matcher = Matcher(catalog)
    assert matcher.match("how many tickets get reopened").kpi.id == "reopen-rate"  # type: ignore[union-attr]
    assert not matcher.match("how many tickets get reopened", fuzzy=False)
    assert Matcher(catalog, min_score=0.99).match("how many tickets get reopened") is None
