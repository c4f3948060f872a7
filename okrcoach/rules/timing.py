"""Timing rules (T): is the indicator right for the period, and is there a period at all?"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from okrcoach.context import Context
from okrcoach.findings import Severity, Violation
from okrcoach.history import fit_trend, largest_change
from okrcoach.model import Better, Direction, KeyResult, Objective, ObjectiveType
from okrcoach.registry import rule
from okrcoach.rules._common import cycle_of, quote, slow_kpi, statement

if TYPE_CHECKING:
    from okrcoach.kpis.catalog import CatalogKPI


@rule("T101", "lagging-indicator", scope="key_result", options=("quarterly_days",))
def lagging_indicator(key_result: KeyResult, objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for a key result measured by an indicator too slow to show change within its cycle.

    The KPI catalog records for each KPI how long a change in the work takes to show in it
    (`lag_days`). A key result is flagged when that lag is more than two thirds of its cycle:
    (a cycle shorter than a quarter is judged as a quarter, since the lags are orders of magnitude):
    relationship NPS, satisfaction surveys, brand awareness, annual retention and churn, ARR,
    profit margins, market share, lifetime value, engagement surveys and attrition cannot move
    inside a quarter, while a monthly revenue figure or conversion rate can. Whether a KPI is a
    result (lagging) or a driver (leading) is a separate question: results that respond within
    weeks make fine key results.

    ## Why is this bad?
    At the end of the quarter the number has not moved yet, so the team cannot tell whether
    its work succeeded, and the grade reflects last year's work. Keep the slow metric as a
    KPI and set key results on the faster measures that lead it.

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
    Short windows are fast and not flagged ("day-7 retention", "post-chat CSAT"), and neither is
    work on the measurement itself ("make the NPS survey data reliable").

    ## Options
    - `quarterly_days` (default 92): the rule checks cycles up to this long.

    ## Source
    Andy Grove, *High Output Management* (1983) and David Parmenter, *Key Performance Indicators*
    (2019): result indicators report the past, performance drivers move first; the catalog's
    `lag_days` (datasets/kpis/README.md) says how soon each KPI responds; docs/methodology.md (Leading and lagging).
    """
    cycle = cycle_of(ctx.plan, objective)
    if cycle is None or cycle.days > ctx.settings.quarterly_days:
        return
    parsed = statement(key_result)
    context = {"objective": objective.title, "team": objective.team or ""}

    def slow(text: str) -> CatalogKPI | None:
        return slow_kpi(text, cycle.days, context)

    indicator = slow(parsed.metric or parsed.text) or (slow(parsed.text) if parsed.metric is None else None)
    if indicator is None and "(" in parsed.text:  # 'Rider satisfaction (annual Transport Focus survey) to 88%'
        indicator = next(filter(None, map(slow, _PARENTHESES.findall(parsed.text))), None)
    if indicator is None and len(parsed.parts) > 1:  # 'Cut wait times to 2 days and raise NPS to 40'
        indicator = next(filter(None, (slow(part) for part in parsed.parts[1:])), None)
    if indicator is None or ctx.words("short_windows").first_match(parsed.text):
        return
    alternatives = ", ".join(_names(indicator.leading_alternatives[:3]))
    yield Violation(
        key_result,
        f"Key result is measured by {_plain(indicator.name)}, {'a lagging' if not indicator.leading else 'an'} indicator "
        f"that shows change {indicator.delay} "
        f"after the work: a {cycle.label} key result cannot show it moving",
        f"Keep {_plain(indicator.name)} as a KPI and measure what leads it this quarter: {alternatives}",
    )


_PARENTHESES = re.compile(r"\(([^()]+)\)")


def lagging(text: str, cycle_days: int = 92) -> CatalogKPI | None:
    """Return the catalog KPI a metric or statement names that is too slow for a cycle of this length, if any."""
    return slow_kpi(text, cycle_days)


def _plain(name: str) -> str:
    """Return a KPI name for the middle of a sentence: 'Brand awareness' -> 'brand awareness', 'NPS' kept."""
    return name[0].lower() + name[1:] if name[1:] == name[1:].lower() else name


def _names(kpi_ids: tuple[str, ...]) -> list[str]:
    from okrcoach.kpis.catalog import default_catalog

    catalog = default_catalog()
    return [_plain(catalog[kpi_id].name) if kpi_id in catalog else kpi_id for kpi_id in kpi_ids]


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


@rule("T103", "unrealistic-target", scope="key_result")
def unrealistic_target(key_result: KeyResult, objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for a target far beyond what the linked KPI's history says can happen in one cycle.

    Needs KPI history (`okrcoach check --history history.csv`) and a key result linked to a KPI
    (`kpi: <id>`). Flags a required change more than three times the largest change the KPI has
    ever shown within a quarter (scaled to the cycle's length), and percentage targets outside 0-100.

    ## Why is this bad?
    A target nobody believes stops being a goal: teams give up early, or game the metric.
    Stretch is healthy, but a key result should be reachable with an extraordinary quarter,
    not a miracle.

    ## Example
    ```yaml
    # churn has moved at most 0.4 points in any quarter of the last two years
    - {title: Cut monthly churn from 4.1% to 1.5%, kpi: churn}
    ```

    ## Use instead
    Stage it over several cycles ("to 3.5% this quarter"), or declare the objective
    aspirational and say what a 0.7 grade would look like.

    ## Source
    docs/methodology.md (Timing and realism: required change above about 3x the largest quarterly change seen).
    """
    context = _history_context(key_result, objective, ctx)
    if context is None:
        return
    last, target, trend_end, largest, cycle_days, series, percent = context
    if percent and not 0 <= target <= 100:
        yield Violation(key_result, f"Target {target:g}% is not a possible percentage", "Check the unit and the number")
        return
    allowed = 3 * largest * max(cycle_days / 92, 1)
    if largest > 0 and abs(target - last) > allowed:
        yield Violation(
            key_result,
            f"Target needs a change of {_number(abs(target - last))} in one cycle; the KPI has never moved more than "
            f"{_number(largest)} in a quarter ({len(series)} observations)",
            "Stage the target over several cycles, or mark the objective aspirational and say what 0.7 looks like",
        )


@rule("T104", "unambitious-target", scope="key_result", severity=Severity.INFO)
def unambitious_target(key_result: KeyResult, objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for a target the linked KPI's trend would reach without any extra effort.

    Needs KPI history and a key result linked to a KPI. Flags a target that moves in the KPI's
    good direction by no more than its straight-line trend projected to the end of the cycle,
    plus one standard deviation of noise.

    ## Why is this bad?
    A key result that the current trend hits anyway changes nothing: the team gets a 1.0 for
    business as usual, and the quarter's real chance to move the metric is lost.

    ## Example
    ```yaml
    # weekly active users have grown about 1k a month for two years, from 40k to 48k
    - {title: Grow weekly active users from 48k to 50k, kpi: wau}
    ```

    ## Use instead
    Aim beyond the trend ("to 55k"), or, when holding the trend is the goal, say it is a
    committed objective or watch it as a KPI.

    ## Source
    docs/methodology.md (Timing and realism: target at or below the trend projection plus one standard deviation).
    """
    context = _history_context(key_result, objective, ctx)
    if context is None or statement(key_result).direction is Direction.MAINTAIN:
        return
    last, target, trend_end, _, _, series, _ = context
    kpi = next(kpi for kpi in ctx.plan.kpis if kpi.id == key_result.kpi)
    projection, noise = trend_end
    higher = kpi.direction is Better.HIGHER
    if (higher and target <= projection + noise) or (not higher and target >= projection - noise):
        yield Violation(
            key_result,
            f"Target {_number(target)} is within the KPI's trend: it would reach about {_number(projection)} "
            f"(±{_number(noise)}) by the end of the cycle without extra effort",
            f"Aim beyond the trend ({'above' if higher else 'below'} {_number(projection + (noise if higher else -noise))}), "
            + ("or make it a committed objective" if objective.type is not ObjectiveType.COMMITTED
               else "or say in the objective why holding the trend is the goal this quarter"),
        )


def _history_context(key_result: KeyResult, objective: Objective, ctx: Context) -> Any:
    """Return (last, target, (projection, noise), largest change, cycle days, series, percent) or None."""
    cycle = cycle_of(ctx.plan, objective)
    if ctx.history is None or key_result.kpi is None or cycle is None or key_result.kpi not in ctx.history:
        return None
    if not any(kpi.id == key_result.kpi for kpi in ctx.plan.kpis):
        return None
    series = ctx.history[key_result.kpi].before(cycle.start)
    trend = fit_trend(series)
    parsed = statement(key_result)
    if trend is None or len(series) < 6 or parsed.target is None:
        return None
    last = parsed.baseline.value if parsed.baseline is not None else series.values[-1]
    target = _absolute_target(parsed, last, ctx, key_result)
    if target is None:
        return None
    percent = parsed.unit == "%" and not parsed.is_change
    return last, target, (trend.at(cycle.end), trend.noise), largest_change(series), cycle.days, series, percent


def _number(value: float) -> str:
    """Return a number for messages: '53,710', '3.95', '0.11'."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def _absolute_target(parsed: Any, last: float, ctx: Context, key_result: KeyResult) -> float | None:
    target = parsed.target
    if not parsed.is_change:
        return target.value
    kpi = next(kpi for kpi in ctx.plan.kpis if kpi.id == key_result.kpi)
    sign = 1 if kpi.direction is Better.HIGHER else -1
    if target.unit == "%":
        return last * (1 + sign * target.value / 100)
    if target.unit == "x":
        return last * target.value if sign > 0 else last / target.value
    return last + sign * target.value
