"""Feedback for one student, as Markdown and as a self-contained HTML page (all student text escaped).

Each page says what happened when the notebook ran, then task by task which checks earned and
lost points, okrcoach's findings with their suggestions, and a hint for every lost point.
"""

from __future__ import annotations

import html
import re
from typing import Any

from okrcoach.grading.exercise import Exercise
from okrcoach.grading.grader import CheckResult, StudentResult, format_points

#: Characters that would start Markdown markup (emphasis, code, links, tables); < > & become HTML entities.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~])")
_STATUS_WORDS = {
    "ok": "The notebook ran to the end.",
    "exited": "The notebook stopped its own kernel before the end.",
    "timeout": "The notebook ran out of time.",
    "crashed": "The notebook's process crashed.",
    "invalid": "The file could not be read as a notebook.",
    "error": "The grader could not finish grading this notebook.",
}


def feedback_markdown(exercise: Exercise, result: StudentResult) -> str:
    """Return the student's feedback as Markdown (student text escaped so it cannot inject markup)."""
    lines = [f"# Feedback: {_md(exercise.title)}", "", f"**Student:** {_md(result.student)}  ",
             f"**Score:** {format_points(result.total)} / {format_points(exercise.max_points)}", ""]  # fmt: skip
    lines += [f"**Run:** {_STATUS_WORDS.get(result.status, '')}" + (f" {_md(_sentence(result.reason))}" if result.reason else ""), ""]
    for number, (task_id, title, checks) in enumerate(_tasks(exercise, result), start=1):
        earned, available = sum(check.points for check in checks), sum(check.max for check in checks)
        lines += [f"## Task {number}: {_md(title)} ({format_points(earned)} / {format_points(available)} points)", ""]
        for check in checks:
            mark = "earned" if check.passed else "lost points"
            lines.append(f"- **{_md(check.title)}**: {format_points(check.points)} / {format_points(check.max)} ({mark})")
            if check.message:
                lines.append(f"  - {_md(check.message)}")
            lines += [f"  - {_md(detail)}" for detail in check.details]
            if not check.passed and check.hint:
                lines.append(f"  - How to improve: {_md(check.hint)}")
        lines.append("")
    notes = _notes(result)
    if notes:
        lines += ["## Notes from the run", ""] + [f"- {_md(note)}" for note in notes] + [""]
    return "\n".join(lines)


def feedback_html(exercise: Exercise, result: StudentResult) -> str:
    """Return the student's feedback as one HTML page with inline styles (every dynamic text escaped)."""
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Feedback: {_h(exercise.title)} ({_h(result.student)})</title>", f"<style>{_CSS}</style></head><body>",
        f"<h1>Feedback: {_h(exercise.title)}</h1>",
        f'<p class="score"><strong>{_h(result.student)}</strong>: {_h(format_points(result.total))} / {_h(format_points(exercise.max_points))} points</p>',
        f'<p class="run run-{_h(result.status)}">{_h(" ".join(filter(None, (_STATUS_WORDS.get(result.status, ""), _sentence(result.reason)))))}</p>',
    ]  # fmt: skip
    for number, (task_id, title, checks) in enumerate(_tasks(exercise, result), start=1):
        earned, available = sum(check.points for check in checks), sum(check.max for check in checks)
        parts.append(f"<h2>Task {number}: {_h(title)} <span>{_h(format_points(earned))} / {_h(format_points(available))}</span></h2><ul>")
        parts += [_check_html(check) for check in checks]
        parts.append("</ul>")
    notes = _notes(result)
    if notes:
        parts.append("<h2>Notes from the run</h2><ul>" + "".join(f"<li>{_h(note)}</li>" for note in notes) + "</ul>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _check_html(check: CheckResult) -> str:
    state = "earned" if check.passed else "lost"
    items = [f"<li>{_h(detail)}</li>" for detail in check.details]
    if not check.passed and check.hint:
        items.append(f'<li class="hint">How to improve: {_h(check.hint)}</li>')
    inner = f"<ul>{''.join(items)}</ul>" if items else ""
    message = f" <span class=\"message\">{_h(check.message)}</span>" if check.message else ""
    return f'<li class="{state}"><strong>{_h(check.title)}</strong>: {_h(format_points(check.points))} / {_h(format_points(check.max))}{message}{inner}</li>'


def _tasks(exercise: Exercise, result: StudentResult) -> list[tuple[str, str, list[CheckResult]]]:
    titles = {task.id: task.title for task in exercise.tasks}
    order = list(dict.fromkeys(check.task for check in result.checks))
    return [(task, titles.get(task, task), [check for check in result.checks if check.task == task]) for task in order]


def _notes(result: StudentResult) -> list[str]:
    notes = [f"cell {cell} raised {error}" for cell, error in result.errors[:10]]
    if len(result.errors) > 10:
        notes.append(f"... and {len(result.errors) - 10} more cells raised errors")
    return notes + list(result.notes)


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")) if text else ""


def _h(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _md(text: Any) -> str:
    flat = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#1f2933}"
    "h2 span{font-weight:normal;color:#52606d}.earned>strong{color:#1b7a3d}.lost>strong{color:#b42318}"
    ".hint{color:#52606d}.run{padding:.5rem .75rem;background:#f0f4f8;border-radius:4px}"
    ".run-timeout,.run-exited,.run-crashed,.run-invalid,.run-error{background:#fff4e5}.message{color:#3e4c59}"
)
