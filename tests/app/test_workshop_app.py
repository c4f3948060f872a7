"""The workshop app without a browser: drafting, downloads, uploads and the offline Voila template."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

pytest.importorskip("ipywidgets")

from okrcoach.app import WorkshopApp  # noqa: E402
from okrcoach.app.server import TEMPLATE, offline_template, voila_command  # noqa: E402
from okrcoach.widgets.drafter import ImmediateScheduler  # noqa: E402


@pytest.fixture
def app(tmp_path: Path) -> WorkshopApp:
    return WorkshopApp(drafts=tmp_path / "drafts", scheduler=ImmediateScheduler())


def _download(app: WorkshopApp, kind: str) -> bytes:
    html = app.prepare_download(kind)
    match = re.search(r'href="data:[^;]+;base64,([^"]+)"', html)
    assert match, html
    return base64.b64decode(match.group(1))


def test_vague_key_result_gets_a_finding_and_the_yaml_download_holds_the_draft(app: WorkshopApp) -> None:
    app.drafter.set_objective_title(0, "Make getting help effortless")
    app.drafter.set_key_result(0, 0, "Improve the help centre")
    assert "vague-target" in {finding.rule for finding in app.drafter.findings}
    text = _download(app, "yaml").decode("utf-8")
    assert "Make getting help effortless" in text and "Improve the help centre" in text
    assert 'download="okrs.yaml"' in app.download_links.value


def test_chosen_kpis_are_part_of_every_download(app: WorkshopApp) -> None:
    app.drafter.set_objective_title(0, "Make getting help effortless")
    app.picker.add("first-response-time", target=4)
    assert "first-response-time" in _download(app, "yaml").decode("utf-8")
    assert "First response time" in _download(app, "markdown").decode("utf-8")
    assert _download(app, "xlsx")[:2] == b"PK"  # a zip container: an XLSX file


def test_a_malformed_upload_shows_one_clear_message_and_keeps_the_draft(app: WorkshopApp) -> None:
    app.drafter.set_objective_title(0, "Keep this objective")
    assert app.receive("okrs.yaml", b"objectives:\n  - title: [unclosed\n") is False
    message = app.upload_message.value
    assert 'role="alert"' in message and "okrs.yaml could not be read" in message and "Traceback" not in message
    assert "/tmp" not in message  # the user's file name, not the server's temporary path
    assert app.drafter.plan.objectives[0].title == "Keep this objective"


def test_a_good_upload_opens_in_the_drafter(app: WorkshopApp) -> None:
    content = b"cycle: 2026-Q1\nobjectives:\n  - title: Win the mid-market\n    key_results:\n      - Raise win rate from 18% to 24%\n      - Launch the partner portal\n"
    assert app.receive("team okrs.yaml", content) is True
    assert [o.title for o in app.drafter.plan.objectives] == ["Win the mid-market"]
    assert "output-not-outcome" in {finding.rule for finding in app.drafter.findings}
    assert app.tabs.selected_index == 0 and "Opened team okrs.yaml" in app.upload_message.value


@pytest.mark.parametrize(("name", "content", "message"), [
    ("notes.pdf", b"%PDF", "okrcoach reads"),
    ("okrs.csv", b"", "could not be read"),
    ("<script>.yaml", b"- [", "&lt;script&gt;"),
])  # fmt: skip
def test_other_bad_uploads(app: WorkshopApp, name: str, content: bytes, message: str) -> None:
    assert app.receive(name, content) is False
    assert message in app.upload_message.value
    assert "<script>" not in app.upload_message.value


def test_the_server_file_row_is_hidden_in_the_app(app: WorkshopApp) -> None:
    flat = [grand for child in app.drafter.children for grand in getattr(child, "children", ())]
    assert app.drafter.save_button not in flat and app.drafter.path_text not in flat


def test_offline_template_drops_remote_links(tmp_path: Path) -> None:
    data_dir = offline_template(tmp_path)
    template = (data_dir / "voila" / "templates" / TEMPLATE / "index.html.j2").read_text(encoding="utf-8")
    assert not re.search(r"<(link|script)[^>]+https?://", template) and "{{ super() }}" in template
    command = voila_command(8866)
    assert f"--template={TEMPLATE}" in command and "--Voila.ip=127.0.0.1" in command and "--no-browser" in command
