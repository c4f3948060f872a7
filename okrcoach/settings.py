"""Settings: thresholds, selection and word lists, from defaults, a config file and arguments."""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from okrcoach.errors import OkrcoachError
from okrcoach.findings import Severity

CONFIG_FILES = ("okrcoach.toml", "pyproject.toml")


class ConfigError(OkrcoachError):
    """A configuration file or option is wrong; the message says where and how to fix it."""


def _doc(text: str) -> Any:
    return {"doc": text}


@dataclass(frozen=True)
class Settings:
    """Everything a check run can be configured with. Defaults follow docs/methodology.md."""

    select: tuple[str, ...] = field(default=(), metadata=_doc("Rules to run: families (M), codes (M101) or names; empty runs all stable rules."))
    ignore: tuple[str, ...] = field(default=(), metadata=_doc("Rules to skip, by family, code or name."))
    preview: bool = field(default=False, metadata=_doc("Also run rules marked preview (not yet stable)."))
    fail_on: Severity = field(default=Severity.WARNING, metadata=_doc("`okrcoach check` exits 1 when a finding is at or above this severity."))
    max_objectives: int = field(default=5, metadata=_doc("Most objectives a team (or a plan without teams) should have in one cycle (Doerr: 3-5)."))
    max_key_results: int = field(default=5, metadata=_doc("Most key results per objective (Doerr: at most five)."))
    min_key_results: int = field(default=2, metadata=_doc("Fewest key results per objective (Grove's pairing: one number alone is easy to game)."))
    duplicate_similarity: float = field(default=0.9, metadata=_doc("Similarity (0-1) from which two key results count as the same."))
    quarterly_days: int = field(default=92, metadata=_doc("Cycles at most this many days long count as quarterly for lagging-indicator."))
    max_kpis: int = field(default=10, metadata=_doc("Most KPIs one team should watch (Parmenter's 10/80/10)."))
    semantic_alignment: bool = field(default=False, metadata=_doc("Also judge alignment by meaning: objectives that read unlike the pillar they name or clearly closer to another, key results that read unlike their objective. Needs the `semantic` extra. Preview: below its accuracy targets on held-out cases (docs/accuracy.md, Alignment)."))
    alignment_margin: float = field(default=0.18, metadata=_doc("Meaning check (preview): flag a link when another pillar or company objective reads closer than the one named by at least this much word-level similarity (0-1)."))
    alignment_floor: float = field(default=0.10, metadata=_doc("Meaning check (preview): flag a link whose objective and key results share less than this similarity (0-1) with what they name."))
    key_result_floor: float = field(default=0.10, metadata=_doc("Meaning check (preview): a key result reading less like its objective than this (0-1) is a candidate for unrelated-key-result."))
    key_result_margin: float = field(default=0.20, metadata=_doc("Meaning check (preview): such a candidate is flagged when another objective reads closer by at least this much (0-1) and at least `key-result-closest` like it, or when it reads like a peripheral topic its objective is not about."))
    key_result_closest: float = field(default=0.30, metadata=_doc("Meaning check (preview): how much (0-1) another objective must read like the key result before 'reads closer to' is said."))
    peripheral_similarity: float = field(default=0.55, metadata=_doc("Meaning check (preview): a key result word this similar (0-1) to a peripheral topic term (the office, perks, social-media followers) reads like that topic."))
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}), metadata=_doc("Per-rule severity overrides, e.g. {vague-target = 'warning'}."))
    words: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}), metadata=_doc("Word-list changes: 'extend-<list>' adds terms, '<list>' replaces the list."))

    @classmethod
    def only(cls, *codes: str, **overrides: Any) -> Settings:
        """Return settings that run exactly these rules (preview ones included)."""
        return cls(select=tuple(codes), preview=True, **overrides)

    def with_options(self, **changes: Any) -> Settings:
        """Return a copy with some fields changed (arguments win over the config file)."""
        return replace(self, **{key: value for key, value in changes.items() if value is not None})

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str = "<settings>") -> Settings:
        """Return settings from a [tool.okrcoach]-style mapping with kebab-case keys."""
        values: dict[str, Any] = {}
        for key, value in data.items():
            name = key.replace("-", "_")
            if name == "limits" and isinstance(value, Mapping):
                values.update(_limits(value, source))
            elif name == "severity" and isinstance(value, Mapping):
                values["severity"] = MappingProxyType({rule: _severity(level, source) for rule, level in value.items()})
            elif name == "words" and isinstance(value, Mapping):
                values["words"] = MappingProxyType({list_name: _terms(terms, source) for list_name, terms in value.items()})
            elif name in _FIELD_NAMES and name not in {"severity", "words"}:
                values[name] = _convert(name, value, source)
            else:
                raise ConfigError(f"{source}: unknown setting '{key}'{_did_you_mean(name)}")
        return cls(**values)

    @classmethod
    def discover(cls, start: str | Path | None = None) -> Settings:
        """Return settings from the nearest okrcoach.toml or pyproject.toml [tool.okrcoach], or the defaults."""
        path = find_config(Path(start or Path.cwd()))
        return cls.from_file(path) if path else cls()

    @classmethod
    def from_file(cls, path: str | Path) -> Settings:
        """Return settings from okrcoach.toml (top-level keys) or pyproject.toml ([tool.okrcoach])."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: not valid TOML: {error}") from None
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("okrcoach", {})
        return cls.from_mapping(data, str(path))


_FIELD_NAMES = {item.name for item in fields(Settings)}
_INT_FIELDS = {"max_objectives", "max_key_results", "min_key_results", "quarterly_days", "max_kpis"}
_FRACTION_FIELDS = {"duplicate_similarity", "alignment_margin", "alignment_floor", "key_result_floor", "key_result_margin", "key_result_closest", "peripheral_similarity"}


def find_config(start: Path) -> Path | None:
    """Return the nearest okrcoach.toml, or pyproject.toml with [tool.okrcoach], from start upward."""
    folder = start if start.is_dir() else start.parent
    for directory in (folder.resolve(), *folder.resolve().parents):
        own = directory / "okrcoach.toml"
        if own.is_file():
            return own
        project = directory / "pyproject.toml"
        if project.is_file() and "[tool.okrcoach" in project.read_text(encoding="utf-8", errors="replace"):
            return project
    return None


def _limits(data: Mapping[str, Any], source: str) -> dict[str, Any]:
    values = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name not in _INT_FIELDS | _FRACTION_FIELDS:
            raise ConfigError(f"{source}: unknown limit '{key}'{_did_you_mean(name, _INT_FIELDS)}")
        values[name] = _convert(name, value, source)
    return values


def _convert(name: str, value: Any, source: str) -> Any:
    if name in {"select", "ignore"}:
        return _terms(value, source)
    if name == "fail_on":
        return _severity(value, source)
    if name in {"preview", "semantic_alignment"}:
        if not isinstance(value, bool):
            raise ConfigError(f"{source}: {name.replace('_', '-')}: expected true or false, got {value!r}")
        return value
    if name in _INT_FIELDS:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"{source}: {name.replace('_', '-')}: expected a whole number of 0 or more, got {value!r}")
        return value
    if name in _FRACTION_FIELDS:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1 or (name == "duplicate_similarity" and value == 0):
            raise ConfigError(f"{source}: {name.replace('_', '-')}: expected a number between 0 and 1, got {value!r}")
        return float(value)
    return value


def _severity(value: Any, source: str) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError as error:
        raise ConfigError(f"{source}: {error}") from None


def _terms(value: Any, source: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(item.strip() for item in value.split(",") if item.strip())
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise ConfigError(f"{source}: expected a list of text, got {value!r}")


def _did_you_mean(name: str, choices: Any = None) -> str:
    close = difflib.get_close_matches(name, sorted(choices or _FIELD_NAMES | {"limits"}), n=1)
    return f" (did you mean '{close[0].replace('_', '-')}'?)" if close else ""
