"""The plan being built from pasted text: its data, the line each value came from, and the problems found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from okrcoach.errors import LoadError, LoadProblem
from okrcoach.loaders.text_fields import baseline_and_target, cycle_value, field_value
from okrcoach.loaders.text_lines import UNNAMED

#: Where a value sits in the plan data: ("objectives", 0, "key_results", 2).
Path = tuple[str | int, ...]

NO_OBJECTIVES = "found no objectives: write 'Objective: ...' lines followed by key results, or a bullet list"


@dataclass(slots=True)
class PlanDraft:
    """The plan read so far, as plain data, with the line number of every value for error messages."""

    source: str
    where: dict[Path, int] = field(default_factory=dict)
    plan: dict[str, Any] = field(default_factory=dict)
    objectives: list[dict[str, Any]] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    team: str | None = None  # a 'Team:' line: the team of objectives below it
    objective_cycle: tuple[Any, int] | None = None  # a later 'Cycle:' line: the cycle of objectives below it
    title: tuple[str, int] | None = None  # a document title whose cycle may be a custom one

    def finish(self) -> dict[str, Any]:
        """Return the plan as plain data, or raise LoadError with every problem found."""
        if not self.objectives:
            self.problems.append(LoadProblem(self.source, NO_OBJECTIVES))
        if self.problems:
            raise LoadError(sorted(self.problems, key=lambda problem: (problem.line is None, problem.line or 0)))
        return {**self.plan, "objectives": self.objectives}

    def item(self, path: Path) -> dict[str, Any]:
        """Return the objective or key result at a path."""
        item = self.objectives[int(path[1])]
        return item["key_results"][path[3]] if len(path) > 2 else item

    def add_objective(self, number: int, title: str) -> Path:
        """Add an objective, in the team and cycle of the header lines above it, and return its path."""
        objective: dict[str, Any] = {"title": title, "key_results": []}
        path: Path = ("objectives", len(self.objectives))
        if self.team:
            objective["team"] = self.team
        if self.objective_cycle:
            objective["cycle"] = self.objective_cycle[0]
            self.where[(*path, "cycle")] = self.objective_cycle[1]
        self.objectives.append(objective)
        self.where[path] = number
        return path

    def add_result(self, number: int, objective: Path, title: str) -> Path:
        """Add a key result to the objective at a path, and return its path."""
        results = self.item(objective)["key_results"]
        path: Path = (*objective, "key_results", len(results))
        results.append({"title": title})
        self.where[path] = number
        return path

    def set_field(self, number: int, path: Path, name: str, value: str) -> None:
        """Set a field of the objective or key result at a path from a 'Key: value' line."""
        item = self.item(path)
        if name != "baseline → target":
            item[name] = field_value(name, value)
            self.where[(*path, name)] = number
            return
        item["baseline"], item["target"], unit = baseline_and_target(value)
        if unit and "unit" not in item:
            item["unit"] = unit
        for name in ("baseline", "target", "unit"):
            self.where[(*path, name)] = number

    def set_header(self, number: int, name: str, value: str) -> None:
        """Apply a plan header line: 'Cycle:', 'Team:', 'Organisation:' or 'Mission:'."""
        if name == "team":
            self.team = value
        elif name == "mission":
            self.plan.setdefault("strategy", {})["mission"] = value
            self.where[("strategy",)] = number
        elif name == "cycle" and "cycle" in self.plan and self.objectives:
            self.objective_cycle = (cycle_value(value), number)
        else:
            self.plan[name] = cycle_value(value) if name == "cycle" else value
            self.where[(name,)] = number
        if name == "cycle" and self.title and "organisation" not in self.plan:
            self._organisation_from_title(self.plan["cycle"], *self.title)

    def set_titled(self, number: int, organisation: str | None, cycle: str) -> None:
        """Take the organisation and cycle from a title such as '# Acme — 2026-Q1', unless already set."""
        if organisation and "organisation" not in self.plan:
            self.plan["organisation"] = organisation
            self.where[("organisation",)] = number
        if "cycle" not in self.plan:
            self.plan["cycle"] = cycle
            self.where[("cycle",)] = number

    def _organisation_from_title(self, cycle: Any, title: str, number: int) -> None:
        """Read '# Acme — Spring push' as organisation Acme once 'Cycle: Spring push (...)' confirms it."""
        label = cycle.get("label") if isinstance(cycle, dict) else cycle
        organisation, dash, rest = title.rpartition(" — ")
        if dash and rest == label and organisation and organisation.casefold() not in UNNAMED:
            self.plan["organisation"] = organisation
            self.where[("organisation",)] = number
