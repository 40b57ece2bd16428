"""What an upload lets the rules judge, worked out while it is imported.

A field team's own spreadsheet rarely has every column the facility rules read. For each file this says which
columns the rules of the facility types in it need and the file lacks, and how many verdicts of its records
that leaves ``not_assessed``; how many records had a presence (``has_curb_ramp_bool``) implied by their
measurements, and how many verdicts that turned from ``not_assessed`` into a judgement; and which rows say
"no" to a thing they also measured (a data problem: the "no" is kept, the row is named).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from checks.facility.evaluate import NOT_ASSESSED, evaluate
from checks.facility.rules import Implies, Rule
from surveys.problems import Problem
from surveys.schema import Schema


@dataclass
class FileCoverage:
    """Accumulated over the chunks of one file."""

    name: str
    missing: dict[str, dict] = field(default_factory=dict)  # column -> {types, rules, not_assessed}
    implied: dict[str, int] = field(default_factory=dict)  # presence field -> records where it was implied
    judged_by_implication: int = 0  # verdicts judged that would be not_assessed without ``implies``
    not_assessed: int = 0  # not_assessed verdicts of the file's records (after implication)
    verdicts: int = 0

    def to_dict(self) -> dict:
        missing = sorted(self.missing.items(), key=lambda kv: (-kv[1]["not_assessed"], kv[0]))
        return {
            "verdicts": self.verdicts, "not_assessed": self.not_assessed,
            "missing_columns": [{"column": c, "facility_types": sorted(v["types"]), "rules": sorted(v["rules"]),
                                 "not_assessed": v["not_assessed"]} for c, v in missing],
            "implied_presence": {k: v for k, v in sorted(self.implied.items()) if v},
            "verdicts_judged_by_implied_presence": self.judged_by_implication,
        }


def _rule_fields(rule: Rule) -> set[str]:
    return {rule.field} | rule.context_fields()


def add_chunk(coverage: FileCoverage, records: pd.DataFrame, columns_in_file: set[str], rules: tuple[Rule, ...],
              implies: Implies) -> None:
    """Count one chunk's valid records (typed, as the validator returns them) into ``coverage``."""
    if records.empty:
        return
    frame = records.reset_index(drop=True)
    types = set(frame["facility_type"].dropna())
    rules = tuple(r for r in rules if r.facility_type in types)
    if not rules:
        return
    with_implied = evaluate(frame, rules, implies)
    as_written = evaluate(frame, rules, {})
    na = with_implied.verdict == NOT_ASSESSED
    coverage.verdicts += len(na)
    coverage.not_assessed += int(na.sum())
    coverage.judged_by_implication += int(((as_written.verdict == NOT_ASSESSED) & ~na).sum())
    known: dict[str, np.ndarray] = {}  # presence field -> rows where a measurement stands in for it
    for ftype, presence, rows, hits in implied_rows(frame, implies):
        coverage.implied[presence] = coverage.implied.get(presence, 0) + int(hits.sum())
        mask = known.setdefault(presence, np.zeros(len(frame), dtype=bool))
        mask[np.flatnonzero(rows)[hits]] = True
    na_rows, na_rules = with_implied.row[na], with_implied.rule[na]
    rule_index = {r.id: i for i, r in enumerate(with_implied.rules)}
    for column in _missing_columns(frame, columns_in_file, rules):
        reading = np.zeros(len(rules), dtype=bool)
        reading[[rule_index[r.id] for r in rules if column in _rule_fields(r)]] = True
        # a verdict is left not_assessed by this column when its rule reads it and the record has no value for it
        # (a presence implied by a measurement is a value)
        empty = ~known.get(column, np.zeros(len(frame), dtype=bool))
        count = int((reading[na_rules] & empty[na_rows]).sum())
        entry = coverage.missing.setdefault(column, {"types": set(), "rules": set(), "not_assessed": 0})
        entry["types"] |= {r.facility_type for r in rules if column in _rule_fields(r)}
        entry["rules"] |= {r.id for r in rules if column in _rule_fields(r)}
        entry["not_assessed"] += count


def _missing_columns(frame: pd.DataFrame, columns_in_file: set[str], rules: tuple[Rule, ...]) -> list[str]:
    """The columns the rules read that the file does not have. A column worked out from others
    (``stall_plus_aisle_width_m``) is missing only when nothing filled it."""
    needed = set().union(*(_rule_fields(r) for r in rules))
    return sorted(c for c in needed if c not in columns_in_file
                  and not (c in frame.columns and frame[c].notna().any()))


def _numeric(frame: pd.DataFrame, rows: np.ndarray, name: str) -> np.ndarray:
    if name not in frame.columns:
        return np.full(int(rows.sum()), np.nan)
    return pd.to_numeric(frame.loc[rows, name], errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)


def implied_rows(frame: pd.DataFrame, implies: Implies):
    """(type, presence field, the type's rows, mask over those rows where the presence is empty and a
    measurement implies it)."""
    for ftype, mapping in implies.items():
        rows = (frame["facility_type"] == ftype).to_numpy()
        if not rows.any():
            continue
        for presence, measured in mapping.items():
            present = _numeric(frame, rows, presence)
            any_measured = np.any([~np.isnan(_numeric(frame, rows, m)) for m in measured], axis=0)
            yield ftype, presence, rows, np.isnan(present) & any_measured


def presence_conflicts(records: pd.DataFrame, implies: Implies, schema: Schema, source: str) -> list[Problem]:
    """One warning per row that says "no" to a thing and measures it too. The "no" stands (the surveyor's word
    beats our inference) and the measurement is not judged, so the row is named for someone to check."""
    problems: list[Problem] = []
    for ftype, mapping in implies.items():
        rows = (records["facility_type"] == ftype).to_numpy()
        if not rows.any():
            continue
        row_numbers = records.loc[rows, "row_number"].to_numpy()
        for presence, measured in mapping.items():
            said_no = _numeric(records, rows, presence) == 0.0
            if not said_no.any():
                continue
            hits = {name: said_no & ~np.isnan(_numeric(records, rows, name)) for name in measured}
            for i in np.flatnonzero(np.any(list(hits.values()), axis=0)):
                names = [name for name, mask in hits.items() if mask[i]]  # one warning per row and presence field
                zh = "、".join(f"{n}（{schema.field(n).zh if schema.field(n) else n}）" for n in names)
                problems.append(Problem(
                    int(row_numbers[i]), presence, "否 no", "presence_conflict",
                    f"与同一行测量的 {zh} 矛盾：按“否”评估，该测量值不评估，请核实",
                    f"contradicts {', '.join(names)} measured on the same row: judged as no, the measurement is not "
                    "judged; please check", source))
    return problems
