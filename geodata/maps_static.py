"""Static district maps (PNG/SVG) with matplotlib: Chinese labels in Noto Sans CJK SC, legend, scale bar,
north arrow, and "© OpenStreetMap contributors" whenever an OSM layer is drawn.

Maps are drawn in EPSG:4547 (metres), so the scale bar is exact and grid north is true north to within
0.1° near the projection's central meridian 114°E (Wuhan's districts lie within 0.5° of it).
"""
from __future__ import annotations

import io
import math

import matplotlib

matplotlib.use("Agg")  # no display on servers; must precede pyplot

import pandas as pd  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import FancyArrow, Patch, Rectangle  # noqa: E402

from geodata.layers import METRIC_CRS  # noqa: E402
from geodata.mapdata import (  # noqa: E402
    GAP_TARGET_COLOURS, MAP_LAYERS, STATUS_STYLE, MapData, attribution_for, map_title, street_features,
)

CJK_FONT = "Noto Sans CJK SC"


class FontMissing(RuntimeError):
    pass


def use_cjk_font() -> dict:
    """rcParams drawing every text in Noto Sans CJK SC; fails loudly rather than draw empty boxes."""
    try:
        font_manager.findfont(font_manager.FontProperties(family=CJK_FONT), fallback_to_default=False)
    except ValueError as exc:
        raise FontMissing("错误：未找到中文字体 Noto Sans CJK SC，请安装 fonts-noto-cjk / "
                          "font Noto Sans CJK SC not found: apt-get install fonts-noto-cjk") from exc
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [CJK_FONT, "DejaVu Sans"],
        "axes.unicode_minus": False,  # U+2212 is not in every CJK font's cmap
        "svg.fonttype": "path",  # the SVG opens the same without the font installed
    }


def _nice_length(span_m: float) -> float:
    """A round scale-bar length near a fifth of the map width."""
    target = span_m / 5
    power = 10 ** math.floor(math.log10(target))
    return max(step * power for step in (1, 2, 5) if step * power <= target)


def _scale_bar(ax: plt.Axes) -> None:
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    length = _nice_length(x1 - x0)
    bx, by, h = x0 + 0.05 * (x1 - x0), y0 + 0.05 * (y1 - y0), 0.008 * (y1 - y0)
    ax.add_patch(Rectangle((bx, by), length / 2, h, facecolor="black", edgecolor="black", zorder=20))
    ax.add_patch(Rectangle((bx + length / 2, by), length / 2, h, facecolor="white", edgecolor="black", zorder=20))
    label = f"{length / 1000:g} 公里 km" if length >= 1000 else f"{length:g} 米 m"
    ax.text(bx, by + 2.2 * h, "0", fontsize=7, ha="center", zorder=20)
    ax.text(bx + length, by + 2.2 * h, label, fontsize=7, ha="center", zorder=20)


def _north_arrow(ax: plt.Axes) -> None:
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    x, y, size = x1 - 0.07 * (x1 - x0), y1 - 0.16 * (y1 - y0), 0.07 * (y1 - y0)
    ax.add_patch(FancyArrow(x, y, 0, size, width=size * 0.12, head_width=size * 0.4, head_length=size * 0.4,
                            color="black", zorder=20, length_includes_head=True))
    ax.text(x, y + size * 1.08, "北 N", ha="center", va="bottom", fontsize=9, fontweight="bold", zorder=20)


def _basemap(ax: plt.Axes, data: MapData) -> list:
    handles = []
    data.boundary.to_crs(METRIC_CRS).plot(ax=ax, facecolor="#f7f4ec", edgecolor="#333333", linewidth=1.2, zorder=1)
    handles.append(Patch(facecolor="#f7f4ec", edgecolor="#333333",
                         label=f"{data.district.name_zh}界 {data.district.name_en} boundary"))
    if data.roads is not None and len(data.roads):
        data.roads.to_crs(METRIC_CRS).plot(ax=ax, color="#bdbdbd", linewidth=0.8, zorder=2)
        handles.append(Line2D([], [], color="#bdbdbd", label="主要道路 main roads (OSM)"))
    if data.streets is not None and len(data.streets):
        data.streets.to_crs(METRIC_CRS).boundary.plot(ax=ax, color="#666666", linewidth=0.6, linestyle="--", zorder=3)
        handles.append(Line2D([], [], color="#666666", linestyle="--", label="街道界 street boundary"))
    return handles


def _draw_facilities(ax: plt.Axes, data: MapData) -> list:
    handles = []
    pts = data.facilities.to_crs(METRIC_CRS)
    for status, (colour, zh, en) in STATUS_STYLE.items():
        sub = pts[pts["status"] == status]
        if len(sub):  # failures on top: they are what a planner looks for
            sub.plot(ax=ax, color=colour, markersize=14, edgecolor="white", linewidth=0.4,
                     zorder=11 if status == "non_compliant" else 10)
        handles.append(Line2D([], [], marker="o", linestyle="", color=colour, label=f"{zh} {en} ({len(sub)})"))
    return handles


def _draw_gaps(ax: plt.Axes, data: MapData) -> list:
    report = data.report
    handles = []
    cells = report.coverage_cells.to_crs(METRIC_CRS)
    targets = [t for t in GAP_TARGET_COLOURS if f"uncovered_{t}" in cells.columns]
    # Shade by how many of the three services are out of reach: darker = more missing.
    missing = sum(cells[f"uncovered_{t}"].astype(int) for t in targets)
    shades = {0: None, 1: "#fdd49e", 2: "#fc8d59", 3: "#b30000"}
    for count, colour in shades.items():
        sub = cells[missing == count]
        if colour and len(sub):
            sub.plot(ax=ax, color=colour, alpha=0.75, edgecolor="none", zorder=4)
        if colour:
            handles.append(Patch(facecolor=colour, alpha=0.75,
                                 label=f"{report.params.distance_m:g} 米内缺 {count} 类设施 lacking {count} of 3"))
    places = report.priority.to_crs(METRIC_CRS)
    for gap, colour, zh, en in ((True, "#d73027", "缺设施的重点场所", "priority place with gaps"),
                                (False, "#1a9850", "设施齐全的重点场所", "priority place served")):
        sub = places[places["gap"] == gap]
        if len(sub):
            sub.plot(ax=ax, color=colour, marker="^", markersize=30, edgecolor="black", linewidth=0.4, zorder=11)
        handles.append(Line2D([], [], marker="^", linestyle="", color=colour, markeredgecolor="black",
                              label=f"{zh} {en} ({len(sub)})"))
    problems = report.tactile_problems.to_crs(METRIC_CRS)
    if len(problems):
        problems.plot(ax=ax, color="black", marker="x", markersize=18, zorder=12)
        handles.append(Line2D([], [], marker="x", linestyle="", color="black",
                              label=f"盲道问题 tactile paving problems ({len(problems)})"))
    return handles


def _draw_streets(ax: plt.Axes, data: MapData) -> list:
    feats = street_features(data).to_crs(METRIC_CRS)
    if feats.empty:
        return []
    share = feats["compliance_share"].astype(float)
    cmap = plt.get_cmap("RdYlGn")
    polygons = feats.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    if polygons:
        feats.plot(ax=ax, color=[cmap(v) if pd.notna(v) else "#eeeeee" for v in share], alpha=0.8,
                   edgecolor="#444444", linewidth=0.6, zorder=5)
        anchors = feats.geometry.representative_point()
    else:
        sizes = 40 + 12 * feats["facilities"].astype(float)
        feats.plot(ax=ax, color=[cmap(v) if pd.notna(v) else "#eeeeee" for v in share], markersize=sizes,
                   edgecolor="#333333", linewidth=0.6, alpha=0.85, zorder=9)
        anchors = feats.geometry
    for anchor, name, value in zip(anchors, feats["name"], share):
        text = f"{name}\n{value:.0%}" if pd.notna(value) else f"{name}\n无评估"
        ax.annotate(text, (anchor.x, anchor.y), fontsize=6.5, ha="center", va="center", zorder=15,
                    xytext=(0, 0 if polygons else 14), textcoords="offset points")
    sm = plt.cm.ScalarMappable(cmap=cmap, norm=plt.Normalize(0, 1))
    bar = plt.colorbar(sm, ax=ax, shrink=0.5, pad=0.01)
    bar.set_label("合规率 compliance share")
    note = "按街道界 by street polygon" if polygons else "圆点：该街道已调查设施的平均位置 dot: mean position of surveyed facilities"
    return [Patch(facecolor="white", edgecolor="white", label=note)]


def _draw_sites(ax: plt.Axes, data: MapData) -> list:
    sites = data.sites
    if sites is None or not len(sites) or not sites["located"].any():
        return []
    located = sites[sites["located"]].to_crs(METRIC_CRS)
    cmap = plt.get_cmap("RdYlGn")
    score = pd.to_numeric(located["score"], errors="coerce") / 100
    located.plot(ax=ax, color=[cmap(v) if pd.notna(v) else "#999999" for v in score], marker="s", markersize=40,
                 edgecolor="black", linewidth=0.5, zorder=12)
    for geom, owner, name in zip(located.geometry, located["owner_unit"], located["name"]):
        ax.annotate(str(owner or name or ""), (geom.x, geom.y), fontsize=6.5, xytext=(4, 4),
                    textcoords="offset points", zorder=15)
    sm = plt.cm.ScalarMappable(cmap=cmap, norm=plt.Normalize(0, 100))
    plt.colorbar(sm, ax=ax, shrink=0.5, pad=0.01).set_label("网站得分 site score")
    return [Line2D([], [], marker="s", linestyle="", color="#999999", markeredgecolor="black",
                   label=f"网站（按主管单位位置）sites at their owning unit ({len(located)})")]


DRAWERS = {"facilities": _draw_facilities, "gaps": _draw_gaps, "streets": _draw_streets, "sites": _draw_sites}


def render_static(data: MapData, layer: str = "facilities", fmt: str = "png", *, title: str | None = None,
                  dpi: int = 150, size_in: tuple[float, float] = (8.0, 8.5)) -> bytes:
    """One district map as PNG or SVG bytes."""
    if layer not in MAP_LAYERS:
        raise ValueError(f"layer must be one of {MAP_LAYERS}")
    if layer == "gaps" and data.report is None:
        raise ValueError("the gaps layer needs MapData.report")
    if fmt not in ("png", "svg"):
        raise ValueError("format must be png or svg")
    # rc_context: the font settings apply to this map only, not to other charts in the same process.
    with matplotlib.rc_context(use_cjk_font()):
        return _render(data, layer, fmt, title=title, dpi=dpi, size_in=size_in)


def _render(data: MapData, layer: str, fmt: str, *, title: str | None, dpi: int,
            size_in: tuple[float, float]) -> bytes:
    fig, ax = plt.subplots(figsize=size_in)
    try:
        handles = _basemap(ax, data)
        handles += DRAWERS[layer](ax, data)
        minx, miny, maxx, maxy = data.boundary.to_crs(METRIC_CRS).total_bounds
        pad = 0.06 * max(maxx - minx, maxy - miny)
        ax.set_xlim(minx - pad, maxx + pad)
        ax.set_ylim(miny - pad, maxy + pad)
        ax.set_aspect("equal")
        ax.set_axis_off()
        zh, en = map_title(data.district, layer)
        ax.set_title(title or f"{zh}\n{en}", fontsize=13)
        _scale_bar(ax)
        _north_arrow(ax)
        ax.legend(handles=handles, loc="upper left", fontsize=7, framealpha=0.9)
        credit = attribution_for(data, layer)
        footer = "坐标 WGS84，量算 EPSG:4547 / stored WGS84, measured in EPSG:4547"
        ax.text(0.99, 0.01, f"{credit}\n{footer}" if credit else footer, transform=ax.transAxes, fontsize=6.5,
                ha="right", va="bottom", zorder=20, bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none"})
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=dpi, bbox_inches="tight", metadata={"Creator": "wuzhangai"}
                    if fmt == "svg" else None)
        return buf.getvalue()
    finally:
        plt.close(fig)
