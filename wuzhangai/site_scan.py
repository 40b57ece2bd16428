"""A site scan from start to stored result: the crawl, the gatherers, the judging, the store.

This is the only place where scanner (gathering), checks (judging) and the store meet.
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from checks.web.grouping import element_fingerprint, group_findings
from checks.web.judge import judge_page
from checks.web.scoring import site_score
from checks.web.wcag import DEFAULT_STANDARD, tags_for_standard
from scanner.artifacts import PageArtifact
from scanner.crawl import CrawlConfig, Crawler, CrawlState, FrontierEntry
from scanner.urls import site_host, url_key
from wuzhangai.sites import base_url_of
from wuzhangai.store import scans as T

STATIC_STANDARD = "static"


@dataclass
class ScanOptions:
    crawl: CrawlConfig
    standard: str = DEFAULT_STANDARD
    browser: bool = True  # False: --no-browser static mode (partial)
    page_timeout: float = 30.0
    chromium: str | None = None
    device: str | None = None
    recycle_after: int = 200

    @property
    def tags(self) -> list[str]:
        out: list[str] = []
        for name in self.standard.split(","):
            for tag in tags_for_standard(name.strip()):
                if tag not in out:
                    out.append(tag)
        return out

    def to_config(self) -> dict[str, Any]:
        return {"crawl": asdict(self.crawl), "standard": self.standard, "browser": self.browser,
                "page_timeout": self.page_timeout, "device": self.device, "recycle_after": self.recycle_after}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> "ScanOptions":
        return cls(crawl=CrawlConfig(**config["crawl"]), standard=config["standard"], browser=config["browser"],
                   page_timeout=config["page_timeout"], device=config.get("device"),
                   recycle_after=config.get("recycle_after", 200))


class ScanRecorder:
    """The crawl's sink: judges each page and writes it, its findings and its frontier changes in one transaction."""

    def __init__(self, engine: Engine, scan_id: int, options: ScanOptions):
        self.engine = engine
        self.scan_id = scan_id
        self.options = options

    def enqueued(self, entries: list[FrontierEntry]) -> None:
        with self.engine.begin() as conn:
            self._insert_frontier(conn, entries, "queued")

    def _insert_frontier(self, conn, entries: list[FrontierEntry], state: str) -> None:
        if not entries:
            return
        rows = [{"scan_id": self.scan_id, "url": e.url, "url_key": e.key, "depth": e.depth,
                 "referrer": e.referrer, "source": e.source, "state": state} for e in entries]
        conn.execute(_insert_ignoring_duplicates(conn, T.frontier), rows)

    def _set_state(self, conn, entry: FrontierEntry, state: str) -> None:
        done = conn.execute(
            update(T.frontier).where(T.frontier.c.scan_id == self.scan_id, T.frontier.c.url_key == entry.key)
            .values(state=state)
        )
        if done.rowcount == 0:
            self._insert_frontier(conn, [entry], state)

    def skipped(self, entry: FrontierEntry, reason: str, detail: str) -> None:
        art = PageArtifact(requested_url=entry.url, error=reason, error_detail=detail, mode="none")
        with self.engine.begin() as conn:
            conn.execute(T.pages.insert().values(
                scan_id=self.scan_id, url=entry.url, depth=entry.depth, referrer=entry.referrer,
                error=art.error, error_detail=art.error_detail, mode="none", attempts=0))
            self._set_state(conn, entry, "skipped")

    def page_done(self, entry: FrontierEntry, art: PageArtifact, duplicate_of: str | None) -> None:
        judgement = score = None
        if art.ok and duplicate_of is None:
            judgement, score = judge_page(art.axe, art.facts)
        evidence = art.axe if art.axe is not None else art.facts
        with self.engine.begin() as conn:
            page_id = conn.execute(T.pages.insert().values(
                scan_id=self.scan_id, url=entry.url, final_url=art.final_url, depth=entry.depth,
                referrer=entry.referrer, status=art.status, content_type=art.content_type, title=art.title,
                lang=art.lang, redirects=art.redirects, load_ms=art.load_ms, axe_ms=art.axe_ms,
                total_ms=art.total_ms, element_count=art.element_count, attempts=art.attempts, error=art.error,
                error_detail=art.error_detail, duplicate_of=duplicate_of, score=score,
                counts=judgement.counts() if judgement else None,
                rule_outcomes=judgement.rule_outcomes if judgement else None,
                notes=art.notes or None, artifact=evidence if judgement else None, mode=art.mode,
            )).inserted_primary_key[0]
            if judgement:
                write_findings(conn, self.scan_id, page_id, judgement.findings)
            state = "duplicate" if duplicate_of else ("done" if art.ok else "failed")
            self._set_state(conn, entry, state)

    def attachment(self, url: str, kind: str, found_on: str | None, size: int | None,
                   content_type: str | None, status: int | None) -> None:
        with self.engine.begin() as conn:
            row = conn.execute(select(T.attachments).where(
                T.attachments.c.scan_id == self.scan_id, T.attachments.c.url == url)).mappings().first()
            if row is None:
                conn.execute(T.attachments.insert().values(
                    scan_id=self.scan_id, url=url, kind=kind, size=size, content_type=content_type,
                    status=status, found_on=[found_on] if found_on else []))
                return
            pages = list(row["found_on"] or [])
            if found_on and found_on not in pages:
                pages.append(found_on)
            conn.execute(update(T.attachments).where(T.attachments.c.id == row["id"]).values(
                found_on=pages, size=size if size is not None else row["size"],
                content_type=content_type or row["content_type"], status=status or row["status"]))


def _insert_ignoring_duplicates(conn, table):
    """INSERT that skips rows already there (a link found again while its first insert is pending)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table).on_conflict_do_nothing()


def write_findings(conn, scan_id: int, page_id: int, findings: list) -> None:
    if findings:
        conn.execute(T.findings.insert(), [
            {"scan_id": scan_id, "page_id": page_id, "rule_id": f.rule_id, "outcome": f.outcome,
             "impact": f.impact, "wcag": list(f.wcag), "selector": f.selector, "html": f.html,
             "message": f.message, "help": f.help, "help_url": f.help_url, "source": f.source,
             "fingerprint": element_fingerprint(f.rule_id, f.selector, f.html), "checks": list(f.checks) or None}
            for f in findings
        ])


def rejudge_scan(engine: Engine, scan_id: int) -> int:
    """Judge a stored scan again from its stored evidence (after a rule or scoring change): no new crawl.
    Returns the number of pages judged."""
    with engine.begin() as conn:
        rows = conn.execute(select(T.pages.c.id, T.pages.c.mode, T.pages.c.artifact).where(
            T.pages.c.scan_id == scan_id, T.pages.c.artifact.is_not(None))).all()
        conn.execute(T.findings.delete().where(T.findings.c.scan_id == scan_id))
        for page_id, mode, artifact in rows:
            judgement, score = judge_page(artifact if mode == "browser" else None,
                                          artifact if mode == "static" else None)
            conn.execute(update(T.pages).where(T.pages.c.id == page_id).values(
                score=score, counts=judgement.counts(), rule_outcomes=judgement.rule_outcomes))
            write_findings(conn, scan_id, page_id, judgement.findings)
    finish_scan(engine, scan_id)
    return len(rows)


def _site_id(conn, start_url: str) -> int:
    base = base_url_of(start_url)
    row = conn.execute(select(T.sites.c.id).where(T.sites.c.base_url == base)).first()
    if row:
        return row[0]
    return conn.execute(T.sites.insert().values(base_url=base, name=site_host(base))).inserted_primary_key[0]


def create_scan(engine: Engine, options: ScanOptions, axe_version: str | None) -> int:
    with engine.begin() as conn:
        site_id = _site_id(conn, options.crawl.start_urls[0])
        return conn.execute(T.scans.insert().values(
            site_id=site_id, start_urls=options.crawl.start_urls, started_at=datetime.now(timezone.utc),
            state="running", mode="browser" if options.browser else STATIC_STANDARD,
            standard=options.standard if options.browser else STATIC_STANDARD,
            tags=options.tags if options.browser else [], config=options.to_config(), axe_version=axe_version,
        )).inserted_primary_key[0]


def resumable_scan(engine: Engine, start_urls: list[str]) -> int | None:
    """The newest unfinished scan with these start URLs (what ``--resume`` continues)."""
    with engine.connect() as conn:
        rows = conn.execute(select(T.scans.c.id, T.scans.c.start_urls).where(T.scans.c.state != "finished")
                            .order_by(T.scans.c.id.desc())).all()
    keys = sorted(url_key(u) for u in start_urls)
    for scan_id, urls in rows:
        if sorted(url_key(u) for u in urls) == keys:
            return scan_id
    return None


def load_state(engine: Engine, scan_id: int) -> CrawlState:
    with engine.connect() as conn:
        rows = conn.execute(select(T.frontier).where(T.frontier.c.scan_id == scan_id)
                            .order_by(T.frontier.c.id)).mappings().all()
        attachments = {r[0] for r in conn.execute(
            select(T.attachments.c.url).where(T.attachments.c.scan_id == scan_id))}
        pages_done = conn.execute(select(T.pages.c.id).where(
            T.pages.c.scan_id == scan_id, T.pages.c.mode != "none")).all()
    state = CrawlState(attachments=attachments, pages_done=len(pages_done))
    for r in rows:
        if r["state"] == "queued":
            state.queued.append(FrontierEntry(r["url"], r["depth"], r["referrer"], r["source"]))
        else:
            state.done_keys.add(r["url_key"])
    return state


async def _crawl(options: ScanOptions, crawler: Crawler) -> dict[str, str]:
    """Run the crawl with the right gatherers; returns versions of the engines used."""
    if not options.browser:
        from scanner.gather_static import StaticGatherer

        async with StaticGatherer(options.crawl, options.page_timeout) as gatherer:
            await crawler.run([gatherer] * max(1, options.crawl.concurrency))
        return {}
    from scanner.gather_browser import BrowserGatherer, BrowserOptions

    bopts = BrowserOptions(run_only=options.tags, page_timeout=options.page_timeout, chromium=options.chromium,
                           device=options.device, recycle_after=options.recycle_after)
    # robots.txt and sitemaps (seconds from a distant server with a sitemap index) are fetched while Chromium
    # starts and the tabs open: neither waits for the other
    preparing = asyncio.ensure_future(crawler.prepare())
    try:
        async with BrowserGatherer(bopts) as gatherer:
            workers = await asyncio.gather(*(gatherer.new_worker()
                                             for _ in range(max(1, options.crawl.concurrency))))
            try:
                await preparing
                await crawler.run(workers)
            finally:
                await asyncio.gather(*(w.close() for w in workers))
            return {"browser_version": gatherer.browser_version}
    finally:
        preparing.cancel()  # no-op once it finished; when Chromium failed to start, that error is the one to report
        await asyncio.gather(preparing, return_exceptions=True)  # settled and retrieved, never raised twice


def run_site_scan(engine: Engine, options: ScanOptions, scan_id: int | None = None,
                  on_progress: Callable[[Crawler], None] | None = None) -> int:
    """Scan (or, with ``scan_id``, resume) and store; returns the scan id. Raises on set-up errors only:
    every page's own failure is recorded, never raised."""
    from scanner.axe import axe_version

    if scan_id is None:
        scan_id = create_scan(engine, options, axe_version() if options.browser else None)
        state = CrawlState()
    else:
        state = load_state(engine, scan_id)
    recorder = ScanRecorder(engine, scan_id, options)
    crawler = Crawler(options.crawl, recorder, state, on_progress)
    started = time.monotonic()
    interrupted = True
    try:
        versions = asyncio.run(_crawl(options, crawler))
        interrupted = False
    finally:
        with engine.begin() as conn:
            prev = conn.execute(select(T.scans.c.wall_seconds).where(T.scans.c.id == scan_id)).scalar() or 0.0
            conn.execute(update(T.scans).where(T.scans.c.id == scan_id).values(
                wall_seconds=prev + (time.monotonic() - started),
                state="interrupted" if interrupted else "running"))
    finish_scan(engine, scan_id, **versions)
    return scan_id


def finish_scan(engine: Engine, scan_id: int, browser_version: str | None = None) -> None:
    """Group findings into issues and compute the site score; idempotent (a resumed scan calls it again)."""
    with engine.begin() as conn:
        page_rows = conn.execute(select(T.pages.c.id, T.pages.c.url, T.pages.c.score)
                                 .where(T.pages.c.scan_id == scan_id)).all()
        urls = {r.id: r.url for r in page_rows}
        from checks.models import Finding

        rows = conn.execute(select(T.findings).where(T.findings.c.scan_id == scan_id)
                            .order_by(T.findings.c.id)).mappings().all()
        pairs = [(urls[r["page_id"]], Finding(
            rule_id=r["rule_id"], outcome=r["outcome"], impact=r["impact"], wcag=tuple(r["wcag"] or ()),
            selector=r["selector"] or "", html=r["html"] or "", message=r["message"] or "",
            help=r["help"] or "", help_url=r["help_url"] or "", source=r["source"] or "axe")) for r in rows]
        grouped = group_findings(pairs)
        conn.execute(T.issues.delete().where(T.issues.c.scan_id == scan_id))
        if grouped:
            conn.execute(T.issues.insert(), [
                {"scan_id": scan_id, "fingerprint": i.fingerprint, "rule_id": i.rule_id, "outcome": i.outcome,
                 "impact": i.impact, "wcag": list(i.wcag), "selector": i.selector, "html": i.html,
                 "help": i.help, "help_url": i.help_url, "source": i.source, "pages": i.pages,
                 "page_count": i.count, "node_count": i.nodes, "priority": i.priority} for i in grouped])
        values: dict[str, Any] = {"site_score": site_score(r.score for r in page_rows), "state": "finished"}
        if conn.execute(select(T.scans.c.finished_at).where(T.scans.c.id == scan_id)).scalar() is None:
            values["finished_at"] = datetime.now(timezone.utc)  # a re-judged scan keeps when it was made
        if browser_version:
            values["browser_version"] = browser_version
        conn.execute(update(T.scans).where(T.scans.c.id == scan_id).values(**values))
