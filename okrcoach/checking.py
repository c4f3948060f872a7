"""The `okrcoach check`, `rules` and `explain` commands: load, configure, check and render."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from okrcoach.errors import LoadError
from okrcoach.findings import Severity
from okrcoach.settings import ConfigError, Settings


def settings_for(args: argparse.Namespace) -> Settings:
    """Return the settings: the config file (given, or nearest to the first path), then the options."""
    base = Settings.from_file(args.config) if args.config else Settings.discover(Path(args.paths[0]))
    select = _split(args.select) or base.select
    ignore = (*base.ignore, *_split(args.ignore))
    fail_on = Severity.parse(args.fail_on) if args.fail_on else None
    settings = base.with_options(select=select, ignore=ignore, fail_on=fail_on, preview=args.preview or None)
    import okrcoach.rules  # noqa: F401
    from okrcoach.registry import REGISTRY

    unknown = REGISTRY.validate_selectors([*settings.select, *settings.ignore])
    if unknown:
        raise ConfigError(f"unknown rule, code or family: {', '.join(unknown)} (see `okrcoach rules`)")
    return settings


def check_paths(args: argparse.Namespace) -> tuple[list[Any], bool]:
    """Load and check every path; print load problems to stderr. Return (reports, any failed)."""
    from okrcoach.engine import check
    from okrcoach.loaders import load

    settings = settings_for(args)
    history = None
    if getattr(args, "history", None):
        from okrcoach.history import load_history

        try:
            history = load_history(args.history)
        except LoadError as error:
            print(str(error), file=sys.stderr)
            return [], True
    reports, failed = [], False
    for path in args.paths:
        try:
            plan = load(path)
        except LoadError as error:
            print(str(error), file=sys.stderr)
            if getattr(args, "format", None) == "github":
                from okrcoach.render.github import problems_github

                sys.stdout.write(problems_github(error.problems))
            failed = True
            continue
        reports.append(check(plan, settings, history=history))
    return reports, failed


def render(reports: list[Any], output: str) -> str:
    """Return the reports in one output format."""
    if output == "json":
        findings = [record for report in reports for record in report.to_records()]
        scores = {report.plan.source: report.scores().plan for report in reports}
        return json.dumps({"findings": findings, "scores": scores}, ensure_ascii=False, indent=2) + "\n"
    if output == "csv":
        texts = [report.to_csv() for report in reports]
        return texts[0] + "".join(text.split("\n", 1)[1] for text in texts[1:]) if texts else ""
    if output == "github":
        from okrcoach.render.github import report_github

        return "".join(report_github(report) for report in reports)
    if output == "markdown":
        from okrcoach.render.markdown import report_markdown

        return "\n".join(report_markdown(report) for report in reports)
    from okrcoach.render.text import report_text

    return "\n".join(report_text(report) for report in reports) + "\n"


def rules_table(output: str) -> str:
    """Return the list of rules as text, JSON or Markdown."""
    import okrcoach.rules  # noqa: F401
    from okrcoach.registry import REGISTRY, describe

    if output == "json":
        return json.dumps([describe(rule) for rule in REGISTRY], indent=2) + "\n"
    if output == "markdown":
        from okrcoach.docs import index_page

        return index_page()
    lines = [f"{rule.code}  {rule.name:<24} {rule.severity.label:<8} {rule.summary.removeprefix('Check for ')}" for rule in REGISTRY]
    return "\n".join(lines) + "\n"


def explain(code_or_name: str) -> str | None:
    """Return the documentation page of one rule, or None if there is no such rule."""
    import okrcoach.rules  # noqa: F401
    from okrcoach.docs import rule_page
    from okrcoach.registry import REGISTRY

    try:
        return rule_page(REGISTRY.get(code_or_name))
    except KeyError:
        return None


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(item.strip() for value in values or () for item in value.split(",") if item.strip())
