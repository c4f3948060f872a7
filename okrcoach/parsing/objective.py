"""Read an objective the way a coach does: does it name a change someone will see, or is it a
slogan, a topic heading, a task or a standing duty?

| the objective                                   | reading  |
|-------------------------------------------------|----------|
| 'Win', 'Hiring', 'Grow careers'                 | short    |
| 'Leadership Development', 'Connectivity Magic'  | heading  |
| 'Be the best', 'Be amazing'                     | slogan   |
| 'Our website is modern and fast'                | praise   |
| 'Continue to improve', 'Keep up the good work'  | carry-on |
| 'Launch the new website', 'Define the strategy' | task     |
| 'Support all requests from sales'               | duty     |
| 'Turn first-time buyers into regulars'          | None (sound) |

A task with a purpose that names the change ('Revamp the hiring portal in order to attract the
best talent') is sound: the purpose is the objective. So is an objective about building a team
or a culture ('Create a high-performing engineering team').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from okrcoach.parsing.lexicon import lexicon
from okrcoach.text import clean_text

READINGS = ("short", "heading", "slogan", "praise", "carry-on", "task", "duty")

_WORDS = re.compile(r"[^\W_][\w'’&/.#+-]*")
_SLOGAN = re.compile(
    r"^(?:to\s+)?(?:be|become|stay|remain|being)\s+(?:the\s+|a\s+|an\s+)?(?:very\s+)?(?:best|greatest|top|number\s+one|#\s?1|"
    r"leader|leading|world[- ]class|best[- ]in[- ]class|amazing|awesome|excellent|great|outstanding|exceptional|"
    r"incredible|unstoppable|legendary|the\s+best)\b"
    r"|\b(?:excellence|world[- ]class|best[- ]in[- ]class)\s+(?:in\s+)?everything\b",
    re.IGNORECASE,
)
_CARRY_ON = re.compile(
    r"^(?:continue\s+to\b|continue\s+\w+ing\b|keep\s+(?:on\s+)?(?:improving|growing|doing|getting|going)\b|"
    r"keep\s+up\s+the\s+good\s+work|(?:do|get|be)\s+better\b|do\s+more\b)",
    re.IGNORECASE,
)
_PRAISE = re.compile(r"^(?P<subject>(?:\S+\s+){1,6}?)(?:is|are|will\s+be|becomes?|feels?|looks?)\s+(?P<predicate>.+)$", re.IGNORECASE)
_PRAISE_WORDS = frozenset({"modern", "fast", "good", "nice", "cool", "simple", "easy", "smooth", "beautiful", "fun",
                           "awesome", "amazing", "great", "excellent", "best", "better", "happy", "sleek", "slick",
                           "fresh", "clean", "powerful", "innovative", "perfect", "superb", "fantastic", "brilliant"})  # fmt: skip
_FILLER = frozenset({"and", "or", "very", "really", "truly", "more", "most", "super", "always", "the", "a", "an", ",", "&"})
_PURPOSE = re.compile(
    r"\b(?:in\s+order\s+to|so\s+(?:that|we|our|customers|users|people|they|it)|such\s+that|that\s+(?:will|would|helps?|lets?|"
    r"makes?|supports?|enables?|is|are|gives?|can)|which\s+(?:will|helps?|lets?|makes?)|"
    r"for\s+(?:[\w-]+\s+){0,2}?(?:customers?|users?|developers?|teams?|people|members|buyers|clients|students|pupils|"
    r"patients|citizens|residents|engineers|everyone|veterans|partners|contributors|merchandisers|drivers|guests|"
    r"learners|shoppers|the\s+community))",
    re.IGNORECASE,
)
# A condition, a manner or a judge of success: 'without missing a delivery', 'on time', 'safely and often',
# 'like a well-oiled machine', 'that customers love', 'the quarter can rely on', 'research that changes policy'.
_QUALITY = re.compile(
    r"\b(?:without|while|whilst|with\s+no|with\s+zero)\s+\w+|\b(?:that|which|who)\s+\w+|"
    r"\b(?:can|will|could|would)\s+(?:rely|trust|count|depend|use|love|enjoy|recommend)\b|"
    r"\bon\s+time\b|\b(?:the\s+)?first\s+time\b|\bevery\s+time\b|\blike\s+an?\b|\bintact\b|"
    r"\b(?!(?:only|early|daily|weekly|monthly|quarterly|yearly|family|supply|fully)\b)[a-z]{3,}ly\b(?=\s*(?:$|,|\.|and\b|or\b))",
    re.IGNORECASE,
)
#: Objects that make a task objective about people or the organisation, not a deliverable.
_ORGANISATION = frozenset({"team", "teams", "culture", "community", "organisation", "organization", "company",
                           "workforce", "people", "crew", "department", "group"})  # fmt: skip
#: Verbs that describe standing work rather than a change.
_DUTIES = frozenset({"support", "manage", "handle", "maintain", "run", "own", "coordinate", "oversee", "administer",
                     "service", "serve", "process"})  # fmt: skip
#: Verbs whose object and complement name the change: 'Make releases boring', 'Turn buyers into regulars'.
_CAUSATIVE = frozenset({"make", "turn", "get", "keep", "help", "let", "bring"})
_DETERMINERS = frozenset({"the", "a", "an", "our", "their", "its", "your", "my", "this", "these", "those", "every", "all",
                          "each"})  # fmt: skip
#: Verbs of project work: an objective opened by one of these with no purpose is a task.
_PROJECT_VERBS = frozenset({
    "launch", "ship", "release", "implement", "build", "create", "develop", "design", "deliver", "publish", "write",
    "document", "draft", "define", "map", "plan", "research", "evaluate", "identify", "decide", "introduce", "establish",
    "complete", "finish", "start", "begin", "set up", "roll out", "deploy", "integrate", "migrate", "move", "rewrite",
    "redesign", "refactor", "upgrade", "automate", "prototype", "pilot", "install", "configure", "replace", "finalise",
    "finalize", "prepare", "produce", "submit", "analyse", "analyze", "audit", "review", "assess", "explore",
    "investigate", "measure", "compile", "revamp", "overhaul", "rebuild", "hold", "host", "organise", "organize",
    "contribute", "agree", "adopt", "add", "update", "hire", "recruit", "train", "run", "conduct", "outline",
})  # fmt: skip
#: Words that give a direction of change.
_DIRECTIONS = frozenset({"fewer", "less", "lower", "higher", "faster", "safer", "smoother", "quicker", "shorter", "cheaper",
                         "happier", "easier", "simpler", "stronger", "healthier", "greener", "more", "no"})  # fmt: skip
_RELATIVES = frozenset({"who", "that", "which", "where", "whose"})
_PEOPLE = frozenset({"users", "customers", "members", "patients", "residents", "students", "developers", "teams", "staff",
                     "employees", "people", "buyers", "guests", "drivers", "volunteers", "advertisers", "partners",
                     "clients", "learners", "citizens", "veterans", "everyone", "shoppers", "readers", "listeners",
                     "visitors", "travellers", "travelers", "doctors", "nurses", "teachers", "parents", "donors",
                     "contributors", "maintainers", "admins", "buyer", "customer", "user", "driver", "merchandisers",
                     "agents", "sellers", "pupils", "managers", "engineers", "designers", "leaders", "travellers"})  # fmt: skip
_NOT_SUBJECTS = frozenset({"for", "of", "to", "with", "in", "on", "and", "or", "by", "from", "at", "across", "the", "a",
                           "an", "our", "their", "all", "new", "more"})  # fmt: skip
_NOT_COMPLEMENTS = frozenset({"for", "of", "on", "in", "and", "or", "at", "by", "from", "with", "&"})
_COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "can", "could",
                      "should", "must", "does", "do", "did", "shall", "would", "may", "might"})  # fmt: skip


@dataclass(frozen=True, slots=True)
class ObjectiveReading:
    """Why an objective names no change: one of READINGS, and the words that show it."""

    reading: str
    words: str


def _verbs() -> frozenset[str]:
    return lexicon().common_verbs


def _is_verb_form(word: str) -> bool:
    """Return True for a known verb in its base form or an inflection of one ('replaces', 'scales')."""
    verbs = _verbs()
    if word in verbs:
        return True
    lemma = lexicon().lemma.get(word)
    if lemma is not None:
        return True
    for suffix, replacement in (("ies", "y"), ("es", ""), ("s", ""), ("es", "e")):
        if word.endswith(suffix) and word[: -len(suffix)] + replacement in verbs:
            return True
    return False


def _has_verb(words: list[str]) -> bool:
    """Return True when the words form a sentence: an imperative first word (a known verb, or any
    word before a determiner: 'Repair the roads'), a copula or modal, or a verb after its subject
    ('The app handles 1TB', 'Residents get their issue sorted')."""
    first = words[0]
    if first in _verbs() or (lexicon().lemma.get(first) == first):
        return True
    if len(words) > 1 and words[1] in _DETERMINERS and not first.endswith(("ing", "ed")):
        return True
    for index, word in enumerate(words):
        if word in _COPULAS:
            return True
        after_noun = index > 0 and words[index - 1] not in _NOT_SUBJECTS
        complement = index + 1 < len(words) and words[index + 1] not in _NOT_COMPLEMENTS
        if after_noun and complement and word.endswith("s") and _is_verb_form(word) and not word.endswith("ss"):
            return True  # 'The app handles 1TB', 'Desktop replaces go-ipfs' (not 'onboarding guides for partners')
        if index > 0 and word in _verbs() and words[index - 1].endswith("s") and not words[index - 1].endswith("ss"):
            return True  # a plural subject and its verb: 'Residents get ...', 'Users love ...'
    return False


def read_objective(text: str) -> ObjectiveReading | None:
    """Return why an objective names no change (see the module's table), or None when it is sound."""
    from okrcoach.parsing import strip_decoration
    from okrcoach.parsing.reader import read

    text = strip_decoration(clean_text(text)).rstrip("!.").strip()
    words = [word.lower().rstrip(".,;:!?") for word in _WORDS.findall(text)]
    if not words:
        return None
    if _SLOGAN.search(text):
        return ObjectiveReading("slogan", text)
    if _CARRY_ON.search(text):
        return ObjectiveReading("carry-on", text)
    if len(words) == 1 or (len(words) == 2 and not _names_a_change(words) and not _acts(words)):
        return ObjectiveReading("short", text)
    if len(words) == 2 and words[0] in _PROJECT_VERBS:
        return ObjectiveReading("task", text)  # 'Measure adherence', 'Launch Athens'
    if len(words) == 2:
        return None  # 'Stop cheaters', 'Win awards', 'Advertisers renew'
    praise = _PRAISE.match(text)
    if praise and _only_praise(praise["predicate"]):
        return ObjectiveReading("praise", text)
    if not _has_verb(words) and not _names_a_change(words) and not _QUALITY.search(text) and not _PURPOSE.search(text):
        return ObjectiveReading("heading", text)
    parsed = read(text)
    verb = parsed.verb
    if verb is None or not _opens_with(words, verb) or (verb in _CAUSATIVE and parsed.state is None):
        return None  # a statement about someone ('Sellers ship faster'), or 'Make every release boring'
    if _has_purpose(text, words):
        return None
    head = _object_head(text)
    if head in _ORGANISATION:
        return None
    if verb in _DUTIES and parsed.target is None:
        return ObjectiveReading("duty", text)
    if parsed.target is not None:
        return None  # a number to reach: objective-has-metric's business
    if verb in _PROJECT_VERBS or (parsed.form == "state" and verb in {"get", "have"}):
        return ObjectiveReading("task", text)
    return None


def _acts(words: list[str]) -> bool:
    """Return True when a two-word objective opens with a verb ('Stop cheaters', 'Grow profitably')."""
    first = words[0]
    return first in _verbs() and not first.endswith(("ing", "ed"))


def _opens_with(words: list[str], verb: str) -> bool:
    """Return True when the verb is the objective's first word (an instruction, not a description)."""
    return words[0] == verb or " ".join(words[:2]) == verb


def _names_a_change(words: list[str]) -> bool:
    """Return True for a phrase without a verb that still names a change or who it is for: a
    direction ('Fewer missed appointments', 'Safer prescribing'), people who act ('Members who
    renew', 'Advertisers renew'), or a relative clause ('Buses that turn up on time')."""
    if any(word in _DIRECTIONS or word in _PEOPLE for word in words):
        return True  # a direction ('Fewer missed appointments') or the people it is for ('Patients ready on the day')
    for index, word in enumerate(words):
        if word in _RELATIVES and index > 0:
            return True
        if word in _PEOPLE and index + 1 < len(words) and words[index + 1] in _verbs():
            return True
        if word in _PEOPLE and index > 0 and words[index - 1] in _verbs():
            return True  # 'Delight users'
    return False


def _has_purpose(text: str, words: list[str]) -> bool:
    """Return True when the objective says why: 'in order to ...', 'so that ...', 'to <verb> ...', 'for customers'."""
    if _PURPOSE.search(text) or _QUALITY.search(text):
        return True
    return any(word == "to" and index + 1 < len(words) and words[index + 1] in _verbs() for index, word in enumerate(words[1:], 1))


def _only_praise(predicate: str) -> bool:
    words = [word.lower().strip(",.;!") for word in predicate.split()]
    vague = lexicon().vague_adjectives
    content = [word for word in words if word and word not in _FILLER]
    return bool(content) and all(word in _PRAISE_WORDS or word in vague for word in content)


def _object_head(text: str) -> str | None:
    """Return the last word of the task's object before a preposition or a clause ('the Jsgenesis <team>')."""
    words = _WORDS.findall(text)
    stop = {"to", "for", "in", "on", "with", "by", "of", "across", "through", "that", "which", "and", "so"}
    head = None
    for word in words[1:]:
        lowered = word.lower().rstrip(".,;:")
        if lowered in stop:
            break
        head = lowered
    return head
