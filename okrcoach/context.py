"""What a rule may read besides its subject: the plan, the settings and shared lookups.

Rules and the engine both import this module; it imports neither, so there is no import circle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from okrcoach.model import KeyResult, Objective, Plan
from okrcoach.settings import ConfigError, Settings
from okrcoach.wordlists import WordList, load_wordlist


@dataclass(frozen=True)
class Context:
    """What a rule may read besides its subject: the plan, the settings and shared lookups."""

    plan: Plan
    settings: Settings
    history: Any = None
    cache: dict[str, Any] = field(default_factory=dict, compare=False)

    def objective_of(self, key_result: KeyResult) -> Objective:
        """Return the objective holding this key result (constant time)."""
        index = self.cache.get("objective_of")
        if index is None:
            index = {kr.id: objective for objective in self.plan.objectives for kr in objective.key_results}
            self.cache["objective_of"] = index
        return index[key_result.id]

    def words(self, name: str) -> WordList:
        """Return a word list with the settings' changes: '<name>' replaces it, 'extend-<name>' adds terms."""
        cache = self.cache.setdefault("words", {})
        if name not in cache:
            cache[name] = _configured(name, self.settings)
        return cache[name]

    def memo(self, key: str, build: Any) -> Any:
        """Return a value computed once per check run (word lists, indexes)."""
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]


def _configured(name: str, settings: Settings) -> WordList:
    changes = {key.replace("_", "-"): value for key, value in settings.words.items()}
    key = name.replace("_", "-")
    replacement = changes.get(key)
    if replacement is None:
        base = load_wordlist(name)
    elif len(replacement) == 1 and replacement[0].endswith(".txt"):
        base = WordList(name, _read_terms(replacement[0]))
    else:
        base = WordList(name, tuple(term.lower() for term in replacement))
    extra = tuple(term.lower() for term in changes.get(f"extend-{key}", ()))
    return WordList(name, tuple(dict.fromkeys((*base.terms, *extra)))) if extra else base


def _read_terms(path: str) -> tuple[str, ...]:
    from pathlib import Path

    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ConfigError(f"word list file {path!r} cannot be read: {error.strerror}") from None
    return tuple(line.strip().lower() for line in lines if line.strip() and not line.lstrip().startswith("#"))
