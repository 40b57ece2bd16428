"""Small inline SVG charts for the reports: no image files, sharp in print, readable by screen readers.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and described by a ``<desc>`` that states the
figures in words; the report puts the same figures in a data table next to it (WCAG 1.1.1, and because a
planner copying numbers needs the table anyway).
"""
from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

INK = "#1f2933"
GRID = "#9aa5b1"
BAR = "#1f5f99"
BAD = "#b42318"


def _svg(chart_id: str, title: str, desc: str, width: int, height: int, body: str) -> Markup:
    return Markup(
        f'<svg class="chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
        f'{body}</svg>')


def trend_chart(chart_id: str, title: str, desc: str, labels: Sequence[str], values: Sequence[float | None],
                *, width: int = 520, height: int = 190, y_max: float = 100.0) -> Markup:
    """Score over time (0-``y_max``): a line with a dot and value per scan; gaps where a scan has no score."""
    left, right, top, bottom = 40, 16, 14, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(values), 1)
    step = plot_w / max(n - 1, 1)

    def x(i: int) -> float:
        return left + (i * step if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h * (1 - v / y_max)

    parts = []
    for tick in (0, 25, 50, 75, 100):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                     f'stroke="{GRID}" stroke-width="0.5"/>'
                     f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="11" '
                     f'fill="{INK}">{tick}</text>')
    points = [(x(i), y(v)) for i, v in enumerate(values) if v is not None]
    if len(points) > 1:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{BAR}" stroke-width="2"/>')
    for i, (label, v) in enumerate(zip(labels, values)):
        parts.append(f'<text x="{x(i):.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="10" '
                     f'fill="{INK}">{escape(label)}</text>')
        if v is not None:
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="{BAR}"/>'
                         f'<text x="{x(i):.1f}" y="{y(v) - 7:.1f}" text-anchor="middle" font-size="11" '
                         f'fill="{INK}">{v:.1f}</text>')
    return _svg(chart_id, title, desc, width, height, "".join(parts))


def bar_chart(chart_id: str, title: str, desc: str, labels: Sequence[str], values: Sequence[float | None],
              *, max_value: float = 100.0, width: int = 520, unit: str = "", bad_below: float | None = None
              ) -> Markup:
    """Horizontal bars, one per label, with the value printed at the end of each bar."""
    label_w, right, row_h = 150, 60, 22
    height = row_h * max(len(values), 1) + 8
    plot_w = width - label_w - right
    parts = []
    for i, (label, v) in enumerate(zip(labels, values)):
        top = 4 + i * row_h
        parts.append(f'<text x="{label_w - 6}" y="{top + 15}" text-anchor="end" font-size="11" '
                     f'fill="{INK}">{escape(label[:18])}</text>')
        if v is None:
            parts.append(f'<text x="{label_w + 4}" y="{top + 15}" font-size="11" fill="{INK}">—</text>')
            continue
        w = plot_w * max(0.0, min(v, max_value)) / max_value
        colour = BAD if bad_below is not None and v < bad_below else BAR
        parts.append(f'<rect x="{label_w}" y="{top + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{colour}"/>'
                     f'<text x="{label_w + w + 4:.1f}" y="{top + 15}" font-size="11" fill="{INK}">'
                     f'{v:.1f}{escape(unit)}</text>')
    return _svg(chart_id, title, desc, width, height, "".join(parts))
