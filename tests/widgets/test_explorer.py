"""AlignmentExplorer without a browser: choose a team, read the chains, the flags and the HTML."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

import okrcoach  # noqa: E402
from okrcoach.model import Plan  # noqa: E402
from okrcoach.widgets import AlignmentExplorer  # noqa: E402
from okrcoach.widgets.explorer import alignment_chain  # noqa: E402


@pytest.fixture(scope="module")
def greencycle() -> Plan:
    return okrcoach.load_sample("greencycle")


def test_teams_come_from_the_objectives(greencycle: Plan) -> None:
    explorer = AlignmentExplorer(greencycle)
    assert explorer.teams == ["leadership", "marketing", "ecommerce", "customer-support", "operations"]
    assert explorer.team == "leadership"
    assert explorer.chains == {
        "C1": ["C1", "grow-online-sales"],
        "C2": ["C2", "loyal-customers"],
        "C3": ["C3", "effortless-service"],
    }
    assert explorer.misaligned == []


def test_team_objectives_ladder_up_through_company_objectives(greencycle: Plan) -> None:
    explorer = AlignmentExplorer(greencycle)
    explorer.team_dropdown.value = "marketing"  # as a click in the dropdown would
    assert explorer.team == "marketing"
    assert explorer.chains == {
        "MKT1": ["MKT1", "C1", "grow-online-sales"],
        "MKT2": ["MKT2", "C2", "loyal-customers"],
        "MKT3": ["MKT3", "C1", "grow-online-sales"],
    }
    assert explorer.misaligned == []
    assert "Grow online sales profitably" in explorer.html  # the pillar's title
    assert "Every objective here is linked" in explorer.html


def test_an_objective_with_two_parents_follows_the_objective_and_lists_the_other(greencycle: Plan) -> None:
    explorer = AlignmentExplorer(greencycle, team="ecommerce")
    assert explorer.chains["ECOM1"] == ["ECOM1", "C1", "grow-online-sales"]
    assert explorer.chains["ECOM2"] == ["ECOM2", "grow-online-sales"]
    assert "Also aligns to: grow-online-sales" in explorer.html


def test_ops2_is_misaligned_in_the_operations_team(greencycle: Plan) -> None:
    report = okrcoach.check(greencycle)
    finding = next(item for item in report.for_rule("misaligned-objective") if item.objective == "OPS2")
    assert greencycle.objective("OPS2").team == "operations" == finding.team
    explorer = AlignmentExplorer(greencycle, report=report)
    explorer.team = "operations"
    assert explorer.misaligned == ["OPS2"]
    assert explorer.chains["OPS2"] == ["OPS2"]  # 'sustainability-leadership' is no id in the plan
    assert explorer.chains["OPS1"] == ["OPS1", "responsible-operations"]
    chain = alignment_chain(greencycle, "OPS2")
    assert chain.stop == "unknown" and chain.unknown == ("sustainability-leadership",)
    html = explorer.html
    assert "sustainability-leadership" in html
    assert "data-misaligned='yes'" in html and html.count("data-misaligned") == 1
    assert "#c62828" in html  # red
    assert "Suggestion:" in html and "Use one of the ids that exist" in html
    for team in ("leadership", "marketing", "ecommerce", "customer-support"):
        explorer.team = team
        assert explorer.misaligned == []


def test_without_a_report_the_check_is_run(greencycle: Plan) -> None:
    explorer = AlignmentExplorer(greencycle, team="operations")
    assert explorer.misaligned == ["OPS2"]


def test_team_by_name_and_unknown_team(greencycle: Plan) -> None:
    explorer = AlignmentExplorer(greencycle)
    explorer.team = "Customer support"
    assert explorer.team == "customer-support"
    with pytest.raises(ValueError, match="no objectives of team 'finance'"):
        explorer.team = "finance"


def test_user_text_is_escaped() -> None:
    plan = Plan.model_validate({
        "strategy": {"pillars": [{"id": "p1", "title": "<i>Pillar</i> & more"}]},
        "teams": [{"id": "hq", "name": "HQ"}, {"id": "evil", "name": "<b>Evil</b> team", "parent": "hq"}],
        "objectives": [
            {"id": "C1", "title": "Company <u>goal</u>", "team": "hq", "aligns_to": "p1"},
            {"id": "X1", "title": "<script>alert('x')</script>", "team": "evil", "aligns_to": "C1"},
            {"id": "X2", "title": "Fine \"quoted\" title", "team": "evil", "aligns_to": "<img>"},
        ],
    })  # fmt: skip
    explorer = AlignmentExplorer(plan, team="evil")
    assert explorer.chains == {"X1": ["X1", "C1", "p1"], "X2": ["X2"]}
    assert explorer.misaligned == ["X2"]
    html = explorer.html
    for raw in ("<script>", "<img>", "<u>", "<i>Pillar", "\"quoted\""):
        assert raw not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;img&gt;" in html and "&lt;i&gt;Pillar&lt;/i&gt; &amp; more" in html


def test_company_objectives_without_a_team_and_circles() -> None:
    plan = Plan.model_validate({
        "strategy": {"pillars": ["Grow"]},
        "objectives": [
            {"id": "C1", "title": "Company goal", "aligns_to": "grow"},
            {"id": "A1", "title": "Team goal one", "team": "a", "aligns_to": "A2"},
            {"id": "A2", "title": "Team goal two", "team": "a", "aligns_to": "A1"},
            {"id": "A3", "title": "Team goal three", "team": "a"},
        ],
    })  # fmt: skip
    explorer = AlignmentExplorer(plan)
    assert explorer.teams == ["", "a"]
    assert explorer.chains == {"C1": ["C1", "grow"]}
    explorer.team = "a"
    assert explorer.chains == {"A1": ["A1", "A2"], "A2": ["A2", "A1"], "A3": ["A3"]}
    assert alignment_chain(plan, "A1").stop == "circle"
    assert explorer.misaligned == ["A3"]  # the check flags aligning to nothing
    assert "goes in a circle" in explorer.html
    assert "aligns to nothing" in explorer.html


def test_empty_plan() -> None:
    explorer = AlignmentExplorer(Plan())
    assert explorer.teams == [] and explorer.chains == {} and explorer.misaligned == []
    assert "no objectives" in explorer.html


def test_each_link_shows_its_strength(greencycle: Plan) -> None:
    pytest.importorskip("wordllama", reason="the semantic extra is not installed")
    explorer = AlignmentExplorer(greencycle, team="ecommerce")
    strengths = explorer.strengths
    assert set(strengths) == {"ECOM1", "ECOM2"}
    assert strengths["ECOM1"] >= 0.6 and explorer.links["ECOM1"].label == "strong"
    ecom2 = explorer.links["ECOM2"]
    assert ecom2.doubtful and strengths["ECOM2"] == 0.0 and ecom2.closest == "C3"
    html = explorer.html
    assert "data-strength='0.00'" in html and "link to Grow online sales profitably: <b>doubtful</b>" in html
    assert "reads closer to Answer every customer quickly" in html
    assert explorer.misaligned == []  # the meaning check is preview: a doubtful strength is shown, not flagged
    flagged = AlignmentExplorer(greencycle, team="ecommerce", settings=okrcoach.settings.Settings(semantic_alignment=True))
    assert flagged.misaligned == ["ECOM2"]
    assert "Is the link right?" in flagged.html


def test_without_the_model_the_explorer_says_how_to_get_strengths(greencycle: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    from okrcoach import semantic

    monkeypatch.setattr(semantic, "model", lambda: None)
    monkeypatch.setattr(semantic, "available", lambda: False)
    explorer = AlignmentExplorer(greencycle, team="marketing")
    assert explorer.links == {} and explorer.strengths == {}
    assert "data-strength" not in explorer.html
    assert 'pip install "okrcoach[semantic]"' in explorer.html.replace("&#34;", '"')
