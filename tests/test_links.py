"""Link strength and key-result fit: what the explorer and the audit show, and what the rules decide on."""

from __future__ import annotations

import pytest

import okrcoach
from okrcoach import semantic
from okrcoach.links import evidence, link_rows
from okrcoach.settings import Settings

pytest.importorskip("wordllama", reason="the semantic extra is not installed")

PLAN = """
cycle: 2026-Q1
strategy:
  pillars:
    - {id: keep, title: Lower customer churn rate}
    - {id: design, title: Known for great design}
teams: [{id: exec}, {id: cs, parent: exec}, {id: brand, parent: exec}]
objectives:
  - id: CS1
    title: Be there when accounts go quiet
    team: cs
    aligns_to: keep
    key_results:
      - {title: Reach every account that goes silent for a fortnight, kpi: usage-decline-alerts}
      - {title: Hold a call with the quiet accounts' sponsors, kpi: renewal-conversations-held}
  - id: BR1
    title: Be the name people think of for beautiful homeware
    team: brand
    aligns_to: design
    key_results: [Win 2 recognised design awards, Grow searches for our brand name from 30k to 45k a month]
  - id: BR2
    title: Run a spring campaign for the new range
    team: brand
    aligns_to: keep
    key_results: [Reach 2 million people with the spring lookbook, Get the new range featured in 5 design magazines]
"""


@pytest.fixture(scope="module")
def plan() -> okrcoach.Plan:
    return okrcoach.loads(PLAN)


def test_a_clear_link_is_strong_and_a_wrong_one_doubtful(plan: okrcoach.Plan) -> None:
    links = link_rows(plan)
    assert set(links) == {"CS1", "BR1", "BR2"}
    assert links["BR1"].label == "strong" and links["BR1"].strength == 1.0
    wrong = links["BR2"]
    assert wrong.strength < 0.1 and wrong.label == "weak" and not wrong.doubtful  # closer to design, not by the margin
    assert wrong.closest == "design" and wrong.closest_title == "Known for great design"
    assert wrong.closest_similarity > wrong.similarity
    flagged = link_rows(plan, Settings(alignment_margin=0.1))["BR2"]
    assert flagged.doubtful and flagged.strength == 0.0 and flagged.label == "doubtful" and flagged.reason == "closer"


def test_kpi_lineage_holds_a_link_whose_words_do_not_show_it(plan: okrcoach.Plan) -> None:
    """CS1's key results name KPIs the catalog lists as leading indicators of churn: the link holds."""
    link = link_rows(plan)["CS1"]
    assert set(link.kpis) == {"usage-decline-alerts", "renewal-conversations-held"}
    assert not link.doubtful and link.strength >= 0.5
    words_only = okrcoach.loads(PLAN.replace(", kpi: usage-decline-alerts", "").replace(", kpi: renewal-conversations-held", ""))
    assert link_rows(words_only)["CS1"].kpis == ()


def test_thresholds_are_settings(plan: okrcoach.Plan) -> None:
    lenient = link_rows(plan, Settings(alignment_margin=1.0, alignment_floor=0.0))
    assert not any(link.doubtful for link in lenient.values())
    strict = link_rows(plan, Settings(alignment_floor=0.99))
    assert strict["BR1"].doubtful and not strict["CS1"].doubtful  # lineage still holds CS1


def test_key_result_fit(plan: okrcoach.Plan) -> None:
    found = evidence(plan, Settings())
    assert found is not None
    objective = next(o for o in plan.objectives if o.id == "BR1")
    fit = found.fit(objective.key_results[1], objective)
    assert not fit.unrelated and fit.similarity > Settings().key_result_floor
    office = okrcoach.loads(PLAN.replace("{title: Hold a call with the quiet accounts' sponsors, kpi: renewal-conversations-held}", "Buy new chairs for the office"))
    objective = next(o for o in office.objectives if o.id == "CS1")
    assert objective.key_results[1].title == "Buy new chairs for the office"
    fit = evidence(office, Settings()).fit(objective.key_results[1], objective)  # type: ignore[union-attr]
    assert fit.unrelated and fit.peripheral and fit.closest is None


def test_no_evidence_without_pillars_or_parents_or_without_the_model(plan: okrcoach.Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    flat = okrcoach.loads("cycle: 2026-Q1\nobjectives:\n  - title: Answer fast\n    team: cs\n    key_results: [Cut reply time from 12 to 4 hours]\n")
    assert evidence(flat) is None and link_rows(flat) == {}
    monkeypatch.setattr(semantic, "model", lambda: None)
    assert evidence(plan) is None and link_rows(plan) == {}


def test_settings_validate_the_alignment_thresholds() -> None:
    assert Settings.from_mapping({"alignment-margin": 0.25, "semantic-alignment": True}).alignment_margin == 0.25
    with pytest.raises(okrcoach.settings.ConfigError, match="alignment-floor: expected a number between 0 and 1"):
        Settings.from_mapping({"alignment-floor": 2})
    with pytest.raises(okrcoach.settings.ConfigError, match="semantic-alignment: expected true or false"):
        Settings.from_mapping({"semantic-alignment": "yes"})


def test_the_client_audit_carries_each_links_strength() -> None:
    from okrcoach.client_audit import build_audit

    audit = build_audit(okrcoach.load_sample("greencycle"), progress=False)
    rows = {row["objective"]: row for row in audit.alignment_rows()}
    assert rows["C1"]["strength"] is None and rows["C1"]["strength_label"] == ""  # company objectives link to pillars
    assert rows["OPS2"]["strength"] is None and rows["OPS2"]["status"] == "dangling"  # its link does not exist
    assert rows["ECOM2"]["strength"] == 0.0 and rows["ECOM2"]["strength_label"] == "doubtful"
    assert rows["ECOM2"]["reads_closer_to"] == "C3"
    assert rows["MKT1"]["strength_label"] == "strong" and 0.6 <= rows["MKT1"]["strength"] <= 1.0
    assert rows["MKT1"]["strength"] == link_rows(audit.plan)["MKT1"].strength  # one engine, one answer
