"""Seeded synthetic organisations for benchmarks: many teams, objectives and key results."""

from __future__ import annotations

import random
from typing import Any

_METRICS = ["first response time", "trial-to-paid conversion", "weekly active users", "checkout conversion",
            "deployment frequency", "ticket backlog", "average order value", "activation rate", "time to hire",
            "qualified leads", "return rate", "on-time delivery", "test coverage", "cost per acquisition"]  # fmt: skip
_VERBS = ["Increase", "Grow", "Raise", "Reduce", "Cut", "Lower", "Reach", "Lift"]
_UNITS = ["%", " hours", " days", "", "k", " minutes"]
_TASKS = ["Launch the {} dashboard", "Migrate {} reporting to the new warehouse", "Run {} customer interviews",
          "Publish the {} playbook", "Hire a {} lead"]  # fmt: skip
_OBJECTIVES = ["Delight customers with faster {}", "Make {} effortless for new users", "Win the {} market",
               "Build a reliable {} engine", "Turn {} into a growth lever"]  # fmt: skip


def organisation(teams: int = 2_000, objectives_per_team: int = 5, key_results_per_objective: int = 4,
                 seed: int = 2026) -> dict[str, Any]:  # fmt: skip
    """Return plain data for a plan with teams x objectives x key results (40,000 KRs by default)."""
    rng = random.Random(seed)
    objectives = []
    for team in range(teams):
        for number in range(objectives_per_team):
            topic = rng.choice(_METRICS)
            objectives.append(
                {
                    "id": f"T{team}.O{number + 1}",
                    "title": rng.choice(_OBJECTIVES).format(topic),
                    "team": f"team-{team}",
                    "owner": f"Owner {team}",
                    "key_results": [_key_result(rng, team, number, kr) for kr in range(key_results_per_objective)],
                }
            )
    return {"organisation": "Synthetic Corp", "cycle": "2026-Q1", "objectives": objectives}


def _key_result(rng: random.Random, team: int, objective: int, number: int) -> str:
    if rng.random() < 0.15:
        return rng.choice(_TASKS).format(rng.choice(_METRICS))
    start = rng.randint(5, 400)
    end = start + rng.randint(-start + 1, 300)
    unit = rng.choice(_UNITS)
    return f"{rng.choice(_VERBS)} {rng.choice(_METRICS)} from {start}{unit} to {end}{unit} (team {team}, #{objective}.{number})"
