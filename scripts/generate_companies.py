#!/usr/bin/env python3
"""Write the sample companies in datasets/companies/: OKRs, KPI history and a README for each.

Run:  python scripts/generate_companies.py              (write into datasets/companies/)
      python scripts/generate_companies.py --out DIR    (write somewhere else)
      python scripts/generate_companies.py --check      (exit 1 if a committed file differs)

For each company the script writes three files:

- `okrs.yaml`: the plan. It is hand-written YAML kept below as a literal template (comments
  and all), because a file people read and copy should look like a person wrote it. The
  deliberate flaws are marked `# FLAW: <rule>` in it.
- `kpi_history.csv`: columns kpi, date, value, one row per observation, every KPI of the plan
  from January 2023 to December 2025 (twelve quarters, ending where the 2026-Q1 cycle starts).
  Weekly KPIs have one value per week, dated the Monday the week starts; monthly KPIs one per
  month, dated the first day of the month; quarterly KPIs one per quarter, dated its first day.
- `README.md`: who the company is, its plan, its KPIs, how the history was made, and the
  table of deliberate flaws (`| id | rule | why it is a flaw |`) that tests/test_companies.py
  compares with what `okrcoach check --history` reports.

How a KPI's history is made (see `Curve`): value = trend + seasonality + noise, then clamped to
the unit's range and rounded.

- Trend: straight lines between dated knots. A knot in the middle is a trend change, and each
  company's README says when and why (a growth slowdown, a staffing cut, a new online form).
- Seasonality: twelve offsets, one per calendar month, placed mid-month and interpolated in
  between, so weekly series move smoothly; `relative=True` makes them fractions of the trend.
- Events: one-off shocks on the period holding a given date (an outage, the Christmas week).
- Noise: Gaussian with standard deviation `noise`, approximated by the sum of twelve uniform
  draws minus six (Irwin-Hall), from random.Random seeded with the company's seed and the KPI id.
- Cumulative KPIs (running totals) add noisy increments to the previous value, so they never fall.

Byte for byte on every run and machine: the only randomness is random.Random with fixed seeds
(the Mersenne Twister and its seeding from text are the same on every platform); the
arithmetic is addition, multiplication and division only (no sin/log/exp whose last bits vary
between C libraries), sums use math.fsum (exactly rounded, so independent of summation order
and of the Python version); values are written with a fixed number of decimals, files as UTF-8
with '\\n' line endings, and nothing depends on the clock, the locale or dict hash order.

The script also checks that the key results linked to KPIs (`kpi: <id>`) get the verdict the
plan intends from the history (deliberately unrealistic, deliberately unambitious, or neither),
with the same arithmetic as okrcoach's T103/T104 rules (okrcoach/history.py: a least-squares
trend, its residual noise, and the largest change within 92 days); it stops with an error if a
change to a curve would silently change a verdict, and writes the numbers into each README.

Only the standard library is used, so the script runs without okrcoach installed.
"""

from __future__ import annotations

import argparse
import calendar
import filecmp
import math
import random
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "datasets" / "companies"

HISTORY_START = date(2023, 1, 1)
HISTORY_END = date(2025, 12, 31)  # the last day before the plans' 2026-Q1 cycle
CYCLE_START = date(2026, 1, 1)
CYCLE_END = date(2026, 3, 31)
QUARTER_DAYS = 92  # okrcoach's "within a quarter" window for the largest change
FILES = ("okrs.yaml", "kpi_history.csv", "README.md")
NO_SEASON = (0.0,) * 12


@dataclass(frozen=True)
class Curve:
    """How one KPI's history is generated."""

    kpi: str
    cadence: str  # weekly, monthly or quarterly
    trend: tuple[tuple[str, float], ...]  # (ISO date, value) knots; linear in between, flat outside
    season: tuple[float, ...] = NO_SEASON  # offset per calendar month, January first
    relative: bool = False  # season and events are fractions of the trend, not values
    noise: float = 0.0  # standard deviation (of the increments, as a fraction, when cumulative)
    events: tuple[tuple[str, float], ...] = ()  # (ISO date, offset): one-off shocks
    decimals: int = 2
    low: float = 0.0
    high: float | None = None
    cumulative: bool = False
    better: str = "higher"  # which way is good, as in the plan's KPI


@dataclass(frozen=True)
class Link:
    """A key result linked to a KPI, with the verdict the history should give it."""

    key_result: str
    kpi: str
    baseline: float  # as written in the key result (okrcoach starts from it when it is given)
    target: float
    expect: str  # "unrealistic", "unambitious" or "" (neither)


@dataclass(frozen=True)
class Company:
    """One sample company: its files' templates, its KPI curves and its linked key results."""

    slug: str
    seed: int
    okrs: str
    readme: str
    curves: tuple[Curve, ...]
    links: tuple[Link, ...]


# --- history -------------------------------------------------------------------------------------


def periods(cadence: str) -> list[date]:
    """Return the first day of every period from HISTORY_START whose last day is in the history."""
    if cadence == "weekly":
        day = HISTORY_START + timedelta(days=(7 - HISTORY_START.weekday()) % 7)  # the first Monday
        days = []
        while day + timedelta(days=6) <= HISTORY_END:
            days.append(day)
            day += timedelta(days=7)
        return days
    step = {"monthly": 1, "quarterly": 3}[cadence]
    return [date(year, month, 1) for year in range(HISTORY_START.year, HISTORY_END.year + 1) for month in range(1, 13, step)]


def midpoint(start: date, cadence: str) -> date:
    """Return the middle of a period: the Thursday of a week, the 15th of a month, mid-quarter."""
    if cadence == "weekly":
        return start + timedelta(days=3)
    if cadence == "monthly":
        return date(start.year, start.month, 15)
    return date(start.year, start.month + 1, 15)


def period_end(start: date, cadence: str) -> date:
    """Return the last day of a period."""
    if cadence == "weekly":
        return start + timedelta(days=6)
    last_month = start.month + (0 if cadence == "monthly" else 2)
    return date(start.year, last_month, calendar.monthrange(start.year, last_month)[1])


def trend_at(knots: tuple[tuple[str, float], ...], day: date) -> float:
    """Return the trend on a day: straight lines between knots, flat before the first and after the last."""
    points = [(date.fromisoformat(when).toordinal(), value) for when, value in knots]
    x = day.toordinal()
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def season_at(offsets: tuple[float, ...], day: date) -> float:
    """Return the seasonal offset on a day: monthly offsets placed on the 15th, interpolated between."""
    month = day.month - 1
    length = calendar.monthrange(day.year, day.month)[1]
    fraction = (day.day - 15) / length
    if fraction >= 0:
        return offsets[month] + (offsets[(month + 1) % 12] - offsets[month]) * fraction
    return offsets[month] + (offsets[month] - offsets[(month - 1) % 12]) * fraction


def gaussian(rng: random.Random) -> float:
    """Return a standard normal draw (Irwin-Hall: twelve uniforms minus six), reproducible everywhere."""
    return math.fsum(rng.random() for _ in range(12)) - 6.0


def series(curve: Curve, seed: int) -> list[tuple[date, float]]:
    """Return a curve's observations, (first day of the period, rounded value), oldest first."""
    rng = random.Random(f"{seed}/{curve.kpi}")
    events = [(date.fromisoformat(when), offset) for when, offset in curve.events]
    result: list[tuple[date, float]] = []
    previous_trend = previous_value = None
    for start in periods(curve.cadence):
        middle, end = midpoint(start, curve.cadence), period_end(start, curve.cadence)
        trend = trend_at(curve.trend, middle)
        shock = math.fsum([season_at(curve.season, middle)] + [offset for when, offset in events if start <= when <= end])
        if curve.relative:
            shock *= trend
        if curve.cumulative:
            if previous_value is None:
                value = trend
            else:
                growth = (trend + shock) - previous_trend
                value = previous_value + max(0.0, growth * (1.0 + curve.noise * gaussian(rng)))
            previous_trend = trend + shock
        else:
            value = trend + shock + curve.noise * gaussian(rng)
        value = max(curve.low, value if curve.high is None else min(curve.high, value))
        value = round(value, curve.decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
        previous_value = value
        result.append((start, value))
    return result


def history_csv(company: Company) -> str:
    """Return the kpi_history.csv text of a company: KPIs in plan order, dates in order."""
    lines = ["kpi,date,value"]
    for curve in company.curves:
        lines += [f"{curve.kpi},{day.isoformat()},{value:.{curve.decimals}f}" for day, value in series(curve, company.seed)]
    return "\n".join(lines) + "\n"


# --- the T103/T104 arithmetic, as in okrcoach/history.py and okrcoach/rules/timing.py --------------


@dataclass(frozen=True)
class Verdict:
    """What the history says about one linked key result."""

    link: Link
    curve: Curve
    last: float  # the value the target is measured from (the key result's baseline)
    latest: float  # the last observation before the cycle
    projection: float  # the straight-line trend at the end of the cycle
    noise: float  # the residual standard deviation around that line
    largest: float  # the largest change within 92 days
    unrealistic: bool
    unambitious: bool

    @property
    def verdict(self) -> str:
        return "unrealistic" if self.unrealistic else "unambitious" if self.unambitious else ""


def verdict(link: Link, curve: Curve, observed: list[tuple[date, float]]) -> Verdict:
    """Return what T103 (unrealistic-target) and T104 (unambitious-target) conclude for a linked key result."""
    points = [(day, value) for day, value in observed if day < CYCLE_START]
    origin = points[0][0]
    xs = [float((day - origin).days) for day, _ in points]
    ys = [value for _, value in points]
    count = len(xs)
    mean_x, mean_y = math.fsum(xs) / count, math.fsum(ys) / count
    spread = math.fsum((x - mean_x) ** 2 for x in xs)
    slope = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread
    intercept = mean_y - slope * mean_x
    residuals = [y - (intercept + slope * x) for x, y in zip(xs, ys)]
    noise = (math.fsum(r * r for r in residuals) / max(count - 2, 1)) ** 0.5
    projection = intercept + slope * (CYCLE_END - origin).days
    largest, first = 0.0, 0
    for last_index in range(count):
        while (points[last_index][0] - points[first][0]).days > QUARTER_DAYS:
            first += 1
        window = ys[first : last_index + 1]
        largest = max(largest, max(window) - min(window))
    cycle_days = (CYCLE_END - CYCLE_START).days + 1
    allowed = 3 * largest * max(cycle_days / QUARTER_DAYS, 1)
    higher = curve.better == "higher"
    return Verdict(
        link=link,
        curve=curve,
        last=link.baseline,
        latest=ys[-1],
        projection=projection,
        noise=noise,
        largest=largest,
        unrealistic=largest > 0 and abs(link.target - link.baseline) > allowed,
        unambitious=(link.target <= projection + noise) if higher else (link.target >= projection - noise),
    )


def verdicts(company: Company) -> list[Verdict]:
    """Return the verdict of every linked key result; stop if one is not what the plan intends."""
    curves = {curve.kpi: curve for curve in company.curves}
    results = []
    for link in company.links:
        curve = curves[link.kpi]
        result = verdict(link, curve, series(curve, company.seed))
        if result.verdict != link.expect:
            raise SystemExit(
                f"{company.slug}: {link.key_result} should be {link.expect or 'neither unrealistic nor unambitious'} "
                f"against the history of {link.kpi}, but is {result.verdict or 'neither'} "
                f"(target {link.target:g}, baseline {link.baseline:g}, trend {result.projection:.3f} "
                f"± {result.noise:.3f}, largest quarterly change {result.largest:.3f}): adjust the curve or the plan"
            )
        results.append(result)
    return results


# --- README tables -------------------------------------------------------------------------------


def number(value: float, decimals: int) -> str:
    """Return a number for a table: thousands separated; no decimals from 1,000 up."""
    return f"{value:,.{0 if abs(value) >= 1000 else decimals}f}"


def history_table(company: Company) -> str:
    """Return the Markdown table that summarises each KPI's generated history."""
    rows = [
        "| KPI | cadence | observations | first | last | lowest | highest |",
        "|---|---|---|---|---|---|---|",
    ]
    for curve in company.curves:
        observed = series(curve, company.seed)
        values = [value for _, value in observed]
        rows.append(
            f"| `{curve.kpi}` | {curve.cadence} | {len(observed)} ({observed[0][0].isoformat()} to {observed[-1][0].isoformat()}) "
            f"| {number(values[0], curve.decimals)} | {number(values[-1], curve.decimals)} "
            f"| {number(min(values), curve.decimals)} | {number(max(values), curve.decimals)} |"
        )
    return "\n".join(rows)


def checks_table(company: Company) -> str:
    """Return the Markdown table of linked key results with the numbers behind their verdicts."""
    rows = [
        "| key result | KPI | from → to | last observed | trend at 31 March 2026 (± noise) | largest change in 92 days | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    for result in verdicts(company):
        places = result.curve.decimals + 1
        link = result.link
        verdict_text = {
            "unrealistic": f"**unrealistic**: the change of {number(abs(link.target - link.baseline), places)} is more than 3 × {number(result.largest, places)}",
            "unambitious": "**unambitious**: the trend gets there without extra effort",
            "": "realistic and ambitious: neither check fires",
        }[result.verdict]
        rows.append(
            f"| `{link.key_result}` | `{link.kpi}` | {number(link.baseline, result.curve.decimals)} → {number(link.target, result.curve.decimals)} "
            f"| {number(result.latest, result.curve.decimals)} | {number(result.projection, places)} (± {number(result.noise, places)}) "
            f"| {number(result.largest, places)} | {verdict_text} |"
        )
    return "\n".join(rows)


def readme(company: Company) -> str:
    """Return a company's README with its generated tables filled in."""
    return company.readme.replace("{{history_table}}", history_table(company)).replace("{{checks_table}}", checks_table(company))


# --- writing and checking ------------------------------------------------------------------------


def files(company: Company) -> Iterator[tuple[str, str]]:
    """Return (file name, text) for each file of a company."""
    yield "okrs.yaml", company.okrs
    yield "kpi_history.csv", history_csv(company)
    yield "README.md", readme(company)


def write(out: Path) -> list[Path]:
    """Write every company's files under out and return their paths."""
    written = []
    for company in COMPANIES:
        folder = out / company.slug
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in files(company):
            path = folder / name
            path.write_bytes(text.encode("utf-8"))  # bytes: '\n' line endings on every platform
            written.append(path)
    return written


def check(out: Path) -> list[str]:
    """Return the files under out that differ from (or are missing compared with) a fresh generation."""
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        for path in write(Path(scratch)):
            committed = out / path.relative_to(scratch)
            if not committed.is_file():
                problems.append(f"{committed}: missing")
            elif not filecmp.cmp(path, committed, shallow=False):
                problems.append(f"{committed}: differs from what the script writes")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the sample companies' OKRs, KPI history and READMEs.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"folder to write into (default: {DEFAULT_OUT})")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file in --out differs from what the script writes")
    args = parser.parse_args(argv)
    if args.check:
        problems = check(args.out)
        for problem in problems:
            print(problem)
        if problems:
            print(f"{len(problems)} file(s) out of date: run python scripts/generate_companies.py")
            return 1
        print(f"{len(COMPANIES) * len(FILES)} files up to date in {args.out}")
        return 0
    written = write(args.out)
    print(f"wrote {len(written)} files for {len(COMPANIES)} companies in {args.out}")
    return 0


# --- GreenCycle: e-commerce (the course's running example) ----------------------------------------
# The plan is the committed datasets/companies/greencycle/okrs.yaml, verbatim: its objectives, key
# results, ids and owners are what the course notebooks and tests rely on. Only its kpis: section
# has grown (catalog ids, descriptions and decisions).

GREENCYCLE_OKRS = """\
# GreenCycle: the sample company of the okrcoach course ("start here" notebook).
#
# GreenCycle sells sustainable household products online (refill packs, reusable kitchenware,
# recycled-paper goods). This is its first quarter of OKRs, written by real-sounding people
# with real-sounding mistakes: every deliberate mistake is marked with a comment that starts
# "# FLAW: <rule name>" naming the check that should catch it. The file itself is valid:
# it loads without errors, so the checks (not the loader) have something to find.
#
# Numbers echo the course's seed articles: site conversion 2% -> 2.5% in a quarter, and an
# annual revenue goal of $120M broken down into a $10M monthly KPI.

organisation: GreenCycle
cycle: 2026-Q1

strategy:
  mission: Make the sustainable choice the easy choice for everyday household shopping
  vision: A home where nothing ends up in landfill by accident
  pillars:
    - id: grow-online-sales
      title: Grow online sales profitably
      description: More visitors become buyers, and baskets grow without deeper discounts
    - id: loyal-customers
      title: Turn buyers into regulars
      description: Customers come back because the products and the service earn it
    - id: effortless-service
      title: Effortless service
      description: Questions answered fast, problems fixed on the first contact
    - id: responsible-operations
      title: Responsible operations
      description: Ship on time with less packaging, fewer returns and lower emissions

teams:
  - id: leadership
    name: Leadership team
    owner: Maya Lindqvist
  - id: marketing
    name: Marketing
    parent: leadership
    owner: Jonas Weber
  - id: ecommerce
    name: E-commerce and product
    parent: leadership
    owner: Ana Sousa
  - id: customer-support
    name: Customer support
    parent: leadership
    owner: Priya Nair
  - id: operations
    name: Operations and fulfilment
    parent: leadership
    owner: Tomasz Nowak

objectives:
  # Company objectives: the leadership team's few bets for the quarter.
  - id: C1
    title: Become the store eco-conscious shoppers choose first
    team: leadership
    owner: Maya Lindqvist
    aligns_to: grow-online-sales
    type: committed
    key_results:
      - title: Raise site conversion rate from 2% to 2.5% by the end of March
        metric: site conversion rate
        baseline: 2%
        target: 2.5%
        direction: increase
        deadline: 2026-03-31
        kpi: conversion-rate
      - title: Reach $10M monthly revenue in March, up from $8.4M in December
        metric: monthly revenue
        baseline: $8.4M
        target: $10M
        deadline: 2026-03-31
        kpi: monthly-revenue
      - Grow average order value from $54 to $60 without raising the discount rate

  - id: C2
    title: Make GreenCycle the shop people come back to
    team: leadership
    owner: Maya Lindqvist
    aligns_to: loyal-customers
    key_results:
      - Increase the share of orders from returning customers from 28% to 35%
      # FLAW: lagging-indicator: NPS moves a quarter or two after the work that changes it,
      # so a quarterly key result on it cannot be judged at the end of the quarter.
      - Raise Net Promoter Score from 38 to 50

  - id: C3
    title: Answer every customer quickly and fix problems the first time
    team: leadership
    owner: Maya Lindqvist
    aligns_to: effortless-service
    key_results:
      - Cut customers who contact us twice about the same order from 22% to 12%
      - Raise first-contact resolution from 61% to 75%

  # Marketing
  - id: MKT1
    # FLAW: objective-has-metric: "by 20%" is a target; it belongs in a key result.
    title: Grow our community of green shoppers by 20%
    team: marketing
    owner: Jonas Weber
    aligns_to: C1
    key_results:
      - Grow organic search visits from 180k to 240k per month
      # FLAW: output-not-outcome + lagging-indicator: partnering is a task, and brand
      # awareness lags by several quarters (reused from the seed article's example).
      - Partner with 5 eco-friendly influencers to promote our products and increase brand awareness by 15% within the next 3 months
      - Lift email click-through rate from 2.1% to 3%

  - id: MKT2
    title: Reward customers for coming back
    team: marketing
    owner: Jonas Weber
    aligns_to: C2
    key_results:
      # FLAW: output-not-outcome: launching is a deliverable; measure what changes for customers.
      - Launch a loyalty program
      # FLAW: missing-baseline: a target with no starting value.
      - Enroll 20% of active customers in the loyalty program by the end of the quarter
      - title: Raise second-order rate within 60 days from 18% to 24%
        metric: second-order rate within 60 days
        baseline: 18%
        target: 24%
        kpi: repeat-purchase-rate

  - id: MKT3
    title: Be known as the trusted name in sustainable home goods
    team: marketing
    owner: Jonas Weber
    aligns_to: C1
    key_results:
      # FLAW: lagging-indicator: brand awareness surveys move over quarters, not weeks.
      - Increase aided brand awareness from 12% to 18%
      # FLAW: vague-target: no number and no end state anyone could verify.
      - Strengthen our brand voice across social media

  # E-commerce and product
  - id: ECOM1
    title: Make buying from GreenCycle feel effortless
    team: ecommerce
    owner: Ana Sousa
    aligns_to: [grow-online-sales, C1]
    type: committed
    # FLAW: too-many-key-results: six key results dilute focus (2-5 is the usual advice).
    key_results:
      # FLAW: vague-target: "improve" with no metric, baseline or target.
      - Improve the checkout experience
      - title: Cut checkout abandonment from 71% to 62%
        metric: checkout abandonment rate
        baseline: 71%
        target: 62%
        direction: decrease
      - Raise mobile conversion rate from 1.4% to 1.9%
      - Bring median product page load time on mobile from 3.8 s to 2 s
      - Increase product-recommendation click-through from 4% to 6%
      # FLAW: output-not-outcome: a release is a task, not a result for customers.
      - Ship the new product filters

  - id: ECOM2
    title: Help shoppers find the right refill the first time
    team: ecommerce
    owner: Ana Sousa
    aligns_to: grow-online-sales
    # FLAW: too-few-key-results: one key result gives a single view of success.
    key_results:
      - Raise search-to-cart rate from 9% to 13%

  # Customer support
  - id: CS1
    title: Make waiting for help a thing of the past
    team: customer-support
    owner: Priya Nair
    aligns_to: C3
    type: committed
    key_results:
      - title: Reduce median first response time on email from 12 hours to 4 hours
        metric: first response time
        baseline: 12 hours
        target: 4 hours
        direction: decrease
        deadline: 2026-Q1
        kpi: first-response-time
      - Answer 80% of live chats within 2 minutes, up from 55%
      - Cut the open-ticket backlog from 1,400 to 300

  - id: CS2
    title: Turn every support contact into a reason to stay
    team: customer-support
    owner: Priya Nair
    aligns_to: C3
    key_results:
      # FLAW: kpi-as-okr: holding a level steady is a KPI with a threshold, not an OKR.
      - Maintain customer satisfaction score above 80%
      # FLAW: lagging-indicator: a relationship CSAT survey lags the work by a quarter or more.
      - Raise quarterly CSAT survey score from 78% to 85%
      # FLAW: duplicate-key-result: the same key result as company objective C3; share it
      # through aligns_to instead of copying it.
      - Raise first-contact resolution from 61% to 75%

  # Operations and fulfilment
  - id: OPS1
    title: Get every order out the door on time
    team: operations
    # FLAW: missing-owner: every other objective names an owner; this one has none.
    aligns_to: responsible-operations
    key_results:
      - Raise orders dispatched within 24 hours from 86% to 97%
      - Reduce damaged-in-transit claims from 1.8% to 0.8% of orders

  - id: OPS2
    title: Lead the industry on sustainable packaging
    team: operations
    owner: Tomasz Nowak
    # FLAW: misaligned-objective: 'sustainability-leadership' is not a pillar or objective id.
    aligns_to: sustainability-leadership
    key_results:
      - Cut plastic in outbound packaging from 14 g to 5 g per order
      - Reduce the return rate from 9% to 6%

  - id: OPS3
    title: Move fulfilment to the new Leipzig warehouse without disrupting customers
    team: operations
    owner: Tomasz Nowak
    aligns_to: responsible-operations
    type: committed
    # A one-off move this quarter: the output rule is switched off, each time with the reason why
    # (on the objective as `rule: reason`, on the key result as a list of {rule, reason}).
    ignore:
      output-not-outcome: The warehouse move is a one-off project this quarter; the dispatch KR measures its effect
    key_results:
      - title: Complete the move of all stock to Leipzig by 2026-02-28
        kind: milestone
        deadline: 2026-02-28
        ignore:
          - rule: output-not-outcome
            reason: A dated milestone is the point of this objective; customers see its effect in dispatch times
      - Dispatch 95% of orders within 24 hours during the move week, against 86% in a normal week today

kpis:
  # Each KPI names its entry in the okrcoach KPI catalog (catalog_id) and the decision it informs
  # when it leaves green. kpi_history.csv holds three years of history for every one of them.
  - id: conversion-rate
    name: Site conversion rate
    description: Share of sessions that end with an order
    team: ecommerce
    owner: Ana Sousa
    unit: "%"
    direction: higher
    target: 2.5
    thresholds: {green: 2.5, amber: 2.2}
    formula: orders / sessions * 100
    cadence: weekly
    catalog_id: online-conversion-rate
    decision: Two weeks below amber, e-commerce freezes checkout changes and reviews the funnel step by step

  - id: monthly-revenue
    name: Monthly revenue
    description: The $120M annual goal broken down into months ($120M / 12 = $10M)
    team: leadership
    owner: Maya Lindqvist
    unit: USD
    direction: higher
    target: $10M
    thresholds: {green: $10M, amber: $9M}
    formula: sum of order value net of refunds, per calendar month
    cadence: monthly
    catalog_id: monthly-revenue
    decision: Below amber, the leadership team reviews the promotion calendar and the stock of the top 50 products

  - id: first-response-time
    name: First response time
    description: Median time from a customer's first message to the first human reply
    team: customer-support
    owner: Priya Nair
    unit: hours
    direction: lower
    target: 4
    thresholds: {green: 4, amber: 8}
    formula: median(first reply time - ticket created time), email and chat
    cadence: daily
    catalog_id: first-response-time
    decision: Above amber for a week, staff from marketing and operations join the support rota

  - id: return-rate
    name: Return rate
    description: Share of shipped orders with at least one item returned
    team: operations
    owner: Tomasz Nowak
    unit: "%"
    direction: lower
    target: 6
    thresholds: {green: 6, amber: 8}
    formula: orders with a return / orders shipped * 100
    cadence: weekly
    catalog_id: return-rate
    decision: Above amber, the five most-returned products get their pages and packaging reviewed

  - id: repeat-purchase-rate
    name: Repeat purchase rate
    description: Share of first-time buyers who order again within 60 days
    team: marketing
    owner: Lea Hoffmann
    unit: "%"
    direction: higher
    target: 24
    thresholds: {green: 24, amber: 20}
    formula: second orders within 60 days / first orders * 100
    cadence: monthly
    catalog_id: repeat-purchase-rate
    decision: Below amber, the second-order email journey gets a review and a new A/B test

  - id: average-order-value
    name: Average order value
    description: Mean value of an order after discounts
    team: ecommerce
    owner: Ana Sousa
    unit: USD
    direction: higher
    target: 60
    thresholds: {green: 60, amber: 55}
    formula: revenue / orders
    cadence: weekly
    catalog_id: average-order-value
    decision: Below amber, the bundle offers and the free-shipping threshold are reviewed

  - id: on-time-dispatch
    name: Orders dispatched within 24 hours
    description: Share of paid orders that leave the warehouse within a day
    team: operations
    owner: Tomasz Nowak
    unit: "%"
    direction: higher
    target: 97
    thresholds: {green: 97, amber: 92}
    formula: orders dispatched within 24 hours of payment / orders paid * 100
    cadence: daily
    catalog_id: on-time-delivery
    decision: Below amber for two days, temporary pickers are booked for the rest of the week

  - id: csat
    name: Customer satisfaction (post-contact survey)
    description: Where "keep CSAT above 80%" belongs, as a watched level rather than an OKR
    team: customer-support
    owner: Priya Nair
    unit: "%"
    direction: higher
    target: 85
    thresholds: {green: 85, amber: 80}
    formula: satisfied responses / all responses * 100
    cadence: weekly
    catalog_id: customer-satisfaction-transactional
    decision: Below amber, team leads review every low-rated conversation of the week with the agent

  # FLAW: vanity-metric, missing-kpi-target, missing-kpi-owner, undefined-kpi (KPI hygiene): a
  # cumulative follower count with no decision attached, and no owner, formula or target.
  - id: instagram-followers
    name: Instagram followers
    team: marketing
    unit: followers
    cadence: monthly
    catalog_id: social-media-followers
"""

GREENCYCLE_README = """\
# GreenCycle: the course's sample company

GreenCycle is an online shop for sustainable household products: refill packs, reusable
kitchenware and recycled-paper goods. It is the running example of the okrcoach course and
the plan that the "start here" notebook loads:

```python
import okrcoach

plan = okrcoach.load_sample("greencycle")  # this folder's okrs.yaml
```

The company is invented. Its numbers follow the seed articles the kit grew from: the site
conversion rate moves from 2% to 2.5% in a quarter, and an annual revenue goal of
$120M becomes a monthly revenue KPI of $10M.

## What is in the plan

| part | content |
|---|---|
| cycle | 2026-Q1 |
| strategy | a mission, a vision and four pillars: `grow-online-sales`, `loyal-customers`, `effortless-service`, `responsible-operations` |
| teams | leadership, marketing, ecommerce, customer-support, operations (each with an owner; the last four report to leadership) |
| objectives | 3 company objectives (`C1`-`C3`) and 2-3 per team (`MKT1`-`MKT3`, `ECOM1`-`ECOM2`, `CS1`-`CS2`, `OPS1`-`OPS3`), each aligned to a pillar or a company objective; some are `committed` |
| key results | mostly plain sentences, plus a few written as mappings with `metric`, `baseline`, `target`, `deadline`, `owner` and `kpi` |
| KPIs | conversion rate, monthly revenue, first response time, return rate, repeat purchase rate, average order value, on-time dispatch, CSAT, and one vanity metric |
| suppression | `OPS3` switches off `output-not-outcome` with a reason, to show the `ignore:` form |

## Deliberate flaws

The plan was written to be coached. It loads without errors (a loader error stops a learner
before the interesting part), but it holds the mistakes that the seed articles and the
methodology describe. Each one is marked in `okrs.yaml` with a `# FLAW: <rule>` comment.

| where | what is written | rule that should flag it | why it is a problem |
|---|---|---|---|
| `C2` KR 2 | Raise Net Promoter Score from 38 to 50 | lagging-indicator | NPS moves a quarter or two after the work; at the end of Q1 nobody can tell whether the work paid off |
| `MKT1` title | Grow our community of green shoppers by 20% | objective-has-metric | the number is a target and belongs in a key result; the objective should say why it matters |
| `MKT1` KR 2 | Partner with 5 eco-friendly influencers ... increase brand awareness by 15% within the next 3 months | output-not-outcome, lagging-indicator | partnering is an activity, and brand awareness lags by several quarters (the seed article's own example) |
| `MKT2` KR 1 | Launch a loyalty program | output-not-outcome | a launch is a deliverable: measure what changes for customers once it exists |
| `MKT2` KR 2 | Enroll 20% of active customers in the loyalty program ... | missing-baseline | a target with no starting point cannot show progress |
| `MKT3` KR 1 | Increase aided brand awareness from 12% to 18% | lagging-indicator | awareness surveys move over quarters; visits, returning visitors or shares move within weeks |
| `MKT3` KR 2 | Strengthen our brand voice across social media | vague-target | no number and no state anyone could verify |
| `ECOM1` | six key results | too-many-key-results | more than five key results dilute focus (2-5 is the usual advice) |
| `ECOM1` KR 1 | Improve the checkout experience | vague-target | "improve" with no metric, baseline or target |
| `ECOM1` KR 6 | Ship the new product filters | output-not-outcome | a release is a task, not a result for shoppers |
| `ECOM2` | one key result | too-few-key-results | a single view of success; add a quality or leading measure |
| `CS2` KR 1 | Maintain customer satisfaction score above 80% | kpi-as-okr, lagging-indicator | holding a level steady is a KPI with a threshold (see the `csat` KPI), not an OKR; and a satisfaction score lags the work |
| `CS2` KR 2 | Raise quarterly CSAT survey score from 78% to 85% | lagging-indicator | a relationship survey lags the work by a quarter or more |
| `CS2` KR 3 | Raise first-contact resolution from 61% to 75% | duplicate-key-result | the same key result as `C3`; share it through `aligns_to` instead of copying it |
| `OPS1` | no `owner` | missing-owner | every other objective names one accountable owner |
| `OPS2` | `aligns_to: sustainability-leadership` | misaligned-objective | no pillar or objective has that id |
| `C1` KR 1 (with history) | Raise site conversion rate from 2% to 2.5% by the end of March | unambitious-target | the 2% baseline is out of date: the trend reaches 2.5% by March anyway (see below) |
| `CS1` KR 1 (with history) | Reduce median first response time on email from 12 hours to 4 hours | unrealistic-target | 8 hours in one quarter, when the KPI has never moved 2 hours in one (see below) |
| KPI `instagram-followers` | a follower count with no owner, formula or target | vanity-metric, missing-kpi-target, missing-kpi-owner, undefined-kpi (KPI hygiene) | a cumulative total with no decision attached, and nobody accountable for it |

Everything not in this table is meant to be a reasonable example. If a check flags something
else, either the check or this file needs a second look.

## KPIs and their history

Every KPI names its entry in the okrcoach KPI catalog (`catalog_id`) and, apart from the vanity
metric, the decision it informs when it leaves green (`decision`).

| KPI | team | unit | cadence | catalog entry | type |
|---|---|---|---|---|---|
| `conversion-rate` Site conversion rate | ecommerce | % | weekly | `online-conversion-rate` | leading |
| `monthly-revenue` Monthly revenue | leadership | USD | monthly | `monthly-revenue` | leading |
| `first-response-time` First response time | customer-support | hours | daily | `first-response-time` | leading |
| `return-rate` Return rate | operations | % | weekly | `return-rate` | leading |
| `repeat-purchase-rate` Repeat purchase rate | marketing | % | monthly | `repeat-purchase-rate` | leading |
| `average-order-value` Average order value | ecommerce | USD | weekly | `average-order-value` | leading |
| `on-time-dispatch` Orders dispatched within 24 hours | operations | % | daily | `on-time-delivery` | leading |
| `csat` Customer satisfaction (post-contact survey) | customer-support | % | weekly | `customer-satisfaction-transactional` | leading |
| `instagram-followers` Instagram followers | marketing | followers | monthly | `social-media-followers` | vanity |

`kpi_history.csv` holds every KPI from January 2023 to December 2025 (twelve quarters, up to
the start of the 2026-Q1 cycle): monthly KPIs dated the first day of the month, weekly ones the
Monday their week starts (daily KPIs are stored as weekly values to keep the file small). It is
generated by `scripts/generate_companies.py` (seed 202601), as trend + seasonality + noise:

- **Trend change, spring 2025: support loses two agents.** Two agents left and were not
  replaced; from March 2025 the first response time climbs from about 9.4 to 12 hours, and the
  post-contact satisfaction score slips from about 81% to 79%.
- **Trend change, May 2025: refill subscriptions.** The new subscriptions lift the 60-day
  repeat purchase rate from about 16.8% to 18.5% over the summer.
- **Seasonality: the e-commerce Q4 peak.** Black Friday in November and Christmas in December
  lift revenue (about +16% and +13%), conversion and order value; the warehouse struggles
  (dispatch within 24 hours drops 4-5 points); gifts come back in January (return rate +1.4
  points), and holiday first-time buyers return less often.
- **Steady trends.** Monthly revenue grows from about $5.3M to $7.45M of underlying trend
  (December 2025: about $8.4M with the Christmas peak, as `C1.KR2` says); conversion creeps up
  from about 1.6% to 2.4% as pages get faster; the follower count only ever grows.
- **Noise.** Gaussian, with a standard deviation suited to each KPI (0.05 points on conversion,
  $90k on monthly revenue, 15 minutes on first response time).

{{history_table}}

## Checking the plan against its history

Four key results are linked to KPIs (`kpi:`). Given the history, as in
`okrcoach check okrs.yaml --history kpi_history.csv`, okrcoach compares each target with the
KPI's straight-line trend over the twelve quarters, projected to 31 March 2026 (T104
`unambitious-target` flags a target the trend reaches anyway, within one standard deviation of
its noise), and with the largest change the KPI has shown within any 92 days (T103
`unrealistic-target` flags a change more than three times that):

{{checks_table}}

Two new findings appear. `C1.KR1`'s 2% baseline is the 2024 average that people remember:
conversion has crept up all along, and the trend alone reaches 2.5% by March, so the key result
asks for business as usual (check a baseline against the data before you write it). `CS1.KR1`
asks the first response time to fall by 8 hours in one quarter, when it has never moved by more
than about 1.7 hours in one: with two agents short, 12 hours to 4 is not a stretch but a miracle.

## Every finding, one row each

With the history, the checks report exactly these findings (`tests/test_companies.py` holds the
two to each other). The table above describes the mistakes; this one lists each finding by the
id of the objective, key result or KPI it is about.

| id | rule | why it is a flaw |
|---|---|---|
| `C1.KR1` | unambitious-target | the baseline is out of date: conversion's trend reaches 2.5% by March anyway |
| `C2.KR2` | lagging-indicator | NPS moves a quarter or two after the work |
| `MKT1` | objective-has-metric | "by 20%" is a target and belongs in a key result |
| `MKT1.KR2` | output-not-outcome | partnering with influencers is an activity |
| `MKT1.KR2` | lagging-indicator | brand awareness lags by several quarters |
| `MKT2.KR1` | output-not-outcome | a launch is a deliverable |
| `MKT2.KR2` | missing-baseline | a target with no starting point |
| `MKT3.KR1` | lagging-indicator | awareness surveys move over quarters |
| `MKT3.KR2` | vague-target | no number and no verifiable state |
| `ECOM1` | too-many-key-results | six key results dilute focus |
| `ECOM1.KR1` | vague-target | "improve" with no metric, baseline or target |
| `ECOM1.KR6` | output-not-outcome | a release is a task |
| `ECOM2` | too-few-key-results | a single view of success |
| `CS1.KR1` | unrealistic-target | 8 hours in one quarter, when first response time has never moved 2 hours in one |
| `CS2.KR1` | kpi-as-okr | holding a level steady belongs on the KPI dashboard |
| `CS2.KR1` | lagging-indicator | a customer satisfaction score is a relationship measure that lags the work |
| `CS2.KR2` | lagging-indicator | a quarterly CSAT survey lags the work by a quarter or more |
| `CS2.KR3` | duplicate-key-result | the same key result as `C3.KR2` |
| `OPS1` | missing-owner | the only objective without an owner |
| `OPS2` | misaligned-objective | `sustainability-leadership` is no pillar or objective |
| `instagram-followers` | missing-kpi-target | no target |
| `instagram-followers` | missing-kpi-owner | no owner |
| `instagram-followers` | undefined-kpi | no formula |
| `instagram-followers` | vanity-metric | a running total with no decision attached |

## What the meaning checks add (preview)

With `semantic-alignment = true` (and the `semantic` extra installed) the alignment checks also
judge each link by meaning: does an objective, with its key results, read like the pillar or
company objective it names, and does each key result read like its objective? These checks are
in preview: on held-out cases 64% of their objective findings and 57% of their key-result
findings were right, and they caught fewer than half of the problems (`docs/accuracy.md`,
Alignment). On this plan they add four findings, all of them false alarms worth
knowing about (`tests/test_companies.py` holds the table to the checks):

| id | meaning rule | flaw or false alarm |
|---|---|---|
| `ECOM2` | misaligned-objective | false alarm: finding the right refill sells more online; "the first time" is what makes it read like `C3` |
| `C2.KR2` | unrelated-key-result | false alarm: NPS does measure a shop people come back to (it is flagged as lagging for another reason) |
| `MKT1.KR3` | unrelated-key-result | false alarm: email click-through grows the community; it also reads like `ECOM1` |
| `OPS2.KR2` | unrelated-key-result | false alarm: every return is a second parcel of packaging, though the key result would be clearer if it said so |
"""


# --- Tallyhive: B2B SaaS -----------------------------------------------------------------------------

TALLYHIVE_OKRS = """\
# Tallyhive: a B2B SaaS sample company for the okrcoach course.
#
# Tallyhive sells accounts-payable automation to mid-sized companies: supplier invoices arrive by
# email, are read, matched to purchase orders and routed for approval without anyone retyping
# them. About 430 customers and $1.52M of monthly recurring revenue at the end of 2025; sales-led,
# with a 40-day sales cycle. This is the plan its leadership team and three teams drafted for Q1 2026.
#
# Most goals are written the way a coach would want them, so there are good examples to copy.
# The deliberate mistakes are marked with a comment that starts "# FLAW: <rule name>"; README.md
# lists them. kpi_history.csv holds three years of KPI history for the history-based checks:
#
#   okrcoach check okrs.yaml --history kpi_history.csv
#
# Generated by scripts/generate_companies.py: edit the template there, then run the script.

organisation: Tallyhive
cycle: 2026-Q1

strategy:
  mission: Give every finance team its month-end back
  vision: No supplier invoice is ever typed in by hand
  pillars:
    - id: efficient-growth
      title: Grow efficiently in the mid-market
      description: Win finance teams at companies of 200-2,000 people without buying growth through discounts
    - id: fast-time-to-value
      title: Value in weeks, not months
      description: New customers approve their first invoices in Tallyhive within a month of signing
    - id: enterprise-ready
      title: Ready for larger customers
      description: Security, single sign-on and reliability that pass an enterprise security review
    - id: customers-expand
      title: Customers stay and expand
      description: Customers use more of the product every quarter and add entities and modules

teams:
  - id: leadership
    name: Leadership team
    owner: Elena Marsh
  - id: sales
    name: Sales
    parent: leadership
    owner: Marcus Webb
  - id: customer-success
    name: Customer success
    parent: leadership
    owner: Aisha Rahman
  - id: product-engineering
    name: Product and engineering
    parent: leadership
    owner: Kenji Sato

objectives:
  # Company objectives: one per pillar the leadership team wants to move this quarter.
  - id: C1
    title: Win mid-market finance teams without buying growth through discounts
    team: leadership
    owner: Elena Marsh
    aligns_to: efficient-growth
    key_results:
      # FLAW: unambitious-target: MRR has kept growing since mid-2025, only more slowly; its trend
      # reaches this target by March without any extra effort (see README.md for the numbers).
      - title: Grow monthly recurring revenue from $1.52M to $1.56M by the end of March
        kpi: mrr
      - Win 40 new customers in the quarter, up from 31 in Q4 2025
      - Cut the average discount on new deals from 18% to 12%

  - id: C2
    title: Get every new customer to value within their first month
    team: leadership
    owner: Elena Marsh
    aligns_to: fast-time-to-value
    key_results:
      - title: Cut median days from contract signature to first approved invoice from 41 to 32
        metric: days from contract signature to first approved invoice
        baseline: 41
        target: 32
        direction: decrease
        kpi: time-to-value
      - Raise the share of new customers with their ERP connected in week one from 35% to 60%

  - id: C3
    title: Pass enterprise security reviews the first time
    team: leadership
    owner: Elena Marsh
    aligns_to: enterprise-ready
    key_results:
      - Raise enterprise security reviews passed without follow-up questions from 40% to 75%
      - Shorten the median enterprise security review from 45 days to 20 days

  # Sales
  - id: SLS1
    title: Build a pipeline the quarter can rely on
    team: sales
    owner: Marcus Webb
    aligns_to: C1
    key_results:
      - title: Raise qualified pipeline created per month from $1.1M to $1.4M
        kpi: pipeline-created
      - Cut the share of opportunities lost to "no decision" from 34% to 20%
      - "Demo requests answered within 1 business hour: 62% -> 90%"

  - id: SLS2
    title: Win the deals we should win
    team: sales
    owner: Marcus Webb
    aligns_to: [efficient-growth, C1]
    key_results:
      # FLAW: unrealistic-target: win rate has never moved more than about 3 points in a quarter;
      # 19 points in one quarter is a miracle, not a stretch.
      - title: Raise win rate on qualified opportunities from 21% to 40%
        kpi: win-rate
      - Raise deals with a mutual close plan signed by the buyer from 25% to 60%

  # Customer success
  - id: CS1
    title: Help every customer get more out of Tallyhive each quarter
    team: customer-success
    owner: Aisha Rahman
    aligns_to: customers-expand
    key_results:
      # FLAW: lagging-indicator: net revenue retention is a trailing twelve-month figure; work done
      # this quarter shows in it two or three quarters later.
      - Raise net revenue retention from 104% to 110%
      - Raise healthy accounts (health score 70+) from 58% to 70% of the customer base
      # FLAW: vague-target: the numbers were never filled in; nobody can grade "from $X to $Y".
      - Grow expansion revenue from $X to $Y per month

  - id: CS2
    title: Make onboarding fast and predictable
    team: customer-success
    owner: Aisha Rahman
    aligns_to: C2
    key_results:
      # FLAW: duplicate-key-result: copied word for word from C2; align to C2 instead of copying it.
      - Cut median days from contract signature to first approved invoice from 41 to 32
      - Raise onboarding projects finished within 30 days from 44% to 70%

  # Product and engineering
  - id: PE1
    title: Make invoices flow through without a human touch
    team: product-engineering
    owner: Kenji Sato
    aligns_to: fast-time-to-value
    key_results:
      - Raise the touchless invoice rate from 38% to 50%
      - Cut median invoice processing time from 26 hours to 12 hours
      - Raise purchase-order matching accuracy from 91% to 96%

  - id: PE2
    title: Give enterprise security teams nothing to object to
    team: product-engineering
    owner: Kenji Sato
    aligns_to: C3
    key_results:
      # FLAW: output-not-outcome: a state of delivery ("is live"); what changes for customers is
      # measured by C3's security-review pass rate.
      - SSO is live for all enterprise tenants
      - Cut open critical and high penetration-test findings from 14 to 0
      - title: Raise monthly platform availability from 99.62% to 99.9%
        kpi: availability

  # FLAW: misaligned-objective: no aligns_to. Paying down debt may be worth it, but nothing says
  # which pillar or company objective it serves.
  - id: PE3
    title: Pay down the reporting module's technical debt
    team: product-engineering
    owner: Kenji Sato
    key_results:
      - Cut p95 load time of the accounts-payable ageing report from 9 s to 3 s
      - Reduce open reporting bugs from 140 to 40

kpis:
  - id: mrr
    name: Monthly recurring revenue
    description: Subscription revenue billed for the month, without one-off implementation fees
    team: leadership
    owner: Elena Marsh
    unit: USD
    direction: higher
    target: $1.6M
    thresholds: {green: $1.6M, amber: $1.5M}
    formula: sum of active subscriptions' monthly fees on the last day of the month
    cadence: monthly
    catalog_id: monthly-recurring-revenue
    decision: Below amber for two months in a row, the leadership team reviews pipeline and pricing at the monthly business review

  - id: time-to-value
    name: Days to first approved invoice
    description: How long a new customer takes to approve its first invoice in Tallyhive
    team: leadership
    owner: Elena Marsh
    unit: days
    direction: lower
    target: 30
    thresholds: {green: 30, amber: 40}
    formula: median days from contract signature to the first invoice approved in the product, customers signed in the month
    cadence: monthly
    catalog_id: time-to-value
    decision: Above amber, customer success reviews every onboarding older than 30 days that week

  - id: pipeline-created
    name: Qualified pipeline created
    description: Value of new opportunities that passed qualification in the month
    team: sales
    owner: Marcus Webb
    unit: USD
    direction: higher
    target: $1.4M
    thresholds: {green: $1.4M, amber: $1.1M}
    formula: sum of first-year contract value of opportunities qualified in the month
    cadence: monthly
    catalog_id: pipeline-created
    decision: Below amber at mid-month, marketing and sales agree extra outbound focus for the rest of the month

  - id: win-rate
    name: Win rate
    description: Share of qualified opportunities closed in the month that were won
    team: sales
    owner: Marcus Webb
    unit: "%"
    direction: higher
    target: 25
    thresholds: {green: 25, amber: 20}
    formula: opportunities closed-won / opportunities closed (won or lost) * 100, by close month
    cadence: monthly
    catalog_id: win-rate
    decision: Below amber, sales leadership runs loss reviews on every lost deal over $30k

  # FLAW: missing-kpi-owner: nobody is named, so nobody acts when deals slow down.
  - id: sales-cycle-length
    name: Sales cycle length
    description: How long a qualified opportunity takes to close
    team: sales
    unit: days
    direction: lower
    target: 40
    thresholds: {green: 40, amber: 50}
    formula: median days from qualification to close, opportunities closed in the month
    cadence: monthly
    catalog_id: sales-cycle-length

  # FLAW: no-leading-kpi: customer success watches only lagging KPIs (churn and net revenue
  # retention); a health score or product usage would warn them months earlier.
  - id: logo-churn
    name: Monthly logo churn
    description: Share of customers who cancelled in the month
    team: customer-success
    owner: Aisha Rahman
    unit: "%"
    direction: lower
    target: 1.2
    thresholds: {green: 1.2, amber: 1.6}
    formula: customers whose subscription ended in the month / customers at the start of the month * 100
    cadence: monthly
    catalog_id: customer-churn-rate
    decision: Above amber, customer success reviews every cancellation with the account team

  - id: nrr
    name: Net revenue retention
    description: Recurring revenue kept and expanded from customers of a year ago
    team: customer-success
    owner: Aisha Rahman
    unit: "%"
    direction: higher
    target: 110
    thresholds: {green: 110, amber: 103}
    formula: MRR today from customers active 12 months ago / their MRR 12 months ago * 100
    cadence: monthly
    catalog_id: net-revenue-retention
    decision: Below amber, the leadership team reviews pricing and packaging of expansion modules

  - id: availability
    name: Platform availability
    description: Share of the month the invoice inbox, approval flow and API were up
    team: product-engineering
    owner: Kenji Sato
    unit: "%"
    direction: higher
    target: 99.9
    thresholds: {green: 99.9, amber: 99.5}
    formula: minutes without a customer-facing outage / minutes in the month * 100
    cadence: monthly
    catalog_id: service-availability
    decision: Below amber, the next sprint goes to reliability work before new features

  - id: weekly-active-approvers
    name: Weekly active approvers
    description: People who approved or rejected at least one invoice in the week
    team: product-engineering
    owner: Kenji Sato
    unit: users
    direction: higher
    target: 6000
    thresholds: {green: 6000, amber: 5000}
    formula: distinct users with at least one approval decision in the ISO week
    cadence: weekly
    catalog_id: weekly-active-users
    decision: A fall of 10% or more from the four-week average opens an investigation of the approval flow

  # FLAW: vanity-metric: a running total that only goes up and informs no decision.
  - id: registered-users
    name: Total registered users
    description: Every user account ever created, across all customers
    team: product-engineering
    owner: Kenji Sato
    unit: users
    direction: higher
    target: 60000
    thresholds: {green: 60000, amber: 50000}
    formula: count of user accounts created since launch, including deactivated ones
    cadence: monthly
    catalog_id: registered-users
"""

TALLYHIVE_README = """\
# Tallyhive: a B2B SaaS sample company

Tallyhive sells accounts-payable automation to mid-sized companies (200 to 2,000 people):
supplier invoices arrive by email, are read, matched to purchase orders and routed for approval
without anyone retyping them. At the end of 2025 it has about 430 customers and $1.52M of
monthly recurring revenue; it sells through a sales team, with deals that take about six weeks
to close. The company is invented; its plan is the kind a SaaS leadership team drafts in its
second year of OKRs: mostly sound, with the mistakes such teams still make.

```python
import okrcoach

plan = okrcoach.load_sample("tallyhive")
history = okrcoach.load_history("datasets/companies/tallyhive/kpi_history.csv")
report = okrcoach.check(plan, history=history)
```

or, from the command line, `okrcoach check okrs.yaml --history kpi_history.csv` in this folder.

## Strategy

**Mission:** give every finance team its month-end back. **Vision:** no supplier invoice is
ever typed in by hand.

| pillar | title | what it means |
|---|---|---|
| `efficient-growth` | Grow efficiently in the mid-market | win finance teams without buying growth through discounts |
| `fast-time-to-value` | Value in weeks, not months | new customers approve their first invoices within a month of signing |
| `enterprise-ready` | Ready for larger customers | security, single sign-on and reliability that pass an enterprise security review |
| `customers-expand` | Customers stay and expand | customers use more of the product every quarter |

## Teams and objectives (cycle 2026-Q1)

| team | owner | objectives |
|---|---|---|
| `leadership` (company level) | Elena Marsh, CEO | `C1` win mid-market teams without discounting, `C2` value within the first month, `C3` pass enterprise security reviews first time |
| `sales` | Marcus Webb | `SLS1` a pipeline the quarter can rely on, `SLS2` win the deals we should win |
| `customer-success` | Aisha Rahman | `CS1` customers get more out of Tallyhive, `CS2` fast and predictable onboarding |
| `product-engineering` | Kenji Sato | `PE1` invoices flow through without a human touch, `PE2` nothing for security teams to object to, `PE3` reporting technical debt |

Every objective names its owner and aligns to a pillar or a company objective (except one, on
purpose). Key results are written as plain sentences, the way teams write them; the five that
move a KPI are written as mappings with `kpi:` so the history-based checks can judge their targets.
Look at `C2`, `SLS1` and `PE1` for key results worth copying: each names a metric, where it
stands today and where it should be by the end of March.

## KPIs

| KPI | team | unit | cadence | catalog entry | type |
|---|---|---|---|---|---|
| `mrr` Monthly recurring revenue | leadership | USD | monthly | `monthly-recurring-revenue` | leading |
| `time-to-value` Days to first approved invoice | leadership | days | monthly | `time-to-value` | leading |
| `pipeline-created` Qualified pipeline created | sales | USD | monthly | `pipeline-created` | leading |
| `win-rate` Win rate | sales | % | monthly | `win-rate` | leading |
| `sales-cycle-length` Sales cycle length | sales | days | monthly | `sales-cycle-length` | leading |
| `logo-churn` Monthly logo churn | customer-success | % | monthly | `customer-churn-rate` | lagging |
| `nrr` Net revenue retention | customer-success | % | monthly | `net-revenue-retention` | lagging |
| `availability` Platform availability | product-engineering | % | monthly | `service-availability` | leading |
| `weekly-active-approvers` Weekly active approvers | product-engineering | users | weekly | `weekly-active-users` | leading |
| `registered-users` Total registered users | product-engineering | users | monthly | `registered-users` | leading (vanity) |

Each KPI has a team, an owner, a unit, a direction, a target with green/amber thresholds, a
formula, a cadence, its catalog entry and the decision it informs, except where a flaw below
says otherwise.

## KPI history

`kpi_history.csv` holds every KPI from January 2023 to December 2025 (twelve quarters, up to
the start of the 2026-Q1 cycle): monthly KPIs dated the first day of the month, weekly ones the
Monday their week starts. It is generated by `scripts/generate_companies.py` (seed 202602), as
trend + seasonality + noise:

- **Trend change, July 2025.** A larger competitor started bundling AP automation free with its
  ERP. Monthly recurring revenue grew about 1.5% a month until June 2025 and about 0.8% a month
  since; logo churn rose from about 1.15% to 1.55% a month, net revenue retention fell from
  about 106% to 104%, the win rate slipped from about 22.5% to 20.3% and the sales cycle
  lengthened from 41 to 46 days.
- **Seasonality.** B2B end-of-quarter effects: deals close in the last month of each quarter
  (win rate up a point, a small bump in MRR), while reps prospect less then (pipeline created
  10-12% lower, and higher in the first month of the quarter). Onboarding slows in December,
  January and August; approvals dip in August and collapse in the Christmas week.
- **Events.** Two outages: a database failover in March 2024 and an email-ingestion outage in
  February 2025 (availability about 0.45 and 0.3 points lower those months).
- **Steady trends.** Days to first approved invoice fell from about 52 to 41 as onboarding
  improved; weekly active approvers grew from about 3,100 to 5,250; the registered-user total
  only ever grows, which is what makes it a vanity metric.
- **Noise.** Gaussian, with a standard deviation suited to each KPI (about $3k on MRR, 0.7
  points on win rate, 60 users on weekly approvers).

{{history_table}}

## Checking the targets against the history

Five key results are linked to KPIs. With the history, okrcoach compares each target with the
KPI's straight-line trend over the twelve quarters, projected to 31 March 2026 (flagging a
target the trend reaches anyway, within one standard deviation of its noise: T104
`unambitious-target`), and with the largest change the KPI has shown within any 92 days
(flagging a change more than three times that: T103 `unrealistic-target`):

{{checks_table}}

Growth has slowed, but even the slower pace reaches about $1.56M by March: `C1.KR1` asks for
no more than the market already gives. The win rate has never moved more than a few points in
a quarter, so 21% to 40% in one quarter (`SLS2.KR1`) is a miracle, not a stretch.

## Deliberate flaws

Each one is marked in `okrs.yaml` with a `# FLAW: <rule>` comment. With the history, the
checks report exactly these findings (`tests/test_companies.py` holds the two to each other);
everything else in the plan is meant as a good example.

| id | rule | why it is a flaw |
|---|---|---|
| `C1.KR1` | unambitious-target | the MRR trend reaches $1.56M by March without extra effort: a 1.0 for business as usual |
| `SLS2.KR1` | unrealistic-target | 19 points of win rate in one quarter, when it has never moved more than about 3 points in one; stage it, or call it aspirational |
| `CS1.KR1` | lagging-indicator | net revenue retention is a trailing twelve-month figure: this quarter's work shows in it two or three quarters later; measure health scores or expansion pipeline instead |
| `CS1.KR3` | vague-target | "from $X to $Y": the placeholders were never filled in, so nobody can grade it |
| `CS2.KR1` | duplicate-key-result | copied word for word from `C2.KR1`; align `CS2` to `C2` instead of copying its key result |
| `PE2.KR1` | output-not-outcome | "SSO is live for all enterprise tenants" is a delivery state; what changes for customers is the security-review pass rate in `C3` |
| `PE3` | misaligned-objective | no `aligns_to`: the debt may be worth paying, but nothing says which pillar or company objective it serves |
| `sales-cycle-length` | missing-kpi-owner | nobody is named, so nobody acts when deals slow down (and they have, since mid-2025) |
| `logo-churn` | no-leading-kpi | customer success watches only lagging KPIs (churn and net revenue retention); a health score or usage trend would warn months earlier |
| `registered-users` | vanity-metric | a running total that only goes up and informs no decision |

## What the meaning checks add (preview)

With `semantic-alignment = true` (and the `semantic` extra installed) the alignment checks also
judge each link by meaning: does an objective, with its key results, read like the pillar or
company objective it names, and does each key result read like its objective? These checks are
in preview: on held-out cases 64% of their objective findings and 57% of their key-result
findings were right, and they caught fewer than half of the problems (`docs/accuracy.md`,
Alignment). On this plan they add nothing: every link reads like what it names.
"""


# --- Riverton City Council: a public-service contact centre -------------------------------------------

RIVERTON_OKRS = """\
# Riverton City Council, Customer Services: a public-service sample for the okrcoach course.
#
# Riverton is a mid-sized city council (about 240,000 residents). Customer Services runs the
# contact centre (phone, web chat, email), the council's online forms, and the front door for
# housing repairs and highways reports. Demand peaks in winter (heating and damp repairs,
# potholes after frost) and when council tax bills go out in March. In April 2025 a budget
# saving removed 12 contact-centre posts, and answer times have not recovered since.
#
# Most goals are written the way a coach would want them, so there are good examples to copy.
# The deliberate mistakes are marked with a comment that starts "# FLAW: <rule name>"; README.md
# lists them. kpi_history.csv holds three years of KPI history for the history-based checks:
#
#   okrcoach check okrs.yaml --history kpi_history.csv
#
# Generated by scripts/generate_companies.py: edit the template there, then run the script.

organisation: Riverton City Council
cycle: 2026-Q1

strategy:
  mission: Help every resident get what they need from the council, first time, in the way that suits them
  pillars:
    - id: right-first-time
      title: Sort it first time
      description: Requests are resolved at the first contact, and nobody has to chase us
    - id: digital-by-choice
      title: Online by choice, a person when it matters
      description: Simple requests move online so that phone time goes to residents who need a person
    - id: safe-homes-streets
      title: Safe homes and streets
      description: Council homes are repaired on time, and roads and street lights are fixed quickly
    - id: value-for-money
      title: Value for money
      description: Less money spent on avoidable contact and on putting things right twice

teams:
  - id: leadership
    name: Customer services leadership team
    owner: Sarah Whitfield
  - id: contact-centre
    name: Contact centre
    parent: leadership
    owner: Gareth Evans
  - id: digital
    name: Digital services
    parent: leadership
    owner: Nadia Haddad
  - id: repairs
    name: Housing repairs
    parent: leadership
    owner: Tom Fairbairn
  - id: streets
    name: Highways and street lighting
    parent: leadership
    owner: Olu Adeyemi

objectives:
  # Service-wide objectives, set by the customer services leadership team.
  - id: C1
    title: Residents get their issue sorted on the first contact
    team: leadership
    owner: Sarah Whitfield
    aligns_to: right-first-time
    key_results:
      # FLAW: unrealistic-target: first-contact resolution has moved at most a few points in any
      # quarter of the last three years; 22 points in one quarter is a benchmark from another
      # sector, not a plan.
      - title: Raise first-contact resolution from 68% to 90%
        kpi: first-contact-resolution
      - Cut repeat calls about the same request within 14 days from 19% to 12%
      # FLAW: lagging-indicator: the residents' panel is surveyed once a quarter and moves months
      # after the service does.
      - Raise resident satisfaction with council services (quarterly residents' panel) from 61% to 70%

  - id: C2
    title: Make online the easiest way to deal with the council
    team: leadership
    owner: Sarah Whitfield
    aligns_to: digital-by-choice
    key_results:
      # FLAW: unambitious-target: online take-up has climbed steadily since the new forms went live
      # in September 2024; the trend reaches this target by March on its own.
      - title: Raise the share of requests made online from 52% to 54%
        kpi: digital-take-up
      - Cut avoidable calls ("where is my ...?" chasers) from 31% to 20% of call volume

  - id: C3
    title: Get council homes and streets repaired fast through the winter peak
    team: leadership
    owner: Sarah Whitfield
    aligns_to: safe-homes-streets
    key_results:
      - Complete 90% of emergency housing repairs within 24 hours, up from 81%
      - Make 85% of dangerous potholes safe within 2 working days, up from 64%

  # Contact centre
  - id: CC1
    title: Answer residents promptly, even in the winter peak
    team: contact-centre
    owner: Gareth Evans
    aligns_to: [right-first-time, C1]
    # FLAW: too-many-key-results: six key results; the last three are useful, but they belong in a
    # backlog or on the KPI dashboard.
    key_results:
      - title: Cut average speed of answer from 9.5 minutes to 6 minutes
        kpi: average-speed-of-answer
      - Cut call abandonment from 17% to 10%
      - Answer 80% of calls to the emergency repairs line within 60 seconds, up from 71%
      - Raise callers waiting over 10 minutes who are offered a call-back from 35% to 95%
      - Cut average handle time on council tax calls from 8.2 minutes to 7 minutes
      - Reduce complaints about waiting on the phone from 140 to 60 a month

  - id: CC2
    title: Resolve council tax and benefits queries in one call
    team: contact-centre
    owner: Gareth Evans
    aligns_to: C1
    key_results:
      - Raise first-contact resolution on council tax calls from 61% to 72%
      # FLAW: kpi-as-okr: holding a level is a KPI threshold, not a change to work on this quarter.
      - Keep transfers to back-office teams below 15% of calls
      - Cut the council tax query backlog from 2,300 to 600 cases

  # Digital services
  - id: DG1
    title: Make our most-used online forms easy enough that nobody needs to call
    team: digital
    owner: Nadia Haddad
    aligns_to: C2
    key_results:
      - title: Raise completion of the missed-bin, pothole and repair forms from 63% to 80%
        kpi: online-form-completion
      - Cut calls that follow a failed online form from 4,100 to 2,000 a month

  # FLAW: objective-has-metric: "25%" is a target; put it in a key result and say why it matters.
  - id: DG2
    title: Move 25% of council tax calls online by March
    team: digital
    owner: Nadia Haddad
    aligns_to: [digital-by-choice, value-for-money]
    key_results:
      - Raise council tax direct-debit changes made online from 38% to 60%
      - Cut council tax calls from 9,800 to 7,400 a month

  # Housing repairs
  - id: RP1
    title: Fix council homes right, on the first visit
    team: repairs
    owner: Tom Fairbairn
    aligns_to: C3
    key_results:
      - title: Raise routine repairs completed on time from 76% to 85%
        kpi: repairs-on-time
      - Raise repairs fixed on the first visit from 72% to 82%

  - id: RP2
    title: Make damp and mould a problem we fix before residents have to chase it
    team: repairs
    owner: Tom Fairbairn
    # FLAW: misaligned-objective: 'net-zero-homes' was a pillar of last year's strategy; it is not
    # in this plan, so the objective ladders up to nothing.
    aligns_to: net-zero-homes
    key_results:
      - Cut open damp and mould cases older than 28 days from 212 to 50
      - Raise damp and mould reports inspected within 10 working days from 58% to 95%

  # Highways and street lighting
  - id: ST1
    title: Repair winter damage to roads and street lights quickly
    team: streets
    # FLAW: missing-owner: every other objective names one accountable person.
    # FLAW (meaning check, preview): misaligned-objective: road and street-light repairs serve
    # 'Safe homes and streets' (through C3), not 'Online by choice': the link was picked from the
    # wrong line of the drop-down.
    aligns_to: digital-by-choice
    key_results:
      - title: Cut median days to repair a reported pothole from 11 to 6
        kpi: pothole-repair-time
      - Raise street lights fixed within 7 days from 74% to 90%

  - id: ST2
    title: Tell residents what is happening with their report
    team: streets
    owner: Olu Adeyemi
    aligns_to: right-first-time
    key_results:
      - Raise reports with a status update sent within 2 working days from 22% to 80%
      - Cut calls chasing highways reports from 1,900 to 800 a month

kpis:
  - id: resident-satisfaction
    name: Resident satisfaction
    description: Residents' panel members satisfied with council services overall
    team: leadership
    owner: Sarah Whitfield
    unit: "%"
    direction: higher
    target: 70
    thresholds: {green: 70, amber: 60}
    formula: panel members answering satisfied or very satisfied / all panel answers * 100
    cadence: quarterly
    catalog_id: citizen-satisfaction-score
    decision: A fall of 3 points or more goes to the council's cabinet with the comments behind it

  # FLAW: undefined-kpi: no formula; 'response' could mean an acknowledgement or a full answer,
  # in calendar or working days.
  - id: complaint-response-time
    name: Complaint response time
    team: leadership
    owner: Sarah Whitfield
    unit: days
    direction: lower
    target: 10
    thresholds: {green: 10, amber: 15}
    cadence: weekly
    catalog_id: complaint-response-time
    decision: Above amber, complaints older than 10 days are reviewed by a service manager every Monday

  - id: average-speed-of-answer
    name: Average speed of answer
    description: How long a caller waits in the queue before a person answers
    team: contact-centre
    owner: Gareth Evans
    unit: minutes
    direction: lower
    target: 5
    thresholds: {green: 5, amber: 8}
    formula: mean minutes from joining the queue to being answered, calls answered in the week
    cadence: weekly
    catalog_id: average-speed-of-answer
    decision: Above amber for two weeks, back-office staff trained on council tax join the phones

  - id: call-abandonment
    name: Call abandonment rate
    description: Share of callers who hang up before a person answers
    team: contact-centre
    owner: Gareth Evans
    unit: "%"
    direction: lower
    target: 8
    thresholds: {green: 8, amber: 12}
    formula: calls abandoned after 10 seconds in the queue / calls offered * 100
    cadence: weekly
    catalog_id: call-abandonment-rate
    decision: Above amber, call-backs are offered from the fifth minute instead of the tenth

  - id: first-contact-resolution
    name: First-contact resolution
    description: Share of enquiries resolved without a second contact within 14 days
    team: contact-centre
    owner: Gareth Evans
    unit: "%"
    direction: higher
    target: 75
    thresholds: {green: 75, amber: 65}
    formula: enquiries with no repeat contact about the same request within 14 days / enquiries * 100
    cadence: monthly
    catalog_id: first-contact-resolution-rate
    decision: Below amber, the top three reasons for repeat contact go to the service teams that month

  - id: digital-take-up
    name: Online take-up
    description: Share of service requests residents made online rather than by phone or in person
    team: digital
    owner: Nadia Haddad
    unit: "%"
    direction: higher
    target: 60
    thresholds: {green: 60, amber: 50}
    formula: requests made through online forms / requests through all channels * 100
    cadence: monthly
    catalog_id: digital-take-up-rate
    decision: A service whose online share falls two months running gets a usability test of its form

  - id: online-form-completion
    name: Online form completion rate
    description: Share of started online forms that residents submit
    team: digital
    owner: Nadia Haddad
    unit: "%"
    direction: higher
    target: 80
    thresholds: {green: 80, amber: 65}
    formula: forms submitted / forms started * 100, the missed-bin, pothole and repair forms
    cadence: weekly
    catalog_id: digital-service-completion-rate
    decision: A form below amber for a week is reviewed against its drop-off page that sprint

  - id: repairs-on-time
    name: Routine repairs completed on time
    description: Share of routine council-home repairs finished within the 20 working days promised
    team: repairs
    owner: Tom Fairbairn
    unit: "%"
    direction: higher
    target: 85
    thresholds: {green: 85, amber: 75}
    formula: routine repairs completed within 20 working days / routine repairs completed * 100
    cadence: weekly
    catalog_id: housing-repairs-on-time
    decision: Below amber, overtime is approved for the trades with the oldest jobs

  # FLAW: missing-kpi-target: the repairs backlog is watched, but nobody has said what level is
  # acceptable, so it is never red.
  - id: open-repair-jobs
    name: Open repair jobs
    description: Council-home repair jobs reported and not yet completed
    team: repairs
    owner: Tom Fairbairn
    unit: jobs
    direction: lower
    formula: repair jobs open at the end of the week
    cadence: weekly
    catalog_id: ticket-backlog

  - id: pothole-repair-time
    name: Pothole repair time
    description: How long a reported pothole takes to be repaired
    team: streets
    owner: Olu Adeyemi
    unit: days
    direction: lower
    target: 5
    thresholds: {green: 5, amber: 10}
    formula: median calendar days from report to permanent repair, potholes repaired in the week
    cadence: weekly
    catalog_id: service-request-resolution-time
    decision: Above amber, a second repair gang is moved from planned resurfacing to reactive work
"""

RIVERTON_README = """\
# Riverton City Council, Customer Services: a public-service sample

Riverton is an invented city council serving about 240,000 residents. Its Customer Services
directorate runs the contact centre (phone, web chat and email), the council's online forms,
and the front door for housing repairs and highways reports. Demand peaks in winter (heating,
damp and mould repairs; potholes after frost; bin queries after Christmas) and in March, when
council tax bills go out. In April 2025 a budget saving removed 12 contact-centre posts, and
answer times have not recovered since. This is the plan its leadership and four teams wrote for
the first quarter of 2026.

```python
import okrcoach

plan = okrcoach.load_sample("riverton")
history = okrcoach.load_history("datasets/companies/riverton/kpi_history.csv")
report = okrcoach.check(plan, history=history)
```

or, from the command line, `okrcoach check okrs.yaml --history kpi_history.csv` in this folder.

## Strategy

**Mission:** help every resident get what they need from the council, first time, in the way
that suits them.

| pillar | title | what it means |
|---|---|---|
| `right-first-time` | Sort it first time | requests are resolved at the first contact, and nobody has to chase |
| `digital-by-choice` | Online by choice, a person when it matters | simple requests move online so phone time goes to residents who need a person |
| `safe-homes-streets` | Safe homes and streets | council homes repaired on time; roads and street lights fixed quickly |
| `value-for-money` | Value for money | less spent on avoidable contact and on putting things right twice |

## Teams and objectives (cycle 2026-Q1)

| team | owner | objectives |
|---|---|---|
| `leadership` (service level) | Sarah Whitfield, Director of Customer Services | `C1` sorted on the first contact, `C2` online is the easiest way, `C3` homes and streets repaired fast through the winter |
| `contact-centre` | Gareth Evans | `CC1` answer promptly in the winter peak, `CC2` council tax and benefits queries resolved in one call |
| `digital` | Nadia Haddad | `DG1` forms easy enough that nobody needs to call, `DG2` council tax calls online |
| `repairs` | Tom Fairbairn | `RP1` fixed right on the first visit, `RP2` damp and mould fixed before residents chase |
| `streets` | Olu Adeyemi | `ST1` winter damage to roads and lights repaired quickly, `ST2` residents told what is happening |

Key results are mostly plain sentences written the way public-sector teams write them ("up from
81%", "a month", "(quarterly residents' panel)"); six are linked to KPIs with `kpi:` so that the
history-based checks can judge their targets. `DG1`, `RP1` and `ST2` are good models: each key
result names a measure residents would notice, where it is today and where it should be.

## KPIs

| KPI | team | unit | cadence | catalog entry | type |
|---|---|---|---|---|---|
| `resident-satisfaction` Resident satisfaction | leadership | % | quarterly | `citizen-satisfaction-score` | lagging |
| `complaint-response-time` Complaint response time | leadership | days | weekly | `complaint-response-time` | leading |
| `average-speed-of-answer` Average speed of answer | contact-centre | minutes | weekly | `average-speed-of-answer` | leading |
| `call-abandonment` Call abandonment rate | contact-centre | % | weekly | `call-abandonment-rate` | leading |
| `first-contact-resolution` First-contact resolution | contact-centre | % | monthly | `first-contact-resolution-rate` | leading |
| `digital-take-up` Online take-up | digital | % | monthly | `digital-take-up-rate` | leading |
| `online-form-completion` Online form completion rate | digital | % | weekly | `digital-service-completion-rate` | leading |
| `repairs-on-time` Routine repairs completed on time | repairs | % | weekly | `housing-repairs-on-time` | leading |
| `open-repair-jobs` Open repair jobs | repairs | jobs | weekly | `ticket-backlog` | leading |
| `pothole-repair-time` Pothole repair time | streets | days | weekly | `service-request-resolution-time` | leading |

Each KPI has a team, an owner, a unit, a direction, a target with green/amber thresholds, a
formula, a cadence, its catalog entry and the decision it informs, except where a flaw below
says otherwise. Leadership pairs its lagging survey with a leading measure (complaint response
time), so no dashboard is all lagging.

## KPI history

`kpi_history.csv` holds every KPI from January 2023 to December 2025 (twelve quarters, up to
the start of the 2026-Q1 cycle): weekly KPIs dated the Monday their week starts, monthly ones
the first day of the month, the quarterly residents' panel the first day of the quarter. It is
generated by `scripts/generate_companies.py` (seed 202603), as trend + seasonality + noise:

- **Trend change, April 2025: the staffing cut.** With 12 fewer posts, the average speed of
  answer rose from about 4.6 to 8.6 minutes between April and June 2025 and kept creeping up;
  call abandonment went from about 7% to 15% and more; complaint response times and the
  residents' panel score worsened from spring 2025.
- **Trend change, September 2024: the new online forms.** Online take-up grew about 0.5 points a
  month before and about 0.8 points a month since the redesigned forms went live; the form
  completion rate stepped up from about 57.5% to 61% over the autumn.
- **Seasonality: winter and council tax.** Calls peak in January (bins after Christmas) and
  March (annual bills), when people also phone rather than go online; repairs slow down and the
  backlog grows from December to February; pothole repairs take three days longer after frost.
- **Noise.** Gaussian, with a standard deviation suited to each KPI (0.5 minutes on speed of
  answer, 1.5 points on repairs on time, 60 jobs on the repair backlog).

{{history_table}}

## Checking the targets against the history

With the history, okrcoach compares each linked target with the KPI's straight-line trend over
the twelve quarters, projected to 31 March 2026 (T104 `unambitious-target` flags a target the
trend reaches anyway, within one standard deviation of its noise), and with the largest change
the KPI has shown within any 92 days (T103 `unrealistic-target` flags a change more than three
times that):

{{checks_table}}

First-contact resolution has never moved more than a few points in a quarter: 68% to 90% is a
benchmark borrowed from another sector, not a plan for one quarter. Online take-up, on the other
hand, has grown steadily since the new forms: the straight line through three years already
reaches about 53.4% (± 1.2) by March, and the faster growth since September 2024 would reach
about 55%, so 54% asks for nothing new.
The speed-of-answer target is a real stretch, but a believable one: the KPI moved by four
minutes in a quarter when the staffing changed.

## Deliberate flaws

Each one is marked in `okrs.yaml` with a `# FLAW: <rule>` comment. With the history, the
checks report exactly these findings (`tests/test_companies.py` holds the two to each other);
everything else in the plan is meant as a good example.

| id | rule | why it is a flaw |
|---|---|---|
| `C1.KR1` | unrealistic-target | 22 points of first-contact resolution in one quarter, when it has never moved more than about 3.5 points in one |
| `C1.KR3` | lagging-indicator | the residents' panel is surveyed once a quarter and moves months after the service does; measure repeat calls or complaint response times this quarter |
| `C2.KR1` | unambitious-target | online take-up has grown steadily since September 2024; its trend reaches 54% by March without extra effort |
| `CC1` | too-many-key-results | six key results: the last three are useful, but they belong in a backlog or on the KPI dashboard |
| `CC2.KR2` | kpi-as-okr | "keep transfers below 15%" holds a level: a KPI threshold, not a change to work on this quarter |
| `DG2` | objective-has-metric | "25%" is a target; it belongs in a key result, and the objective should say why it matters |
| `RP2` | misaligned-objective | `net-zero-homes` was a pillar of last year's strategy; it is not in this plan, so the objective ladders up to nothing |
| `ST1` | missing-owner | every other objective names one accountable person; this one has none |
| `complaint-response-time` | undefined-kpi | no formula: "response" could mean an acknowledgement or a full answer, in calendar or working days |
| `open-repair-jobs` | missing-kpi-target | watched every week, but with no target or thresholds it is never red, so it never triggers action |

## What the meaning checks add (preview)

With `semantic-alignment = true` (and the `semantic` extra installed) the alignment checks also
judge each link by meaning: does an objective, with its key results, read like the pillar or
company objective it names, and does each key result read like its objective? These checks are
in preview: on held-out cases 64% of their objective findings and 57% of their key-result
findings were right, and they caught fewer than half of the problems (`docs/accuracy.md`,
Alignment). On this plan they add three findings: one deliberate flaw and two false
alarms (`tests/test_companies.py` holds the table to the checks):

| id | meaning rule | flaw or false alarm |
|---|---|---|
| `ST1` | misaligned-objective | flaw: road and street-light repairs serve `safe-homes-streets` (through `C3`), not `digital-by-choice`; the link was picked from the wrong line |
| `C1.KR2` | unrelated-key-result | false alarm: repeat calls about the same request are what "sorted on the first contact" prevents |
| `C2.KR2` | unrelated-key-result | false alarm: avoidable "where is my ...?" calls are what easy online services remove |
"""


# --- KPI curves and linked key results ----------------------------------------------------------------

# One Curve per KPI, in the order of the plan's kpis: section (the order of kpi_history.csv), and one
# Link per key result with a `kpi:`, with the baseline and target okrcoach reads from it and the verdict
# the plan intends (tests/test_companies.py checks both against the plan).

GREENCYCLE_CURVES = (
    # Conversion has crept up all along (better product pages, faster site): the key result's 2%
    # baseline is the 2024 average; the trend alone reaches 2.5% by March.
    Curve("conversion-rate", "weekly", (("2023-01-01", 1.62), ("2025-12-31", 2.41)),
          season=(-0.06, -0.05, -0.02, 0.0, 0.0, -0.03, -0.06, -0.05, 0.0, 0.04, 0.16, 0.12), noise=0.05),
    # Steady growth with the e-commerce Q4 peak (Black Friday in November, Christmas in December).
    Curve("monthly-revenue", "monthly", (("2023-01-01", 5_300_000.0), ("2025-12-31", 7_450_000.0)),
          season=(-0.10, -0.12, -0.04, -0.03, 0.0, -0.04, -0.06, -0.05, 0.0, 0.04, 0.16, 0.13), relative=True,
          noise=90_000.0),
    # Trend change: two agents left in spring 2025 and were not replaced; from March 2025 the
    # first response time climbs from about 9.4 to 12 hours. Busier in November-January.
    Curve("first-response-time", "weekly", (("2023-01-01", 9.0), ("2025-03-01", 9.4), ("2025-12-31", 12.0)),
          season=(0.3, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.1, 0.5, 0.6), noise=0.25, better="lower"),
    # Gift returns in January; slowly falling as product pages get better.
    Curve("return-rate", "weekly", (("2023-01-01", 9.6), ("2025-12-31", 8.9)),
          season=(1.4, 0.4, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.2, 0.5), noise=0.3, better="lower"),
    # Trend change: refill subscriptions launched in May 2025 lift the second-order rate by
    # about 1.3 points over the summer. Holiday first-time buyers come back less often.
    Curve("repeat-purchase-rate", "monthly", (("2023-01-01", 16.4), ("2025-04-30", 16.8), ("2025-07-31", 18.5), ("2025-12-31", 18.6)),
          season=(-1.0, -0.4, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.1, 0.5, 0.0, -0.5), noise=0.5, decimals=1),
    Curve("average-order-value", "weekly", (("2023-01-01", 51.0), ("2025-12-31", 54.2)),
          season=(-1.5, -0.8, 0.0, 0.0, 0.0, 0.0, -0.5, -0.5, 0.0, 0.5, 3.5, 4.5), noise=0.8),
    # The warehouse struggles with the Q4 peak.
    Curve("on-time-dispatch", "weekly", (("2023-01-01", 87.5), ("2025-12-31", 86.0)),
          season=(-1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.5, -4.0, -5.0), noise=0.9, decimals=1, high=100.0),
    Curve("csat", "weekly", (("2023-01-01", 81.5), ("2025-03-01", 81.0), ("2025-12-31", 79.0)),
          season=(-0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.5, -1.0), noise=1.2, decimals=1, high=100.0),
    Curve("instagram-followers", "monthly", (("2023-01-01", 12_400.0), ("2025-12-31", 41_800.0)),
          noise=0.25, decimals=0, cumulative=True),
)
GREENCYCLE_LINKS = (
    Link("C1.KR1", "conversion-rate", 2.0, 2.5, "unambitious"),
    Link("C1.KR2", "monthly-revenue", 8_400_000.0, 10_000_000.0, ""),
    Link("MKT2.KR3", "repeat-purchase-rate", 18.0, 24.0, ""),
    Link("CS1.KR1", "first-response-time", 12.0, 4.0, "unrealistic"),
)

TALLYHIVE_CURVES = (
    # Trend change: growth slows from about 1.5% to 0.8% a month from July 2025, when a larger
    # competitor started bundling AP automation free with its ERP. Small end-of-quarter bumps.
    Curve("mrr", "monthly", (("2023-01-01", 930_000.0), ("2024-01-01", 1_105_000.0), ("2025-01-01", 1_318_000.0),
                             ("2025-06-30", 1_448_000.0), ("2025-12-31", 1_522_000.0)),
          season=(0.0, 0.0, 0.004, 0.0, 0.0, 0.004, 0.0, 0.0, 0.004, 0.0, 0.0, 0.006), relative=True, noise=3_000.0),
    Curve("time-to-value", "monthly", (("2023-01-01", 52.0), ("2025-12-31", 41.0)),
          season=(3.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 0.0, 0.0, 0.5, 3.0), noise=1.8, decimals=1, better="lower"),
    # Reps prospect at the start of a quarter and close at its end: pipeline dips in the last month.
    Curve("pipeline-created", "monthly", (("2023-01-01", 800_000.0), ("2025-06-30", 1_100_000.0), ("2025-12-31", 1_120_000.0)),
          season=(0.08, 0.02, -0.10, 0.08, 0.02, -0.10, 0.06, 0.0, -0.10, 0.08, 0.02, -0.12), relative=True, noise=60_000.0),
    Curve("win-rate", "monthly", (("2023-01-01", 22.0), ("2025-06-30", 22.5), ("2025-12-31", 20.3)),
          season=(0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0), noise=0.7, decimals=1, high=100.0),
    Curve("sales-cycle-length", "monthly", (("2023-01-01", 38.0), ("2025-06-30", 41.0), ("2025-12-31", 46.0)),
          season=(1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 3.0), noise=1.5, decimals=0, better="lower"),
    Curve("logo-churn", "monthly", (("2023-01-01", 1.25), ("2025-06-30", 1.15), ("2025-12-31", 1.55)),
          season=(0.2, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.1), noise=0.12, better="lower"),
    Curve("nrr", "monthly", (("2023-01-01", 106.5), ("2025-06-30", 106.0), ("2025-12-31", 104.0)),
          noise=0.35, decimals=1, high=200.0),
    Curve("availability", "monthly", (("2023-01-01", 99.55), ("2025-12-31", 99.70)),
          events=(("2024-03-15", -0.45), ("2025-02-15", -0.30)), noise=0.06, high=99.99),
    Curve("weekly-active-approvers", "weekly", (("2023-01-01", 3_100.0), ("2025-06-30", 4_750.0), ("2025-12-31", 5_250.0)),
          season=(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.04, -0.06, 0.0, 0.0, 0.0, -0.02), relative=True, noise=60.0, decimals=0,
          events=(("2023-12-25", -0.35), ("2024-12-25", -0.35), ("2025-12-25", -0.35),
                  ("2024-01-01", -0.20), ("2025-01-01", -0.20))),
    Curve("registered-users", "monthly", (("2023-01-01", 21_000.0), ("2025-12-31", 58_500.0)),
          noise=0.2, decimals=0, cumulative=True),
)
TALLYHIVE_LINKS = (
    Link("C1.KR1", "mrr", 1_520_000.0, 1_560_000.0, "unambitious"),
    Link("C2.KR1", "time-to-value", 41.0, 32.0, ""),
    Link("SLS1.KR1", "pipeline-created", 1_100_000.0, 1_400_000.0, ""),
    Link("SLS2.KR1", "win-rate", 21.0, 40.0, "unrealistic"),
    Link("PE2.KR3", "availability", 99.62, 99.9, ""),
)

RIVERTON_CURVES = (
    Curve("resident-satisfaction", "quarterly", (("2023-01-01", 64.0), ("2025-03-31", 63.0), ("2025-12-31", 60.5)),
          noise=1.0, decimals=1, high=100.0),
    Curve("complaint-response-time", "weekly", (("2023-01-01", 8.5), ("2025-03-31", 9.0), ("2025-12-31", 12.5)),
          season=(1.0, 1.0, 1.0, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5), noise=0.8, decimals=1, better="lower"),
    # Trend change: 12 posts were cut in April 2025; answer times doubled over the next quarter.
    # Peaks in January (bins after Christmas) and March (council tax bills).
    Curve("average-speed-of-answer", "weekly", (("2023-01-01", 4.2), ("2025-03-31", 4.6), ("2025-07-01", 8.6), ("2025-12-31", 8.9)),
          season=(1.2, 0.5, 2.0, 0.8, 0.0, 0.0, -0.3, -0.6, 0.0, 0.0, 0.3, 0.8), noise=0.5, decimals=1, better="lower"),
    Curve("call-abandonment", "weekly", (("2023-01-01", 6.5), ("2025-03-31", 7.0), ("2025-07-01", 15.0), ("2025-12-31", 15.8)),
          season=(2.0, 0.5, 3.0, 1.0, 0.0, 0.0, -0.5, -1.0, 0.0, 0.0, 0.5, 1.0), noise=0.8, decimals=1, high=100.0, better="lower"),
    Curve("first-contact-resolution", "monthly", (("2023-01-01", 66.0), ("2025-03-31", 68.5), ("2025-12-31", 68.0)),
          season=(-0.5, 0.0, -1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0), noise=0.6, decimals=1, high=100.0),
    # Trend change: new online forms went live in September 2024; take-up has grown faster since.
    Curve("digital-take-up", "monthly", (("2023-01-01", 31.0), ("2024-08-31", 40.0), ("2025-12-31", 53.0)),
          season=(0.5, 0.0, -1.5, -0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5, 1.0), noise=0.6, decimals=1, high=100.0),
    Curve("online-form-completion", "weekly", (("2023-01-01", 55.0), ("2024-08-31", 57.5), ("2024-11-30", 61.0), ("2025-12-31", 63.0)),
          noise=1.8, decimals=1, high=100.0),
    Curve("repairs-on-time", "weekly", (("2023-01-01", 80.0), ("2025-06-30", 79.0), ("2025-12-31", 77.5)),
          season=(-4.0, -3.5, -1.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0, -2.5), noise=1.5, decimals=1, high=100.0),
    Curve("open-repair-jobs", "weekly", (("2023-01-01", 1_450.0), ("2025-03-31", 1_600.0), ("2025-12-31", 1_950.0)),
          season=(300.0, 280.0, 150.0, 0.0, -50.0, -80.0, -80.0, -60.0, 0.0, 50.0, 120.0, 220.0), noise=60.0, decimals=0,
          better="lower"),
    Curve("pothole-repair-time", "weekly", (("2023-01-01", 9.5), ("2025-12-31", 10.8)),
          season=(3.0, 3.5, 2.0, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0), noise=0.9, decimals=1, better="lower"),
)
RIVERTON_LINKS = (
    Link("C1.KR1", "first-contact-resolution", 68.0, 90.0, "unrealistic"),
    Link("C2.KR1", "digital-take-up", 52.0, 54.0, "unambitious"),
    Link("CC1.KR1", "average-speed-of-answer", 9.5, 6.0, ""),
    Link("DG1.KR1", "online-form-completion", 63.0, 80.0, ""),
    Link("RP1.KR1", "repairs-on-time", 76.0, 85.0, ""),
    Link("ST1.KR1", "pothole-repair-time", 11.0, 6.0, ""),
)


COMPANIES = (
    Company("greencycle", 202601, GREENCYCLE_OKRS, GREENCYCLE_README, GREENCYCLE_CURVES, GREENCYCLE_LINKS),
    Company("tallyhive", 202602, TALLYHIVE_OKRS, TALLYHIVE_README, TALLYHIVE_CURVES, TALLYHIVE_LINKS),
    Company("riverton", 202603, RIVERTON_OKRS, RIVERTON_README, RIVERTON_CURVES, RIVERTON_LINKS),
)


if __name__ == "__main__":
    sys.exit(main())
