"""Gap results as files: GeoJSON (every located finding), GeoPackage (every table, one layer each), CSV, JSON."""
from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geodata.gaps import COVERAGE_TARGETS, GapReport
from reports.tabular import write_csv

GAP_FILE_FORMATS = ("geojson", "gpkg", "csv", "json")
TABLES = ("gaps", "coverage", "coverage_cells", "priority", "tactile", "streets", "communities", "mismatches",
          "worst", "sites")


def gap_list(report: GapReport) -> pd.DataFrame:
    """One row per gap found: uncovered cells per service, priority places, tactile problems, worst units."""
    rows: list[dict] = []
    cells = report.coverage_cells
    centres = cells.geometry.representative_point()
    d = f"{report.params.distance_m:g}"
    for target, (zh, en, _) in COVERAGE_TARGETS.items():
        for (_, cell), centre in zip(cells.iterrows(), centres):
            if cell[f"uncovered_{target}"]:
                dist = cell[f"dist_{target}_m"]
                rows.append({"kind": f"coverage_{target}", "id": cell["cell_id"], "name": "",
                             "lon": round(centre.x, 6), "lat": round(centre.y, 6),
                             "measure": None if pd.isna(dist) else dist,
                             "reason_zh": f"{d} 米内没有合规的{zh}", "reason_en": f"no compliant {en} within {d} m"})
    for _, place in report.priority_gaps.iterrows():
        rows.append({"kind": f"priority_{place['kind']}", "id": place.get("osm_id") or "", "name": place["name"],
                     "lon": round(place.geometry.x, 6), "lat": round(place.geometry.y, 6), "measure": None,
                     "reason_zh": place["reason_zh"], "reason_en": place["reason_en"]})
    for _, problem in report.tactile_problems.iterrows():
        rows.append({"kind": f"tactile_{problem['kind']}", "id": problem["segment_id"], "name": "",
                     "lon": round(problem.geometry.x, 6), "lat": round(problem.geometry.y, 6),
                     "measure": problem["length_m"], "reason_zh": problem["detail_zh"],
                     "reason_en": problem["detail_en"]})
    for _, unit in report.worst.iterrows():
        rows.append({"kind": f"worst_{unit['level']}", "id": unit["code"], "name": unit["name"], "lon": None,
                     "lat": None, "measure": unit["rank"], "reason_zh": unit["reason_zh"],
                     "reason_en": unit["reason_en"]})
    return pd.DataFrame(rows, columns=["kind", "id", "name", "lon", "lat", "measure", "reason_zh", "reason_en"])


def table(report: GapReport, name: str) -> pd.DataFrame:
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; expected one of {TABLES}")
    return gap_list(report) if name == "gaps" else report.tables()[name]


def _plain(value: object) -> object:
    """Cell values a file format can hold: lists/dicts as JSON text, NaN as empty."""
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _plain_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if col != "geometry" and out[col].dtype == object:
            out[col] = out[col].map(_plain)
    return out


def write_csv_table(report: GapReport, name: str, path: str | Path | None) -> str:
    """A table as Excel-safe UTF-8 CSV (with BOM); returns the text."""
    frame = _plain_frame(table(report, name))
    records = frame.astype(object).where(pd.notna(frame), None).to_dict("records")
    return write_csv(path, list(frame.columns), records)


def _located_layers(report: GapReport) -> dict[str, gpd.GeoDataFrame]:
    sites = report.sites[report.sites["located"]] if len(report.sites) else report.sites
    return {"coverage_cells": report.coverage_cells, "priority_places": report.priority,
            "tactile_problems": report.tactile_problems, "sites": sites}


def write_geojson(report: GapReport, path: str | Path) -> int:
    """Every located finding in one FeatureCollection (WGS84), each feature tagged with its ``layer``."""
    features: list[dict] = []
    for layer, gdf in _located_layers(report).items():
        if not len(gdf):
            continue
        plain = _plain_frame(gdf).assign(layer=layer)
        features += json.loads(plain.to_json(na="null", drop_id=True, to_wgs84=True))["features"]
    doc = {"type": "FeatureCollection", "features": features,
           "wuzhangai": {"params": report.params.__dict__, "coverage": _plain_frame(report.coverage_summary)
                         .to_dict("records")}}
    Path(path).write_text(json.dumps(doc, ensure_ascii=False, default=str), encoding="utf-8")
    return len(features)


def write_gpkg(report: GapReport, path: str | Path) -> list[str]:
    """Every table as a GeoPackage layer (attribute-only tables for the per-unit figures); replaces the file."""
    path = Path(path)
    if path.exists():
        path.unlink()  # a stale layer from an earlier run must not survive
    written = []
    for name, gdf in _located_layers(report).items():
        if len(gdf):
            pyogrio.write_dataframe(_plain_frame(gdf), path, layer=name)
            written.append(name)
    for name in ("coverage", "streets", "communities", "worst", "mismatches"):
        frame = report.tables()[name]
        if len(frame):
            pyogrio.write_dataframe(_plain_frame(frame), path, layer=name)
            written.append(name)
    return written


def report_json(report: GapReport) -> dict:
    """Headline plus every table, JSON-ready."""
    return {"headline": report.headline(), "params": report.params.__dict__,
            "tables": {name: _plain_frame(frame).astype(object).where(pd.notna(frame), None).to_dict("records")
                       for name, frame in report.tables().items() if name != "coverage_cells"}}
