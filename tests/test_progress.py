"""The progress bar draws on a terminal only, and never on stdout."""

from __future__ import annotations

import io

from okrcoach.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_draws_steps_on_a_terminal() -> None:
    stream = Terminal()
    with Progress("Auditing", total=2, stream=stream) as bar:
        bar.step("checks")
        bar.step("scores")
        bar.step("beyond the total")  # capped, never 3/2
    text = stream.getvalue()
    assert "[############............] 1/2 checks" in text
    assert "2/2 scores" in text and "3/2" not in text
    assert text.endswith("\n") and "Auditing: done in" in text


def test_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with Progress("Auditing", total=3, stream=stream) as bar:
        bar.step("checks")
    assert stream.getvalue() == ""
