"""Hidden checks for exercise 8: the grader runs these; learners do not receive this file.

The plan and check-ins are the ones the notebook gives learners (tests/grading checks they match).
"""

import csv
import io
from datetime import date

from okrcoach.grading import checks

PLAN_YAML = """
cycle: 2026-Q1
objectives:
  - id: CS1
    title: Make waiting for help a thing of the past
    type: committed
    key_results:
      - id: CS1.KR1
        title: Reduce median first response time on email from 12 hours to 4 hours
      - id: CS1.KR2
        title: Answer 80% of live chats within 2 minutes, up from 55%
      - id: CS1.KR3
        title: Cut the open-ticket backlog from 1,400 to 300
  - id: CS2
    title: Fix problems on the first contact
    key_results:
      - id: CS2.KR1
        title: Raise first-contact resolution from 61% to 75%
      - id: CS2.KR2
        title: Cut repeat contacts about the same order from 22% to 12%
"""
CHECKINS_CSV = """key_result,date,value,confidence,comment
CS1.KR1,2026-01-16,10,7,new macros live
CS1.KR1,2026-02-13,7,6,weekend rota started
CS1.KR1,2026-03-27,5,6,two agents on leave in March
CS1.KR2,2026-01-16,62,6,
CS1.KR2,2026-02-13,70,7,chat routing fixed
CS1.KR2,2026-03-27,77,7,
CS1.KR3,2026-01-16,1300,5,
CS1.KR3,2026-02-13,1100,4,backlog grew after the January sale
CS1.KR3,2026-03-27,950,3,
CS2.KR1,2026-01-16,62,5,
CS2.KR1,2026-02-13,63,3,knowledge base still out of date
CS2.KR1,2026-03-27,64,2,
CS2.KR2,2026-01-16,20,6,
CS2.KR2,2026-02-13,17,7,order-status page shipped
CS2.KR2,2026-03-27,14,7,
"""
#: Words that show the retrospective talks about each key result that fell short.
SHORTFALLS = {"CS1.KR3": ("backlog", "open ticket", "cs1.kr3"), "CS2.KR1": ("first-contact", "first contact", "cs2.kr1", "knowledge base")}


def _scorecard():
    import okrcoach
    from okrcoach.tracking import CheckIn, score_plan

    plan = okrcoach.loads(PLAN_YAML, format="yaml")
    rows = csv.DictReader(io.StringIO(CHECKINS_CSV))
    checkins = [CheckIn(row["key_result"], date.fromisoformat(row["date"]), float(row["value"]), int(row["confidence"]), row["comment"]) for row in rows]
    return score_plan(plan, checkins, day=date(2026, 3, 31))


def _compare(given, expected, what):
    grades = checks.mapping(given, expected)
    right = [key for key, value in expected.items() if isinstance(grades[key], int | float) and abs(grades[key] - value) <= 0.05 + 1e-9]
    details = [f"{key}: {grades[key]} is not okrcoach's grade" for key in expected if key not in right]
    return checks.partial(len(right), len(expected), f"{len(right)} of {len(expected)} {what} grades right", details)


def grades_match_okrcoach(kr_grades):
    """Each key result's grade matches okrcoach's score on 31 March (within 0.05).

    Hint: Grade = progress from baseline to target at the last check-in, between 0.0 and 1.0, to one decimal.
    """
    return _compare(kr_grades, {score.key_result: score.grade for score in _scorecard().key_results}, "key result")


def objective_grades_match_okrcoach(objective_grades):
    """Each objective's grade matches okrcoach's (the mean of its key results' progress, within 0.05).

    Hint: An objective's grade is the mean of its key results' progress, each capped between 0 and 1.
    """
    return _compare(objective_grades, {score.objective: score.grade for score in _scorecard().objectives}, "objective")


def at_risk_matches_okrcoach(at_risk):
    """The key results at risk are those okrcoach flags (behind pace or low confidence).

    Hint: Look at score_plan(...).at_risk and the reasons it gives.
    """
    assert isinstance(at_risk, list), f"expected a list, got {checks.describe(at_risk)}"
    expected = {score.key_result for score in _scorecard().at_risk}
    given = {item for item in at_risk if isinstance(item, str)}
    right, wrong = len(given & expected), len(given - expected)
    details = [f"{item} is on track" for item in sorted(given - expected)] + [f"{item} is at risk" for item in sorted(expected - given)]
    return checks.partial(max(right - wrong, 0), len(expected), f"{right} of {len(expected)} at-risk key results named", details)


def names_what_fell_short(retrospective):
    """The retrospective talks about the key results that fell short (the backlog and first-contact resolution).

    Hint: A retrospective that only celebrates teaches nothing: say what fell short and why.
    """
    text = " ".join(str(value) for value in checks.mapping(retrospective, ["to_improve"]).values()).lower()
    named = [key for key, words in SHORTFALLS.items() if any(word in text for word in words)]
    return checks.partial(len(named), len(SHORTFALLS), f"talks about {len(named)} of {len(SHORTFALLS)} shortfalls")


def next_quarter_is_measurable(retrospective):
    """Two or three key results for next quarter, measurable outcomes that can move within it.

    Hint: Write them as in exercise 1: a metric, a baseline and a target; okrcoach.check shows what is still vague.
    """
    plans = checks.mapping(retrospective, ["next_quarter"])["next_quarter"]
    checks.texts(plans, minimum=2, maximum=3)
    return checks.key_results_clean(plans, rules=["vague-target", "output-not-outcome", "lagging-indicator"], cycle="2026-Q2")
