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
from checks.facility.rules import SEVERITIES, Implies, Rule

# Verdict codes, ordered so that a larger code is a worse finding.
INAPPLICABLE, PASSED, NOT_ASSESSED, FAILED = 0, 1, 2, 3
VERDICTS: tuple[str, ...] = ("inapplicable", "passed", "not_assessed", "failed")
COMPLIANT, NON_COMPLIANT, INCOMPLETE = 0, 1, 2
STATUSES: tuple[str, ...] = ("compliant", "non_compliant", "incomplete")
NO_SEVERITY = len(SEVERITIES)  # "no binding failure" sorts after minor
_EPS = 1e-9  # measurements written as 1:12 must pass a limit of 1:12


def with_implied_presence(present: np.ndarray, measurements: Sequence[np.ndarray]) -> np.ndarray:
    """A yes/no column (1.0/0.0/NaN) with its empty cells set to 1.0 where a measurement that can only be taken
    of the thing is present. A recorded value, "no" included, is kept: the surveyor's word beats our inference."""
    if not measurements:
        return present
    measured = np.any([~np.isnan(m) for m in measurements], axis=0)
    return np.where(np.isnan(present) & measured, 1.0, present)


class _TypeColumns:
    """The rows of one facility type, read column by column on demand (and cached)."""

    def __init__(self, frame: pd.DataFrame, positions: np.ndarray, implies: dict[str, tuple[str, ...]] | None = None):
        self.frame = frame
        self.length = len(positions)
        self.implies = implies or {}  # presence field -> measurements implying it (this type's)
        # Rows of one type that are contiguous (a frame ordered by type, as the store returns it) are read as
        # views instead of gathered copies.
        contiguous = self.length > 0 and positions[-1] - positions[0] + 1 == self.length
        self.positions = slice(int(positions[0]), int(positions[-1]) + 1) if contiguous else positions
        self._numeric: dict[str, np.ndarray] = {}
        self._conditions: dict[str, Tri] = {}

    def condition(self, condition: dict | None) -> Tri:
        """A condition's value, computed once per type (many rules share one, e.g. has_curb_ramp_bool)."""
        key = repr(condition)
        cached = self._conditions.get(key)
        if cached is None:
            cached = self._conditions[key] = evaluate_condition(condition, self)
        return cached

    def numeric(self, name: str) -> np.ndarray:
        cached = self._numeric.get(name)
        if cached is None:
            if name not in self.frame.columns:
                cached = np.full(self.length, np.nan)
            else:
                series = self.frame[name]
                if series.dtype == np.float64:
                    cached = series.to_numpy()[self.positions]
                else:
                    cached = pd.to_numeric(series.iloc[self.positions], errors="coerce").to_numpy(
                        dtype=np.float64, na_value=np.nan)
            if name in self.implies:
                cached = with_implied_presence(cached, [self.numeric(m) for m in self.implies[name]])
            self._numeric[name] = cached
        return cached

    def text_in(self, name: str, values: tuple[str, ...]) -> Tri:
        if name not in self.frame.columns:
            empty = np.zeros(self.length, dtype=bool)
            return empty, empty
        series = self.frame[name]
        if isinstance(series.dtype, pd.CategoricalDtype):  # the fast path: compare codes, not strings
            codes = series.cat.codes.to_numpy()[self.positions]
            wanted = np.append(series.cat.categories.isin(values), False)  # code -1 (empty) is never wanted
            return wanted[codes], codes >= 0
        part = series.iloc[self.positions]
        return part.isin(values).to_numpy(dtype=bool), part.notna().to_numpy(dtype=bool)


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
    applies, applies_known = cols.condition(rule.applies_when)
    ok, measured, value, limit = _passes(rule, cols)
    verdict = np.where(ok, PASSED, FAILED).astype(np.int8)
    # empty field: not assessed, or inapplicable when the surveyor said the record is not applicable
    verdict[~measured] = NOT_ASSESSED
    verdict[~measured & not_applicable_rows] = INAPPLICABLE
    verdict[~applies_known] = NOT_ASSESSED
    verdict[applies_known & ~applies] = INAPPLICABLE
    bind, bind_known = cols.condition(rule.binding_when)
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
    failing_mask: np.ndarray  # uint64 per facility: bit j = the j-th rule of its type failed (binding, mandatory)
    type_rules: dict[str, tuple[int, ...]]  # facility type -> indexes into rules, in bit order
    facility_type: np.ndarray  # object per facility (the input's facility_type)

    @property
    def failing_rule_ids(self) -> np.ndarray:
        """ "CR-02;CR-14" per facility, decoded once per distinct (type, failure set), not once per row."""
        out = np.full(len(self.status), "", dtype=object)
        for ftype, indexes in self.type_rules.items():
            rows = np.flatnonzero((self.facility_type == ftype) & (self.failing_mask != 0))
            if not len(rows):
                continue
            masks, inverse = np.unique(self.failing_mask[rows], return_inverse=True)
            ids = [self.rules[i].id for i in indexes]
            labels = np.array([";".join(ids[j] for j in range(len(ids)) if int(m) >> j & 1) for m in masks], dtype=object)
            out[rows] = labels[inverse]
        return out

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


MAX_RULES_PER_TYPE = 64  # the failing set of a facility is one uint64 bitmask


def evaluate(frame: pd.DataFrame, rules: Sequence[Rule], implies: Implies | None = None) -> Evaluation:
    """Judge every facility of ``frame`` by the rules of its type. ``implies`` (``load_implies()`` for the
    bundled rules) fills empty presence fields from measurements; None judges the columns as they are."""
    rules = tuple(rules)
    implies = implies or {}
    n = len(frame)
    rule_index = {r.id: i for i, r in enumerate(rules)}
    by_type: dict[str, list[Rule]] = {}
    for r in rules:
        by_type.setdefault(r.facility_type, []).append(r)
    if any(len(v) > MAX_RULES_PER_TYPE for v in by_type.values()):
        raise ValueError(f"more than {MAX_RULES_PER_TYPE} rules for one facility type")
    severity_rank = {s: i for i, s in enumerate(SEVERITIES)}

    status = np.full(n, INCOMPLETE, dtype=np.int8)  # a type without rules cannot be judged compliant
    worst = np.full(n, NO_SEVERITY, dtype=np.int8)
    failed = np.zeros(n, dtype=np.int16)
    not_assessed = np.zeros(n, dtype=np.int16)
    advisories = np.zeros(n, dtype=np.int16)
    failing_mask = np.zeros(n, dtype=np.uint64)

    groups = frame.groupby("facility_type", sort=False, observed=True).indices if n else {}
    blocks = [(str(t), np.asarray(p)) for t, p in groups.items() if by_type.get(str(t))]
    total = sum(len(p) * len(by_type[t]) for t, p in blocks)
    # The long-form arrays are allocated once; each type writes its (facilities x rules) block in place.
    out_row = np.empty(total, dtype=np.int32)
    out_rule = np.empty(total, dtype=np.int16)
    out_verdict = np.empty(total, dtype=np.int8)
    out_binding = np.empty(total, dtype=bool)
    out_value = np.empty(total, dtype=np.float64)
    out_limit = np.empty(total, dtype=np.float64)
    start = 0
    for ftype, positions in blocks:
        type_rules = by_type[ftype]
        k, m = len(type_rules), len(positions)
        stop = start + k * m
        # (rules x facilities) blocks: each rule writes one contiguous row; reductions run over axis 0
        V = out_verdict[start:stop].reshape(k, m)
        B = out_binding[start:stop].reshape(k, m)
        values = out_value[start:stop].reshape(k, m)
        limits = out_limit[start:stop].reshape(k, m)
        out_row[start:stop].reshape(k, m)[:] = positions[None, :]
        out_rule[start:stop].reshape(k, m)[:] = np.array([rule_index[r.id] for r in type_rules], dtype=np.int16)[:, None]
        start = stop
        cols = _TypeColumns(frame, positions, implies.get(ftype))
        na_rows, _ = cols.text_in("na_reason", ("not_applicable",))
        for j, rule in enumerate(type_rules):
            V[j], B[j], values[j], limits[j] = judge(rule, cols, na_rows)
        mandatory = np.array([r.mandatory for r in type_rules])[:, None]
        rank = np.array([severity_rank[r.severity] for r in type_rules], dtype=np.int8)[:, None]
        counted = B & mandatory  # binding mandatory rules decide the status
        failures = V == FAILED
        fails = failures & counted
        missing = (V == NOT_ASSESSED) & counted
        n_failed = fails.sum(axis=0, dtype=np.int16)
        failed[positions] = n_failed
        not_assessed[positions] = missing.sum(axis=0, dtype=np.int16)
        advisories[positions] = failures.sum(axis=0, dtype=np.int16) - n_failed
        worst[positions] = np.where(fails, rank, np.int8(NO_SEVERITY)).min(axis=0)
        status[positions] = np.where(n_failed > 0, NON_COMPLIANT, np.where(missing.any(axis=0), INCOMPLETE, COMPLIANT))
        bits = np.uint64(1) << np.arange(k, dtype=np.uint64)[:, None]
        failing_mask[positions] = np.bitwise_or.reduce(np.where(fails, bits, np.uint64(0)), axis=0)

    return Evaluation(
        rules=rules, row=out_row, rule=out_rule, verdict=out_verdict, binding=out_binding, value=out_value,
        limit=out_limit, status=status, worst_severity=worst, failed=failed, not_assessed=not_assessed,
        advisories=advisories, failing_mask=failing_mask,
        type_rules={t: tuple(rule_index[r.id] for r in by_type[t]) for t, _ in blocks},
        facility_type=frame["facility_type"].to_numpy(dtype=object) if n else np.empty(0, dtype=object),
    )
