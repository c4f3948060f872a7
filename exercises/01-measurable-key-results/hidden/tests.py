"""Hidden checks for exercise 1: the grader runs these; learners do not receive this file."""

from okrcoach.grading import checks

ORIGINALS = [
    "Improve the checkout experience",
    "Strengthen our brand voice across social media",
    "Make customer support faster",
    "Launch a loyalty program",
]
#: Words that show a rewrite is still about the same thing as the original it replaces.
SUBJECTS = [
    ("checkout", "abandon", "conversion", "cart", "basket", "payment"),
    ("social", "instagram", "tiktok", "engagement", "share", "follower", "brand", "mention", "comment"),
    ("response", "resolution", "reply", "wait", "ticket", "support", "answer", "chat", "resolve"),
    ("loyalty", "repeat", "returning", "member", "second order", "come back", "retention", "reorder", "enrol"),
]


def keeps_the_subject(rewrites):
    """Each rewrite is still about what the original key result wanted to change.

    Hint: Keep the intent (checkout, social media, support speed, loyalty) and make it measurable; do not swap in a different goal.
    """
    items = checks.texts(rewrites, count=4)
    off = [(original, text) for original, text, words in zip(ORIGINALS, items, SUBJECTS) if not any(word in text.lower() for word in words)]
    details = [f"{checks.quote(text)} no longer measures what {checks.quote(original)} was about" for original, text in off]
    return checks.partial(4 - len(off), 4, f"{4 - len(off)} of 4 rewrites keep their subject", details)


def measured_by_leading_indicators(rewrites):
    """Each rewrite is measured by an indicator that moves within the quarter.

    Hint: Quarterly key results need metrics that respond in weeks (conversion, response time, repeat orders), not yearly surveys.
    """
    return checks.leading_indicators(checks.texts(rewrites, count=4))


def diagnosis_matches_okrcoach(diagnosis):
    """Each diagnosis names the rule okrcoach itself finds in that key result.

    Hint: Run okrcoach.check on the originals (the review() cell) and read the rule names it reports.
    """
    names = checks.texts(diagnosis, count=4)
    found = checks.key_result_findings(ORIGINALS, rules=["vague-target", "output-not-outcome", "missing-baseline", "kpi-as-okr"])
    right = [name in {record["rule"] for record in records} for name, records in zip(names, found)]
    details = [f"{checks.quote(original)} is not flagged by {name}" for original, name, ok in zip(ORIGINALS, names, right) if not ok]
    return checks.partial(sum(right), 4, f"{sum(right)} of 4 diagnoses match okrcoach", details)
