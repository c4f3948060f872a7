"""The built-in rules, registered in this order when the package is imported."""

from okrcoach.rules import alignment, kpis, measurability, objectives, structure, timing  # noqa: F401
