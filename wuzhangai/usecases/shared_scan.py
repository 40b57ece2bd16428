"""A scan shared by many workers: the frontier in the store, each worker scanning batches it claims.

The same pieces as ``site_scan`` (gatherers, judging, the recorder, carry-over of unchanged pages), driven by
``scanner.shared_crawl.SharedCrawler`` over ``StoreFrontier``. The job layer (``wuzhangai.jobs.tasks``) calls
``seed_scan`` once, then ``crawl_part`` on as many workers as there are, again and again until the scan is
settled, then ``finish_shared_scan``.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable
from urllib.parse import urlsplit

from sqlalchemy.engine import Engine

from scanner.crawl import Crawler, FrontierEntry
from scanner.probes import TemplateSampler
from scanner.shared_crawl import SharedCrawler
from scanner.traps import TrapGuard
from store import frontier as frontier_store
from store import scans as scan_store
from wuzhangai.usecases.site_scan import (
    CarryOver,
    ScanOptions,
    ScanRecorder,
    _crawl,
    _frontier_row,
    finish_scan,
    judge_site_scan,
    previous_comparable_scan,
)

LEASE_SECONDS = 120.0
TEMPLATES_KEY = "probe_templates"  # the scan summary's key for the page templates its crawl parts probed


class StoreFrontier:
    """``scanner.shared_crawl.SharedFrontier`` over ``store.frontier``, for one worker of one scan."""

    def __init__(self, engine: Engine, scan_id: int, worker: str, max_pages: int,
                 lease_seconds: float = LEASE_SECONDS):
        self.engine, self.scan_id, self.worker = engine, scan_id, worker
        self.max_pages, self.lease_seconds = max_pages, lease_seconds

    def claim(self, n: int) -> list[FrontierEntry]:
        rows = frontier_store.claim(self.engine, self.scan_id, self.worker, n, self.max_pages, self.lease_seconds)
        return [FrontierEntry(r["url"], r["depth"], r["referrer"], r["source"]) for r in rows]

    def renew(self, keys: list[str]) -> None:
        frontier_store.renew(self.engine, self.scan_id, self.worker, keys, self.lease_seconds)

    def release(self, keys: list[str]) -> None:
        frontier_store.release(self.engine, self.scan_id, self.worker, keys)

    def settled(self) -> bool:
        return frontier_store.settled(self.engine, self.scan_id, self.max_pages)

    def take_redirect_target(self, entry: FrontierEntry, target: FrontierEntry) -> bool:
        return frontier_store.take_redirect_target(self.engine, self.scan_id, _frontier_row(target), entry.key)


async def crawl_part(engine: Engine, options: ScanOptions, scan_id: int, worker: str, *, seed: bool = False,
                     budget_seconds: float = 60.0, lease_seconds: float = LEASE_SECONDS, gate=None,
                     keep_going: Callable[[], bool] | None = None,
                     on_progress: Callable[[Crawler], None] | None = None) -> tuple[bool, int]:
    """Scan pages of the shared frontier for about ``budget_seconds`` (``seed``: store the start URLs and the
    sitemaps' pages first). Returns whether the scan is settled (nothing left to claim or in flight anywhere) and
    how many pages this part scanned."""
    previous = None
    if options.incremental:
        previous_id = previous_comparable_scan(engine, scan_id)
        previous = CarryOver(engine, previous_id) if previous_id is not None else None
    frontier = StoreFrontier(engine, scan_id, worker, options.crawl.max_pages, lease_seconds)
    crawler = SharedCrawler(options.crawl, ScanRecorder(engine, scan_id, options), frontier, seed=seed,
                            budget_seconds=budget_seconds, lease_seconds=lease_seconds, keep_going=keep_going,
                            on_progress=on_progress, previous=previous, gate=gate)
    # crawler traps earlier runs found stay cut; the counts of patterns not yet cut start again in each run (a
    # run sees only the pages it scans: a trap costs up to one cap per run, not more)
    crawler.traps = TrapGuard(options.crawl.trap_settings(), _stored_traps(engine, scan_id))
    # the page templates earlier parts ran the keyboard and layout probes on are not probed again: without this each
    # part (a new browser) probed its first page of every template, twice the embedded scan's CPU per page in the
    # cluster bench. Two parts running at once may each probe a new template once; the next parts know both.
    sampler = TemplateSampler(options.checks_every_page, _stored_templates(engine, scan_id))
    try:
        versions = await _crawl(options, crawler, sampler)
    finally:
        if gate is not None and hasattr(gate, "aclose"):
            await gate.aclose()  # its Redis connections belong to this event loop
        if crawler.traps.traps:
            _merge_traps(engine, scan_id, crawler.traps.report())
        if not options.checks_every_page and sampler.seen:
            _merge_templates(engine, scan_id, sampler.seen)
    if versions.get("browser_version"):
        scan_store.set_browser_version(engine, scan_id, versions["browser_version"])
    return crawler.settled or frontier.settled(), crawler.pages_done


def _stored_traps(engine: Engine, scan_id: int) -> list[dict]:
    return list(((scan_store.scan_row(engine, scan_id) or {}).get("summary") or {}).get("crawler_traps") or [])


def _stored_templates(engine: Engine, scan_id: int) -> list[list[str]]:
    return list(((scan_store.scan_row(engine, scan_id) or {}).get("summary") or {}).get(TEMPLATES_KEY) or [])


def _merge_templates(engine: Engine, scan_id: int, seen: set[frozenset[str]]) -> None:
    """This part's probed templates into the scan's (kept while the scan runs; no output reads them)."""
    merged = {frozenset(t) for t in _stored_templates(engine, scan_id)} | seen
    scan_store.set_summary_part(engine, scan_id, TEMPLATES_KEY, sorted(sorted(t) for t in merged))


def _merge_traps(engine: Engine, scan_id: int, found: list[dict]) -> None:
    """This run's traps into the scan's (one entry per trap; a run started from the stored entries, so the larger
    count of each is the later one). Two runs ending at once may each miss the other's last skips: counts only."""
    def key(t: dict) -> tuple[str, str, str]:  # the example may differ between runs, its host does not
        return t["reason"], t["pattern"], urlsplit(t.get("example") or "").netloc

    merged = {key(t): t for t in _stored_traps(engine, scan_id)}
    for t in found:
        old = merged.setdefault(key(t), t)
        old["pages"], old["skipped"] = max(old["pages"], t["pages"]), max(old["skipped"], t["skipped"])
    scan_store.set_summary_part(engine, scan_id, "crawler_traps", list(merged.values()))


def finish_shared_scan(engine: Engine, scan_id: int) -> None:
    """Group, score and mark the scan finished (idempotent: two workers that both saw it settled write the same),
    its wall time from its start to now: the workers' runs overlap, so their times are not summed."""
    row = scan_store.scan_row(engine, scan_id)
    started = row["started_at"]
    if started.tzinfo is None:
        started = started.replace(tzinfo=timezone.utc)
    scan_store.set_wall_seconds(engine, scan_id, (datetime.now(timezone.utc) - started).total_seconds())
    judge_site_scan(engine, scan_id)
    finish_scan(engine, scan_id)
