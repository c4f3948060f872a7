"""AlignmentExplorer: pick a team and see how each of its objectives ladders up to the strategy.

>>> import okrcoach
>>> from okrcoach.widgets import AlignmentExplorer
>>> explorer = AlignmentExplorer(okrcoach.load_sample("greencycle"))   # doctest: +SKIP
>>> explorer.team = "operations"                                        # doctest: +SKIP
>>> explorer.chains["OPS1"], explorer.misaligned                         # doctest: +SKIP
(['OPS1', 'responsible-operations'], ['OPS2'])

Each team objective should support a company objective, which serves a strategic pillar
(team objective -> company objective -> pillar). Objectives that the `misaligned-objective`
check flags (they align to nothing, or to an id that is no pillar or objective) are shown in
red with the check's suggestion.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from okrcoach.model import Objective, Plan

__all__ = ["AlignmentExplorer", "Chain", "alignment_chain", "COMPANY"]

#: The team dropdown's value for objectives that name no team.
COMPANY = ""
RULE = "misaligned-objective"

_RED, _GREEN, _GREY, _AMBER = "#c62828", "#2e7d32", "#616161", "#ef6c00"


def _e(value: Any) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


@dataclass(frozen=True)
class Chain:
    """How one objective ladders up: the ids it passes through, and where (and why) it stops.

    `ids` starts with the objective itself and holds only ids that exist in the plan; it ends
    with a pillar id when the chain reaches the strategy. `stop` says why it ended: 'pillar',
    'nothing' (the last objective aligns to nothing), 'unknown' (to an id not in the plan, kept
    in `unknown`) or 'circle' (back to an objective already on the chain).
    """

    ids: tuple[str, ...]
    stop: str
    unknown: tuple[str, ...] = ()

    @property
    def reaches_pillar(self) -> bool:
        """Return True when the chain ends at a strategic pillar."""
        return self.stop == "pillar"


def alignment_chain(plan: Plan, objective_id: str) -> Chain:
    """Return the chain an objective ladders up through, following `aligns_to`.

    When an objective aligns to several things, an objective is followed before a pillar (the
    longer ladder shows more), as in `okrcoach.charts.alignment_tree`.
    """
    pillars = {pillar.id for pillar in plan.strategy.pillars} if plan.strategy else set()
    objectives = {objective.id: objective for objective in plan.objectives}
    current = objectives[objective_id]
    ids = [current.id]
    while True:
        parents = [item for item in current.aligns_to if item != current.id]
        if not parents:
            return Chain(tuple(ids), "nothing")
        upper = next((item for item in parents if item in objectives), None)
        if upper is not None:
            if upper in ids:
                return Chain(tuple(ids), "circle", (upper,))
            ids.append(upper)
            current = objectives[upper]
            continue
        pillar = next((item for item in parents if item in pillars), None)
        if pillar is not None:
            ids.append(pillar)
            return Chain(tuple(ids), "pillar")
        return Chain(tuple(ids), "unknown", tuple(parents))


class AlignmentExplorer(widgets.VBox):
    """Show, for one team, each objective and the chain it ladders up through to a pillar.

    `report` is a finished `okrcoach.check(plan)` report; without one, only the
    misaligned-objective check is run.
    """

    def __init__(self, plan: Plan, *, report: Any = None, team: str | None = None) -> None:
        super().__init__()
        self.plan = plan
        if report is None:
            from okrcoach.engine import check
            from okrcoach.settings import Settings

            report = check(plan, Settings.only(RULE))
        self.report = report
        self.findings = {finding.objective: finding for finding in report.for_rule(RULE) if finding.objective}
        self._pillars = {pillar.id: pillar for pillar in plan.strategy.pillars} if plan.strategy else {}
        self._objectives = {objective.id: objective for objective in plan.objectives}
        self._team_names = {item.id: item.name or item.id for item in plan.teams}
        options = self._team_options()
        self.team_dropdown = widgets.Dropdown(
            options=options,
            value=options[0][1] if options else None,
            description="Team",
            tooltip="Whose objectives to show",
        )
        self.view = widgets.HTML()
        self.team_dropdown.observe(lambda _: self._render(), names="value")
        self.children = [
            widgets.HTML(
                "Each team objective should support a company objective, and each company objective a "
                "strategic pillar. Objectives in <b style='color:#c62828'>red</b> do not ladder up."
            ),
            self.team_dropdown,
            self.view,
        ]
        if team is not None:
            self.team = team
        self._render()

    def __repr__(self) -> str:
        return f"<AlignmentExplorer: team {self.team!r}, {len(self.objectives())} objectives, {len(self.misaligned)} misaligned>"

    # ------------------------------------------------------------------ public API

    @property
    def teams(self) -> list[str]:
        """Return the teams found in the objectives, in plan order ('' for objectives without a team)."""
        return [value for _, value in self.team_dropdown.options]

    @property
    def team(self) -> str | None:
        """Return the team shown ('' for company objectives without a team)."""
        return self.team_dropdown.value

    @team.setter
    def team(self, value: str) -> None:
        wanted = COMPANY if value is None else str(value)
        by_name = {name.lower(): team for team, name in self._team_names.items()}
        if wanted not in self.teams:
            wanted = by_name.get(wanted.lower(), wanted)
        if wanted not in self.teams:
            known = ", ".join(repr(team) for team in self.teams) or "none"
            raise ValueError(f"no objectives of team {value!r} in this plan: the teams are {known}")
        self.team_dropdown.value = wanted

    def objectives(self) -> list[Objective]:
        """Return the objectives of the team shown, in plan order."""
        team = self.team
        if team is None:
            return []
        return [objective for objective in self.plan.objectives if (objective.team or COMPANY) == team]

    @property
    def chains(self) -> dict[str, list[str]]:
        """Return, for each objective of the team shown, the ids it ladders up through (itself first)."""
        return {objective.id: list(alignment_chain(self.plan, objective.id).ids) for objective in self.objectives()}

    @property
    def misaligned(self) -> list[str]:
        """Return the ids of the team's objectives that the misaligned-objective check flags."""
        return [objective.id for objective in self.objectives() if objective.id in self.findings]

    @property
    def html(self) -> str:
        """Return the HTML the explorer shows for the current team."""
        return self.view.value

    # ------------------------------------------------------------------ rendering

    def _team_options(self) -> list[tuple[str, str]]:
        seen: list[str] = []
        for objective in self.plan.objectives:
            team = objective.team or COMPANY
            if team not in seen:
                seen.append(team)
        options = []
        for team in seen:
            if team == COMPANY:
                label = "Company-wide (no team)"
            else:
                name = self._team_names.get(team, team)
                label = name if name == team else f"{name} ({team})"
            count = sum(1 for objective in self.plan.objectives if (objective.team or COMPANY) == team)
            options.append((f"{label}: {count} objective{'s' if count != 1 else ''}", team))
        return options

    def _render(self) -> None:
        self.view.value = self._html()

    def _html(self) -> str:
        objectives = self.objectives()
        if not objectives:
            return f"<p style='color:{_GREY}'>This plan has no objectives yet.</p>"
        items = "".join(self._objective_html(objective) for objective in objectives)
        flagged = len(self.misaligned)
        summary = (
            f"<p style='color:{_RED}'>{flagged} of {len(objectives)} objective{'s' if len(objectives) != 1 else ''} "
            f"do{'es' if flagged == 1 else ''} not ladder up to the strategy.</p>"
            if flagged else
            f"<p style='color:{_GREEN}'>Every objective here is linked to the strategy.</p>"
        )  # fmt: skip
        return f"<div class='okrcoach-alignment'>{summary}<ul style='list-style:none;padding-left:0'>{items}</ul></div>"

    def _objective_html(self, objective: Objective) -> str:
        chain = alignment_chain(self.plan, objective.id)
        finding = self.findings.get(objective.id)
        colour = _RED if finding else "inherit"
        border = _RED if finding else ("#c8e6c9" if chain.reaches_pillar else "#e0e0e0")
        head = f"<b style='color:{colour}'>{_e(objective.id)}</b> {_e(objective.title)}"
        if finding:
            head = f"&#9888; {head}"
        inner = self._ladder(chain, 1)
        note = ""
        if finding is not None:
            note = (
                f"<div style='color:{_RED}'>{_e(finding.message)}."
                + (f" <i>Suggestion:</i> {_e(finding.suggestion)}." if finding.suggestion else "")
                + "</div>"
            )
        elif not chain.reaches_pillar:
            note = f"<div style='color:{_AMBER}'>{_e(self._stop_text(chain))}</div>"
        followed = set(chain.ids[:2]) | set(chain.unknown)
        extra = [item for item in objective.aligns_to if item not in followed]
        if extra:
            note += f"<div style='color:{_GREY}'>Also aligns to: {_e(', '.join(extra))}</div>"
        style = f"border-left:4px solid {border};padding:4px 8px;margin:6px 0"
        flag = " data-misaligned='yes'" if finding else ""
        return f"<li style='{style}'{flag}>{head}{note}{inner}</li>"

    def _ladder(self, chain: Chain, index: int) -> str:
        """Return the nested list of the chain from position `index` upward."""
        if index >= len(chain.ids):
            if chain.stop == "unknown":
                names = ", ".join(f"'{item}'" for item in chain.unknown)
                return (f"<ul style='list-style:none'><li style='color:{_RED}'>&#8627; aligns to {_e(names)}, "
                        "which is no pillar or objective in this plan</li></ul>")  # fmt: skip
            if chain.stop == "circle":
                return (f"<ul style='list-style:none'><li style='color:{_RED}'>&#8627; back to "
                        f"{_e(chain.unknown[0])}: the chain goes in a circle</li></ul>")  # fmt: skip
            return ""
        item = chain.ids[index]
        objective = self._objectives.get(item)
        if objective is not None and (index < len(chain.ids) - 1 or chain.stop != "pillar"):
            kind = f"{self._team_label(objective.team)} objective" if objective.team else "company objective"
            text = f"&#8627; supports <b>{_e(objective.id)}</b> {_e(objective.title)} <span style='color:{_GREY}'>({_e(kind)})</span>"
        else:
            pillar = self._pillars.get(item)
            title = pillar.title if pillar is not None else item
            text = f"&#8627; serves the pillar <b>{_e(title)}</b> <span style='color:{_GREY}'>({_e(item)})</span>"
            text = f"<span style='color:{_GREEN}'>{text}</span>"
        return f"<ul style='list-style:none'><li>{text}{self._ladder(chain, index + 1)}</li></ul>"

    def _team_label(self, team: str | None) -> str:
        return self._team_names.get(team or "", team or "company")

    def _stop_text(self, chain: Chain) -> str:
        last = chain.ids[-1]
        if chain.stop == "nothing":
            return (f"{last} aligns to nothing, so this chain never reaches a strategic pillar."
                    if len(chain.ids) > 1 else "Aligns to nothing: link it to a company objective or a pillar.")  # fmt: skip
        if chain.stop == "unknown":
            return f"{last} aligns to {', '.join(chain.unknown)}, which is no pillar or objective in this plan."
        if chain.stop == "circle":
            return "The chain goes in a circle and never reaches a strategic pillar."
        return ""
