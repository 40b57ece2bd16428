"""User layers: three file formats, projected and Chinese CRSs, missing CRS refused, repair, store round trip."""
from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from click.testing import CliRunner

from geodata import crs as china_crs
from geodata import district
from geodata.layers import METRIC_CRS, LayerError, match_unit, read_user_layer, stored_layer, to_feature_rows
from geodata.synthetic import synthetic_units
from wuzhangai.cli import main
from store.db import engine_for
from store.geo import list_layers, save_layer

STREET_CODES = [s.code for s in district.streets()]


@pytest.fixture(scope="module")
def streets_wgs84() -> gpd.GeoDataFrame:
    return synthetic_units(STREET_CODES, seed=3)


def _max_vertex_shift(a: gpd.GeoSeries, b: gpd.GeoSeries) -> float:
    ca = shapely.get_coordinates(a.values)
    cb = shapely.get_coordinates(b.values)
    assert ca.shape == cb.shape
    return float(np.abs(ca - cb).max())


@pytest.mark.parametrize("suffix,driver", [(".geojson", "GeoJSON"), (".gpkg", "GPKG"), (".shp", "ESRI Shapefile")])
def test_three_formats_in_a_projected_crs_come_back_in_wgs84(tmp_path, streets_wgs84, suffix, driver):
    path = tmp_path / f"streets{suffix}"
    projected = streets_wgs84.to_crs(METRIC_CRS)
    pyogrio.write_dataframe(projected, path, driver=driver)
    loaded = read_user_layer(path, "streets")
    assert loaded.source_crs == "EPSG:4547"
    assert loaded.gdf.crs.to_epsg() == 4326
    assert len(loaded.gdf) == 15
    assert list(loaded.gdf["code"]) == STREET_CODES
    assert loaded.gdf["name"].iloc[0] == "民族街街道"  # matched to the 2023 name, not the synthetic label
    # 4547 -> file -> 4326 against the original 4326: sub-millimetre (1e-8 degree ~ 1 mm).
    assert _max_vertex_shift(loaded.gdf.geometry, streets_wgs84.geometry) < 1e-8


def test_layer_without_crs_is_refused_and_accepted_with_source_crs(tmp_path, streets_wgs84):
    path = tmp_path / "no_prj.shp"
    pyogrio.write_dataframe(streets_wgs84.to_crs(METRIC_CRS), path)
    path.with_suffix(".prj").unlink()
    with pytest.raises(LayerError, match="没有坐标参考系.*no CRS"):
        read_user_layer(path, "streets")
    loaded = read_user_layer(path, "streets", source_crs="EPSG:4547")
    assert _max_vertex_shift(loaded.gdf.geometry, streets_wgs84.geometry) < 1e-8
    result = CliRunner().invoke(main, ["geo", "add-layer", "streets", str(path), "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 1
    assert "--source-crs" in result.output


def test_contradicting_source_crs_is_refused(tmp_path, streets_wgs84):
    path = tmp_path / "s.gpkg"
    pyogrio.write_dataframe(streets_wgs84.to_crs(METRIC_CRS), path)
    with pytest.raises(LayerError, match="contradicts"):
        read_user_layer(path, "streets", source_crs="EPSG:3857")


@pytest.mark.parametrize("system,forward", [("gcj02", china_crs.wgs84_to_gcj02), ("bd09", china_crs.wgs84_to_bd09)])
def test_chinese_lonlat_layers_are_converted_round_trip(tmp_path, system, forward):
    lon = np.array([114.2650, 114.2420, 114.2890])
    lat = np.array([30.5950, 30.6180, 30.5820])
    shifted_lon, shifted_lat = forward(lon, lat)
    # The offset is hundreds of metres in Wuhan: forgetting the conversion would move a hospital a block away.
    metres = gpd.GeoSeries(gpd.points_from_xy(lon, lat), crs=4326).to_crs(METRIC_CRS).distance(
        gpd.GeoSeries(gpd.points_from_xy(shifted_lon, shifted_lat), crs=4326).to_crs(METRIC_CRS))
    assert (metres > 300).all()
    path = tmp_path / f"places_{system}.geojson"
    gdf = gpd.GeoDataFrame({"name": ["甲医院", "乙医院", "丙医院"]},
                           geometry=gpd.points_from_xy(shifted_lon, shifted_lat), crs=4326)
    pyogrio.write_dataframe(gdf, path)
    loaded = read_user_layer(path, "poi", source_crs=system, poi_kind="hospital")
    assert loaded.source_crs == {"gcj02": "GCJ-02", "bd09": "BD-09"}[system]
    back = shapely.get_coordinates(loaded.gdf.geometry.values)
    assert np.abs(back - np.column_stack([lon, lat])).max() < 1e-7  # ~1 cm
    assert list(loaded.gdf["kind"]) == ["hospital"] * 3


def test_gcj02_is_refused_for_a_projected_file(tmp_path, streets_wgs84):
    path = tmp_path / "p.gpkg"
    pyogrio.write_dataframe(streets_wgs84.to_crs(METRIC_CRS), path)
    with pytest.raises(LayerError, match="GCJ-02"):
        read_user_layer(path, "streets", source_crs="gcj02")


def test_invalid_geometry_repaired_and_empty_dropped_and_reported(tmp_path):
    x0, y0 = 525000.0, 3386000.0
    bowtie = shapely.Polygon([(x0, y0), (x0 + 500, y0 + 500), (x0 + 500, y0), (x0, y0 + 500)])
    square = shapely.box(x0 + 1000, y0, x0 + 1500, y0 + 500)
    gdf = gpd.GeoDataFrame({"name": ["民族街道", "花楼街", "水塔街街道"]},
                           geometry=[bowtie, square, shapely.Polygon()], crs=METRIC_CRS)
    path = tmp_path / "bad.gpkg"
    pyogrio.write_dataframe(gdf, path)
    loaded = read_user_layer(path, "streets")
    assert len(loaded.gdf) == 2
    assert loaded.gdf.geometry.is_valid.all()
    assert len(loaded.repaired) == 1 and "Self-intersection" in loaded.repaired[0]
    assert len(loaded.dropped) == 1
    # the bow-tie becomes its two triangles: the area is kept, not lost
    assert loaded.gdf.to_crs(METRIC_CRS).geometry.area.iloc[0] == pytest.approx(125000, rel=1e-6)
    assert list(loaded.gdf["code"]) == ["420103001", "420103002"]  # matched by common name


def test_wrong_geometry_type_for_the_kind_is_refused(tmp_path):
    path = tmp_path / "points.geojson"
    gpd.GeoDataFrame({"name": ["x"]}, geometry=[shapely.Point(114.26, 30.6)], crs=4326).to_file(path)
    with pytest.raises(LayerError, match="no usable streets"):
        read_user_layer(path, "streets")


def test_far_away_layer_warns_about_its_crs(tmp_path):
    path = tmp_path / "swapped.geojson"  # lat/lon swapped: lands in the Indian Ocean
    gpd.GeoDataFrame({"name": ["民族街道"]}, geometry=[shapely.box(30.59, 114.26, 30.60, 114.27)],
                     crs=4326).to_file(path)
    loaded = read_user_layer(path, "streets")
    assert any("check its CRS" in w for w in loaded.warnings)


def test_unit_matching_by_code_and_names():
    assert match_unit("streets", "420103001", None) == ("420103001", "民族街街道")
    assert match_unit("streets", None, "民族街道") == ("420103001", "民族街街道")
    assert match_unit("streets", 420103001.0, None) == ("420103001", "民族街街道")
    assert match_unit("communities", None, "万年社区居委会") == ("420103001002", "万年社区")
    assert match_unit("streets", None, "不存在街道") is None


def test_store_round_trip_and_replace(tmp_path, streets_wgs84):
    engine = engine_for(tmp_path / "w.db")
    loaded_rows = to_feature_rows(streets_wgs84.assign(extra=1.5))
    save_layer(engine, "streets", "synthetic", loaded_rows, source_path="x", source_crs="EPSG:4326")
    save_layer(engine, "streets", "synthetic", loaded_rows, source_path="x", source_crs="EPSG:4326")
    assert [(i.kind, i.name, i.feature_count) for i in list_layers(engine)] == [("streets", "synthetic", 15)]
    back = stored_layer(engine, "streets")
    assert list(back["code"]) == STREET_CODES
    assert back["extra"].tolist() == [1.5] * 15
    assert _max_vertex_shift(back.geometry, streets_wgs84.geometry) == 0.0
    assert stored_layer(engine, "communities") is None


def test_cli_add_layer_then_layers_json(tmp_path, streets_wgs84):
    path = tmp_path / "streets.gpkg"
    pyogrio.write_dataframe(streets_wgs84.to_crs(METRIC_CRS), path, layer="jiedao")
    db = str(tmp_path / "w.db")
    runner = CliRunner()
    added = runner.invoke(main, ["geo", "add-layer", "streets", str(path), "--layer", "jiedao", "--db", db,
                                 "--format", "json"])
    assert added.exit_code == 0, added.output
    assert json.loads(added.output)[0]["feature_count"] == 15
    listed = runner.invoke(main, ["geo", "layers", "--db", db, "--format", "json"])
    rows = json.loads(listed.output)
    assert [(r["kind"], r["name"], r["source_crs"]) for r in rows] == [("streets", "streets:jiedao", "EPSG:4547")]
    csv_out = tmp_path / "layers.csv"
    assert runner.invoke(main, ["geo", "layers", "--db", db, "--out", str(csv_out)]).exit_code == 0
    assert "streets:jiedao" in csv_out.read_text(encoding="utf-8-sig")
    removed = runner.invoke(main, ["geo", "remove-layer", "streets", "streets:jiedao", "--db", db])
    assert removed.exit_code == 0 and list_layers(engine_for(db)) == []


def test_cli_grid_export(tmp_path):
    out = tmp_path / "grid.geojson"
    result = CliRunner().invoke(main, ["geo", "grid", "--kind", "square", "--cell-m", "500", "--out", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    area = sum(f["properties"]["area_m2"] for f in doc["features"])
    assert area / 1e6 == pytest.approx(28.27, abs=0.01)  # the bundled outline's area, SOURCES.md
    assert Path(out).stat().st_size > 1000
