"""A synthetic field survey of a district (the bundled sample is Jianghan's), for the demo, the tests and the
benchmark (fixed seed, reproducible).

Everything here is made up except the district facts: the streets (街道) and their communities with their
2023 statistical codes and the district outline, from the district's profile (``geodata.district``). Record ids start with
``SYN-`` and site names with ``合成`` so the data cannot be mistaken for a real survey.

Values are drawn around each rule's threshold: most facilities pass, a share fail (more often for existing
buildings than new ones), a few fields are left empty (not measured). About one record in eight carries
GCJ-02 coordinates (pasted from AMap/WeChat), a few BD-09 (Baidu), as real uploads do.
"""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from checks.facility.rules import Rule, load_rules
from geodata.crs import from_wgs84
from geodata.district import District, ProfileError, current_district
from geodata.sampling import random_points_in
from surveys.schema import Field, load_schema

TYPE_MIX = {
    "road": 0.14, "curb_ramp": 0.22, "tactile_paving": 0.14, "crossing": 0.08, "ramp": 0.08, "entrance": 0.12,
    "toilet": 0.07, "parking": 0.03, "signage": 0.05, "service_counter": 0.04, "home_modification": 0.03,
}
# existing 0.35 + renovated 0.25 were one value (existing_or_renovated, 0.6) before the renovation tier was split
# off: the same draws give the same records, now told apart.
BUILD_STATUS = {"existing": 0.35, "renovated": 0.25, "new_or_extended": 0.3, "unknown": 0.1}
# Information-accessibility records (专栏9 二.3, 二.4), drawn after the others from their own stream, each at a site
# whose entrance was surveyed (same site, street, community, build status; a few metres from the entrance).
INFORMATION_COUNTS = {"self_service_terminal": 80, "public_information": 60}
INFORMATION_SITES = ("hospital", "transport_hub", "public_building", "commercial")
TERMINAL_BY_SITE = {"hospital": "hospital_kiosk", "transport_hub": "ticket_machine", "public_building": "government_kiosk",
                    "commercial": "atm"}
VENUE_BY_SITE = {"hospital": "hospital_hall", "transport_hub": "station_hall", "public_building": "service_hall",
                 "commercial": "bank_hall"}
CRS_MIX = {"WGS84": 0.84, "GCJ02": 0.13, "BD09": 0.03}
# Share of existing-build facilities with at least one failed rule field; new builds fail half as often. Spread
# over a type's rule fields, so a toilet (40 fields) is not failed far more often than a sign (8 fields).
FACILITY_FAIL_RATE = 0.45
MISSING_RATE = 0.015  # a measured field left empty
STREET_SPREAD_M = 600.0
TYPICAL_COUNTS = {"modification_year": (2021, 2025), "floor_level": (1, 6), "building_storeys_count": (1, 3),
                  "items_installed_count": (1, 8), "terminal_count": (1, 12)}  # facilities of a street cluster around a made-up centre
# Condition fields that are "yes" in most real places (a curb ramp record is mostly of a ramp that exists).
LIKELY_YES = {"has_curb_ramp_bool": 0.92, "has_tactile_path_bool": 0.9, "has_handrails_both_sides_bool": 0.75,
              "has_low_counter_bool": 0.8, "has_accessible_lift_bool": 0.7, "building_has_passenger_lift_bool": 0.6,
              "city_centre_or_vi_area_bool": 0.85, "modification_completed_bool": 0.9, "dropoff_zone_present_bool": 0.3,
              "route_in_crowded_hall_bool": 0.1, "is_fire_door_bool": 0.1, "has_public_address_bool": 0.8,
              "has_assistive_listening_bool": 0.3, "has_manual_door_control_bool": 0.6}


def _choice(rng: np.random.Generator, mix: dict[str, float], n: int) -> np.ndarray:
    keys = list(mix)
    p = np.array([mix[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=n, p=p / p.sum())]


def _positions(rng: np.random.Generator, street_codes: np.ndarray, d: District) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 points inside the district, clustered by street around made-up centres (no real boundaries)."""
    outline = shapely.union_all([shapely.geometry.shape(f["geometry"]) for f in d.boundary_geojson()["features"]])
    codes = sorted(set(street_codes))
    # one candidate at a time (batch=1): the order of draws the bundled sample was made with
    centres = dict(zip(codes, map(tuple, random_points_in(outline, len(codes), rng, batch=1))))
    lon = np.empty(len(street_codes))
    lat = np.empty(len(street_codes))
    deg_lat = STREET_SPREAD_M / 110_574.0
    mid_lat = round((d.bbox()[1] + d.bbox()[3]) / 2, 1)  # to 0.1 degree: Jianghan's 30.6 as always
    deg_lon = STREET_SPREAD_M / (111_320.0 * np.cos(np.radians(mid_lat)))
    todo = np.arange(len(street_codes))
    while len(todo):
        cx = np.array([centres[c][0] for c in street_codes[todo]])
        cy = np.array([centres[c][1] for c in street_codes[todo]])
        x = cx + rng.normal(0, deg_lon, len(todo))
        y = cy + rng.normal(0, deg_lat, len(todo))
        inside = shapely.contains_xy(outline, x, y)
        lon[todo[inside]], lat[todo[inside]] = x[inside], y[inside]
        todo = todo[~inside]
    return lon, lat


def _number_around(rule: Rule, fail: np.ndarray, rng: np.random.Generator, spec: Field) -> np.ndarray:
    n = len(fail)
    t = rule.threshold
    if rule.operator == "between":
        lo, hi = t
        width = hi - lo
        good = rng.uniform(lo, hi, n)
        bad = np.where(rng.random(n) < 0.5, lo - rng.uniform(0.05, 0.4, n) * max(width, lo * 0.2),
                       hi + rng.uniform(0.05, 0.4, n) * max(width, hi * 0.2))
        values = np.where(fail, bad, good)
    elif rule.operator == "eq":
        values = np.where(fail, t + rule.tolerance + rng.uniform(0.05, 0.3, n) * t, t + rng.uniform(-1, 1, n) * rule.tolerance)
    elif isinstance(t, dict):
        return np.full(n, np.nan)  # formula and table fields are drawn by their type (parking, ramps)
    elif rule.operator == "ge":
        values = np.where(fail, t * rng.uniform(0.6, 0.97, n), t * rng.uniform(1.0, 1.5, n))
    else:  # le
        if t == 0:
            values = np.where(fail, rng.choice([3, 5, 8, 12, 15, 20, 30], n), 0.0)
        else:
            values = np.where(fail, t * rng.uniform(1.05, 1.8, n), t * rng.uniform(0.3, 1.0, n))
    if spec.value_range is not None:
        values = np.clip(values, *spec.value_range)
    decimals = 4 if spec.name.endswith("_ratio") else (0 if spec.name.endswith("_mm") or spec.kind == "count" else 2)
    return np.round(values, decimals)


def _stricter(rule: Rule, current: Rule) -> bool:
    if rule.level != "mandatory" or not isinstance(rule.threshold, float) or not isinstance(current.threshold, float):
        return current.level != "mandatory" and rule.level == "mandatory"
    if rule.operator == current.operator == "ge":
        return rule.threshold > current.threshold
    if rule.operator == current.operator == "le":
        return rule.threshold < current.threshold
    return False


def _type_frame(ftype: str, n: int, rng: np.random.Generator, build: np.ndarray, rules: list[Rule]) -> pd.DataFrame:
    schema = load_schema()
    spec = schema.types[ftype]
    by_field: dict[str, Rule] = {}
    for rule in rules:  # the strictest mandatory number on a field sets its distribution
        current = by_field.get(rule.field)
        if current is None or _stricter(rule, current):
            by_field[rule.field] = rule
    per_field = 1.0 - (1.0 - FACILITY_FAIL_RATE) ** (1.0 / max(len(by_field), 1))
    fail_rate = np.where(build == "new_or_extended", per_field / 2, per_field)
    out: dict[str, np.ndarray] = {}
    if spec.subtypes:
        out["facility_subtype"] = _choice(rng, {k: 1.0 for k in spec.subtypes}, n)
    for f in spec.fields:
        rule = by_field.get(f.name)
        fail = rng.random(n) < fail_rate
        if f.kind == "bool":
            if rule is not None and rule.operator in ("is_true", "is_false"):
                yes = ~fail if rule.operator == "is_true" else fail
            else:
                yes = rng.random(n) < LIKELY_YES.get(f.name, 0.5)
            values = np.where(yes, "true", "false").astype(object)
        elif f.kind == "enum":
            allowed = list(f.values)
            if rule is not None and rule.operator == "one_of":
                good = [v for v in allowed if v in rule.threshold]
                bad = [v for v in allowed if v not in rule.threshold] or good
                values = np.where(fail, rng.choice(bad, n), rng.choice(good, n)).astype(object)
            else:
                values = rng.choice(allowed, n).astype(object)
        elif f.kind in ("number", "count") and rule is not None:
            values = _number_around(rule, fail, rng, f).astype(object)
        elif f.kind == "count":
            lo, hi = TYPICAL_COUNTS.get(f.name, (0, 10))
            values = rng.integers(lo, hi + 1, n).astype(object)
        elif f.kind == "number" and f.value_range is not None:
            lo, hi = f.value_range
            values = np.round(rng.uniform(lo, lo + (hi - lo) * 0.2, n), 2).astype(object)
        else:
            continue
        values[rng.random(n) < MISSING_RATE] = None
        out[f.name] = values
    frame = pd.DataFrame(out)
    _make_consistent(ftype, frame, rng)
    return frame


def _make_consistent(ftype: str, frame: pd.DataFrame, rng: np.random.Generator) -> None:
    """The few cross-field facts a real survey never contradicts."""
    n = len(frame)
    if ftype == "curb_ramp":
        none = frame["has_curb_ramp_bool"] == "false"
        frame.loc[none, "ramp_type"] = "none"
        frame.loc[~none & (frame["ramp_type"] == "none"), "ramp_type"] = "three_sided"
    if ftype == "parking":
        frame["building_type"] = _choice(rng, {"public_building": 0.35, "public_car_park_II": 0.1, "public_car_park_III": 0.15,
                                               "public_car_park_IV": 0.1, "square_or_park": 0.1, "residential": 0.2}, n)
        total = rng.integers(12, 600, n)
        ratio = np.where(rng.random(n) < 0.25, rng.uniform(0.0, 0.008, n), rng.uniform(0.01, 0.03, n))
        frame["total_stalls"] = total.astype(object)
        frame["accessible_stall_count"] = np.ceil(total * ratio).astype(int).astype(object)
    if ftype == "ramp":
        slope = frame["running_slope_ratio"].astype(float)
        frame["segment_rise_mm"] = np.where(slope.isna(), None, np.round(rng.uniform(100, 700, n))).astype(object)
        frame["total_rise_mm"] = frame["segment_rise_mm"]
    if ftype == "crossing":
        grade = frame["crossing_type"].isin(["overpass", "underpass"])
        frame.loc[~grade, "crossing_type"] = np.where(rng.random((~grade).sum()) < 0.7, "at_grade_signalised",
                                                      "at_grade_unsignalised")
        frame.loc[grade & (rng.random(n) < 0.5), "crossing_type"] = "at_grade_signalised"


def generate_records(count: int = 2000, seed: int = 20250512, district: District | None = None) -> pd.DataFrame:
    """One row per record (car parks bring 1-2 stall rows each), columns in schema order, values as text,
    in ``district`` (default: the current one), whose profile must list its streets and communities."""
    d = district or current_district()
    rng = np.random.default_rng(seed)
    schema = load_schema()
    rules = load_rules()
    streets = [s for s in d.streets() if s.kind == "街道"]  # Jianghan: the 13 streets, not the 2 zones
    communities = {s.code: [c for c in d.communities() if c.street_code == s.code] for s in streets}
    streets = [s for s in streets if communities[s.code]]
    if not streets:
        raise ProfileError(f"{d.name_zh}的区档案没有街道和社区代码，无法生成示例调查 / the profile of "
                           f"{d.name_en} lists no streets with communities: cannot make a synthetic survey")
    types = _choice(rng, TYPE_MIX, count)
    street_codes = np.array([streets[i].code for i in rng.integers(0, len(streets), count)], dtype=object)
    lon, lat = _positions(rng, street_codes, d)
    crs = _choice(rng, CRS_MIX, count)
    build = _choice(rng, BUILD_STATUS, count)
    base = pd.DataFrame({
        "record_id": [f"SYN-{i + 1:06d}" for i in range(count)],
        "facility_type": types,
        "street": street_codes,
        "community": [communities[c][rng.integers(0, len(communities[c]))].short_name for c in street_codes],
        "site_name": [f"合成场所 {i % 400 + 1}" for i in range(count)],
        "site_category": _choice(rng, {"street": 0.4, "public_building": 0.2, "commercial": 0.15, "residential": 0.1,
                                       "hospital": 0.04, "school": 0.04, "transport_hub": 0.03, "park_square": 0.04}, count),
        "build_status": build,
        "survey_datetime": [f"2025-{m:02d}-{d:02d}T{h:02d}:{mi:02d}:00+08:00" for m, d, h, mi in zip(
            rng.integers(4, 7, count), rng.integers(1, 29, count), rng.integers(8, 18, count), rng.integers(0, 60, count))],
        "surveyor_id": [f"S{k:02d}" for k in rng.integers(1, 13, count)],
        "crs": crs,
        "gnss_accuracy_m": np.round(np.where(rng.random(count) < 0.01, rng.uniform(10, 25, count),
                                             np.minimum(rng.gamma(2.0, 1.5, count), 9.8)), 1),
    })
    for name in ("GCJ02", "BD09"):
        rows = crs == name
        lon[rows], lat[rows] = from_wgs84(lon[rows], lat[rows], name)
    base["lon"], base["lat"] = np.round(lon, 6), np.round(lat, 6)
    parts = []
    for ftype in schema.types:
        rows = np.flatnonzero(types == ftype)
        if ftype == "parking_stall" or not len(rows):
            continue
        measured = _type_frame(ftype, len(rows), rng, build[rows], [r for r in rules if r.facility_type == ftype])
        parts.append(pd.concat([base.iloc[rows].reset_index(drop=True), measured], axis=1))
        if ftype == "parking":
            parts.append(_stalls(base.iloc[rows], rng, build[rows], [r for r in rules if r.facility_type == "parking_stall"]))
    parts.append(_information_records(base, types, build, count, seed, rules))
    frame = pd.concat(parts, ignore_index=True)
    home = frame["facility_type"] == "home_modification"
    frame.loc[home, ["lon", "lat", "crs", "gnss_accuracy_m", "site_name", "site_category"]] = None
    frame.loc[home, "street"] = None  # a home is recorded by community only
    order = [f.name for f in schema.common if f.name in frame.columns]
    order += [c for c in frame.columns if c not in order]
    return frame[order].sort_values("record_id", kind="stable").reset_index(drop=True)


def _information_records(base: pd.DataFrame, types: np.ndarray, build: np.ndarray, count: int, seed: int,
                         rules: list[Rule]) -> pd.DataFrame:
    """Self-service terminals and public-information records at the sites of surveyed entrances, numbered after
    the ``count`` facilities (a stream of their own, so the other records stay as they were)."""
    rng = np.random.default_rng([seed, 2])
    hosts = np.flatnonzero((types == "entrance") & base["site_category"].isin(INFORMATION_SITES).to_numpy())
    parts, next_id = [], count + 1
    for ftype, n in INFORMATION_COUNTS.items():
        if not len(hosts):
            break
        at = hosts[rng.integers(0, len(hosts), n)]
        site = base.iloc[at].reset_index(drop=True)
        frame = site[["street", "community", "site_name", "site_category", "survey_datetime", "surveyor_id", "crs",
                      "gnss_accuracy_m"]].copy()
        frame.insert(0, "facility_type", ftype)
        frame.insert(0, "record_id", [f"SYN-{i:06d}" for i in range(next_id, next_id + n)])
        frame["build_status"] = build[at]
        jitter = 20.0 / 111_000.0  # within about 20 m of the entrance
        frame["lon"] = np.round(site["lon"].to_numpy() + rng.uniform(-jitter, jitter, n), 6)
        frame["lat"] = np.round(site["lat"].to_numpy() + rng.uniform(-jitter, jitter, n), 6)
        measured = _type_frame(ftype, n, rng, build[at], [r for r in rules if r.facility_type == ftype])
        kind = "terminal_kind" if ftype == "self_service_terminal" else "venue_kind"
        by_site = TERMINAL_BY_SITE if ftype == "self_service_terminal" else VENUE_BY_SITE
        measured[kind] = site["site_category"].map(by_site).to_numpy()
        parts.append(pd.concat([frame, measured], axis=1))
        next_id += n
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _stalls(car_parks: pd.DataFrame, rng: np.random.Generator, build: np.ndarray, rules: list[Rule]) -> pd.DataFrame:
    per_park = rng.integers(1, 3, len(car_parks))
    parents = np.repeat(np.arange(len(car_parks)), per_park)
    measured = _type_frame("parking_stall", len(parents), rng, build[parents], rules)
    parent_ids = car_parks["record_id"].to_numpy()[parents]
    index = np.concatenate([np.arange(1, k + 1) for k in per_park])
    base = pd.DataFrame({
        "record_id": [f"{p}-P{i}" for p, i in zip(parent_ids, index)],
        "facility_type": "parking_stall",
        "parent_record_id": parent_ids,
        "street": car_parks["street"].to_numpy()[parents],
        "community": car_parks["community"].to_numpy()[parents],
        "build_status": build[parents],
        "survey_datetime": car_parks["survey_datetime"].to_numpy()[parents],
        "surveyor_id": car_parks["surveyor_id"].to_numpy()[parents],
    })
    return pd.concat([base, measured], axis=1)


def write_sample(path: str | Path, count: int = 2000, seed: int = 20250512, district: District | None = None) -> dict:
    frame = generate_records(count, seed, district)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return {"rows": len(frame), "facilities": int((frame["facility_type"] != "parking_stall").sum()),
            "types": frame["facility_type"].value_counts().to_dict()}
