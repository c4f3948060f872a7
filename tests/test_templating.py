"""The shared HTML templating: autoescape everywhere, one palette, one escape helper."""

from __future__ import annotations

from pathlib import Path

import okrcoach
from okrcoach.templating import PALETTE, colour, escape, render_string
from okrcoach.render.html import report_html

HOSTILE = "<script>alert('x')</script> & \"quoted\""


def test_render_escapes_user_text_by_default():
    html = render_string("<p>{{ text }}</p>", text=HOSTILE)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html


def test_escape_helper_handles_none_and_markup():
    assert escape(None) == ""
    assert escape("<b>") == "&lt;b&gt;"


def test_palette_is_the_one_source_of_colours():
    assert colour("error") == PALETTE["error"]
    assert colour("no-such-band") == PALETTE["grey"]


def test_every_template_file_is_packaged_and_escapes():
    root = Path(okrcoach.__file__).parent / "templates"
    templates = [p for p in root.rglob("*.html")]
    assert templates, "the templates folder ships HTML templates"


def test_findings_fragment_escapes_messages():
    plan = okrcoach.loads(
        "cycle: 2026-Q1\nobjectives:\n  - title: \"<img src=x onerror=alert(1)>\"\n"
        "    key_results:\n      - \"Improve <script>x</script> things\"\n"
    )
    html = report_html(okrcoach.check(plan))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
