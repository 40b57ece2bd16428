"""Gather an Android app screen: parse the XML ``adb shell uiautomator dump`` writes, and measure text colours and
sizes on the screen's screenshot. The results are the artifacts the app rules judge (``checks.app``):
``app_screen`` (the nodes) and ``app_pixels`` (per text node: foreground, background, contrast ratio, ink height).

A dump that is not XML, is cut short, has no ``<hierarchy>`` or a node whose bounds do not parse is refused with
:class:`AppDumpError`, whose message names the file (zh / en): the caller stores nothing of a refused set.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

# Without --density the dp scale is estimated from the screen's short side: Android phones are 360-411 dp wide,
# and 360 dp is the baseline Android's own layouts are designed against (so sizes are never under-estimated
# on a typical phone: a 411 dp phone's targets come out about 12 % larger than they are, not smaller).
ASSUMED_WIDTH_DP = 360
_BOUNDS = re.compile(r"^\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]$")
_FLAGS = ("clickable", "long-clickable", "focusable", "checkable", "enabled", "password", "scrollable")


class AppDumpError(ValueError):
    """A dump or screenshot that cannot be used (the message names the file, in zh and en)."""


def parse_dump(path: Path, density: float | None = None, elder: bool = False) -> dict[str, Any]:
    """The ``app_screen`` artifact of one dump file (see ``checks.app.screen``); raises :class:`AppDumpError`."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AppDumpError(f"{name}：无法读取 / cannot be read: {exc.strerror or exc}") from exc
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise AppDumpError(f"{name}：不是完整的 XML（第 {exc.lineno} 行）/ is not well-formed XML (line {exc.lineno}): "
                           f"{exc.msg}；请重新用 adb shell uiautomator dump 导出 / dump it again with "
                           "adb shell uiautomator dump") from exc
    if root.tag != "hierarchy":
        raise AppDumpError(f"{name}：根元素是 <{root.tag}>，不是 uiautomator 的 <hierarchy> / the root element is "
                           f"<{root.tag}>, not uiautomator's <hierarchy>")
    nodes: list[dict[str, Any]] = []
    for i, top in enumerate(e for e in root if e.tag == "node"):
        _walk(top, f"/hierarchy/node[{i + 1}]", None, nodes, name)
    if not nodes:
        raise AppDumpError(f"{name}：<hierarchy> 中没有任何 <node> / has no <node> in its <hierarchy>")
    width = max(n["bounds"][2] for n in nodes)
    height = max(n["bounds"][3] for n in nodes)
    if width <= 0 or height <= 0:
        raise AppDumpError(f"{name}：界面尺寸为 0 / the screen has no size ({width}x{height})")
    if density is not None:
        px_per_dp, source = density / 160.0, "density"
    else:
        px_per_dp, source = min(width, height) / ASSUMED_WIDTH_DP, "assumed_360dp"
    return {"name": path.stem, "file": path.name, "package": nodes[0]["package"],
            "rotation": int(root.get("rotation") or 0), "width": width, "height": height,
            "px_per_dp": round(px_per_dp, 4), "dp_source": source, "elder": elder, "nodes": nodes}


def _walk(element, path: str, parent: int | None, nodes: list[dict[str, Any]], name: str) -> None:
    raw = element.get("bounds", "")
    m = _BOUNDS.match(raw.strip())
    if m is None:
        raise AppDumpError(f"{name}：节点 {path} 的 bounds 无法解析 / node {path} has bounds that do not parse: "
                           f"{raw!r}（应为 / expected [x1,y1][x2,y2]）")
    x1, y1, x2, y2 = (int(v) for v in m.groups())
    if x2 < x1 or y2 < y1:
        raise AppDumpError(f"{name}：节点 {path} 的 bounds 右下角在左上角之前 / node {path} has bounds ending "
                           f"before they start: {raw!r}")
    me = len(nodes)
    node = {"path": path, "class": element.get("class", ""), "package": element.get("package", ""),
            "resource_id": element.get("resource-id", ""), "text": element.get("text", ""),
            "content_desc": element.get("content-desc", ""), "hint": element.get("hint", ""),
            "bounds": [x1, y1, x2, y2], "parent": parent, "children": []}
    for flag in _FLAGS:
        node[flag.replace("-", "_")] = element.get(flag) == "true"
    nodes.append(node)
    if parent is not None:
        nodes[parent]["children"].append(me)
    for i, child in enumerate(e for e in element if e.tag == "node"):
        _walk(child, f"{path}/node[{i + 1}]", me, nodes, name)


# --- pixels -------------------------------------------------------------------------------------------------

def measure_pixels(png: Path, screen: dict[str, Any]) -> dict[str, Any]:
    """The ``app_pixels`` artifact: for every node with text, the colours measured inside its bounds on the
    screenshot (``fg``, ``bg``, WCAG contrast ``ratio``) and the height of the tallest line of ink in dump pixels
    (``ink_px``, for the text size). A screenshot whose shape is not the dump's is refused."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(png) as opened:
            image = opened.convert("RGB")
    except (OSError, UnidentifiedImageError) as exc:
        raise AppDumpError(f"{png}：不是可读的图片 / is not a readable image: {exc}") from exc
    scale = image.width / screen["width"]
    if abs(image.height / screen["height"] - scale) > 0.02 * scale:
        raise AppDumpError(f"{png}：截图 {image.width}x{image.height} 与界面 {screen['width']}x{screen['height']} "
                           f"比例不同，不是同一界面 / the screenshot's shape does not match the dump's screen")
    measured: dict[str, Any] = {}
    for node in screen["nodes"]:
        if not node["text"].strip() or node["password"]:
            continue
        x1, y1, x2, y2 = (round(v * scale) for v in node["bounds"])
        if x2 - x1 < 2 or y2 - y1 < 2:
            continue
        measured[node["path"]] = text_colours(image.crop((x1, y1, x2, y2)), scale)
    return {"file": png.name, "scale": round(scale, 4), "nodes": measured}


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    def lin(c: int) -> float:
        s = c / 255.0
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colours(region, scale: float) -> dict[str, Any]:
    """Background = the region's commonest colour; foreground = the colour, among those covering at least 2 %
    of the other pixels, farthest from it in contrast (anti-aliased edges blend the two, so the text's own colour
    is the extreme one, and a stray pixel of another colour cannot decide). ``ratio`` None: no ink at all."""
    colours = region.getcolors(region.width * region.height)
    colours.sort(reverse=True)
    bg = colours[0][1]
    others = colours[1:]
    ink_total = sum(c for c, _ in others)
    if not ink_total:
        return {"bg": _hex(bg), "fg": None, "ratio": None, "ink_px": None}
    enough = [rgb for c, rgb in others if c >= 0.02 * ink_total] or [others[0][1]]
    fg = max(enough, key=lambda rgb: contrast(rgb, bg))
    ratio = contrast(fg, bg)
    return {"bg": _hex(bg), "fg": _hex(fg), "ratio": round(ratio, 2), "ink_px": round(_ink_height(region, bg, fg) / scale, 1)}


def _ink_height(region, bg, fg) -> int:
    """Rows of the tallest run of rows holding text ink (pixels nearer the text colour than the background):
    one line's height even in a paragraph of several lines."""
    import numpy as np

    srgb = np.asarray(region, dtype=np.float64) / 255.0
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    lum = linear @ np.array([0.2126, 0.7152, 0.0722])
    lbg, lfg = luminance(bg), luminance(fg)
    inked_rows = (((lum - (lbg + lfg) / 2) * (lfg - lbg)) > 0).any(axis=1)
    best = run = 0
    for inked in inked_rows:
        run = run + 1 if inked else 0
        best = max(best, run)
    return best


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#%02x%02x%02x" % rgb
