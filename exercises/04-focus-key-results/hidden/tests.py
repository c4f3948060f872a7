"""Hidden checks for exercise 4: the grader runs these; learners do not receive this file."""

from okrcoach.grading import checks

OBJECTIVE = "Make buying from GreenCycle feel effortless"
KEY_RESULTS = [
    "Improve the checkout experience",
    "Cut checkout abandonment from 71% to 62%",
    "Raise mobile conversion rate from 1.4% to 1.9%",
    "Bring median product page load time on mobile from 3.8 s to 2 s",
    "Ship the new product filters",
    "Increase product-recommendation click-through from 4% to 6%",
    "Raise Net Promoter Score from 38 to 50",
    "Cut checkout abandonment from 71% to 62% this quarter",
    "Redesign the basket page",
]
RULES = ["vague-target", "output-not-outcome", "lagging-indicator", "duplicate-key-result"]


def _numbers(answer):
    if not isinstance(answer, list) or not all(isinstance(item, int) and 1 <= item <= 9 for item in answer):
        raise AssertionError(f"expected key result numbers from 1 to 9, got {checks.describe(answer)}")
    return list(dict.fromkeys(answer))


def kept_ones_are_clean(kept):
    """The kept key results pass okrcoach's checks together: measurable, outcomes, leading, no duplicates.

    Hint: Drop the vague one, the tasks, the lagging survey and the repeat; keep measurable outcomes that move this quarter.
    """
    numbers = _numbers(kept)
    assert 2 <= len(numbers) <= 5, f"keep 2-5 key results, not {len(numbers)}"
    found = checks.key_result_findings([KEY_RESULTS[number - 1] for number in numbers], RULES, objective=OBJECTIVE)
    records = [record for items in found for record in items]
    clean = sum(1 for items in found if not items)
    return checks.partial(clean, len(numbers), f"{clean} of {len(numbers)} kept key results pass okrcoach's checks",
                          [checks.finding_line(record) for record in records], records)


def keeps_the_core(kept):
    """The kept set includes checkout abandonment, the clearest measure of an effortless purchase.

    Hint: Which key result would prove, on its own, that buying became effortless?
    """
    numbers = _numbers(kept)
    assert 2 in numbers or 8 in numbers, "checkout abandonment (key result 2) is the core measure of this objective"


def tasks_found_by_okrcoach(initiatives):
    """The backlog holds exactly the key results okrcoach calls tasks (output-not-outcome).

    Hint: A key result that starts with ship, launch, redesign or build is a task: it moves to the initiative backlog.
    """
    numbers = set(_numbers(initiatives))
    found = checks.key_result_findings(KEY_RESULTS, ["output-not-outcome"], objective=OBJECTIVE)
    tasks = {number for number, items in enumerate(found, start=1) if items}
    right = len(numbers & tasks)
    wrong = sorted(numbers - tasks)
    details = [f"key result {number} ({checks.quote(KEY_RESULTS[number - 1])}) is not a task" for number in wrong]
    details += [f"key result {number} ({checks.quote(KEY_RESULTS[number - 1])}) is a task" for number in sorted(tasks - numbers)]
    return checks.partial(max(right - len(wrong), 0), len(tasks), f"{right} of {len(tasks)} tasks found", details)
