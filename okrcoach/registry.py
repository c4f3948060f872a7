"""Rule metadata, the registry that holds it, and selection by family, code or name."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from okrcoach.findings import Severity, Violation

CODE_PATTERN = re.compile(r"^[SMATKX][0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
#: Codes are never reused: a retired rule's code goes here.
RETIRED_CODES: frozenset[str] = frozenset()
FAMILIES = {
    "S": "Structure: is the set of goals focused, owned and well formed?",
    "M": "Measurability: can anyone tell whether it was achieved?",
    "A": "Alignment: does it ladder up, and does each part bear on the whole?",
    "T": "Timing: is the indicator right for the period, and is there one?",
    "K": "KPIs: is each KPI trackable, owned and worth watching?",
    "X": "Internal: problems of okrcoach itself",
}
SCOPES = ("plan", "objective", "key_result", "kpi")

RuleCheck = Callable[..., Iterable[Violation]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: its stable code and name, what it checks, and how."""

    code: str
    name: str
    scope: str
    severity: Severity
    check: RuleCheck
    options: tuple[str, ...] = ()
    preview: bool = False

    @property
    def family(self) -> str:
        """Return the family letter, e.g. 'M'."""
        return self.code[0]

    @property
    def doc(self) -> str:
        """Return the rule's documentation (its docstring)."""
        return inspect.getdoc(self.check) or ""

    @property
    def summary(self) -> str:
        """Return the first line of the documentation."""
        return self.doc.splitlines()[0] if self.doc else ""

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class RuleRegistry:
    """The rules okrcoach knows, in registration order."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self._names: dict[str, Rule] = {}

    def rule(
        self,
        code: str,
        name: str,
        *,
        scope: str,
        severity: Severity = Severity.WARNING,
        options: tuple[str, ...] = (),
        preview: bool = False,
    ) -> Callable[[RuleCheck], RuleCheck]:
        """Register the decorated function as a rule and return it unchanged."""

        def register(check: RuleCheck) -> RuleCheck:
            self.add(Rule(code, name, scope, severity, check, options, preview))
            return check

        return register

    def add(self, rule: Rule) -> None:
        """Add a rule, refusing malformed or repeated codes and names."""
        if not CODE_PATTERN.match(rule.code) or rule.code in RETIRED_CODES:
            raise ValueError(f"bad or retired rule code {rule.code!r}")
        if not NAME_PATTERN.match(rule.name):
            raise ValueError(f"rule names are kebab-case: {rule.name!r}")
        if rule.scope not in SCOPES:
            raise ValueError(f"unknown scope {rule.scope!r} for {rule.code}")
        if rule.code in self._rules or rule.name in self._names:
            raise ValueError(f"rule {rule.code} {rule.name} is registered twice")
        self._rules[rule.code] = rule
        self._names[rule.name] = rule

    def get(self, code_or_name: str) -> Rule:
        """Return the rule with this code ('M101') or name ('vague-target'), or raise KeyError."""
        key = code_or_name.strip()
        rule = self._rules.get(key.upper()) or self._names.get(key.lower().replace("_", "-"))
        if rule is None:
            raise KeyError(code_or_name)
        return rule

    def select(self, select: Iterable[str] = (), ignore: Iterable[str] = (), *, preview: bool = False) -> tuple[Rule, ...]:
        """Return the enabled rules: the most specific selector wins (name/code > family), ignore wins ties."""
        chosen = []
        select, ignore = tuple(select), tuple(ignore)
        for rule in self:
            if rule.preview and not preview and not any(_specificity(rule, item) == 2 for item in select):
                continue
            selected = max((_specificity(rule, item) for item in select), default=0 if select else 1)
            ignored = max((_specificity(rule, item) for item in ignore), default=0)
            if selected > 0 and selected > ignored:
                chosen.append(rule)
        return tuple(chosen)

    def validate_selectors(self, selectors: Iterable[str]) -> list[str]:
        """Return the selectors that name no family, code or rule."""
        return [item for item in selectors if not any(_specificity(rule, item) for rule in self) and item.upper() not in FAMILIES and item.upper() != "ALL"]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, code_or_name: object) -> bool:
        try:
            self.get(str(code_or_name))
        except KeyError:
            return False
        return True


def _specificity(rule: Rule, selector: str) -> int:
    item = selector.strip()
    if item.upper() == "ALL":
        return 1
    if item.upper() == rule.code or item.lower().replace("_", "-") == rule.name:
        return 2
    if len(item) == 1 and item.upper() == rule.family:
        return 1
    return 0


REGISTRY = RuleRegistry()
rule = REGISTRY.rule


def describe(rule: Rule) -> dict[str, Any]:
    """Return a rule's metadata as plain values, for `okrcoach rules --format json` and the docs."""
    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family,
        "scope": rule.scope,
        "severity": rule.severity.label,
        "options": list(rule.options),
        "preview": rule.preview,
        "summary": rule.summary,
    }
