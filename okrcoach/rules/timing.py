"""Timing rules (T): is the indicator right for the period, and is there a period at all?"""

from __future__ import annotations

from collections.abc import Iterator

from okrcoach.engine import Context
from okrcoach.findings import Violation
from okrcoach.model import KeyResult, Objective
from okrcoach.registry import rule
from okrcoach.rules._common import LaggingIndicator, cycle_of, lagging_indicators, quote, statement


@rule("T101", "lagging-indicator", scope="key_result", options=("quarterly_days",))
def lagging_indicator(key_result: KeyResult, objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for a quarterly key result measured by an indicator that lags the work by a quarter or more.

    NPS, relationship satisfaction surveys, brand perception and awareness, retention and
    churn, annual revenue and ARR, profitability, market share and capitalisation, customer
    lifetime value, employee engagement and attrition move months after the work that drives
    them.

    ## Why is this bad?
    At the end of the quarter the number has not moved yet, so the team cannot tell whether
    its work succeeded, and the grade reflects last year's work. Keep the lagging metric as a
    KPI and set key results on the leading measures that move within weeks.

    ## Example
    ```yaml
    cycle: 2026-Q1
    key_results:
      - Increase brand awareness from 12% to 18%
    ```

    ## Use instead
    ```yaml
    cycle: 2026-Q1
    key_results:
      - Grow returning visitors from 40k to 55k a month
      - Raise social shares of campaign content from 1.2k to 3k
    ```
    Short windows are leading and not flagged ("day-7 retention", "post-chat CSAT").

    ## Options
    - `quarterly_days` (default 92): cycles up to this long count as quarterly.

    ## Source
    Seed 003 (brand perception and customer satisfaction lag one or two quarters, with
    measurable alternatives); shared/methodology.md (indicator delays and leading alternatives).
    """
    cycle = cycle_of(ctx.plan, objective)
    if cycle is None or cycle.days > ctx.settings.quarterly_days:
        return
    parsed = statement(key_result)
    indicator = lagging(parsed.metric or parsed.text) or (lagging(parsed.text) if parsed.metric is None else None)
    if indicator is None and len(parsed.parts) > 1:  # 'Cut wait times to 2 days and raise NPS to 40'
        indicator = next(filter(None, (lagging(part) for part in parsed.parts[1:])), None)
    if indicator is None or ctx.words("short_windows").first_match(parsed.text):
        return
    alternatives = ", ".join(indicator.alternatives[:3])
    yield Violation(
        key_result,
        f"Key result is measured by {indicator.indicator}, which lags the work by {indicator.delay}: "
        f"a {cycle.label} key result cannot show it moving",
        f"Keep {indicator.indicator} as a KPI and measure what leads it this quarter: {alternatives}",
    )


def lagging(text: str) -> LaggingIndicator | None:
    """Return the lagging indicator a metric or statement names, if any."""
    for pattern, indicator in lagging_indicators():
        if pattern.search(text):
            return indicator
    return None


@rule("T102", "missing-deadline", scope="key_result")
def missing_deadline(key_result: KeyResult, objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for a key result with no date, in a plan with no cycle.

    ## Why is this bad?
    Without a time box there is no moment to grade the result, no pace to check progress
    against, and no urgency. Key results are time-bound.

    ## Example
    ```yaml
    # no cycle
    key_results:
      - Raise activation from 35% to 50%
    ```

    ## Use instead
    Give the plan a cycle (`cycle: 2026-Q1`), or give the key result a date:
    "Raise activation from 35% to 50% by 30 June".

    ## Source
    John Doerr, *Measure What Matters* (2018): key results are time-bound; SMART (Doran, 1981).
    """
    if cycle_of(ctx.plan, objective) is not None:
        return
    parsed = statement(key_result)
    if parsed.deadline or key_result.deadline:
        return
    yield Violation(
        key_result,
        f"Key result {quote(key_result.title, 40)} has no date, and the plan has no cycle",
        "Give the plan a cycle (e.g. 'cycle: 2026-Q3') or end the key result with a date ('by 30 September')",
    )
