"""Measurability rules (M): can anyone tell whether it was achieved?"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from okrcoach.context import Context
from okrcoach.findings import Severity, Violation
from okrcoach.model import Direction, KeyResult, KRKind, Objective
from okrcoach.parser import Statement, parse_key_result
from okrcoach.registry import rule
from okrcoach.rules._common import DIRECTION_VERB, cycle_of, end_of, quote, statement

# Verbs whose count target is new work done this cycle, started from zero: no baseline needed.
_FROM_ZERO = frozenset({
    "hire", "recruit", "publish", "run", "host", "hold", "sign", "onboard", "enrol", "enroll", "launch", "ship",
    "win", "close", "add", "acquire", "open", "train", "certify", "complete", "deliver", "conduct", "interview",
    "write", "create", "build", "partner with", "book", "serve", "plant", "distribute", "recruit", "send", "release",
    "secure", "land", "attract", "collect", "raise", "generate", "finish", "produce", "organise", "organize",
    "record", "place", "hold", "visit", "test", "pilot", "deploy", "migrate", "mentor", "coach", "graduate",
    "reactivate", "post", "attend", "hold on",
})  # fmt: skip
# Verbs that name an outcome someone else chooses (a customer signs, a learner enrols): not a task.
_OUTCOME_VERBS = frozenset({
    "sign", "close", "win", "acquire", "enrol", "enroll", "onboard", "convert", "attract", "book", "secure",
    "earn", "collect", "generate", "gain", "reach", "achieve", "get", "land", "retain", "grow", "increase",
    "reduce", "cut", "raise", "lift", "lower", "double", "triple", "halve", "serve", "win back",
})  # fmt: skip
_COUNT_UNITS = frozenset({None, "USD", "EUR", "GBP", "INR", "JPY"})
# Results that start from zero each cycle: deals closed, stories and testimonials gathered.
_RESULTS_FROM_ZERO = frozenset({"deals", "deal", "stories", "story", "testimonials", "case", "wins", "logos", "bookings",
                                "referrals", "endorsements", "mentions"})  # fmt: skip
_LAUNCH_WINDOW = re.compile(r"\b(?:in|within)\s+the\s+first\s+\w+\s+(?:online|after\s+(?:launch|release)|of\s+launch)\b", re.IGNORECASE)
_NEW_WORK = re.compile(
    r"\b(?:new|additional|incremental|sourced|net-new|closed|won|signed|booked|generated|raised|reactivated|installs)\b",
    re.IGNORECASE,
)
_HEAD = re.compile(r"\s+(?:by|per|with|w/|for|in|at|on|of|from|to|across|towards|attended|held|given)(?:\s+|$)|[:(]", re.IGNORECASE)
_ALL_OF_PEOPLE = re.compile(
    r"%\s+of\s+(?:(?:the|our|all|new|every)\s+)*(?:team(?:\s+members)?|members|employees|staff|managers|engineers|agents|"
    r"reps|teammates|hires|new\s+hires|leaders|interviewers|volunteers|nurses|teachers)\b",
    re.IGNORECASE,
)
_TIME_UNITS = frozenset({"ms", "seconds", "minutes", "hours", "days", "weeks", "months", "years"})
# 'N% of <people> <do a task>': employees, team members or managers finishing, joining, attending ...
_PEOPLE_DOING = re.compile(
    r"%\s+(?:of\s+)?(?:(?:the|our|all|new|web|eng|engineering|sales|support)\s+)*(?:team(?:\s+members)?|members|employees|"
    r"staff|managers|engineers|people\s+managers|teammates|hires|new\s+hires|leaders|interviewers|reps|agents)\s+"
    r"(?:\w+\s+){0,2}?(?:make|makes|complete|completes|completed|finish|finishes|finished|attend|attends|attended|join|"
    r"joins|joined|take|takes|took|submit|submits|participate|participates|do|does|pass|passes|receive|receives|"
    r"write|writes|review|reviews|use|uses|follow|follows)\b",
    re.IGNORECASE,
)
_PURPOSE = re.compile(r"\b(?:so\s+that|such\s+that|resulting\s+in|leading\s+to|in\s+order\s+that)\b", re.IGNORECASE)
_SHARE_OF = re.compile(r"%\s+of\s+(?!the\b)[^\W\d]", re.IGNORECASE)
_ALL_OF = re.compile(r"\b(?:to|for|with|across|in)\s+(?:all|every|each)\b|\ball\s+\d[\d,]*\b", re.IGNORECASE)
# "in their first 90 days", "within 30 days": a window that frames the goal, not a target in it.
_WINDOW = re.compile(r"\b(?:in\s+(?:the|their|its|our|your)\s+)?(?:first|last|past|next|within)\s+\d+\s+\w+", re.IGNORECASE)
# A holding phrase and a level, in an objective: 'Keep the platform stable', 'Maintain uptime above 99.9%'.
_HOLDING = re.compile(r"^(?:maintain|keep|sustain|remain|stay|preserve|hold|continue\s+to\s+keep|uphold)\b", re.IGNORECASE)
_LEVEL_WORDS = re.compile(
    r"\b(?:stable|steady|flat|at\s+current\s+levels?|as\s+(?:it|they)\s+(?:is|are)|(?:above|below|under|over|at|within)\s+"
    r"(?:\d|[$€£]|the\s+(?:target|threshold|budget|plan))|under\s+control|in\s+check|on\s+track|(?:high|low|green|"
    r"running|open|safe|up|healthy|happy|compliant|intact|secure|available|on|fully\s+\w+|as\s+advertised|the\s+same)"
    r"(?:\s+(?:on|in|at|during|for|across)\b.*)?$)",
    re.IGNORECASE,
)


def _holds_a_level(title: str) -> bool:
    """Return True for an objective that only holds a level: a holding phrase with a level, or 'stable'."""
    level = _LEVEL_WORDS.search(title)
    return bool(level) and (bool(_HOLDING.search(title)) or level.group(0).lower() in {"stable", "steady", "flat"})


@rule("M101", "vague-target", scope="key_result", severity=Severity.ERROR)
def vague_target(key_result: KeyResult, objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for a key result with no measurable target.

    A key result is vague when it has no measure and no end state anyone could check: no
    target number, percentage or amount and no verifiable end: "Improve onboarding", "A better
    datastore", "The protocol is a sound solution", a bare metric name ("Monthly website
    traffic"), a question, a state with no check ("Be GDPR compliant"), or placeholders left in
    a draft ("from X to Y", "TBD", "$N", "XX sign-ups"). A deliverable that can be checked as done ("POC of WebBluetooth",
    "Users can configure their node", "There is a prototype of X") is not vague: it is an
    output, which `output-not-outcome` flags.

    ## Why is this bad?
    Nobody can tell at the end of the cycle whether it was achieved, so it cannot be graded,
    and every team will read it differently. Key results are meant to be specific,
    measurable and verifiable.

    ## Example
    ```yaml
    key_results:
      - Improve the checkout experience
    ```

    ## Use instead
    ```yaml
    key_results:
      - Cut checkout abandonment from 71% to 62% by 31 March
    ```

    ## Known problems
    A statement whose only number is a name ("Enter the S&P 500") is treated as having no
    target; add the measure that would prove it.

    ## Source
    John Doerr, *Measure What Matters* (2018); Google re:Work, "Set goals with OKRs"; SMART (Doran, 1981).
    """
    if key_result.target is not None:
        return
    parsed = statement(key_result)
    reason = _vagueness(parsed)
    if reason is None:
        return
    yield Violation(key_result, f"Key result has no measurable target ({reason})", _rewrite(parsed, objective, ctx))


def _vagueness(parsed: Statement) -> str | None:
    """Return why a key result cannot be checked, or None when it can (a target or a checkable end state)."""
    if parsed.placeholders and (parsed.target is None or parsed.form == "placeholder"):
        return f"placeholder {quote(parsed.placeholders[0], 20)} instead of a number"
    if parsed.form == "state-wish":
        return f"{quote(parsed.metric or parsed.text, 40)} says a state but not how anyone checks it"
    if parsed.form == "vague" and parsed.vague is None:
        return "a question, not a result"
    if parsed.form == "vague":
        return f"vague {quote(parsed.vague, 30)} and no number"
    if parsed.target is not None or parsed.kind in (KRKind.MILESTONE, KRKind.BINARY):
        return None
    if parsed.direction is Direction.MAINTAIN:
        return "it keeps something steady but names no level"
    if parsed.form == "metric":
        return f"names {quote(parsed.metric or parsed.text, 40)} but no target"
    return "no target number or verifiable end state"


def _rewrite(parsed: Statement, objective: Objective, ctx: Context) -> str:
    """Return a rewrite skeleton built from the statement itself."""
    deadline = parsed.deadline or f"by {end_of(cycle_of(ctx.plan, objective))}"
    if parsed.form == "state-wish":
        state = parsed.metric or parsed.text
        return (
            f"Make it a milestone someone can check: '<the check that proves it> confirms we are {state} {deadline}' "
            "(an audit, a certificate, a release note)"
        )
    verb = DIRECTION_VERB.get(parsed.direction, "Move") if parsed.direction is not None else "Move"
    metric = parsed.metric
    if parsed.placeholders:
        return f"Fill in the numbers: '{verb} {metric or '<metric>'} from <baseline> to <target> {deadline}'"
    if metric is None:
        return f"Name what you will measure and rewrite it as '{verb} <metric> from <baseline> to <target> {deadline}'"
    return f"Pick a measure of {quote(metric, 40)} and rewrite it as '{verb} <measure> from <baseline> to <target> {deadline}'"


@rule("M102", "missing-baseline", scope="key_result", severity=Severity.INFO)
def missing_baseline(key_result: KeyResult, objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for a metric key result whose starting value is unknown.

    ## Why is this bad?
    Without a baseline nobody knows how ambitious the target is, progress cannot be
    computed, and a relative target ("by 15%") cannot even be turned into a number.

    ## Example
    ```yaml
    key_results:
      - Increase customer retention rate by 15%
    ```

    ## Use instead
    ```yaml
    key_results:
      - Increase customer retention rate from 72% to 83%
    ```
    Counts of new work started from zero this cycle ("Publish 12 guides", "Sign 5 new
    partners") need no baseline and are not flagged.

    ## Source
    docs/methodology.md (Measurability: missing-baseline); Measure What Matters (measurable, verifiable key results).
    """
    parsed = statement(key_result)
    if parsed.target is None or parsed.baseline is not None or parsed.kind is not KRKind.METRIC:
        return
    if parsed.direction is Direction.MAINTAIN or _counts_new_work(parsed) or parsed.state:
        return
    if _deliverable(parsed, ctx) is not None:
        return
    metric = parsed.metric or "the metric"
    what = f"a change of {parsed.target}" if parsed.is_change else str(parsed.target)
    target = "<target>" if parsed.is_change else str(parsed.target)
    yield Violation(
        key_result,
        f"Key result aims for {what} but does not say where {quote(metric, 40)} stands today",
        f"State the starting value: '... {metric} from <today's value> to {target}'",
    )


def _counts_new_work(parsed: Statement) -> bool:
    """Return True for counts of new work started from zero this cycle ('Sign 5 new partners')."""
    target = parsed.target
    if target is None or parsed.is_change or target.unit not in _COUNT_UNITS:
        return False
    if _LAUNCH_WINDOW.search(parsed.text):
        return True  # 'in the first month online': a new thing, counted from zero
    head = _head_words(parsed.counted)
    if head and head[-1] in _RESULTS_FROM_ZERO:
        return True  # 'At least 10 Tier 2 deals', '1 confirmed success story': results won this cycle
    return bool(_NEW_WORK.search(parsed.text)) or parsed.verb in _FROM_ZERO


@rule("M103", "output-not-outcome", scope="key_result")
def output_not_outcome(key_result: KeyResult, objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for a key result that is a task, a deliverable or a count of activities.

    Flags statements that open with a task verb ("Launch", "Implement", "Write") and measure no
    outcome; deliverables named or written as done ("POC of WebBluetooth", "The API is finalized
    and released", "There is a prototype of X", "Runs on Safari"); capabilities to build ("Users
    can configure their node"); counts of activities, whoever performs them ("Publish 5 posts",
    "Speak at 10 conferences", "12 streams"); hiring ("Hire 2 more support agents"); and shares
    of people completing a task ("75% of managers finish the course"). Results reached by selling
    or by others' choices ("Sign 5 new customers", "10 new contributors") are outcomes.

    ## Why is this bad?
    Finishing a task says nothing about whether anything changed for customers or the
    business. Teams ship the feature, tick the box and miss the point; OKRs are meant to
    measure outcomes and leave the tasks to the team.

    ## Example
    ```yaml
    key_results:
      - Launch a loyalty program
    ```

    ## Use instead
    ```yaml
    key_results:
      - Raise the share of repeat customers from 28% to 35%   # keep "launch the programme" as an initiative
    ```

    ## Source
    Niven and Lamorte, *Objectives and Key Results* (2016); docs/methodology.md (output-not-outcome); Perdoo and Quantive OKR guidance on project-like key results.
    """
    parsed = statement(key_result)
    deliverable = _deliverable(parsed, ctx)
    if deliverable is None:
        return
    yield Violation(
        key_result,
        f"Key result is {deliverable}, not a measured outcome",
        f"Ask what changes for customers or the business once {quote(_task_text(parsed), 50)} is done, "
        "measure that, and keep the task as an initiative",
    )


def _deliverable(parsed: Statement, ctx: Context) -> str | None:
    """Return what kind of output the key result is, or None when it measures an outcome (or nothing)."""
    if parsed.kind is None or (parsed.placeholders and (parsed.target is None or parsed.form == "placeholder")):
        return None  # vague or unfinished: vague-target's business
    if _PURPOSE.search(parsed.text):
        return None  # "Launch referrals so that 15% of customers ...": the outcome is what is measured
    task = _is_task(parsed, ctx)
    if parsed.kind is KRKind.MILESTONE:
        if parsed.form == "deliverable":
            return "a deliverable"
        return f"a task ({quote(parsed.verb, 20)})" if task and parsed.verb != "hold on" else "a task"
    if parsed.kind is KRKind.BINARY:
        if parsed.state is not None and ctx.words("achieved_states").first_match(parsed.state):
            return None  # 'SOC 2 audit passed', 'Award won': granted by someone else
        if parsed.form == "capability":
            return "a capability to build"
        return "a deliverable written as done" if parsed.state else None
    target = parsed.target
    if target is None or parsed.direction is Direction.MAINTAIN:
        return None  # holding a level is kpi-as-okr's business
    if parsed.state == "can":
        return "a capability to build"  # 'Users can compare changes between 2 branches'
    if _hires(parsed, ctx):
        return "a hiring count"
    if _shares_people_doing_a_task(parsed, ctx):
        return "a share of people completing a task"
    if parsed.baseline is not None or parsed.direction is Direction.DECREASE:
        return None  # a level that changes ('from 31% to 20%'), or less of something: an outcome
    if target.unit == "%" and _SHARE_OF.search(parsed.text) and (task or _counts_things(parsed, ctx, deliverables=True)):
        return "a rollout"  # 'Convert 95% of e2e tests to GraphQL', 'Migrate 80% of services'
    if target.unit in _COUNT_UNITS or target.per:
        if _counts_adopters(parsed, ctx):
            return None  # 'pull requests from 40 outside contributors': people who chose to act
        if task and target.unit is None:
            return "an activity count"
        if _counts_things(parsed, ctx):
            return "an activity count"
    if task and _is_coverage(parsed):
        return "a rollout"
    if _is_done(parsed, ctx) and parsed.baseline is None and target.unit not in _TIME_UNITS:
        return "a deliverable written as done"
    return None


def _is_task(parsed: Statement, ctx: Context) -> bool:
    verb = parsed.verb
    return verb is not None and (verb in ctx.words("task_verbs") or verb == "hold on") and verb not in _OUTCOME_VERBS


def _hires(parsed: Statement, ctx: Context) -> bool:
    """Return True for hiring: 'Hire 2 more support agents', 'Grow team: +2 engineers', 'Onboard 2 new AEs'."""
    if parsed.verb in {"hire", "recruit"}:
        return True
    if parsed.verb not in {"grow", "add", "expand", "onboard", "bring", "increase", None}:
        return False
    roles = ctx.words("roles")
    return any(_listed(head, roles) for head in (_head_words(parsed.counted), _head_words(parsed.metric)) if head)


def _shares_people_doing_a_task(parsed: Statement, ctx: Context) -> bool:
    """Return True for '75% of team members make a handbook edit weekly', '100% of team join 1 activity'."""
    target = parsed.target
    if target is None or target.unit != "%":
        return False
    if _PEOPLE_DOING.search(parsed.text):
        return True
    return target.value >= 100 and _ALL_OF_PEOPLE.search(parsed.text) is not None  # 'Get 100% of agents to the dinner'


def _counts_adopters(parsed: Statement, ctx: Context) -> bool:
    """Return True when the count is of people or organisations whose own choice is the result."""
    head = _head_words(parsed.counted)
    return bool(head) and _listed(head, ctx.words("adopters")) and not _listed(head, ctx.words("activity_nouns"))


def _counts_things(parsed: Statement, ctx: Context, deliverables: bool = False) -> bool:
    """Return True when the counted noun is an activity ('talks', 'streams', 'code reviews') or, with
    deliverables=True, an artefact ('tests', 'integrations')."""
    activities = ctx.words("activity_nouns")
    things = ctx.words("deliverable_nouns") if deliverables else None
    for phrase in (parsed.counted, parsed.metric):
        head = _head_words(phrase)
        if head and (_listed(head, activities) or (things is not None and _listed(head, things))):
            return True
    return False


def _listed(head: list[str], wordlist: Any) -> bool:
    """Return True when the last one or two words, singular or plural, are in the word list."""
    for words in (head[-2:], head[-1:]):
        phrase = " ".join(words)
        for form in (phrase, phrase + "s", phrase.removesuffix("s")):
            if form in wordlist:
                return True
    return False


def _head_words(metric: str | None) -> list[str]:
    return _HEAD.split(metric or "", maxsplit=1)[0].lower().split()


def _is_done(parsed: Statement, ctx: Context) -> bool:
    """Return True when the statement states the team's own deliverable as done (not an award won)."""
    state = parsed.state
    if state is None or state in {"can", "supports", "exists"}:
        return False
    return ctx.words("achieved_states").first_match(state) is None


def _is_coverage(parsed: Statement) -> bool:
    """Return True for rollout coverage: 'for 100% of accounts', 'to all 60 sellers'."""
    target = parsed.target
    share = target is not None and target.unit == "%" and bool(_SHARE_OF.search(parsed.text))
    return (share and target is not None and target.value == 100) or bool(_ALL_OF.search(parsed.text))


def _task_text(parsed: Statement) -> str:
    return parsed.parts[0] if parsed.parts else parsed.text


@rule("M104", "objective-has-metric", scope="objective", severity=Severity.INFO)
def objective_has_metric(objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for an objective that carries target numbers.

    ## Why is this bad?
    The objective is the qualitative, inspiring "what"; the numbers belong in the key results
    that prove it. A number in the objective usually means a key result was promoted, and the
    objective no longer says why the number matters.

    ## Example
    ```yaml
    - title: Grow online revenue by 20%
    ```

    ## Use instead
    ```yaml
    - title: Make GreenCycle the first stop for eco-conscious shoppers
      key_results:
        - Grow online revenue from $8.4M to $10M a month
    ```
    Versions, years, quarters and names ("Ship v2", "Win 2026", "ISO 27001") are not flagged.

    ## Source
    John Doerr, *Measure What Matters* (2018): the objective is the qualitative 'what'; docs/methodology.md (objective-has-metric).
    """
    parsed = parse_key_result(_WINDOW.sub("", objective.title))
    numbers = [quantity for quantity in parsed.numbers if quantity.text]
    if not numbers and parsed.verb in {"halve", "double", "triple", "quadruple"}:
        numbers = [parsed.target] if parsed.target else []
    if not numbers:
        return
    yield Violation(
        objective,
        f"Objective carries a target number ({quote(numbers[0].text, 20)})",
        "Keep the objective qualitative and move the number into a key result that proves it",
    )


@rule("M105", "kpi-as-okr", scope="plan", severity=Severity.INFO)
def kpi_as_okr(plan: object, ctx: Context) -> Iterator[Violation]:
    """Check for an objective or key result that only keeps a level steady.

    A holding phrase and a level: "Maintain CSAT above 80%", "Keep uptime at 99.9%",
    "Consistently above 99.9% uptime", "Stay within 3% of plan", "No more than 2 P1 incidents a
    quarter", "Keep the platform stable". These watch a healthy level rather than change
    something. "Maintain" without a level is not flagged here (vague-target asks for the level),
    and neither is a bare level ("99.95% availability").

    ## Why is this bad?
    OKRs are for change; holding a level is what KPIs are for. Writing a steady-state goal as
    an OKR crowds out the few changes the team should focus on, and a key result that is
    already met on day one teaches nothing.

    ## Example
    ```yaml
    key_results:
      - Maintain customer satisfaction score above 80%
    ```

    ## Use instead
    Put it on the KPI dashboard with a threshold (alert below 80%), and write an OKR only when
    you want to move the level: "Raise CSAT from 80% to 88%".

    ## Source
    Seeds 001 and 003 (KPIs monitor and keep an eye on things; OKRs are for change).
    """
    for objective in getattr(plan, "objectives"):
        if _holds_a_level(objective.title):
            yield Violation(
                objective,
                f"Objective only keeps a level steady ({quote(objective.title, 50)})",
                "Watch it as a KPI with a threshold, and write an objective only for a change you want",
            )
        for key_result in objective.key_results:
            parsed = statement(key_result)
            if parsed.direction is Direction.MAINTAIN and (parsed.target is not None or parsed.state is not None):
                yield Violation(
                    key_result,
                    "Key result only keeps a level steady: it belongs on the KPI dashboard",
                    "Track it as a KPI with a threshold; write a key result only to move the level",
                )
