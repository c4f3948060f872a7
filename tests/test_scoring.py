"""The quality score's bounds (docs/scoring.md) and its relation to labeled problems on real OKRs."""

from __future__ import annotations

from pathlib import Path

import okrcoach
from okrcoach.engine import check
from okrcoach.evaluation.real import load_corpus, plan_scores, spearman

ROOT = Path(__file__).resolve().parent.parent

BE_THE_BEST = """cycle: 2026-Q1
objectives:
  - title: Be the best
    key_results:
      - Launch the new website
      - Launch the mobile app
      - Launch a loyalty program
      - Improve engagement
      - Reduce churn
      - Hire 3 engineers
      - Launch a referral program
      - Redesign the onboarding flow
      - Increase brand awareness
"""

CLEAN = """cycle: 2026-Q1
objectives:
  - title: Turn first-time buyers into regulars
    owner: Dana
    key_results:
      - {title: Raise repeat purchase rate from 28% to 35% by 31 March 2026, owner: Sam}
      - {title: Cut time to second order from 41 days to 30 days by 31 March 2026, owner: Ana}
      - {title: Raise 30-day activation from 35% to 45% by 31 March 2026, owner: Sam}
  - title: Make every release boring and safe
    owner: Lee
    key_results:
      - {title: Cut change failure rate from 18% to 8% by 31 March 2026, owner: Kim}
      - {title: Cut time to restore service from 6 hours to 1 hour by 31 March 2026, owner: Kim}
"""


def test_the_nine_key_result_slogan_plan_scores_under_50() -> None:
    report = check(okrcoach.loads(BE_THE_BEST))
    assert {"vague-objective", "too-many-key-results", "vague-target", "output-not-outcome"} <= {f.rule for f in report.findings}
    assert report.scores().plan < 50


def test_a_clean_plan_scores_90_or_more() -> None:
    report = check(okrcoach.loads(CLEAN))
    assert report.findings == ()
    assert report.scores().plan >= 90


def test_greencycle_with_errors_scores_below_90() -> None:
    report = check(okrcoach.load(ROOT / "datasets" / "companies" / "greencycle"))
    assert report.at_least("error")
    assert report.scores().plan < 90


def test_plans_with_more_labeled_problems_score_lower_on_real_okrs() -> None:
    corpus = load_corpus(ROOT / "datasets" / "labeled" / "real")
    for split in ("held-out", "all"):
        pairs = plan_scores(corpus.select(split))
        assert spearman(pairs) < -0.6, split
        clean = [score for score, problems in pairs if problems == 0]
        worst = [score for score, problems in pairs if problems >= 3]
        assert sum(clean) / len(clean) > sum(worst) / len(worst) + 30


def test_spearman_handles_ties_and_direction() -> None:
    assert spearman([(1, 1), (2, 2), (3, 3)]) == 1.0
    assert spearman([(1, 3), (2, 2), (3, 1)]) == -1.0
    assert abs(spearman([(1, 1), (1, 1), (2, 2), (3, 3)]) - 1.0) < 1e-9
