"""Mechanical fixes for findings (okrcoach.fixes)."""

from __future__ import annotations

import pytest

import okrcoach
from okrcoach import fixes
from okrcoach.findings import Finding, Severity
from okrcoach.model import Better


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OKRCOACH_TODAY", "2026-02-15")


def _plan(key_results: list[str], *, cycle: str | None = "2026-Q1", **objective: object) -> okrcoach.Plan:
    data: dict[str, object] = {"objectives": [{"title": "Make getting help effortless", "key_results": key_results, **objective}]}
    if cycle:
        data["cycle"] = cycle
    return okrcoach.load(data)


def _finding(plan: okrcoach.Plan, rule: str, subject: str | None = None) -> Finding:
    found = [f for f in okrcoach.check(plan).findings if f.rule == rule and (subject is None or f.subject_id == subject)]
    assert found, f"no {rule} finding in {[f.rule for f in okrcoach.check(plan).findings]}"
    return found[0]


GOOD = "Cut first response time from 8 hours to 4 hours"


# --- vague-target ---


def test_vague_target_becomes_the_rewrite_skeleton_with_the_measure_filled() -> None:
    plan = _plan(["Improve the onboarding experience", GOOD])
    finding = _finding(plan, "vague-target")
    assert fixes.fixable(finding) and fixes.fixable(finding, plan)

    fixed = fixes.apply_fix(plan, finding)

    assert fixed.key_results[0].title == "Increase onboarding experience from <baseline> to <target> by 31 March 2026"
    assert fixed.key_results[0].id == "O1.KR1"
    assert fixed.key_results[1] == plan.key_results[1]
    assert plan.key_results[0].title == "Improve the onboarding experience"  # the input plan is untouched


def test_vague_target_without_a_named_measure_keeps_the_metric_placeholder() -> None:
    plan = _plan(["Make it great", GOOD])
    fixed = fixes.apply_fix(plan, _finding(plan, "vague-target"))
    assert fixed.key_results[0].title == "Move <metric> from <baseline> to <target> by 31 March 2026"


def test_vague_target_without_a_cycle_leaves_the_date_to_fill() -> None:
    plan = _plan(["Improve the onboarding experience", GOOD], cycle=None)
    fixed = fixes.apply_fix(plan, _finding(plan, "vague-target"))
    assert fixed.key_results[0].title == "Increase onboarding experience from <baseline> to <target> by <date>"


def test_a_skeleton_already_applied_is_not_fixed_again() -> None:
    plan = _plan(["Improve the onboarding experience", GOOD])
    fixed = fixes.apply_fix(plan, _finding(plan, "vague-target"))
    again = [f for f in okrcoach.check(fixed).findings if f.rule == "vague-target"]
    assert again, "the skeleton's <baseline> and <target> are placeholders, still to be filled in"
    for finding in again:
        assert finding.suggestion.startswith("Fill in the numbers")
        assert not fixes.fixable(finding, fixed)
        with pytest.raises(ValueError):
            fixes.apply_fix(fixed, finding)


def test_fill_in_the_numbers_is_left_to_the_learner() -> None:
    plan = _plan(["Grow revenue from X to Y", GOOD])
    finding = _finding(plan, "vague-target")
    assert finding.suggestion.startswith("Fill in the numbers")
    assert not fixes.fixable(finding)
    with pytest.raises(ValueError, match="fill in the numbers"):
        fixes.apply_fix(plan, finding)


# --- too-many-key-results ---


def test_too_many_key_results_keeps_the_first_five_and_returns_the_rest() -> None:
    titles = [f"Raise weekly active teams in region {n} from 10 to {20 + n}" for n in range(1, 8)]
    plan = _plan(titles)
    finding = _finding(plan, "too-many-key-results")

    fixed, removed = fixes.apply_fix_with_removed(plan, finding)

    assert [kr.title for kr in fixed.key_results] == titles[:5]
    assert [kr.id for kr in fixed.key_results] == [f"O1.KR{n}" for n in range(1, 6)]
    assert removed == titles[5:]
    assert fixes.apply_fix(plan, finding) == fixed
    assert not okrcoach.check(fixed).for_rule("too-many-key-results")


def test_too_many_key_results_uses_the_limit_in_the_finding() -> None:
    titles = [f"Raise weekly active teams in region {n} from 10 to {20 + n}" for n in range(1, 5)]
    plan = _plan(titles)
    report = okrcoach.check(plan, okrcoach.Settings(max_key_results=3))
    fixed, removed = fixes.apply_fix_with_removed(plan, report.for_rule("too-many-key-results")[0])
    assert len(fixed.key_results) == 3 and removed == titles[3:]


# --- duplicate-key-result ---


def test_duplicate_key_result_removes_the_later_copy_and_keeps_ids() -> None:
    plan = _plan([GOOD, "Raise first-contact resolution from 61% to 75%", GOOD, "Raise CSAT from 70% to 80%"])
    finding = _finding(plan, "duplicate-key-result")
    assert finding.key_result == "O1.KR3"

    fixed, removed = fixes.apply_fix_with_removed(plan, finding)

    assert [kr.id for kr in fixed.key_results] == ["O1.KR1", "O1.KR2", "O1.KR4"]
    assert removed == [GOOD]
    assert not okrcoach.check(fixed).for_rule("duplicate-key-result")
    # the ids survive a save and a load
    assert [kr.id for kr in okrcoach.loads(okrcoach.dumps(fixed)).key_results] == ["O1.KR1", "O1.KR2", "O1.KR4"]


# --- missing-deadline ---


def test_missing_deadline_sets_the_cycle_of_todays_quarter(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _plan([GOOD, "Raise first-contact resolution from 61% to 75%"], cycle=None)
    finding = _finding(plan, "missing-deadline")

    fixed = fixes.apply_fix(plan, finding)

    assert fixed.cycle is not None and fixed.cycle.label == "2026-Q1"
    assert fixed.objectives == plan.objectives
    assert not okrcoach.check(fixed).for_rule("missing-deadline")
    monkeypatch.setenv("OKRCOACH_TODAY", "2026-08-01")
    assert fixes.apply_fix(plan, finding).cycle.label == "2026-Q3"
    assert fixes.describe(finding) == "Set the plan's cycle to 2026-Q3"


# --- kpi-as-okr ---


def test_kpi_as_okr_moves_the_key_result_to_the_kpis() -> None:
    plan = _plan([GOOD, "Maintain CSAT above 80%", "Raise first-contact resolution from 61% to 75%"], owner="Ana")
    finding = _finding(plan, "kpi-as-okr", "O1.KR2")

    fixed = fixes.apply_fix(plan, finding)

    assert [kr.id for kr in fixed.key_results] == ["O1.KR1", "O1.KR3"]
    (kpi,) = fixed.kpis
    assert (kpi.id, kpi.name, kpi.target, kpi.unit, kpi.direction, kpi.owner) == ("O1.KR2-kpi", "CSAT", 80, "%", Better.HIGHER, "Ana")
    assert "Maintain CSAT above 80%" in (kpi.description or "")
    assert not okrcoach.check(fixed).for_rule("kpi-as-okr")
    assert okrcoach.loads(okrcoach.dumps(fixed)) == fixed


def test_kpi_as_okr_below_a_level_means_lower_is_better() -> None:
    plan = _plan([GOOD, "Keep ticket backlog below 200 tickets"])
    kpi = fixes.apply_fix(plan, _finding(plan, "kpi-as-okr", "O1.KR2")).kpis[0]
    assert (kpi.name, kpi.target, kpi.direction) == ("ticket backlog", 200, Better.LOWER)


def test_kpi_as_okr_gets_a_free_id() -> None:
    plan = okrcoach.load(
        {
            "cycle": "2026-Q1",
            "objectives": [{"title": "Make getting help effortless", "key_results": [GOOD, "Maintain CSAT above 80%"]}],
            "kpis": [{"id": "O1.KR2-kpi", "name": "Backlog", "target": 200}],
        }
    )
    fixed = fixes.apply_fix(plan, _finding(plan, "kpi-as-okr", "O1.KR2"))
    assert [kpi.id for kpi in fixed.kpis] == ["O1.KR2-kpi", "O1.KR2-kpi2"]


def test_kpi_as_okr_on_an_objective_is_not_fixable() -> None:
    plan = _plan([GOOD, "Raise first-contact resolution from 61% to 75%"])
    plan = plan.model_copy(update={"objectives": (plan.objectives[0].model_copy(update={"title": "Keep our service levels stable"}),)})
    finding = _finding(plan, "kpi-as-okr", "O1")
    assert not fixes.fixable(finding)
    with pytest.raises(ValueError, match="kpi-as-okr on an objective has no automatic fix"):
        fixes.apply_fix(plan, finding)


# --- what cannot be fixed ---


@pytest.mark.parametrize("rule", ["output-not-outcome", "missing-baseline", "lagging-indicator", "too-few-key-results"])
def test_other_rules_are_not_fixable(rule: str) -> None:
    finding = Finding("M103", rule, Severity.WARNING, "message", "suggestion", "<memory>", None, "", "O1", "O1.KR1")
    assert not fixes.fixable(finding)
    with pytest.raises(ValueError, match=f"{rule} has no automatic fix"):
        fixes.apply_fix(okrcoach.Plan(), finding)
    assert "no automatic fix" in fixes.describe(finding)


def test_a_finding_about_something_no_longer_in_the_plan_is_refused() -> None:
    plan = _plan([GOOD, "Raise first-contact resolution from 61% to 75%", GOOD])
    finding = _finding(plan, "duplicate-key-result")
    fixed = fixes.apply_fix(plan, finding)
    assert not fixes.fixable(finding, fixed)
    with pytest.raises(ValueError, match="O1.KR3 is not in the plan"):
        fixes.apply_fix(fixed, finding)


def test_real_findings_of_a_sample_plan_apply_without_error() -> None:
    plan = _plan(
        ["Improve the onboarding experience", GOOD, "Maintain CSAT above 80%", GOOD, "Make it great", "Raise NPS from 20 to 30"],
        cycle=None,
    )
    report = okrcoach.check(plan)
    applied = 0
    for finding in report.findings:
        if fixes.fixable(finding, plan):
            fixed = fixes.apply_fix(plan, finding)
            assert fixed is not plan and isinstance(fixed, okrcoach.Plan)
            okrcoach.check(fixed)
            applied += 1
    assert {f.rule for f in report.findings if fixes.fixable(f, plan)} == set(fixes.FIXABLE_RULES)
    assert applied >= 5
