"""The check engine, settings, report exports and the `okrcoach check` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import okrcoach
from okrcoach.cli import main
from okrcoach.engine import check
from okrcoach.findings import Severity, Violation
from okrcoach.registry import REGISTRY, RuleRegistry
from okrcoach.settings import ConfigError, Settings

PLAN = """cycle: 2026-Q1
objectives:
  - title: Give customers a checkout they love
    owner: Ana
    key_results:
      - Improve the checkout experience
      - Cut checkout abandonment from 71% to 62%
  - title: Finish the billing migration
    owner: Jonas
    ignore: {output-not-outcome: one-off migration quarter agreed with finance, vague-objective: the migration is the quarter's goal}
    key_results:
      - Migrate all invoices to the new billing system
      - Switch off the old billing server
"""


@pytest.fixture
def plan() -> okrcoach.Plan:
    return okrcoach.loads(PLAN)


def test_check_reports_findings_with_code_rule_severity_and_location(plan: okrcoach.Plan) -> None:
    report = check(plan)
    vague = report.for_rule("vague-target")
    assert [(f.code, f.rule, f.severity, f.objective, f.key_result, f.line) for f in vague] == [
        ("M101", "vague-target", Severity.ERROR, "O1", "O1.KR1", 6)
    ]
    assert vague[0].suggestion == "Pick a measure of 'checkout experience' and rewrite it as 'Increase <measure> from <baseline> to <target> by 31 March 2026'"


def test_ignore_with_reason_in_the_plan_switches_a_rule_off_for_that_objective(plan: okrcoach.Plan) -> None:
    report = check(plan)
    assert not [f for f in report.for_rule("output-not-outcome") if f.objective == "O2"]
    unignored = okrcoach.loads(PLAN.replace("    ignore: {output-not-outcome: one-off migration quarter agreed with finance, vague-objective: the migration is the quarter's goal}\n", ""))
    assert {f.key_result for f in check(unignored).for_rule("output-not-outcome")} == {"O2.KR1", "O2.KR2"}


def test_a_crashing_rule_becomes_a_finding_and_hides_no_other_rule(plan: okrcoach.Plan) -> None:
    registry = RuleRegistry()

    @registry.rule("S901", "broken-rule", scope="objective")
    def broken_rule(objective, ctx):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("oops")

    @registry.rule("S902", "working-rule", scope="objective")
    def working_rule(objective, ctx):  # type: ignore[no-untyped-def]
        yield Violation(objective, "Objective checked")

    report = check(plan, registry=registry)
    assert [f.code for f in report.findings] == ["X001", "S902", "S902"]
    assert report.findings[0].message == "Rule S901 broken-rule failed and was skipped: ZeroDivisionError: oops"
    with pytest.raises(ZeroDivisionError):
        check(plan, registry=registry, strict=True)


def test_select_ignore_and_severity_override(plan: okrcoach.Plan) -> None:
    settings = Settings(select=("M",), ignore=("missing-baseline",), severity={"vague-target": Severity.WARNING})
    report = check(plan, settings)
    assert {f.code[0] for f in report.findings} == {"M"}
    assert not report.for_rule("M102")
    assert report.for_rule("vague-target")[0].severity is Severity.WARNING


def test_settings_from_pyproject_and_okrcoach_toml(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.okrcoach]\nignore = ["T"]\nfail-on = "error"\n[tool.okrcoach.limits]\nmax-key-results = 3\n'
        '[tool.okrcoach.severity]\ntoo-many-key-results = "error"\n',
        encoding="utf-8",
    )
    settings = Settings.discover(tmp_path / "okrs.yaml")
    assert (settings.ignore, settings.fail_on, settings.max_key_results) == (("T",), Severity.ERROR, 3)
    assert settings.severity["too-many-key-results"] is Severity.ERROR
    (tmp_path / "okrcoach.toml").write_text("select = ['M101']\n", encoding="utf-8")
    assert Settings.discover(tmp_path).select == ("M101",)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("max-key-result = 3\n", "unknown setting 'max-key-result' (did you mean 'max-key-results'?)"),
        ("[limits]\nmax-krs = 3\n", "unknown limit 'max-krs'"),
        ("fail-on = 'fatal'\n", "unknown severity 'fatal'"),
        ("[limits]\nmax-key-results = 'five'\n", "expected a whole number"),
        ("select = [", "not valid TOML"),
    ],
)
def test_bad_configuration_is_a_clear_error(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "okrcoach.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        Settings.from_file(path)


def test_report_exports_have_the_documented_keys(plan: okrcoach.Plan) -> None:
    report = check(plan)
    document = json.loads(report.to_json())
    assert set(document) == {"findings", "summary", "scores"}
    assert set(document["findings"][0]) >= {"path", "code", "rule", "severity", "objective", "key_result", "line", "message", "suggestion"}
    frame = report.to_frame()
    assert list(frame.columns)[:5] == ["path", "line", "code", "rule", "severity"]
    assert len(frame) == len(report.findings)
    assert report.to_csv().splitlines()[0].startswith("path,line,code,rule,severity")


def test_html_escapes_user_text() -> None:
    plan = okrcoach.loads("cycle: 2026-Q1\nobjectives:\n  - title: <b>Grow</b>\n    key_results:\n      - <script>alert(1)</script>\n")
    html = check(plan)._repr_mimebundle_()["text/html"]
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "alert(1)" not in html


def test_scores_follow_the_documented_formula() -> None:
    plan = okrcoach.loads(
        "cycle: 2026-Q1\nobjectives:\n  - title: Grow\n    key_results:\n      - Improve onboarding\n"
        "      - Cut time to first value from 3 days to 1 day\n"
        "  - title: Turn trial users into paying customers\n    key_results:\n      - Raise trial conversion from 8% to 11%\n"
        "      - Launch the referral programme\n"
    )
    scores = check(plan, Settings.only("M101", "M103", "M106")).scores()
    # key results: 100 minus their findings' penalties (error 40, warning 20); a key result with an error is capped at 89
    assert scores.key_results == {"O1.KR1": 60.0, "O1.KR2": 100.0, "O2.KR1": 100.0, "O2.KR2": 80.0}
    # objectives: 100 minus their own and their key results' penalties: 'Grow' (one word, warning) and a vague
    # key result (error) lose 60 points; O2 loses 20 for its task
    assert scores.objectives == {"O1": 40.0, "O2": 80.0}
    assert scores.plan == 60.0


def test_a_plan_with_any_error_scores_below_90() -> None:
    objectives = "".join(
        f"  - title: Make release train {n} boring and safe\n    key_results:\n"
        f"      - Cut change failure rate of train {n} from 18% to 8%\n      - Cut time to restore train {n} from 6 hours to 1 hour\n"
        for n in range(9)
    )
    plan = okrcoach.loads(f"cycle: 2026-Q1\nobjectives:\n{objectives}  - title: Turn buyers into regulars\n"
                          "    key_results:\n      - Improve onboarding\n      - Raise repeat purchase rate from 28% to 35%\n")
    scores = check(plan, Settings.only("M101")).scores()
    assert scores.objectives["O10"] == 60.0 and scores.plan == 89.0  # the mean would be 96: one error caps it


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    clean = tmp_path / "clean.yaml"
    clean.write_text("cycle: 2026-Q1\nobjectives:\n  - title: Turn trial users into paying customers\n    key_results:\n      - Raise activation from 35% to 50%\n"
                     "      - Cut time to first value from 3 days to 1 day\n", encoding="utf-8")
    flawed = tmp_path / "flawed.yaml"
    flawed.write_text(PLAN, encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("objectives: [", encoding="utf-8")
    return {"clean": clean, "flawed": flawed, "broken": broken}


def test_check_command_exit_codes(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(files["clean"])]) == 0
    assert main(["check", str(files["flawed"])]) == 1
    assert main(["check", str(files["flawed"]), "--select", "S102"]) == 0
    assert main(["check", str(files["flawed"]), "--fail-on", "error", "--ignore", "M101"]) == 0
    assert main(["check", str(files["broken"])]) == 2
    assert main(["check", str(files["clean"]), "--select", "no-such-rule"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_check_command_json_is_one_object_with_findings(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    main(["check", str(files["flawed"]), "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert {finding["rule"] for finding in document["findings"]} == {"vague-target"}
    assert all(finding["severity"] in {"error", "warning", "info"} for finding in document["findings"])


@pytest.mark.parametrize("output", ["text", "markdown", "csv"])
def test_check_command_other_formats(output: str, files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    main(["check", str(files["flawed"]), "--format", output])
    assert "vague-target" in capsys.readouterr().out


def test_rules_and_explain_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == len(list(REGISTRY))
    assert main(["explain", "M101"]) == 0
    assert capsys.readouterr().out.startswith("# vague-target (M101)")
    assert main(["explain", "nope"]) == 2


def test_word_lists_can_be_extended_or_replaced_in_settings(tmp_path: Path) -> None:
    plan = okrcoach.loads(
        "cycle: 2026-Q1\nobjectives:\n  - title: Keep subscribers\n    key_results:\n"
        "      - Raise 90-day retention from 40% to 45%\n      - Cut time to first value from 3 days to 1 day\n"
    )
    assert check(plan, Settings.only("T101")).for_rule("T101")
    extended = Settings.from_mapping({"select": ["T101"], "words": {"extend-short-windows": ["90-day"]}})
    assert not check(plan, extended).findings
    terms = tmp_path / "windows.txt"
    terms.write_text("# our own list\n90-day\n", encoding="utf-8")
    replaced = Settings.from_mapping({"select": ["T101"], "words": {"short-windows": str(terms)}})
    assert not check(plan, replaced).findings
