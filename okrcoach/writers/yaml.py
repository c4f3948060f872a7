"""Plan -> YAML in the canonical OKR file layout."""

from __future__ import annotations

from typing import Any

import yaml

from okrcoach.model import Plan
from okrcoach.writers.data import plan_to_data


class _Dumper(yaml.SafeDumper):
    """Safe dumper that indents lists under their key, as people write YAML by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


_BREAKS = ("\x85", "\u2028", "\u2029", "\r")


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Double quotes escape the Unicode line breaks that plain or single-quoted YAML would fold.
    style = '"' if any(mark in value for mark in _BREAKS) else ("|" if "\n" in value else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def plan_to_yaml(plan: Plan) -> str:
    """Return the plan as YAML text that loads back into an equal plan."""
    header = "# OKR file for okrcoach: validate with `okrcoach validate`, schema with `okrcoach schema`\n"
    body = yaml.dump(plan_to_data(plan), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return header + body
