"""The OKR-or-KPI and spot-the-flaw quizzes: question banks and widgets, tested without a browser."""

from __future__ import annotations

import html

import pytest

pytest.importorskip("ipywidgets")

import okrcoach
import okrcoach.rules  # noqa: F401  (registers the built-in rules)
from okrcoach.registry import REGISTRY
from okrcoach.widgets import OKROrKPIQuiz, SpotTheFlawQuiz
from okrcoach.widgets.quiz import FLAWS, load_okr_or_kpi_items, load_spot_the_flaw_items, rule_label

OKR_ITEMS = load_okr_or_kpi_items()
FLAW_ITEMS = load_spot_the_flaw_items()


def _check(objective: str, key_results: list[str]) -> set[str]:
    plan = {"cycle": "2026-Q1", "objectives": [{"title": objective, "key_results": key_results}]}
    return {finding.rule for finding in okrcoach.check(okrcoach.load(plan)).findings}


def _okr_items(n: int = 3) -> list[dict[str, str]]:
    return [
        {"statement": f"Statement {i}", "answer": "okr" if i % 2 == 0 else "kpi", "why": f"Because {i}"}
        for i in range(n)
    ]


def _wrong(answer: str) -> str:
    return "kpi" if answer == "okr" else "okr"


# --------------------------------------------------------------------------- question banks


def test_okr_or_kpi_bank_is_well_formed() -> None:
    assert len(OKR_ITEMS) >= 24
    answers = [item["answer"] for item in OKR_ITEMS]
    assert set(answers) == {"okr", "kpi"}
    assert min(answers.count("okr"), answers.count("kpi")) >= 10  # both kinds well represented
    for item in OKR_ITEMS:
        assert set(item) == {"statement", "answer", "why"}, item
        assert isinstance(item["statement"], str) and item["statement"].strip()
        assert isinstance(item["why"], str) and 20 <= len(item["why"]) <= 300, item
    statements = [item["statement"].lower() for item in OKR_ITEMS]
    assert len(set(statements)) == len(statements)


def test_spot_the_flaw_bank_is_well_formed() -> None:
    assert len(FLAW_ITEMS) >= 20
    assert {item["flaw"] for item in FLAW_ITEMS} == set(FLAWS)  # every flaw is practised
    for item in FLAW_ITEMS:
        assert set(item) == {"objective", "key_results", "flaw", "choices", "why", "better"}, item
        assert item["flaw"] in FLAWS
        assert len(item["choices"]) == 4 and len(set(item["choices"])) == 4, item["objective"]
        assert item["flaw"] in item["choices"]
        for name in item["choices"]:
            assert name in REGISTRY, name
            assert REGISTRY.get(name).name == name
        assert item["key_results"] and all(isinstance(text, str) and text for text in item["key_results"])
        assert isinstance(item["why"], str) and item["why"].strip()
        better = item["better"]
        assert better["objective"] and better["key_results"]
    objectives = [item["objective"] for item in FLAW_ITEMS]
    assert len(set(objectives)) == len(objectives)


def test_right_answer_is_not_always_in_the_same_place() -> None:
    positions = {item["choices"].index(item["flaw"]) for item in FLAW_ITEMS}
    assert positions == {0, 1, 2, 3}


@pytest.mark.parametrize("item", FLAW_ITEMS, ids=[item["objective"][:40] for item in FLAW_ITEMS])
def test_every_spot_the_flaw_item_has_its_flaw(item: dict) -> None:
    found = _check(item["objective"], item["key_results"])
    assert item["flaw"] in found, f"okrcoach finds {sorted(found)}"
    # and no other flaw the quiz asks about, so the question has one right answer
    assert not (found - {item["flaw"]}) & set(FLAWS), f"okrcoach also finds {sorted(found - {item['flaw']})}"


@pytest.mark.parametrize("item", FLAW_ITEMS, ids=[item["objective"][:40] for item in FLAW_ITEMS])
def test_every_better_version_fixes_the_flaw(item: dict) -> None:
    better = item["better"]
    found = _check(better["objective"], better["key_results"])
    assert not found & set(FLAWS), f"the better version still has {sorted(found & set(FLAWS))}"


def test_rule_labels_are_plain_language() -> None:
    assert rule_label("vague-target") == "A key result with no measurable target"
    for name in FLAWS:
        label = rule_label(name)
        assert label[0].isupper() and not label.endswith(".") and "-" not in label.split()[0]
    assert rule_label("no-such-rule") == "No such rule"


# --------------------------------------------------------------------------- OKR or KPI?


def test_okr_quiz_clicking_buttons_gives_feedback_score_and_summary() -> None:
    quiz = OKROrKPIQuiz(items=_okr_items(3), shuffle=False)
    assert quiz.question["statement"] == "Statement 0"
    assert [button.description for button in quiz.answer_buttons] == ["OKR", "KPI"]
    assert quiz.feedback == "" and quiz.score == (0, 0) and not quiz.finished
    assert quiz.next_button.disabled

    quiz.button_for("okr").click()  # right
    assert quiz.score == (1, 1)
    assert "Correct" in quiz.feedback and "Because 0" in quiz.feedback
    assert "1 / 1" in quiz.score_html.value
    assert all(button.disabled for button in quiz.answer_buttons)
    assert quiz.button_for("okr").button_style == "success"
    assert not quiz.next_button.disabled

    quiz.next_button.click()
    assert quiz.question["statement"] == "Statement 1"
    assert quiz.feedback == "" and quiz.next_button.disabled
    assert "Question 2 of 3" in quiz.progress_html.value

    quiz.button_for("okr").click()  # wrong: the answer is KPI
    assert quiz.score == (1, 2)
    assert "Not quite" in quiz.feedback and "<b>KPI</b>" in quiz.feedback and "Because 1" in quiz.feedback
    assert quiz.button_for("okr").button_style == "danger"
    assert quiz.button_for("kpi").button_style == "success"
    assert "1 / 2" in quiz.score_html.value

    quiz.next_button.click()
    assert quiz.next_button.description == "See my results"
    quiz.button_for("okr").click()
    quiz.next_button.click()
    assert quiz.finished and quiz.question is None
    assert quiz.score == (2, 3)
    summary = quiz.summary_html.value
    assert "2 / 3" in summary
    assert "Statement 1" in summary and "Statement 0" not in summary and "Statement 2" not in summary
    assert quiz.summary_html in quiz.children and quiz.restart_button in quiz.children
    assert quiz.question_html not in quiz.children
    assert [item["statement"] for item in quiz.missed] == ["Statement 1"]
    assert quiz.missed[0]["chosen"] == "okr"


def test_okr_quiz_answering_twice_does_not_count_twice() -> None:
    quiz = OKROrKPIQuiz(items=_okr_items(2), shuffle=False)
    assert quiz.answer("kpi") is False
    feedback = quiz.feedback
    assert quiz.answer("okr") is False  # the first answer stands
    quiz.button_for("okr").click()
    quiz.button_for("kpi").click()
    assert quiz.score == (0, 1)
    assert quiz.feedback == feedback


def test_okr_quiz_answer_accepts_any_case_and_rejects_nonsense() -> None:
    quiz = OKROrKPIQuiz(items=_okr_items(2), shuffle=False)
    with pytest.raises(ValueError):
        quiz.answer("maybe")
    assert quiz.score == (0, 0)
    assert quiz.answer(" OKR ") is True


def test_next_needs_an_answer_and_finished_quiz_refuses_answers() -> None:
    quiz = OKROrKPIQuiz(items=_okr_items(1), shuffle=False)
    with pytest.raises(RuntimeError):
        quiz.next()
    quiz.answer("okr")
    quiz.next()
    assert quiz.finished
    quiz.next()  # harmless once finished
    with pytest.raises(RuntimeError):
        quiz.answer("okr")


def test_restart_clears_the_score_and_keeps_the_seeded_order() -> None:
    quiz = OKROrKPIQuiz(shuffle_seed=7, count=4)
    first = quiz.question
    while not quiz.finished:
        quiz.answer(_wrong(quiz.question["answer"]))
        quiz.next()
    assert quiz.score == (0, 4) and len(quiz.missed) == 4
    quiz.restart_button.click()
    assert not quiz.finished and quiz.score == (0, 0) and quiz.feedback == ""
    assert quiz.question == first
    assert quiz.question_html in quiz.children


def test_shuffle_seed_gives_a_deterministic_order() -> None:
    def order(quiz: OKROrKPIQuiz | SpotTheFlawQuiz, key: str) -> list[str]:
        seen = []
        while not quiz.finished:
            seen.append(quiz.question[key])
            quiz.answer(quiz.question.get("answer") or quiz.question.get("flaw"))
            quiz.next()
        return seen

    a = order(OKROrKPIQuiz(shuffle_seed=42), "statement")
    b = order(OKROrKPIQuiz(shuffle_seed=42), "statement")
    c = order(OKROrKPIQuiz(shuffle_seed=43), "statement")
    assert a == b and a != c
    assert sorted(a) == sorted(item["statement"] for item in OKR_ITEMS)
    assert a != [item["statement"] for item in OKR_ITEMS]

    x = order(SpotTheFlawQuiz(shuffle_seed=1, count=6), "objective")
    y = order(SpotTheFlawQuiz(shuffle_seed=1, count=6), "objective")
    assert x == y and len(x) == 6


def test_count_limits_the_round() -> None:
    quiz = OKROrKPIQuiz(shuffle_seed=0, count=5)
    assert quiz.total == 5
    assert OKROrKPIQuiz(items=_okr_items(2), count=10).total == 2
    with pytest.raises(ValueError):
        OKROrKPIQuiz(count=0)


def test_bad_custom_items_are_refused() -> None:
    with pytest.raises(ValueError, match="okr"):
        OKROrKPIQuiz(items=[{"statement": "x", "answer": "both"}])
    with pytest.raises(ValueError):
        OKROrKPIQuiz(items=[])
    with pytest.raises(ValueError, match="choices"):
        SpotTheFlawQuiz(items=[{"objective": "o", "key_results": ["k"], "flaw": "vague-target", "choices": ["kpi-as-okr"]}])


def test_statements_are_escaped_in_the_html() -> None:
    nasty = "<script>alert('hi')</script> Keep uptime at 99.9%"
    quiz = OKROrKPIQuiz(items=[{"statement": nasty, "answer": "kpi", "why": "Because <b>steady</b>"}])
    assert "<script>" not in quiz.question_html.value
    assert "&lt;script&gt;" in quiz.question_html.value
    quiz.answer("okr")
    assert "<script>" not in quiz.feedback and "&lt;b&gt;steady" in quiz.feedback
    quiz.next()
    assert "<script>" not in quiz.summary_html.value and "&lt;script&gt;" in quiz.summary_html.value

    flaw = {
        "objective": "<script>x()</script> Grow",
        "key_results": ["<script>y()</script>", "Raise NPS from 31 to 45"],
        "flaw": "lagging-indicator",
        "choices": ["lagging-indicator", "vague-target", "kpi-as-okr", "missing-baseline"],
        "why": "<img src=x onerror=alert(1)>",
        "better": {"objective": "<script>z()</script>", "key_results": ["<i>k</i>"]},
    }
    spot = SpotTheFlawQuiz(items=[flaw])
    assert "<script>" not in spot.question_html.value and spot.question_html.value.count("&lt;script&gt;") == 2
    spot.answer("vague-target")
    assert "<script>" not in spot.feedback and "<img" not in spot.feedback and "<i>k</i>" not in spot.feedback
    spot.next()
    assert "<script>" not in spot.summary_html.value


# --------------------------------------------------------------------------- Spot the flaw


def test_spot_the_flaw_clicking_buttons_shows_why_and_a_better_version() -> None:
    items = FLAW_ITEMS[:2]
    quiz = SpotTheFlawQuiz(items=items, shuffle=False)
    first = items[0]
    assert quiz.question["objective"] == first["objective"]
    for text in first["key_results"]:
        assert html.escape(text) in quiz.question_html.value
    labels = [button.description for button in quiz.answer_buttons]
    assert labels == [rule_label(name) for name in first["choices"]]
    assert "A key result with no measurable target" in labels

    wrong = next(name for name in first["choices"] if name != first["flaw"])
    quiz.button_for(wrong).click()
    assert quiz.score == (0, 1)
    assert "Not quite" in quiz.feedback and first["flaw"] in quiz.feedback
    assert "A better version" in quiz.feedback
    assert html.escape(first["better"]["key_results"][0]) in quiz.feedback
    quiz.button_for(first["flaw"]).click()  # a second click does not count
    assert quiz.score == (0, 1)

    quiz.next_button.click()
    second = items[1]
    quiz.button_for(second["flaw"]).click()
    assert quiz.score == (1, 2) and "Correct" in quiz.feedback
    assert "1 / 2" in quiz.score_html.value
    quiz.next_button.click()
    assert quiz.finished
    summary = quiz.summary_html.value
    assert "1 / 2" in summary and "1 missed" in summary
    assert first["objective"] in summary and second["objective"] not in summary


def test_spot_the_flaw_accepts_rule_names_in_any_spelling() -> None:
    item = next(item for item in FLAW_ITEMS if item["flaw"] == "too-many-key-results")
    quiz = SpotTheFlawQuiz(items=[item])
    assert quiz.answer("Too_Many_Key_Results") is True


def test_the_default_banks_load_from_package_data() -> None:
    okr = OKROrKPIQuiz()
    spot = SpotTheFlawQuiz()
    assert okr.total == len(OKR_ITEMS) and spot.total == len(FLAW_ITEMS)
    assert len(spot.answer_buttons) == 4
