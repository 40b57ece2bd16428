"""Small inline SVG charts drawn on the server (no script, no chart library): a score trend and a sparkline.
Each carries a text alternative that states the figures."""
from __future__ import annotations

from datetime import datetime

from markupsafe import Markup, escape

from wuzhangai.web.i18n import pick, request_lang
from reports.tables import local_time


def _points(scores: list[float], width: float, height: float, pad: float) -> list[tuple[float, float]]:
    n = len(scores)
    step = (width - 2 * pad) / max(1, n - 1)
    return [(pad + i * step, pad + (height - 2 * pad) * (1 - s / 100.0)) for i, s in enumerate(scores)]


def sparkline(scores: list[float | None], label: str) -> Markup:
    values = [s for s in scores if s is not None][-12:]
    if len(values) < 2:
        return Markup("")
    pts = _points(values, 80, 24, 2)
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    return Markup(f'<svg class="spark" width="80" height="24" viewBox="0 0 80 24" role="img" aria-label="{escape(label)}">'
                  f'<polyline fill="none" stroke="#0b4f8a" stroke-width="2" points="{path}"/></svg>')


def trend_svg(history: list[tuple[datetime | None, float | None]], request) -> Markup:
    """A site's score over its finished scans (0-100), with the figures as the image's text."""
    lang = request_lang(request)
    rows = [(t, s) for t, s in history if s is not None][-30:]
    if len(rows) < 2:
        return Markup("")
    width, height, pad = 640, 200, 30
    pts = _points([s for _, s in rows], width, height, pad)
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#0b4f8a"/>' for x, y in pts)
    grid = "".join(f'<line x1="{pad}" x2="{width - pad}" y1="{pad + (height - 2 * pad) * (1 - v / 100):.1f}" '
                   f'y2="{pad + (height - 2 * pad) * (1 - v / 100):.1f}" stroke="#c9d0d8"/>'
                   f'<text x="4" y="{pad + (height - 2 * pad) * (1 - v / 100) + 4:.1f}" font-size="11" '
                   f'fill="#4a5360">{v}</text>' for v in (0, 50, 100))
    figures = "；".join(f"{local_time(t)} {s:.1f}" for t, s in rows)
    label = pick(lang, f"得分趋势（{len(rows)} 次扫描）：{figures}", f"Score trend ({len(rows)} scans): {figures}")
    return Markup(f'<svg class="trend" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
                  f'{grid}<polyline fill="none" stroke="#0b4f8a" stroke-width="2.5" points="{line}"/>{dots}</svg>')
