"""`wuzhangai survey score` in its four formats, the aggregates, and the contract for maps and reports."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from wuzhangai.cli import main
from store.db import engine_for
from surveys.scoring import rule_verdicts, scored_facilities

ROWS = [
    "record_id,facility_type,street,community,site_name,lon,lat,crs,build_status,has_curb_ramp_bool,ramp_type,lip_height_mm,"
    "door_clear_width_mm,entrance_type,counter_kind,wall_phone_height_mm",
    # new build, 5 mm lip: fails GB 55019 (binding); injection attempt in the site name
    "K1,curb_ramp,民族街街道,万年社区,=HYPERLINK(\"http://x\"),114.2850,30.5850,WGS84,new_or_extended,true,three_sided,5,,,,",
    # existing build, 850 mm door: fails only the new-build tier (not binding) and passes the 800 mm floor
    "K2,entrance,民族街街道,万年社区,@SUM(1),114.2712,30.6010,WGS84,existing_or_renovated,,,,850,level,,",
    # compliant phone
    "K3,service_counter,花楼街街道,,-1+2,114.2600,30.6100,WGS84,unknown,,,,,,wall_phone,850",
    # curb ramp missing entirely: critical
    "K4,curb_ramp,花楼街街道,,+cmd,114.2500,30.6200,WGS84,existing_or_renovated,false,none,,,,,",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("score")
    src = folder / "s.csv"
    src.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    path = folder / "s.db"
    result = CliRunner().invoke(main, ["survey", "import", str(src), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def score(db: Path, *args: str):
    return CliRunner().invoke(main, ["survey", "score", "--db", str(db), *args], catch_exceptions=False)


def test_json_keys_facilities_by_record_id_with_every_rule_verdict(db):
    result = score(db)
    assert result.exit_code == 0  # the scores were written; non-compliance gates only with --fail-on
    doc = json.loads(result.stdout)
    assert set(doc["facilities"]) == {"K1", "K2", "K3", "K4"}
    k1 = doc["facilities"]["K1"]
    assert k1["status"] == "non_compliant" and k1["worst_severity"] == "major"
    verdicts = {v["rule_id"]: v for v in k1["verdicts"]}
    assert len(verdicts) == 18  # every curb_ramp rule
    assert {"rule_id", "field", "verdict", "severity", "clause"} <= set(verdicts["CR-02"])
    assert verdicts["CR-02"]["verdict"] == "failed" and verdicts["CR-02"]["clause"] == "GB 55019-2021 §2.10.2"
    assert verdicts["CR-11"]["verdict"] == "not_assessed"
    assert verdicts["CR-04"]["verdict"] == "inapplicable"
    assert [r["rule_id"] for r in k1["failing_rules"]] == ["CR-02"]
    k2 = doc["facilities"]["K2"]
    assert {v["rule_id"]: (v["verdict"], v["binding"]) for v in k2["verdicts"]}["EN-05"] == ("failed", False)
    assert "EN-05" not in [r["rule_id"] for r in k2["failing_rules"]]
    assert doc["facilities"]["K3"]["status"] == "compliant"
    assert doc["facilities"]["K4"]["worst_severity"] == "critical"
    assert doc["summary"]["facilities"] == 4 and doc["summary"]["compliant"] == 1


def test_aggregates_per_street_community_type_and_plan_item(db):
    doc = json.loads(score(db).stdout)
    streets = {a["street_name"]: a for a in doc["aggregates"]["street"]}
    assert streets["民族街街道"]["facilities"] == 2 and streets["花楼街街道"]["facilities"] == 2
    assert streets["花楼街街道"]["compliant"] == 1 and streets["花楼街街道"]["compliance_share"] == 0.5
    assert streets["花楼街街道"]["critical_facilities"] == 1 and streets["花楼街街道"]["critical_failures"] == 1
    types = {a["facility_type"]: a for a in doc["aggregates"]["facility_type"]}
    assert types["curb_ramp"]["non_compliant"] == 2
    plans = {a["plan_item"] for a in doc["aggregates"]["plan_item"]}
    assert plans == {"一.1 道路交通无障碍", "一.2 公共服务设施无障碍"}
    communities = {a["community_name"] for a in doc["aggregates"]["community"]}
    assert "万年社区" in communities


def test_csv_neutralises_formula_text(db):
    rows = list(csv.DictReader(io.StringIO(score(db, "--format", "csv").stdout.lstrip("\ufeff"))))
    sites = {r["record_id"]: r["site_name"] for r in rows}
    assert sites["K1"].startswith("'=") and sites["K2"] == "'@SUM(1)" and sites["K3"] == "'-1+2" and sites["K4"] == "'+cmd"
    assert {r["record_id"]: r["failing_rule_ids"] for r in rows}["K4"] == "CR-01"
    verdict_rows = list(csv.DictReader(io.StringIO(score(db, "--format", "csv", "--table", "verdicts").stdout.lstrip("\ufeff"))))
    assert {"record_id", "rule_id", "field", "verdict", "severity", "clause"} <= set(verdict_rows[0])


def test_xlsx_for_officials(db, tmp_path):
    out = tmp_path / "score.xlsx"
    assert score(db, "--format", "xlsx", "--out", str(out)).exit_code == 0
    book = load_workbook(out)
    assert book.sheetnames == ["汇总", "缘石坡道", "出入口、门、电梯", "低位服务设施", "规则"]
    ramps = book["缘石坡道"]
    header = [c.value for c in ramps[1]]
    assert header[:3] == ["记录编号", "街道", "社区"] and "评估结论" in header and "坡口高差(mm)" in header
    row = {h: c.value for h, c in zip(header, ramps[2])}
    assert row["记录编号"] == "K1" and row["评估结论"] == "不符合" and row["场所名称"].startswith("'=")
    assert "CR-02 GB 55019-2021 §2.10.2：坡口高差应不大于 0mm" in row["不符合内容"]
    assert any(c.data_type == "f" for r in book["汇总"].iter_rows() for c in r) is False
    summary_text = [c.value for r in book["汇总"].iter_rows() for c in r if c.value]
    assert "按街道 / by street" in summary_text and "符合率" in summary_text


def test_geojson_points_in_wgs84(db, tmp_path):
    out = tmp_path / "score.geojson"
    score(db, "--format", "geojson", "--out", str(out))
    doc = json.loads(out.read_text(encoding="utf-8"))
    features = {f["properties"]["record_id"]: f for f in doc["features"]}
    assert set(features) == {"K1", "K2", "K3", "K4"}
    assert features["K1"]["geometry"] == {"type": "Point", "coordinates": [114.285, 30.585]}
    assert features["K4"]["properties"]["status"] == "non_compliant"
    assert features["K4"]["properties"]["failing_rules"][0]["rule_id"] == "CR-01"


def test_min_confidence_drops_less_sure_rules(db):
    low = json.loads(score(db).stdout)["rules"]["count"]
    high = json.loads(score(db, "--min-confidence", "high").stdout)["rules"]["count"]
    assert high < low == 211


def test_contract_for_maps_and_reports(db):
    engine = engine_for(db)
    facilities = scored_facilities(engine)
    for column in ("record_id", "facility_type", "street_code", "street_name", "community_code", "community_name",
                   "site_name", "build_status", "lon", "lat", "source_crs", "status", "worst_severity", "failing_rules",
                   "plan_item"):
        assert column in facilities.columns, column
    assert set(facilities["status"]) <= {"compliant", "non_compliant", "incomplete"}
    k1 = facilities.set_index("record_id").loc["K1"]
    assert k1["failing_rules"][0] == {"rule_id": "CR-02", "clause": "GB 55019-2021 §2.10.2", "severity": "major",
                                      "confidence": "medium", "tier": "new_build",
                                      "message_zh": "坡口高差应不大于 0mm（新建、扩建、改建）",
                                      "message_en": "lip height must be at most 0 mm (new, extended and renovated works)"}
    verdicts = rule_verdicts(engine)
    assert list(verdicts.columns[:8]) == ["record_id", "rule_id", "field", "verdict", "severity", "clause", "tier", "plan_item"]
    assert set(verdicts.loc[verdicts["rule_id"] == "CR-02", "tier"]) == {"new_build"}


def test_empty_database_scores_to_an_empty_document(tmp_path):
    result = score(tmp_path / "empty.db")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["facilities"] == {} and doc["summary"]["facilities"] == 0
