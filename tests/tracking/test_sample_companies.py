"""Check-ins, scoring, charts and both report formats on every sample company."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from okrcoach import load_sample
from okrcoach.client_audit import build_audit
from okrcoach.datasets import sample_companies, sample_path
from okrcoach.history import load_history
from okrcoach.render.client_audit_html import render_audit_html
from okrcoach.render.client_audit_xlsx import write_audit_workbook
from okrcoach.tracking import CheckIn, CheckinStore, score_plan

COMPANIES = sample_companies()


def test_there_are_three_sample_companies() -> None:
    assert set(COMPANIES) >= {"greencycle", "tallyhive", "riverton"}


def _weekly_checkins(plan, weeks: int = 6) -> list[CheckIn]:  # type: ignore[no-untyped-def]
    """Every key result halfway along its baseline-to-target path, confidence drifting down for one."""
    checkins = []
    for index, kr in enumerate(plan.key_results):
        parsed = kr.statement
        start = parsed.baseline.value if parsed.baseline else 0.0
        end = parsed.target.value if parsed.target else 100.0
        for week in range(weeks):
            value = start + (end - start) * (week + 1) / (2 * weeks)
            confidence = 7 if index else max(2, 7 - week)
            checkins.append(CheckIn(kr.id, plan.cycle.start + timedelta(weeks=week, days=4), round(value, 2), confidence))
    return checkins


@pytest.mark.parametrize("company", COMPANIES)
def test_sample_company_scores_and_reports(company: str, tmp_path: Path) -> None:
    plan = load_sample(company)
    history = load_history(sample_path(company).parent / "kpi_history.csv")
    store = CheckinStore(tmp_path / "checkins.db")
    store.record_many(_weekly_checkins(plan))
    day = plan.cycle.start + timedelta(weeks=6)
    card = score_plan(plan, store, day=day)
    assert len(card.key_results) == len(plan.key_results)
    placeholders = {kr.id for kr in plan.key_results if kr.statement.placeholders}
    assert {score.key_result for score in card.key_results if score.grade is None} == placeholders  # 'from $X to $Y' cannot be graded
    assert card.key_results[0].at_risk and "low confidence" in " ".join(card.key_results[0].reasons)
    audit = build_audit(plan, checkins=store, history=history, day=day, progress=False)
    page = render_audit_html(audit)
    assert plan.organisation in page and page.count("Plotly.newPlot") >= 3
    assert len(audit.report.findings) > 0  # the documented, deliberate flaws
    book = write_audit_workbook(audit, tmp_path / "report.xlsx")
    assert book.stat().st_size > 5_000
    assert day > date(2026, 1, 1)
