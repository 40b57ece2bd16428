"""Priority places [distance_m]: each hospital, metro station, school and government service hall inside the
district lacking a compliant accessible entrance, accessible parking or curb ramp within D."""
from __future__ import annotations

import geopandas as gpd
import numpy as np

from geodata.gaps._common import PARKING_TYPES, compliant_of, nearest_distances, xy_of
from geodata.layers import PLACE_KINDS

# What a priority place needs within D: name -> (zh, en, facility types)
PRIORITY_NEEDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "entrance": ("无障碍出入口", "accessible entrance", ("entrance",)),
    "parking": ("无障碍停车位", "accessible parking", PARKING_TYPES),
    "curb_ramp": ("缘石坡道", "curb ramp", ("curb_ramp",)),
}


def priority_gaps(places: gpd.GeoDataFrame, facilities: gpd.GeoDataFrame, distance_m: float) -> gpd.GeoDataFrame:
    """Each priority place with the distance to the nearest compliant entrance / parking / curb ramp."""
    out = places.copy()
    xy = xy_of(out)
    missing: list[list[str]] = [[] for _ in range(len(out))]
    for need, (_zh, _en, ftypes) in PRIORITY_NEEDS.items():
        dist, _ = nearest_distances(xy, xy_of(compliant_of(facilities, ftypes)))
        out[f"nearest_{need}_m"] = np.where(np.isfinite(dist), np.round(dist, 1), np.nan)
        for i in np.flatnonzero(dist > distance_m):
            missing[i].append(need)
    out["missing"] = [",".join(m) for m in missing]
    out["gap"] = [bool(m) for m in missing]
    kind_zh = [PLACE_KINDS.get(k, PLACE_KINDS["other"])[0] for k in out["kind"]]
    kind_en = [PLACE_KINDS.get(k, PLACE_KINDS["other"])[1] for k in out["kind"]]
    d = f"{distance_m:g}"
    out["reason_zh"] = [
        f"{kz}{n or ''} {d} 米内没有合规的" + "、".join(PRIORITY_NEEDS[x][0] for x in m) if m else ""
        for kz, n, m in zip(kind_zh, out["name"], missing)]
    out["reason_en"] = [
        f"{ke} {n or ''}: no compliant " + ", ".join(PRIORITY_NEEDS[x][1] for x in m) + f" within {d} m" if m else ""
        for ke, n, m in zip(kind_en, out["name"], missing)]
    return out

