"""Compatibility name for the key-result parser, which lives in `okrcoach.parsing`."""

from __future__ import annotations

from okrcoach.parsing import FORMS, Quantity, Statement, parse_key_result, parse_quantity, split_results

__all__ = ["FORMS", "Quantity", "Statement", "parse_key_result", "parse_quantity", "split_results"]
