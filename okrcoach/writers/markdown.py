"""Plan -> a readable Markdown document for a wiki page or an email."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from enum import Enum
from typing import Any

from okrcoach.model import KPI, Cycle, Ignore, KeyResult, Objective, Plan, Strategy, Team

# The layout is read back by okrcoach.loaders.text.parse_text: headings 'O1 · Title' are
# objectives, the bullets '**id** statement' under them key results, and 'Key: value · ...'
# lines their fields. Strategy, teams and KPIs sit under headings that the reader skips.

_ALWAYS = str.maketrans({char: "\\" + char for char in "\\`*<>[]~"})
_SPECIAL = re.compile(r"[\\`*<>\[\]~&_#\r\n\u2028\u2029]")
_ENTITY_START = re.compile(r"&(?=#?\w+;)")
_EDGE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_WORD_HASH = re.compile(r"(?:^|(?<=\s))#")
_NEWLINES = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")
_SEPARATOR = " · "


def plan_to_markdown(plan: Plan) -> str:
    """Return the plan as a Markdown document: objectives with their key results, then KPIs.

    Every field value of the plan appears in the text. User text is escaped where Markdown
    would read it as syntax (raw HTML, links, emphasis, table pipes), and `parse_text` reads
    the document back with the same objective titles and key-result statements, in order.
    """
    blocks = [_title(plan)]
    blocks += _cycle(plan.cycle)
    blocks += _strategy(plan.strategy)
    blocks += _teams(plan.teams)
    for objective in plan.objectives:
        blocks += _objective(objective)
    blocks += _kpis(plan.kpis)
    return "\n\n".join(blocks) + "\n"


def escape_inline(text: str) -> str:
    """Return text safe inside a Markdown line: no raw HTML, links, emphasis, code or line breaks."""
    text = text.strip()
    if not _SPECIAL.search(text):
        return text
    text = _NEWLINES.sub(" ", text).translate(_ALWAYS)
    text = _ENTITY_START.sub(r"\\&", text)
    text = _EDGE_UNDERSCORE.sub(r"\\_", text)
    return _WORD_HASH.sub(r"\\#", text)


def _statement(text: str) -> str:
    # The text reader drops one trailing period from titles; an escaped one survives it.
    escaped = escape_inline(text)
    return escaped[:-1] + "\\." if escaped.endswith(".") and not escaped.endswith("..") else escaped


def _cell(value: Any) -> str:
    text = _value(value)
    return escape_inline(text).replace("|", "\\|") if text else "—"


def _title(plan: Plan) -> str:
    name = escape_inline(plan.organisation or "OKRs")
    return f"# {name} — {escape_inline(plan.cycle.label)}" if plan.cycle else f"# {name}"


def _cycle(cycle: Cycle | None) -> list[str]:
    return [f"Cycle: {_cycle_text(cycle)}"] if cycle else []


def _cycle_text(cycle: Cycle) -> str:
    return f"{escape_inline(cycle.label)} ({cycle.start.isoformat()} → {cycle.end.isoformat()})"


def _strategy(strategy: Strategy | None) -> list[str]:
    if strategy is None or not (strategy.mission or strategy.vision or strategy.pillars):
        return []
    statements = (("Mission", strategy.mission), ("Vision", strategy.vision))
    lines = [f"**{name}:** {escape_inline(text)}  " for name, text in statements if text]
    blocks = ["## Strategy"]
    if lines:
        blocks.append("\n".join(lines).rstrip())
    if strategy.pillars:
        pillars = []
        for pillar in strategy.pillars:
            description = f" — {escape_inline(pillar.description)}" if pillar.description else ""
            pillars.append(f"- **{escape_inline(pillar.id)}** {escape_inline(pillar.title)}{description}")
        blocks += ["**Pillars:**", "\n".join(pillars)]
    return blocks


def _teams(teams: tuple[Team, ...]) -> list[str]:
    if not teams:
        return []
    rows = []
    for team in teams:
        fields = _fields((("Parent", team.parent), ("Owner", team.owner)))
        name = f" {escape_inline(team.name)}" if team.name else ""
        rows.append(f"- **{escape_inline(team.id)}**{name}" + (_SEPARATOR + fields if fields else ""))
    return ["## Teams", "\n".join(rows)]


def _objective(objective: Objective) -> list[str]:
    heading = f"## {escape_inline(objective.id)} · {_statement(objective.title)}"
    fields = _fields(
        (
            ("Team", objective.team),
            ("Owner", objective.owner),
            ("Aligns to", ", ".join(objective.aligns_to)),
            ("Type", objective.type),
            ("Cycle", _cycle_text(objective.cycle) if objective.cycle else None),
            ("Ignore", _ignores(objective.ignore)),
        ),
        escaped={"Cycle"},
    )
    blocks = [heading, fields]
    if objective.description:
        blocks.append(_fields([("Description", objective.description)]))
    results = [_key_result(kr) for kr in objective.key_results]
    blocks.append("\n".join(results) if results else "*No key results yet*")
    return blocks


def _key_result(key_result: KeyResult) -> str:
    line = f"- **{escape_inline(key_result.id)}** {_statement(key_result.title)}"
    details = _fields(_result_details(key_result))
    return f"{line}  \n  {details}" if details else line


def _result_details(key_result: KeyResult) -> list[tuple[str, Any]]:
    unit = f" {key_result.unit}" if key_result.unit else ""
    details: list[tuple[str, Any]] = [("Metric", key_result.metric)]
    if key_result.baseline is not None and key_result.target is not None:
        details.append(("Baseline → target", f"{_number(key_result.baseline)} → {_number(key_result.target)}{unit}"))
    else:
        details += [("Baseline", key_result.baseline), ("Target", key_result.target), ("Unit", key_result.unit)]
    details += [
        ("Current", key_result.current),
        ("Direction", key_result.direction),
        ("Deadline", key_result.deadline),
        ("Owner", key_result.owner),
        ("KPI", key_result.kpi),
        ("Kind", key_result.kind),
        ("Ignore", _ignores(key_result.ignore)),
    ]
    return details


def _kpis(kpis: tuple[KPI, ...]) -> list[str]:
    if not kpis:
        return []
    columns: list[tuple[str, Any]] = [
        ("ID", lambda kpi: kpi.id),
        ("Name", lambda kpi: kpi.name),
        ("Unit", lambda kpi: kpi.unit),
        ("Better", lambda kpi: kpi.direction),
        ("Target", lambda kpi: kpi.target),
        ("Green / amber", _bands),
        ("Owner", lambda kpi: kpi.owner),
        ("Formula", lambda kpi: kpi.formula),
    ]
    optional: list[tuple[str, Any]] = [
        ("Team", lambda kpi: kpi.team),
        ("Cadence", lambda kpi: kpi.cadence),
        ("Description", lambda kpi: kpi.description),
        ("Catalog", lambda kpi: kpi.catalog_id),
        ("Decision", lambda kpi: kpi.decision),
        ("Ignore", lambda kpi: _ignores(kpi.ignore)),
    ]
    columns += [(name, get) for name, get in optional if any(get(kpi) for kpi in kpis)]
    header = "| " + " | ".join(name for name, _ in columns) + " |"
    rule = "|" + "|".join("---" for _ in columns) + "|"
    rows = ["| " + " | ".join(_cell(get(kpi)) for _, get in columns) + " |" for kpi in kpis]
    return ["## KPIs", "\n".join([header, rule, *rows])]


def _bands(kpi: KPI) -> str | None:
    bands = kpi.thresholds
    if bands is None or (bands.green is None and bands.amber is None):
        return None
    return f"{_value(bands.green) or '—'} / {_value(bands.amber) or '—'}"


def _ignores(ignores: tuple[Ignore, ...]) -> str | None:
    return "; ".join(f"{item.rule} ({item.reason})" for item in ignores) or None


def _fields(pairs: Iterable[tuple[str, Any]], escaped: frozenset[str] | set[str] = frozenset()) -> str:
    parts = []
    for name, value in pairs:
        text = _value(value)
        if not text:
            continue
        text = text if name in escaped else escape_inline(text)
        # The reader splits fields at ' · '; escaped colons keep 'a · Type: b' inside one value.
        parts.append(f"{name}: {text.replace(':', chr(92) + ':') if '·' in text else text}")
    return _SEPARATOR.join(parts)


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, float):
        return _number(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _number(value: float) -> str:
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)  # the shortest text that reads back as the same float
    return format(Decimal(text), "f") if "e" in text else text
