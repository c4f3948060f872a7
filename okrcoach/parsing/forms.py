"""What the words of a statement are when its numbers do not say it all: a done-state, a capability,
a task, a deliverable, a metric's name or a vague wish (Statement.kind and Statement.form).

The decisions follow the labeling conventions of the real corpus (datasets/labeled/real/README.md):
a deliverable that can be checked as done is an output, not a vague target; vague is for text with
neither a measure nor an end state anyone could check.

| the text                                              | kind      | form        |
|-------------------------------------------------------|-----------|-------------|
| 'SSO is live', 'The spec is finalized', 'X is used by Y' | binary  | state       |
| 'There is a prototype of X', 'The protocol has a v0 spec' | binary | state       |
| 'Users can export data', 'Works out of the box in Brave' | binary  | capability  |
| 'Launch the loyalty programme', 'Provide a guide'     | milestone | task        |
| 'POC of WebBluetooth', 'Beta release of the app'      | milestone | deliverable |
| 'Monthly website traffic'                             | None      | metric      |
| 'Improve onboarding', 'A better datastore', 'Users understand X' | None | vague  |
| 'Be GDPR compliant'                                   | None      | state-wish  |
"""

from __future__ import annotations

import re

from okrcoach.parsing.lexicon import lexicon
from okrcoach.parsing.patterns import PATTERNS
from okrcoach.vocabulary import KRKind

_SUBJECT = r"(?:[\w'’./&+#,()-]+\s+){1,14}?"
_SHORT_SUBJECT = r"(?:[\w'’./&+#-]+\s+){1,6}?"
# "CI runs the full test suite on Windows", "One-click deploy to Azure": works on a platform.
_PLATFORM = re.compile(
    r"\b(?:runs?|works?|available|supported|deploy(?:s|able)?|installable|builds?)\b[^.;]{0,40}?\b(?:on|to)\s+"
    r"(?:windows|linux|macos|mac|android|ios|safari|chrome|firefox|edge|arm|apple\s+silicon|azure|gcp|aws|kubernetes)\b",
    re.IGNORECASE,
)
# What people understand, feel or believe, with no measure: an outcome wished for, not checkable.
_COGNITIVE = (
    r"(?:understands?|recogni[sz]es?|knows?|trusts?|feels?|loves?|enjoys?|appreciates?|perceives?|believes?|"
    r"is\s+aware|are\s+aware|sees?\s+the\s+value|is\s+happy|are\s+happy|is\s+confident|are\s+confident)\b"
)
_WISH = re.compile(rf"^{_SUBJECT}(?:can\s+|will\s+|should\s+)?{_COGNITIVE}", re.IGNORECASE)
# "Users can configure their node", "X can be set up in the admin area", "GraphSync learns to distribute
# paths", "A daemon will always find peers", "Peerpad ensures X", "Works out of the box in Brave".
_CAPABILITY = re.compile(
    rf"^{_SUBJECT}(?P<modal>can(?:not)?|could|is\s+able\s+to|are\s+able\s+to|learns?\s+to|knows?\s+how\s+to|should|"
    r"must|will(?:\s+always)?)\s+(?!not\b)[-(\[]?\s*[a-z]"
    rf"|^{_SUBJECT}(?:playable|usable|installable|accessible|searchable|shareable|discoverable|compatible|"
    r"interoperable|upgradable|configurable)\b"
    rf"|^{_SHORT_SUBJECT}(?:ensures|supports|handles|allows|enables|provides|prevents|guarantees|offers|exposes|uses?|"
    r"adopts|relies\s+on|integrates\s+with|interoperates\s+with)\b"
    rf"|^{_SHORT_SUBJECT}(?:works?|working|runs?|running)\s+(?:\S+\s+){{0,4}}?(?:in|on|with|across|inside)\b",
    re.IGNORECASE,
)
# "There is a prototype of X", "Have benchmarks that ...", "The protocol has a v0 spec", "Handbook outlines Y",
# "One or more daemons are part of the bootstrap nodes".
_EXISTS = re.compile(
    r"^(?:there\s+(?:is|are|will\s+be|exists?)\b|(?:we\s+)?ha(?:ve|s)\s+(?!to\b)|"
    rf"{_SUBJECT}(?:has|have)\s+(?:a|an|the|its|their|our|proper|\w+\s+)?(?:v\d|\w+)|"
    rf"{_SUBJECT}(?:outlines?|contains?|documents|describes?|lists?|includes?|covers?)\s+|"
    rf"{_SUBJECT}(?:is|are)\s+(?:part\s+of|up[\s-]to[\s-]date|in\s+place|public|open[\s-]sourced?|"
    r"(?:now\s+)?(?:the\s+)?default|on\s+by\s+default)\b)",
    re.IGNORECASE,
)
# "The Go guidelines are updated", "IPFS is embedded into every page", "Peerpad is used at the All Hands".
_PASSIVE = re.compile(
    rf"^{_SUBJECT}(?:is|are|was|were|gets?|got|has\s+been|have\s+been|will\s+be)\s+(?:\w+ly\s+)?(?:now\s+)?"
    r"(?P<participle>[a-z]+ed|built|done|shown|known|written|run|made|set\s+up|taken|given|held|sent|won|"
    r"rewritten|chosen|seen|understood|drawn|found|begun|frozen)\b",
    re.IGNORECASE,
)
# "Get the LitmusLib PR merged", "Have the API released": an object and its done-state.
_GET_DONE = re.compile(r"^(?:get|have|see)\s+(?:\S+\s+){1,8}?(?P<participle>[a-z]+ed|done|built|shipped|out)\s*$", re.IGNORECASE)
# 'Be GDPR compliant', 'Become SOC 2 ready': a state to be in, named without the check that proves it.
_STATE_WISH = re.compile(
    r"\b(?:compliant|certified|accredited|ready|live|available|approved|audited|listed|secure|"
    r"generally\s+available|production[- ]ready|enterprise[- ]ready|profitable|carbon[- ]neutral|net[- ]zero)\b",
    re.IGNORECASE,
)
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
# A question is not a result: 'How do we review changes in PRs?'
_QUESTION = re.compile(r"^(?:how|what|why|which|who|should\s+we|do\s+we|can\s+we|are\s+we|is\s+there)\b", re.IGNORECASE)
_QUOTED = re.compile(r"['‘’\"“”][^'‘’\"“”]{3,}['‘’\"“”]")
_COMPARATIVE = re.compile(
    r"\b(?:faster|easier|simpler|smoother|quicker|happier|clearer|cheaper|safer|friendlier|"
    r"(?<!\bor\s)(?<!\blearn\s)(?:more|less)\s+(?!than\b|about\b|of\b|on\b|to\b|and\b|or\b|in\b|with\b|info\b|"
    r"information\b|details?\b)[a-z]\w*)\b",
    re.IGNORECASE,
)
# After a done-state word: the end, punctuation, a number or a preposition, not a noun it modifies.
_ENDS_PHRASE = re.compile(
    r"\s*(?:$|[,;:.!?()\[\]—–-]|\d|(?:on|in|at|for|to|with|by|across|and|or|within|before|after|during|through|"
    r"via|from|under|over|into|per|as|so|without|everywhere|globally|internally|successfully|fully|again|using|every|"
    r"each|weekly|monthly|daily|twice|once|ahead|early|first)\b)",
    re.IGNORECASE,
)
# A noun phrase ends its head before a preposition, a participle clause or punctuation.
_HEAD_END = re.compile(
    r"\s+(?:of|for|in|on|with|w/|to|through|across|at|by|from|per|despite|into|within|between|using|via|that|which|including|"
    r"who|where|when|so|and\s+(?:the|a|an)\b)(?=\s|$)|\s*[,;:(\[—–]|\s+-\s+",
    re.IGNORECASE,
)
#: Vague words too common in ordinary names to count ('key accounts', 'proper documentation').
_WEAK_VAGUE = frozenset({"key", "proper", "more"})
#: General verbs that make something when their object is a thing ('Provide a guide', 'Support X in Go').
_MAKING_VERBS = frozenset({"provide", "offer", "support", "enable", "fix", "resolve", "handle", "expand into", "enter",
                           "maintain", "keep"})  # fmt: skip
#: Participles that claim a change without a measure: vague, not a done-state ('UX is improved').
_CHANGE_PARTICIPLES = re.compile(
    r"^(?:improved|enhanced|increased|decreased|reduced|optimi[sz]ed|boosted|strengthened|streamlined|grown|"
    r"lowered|raised|maximi[sz]ed|minimi[sz]ed|simplified|better)$",
    re.IGNORECASE,
)


def state_of(text: str, work: str, verb: str | None) -> str | None:
    """Return what states the result as done or possible ('released', 'live', 'can', 'exists'), if anything."""
    lex = lexicon()
    states = lex.states.first_match(text)
    if states:
        return states
    if _PLATFORM.search(work):
        return "runs on"
    head = PATTERNS.leading_noise.sub("", work).strip()
    head = _TRAILING_NOTE.sub("", head)
    if verb in {"get", "have", "see"} and (done := _GET_DONE.match(head)) and not _CHANGE_PARTICIPLES.match(done["participle"]):
        return done["participle"].lower()
    if verb in {"have"} and _EXISTS.match(head):
        return "exists"
    if verb is not None:
        return None
    if _WISH.match(head):
        return None
    if capability := _CAPABILITY.match(head):
        return "can" if capability["modal"] else "can do"
    if _EXISTS.match(head):
        return "exists"
    passive = _PASSIVE.match(head)
    if passive and not _CHANGE_PARTICIPLES.match(passive["participle"]):
        return passive["participle"].lower()
    for wordlist in (lex.done, lex.achieved):
        for match in wordlist.pattern.finditer(work):
            word = match.group(0).lower()
            if work[max(0, match.start() - 1) : match.start()] == "/" or work[: match.start()].endswith("per "):
                continue  # '10 minutes/run', '2 per release': a rate, not a state
            if _ENDS_PHRASE.match(work, match.end()) or word.startswith(("in ", "on ", "for ", "across ", "with ", "to ")):
                return word
    return None


def vague_word(text: str, work: str, verb: str | None, has_target: bool) -> str | None:
    """Return the vague word that leaves the statement without a checkable end, if any.

    Vague adjectives count when written in lower case (capitalised, they are part of a name:
    'the Awesome Endeavour'), comparatives when no number follows them, and an opening vague verb
    ('Improve', 'Foster') when there is no target.
    """
    if has_target:
        return None
    lex = lexicon()
    for match in lex.vague_adjectives.pattern.finditer(text):
        word = match.group(0)
        if word.lower() in _WEAK_VAGUE or (word[:1].isupper() and match.start() > 0):
            continue
        return word.lower()
    if comparative := _COMPARATIVE.search(text):
        return comparative.group(0).lower()
    if verb is not None and verb in lex.vague_verbs:
        return verb
    if _WISH.match(PATTERNS.leading_noise.sub("", work).strip()):
        return "understand"
    return None


def classify(
    text: str,
    work: str,
    verb: str | None,
    verb_end: int,
    state: str | None,
    vague: str | None,
    metric: str | None,
    placeholders: tuple[str, ...],
) -> tuple[KRKind | None, str | None]:
    """Return (kind, form) for a statement without a target value (see the module's table)."""
    lex = lexicon()
    if _QUESTION.search(text):
        return None, "vague"
    if verb in {"be", "become"} and _STATE_WISH.search(work):
        return None, "state-wish"  # 'Be GDPR compliant': a state, but nothing says how it is checked
    claims = vague is not None and vague != verb and vague != "understand"
    if vague == "understand":
        return None, "vague"
    if state is not None and not (claims and _claims_the_state(text, vague, state)):
        return KRKind.BINARY, "capability" if state in {"can", "can do"} else "state"
    if verb in lex.reach and verb not in lex.task and (lex.achievement_nouns.pattern.search(text) or _QUOTED.search(text)):
        return KRKind.BINARY, "state"  # 'Achieve SOC 2 certification', "Win 'Best Place to Work 2026'"
    if verb is not None and (verb in lex.task or verb == "hold on"):
        if claims and _claims_the_object(work, verb_end, vague):
            return None, "vague"  # 'Deliver a world-class mobile experience'
        return KRKind.MILESTONE, "task"
    if verb is not None and (verb in _MAKING_VERBS or verb in lex.increase) and (verb not in lex.vague_verbs or verb == "support") and (
        _makes_a_thing(work, verb_end) or _then_a_task(work, verb_end)
    ):
        return KRKind.MILESTONE, "task"  # 'Provide a step-by-step guide', 'Raise a PR to the docs'
    if placeholders and (verb is not None or metric is not None):
        return KRKind.METRIC, "placeholder"  # a metric whose numbers are still to be filled in
    if vague is not None:
        return None, "vague"
    if verb is None and not placeholders:
        return noun_phrase(work)
    return None, None


def _claims_the_state(text: str, vague: str, state: str) -> bool:
    """Return True when the vague word is what the statement claims, not a side remark: it describes
    the subject ('<Robust> CI practices are established') or is the predicate ('X is <robust>')."""
    lowered = text.lower()
    at, state_at = lowered.find(vague), lowered.find(state)
    if at < 0:
        return True
    before = lowered[:at].split()
    return (state_at >= 0 and at < state_at) or (bool(before) and before[-1] in {"is", "are", "be", "being"})


def _claims_the_object(work: str, verb_end: int, vague: str) -> bool:
    """Return True when the vague word describes the task's object ('Deliver a <world-class> experience')."""
    following = work[verb_end:].lower().split()[:4]
    if not any(vague.split()[0] in word for word in following):
        return False
    return noun_phrase(work[verb_end:])[1] != "deliverable"


def _makes_a_thing(work: str, verb_end: int) -> bool:
    """Return True when the object after a general or increase verb is a deliverable ('a guide', 'a PR')."""
    return noun_phrase(work[verb_end:])[1] == "deliverable"


def _then_a_task(work: str, verb_end: int) -> bool:
    """Return True for 'Enable the team to <implement> X', 'Help customers <migrate>': the real verb is a task."""
    match = _TO_VERB.match(work, verb_end)
    if match is None:
        return False
    lemma = lexicon().lemma.get(match.group(1).lower())
    return lemma is not None and lemma in lexicon().task


_TO_VERB = re.compile(r"\s+(?:\S+\s+){1,3}?to\s+([a-z]+)", re.IGNORECASE)


def noun_phrase(work: str) -> tuple[KRKind | None, str | None]:
    """Return how a phrase without a verb reads: a deliverable ('POC of X') or a metric's name."""
    lex = lexicon()
    text = PATTERNS.leading_noise.sub("", work).strip().replace("step by step", "step-by-step")
    chunk = _HEAD_END.split(text, maxsplit=1)[0].strip(" .!?*_`\"'")
    words = [word.lower().strip(".,'’\"") for word in chunk.split()]
    while len(words) > 1 and words[-1].endswith("ed") and words[-1] not in lex.deliverable_nouns:
        words.pop()  # 'Traffic or social shares generated by ...': the participle is not the head
    if not words:
        return None, None
    head = words[-1]
    pair = " ".join(words[-2:])
    if head in {"no", "no.", "#"} or pair in lex.metric_nouns or head in lex.metric_nouns:
        return None, "metric"
    if pair in lex.deliverable_nouns or head in lex.deliverable_nouns:
        return KRKind.MILESTONE, "deliverable"
    return None, None
