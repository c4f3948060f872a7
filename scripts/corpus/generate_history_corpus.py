"""Generate datasets/labeled/corpus_history.yaml: plans with KPI history, labeled from the GUIDE definitions.

Labels for unrealistic-target / unambitious-target are computed here from the definitions in
datasets/labeled/GUIDE.md ("Rules that need KPI history"), independently of okrcoach's code:
  last      = the KR's stated baseline (always the latest observation before the cycle starts)
  largest   = largest |v_i - v_j| over observation pairs at most 92 days apart
  unrealistic  : |target - last| > 3 * largest * max(cycle_days/92, 1), or a % target outside 0-100
  projection   = OLS line of value on date, read at the last day of the cycle
  noise        = std of residuals (label must agree for ddof 0, 1 and 2)
  unambitious  : higher: target <= projection + noise; lower: target >= projection - noise (not for maintain)
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path
from datetime import date, timedelta

SEED = 20260415
rng = random.Random(SEED)

QUARTERS = {q: (date(int(q[:4]), 3 * (int(q[-1]) - 1) + 1, 1)) for q in ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]}


def cycle_bounds(label: str) -> tuple[date, date]:
    start = QUARTERS[label]
    m = start.month + 3
    y = start.year + (m > 12)
    m = m - 12 if m > 12 else m
    end = date(y, m, 1) - timedelta(days=1)
    return start, end


# ---------------------------------------------------------------------------------------------- KPIs
# K(id, name, unit, direction, cadence, start, slope/month, noise sd, season amplitude, decimals,
#   months of history, break=(months before end, new slope), phase)
def K(id, name, unit, direction, cadence, start, slope, noise, season=0.0, dec=2, months=30, brk=None, phase=0.0, lo=None, hi=None):
    return dict(id=id, name=name, unit=unit, direction=direction, cadence=cadence, start=start, slope=slope,
                noise=noise, season=season, dec=dec, months=months, brk=brk, phase=phase, lo=lo, hi=hi)


def generate(kpi: dict, cycle_start: date) -> list[tuple[date, float]]:
    months = kpi["months"]
    if kpi["cadence"] == "monthly":
        dates = []
        y, m = cycle_start.year, cycle_start.month
        for _ in range(months):
            m -= 1
            if m == 0:
                y, m = y - 1, 12
            dates.append(date(y, m, 1))
        dates.reverse()
    else:  # weekly, on Mondays, strictly before the cycle
        last = cycle_start - timedelta(days=1)
        while last.weekday() != 0:
            last -= timedelta(days=1)
        count = int(months * 52 / 12)
        dates = [last - timedelta(weeks=k) for k in range(count)][::-1]
    first = dates[0]
    end_t = (dates[-1] - first).days / 30.44
    values = []
    for d in dates:
        t = (d - first).days / 30.44
        level = kpi["start"] + kpi["slope"] * t
        if kpi["brk"]:
            before, new_slope = kpi["brk"]
            t_break = end_t - before
            if t > t_break:
                level += (new_slope - kpi["slope"]) * (t - t_break)
        doy = d.timetuple().tm_yday
        level += kpi["season"] * math.sin(2 * math.pi * doy / 365.25 + kpi["phase"])
        level += rng.gauss(0, kpi["noise"])
        if kpi["lo"] is not None:
            level = max(level, kpi["lo"])
        if kpi["hi"] is not None:
            level = min(level, kpi["hi"])
        level = round(level, kpi["dec"])
        if kpi["dec"] <= 0:
            level = int(level)
        values.append(level)
    return list(zip(dates, values, strict=True))


# ---------------------------------------------------------------------------------------------- stats
def largest_change(series):
    best = 0.0
    for i, (di, vi) in enumerate(series):
        for dj, vj in series[i + 1 :]:
            if (dj - di).days > 92:
                break
            best = max(best, abs(vi - vj))
    return best


def fit(series, at: date):
    origin = series[0][0]
    xs = [(d - origin).days for d, _ in series]
    ys = [v for _, v in series]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    icpt = my - slope * mx
    res = [y - (icpt + slope * x) for x, y in zip(xs, ys)]
    ss = sum(r * r for r in res)
    noises = [math.sqrt(ss / (n - ddof)) for ddof in (0, 1, 2)]
    return icpt + slope * (at - origin).days, noises


def labels_for(kpi, series, cycle, target, maintain=False):
    start, end = cycle_bounds(cycle)
    days = (end - start).days + 1
    last = series[-1][1]
    largest = largest_change(series)
    proj, noises = fit(series, end)
    out = set()
    if kpi["unit"] == "%" and not 0 <= target <= 100:
        out.add("unrealistic-target")
    elif abs(target - last) > 3 * largest * max(days / 92, 1):
        out.add("unrealistic-target")
    if not maintain:
        verdicts = set()
        for noise in noises:
            if kpi["direction"] == "higher":
                verdicts.add(target <= proj + noise)
            else:
                verdicts.add(target >= proj - noise)
        if len(verdicts) != 1:
            raise ValueError(f"{kpi['id']}: unambitious label depends on ddof")
        if verdicts.pop():
            out.add("unambitious-target")
    return out, dict(last=last, largest=largest, proj=proj, noise=noises[2], ratio=abs(target - last) / largest if largest else 0)


# ---------------------------------------------------------------------------------------------- targets
def nice(value: float, step: float) -> float:
    return round(round(value / step) * step, 2)


def steps_for(kpi, magnitude):
    base = [1000, 500, 100, 50, 10, 5, 1, 0.5, 0.1, 0.05, 0.01]
    return [s for s in base if s <= max(magnitude, 0.01) and s >= 10 ** (-kpi["dec"])] or [10 ** (-kpi["dec"])]


def choose_target(kpi, series, cycle, kind, param):
    """Return a target value in the intended region, as round as possible."""
    start, end = cycle_bounds(cycle)
    last = series[-1][1]
    largest = largest_change(series)
    proj, noises = fit(series, end)
    noise = noises[2]
    g = 1 if kpi["direction"] == "higher" else -1
    if kind in ("pct_over", "fixed"):
        return param
    if kind == "maintain":
        return param
    if kind == "unrealistic":  # param = multiple of the largest quarterly change
        raw, want = last + g * param * largest, {"unrealistic-target"}
    elif kind == "unambitious":  # param = position relative to projection in noise units (<1)
        raw, want = proj + g * param * noise, {"unambitious-target"}
        if (raw - last) * g <= 0:  # the trend line sits behind the last value: aim inside the window that is left
            edge = proj + g * noise
            if (edge - last) * g <= 0:
                raise ValueError(f"{kpi['id']}: no improving target within the trend (last {last}, edge {edge:.2f})")
            raw = last + (edge - last) * 0.5
    elif kind == "healthy":  # param = multiple of the largest quarterly change, must clear projection + noise
        raw, want = last + g * param * largest, set()
    elif kind == "healthy_noise":  # param = noise units beyond the projection
        raw, want = proj + g * param * noise, set()
    else:
        raise ValueError(kind)
    # roundest number that keeps the intended label and stays within 12% of the raw distance from last
    dist = abs(raw - last)
    for step in steps_for(kpi, dist / 2.5):
        t = nice(raw, step)
        if kpi["dec"] <= 0:
            t = int(round(t))
        if abs(t - raw) > 0.12 * dist + 10 ** (-kpi["dec"]):
            continue
        try:
            got, _ = labels_for(kpi, series, cycle, t)
        except ValueError:
            continue
        if got == want and (t - last) * g > 0:
            return t
    raise ValueError(f"{kpi['id']} {kind} {param}: no target (last {last}, proj {proj:.2f}, noise {noise:.2f}, largest {largest})")


# ---------------------------------------------------------------------------------------------- text
def fmt(kpi, v) -> str:
    unit = kpi["unit"]
    if isinstance(v, float) and v.is_integer() and unit not in {"$", "€"}:
        v = int(v)
    if unit in {"$", "€", "£"}:
        if float(v).is_integer():
            return f"{unit}{int(v):,}"
        return f"{unit}{v:,.2f}"
    if isinstance(v, int):
        num = f"{v:,}"
    else:
        num = f"{v:,.2f}".rstrip("0").rstrip(".")
    if unit == "%":
        return num + "%"
    if unit in {"", None, "count"}:
        return num
    return f"{num} {unit}"


VERBS = {"higher": ["Raise", "Grow", "Increase", "Lift"], "lower": ["Cut", "Reduce", "Lower", "Bring down"]}


# ---------------------------------------------------------------------------------------------- plans
# KR spec: (kpi id, kind, param, extra expect labels, verb or None, suffix)
def KR(kpi, kind, param, extra=(), verb=None, suffix="", text=None, phrase=None, fixed=None, rel=None):
    if fixed is not None:
        kind, param = "fixed", fixed
    if kind is None:
        kpi = None
    return dict(kpi=kpi, kind=kind, param=param, extra=list(extra), verb=verb, suffix=suffix, text=text, phrase=phrase, rel=rel)


def O(title, krs, team=None, aligns_to=None, id=None):
    return dict(title=title, krs=krs, team=team, aligns_to=aligns_to, id=id)


def P(name, domain, cycle, kpis, objectives, owners=False, org=None, strategy=None):
    return dict(name=name, domain=domain, cycle=cycle, kpis=kpis, objectives=objectives, owners=owners, org=org, strategy=strategy)


PLANS = [
    # ------------------------------------------------------------------ customer support
    P("brightdesk-support-2026q2", "customer support", "2026-Q2", [
        K("frt", "Median first response time", "hours", "lower", "weekly", 14.0, -0.12, 0.55, season=0.6, dec=1, months=27),
        K("fcr", "First-contact resolution rate", "%", "higher", "monthly", 63.0, 0.25, 0.7, season=0.5, dec=1, months=30),
        K("backlog", "Open ticket backlog", "count", "lower", "weekly", 940, -6, 22, season=25, dec=0, months=27),
    ], [
        O("Make getting help fast and painless", [
            KR("frt", "healthy", 1.6, phrase="median first response time"),
            KR("fcr", "unrealistic", 6.0, phrase="first-contact resolution"),
            KR("backlog", "unambitious", 0.3, phrase="the open ticket backlog"),
        ], team="support"),
    ], owners=True, org="BrightDesk"),
    P("parcelpoint-support-2025q4", "customer support", "2025-Q4", [
        K("restime", "Average resolution time", "hours", "lower", "monthly", 31.0, -0.35, 0.8, season=0.9, dec=1, months=28),
        K("selfserve", "Self-service resolution share", "%", "higher", "monthly", 22.0, 0.9, 0.6, dec=1, months=30, brk=(9, 0.1)),
        K("abandon", "Abandoned chat rate", "%", "lower", "weekly", 9.5, -0.05, 0.35, season=0.3, dec=2, months=26),
    ], [
        O("Resolve customer problems on the first try", [
            KR("restime", "healthy", 1.8, phrase="average resolution time"),
            KR("selfserve", "unambitious", 0.8, phrase="the share of issues resolved through self-service"),
        ], team="support"),
        O("Make live chat a channel customers can count on", [
            KR("abandon", "healthy", 2.75, phrase="the abandoned chat rate"),
            KR("restime", None, None, text="Reduce chats transferred between agents from 18% to 12%"),
        ], team="support"),
    ], org="ParcelPoint"),
    P("helio-cx-2026q1", "customer support", "2026-Q1", [
        K("chatwait", "Chat wait time", "seconds", "lower", "weekly", 95, -0.6, 2.5, season=2, dec=0, months=26),
        K("reopen", "Reopened ticket rate", "%", "lower", "monthly", 7.8, -0.04, 0.22, dec=2, months=26),
    ], [
        O("Answer customers while they are still on the page", [
            KR("chatwait", "unrealistic", 3.3, phrase="average chat wait time"),
            KR("reopen", "healthy", 1.4, phrase="the reopened ticket rate"),
        ], team="cx"),
    ], owners=True, org="Helio"),
    P("quillmail-support-2026q3", "customer support", "2026-Q3", [
        K("ttr_email", "Email time to resolution", "hours", "lower", "monthly", 40.0, -0.6, 1.1, dec=1, months=33, brk=(10, 0.05)),
        K("deflect", "Help-centre deflection rate", "%", "higher", "monthly", 31.0, 0.45, 0.8, season=0.4, dec=1, months=30),
    ], [
        O("Resolve email requests without back-and-forth", [
            KR("ttr_email", "unambitious", -1.5, phrase="email time to resolution"),
            KR("deflect", "healthy_noise", 1.4, phrase="the help-centre deflection rate"),
        ], team="support"),
    ], org="Quillmail"),
    # ------------------------------------------------------------------ SaaS
    P("loomly-growth-2026q2", "B2B SaaS product", "2026-Q2", [
        K("t2p", "Trial-to-paid conversion", "%", "higher", "monthly", 11.0, 0.08, 0.35, season=0.3, dec=1, months=30),
        K("wat", "Weekly active teams", "count", "higher", "weekly", 3100, 45, 45, season=60, dec=0, months=27),
        K("activation", "Activation rate", "%", "higher", "monthly", 38.0, 0.3, 0.9, dec=1, months=28),
    ], [
        O("Turn more trials into paying teams", [
            KR("t2p", "unrealistic", 7.0, phrase="trial-to-paid conversion"),
            KR("activation", "healthy", 1.5, phrase="the activation rate of new workspaces"),
        ], team="growth"),
        O("Make the product part of every team's week", [
            KR("wat", "unambitious", 0.2, phrase="weekly active teams"),
            KR("activation", None, None, text="Grow teams using two or more integrations from 1,150 to 1,400"),
        ], team="product"),
    ], owners=True, org="Loomly"),
    P("stackpilot-revenue-2026q1", "B2B SaaS sales", "2026-Q1", [
        K("pipeline", "Pipeline created", "$", "higher", "monthly", 820000, 9000, 38000, season=45000, dec=-3, months=30),
        K("winrate", "Win rate on qualified opportunities", "%", "higher", "monthly", 19.0, 0.1, 0.9, dec=1, months=30),
        K("churn", "Monthly logo churn", "%", "lower", "monthly", 2.6, -0.03, 0.09, dec=2, months=30),
    ], [
        O("Build a pipeline the sales team can rely on", [
            KR("pipeline", "healthy", 1.3, phrase="pipeline created", suffix=" a month"),
            KR("winrate", "healthy_noise", 1.35, phrase="the win rate on qualified opportunities"),
        ], team="sales"),
        O("Help the customers we win succeed", [
            KR("churn", "unambitious", 0.2, extra=["lagging-indicator"], phrase="monthly logo churn"),
            KR("winrate", None, None, text="Raise accounts with a completed success plan from 35% to 60%"),
        ], team="customer-success"),
    ], org="StackPilot"),
    P("formcraft-product-2025q3", "B2B SaaS product", "2025-Q3", [
        K("dashadopt", "Dashboard feature adoption", "%", "higher", "monthly", 12.0, 0.7, 0.6, dec=1, months=27),
        K("signups", "Weekly signups", "count", "higher", "weekly", 820, 6, 35, season=30, dec=0, months=26),
        K("ttfv", "Time to first value", "days", "lower", "monthly", 9.5, -0.08, 0.3, dec=1, months=27),
    ], [
        O("Help new users see value on the first day", [
            KR("dashadopt", "unambitious", -0.2, phrase="dashboard feature adoption"),
            KR("signups", "unrealistic", 4.5, phrase="weekly signups"),
            KR("ttfv", "healthy", 1.5, phrase="time to first value"),
        ], team="product"),
    ], owners=True, org="FormCraft"),
    P("ledgerline-cs-2026q2", "B2B SaaS customer success", "2026-Q2", [
        K("churn", "Monthly customer churn", "%", "lower", "monthly", 3.4, -0.01, 0.11, season=0.08, dec=2, months=30),
        K("healthy", "Accounts with a green health score", "%", "higher", "monthly", 54.0, 0.35, 1.0, dec=1, months=30),
        K("tpa", "Support tickets per account", "count", "lower", "monthly", 3.9, -0.02, 0.12, dec=2, months=28),
    ], [
        O("Make every account successful with the product", [
            KR("churn", "unrealistic", 6.0, extra=["lagging-indicator"], phrase="monthly customer churn"),
            KR("healthy", "healthy", 1.6, phrase="the share of accounts with a green health score"),
            KR("tpa", "healthy", 1.3, phrase="support tickets per account"),
        ], team="customer-success"),
    ], org="Ledgerline"),
    P("pixelforge-platform-2026q1", "B2B SaaS platform", "2026-Q1", [
        K("apierr", "API error rate", "%", "lower", "weekly", 0.9, -0.004, 0.05, dec=2, months=26),
        K("latency", "p95 API latency", "ms", "lower", "weekly", 460, -1.5, 12, dec=0, months=26),
        K("docsearch", "Docs search success rate", "%", "higher", "monthly", 61.0, 0.2, 1.1, dec=1, months=26),
    ], [
        O("Give developers an API they can build on without surprises", [
            KR("apierr", "healthy", 1.4, phrase="the API error rate"),
            KR("latency", "unrealistic", 5.0, phrase="p95 API latency"),
        ], team="platform", aligns_to="developer-love", id="PL1"),
        O("Help developers find answers in the docs", [
            KR("docsearch", "healthy", 1.6, phrase="the docs search success rate"),
            KR("docsearch", None, None, text="Reduce docs pages marked unhelpful from 14% to 9%"),
        ], team="devrel", aligns_to="developer-love", id="DR1"),
    ], org="PixelForge", strategy=[("developer-love", "Be the API developers love"), ("enterprise", "Win regulated enterprises")]),
    # ------------------------------------------------------------------ e-commerce
    P("cartwheel-shop-2026q1", "e-commerce", "2026-Q1", [
        K("conv", "Site conversion rate", "%", "higher", "monthly", 2.1, 0.012, 0.06, season=0.08, dec=2, months=30),
        K("aov", "Average order value", "$", "higher", "monthly", 58.0, 0.25, 0.9, season=1.2, dec=2, months=30),
        K("abandon", "Cart abandonment rate", "%", "lower", "monthly", 72.0, -0.1, 0.7, dec=1, months=30),
    ], [
        O("Make buying from us effortless", [
            KR("conv", "healthy", 1.6, phrase="site conversion"),
            KR("aov", "unambitious", 0.0, phrase="average order value"),
            KR("abandon", "unrealistic", 5.0, phrase="cart abandonment"),
        ], team="ecommerce"),
    ], owners=True, org="Cartwheel"),
    P("fernleaf-ecom-2025q4", "e-commerce", "2025-Q4", [
        K("orders", "Weekly orders", "count", "higher", "weekly", 5200, 40, 140, season=500, dec=0, months=27, phase=-1.2),
        K("returns", "Return rate", "%", "lower", "monthly", 14.5, -0.1, 0.25, season=0.4, dec=1, months=30),
    ], [
        O("Win the holiday season with happy shoppers", [
            KR("orders", "healthy", 1.2, phrase="weekly orders"),
            KR("returns", "unambitious", 0.8, phrase="the return rate"),
        ], team="ecommerce"),
    ], org="Fernleaf Home"),
    P("brightbasket-2026q2", "e-commerce grocery", "2026-Q2", [
        K("repeat", "Repeat purchase rate", "%", "higher", "monthly", 31.0, 0.2, 0.6, dec=1, months=30),
        K("ontime", "On-time delivery rate", "%", "higher", "weekly", 91.0, 0.05, 0.6, dec=1, months=26, hi=99.5),
        K("pageload", "Mobile page load time", "seconds", "lower", "weekly", 3.4, -0.02, 0.09, dec=2, months=26),
    ], [
        O("Become the grocer shoppers come back to", [
            KR("repeat", "healthy", 1.5, phrase="the repeat purchase rate"),
            KR("ontime", "pct_over", 104, phrase="on-time delivery"),
            KR("pageload", "healthy", 1.4, phrase="mobile page load time"),
        ], team="growth"),
    ], owners=True, org="BrightBasket"),
    P("trailmix-marketing-2026q3", "e-commerce marketing", "2026-Q3", [
        K("visits", "Organic visits per week", "count", "higher", "weekly", 41000, 350, 1500, season=1800, dec=0, months=26),
        K("ctr", "Email click-through rate", "%", "higher", "monthly", 2.4, 0.01, 0.12, dec=2, months=30),
        K("cpa", "Cost per acquisition", "$", "lower", "monthly", 48.0, -0.2, 1.4, dec=2, months=30),
    ], [
        O("Bring more of the right shoppers to the store", [
            KR("visits", "unrealistic", 4.0, phrase="organic visits", suffix=" a week"),
            KR("ctr", "healthy", 1.5, phrase="email click-through rate"),
            KR("cpa", "healthy_noise", 1.3, phrase="cost per acquisition"),
        ], team="marketing"),
    ], org="Trailmix Outdoors"),
    P("tradepost-marketplace-2026q2", "online marketplace", "2026-Q2", [
        K("approval", "Listing approval time", "hours", "lower", "monthly", 30.0, -0.5, 0.9, dec=1, months=28),
        K("s2p", "Search-to-purchase conversion", "%", "higher", "monthly", 4.1, 0.03, 0.12, season=0.1, dec=2, months=30),
    ], [
        O("Make it quick for sellers to go live", [
            KR("approval", "unambitious", 0.5, phrase="listing approval time"),
            KR("s2p", "healthy", 1.7, phrase="search-to-purchase conversion"),
        ], team="marketplace"),
    ], org="TradePost"),
    # ------------------------------------------------------------------ HR / people
    P("orbit-talent-2026q1", "HR / recruiting", "2026-Q1", [
        K("tth", "Time to hire", "days", "lower", "monthly", 52.0, -0.5, 1.6, dec=0, months=30),
        K("offeracc", "Offer acceptance rate", "%", "higher", "monthly", 74.0, 0.15, 1.8, dec=1, months=30),
        K("cph", "Cost per hire", "$", "lower", "monthly", 5200, -20, 160, dec=0, months=30),
    ], [
        O("Hire great people before competitors do", [
            KR("tth", "unambitious", 0.3, phrase="time to hire"),
            KR("offeracc", "healthy", 1.4, phrase="the offer acceptance rate"),
            KR("cph", "unrealistic", 4.0, phrase="cost per hire", rel="pct"),
        ], team="talent"),
    ], owners=True, org="Orbit"),
    P("kestrel-people-2026q2", "HR / people operations", "2026-Q2", [
        K("onboard", "New-hire onboarding completion rate", "%", "higher", "monthly", 68.0, 0.6, 1.5, dec=1, months=28),
        K("mobility", "Internal mobility applications", "count", "higher", "monthly", 42, 0.8, 4, dec=0, months=30),
    ], [
        O("Give every new hire a strong start and a path to grow", [
            KR("onboard", "healthy", 1.5, phrase="the new-hire onboarding completion rate"),
            KR("mobility", "unambitious", 0.0, phrase="internal mobility applications", suffix=" a month", rel="pct"),
        ], team="people"),
    ], org="Kestrel Labs"),
    P("lumen-recruiting-2025q4", "HR / recruiting", "2025-Q4", [
        K("apps", "Qualified applications per opening", "count", "higher", "monthly", 18.0, 0.15, 1.4, dec=1, months=27),
        K("i2o", "Interview-to-offer rate", "%", "higher", "monthly", 21.0, 0.05, 1.1, dec=1, months=27),
        K("tfi", "Time to first interview", "days", "lower", "monthly", 11.0, -0.05, 0.6, dec=1, months=27),
    ], [
        O("Make our hiring process the fastest candidates have seen", [
            KR("tfi", "healthy", 1.6, phrase="time to first interview"),
            KR("i2o", "unrealistic", 4.5, phrase="the interview-to-offer rate"),
        ], team="recruiting"),
        O("Attract strong applicants to every opening", [
            KR("apps", "healthy", 2.75, phrase="qualified applications per opening"),
            KR("apps", None, None, text="Increase referrals as a share of hires from 18% to 25%"),
        ], team="recruiting"),
    ], owners=True, org="Lumen Health"),
    P("cobalt-ld-2026q3", "HR / learning and development", "2026-Q3", [
        K("pulse", "Manager 1:1 coverage", "%", "higher", "monthly", 61.0, 0.9, 1.4, dec=1, months=30, brk=(8, 0.0)),
        K("lms", "Weekly active learners", "count", "higher", "weekly", 610, 4, 22, season=20, dec=0, months=26),
    ], [
        O("Make growth conversations a habit for every manager", [
            KR("pulse", "unambitious", 0.3, phrase="manager 1:1 coverage"),
            KR("lms", "healthy", 1.5, phrase="weekly active learners"),
        ], team="people"),
    ], org="Cobalt"),
    # ------------------------------------------------------------------ engineering
    P("quarry-platform-2026q1", "engineering / DevOps", "2026-Q1", [
        K("deploys", "Deployments per week", "count", "higher", "weekly", 21, 0.35, 2.2, dec=0, months=27),
        K("leadtime", "Lead time for changes", "hours", "lower", "monthly", 46.0, -0.7, 1.6, dec=1, months=30),
        K("cfr", "Change failure rate", "%", "lower", "monthly", 17.0, -0.1, 0.7, dec=1, months=30),
    ], [
        O("Ship small changes safely and often", [
            KR("deploys", "healthy", 1.4, phrase="deployments", suffix=" a week"),
            KR("leadtime", "unambitious", 0.5, phrase="lead time for changes"),
            KR("cfr", "unrealistic", 3.3, phrase="the change failure rate"),
        ], team="platform"),
    ], owners=True, org="Quarry"),
    P("tidewater-sre-2026q2", "engineering / SRE", "2026-Q2", [
        K("mttr", "Mean time to restore", "minutes", "lower", "monthly", 95, -1.2, 6, dec=0, months=30),
        K("uptime", "Monthly uptime", "%", "higher", "monthly", 99.62, 0.004, 0.05, dec=2, months=30, hi=99.99),
        K("p1", "P1 incidents per month", "count", "lower", "monthly", 9.0, -0.08, 1.1, dec=0, months=30, lo=1),
    ], [
        O("Make outages rare and short", [
            KR("mttr", "unambitious", 0.0, phrase="mean time to restore"),
            KR("uptime", "pct_over", 100.5, phrase="monthly uptime"),
            KR("p1", "healthy", 1.0, phrase="P1 incidents", suffix=" a month"),
        ], team="sre"),
    ], org="Tidewater"),
    P("nimbus-qa-2025q3", "engineering / quality", "2025-Q3", [
        K("coverage", "Test coverage", "%", "higher", "monthly", 54.0, 0.3, 0.8, dec=1, months=28),
        K("escaped", "Escaped defects per month", "count", "lower", "monthly", 34, -0.3, 3, dec=0, months=28),
        K("build", "CI build time", "minutes", "lower", "weekly", 24.0, -0.1, 0.7, dec=1, months=26),
    ], [
        O("Catch problems before our customers do", [
            KR("coverage", "unrealistic", None, phrase="test coverage", fixed=100),
            KR("escaped", "healthy", 1.3, phrase="escaped defects", suffix=" a month"),
            KR("build", "unambitious", 0.8, phrase="CI build time"),
        ], team="quality"),
    ], owners=True, org="Nimbus"),
    P("vantage-mobile-2026q1", "engineering / mobile", "2026-Q1", [
        K("crashfree", "Crash-free sessions", "%", "higher", "weekly", 98.6, 0.02, 0.12, dec=2, months=26, hi=99.95),
        K("startup", "Cold start time", "seconds", "lower", "weekly", 2.9, -0.015, 0.08, dec=2, months=26),
    ], [
        O("Make the app feel instant and dependable", [
            KR("crashfree", "healthy_noise", 1.3, phrase="crash-free sessions"),
            KR("startup", "healthy", 1.5, phrase="cold start time"),
        ], team="mobile"),
    ], org="Vantage"),
    P("harbourline-data-2026q2", "engineering / data platform", "2026-Q2", [
        K("freshness", "Dashboards refreshed on time", "%", "higher", "monthly", 68.0, 0.35, 1.0, dec=1, months=30),
        K("querytime", "Median warehouse query time", "seconds", "lower", "weekly", 14.0, -0.05, 0.6, dec=1, months=26, brk=(6, -0.35)),
    ], [
        O("Give analysts fresh, fast data every morning", [
            KR("freshness", "unrealistic", 3.25, phrase="the share of dashboards refreshed on time"),
            KR("querytime", "unambitious", 0.4, phrase="median warehouse query time"),
        ], team="data"),
    ], owners=True, org="Harbourline"),
    # ------------------------------------------------------------------ finance
    P("copperleaf-finance-2026q2", "finance", "2026-Q2", [
        K("dso", "Days sales outstanding", "days", "lower", "monthly", 52.0, -0.25, 1.4, dec=1, months=30),
        K("close", "Month-end close duration", "days", "lower", "monthly", 9.0, -0.05, 0.35, dec=1, months=30),
        K("ontimepay", "Invoices paid on time", "%", "higher", "monthly", 74.0, 0.45, 0.7, dec=1, months=30),
    ], [
        O("Turn sales into cash faster", [
            KR("dso", "healthy", 1.3, phrase="days sales outstanding", rel="pct"),
            KR("ontimepay", "unambitious", 0.5, phrase="invoices paid on time"),
        ], team="finance"),
        O("Close the books without the end-of-month scramble", [
            KR("close", "unrealistic", 5.0, phrase="month-end close", verb="Shorten"),
            KR("close", None, None, text="Reduce manual journal entries from 420 to 250 a month"),
        ], team="finance"),
    ], org="Copperleaf"),
    P("meridian-ap-2026q1", "finance / accounts payable", "2026-Q1", [
        K("cpi", "Cost per invoice processed", "$", "lower", "monthly", 6.8, -0.04, 0.12, dec=2, months=30),
        K("touchless", "Touchless invoice rate", "%", "higher", "monthly", 28.0, 0.8, 1.2, dec=1, months=30),
        K("overdue", "Overdue receivables", "$", "lower", "monthly", 1450000, -6000, 60000, dec=-3, months=30),
    ], [
        O("Run payables like a well-oiled machine", [
            KR("cpi", "unambitious", 0.6, phrase="cost per invoice processed"),
            KR("touchless", "healthy", 1.4, phrase="the touchless invoice rate"),
            KR("overdue", "healthy", 2.8, phrase="overdue receivables"),
        ], team="finance-ops"),
    ], owners=True, org="Meridian"),
    P("saltmarsh-fpa-2025q4", "finance / FP&A", "2025-Q4", [
        K("fcacc", "Forecast accuracy", "%", "higher", "monthly", 86.0, 0.1, 1.1, dec=1, months=27),
        K("variance", "Budget variance", "%", "lower", "monthly", 7.5, -0.03, 0.25, dec=1, months=27),
    ], [
        O("Give leaders numbers they can plan on", [
            KR("fcacc", "healthy", 1.3, phrase="forecast accuracy"),
            KR("variance", "unrealistic", 4.0, phrase="budget variance"),
        ], team="fpa"),
    ], org="Saltmarsh"),
    P("payfern-risk-2026q2", "fintech / payments risk", "2026-Q2", [
        K("fraud", "Fraud loss rate", "bps", "lower", "monthly", 42, -0.2, 2, dec=0, months=30),
        K("chargeback", "Chargeback rate", "%", "lower", "monthly", 0.95, -0.004, 0.04, dec=2, months=30),
        K("manual", "Manual review rate", "%", "lower", "weekly", 12.5, -0.06, 0.4, dec=1, months=26),
    ], [
        O("Stop fraud without slowing down good customers", [
            KR("fraud", "healthy_noise", 1.4, phrase="the fraud loss rate"),
            KR("chargeback", "unrealistic", 3.6, phrase="the chargeback rate"),
            KR("manual", "healthy", 1.5, phrase="the manual review rate"),
        ], team="risk"),
    ], owners=True, org="PayFern"),
    # ------------------------------------------------------------------ public sector
    P("riverton-permits-2026q2", "public sector / local government", "2026-Q2", [
        K("permit", "Permit processing time", "days", "lower", "monthly", 38.0, -0.2, 0.9, dec=1, months=30),
        K("online", "Online application share", "%", "higher", "monthly", 41.0, 0.7, 1.1, dec=1, months=30),
        K("answer", "Call answer rate", "%", "higher", "weekly", 79.0, 0.15, 1.2, season=1.0, dec=1, months=26),
    ], [
        O("Make building permits quick and predictable", [
            KR("permit", "unrealistic", 4.0, phrase="permit processing time"),
            KR("online", "healthy", 2.8, phrase="the share of permit applications made online"),
        ], team="permits"),
        O("Answer residents the first time they call", [
            KR("answer", "unambitious", 0.5, phrase="the call answer rate"),
            KR("answer", None, None, text="Raise calls resolved without a callback from 62% to 70%"),
        ], team="contact-centre"),
    ], org="City of Riverton"),
    P("eastvale-311-2026q1", "public sector / city services", "2026-Q1", [
        K("wait311", "311 average wait time", "minutes", "lower", "weekly", 7.5, -0.05, 0.4, season=0.3, dec=1, months=26),
        K("pothole", "Pothole repair time", "days", "lower", "monthly", 12.0, -0.12, 0.6, season=0.8, dec=1, months=30),
        K("firstvisit", "Requests closed on the first visit", "%", "higher", "monthly", 66.0, 0.2, 1.2, dec=1, months=30),
    ], [
        O("Fix what residents report quickly", [
            KR("wait311", "healthy", 1.5, phrase="the 311 average wait time"),
            KR("pothole", "unambitious", 0.8, phrase="pothole repair time", rel="pct"),
            KR("firstvisit", "healthy", 1.5, phrase="requests closed on the first visit"),
        ], team="city-services"),
    ], owners=True, org="Eastvale"),
    P("northshire-library-2025q4", "public sector / libraries", "2025-Q4", [
        K("cards", "New library card sign-ups", "count", "higher", "monthly", 820, 4, 45, season=60, dec=0, months=30),
        K("eloans", "Digital loans", "count", "higher", "monthly", 15200, 180, 500, dec=0, months=30),
    ], [
        O("Bring more residents into the library", [
            KR("cards", "unrealistic", 4.0, phrase="new library card sign-ups", suffix=" a month", rel="x"),
            KR("eloans", "healthy", 2.85, phrase="digital loans", suffix=" a month", rel="pct"),
        ], team="libraries"),
    ], org="Northshire County"),
    P("harbor-dmv-2026q3", "public sector / motor vehicles", "2026-Q3", [
        K("dmvwait", "Average wait at service centres", "minutes", "lower", "weekly", 41.0, -0.2, 2.0, season=2.5, dec=0, months=26),
        K("onlinebook", "Appointments booked online", "%", "higher", "monthly", 48.0, 0.6, 1.2, dec=1, months=30),
    ], [
        O("Make a visit to the DMV painless", [
            KR("dmvwait", "healthy_noise", 1.35, phrase="the average wait at service centres"),
            KR("onlinebook", "unrealistic", 4.0, phrase="the share of appointments booked online"),
        ], team="service-centres"),
    ], owners=True, org="Harbor State DMV"),
    # ------------------------------------------------------------------ manufacturing
    P("ironbridge-plant-2026q1", "manufacturing", "2026-Q1", [
        K("defect", "Defect rate", "%", "lower", "weekly", 2.6, -0.012, 0.12, dec=2, months=26),
        K("oee", "Overall equipment effectiveness", "%", "higher", "monthly", 64.0, 0.2, 1.0, dec=1, months=30),
        K("downtime", "Unplanned downtime", "hours", "lower", "monthly", 48.0, -0.5, 3.0, dec=1, months=30),
    ], [
        O("Build it right the first time on every line", [
            KR("defect", "healthy", 1.5, phrase="the defect rate"),
            KR("oee", "unrealistic", 5.0, phrase="overall equipment effectiveness"),
            KR("downtime", "unambitious", 0.5, phrase="unplanned downtime", suffix=" a month"),
        ], team="operations"),
    ], org="Ironbridge Components"),
    P("copperline-assembly-2026q2", "manufacturing / assembly", "2026-Q2", [
        K("scrap", "Scrap rate", "%", "lower", "monthly", 4.8, -0.04, 0.15, dec=2, months=30),
        K("changeover", "Changeover time", "minutes", "lower", "monthly", 52, -0.6, 2.0, dec=0, months=30),
        K("uplh", "Units per labour hour", "count", "higher", "monthly", 12.4, 0.05, 0.18, dec=2, months=30),
    ], [
        O("Get more good units out of every shift", [
            KR("scrap", "unambitious", 0.0, phrase="the scrap rate"),
            KR("changeover", "healthy", 1.4, phrase="changeover time"),
            KR("uplh", "unrealistic", 3.2, phrase="units per labour hour"),
        ], team="assembly"),
    ], owners=True, org="Copperline"),
    P("alder-foods-2025q4", "manufacturing / food production", "2025-Q4", [
        K("otif", "On-time in-full shipments", "%", "higher", "monthly", 88.0, 0.15, 0.9, dec=1, months=27),
        K("fpy", "First-pass yield", "%", "higher", "monthly", 94.0, 0.08, 0.4, dec=1, months=27, hi=99.9),
    ], [
        O("Ship every order complete and on time", [
            KR("otif", "healthy", 1.5, phrase="on-time in-full shipments"),
            KR("fpy", "unambitious", 0.2, phrase="first-pass yield"),
        ], team="operations"),
        O("Make quality problems rare on the production floor", [
            KR("fpy", None, None, text="Reduce customer complaints about foreign bodies from 14 to 6 a quarter"),
            KR("otif", None, None, text="Reduce batches held for quality checks from 3.2% to 2%"),
        ], team="quality"),
    ], org="Alder Foods"),
    P("summit-metals-2026q1", "manufacturing / metals", "2026-Q1", [
        K("energy", "Energy use per tonne", "kWh", "lower", "monthly", 540, -1.5, 7, season=6, dec=0, months=30),
        K("ltir", "Lost-time incident rate", "count", "lower", "monthly", 1.9, -0.01, 0.08, dec=2, months=30),
    ], [
        O("Make the plant safer and leaner", [
            KR("energy", "healthy", 1.4, phrase="energy use per tonne"),
            KR("ltir", "unrealistic", 3.5, phrase="the lost-time incident rate"),
        ], team="plant"),
    ], owners=True, org="Summit Metals"),
    # ------------------------------------------------------------------ other
    P("swiftlane-logistics-2026q2", "logistics", "2026-Q2", [
        K("otd", "On-time delivery", "%", "higher", "weekly", 88.0, 0.2, 0.6, dec=1, months=26),
        K("cpp", "Cost per parcel", "$", "lower", "monthly", 4.6, -0.015, 0.06, dec=2, months=30),
        K("damage", "Damaged parcel rate", "%", "lower", "monthly", 1.4, -0.008, 0.06, dec=2, months=30),
    ], [
        O("Deliver every parcel on time and intact", [
            KR("otd", "healthy", 1.3, phrase="on-time delivery"),
            KR("cpp", "healthy", 1.4, phrase="cost per parcel"),
            KR("damage", "unambitious", 0.5, phrase="the damaged parcel rate"),
        ], team="operations"),
    ], org="Swiftlane"),
    P("stmarys-clinic-2026q1", "healthcare operations", "2026-Q1", [
        K("edwait", "Emergency department wait time", "minutes", "lower", "weekly", 148, -0.5, 4, season=4, dec=0, months=26),
        K("noshow", "Appointment no-show rate", "%", "lower", "monthly", 11.5, -0.06, 0.4, dec=1, months=30),
        K("sameday", "Same-day appointment availability", "%", "higher", "monthly", 22.0, 0.35, 1.0, dec=1, months=30),
    ], [
        O("See patients sooner", [
            KR("edwait", "unrealistic", 4.0, phrase="the emergency department wait time"),
            KR("sameday", "healthy", 1.5, phrase="same-day appointment availability"),
        ], team="operations"),
        O("Make every booked appointment count", [
            KR("noshow", "unambitious", 0.5, phrase="the appointment no-show rate"),
            KR("noshow", None, None, text="Raise appointments confirmed by text from 45% to 75%"),
        ], team="patient-access"),
    ], owners=True, org="St Mary's Clinic"),
    P("oakridge-online-2026q3", "education / online learning", "2026-Q3", [
        K("completion", "Course completion rate", "%", "higher", "monthly", 34.0, 0.25, 1.0, dec=1, months=30),
        K("learners", "Weekly active learners", "count", "higher", "weekly", 12800, 110, 380, season=700, dec=0, months=26),
    ], [
        O("Help learners finish what they start", [
            KR("completion", "healthy", 1.5, phrase="the course completion rate"),
            KR("learners", "unambitious", 0.0, phrase="weekly active learners", rel="pct"),
        ], team="learning"),
    ], org="Oakridge Online"),
    P("glacier-it-2026q1", "internal IT service desk", "2026-Q1", [
        K("provision", "Laptop provisioning time", "days", "lower", "monthly", 6.5, -0.04, 0.3, dec=1, months=30),
        K("resets", "Password reset tickets per week", "count", "lower", "weekly", 160, -0.8, 9, dec=0, months=26),
        K("desk", "Service desk availability", "%", "higher", "monthly", 99.2, 0.01, 0.2, dec=1, months=30, hi=99.9),
    ], [
        O("Get every employee working from day one", [
            KR("provision", "healthy", 1.5, phrase="laptop provisioning time"),
            KR("resets", "unambitious", 0.3, phrase="password reset tickets", suffix=" a week"),
            KR("desk", "maintain", 99, extra=["kpi-as-okr"], text="Keep service desk availability above 99%"),
        ], team="it"),
    ], owners=True, org="Glacier"),
    P("wavelength-subs-2026q2", "consumer subscriptions", "2026-Q2", [
        K("churn", "Monthly subscriber churn", "%", "lower", "monthly", 6.2, -0.05, 0.16, season=0.15, dec=2, months=30),
        K("trialstart", "Free trial starts per week", "count", "higher", "weekly", 2300, 20, 90, season=120, dec=0, months=26),
        K("paywall", "Paywall conversion", "%", "higher", "monthly", 3.1, 0.02, 0.1, dec=2, months=30),
    ], [
        O("Grow a subscriber base that sticks around", [
            KR("churn", "healthy", 1.2, extra=["lagging-indicator"], phrase="monthly subscriber churn"),
            KR("trialstart", "healthy", 2.9, phrase="free trial starts", suffix=" a week"),
            KR("paywall", "unrealistic", 4.0, phrase="paywall conversion"),
        ], team="growth"),
    ], org="Wavelength"),
    P("greenway-transit-2026q3", "public sector / transit", "2026-Q3", [
        K("ontimebus", "Bus on-time performance", "%", "higher", "monthly", 72.0, 0.1, 1.3, season=1.5, dec=1, months=30),
        K("farecard", "Contactless fare share", "%", "higher", "monthly", 34.0, 1.0, 1.0, dec=1, months=30, brk=(10, 0.3)),
    ], [
        O("Make the bus a reliable way to get to work", [
            KR("ontimebus", "healthy", 1.4, phrase="bus on-time performance"),
            KR("farecard", "unambitious", 0.6, phrase="the contactless fare share"),
        ], team="operations"),
    ], owners=True, org="Greenway Transit"),
    P("atlas-procurement-2025q3", "finance / procurement", "2025-Q3", [
        K("cycle", "Purchase order cycle time", "days", "lower", "monthly", 12.0, -0.08, 0.5, dec=1, months=27),
        K("contracted", "Spend under contract", "%", "higher", "monthly", 61.0, 0.45, 1.0, dec=1, months=27),
    ], [
        O("Make buying for the business simple", [
            KR("cycle", "healthy_noise", 1.3, phrase="purchase order cycle time"),
            KR("contracted", "unrealistic", None, phrase="spend under contract", fixed=102),
        ], team="procurement"),
    ], org="Atlas Group"),
]


# ---------------------------------------------------------------------------------------------- output
OWNERS = ["Priya Raman", "Sam Okafor", "Lena Fischer", "Marco Rossi", "Aiko Tanaka", "Tomás Silva", "Grace Mensah",
          "Noah Berg", "Fatima Zahra", "Oliver Kent", "Mei Lin", "Jonas Weber", "Ana Costa", "Ravi Iyer", "Chloé Martin"]
INTENDED = {"unrealistic": {"unrealistic-target"}, "pct_over": {"unrealistic-target"}, "unambitious": {"unambitious-target"},
            "healthy": set(), "healthy_noise": set(), "maintain": set()}


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def num(v) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v) if isinstance(v, int) else f"{v:.2f}".rstrip("0").rstrip(".")


def build():
    out = []
    stats = []
    owner_i = 0
    verb_i = 0
    for plan in PLANS:
        cycle_start, cycle_end = cycle_bounds(plan["cycle"])
        kpis = {k["id"]: k for k in plan["kpis"]}
        history = {k["id"]: generate(k, cycle_start) for k in plan["kpis"]}
        lines = [f"  - name: {plan['name']}", f"    domain: {plan['domain']}", "    plan:"]
        if plan["org"]:
            lines.append(f"      organisation: {q(plan['org'])}")
        lines.append(f"      cycle: {plan['cycle']}")
        if plan["strategy"]:
            lines.append("      strategy:")
            lines.append("        pillars:")
            for pid, title in plan["strategy"]:
                lines.append(f"          - {{id: {pid}, title: {title}}}")
        lines.append("      kpis:")
        for k in plan["kpis"]:
            formula = FORMULAS[k["name"]]
            unit = {"$": "USD", "€": "EUR"}.get(k["unit"], k["unit"])
            if isinstance(formula, tuple):
                formula, unit = formula
            series = history[k["id"]]
            g = 1 if k["direction"] == "higher" else -1
            goal = series[-1][1] + g * largest_change(series)
            step = 10 ** (-k["dec"]) if k["dec"] > 0 else 10 ** (-k["dec"])
            for s_ in (1000, 500, 100, 50, 10, 5, 1, 0.5, 0.1, 0.05, 0.01):
                if s_ <= abs(goal) / 20 and s_ >= (10 ** (-k["dec"])):
                    step = s_
                    break
            goal = nice(goal, step)
            if k["unit"] == "%":
                goal = min(goal, 99.9 if k["hi"] is None else k["hi"])
            kpi_owner = OWNERS[(owner_i + 7) % len(OWNERS)]
            owner_i += 1
            lines.append(f"        - {{id: {k['id']}, name: {k['name']}, unit: {q(unit)}, direction: {k['direction']}, cadence: {k['cadence']},")
            lines.append(f"           formula: {q(formula)}, target: {num(goal)}, owner: {kpi_owner}}}")
        lines.append("      objectives:")
        for obj in plan["objectives"]:
            if obj["id"]:
                lines.append(f"        - id: {obj['id']}")
                lines.append(f"          title: {obj['title']}")
            else:
                lines.append(f"        - title: {obj['title']}")
            if obj["team"]:
                lines.append(f"          team: {obj['team']}")
            if plan["owners"]:
                lines.append(f"          owner: {OWNERS[owner_i % len(OWNERS)]}")
                owner_i += 1
            if obj["aligns_to"]:
                lines.append(f"          aligns_to: {obj['aligns_to']}")
            lines.append("          expect: []")
            lines.append("          key_results:")
            for kr in obj["krs"]:
                expect = list(kr["extra"])
                link = ""
                if kr["kpi"]:
                    k = kpis[kr["kpi"]]
                    series = history[kr["kpi"]]
                    try:
                        target = choose_target(k, series, plan["cycle"], kr["kind"], kr["param"])
                    except ValueError as e:
                        print("ERROR", plan["name"], e, file=sys.stderr)
                        continue
                    maintain = kr["kind"] == "maintain"
                    g = 1 if k["direction"] == "higher" else -1
                    last = series[-1][1]
                    if kr["rel"] == "pct":
                        pct = round(abs(target - last) / last * 100)
                        target = last * (1 + g * pct / 100)
                    elif kr["rel"] == "x":
                        target = last * 2 if g > 0 else last / 2
                    got, info = labels_for(k, series, plan["cycle"], target, maintain=maintain)
                    if kr["kind"] in INTENDED and got != INTENDED[kr["kind"]]:
                        print(f"ERROR {plan['name']}/{k['id']}: intended {kr['kind']} got {got} {info}", file=sys.stderr)
                    if kr["text"]:
                        title = kr["text"]
                    else:
                        verbs = VERBS[k["direction"]]
                        verb = kr["verb"] or verbs[verb_i % len(verbs)]
                        verb_i += 1
                        title = f"{verb} {kr['phrase']} from {fmt(k, info['last'])} to {fmt(k, target)}{kr['suffix']}"
                        if kr["rel"] == "pct":
                            title = f"{verb} {kr['phrase']} by {pct}% from {fmt(k, info['last'])}{kr['suffix']}"
                        elif kr["rel"] == "x":
                            title = f"Double {kr['phrase']} from {fmt(k, info['last'])}{kr['suffix']}"
                    expect = sorted(got) + expect
                    link = f", kpi: {k['id']}"
                    g = 1 if k["direction"] == "higher" else -1
                    z = g * (target - info["proj"]) / info["noise"] if info["noise"] else 0
                    why = []
                    if k["unit"] == "%" and not 0 <= target <= 100:
                        why.append("% target outside 0-100")
                    stats.append(dict(plan=plan["name"], kpi=k["id"], kind=kr["kind"], got=got, ratio=info["ratio"], z=z,
                                      title=title))
                    comment = (f"# last {num(info['last'])}" + (f"; relative target = {num(round(target, 2))}" if kr["rel"] else "") + f"; largest 92-day change {num(round(info['largest'], 2))}"
                               f" (x3 = {num(round(3 * info['largest'], 2))}), needs {num(round(abs(target - info['last']), 2))}"
                               f" = {info['ratio']:.2f}x; trend at {cycle_end} {num(round(info['proj'], 2))}"
                               f" +/- {num(round(info['noise'], 2))}, target is {z:+.2f} sd {'beyond' if z >= 0 else 'short of'} it"
                               + ("; " + "; ".join(why) if why else "") + (" (maintain: never unambitious)" if maintain else ""))
                    lines.append(f"            {comment}")
                else:
                    title = kr["text"]
                owner = ""
                if plan["owners"]:
                    owner = f", owner: {OWNERS[owner_i % len(OWNERS)]}"
                    owner_i += 1
                lines.append(f"            - {{title: {q(title)}{link}{owner}, expect: [{', '.join(expect)}]}}")
        lines.append("    history:")
        for kid, series in history.items():
            per_line = 6
            lines.append(f"      {kid}: [")
            chunks = [series[i : i + per_line] for i in range(0, len(series), per_line)]
            for ci, chunk in enumerate(chunks):
                body = ", ".join(f"[{d.isoformat()}, {num(v)}]" for d, v in chunk)
                lines.append(f"        {body}{',' if ci < len(chunks) - 1 else ']'}")
        out.append("\n".join(lines))
    return out, stats


# formula (and the unit word for counts) of every KPI, so the KPIs are fully defined
FORMULAS = {
    "Median first response time": "median hours from ticket creation to the first human reply, per week",
    "First-contact resolution rate": "tickets solved without a follow-up contact / tickets solved, per month",
    "Open ticket backlog": ("open tickets older than 24 hours, counted every Monday", "tickets"),
    "Average resolution time": "mean hours from ticket creation to resolution, per month",
    "Self-service resolution share": "issues resolved in the help centre or bot / all issues raised, per month",
    "Abandoned chat rate": "chats the customer left before an agent joined / chats started, per week",
    "Chat wait time": "mean seconds from chat request to the first agent message, per week",
    "Reopened ticket rate": "tickets reopened within 7 days / tickets solved, per month",
    "Email time to resolution": "median hours from the first email to resolution, per month",
    "Help-centre deflection rate": "help-centre sessions not followed by a ticket within 24 hours / sessions, per month",
    "Trial-to-paid conversion": "trials converting to a paid plan within 30 days / trials started, per monthly cohort",
    "Weekly active teams": ("teams with 3+ active members in the week", "teams"),
    "Activation rate": "new workspaces completing the setup checklist within 7 days / new workspaces, per month",
    "Pipeline created": "sum of opportunity amounts created in the month, in USD",
    "Win rate on qualified opportunities": "opportunities won / qualified opportunities closed, per month",
    "Monthly logo churn": "customers cancelling in the month / customers at the start of the month",
    "Dashboard feature adoption": "active accounts that viewed a dashboard in the month / active accounts",
    "Weekly signups": ("new accounts created in the week", "signups"),
    "Time to first value": "median days from signup to the first published form, per monthly cohort",
    "Monthly customer churn": "customers cancelling in the month / customers at the start of the month",
    "Accounts with a green health score": "accounts scored green by the health model / active accounts, month end",
    "Support tickets per account": ("tickets opened in the month / active accounts", "tickets per account"),
    "API error rate": "5xx responses / all API responses, per week",
    "p95 API latency": "95th percentile API response time over the week, in milliseconds",
    "Docs search success rate": "docs searches followed by a page view of 30+ seconds / docs searches, per month",
    "Site conversion rate": "sessions with an order / sessions, per month",
    "Average order value": "order revenue / orders, per month, in USD",
    "Cart abandonment rate": "carts created without an order within 24 hours / carts created, per month",
    "Weekly orders": ("orders placed in the week", "orders"),
    "Return rate": "items returned / items shipped, per month",
    "Repeat purchase rate": "customers ordering again within 60 days / customers ordering, per monthly cohort",
    "On-time delivery rate": "orders delivered in the promised slot / orders delivered, per week",
    "Mobile page load time": "median largest contentful paint on mobile, per week, in seconds",
    "Organic visits per week": ("sessions from organic search in the week", "visits"),
    "Email click-through rate": "unique clicks / emails delivered, per month",
    "Cost per acquisition": "paid marketing spend / new customers from paid channels, per month, in USD",
    "Listing approval time": "median hours from listing submission to approval, per month",
    "Search-to-purchase conversion": "search sessions ending in a purchase / search sessions, per month",
    "Time to hire": "median days from requisition approval to accepted offer, per month",
    "Offer acceptance rate": "offers accepted / offers made, per month",
    "Cost per hire": "recruiting spend / hires, per month, in USD",
    "New-hire onboarding completion rate": "new hires completing all onboarding steps by day 30 / new hires, per month",
    "Internal mobility applications": ("applications from employees to internal openings in the month", "applications"),
    "Qualified applications per opening": ("applications passing screening / open roles, per month", "applications per opening"),
    "Interview-to-offer rate": "candidates receiving an offer / candidates interviewed onsite, per month",
    "Time to first interview": "median days from application to the first interview, per month",
    "Manager 1:1 coverage": "direct reports with a 1:1 held in the month / direct reports",
    "Weekly active learners": ("learners completing at least one lesson in the week", "learners"),
    "Deployments per week": ("production deployments in the week", "deployments"),
    "Lead time for changes": "median hours from merge to running in production, per month",
    "Change failure rate": "deployments causing an incident or rollback / deployments, per month",
    "Mean time to restore": "mean minutes from incident start to service restored, per month",
    "Monthly uptime": "minutes the service met its availability SLO / minutes in the month",
    "P1 incidents per month": ("priority-1 incidents opened in the month", "incidents"),
    "Test coverage": "lines covered by automated tests / executable lines, month end",
    "Escaped defects per month": ("bugs found in production in the month", "defects"),
    "CI build time": "median minutes of the main-branch CI pipeline, per week",
    "Crash-free sessions": "sessions without a crash / sessions, per week",
    "Cold start time": "median seconds from app launch to the first interactive screen, per week",
    "Dashboards refreshed on time": "tier-1 dashboards refreshed by 07:00 / tier-1 dashboards, per month",
    "Median warehouse query time": "median seconds of analyst queries in the warehouse, per week",
    "Days sales outstanding": "accounts receivable / credit sales x days in the period, month end",
    "Month-end close duration": "working days from month end to closed books",
    "Invoices paid on time": "customer invoices paid by the due date / invoices due, per month",
    "Cost per invoice processed": "accounts payable operating cost / invoices processed, per month, in USD",
    "Touchless invoice rate": "invoices posted without manual touch / invoices posted, per month",
    "Overdue receivables": "receivables more than 30 days past due, month end, in USD",
    "Forecast accuracy": "1 - |forecast - actual| / actual for monthly operating expenses",
    "Budget variance": "|actual - budget| / budget for monthly operating expenses",
    "Fraud loss rate": "fraud losses / payment volume, per month, in basis points",
    "Chargeback rate": "chargebacks / card transactions, per month",
    "Manual review rate": "transactions sent to manual review / transactions screened, per week",
    "Permit processing time": "median calendar days from complete application to decision, per month",
    "Online application share": "permit applications submitted online / permit applications, per month",
    "Call answer rate": "calls answered by an agent / calls offered, per week",
    "311 average wait time": "mean minutes callers wait before an agent answers, per week",
    "Pothole repair time": "median days from report to repair, per month",
    "Requests closed on the first visit": "service requests closed at the first crew visit / requests closed, per month",
    "New library card sign-ups": ("library cards issued to new members in the month", "cards"),
    "Digital loans": ("e-book and audiobook loans in the month", "loans"),
    "Average wait at service centres": "mean minutes from check-in to being served, per week",
    "Appointments booked online": "service-centre appointments booked online / appointments booked, per month",
    "Defect rate": "units failing final inspection / units inspected, per week",
    "Overall equipment effectiveness": "availability x performance x quality of the bottleneck lines, per month",
    "Unplanned downtime": "hours of unplanned line stoppage in the month",
    "Scrap rate": "material scrapped / material issued, by weight, per month",
    "Changeover time": "median minutes from last good part to first good part, per month",
    "Units per labour hour": ("good units / direct labour hours, per month", "units per labour hour"),
    "On-time in-full shipments": "orders shipped complete by the promised date / orders shipped, per month",
    "First-pass yield": "batches passing QA without rework / batches produced, per month",
    "Energy use per tonne": "kWh consumed / tonnes shipped, per month",
    "Lost-time incident rate": ("lost-time incidents x 200,000 / hours worked, rolling 12 months", "incidents per 200k hours"),
    "On-time delivery": "parcels delivered by the promised day / parcels delivered, per week",
    "Cost per parcel": "network operating cost / parcels delivered, per month, in USD",
    "Damaged parcel rate": "parcels reported damaged / parcels delivered, per month",
    "Emergency department wait time": "median minutes from arrival to first clinician contact, per week",
    "Appointment no-show rate": "booked appointments not attended and not cancelled / booked appointments, per month",
    "Same-day appointment availability": "same-day requests given a same-day slot / same-day requests, per month",
    "Course completion rate": "enrolments completing the course within 90 days / enrolments, per monthly cohort",
    "Laptop provisioning time": "median working days from start-date request to a ready laptop, per month",
    "Password reset tickets per week": ("service-desk tickets for password resets in the week", "tickets"),
    "Service desk availability": "staffed hours with an agent available / scheduled hours, per month",
    "Monthly subscriber churn": "subscribers cancelling in the month / subscribers at the start of the month",
    "Free trial starts per week": ("free trials started in the week", "trials"),
    "Paywall conversion": "visitors who subscribe at the paywall / visitors who hit the paywall, per month",
    "Bus on-time performance": "timepoint departures between 1 minute early and 5 minutes late / departures, per month",
    "Contactless fare share": "fares paid by contactless card or phone / fares paid, per month",
    "Purchase order cycle time": "median days from requisition to purchase order issued, per month",
    "Spend under contract": "spend with suppliers under a negotiated contract / addressable spend, per month",
}


HEADER_ = None
HEADER = (Path(__file__).parent / "history_header.txt").read_text(encoding="utf-8")

if __name__ == "__main__":
    plans, stats = build()
    from collections import Counter
    c = Counter()
    for s in stats:
        c["unrealistic" if "unrealistic-target" in s["got"] else "unambitious" if "unambitious-target" in s["got"] else "neither"] += 1
        print(f"{s['plan']:32} {s['kpi']:11} {str(s['kind']):14} {','.join(sorted(s['got'])) or '-':22} ratio={s['ratio']:5.2f} z={s['z']:+6.2f}  {s['title']}", file=sys.stderr)
    print(dict(c), len(PLANS), file=sys.stderr)
    text = HEADER + "plans:\n" + "\n\n".join(plans) + "\n"
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "datasets" / "labeled" / "corpus_history.yaml"
    out.write_text(text, encoding="utf-8")


