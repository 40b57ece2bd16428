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
    "layout": ("320 像素宽、文本间距、200% 文字缩放、方向锁定", "320 px reflow, text spacing, 200% text, orientation"),
    "keyboard": ("键盘遍历与焦点：键盘陷阱、焦点可见、可点击元素能否聚焦、跳过链接、tabindex 顺序",
                 "keyboard walk and focus: traps, focus visible, clickable elements focusable, skip link, tabindex order"),
}
DEFAULT_GROUPS: tuple[str, ...] = tuple(CHECK_GROUPS)
PROBE_MODULES = ("scanner.probes.layout", "scanner.probes.keyboard")
PROBE_TIMEOUT = 20.0  # seconds; a probe that takes longer is noted on the page and its rules are not run


@dataclass(frozen=True)
class Probe:
    name: str  # the artifact it adds
    group: str  # its --checks group
    collect: Callable[[Any], Awaitable[dict]]


@lru_cache(maxsize=1)
def all_probes() -> tuple[Probe, ...]:
    return tuple(importlib.import_module(m).PROBE for m in PROBE_MODULES)


def parse_groups(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """The check groups of ``--checks`` (``all``, or names separated by commas); ValueError (zh / en) for an
    unknown one."""
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


async def run_probes(page, probes: Iterable[Probe], artifacts: dict[str, Any], notes: list[str]) -> None:
    """Collect each probe's artifact into ``artifacts`` (with its cost, ``ms``); a probe that fails or times out
    is noted and leaves no artifact (its rules are then not run on the page, never judged on half the data)."""
    for probe in probes:
        started = time.perf_counter()
        try:
            data = await asyncio.wait_for(probe.collect(page), PROBE_TIMEOUT)
        except Exception as exc:  # a page that navigates away, crashes or hangs under a probe
            notes.append(f"probe {probe.name} failed: {str(exc).strip().splitlines()[0][:200] if str(exc) else type(exc).__name__}")
            continue
        data["ms"] = round((time.perf_counter() - started) * 1000, 1)
        artifacts[probe.name] = data
