"""Suggesting and pairing KPIs, and the `okrcoach kpis` command."""

from __future__ import annotations

import json

import pytest

from okrcoach.cli import main
from okrcoach.kpis.catalog import default_catalog
from okrcoach.kpis.choose import pair, suggest_kpis


def test_suggestions_for_a_function_stay_in_it_and_prefer_leading_kpis() -> None:
    found = suggest_kpis("customer-support", limit=8)
    assert len(found) == 8
    assert all(item.kpi.function == "customer-support" and not item.kpi.vanity for item in found)
    assert [item.score for item in found] == sorted((item.score for item in found), reverse=True)
    assert all(item.kpi.leading for item in found[:3])


def test_an_objective_pulls_in_related_kpis_from_other_functions() -> None:
    found = suggest_kpis("customer-support", "Answer customers faster and fix more issues on first contact", limit=5)
    ids = [item.kpi.id for item in found]
    assert "first-response-time" in ids and "first-contact-resolution-rate" in ids
    assert any("close to the objective" in reason for item in found for reason in item.reasons)


def test_suggestions_need_a_function_or_an_objective() -> None:
    with pytest.raises(ValueError, match="give a function"):
        suggest_kpis()
    with pytest.raises(ValueError, match="unknown function"):
        suggest_kpis("astrology")


def test_vanity_metrics_only_on_request() -> None:
    marketing = {item.kpi.id for item in suggest_kpis("marketing", limit=100)}
    assert "social-media-followers" not in marketing
    assert "social-media-followers" in {item.kpi.id for item in suggest_kpis("marketing", limit=100, include_vanity=True)}


def test_a_lagging_kpi_pairs_with_its_leading_indicators() -> None:
    pairing = pair("net-promoter-score")
    assert [kpi.id for kpi in pairing.leading][:2] == ["first-response-time", "resolution-time"]
    assert all(kpi.leading for kpi in pairing.leading)
    assert "lagging" in pairing.explanation


def test_counterweights_are_symmetric_and_text_is_accepted() -> None:
    catalog = default_catalog()
    pairing = pair("deployment frequency")
    assert pairing.kpi.id == "deployment-frequency"
    assert "change-failure-rate" in [kpi.id for kpi in pairing.counterweights]
    for guard in pairing.counterweights:
        assert guard.id in pairing.kpi.counterweights or pairing.kpi.id in catalog[guard.id].counterweights
    with pytest.raises(KeyError):
        pair("the colour of the office walls")


def test_cli_match_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpis", "match", "time to first reply"]) == 0
    assert "first-response-time" in capsys.readouterr().out
    assert main(["kpis", "--json", "match", "time to first reply", "hold an offsite"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert [row["kpi"] for row in rows] == ["first-response-time", None]


def test_cli_split_suggest_pair_show_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpis", "--json", "split", "120000000", "--year", "2026"]) == 0
    months = json.loads(capsys.readouterr().out)
    assert len(months) == 12 and months[0] == {"period": "2026-01", "value": 10000000.0, "share": pytest.approx(1 / 12)}
    assert main(["kpis", "suggest", "--function", "engineering", "--limit", "3"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 3
    assert main(["kpis", "pair", "nps"]) == 0
    assert "leading:" in capsys.readouterr().out
    assert main(["kpis", "show", "first-response-time"]) == 0
    assert "formula" in capsys.readouterr().out
    assert main(["kpis", "list", "--function", "hr", "--type", "lagging"]) == 0
    assert capsys.readouterr().out.strip().endswith("KPIs")


def test_cli_bad_input_exits_2_without_traceback(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert main(["kpis"]) == 2
    assert main(["kpis", "split", "10", "--profile", "1,2"]) == 2
    assert "12 monthly weights" in capsys.readouterr().err
    bad = tmp_path / "catalog.csv"
    bad.write_text("id,name\nx,y\n", encoding="utf-8")
    assert main(["kpis", "--catalog", str(bad), "list"]) == 2
    err = capsys.readouterr().err
    assert "missing column(s)" in err and "Traceback" not in err
    assert main(["kpis", "show", "the colour of the office walls"]) == 2
