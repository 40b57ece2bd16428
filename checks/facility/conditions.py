"""Structured ``applies_when`` / ``binding_when`` conditions, evaluated over columns with three-valued logic.

A condition is data: ``{field: ramp_type, in: [three_sided]}``, ``{field: total_rise_mm, gt: 300}``,
``{field: has_bollards_bool, is: true}``, combined with ``{all: [...]}``, ``{any: [...]}``, ``{not: {...}}``.
Each evaluates to two boolean arrays, (value, known): a test on an empty field is unknown, and unknowns
combine as in Kleene's logic (false AND unknown = false; true OR unknown = true).
"""
from __future__ import annotations

from typing import Protocol

import numpy as np

Tri = tuple[np.ndarray, np.ndarray]  # (value, known), both bool arrays

_NUMERIC_TESTS = {
    "gt": np.greater,
    "ge": np.greater_equal,
    "lt": np.less,
    "le": np.less_equal,
}


class ColumnSource(Protocol):
    """What a condition reads: the rows of one facility type, column by column."""

    length: int

    def numeric(self, name: str) -> np.ndarray: ...  # float64, NaN where empty

    def text_in(self, name: str, values: tuple[str, ...]) -> Tri: ...  # (isin, notna)


class ConditionError(ValueError):
    pass


def evaluate_condition(condition: dict | None, cols: ColumnSource) -> Tri:
    n = cols.length
    if not condition:
        return np.ones(n, dtype=bool), np.ones(n, dtype=bool)
    if "all" in condition:
        parts = [evaluate_condition(c, cols) for c in condition["all"]]
        # false if any part is known false; true if all known true; else unknown
        known_false = np.zeros(n, dtype=bool)
        all_known_true = np.ones(n, dtype=bool)
        for value, known in parts:
            known_false |= known & ~value
            all_known_true &= known & value
        return all_known_true, known_false | all_known_true
    if "any" in condition:
        parts = [evaluate_condition(c, cols) for c in condition["any"]]
        known_true = np.zeros(n, dtype=bool)
        all_known_false = np.ones(n, dtype=bool)
        for value, known in parts:
            known_true |= known & value
            all_known_false &= known & ~value
        return known_true, known_true | all_known_false
    if "not" in condition:
        value, known = evaluate_condition(condition["not"], cols)
        return ~value & known, known
    name = condition.get("field")
    if name is None:
        raise ConditionError(f"condition without a field: {condition!r}")
    if "in" in condition or "not_in" in condition:
        negate = "not_in" in condition
        values = tuple(str(v) for v in condition["not_in" if negate else "in"])
        isin, known = cols.text_in(name, values)
        return (~isin if negate else isin) & known, known
    if "is" in condition:
        column = cols.numeric(name)
        known = ~np.isnan(column)
        return (column == (1.0 if condition["is"] else 0.0)) & known, known
    for key, test in _NUMERIC_TESTS.items():
        if key in condition:
            column = cols.numeric(name)
            known = ~np.isnan(column)
            return test(column, float(condition[key])) & known, known
    raise ConditionError(f"unknown condition {condition!r}")
