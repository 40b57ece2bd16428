"""Auditing an Android app from its screens' uiautomator dumps (and screenshots): gather every screen first
(a malformed dump refuses the whole set before anything is stored), then store the app as a target (site kind
``app``, ``base_url`` ``app://<package>``) with its screens as pages, judged by the app rules and scored, grouped
and finished exactly as a site scan is (``finish_scan``): repeated problems across screens are one issue.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from checks.web._data import rules_fingerprint
from checks.web.judge import judge_page
from scanner.app_dump import AppDumpError, measure_pixels, parse_dump
from store import scans as scan_store
from store import sites as site_store
from wuzhangai.usecases.site_scan import finding_rows, finish_scan

APP_MODE = "app"
APP_STANDARD = "wcag22aa"  # the conformance table's levels: the app rules cite A and AA criteria (2.5.5 is AAA)


@dataclass
class AppAuditOptions:
    dumps: list[Path]
    screenshots: list[Path] = field(default_factory=list)
    density: float | None = None  # dpi (160 = 1 px per dp); None: estimated from the screen's width
    app_name: str | None = None
    elder: bool = False  # every screen is an elder interface (长辈版)
    elder_screens: tuple[str, ...] = ()  # or only these (by file stem)


@dataclass
class GatheredScreen:
    stem: str
    screen: dict[str, Any]
    pixels: dict[str, Any] | None


def gather_screens(options: AppAuditOptions) -> list[GatheredScreen]:
    """Parse every dump and measure every screenshot (matched by file stem); raises :class:`AppDumpError` on the
    first file that cannot be used, naming it."""
    stems = [d.stem for d in options.dumps]
    twice = sorted({s for s in stems if stems.count(s) > 1})
    if twice:
        raise AppDumpError(f"多个界面文件同名 / more than one dump named {', '.join(twice)}: 每个界面的文件名须不同 / "
                           "give each screen its own file name")
    shots = {p.stem: p for p in options.screenshots}
    orphans = sorted(set(shots) - set(stems))
    if orphans:
        raise AppDumpError(f"截图 {', '.join(str(shots[s]) for s in orphans)} 没有同名的界面文件 / screenshots "
                           "with no dump of the same name (screenshots are matched to dumps by file stem)")
    unknown = sorted(set(options.elder_screens) - set(stems))
    if unknown:
        raise AppDumpError(f"--elder-screen {', '.join(unknown)}：没有这个界面 / no dump with that name")
    gathered = []
    for dump in options.dumps:
        elder = options.elder or dump.stem in options.elder_screens
        screen = parse_dump(dump, options.density, elder)
        pixels = measure_pixels(shots[dump.stem], screen) if dump.stem in shots else None
        gathered.append(GatheredScreen(dump.stem, screen, pixels))
    return gathered


def screen_title(screen: dict[str, Any]) -> str:
    """The screen's first text in reading order (its toolbar title in most apps), else its file stem."""
    for node in screen["nodes"]:
        if node["text"].strip():
            return node["text"].strip()
    return screen["name"]


def audit_app(engine: Engine, options: AppAuditOptions) -> int:
    """Gather, judge, store and finish an app audit; returns the scan id. Raises :class:`AppDumpError` (nothing
    stored) for a file that cannot be used."""
    started = time.monotonic()
    gathered = gather_screens(options)
    package = gathered[0].screen["package"] or "unknown.app"
    base = f"app://{package}"
    scan_id = scan_store.create_scan(engine, base, options.app_name or package, {
        "start_urls": [g.screen["file"] for g in gathered], "mode": APP_MODE, "standard": APP_STANDARD, "tags": [],
        "config": {"density": options.density, "elder": options.elder, "elder_screens": list(options.elder_screens),
                   "screenshots": [p.name for p in options.screenshots], "package": package},
        "axe_version": None, "browser_version": None, "rules_fingerprint": rules_fingerprint()}, kind="app")
    if options.app_name:
        site = scan_store.site_of_scan(engine, scan_id)
        site_store.update_site(engine, site["id"], name=options.app_name)
    for g in gathered:
        artifacts = {"app_screen": g.screen, "app_pixels": g.pixels}
        judgement, score = judge_page(artifacts, None)
        url = f"{base}/{g.stem}"
        notes = [] if g.pixels is not None else ["no_screenshot: 未给截图，未检查对比度和字号 / no screenshot: contrast "
                                                 "and text size not checked"]
        if g.screen["dp_source"] != "density":
            notes.append(f"dp_estimated: 未给 --density，按屏幕短边 360 dp 估算（{g.screen['px_per_dp']} px/dp）/ "
                         f"no --density: dp estimated from a 360 dp wide screen ({g.screen['px_per_dp']} px per dp)")
        scan_store.record_page(engine, scan_id, {"url": url, "url_key": url, "depth": 0, "referrer": None,
                                                 "source": "start"}, {
            "url": url, "final_url": url, "depth": 0, "title": screen_title(g.screen), "lang": "zh-CN",
            "redirects": [], "element_count": len(g.screen["nodes"]), "attempts": 1, "mode": APP_MODE,
            "score": score, "counts": judgement.counts(), "rule_outcomes": judgement.rule_outcomes,
            "rule_impacts": judgement.rule_impacts, "artifacts": {k: v for k, v in artifacts.items() if v is not None},
            "notes": notes or None}, finding_rows(judgement.findings), "done")
    scan_store.add_run_time(engine, scan_id, time.monotonic() - started, "running")
    finish_scan(engine, scan_id)
    return scan_id


__all__ = ["AppAuditOptions", "AppDumpError", "audit_app", "gather_screens"]
