"""What the gap analyses share: their parameters, nearest-distance search, compliant facilities of given types,
point-in-polygon assignment, WGS84 -> metric conversion and reading ``failing_rules``."""
from __future__ import annotations

import json
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer

from geodata.layers import METRIC_CRS, STORAGE_CRS
from surveys.schema import facility_labels

_TO_METRIC = Transformer.from_crs(STORAGE_CRS, METRIC_CRS, always_xy=True)
CROSSING_CONTEXTS = ("intersection_corner", "midblock_crosswalk")
# Facility type -> (zh, en) short labels; the survey schema (surveys/schema.yaml) is their one source.
FACILITY_LABELS: dict[str, tuple[str, str]] = facility_labels()
# Accessible parking is a compliant car park (its stall count and ratio pass) or a compliant stall.
PARKING_TYPES = ("parking", "parking_stall")


@dataclass(frozen=True)
class GapParams:
    distance_m: float = 500.0
    grid_kind: str = "h3"
    cell_m: float = 300.0
    snap_m: float = 1.0
    gap_max_m: float = 20.0
    end_ok_m: float = 10.0
    worst_top: int = 10


def nearest_distances(src_xy: np.ndarray, dst_xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each source point, the distance (m) to the nearest destination point and its index (-1 if none)."""
    n = len(src_xy)
    if len(dst_xy) == 0 or n == 0:
        return np.full(n, np.inf), np.full(n, -1)
    tree = shapely.STRtree(shapely.points(dst_xy))
    (src_idx, dst_idx), dist = tree.query_nearest(shapely.points(src_xy), return_distance=True, all_matches=False)
    out = np.full(n, np.inf)
    which = np.full(n, -1)
    out[src_idx] = dist
    which[src_idx] = dst_idx
    return out, which


def xy_of(gdf: gpd.GeoDataFrame) -> np.ndarray:
    return np.column_stack([gdf.geometry.x.to_numpy(), gdf.geometry.y.to_numpy()]) if len(gdf) else np.empty((0, 2))


def compliant_of(facilities: gpd.GeoDataFrame, facility_types: tuple[str, ...], *, crossings_only: bool = False
                 ) -> gpd.GeoDataFrame:
    """Compliant facilities of these types (curb ramps optionally only where recorded at a crossing)."""
    mask = facilities["facility_type"].isin(facility_types) & (facilities["status"] == "compliant")
    if crossings_only and "location_context" in facilities.columns:
        context = facilities["location_context"]
        # Unrecorded context is kept: the survey may not ask it, and dropping them would invent gaps.
        mask &= context.isna() | context.isin(CROSSING_CONTEXTS)
    return facilities[mask]



def failing_rules_of(value: object) -> list[dict]:
    """``failing_rules`` as a list of dicts whether the frame holds lists or JSON text."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return []
    if isinstance(value, (list, tuple, np.ndarray)):
        return [r for r in value if isinstance(r, dict)]
    return []



def points_in_polygons(x: np.ndarray, y: np.ndarray, polygons: np.ndarray) -> np.ndarray:
    """Index of the first polygon containing each point (-1 if none); a point on a shared edge is in none.

    One pass per polygon over the points inside its bounding box, with ``shapely.contains_xy`` on the
    prepared polygon: no Point objects and no spatial index over a million points. For the 111 communities
    this beats ``geopandas.sjoin`` by ~3x (bench/bench_geo.py); polygons are few, points many.
    """
    out = np.full(len(x), -1, dtype=np.int64)
    for i, polygon in enumerate(polygons):
        shapely.prepare(polygon)
        minx, miny, maxx, maxy = polygon.bounds
        candidates = np.flatnonzero((x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy) & (out < 0))
        if len(candidates):
            out[candidates[shapely.contains_xy(polygon, x[candidates], y[candidates])]] = i
    return out


def metric_xy(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 lon/lat arrays to EPSG:4547 metres."""
    return _TO_METRIC.transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))

