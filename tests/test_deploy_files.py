"""The JupyterHub and Binder recipes: files parse, install extras that exist, open notebooks that exist."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXTRAS = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"])


def test_binder_installs_the_app_extra() -> None:
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    post_build = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    assert (ROOT / "binder" / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"
    extras = re.findall(r'"\.\[(\w+)\]"', post_build)
    assert extras == ["app"] and set(extras) <= EXTRAS


def test_tljh_requirements_install_an_existing_extra() -> None:
    lines = [line.strip() for line in (ROOT / "deploy" / "tljh" / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]  # fmt: skip
    assert lines[0] == ".[app]" and "app" in EXTRAS


def test_z2jh_values_parse_and_point_at_the_course() -> None:
    values = yaml.safe_load((ROOT / "deploy" / "z2jh" / "config.yaml").read_text(encoding="utf-8"))
    single = values["singleuser"]
    notebook = single["defaultUrl"].removeprefix("/lab/tree/okrcoach-course/")
    assert (ROOT / notebook).is_file()
    assert single["storage"]["type"] == "dynamic" and single["extraEnv"]["OKRCOACH_DRAFTS"].startswith("/home/jovyan")
    assert values["cull"]["enabled"] is True


def test_dockerfile_installs_the_app_extra_and_copies_the_course() -> None:
    text = (ROOT / "deploy" / "z2jh" / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r'pip install --no-cache-dir "/opt/okrcoach\[app\]"', text)
    assert "cp -r /opt/okrcoach/notebooks /opt/okrcoach/datasets" in text


def test_documented_paths_exist() -> None:
    text = (ROOT / "docs" / "jupyterhub.md").read_text(encoding="utf-8")
    for path in ("okrcoach/app/workshop.ipynb", "notebooks/00_start_here.ipynb"):
        assert path in text and (ROOT / path).is_file()


def test_drafts_go_to_the_per_user_folder(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from okrcoach.app import drafts_folder

    monkeypatch.setenv("OKRCOACH_DRAFTS", str(tmp_path / "alice"))
    assert drafts_folder() == tmp_path / "alice"
    monkeypatch.delenv("OKRCOACH_DRAFTS")
    assert drafts_folder() == Path.home() / "okrcoach-drafts"
