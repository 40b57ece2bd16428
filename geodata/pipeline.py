"""Entry points for the demo and the reports: maps and gap tables straight from the store.

``demo_maps(engine, out_dir)`` writes the facility map and the gaps map (PNG + offline HTML) and the gaps file.
Reports use ``map_png`` / ``map_html_fragment`` / ``gap_tables``.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine

from geodata.gap_files import write_csv_table, write_geojson
from geodata.gaps import GapParams, GapReport
from geodata.mapdata import MapData, collect
from geodata.maps_html import map_fragment, render_html
from geodata.maps_static import render_static


def gap_report(engine: Engine, params: GapParams = GapParams()) -> GapReport:
    report = collect(engine, params).report
    assert report is not None  # collect(with_gaps=True) always analyses
    return report


def gap_tables(engine: Engine, params: GapParams = GapParams()) -> dict[str, pd.DataFrame]:
    """coverage, coverage_cells, priority, tactile, streets, communities, mismatches, worst, sites."""
    return gap_report(engine, params).tables()


def map_png(engine: Engine, layer: str = "facilities", params: GapParams = GapParams(), *, dpi: int = 150) -> bytes:
    return render_static(collect(engine, params), layer, "png", dpi=dpi)


def map_html_fragment(engine: Engine, layers: tuple[str, ...] = ("facilities",), params: GapParams = GapParams(),
                      *, element_id: str = "wz-map", include_assets: bool = True) -> str:
    return map_fragment(collect(engine, params), list(layers), element_id=element_id, include_assets=include_assets)


def write_maps(data: MapData, out_dir: Path, layer: str, stem: str) -> dict[str, str]:
    out_dir.mkdir(parents=True, exist_ok=True)
    png = out_dir / f"{stem}.png"
    png.write_bytes(render_static(data, layer, "png"))
    page = out_dir / f"{stem}.html"
    page.write_text(render_html(data, [layer]), encoding="utf-8")
    return {"png": str(png), "html": str(page)}


def demo_maps(engine: Engine, out_dir: str | Path, params: GapParams = GapParams()) -> dict:
    """Facility map and gaps map (PNG + offline HTML) and the gap files, with the headline numbers."""
    out = Path(out_dir)
    data = collect(engine, params)
    files = {"facilities_map": write_maps(data, out, "facilities", "map_facilities"),
             "gaps_map": write_maps(data, out, "gaps", "map_gaps")}
    geojson = out / "gaps.geojson"
    write_geojson(data.report, geojson)
    csv_path = out / "gaps.csv"
    write_csv_table(data.report, "gaps", csv_path)
    files["gaps"] = {"geojson": str(geojson), "csv": str(csv_path)}
    return {"files": files, "headline": data.report.headline()}
