"""Tactile paving continuity [snap_m=1, gap_max_m=20, end_ok_m=10]: surveyed segments (lines) whose ends meet
nothing within ``snap_m`` are either *breaks* (another segment within ``gap_max_m``: a gap of that length) or
*dead ends* (nothing near, and no crossing / curb ramp / entrance / ramp within ``end_ok_m`` where a path may
legitimately end); breaks and obstructions recorded by surveyors (``is_continuous_bool``, ``gap_length_m``,
``is_obstructed_bool``) are added at the segment's midpoint."""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.gaps._common import nearest_distances, xy_of
from geodata.layers import METRIC_CRS, STORAGE_CRS

# Where a tactile path may end without being a dead end: it should lead to one of these.
TACTILE_TERMINALS = ("crossing", "curb_ramp", "entrance", "ramp")


def _truthy(value: object) -> bool | None:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, str):
        return {"true": True, "1": True, "yes": True, "是": True,
                "false": False, "0": False, "no": False, "否": False}.get(value.strip().lower())
    return bool(value)


def tactile_records(facilities: pd.DataFrame) -> gpd.GeoDataFrame:
    """Tactile paving records in WGS84: a line from ``geometry_wkt`` (survey geotrace) or start/end columns,
    else the record's point (its surveyed breaks and obstructions still count; only lines show dead ends)."""
    rows = facilities[facilities["facility_type"] == "tactile_paving"] if len(facilities) else facilities
    geoms = []
    keep = []
    for idx, row in rows.iterrows():
        geom = None
        wkt = row.get("geometry_wkt")
        if isinstance(wkt, str) and wkt.strip():
            try:
                geom = shapely.from_wkt(wkt)
            except shapely.errors.GEOSException:
                geom = None
        elif all(pd.notna(row.get(c)) for c in ("start_lon", "start_lat", "end_lon", "end_lat")):
            geom = shapely.LineString([(row["start_lon"], row["start_lat"]), (row["end_lon"], row["end_lat"])])
        if geom is None or geom.is_empty or geom.geom_type not in ("LineString", "MultiLineString"):
            geom = shapely.Point(row["lon"], row["lat"]) if pd.notna(row.get("lon")) and pd.notna(row.get("lat")) \
                else None
        if geom is not None:
            keep.append(idx)
            geoms.append(geom)
    out = gpd.GeoDataFrame(rows.loc[keep].copy(), geometry=geoms, crs=STORAGE_CRS)
    out["segment_id"] = (out["segment_id"] if "segment_id" in out.columns else out.get("record_id",
                         pd.Series(dtype=str))).astype(str)
    return out


def _geometric_problems(lines: np.ndarray, seg_ids: np.ndarray, terminals: gpd.GeoDataFrame, *, snap_m: float,
                        gap_max_m: float, end_ok_m: float) -> list[dict]:
    """Breaks between segment ends and dead ends, from the line geometry alone."""
    if not len(lines):
        return []
    tree = shapely.STRtree(lines)
    ends: list[tuple[int, shapely.Point]] = []
    for i, line in enumerate(lines):
        for part in getattr(line, "geoms", [line]):
            ends.append((i, shapely.Point(part.coords[0])))
            ends.append((i, shapely.Point(part.coords[-1])))
    end_pts = np.array([p for _, p in ends], dtype=object)
    owner = np.array([i for i, _ in ends])
    terminal_dist, _ = nearest_distances(np.array([[p.x, p.y] for p in end_pts]), xy_of(terminals))
    nearest: dict[int, tuple[float, int]] = {}
    for e, s in zip(*tree.query(end_pts, predicate="dwithin", distance=gap_max_m)):
        if s == owner[e]:
            continue
        d = shapely.distance(end_pts[e], lines[s])
        if e not in nearest or d < nearest[e][0]:
            nearest[e] = (d, s)
    problems = []
    seen_pairs: set[tuple[int, int]] = set()
    for e, point in enumerate(end_pts):
        d, s = nearest.get(e, (np.inf, -1))
        if d <= snap_m:
            continue
        seg = seg_ids[owner[e]]
        if d <= gap_max_m:
            pair = tuple(sorted((int(owner[e]), int(s))))
            if pair in seen_pairs:
                continue
            seen_pairs.add(pair)
            problems.append({"kind": "break", "segment_id": seg, "other_segment_id": seg_ids[s],
                             "length_m": round(float(d), 1), "source": "geometry",
                             "detail_zh": f"盲道 {seg} 与 {seg_ids[s]} 之间断开 {d:.1f} 米",
                             "detail_en": f"tactile paving {seg} breaks for {d:.1f} m before {seg_ids[s]}",
                             "geometry": point})
        elif terminal_dist[e] > end_ok_m:
            problems.append({"kind": "dead_end", "segment_id": seg, "other_segment_id": None, "length_m": None,
                             "source": "geometry",
                             "detail_zh": f"盲道 {seg} 在此终止，{end_ok_m:g} 米内没有路口、坡道或出入口",
                             "detail_en": f"tactile paving {seg} dead-ends: no crossing, ramp or entrance within "
                                          f"{end_ok_m:g} m", "geometry": point})
    return problems


def _surveyed_problems(records: gpd.GeoDataFrame) -> list[dict]:
    """Breaks and obstructions the surveyors recorded, at the segment's midpoint (or the record's point).

    A break is ``is_continuous_bool`` false, or a ``gap_length_m`` > 0 where continuity was not recorded
    (a surveyor who ticked "continuous" is believed over a stray gap length).
    """
    problems = []
    for (_, row), geom in zip(records.iterrows(), records.geometry):
        seg = str(row["segment_id"])
        where = geom if geom.geom_type == "Point" else shapely.line_interpolate_point(geom, 0.5, normalized=True)
        gap = pd.to_numeric(pd.Series([row.get("gap_length_m")]), errors="coerce").iloc[0]
        continuous = _truthy(row.get("is_continuous_bool"))
        if continuous is False or (continuous is None and pd.notna(gap) and gap > 0):
            length = None if pd.isna(gap) or gap <= 0 else round(float(gap), 1)
            problems.append({"kind": "break", "segment_id": seg, "other_segment_id": None, "length_m": length,
                             "source": "survey", "detail_zh": f"调查记录：盲道 {seg} 不连续"
                             + (f"，缺口共 {length:g} 米" if length else ""),
                             "detail_en": f"surveyed: tactile paving {seg} is not continuous"
                             + (f", {length:g} m of gaps" if length else ""), "geometry": where})
        if _truthy(row.get("is_obstructed_bool")):
            what = row.get("obstruction_type")
            what = what if isinstance(what, str) and what else "unspecified"
            problems.append({"kind": "obstruction", "segment_id": seg, "other_segment_id": None,
                             "length_m": None, "source": "survey",
                             "detail_zh": f"盲道 {seg} 被占用或阻挡（{what}）",
                             "detail_en": f"tactile paving {seg} is obstructed ({what})", "geometry": where})
    return problems


def tactile_continuity(records: gpd.GeoDataFrame, facilities: gpd.GeoDataFrame, *, snap_m: float = 1.0,
                       gap_max_m: float = 20.0, end_ok_m: float = 10.0) -> tuple[gpd.GeoDataFrame, dict]:
    """Breaks, obstructions and dead ends along surveyed tactile paving (metric inputs, metric output).

    ``records`` are lines (segments) or points (a record without a geotrace); ``facilities`` give the
    crossings, curb ramps, entrances and ramps where a path may legitimately end.
    """
    columns = ["kind", "segment_id", "other_segment_id", "length_m", "source", "detail_zh", "detail_en"]
    is_line = records.geom_type.isin(["LineString", "MultiLineString"]).to_numpy() if len(records) else \
        np.zeros(0, dtype=bool)
    lines = shapely.line_merge(records.geometry.values[is_line]) if is_line.any() else np.empty(0, dtype=object)
    seg_ids = records["segment_id"].astype(str).to_numpy()[is_line] if len(records) else np.empty(0, dtype=object)
    terminals = facilities[facilities["facility_type"].isin(TACTILE_TERMINALS)]
    problems = _geometric_problems(lines, seg_ids, terminals, snap_m=snap_m, gap_max_m=gap_max_m,
                                   end_ok_m=end_ok_m) + _surveyed_problems(records)
    out = gpd.GeoDataFrame(problems, columns=columns + ["geometry"], geometry="geometry", crs=METRIC_CRS)
    length_m = float(shapely.length(lines).sum()) if len(lines) else 0.0
    summary = {"records": len(records), "segments": int(is_line.sum()), "length_m": round(length_m, 1),
               "length_km": round(length_m / 1000, 3), "breaks": int((out["kind"] == "break").sum()),
               "obstructions": int((out["kind"] == "obstruction").sum()),
               "dead_ends": int((out["kind"] == "dead_end").sum()),
               "problems_per_km": round(len(out) / (length_m / 1000), 2) if length_m else None}
    return out, summary

