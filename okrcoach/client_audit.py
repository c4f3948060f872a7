"""The consultant's audit: quality findings, alignment, progress and risk for one plan, in one value.

`build_audit` runs the checks and the scoring once; `okrcoach.render.client_audit_html` turns the result into
a self-contained HTML page and `okrcoach.render.client_audit_xlsx` into an XLSX workbook.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from okrcoach.model import Plan
from okrcoach.progress import Progress


@dataclass(frozen=True)
class Audit:
    """Everything a client report shows about a plan on a day."""

    plan: Plan
    report: Any  # okrcoach.check_report.Report
    scorecard: Any  # okrcoach.tracking.Scorecard
    history: Any = None  # {kpi id: Series}
    checkins: tuple[Any, ...] = ()
    settings: Any = None  # okrcoach.settings.Settings the checks ran with (None: the defaults)

    def summary(self) -> dict[str, Any]:
        """Return the headline numbers."""
        counts = self.report.summary()
        return {
            "organisation": self.plan.organisation or "",
            "cycle": self.plan.cycle.label if self.plan.cycle else "",
            "day": self.scorecard.day.isoformat(),
            "objectives": len(self.plan.objectives),
            "key_results": len(self.plan.key_results),
            "kpis": len(self.plan.kpis),
            "quality_score": self.report.scores().plan,
            "grade": self.scorecard.company,
            "at_risk": len(self.scorecard.at_risk),
            "findings": counts["findings"],
            "errors": counts["by_severity"]["error"],
            "warnings": counts["by_severity"]["warning"],
            "infos": counts["by_severity"]["info"],
        }

    @cached_property
    def links(self) -> dict[str, Any]:
        """Return the evidence for each team objective's link (`okrcoach.links.Link`); empty without the model."""
        from okrcoach.links import link_rows

        return link_rows(self.plan, self.settings)

    def alignment_rows(self) -> list[dict[str, Any]]:
        """Return one row per objective: team, what it aligns to, whether that exists, and how strong the link reads.

        `strength` is the link's strength from 0 to 1 (None for company objectives, objectives
        without a link that exists, or without the `semantic` extra); `strength_label` is
        'strong', 'fair', 'weak', 'doubtful' or ''; `reads_closer_to` names the pillar or
        objective that reads closer than the one linked, if any.
        """
        known = {objective.id for objective in self.plan.objectives}
        if self.plan.strategy:
            known |= {pillar.id for pillar in self.plan.strategy.pillars}
        rows = []
        for objective in self.plan.objectives:
            targets = list(objective.aligns_to)
            status = "company" if not objective.team else ("aligned" if targets and all(t in known for t in targets) else
                                                           "dangling" if targets else "not aligned")  # fmt: skip
            link = self.links.get(objective.id)
            rows.append({"objective": objective.id, "team": objective.team or "", "title": objective.title,
                         "aligns_to": ", ".join(targets), "status": status,
                         "strength": link.strength if link else None, "strength_label": link.label if link else "",
                         "reads_closer_to": link.closest or "" if link else ""})  # fmt: skip
        return rows


def build_audit(
    plan: Plan,
    *,
    checkins: Any = None,
    history: Any = None,
    day: date | None = None,
    settings: Any = None,
    progress: bool | None = None,
) -> Audit:
    """Check and score a plan; `checkins` is a CheckinStore, a path to one, or a list of CheckIn."""
    import okrcoach.rules  # noqa: F401  (registers the rules, so they can be counted)
    from okrcoach.engine import check
    from okrcoach.registry import REGISTRY
    from okrcoach.settings import Settings
    from okrcoach.tracking import CheckinStore, score_plan

    chosen = settings or Settings()
    rules = len(REGISTRY.select(chosen.select, chosen.ignore, preview=chosen.preview))
    with Progress("Auditing", total=rules + 2, enabled=progress) as bar:
        if isinstance(checkins, str | Path):
            checkins = CheckinStore(checkins)
        items = tuple(checkins.history()) if isinstance(checkins, CheckinStore) else tuple(checkins or ())
        bar.step(f"checking {len(plan.key_results):,} key results")
        report = check(plan, chosen, history=history, progress=lambda name: bar.step(name))
        bar.step("scoring progress")
        scorecard = score_plan(plan, items, day=day)
        bar.step("done")
    return Audit(plan, report, scorecard, history, items, chosen)
