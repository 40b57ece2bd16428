"""Surveys as field teams fill them: a minimal sheet with Chinese headers and measurements only, presence implied
by measurements (never over a recorded "no"), the columns the rules miss, and unknown types and columns kept."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from checks.facility.evaluate import NOT_ASSESSED, evaluate, with_implied_presence
from checks.facility.rules import RuleError, load_implies, load_rules, parse_implies
from surveys.schema import load_schema
from wuzhangai.cli import main

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "surveys" / "team_minimal.csv"
# What the team measured, judged (build_status is not in the sheet: `unknown`, judged as new, the safe side).
EXPECTED = {
    "JH-CR-001": {"CR-01": "passed", "CR-02": "passed", "CR-03": "passed", "CR-11": "passed"},
    "JH-CR-002": {"CR-01": "passed", "CR-02": "failed", "CR-03": "failed", "CR-11": "failed"},
    "JH-CR-003": {"CR-01": "passed", "CR-02": "failed", "CR-03": "passed", "CR-11": "not_assessed"},
    "JH-TP-001": {"TP-06": "passed", "TP-12": "passed", "TP-07": "not_assessed"},
    "JH-TP-002": {"TP-06": "failed", "TP-12": "failed"},
}


def run(*args: str):
    return CliRunner().invoke(main, ["survey", *args], catch_exceptions=False)


def imported(tmp_path: Path, src: Path) -> tuple[Path, dict, object]:
    db, report = tmp_path / "s.db", tmp_path / "report.json"
    result = run("import", str(src), "--db", str(db), "--report", str(report), "-q")
    assert result.exit_code == 0, result.output
    return db, json.loads(report.read_text(encoding="utf-8")), result


def verdicts(db: Path) -> dict[str, dict[str, str]]:
    result = run("score", "--db", str(db))
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    return {rid: {v["rule_id"]: v["verdict"] for v in f["verdicts"]} for rid, f in doc["facilities"].items()}


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_minimal_team_sheet_gets_verdicts_for_what_it_measured(tmp_path, encoding):
    src = tmp_path / f"team_{encoding}.csv"
    src.write_bytes(FIXTURE.read_text(encoding="utf-8").encode(encoding))  # Excel on Windows saves CSV as GBK
    db, report, result = imported(tmp_path, src)
    assert report["files"][0]["encoding"] == ("utf-8" if encoding == "utf-8" else "gb18030")
    got = verdicts(db)
    for record_id, expected in EXPECTED.items():
        assert {rule: got[record_id][rule] for rule in expected} == expected, record_id
    # what it did not measure stays not_assessed: the slope rules need ramp_type, which the sheet lacks
    assert got["JH-CR-001"]["CR-05"] == "not_assessed" and got["JH-CR-001"]["CR-17"] == "not_assessed"

    coverage = report["files"][0]["coverage"]
    assert (coverage["verdicts"], coverage["not_assessed"]) == (88, 73)
    assert coverage["implied_presence"] == {"has_curb_ramp_bool": 3, "has_tactile_path_bool": 2}
    assert coverage["verdicts_judged_by_implied_presence"] == 15  # all 88 were not_assessed before
    missing = {m["column"]: m for m in coverage["missing_columns"]}
    assert missing["ramp_type"]["not_assessed"] == 24  # 8 curb ramp rules on 3 ramps
    assert missing["ramp_type"]["facility_types"] == ["curb_ramp"] and "CR-05" in missing["ramp_type"]["rules"]
    assert missing["has_curb_ramp_bool"]["not_assessed"] == 0  # missing, but every ramp measured stands in for it
    assert missing["has_warning_tactile_bool"]["not_assessed"] == 9
    assert "lip_height_mm" not in missing and "directional_width_mm" not in missing  # Chinese headers understood
    assert "ramp_type 24" in result.stderr and "has_curb_ramp_bool 3" in result.stderr


def test_before_implied_presence_every_verdict_of_the_sheet_was_not_assessed(tmp_path):
    from surveys.frame import load_facilities

    db, _, _ = imported(tmp_path, FIXTURE)
    from store.db import engine_for

    frame = load_facilities(engine_for(db)).reset_index(drop=True)
    as_written = evaluate(frame, load_rules(), {})
    implied = evaluate(frame, load_rules(), load_implies())
    assert (as_written.verdict == NOT_ASSESSED).all()
    assert int((implied.verdict != NOT_ASSESSED).sum()) == 15


def test_an_explicit_no_is_never_overridden_and_the_row_is_reported(tmp_path):
    src = tmp_path / "c.csv"
    src.write_text("record_id,facility_type,street,lon,lat,has_curb_ramp_bool,lip_height_mm,ramp_width_m\n"
                   "N1,curb_ramp,民族街街道,114.249166,30.600028,否,15,1.2\n"
                   "Y1,curb_ramp,民族街街道,114.241749,30.599200,是,15,\n"
                   "E1,curb_ramp,民族街街道,114.237905,30.608766,,15,\n", encoding="utf-8")
    db, report, result = imported(tmp_path, src)
    got = verdicts(db)
    assert got["N1"]["CR-01"] == "failed" and got["N1"]["CR-02"] == "inapplicable"  # the "no" stands
    assert got["Y1"]["CR-02"] == "failed" and got["E1"]["CR-02"] == "failed"  # recorded yes / implied yes
    conflicts = [w for w in report["warnings"] if w["code"] == "presence_conflict"]
    assert [(w["row"], w["field"]) for w in conflicts] == [(2, "has_curb_ramp_bool")]  # one per row and field
    assert "ramp_width_m, lip_height_mm" in conflicts[0]["en"]  # in the order of implies: in rules.yaml
    assert "row 2, field has_curb_ramp_bool" in result.stderr and "与同一行测量的" in result.stderr


def test_unknown_types_and_columns_are_imported_reported_and_nothing_is_lost(tmp_path):
    src = tmp_path / "u.csv"
    src.write_text("记录编号,设施类型,街道,经度,纬度,坡口高差(mm),座椅高度(cm),备注2\n"
                   "U1,bench,民族街街道,114.249166,30.600028,,45,近公交站\n"
                   "U2,缘石坡道,民族街街道,114.241749,30.599200,5,,树下\n"
                   "U3,无障碍座椅,民族街街道,114.237905,30.608766,12,40,\n", encoding="utf-8")
    db, report, result = imported(tmp_path, src)
    entry = report["files"][0]
    assert entry["unknown_types"] == {"bench": 1, "无障碍座椅": 1}
    assert entry["unknown_columns"] == ["座椅高度(cm)", "备注2"]
    codes = sorted((w["row"] or 0, w["code"]) for w in report["warnings"])
    assert codes == [(0, "unknown_column"), (0, "unknown_column"), (2, "unknown_type"), (4, "unknown_type")]
    assert "bench 1" in result.stderr and "备注2" in result.stderr
    with sqlite3.connect(db) as conn:
        stored = {r: (t, json.loads(m)) for r, t, m in conn.execute(
            "SELECT record_id, facility_type, measurements FROM survey_facilities")}
    assert stored["U1"] == ("bench", {"extra_cells": {"座椅高度(cm)": "45", "备注2": "近公交站"}})
    assert stored["U2"] == ("curb_ramp", {"extra_cells": {"备注2": "树下"}, "lip_height_mm": 5.0})
    # a known measurement on a row of an unknown type is kept too, under the header it came with
    assert stored["U3"] == ("无障碍座椅", {"extra_cells": {"坡口高差(mm)": "12", "座椅高度(cm)": "40"}})
    doc = json.loads(run("score", "--db", str(db)).stdout)
    assert doc["facilities"]["U1"]["status"] == "incomplete" and doc["facilities"]["U1"]["verdicts"] == []
    assert doc["facilities"]["U2"]["status"] == "non_compliant"  # CR-02: lip 5 mm on a new build


def test_implied_presence_keeps_recorded_values():
    present = np.array([1.0, 0.0, np.nan, np.nan])
    measured = np.array([np.nan, 5.0, 5.0, np.nan])
    assert with_implied_presence(present, [measured]).tolist()[:3] == [1.0, 0.0, 1.0]
    assert np.isnan(with_implied_presence(present, [measured])[3])


def test_implies_is_checked_against_the_rules_and_the_schema():
    rules, schema = load_rules(), load_schema()
    for ftype, mapping in load_implies().items():
        fields = set(schema.types[ftype].field_names())
        for presence, measured in mapping.items():
            assert presence in fields and set(measured) <= fields, (ftype, presence)
            assert all(schema.field(m).kind == "number" for m in measured)  # measurements, not yes/no
    with pytest.raises(RuleError, match="no curb_ramp rule applies when has_lift_bool"):
        parse_implies({"curb_ramp": {"has_lift_bool": ["lip_height_mm"]}}, rules)
    with pytest.raises(RuleError, match="which no rule gated by it judges"):
        parse_implies({"curb_ramp": {"has_curb_ramp_bool": ["colour"]}}, rules)


def test_evaluate_without_implies_judges_the_columns_as_they_are():
    frame = pd.DataFrame({"facility_type": ["curb_ramp"], "lip_height_mm": [0.0]})
    rules = [r for r in load_rules() if r.id == "CR-03"]
    assert evaluate(frame, rules).verdict.tolist() == [NOT_ASSESSED]
    assert evaluate(frame, rules, load_implies()).verdict.tolist() != [NOT_ASSESSED]
