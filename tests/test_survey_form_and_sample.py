"""The XLSForm (valid for pyxform, location first, exports import back) and the bundled synthetic sample."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from pyxform.xls2xform import convert

from geodata import district
from surveys.generate import generate_records
from surveys.pipeline import import_and_score_sample, sample_path
from surveys.schema import load_schema, schema_markdown
from surveys.xlsform import build_form
from wuzhangai.cli import main
from store.db import engine_for
from surveys.frame import load_facilities


@pytest.fixture(scope="module")
def form(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("form") / "form.xlsx"
    result = CliRunner().invoke(main, ["survey", "form", "--out", str(out)])
    assert result.exit_code == 0 and "checked with pyxform" in result.output
    return out


def test_form_is_valid_xlsform_without_warnings(form):
    warnings: list[str] = []
    xform = convert(xlsform=str(form), validate=False, warnings=warnings).xform
    assert warnings == []
    assert 'type="geopoint"' not in xform or xform.count("geopoint") == 1
    assert "jr:choice-name" not in xform  # nothing exotic that offline clients lack


def test_location_is_the_first_geopoint_and_every_field_is_asked(form):
    survey = load_workbook(form)["survey"]
    rows = [dict(zip([c.value for c in survey[1]], [c.value for c in row])) for row in survey.iter_rows(min_row=2)]
    geopoints = [r["name"] for r in rows if r["type"] == "geopoint"]
    assert geopoints == ["location"]
    names = {r["name"].split("__")[-1] for r in rows if r["name"]}
    schema = load_schema()
    asked = set(schema.measurement_fields()) - {"dropoff_zone_size_m"}
    assert asked <= names
    assert any(r["type"] == "begin_repeat" and r["name"] == "stalls" for r in rows)
    labels = [r["label::中文 (zh)"] for r in rows if r["name"] == "lip_height_mm"]
    assert labels == ["坡口高差(mm)"]


def _kobo_header(form_sheets: dict) -> list[str]:
    """Column names of a KoboToolbox export: group path joined with "/", the geopoint split."""
    out, groups = [], []
    for row in form_sheets["survey"]:
        kind, name = row["type"], row["name"]
        if kind in ("begin_group", "begin_repeat"):
            groups.append(name)
        elif kind in ("end_group", "end_repeat"):
            groups.pop()
        elif "stalls" in groups or kind == "calculate" and name != "crs":
            continue
        else:
            out.append("/".join(groups + [name]))
            if kind == "geopoint":
                out += [f"_{name}_latitude", f"_{name}_longitude", f"_{name}_altitude", f"_{name}_precision"]
    return out + ["_id", "_uuid", "_submission_time", "_index"]


def test_an_export_of_the_form_imports_back_without_mapping(tmp_path):
    sheets = build_form()
    header = _kobo_header(sheets)
    values = {"facility_type": "curb_ramp", "location": "30.585 114.285 20 3", "_location_latitude": "30.585",
              "_location_longitude": "114.285", "_location_precision": "3", "crs": "WGS84", "street": "420103001",
              "build_status": "new_or_extended", "g_curb_ramp/has_curb_ramp_bool": "yes",
              "g_curb_ramp/ramp_type": "three_sided", "g_curb_ramp/curb_ramp__running_slope_ratio": "0.0700",
              "g_curb_ramp/lip_height_mm": "0", "g_curb_ramp/curb_ramp__surface_slip_resistant_bool": "no",
              "photo_1": "p.jpg", "_uuid": "form-1", "survey_datetime": "2025-05-12T10:31:00.000+08:00"}
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    sheet.append([values.get(h) for h in header])
    book.save(tmp_path / "export.xlsx")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["survey", "import", str(tmp_path / "export.xlsx"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "is not a survey field" not in result.output  # every exported column is understood
    record = load_facilities(engine_for(db)).set_index("record_id").loc["form-1"]
    assert record["running_slope_ratio"] == 0.07 and record["surface_slip_resistant_bool"] == 0.0
    assert record["photos"] == "p.jpg" and record["source_crs"] == "WGS84"


def test_schema_guide_is_bilingual_and_complete():
    text = schema_markdown()
    schema = load_schema()
    for name in list(schema.measurement_fields()) + [f.name for f in schema.common]:
        assert f"`{name}`" in text
    assert "## curb_ramp — 缘石坡道 / curb ramp" in text and "empty is not zero" in text


def test_bundled_field_guide_is_current():
    guide = Path(__file__).resolve().parents[1] / "surveys" / "SCHEMA.md"
    assert guide.read_text(encoding="utf-8") == schema_markdown(), "run: wuzhangai survey schema --out surveys/SCHEMA.md"


def test_generator_is_fixed_seed_realistic_and_inside_the_district():
    a = generate_records(300, seed=11)
    b = generate_records(300, seed=11)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(generate_records(300, seed=12))
    streets = {s.code for s in district.streets() if s.kind == "街道"}
    assert set(a["street"].dropna()) <= streets
    assert {"GCJ02", "WGS84"} <= set(a["crs"].dropna())


def test_bundled_sample_is_the_generators_output():
    bundled = pd.read_csv(sample_path(), dtype=str, keep_default_na=False)
    fresh = generate_records(2000, seed=20250512).astype(object).fillna("").astype(str)
    assert len(bundled) == len(fresh) and list(bundled["record_id"]) == list(fresh["record_id"])
    assert bundled["street"].replace("", None).dropna().nunique() == 13
    assert (bundled["facility_type"] != "parking_stall").sum() == 2140  # 2,000 plus 140 information records
    info = bundled[bundled["facility_type"].isin(["self_service_terminal", "public_information"])]
    assert info["facility_type"].value_counts().to_dict() == {"self_service_terminal": 80, "public_information": 60}
    # each at the site of a surveyed entrance: same site name, street and community as an entrance record
    entrances = bundled[bundled["facility_type"] == "entrance"]
    sites = set(zip(entrances["site_name"], entrances["street"], entrances["community"]))
    assert all(key in sites for key in zip(info["site_name"], info["street"], info["community"]))
    assert set(info["site_category"]) <= {"hospital", "transport_hub", "public_building", "commercial"}
    assert {"existing", "renovated", "new_or_extended", "unknown"} <= set(bundled["build_status"])


def test_sample_imports_and_scores(tmp_path):
    engine = engine_for(tmp_path / "demo.db")
    result = import_and_score_sample(engine, tmp_path / "out")
    summary = result["summary"]
    assert result["imported"] == 2221 and summary["facilities"] == 2221
    assert 0.3 < summary["compliance_share"] < 0.8 and summary["critical_facilities"] > 50
    assert (summary["compliant"], summary["non_compliant"], summary["incomplete"]) == (1324, 641, 256)
    for fmt, path in result["outputs"].items():
        assert path.exists() and path.stat().st_size > 1000, fmt
    geo = json.loads(result["outputs"]["geojson"].read_text(encoding="utf-8"))
    assert len(geo["features"]) == 2221 - 62  # every facility but the home modifications
    facilities = load_facilities(engine)
    gcj = facilities[facilities["source_crs"] == "GCJ02"]
    assert len(gcj) > 200 and (gcj["lon"] != gcj["source_lon"]).all()


def test_information_records_from_the_form_import_and_score_under_their_plan_items(tmp_path):
    """A self-service terminal asked by the form (专栏9 二.3) comes back from a KoboToolbox export and is judged;
    an entrance sheet that only says "revolving door only: yes" fails EN-08 (no revolving door on the route)."""
    sheets = build_form()
    header = _kobo_header(sheets)
    assert "g_self_service_terminal/low_unit_present_bool" in header
    assert "g_public_information/emergency_alarm_visual_and_audible_bool" in header
    values = {"facility_type": "self_service_terminal", "_location_latitude": "30.585", "_location_longitude": "114.285",
              "crs": "WGS84", "street": "420103001", "build_status": "existing", "site_name": "测试医院",
              "site_category": "hospital", "g_self_service_terminal/terminal_kind": "hospital_kiosk",
              "g_self_service_terminal/low_unit_present_bool": "yes",
              "g_self_service_terminal/on_accessible_route_bool": "yes",
              "g_self_service_terminal/self_service_terminal__front_turning_diameter_m": "1.40", "_uuid": "kiosk-1"}
    book = Workbook()
    book.active.append(header)
    book.active.append([values.get(h) for h in header])
    book.save(tmp_path / "export.xlsx")
    (tmp_path / "doors.csv").write_text("记录编号,设施类型,街道,经度,纬度,revolving_door_only_bool\n"
                                        "door-1,entrance,420103001,114.285,30.585,是\n", encoding="utf-8")
    db = tmp_path / "s.db"
    for name in ("export.xlsx", "doors.csv"):
        result = CliRunner().invoke(main, ["survey", "import", str(tmp_path / name), "--db", str(db)])
        assert result.exit_code == 0, result.output
    from surveys.scoring import rule_verdicts, scored_facilities

    facilities = scored_facilities(engine_for(db)).set_index("record_id")
    assert facilities.loc["kiosk-1", "plan_item"] == "二.3 自助服务终端信息无障碍"
    assert facilities.loc["kiosk-1", "failing_rule_ids"] == "ST-03"  # 1.40 m in front of the low unit
    verdicts = rule_verdicts(engine_for(db)).set_index(["record_id", "rule_id"])
    assert verdicts.loc[("door-1", "EN-08"), "verdict"] == "failed"
