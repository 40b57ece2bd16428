"""Aggregation grids over the district: H3 hexagons or metric squares, clipped to the outline.

Size means the distance across a cell: a square's side, or a hexagon's flat-to-flat width (sqrt(3) x edge).
The default 300 m gives H3 resolution 9 (mean edge 174 m, width ~302 m). Cells are clipped to the area, so
``area_m2`` of border cells is the part inside the district, and shares of area add up to the district.
"""
from __future__ import annotations

import math

import geopandas as gpd
import h3
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geodata.layers import METRIC_CRS, STORAGE_CRS, district_shape

GRID_KINDS = ("h3", "square")
DEFAULT_CELL_M = 300.0


def h3_resolution_for(cell_m: float) -> int:
    """The H3 resolution whose mean hexagon width (flat to flat) is closest to ``cell_m`` metres."""
    widths = {res: math.sqrt(3) * h3.average_hexagon_edge_length(res, unit="m") for res in range(0, 16)}
    return min(widths, key=lambda res: abs(math.log(widths[res] / cell_m)))


def _clip(cells: gpd.GeoDataFrame, area_metric: BaseGeometry) -> gpd.GeoDataFrame:
    """Keep cells touching the area, cut them to it, and add metric area and centroid columns."""
    shapely.prepare(area_metric)
    geoms = cells.geometry.values
    cells = cells[shapely.intersects(area_metric, geoms)].copy()
    # Only border cells need the (costly) intersection with a 581-vertex outline.
    inside = shapely.contains_properly(area_metric, cells.geometry.values)
    full_area = cells.geometry.area.to_numpy()
    clipped = cells.geometry.values.copy()
    clipped[~inside] = shapely.intersection(clipped[~inside], area_metric)
    cells["geometry"] = clipped
    # Drop slivers: a cell touching the area only through projection round-off (a millionth of its size).
    cells = cells[~cells.geometry.is_empty & (cells.geometry.area > 1e-6 * full_area)]
    cells["area_m2"] = cells.geometry.area
    # Distances are measured from the centre of the part inside the district (inside for convex clips).
    centres = cells.geometry.centroid
    cells["x"] = centres.x
    cells["y"] = centres.y
    return cells.reset_index(drop=True)


def square_grid(area_metric: BaseGeometry, cell_m: float = DEFAULT_CELL_M) -> gpd.GeoDataFrame:
    """Squares of side ``cell_m`` aligned on multiples of ``cell_m`` in EPSG:4547 (stable ids across runs)."""
    minx, miny, maxx, maxy = area_metric.bounds
    ix = np.arange(math.floor(minx / cell_m), math.ceil(maxx / cell_m))
    iy = np.arange(math.floor(miny / cell_m), math.ceil(maxy / cell_m))
    gx, gy = (a.ravel() for a in np.meshgrid(ix, iy))
    boxes = shapely.box(gx * cell_m, gy * cell_m, (gx + 1) * cell_m, (gy + 1) * cell_m)
    cell_id = [f"sq{cell_m:g}_{a}_{b}" for a, b in zip(gx, gy)]
    return _clip(gpd.GeoDataFrame({"cell_id": cell_id}, geometry=boxes, crs=METRIC_CRS), area_metric)


def hex_grid(area_metric: BaseGeometry, cell_m: float = DEFAULT_CELL_M) -> gpd.GeoDataFrame:
    """H3 cells covering the area (every cell that overlaps it, not only those whose centre is inside)."""
    res = h3_resolution_for(cell_m)
    width = math.sqrt(3) * h3.average_hexagon_edge_length(res, unit="m")
    # Fill a buffered outline so border cells whose centre falls outside are included, then clip.
    padded = gpd.GeoSeries([area_metric.buffer(width)], crs=METRIC_CRS).to_crs(STORAGE_CRS).iloc[0]
    ids = sorted(h3.geo_to_cells(padded.__geo_interface__, res))
    polys = [shapely.Polygon([(lng, lat) for lat, lng in h3.cell_to_boundary(c)]) for c in ids]
    cells = gpd.GeoDataFrame({"cell_id": ids}, geometry=polys, crs=STORAGE_CRS).to_crs(METRIC_CRS)
    return _clip(cells, area_metric)


def make_grid(area: BaseGeometry | None = None, *, kind: str = "h3", cell_m: float = DEFAULT_CELL_M,
              crs: str = METRIC_CRS) -> gpd.GeoDataFrame:
    """Grid cells over ``area`` (WGS84; default the district) with ``cell_id, area_m2, x, y`` (metric centre).

    The result is in EPSG:4547 unless ``crs`` says otherwise (``x``/``y`` stay metric either way).
    """
    if kind not in GRID_KINDS:
        raise ValueError(f"grid kind must be one of {GRID_KINDS}, not {kind!r}")
    if cell_m <= 0:
        raise ValueError("cell size must be positive")
    area_wgs = district_shape() if area is None else area
    area_metric = gpd.GeoSeries([area_wgs], crs=STORAGE_CRS).to_crs(METRIC_CRS).iloc[0]
    cells = hex_grid(area_metric, cell_m) if kind == "h3" else square_grid(area_metric, cell_m)
    return cells if crs == METRIC_CRS else cells.to_crs(crs)
