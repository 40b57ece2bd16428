"""Grid and gap analysis on synthetic geometry with known answers (all in metres, EPSG:4547)."""
from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from click.testing import CliRunner

from geodata.gap_files import gap_list, report_json, write_csv_table, write_geojson, write_gpkg
from geodata.gaps import (
    GapParams, analyse, area_stats, coverage, nearest_distances, priority_gaps, sites_on_map, tactile_continuity,
    tactile_records,
)
from geodata.grid import h3_resolution_for, make_grid
from geodata.layers import METRIC_CRS, STORAGE_CRS
from geodata.synthetic import synthetic_facilities, synthetic_units
from wuzhangai.cli import main

X0, Y0 = 525000.0, 3386000.0  # a point inside Jianghan in EPSG:4547, on a 100 m multiple


def to_lonlat(xy: list[tuple[float, float]]) -> np.ndarray:
    pts = gpd.GeoSeries(shapely.points(np.asarray(xy, dtype=float)), crs=METRIC_CRS).to_crs(STORAGE_CRS)
    return np.column_stack([pts.x, pts.y])


def frame(rows: list[dict]) -> pd.DataFrame:
    """A scored-facility frame from rows with metric x/y (converted to WGS84 lon/lat like the store holds)."""
    lonlat = to_lonlat([(r["x"], r["y"]) for r in rows])
    out = pd.DataFrame(rows).drop(columns=["x", "y"])
    out["lon"], out["lat"] = lonlat[:, 0], lonlat[:, 1]
    defaults = {"record_id": [f"r{i}" for i in range(len(out))], "worst_severity": None, "failing_rules": None,
                "street_code": None, "street_name": None, "community_code": None, "community_name": None,
                "site_name": "", "status": "compliant"}
    for col, value in defaults.items():
        if col not in out.columns:
            out[col] = value
    out["status"] = out["status"].fillna("compliant")
    return out


def metric_points(df: pd.DataFrame) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs=STORAGE_CRS).to_crs(METRIC_CRS)


# ------------------------------------------------------------------------------------------------------ grid

def test_h3_resolution_for_300_m_is_9_and_scales():
    assert h3_resolution_for(300) == 9
    assert h3_resolution_for(800) == 8
    assert h3_resolution_for(120) == 10


def test_square_grid_over_a_known_square():
    square = gpd.GeoSeries([shapely.box(X0, Y0, X0 + 1000, Y0 + 1000)], crs=METRIC_CRS).to_crs(STORAGE_CRS).iloc[0]
    cells = make_grid(square, kind="square", cell_m=100)
    assert len(cells) == 100
    assert cells["area_m2"].to_numpy() == pytest.approx(np.full(100, 10000.0), rel=1e-6)
    assert sorted(cells["x"].round(3).unique()) == pytest.approx([X0 + 50 + 100 * i for i in range(10)])


def test_district_grids_cover_the_district_exactly():
    hexes = make_grid(kind="h3", cell_m=300)
    squares = make_grid(kind="square", cell_m=300)
    assert hexes["cell_id"].str.len().eq(15).all()  # H3 ids
    for cells in (hexes, squares):
        assert cells["area_m2"].sum() / 1e6 == pytest.approx(28.27, abs=0.01)
        assert cells["area_m2"].max() <= (300 ** 2 if cells is squares else 0.11e6)
    assert 300 < len(hexes) < 450 and 300 < len(squares) < 450


# ------------------------------------------------------------------------------------------------- distances

def test_nearest_distances_known_triangle():
    src = np.array([[0.0, 0.0], [10.0, 10.0]])
    dst = np.array([[3.0, 4.0], [10.0, 13.0], [100.0, 100.0]])
    dist, which = nearest_distances(src, dst)
    assert dist.tolist() == [5.0, 3.0]
    assert which.tolist() == [0, 1]
    none, idx = nearest_distances(src, np.empty((0, 2)))
    assert np.isinf(none).all() and (idx == -1).all()


def test_coverage_counts_cells_within_d_of_a_compliant_toilet_only():
    square = gpd.GeoSeries([shapely.box(X0, Y0, X0 + 1000, Y0 + 1000)], crs=METRIC_CRS).to_crs(STORAGE_CRS).iloc[0]
    cells = make_grid(square, kind="square", cell_m=100)
    fac = frame([
        {"facility_type": "toilet", "x": X0 + 500, "y": Y0 + 500},  # the centre
        {"facility_type": "toilet", "status": "non_compliant", "x": X0 + 50, "y": Y0 + 50},  # must not count
        {"facility_type": "parking", "x": X0 + 2000, "y": Y0 + 2000},
    ])
    out, summary = coverage(cells, metric_points(fac), distance_m=250)
    # Independent count: cell centres (50 + 100 i, 50 + 100 j) within 250 m of (500, 500).
    c = 50 + 100 * np.arange(10)
    gx, gy = np.meshgrid(c, c)
    covered = int((np.hypot(gx - 500, gy - 500) <= 250).sum())
    toilet = summary.set_index("target").loc["toilet"]
    assert toilet["cells_uncovered"] == 100 - covered
    assert toilet["area_uncovered_km2"] == pytest.approx((100 - covered) * 0.01, rel=1e-6)
    assert toilet["share_area_uncovered"] == pytest.approx((100 - covered) / 100, rel=1e-6)
    nearest = out.sort_values("dist_toilet_m").iloc[0]
    assert nearest["dist_toilet_m"] == pytest.approx(np.hypot(50, 50), abs=0.05)
    parking = summary.set_index("target").loc["parking"]
    assert parking["cells_uncovered"] == 100  # the only parking is ~1.4 km away
    assert summary.set_index("target").loc["curb_ramp", "compliant_facilities"] == 0


def test_curb_ramps_count_at_crossings_only_when_the_context_is_recorded():
    square = gpd.GeoSeries([shapely.box(X0, Y0, X0 + 200, Y0 + 100)], crs=METRIC_CRS).to_crs(STORAGE_CRS).iloc[0]
    cells = make_grid(square, kind="square", cell_m=100)
    fac = frame([{"facility_type": "curb_ramp", "location_context": "driveway", "x": X0 + 50, "y": Y0 + 50},
                 {"facility_type": "curb_ramp", "location_context": "intersection_corner", "x": X0 + 1150,
                  "y": Y0 + 50}])
    out, summary = coverage(cells, metric_points(fac), distance_m=1000)
    assert out["dist_curb_ramp_m"].round(1).tolist() == [1100.0, 1000.0]
    assert summary.set_index("target").loc["curb_ramp", "cells_uncovered"] == 1


# ------------------------------------------------------------------------------------------ priority places

def test_priority_place_lists_what_is_missing_within_d():
    fac = frame([
        {"facility_type": "entrance", "x": X0 + 300, "y": Y0},
        {"facility_type": "entrance", "status": "non_compliant", "x": X0 + 10, "y": Y0},
        {"facility_type": "parking", "x": X0, "y": Y0 + 600},
        {"facility_type": "curb_ramp", "status": "incomplete", "x": X0, "y": Y0 + 5},
    ])
    places = gpd.GeoDataFrame({"kind": ["hospital", "metro_station"], "name": ["测试医院", "远站"]},
                              geometry=[shapely.Point(X0, Y0), shapely.Point(X0 + 5000, Y0)], crs=METRIC_CRS)
    out = priority_gaps(places, metric_points(fac), distance_m=500)
    hospital = out.iloc[0]
    assert hospital["nearest_entrance_m"] == pytest.approx(300, abs=0.01)
    assert hospital["nearest_parking_m"] == pytest.approx(600, abs=0.01)
    assert np.isnan(hospital["nearest_curb_ramp_m"])
    assert hospital["missing"] == "parking,curb_ramp"
    assert "测试医院" in hospital["reason_zh"] and "无障碍停车位" in hospital["reason_zh"]
    assert out.iloc[1]["missing"] == "entrance,parking,curb_ramp"
    assert priority_gaps(places, metric_points(fac), distance_m=700).iloc[0]["missing"] == "curb_ramp"


# --------------------------------------------------------------------------------------------- tactile paving

def _lines(segments: dict[str, list[tuple[float, float]]], **extra) -> gpd.GeoDataFrame:
    gdf = gpd.GeoDataFrame({"segment_id": list(segments)},
                           geometry=[shapely.LineString([(X0 + x, Y0 + y) for x, y in pts])
                                     for pts in segments.values()], crs=METRIC_CRS)
    for col, values in extra.items():
        gdf[col] = values
    return gdf


def test_tactile_breaks_dead_ends_and_obstructions():
    segs = _lines({"A": [(0, 0), (100, 0)], "B": [(105, 0), (200, 0)], "C": [(200.5, 0), (300, 0)],
                   "D": [(150, 0), (150, 60)]},  # D starts on B's middle: a T-junction, connected
                  is_obstructed_bool=[False, True, None, "否"], obstruction_type=[None, "parked_ebike", None, None],
                  is_continuous_bool=[None, None, "false", None], gap_length_m=[None, None, 3.5, None])
    fac = frame([{"facility_type": "crossing", "x": X0 + 305, "y": Y0},
                 {"facility_type": "entrance", "x": X0 + 150, "y": Y0 + 68}])
    problems, summary = tactile_continuity(segs, metric_points(fac), snap_m=1, gap_max_m=20, end_ok_m=10)
    kinds = sorted(zip(problems["kind"], problems["segment_id"], problems["source"]))
    assert kinds == [("break", "A", "geometry"), ("break", "C", "survey"), ("dead_end", "A", "geometry"),
                     ("obstruction", "B", "survey")]
    geometric = problems[(problems["kind"] == "break") & (problems["source"] == "geometry")].iloc[0]
    assert geometric["length_m"] == 5.0 and geometric["other_segment_id"] == "B"
    dead = problems[problems["kind"] == "dead_end"].iloc[0]
    assert (dead.geometry.x, dead.geometry.y) == (X0, Y0)
    assert problems[problems["source"] == "survey"]["length_m"].dropna().tolist() == [3.5]
    assert summary["length_m"] == pytest.approx(100 + 95 + 99.5 + 60)
    assert summary["breaks"] == 2 and summary["dead_ends"] == 1 and summary["obstructions"] == 1
    # Without the crossing, C's far end becomes a dead end; with a larger snap the 5 m gap closes.
    alone, _ = tactile_continuity(segs, metric_points(fac.iloc[[1]]), snap_m=1, gap_max_m=20, end_ok_m=10)
    assert sorted(alone[alone["kind"] == "dead_end"]["segment_id"]) == ["A", "C"]
    snapped, _ = tactile_continuity(segs, metric_points(fac), snap_m=6, gap_max_m=20, end_ok_m=10)
    assert not ((snapped["kind"] == "break") & (snapped["source"] == "geometry")).any()


def test_tactile_records_from_survey_wkt_endpoint_columns_or_point():
    df = pd.DataFrame({
        "record_id": ["t1", "t2", "t3", "t4", "x"], "facility_type": ["tactile_paving"] * 4 + ["toilet"],
        "geometry_wkt": ["LINESTRING (114.26 30.60, 114.261 30.60)", None, "POINT (1 2)", None, None],
        "start_lon": [None, 114.27, None, None, None], "start_lat": [None, 30.61, None, None, None],
        "end_lon": [None, 114.271, None, None, None], "end_lat": [None, 30.611, None, None, None],
        "lon": [None, None, None, 114.25, 114.25], "lat": [None, None, None, 30.6, 30.6],
    })
    records = tactile_records(df)
    assert records["segment_id"].tolist() == ["t1", "t2", "t4"]  # t3: a point WKT and no lon/lat
    assert records.geometry.iloc[1].coords[:] == [(114.27, 30.61), (114.271, 30.611)]
    assert records.geom_type.tolist() == ["LineString", "LineString", "Point"]


def test_surveyed_tactile_flags_on_point_records():
    pts = gpd.GeoDataFrame({"segment_id": ["p1", "p2", "p3", "p4"],
                            "is_continuous_bool": [1.0, None, 0.0, 1.0], "gap_length_m": [800.0, 2.0, None, 0.0],
                            "is_obstructed_bool": [0.0, None, None, 1.0], "obstruction_type": [None, None, None, "vendor_stall"]},
                           geometry=[shapely.Point(X0 + 10 * i, Y0) for i in range(4)], crs=METRIC_CRS)
    problems, summary = tactile_continuity(pts, metric_points(frame([{"facility_type": "toilet", "x": X0, "y": Y0}])))
    # p1 ticked continuous: a stray gap length is not a break; p2 has no tick but a 2 m gap; p3 is not continuous
    assert sorted(zip(problems["kind"], problems["segment_id"])) == [("break", "p2"), ("break", "p3"),
                                                                      ("obstruction", "p4")]
    assert (summary["records"], summary["segments"], summary["dead_ends"]) == (4, 0, 0)
    assert problems.set_index("segment_id").loc["p4"].geometry.equals(shapely.Point(X0 + 30, Y0))


# ------------------------------------------------------------------------------------ streets and communities

def _unit_frame() -> pd.DataFrame:
    return frame([
        {"facility_type": "toilet", "status": "non_compliant", "worst_severity": "critical",
         "street_code": "420103001", "community_code": "420103001002", "x": X0, "y": Y0,
         "failing_rules": [{"rule_id": "T1", "clause": "GB 55019-2021 3.9.3", "severity": "critical"}]},
        {"facility_type": "entrance", "status": "compliant", "street_code": "420103001", "x": X0 + 10, "y": Y0},
        {"facility_type": "ramp", "status": "incomplete", "street_name": "民族街道", "x": X0 + 20, "y": Y0},
        {"facility_type": "parking", "status": "non_compliant", "worst_severity": "major",
         "street_code": "420103002", "x": X0 + 5000, "y": Y0,
         "failing_rules": json.dumps([{"rule_id": "P1", "clause": "GB 55019-2021 3.8.1", "severity": "major"}])},
        {"facility_type": "home_modification", "status": "compliant", "street_code": "420103002",
         "community_code": "420103002001", "x": X0 + 5000, "y": Y0},
    ])


def test_area_stats_by_recorded_street():
    table, mismatches, _ = area_stats(_unit_frame(), "street")
    assert len(table) == 15 and mismatches.empty
    mz = table.set_index("code").loc["420103001"]
    assert (mz["facilities"], mz["compliant"], mz["non_compliant"], mz["incomplete"]) == (3, 1, 1, 1)
    assert mz["compliance_share"] == 0.5  # incomplete is not assessed: 1 of 2
    assert mz["critical_failures"] == 1
    assert np.isnan(mz["failures_per_km2"])  # no polygons, no area
    hl = table.set_index("code").loc["420103002"]
    assert (hl["facilities"], hl["home_modifications"]) == (1, 1)  # the home is counted apart, not as a facility
    assert table.set_index("code").loc["420103003", "facilities"] == 0  # unsurveyed streets are listed too


def test_area_stats_by_polygon_lists_disagreeing_records():
    polys = gpd.GeoDataFrame({"code": ["420103001", "420103002"], "name": ["民族街街道", "花楼街街道"]},
                             geometry=[shapely.box(X0 - 100, Y0 - 100, X0 + 1900, Y0 + 400),  # 1 km²
                                       shapely.box(X0 + 1900, Y0 - 100, X0 + 5900, Y0 + 400)],  # 2 km²
                             crs=METRIC_CRS).to_crs(STORAGE_CRS)
    fac = _unit_frame()
    fac.loc[1, "street_code"] = "420103002"  # recorded wrongly: it lies in polygon 420103001
    table, mismatches, assigned = area_stats(fac, "street", polys)
    assert mismatches["record_id"].tolist() == ["r1"]
    assert mismatches.iloc[0][["recorded_code", "polygon_code"]].tolist() == ["420103002", "420103001"]
    t = table.set_index("code")
    assert t.loc["420103001", "facilities"] == 3 and t.loc["420103001", "area_km2"] == pytest.approx(1.0, rel=1e-6)
    assert t.loc["420103001", "failures_per_km2"] == pytest.approx(1.0, rel=1e-3)
    assert t.loc["420103002", "failures_per_km2"] == pytest.approx(0.5, rel=1e-3)
    assert set(assigned["grouped_by"]) == {"polygon"}


def test_home_modifications_never_leak_a_location_in_mismatches():
    polys = gpd.GeoDataFrame({"code": ["420103003"], "name": ["水塔街街道"]},
                             geometry=[shapely.box(X0 - 10000, Y0 - 10000, X0 + 10000, Y0 + 10000)],
                             crs=METRIC_CRS).to_crs(STORAGE_CRS)
    _, mismatches, _ = area_stats(_unit_frame(), "street", polys)
    home = mismatches[mismatches["facility_type"] == "home_modification"].iloc[0]
    assert np.isnan(home["lon"]) and np.isnan(home["lat"])
    assert mismatches[mismatches["facility_type"] == "toilet"]["lon"].notna().all()


def test_analyse_ranks_worst_places_with_reasons_and_writes_files(tmp_path):
    fac = _unit_frame()
    places = gpd.GeoDataFrame({"kind": ["hospital"], "name": ["测试医院"], "source": ["user"]},
                              geometry=[shapely.Point(X0, Y0)], crs=METRIC_CRS).to_crs(STORAGE_CRS)
    square = gpd.GeoSeries([shapely.box(X0 - 500, Y0 - 500, X0 + 500, Y0 + 500)], crs=METRIC_CRS)
    cells = make_grid(square.to_crs(STORAGE_CRS).iloc[0], kind="square", cell_m=250)
    sites = pd.DataFrame([{"site_id": 1, "base_url": "http://a", "name": "区政府网站", "owner_unit": "民族街街道办事处",
                           "lon": 114.27, "lat": 30.59, "latest_scan_id": 3, "score": 71.5, "issues": 4,
                           "scanned_at": "2025-01-01"},
                          {"site_id": 2, "base_url": "http://b", "name": "某局", "owner_unit": "区民政局", "lon": None,
                           "lat": None, "latest_scan_id": 4, "score": 90, "issues": 1, "scanned_at": "2025-01-01"}])
    report = analyse(fac, cells=cells, places=places, params=GapParams(distance_m=300, grid_kind="square", cell_m=250),
                     sites=sites)
    worst = report.worst[report.worst["level"] == "street"]
    assert worst["code"].tolist() == ["420103001", "420103002"]  # the critical failure ranks first
    assert "严重不合格 1 处（无障碍卫生间 1）" in worst.iloc[0]["reason_zh"]
    assert "GB 55019-2021 3.9.3" in worst.iloc[0]["reason_zh"] and "GB 55019-2021 3.8.1" in worst.iloc[1]["reason_en"]
    assert report.critical_failures == 1 and report.facilities_total == 4
    # the compliant entrance 10 m away serves it; the only parking fails; no curb ramp at all
    assert report.priority_gaps["missing"].tolist() == ["parking,curb_ramp"]
    assert report.sites["located"].tolist() == [True, False]
    assert report.sites["street_code"].iloc[0] == "420103001" and pd.isna(report.sites["street_code"].iloc[1])
    assert report.has_gaps

    gaps = gap_list(report)
    assert {"coverage_toilet", "priority_hospital", "worst_street"} <= set(gaps["kind"])
    n = write_geojson(report, tmp_path / "g.geojson")
    doc = json.loads((tmp_path / "g.geojson").read_text(encoding="utf-8"))
    assert n == len(doc["features"]) == 16 + 1 + 1  # 16 cells, 1 place, 1 located site
    assert {f["properties"]["layer"] for f in doc["features"]} == {"coverage_cells", "priority_places", "sites"}
    layers = write_gpkg(report, tmp_path / "g.gpkg")
    assert {name for name, _ in pyogrio.list_layers(tmp_path / "g.gpkg")} == set(layers)
    assert {"coverage_cells", "priority_places", "streets", "worst"} <= set(layers)
    text = write_csv_table(report, "worst", tmp_path / "w.csv")
    assert "民族街街道" in text and (tmp_path / "w.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert json.loads(json.dumps(report_json(report), default=str))["headline"]["critical_failures"] == 1


def test_sites_owner_unit_or_polygon_gives_the_street():
    sites = pd.DataFrame([{"site_id": 1, "base_url": "http://a", "name": "x", "owner_unit": "花楼街街道办事处",
                           "lon": 114.27, "lat": 30.59}])
    assert sites_on_map(sites)["street_code"].tolist() == ["420103002"]
    polys = synthetic_units(["420103005"], seed=1)  # one polygon: the whole district
    assert sites_on_map(sites, polys)["street_code"].tolist() == ["420103005"]


def test_analyse_on_a_random_district_survey_is_consistent():
    fac = synthetic_facilities(400, seed=11)
    from geodata.layers import osm_priority_places, district_shape

    report = analyse(fac, cells=make_grid(), places=osm_priority_places(), area=district_shape())
    assert report.facilities_total == 400
    assert report.streets["facilities"].sum() == 400
    assert report.communities["facilities"].sum() == 400
    assert 0 < len(report.priority) < len(osm_priority_places())  # only places inside the district
    for row in report.coverage_summary.to_dict("records"):
        assert 0 <= row["share_area_uncovered"] <= 1
        assert row["area_km2"] == pytest.approx(28.27, abs=0.01)


def test_gaps_cli_without_a_survey_exits_1_and_writes_the_file(tmp_path):
    out = tmp_path / "gaps.geojson"
    result = CliRunner().invoke(main, ["gaps", "--db", str(tmp_path / "w.db"), "--out", str(out)])
    assert result.exit_code == 1
    assert "import a survey" in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    bad = CliRunner().invoke(main, ["gaps", "--db", str(tmp_path / "w.db"), "--out", str(tmp_path / "g.txt")])
    assert bad.exit_code == 2


def test_facility_types_and_labels_come_from_the_survey_schema():
    from geodata.gaps import COVERAGE_TARGETS, FACILITY_LABELS, PARKING_TYPES, PRIORITY_NEEDS, TACTILE_TERMINALS
    from surveys.schema import facility_types, label

    named = {t for *_, types in (*COVERAGE_TARGETS.values(), *PRIORITY_NEEDS.values()) for t in types}
    assert named | set(TACTILE_TERMINALS) | set(PARKING_TYPES) <= set(facility_types())
    assert set(FACILITY_LABELS) == set(facility_types())
    assert FACILITY_LABELS["toilet"] == (label("toilet", "zh-CN"), label("toilet", "en")) == ("无障碍卫生间",
                                                                                          "accessible toilet")
    assert label("not_a_type", "en") == "not_a_type"
