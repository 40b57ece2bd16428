"""Facility scoring speed: the vectorised scorer over 1,000,000 synthetic facilities, against a plain per-row
Python loop over the same 183 rules on a sample.

    .venv/bin/python bench/bench_survey_score.py [--facilities 1000000] [--loop-sample 20000] [--repeat 3]

The facilities are drawn (with replacement) from the synthetic Jianghan survey of ``surveys/generate.py``, so
the mix of types, failures and empty fields is the sample's. What is timed is ``checks.facility.evaluate``:
every (facility, rule) verdict in long form, binding flags, measured values and limits, and per facility
the status, worst severity, counts and the failing rule ids. Building the frame is not timed (it is the
importer's and the store's work). The loop implements the same semantics row by row and must agree with
the vectorised verdicts on every (facility, rule) of its sample, or the benchmark fails.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checks.facility.evaluate import (  # noqa: E402
    COMPLIANT, FAILED, INAPPLICABLE, INCOMPLETE, NON_COMPLIANT, NOT_ASSESSED, PASSED, evaluate,
)
from checks.facility.formula import compile_formula  # noqa: E402
from checks.facility.rules import Rule, load_rules  # noqa: E402
from surveys.frame import typed_frame  # noqa: E402
from surveys.generate import generate_records  # noqa: E402

TARGET_RATE = 200_000
TARGET_RATIO = 20.0


def synthetic_frame(n: int, seed: int, rules: tuple[Rule, ...]) -> pd.DataFrame:
    """``n`` facilities drawn from a 5,000-facility synthetic survey, typed, enumerations as categoricals."""
    base = generate_records(5000, seed=seed)
    base = base[base["facility_type"].notna()].reset_index(drop=True)
    needed = {"facility_type", "na_reason"} | {r.field for r in rules}
    for rule in rules:
        needed |= rule.context_fields()
    typed = typed_frame(base[[c for c in base.columns if c in needed]])
    for column in typed.columns:
        if not pd.api.types.is_numeric_dtype(typed[column]):
            typed[column] = typed[column].astype("category")
    picks = np.random.default_rng(seed).integers(0, len(typed), n)
    frame = typed.iloc[picks]
    # ordered by type, as ``surveys.frame.load_facilities`` returns facilities
    return frame.sort_values("facility_type", kind="stable").reset_index(drop=True)


# ------------------------------------------------------------------------------- the plain per-row loop

def _nan(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _condition(cond, row) -> bool | None:
    """Kleene three-valued logic, one row at a time."""
    if not cond:
        return True
    if "all" in cond:
        parts = [_condition(c, row) for c in cond["all"]]
        return False if False in parts else (None if None in parts else True)
    if "any" in cond:
        parts = [_condition(c, row) for c in cond["any"]]
        return True if True in parts else (None if None in parts else False)
    if "not" in cond:
        inner = _condition(cond["not"], row)
        return None if inner is None else not inner
    value = row.get(cond["field"])
    if _nan(value):
        return None
    if "in" in cond:
        return str(value) in [str(v) for v in cond["in"]]
    if "not_in" in cond:
        return str(value) not in [str(v) for v in cond["not_in"]]
    if "is" in cond:
        return value == (1.0 if cond["is"] else 0.0)
    for key, test in (("gt", float.__gt__), ("ge", float.__ge__), ("lt", float.__lt__), ("le", float.__le__)):
        if key in cond:
            return test(float(value), float(cond[key]))
    raise ValueError(cond)


def _limit(rule: Rule, row) -> float:
    t = rule.threshold
    if isinstance(t, dict) and "formula" in t:
        names = {k: np.float64(np.nan if _nan(v) else v) for k, v in row.items() if isinstance(v, (int, float))}
        return float(compile_formula(t["formula"])(_Default(names)))
    if isinstance(t, dict) and "table" in t:
        x = row.get(t["table"]["x"])
        if _nan(x):
            return math.nan
        xs = [p[0] for p in t["table"]["points"]]
        ys = [p[1] for p in t["table"]["points"]]
        if x > xs[-1] + 1e-9:
            return t["table"]["above"]
        return float(np.interp(x, xs, ys))
    return float(t)


class _Default(dict):
    def __missing__(self, key):
        return np.float64(np.nan)


def loop_verdict(rule: Rule, row) -> tuple[int, bool]:
    eps = 1e-9
    applies = _condition(rule.applies_when, row)
    bind = _condition(rule.binding_when, row)
    binding = bind is not False
    if applies is None:
        return NOT_ASSESSED, binding
    if applies is False:
        return INAPPLICABLE, binding
    value = row.get(rule.field)
    if _nan(value):
        return (INAPPLICABLE if row.get("na_reason") == "not_applicable" else NOT_ASSESSED), binding
    op = rule.operator
    if op == "one_of":
        ok = str(value) in rule.threshold
    elif op == "is_true":
        ok = value == 1.0
    elif op == "is_false":
        ok = value == 0.0
    elif op == "between":
        ok = rule.threshold[0] - eps <= value <= rule.threshold[1] + eps
    else:
        limit = _limit(rule, row)
        if math.isnan(limit):
            return (INAPPLICABLE if row.get("na_reason") == "not_applicable" else NOT_ASSESSED), binding
        ok = value >= limit - eps if op == "ge" else value <= limit + eps if op == "le" else abs(value - limit) <= rule.tolerance + eps
    return (PASSED if ok else FAILED), binding


def loop_score(rows: list[dict], by_type: dict[str, list[Rule]]) -> tuple[list[list[int]], list[int]]:
    verdicts, statuses = [], []
    for row in rows:
        codes, failed, missing = [], False, False
        for rule in by_type.get(row["facility_type"], []):
            code, binding = loop_verdict(rule, row)
            codes.append(code)
            if binding and rule.mandatory:
                failed |= code == FAILED
                missing |= code == NOT_ASSESSED
        verdicts.append(codes)
        statuses.append(NON_COMPLIANT if failed else INCOMPLETE if missing else COMPLIANT)
    return verdicts, statuses


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facilities", type=int, default=1_000_000)
    parser.add_argument("--loop-sample", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    args = parser.parse_args()

    rules = load_rules()
    t0 = time.perf_counter()
    frame = synthetic_frame(args.facilities, args.seed, rules)
    print(f"built {len(frame):,} synthetic facilities x {frame.shape[1]} columns in {time.perf_counter() - t0:.1f} s "
          f"(not timed); {len(rules)} rules; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    times = []
    for _ in range(args.repeat):
        start, cpu = time.perf_counter(), time.process_time()
        evaluation = evaluate(frame, rules)
        times.append((time.perf_counter() - start, time.process_time() - cpu))
    wall, cpu = min(times)
    rate = len(frame) / wall
    pairs = len(evaluation.verdict)
    print(f"vectorised, ordered by type (as the store returns them): {len(frame):,} facilities, {pairs:,} verdicts "
          f"in {wall:.2f} s wall ({cpu:.2f} s CPU), best of {args.repeat}: {rate:,.0f} facilities/s")

    shuffled = frame.sample(frac=1.0, random_state=args.seed).reset_index(drop=True)
    shuffled_wall = min(_timed(lambda: evaluate(shuffled, rules)) for _ in range(args.repeat))
    del shuffled
    print(f"vectorised, rows in random order (types interleaved): {len(frame) / shuffled_wall:,.0f} facilities/s")

    sample = frame.sample(n=min(args.loop_sample, len(frame)), random_state=args.seed).reset_index(drop=True)
    rows = [{k: v for k, v in r.items() if not _nan(v)} | {"facility_type": r["facility_type"]}
            for r in sample.astype(object).to_dict("records")]
    by_type: dict[str, list[Rule]] = {}
    for rule in rules:
        by_type.setdefault(rule.facility_type, []).append(rule)
    loop_wall = math.inf
    for _ in range(args.repeat):  # best of the same number of runs as the vectorised scorer
        start = time.perf_counter()
        loop_verdicts, loop_status = loop_score(rows, by_type)
        loop_wall = min(loop_wall, time.perf_counter() - start)
    loop_rate = len(rows) / loop_wall
    print(f"per-row loop: {len(rows):,} facilities (random sample) in {loop_wall:.2f} s, best of {args.repeat}: "
          f"{loop_rate:,.0f} facilities/s")

    # the same answers, or the speed means nothing
    small = evaluate(sample, rules)
    order = np.lexsort((small.rule, small.row))
    vector_codes = small.verdict[order]
    flat_loop = np.array([c for codes in loop_verdicts for c in codes], dtype=np.int8)
    agree = len(flat_loop) == len(vector_codes) and bool((flat_loop == vector_codes).all())
    agree &= bool((np.array(loop_status) == small.status).all())
    ratio = rate / loop_rate
    print(f"agreement on {len(flat_loop):,} verdicts and {len(rows):,} statuses: {'yes' if agree else 'NO'}")
    print(f"ratio: {ratio:.0f}x the loop; targets: >= {TARGET_RATE:,} facilities/s "
          f"({'met' if rate >= TARGET_RATE else 'NOT met'}), >= {TARGET_RATIO:.0f}x ({'met' if ratio >= TARGET_RATIO else 'NOT met'})")
    if args.json:
        args.json.write_text(json.dumps({"facilities": len(frame), "verdicts": pairs, "wall_s": wall, "cpu_s": cpu,
                                         "facilities_per_s": rate, "loop_facilities_per_s": loop_rate, "ratio": ratio,
                                         "agree": agree}, indent=1))
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
