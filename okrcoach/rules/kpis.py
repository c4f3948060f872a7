"""KPI rules (K): is each KPI trackable, owned and worth watching, and is the dashboard balanced?"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from okrcoach.context import Context
from okrcoach.findings import Severity, Violation
from okrcoach.model import KPI, Plan
from okrcoach.registry import rule
from okrcoach.rules._common import catalog_kpi, quote


def _dashboards(plan: Plan) -> dict[str | None, list[KPI]]:
    """Return the KPIs of each team (None for KPIs with no team), in file order."""
    teams: dict[str | None, list[KPI]] = defaultdict(list)
    for kpi in plan.kpis:
        teams[kpi.team].append(kpi)
    return teams


def _whose(team: str | None) -> str:
    return f"Team {team!r}" if team else "The plan"


@rule("K101", "too-many-kpis", scope="plan", options=("max_kpis",))
def too_many_kpis(plan: Plan, ctx: Context) -> Iterator[Violation]:
    """Check for a team (or a plan without teams) that watches more KPIs than anyone can act on.

    Flags the first KPI past the limit.

    ## Why is this bad?
    A dashboard of thirty numbers is a dashboard nobody reads. Parmenter's 10/80/10 guide
    keeps about ten key indicators at the top; a team acts on a handful it can influence.

    ## Example
    A support team with fourteen KPIs: tickets, replies, macros used, tags, ...

    ## Use instead
    Keep the few that drive decisions (say, first response time, first-contact resolution,
    backlog age and a quality counterweight); move the rest to a reference report.

    ## Options
    - `max_kpis` (default 10): the most KPIs for one team.

    ## Source
    David Parmenter, *Key Performance Indicators* (2019): the 10/80/10 guide; docs/methodology.md (KPI hygiene).
    """
    limit = ctx.settings.max_kpis
    for team, kpis in _dashboards(plan).items():
        if len(kpis) > limit:
            yield Violation(
                kpis[limit],
                f"{_whose(team)} watches {len(kpis)} KPIs; more than {limit} is more than anyone acts on",
                f"Keep the {limit} or fewer that drive decisions; report the others elsewhere",
            )


@rule("K102", "missing-kpi-target", scope="kpi")
def missing_kpi_target(kpi: KPI, ctx: Context) -> Iterator[Violation]:
    """Check for a KPI with no target and no green threshold.

    ## Why is this bad?
    Without a target nobody can say whether today's value is good news. A KPI copied from a
    generic list without a target of the team's own is decoration (Parmenter 2019: KPIs are specific
    to the team).

    ## Example
    ```yaml
    kpis:
      - {id: frt, name: First response time, unit: hours, owner: Sam}
    ```

    ## Use instead
    ```yaml
    kpis:
      - {id: frt, name: First response time, unit: hours, owner: Sam, direction: lower,
         target: 4, thresholds: {green: 4, amber: 8}}
    ```

    ## Source
    Seed 000 (KPIs need specific, team-level targets); SMART (Doran, 1981).
    """
    if kpi.target is None and (kpi.thresholds is None or kpi.thresholds.green is None):
        found = catalog_kpi(kpi, ctx)
        hint = f" ({'lower' if found.direction == 'lower' else 'higher'} is better for {found.name})" if found else ""
        yield Violation(kpi, f"KPI {quote(kpi.name, 40)} has no target", f"Set a target and green/amber thresholds{hint}")


@rule("K103", "missing-kpi-owner", scope="kpi")
def missing_kpi_owner(kpi: KPI, ctx: Context) -> Iterator[Violation]:
    """Check for a KPI with no owner.

    ## Why is this bad?
    A number nobody owns turns red and stays red. Each KPI needs one person who watches it and
    acts when it leaves green (Doerr 2018; Google re:Work: one accountable owner).

    ## Example
    ```yaml
    kpis:
      - {id: backlog, name: Ticket backlog, target: 200}
    ```

    ## Use instead
    ```yaml
    kpis:
      - {id: backlog, name: Ticket backlog, target: 200, owner: Priya}
    ```

    ## Source
    Seed 002 (no owner is a common mistake); Parmenter (2019): KPIs are tied to a team that can act.
    """
    if not kpi.owner:
        yield Violation(kpi, f"KPI {quote(kpi.name, 40)} has no owner", "Name the one person who acts when it leaves green")


@rule("K104", "undefined-kpi", scope="kpi")
def undefined_kpi(kpi: KPI, ctx: Context) -> Iterator[Violation]:
    """Check for a KPI without a formula or without a unit.

    ## Why is this bad?
    "Response time" measured as a mean by one person and a median by another gives two
    numbers and an argument. A KPI needs a definition anyone can recompute, and a unit.

    ## Example
    ```yaml
    kpis:
      - {id: frt, name: First response time, target: 4, owner: Sam}
    ```

    ## Use instead
    ```yaml
    kpis:
      - {id: frt, name: First response time, target: 4, owner: Sam, unit: hours,
         formula: median hours from ticket creation to the first human reply}
    ```

    ## Source
    Parmenter (2019); SMART (Doran, 1981): specific and measurable.
    """
    missing = [name for name, value in (("formula", kpi.formula), ("unit", kpi.unit)) if not value]
    if missing:
        found = catalog_kpi(kpi, ctx)
        suggestion = "Write down how it is computed and in what unit"
        if found:
            suggestion = f"The catalog defines {found.name} as: {found.formula} (unit: {found.unit})"
        yield Violation(kpi, f"KPI {quote(kpi.name, 40)} has no {' or '.join(missing)}", suggestion)


@rule("K105", "no-leading-kpi", scope="plan", severity=Severity.INFO)
def no_leading_kpi(plan: Plan, ctx: Context) -> Iterator[Violation]:
    """Check for a team dashboard of two or more KPIs where every recognised KPI is lagging.

    KPIs are recognised through `catalog_id` or by matching their name to the KPI catalog;
    a KPI the catalog does not know counts as neither.

    ## Why is this bad?
    Lagging indicators (revenue, retention, NPS) report the past. A dashboard made only of them
    tells the team too late; leading indicators move within weeks and give time to act.

    ## Example
    A customer-success dashboard of net revenue retention, logo churn and NPS.

    ## Use instead
    Add the leading measures that move them: product usage frequency, health score, open
    tickets per account.

    ## Source
    Parmenter (2019): result indicators vs performance indicators; docs/methodology.md (Leading and lagging).
    """
    for team, kpis in _dashboards(plan).items():
        known = [(kpi, found) for kpi in kpis if (found := catalog_kpi(kpi, ctx)) is not None]
        if len(known) >= 2 and not any(found.leading for _, found in known):
            leading = []
            for _, found in known:
                leading += [name for name in found.leading_alternatives if name not in leading]
            names = ", ".join(ctx_name(ctx, kpi_id) for kpi_id in leading[:3])
            yield Violation(
                known[0][0],
                f"{_whose(team)}'s {len(known)} recognised KPIs are all lagging: they report change only after the fact",
                f"Add a leading KPI that moves within weeks{': ' + names if names else ''}",
            )


def ctx_name(ctx: Context, kpi_id: str) -> str:
    """Return a catalog KPI's name from its id."""
    from okrcoach.kpis.catalog import default_catalog

    found = default_catalog().get(kpi_id)
    return found.name if found else kpi_id


@rule("K106", "vanity-metric", scope="kpi")
def vanity_metric(kpi: KPI, ctx: Context) -> Iterator[Violation]:
    """Check for a vanity metric (a running total, raw attention) with no decision attached.

    A KPI counts as vanity when the catalog marks it so (followers, page views, downloads,
    registered users) or its name says it is a total ('total sign-ups', 'cumulative
    downloads'). It passes when it records the `decision` it informs.

    ## Why is this bad?
    Totals only go up and attention is cheap, so these numbers always look good and never
    tell the team what to do differently.

    ## Example
    ```yaml
    kpis:
      - {id: followers, name: Instagram followers, target: 50000, owner: Ana}
    ```

    ## Use instead
    Watch a rate that can fall (engaged visits, weekly active users, conversion), or say what
    the number decides: `decision: pause paid social when follower growth costs more than $2 each`.

    ## Source
    docs/methodology.md (KPI hygiene: vanity metrics with no decision attached).
    """
    if kpi.decision:
        return
    found = catalog_kpi(kpi, ctx)
    term = ctx.words("vanity_terms").first_match(kpi.name)
    if (found is not None and found.vanity) or term:
        why = f"{found.name} is a vanity metric" if found is not None and found.vanity else f"'{term}' makes it a running total"
        yield Violation(
            kpi,
            f"KPI {quote(kpi.name, 40)} looks like a vanity metric ({why}) and names no decision it informs",
            "Watch a rate that can fall, or add `decision:` saying what the team does when it moves",
        )
