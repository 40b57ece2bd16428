"""Interactive district maps as one self-contained HTML file: Leaflet (from npm, inlined), no tile server.

The basemap is drawn from our own vector layers (district outline, OSM main roads, street polygons when
loaded); every layer can be toggled; facility popups show the verdict and each failing clause. Nothing is
fetched at run time: Leaflet's CSS images are inlined as data URIs and its source-map comment is dropped.
"""
from __future__ import annotations

import base64
import html
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
import shapely.geometry
from jinja2 import Environment, FileSystemLoader, select_autoescape

from geodata.gaps import COVERAGE_TARGETS, FACILITY_LABELS, PRIORITY_NEEDS
from geodata.layers import OSM_ATTRIBUTION, PLACE_KINDS, STORAGE_CRS
from geodata.mapdata import (
    GAP_TARGET_COLOURS, MAP_LAYERS, STATUS_STYLE, MapData, attribution_for, facility_popup, map_title,
    street_features,
)
from store.node_assets import NODE_MODULES_ENV, find_in_node_modules

TEMPLATES = Path(__file__).resolve().parent / "templates"


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


class LeafletMissing(RuntimeError):
    pass


@dataclass
class HtmlLayer:
    """One toggleable layer: GeoJSON whose features carry ``_style`` and optionally ``_popup``/``_label``."""

    id: str
    title: str
    geojson: dict
    visible: bool = True
    pane: str | None = None  # base0..base2 (basemap, bottom), areas (polygons), None: points on top

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "visible": self.visible, "pane": self.pane,
                "data": self.geojson}


# ---------------------------------------------------------------------------------------------- Leaflet assets

def leaflet_dir(candidates: list[Path] | None = None) -> Path:
    """``leaflet/dist`` inside the first candidate ``node_modules`` that has it."""
    base = find_in_node_modules("leaflet/dist/leaflet.js", "leaflet/dist/leaflet.css", candidates=candidates)
    if base is not None:
        return base / "leaflet" / "dist"
    raise LeafletMissing("错误：找不到 Leaflet（node_modules/leaflet），请先运行 make demo 或 npm install / "
                         "Leaflet not found (node_modules/leaflet): run `make demo` or `npm install` first "
                         f"(or set ${NODE_MODULES_ENV})")


@lru_cache(maxsize=1)
def leaflet_assets() -> tuple[str, str]:
    """(css, js) of Leaflet ready to inline: images as data URIs, no source-map comment."""
    dist = leaflet_dir()
    css = (dist / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match) -> str:
        image = dist / match.group(1)
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", inline, css)
    js = (dist / "leaflet.js").read_text(encoding="utf-8")
    # The comment would make DevTools fetch leaflet.js.map, which does not exist beside the report.
    js = re.sub(r"//# sourceMappingURL=\S+\s*$", "", js)
    return css, js


# ------------------------------------------------------------------------------------------------- features

def _plain(value: object) -> object:
    """A JSON-ready scalar: numpy scalars unwrapped, NaN/NA as null (JSON.parse rejects NaN)."""
    if isinstance(value, (list, dict, str)) or value is None:
        return value
    if pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _geojson(gdf: gpd.GeoDataFrame, keep: list[str], style, popup=None, label=None) -> dict:
    """A FeatureCollection with only ``keep`` properties plus ``_style``/``_popup``/``_label`` per feature."""
    gdf = gdf.to_crs(STORAGE_CRS)
    geoms = shapely.set_precision(gdf.geometry.values, 1e-6)  # ~0.1 m: keeps the file small
    features = []
    for (_, row), geom in zip(gdf.iterrows(), geoms):
        if geom is None or geom.is_empty:
            continue
        props = {k: _plain(row.get(k)) for k in keep if k in gdf.columns}
        props["_style"] = style(row)
        if popup:
            props["_popup"] = popup(row)
        if label and label(row):
            props["_label"] = esc(label(row))  # Leaflet tooltips take HTML
        features.append({"type": "Feature", "properties": props, "geometry": shapely.geometry.mapping(geom)})
    return {"type": "FeatureCollection", "features": features}


def _base_layers(data: MapData) -> list[HtmlLayer]:
    d = data.district
    layers = [HtmlLayer("boundary", f"{d.name_zh}界 / {d.name_en} boundary", _geojson(
        data.boundary, [], lambda r: {"color": "#333333", "weight": 2, "fillColor": "#f7f4ec", "fillOpacity": 1}), pane="base0")]
    if data.roads is not None and len(data.roads):
        layers.append(HtmlLayer("roads", "主要道路 / main roads (OSM)", _geojson(
            data.roads, ["name", "highway"], lambda r: {"color": "#9e9e9e", "weight": 2},
            label=lambda r: r.get("name") if isinstance(r.get("name"), str) else None), pane="base1"))
    if data.streets is not None and len(data.streets):
        layers.append(HtmlLayer("street_boundaries", "街道界 / street boundaries", _geojson(
            data.streets, ["code", "name"], lambda r: {"color": "#555555", "weight": 1, "dashArray": "4 3",
                                                       "fill": False},
            label=lambda r: r.get("name")), pane="base2"))
    return layers


def _facility_layers(data: MapData) -> list[HtmlLayer]:
    layers = []
    pts = data.facilities
    for ftype in sorted(pts["facility_type"].dropna().unique()) if len(pts) else []:
        sub = pts[pts["facility_type"] == ftype]
        zh, en = FACILITY_LABELS.get(ftype, (ftype, ftype))
        layers.append(HtmlLayer(f"facilities_{ftype}", f"{zh} / {en} ({len(sub)})", _geojson(
            sub, ["record_id", "facility_type", "status", "worst_severity"],
            lambda r: {"radius": 6, "color": "#ffffff", "weight": 1, "fillOpacity": 0.9,
                       "fillColor": STATUS_STYLE.get(r.get("status"), ("#555555",))[0]},
            popup=facility_popup)))
    return layers


def _gap_layers(data: MapData) -> list[HtmlLayer]:
    report = data.report
    d = f"{report.params.distance_m:g}"
    layers = []
    cells = report.coverage_cells
    for i, (target, (zh, en, _)) in enumerate(COVERAGE_TARGETS.items()):
        sub = cells[cells[f"uncovered_{target}"]]
        colour = GAP_TARGET_COLOURS[target]

        def popup(r, zh=zh, en=en, target=target):
            dist = r.get(f"dist_{target}_m")
            far = "无 / none" if pd.isna(dist) else f"{dist:.0f} 米 m"
            return (f"<b>{zh}覆盖缺口 / {en} gap</b><br>格网 cell {r['cell_id']}<br>"
                    f"最近合规设施 / nearest compliant: {far}")
        layers.append(HtmlLayer(f"gap_{target}", f"{d} 米内无{zh} / no {en} within {d} m ({len(sub)})", _geojson(
            sub, ["cell_id", f"dist_{target}_m"],
            lambda r, c=colour: {"color": c, "weight": 0.5, "fillColor": c, "fillOpacity": 0.35},
            popup=popup), visible=i == 0, pane="areas"))
    places = report.priority

    def place_popup(r):
        kind = PLACE_KINDS.get(r.get("kind"), PLACE_KINDS["other"])
        lines = [f"<b>{esc(r.get('name') or '')}</b> {kind[0]} / {kind[1]}"]
        for need, (nzh, nen, _) in PRIORITY_NEEDS.items():
            dist = r.get(f"nearest_{need}_m")
            lines.append(f"{nzh} / {nen}: " + ("无 / none" if pd.isna(dist) else f"{dist:.0f} 米 m"))
        if r.get("reason_zh"):
            lines.append(f"<span style='color:#d73027'>{esc(r['reason_zh'])}<br>{esc(r['reason_en'])}</span>")
        return "<br>".join(lines)
    layers.append(HtmlLayer("priority_places", f"重点场所 / priority places ({int(places['gap'].sum())} 处缺口 gaps)",
                            _geojson(places, ["kind", "name", "gap", "missing", "source"],
                                     lambda r: {"radius": 7, "color": "#000000", "weight": 1, "fillOpacity": 0.95,
                                                "fillColor": "#d73027" if r.get("gap") else "#1a9850"},
                                     popup=place_popup)))
    problems = report.tactile_problems
    if len(problems):
        layers.append(HtmlLayer("tactile_problems", f"盲道问题 / tactile paving problems ({len(problems)})", _geojson(
            problems, ["kind", "segment_id", "length_m"],
            lambda r: {"radius": 5, "color": "#000000", "weight": 2, "fillColor": "#ffff00", "fillOpacity": 1},
            popup=lambda r: f"<b>{esc(r['detail_zh'])}</b><br>{esc(r['detail_en'])}")))
    return layers


def _street_layers(data: MapData) -> list[HtmlLayer]:
    feats = street_features(data)
    if feats.empty:
        return []

    def colour(share) -> str:
        if pd.isna(share):
            return "#cccccc"
        return "#d73027" if share < 0.5 else "#fdae61" if share < 0.8 else "#1a9850"

    def popup(r) -> str:
        share = r.get("compliance_share")
        per_km2 = r.get("failures_per_km2")
        return (f"<b>{esc(r.get('name'))}</b> {esc(r.get('code'))}<br>已调查设施 / surveyed: {r.get('facilities')}<br>"
                f"合规率 / compliance: {'—' if pd.isna(share) else f'{share:.0%}'}<br>"
                f"严重不合格 / critical failures: {r.get('critical_failures')}<br>"
                f"每平方公里不合格 / failures per km²: {'—' if pd.isna(per_km2) else per_km2}<br>"
                f"家庭改造（仅计数）/ home modifications (count only): {r.get('home_modifications')}")
    keep = ["code", "name", "facilities", "compliance_share", "critical_failures", "failures_per_km2"]
    return [HtmlLayer("streets", "各街道合规率 / compliance by street", _geojson(
        feats, keep, lambda r: {"radius": 10, "color": "#333333", "weight": 1, "fillOpacity": 0.7,
                                "fillColor": colour(r.get("compliance_share"))},
        popup=popup, label=lambda r: r.get("name")),
        pane="areas" if feats.geom_type.isin(["Polygon", "MultiPolygon"]).all() else None)]


def _site_layers(data: MapData) -> list[HtmlLayer]:
    sites = data.sites
    if sites is None or not len(sites) or not sites["located"].any():
        return []
    located = sites[sites["located"]]

    def popup(r) -> str:
        return (f"<b>{esc(r.get('name') or r.get('base_url'))}</b><br>{esc(r.get('base_url'))}<br>"
                f"主管单位 / owner: {esc(r.get('owner_unit') or '—')}<br>得分 / score: {esc(r.get('score'))}<br>"
                f"问题 / issues: {esc(r.get('issues'))}<br>检测时间 / scanned: {esc(r.get('scanned_at'))}")

    def style(r) -> dict:
        score = pd.to_numeric(pd.Series([r.get("score")]), errors="coerce").iloc[0]
        fill = "#999999" if pd.isna(score) else "#d73027" if score < 50 else "#fdae61" if score < 80 else "#1a9850"
        return {"radius": 8, "color": "#000000", "weight": 2, "fillColor": fill, "fillOpacity": 0.9}
    return [HtmlLayer("sites", f"政府网站 / government sites ({len(located)})", _geojson(
        located, ["site_id", "name", "base_url", "owner_unit", "score", "issues"], style, popup=popup,
        label=lambda r: r.get("owner_unit") or r.get("name")))]


BUILDERS = {"facilities": _facility_layers, "gaps": _gap_layers, "streets": _street_layers, "sites": _site_layers}


def html_layers(data: MapData, layers: list[str]) -> list[HtmlLayer]:
    unknown = [layer for layer in layers if layer not in MAP_LAYERS]
    if unknown:
        raise ValueError(f"unknown map layers {unknown}; expected {MAP_LAYERS}")
    out = _base_layers(data)
    for layer in layers:
        out += BUILDERS[layer](data)
    return out


# -------------------------------------------------------------------------------------------------- rendering

@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))


def _script_json(value: object) -> str:
    """JSON safe inside <script type=application/json>: no "</" can close the element early."""
    return json.dumps(value, ensure_ascii=False, default=str).replace("</", "<\\/")


def map_fragment(data: MapData, layers: list[str], *, element_id: str = "wz-map", height: str = "640px",
                 include_assets: bool = True) -> str:
    """The map as an HTML fragment (a div and its script) for embedding in a report.

    With ``include_assets`` Leaflet's CSS and JS are inlined too; a report with several maps should inline
    them once (``leaflet_assets()``) and pass ``include_assets=False``.
    """
    credit = next((attribution_for(data, layer) for layer in layers if attribution_for(data, layer)), None)
    if credit is None and data.roads is not None and len(data.roads):
        credit = OSM_ATTRIBUTION
    css, js = leaflet_assets() if include_assets else ("", "")
    zh, en = map_title(data.district, None)
    box = data.district.bbox()
    return _env().get_template("map_fragment.html.j2").render(
        element_id=element_id, height=height, leaflet_css=css, leaflet_js=js, label=f"{zh} / {en}",
        centre=[round((box[1] + box[3]) / 2, 6), round((box[0] + box[2]) / 2, 6)],
        layers_json=_script_json([layer.to_json() for layer in html_layers(data, layers)]),
        attribution=credit or "", notes=data.notes)


def render_html(data: MapData, layers: list[str], *, title: str | None = None) -> str:
    """A complete offline HTML page with the map."""
    zh, en = map_title(data.district, layers[0] if layers else None)
    return _env().get_template("map_page.html.j2").render(
        title=title or f"{zh} / {en}", fragment=map_fragment(data, layers, height="calc(100vh - 4.5rem)"))
