"""Facility rules: every rule passes its passing fixture and fails its failing one; tiers, formulas, empties."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from checks.facility.conditions import evaluate_condition
from checks.facility.evaluate import evaluate
from checks.facility.formula import FormulaError, compile_formula
from checks.facility.rules import RuleError, load_rules, parse_rules, select_rules
from surveys.frame import typed_frame
from surveys.schema import load_schema
from surveys.scoring import score_frame

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "surveys"
RULES = load_rules()
CASES = yaml.safe_load((FIXTURES / "rule_cases.yaml").read_text(encoding="utf-8"))


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    frame["record_id"] = [f"r{i}" for i in range(len(frame))]
    return typed_frame(frame)


@pytest.fixture(scope="module")
def judged() -> dict[tuple[str, str], str]:
    """Verdict of each case's own rule, for its passing and its failing record (one vectorised pass)."""
    rows, keys = [], []
    for case in CASES:
        for outcome in ("pass", "fail"):
            rows.append({**case["context"], **case[outcome]})
            keys.append((case["rule"], outcome))
    frame = _frame(rows)
    verdicts = score_frame(frame, RULES).verdicts
    lookup = dict(zip(zip(verdicts["record_id"], verdicts["rule_id"].astype(str)), verdicts["verdict"].astype(str)))
    return {key: lookup[(f"r{i}", key[0])] for i, key in enumerate(keys)}


def test_every_rule_has_a_passing_and_a_failing_fixture():
    assert sorted(c["rule"] for c in CASES) == sorted(r.id for r in RULES)
    assert len(RULES) == 211  # the draft's 178, PK-16 split (PK-19), four tier partners; issue 18: 9 missing
    # mandatory requirements (EN-28..EN-34, WC-40, WC-41), 12 self-service terminal and 7 public-information rules


@pytest.mark.parametrize("rule_id", [r.id for r in RULES])
def test_rule_fixture(judged, rule_id):
    assert judged[(rule_id, "pass")] == "passed"
    assert judged[(rule_id, "fail")] == "failed"


def test_rules_read_only_fields_of_their_facility_type():
    schema = load_schema()
    common = {f.name for f in schema.common}
    for rule in RULES:
        own = set(schema.types[rule.facility_type].field_names()) | common
        assert rule.field in own, rule.id
        assert rule.context_fields() <= own, (rule.id, rule.context_fields() - own)


def test_rules_carry_clause_confidence_plan_item_and_both_messages():
    for rule in RULES:
        assert rule.clause and rule.plan_item.startswith(("一.", "二.3", "二.4")) and rule.message_zh and rule.message_en, rule.id
    assert {r.confidence for r in RULES} == {"high", "medium", "low"}
    assert len(select_rules(RULES, "high")) < len(select_rules(RULES, "medium")) < len(RULES)


def _verdicts(rows: list[dict]) -> pd.DataFrame:
    result = score_frame(_frame(rows), RULES)
    return result.verdicts.assign(rule_id=result.verdicts["rule_id"].astype(str),
                                  verdict=result.verdicts["verdict"].astype(str)), result.facilities


def test_curb_lip_tiers_follow_build_status():
    rows = [{"facility_type": "curb_ramp", "has_curb_ramp_bool": 1, "lip_height_mm": lip, "build_status": status}
            for status in ("new_or_extended", "existing_or_renovated", "unknown") for lip in (5, 15)]
    verdicts, facilities = _verdicts(rows)
    v = verdicts.set_index(["record_id", "rule_id"])
    # 5 mm fails GB 55019's flush lip for everyone, but binds only new (and unknown) builds
    assert v.loc[("r0", "CR-02"), "verdict"] == "failed" and v.loc[("r0", "CR-02"), "binding"]
    assert v.loc[("r2", "CR-02"), "verdict"] == "failed" and not v.loc[("r2", "CR-02"), "binding"]
    assert v.loc[("r4", "CR-02"), "binding"]
    assert v.loc[("r2", "CR-03"), "verdict"] == "passed"
    # 15 mm fails the legacy 10 mm floor too, which binds every build: critical
    assert v.loc[("r3", "CR-03"), "verdict"] == "failed" and v.loc[("r3", "CR-03"), "binding"]
    assert "CR-02" in facilities.loc[0, "failing_rule_ids"]
    assert "CR-02" not in facilities.loc[2, "failing_rule_ids"]
    assert facilities.loc[2, "advisory_count"] >= 1
    assert list(facilities["worst_severity"].iloc[[0, 1, 2, 3]]) == ["major", "critical", "", "critical"]


def test_door_900_binds_new_and_800_binds_all():
    rows = [{"facility_type": "entrance", "door_clear_width_mm": 850, "build_status": s}
            for s in ("new_or_extended", "existing_or_renovated")]
    verdicts, facilities = _verdicts(rows)
    v = verdicts.set_index(["record_id", "rule_id"])
    assert v.loc[("r0", "EN-05"), "verdict"] == v.loc[("r1", "EN-05"), "verdict"] == "failed"
    assert v.loc[("r0", "EN-05"), "binding"] and not v.loc[("r1", "EN-05"), "binding"]
    assert v.loc[("r1", "EN-06"), "verdict"] == "passed"
    assert "EN-05" in facilities.loc[0, "failing_rule_ids"] and "EN-05" not in facilities.loc[1, "failing_rule_ids"]


def test_empty_is_not_zero():
    verdicts, _ = _verdicts([
        {"facility_type": "curb_ramp", "has_curb_ramp_bool": 1, "lip_height_mm": None},
        {"facility_type": "curb_ramp", "has_curb_ramp_bool": 1, "lip_height_mm": 0},
    ])
    v = verdicts.set_index(["record_id", "rule_id"])["verdict"]
    assert v[("r0", "CR-02")] == "not_assessed"
    assert v[("r1", "CR-02")] == "passed"


def test_unknown_applicability_is_not_assessed_and_known_false_is_inapplicable():
    verdicts, _ = _verdicts([
        {"facility_type": "curb_ramp", "has_curb_ramp_bool": 1, "running_slope_ratio": 0.07},  # ramp_type empty
        {"facility_type": "curb_ramp", "has_curb_ramp_bool": 1, "ramp_type": "three_sided", "running_slope_ratio": 0.07},
        {"facility_type": "curb_ramp", "has_curb_ramp_bool": 0, "ramp_type": "none"},
    ])
    v = verdicts.set_index(["record_id", "rule_id"])["verdict"]
    assert v[("r0", "CR-04")] == "not_assessed"
    assert v[("r1", "CR-04")] == "inapplicable" and v[("r1", "CR-05")] == "passed"
    assert v[("r2", "CR-01")] == "failed" and v[("r2", "CR-02")] == "inapplicable"


def test_na_reason_not_applicable_turns_empty_fields_inapplicable():
    verdicts, _ = _verdicts([{"facility_type": "toilet", "toilet_kind": "accessible_toilet_room",
                              "na_reason": "not_applicable", "room_area_m2": 3.5}])
    v = verdicts.set_index("rule_id")["verdict"]
    assert v["WC-08"] == "inapplicable"  # turning diameter empty
    assert v["WC-07"] == "failed"  # a measured value is still judged


def test_status_compliant_non_compliant_incomplete():
    complete = {"facility_type": "service_counter", "counter_kind": "wall_phone", "wall_phone_height_mm": 850}
    rows = [complete, {**complete, "wall_phone_height_mm": 1000}, {**complete, "wall_phone_height_mm": None}]
    _, facilities = _verdicts(rows)
    assert list(facilities["status"]) == ["compliant", "non_compliant", "incomplete"]
    assert facilities.loc[1, "failing_rules"] == [{
        "rule_id": "SC-08", "clause": "GB 50763-2012 §3.15.4", "severity": "minor", "confidence": "medium", "tier": "all",
        "message_zh": "电话高度应不大于 900mm", "message_en": "phone height must be at most 900 mm"}]


def test_recommended_rule_failure_is_an_advisory_not_a_failure():
    _, facilities = _verdicts([{"facility_type": "signage", "sign_kind": "isa_facility", "symbol_standard": "nonstandard"}])
    assert "SG-06" not in facilities.loc[0, "failing_rule_ids"]
    assert facilities.loc[0, "advisory_count"] == 1


def test_parking_ratio_formula_by_car_park_class():
    rows = [{"facility_type": "parking", "building_type": "public_car_park_II", "total_stalls": n,
             "accessible_stall_count": k} for n, k in ((250, 5), (250, 4), (60, 2), (None, 2))]
    verdicts, _ = _verdicts(rows)
    v = verdicts.set_index(["record_id", "rule_id"])
    assert v.loc[("r0", "PK-04"), "limit"] == 5 and v.loc[("r0", "PK-04"), "verdict"] == "passed"
    assert v.loc[("r1", "PK-04"), "verdict"] == "failed"
    assert v.loc[("r2", "PK-04"), "limit"] == 2  # max(2, ceil(1.2))
    assert v.loc[("r3", "PK-01"), "verdict"] == "not_assessed"  # no total: the limit cannot be computed


def test_slope_written_as_exact_fraction_passes_its_limit():
    verdicts, _ = _verdicts([{"facility_type": "ramp", "running_slope_ratio": 1 / 12, "constrained_site_bool": 0}])
    assert verdicts.set_index("rule_id").loc["RP-01", "verdict"] == "passed"


def test_conditions_use_three_valued_logic():
    class Cols:
        length = 3

        def numeric(self, name):
            return np.array([1.0, np.nan, 0.0])

        def text_in(self, name, values):
            return np.array([True, False, False]), np.array([True, False, True])

    value, known = evaluate_condition({"all": [{"field": "a", "is": True}, {"field": "b", "in": ["x"]}]}, Cols())
    assert list(known) == [True, False, True] and list(value) == [True, False, False]
    value, known = evaluate_condition({"any": [{"field": "a", "is": True}, {"field": "b", "in": ["x"]}]}, Cols())
    assert list(known) == [True, False, True] and list(value) == [True, False, False]
    value, known = evaluate_condition({"not": {"field": "a", "gt": 0.5}}, Cols())
    assert list(known) == [True, False, True] and list(value) == [False, False, True]


def test_formulas_are_a_whitelist():
    assert compile_formula("max(1, ceil(0.01 * total_stalls))")({"total_stalls": np.array([50.0, 250.0])}).tolist() == [1, 3]
    for bad in ("__import__('os').system('true')", "total_stalls.real", "open('x')", "[1][0]"):
        with pytest.raises(FormulaError):
            compile_formula(bad)


def test_a_broken_rules_file_is_refused():
    good = {"id": "X-1", "facility_type": "ramp", "field": "clear_width_m", "operator": "ge", "threshold": 1.2,
            "severity": "major", "level": "mandatory", "clause": "c", "confidence": "high", "plan_item": "一.2",
            "message_zh": "z", "message_en": "e"}
    assert parse_rules({"rules": [good]})[0].threshold == 1.2
    for change in ({"operator": "approx"}, {"severity": "fatal"}, {"threshold": {"formula": "import os"}}):
        with pytest.raises((RuleError, FormulaError)):
            parse_rules({"rules": [{**good, **change}]})
    with pytest.raises(RuleError):
        parse_rules({"rules": [good, good]})


def test_scoring_has_no_row_loop_and_handles_many_types_at_once():
    rows = [{**c["context"], **c["fail"]} for c in CASES] * 20
    frame = _frame(rows)
    evaluation = evaluate(frame, RULES)
    assert len(evaluation.status) == len(frame)
    assert (evaluation.failed > 0).sum() == len(frame) - 20 * sum(
        1 for c in CASES if next(r for r in RULES if r.id == c["rule"]).level == "recommended")


# ---- issue 18: corrections from the audit against the code texts

def test_rd02_holds_halls_not_streets_to_1_80():
    """GB 55019 §2.2.2's crowded places are halls: a 1.50 m route on a commercial street passes; in a hall it fails."""
    street = {"facility_type": "road", "site_category": "commercial", "street_class": "main_commercial",
              "accessible_route_clear_width_m": 1.5, "route_in_crowded_hall_bool": 0}
    hall = {**street, "route_in_crowded_hall_bool": 1}
    unknown = {**street, "route_in_crowded_hall_bool": None}
    verdicts, _ = _verdicts([street, hall, unknown])
    v = verdicts.set_index(["record_id", "rule_id"])["verdict"]
    assert v[("r0", "RD-02")] == "inapplicable" and v[("r0", "RD-01")] == "passed"
    assert v[("r1", "RD-02")] == "failed"
    assert v[("r2", "RD-02")] == "not_assessed"  # where the route is unknown, it is not guessed


def test_door_sill_stop_and_level_change():
    """GB 55019 §2.5.3: no sill and no stop at all; a level change up to 15 mm, bevelled no steeper than 1:10."""
    rows = [{"facility_type": "entrance", "threshold_height_mm": 10, "has_door_stop_bool": 0,
             "door_level_change_mm": 15, "level_change_bevel_slope_ratio": 0.1},
            {"facility_type": "entrance", "threshold_height_mm": 0, "has_door_stop_bool": 1,
             "door_level_change_mm": 0, "level_change_bevel_slope_ratio": 0.5}]
    verdicts, _ = _verdicts(rows)
    v = verdicts.set_index(["record_id", "rule_id"])["verdict"]
    assert v[("r0", "EN-09")] == "failed"  # a 10 mm sill passed the old 15 mm rule
    assert (v[("r0", "EN-28")], v[("r0", "EN-29")], v[("r0", "EN-30")]) == ("passed", "passed", "passed")
    assert (v[("r1", "EN-09")], v[("r1", "EN-28")]) == ("passed", "failed")
    assert v[("r1", "EN-30")] == "inapplicable"  # no level change, no bevel to judge


def test_revolving_door_on_the_route_fails_even_beside_a_swing_door():
    rows = [{"facility_type": "entrance", "revolving_door_only_bool": 0, "revolving_door_on_route_bool": 1},
            {"facility_type": "entrance", "revolving_door_only_bool": 0, "revolving_door_on_route_bool": 0}]
    verdicts, _ = _verdicts(rows)
    v = verdicts.set_index(["record_id", "rule_id"])["verdict"]
    assert (v[("r0", "EN-08")], v[("r1", "EN-08")]) == ("failed", "passed")


TIER_STATUSES = ("new_or_extended", "renovated", "existing", "existing_or_renovated", "unknown")


def test_renovation_is_held_to_gb55019_except_where_it_gives_a_renovation_value():
    """A 1.20 m stall short side: fails GB 55019's 1.50 m (WC-03), passes the legacy 1.00 m (WC-39). An 850 mm
    door: fails 900 mm (EN-05), passes the 800 mm renovation value (EN-06)."""
    rows = [{"facility_type": "toilet", "toilet_kind": "city_public_toilet", "stall_short_side_m": 1.2, "build_status": s}
            for s in TIER_STATUSES]
    rows += [{"facility_type": "entrance", "door_clear_width_mm": 850, "build_status": s} for s in TIER_STATUSES]
    verdicts, facilities = _verdicts(rows)
    v = verdicts.set_index(["record_id", "rule_id"])
    stall = {s: bool(v.loc[(f"r{i}", "WC-03"), "binding"]) for i, s in enumerate(TIER_STATUSES)}
    assert stall == {"new_or_extended": True, "renovated": True, "existing": False, "existing_or_renovated": False,
                     "unknown": True}
    door = {s: bool(v.loc[(f"r{i + 5}", "EN-05"), "binding"]) for i, s in enumerate(TIER_STATUSES)}
    assert door == {"new_or_extended": True, "renovated": False, "existing": False, "existing_or_renovated": False,
                    "unknown": True}
    judged = {s: v.loc[(f"r{i}", "WC-03"), "judged_by"] for i, s in enumerate(TIER_STATUSES)}
    assert judged["renovated"] == "gb55019" and judged["existing"] == "gb55019_reference"
    assert v.loc[("r0", "WC-39"), "judged_by"] == "floor" and v.loc[("r0", "WC-40"), "judged_by"] == "all"
    assert "WC-03" in facilities.loc[1, "failing_rule_ids"] and "WC-03" not in facilities.loc[2, "failing_rule_ids"]
    assert "EN-05" not in facilities.loc[6, "failing_rule_ids"]  # a renovated door at 850 mm meets its 800 mm


def test_residential_car_park_one_percent_unless_existing_not_renovated():
    """400 stalls, 3 accessible: under GB 55019's 1% (4), over GB 50763's residential 0.5% (2)."""
    rows = [{"facility_type": "parking", "building_type": "residential", "total_stalls": 400,
             "accessible_stall_count": 3, "build_status": s} for s in ("renovated", "existing")]
    rows.append({"facility_type": "parking", "building_type": "public_building", "total_stalls": 400,
                 "accessible_stall_count": 3, "build_status": "existing"})
    verdicts, facilities = _verdicts(rows)
    v = verdicts.set_index(["record_id", "rule_id"])
    assert v.loc[("r0", "PK-01"), "verdict"] == "failed" and v.loc[("r0", "PK-01"), "binding"]
    assert v.loc[("r1", "PK-01"), "verdict"] == "failed" and not v.loc[("r1", "PK-01"), "binding"]
    assert v.loc[("r1", "PK-07"), "verdict"] == "passed"
    assert v.loc[("r2", "PK-01"), "binding"]  # not residential: 1% whatever the build status
    assert list(facilities["status"] == "non_compliant") == [True, False, True]


def test_changed_rules_say_where_the_change_comes_from():
    by_id = {r.id: r for r in RULES}
    for rid in ("RD-02", "EN-07", "EN-08", "EN-09", "EN-10", "EN-11", "EN-14", "CR-02", "CR-13", "SC-03", "SC-04",
                "SC-05", "SC-06", "PK-01", "PK-07", "CR-03", "WC-39", "RP-19", "EN-06", "WC-38", "EN-27"):
        assert by_id[rid].notes.startswith("issue 18"), rid
    assert {by_id[r].confidence for r in ("EN-07", "EN-10", "EN-14", "EN-08", "EN-09")} == {"high"}
    assert {by_id[r].confidence for r in ("CR-02", "CR-13", "SC-03", "SC-04", "SC-05", "SC-06")} == {"medium"}
    # a clause that could not be confirmed is never given a number
    for rule in RULES:
        if rule.confidence == "low" and rule.notes:
            assert "not confirmed" in rule.clause or "our reading" in rule.clause or "ADA" in rule.clause, rule.id


def test_information_records_are_scored_and_counted_under_their_plan_items():
    rows = [{"facility_type": "self_service_terminal", "site_category": "residential", "low_unit_present_bool": 1,
             "on_accessible_route_bool": 1, "front_turning_diameter_m": 1.6},
            {"facility_type": "public_information", "emergency_alarm_visual_and_audible_bool": 0,
             "has_assistive_listening_bool": 0}]
    _, facilities = _verdicts(rows)
    assert list(facilities["plan_item"].str[:3]) == ["二.3", "二.4"]  # a residential site does not make it 一.3
    assert list(facilities["status"]) == ["compliant", "non_compliant"]
    assert facilities.loc[1, "failing_rule_ids"] == "PI-01"
