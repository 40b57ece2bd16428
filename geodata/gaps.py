"""Gap analysis over scored facilities. Every distance and area is computed in metres in EPSG:4547.

Methods (parameters in brackets, defaults in ``GapParams``):

* coverage [distance_m=500, grid kind/size]: for each grid cell, the straight-line distance from the centre of
  its part inside the district to the nearest *compliant* accessible toilet / accessible parking / curb ramp at
  a crossing. Cells farther than D are uncovered; the summary gives their count, area (km²) and shares.
* priority places [distance_m]: each hospital, metro station, school and government service hall inside the
  district lacking a compliant accessible entrance, accessible parking or curb ramp within D.
* tactile paving continuity [snap_m=1, gap_max_m=20, end_ok_m=10]: surveyed segments (lines) whose ends meet
  nothing within ``snap_m`` are either *breaks* (another segment within ``gap_max_m``: a gap of that length) or
  *dead ends* (nothing near, and no crossing / curb ramp / entrance / ramp within ``end_ok_m`` where a path may
  legitimately end); breaks and obstructions recorded by surveyors (``is_continuous_bool``, ``gap_length_m``,
  ``is_obstructed_bool``) are added at the segment's midpoint.
* per street and community: facilities surveyed, compliant / non-compliant / incomplete, compliance share
  (compliant ÷ assessed, incomplete excluded), critical failures, failures per km² (only where polygons give an
  area), and home modifications (counted only: they are personal data and never drawn). Grouped by spatial join
  when street/community polygons are loaded, else by the unit recorded on the survey.
* worst places: units with failures, ranked by critical failures, then failures, then compliance share.
* sites: scanned web sites with an owning unit and a location, placed on the same map.

Straight-line distance understates walking distance; it is the usual first screen for coverage gaps.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from geodata import district
from geodata.layers import METRIC_CRS, PERSONAL_TYPES, PLACE_KINDS, STORAGE_CRS, facility_points, match_unit

_TO_METRIC = Transformer.from_crs(STORAGE_CRS, METRIC_CRS, always_xy=True)
CROSSING_CONTEXTS = ("intersection_corner", "midblock_crosswalk")
# Where a tactile path may end without being a dead end: it should lead to one of these.
TACTILE_TERMINALS = ("crossing", "curb_ramp", "entrance", "ramp")

FACILITY_LABELS: dict[str, tuple[str, str]] = {
    "road": ("人行道", "sidewalk"), "curb_ramp": ("缘石坡道", "curb ramp"), "tactile_paving": ("盲道", "tactile paving"),
    "crossing": ("过街设施", "crossing"), "ramp": ("坡道", "ramp"), "entrance": ("出入口", "entrance"),
    "toilet": ("无障碍卫生间", "accessible toilet"), "parking": ("停车场", "car park"),
    "parking_stall": ("无障碍车位", "accessible parking stall"),
    "signage": ("标识", "signage"), "service_counter": ("服务台", "service counter"),
    "home_modification": ("家庭无障碍改造", "home modification"),
}
# Accessible parking is a compliant car park (its stall count and ratio pass) or a compliant stall.
PARKING_TYPES = ("parking", "parking_stall")
# Coverage targets: name -> (zh, en, facility types). Curb ramps count only at crossings when recorded.
COVERAGE_TARGETS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "toilet": ("无障碍卫生间", "accessible toilet", ("toilet",)),
    "parking": ("无障碍停车位", "accessible parking", PARKING_TYPES),
    "curb_ramp": ("过街缘石坡道", "curb ramp at a crossing", ("curb_ramp",)),
}
# What a priority place needs within D: name -> (zh, en, facility types)
PRIORITY_NEEDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "entrance": ("无障碍出入口", "accessible entrance", ("entrance",)),
    "parking": ("无障碍停车位", "accessible parking", PARKING_TYPES),
    "curb_ramp": ("缘石坡道", "curb ramp", ("curb_ramp",)),
}


@dataclass(frozen=True)
class GapParams:
    distance_m: float = 500.0
    grid_kind: str = "h3"
    cell_m: float = 300.0
    snap_m: float = 1.0
    gap_max_m: float = 20.0
    end_ok_m: float = 10.0
    worst_top: int = 10


# ------------------------------------------------------------------------------------------------ distances

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


def _xy(gdf: gpd.GeoDataFrame) -> np.ndarray:
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


# ------------------------------------------------------------------------------------------------- coverage

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
        dist, _ = nearest_distances(centres, _xy(found))
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


# ------------------------------------------------------------------------------------------- priority places

def priority_gaps(places: gpd.GeoDataFrame, facilities: gpd.GeoDataFrame, distance_m: float) -> gpd.GeoDataFrame:
    """Each priority place with the distance to the nearest compliant entrance / parking / curb ramp."""
    out = places.copy()
    xy = _xy(out)
    missing: list[list[str]] = [[] for _ in range(len(out))]
    for need, (_zh, _en, ftypes) in PRIORITY_NEEDS.items():
        dist, _ = nearest_distances(xy, _xy(compliant_of(facilities, ftypes)))
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


# -------------------------------------------------------------------------------------------- tactile paving

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
    terminal_dist, _ = nearest_distances(np.array([[p.x, p.y] for p in end_pts]), _xy(terminals))
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


# ------------------------------------------------------------------------------------ streets and communities

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


def _recorded_unit(level: str, facilities: pd.DataFrame) -> pd.DataFrame:
    """Code and name of the unit each record names, normalised against the 2023 codes where possible."""
    kind = "streets" if level == "street" else "communities"
    none = pd.Series(None, index=facilities.index, dtype=object)
    given = pd.DataFrame({"c": facilities.get(f"{level}_code", none), "n": facilities.get(f"{level}_name", none)},
                         index=facilities.index).astype(object)
    given = given.where(given.notna() & (given != ""), None)
    # A district has a few hundred distinct (code, name) pairs however many records: match each pair once.
    pairs = given.drop_duplicates()
    matched = [match_unit(kind, c, n) for c, n in zip(pairs["c"], pairs["n"])]
    pairs = pairs.assign(code=[m[0] if m else c for m, c in zip(matched, pairs["c"])],
                         name=[m[1] if m else n for m, n in zip(matched, pairs["n"])])
    keyed = given.merge(pairs, on=["c", "n"], how="left")
    return pd.DataFrame({"code": keyed["code"].to_numpy(), "name": keyed["name"].to_numpy()}, index=facilities.index)


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


def assign_units(facilities: pd.DataFrame, level: str, polygons: gpd.GeoDataFrame | None
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The unit each record belongs to, and the records whose recorded unit disagrees with their polygon.

    Without polygons the recorded unit is used. With polygons (``code``, ``name``), located records take the
    polygon they fall in; unlocated records and records outside every polygon keep the recorded unit.
    """
    recorded = _recorded_unit(level, facilities)
    assigned = recorded.copy()
    assigned["grouped_by"] = "recorded"
    mismatch_cols = ["level", "record_id", "facility_type", "recorded_code", "recorded_name", "polygon_code",
                     "polygon_name", "lon", "lat"]
    if polygons is None or polygons.empty or facilities.empty:
        return assigned, pd.DataFrame(columns=mismatch_cols)
    located = facilities[facilities["lon"].notna() & facilities["lat"].notna()]
    polys = polygons[["code", "name", "geometry"]].to_crs(METRIC_CRS).reset_index(drop=True)
    # Overlapping user polygons: the first one wins.
    which = points_in_polygons(*metric_xy(located["lon"], located["lat"]), polys.geometry.values)
    inside = which >= 0
    joined = polys.iloc[which[inside]][["code", "name"]].set_axis(located.index[inside])
    assigned.loc[joined.index, "code"] = joined["code"].to_numpy()
    assigned.loc[joined.index, "name"] = joined["name"].to_numpy()
    assigned.loc[joined.index, "grouped_by"] = "polygon"
    rec = recorded.loc[joined.index]
    differs = rec["code"].notna() & (rec["code"].astype(str) != joined["code"].astype(str))
    bad = joined.index[differs.to_numpy()]
    personal = facilities.loc[bad, "facility_type"].isin(PERSONAL_TYPES)
    mismatches = pd.DataFrame({
        "level": level,
        "record_id": facilities.loc[bad].get("record_id", pd.Series(bad, index=bad)).to_numpy(),
        "facility_type": facilities.loc[bad, "facility_type"].to_numpy(),
        "recorded_code": rec.loc[bad, "code"].to_numpy(), "recorded_name": rec.loc[bad, "name"].to_numpy(),
        "polygon_code": joined.loc[bad, "code"].to_numpy(), "polygon_name": joined.loc[bad, "name"].to_numpy(),
        # A home's location is personal data: list the record, not where it is.
        "lon": np.where(personal, np.nan, facilities.loc[bad, "lon"].to_numpy(dtype=float)),
        "lat": np.where(personal, np.nan, facilities.loc[bad, "lat"].to_numpy(dtype=float)),
    }, columns=mismatch_cols)
    return assigned, mismatches


def _reference_units(level: str) -> pd.DataFrame:
    if level == "street":
        return pd.DataFrame([(s.code, s.name) for s in district.streets()], columns=["code", "name"])
    return pd.DataFrame([(c.code, c.short_name) for c in district.communities()], columns=["code", "name"])


def area_stats(facilities: pd.DataFrame, level: str, polygons: gpd.GeoDataFrame | None = None
               ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Per-unit table (every 2023 unit, surveyed or not, plus unknown recorded units), the mismatches, and
    the unit assigned to each record (``assign_units``)."""
    assigned, mismatches = assign_units(facilities, level, polygons)
    frame = facilities.assign(unit_code=assigned["code"], unit_name=assigned["name"],
                              grouped_by=assigned["grouped_by"])
    public = frame[~frame["facility_type"].isin(PERSONAL_TYPES)]
    status = public["status"]
    stats = pd.DataFrame({
        "facilities": public.groupby("unit_code").size(),
        "compliant": (status == "compliant").groupby(public["unit_code"]).sum(),
        "non_compliant": (status == "non_compliant").groupby(public["unit_code"]).sum(),
        "incomplete": (status == "incomplete").groupby(public["unit_code"]).sum(),
        "critical_failures": ((status == "non_compliant") & (public["worst_severity"] == "critical"))
        .groupby(public["unit_code"]).sum(),
    })
    homes = frame[frame["facility_type"].isin(PERSONAL_TYPES)].groupby("unit_code").size().rename("home_modifications")
    names = frame.dropna(subset=["unit_code"]).groupby("unit_code")["unit_name"].first()
    units = _reference_units(level).set_index("code")
    extra = names.index.difference(units.index)
    units = pd.concat([units, names.loc[extra].rename("name").to_frame()])
    table = units.join(stats).join(homes).fillna(
        {"facilities": 0, "compliant": 0, "non_compliant": 0, "incomplete": 0, "critical_failures": 0,
         "home_modifications": 0})
    for col in ("facilities", "compliant", "non_compliant", "incomplete", "critical_failures", "home_modifications"):
        table[col] = table[col].astype(int)
    assessed = table["compliant"] + table["non_compliant"]
    table["compliance_share"] = (table["compliant"] / assessed.where(assessed > 0)).round(4)
    area = pd.Series(np.nan, index=table.index)
    if polygons is not None and not polygons.empty:
        metric = polygons.to_crs(METRIC_CRS)
        area = metric.geometry.area.groupby(metric["code"].to_numpy()).sum().div(1e6).reindex(table.index)
    table["area_km2"] = area.round(4)
    table["failures_per_km2"] = (table["non_compliant"] / table["area_km2"]).round(3)
    table["known_unit"] = table.index.isin(_reference_units(level)["code"])
    table["grouped_by"] = "polygon" if polygons is not None and not polygons.empty else "recorded"
    table.insert(0, "level", level)
    return table.rename_axis("code").reset_index(), mismatches, assigned


def worst_places(facilities: pd.DataFrame, tables: dict[str, pd.DataFrame], assignments: dict[str, pd.DataFrame],
                 top: int = 10) -> pd.DataFrame:
    """Units with failures, worst first, each with a reason naming what failed and the commonest clause."""
    rows = []
    for level, table in tables.items():
        units = assignments[level]["code"]
        for _, unit in table[table["non_compliant"] > 0].iterrows():
            mine = facilities[(units == unit["code"]).to_numpy() & (facilities["status"] == "non_compliant").to_numpy()
                              & ~facilities["facility_type"].isin(PERSONAL_TYPES).to_numpy()]
            critical = mine[mine["worst_severity"] == "critical"]["facility_type"].value_counts()
            clauses = Counter(r.get("clause") or r.get("rule_id") for rules in mine.get("failing_rules", [])
                              for r in failing_rules_of(rules))
            clause, times = clauses.most_common(1)[0] if clauses else (None, 0)
            share = unit["compliance_share"]
            crit_zh = "、".join(f"{FACILITY_LABELS.get(t, (t, t))[0]} {n}" for t, n in critical.items())
            crit_en = ", ".join(f"{FACILITY_LABELS.get(t, (t, t))[1]} {n}" for t, n in critical.items())
            zh = [f"严重不合格 {int(unit['critical_failures'])} 处（{crit_zh}）" if len(critical) else "无严重不合格",
                  f"不合格 {int(unit['non_compliant'])}/{int(unit['compliant'] + unit['non_compliant'])}"
                  + (f"，合规率 {share:.0%}" if pd.notna(share) else "")]
            en = [f"{int(unit['critical_failures'])} critical failures ({crit_en})" if len(critical)
                  else "no critical failures",
                  f"{int(unit['non_compliant'])} of {int(unit['compliant'] + unit['non_compliant'])} assessed fail"
                  + (f", {share:.0%} compliant" if pd.notna(share) else "")]
            if clause:
                zh.append(f"最常见不合格条款 {clause}（{times} 次）")
                en.append(f"commonest failing clause {clause} ({times}x)")
            rows.append({"level": level, "code": unit["code"], "name": unit["name"],
                         "critical_failures": int(unit["critical_failures"]), "failures": int(unit["non_compliant"]),
                         "compliance_share": share, "failures_per_km2": unit["failures_per_km2"],
                         "reason_zh": "；".join(zh), "reason_en": "; ".join(en)})
    cols = ["rank", "level", "code", "name", "critical_failures", "failures", "compliance_share", "failures_per_km2",
            "reason_zh", "reason_en"]
    if not rows:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame(rows).sort_values(["critical_failures", "failures", "compliance_share"],
                                         ascending=[False, False, True], na_position="last")
    out = out.groupby("level", sort=False).head(top).reset_index(drop=True)
    out["rank"] = out.groupby("level").cumcount() + 1
    return out[cols].sort_values(["level", "rank"], ascending=[False, True]).reset_index(drop=True)


# ----------------------------------------------------------------------------------------------------- sites

SITE_COLUMNS = ["site_id", "base_url", "name", "owner_unit", "lon", "lat", "latest_scan_id", "score", "issues",
                "scanned_at"]


def sites_on_map(sites: pd.DataFrame | None, streets: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """Scanned sites with their street: by location when street polygons exist, else from the owning unit."""
    sites = pd.DataFrame(columns=SITE_COLUMNS) if sites is None else sites.copy()
    located = sites["lon"].notna() & sites["lat"].notna() if len(sites) else pd.Series(dtype=bool)
    owner_street = [match_unit("streets", None, str(o).removesuffix("办事处")) if isinstance(o, str) else None
                    for o in sites.get("owner_unit", [])]
    sites["street_code"] = [m[0] if m else None for m in owner_street]
    sites["street_name"] = [m[1] if m else None for m in owner_street]
    sites["located"] = located.to_numpy(dtype=bool) if len(sites) else []
    gdf = gpd.GeoDataFrame(sites, geometry=gpd.points_from_xy(sites["lon"], sites["lat"]), crs=STORAGE_CRS)
    if streets is not None and not streets.empty and len(gdf):
        polys = streets.to_crs(METRIC_CRS).reset_index(drop=True)
        located = gdf[gdf["located"]]
        which = points_in_polygons(*metric_xy(located["lon"], located["lat"]), polys.geometry.values)
        hit = located.index[which >= 0]
        gdf.loc[hit, "street_code"] = polys["code"].to_numpy()[which[which >= 0]]
        gdf.loc[hit, "street_name"] = polys["name"].to_numpy()[which[which >= 0]]
    return gdf


# ----------------------------------------------------------------------------------------------------- report

@dataclass
class GapReport:
    params: GapParams
    coverage_cells: gpd.GeoDataFrame  # EPSG:4326
    coverage_summary: pd.DataFrame
    priority: gpd.GeoDataFrame  # EPSG:4326
    tactile_problems: gpd.GeoDataFrame  # EPSG:4326
    tactile_summary: dict
    streets: pd.DataFrame
    communities: pd.DataFrame
    mismatches: pd.DataFrame
    worst: pd.DataFrame
    sites: gpd.GeoDataFrame  # EPSG:4326
    facilities_total: int = 0
    critical_failures: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def priority_gaps(self) -> gpd.GeoDataFrame:
        return self.priority[self.priority["gap"]]

    @property
    def has_gaps(self) -> bool:
        return bool(len(self.priority_gaps) or self.coverage_summary["cells_uncovered"].sum()
                    or len(self.tactile_problems) or len(self.worst))

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table as a plain DataFrame (geometry as lon/lat or dropped), for reports and CSV."""
        def flat(gdf: gpd.GeoDataFrame) -> pd.DataFrame:
            df = pd.DataFrame(gdf.drop(columns="geometry"))
            if len(gdf) and (gdf.geom_type == "Point").all():
                df["lon"], df["lat"] = gdf.geometry.x.round(6), gdf.geometry.y.round(6)
            return df
        return {"coverage": self.coverage_summary, "coverage_cells": flat(self.coverage_cells),
                "priority": flat(self.priority), "tactile": flat(self.tactile_problems), "streets": self.streets,
                "communities": self.communities, "mismatches": self.mismatches, "worst": self.worst,
                "sites": flat(self.sites)}

    def headline(self) -> dict:
        cov = {r["target"]: {"share_area_uncovered": round(r["share_area_uncovered"], 4),
                             "area_uncovered_km2": round(r["area_uncovered_km2"], 3),
                             "cells_uncovered": r["cells_uncovered"], "cells": r["cells"]}
               for r in self.coverage_summary.to_dict("records")}
        return {"facilities": self.facilities_total, "critical_failures": self.critical_failures,
                "distance_m": self.params.distance_m,
                "grid": f"{self.params.grid_kind} {self.params.cell_m:g} m", "coverage": cov,
                "priority_places": len(self.priority), "priority_places_with_gaps": len(self.priority_gaps),
                "tactile": self.tactile_summary, "mismatches": len(self.mismatches),
                "worst": self.worst.head(3)[["level", "name", "reason_zh"]].to_dict("records"),
                "sites_located": int(self.sites["located"].sum()) if len(self.sites) else 0, "notes": self.notes}


def analyse(facilities: pd.DataFrame, *, cells: gpd.GeoDataFrame, places: gpd.GeoDataFrame,
            params: GapParams = GapParams(), streets: gpd.GeoDataFrame | None = None,
            communities: gpd.GeoDataFrame | None = None, tactile_lines: gpd.GeoDataFrame | None = None,
            sites: pd.DataFrame | None = None, area: shapely.Geometry | None = None) -> GapReport:
    """All gap methods over one facility frame. ``cells`` from ``make_grid``; ``area`` (WGS84) limits places."""
    notes: list[str] = []
    public = ~facilities["facility_type"].isin(PERSONAL_TYPES)
    points = facility_points(facilities).to_crs(METRIC_CRS)
    cov_cells, cov_summary = coverage(cells, points, params.distance_m)
    inside = places if area is None else places[places.within(area)]
    prio = priority_gaps(inside.to_crs(METRIC_CRS), points, params.distance_m)
    records = tactile_records(facilities)
    if tactile_lines is not None and not tactile_lines.empty:
        records = pd.concat([records, tactile_lines], ignore_index=True)
    tactile, tactile_summary = tactile_continuity(
        gpd.GeoDataFrame(records, geometry="geometry", crs=STORAGE_CRS).to_crs(METRIC_CRS), points,
        snap_m=params.snap_m, gap_max_m=params.gap_max_m, end_ok_m=params.end_ok_m)
    if tactile_summary["segments"] == 0:
        notes.append("没有盲道线段（geometry_wkt 或 geo add-layer tactile），只列出调查记录的断口和占用，未判断尽头 / "
                     "no tactile paving lines (geometry_wkt or geo add-layer tactile): surveyed breaks and "
                     "obstructions only, dead ends not assessed")
    street_table, street_mis, street_units = area_stats(facilities, "street", streets)
    community_table, community_mis, community_units = area_stats(facilities, "community", communities)
    if streets is None:
        notes.append("没有街道边界，按调查记录的街道分组 / no street polygons: grouped by the street recorded on "
                     "the survey")
    worst = worst_places(facilities, {"street": street_table, "community": community_table},
                         {"street": street_units, "community": community_units}, params.worst_top)
    return GapReport(
        params=params, coverage_cells=cov_cells.to_crs(STORAGE_CRS), coverage_summary=cov_summary,
        priority=prio.to_crs(STORAGE_CRS), tactile_problems=tactile.to_crs(STORAGE_CRS),
        tactile_summary=tactile_summary, streets=street_table, communities=community_table,
        mismatches=pd.concat([street_mis, community_mis], ignore_index=True) if len(street_mis) or len(community_mis)
        else street_mis, worst=worst, sites=sites_on_map(sites, streets),
        facilities_total=int(public.sum()),
        critical_failures=int((public & (facilities["status"] == "non_compliant")
                               & (facilities["worst_severity"] == "critical")).sum()),
        notes=notes)
