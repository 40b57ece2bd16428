"""Coverage [distance_m=500, grid kind/size]: for each grid cell, the straight-line distance from the centre of its
part inside the district to the nearest *compliant* accessible toilet / accessible parking / curb ramp at a
crossing. Cells farther than D are uncovered; the summary gives their count, area (km²) and shares."""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata.gaps._common import PARKING_TYPES, compliant_of, nearest_distances, xy_of

# Coverage targets: name -> (zh, en, facility types). Curb ramps count only at crossings when recorded.
COVERAGE_TARGETS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "toilet": ("无障碍卫生间", "accessible toilet", ("toilet",)),
    "parking": ("无障碍停车位", "accessible parking", PARKING_TYPES),
    "curb_ramp": ("过街缘石坡道", "curb ramp at a crossing", ("curb_ramp",)),
}


def coverage(cells: gpd.GeoDataFrame, facilities: gpd.GeoDataFrame, distance_m: float
             ) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Distance from each cell centre to each coverage target; cells beyond ``distance_m`` are uncovered.

    ``cells`` come from ``geodata.grid.make_grid`` (metric ``x``, ``y``, ``area_m2``); ``facilities`` are
    metric points with ``facility_type`` and ``status``.
    """
    cells = cells.copy()
    centres = cells[["x", "y"]].to_numpy()
    rows = []
    for target, (zh, en, ftypes) in COVERAGE_TARGETS.items():
        found = compliant_of(facilities, ftypes, crossings_only=target == "curb_ramp")
        dist, _ = nearest_distances(centres, xy_of(found))
        uncovered = dist > distance_m
        cells[f"dist_{target}_m"] = np.where(np.isfinite(dist), np.round(dist, 1), np.nan)
        cells[f"uncovered_{target}"] = uncovered
        area = cells["area_m2"].to_numpy()
        rows.append({
            "target": target, "label_zh": zh, "label_en": en, "distance_m": distance_m,
            "compliant_facilities": len(found), "cells": len(cells), "cells_uncovered": int(uncovered.sum()),
            "share_cells_uncovered": float(uncovered.mean()) if len(cells) else float("nan"),
            "area_km2": float(area.sum() / 1e6), "area_uncovered_km2": float(area[uncovered].sum() / 1e6),
            "share_area_uncovered": float(area[uncovered].sum() / area.sum()) if area.sum() else float("nan"),
        })
    return cells, pd.DataFrame(rows)

