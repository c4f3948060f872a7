"""The client report: HTML (self-contained, escaped) and XLSX, from the API and the CLI."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from okrcoach import load
from okrcoach.client_audit import build_audit
from okrcoach.cli import main
from okrcoach.render.client_audit_html import render_audit_html
from okrcoach.render.client_audit_xlsx import audit_tables, write_audit_workbook
from okrcoach.tracking import CheckIn, CheckinStore

EVIL = "<script>alert(1)</script>"
PLAN = {
    "organisation": "Acme & <Sons>",
    "cycle": "2026-Q1",
    "strategy": {"pillars": [{"id": "effortless", "title": "Effortless service"}]},
    "objectives": [
        {"id": "S1", "title": "Make getting help effortless", "team": "support", "aligns_to": "effortless", "key_results": [
            {"id": "S1.KR1", "title": EVIL},
            {"id": "S1.KR2", "title": "Raise first-contact resolution from 60% to 75%"},
        ]},
        {"id": "S2", "title": "=HYPERLINK(\"http://evil\")", "team": "support", "aligns_to": "nowhere", "key_results": [
            {"id": "S2.KR1", "title": "Cut first response time from 12 hours to 4 hours"},
            {"id": "S2.KR2", "title": "Launch the help centre"},
        ]},
    ],
    "kpis": [{"id": "frt", "name": "First response time <b>bold</b>", "unit": "hours", "direction": "lower", "target": 4,
              "thresholds": {"green": 4, "amber": 8}, "owner": "Sam", "formula": "median hours to first reply"}],
}  # fmt: skip
CHECKINS = [
    CheckIn("S1.KR2", date(2026, 2, 16), 62, 3, "<img src=x onerror=alert(2)>"),
    CheckIn("S2.KR1", date(2026, 2, 16), 8, 7),
]


@pytest.fixture
def audit():  # type: ignore[no-untyped-def]
    return build_audit(load(PLAN), checkins=CHECKINS, progress=False)


def test_user_text_is_escaped_everywhere(audit) -> None:  # type: ignore[no-untyped-def]
    page = render_audit_html(audit, charts=False)
    assert EVIL not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Acme &amp; &lt;Sons&gt;" in page
    assert "<b>bold</b>" not in page
    assert page.count("<script") == 0  # without charts there is no script at all


def test_the_page_has_every_section_and_the_right_numbers(audit) -> None:  # type: ignore[no-untyped-def]
    page = render_audit_html(audit, charts=False)
    for heading in ("Quality audit", "Alignment", "Progress", "At risk", "KPIs"):
        assert f"<h2>{heading}</h2>" in page
    assert re.search(r"<td>S2</td><td>support</td><td>=HYPERLINK\(&quot;http://evil&quot;\)</td><td>nowhere</td><td class=\"red\">dangling</td>", page)
    assert "behind pace" in page and "low confidence (3/10)" in page
    summary = audit.summary()
    assert (summary["objectives"], summary["key_results"], summary["at_risk"]) == (2, 4, 1)
    severities = [finding.severity.label for finding in audit.report.findings]
    assert (summary["errors"], summary["warnings"], summary["infos"]) == tuple(severities.count(s) for s in ("error", "warning", "info"))
    assert summary["warnings"] >= 1  # the launch task and the dangling alignment
    assert f'<div class="card"><b>{summary["errors"]}</b>Errors</div>' in page


def test_charts_are_inlined_and_need_no_network(audit) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("plotly")
    page = render_audit_html(audit)
    # No external resource is loaded (plotly.js is inlined; its bundle mentions a map-data URL that
    # only geo charts use, which the report never draws).
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=[\"']?https?:", page)
    assert "<script>" in page and len(page) > 3_000_000
    assert page.count("Plotly.newPlot") >= 2
    assert EVIL not in page.replace("\\u003cscript\\u003e", "")  # chart data is JSON-encoded, never raw markup


def test_workbook_has_the_same_tables_and_keeps_formulas_as_text(audit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    openpyxl = pytest.importorskip("openpyxl")
    path = write_audit_workbook(audit, tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Summary", "Findings", "Objectives", "Key results", "At risk", "Alignment"]
    tables = audit_tables(audit)
    assert book["Findings"].max_row == len(tables["Findings"][1]) + 1 == len(audit.report.findings) + 1
    cell = book["Objectives"]["C3"]
    assert cell.value == '=HYPERLINK("http://evil")' and cell.data_type == "s"
    assert [row[0].value for row in book["At risk"].iter_rows(min_row=2)] == ["S1.KR2"]


def test_cli_report_html_and_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from okrcoach import save

    plan_path = tmp_path / "okrs.yaml"
    save(load(PLAN), plan_path)
    store = CheckinStore(tmp_path / "checkins.db")
    store.record_many(CHECKINS)
    out = tmp_path / "report.html"
    assert main(["report", str(plan_path), "--checkins", str(tmp_path / "checkins.db"), "--out", str(out), "--no-charts"]) == 0
    assert "1 at risk" in capsys.readouterr().out
    assert "&lt;script&gt;" in out.read_text(encoding="utf-8")
    assert main(["report", str(plan_path), "--out", str(out)]) == 2  # exists: not overwritten
    assert "already exists" in capsys.readouterr().err
    store.export_csv(tmp_path / "checkins.csv")
    assert main(["report", str(plan_path), "--checkins", str(tmp_path / "checkins.csv"), "--out", str(tmp_path / "r.xlsx")]) == 0


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--out", "report.pdf"], "must end in .html or .xlsx"),
        (["--out", "r.html", "--day", "yesterday"], "expected a date"),
        (["--out", "r.html", "--checkins", "missing.db"], "no such file"),
    ],
)
def test_cli_report_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str,
                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from okrcoach import save

    monkeypatch.chdir(tmp_path)
    save(load(PLAN), tmp_path / "okrs.yaml")
    assert main(["report", "okrs.yaml", *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_auditing_reports_progress_per_rule() -> None:
    from okrcoach.progress import Progress

    seen: list[str] = []
    original = Progress.step

    def spy(self, what: str) -> None:  # type: ignore[no-untyped-def]
        seen.append(what)
        original(self, what)

    Progress.step = spy  # type: ignore[method-assign]
    try:
        build_audit(load(PLAN), progress=False)
    finally:
        Progress.step = original  # type: ignore[method-assign]
    assert seen[0].startswith("checking 4 key results") and "vague-target" in seen and seen[-1] == "done"
