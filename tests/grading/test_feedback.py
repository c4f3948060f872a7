"""Feedback and gradebook are safe to open: student text is escaped in HTML and Markdown, ids in CSV."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.grading.conftest import EXERCISES

EXERCISE = EXERCISES / "01-measurable-key-results"
EVIL_ID = "eve<img src=x onerror=alert(1)>"
EVIL_ANSWER = "<script>alert('x')</script> **b** [c](javascript:x) `c` | # &amp;"


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("evil")
    submissions = folder / "submissions"
    submissions.mkdir()
    document = json.loads((EXERCISE / "solution.ipynb").read_text(encoding="utf-8"))
    for cell in document["cells"]:
        if "answer:rewrites" in cell.get("metadata", {}).get("tags", []):
            cell["source"] = f"rewrites = [{EVIL_ANSWER!r}, 'Cut checkout abandonment from 71% to 62%', 'x', 'y']"
    (submissions / f"{EVIL_ID}.ipynb").write_text(json.dumps(document), encoding="utf-8")
    shutil.copyfile(EXERCISE / "samples" / "partial.ipynb", submissions / "=HYPERLINK(1).ipynb")
    capsys_free_main(["grade", str(EXERCISE), str(submissions), "--out", str(folder / "grades.csv"), "--feedback", str(folder / "feedback"), "--workers", "2"])
    return folder


def capsys_free_main(argv: list[str]) -> int:
    import contextlib
    import io

    from okrcoach.grading.cli import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(argv)


def test_html_feedback_escapes_student_text_and_ids(graded: Path) -> None:
    page = (graded / "feedback" / f"{EVIL_ID}.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<img" not in page and "[c](javascript:x)" in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "eve&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.count("<script") == 0 and page.count("<style>") == 1


def test_markdown_feedback_escapes_markup(graded: Path) -> None:
    text = (graded / "feedback" / f"{EVIL_ID}.md").read_text(encoding="utf-8")
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert('x')&lt;/script&gt; \\*\\*b\\*\\* \\[c\\](javascript:x) \\`c\\` \\| \\# &amp;amp;" in text
    assert "**Student:** eve&lt;img src=x onerror=alert(1)&gt;" in text


def test_gradebook_ids_cannot_become_spreadsheet_formulas(graded: Path) -> None:
    lines = (graded / "grades.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("'=HYPERLINK(1),6.25,2.5,8.75,14,ok")
    assert lines[2].split(",")[0] == EVIL_ID


def test_feedback_quotes_okrcoach_findings_and_suggestions(graded: Path) -> None:
    text = (graded / "feedback" / "=HYPERLINK(1).md").read_text(encoding="utf-8")
    assert "'Post more often and improve our brand voice on Instagram': vague-target - Key result has no measurable target" in text
    assert "Suggestion: Name what you will measure and rewrite it as 'Move &lt;metric&gt; from &lt;baseline&gt; to &lt;target&gt;" in text


def test_rerunning_replaces_a_planted_symlink_instead_of_following_it(graded: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    target = graded / "feedback" / "=HYPERLINK(1).html"
    target.unlink()
    target.symlink_to(victim)
    capsys_free_main(["grade", str(EXERCISE), str(graded / "submissions"), "--out", str(graded / "grades.csv"), "--feedback", str(graded / "feedback")])
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not target.is_symlink() and "Feedback" in target.read_text(encoding="utf-8")
