"""What a district map shows, gathered once for both renderers (static matplotlib, offline Leaflet).

Reads the same store as every command: scored facilities (``surveys.scoring.scored_facilities``),
scanned sites (``store.scans.site_summaries``) and the user layers (``store.geo``).
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from geodata import district as profiles
from geodata.district import District
from geodata.gaps import FACILITY_LABELS, GapParams, GapReport, analyse, failing_rules_of, sites_on_map
from geodata.grid import make_grid
from geodata.layers import (
    METRIC_CRS, OSM_ATTRIBUTION, STORAGE_CRS, district_boundary, district_shape, facility_points,
    osm_priority_places, osm_roads, stored_layer,
)

MAP_LAYERS = ("facilities", "gaps", "streets", "sites")
STATUS_STYLE: dict[str, tuple[str, str, str]] = {  # status -> colour, zh, en
    "compliant": ("#1a9850", "合规", "compliant"),
    "non_compliant": ("#d73027", "不合规", "non-compliant"),
    "incomplete": ("#878787", "数据不全", "incomplete"),
}
SEVERITY_NAMES = {"critical": ("严重", "critical"), "major": ("较重", "major"), "minor": ("轻微", "minor")}
GAP_TARGET_COLOURS = {"toilet": "#7b3294", "parking": "#e66101", "curb_ramp": "#0571b0"}
TITLES = {  # {zh}/{en}: the district's name
    "facilities": ("{zh}无障碍设施调查结果", "Surveyed accessibility facilities, {en}"),
    "gaps": ("{zh}无障碍设施覆盖缺口", "Coverage gaps, {en}"),
    "streets": ("{zh}各街道无障碍设施合规率", "Compliance by street, {en}"),
    "sites": ("{zh}政府网站无障碍检测结果", "Web accessibility of government sites, {en}"),
    None: ("{zh}无障碍地图", "{en} accessibility map"),
}


@dataclass
class MapData:
    """Everything drawable, in WGS84."""

    district: District  # whose outline, names and priority places these are
    boundary: gpd.GeoDataFrame
    roads: gpd.GeoDataFrame | None  # OSM: drawing it requires the attribution
    facilities: gpd.GeoDataFrame  # points; never home modifications
    streets: gpd.GeoDataFrame | None = None  # user polygons
    communities: gpd.GeoDataFrame | None = None
    report: GapReport | None = None
    sites: gpd.GeoDataFrame | None = None
    notes: list[str] = field(default_factory=list)

    def uses_osm(self, layer: str) -> bool:
        """Whether drawing ``layer`` shows OSM data (roads basemap, or OSM priority places on the gaps map)."""
        if self.roads is not None and len(self.roads):
            return True
        return bool(layer == "gaps" and self.report is not None and len(self.report.priority)
                    and (self.report.priority.get("source") == "osm").any())


# ------------------------------------------------------------------------------------------------ the store

# Survey fields the gap analysis reads beyond the scored view: tactile lines and their surveyed continuity,
# and where a curb ramp sits (only ramps at crossings count for crossing coverage).
RAW_FIELDS = ("geometry_wkt", "location_context", "is_continuous_bool", "gap_length_m", "is_obstructed_bool",
              "obstruction_type")


def facilities_from_store(engine) -> tuple[pd.DataFrame, list[str]]:
    """Scored facilities from the survey store (plus ``RAW_FIELDS``); empty, with a note, before any import."""
    from surveys.frame import load_facilities
    from surveys.scoring import scored_facilities

    frame = scored_facilities(engine)
    if not len(frame):
        return frame, ["尚未导入调查数据 / no survey imported yet (wuzhangai survey import)"]
    raw = load_facilities(engine)
    extra = [c for c in RAW_FIELDS if c in raw.columns and c not in frame.columns]
    if extra:
        frame = frame.merge(raw[["record_id", *extra]], on="record_id", how="left")
    return frame, []


def sites_from_store(engine) -> pd.DataFrame | None:
    """Scanned sites with owner and location (``store.sites.site_summaries``)."""
    from store.sites import site_summaries

    return site_summaries(engine)


def map_title(district: District, layer: str | None) -> tuple[str, str]:
    """(zh, en) title of a map of ``layer`` in ``district``."""
    zh, en = TITLES[layer]
    return zh.format(zh=district.name_zh, en=district.name_en), en.format(zh=district.name_zh, en=district.name_en)


def profile_notes(district: District, with_gaps: bool = True) -> list[str]:
    """What the maps and tables leave out because the district's profile lacks it."""
    has = district.has()
    notes = []
    if not has["streets"]:
        notes.append(f"{district.name_zh}的区档案没有街道代码：街道按调查所填名称统计，未核对 / the profile of "
                     f"{district.name_en} lists no streets: streets are counted as written, unchecked")
    if with_gaps and not has["priority_places"]:
        notes.append(f"{district.name_zh}的区档案没有重点场所：请用 wuzhangai geo add-layer poi 导入 / the profile of "
                     f"{district.name_en} has no priority places: load them with `wuzhangai geo add-layer poi`")
    return notes


def collect(engine, params: GapParams = GapParams(), *, with_gaps: bool = True,
            facilities: pd.DataFrame | None = None, sites: pd.DataFrame | None = None,
            district: District | str | None = None) -> MapData:
    """Gather map data from the store (``facilities``/``sites`` frames override the store, for tests/reports)
    for ``district`` (default: the current one, see ``geodata.district.current_district``)."""
    d = profiles.current_district(district, engine)
    with profiles.using(d):  # the gap analysis reads the current district's streets and communities
        return _collect(engine, params, d, with_gaps=with_gaps, facilities=facilities, sites=sites)


def _collect(engine, params: GapParams, d: District, *, with_gaps: bool, facilities: pd.DataFrame | None,
             sites: pd.DataFrame | None) -> MapData:
    notes: list[str] = []
    if facilities is None:
        facilities, notes = facilities_from_store(engine)
    if sites is None:
        sites = sites_from_store(engine)
    streets = stored_layer(engine, "streets")
    communities = stored_layer(engine, "communities")
    report = None
    user_places = stored_layer(engine, "poi") if with_gaps else None
    if with_gaps:
        places = osm_priority_places(d)
        if user_places is not None:
            places = pd.concat([places, user_places[["kind", "name", "source", "geometry"]]], ignore_index=True)
        area = district_shape(d=d)
        report = analyse(facilities, cells=make_grid(area, kind=params.grid_kind, cell_m=params.cell_m),
                         places=places, params=params, streets=streets, communities=communities,
                         tactile_lines=stored_layer(engine, "tactile"), sites=sites, area=area)
        notes += report.notes
    if user_places is None:
        notes += profile_notes(d, with_gaps)
    else:
        notes += profile_notes(d, False)
    return MapData(district=d, boundary=district_boundary(d), roads=osm_roads(d),
                   facilities=facility_points(facilities), streets=streets, communities=communities, report=report,
                   sites=report.sites if report is not None else sites_on_map(sites, streets), notes=notes)


# ------------------------------------------------------------------------------------- derived map features

def street_features(data: MapData) -> gpd.GeoDataFrame:
    """One feature per street with its figures: the polygon when loaded, else a point at its facilities' mean.

    Without street polygons we must not draw invented boundaries; the mean position of the surveyed
    facilities is honest about what is known (where the survey went).
    """
    table = data.report.streets if data.report is not None else None
    if data.streets is not None and len(data.streets):
        polys = data.streets.dissolve(by="code", as_index=False)[["code", "geometry"]]
        out = polys.merge(table, on="code", how="left") if table is not None else polys
        return gpd.GeoDataFrame(out, geometry="geometry", crs=STORAGE_CRS)
    pts = data.facilities
    if table is None or pts.empty or "street_code" not in pts.columns:
        return gpd.GeoDataFrame(columns=["code", "name", "geometry"], geometry="geometry", crs=STORAGE_CRS)
    metric = pts.to_crs(METRIC_CRS)
    centre = metric.groupby(metric["street_code"].astype(str)).agg(x=("geometry", lambda g: g.x.mean()),
                                                                   y=("geometry", lambda g: g.y.mean()))
    out = table[table["facilities"] > 0].merge(centre, left_on="code", right_index=True)
    return gpd.GeoDataFrame(out, geometry=gpd.points_from_xy(out["x"], out["y"]), crs=METRIC_CRS).to_crs(STORAGE_CRS)


def facility_popup(row: pd.Series) -> str:
    """HTML popup: what the facility is, its verdict, and each failing clause with its message."""
    esc = html.escape
    kind = FACILITY_LABELS.get(row.get("facility_type"), (row.get("facility_type"), row.get("facility_type")))
    colour, zh, en = STATUS_STYLE.get(row.get("status"), ("#555", str(row.get("status")), str(row.get("status"))))
    parts = [f"<b>{esc(str(row.get('site_name') or ''))}</b> {esc(kind[0])} / {esc(kind[1])}",
             f"<span style='color:{colour}'>● {esc(zh)} / {esc(en)}</span>"]
    sev = row.get("worst_severity")
    if isinstance(sev, str) and sev in SEVERITY_NAMES:
        parts.append(f"最重问题 / worst: {SEVERITY_NAMES[sev][0]} / {SEVERITY_NAMES[sev][1]}")
    street = " ".join(str(row.get(c) or "") for c in ("street_name", "community_name")).strip()
    if street:
        parts.append(esc(street))
    rules = failing_rules_of(row.get("failing_rules"))
    if rules:
        items = "".join(
            f"<li><b>{esc(str(r.get('clause') or r.get('rule_id') or ''))}</b> "
            f"[{esc(SEVERITY_NAMES.get(r.get('severity'), (str(r.get('severity') or ''),))[0])}] "
            f"{esc(str(r.get('message_zh') or ''))}<br><i>{esc(str(r.get('message_en') or ''))}</i></li>"
            for r in rules)
        parts.append(f"不合格条款 / failing clauses:<ul class='wz-rules'>{items}</ul>")
    parts.append(f"<small>{esc(str(row.get('record_id') or ''))}</small>")
    return "<br>".join(parts)


def attribution_for(data: MapData, layer: str) -> str | None:
    return OSM_ATTRIBUTION if data.uses_osm(layer) else None
