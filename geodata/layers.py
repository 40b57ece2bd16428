"""Map layers: the bundled district picture, user layers read from files in any CRS, and facilities as points.

Everything returned here is in WGS84 (EPSG:4326), the storage CRS; metric work projects to EPSG:4547
(``METRIC_CRS``). A user layer is validated on the way in: a file without a CRS is refused (a wrong guess
would silently move every polygon), invalid geometries are repaired with ``shapely.make_valid`` and reported,
empty ones are dropped and reported, and street/community polygons are matched to the 2023 statistical codes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry.base import BaseGeometry

from geodata import crs as china_crs
from geodata import district
from geodata.district import District

STORAGE_CRS = "EPSG:4326"
METRIC_CRS = "EPSG:4547"  # CGCS2000 / 3-degree Gauss-Kruger CM 114E (central Hubei); a profile may not ask for another yet
OSM_ATTRIBUTION = "© OpenStreetMap contributors"

# Chinese coordinate systems that no EPSG code describes: they are obfuscated WGS84 lon/lat.
CHINESE_CRS = {"GCJ02": "GCJ-02", "BD09": "BD-09"}
PLACE_KINDS: dict[str, tuple[str, str]] = {
    "hospital": ("医院", "hospital"),
    "metro_station": ("地铁站", "metro station"),
    "school": ("学校", "school"),
    "government_service_hall": ("政务服务大厅", "government service hall"),
    "other": ("其他", "other"),
}
_POLYGONAL = {"Polygon", "MultiPolygon"}
_LINEAR = {"LineString", "MultiLineString"}
_EXPECTED_TYPES = {"streets": _POLYGONAL, "communities": _POLYGONAL, "poi": {"Point", "MultiPoint"} | _POLYGONAL,
                   "tactile": _LINEAR}
_CODE_FIELDS = ("code", "street_code", "community_code", "xzqdm", "dm", "adcode", "CODE")
_NAME_FIELDS = ("name", "street_name", "community_name", "xzqmc", "mc", "NAME", "名称")
_KIND_FIELDS = ("kind", "type", "category", "amenity", "类型")


class LayerError(ValueError):
    """A layer the user must fix; the message is Chinese first, then English."""


@dataclass
class LoadedLayer:
    """A user layer converted to WGS84, with what was done to it on the way in."""

    kind: str
    gdf: gpd.GeoDataFrame  # WGS84; columns code, name (+ kind for poi, + tactile fields) and the file's own
    source_crs: str
    repaired: list[str] = field(default_factory=list)  # "要素 3：Self-intersection[...] -> 已修复 / repaired"
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------- bundled layers
# Each reads the district's profile (``geodata.district``): the one given, else the current one.

_BOUNDARIES: dict[District, gpd.GeoDataFrame] = {}
_PLACES: dict[District, gpd.GeoDataFrame] = {}
_ROADS: dict[District, gpd.GeoDataFrame | None] = {}


def district_boundary(d: District | None = None) -> gpd.GeoDataFrame:
    """The district's outline (WGS84)."""
    d = d or district.current_district()
    if d not in _BOUNDARIES:
        _BOUNDARIES[d] = gpd.GeoDataFrame.from_features(d.boundary_geojson()["features"], crs=STORAGE_CRS)
    return _BOUNDARIES[d]


def district_shape(crs: str = STORAGE_CRS, d: District | None = None) -> BaseGeometry:
    """The outline as one (multi)polygon in ``crs``."""
    return district_boundary(d).to_crs(crs).union_all()


def osm_priority_places(d: District | None = None) -> gpd.GeoDataFrame:
    """The profile's priority places (the bundled one's: OSM hospitals, schools, metro stations, capped samples;
    ODbL); empty when the profile has none."""
    d = d or district.current_district()
    if d not in _PLACES:
        path = d.priority_places_file
        if path is None:
            gdf = gpd.GeoDataFrame({"kind": [], "name": []}, geometry=[], crs=STORAGE_CRS)
        else:
            gdf = gpd.read_file(path).set_crs(STORAGE_CRS, allow_override=True)
        gdf["source"] = "osm"
        _PLACES[d] = gdf
    return _PLACES[d]


def osm_roads(d: District | None = None) -> gpd.GeoDataFrame | None:
    """The profile's main roads, for basemaps only (the bundled one: OSM, ODbL); None when the profile has none."""
    d = d or district.current_district()
    if d not in _ROADS:
        path = d.roads_file
        _ROADS[d] = None if path is None else gpd.read_file(path).set_crs(STORAGE_CRS, allow_override=True)
    return _ROADS[d]


# ----------------------------------------------------------------------------------------- code/name matching

def match_unit(kind: str, code: object = None, name: object = None,
               d: District | None = None) -> tuple[str, str] | None:
    """(code, name) of a street or community of the district from its 2023 code or any of its names; None if
    unknown. The one matcher: ``geodata.district.District.match_unit``."""
    return (d or district.current_district()).match_unit(kind, code, name)


# ------------------------------------------------------------------------------------------------ user layers

def _pick(columns: list[str], wanted: str | None, candidates: tuple[str, ...], what: str) -> str | None:
    if wanted:
        if wanted not in columns:
            raise LayerError(f"错误：图层没有字段 {wanted!r}（{what}） / the layer has no field {wanted!r} ({what}); "
                             f"fields: {', '.join(columns)}")
        return wanted
    lower = {c.lower(): c for c in columns}
    return next((lower[c.lower()] for c in candidates if c.lower() in lower), None)


def _to_wgs84(gdf: gpd.GeoDataFrame, source_crs: str | None) -> tuple[gpd.GeoDataFrame, str]:
    """Reproject to WGS84 from the file's CRS, or from ``source_crs`` (an EPSG/WKT/proj string, gcj02, bd09)."""
    chinese = china_crs.normalise_crs_name(source_crs) if source_crs else None
    if chinese in CHINESE_CRS:
        if gdf.crs is not None and not CRS.from_user_input(gdf.crs).is_geographic:
            raise LayerError(f"错误：文件声明了投影坐标系 {gdf.crs.name}，不能再按 {CHINESE_CRS[chinese]} 经纬度读取 / "
                             f"the file declares a projected CRS ({gdf.crs.name}); it cannot also be "
                             f"{CHINESE_CRS[chinese]} longitude/latitude")

        def to_wgs(coords: np.ndarray) -> np.ndarray:
            return np.column_stack(china_crs.to_wgs84(coords[:, 0], coords[:, 1], chinese))

        out = gdf.set_crs(STORAGE_CRS, allow_override=True)
        out["geometry"] = shapely.transform(out.geometry.values, to_wgs)
        return out, CHINESE_CRS[chinese]
    if source_crs:
        try:
            crs = CRS.from_user_input(source_crs)
        except CRSError as exc:
            raise LayerError(f"错误：无法识别坐标系 {source_crs!r} / unknown CRS {source_crs!r}: {exc}") from exc
        if gdf.crs is not None and CRS.from_user_input(gdf.crs) != crs:
            raise LayerError(f"错误：文件已声明坐标系 {gdf.crs.to_string()}，与 --source-crs {source_crs} 不符 / "
                             f"the file declares {gdf.crs.to_string()}, which contradicts --source-crs {source_crs}")
        gdf = gdf.set_crs(crs, allow_override=True)
    if gdf.crs is None:
        raise LayerError("错误：图层没有坐标参考系（如 Shapefile 缺少 .prj），请用 --source-crs 指明，"
                         "例如 EPSG:4326、EPSG:4547、gcj02 / the layer has no CRS (e.g. a shapefile without .prj); "
                         "give it with --source-crs, e.g. EPSG:4326, EPSG:4547, gcj02")
    name = gdf.crs.to_string()
    return gdf.to_crs(STORAGE_CRS), name


def _repair(gdf: gpd.GeoDataFrame, kind: str, loaded: LoadedLayer) -> gpd.GeoDataFrame:
    """Drop empty geometries, repair invalid ones, keep only the geometry type the layer kind needs."""
    expected = _EXPECTED_TYPES[kind]
    keep = []
    geoms = []
    for pos, geom in enumerate(gdf.geometry.values):
        label = f"要素 {pos + 1} / feature {pos + 1}"
        if geom is None or geom.is_empty:
            loaded.dropped.append(f"{label}: 空几何，已丢弃 / empty geometry, dropped")
            continue
        if not geom.is_valid:
            reason = shapely.is_valid_reason(geom)
            geom = shapely.make_valid(geom)
            if geom.geom_type == "GeometryCollection":  # e.g. a bow-tie polygon repaired into polygons + a line
                parts = [g for g in geom.geoms if g.geom_type in expected or g.geom_type.removeprefix("Multi")
                         in expected]
                geom = shapely.union_all(parts) if parts else shapely.Polygon()
            if geom.is_empty or not geom.is_valid:
                loaded.dropped.append(f"{label}: {reason}，无法修复，已丢弃 / could not be repaired, dropped")
                continue
            loaded.repaired.append(f"{label}: {reason} -> 已修复 / repaired")
        if geom.geom_type not in expected:
            loaded.dropped.append(f"{label}: 几何类型 {geom.geom_type} 不适用于 {kind} 图层，已丢弃 / "
                                  f"geometry type {geom.geom_type} does not fit a {kind} layer, dropped")
            continue
        keep.append(pos)
        geoms.append(geom)
    out = gdf.iloc[keep].copy()
    out["geometry"] = gpd.GeoSeries(geoms, index=out.index, crs=gdf.crs)
    return out


def _normalise_attributes(gdf: gpd.GeoDataFrame, kind: str, loaded: LoadedLayer, *, code_field: str | None,
                          name_field: str | None, poi_kind: str | None) -> gpd.GeoDataFrame:
    columns = [c for c in gdf.columns if c != "geometry"]
    code_col = _pick(columns, code_field, _CODE_FIELDS, "代码 / code")
    name_col = _pick(columns, name_field, _NAME_FIELDS, "名称 / name")
    codes = gdf[code_col] if code_col else pd.Series([None] * len(gdf), index=gdf.index)
    names = gdf[name_col] if name_col else pd.Series([None] * len(gdf), index=gdf.index)
    gdf = gdf.rename(columns={c: f"src_{c}" for c in columns if c in ("code", "name", "kind")})
    if kind in ("streets", "communities"):
        if code_col is None and name_col is None:
            raise LayerError(f"错误：{kind} 图层需要代码或名称字段（用 --code-field / --name-field 指明） / "
                             f"a {kind} layer needs a code or name field (--code-field / --name-field); "
                             f"fields: {', '.join(columns)}")
        matched = [match_unit(kind, c, n) for c, n in zip(codes, names)]
        for pos, (m, c, n) in enumerate(zip(matched, codes, names)):
            if m is None:
                loaded.warnings.append(f"要素 {pos + 1}：代码/名称 {c or ''} {n or ''} 不在 2023 年区划代码中 / "
                                       f"feature {pos + 1}: {c or ''} {n or ''} is not a 2023 statistical unit")
        gdf["code"] = [m[0] if m else (None if c is None else str(c)) for m, c in zip(matched, codes)]
        gdf["name"] = [m[1] if m else (None if n is None else str(n)) for m, n in zip(matched, names)]
    elif kind == "poi":
        kind_col = None if poi_kind else _pick(columns, None, _KIND_FIELDS, "类型 / kind")
        if poi_kind:
            gdf["kind"] = poi_kind
        elif kind_col:
            gdf["kind"] = [_place_kind(v) for v in gdf[kind_col]]
        else:
            raise LayerError("错误：POI 图层需要类型（--poi-kind hospital|metro_station|school|"
                             "government_service_hall，或 kind 字段） / a POI layer needs a kind (--poi-kind or a "
                             "kind field)")
        gdf["code"] = None if code_col is None else codes.astype("string")
        gdf["name"] = names.astype("string") if name_col else ""
        # Polygons (a hospital campus) are placed at a point inside them: distances are measured from points.
        gdf["geometry"] = gdf.geometry.representative_point()
        gdf["source"] = "user"
    else:  # tactile
        seg_col = _pick(columns, None, ("segment_id", "record_id", "id", "fid"), "编号 / id")
        gdf["segment_id"] = (gdf[seg_col].astype(str) if seg_col else
                             pd.Series([f"seg-{i + 1}" for i in range(len(gdf))], index=gdf.index))
        gdf["code"] = None
        gdf["name"] = names.astype("string") if name_col else ""
    return gdf


def _place_kind(value: object) -> str:
    text = str(value).lower()
    for key, synonyms in {
        "hospital": ("hospital", "clinic", "医院", "卫生"),
        "metro_station": ("metro", "subway", "station", "地铁"),
        "school": ("school", "university", "college", "kindergarten", "学校", "大学", "学院", "中学", "小学"),
        "government_service_hall": ("government", "townhall", "service_hall", "政务", "行政服务", "便民服务"),
    }.items():
        if key in text or any(s in text for s in synonyms):
            return key
    return "other"


def read_user_layer(path: str | Path, kind: str, *, layer: str | None = None, source_crs: str | None = None,
                    code_field: str | None = None, name_field: str | None = None,
                    poi_kind: str | None = None) -> LoadedLayer:
    """Read a GeoJSON / GeoPackage / Shapefile layer, convert it to WGS84, validate and normalise it."""
    if kind not in _EXPECTED_TYPES:
        raise LayerError(f"错误：未知图层类型 {kind!r} / unknown layer kind {kind!r}")
    if poi_kind is not None and poi_kind not in PLACE_KINDS:
        raise LayerError(f"错误：未知 POI 类型 {poi_kind!r} / unknown POI kind; expected {', '.join(PLACE_KINDS)}")
    path = Path(path)
    if not path.exists():
        raise LayerError(f"错误：找不到文件 {path} / file not found: {path}")
    try:
        raw = pyogrio.read_dataframe(path, layer=layer)
    except Exception as exc:  # pyogrio raises DataSourceError, DataLayerError... with GDAL's message
        raise LayerError(f"错误：无法读取 {path.name}：{exc} / cannot read {path.name}: {exc}") from exc
    if not isinstance(raw, gpd.GeoDataFrame) or raw.geometry.isna().all() and len(raw):
        raise LayerError(f"错误：{path.name} 没有几何 / {path.name} has no geometry")
    gdf, crs_name = _to_wgs84(raw, source_crs)
    loaded = LoadedLayer(kind=kind, gdf=gdf, source_crs=crs_name)
    gdf = _repair(gdf, kind, loaded)
    if gdf.empty:
        raise LayerError(f"错误：{path.name} 没有可用的 {kind} 要素 / {path.name} has no usable {kind} features: "
                         + "; ".join(loaded.dropped[:5]))
    gdf = _normalise_attributes(gdf, kind, loaded, code_field=code_field, name_field=name_field,
                                poi_kind=poi_kind)
    # A layer far from the district usually means a wrong CRS (lat/lon swapped, metres read as degrees).
    d = district.current_district()
    if not gdf.geometry.intersects(district_shape(d=d).buffer(0.05)).any():
        loaded.warnings.append(f"图层与{d.name_zh}不相交，请检查坐标系 / the layer does not touch {d.name_en}: "
                               "check its CRS")
    loaded.gdf = gdf.reset_index(drop=True)
    return loaded


# ------------------------------------------------------------------------------------------ store <-> GeoDataFrame

def to_feature_rows(gdf: gpd.GeoDataFrame) -> list:
    """Rows for ``store.geo.save_layer`` from a WGS84 layer."""
    from store.geo import FeatureRow

    props = gdf.drop(columns=["geometry", "code", "name"]).astype(object)
    props = props.where(pd.notna(props), None)
    bounds = gdf.geometry.bounds.to_numpy()
    wkbs = shapely.to_wkb(gdf.geometry.values, output_dimension=2)
    return [
        FeatureRow(None if pd.isna(code) else str(code), None if pd.isna(name) else str(name), p, wkb,
                   tuple(float(v) for v in bbox))
        for code, name, p, wkb, bbox in zip(gdf["code"], gdf["name"], props.to_dict("records"), wkbs, bounds)
    ]


def stored_layer(engine, kind: str, name: str | None = None) -> gpd.GeoDataFrame | None:
    """A stored user layer (all layers of ``kind`` concatenated, or one by name) as a WGS84 GeoDataFrame."""
    from store.geo import load_features

    rows = load_features(engine, kind, name)
    if not rows:
        return None
    records = [{**feat.properties, "code": feat.code, "name": feat.name, "layer": info.name}
               for info, feat in rows]
    geoms = shapely.from_wkb([feat.geometry_wkb for _, feat in rows])
    return gpd.GeoDataFrame(records, geometry=list(geoms), crs=STORAGE_CRS)


# -------------------------------------------------------------------------------------------- facility points

FACILITY_COLUMNS = ("record_id", "facility_type", "street_code", "street_name", "community_code",
                    "community_name", "site_name", "status", "worst_severity", "failing_rules", "lon", "lat")
PERSONAL_TYPES = ("home_modification",)  # home visits: counted per community, never drawn as points


def facility_points(facilities: pd.DataFrame) -> gpd.GeoDataFrame:
    """Located, non-personal facility records as WGS84 points (rows without coordinates are left out)."""
    missing = [c for c in ("facility_type", "lon", "lat") if c not in facilities.columns]
    if missing:
        raise ValueError(f"facility frame lacks columns {missing}")
    keep = facilities[~facilities["facility_type"].isin(PERSONAL_TYPES)
                      & facilities["lon"].notna() & facilities["lat"].notna()]
    return gpd.GeoDataFrame(keep.copy(), geometry=gpd.points_from_xy(keep["lon"], keep["lat"]),
                            crs=STORAGE_CRS)
