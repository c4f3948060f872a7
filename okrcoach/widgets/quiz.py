"""Two self-marking quizzes for workshops: "OKR or KPI?" and "Spot the flaw".

Both show one question at a time, mark the answer at once with a short explanation, keep a
running score and end with a summary of the questions missed. The question banks ship with
okrcoach (``okrcoach/data/quiz_*.yaml``); pass ``items=`` to use your own.

>>> from okrcoach.widgets import OKROrKPIQuiz, SpotTheFlawQuiz
>>> quiz = OKROrKPIQuiz(shuffle_seed=1, count=10)   # display it as the last line of a cell
>>> quiz.answer("kpi")                              # the same as clicking the KPI button
>>> quiz.next()

Everything a button does is also a method, so the quizzes are testable without a browser:
``.question``, ``.answer(choice)``, ``.next()``, ``.score``, ``.finished``, ``.feedback``,
``.restart()``. Callbacks only set widget values; nothing is printed.
"""

from __future__ import annotations

import copy
import html
import random
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

try:
    import ipywidgets as widgets
except ImportError:  # pragma: no cover - depends on the environment
    raise ImportError("the quizzes need ipywidgets: pip install 'okrcoach[notebooks]'") from None

__all__ = ["OKROrKPIQuiz", "SpotTheFlawQuiz", "load_okr_or_kpi_items", "load_spot_the_flaw_items"]

OKR_OR_KPI_FILE = "quiz_okr_or_kpi.yaml"
SPOT_THE_FLAW_FILE = "quiz_spot_the_flaw.yaml"
ANSWERS = ("okr", "kpi")
#: The flaws the spot-the-flaw bank draws on (all are okrcoach rule names).
FLAWS = (
    "vague-target",
    "output-not-outcome",
    "lagging-indicator",
    "too-many-key-results",
    "kpi-as-okr",
    "objective-has-metric",
    "missing-baseline",
    "too-few-key-results",
)

_GOOD = "#1b7a3a"
_BAD = "#b3261e"


# --------------------------------------------------------------------------- question banks


@lru_cache(maxsize=None)
def _read_bank(filename: str) -> tuple[dict[str, Any], ...]:
    import yaml

    text = resources.files("okrcoach").joinpath("data", filename).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, list):
        raise ValueError(f"{filename}: expected a list of questions")
    return tuple(data)


def load_okr_or_kpi_items() -> list[dict[str, Any]]:
    """Return the built-in "OKR or KPI?" questions: dicts with statement, answer ('okr'/'kpi') and why."""
    return _validated_okr_or_kpi(copy.deepcopy(list(_read_bank(OKR_OR_KPI_FILE))))


def load_spot_the_flaw_items() -> list[dict[str, Any]]:
    """Return the built-in "Spot the flaw" questions: objective, key_results, flaw, choices, why, better."""
    return _validated_spot_the_flaw(copy.deepcopy(list(_read_bank(SPOT_THE_FLAW_FILE))))


def _require(item: Any, number: int, *fields: str) -> dict[str, Any]:
    if not isinstance(item, Mapping):
        raise ValueError(f"question {number}: expected a mapping, got {type(item).__name__}")
    missing = [name for name in fields if not item.get(name)]
    if missing:
        raise ValueError(f"question {number}: missing {', '.join(missing)}")
    return dict(item)


def _validated_okr_or_kpi(items: Iterable[Any]) -> list[dict[str, Any]]:
    result = []
    for number, raw in enumerate(items, start=1):
        item = _require(raw, number, "statement", "answer")
        item["answer"] = str(item["answer"]).strip().lower()
        if item["answer"] not in ANSWERS:
            raise ValueError(f"question {number}: answer must be 'okr' or 'kpi', not {raw['answer']!r}")
        item.setdefault("why", "")
        result.append(item)
    return _non_empty(result)


def _validated_spot_the_flaw(items: Iterable[Any]) -> list[dict[str, Any]]:
    result = []
    for number, raw in enumerate(items, start=1):
        item = _require(raw, number, "objective", "flaw", "choices")
        item["flaw"] = _rule_name(item["flaw"])
        item["choices"] = [_rule_name(choice) for choice in item["choices"]]
        item["key_results"] = [str(text) for text in item.get("key_results") or []]
        if item["flaw"] not in item["choices"]:
            raise ValueError(f"question {number}: the flaw {item['flaw']!r} is not among the choices")
        if len(set(item["choices"])) != len(item["choices"]):
            raise ValueError(f"question {number}: the choices repeat a rule")
        item.setdefault("why", "")
        item.setdefault("better", None)
        result.append(item)
    return _non_empty(result)


def _non_empty(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not items:
        raise ValueError("a quiz needs at least one question")
    return items


def _rule_name(value: Any) -> str:
    return str(value).strip().lower().replace("_", "-")


@lru_cache(maxsize=None)
def rule_label(name: str) -> str:
    """Return a plain-language label for a rule: its one-line summary ('A key result with no measurable target')."""
    try:
        import okrcoach.rules  # noqa: F401  (registers the built-in rules)
        from okrcoach.registry import REGISTRY

        summary = REGISTRY.get(name).summary
    except (KeyError, ImportError):
        summary = ""
    summary = summary.removeprefix("Check for ").strip().rstrip(".")
    if not summary:
        return name.replace("-", " ").capitalize()
    return summary[0].upper() + summary[1:]


# --------------------------------------------------------------------------- the quiz engine


class _Quiz(widgets.VBox):
    """One question at a time, immediate feedback, a running score and a final summary."""

    title = ""
    intro = ""

    def __init__(
        self,
        *,
        items: Iterable[Mapping[str, Any]] | None = None,
        shuffle_seed: int | None = None,
        count: int | None = None,
        shuffle: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._items = self._validate(copy.deepcopy(list(items))) if items is not None else self._load()
        if count is not None and count < 1:
            raise ValueError(f"count must be at least 1, not {count}")
        self._seed = shuffle_seed
        self._count = count
        self._shuffle = shuffle
        self._order: list[dict[str, Any]] = []
        self._index = 0
        self._choices: dict[int, str] = {}  # question index -> the learner's (first) answer
        self._finished = False

        self.header_html = widgets.HTML(f"<h3 style='margin:0'>{html.escape(self.title)}</h3><p>{self.intro}</p>")
        self.progress_html = widgets.HTML()
        self.score_html = widgets.HTML()
        self.question_html = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.buttons_box = self._buttons_container()
        self.feedback_html = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.next_button = widgets.Button(description="Next", icon="arrow-right", disabled=True, tooltip="Go to the next question")
        self.next_button.on_click(lambda _button: self.next())
        self.summary_html = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.restart_button = widgets.Button(description="Start again", icon="refresh", tooltip="Take the quiz again")
        self.restart_button.on_click(lambda _button: self.restart())
        self.answer_buttons: tuple[widgets.Button, ...] = ()
        self.restart()

    # subclasses fill these in -------------------------------------------------------------
    def _load(self) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _validate(self, items: list[Any]) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _buttons_container(self) -> widgets.Box:
        return widgets.HBox()

    def _options(self, item: dict[str, Any]) -> list[tuple[str, str, str]]:
        """Return (choice, button label, tooltip) for each answer button."""
        raise NotImplementedError

    def _correct(self, item: dict[str, Any]) -> str:
        raise NotImplementedError

    def _normalise(self, choice: str) -> str:
        return str(choice).strip().lower()

    def _question_html(self, item: dict[str, Any]) -> str:
        raise NotImplementedError

    def _explanation_html(self, item: dict[str, Any]) -> str:
        raise NotImplementedError

    def _answer_name(self, choice: str) -> str:
        raise NotImplementedError

    def _missed_html(self, item: dict[str, Any], choice: str) -> str:
        raise NotImplementedError

    # public API ---------------------------------------------------------------------------
    @property
    def question(self) -> dict[str, Any] | None:
        """Return the current question (a copy of its dict), or None once the quiz is finished."""
        if self._finished:
            return None
        return copy.deepcopy(self._order[self._index])

    @property
    def score(self) -> tuple[int, int]:
        """Return (correct, answered) so far."""
        right = sum(1 for index, choice in self._choices.items() if choice == self._correct(self._order[index]))
        return right, len(self._choices)

    @property
    def finished(self) -> bool:
        """Return True once the last question has been answered and the summary is shown."""
        return self._finished

    @property
    def feedback(self) -> str:
        """Return the feedback HTML for the current question ('' before it is answered)."""
        return self.feedback_html.value

    @property
    def answered(self) -> bool:
        """Return True when the current question has been answered."""
        return self._index in self._choices

    @property
    def total(self) -> int:
        """Return the number of questions in this round."""
        return len(self._order)

    @property
    def missed(self) -> list[dict[str, Any]]:
        """Return the questions answered wrongly so far, each with the learner's choice under 'chosen'."""
        return [
            {**copy.deepcopy(self._order[index]), "chosen": choice}
            for index, choice in sorted(self._choices.items())
            if choice != self._correct(self._order[index])
        ]

    def answer(self, choice: str) -> bool:
        """Answer the current question (what clicking its button does) and return whether it was right.

        Only the first answer to a question counts: answering again returns the first result
        and changes neither the score nor the feedback.
        """
        if self._finished:
            raise RuntimeError("the quiz is finished: call restart() to play again")
        item = self._order[self._index]
        choice = self._normalise(choice)
        valid = [option for option, _, _ in self._options(item)]
        if choice not in valid:
            raise ValueError(f"{choice!r} is not one of the choices: {', '.join(valid)}")
        if self._index in self._choices:
            return self._choices[self._index] == self._correct(item)
        self._choices[self._index] = choice
        right = choice == self._correct(item)
        self._mark_buttons(choice, self._correct(item))
        self.feedback_html.value = self._feedback_html(item, choice, right)
        self.next_button.disabled = False
        self._update_status()
        return right

    def next(self) -> None:
        """Go to the next question, or to the summary after the last one."""
        if self._finished:
            return
        if self._index not in self._choices:
            raise RuntimeError("answer this question before moving on")
        if self._index + 1 >= len(self._order):
            self._finish()
            return
        self._index += 1
        self._show()

    def restart(self) -> None:
        """Start again from the first question with an empty score (same order when seeded)."""
        order = list(self._items)
        if self._shuffle:
            random.Random(self._seed).shuffle(order)
        if self._count is not None:
            order = order[: self._count]
        self._order = order
        self._index = 0
        self._choices = {}
        self._finished = False
        self.summary_html.value = ""
        self._show()

    def button_for(self, choice: str) -> widgets.Button:
        """Return the answer button for a choice ('okr', 'kpi' or a rule name)."""
        for button in self.answer_buttons:
            if button._quiz_choice == self._normalise(choice):  # type: ignore[attr-defined]
                return button
        raise KeyError(choice)

    # drawing ------------------------------------------------------------------------------
    def _show(self) -> None:
        item = self._order[self._index]
        self.question_html.value = self._question_html(item)
        buttons = []
        for choice, label, tooltip in self._options(item):
            button = widgets.Button(description=label, tooltip=tooltip, layout=self._button_layout())
            button._quiz_choice = choice  # type: ignore[attr-defined]
            button.on_click(lambda _button, choice=choice: self.answer(choice))
            buttons.append(button)
        self.answer_buttons = tuple(buttons)
        self.buttons_box.children = self.answer_buttons
        self.feedback_html.value = ""
        last = self._index + 1 >= len(self._order)
        self.next_button.description = "See my results" if last else "Next"
        self.next_button.disabled = True
        self._update_status()
        self.children = (
            self.header_html,
            self.progress_html,
            self.question_html,
            self.buttons_box,
            self.feedback_html,
            widgets.HBox([self.next_button, self.score_html]),
        )

    def _button_layout(self) -> widgets.Layout:
        return widgets.Layout(width="auto")

    def _mark_buttons(self, chosen: str, correct: str) -> None:
        for button in self.answer_buttons:
            button.disabled = True
            option = button._quiz_choice  # type: ignore[attr-defined]
            if option == correct:
                button.button_style = "success"
                button.icon = "check"
            elif option == chosen:
                button.button_style = "danger"
                button.icon = "times"

    def _update_status(self) -> None:
        right, answered = self.score
        self.progress_html.value = f"<b>Question {self._index + 1} of {len(self._order)}</b>"
        self.score_html.value = f"<span style='margin-left:1em'>Score: <b>{right} / {answered}</b></span>"

    def _feedback_html(self, item: dict[str, Any], choice: str, right: bool) -> str:
        if right:
            verdict = f"<b style='color:{_GOOD}'>Correct!</b>"
        else:
            verdict = (
                f"<b style='color:{_BAD}'>Not quite.</b> You chose {html.escape(self._answer_name(choice))}; "
                f"the answer is <b>{html.escape(self._answer_name(self._correct(item)))}</b>."
            )
        return f"<div class='okrcoach-quiz-feedback'><p>{verdict}</p>{self._explanation_html(item)}</div>"

    def _finish(self) -> None:
        self._finished = True
        right, answered = self.score
        missed = [(self._order[index], choice) for index, choice in sorted(self._choices.items()) if choice != self._correct(self._order[index])]
        parts = [f"<h4>Finished! You scored {right} / {answered}.</h4>"]
        if not missed:
            parts.append("<p>You got every question right.</p>")
        else:
            parts.append(f"<p>Worth another look ({len(missed)} missed):</p><ol>")
            parts.extend(f"<li>{self._missed_html(item, choice)}</li>" for item, choice in missed)
            parts.append("</ol>")
        self.summary_html.value = "<div class='okrcoach-quiz-summary'>" + "".join(parts) + "</div>"
        self.feedback_html.value = ""
        self.progress_html.value = f"<b>All {len(self._order)} questions answered</b>"
        self.children = (self.header_html, self.progress_html, self.summary_html, self.restart_button)


def _paragraph(text: Any) -> str:
    return f"<p>{html.escape(str(text))}</p>" if text else ""


# --------------------------------------------------------------------------- OKR or KPI?


class OKROrKPIQuiz(_Quiz):
    """Decide whether a statement is an OKR (a time-boxed change) or a KPI (a level watched all the time).

    Parameters: ``items`` (dicts with statement, answer 'okr' or 'kpi', why; default: the
    built-in bank), ``shuffle_seed`` (the same seed gives the same order; None shuffles
    differently each time), ``count`` (ask only this many), ``shuffle`` (False keeps the given
    order).
    """

    title = "OKR or KPI?"
    intro = (
        "Is each statement an <b>OKR</b> (an ambitious change to make within a set time) or a "
        "<b>KPI</b> (a health measure to watch all the time)?"
    )
    _NAMES = {"okr": "OKR", "kpi": "KPI"}

    def _load(self) -> list[dict[str, Any]]:
        return load_okr_or_kpi_items()

    def _validate(self, items: list[Any]) -> list[dict[str, Any]]:
        return _validated_okr_or_kpi(items)

    def _options(self, item: dict[str, Any]) -> list[tuple[str, str, str]]:
        return [
            ("okr", "OKR", "An ambitious change to make within a set time"),
            ("kpi", "KPI", "A health measure to watch all the time"),
        ]

    def _correct(self, item: dict[str, Any]) -> str:
        return item["answer"]

    def _answer_name(self, choice: str) -> str:
        return self._NAMES.get(choice, choice)

    def _question_html(self, item: dict[str, Any]) -> str:
        return f"<blockquote style='font-size:1.15em'>{html.escape(str(item['statement']))}</blockquote>"

    def _explanation_html(self, item: dict[str, Any]) -> str:
        return _paragraph(item.get("why"))

    def _missed_html(self, item: dict[str, Any], choice: str) -> str:
        return (
            f"<i>{html.escape(str(item['statement']))}</i>: it is a <b>{self._answer_name(item['answer'])}</b> "
            f"(you said {self._answer_name(choice)}). {html.escape(str(item.get('why') or ''))}"
        )


# --------------------------------------------------------------------------- Spot the flaw


class SpotTheFlawQuiz(_Quiz):
    """Find the main problem in a draft OKR, then see why it matters and a better version.

    Parameters: ``items`` (dicts with objective, key_results, flaw, choices, why, better;
    default: the built-in bank), ``shuffle_seed``, ``count`` and ``shuffle`` as for
    OKROrKPIQuiz. Answers are okrcoach rule names ('vague-target', ...); the buttons show each
    rule's plain-language summary.
    """

    title = "Spot the flaw"
    intro = "Each draft OKR below has one main problem. Which one?"

    def _load(self) -> list[dict[str, Any]]:
        return load_spot_the_flaw_items()

    def _validate(self, items: list[Any]) -> list[dict[str, Any]]:
        return _validated_spot_the_flaw(items)

    def _buttons_container(self) -> widgets.Box:
        return widgets.VBox(layout=widgets.Layout(width="100%"))

    def _button_layout(self) -> widgets.Layout:
        return widgets.Layout(width="100%")

    def _normalise(self, choice: str) -> str:
        return _rule_name(choice)

    def _options(self, item: dict[str, Any]) -> list[tuple[str, str, str]]:
        return [(name, rule_label(name), f"okrcoach rule: {name}") for name in item["choices"]]

    def _correct(self, item: dict[str, Any]) -> str:
        return item["flaw"]

    def _answer_name(self, choice: str) -> str:
        return f"\u201c{rule_label(choice)}\u201d ({choice})"

    def _question_html(self, item: dict[str, Any]) -> str:
        return _okr_html(item.get("objective"), item.get("key_results") or [])

    def _explanation_html(self, item: dict[str, Any]) -> str:
        parts = [_paragraph(item.get("why"))]
        better = item.get("better")
        if isinstance(better, Mapping):
            parts.append("<p><b>A better version:</b></p>" + _okr_html(better.get("objective"), better.get("key_results") or []))
        elif better:
            parts.append(f"<p><b>A better version:</b> {html.escape(str(better))}</p>")
        return "".join(parts)

    def _missed_html(self, item: dict[str, Any], choice: str) -> str:
        return (
            f"<i>{html.escape(str(item['objective']))}</i>: the flaw is <b>{html.escape(self._answer_name(item['flaw']))}</b> "
            f"(you chose {html.escape(self._answer_name(choice))}). {html.escape(str(item.get('why') or ''))}"
        )


def _okr_html(objective: Any, key_results: Iterable[Any]) -> str:
    rows = "".join(f"<li>{html.escape(str(text))}</li>" for text in key_results)
    return (
        "<div style='border-left:4px solid #888;padding-left:0.8em'>"
        f"<p><b>Objective:</b> {html.escape(str(objective or ''))}</p>"
        f"<p><b>Key results:</b></p><ul>{rows}</ul></div>"
    )
