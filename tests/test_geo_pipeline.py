"""From an imported survey to gaps and maps through the commands and the demo function (real SQLite file)."""
from __future__ import annotations

import csv
import json
import re

import pandas as pd
import pytest
from click.testing import CliRunner

from geodata.gaps import CROSSING_CONTEXTS
from geodata.mapdata import facilities_from_store
from geodata.pipeline import demo_maps, gap_tables, map_html_fragment, map_png
from surveys.pipeline import sample_path
from wuzhangai.cli import main
from store.db import engine_for

ROWS = 400


@pytest.fixture(scope="module")
def surveyed_db(tmp_path_factory):
    """The first rows of the bundled sample survey, imported with the survey command."""
    tmp = tmp_path_factory.mktemp("pipeline")
    with sample_path().open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        rows = [next(reader) for _ in range(ROWS + 1)]
    part = tmp / "part.csv"
    with part.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    db = str(tmp / "w.db")
    result = CliRunner().invoke(main, ["survey", "import", str(part), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    return db, tmp


def test_store_frame_carries_the_fields_gaps_need(surveyed_db):
    db, _ = surveyed_db
    frame, notes = facilities_from_store(engine_for(db))
    assert notes == [] and len(frame) > 300
    assert {"location_context", "is_continuous_bool", "is_obstructed_bool"} <= set(frame.columns)
    assert frame.loc[frame["facility_type"] == "home_modification", "lon"].isna().all()


def test_gaps_command_json_matches_the_store(surveyed_db):
    db, tmp = surveyed_db
    out = tmp / "gaps.json"
    result = CliRunner().invoke(main, ["gaps", "--db", db, "--out", str(out), "--fail-on", "critical"])
    frame, _ = facilities_from_store(engine_for(db))
    public = frame[frame["facility_type"] != "home_modification"]
    critical = int(((public["status"] == "non_compliant") & (public["worst_severity"] == "critical")).sum())
    assert critical > 0 and result.exit_code == 1  # the gate trips on the sample's critical failures
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["headline"]["facilities"] == len(public)
    assert doc["headline"]["critical_failures"] == critical
    cov = {r["target"]: r for r in doc["tables"]["coverage"]}
    ramps = public[(public["facility_type"] == "curb_ramp") & (public["status"] == "compliant")]
    at_crossings = ramps["location_context"].isna() | ramps["location_context"].isin(CROSSING_CONTEXTS)
    assert cov["curb_ramp"]["compliant_facilities"] == int(at_crossings.sum()) < len(ramps)
    streets = pd.DataFrame(doc["tables"]["streets"])
    assert streets["facilities"].sum() == len(public)
    assert CliRunner().invoke(main, ["gaps", "--db", db, "--out", str(tmp / "g.csv")]).exit_code == 0


def test_demo_maps_and_report_entry_points(surveyed_db):
    db, tmp = surveyed_db
    engine = engine_for(db)
    result = demo_maps(engine, tmp / "demo")
    for kind in ("facilities_map", "gaps_map"):
        png = result["files"][kind]["png"]
        html = result["files"][kind]["html"]
        assert open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
        page = open(html, encoding="utf-8").read()
        assert "L.geoJSON" in page
        markup = re.sub(r"<script.*?</script>", "", page, flags=re.S)  # Chromium proves the scripts stay offline
        assert not re.search(r"""(src|href)=["']?https?:|url\(["']?https?:""", markup)
    assert json.loads(open(result["files"]["gaps"]["geojson"], encoding="utf-8").read())["features"]
    assert result["headline"]["facilities"] > 300
    assert map_png(engine, "streets", dpi=50)[:4] == b"\x89PNG"
    fragment = map_html_fragment(engine, ("gaps",), element_id="report-map", include_assets=False)
    assert 'id="report-map"' in fragment and "<html" not in fragment and "L.map" in fragment
    tables = gap_tables(engine)
    assert {"coverage", "priority", "tactile", "streets", "communities", "worst"} <= set(tables)
    assert len(tables["communities"]) >= 111


def test_sites_from_the_store_appear_on_the_sites_map(tmp_path):
    from geodata.mapdata import collect
    from geodata.maps_html import render_html
    from wuzhangai.usecases.sites import describe_site

    engine = engine_for(tmp_path / "w.db")
    describe_site(engine, "http://www.jianghan.gov.cn/", name="江汉区人民政府网", owner_unit="江汉区人民政府",
             lon=114.2712, lat=30.6010)
    describe_site(engine, "http://street.example/", name="某街道", owner_unit="花楼街街道办事处")  # no location
    data = collect(engine)
    assert data.sites["located"].tolist() == [True, False]
    assert data.sites["street_code"].tolist()[1] == "420103002"  # from the owning unit's name
    page = render_html(data, ["sites"])
    assert '"sites"' in page and "江汉区人民政府网" in page and "某街道" not in page



def test_user_tactile_and_poi_layers_feed_the_gap_analysis(tmp_path):
    import geopandas as gpd
    import shapely

    from geodata.layers import METRIC_CRS
    from geodata.mapdata import collect

    x0, y0 = 525000.0, 3386000.0
    lines = gpd.GeoDataFrame({"segment_id": ["L1", "L2"], "is_obstructed_bool": [False, True]},
                             geometry=[shapely.LineString([(x0, y0), (x0 + 100, y0)]),
                                       shapely.LineString([(x0 + 107, y0), (x0 + 200, y0)])], crs=METRIC_CRS)
    hall = gpd.GeoDataFrame({"名称": ["江汉区政务服务中心（测试）"]}, geometry=[shapely.Point(x0, y0 + 50)], crs=METRIC_CRS)
    lines.to_file(tmp_path / "tactile.gpkg")
    hall.to_file(tmp_path / "halls.shp", encoding="utf-8")
    db = str(tmp_path / "w.db")
    runner = CliRunner()
    for args in (["tactile", str(tmp_path / "tactile.gpkg")],
                 ["poi", str(tmp_path / "halls.shp"), "--poi-kind", "government_service_hall"]):
        result = runner.invoke(main, ["geo", "add-layer", *args, "--db", db])
        assert result.exit_code == 0, result.output
    data = collect(engine_for(db), facilities=pd.DataFrame(columns=["record_id", "facility_type", "lon", "lat",
                                                                    "status", "worst_severity"]))
    problems = data.report.tactile_problems
    assert sorted(zip(problems["kind"], problems["segment_id"])) == [
        ("break", "L1"), ("dead_end", "L1"), ("dead_end", "L2"), ("obstruction", "L2")]
    assert problems.loc[problems["kind"] == "break", "length_m"].tolist() == [7.0]
    halls = data.report.priority[data.report.priority["kind"] == "government_service_hall"]
    assert halls["name"].tolist() == ["江汉区政务服务中心（测试）"] and halls["gap"].all()
