"""From typed survey records to the scored tables: per facility, per (facility, rule), and aggregates.

The judging is ``checks.facility.evaluate`` (vectorised, pure); this module only attaches names, clauses and
plan items, and counts.

Contract for the maps and reports code (stable column names):

``scored_facilities(engine) -> pandas.DataFrame``, one row per facility:
    record_id, facility_type, facility_subtype, parent_record_id, street_code, street_name, community_code,
    community_name, site_name, build_status, survey_datetime, lon, lat (WGS84; a parking stall without its
    own point takes its car park's; NaN for home_modification, which is personal data and must never be
    drawn as a point or shown with an address), source_crs, status (compliant | non_compliant | incomplete),
    worst_severity (critical | major | minor | ""), failing_rules (list of dicts {rule_id, clause, severity,
    confidence, tier, message_zh, message_en}: binding mandatory failures), failed_count, not_assessed_count,
    advisory_count, plan_item (专栏9 item of the facility: 一.1 / 一.2 / 一.3, 二.3 self-service terminals, 二.4
    information in public places).

``rule_verdicts(engine) -> pandas.DataFrame``, one row per (facility, rule of its type):
    record_id, rule_id, field, verdict (failed | passed | not_assessed | inapplicable), severity, clause,
    tier (all | new_build | existing_build), plan_item, binding (bool), level (mandatory | recommended),
    confidence (high | medium | low: of the rule's source), judged_by (all | gb55019 | gb55019_reference | floor:
    see ``judged_by``), value (the measured number, NaN for yes/no-free text), limit (the threshold at that
    facility, if numeric).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

from checks.facility.evaluate import FAILED, Evaluation, evaluate
from sqlalchemy.engine import Engine

from checks.facility.rules import Implies, Rule, load_implies, load_rules, select_rules
from surveys.frame import load_facilities
from surveys.schema import load_schema

PLAN_COMMUNITY = "一.3 社区和家居无障碍"
FACILITY_COLUMNS: tuple[str, ...] = (
    "record_id", "facility_type", "facility_subtype", "parent_record_id", "street_code", "street_name",
    "community_code", "community_name", "site_name", "build_status", "survey_datetime", "lon", "lat", "source_crs",
)
AGGREGATE_LEVELS: dict[str, list[str]] = {
    "street": ["street_code", "street_name"],
    "community": ["community_code", "community_name", "street_code"],
    "facility_type": ["facility_type"],
    "plan_item": ["plan_item"],
}


@dataclass
class ScoreResult:
    facilities: pd.DataFrame
    verdicts: pd.DataFrame
    evaluation: Evaluation
    rules: tuple[Rule, ...]
    records: pd.DataFrame  # the typed input, one row per facility in the same order
    aggregates: dict[str, pd.DataFrame] = field(default_factory=dict)


def facility_plan_items(frame: pd.DataFrame) -> pd.Series:
    """专栏9 item per facility: the type's item, or 一.3 (community and home) in a residential setting."""
    schema = load_schema()
    by_type = {name: ft.plan_item for name, ft in schema.types.items()}
    item = frame["facility_type"].map(by_type).astype(object)

    def col(name: str) -> pd.Series:
        return frame[name] if name in frame.columns else pd.Series(None, index=frame.index, dtype=object)

    residential = (
        (col("site_category") == "residential")
        | (col("entrance_role") == "residential_unit")
        | (col("facility_subtype") == "community_path")
        | (col("building_type") == "residential")
    )
    # the residential setting moves built facilities (一.1, 一.2) to 一.3, never the information items (二.x)
    built = item.fillna("").astype(str).str.startswith("一.")
    return item.where(~(residential.fillna(False).astype(bool) & built), PLAN_COMMUNITY)


def _failing_rules(ids: np.ndarray, rules: dict[str, Rule]) -> list[list[dict]]:
    out = []
    for joined in ids:
        out.append([
            {"rule_id": r.id, "clause": r.clause, "severity": r.severity, "confidence": r.confidence, "tier": r.tier,
             "message_zh": r.message_zh, "message_en": r.message_en}
            for r in (rules[i] for i in joined.split(";") if i)
        ])
    return out


def verdict_table(evaluation: Evaluation, record_ids: np.ndarray) -> pd.DataFrame:
    rules = evaluation.rules
    attrs = {name: np.array([getattr(r, name) for r in rules], dtype=object)
             for name in ("field", "severity", "clause", "tier", "plan_item", "level", "confidence")}
    raw = evaluation.verdict_frame()
    table = pd.DataFrame({"record_id": record_ids[evaluation.row], "rule_id": raw["rule_id"],
                          "field": attrs["field"][evaluation.rule], "verdict": raw["verdict"]})
    for name in ("severity", "clause", "tier", "plan_item", "level", "confidence"):
        table[name] = attrs[name][evaluation.rule]
    for name in ("binding", "value", "limit"):
        table[name] = raw[name]
    table["judged_by"] = judged_by(table["tier"].to_numpy(), table["binding"].to_numpy())
    return table


def judged_by(tier: np.ndarray, binding: np.ndarray) -> np.ndarray:
    """Which tier a verdict speaks for: ``all`` (one value for every build), ``gb55019`` (the GB 55019-2021 value,
    binding this build), ``gb55019_reference`` (that value, shown but not binding: an existing build not renovated),
    ``floor`` (the legacy or renovation value every build must meet)."""
    return np.where(tier == "all", "all", np.where(tier == "existing_build", "floor",
                                                  np.where(binding, "gb55019", "gb55019_reference"))).astype(object)


def aggregate(facilities: pd.DataFrame, evaluation: Evaluation) -> dict[str, pd.DataFrame]:
    """Counts per street, community, facility type and plan item. ``compliance_share`` = compliant /
    (compliant + non-compliant), as in the district report: incomplete facilities are counted apart, not
    guessed either way (None when nothing could be judged)."""
    critical_failures = np.zeros(len(facilities), dtype=np.int64)
    severities = np.array([r.severity == "critical" for r in evaluation.rules])
    hits = (evaluation.verdict == FAILED) & evaluation.binding & severities[evaluation.rule]
    np.add.at(critical_failures, evaluation.row[hits], 1)
    base = facilities.assign(
        _compliant=facilities["status"] == "compliant",
        _non=facilities["status"] == "non_compliant",
        _incomplete=facilities["status"] == "incomplete",
        _critical=facilities["worst_severity"] == "critical",
        _critical_failures=critical_failures,
    )
    out: dict[str, pd.DataFrame] = {}
    for level, keys in AGGREGATE_LEVELS.items():
        grouped = base.groupby(keys, dropna=False, observed=True, sort=True)
        table = grouped.agg(
            facilities=("record_id", "size"),
            compliant=("_compliant", "sum"),
            non_compliant=("_non", "sum"),
            incomplete=("_incomplete", "sum"),
            critical_facilities=("_critical", "sum"),
            critical_failures=("_critical_failures", "sum"),
        ).reset_index()
        judged = table["compliant"] + table["non_compliant"]
        table["compliance_share"] = (table["compliant"] / judged.where(judged > 0)).round(4).astype(object)
        table.loc[judged == 0, "compliance_share"] = None
        out[level] = table
    return out


def score_frame(frame: pd.DataFrame, rules: Sequence[Rule] | None = None, min_confidence: str = "low",
                implies: Implies | None = None) -> ScoreResult:
    """Score typed records. Presence fields left empty are implied by measurements (``implies``: the bundled
    mapping unless given; ``{}`` judges the columns as they are)."""
    rules = select_rules(tuple(rules) if rules is not None else load_rules(), min_confidence)
    frame = frame.reset_index(drop=True)
    evaluation = evaluate(frame, rules, load_implies() if implies is None else implies)
    facilities = pd.DataFrame({c: frame[c] if c in frame.columns else None for c in FACILITY_COLUMNS})
    facilities = pd.concat([facilities, evaluation.facility_frame(frame.index)], axis=1)
    facilities["status"] = facilities["status"].astype(str)
    facilities["failing_rules"] = _failing_rules(evaluation.failing_rule_ids, {r.id: r for r in rules})
    facilities["plan_item"] = facility_plan_items(frame) if len(frame) else pd.Series(dtype=object)
    home = facilities["facility_type"] == "home_modification"
    facilities.loc[home, ["lon", "lat"]] = np.nan  # personal data: never a point
    facilities.loc[home, "site_name"] = None
    verdicts = verdict_table(evaluation, frame["record_id"].to_numpy(dtype=object) if len(frame) else np.empty(0, object))
    return ScoreResult(facilities=facilities, verdicts=verdicts, evaluation=evaluation, rules=tuple(rules), records=frame,
                       aggregates=aggregate(facilities, evaluation) if len(frame) else {})


def scored_facilities(engine: Engine, rules: Sequence[Rule] | None = None) -> pd.DataFrame:
    """The stored facilities scored (columns in the module docstring); ``rules`` defaults to the bundled rules."""
    return score_frame(load_facilities(engine), rules).facilities


def rule_verdicts(engine: Engine, rules: Sequence[Rule] | None = None) -> pd.DataFrame:
    """One row per (stored facility, rule of its type) (columns in the module docstring)."""
    return score_frame(load_facilities(engine), rules).verdicts
