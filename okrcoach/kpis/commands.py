"""`okrcoach kpis ...`: the KPI catalog from the command line (list, show, match, suggest, pair, split)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from okrcoach.kpis.catalog import FUNCTIONS, Catalog, CatalogKPI, default_catalog, load_catalog


def arguments(command: argparse.ArgumentParser) -> None:
    """Declare the sub-commands of `okrcoach kpis`."""
    command.add_argument("--catalog", metavar="CSV", help="a catalog file to use instead of the bundled one")
    command.add_argument("--json", action="store_true", help="print JSON instead of text")
    actions = command.add_subparsers(title="actions", metavar="ACTION", dest="action")
    listing = actions.add_parser("list", help="list catalog KPIs", description="List catalog KPIs, optionally of one function.")
    listing.add_argument("--function", choices=FUNCTIONS, help="only this function")
    listing.add_argument("--type", choices=("leading", "lagging"), help="only leading or only lagging KPIs")
    show = actions.add_parser("show", help="show one KPI", description="Show every field of one catalog KPI.")
    show.add_argument("kpi", help="a catalog id, or text naming the KPI")
    match = actions.add_parser("match", help="find the KPI a text refers to", description="Find the catalog KPI each text refers to.")
    match.add_argument("texts", nargs="+", metavar="TEXT", help="key results or KPI names, e.g. 'time to first reply'")
    match.add_argument("--context", metavar="TEXT", help="the plan's context: team, function or objective, e.g. 'manufacturing plant'")
    match.add_argument("--why", action="store_true", help="show the confidence and what the matcher saw")
    suggest = actions.add_parser("suggest", help="rank KPIs for a function or objective", description="Rank catalog KPIs for a team's function and/or an objective.")
    suggest.add_argument("--function", choices=FUNCTIONS, help="the team's function")
    suggest.add_argument("--objective", help="the objective's text")
    suggest.add_argument("--limit", type=int, default=10, help="how many to show (default 10)")
    pair = actions.add_parser("pair", help="a KPI's leading indicators and counterweights", description="Show the indicators to watch with a KPI (Andy Grove's pairing).")
    pair.add_argument("kpi", help="a catalog id, or text naming the KPI")
    split = actions.add_parser("split", help="split an annual target into months or quarters", description="Split an annual target into monthly or quarterly targets (e.g. $120M a year is $10M a month).")
    split.add_argument("annual", type=float, help="the annual target, e.g. 120000000")
    split.add_argument("--into", choices=("month", "quarter"), default="month")
    split.add_argument("--year", type=int, help="the year for the period labels")
    split.add_argument("--profile", help="12 comma-separated monthly weights for seasonality, e.g. 1,1,1,1,1,1,1,1,1,2,3,4")


def run(args: argparse.Namespace) -> int:
    """Run one `okrcoach kpis` action; print usage and return 2 without one."""
    catalog = load_catalog(args.catalog) if args.catalog else default_catalog()
    action = getattr(args, "action", None)
    if action is None:
        print("okrcoach kpis: choose an action: list, show, match, suggest, pair, split (see okrcoach kpis --help)", file=sys.stderr)
        return 2
    result = _ACTIONS[action](args, catalog)
    if args.json:
        print(json.dumps(result["data"], indent=2, ensure_ascii=False))
    else:
        print(result["text"])
    return int(result.get("code", 0))


def _record(kpi: CatalogKPI) -> dict[str, Any]:
    return {
        "id": kpi.id, "name": kpi.name, "function": kpi.function, "description": kpi.description,
        "formula": kpi.formula, "unit": kpi.unit, "direction": kpi.direction, "indicator_type": kpi.indicator_type,
        "cadence": kpi.cadence, "lag_days": kpi.lag_days, "leading_alternatives": list(kpi.leading_alternatives),
        "counterweights": list(kpi.counterweights), "vanity": kpi.vanity, "synonyms": list(kpi.synonyms), "source": kpi.source,
    }  # fmt: skip


def _find(text: str, catalog: Catalog) -> CatalogKPI:
    from okrcoach.kpis.choose import resolve_kpi

    try:
        return resolve_kpi(text, catalog)
    except KeyError:
        raise ValueError(f"no catalog KPI matches {text!r}: try `okrcoach kpis list` or `okrcoach kpis match`") from None


def _list(args: argparse.Namespace, catalog: Catalog) -> dict[str, Any]:
    kpis = [kpi for kpi in catalog if (not args.function or kpi.function == args.function) and (not args.type or kpi.indicator_type == args.type)]
    lines = [f"{kpi.id:38} {kpi.indicator_type:8} {kpi.function:17} {kpi.name}" for kpi in kpis]
    lines.append(f"{len(kpis)} KPIs")
    return {"text": "\n".join(lines), "data": [_record(kpi) for kpi in kpis]}


def _show(args: argparse.Namespace, catalog: Catalog) -> dict[str, Any]:
    kpi = _find(args.kpi, catalog)
    record = _record(kpi)
    text = "\n".join(f"{key:21} {', '.join(value) if isinstance(value, list) else value}" for key, value in record.items())
    return {"text": text, "data": record}


def _match(args: argparse.Namespace, catalog: Catalog) -> dict[str, Any]:
    from okrcoach.kpis.match import Matcher, default_matcher

    matcher = default_matcher() if catalog is default_catalog() else Matcher(catalog)
    rows, lines, missing = [], [], 0
    for text in args.texts:
        hit = matcher.match(text, context=args.context)
        missing += hit is None
        rows.append({"text": text, "kpi": hit.kpi.id if hit else None, "phrase": hit.phrase if hit else None,
                     "score": hit.score if hit else None, "exact": hit.exact if hit else None,
                     "confidence": hit.confidence if hit else None, "evidence": list(hit.evidence) if hit else []})  # fmt: skip
        if hit is None:
            best = matcher.candidates(text, context=args.context, limit=1)
            closest = f"  (closest: {best[0].kpi.id}, confidence {best[0].confidence:.0%}, below {matcher.threshold:.0%})" if best else ""
            lines.append(f"{text} -> no catalog KPI{closest if args.why else ''}")
            continue
        how = f"  (says '{hit.phrase}')" if hit.exact else f"  (close to '{hit.phrase}')"
        lines.append(f"{text} -> {hit.kpi.id}{how}")
        if args.why:
            lines.append(f"    confidence {hit.confidence:.0%}: " + "; ".join(hit.evidence))
    return {"text": "\n".join(lines), "data": rows, "code": 1 if missing else 0}


def _suggest(args: argparse.Namespace, catalog: Catalog) -> dict[str, Any]:
    from okrcoach.kpis.choose import suggest_kpis

    found = suggest_kpis(args.function, args.objective, limit=args.limit, catalog=catalog)
    lines = [f"{item.score:.2f}  {item.kpi.id:36} {'; '.join(item.reasons)}" for item in found]
    data = [{"kpi": item.kpi.id, "name": item.kpi.name, "score": item.score, "reasons": list(item.reasons)} for item in found]
    return {"text": "\n".join(lines) or "no KPI fits", "data": data}


def _pair(args: argparse.Namespace, catalog: Catalog) -> dict[str, Any]:
    from okrcoach.kpis.choose import pair

    pairing = pair(_find(args.kpi, catalog), catalog=catalog)
    data = {"kpi": pairing.kpi.id, "leading": [k.id for k in pairing.leading], "counterweights": [k.id for k in pairing.counterweights]}
    text = "\n".join([
        f"{pairing.kpi.name} ({pairing.kpi.id}, {pairing.kpi.indicator_type})",
        "  leading:        " + (", ".join(k.id for k in pairing.leading) or "-"),
        "  counterweights: " + (", ".join(k.id for k in pairing.counterweights) or "-"),
        "  " + pairing.explanation,
    ])  # fmt: skip
    return {"text": text, "data": data}


def _split(args: argparse.Namespace, catalog: Catalog) -> dict[str, Any]:
    from okrcoach.kpis.targets import decompose

    profile = None
    if args.profile:
        try:
            profile = [float(part) for part in args.profile.split(",")]
        except ValueError:
            raise ValueError(f"--profile: expected 12 comma-separated numbers, got {args.profile!r}") from None
    parts = decompose(args.annual, args.into, year=args.year, profile=profile)
    return {"text": "\n".join(f"{part.period}  {part.value:,.2f}  ({part.share:.1%})" for part in parts),
            "data": [{"period": p.period, "value": p.value, "share": p.share} for p in parts]}  # fmt: skip


_ACTIONS = {"list": _list, "show": _show, "match": _match, "suggest": _suggest, "pair": _pair, "split": _split}
