"""The okrcoach command: exit codes, messages, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from okrcoach.cli import main

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "datasets" / "examples" / "minimal.yaml"
SAMPLE = ROOT / "datasets" / "companies" / "greencycle" / "okrs.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_installed_entry_point_runs_and_prints_help() -> None:
    result = subprocess.run([sys.executable, "-m", "okrcoach", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    for command in ("validate", "convert", "schema", "parse", "start"):
        assert command in result.stdout


@pytest.mark.parametrize("command", ["validate", "convert", "schema", "parse", "start"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: okrcoach " + command in capsys.readouterr().out


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 2
    assert "commands" in out


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--format", "xml", str(MINIMAL)])
    assert exit_info.value.code == 2


def test_validate_clean_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(MINIMAL))
    assert code == 0
    assert out.strip() == f"ok: {MINIMAL} (1 objective, 2 key results, 0 KPIs)"


def test_validate_dangling_reference_exits_1_with_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "okrs.yaml"
    plan.write_text(
        "objectives:\n  - id: A\n    title: Grow\n    aligns_to: nowhere\n    key_results:\n      - title: Cut churn to 2%\n"
        "        kpi: churn\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", str(plan))
    assert code == 1
    assert f"{plan}:2: aligns_to: 'nowhere' names no objective or pillar here" in out
    assert f"{plan}:6: kpi: key result A.KR1 links to KPI 'churn', which is not in this plan" in out


def test_validate_bad_file_exits_2_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("objectives:\n  - title: Grow\n    key_results:\n      - title: Cut churn\n        target: lots\n", "utf-8")
    code, _, err = run(capsys, "validate", str(bad), str(MINIMAL))
    assert code == 2
    assert "Traceback" not in err
    assert f"{bad}:5: objectives[0].key_results[0].target: expected a number such as 4, 60%, 10k or $120M, got 'lots'" in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x00\x01\x02binary\xff", "not a text file"),
        (b"title: \xff\xfe bad", "is not UTF-8 text"),
        (b"", "the file is empty"),
        (b"objectives: [", "not valid YAML"),
        (b"x: !!python/object/apply:os.system ['true']\n", "is not allowed"),
    ],
)
def test_validate_reports_bad_bytes_clearly(
    content: bytes, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "okrs.yaml"
    path.write_bytes(content)
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert expected in err
    assert "Traceback" not in err


def test_validate_json_lists_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("cycle: next spring\nobjectives: []\n", "utf-8")
    code, out, _ = run(capsys, "validate", "--format", "json", str(MINIMAL), str(bad))
    report = json.loads(out)
    assert code == 2
    assert [file["loaded"] for file in report["files"]] == [True, False]
    assert report["files"][1]["problems"][0]["line"] == 1
    assert report["files"][1]["problems"][0]["field"] == "cycle"


def test_validate_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate", "no-such-file.yaml")
    assert code == 2
    assert "no-such-file.yaml: no such file or folder" in err


def test_unexpected_error_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("okrcoach.loaders.load", explode)
    monkeypatch.delenv("OKRCOACH_DEBUG", raising=False)
    code, _, err = run(capsys, "convert", str(MINIMAL), "-", "--to", "yaml")
    assert code == 2
    assert err.strip() == "unexpected RuntimeError: boom (set OKRCOACH_DEBUG=1 for details and report it)"


def test_convert_yaml_to_json_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "convert", str(MINIMAL), "-", "--to", "json")
    assert code == 0
    assert json.loads(out)["objectives"][0]["title"] == "Improve customer experience"


def test_convert_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("precious: work\n", encoding="utf-8")
    code, _, err = run(capsys, "convert", str(MINIMAL), str(target))
    assert code == 2
    assert "already exists; pass --force" in err
    assert target.read_text(encoding="utf-8") == "precious: work\n"
    code, out, _ = run(capsys, "convert", str(MINIMAL), str(target), "--force")
    assert code == 0
    assert "wrote" in out


def test_convert_refuses_same_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "okrs.yaml"
    plan.write_bytes(MINIMAL.read_bytes())
    code, _, err = run(capsys, "convert", str(plan), str(plan), "--force")
    assert code == 2
    assert "IN and OUT are the same file" in err


def test_convert_failure_leaves_existing_output_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("objectives: [", encoding="utf-8")
    target = tmp_path / "out.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    code, _, _ = run(capsys, "convert", str(bad), str(target), "--force")
    assert code == 2
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_convert_unknown_output_suffix_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "convert", str(MINIMAL), str(tmp_path / "out.docx"))
    assert code == 2
    assert "cannot tell the output format" in err


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".md", ".csv", ".tsv", ".xlsx"])
def test_convert_sample_to_every_format_and_back(suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import okrcoach

    target = tmp_path / f"greencycle{suffix}"
    code, _, _ = run(capsys, "convert", str(SAMPLE), str(target))
    assert code == 0
    if suffix == ".json":
        reloaded = okrcoach.load(json.loads(target.read_text(encoding="utf-8")))
    else:
        reloaded = okrcoach.load(target)
    original = okrcoach.load(SAMPLE)
    assert [objective.title for objective in reloaded.objectives] == [o.title for o in original.objectives]
    assert [kr.title for kr in reloaded.key_results] == [kr.title for kr in original.key_results]


def test_convert_to_csv_says_what_csv_cannot_hold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "convert", str(SAMPLE), str(tmp_path / "out.csv"))
    assert code == 0
    assert "note: CSV holds objectives and key results only: the strategy was not written" in err
    assert "9 KPI(s) were not written" in err


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out)["title"] == "okrcoach OKR file"


def test_schema_writes_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "schema.json"
    code, _, _ = run(capsys, "schema", "--out", str(target))
    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["$schema"].endswith("2020-12/schema")


def test_parse_shows_the_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", "Reduce first response time from 12 hours to 4 hours by end of Q3")
    assert code == 0
    assert "metric       first response time" in out
    assert "baseline     12 hours" in out
    assert "deadline     by end of Q3" in out
    code, out, _ = run(capsys, "parse", "--format", "json", "Hit 99.9% uptime")
    assert json.loads(out)[0]["target"] == "99.9%"
