"""OKRs as code: the pre-commit hook and the GitHub annotations output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from okrcoach.cli import main

ROOT = Path(__file__).resolve().parents[1]
CLEAN = """cycle: 2026-Q1
objectives:
  - title: Answer every customer quickly
    owner: Priya
    key_results:
      - {title: Reduce median first response time from 12 hours to 4 hours, owner: Sam}
      - {title: Raise first-contact resolution from 62% to 75%, owner: Sam}
"""
WITH_ERROR = """cycle: 2026-Q1
objectives:
  - title: Improve the checkout
    owner: Ana
    key_results:
      - {title: Improve the checkout experience, owner: Ana}
      - {title: Raise conversion from 2% to 2.5%, owner: Ana}
"""


def test_the_hook_manifest_is_valid_and_targets_okr_files() -> None:
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "okrcoach-check" and hook["entry"] == "okrcoach check" and hook["language"] == "python"
    import re

    files = re.compile(hook["files"])
    assert all(files.search(name) for name in ("okrs.yaml", "team/okrs.yml", "marketing.okr.yaml", "q3/sales.okrs.yaml"))
    assert not any(files.search(name) for name in ("config.yaml", "notokrs.yaml.bak", "docs/okrs.md"))


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_blocks_a_plan_with_an_error_and_passes_a_clean_one(tmp_path: Path) -> None:
    """Runs the real `pre-commit` on a throwaway repository, offline: the hook comes from `repo: local`
    with the manifest's id, files and entry (run with this interpreter, since installing the package
    from a clone would need the network)."""
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    local = {**{key: hook[key] for key in ("id", "name", "files", "types", "require_serial")},
             "entry": f"{sys.executable} -m okrcoach check", "language": "system"}  # fmt: skip
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}), encoding="utf-8")
    (repo / "okrs.yaml").write_text(CLEAN, encoding="utf-8")
    (repo / "settings.yaml").write_text("not: [an okr file", encoding="utf-8")  # not matched by the hook

    def run(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=300)

    assert run("git", "init", "-q").returncode == 0
    assert run("git", "add", "-A").returncode == 0
    passed = run(sys.executable, "-m", "pre_commit", "run", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout

    (repo / "checkout.okr.yaml").write_text(WITH_ERROR, encoding="utf-8")
    assert run("git", "add", "-A").returncode == 0
    blocked = run(sys.executable, "-m", "pre_commit", "run", "--all-files")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "Failed" in blocked.stdout and "checkout.okr.yaml:6: M101 vague-target [error]" in blocked.stdout


def test_github_format_annotates_findings_and_escapes_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "okrs.yaml"
    plan.write_text(WITH_ERROR, encoding="utf-8")
    assert main(["check", str(plan), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    error = next(line for line in lines if "M101" in line)
    assert error.startswith(f"::error file={plan},line=6,title=M101 vague-target::O1.KR1: ")
    assert "%0Asuggestion: " in error and "\n" not in error


def test_github_format_reports_a_file_that_cannot_load(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "okrs.yaml"
    plan.write_text("cycle: 2026-Q1\nobjectives:\n  - title: x\n    tittle: y\n", encoding="utf-8")
    assert main(["check", str(plan), "--format", "github"]) == 2
    out = capsys.readouterr().out
    assert out.startswith(f"::error file={plan},line=4,title=okrcoach%3A cannot load::") and "tittle" in out


def test_github_property_escaping() -> None:
    from okrcoach.render.github import annotation

    assert annotation("warning", "50% done\nnext", file="a,b:c.yaml", line=3, title="T: x") == (
        "::warning file=a%2Cb%3Ac.yaml,line=3,title=T%3A x::50%25 done%0Anext"
    )
