"""Read one key-result statement into a Statement, step by step.

1. spans: the deadline, versions and placeholders are found and blanked out (`patterns`);
2. quantities: one pass of `okrcoach.quantity.QUANTITY` over what is left;
3. numbers: which quantities are values, and their roles (`numbers.values`, `numbers.roles`);
4. words: the verb that opens the statement, the metric (`metric`), the direction of change,
   a done-state or capability ("is live", "users can export"), and from all of these the kind
   (metric, milestone, binary) and the form (below).
"""

from __future__ import annotations

import re
from functools import cache

from okrcoach.parsing.forms import classify, state_of, vague_word
from okrcoach.parsing.lexicon import GENERIC_VERBS, HALVES, MULTIPLIERS, lexicon
from okrcoach.parsing.metric import bare_metric, clause_verbs, metric_after, metric_before, verb_at
from okrcoach.parsing.numbers import CHANGE_AFTER, roles, values
from okrcoach.parsing.patterns import PATTERNS
from okrcoach.parsing.statement import Statement
from okrcoach.quantity import QUANTITY, Quantity
from okrcoach.vocabulary import Direction, KRKind

#: What the words of a statement are (Statement.form).
FORMS = {
    "change": "a metric moved from a baseline, or by an amount ('Cut churn from 5% to 3%', 'Grow ARR 2x')",
    "level": "a level to reach ('Hit 99.9% uptime', 'NPS ≥ 40')",
    "count": "a number of things ('Publish 12 posts', 'Sign 5 new partners')",
    "placeholder": "numbers still to fill in ('from X to Y', '$N')",
    "task": "a task opened by a verb ('Launch the loyalty programme')",
    "deliverable": "an artefact named without a verb ('POC of WebBluetooth', 'Beta release of the app')",
    "state": "something written as done or in place ('SSO is live', 'There is a prototype of X')",
    "capability": "something users or a system can do ('Users can export their data')",
    "metric": "a metric named without a target ('Monthly website traffic')",
    "vague": "a wish with no measure ('Improve onboarding', 'A better datastore')",
    "state-wish": "a state to be in, with nothing that checks it ('Be GDPR compliant')",
}

_MAINTAIN_PREDICATE = re.compile(
    r"\b(?:stays?(?!\s+interviews?\b)|remains?|keeps?|holds?|no\s+more\s+than|no\s+less\s+than|(?:does\s+)?not\s+exceed|"
    r"never\s+exceeds?|(?:not|never)\s+(?:below|above|under|over)|"
    r"(?:consistently|always|continuously|constantly|at\s+all\s+times)\s+(?:above|below|under|over|at\s+least|at\s+most|"
    r"within|at\s+or\s+(?:above|below))|"
    r"(?:at\s+least|above|below|under|over)\s+[^,;]{0,20}?\b(?:every|each)\s+(?:day|week|month|quarter))\b",
    re.IGNORECASE,
)
_HELD_LEVEL = re.compile(r"^\s*(?:\S+\s+){0,4}?(?:at|above|below|under|over|steady|flat|stable|level|within)\b", re.IGNORECASE)
_STAY_NEXT = re.compile(
    r"^\s*(?:above|below|under|over|within|at|on|in|flat|steady|stable|green|ahead|healthy|compliant|up|inside|"
    r"level|the\s+same)\b",
    re.IGNORECASE,
)
_DOWN = re.compile(r"\bdown\s+(?:from|to)\b|\bdown\s*$", re.IGNORECASE)
_HALF = re.compile(r"\b(?:by|in)\s+half\b", re.IGNORECASE)
_HALVED = re.compile(r"\b(halved|cut\s+in\s+half|doubled|tripled)\b", re.IGNORECASE)
_SECONDS = {"ms": 0.001, "seconds": 1, "minutes": 60, "hours": 3600, "days": 86400, "weeks": 604800,
            "months": 2629800, "years": 31557600}  # fmt: skip
#: Verbs that are also nouns: before a metric noun they name the metric ('Build time', 'Test coverage').
_NOUN_VERBS = frozenset({"build", "test", "release", "deploy", "run", "review", "support", "design", "launch", "load",
                         "search", "check", "change", "plan", "process", "order", "sign up", "setup", "onboard"})  # fmt: skip
_DETERMINER_WORDS = frozenset({"a", "an", "the", "our", "their", "its", "my", "your", "this", "that", "all", "every"})
_WORD = re.compile(r"[^\W\d_][\w'’.&+-]*|\d\S*")
_SUBJECT_ENDS = frozenset({"of", "in", "on", "at", "for", "to", "from", "with", "by", "is", "are", "was", "were", "has", "have",
                           "will", "can", "should", "must", "per"})  # fmt: skip
_PLURAL_SUBJECT = re.compile(r"(?:s|\band\s+\S+)\s*$", re.IGNORECASE)
# After an '-ing' word, a number or a determiner makes it a verb: 'hiring 2 developers'.
_OBJECT_NEXT = re.compile(r"\s+(?:\d|a\b|an\b|the\b|our\b|two\b|three\b|four\b|five\b)", re.IGNORECASE)
_NONE_WORDS = frozenset({"n/a", "na", "none", "-", "—", "tbd", "tbc"})


def read(text: str) -> Statement:
    """Return what one statement (one result, decoration already stripped) says."""
    return _Reading(text).statement()


class _Reading:
    """One statement being read; `work` is the text with deadline, placeholders and versions blanked."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.work = text
        self.placeholder_at = len(text)
        self.deadline: str | None = None
        self.placeholders: tuple[str, ...] = ()

    def statement(self) -> Statement:
        self._spans()
        quantities = list(QUANTITY.finditer(self.work))
        found = values(self.work, quantities)
        verb, verb_end = self._lead_verb()
        lex = lexicon()
        numbers = roles(self.work, found, self.placeholder_at if self.placeholders else -1, lex.verb_class(verb))
        baseline, target, is_change, comparator = numbers.baseline, numbers.target, numbers.is_change, numbers.comparator
        starts = [at for at in (numbers.baseline_at, numbers.target_at) if at >= 0]
        if numbers.rank == "counted":
            metric = metric_after(self.work, numbers.target_at)  # 'pull requests from <40 outside contributors>'
        elif starts:
            anchor = numbers.target_at if numbers.target_at >= 0 else min(starts)
            metric = metric_before(self.work, min(starts), anchor, verb_end)
        else:
            metric = bare_metric(self.work, self.text, verb, self.placeholder_at)
        if self.placeholders and numbers.rank in ("weak", "bare", "counted"):
            target, is_change, comparator = None, False, None  # the real target is the placeholder
        direction = self._direction(verb, baseline, target, is_change, numbers.target_at)
        if direction is None and verb is None and _MAINTAIN_PREDICATE.search(self.work):
            direction = Direction.MAINTAIN
        target, is_change = self._implied_target(verb, target, is_change)
        state = state_of(self.text, self.work, verb)
        unit = (target.unit if target else None) or (baseline.unit if baseline else None)
        if target is not None and target.unit is None and unit:
            target = _with_unit(target, unit)
        if baseline is not None and baseline.unit is None and unit:
            baseline = _with_unit(baseline, unit)
        if target is not None and target.unit == "x" and baseline is None:
            is_change = True
        vague = vague_word(self.text, self.work, verb, target is not None)
        if target is not None and _rhetorical(target, baseline, metric):
            kind, form, vague = None, "vague", f"{target} {metric}"  # 'Achieve 100% quality': no measure
        elif target is not None:
            kind = KRKind.METRIC
            form = "change" if baseline is not None or is_change else "count" if target.unit is None else "level"
        else:
            kind, form = classify(self.text, self.work, verb, verb_end, state, vague, metric, self.placeholders)
        counted = metric_after(self.work, numbers.target_at) if target is not None and numbers.target_at >= 0 else None
        return Statement(
            text=self.text,
            metric=metric,
            direction=direction,
            baseline=baseline,
            target=target,
            is_change=is_change,
            comparator=comparator,
            unit=unit,
            deadline=self.deadline,
            kind=kind,
            verb=verb,
            placeholders=self.placeholders,
            state=state,
            numbers=tuple(item.quantity for item in found),
            parts=(self.text,),
            form=form,
            vague=vague,
            counted=counted,
        )

    # -- 1. spans

    def _spans(self) -> None:
        deadlines = self._mask(PATTERNS.deadline)
        if deadlines:
            self.deadline = deadlines[0].group(0)
        if "." in self.work:
            self._mask(PATTERNS.version)
        if PATTERNS.maybe_placeholder.search(self.work):
            found = self._mask(PATTERNS.placeholder)
            if found:
                self.placeholder_at = found[0].start()
                self.placeholders = tuple(dict.fromkeys(match.group(0) for match in found))

    def _mask(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """Blank out every match of the pattern in `work` (same length, so positions still hold)."""
        matches = list(pattern.finditer(self.work))
        if matches:
            pieces, last = [], 0
            for match in matches:
                pieces += [self.work[last : match.start()], " " * (match.end() - match.start())]
                last = match.end()
            self.work = "".join(pieces) + self.work[last:]
        return matches

    # -- 4. words

    def _lead_verb(self) -> tuple[str | None, int]:
        """Return the lemma of the verb that opens the statement and where it ends, or (None, -1)."""
        head = PATTERNS.leading_noise.sub("", self.text)
        offset = len(self.text) - len(head)
        found = verb_at(head, 0)
        lex = lexicon()
        if found is None:
            found = self._verb_after_subject(head)
            if found is None:
                return None, -1
        lemma, end = found
        first = head[:end].split()[0].lower()
        if first.endswith("ing") and first != lemma and lemma not in lex.maintain and not _OBJECT_NEXT.match(head, end):
            return None, -1  # 'Booking.com score', 'Hiring manager NPS': a noun, not an instruction
        rest = head[end:]
        if lemma in {"stay", "remain"} and not _STAY_NEXT.match(rest):
            return None, -1  # 'Stay interviews held', 'Remaining 4 jobs moved': not verbs here
        if lemma == "hold" and _HELD_LEVEL.match(rest) is None:
            return "hold on", offset + end  # 'Hold 20 interviews': an activity, not a level kept
        if lemma in _NOUN_VERBS and self._names_metric(rest):
            return None, -1  # 'Build time < 10 minutes', 'Test coverage 95%+': a noun compound
        return lemma, offset + end

    def _verb_after_subject(self, head: str) -> tuple[str, int] | None:
        """Return a task verb written after a short subject: 'Every portfolio <identifies> 2 decisions',
        'Each team member <devotes> 2 days', 'Members <speak> at 10 conferences'."""
        lex = lexicon()
        first = _WORD.match(head)
        if first is None or first.group(0).lower() in lex.common_verbs:
            return None  # an imperative opens with its verb: 'Pass security reviews' is not 'reviews'
        for match in _WORD.finditer(head, 0, 80):
            if match.start() == 0:
                continue
            word = match.group(0).lower()
            if word in _SUBJECT_ENDS:
                return None  # a preposition or a number before any verb: no subject-verb sentence
            lemma = lex.lemma.get(word)
            if lemma is None or lex.verb_class(lemma) != "task":
                continue
            if word == lemma and not _PLURAL_SUBJECT.search(head[: match.start()]):
                continue  # 'Peerpad Architecture document': a noun after a noun, not a verb
            if word != lemma and not word.endswith("s"):
                continue  # 'Q3 planning', 'Feature shipped': not a verb in the present tense
            return lemma, match.end()
        return None

    def _names_metric(self, rest: str) -> bool:
        """Return True when the words after a noun-like verb name a metric measured by a number."""
        words = rest.lower().split()[:2]
        if not words or words[0] in _DETERMINER_WORDS or not any(char.isdigit() for char in self.work):
            return False
        metric_nouns = lexicon().metric_nouns
        return words[0] in metric_nouns or (len(words) == 2 and words[1].strip(":") in metric_nouns)

    def _direction(
        self, verb: str | None, baseline: Quantity | None, target: Quantity | None, is_change: bool, anchor: int
    ) -> Direction | None:
        lex = lexicon()
        near = self._verb_before(anchor, verb) if anchor >= 0 else verb
        predicate = verb is None and _MAINTAIN_PREDICATE.search(self.work)
        holds = (verb is not None and verb in lex.maintain) or (near is not None and near in lex.maintain) or predicate
        if holds and not (baseline and target):
            return Direction.MAINTAIN
        if is_change and anchor >= 0:
            rest = self.work[anchor:]
            changed = CHANGE_AFTER.match(rest.split(maxsplit=1)[-1] if " " in rest else "")
            if changed and changed.group(2):
                return Direction.DECREASE
            if changed and changed.group(1):
                return Direction.INCREASE
        if _DOWN.search(self.work) and near in (None, *GENERIC_VERBS, "bring"):
            return Direction.DECREASE
        if baseline is not None and target is not None and _verb_direction(near) in (None, Direction.REACH):
            start, end = _comparable(baseline), _comparable(target)
            if start != end:
                return Direction.INCREASE if end > start else Direction.DECREASE
        for candidate in (near, verb):
            direction = _verb_direction(candidate)
            if direction is not None and (candidate not in lex.task or target is not None or candidate in lex.increase):
                return direction
        if target is not None and not is_change:
            return Direction.REACH
        return None

    def _verb_before(self, anchor: int, verb: str | None) -> str | None:
        verbs = clause_verbs(self.work, 0, anchor)
        return verbs[-1][0] if verbs else verb

    def _implied_target(self, verb: str | None, target: Quantity | None, is_change: bool) -> tuple[Quantity | None, bool]:
        """Return the target that words imply: 'double' (2x), 'halve' (50%), 'eliminate' (0)."""
        if target is None and (halved := _HALVED.search(self.work)):
            word = halved.group(1).lower()
            if word.startswith(("halved", "cut")):
                return Quantity(50, "%", word), True
            return Quantity(MULTIPLIERS[word], "x", word), True
        if target is not None or verb is None:
            return target, is_change
        if verb in MULTIPLIERS:
            return Quantity(MULTIPLIERS[verb], "x", verb), True
        if verb in HALVES:
            return Quantity(50, "%", verb), True
        if _HALF.search(self.work):
            return Quantity(50, "%", "half"), True
        if verb == "eliminate":
            return Quantity(0, None, "eliminate"), False
        return None, is_change


#: Words that are not measures: '100% quality', '110% effort' say how much, not what is counted.
_UNMEASURED = frozenset({"quality", "effort", "commitment", "excellence", "success", "happiness", "focus", "dedication"})


def _rhetorical(target: Quantity, baseline: Quantity | None, metric: str | None) -> bool:
    """Return True for a rhetorical percentage of something no one measures ('100% quality on X')."""
    if baseline is not None or target.unit != "%" or target.value < 100 or not metric:
        return False
    return metric.lower().split()[0] in _UNMEASURED


def _with_unit(quantity: Quantity, unit: str) -> Quantity:
    return Quantity(quantity.value, unit, quantity.text, quantity.at_least, quantity.per, quantity.high, quantity.total)


def _comparable(quantity: Quantity) -> float:
    """Return the value in a common unit where units differ only in scale (time: seconds)."""
    return quantity.value * _SECONDS.get(quantity.unit or "", 1)


@cache
def _direction_of(verb: str) -> Direction | None:
    kind = lexicon().verb_class(verb)
    return {"maintain": Direction.MAINTAIN, "decrease": Direction.DECREASE, "increase": Direction.INCREASE,
            "reach": Direction.REACH}.get(kind or "")  # fmt: skip


def _verb_direction(verb: str | None) -> Direction | None:
    return None if verb is None else _direction_of(verb)


def is_nothing(text: str) -> bool:
    """Return True for text that says nothing ('N/A', 'none', 'TBD')."""
    return text.lower() in _NONE_WORDS
