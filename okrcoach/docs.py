"""Documentation generated from the code: rule pages, the rule index and the settings reference.

`okrcoach explain RULE` prints the same page as docs/rules/<CODE>.md, so they cannot drift;
scripts/generate_docs.py writes the files and `--check` fails when they are out of date.
"""

from __future__ import annotations

from dataclasses import MISSING, fields

from okrcoach.registry import FAMILIES, REGISTRY, Rule
from okrcoach.settings import Settings


def rule_page(rule: Rule) -> str:
    """Return the Markdown page of one rule."""
    lines = [f"# {rule.name} ({rule.code})", ""]
    lines.append(f"- **Family:** {rule.family} · {FAMILIES[rule.family].split(':')[0]}")
    lines.append(f"- **Default severity:** {rule.severity.label}")
    lines.append(f"- **Applies to:** {rule.scope.replace('_', ' ')}")
    if rule.options:
        links = ", ".join(f"[`{option.replace('_', '-')}`](../configuration.md#{option.replace('_', '-')})" for option in rule.options)
        lines.append(f"- **Options:** {links}")
    if rule.preview:
        lines.append("- **Preview:** enable with `preview = true`")
    doc = rule.doc.splitlines()
    lines += ["", "## What it does", "", *doc]
    return "\n".join(lines).rstrip() + "\n"


def index_page() -> str:
    """Return the Markdown index of all rules, grouped by family."""
    import okrcoach.rules  # noqa: F401

    lines = ["# Rules", "", "Generated from the code by `scripts/generate_docs.py`; do not edit by hand.", ""]
    for family, question in FAMILIES.items():
        rules = [rule for rule in REGISTRY if rule.family == family]
        if not rules:
            continue
        lines += [f"## {family} · {question}", "", "| code | name | severity | flags |", "|---|---|---|---|"]
        lines += [f"| [{r.code}]({r.code}.md) | `{r.name}` | {r.severity.label} | {r.summary.removeprefix('Check for ')} |" for r in rules]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def configuration_page() -> str:
    """Return the Markdown reference of every setting, from the Settings fields."""
    lines = [
        "# Configuration",
        "",
        "Generated from `okrcoach/settings.py`. Put settings in `okrcoach.toml` (top-level keys) or in",
        "`pyproject.toml` under `[tool.okrcoach]`; command-line options win over the file.",
        "",
        "```toml",
        "[tool.okrcoach]",
        'select = ["S", "M", "A", "T"]',
        'ignore = ["missing-baseline"]',
        'fail-on = "error"',
        "",
        "[tool.okrcoach.limits]",
        "max-key-results = 4",
        "",
        "[tool.okrcoach.severity]",
        'too-many-key-results = "error"',
        "",
        "[tool.okrcoach.words]",
        'extend-vague-verbs = ["socialise"]',
        "```",
        "",
    ]
    for item in fields(Settings):
        default = item.default if item.default is not MISSING else "{}"
        name = item.name.replace("_", "-")
        shown = getattr(default, "label", default)
        lines += [f"## {name}", "", item.metadata.get("doc", ""), "", f"Default: `{shown!s}`".replace("`()`", "`[]`"), ""]
    return "\n".join(lines).rstrip() + "\n"
