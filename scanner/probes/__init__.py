"""Probes: browser gatherers that add named artifacts in the same page visit, after axe-core and the DOM snapshot.

A probe is one async function over the Playwright page that returns plain data (stored with the page, so
``scans rejudge`` can judge it again). Each belongs to a **check group** (``--checks``): the rules that need its
artifact run only where it was collected (``requires`` in ``checks/web/rules/*.json``). Probes that change the
page (its viewport, its styles, its focus) put it back before they return, because the next probe reads the same
document; none submits a form or does anything that changes a server's state.

Adding a probe: a module in this package with an async ``collect(page) -> dict`` and a ``PROBE = Probe(...)``,
listed in ``PROBE_MODULES`` below, and the rules that require its artifact.
"""
from __future__ import annotations

import asyncio
import importlib
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Check groups a scan may select with --checks (the rules of each group run where its artifacts are). "axe" is
# axe-core with our DOM rules; it always runs.
CHECK_GROUPS: dict[str, tuple[str, str]] = {
    "axe": ("axe-core 与 DOM 规则（总是运行）", "axe-core and the DOM rules (always run)"),
    "layout": ("320 像素宽、文本间距、200% 文字缩放、方向锁定、随字号设置放大（适老化）",
               "320 px reflow, text spacing, 200% text, orientation, text following the font size setting (elder-friendly)"),
    "content": ("计算样式：视觉标题、段落行高、加载时的弹窗遮挡（适老化）；手机页面的触控目标和文字大小",
                "computed styles: text styled as a heading, paragraph line height, pop-up overlays at load (elder-friendly); "
                "touch targets and text size on phone pages"),
    "motion": ("自动播放的声音、移动闪烁滚动的内容（轮播、跑马灯、动画）", "autoplaying audio, moving/blinking/scrolling content (carousels, marquee, animations)"),
    "keyboard": ("键盘遍历与焦点：键盘陷阱、焦点可见、可点击元素能否聚焦、跳过链接、tabindex 顺序",
                 "keyboard walk and focus: traps, focus visible, clickable elements focusable, skip link, tabindex order"),
}
DEFAULT_GROUPS: tuple[str, ...] = tuple(CHECK_GROUPS)
# Order: motion first (it watches the page as loaded, before anything else sets it moving), the computed styles as
# loaded, then the keyboard walk at the normal size, and layout last (it resizes and restyles, then puts back).
PROBE_MODULES = ("scanner.probes.motion", "scanner.probes.styles", "scanner.probes.phone", "scanner.probes.keyboard",
                 "scanner.probes.layout")
PROBE_TIMEOUT = 20.0  # seconds; a probe that takes longer is noted on the page and its rules are not run


@dataclass(frozen=True)
class Probe:
    name: str  # the artifact it adds
    group: str  # its --checks group
    collect: Callable[[Any], Awaitable[dict]]
    # an expensive probe runs by default on the home page and on one page per page template (``TemplateSampler``);
    # ``--checks all`` runs it on every page
    per_template: bool = False


# A page's template: the set of (depth, tag, id, classes) of its container elements (the regions a CMS template
# lays out: div, section, nav, ul, table, form, ...) down to this depth under <body>. Text-level elements (p, a,
# img, span, li, td, ...) are left out, and nothing under them is walked: an article with one more image, link or
# paragraph is the same template, while a page with other regions is not. (With every element counted, 50
# generated portal pages were 20 templates at this depth; with containers only, 4.) Lists and tables are
# recorded but not walked into (``TEMPLATE_LEAVES``): their items and rows are content, so a list whose items are
# divs is the same template as one whose items are li (the 50 pages: 2 templates). A page whose container set
# differs from a template already seen in at most ``TEMPLATE_NEAR`` of the two sets' union (an optional block: a
# map, a notice bar) is that template too (the 50 pages: 1; on the sample site the accessibility page differs from
# the guide index and the search page, all three clean, in 1 of 14 regions, while each page with a keyboard or
# layout barrier differs from every other page in at least 17 %: its own template, probed wherever it is crawled).
TEMPLATE_DEPTH = 5
TEMPLATE_CONTAINERS = ("DIV", "SECTION", "ARTICLE", "HEADER", "FOOTER", "NAV", "MAIN", "ASIDE", "FORM", "UL", "OL",
                       "DL", "TABLE", "IFRAME", "FIGURE")
TEMPLATE_LEAVES = ("UL", "OL", "DL", "TABLE")
TEMPLATE_NEAR = 0.1
TEMPLATE_JS = """([maxDepth, containers, leaves]) => { const seen = new Set(); const keep = new Set(containers);
  const leaf = new Set(leaves);
  const walk = (el, d) => { if (d > maxDepth || (d > 0 && !keep.has(el.tagName))) return;
    seen.add(d + el.tagName + '#' + (el.id || '') + '.' + Array.from(el.classList).sort().join('.'));
    if (d > 0 && leaf.has(el.tagName)) return;
    for (const c of el.children) walk(c, d + 1); };
  if (document.body) walk(document.body, 0);
  return Array.from(seen); }"""


class TemplateSampler:
    """Which pages of a scan run the expensive probes: the home page, and the first page of each template seen by
    this browser (shared by its tabs). ``every_page`` (``--checks all``): every page. ``seen``: templates already
    probed elsewhere in the scan (a worker's crawl part starts from those the scan's earlier parts stored)."""

    def __init__(self, every_page: bool = False, seen: Iterable[Iterable[str]] = ()):
        self.every_page = every_page
        self.seen: set[frozenset[str]] = {frozenset(t) for t in seen}  # templates whose first page ran the probes

    async def wanted(self, page, url: str) -> tuple[bool, str]:
        """(run the expensive probes here?, why: 'every page' | 'home page' | 'new template' | 'template seen')."""
        if self.every_page:
            return True, "every page"
        if _is_home(url):
            return True, "home page"
        shape = frozenset(await page.evaluate(TEMPLATE_JS, [TEMPLATE_DEPTH, list(TEMPLATE_CONTAINERS),
                                                            list(TEMPLATE_LEAVES)]))
        if shape in self.seen or any(same_template(shape, t) for t in self.seen):
            return False, "template seen"
        self.seen.add(shape)
        return True, "new template"


def same_template(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two pages' container sets are one template: equal, or differing in at most ``TEMPLATE_NEAR`` of
    their union (an optional block that some pages of the template show)."""
    return len(a ^ b) <= TEMPLATE_NEAR * len(a | b)


def _is_home(url: str) -> bool:
    from urllib.parse import urlsplit

    path = urlsplit(url).path.rstrip("/")
    return path == "" or path.rsplit("/", 1)[-1].lower() in ("index.html", "index.htm", "index.shtml", "index.jsp",
                                                              "index.php", "default.html", "default.aspx") \
        and path.count("/") <= 1


@lru_cache(maxsize=1)
def all_probes() -> tuple[Probe, ...]:
    return tuple(importlib.import_module(m).PROBE for m in PROBE_MODULES)


def parse_groups(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """The check groups of ``--checks`` (``all``, or names separated by commas); ValueError (zh / en) for an
    unknown one. ``all`` also runs the expensive probes on every page (``every_page``)."""
    if value is None:
        return DEFAULT_GROUPS
    names = [n.strip() for n in (value.split(",") if isinstance(value, str) else value) if n.strip()]
    if names == ["all"]:
        return tuple(CHECK_GROUPS)
    unknown = [n for n in names if n not in CHECK_GROUPS]
    if unknown:
        raise ValueError(f"未知的检查组 / unknown check group {', '.join(unknown)}; choose from all, "
                         f"{', '.join(CHECK_GROUPS)}")
    return tuple(dict.fromkeys(["axe", *names]))


def probes_for(groups: Iterable[str]) -> list[Probe]:
    wanted = set(groups)
    return [p for p in all_probes() if p.group in wanted]


async def run_probes(page, probes: Iterable[Probe], artifacts: dict[str, Any], notes: list[str],
                     sampler: TemplateSampler | None = None, url: str = "") -> None:
    """Collect each probe's artifact into ``artifacts`` (with its cost, ``ms``); a probe that fails or times out
    is noted and leaves no artifact (its rules are then not run on the page, never judged on half the data).
    Expensive probes (``per_template``) run where ``sampler`` wants them; where not, the page says so."""
    probes = list(probes)
    sampled = None
    if sampler is not None and any(p.per_template for p in probes):
        run_here, why = await sampler.wanted(page, url)
        sampled = (run_here, why)
        if not run_here:
            skipped = [p.name for p in probes if p.per_template]
            notes.append(f"checks run once per page template, not on this page ({why}): {', '.join(skipped)}")
            probes = [p for p in probes if not p.per_template]
    for probe in probes:
        started = time.perf_counter()
        try:
            data = await asyncio.wait_for(probe.collect(page), PROBE_TIMEOUT)
        except Exception as exc:  # a page that navigates away, crashes or hangs under a probe
            notes.append(f"probe {probe.name} failed: {str(exc).strip().splitlines()[0][:200] if str(exc) else type(exc).__name__}")
            continue
        data["ms"] = round((time.perf_counter() - started) * 1000, 1)
        if probe.per_template and sampled is not None:
            data["sampled"] = sampled[1]
        artifacts[probe.name] = data


def every_page(value: str | Iterable[str] | None) -> bool:
    """Whether ``--checks`` asks for the expensive probes on every page (``all``)."""
    return isinstance(value, str) and value.strip() == "all"
