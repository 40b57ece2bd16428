"""Validation and normalisation of one chunk of an upload, column by column (vectorised, no row loop
except to word the problems of bad rows).

In: a frame of strings with the schema's field names (``columns.apply_plan``). Out: the typed records of
the valid rows (numbers and yes/no as floats, empty = NaN; coordinates converted to WGS84 with the source
CRS kept; street and community resolved to codes) and the problems of the invalid ones.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geodata.crs import many_to_wgs84, normalise_crs_name
from surveys.places import Area
from surveys.problems import Problem
from surveys.schema import Field, Schema

TRUE_WORDS = frozenset({"true", "t", "yes", "y", "1", "1.0", "是", "有", "对", "√"})
FALSE_WORDS = frozenset({"false", "f", "no", "n", "0", "0.0", "否", "无", "没有", "错", "×"})
# Rows of these types need no point of their own: a stall takes its car park's; a home has none by design.
NO_POINT_TYPES = frozenset({"parking_stall", "home_modification"})
# Personal data of home modifications: never stored, whatever the upload carries.
PRIVATE_FIELDS = ("lon", "lat", "altitude_m", "gnss_accuracy_m", "geometry_wkt", "site_name", "road_name",
                  "notes", "photos")
GNSS_FLAG_M = 10.0  # the draft schema: flag point features located worse than 10 m
_SIZE = re.compile(r"^\s*([0-9.]+)\s*[x×X*]\s*([0-9.]+)\s*$")


@dataclass
class ChunkResult:
    records: pd.DataFrame  # typed, valid rows only
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    valid: np.ndarray | None = None  # per input row


class _Collector:
    """Problems of one chunk, and which rows they make invalid."""

    def __init__(self, rows: np.ndarray, source: str):
        self.rows = rows
        self.source = source
        self.invalid = np.zeros(len(rows), dtype=bool)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def add(self, mask: np.ndarray, name: str, values: pd.Series | np.ndarray | None, code: str, zh: str, en: str,
            warning: bool = False) -> None:
        for i in np.flatnonzero(mask):
            value = "" if values is None else str(values.iloc[i] if isinstance(values, pd.Series) else values[i])
            problem = Problem(int(self.rows[i]), name, value, code, zh, en, self.source)
            (self.warnings if warning else self.problems).append(problem)
        if not warning:
            self.invalid |= mask


def _nonempty(s: pd.Series) -> np.ndarray:
    return (s != "").to_numpy(dtype=bool, copy=True)


def parse_numbers(text: pd.Series, ratio: bool) -> pd.Series:
    """Numbers from text; a slope may be written 1:12 or 8.3% (a ratio field then takes 0.0833)."""
    clean = text.str.replace(",", "", regex=False).str.replace(" ", "", regex=False)
    numbers = pd.to_numeric(clean, errors="coerce")
    if ratio:
        percent = clean.str.endswith("%")
        numbers = numbers.where(~percent, pd.to_numeric(clean.str.rstrip("%"), errors="coerce") / 100.0)
        parts = clean.str.extract(r"^([0-9.]+):([0-9.]+)$")
        rise, run = pd.to_numeric(parts[0], errors="coerce"), pd.to_numeric(parts[1], errors="coerce")
        numbers = numbers.where(parts[0].isna(), rise / run.where(run != 0))
    return numbers.astype(np.float64)


def _parse_bool(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    low = text.str.lower()
    out = pd.Series(np.nan, index=text.index)
    out[low.isin(TRUE_WORDS).to_numpy()] = 1.0
    out[low.isin(FALSE_WORDS).to_numpy()] = 0.0
    bad = _nonempty(text) & out.isna().to_numpy()
    return out, bad


class Validator:
    def __init__(self, schema: Schema, area: Area, default_crs: str | None, source: str = ""):
        self.schema = schema
        self.area = area
        self.default_crs = default_crs
        self.source = source
        self.type_labels = {unicodedata.normalize("NFKC", ft.zh): name for name, ft in schema.types.items()}

    # -- the pieces ---------------------------------------------------------------------------------------
    def _facility_types(self, frame: pd.DataFrame, out: _Collector) -> pd.Series:
        raw = frame["facility_type"] if "facility_type" in frame.columns else pd.Series("", index=frame.index)
        types = raw.str.strip().str.lower().replace(self.type_labels)
        types = types.where(~raw.isin(self.type_labels), raw.map(self.type_labels))
        empty = ~_nonempty(raw)
        out.add(empty, "facility_type", raw, "missing", "必填，不能为空", "is required")
        unknown = ~empty & ~types.isin(list(self.schema.types)).to_numpy()
        # A team surveys what it finds (a bench, a lift on its own): such a record is kept as written and
        # reported, its cells kept aside by the importer; it is shown as `incomplete` since no rule judges it.
        out.add(unknown, "facility_type", raw, "unknown_type",
                "不是已知的设施类型，已导入但无规则评估（已知类型：" + ", ".join(self.schema.types) + "）",
                "is not a known facility type: imported, but no rule judges it (known: "
                + ", ".join(self.schema.types) + ")", warning=True)
        return types.where(~unknown, raw.str.strip()).where(~empty, None)

    def _typed_column(self, name: str, spec: Field, text: pd.Series, types: pd.Series, out: _Collector) -> pd.Series:
        present = _nonempty(text)
        # a field of one facility type filled on a row of another is ignored (a wide CSV has all columns)
        owners = self.schema.types_with_field(name)
        if owners:
            present &= types.isin(owners).to_numpy()
        if spec.kind == "enum":
            return self._enum(name, spec, text.where(present, ""), types, present, out)
        # parse the filled cells only, then scatter back: most cells of a wide upload are empty
        rows = np.flatnonzero(present)
        sub = text.iloc[rows]
        n = len(text)

        def scatter(mask: np.ndarray) -> np.ndarray:
            full = np.zeros(n, dtype=bool)
            full[rows[mask]] = True
            return full

        if spec.kind in ("number", "count", "bool"):
            if spec.kind == "bool":
                parsed, bad = _parse_bool(sub)
                out.add(scatter(bad), name, text, "not_a_bool", "不是“是/否”（true/false、是/否、1/0）",
                        "is not yes/no (true/false, 1/0)")
            else:
                parsed = parse_numbers(sub, ratio=name.endswith("_ratio"))
                bad = parsed.isna().to_numpy()
                out.add(scatter(bad), name, text, "not_a_number", "不是数字", "is not a number")
                if spec.kind == "count":
                    fractional = ~bad & (parsed % 1 != 0).to_numpy()
                    out.add(scatter(fractional), name, text, "not_an_integer", "不是整数", "is not a whole number")
                if spec.value_range is not None:
                    lo, hi = spec.value_range
                    absurd = ~bad & ((parsed < lo) | (parsed > hi)).to_numpy()
                    out.add(scatter(absurd), name, text, "out_of_range",
                            f"超出合理范围 {lo:g}～{hi:g}，请检查录入或单位",
                            f"is outside the plausible range {lo:g}-{hi:g} (typing or unit error?)")
            values = np.full(n, np.nan)
            values[rows] = parsed.to_numpy(dtype=np.float64, na_value=np.nan)
            return pd.Series(values, index=text.index)
        if spec.kind == "datetime":
            parsed = pd.to_datetime(sub, format="ISO8601", errors="coerce", utc=True)
            out.add(scatter(parsed.isna().to_numpy()), name, text, "bad_datetime",
                    "不是 ISO 8601 时间（如 2025-05-12T10:31:00+08:00）",
                    "is not an ISO 8601 time (e.g. 2025-05-12T10:31:00+08:00)")
        return text.where(present, None)

    def _enum(self, name: str, spec: Field, text: pd.Series, types: pd.Series, present: np.ndarray,
              out: _Collector) -> pd.Series:
        values = text.astype(object).copy()
        bad = np.zeros(len(text), dtype=bool)
        owners = self.schema.types_with_field(name) or (None,)
        for owner in owners:
            if owner is None:
                allowed, rows = spec.values, np.ones(len(text), dtype=bool)
            else:
                allowed = next(f for f in self.schema.types[owner].fields if f.name == name).values
                rows = (types == owner).to_numpy()
            by_label = {unicodedata.normalize("NFKC", label): value for value, label in allowed.items() if label != value}
            mine = rows & present
            if by_label and mine.any():  # a Chinese label is taken for its value
                values[mine] = values[mine].replace(by_label)
            bad |= mine & ~values.isin(list(allowed)).to_numpy()
        allowed_text = ", ".join(spec.values)
        out.add(bad, name, text, "unknown_value", f"不是允许的取值（{allowed_text}）", f"is not one of: {allowed_text}")
        return values.where(present, None)

    def _places(self, frame: pd.DataFrame, types: pd.Series, out: _Collector) -> pd.DataFrame:
        district = self.area.district
        street_text = frame.get("street", pd.Series("", index=frame.index))
        community_text = frame.get("community", pd.Series("", index=frame.index))
        # One match per distinct text: a file names a few hundred units however many rows it has.
        streets = {v: district.street(v) for v in street_text.unique()}
        communities = {v: district.community(v) for v in community_text.unique()}
        street = street_text.map(lambda v: streets[v].code if streets[v] is not None else None)
        community = community_text.map(communities)
        has_street, has_community = _nonempty(street_text), _nonempty(community_text)
        # A profile without street (community) codes has nothing to check against: names are kept as written.
        if district.streets():
            out.add(has_street & street.isna().to_numpy(), "street", street_text, "unknown_street",
                    "不是本区的街道（名称或 9 位统计代码）", "is not a street of the district (name or 9-digit code)")
        if district.communities():
            out.add(has_community & community.isna().to_numpy(), "community", community_text, "unknown_community",
                    "不是本区的社区（名称或 12 位统计代码）", "is not a community of the district (name or 12-digit code)")
        community_street = community.map(lambda c: c.street_code if c is not None else None)
        mismatch = (street.notna() & community_street.notna() & (street != community_street)).to_numpy()
        names = {s.code: s for s in district.streets()}
        out.add(mismatch, "community", community_text, "community_not_in_street",
                "不属于所填街道", "does not belong to the street given")
        home = (types == "home_modification").to_numpy()
        # a parking stall exported from the form's repeat group takes its car park's street and community
        child = (types == "parking_stall").to_numpy() & _nonempty(frame.get("parent_record_id", pd.Series("", index=frame.index)))
        out.add(~has_street & ~has_community & ~home & ~child, "street", None, "missing", "必填（街道或社区至少填一项）",
                "is required (street or community)")
        out.add(home & ~has_community, "community", None, "missing", "家庭改造记录必须填写社区", "is required for home modifications")
        street = street.where(street.notna(), community_street)
        street_name = street.map(lambda c: names[c].name if c in names else None)
        community_name = community.map(lambda c: c.short_name if c is not None else None)
        if not district.streets():
            street_name = street_name.where(street_name.notna(), street_text.where(has_street, None))
        if not district.communities():
            community_name = community_name.where(community_name.notna(), community_text.where(has_community, None))
        return pd.DataFrame({
            "street_code": street,
            "street_name": street_name,
            "community_code": community.map(lambda c: c.code if c is not None else None),
            "community_name": community_name,
        }, index=frame.index)

    def _coordinates(self, frame: pd.DataFrame, typed: dict[str, pd.Series], types: pd.Series,
                     out: _Collector) -> dict[str, pd.Series]:
        lon, lat = typed["lon"].to_numpy(dtype=np.float64), typed["lat"].to_numpy(dtype=np.float64)
        crs_text = frame.get("crs", pd.Series("", index=frame.index))
        crs = crs_text.map(lambda v: normalise_crs_name(v) if v else None)
        out.add(_nonempty(crs_text) & crs.isna().to_numpy(), "crs", crs_text, "unknown_crs",
                "不是已知坐标系（WGS84、GCJ02、BD09、CGCS2000）", "is not a known CRS (WGS84, GCJ02, BD09, CGCS2000)")
        assumed = crs.isna().to_numpy()
        crs = crs.fillna(self.default_crs or "WGS84")
        no_point = types.isin(NO_POINT_TYPES).to_numpy()
        located = np.isfinite(lon) & np.isfinite(lat)
        parse_failed = _nonempty(frame.get("lon", pd.Series("", index=frame.index))) | _nonempty(
            frame.get("lat", pd.Series("", index=frame.index)))
        for name, values in (("lon", lon), ("lat", lat)):
            missing = ~np.isfinite(values) & ~no_point & ~(parse_failed & ~located)
            out.add(missing & types.notna().to_numpy(), name, None, "missing", "必填，不能为空", "is required")
        wgs_lon, wgs_lat = many_to_wgs84(lon, lat, crs.to_numpy(dtype=object))
        inside = self.area.contains(wgs_lon, wgs_lat)
        check = located & ~inside & ~(types == "home_modification").to_numpy()
        swapped_lon, swapped_lat = many_to_wgs84(lat, lon, crs.to_numpy(dtype=object))
        swapped = check & self.area.contains(swapped_lon, swapped_lat)
        shown = pd.Series([f"{x:.6f}, {y:.6f}" if np.isfinite(x) and np.isfinite(y) else "" for x, y in zip(lon, lat)]) \
            if check.any() else None
        out.add(swapped, "lon/lat", shown, "lat_lon_swapped", "经纬度疑似填反（交换后位于区内）",
                "latitude and longitude look swapped (inside the district when exchanged)")
        out.add(check & ~swapped, "lon/lat", shown, "outside_district", f"不在{self.area.name}范围内",
                f"is outside the district ({self.area.name})")
        accuracy = typed.get("gnss_accuracy_m")
        if accuracy is not None:
            coarse = (accuracy > GNSS_FLAG_M).to_numpy() & ~no_point
            out.add(coarse, "gnss_accuracy_m", accuracy, "coarse_location", f"定位精度差于 {GNSS_FLAG_M:g} m，请复核位置",
                    f"is worse than {GNSS_FLAG_M:g} m: check the position", warning=True)
        flagged = located & assumed & (self.default_crs is None)
        index = frame.index
        return {
            "lon": pd.Series(np.where(located, wgs_lon, np.nan), index=index),
            "lat": pd.Series(np.where(located, wgs_lat, np.nan), index=index),
            "source_crs": crs.where(located, None),
            "source_lon": pd.Series(lon, index=index),
            "source_lat": pd.Series(lat, index=index),
            "crs_assumed": pd.Series(flagged, index=index),
        }

    @staticmethod
    def _derive(typed: dict[str, pd.Series], index: pd.Index) -> None:
        """Fields the rules read that a surveyor may leave to be worked out from others."""
        def col(name: str) -> pd.Series:
            return typed.get(name, pd.Series(np.nan, index=index))

        flags = [col(n) for n in ("has_accessible_wc_bool", "has_accessible_basin_bool", "has_multifunction_table_bool",
                                  "has_low_coat_hook_bool", "has_call_device_bool")]
        stacked = pd.concat(flags, axis=1)
        derived = pd.Series(np.where(stacked.eq(0).any(axis=1), 0.0, np.where(stacked.eq(1).all(axis=1), 1.0, np.nan)),
                            index=index)
        typed["has_required_fixtures_bool"] = col("has_required_fixtures_bool").fillna(derived)
        left, right = typed.get("grab_bar_left_type"), typed.get("grab_bar_right_type")
        if left is not None and right is not None:
            both = np.where((left == "none") | (right == "none"), 0.0,
                            np.where(left.notna() & right.notna(), 1.0, np.nan))
            typed["has_grab_bars_both_sides_bool"] = col("has_grab_bars_both_sides_bool").fillna(pd.Series(both, index=index))
        typed["stall_plus_aisle_width_m"] = col("stall_plus_aisle_width_m").fillna(col("stall_width_m") + col("access_aisle_width_m"))
        # an entrance whose only door revolves has a revolving door on its accessible route (EN-08); "not the only
        # door" says nothing about where the route goes, so it is left for the surveyor's own answer
        only = col("revolving_door_only_bool")
        typed["revolving_door_on_route_bool"] = col("revolving_door_on_route_bool").fillna(only.where(only == 1.0))

    def _dropoff_size(self, typed: dict[str, pd.Series], out: _Collector) -> None:
        size = typed.get("dropoff_zone_size_m")
        if size is None:
            return
        parts = size.fillna("").str.extract(_SIZE)
        a, b = pd.to_numeric(parts[0], errors="coerce"), pd.to_numeric(parts[1], errors="coerce")
        bad = size.notna().to_numpy() & (a.isna() | b.isna()).to_numpy()
        out.add(bad, "dropoff_zone_size_m", size, "bad_size", "应写作 长x宽（米），如 7.00x2.40", "must be L x W in metres, e.g. 7.00x2.40")
        typed["dropoff_zone_length_m"] = typed.get("dropoff_zone_length_m", pd.Series(np.nan, index=size.index)).fillna(np.maximum(a, b))
        typed["dropoff_zone_width_m"] = typed.get("dropoff_zone_width_m", pd.Series(np.nan, index=size.index)).fillna(np.minimum(a, b))

    # -- the whole chunk ----------------------------------------------------------------------------------
    def validate(self, frame: pd.DataFrame, rows: np.ndarray) -> ChunkResult:
        # A wide upload is mostly empty columns: drop them before any string work (empty = not measured).
        keep = [c for c in frame.columns if c in ("record_id", "facility_type", "lon", "lat") or (frame[c] != "").any()]
        frame = frame[keep]  # already NFKC-normalised and stripped by columns.apply_plan
        out = _Collector(rows, self.source)
        types = self._facility_types(frame, out)
        record_id = frame.get("record_id", pd.Series("", index=frame.index)).str.replace(r"^uuid:", "", regex=True)
        out.add(~_nonempty(record_id), "record_id", None, "missing", "必填，不能为空", "is required")
        typed: dict[str, pd.Series] = {"record_id": record_id, "facility_type": types}
        for name in frame.columns:
            spec = self.schema.field(name)
            if spec is None or name in ("record_id", "facility_type", "street", "community", "crs"):
                continue
            typed[name] = self._typed_column(name, spec, frame[name], types, out)
        for name in ("lon", "lat"):
            typed.setdefault(name, pd.Series(np.nan, index=frame.index))
        subtype = typed.get("facility_subtype")
        if subtype is not None:
            for tname, ftype in self.schema.types.items():
                if ftype.subtypes:
                    rows_t = (types == tname).to_numpy() & subtype.notna().to_numpy()
                    bad = rows_t & ~subtype.isin(list(ftype.subtypes)).to_numpy()
                    out.add(bad, "facility_subtype", subtype, "unknown_value",
                            "不是该类设施的子类（" + ", ".join(ftype.subtypes) + "）",
                            f"is not a subtype of {tname} (" + ", ".join(ftype.subtypes) + ")")
        if "submission_time" in typed:  # the collection tool's time stands in for an empty survey time
            submitted = typed.pop("submission_time")
            typed["survey_datetime"] = typed.get("survey_datetime", submitted).fillna(submitted)
        places = self._places(frame, types, out)
        typed.update(self._coordinates(frame, typed, types, out))
        self._dropoff_size(typed, out)
        self._derive(typed, frame.index)
        status = typed.get("build_status", pd.Series(None, index=frame.index, dtype=object))
        typed["build_status"] = status.fillna("unknown")
        records = pd.DataFrame(typed, index=frame.index)
        records = pd.concat([records, places], axis=1)
        home = (types == "home_modification").to_numpy()
        for name in PRIVATE_FIELDS + ("source_lon", "source_lat", "source_crs"):
            if name in records.columns and home.any():
                records.loc[home, name] = None if records[name].dtype == object else np.nan
        records["row_number"] = rows
        valid = ~out.invalid
        return ChunkResult(records=records[valid], problems=out.problems, warnings=out.warnings, valid=valid)
