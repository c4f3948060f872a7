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
red with the check's suggestion. With the `semantic` extra, each link also shows its strength
(`okrcoach.links`): strong, fair, weak or doubtful, the pillar that reads closer if any, and the
KPI lineage that supports it. The HTML comes from templates/explorer/.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from okrcoach.model import Objective, Plan
from okrcoach.templating import PALETTE, render

__all__ = ["AlignmentExplorer", "Chain", "alignment_chain", "COMPANY"]

#: The team dropdown's value for objectives that name no team.
COMPANY = ""
RULE = "misaligned-objective"

_RED, _GREEN, _GREY, _AMBER = PALETTE["red"], PALETTE["green"], "#616161", "#ef6c00"
_STRENGTH_COLOURS = {"strong": _GREEN, "fair": "#558b2f", "weak": _AMBER, "doubtful": _RED}


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
    """Show, for one team, each objective, the chain it ladders up through to a pillar, and how strong its link is.

    `report` is a finished `okrcoach.check(plan)` report; without one, only the
    misaligned-objective check is run (with `settings`, default: the defaults). Link strengths
    come from `okrcoach.links` and need the `semantic` extra; without it the explorer says so
    and shows the ladders only.
    """

    def __init__(self, plan: Plan, *, report: Any = None, team: str | None = None, settings: Any = None) -> None:
        super().__init__()
        from okrcoach.settings import Settings

        self.plan = plan
        self.settings = settings or Settings()
        if report is None:
            from okrcoach.engine import check

            report = check(plan, self.settings.with_options(select=(RULE,), preview=True))
        self.report = report
        self.findings = {finding.objective: finding for finding in report.for_rule(RULE) if finding.objective}
        self._pillars = {pillar.id: pillar for pillar in plan.strategy.pillars} if plan.strategy else {}
        self._objectives = {objective.id: objective for objective in plan.objectives}
        self._team_names = {item.id: item.name or item.id for item in plan.teams}
        self._links: dict[str, Any] | None = None
        options = self._team_options()
        self.team_dropdown = widgets.Dropdown(
            options=options,
            value=options[0][1] if options else None,
            description="Team",
            tooltip="Whose objectives to show",
        )
        self.view = widgets.HTML()
        self.team_dropdown.observe(lambda _: self._render(), names="value")
        self.children = [widgets.HTML(render("explorer/intro.html", strengths=bool(self.links))), self.team_dropdown, self.view]
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
    def links(self) -> dict[str, Any]:
        """Return the evidence of every team objective's link (`okrcoach.links.Link`), by id; empty without the model."""
        if self._links is None:
            from okrcoach.links import link_rows

            self._links = link_rows(self.plan, self.settings)
        return self._links

    @property
    def strengths(self) -> dict[str, float]:
        """Return the link strength (0-1) of each objective of the team shown that has one."""
        return {objective.id: self.links[objective.id].strength for objective in self.objectives() if objective.id in self.links}

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
        links = self.links
        note = ""
        if objectives and not links and any(objective.aligns_to for objective in objectives):
            from okrcoach.semantic import available

            note = ("Link strengths need the meaning model: pip install \"okrcoach[semantic]\"." if not available() else "")
        return render(
            "explorer/team.html",
            objectives=[self._objective_values(objective) for objective in objectives],
            flagged=len(self.misaligned), total=len(objectives), note=note, grey=_GREY, amber=_AMBER,
        )  # fmt: skip

    def _objective_values(self, objective: Objective) -> dict[str, Any]:
        chain = alignment_chain(self.plan, objective.id)
        finding = self.findings.get(objective.id)
        link = self.links.get(objective.id)
        followed = set(chain.ids[:2]) | set(chain.unknown)
        return {
            "id": objective.id,
            "title": objective.title,
            "finding": finding,
            "border": _RED if finding else ("#c8e6c9" if chain.reaches_pillar else "#e0e0e0"),
            "stop_text": "" if finding is not None or chain.reaches_pillar else self._stop_text(chain),
            "extra": [item for item in objective.aligns_to if item not in followed],
            "steps": self._steps(chain),
            "link": link,
            "strength": link.strength if link is not None else None,
            "link_colour": _STRENGTH_COLOURS[link.label] if link is not None else _GREY,
        }

    def _steps(self, chain: Chain) -> list[dict[str, str]]:
        """Return the rungs of the ladder above the objective, ending with why the chain stops."""
        steps = []
        for index, item in enumerate(chain.ids[1:], start=1):
            objective = self._objectives.get(item)
            if objective is not None and (index < len(chain.ids) - 1 or chain.stop != "pillar"):
                kind = f"{self._team_label(objective.team)} objective" if objective.team else "company objective"
                steps.append({"kind": "objective", "id": objective.id, "title": objective.title, "label": kind})
            else:
                pillar = self._pillars.get(item)
                steps.append({"kind": "pillar", "id": item, "title": pillar.title if pillar is not None else item})
        if chain.stop == "unknown":
            steps.append({"kind": "unknown", "id": "", "title": ", ".join(f"'{item}'" for item in chain.unknown)})
        elif chain.stop == "circle":
            steps.append({"kind": "circle", "id": chain.unknown[0], "title": ""})
        return steps

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
