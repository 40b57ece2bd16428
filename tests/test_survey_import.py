"""Survey import: every format and encoding, every kind of bad input, atomicity, updates, units and CRS."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from geodata.crs import wgs84_to_bd09, wgs84_to_gcj02
from surveys.readers import read_chunks
from wuzhangai.cli import main
from store.db import engine_for
from surveys.frame import load_facilities

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "surveys"
ROOT = Path(__file__).resolve().parents[1]
HEADER = "record_id,facility_type,street,community,lon,lat,build_status,has_curb_ramp_bool,ramp_type,lip_height_mm"
GOOD = [
    "A1,curb_ramp,民族街街道,万年社区,114.2850,30.5850,new_or_extended,是,three_sided,0",
    "A2,curb_ramp,420103001,,114.2712,30.6010,existing_or_renovated,true,other,6",
]


def run(*args: str):
    return CliRunner().invoke(main, ["survey", *args], catch_exceptions=False)


def write(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def imported(tmp_path: Path, lines: list[str], *options: str) -> dict[str, dict]:
    """Import a CSV made of ``lines`` (it must succeed) and return the stored records by id."""
    db = tmp_path / "s.db"
    result = run("import", str(write(tmp_path / "in.csv", lines)), "--db", str(db), *options)
    assert result.exit_code == 0, result.output
    return stored(db)


def stored(db: Path) -> dict[str, dict]:
    frame = load_facilities(engine_for(db))
    return {r["record_id"]: r for r in frame.to_dict("records")}


def count(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master")}
        return conn.execute("select count(*) from survey_facilities").fetchone()[0] if "survey_facilities" in tables else 0


# ---------------------------------------------------------------------------------------------- formats


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings(tmp_path, encoding):
    src = write(tmp_path / "s.csv", [HEADER, *GOOD], encoding)
    db = tmp_path / "s.db"
    result = run("import", str(src), "--db", str(db))
    assert result.exit_code == 0, result.output
    records = stored(db)
    assert records["A1"]["street_name"] == "民族街街道" and records["A1"]["community_name"] == "万年社区"
    assert records["A2"]["lip_height_mm"] == 6.0 and records["A1"]["has_curb_ramp_bool"] == 1.0


def test_xlsx(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(["X1", "entrance", "民权街道", None, 114.2600, 30.6100, "new_or_extended", None, None, None])
    sheet.append(["X2", "curb_ramp", "民族街", None, 114.2500, 30.6200, None, True, "three_sided", 12])
    book.save(tmp_path / "s.xlsx")
    db = tmp_path / "s.db"
    assert run("import", str(tmp_path / "s.xlsx"), "--db", str(db)).exit_code == 0
    records = stored(db)
    assert records["X1"]["street_code"] == "420103004" and records["X1"]["build_status"] == "new_or_extended"
    assert records["X2"]["lip_height_mm"] == 12 and records["X2"]["build_status"] == "unknown"


def test_geojson_points_and_lines(tmp_path):
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [114.2850, 30.5850]},
         "properties": {"record_id": "G1", "facility_type": "curb_ramp", "street": "民族街街道", "lip_height_mm": 0,
                        "has_curb_ramp_bool": True}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[114.2600, 30.6100], [114.2610, 30.6105]]},
         "properties": {"record_id": "G2", "facility_type": "tactile_paving", "street": "民族街街道",
                        "has_tactile_path_bool": True, "is_continuous_bool": False}},
    ]
    src = tmp_path / "s.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    db = tmp_path / "s.db"
    assert run("import", str(src), "--db", str(db)).exit_code == 0
    records = stored(db)
    assert records["G1"]["lon"] == pytest.approx(114.2850)
    assert records["G2"]["geometry_wkt"].startswith("LINESTRING") and records["G2"]["is_continuous_bool"] == 0.0


def test_kobo_csv_export_imports_without_mapping(tmp_path):
    db = tmp_path / "s.db"
    result = run("import", str(FIXTURES / "kobo_export.csv"), "--db", str(db))
    assert result.exit_code == 0, result.output
    records = stored(db)
    ramp = records["5e7c6a1e-0001-4c1b-9d1e-000000000001"]
    assert ramp["facility_type"] == "curb_ramp" and ramp["running_slope_ratio"] == 0.07
    assert ramp["lip_height_mm"] == 5 and ramp["has_warning_tactile_bool"] == 1.0
    assert ramp["community_name"] == "万年社区" and ramp["gnss_accuracy_m"] == 3.2
    assert ramp["survey_datetime"].startswith("2025-05-12T10:31")
    assert records["5e7c6a1e-0001-4c1b-9d1e-000000000002"]["door_clear_width_mm"] == 850
    toilet = records["5e7c6a1e-0001-4c1b-9d1e-000000000003"]
    assert toilet["has_accessible_sign_bool"] == 0.0 and toilet["room_area_m2"] == 3.6
    assert "_id" not in result.output  # system columns are known, not reported as unknown


def test_odk_central_csv_export_imports_without_mapping(tmp_path):
    db = tmp_path / "s.db"
    result = run("import", str(FIXTURES / "odk_export.csv"), "--db", str(db))
    assert result.exit_code == 0, result.output
    records = stored(db)
    ramp = records["0b9a3f00-0000-4000-8000-00000000000b"]  # "uuid:" prefix dropped
    assert ramp["facility_type"] == "ramp" and ramp["running_slope_ratio"] == 0.1 and ramp["clear_width_m"] == 1.1
    curb = records["0b9a3f00-0000-4000-8000-00000000000a"]
    assert curb["running_slope_ratio"] == 0.04 and curb["lat"] == pytest.approx(30.62)


def test_kobo_xlsx_with_parking_stall_repeat_sheet(tmp_path):
    book = Workbook()
    main_sheet = book.active
    main_sheet.title = "江汉区无障碍设施调查"
    main_sheet.append(["facility_type", "_location_latitude", "_location_longitude", "street", "build_status",
                       "g_parking/total_stalls", "g_parking/accessible_stall_count", "_uuid", "_index"])
    main_sheet.append(["parking", 30.6010, 114.2712, "420103001", "existing_or_renovated", 250, 2, "park-1", 1])
    stalls = book.create_sheet("stalls")
    stalls.append(["g_parking/stalls/stall_width_m", "g_parking/stalls/access_aisle_width_m", "_index", "_parent_index",
                   "_submission__uuid"])
    stalls.append([2.5, 1.0, 1, 1, "park-1"])
    stalls.append([2.5, 1.3, 2, 1, "park-1"])
    book.create_sheet("notes").append(["anything"])  # not a repeat: ignored
    book.save(tmp_path / "kobo.xlsx")
    db = tmp_path / "s.db"
    result = run("import", str(tmp_path / "kobo.xlsx"), "--db", str(db))
    assert result.exit_code == 0, result.output
    records = stored(db)
    assert set(records) == {"park-1", "park-1/stalls/1", "park-1/stalls/2"}
    stall = records["park-1/stalls/1"]
    assert stall["facility_type"] == "parking_stall" and stall["parent_record_id"] == "park-1"
    assert stall["stall_plus_aisle_width_m"] == pytest.approx(3.5)  # derived
    assert stall["street_code"] == "420103001"  # taken from its car park
    score = json.loads(run("score", "--db", str(db)).stdout)
    assert score["facilities"]["park-1/stalls/1"]["lon"] == pytest.approx(114.2712)
    assert "PK-08" in [r["rule_id"] for r in score["facilities"]["park-1/stalls/1"]["failing_rules"]]


# ---------------------------------------------------------------------------------------------- bad input

BAD_INPUTS = {
    "text_in_number": (["B1,curb_ramp,民族街街道,,114.2850,30.5850,,true,three_sided,abc"],
                       'row 3, field lip_height_mm: "abc" is not a number', "不是数字"),
    "absurd_lip": (["B1,curb_ramp,民族街街道,,114.2850,30.5850,,true,three_sided,9000"],
                   "outside the plausible range 0-300", "超出合理范围"),
    "outside_district": (["B1,curb_ramp,民族街街道,,114.4000,30.5000,,true,three_sided,0"],
                         "is outside the district", "不在江汉区范围内"),
    "lat_lon_swapped": (["B1,curb_ramp,民族街街道,,30.5850,114.2850,,true,three_sided,0"],
                        "latitude and longitude look swapped", "经纬度疑似填反"),
    "duplicate_ids": ([GOOD[0], GOOD[0].replace("three_sided", "other")], 'row 4, field record_id: "A1" duplicates the record id of row 3',
                      "重复"),
    "unknown_street": (["B1,curb_ramp,武昌区,,114.2850,30.5850,,true,three_sided,0"], "is not a street of the district", "不是本区的街道"),
    "bad_bool": (["B1,curb_ramp,民族街街道,,114.2850,30.5850,,maybe,three_sided,0"], "is not yes/no", "不是“是/否”"),
    "bad_enum": (["B1,curb_ramp,民族街街道,,114.2850,30.5850,,true,triangular,0"], "is not one of", "不是允许的取值"),
    "missing_coordinates": (["B1,curb_ramp,民族街街道,,,,,true,three_sided,0"], "field lon: is required", "必填"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_rows_refuse_the_whole_file(tmp_path, case):
    rows, english, chinese = BAD_INPUTS[case]
    src = write(tmp_path / "bad.csv", [HEADER, GOOD[1], *rows])
    db = tmp_path / "s.db"
    result = run("import", str(src), "--db", str(db))
    assert result.exit_code == 1
    assert english in result.stderr and chinese in result.stderr
    assert "nothing imported" in result.stderr
    assert count(db) == 0  # the good row was not imported either


def test_missing_required_columns(tmp_path):
    src = write(tmp_path / "bad.csv", ["record_id,lon,lat,lip_height_mm", "A1,114.2850,30.5850,0"])
    db = tmp_path / "s.db"
    result = run("import", str(src), "--db", str(db))
    assert result.exit_code == 1
    assert "required column facility_type is missing" in result.stderr
    assert "required column street or community is missing" in result.stderr
    assert count(db) == 0


def test_xlsx_formula_cells_are_refused(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(["F1", "curb_ramp", "民族街街道", None, 114.2850, 30.5850, None, True, "three_sided", "=1+1"])
    book.save(tmp_path / "f.xlsx")
    db = tmp_path / "s.db"
    result = run("import", str(tmp_path / "f.xlsx"), "--db", str(db))
    assert result.exit_code == 1
    assert 'field lip_height_mm: "=1+1" is a formula' in result.stderr
    assert count(db) == 0


def test_xlsx_zip_bomb_is_refused_before_inflating(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))  # 64 MiB of zeros, ~64 KiB packed
    result = run("import", str(bomb), "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 1
    assert "zip bomb" in result.stderr and "压缩比异常" in result.stderr


def test_skip_invalid_imports_valid_rows_and_writes_rejects(tmp_path):
    src = write(tmp_path / "mixed.csv", [HEADER, *GOOD, BAD_INPUTS["text_in_number"][0][0],
                                         BAD_INPUTS["outside_district"][0][0].replace("B1", "B2")])
    db, rejects = tmp_path / "s.db", tmp_path / "rejects.csv"
    result = run("import", str(src), "--db", str(db), "--skip-invalid", "--rejects", str(rejects))
    assert result.exit_code == 1  # rows were rejected: something to act on
    assert set(stored(db)) == {"A1", "A2"}
    text = rejects.read_text(encoding="utf-8-sig")
    assert "B1" in text and "is not a number" in text and "B2" in text and "outside the district" in text
    assert '""lip_height_mm"": ""abc""' in text  # the original cells, to correct and re-upload


def test_reimport_updates_never_duplicates(tmp_path):
    db = tmp_path / "s.db"
    assert run("import", str(write(tmp_path / "v1.csv", [HEADER, *GOOD])), "--db", str(db)).exit_code == 0
    corrected = [GOOD[0], GOOD[1].replace(",6", ",0")]
    result = run("import", str(write(tmp_path / "v2.csv", [HEADER, *corrected])), "--db", str(db))
    assert result.exit_code == 0 and "0 new, 2 updated" in result.stdout
    assert count(db) == 2 and stored(db)["A2"]["lip_height_mm"] == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from survey_imports").fetchone()[0] == 2


def test_killed_import_leaves_the_database_as_it_was(tmp_path):
    from surveys.generate import write_sample

    db = tmp_path / "s.db"
    assert run("import", str(write(tmp_path / "v1.csv", [HEADER, *GOOD])), "--db", str(db)).exit_code == 0
    big = tmp_path / "big.csv"
    write_sample(big, count=3000, seed=3)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "wuzhangai.cli", "survey", "import", str(big), "--db", str(db),
                             "--chunk-size", "100"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True)
    seen = 0
    deadline = time.time() + 120
    while seen < 3 and time.time() < deadline:  # wait until it is writing staging rows, then kill it hard
        line = proc.stderr.readline()
        seen += "read" in line
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert seen == 3
    assert count(db) == 2
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("select count(*) from survey_imports").fetchone()[0] == 1
    assert run("import", str(big), "--db", str(db), "-q").exit_code in (0, 1)  # usable afterwards
    assert count(db) > 2


# ---------------------------------------------------------------------------------------------- units and CRS


def test_percent_and_centimetre_columns_are_converted(tmp_path):
    record = imported(tmp_path, ["record_id,facility_type,street,lon,lat,running_slope_pct,lip_height_cm,ramp_width_m",
                                 "U1,curb_ramp,民族街街道,114.2850,30.5850,8,1.5,1.2"])["U1"]
    assert record["running_slope_ratio"] == pytest.approx(0.08) and record["lip_height_mm"] == pytest.approx(15)


def test_slopes_written_as_rise_run_or_percent(tmp_path):
    records = imported(tmp_path, ["record_id,facility_type,street,lon,lat,running_slope_ratio",
                                  "U1,ramp,民族街街道,114.2850,30.5850,1:12", "U2,ramp,民族街街道,114.2850,30.5850,8.3%"])
    assert records["U1"]["running_slope_ratio"] == pytest.approx(1 / 12) and records["U2"]["running_slope_ratio"] == pytest.approx(0.083)


def test_gcj02_and_bd09_are_stored_as_wgs84_with_the_source_kept(tmp_path):
    lon, lat = 114.2712, 30.6010
    glon, glat = wgs84_to_gcj02(lon, lat)
    blon, blat = wgs84_to_bd09(lon, lat)
    records = imported(tmp_path, ["record_id,facility_type,street,lon,lat,crs",
                                  f"C1,signage,民族街街道,{glon:.7f},{glat:.7f},GCJ02",
                                  f"C2,signage,民族街街道,{blon:.7f},{blat:.7f},bd-09",
                                  f"C3,signage,民族街街道,{glon:.7f},{glat:.7f},"], "--crs", "GCJ02")
    for rid in ("C1", "C2", "C3"):
        assert records[rid]["lon"] == pytest.approx(lon, abs=2e-6) and records[rid]["lat"] == pytest.approx(lat, abs=2e-6)
    assert records["C1"]["source_crs"] == "GCJ02" and records["C2"]["source_crs"] == "BD09"
    assert records["C1"]["source_lon"] == pytest.approx(glon)
    assert records["C3"]["source_crs"] == "GCJ02" and not records["C3"]["crs_assumed"]


def test_missing_crs_is_assumed_wgs84_and_flagged(tmp_path):
    record = imported(tmp_path, ["record_id,facility_type,street,lon,lat", "C1,signage,民族街街道,114.2712,30.6010"])["C1"]
    assert record["source_crs"] == "WGS84" and record["crs_assumed"]


def test_home_modifications_keep_no_point_and_no_address(tmp_path):
    record = imported(tmp_path, ["record_id,facility_type,community,lon,lat,site_name,dwelling_threshold_height_mm",
                                 "H1,home_modification,万年社区,114.2712,30.6010,某小区 3 栋 201,20"])["H1"]
    db = tmp_path / "s.db"
    assert record["street_code"] == "420103001" and record["community_code"] == "420103001002"
    assert record["lon"] != record["lon"] and record["site_name"] is None  # NaN: dropped on import
    with sqlite3.connect(db) as conn:
        assert "某小区" not in " ".join(str(v) for row in conn.execute("select * from survey_facilities") for v in row)
    out = tmp_path / "score.geojson"
    run("score", "--db", str(db), "--format", "geojson", "--out", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["features"] == []


def test_reader_streams_in_bounded_chunks(tmp_path):
    src = write(tmp_path / "many.csv", [HEADER] + [f"R{i},signage,民族街街道,,114.2712,30.6010,,,," for i in range(1050)])
    info, chunks = read_chunks(src, chunk_size=100)
    sizes = [len(c.frame) for c in chunks]
    assert max(sizes) == 100 and sum(sizes) == 1050 and len(sizes) == 11
    assert info.encoding == "utf-8"
