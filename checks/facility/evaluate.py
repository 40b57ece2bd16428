"""Vectorised scoring of facilities against the rules: one numpy pass per (facility type, rule), no row loop.

Input: a DataFrame with one row per facility, a ``facility_type`` column and one column per survey field
(numbers and booleans as floats or nullable numbers, NaN/NA where empty; enumerations as strings or
categoricals). Output: an :class:`Evaluation` holding

* the verdict of every applicable (facility, rule) pair in long form (int codes, cheap for millions), and
* per facility its status (compliant / non_compliant / incomplete), worst binding severity and counts.

Status: ``non_compliant`` when a binding mandatory rule failed; otherwise ``incomplete`` when a binding
mandatory rule could not be assessed (field left empty, or its applicability unknown); otherwise
``compliant``. Recommended (宜) rules never change the status; their failures are counted as advisories.
A rule is binding unless its ``binding_when`` condition is known false for the facility (the GB 55019-2021
value for new buildings does not bind an ``existing_or_renovated`` one, which is judged by the floor rule).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from checks.facility.conditions import Tri, evaluate_condition
from checks.facility.formula import evaluate_formula
from checks.facility.rules import SEVERITIES, Rule

# Verdict codes, ordered so that a larger code is a worse finding.
INAPPLICABLE, PASSED, NOT_ASSESSED, FAILED = 0, 1, 2, 3
VERDICTS: tuple[str, ...] = ("inapplicable", "passed", "not_assessed", "failed")
COMPLIANT, NON_COMPLIANT, INCOMPLETE = 0, 1, 2
STATUSES: tuple[str, ...] = ("compliant", "non_compliant", "incomplete")
NO_SEVERITY = len(SEVERITIES)  # "no binding failure" sorts after minor
_EPS = 1e-9  # measurements written as 1:12 must pass a limit of 1:12


class _TypeColumns:
    """The rows of one facility type, read column by column on demand (and cached)."""

    def __init__(self, frame: pd.DataFrame, positions: np.ndarray):
        self.frame = frame
        self.positions = positions
        self.length = len(positions)
        self._numeric: dict[str, np.ndarray] = {}
        self._series: dict[str, pd.Series] = {}

    def _take(self, name: str) -> pd.Series | None:
        if name not in self.frame.columns:
            return None
        if name not in self._series:
            self._series[name] = self.frame[name].iloc[self.positions]
        return self._series[name]

    def numeric(self, name: str) -> np.ndarray:
        cached = self._numeric.get(name)
        if cached is None:
            series = self._take(name)
            if series is None:
                cached = np.full(self.length, np.nan)
            elif series.dtype == np.float64:
                cached = series.to_numpy()
            else:
                cached = pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
            self._numeric[name] = cached
        return cached

    def text_in(self, name: str, values: tuple[str, ...]) -> Tri:
        series = self._take(name)
        if series is None:
            empty = np.zeros(self.length, dtype=bool)
            return empty, empty
        return series.isin(values).to_numpy(dtype=bool), series.notna().to_numpy(dtype=bool)


def _limit(rule: Rule, cols: _TypeColumns) -> np.ndarray | float:
    """The rule's numeric threshold for every row (formulas and tables vary by row)."""
    threshold = rule.threshold
    if isinstance(threshold, dict) and "formula" in threshold:
        return evaluate_formula(threshold["formula"], _FormulaColumns(cols), cols.length)
    if isinstance(threshold, dict) and "table" in threshold:
        table = threshold["table"]
        x = cols.numeric(table["x"])
        xs = np.array([p[0] for p in table["points"]])
        ys = np.array([p[1] for p in table["points"]])
        limit = np.interp(x, xs, ys)  # clamps below the first row; NaN x stays NaN
        return np.where(x > xs[-1] + _EPS, table["above"], limit)
    return float(threshold)


class _FormulaColumns:
    def __init__(self, cols: _TypeColumns):
        self.cols = cols

    def __getitem__(self, name: str) -> np.ndarray:
        return self.cols.numeric(name)


def _passes(rule: Rule, cols: _TypeColumns) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(passes, measured, value, limit): bool, bool, float (NaN if not numeric), float (NaN if none)."""
    n = cols.length
    nan = np.full(n, np.nan)
    op = rule.operator
    if op == "one_of":
        isin, known = cols.text_in(rule.field, rule.threshold)
        return isin, known, nan, nan
    value = cols.numeric(rule.field)
    measured = ~np.isnan(value)
    if op == "is_true":
        return value == 1.0, measured, value, nan
    if op == "is_false":
        return value == 0.0, measured, value, nan
    if op == "between":
        lo, hi = rule.threshold
        return (value >= lo - _EPS) & (value <= hi + _EPS), measured, value, nan
    limit = np.broadcast_to(np.asarray(_limit(rule, cols), dtype=np.float64), (n,))
    measured = measured & ~np.isnan(limit)  # a formula without its context fields cannot be judged
    if op == "ge":
        ok = value >= limit - _EPS
    elif op == "le":
        ok = value <= limit + _EPS
    else:  # eq
        ok = np.abs(value - limit) <= rule.tolerance + _EPS
    return ok, measured, value, limit


def judge(rule: Rule, cols: _TypeColumns, not_applicable_rows: np.ndarray) -> tuple[np.ndarray, ...]:
    """Verdict codes, binding flags, values and limits of one rule over one type's rows."""
    applies, applies_known = evaluate_condition(rule.applies_when, cols)
    ok, measured, value, limit = _passes(rule, cols)
    verdict = np.where(ok, PASSED, FAILED).astype(np.int8)
    # empty field: not assessed, or inapplicable when the surveyor said the record is not applicable
    verdict[~measured] = NOT_ASSESSED
    verdict[~measured & not_applicable_rows] = INAPPLICABLE
    verdict[~applies_known] = NOT_ASSESSED
    verdict[applies_known & ~applies] = INAPPLICABLE
    bind, bind_known = evaluate_condition(rule.binding_when, cols)
    return verdict, bind | ~bind_known, value, limit


@dataclass
class Evaluation:
    """Verdicts in long form plus per-facility results, aligned with the input frame's rows."""

    rules: tuple[Rule, ...]
    row: np.ndarray  # int32: position of the facility in the input frame
    rule: np.ndarray  # int16: index into rules
    verdict: np.ndarray  # int8 verdict code
    binding: np.ndarray  # bool
    value: np.ndarray  # float64 measured value (NaN for enumerations)
    limit: np.ndarray  # float64 threshold at that row (NaN for ranges, booleans, enumerations)
    status: np.ndarray  # int8 per facility
    worst_severity: np.ndarray  # int8 per facility: index into SEVERITIES, NO_SEVERITY when none
    failed: np.ndarray  # int16 per facility: binding mandatory failures
    not_assessed: np.ndarray  # int16 per facility: binding mandatory rules not assessed
    advisories: np.ndarray  # int16 per facility: failed recommended or non-binding rules
    failing_rule_ids: np.ndarray  # object per facility: "CR-02;CR-14" (binding mandatory failures)

    def facility_frame(self, index: pd.Index) -> pd.DataFrame:
        severities = np.array(SEVERITIES + ("",), dtype=object)
        return pd.DataFrame(
            {
                "status": pd.Categorical.from_codes(self.status, categories=list(STATUSES)),
                "worst_severity": severities[self.worst_severity],
                "failed_count": self.failed,
                "not_assessed_count": self.not_assessed,
                "advisory_count": self.advisories,
                "failing_rule_ids": self.failing_rule_ids,
            },
            index=index,
        )

    def verdict_frame(self) -> pd.DataFrame:
        """One row per (facility, rule) with strings as categoricals (``row`` is the input position)."""
        ids = [r.id for r in self.rules]
        return pd.DataFrame(
            {
                "row": self.row,
                "rule_id": pd.Categorical.from_codes(self.rule, categories=ids),
                "verdict": pd.Categorical.from_codes(self.verdict, categories=list(VERDICTS)),
                "binding": self.binding,
                "value": self.value,
                "limit": self.limit,
            }
        )


def evaluate(frame: pd.DataFrame, rules: Sequence[Rule]) -> Evaluation:
    rules = tuple(rules)
    n = len(frame)
    rule_index = {r.id: i for i, r in enumerate(rules)}
    by_type: dict[str, list[Rule]] = {}
    for r in rules:
        by_type.setdefault(r.facility_type, []).append(r)
    severity_rank = {s: i for i, s in enumerate(SEVERITIES)}

    status = np.full(n, INCOMPLETE, dtype=np.int8)  # a type without rules cannot be judged compliant
    worst = np.full(n, NO_SEVERITY, dtype=np.int8)
    failed = np.zeros(n, dtype=np.int16)
    not_assessed = np.zeros(n, dtype=np.int16)
    advisories = np.zeros(n, dtype=np.int16)
    failing = np.full(n, "", dtype=object)
    parts: list[tuple[np.ndarray, ...]] = []

    groups = frame.groupby("facility_type", sort=False, observed=True).indices if n else {}
    for ftype, positions in groups.items():
        type_rules = by_type.get(str(ftype), [])
        if not type_rules:
            continue
        positions = np.asarray(positions)
        cols = _TypeColumns(frame, positions)
        na_rows, _ = cols.text_in("na_reason", ("not_applicable",))
        k, m = len(type_rules), len(positions)
        V = np.empty((m, k), dtype=np.int8)
        B = np.empty((m, k), dtype=bool)
        values = np.empty((m, k), dtype=np.float64)
        limits = np.empty((m, k), dtype=np.float64)
        for j, rule in enumerate(type_rules):
            V[:, j], B[:, j], values[:, j], limits[:, j] = judge(rule, cols, na_rows)
        mandatory = np.array([r.mandatory for r in type_rules])
        rank = np.array([severity_rank[r.severity] for r in type_rules], dtype=np.int8)
        counted = B & mandatory  # binding mandatory rules decide the status
        fails = (V == FAILED) & counted
        missing = (V == NOT_ASSESSED) & counted
        failed[positions] = fails.sum(axis=1)
        not_assessed[positions] = missing.sum(axis=1)
        advisories[positions] = ((V == FAILED) & ~counted).sum(axis=1)
        worst[positions] = np.where(fails, rank, NO_SEVERITY).min(axis=1)
        status[positions] = np.where(fails.any(axis=1), NON_COMPLIANT,
                                     np.where(missing.any(axis=1), INCOMPLETE, COMPLIANT))
        # "CR-02;CR-14" per facility by an object dot product: a C loop inside numpy, not a Python one
        labels = np.array([r.id + ";" for r in type_rules], dtype=object)
        failing[positions] = pd.Series(fails.dot(labels) if k else "", dtype=object).str.rstrip(";").to_numpy()
        parts.append((
            np.repeat(positions.astype(np.int32), k),
            np.tile(np.array([rule_index[r.id] for r in type_rules], dtype=np.int16), m),
            V.ravel(), B.ravel(), values.ravel(), limits.ravel(),
        ))

    def cat(i: int, dtype) -> np.ndarray:
        return np.concatenate([p[i] for p in parts]) if parts else np.empty(0, dtype=dtype)

    return Evaluation(
        rules=rules,
        row=cat(0, np.int32), rule=cat(1, np.int16), verdict=cat(2, np.int8), binding=cat(3, bool),
        value=cat(4, np.float64), limit=cat(5, np.float64),
        status=status, worst_severity=worst, failed=failed, not_assessed=not_assessed,
        advisories=advisories, failing_rule_ids=failing,
    )
