"""Scanning a site, from start to stored result: the crawl, the gatherers, the judging, the store; resuming a
killed scan; judging a stored scan again. The one place where scanner (gathering), checks (judging) and the
store meet, for the CLI and the service alike.
"""
from __future__ import annotations

import asyncio
import re
import time
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Callable

from sqlalchemy.engine import Engine

from checks.models import Finding
from checks.web._data import rules_fingerprint
from checks.web.grouping import element_fingerprint, group_findings
from checks.web.judge import judge_page, known_rule_impacts, stored_artifacts
from checks.web.scoring import page_score, rule_outcomes_without, site_score
from checks.web.wcag import DEFAULT_STANDARD, tags_for_standard
from scanner import artifacts as A
from scanner.artifacts import PageArtifact, for_judging
from scanner.auth import AuthSettings, Credentials, resolve
from scanner.crawl import CrawlConfig, Crawler, CrawlState, FrontierEntry
from scanner.login import LoginFailed
from scanner.probes import DEFAULT_GROUPS, TemplateSampler
from scanner.revalidate import Unchanged, Validators
from scanner.urls import base_url_of, site_host, url_key
from store import dismissals as dismissal_store
from store import scans as scan_store
from wuzhangai.usecases.site_checks import judge_site_scan, site_issue_rows

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
    # carry over the findings of pages unchanged since the site's last finished scan under the same rules and axe
    # version, instead of rendering them again (scheduled rescans); False: a full scan
    incremental: bool = False
    # a Playwright storage-state file (cookies, localStorage) every browser context starts from: a logged-in
    # scan (``BrowserOptions.storage_state``); the browser only, not the crawler's httpx requests
    storage_state: str | None = None
    # the check groups whose probes run after axe-core in a browser scan (``scanner.probes``, ``--checks``)
    checks: tuple[str, ...] = DEFAULT_GROUPS
    # expensive probes on every page (``--checks all``) rather than on the home page and one page per template
    checks_every_page: bool = False
    # as WeChat's in-app browser (``scan --wechat``): its user agent in the browser and the crawler's requests
    wechat: bool = False
    # the pages are an elder interface (适老版, ``scan --elder``): the MIIT elder bounds are judged on phone pages
    elder: bool = False
    # an authenticated scan (``scanner.auth``): headers, cookies, basic auth, login script, per-URL steps, links
    # not followed; stored with the scan (secret references, never values)
    auth: AuthSettings = field(default_factory=AuthSettings)
    # the secrets' values for this run (the CLI: environment and secrets file; the service: its encrypted store);
    # never stored, never in ``to_config``
    secrets: dict[str, str] = field(default_factory=dict, repr=False)
    evidence_dir: str = "."  # where the screenshots of the login script and per-URL steps go

    def credentials(self) -> Credentials | None:
        """The auth settings with the secrets' values; None for an anonymous scan (``AuthError`` when a secret
        is missing or a setting cannot be used)."""
        self.auth.check(self.browser)
        return resolve(self.auth, self.secrets)

    @property
    def rule_tags(self) -> list[str] | None:
        """Tags selecting our own rules: the standard's in a browser scan, all of them in a static one."""
        return self.tags if self.browser else None

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
                "page_timeout": self.page_timeout, "device": self.device, "recycle_after": self.recycle_after,
                "incremental": self.incremental, "storage_state": self.storage_state, "checks": list(self.checks),
                "checks_every_page": self.checks_every_page, "wechat": self.wechat, "elder": self.elder,
                "auth": self.auth.to_config()}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> "ScanOptions":
        return cls(crawl=CrawlConfig(**config["crawl"]), standard=config["standard"], browser=config["browser"],
                   page_timeout=config["page_timeout"], device=config.get("device"),
                   recycle_after=config.get("recycle_after", 200), incremental=config.get("incremental", False),
                   storage_state=config.get("storage_state"),
                   # scans made before check groups ran axe-core and the DOM rules only
                   checks=tuple(config.get("checks") or ("axe",)),
                   checks_every_page=bool(config.get("checks_every_page", False)),
                   wechat=bool(config.get("wechat", False)), elder=bool(config.get("elder", False)),
                   auth=AuthSettings.from_config(config.get("auth")))


class ScanRecorder:
    """The crawl's sink: judges each page and has the store write it, its findings and its frontier changes in
    one transaction."""

    def __init__(self, engine: Engine, scan_id: int, options: ScanOptions):
        self.engine = engine
        self.scan_id = scan_id
        self.options = options

    def enqueued(self, entries: list[FrontierEntry]) -> None:
        scan_store.add_frontier(self.engine, self.scan_id, [_frontier_row(e) for e in entries])

    def skipped(self, entry: FrontierEntry, reason: str, detail: str) -> None:
        scan_store.record_page(self.engine, self.scan_id, _frontier_row(entry), {
            "url": entry.url, "depth": entry.depth, "referrer": entry.referrer, "error": reason,
            "error_detail": detail, "mode": "none", "attempts": 0}, [], "skipped")

    def page_done(self, entry: FrontierEntry, art: PageArtifact, duplicate_of: str | None) -> None:
        validators = {"etag": art.etag, "last_modified": art.last_modified, "body_sha256": art.body_sha256}
        if art.carried_from is not None and duplicate_of is None:
            # unchanged since the previous scan: the store copies that page's judgement, evidence and findings
            scan_store.record_page(self.engine, self.scan_id, _frontier_row(entry), {
                "url": entry.url, "final_url": art.final_url, "depth": entry.depth, "referrer": entry.referrer,
                "status": art.status, "content_type": art.content_type, "title": art.title, "lang": art.lang,
                "redirects": [], "load_ms": art.load_ms, "total_ms": art.total_ms,
                "element_count": art.element_count, "attempts": art.attempts, "notes": art.notes or None,
                "mode": art.mode, "carried_from": art.carried_from, **validators}, [], "done")
            return
        judgement = score = None
        if art.ok and duplicate_of is None:
            judgement, score = judge_page(for_judging(art.artifacts), self.options.rule_tags)
        page = {
            "url": entry.url, "final_url": art.final_url, "depth": entry.depth, "referrer": entry.referrer,
            "status": art.status, "content_type": art.content_type, "title": art.title, "lang": art.lang,
            "redirects": art.redirects, "load_ms": art.load_ms, "axe_ms": art.axe_ms, "total_ms": art.total_ms,
            "element_count": art.element_count, "attempts": art.attempts, "error": art.error,
            "error_detail": art.error_detail, "duplicate_of": duplicate_of, "score": score,
            "counts": judgement.counts() if judgement else None,
            "rule_outcomes": judgement.rule_outcomes if judgement else None,
            "rule_impacts": judgement.rule_impacts if judgement else None,
            "notes": art.notes or None, "artifacts": art.artifacts if judgement else None, "mode": art.mode,
            **validators,
        }
        state = "duplicate" if duplicate_of else ("done" if art.ok else "failed")
        scan_store.record_page(self.engine, self.scan_id, _frontier_row(entry), page,
                               finding_rows(judgement.findings) if judgement else [], state)

    def attachment(self, url: str, kind: str, found_on: str | None, size: int | None,
                   content_type: str | None, status: int | None, checks: dict | None = None) -> None:
        scan_store.record_attachment(self.engine, self.scan_id, url, kind, found_on, size, content_type, status,
                                     checks)


class CarryOver:
    """The previous comparable scan's pages, for an incremental scan's crawler (``scanner.revalidate``): which
    may be carried over, with what validators, and the artifact that stands for one carried."""

    def __init__(self, engine: Engine, scan_id: int):
        from scanner.urls import normalize_url

        self.engine = engine
        self.scan_id = scan_id
        self.pages: dict[str, tuple[int, Validators]] = {}
        for r in scan_store.carry_candidates(engine, scan_id):
            key = url_key(r["url"])
            if r["final_url"] and url_key(normalize_url(r["final_url"]) or r["final_url"]) != key:
                continue  # it ended elsewhere (a redirect not recorded as one): not the page asked for
            self.pages.setdefault(key, (r["id"], Validators(r["etag"], r["last_modified"], r["body_sha256"])))

    def validators(self, key: str) -> tuple[int, Validators] | None:
        return self.pages.get(key)

    def carry(self, url: str, page_id: int, unchanged: Unchanged) -> PageArtifact | None:
        """The stored page as an artifact, its links read from its stored ``dom`` snapshot the way a fresh
        page's are; None when it has no snapshot to read them from (it is then rendered again)."""
        from scanner.static_facts import html_links

        row = scan_store.stored_page(self.engine, page_id)
        dom = (row["artifacts"] or {}).get(A.DOM) if row else None
        if not (isinstance(dom, dict) and isinstance(dom.get("html"), str)):
            return None
        links = html_links(dom["html"], dom.get("url") or row["final_url"] or url)
        fresh = unchanged.validators
        return PageArtifact(
            requested_url=url, final_url=row["final_url"] or url, status=row["status"],
            content_type=row["content_type"], title=row["title"], lang=row["lang"], links=links,
            element_count=row["element_count"], load_ms=unchanged.ms, total_ms=unchanged.ms,
            artifacts=row["artifacts"], mode=row["mode"] or "browser", notes=list(row["notes"] or []),
            etag=fresh.etag, last_modified=fresh.last_modified, body_sha256=fresh.body_sha256,
            carried_from=page_id)


def previous_comparable_scan(engine: Engine, scan_id: int) -> int | None:
    """The site's newest finished scan before ``scan_id`` made in the same mode, with the same rule tags,
    axe-core version, rules (``rules_fingerprint``), emulated device and check groups: the one whose unchanged
    pages an incremental scan carries over."""
    row = scan_store.scan_row(engine, scan_id)
    if row is None or not row["rules_fingerprint"]:
        return None
    return scan_store.comparable_scan(engine, scan_id, {
        "mode": row["mode"], "tags": row["tags"], "axe_version": row["axe_version"],
        "rules_fingerprint": row["rules_fingerprint"], "config.device": (row["config"] or {}).get("device"),
        "config.checks": (row["config"] or {}).get("checks")})


def _frontier_row(entry: FrontierEntry) -> dict[str, Any]:
    return {"url": entry.url, "url_key": entry.key, "depth": entry.depth, "referrer": entry.referrer,
            "source": entry.source}


def finding_rows(findings: list[Finding]) -> list[dict[str, Any]]:
    """Findings as rows of the store's ``findings`` table."""
    return [{"rule_id": f.rule_id, "outcome": f.outcome, "impact": f.impact, "wcag": list(f.wcag),
             "selector": f.selector, "html": f.html, "message": f.message, "help": f.help, "help_url": f.help_url,
             "source": f.source, "fingerprint": element_fingerprint(f.rule_id, f.selector, f.html),
             "checks": list(f.checks) or None, "frame": f.frame or None} for f in findings]


def rejudge_scan(engine: Engine, scan_id: int) -> int:
    """Judge a stored scan again from its stored evidence (after a rule or scoring change): no new crawl.
    Returns the number of pages judged."""
    scan = scan_store.scan_row(engine, scan_id)
    tags = scan["tags"] if scan and scan["mode"] == "browser" else None
    judged = []
    for row in scan_store.pages_with_evidence(engine, scan_id):
        judgement, score = judge_page(for_judging(stored_artifacts(row["mode"], row["artifacts"], row["artifact"])),
                                      tags)
        judged.append((row["id"], {"score": score, "counts": judgement.counts(),
                                   "rule_outcomes": judgement.rule_outcomes, "rule_impacts": judgement.rule_impacts},
                       finding_rows(judgement.findings)))
    scan_store.replace_judgements(engine, scan_id, judged)
    scan_store.set_rules_fingerprint(engine, scan_id, rules_fingerprint())  # judged by today's rules now
    judge_site_scan(engine, scan_id)
    finish_scan(engine, scan_id)
    return len(judged)


def create_scan(engine: Engine, options: ScanOptions, axe_version: str | None,
                browser_version: str | None = None) -> int:
    base = base_url_of(options.crawl.start_urls[0])
    return scan_store.create_scan(engine, base, site_host(base), {
        "start_urls": options.crawl.start_urls, "mode": "browser" if options.browser else STATIC_STANDARD,
        "standard": options.standard if options.browser else STATIC_STANDARD,
        "tags": options.tags if options.browser else [], "config": options.to_config(), "axe_version": axe_version,
        "browser_version": browser_version, "rules_fingerprint": rules_fingerprint(),
    })


def resumable_scan(engine: Engine, start_urls: list[str]) -> int | None:
    """The newest unfinished scan with these start URLs (what ``--resume`` continues)."""
    keys = sorted(url_key(u) for u in start_urls)
    for scan_id, urls in scan_store.unfinished_scans(engine):
        if sorted(url_key(u) for u in urls) == keys:
            return scan_id
    return None


def resume_options(engine: Engine, scan_id: int, max_pages: int, chromium: str | None) -> tuple[ScanOptions, str | None]:
    """The options a scan was started with (``max_pages`` and ``chromium`` as given now), and the axe-core
    version its finished pages were checked with."""
    row = scan_store.scan_row(engine, scan_id)
    options = ScanOptions.from_config(row["config"])
    options.crawl.max_pages = max_pages
    options.chromium = chromium
    return options, row["axe_version"]


def load_state(engine: Engine, scan_id: int) -> CrawlState:
    rows, attachments, visited = scan_store.crawl_progress(engine, scan_id)
    summary = (scan_store.scan_row(engine, scan_id) or {}).get("summary") or {}
    # an earlier run's traps stay cut, and its counts go on
    state = CrawlState(attachments=attachments, pages_done=visited, traps=list(summary.get("crawler_traps") or []),
                       trap_state=summary.get("trap_state"))
    for r in rows:
        if r["state"] == "queued":
            state.queued.append(FrontierEntry(r["url"], r["depth"], r["referrer"], r["source"]))
        else:
            state.done_keys.add(r["url_key"])
    return state


async def _crawl(options: ScanOptions, crawler: Crawler, sampler: TemplateSampler | None = None) -> dict[str, str]:
    """Run the crawl with the right gatherers; returns versions of the engines used. ``sampler``: which pages run
    the expensive probes, when it is shared beyond this crawl (a worker's part of a scan)."""
    credentials = crawler.credentials
    if not options.browser:
        from scanner.gather_static import StaticGatherer

        async with StaticGatherer(options.crawl, options.page_timeout, crawler.policy, credentials) as gatherer:
            await crawler.run([gatherer] * max(1, options.crawl.concurrency))
        return {}
    from scanner.gather_browser import BrowserGatherer, BrowserOptions, LazyBrowser

    bopts = BrowserOptions(run_only=options.tags, page_timeout=options.page_timeout, chromium=options.chromium,
                           device=options.device, wechat=options.wechat, elder=options.elder, recycle_after=options.recycle_after,
                           net_policy=crawler.policy,
                           storage_state=options.storage_state, checks=options.checks,
                           checks_every_page=options.checks_every_page,
                           ignore_https_errors=options.crawl.ignore_https_errors, credentials=credentials,
                           evidence_dir=options.evidence_dir, avoid_links=tuple(crawler.config.avoid_links),
                           sampler=sampler)
    if crawler.previous is not None:  # an incremental rescan: Chromium only if some page changed
        lazy = LazyBrowser(bopts)
        workers = [lazy.worker() for _ in range(max(1, options.crawl.concurrency))]
        try:
            await crawler.run(workers)
        finally:
            try:
                await asyncio.gather(*(w.close() for w in workers))
            finally:
                await lazy.close()
        if lazy.error is not None:  # the pages that needed it were recorded as failed; the scan stays interrupted
            raise lazy.error
        return {"browser_version": lazy.browser_version} if lazy.browser_version else {}
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
            if gatherer.session is not None and gatherer.session.failed is not None:
                raise gatherer.session.failed  # logging in again failed: the crawl stopped, the scan says why
            return {"browser_version": gatherer.browser_version}
    finally:
        preparing.cancel()  # no-op once it finished; when Chromium failed to start, that error is the one to report
        await asyncio.gather(preparing, return_exceptions=True)  # settled and retrieved, never raised twice


async def scan_site(engine: Engine, options: ScanOptions, scan_id: int | None = None,
                    on_progress: Callable[[Crawler], None] | None = None) -> int:
    """Scan (or, with ``scan_id``, resume) and store; returns the scan id. Raises on set-up errors only:
    every page's own failure is recorded, never raised. A scan cancelled or killed stays ``interrupted``
    and can be resumed."""
    from scanner.axe import axe_version

    if scan_id is None:
        scan_id = create_scan(engine, options, axe_version() if options.browser else None)
        state = CrawlState()
    else:
        state = load_state(engine, scan_id)
    previous = None
    if options.incremental:
        previous_id = previous_comparable_scan(engine, scan_id)
        previous = CarryOver(engine, previous_id) if previous_id is not None else None
    credentials = options.credentials()
    crawl = replace(options.crawl, avoid_links=options.auth.links_to_avoid())
    crawler = Crawler(crawl, ScanRecorder(engine, scan_id, options), state, on_progress, previous,
                      credentials=credentials)
    if credentials is not None and credentials.login is not None and credentials.login.logged_out.url:
        # the login page is never crawled as one of the site's pages
        crawler.filter.exclude.append(re.compile(credentials.login.logged_out.url))

    def save_traps(guard) -> None:  # crawler traps, one entry each (scanner.traps): the scan JSON, reports
        if guard.traps:
            scan_store.set_summary_part(engine, scan_id, "crawler_traps", guard.report())
        scan_store.set_summary_part(engine, scan_id, "trap_state", guard.state())  # what --resume counts on from

    crawler.save_traps = save_traps
    started = time.monotonic()
    interrupted = True
    try:
        versions = await _crawl(options, crawler)
        interrupted = False
    except LoginFailed as exc:  # the scan stops; its summary says which step failed (no secret in it)
        scan_store.set_summary_part(engine, scan_id, "login_failed", {"message": str(exc), "step": exc.number,
                                                                      "screenshot": exc.screenshot})
        raise
    finally:
        scan_store.add_run_time(engine, scan_id, time.monotonic() - started,
                                "interrupted" if interrupted else "running")
        if crawler.stopped is not None:  # anti-bot walls stopped the crawl: the scan says so (scan JSON, reports)
            scan_store.set_summary_part(engine, scan_id, "stopped", crawler.stopped)
        save_traps(crawler.traps)
    judge_site_scan(engine, scan_id)
    finish_scan(engine, scan_id, **versions)
    return scan_id


def run_site_scan(engine: Engine, options: ScanOptions, scan_id: int | None = None,
                  on_progress: Callable[[Crawler], None] | None = None) -> int:
    """``scan_site`` for callers without an event loop (the CLI)."""
    return asyncio.run(scan_site(engine, options, scan_id, on_progress))


def finish_scan(engine: Engine, scan_id: int, browser_version: str | None = None) -> None:
    """Group findings into issues and compute the scores; idempotent (a resumed scan calls it again, and so does
    every dismissal of an issue of its site, or its undoing).

    Issues whose fingerprint the site has dismissed (``store.dismissals``) are kept, marked with their
    dismissal; the pages' findings of them are left out of the page scores, and so of the site score."""
    page_rows, rows = scan_store.scan_findings(engine, scan_id)
    scan = scan_store.scan_row(engine, scan_id)
    dismissed = dismissal_store.active_by_fingerprint(engine, scan["site_id"] if scan else None)
    urls = {r["id"]: r["url"] for r in page_rows}
    pairs = [(urls[r["page_id"]], Finding(
        rule_id=r["rule_id"], outcome=r["outcome"], impact=r["impact"], wcag=tuple(r["wcag"] or ()),
        selector=r["selector"] or "", html=r["html"] or "", message=r["message"] or "",
        help=r["help"] or "", help_url=r["help_url"] or "", source=r["source"] or "axe")) for r in rows]
    # in URL order (each page's findings in their own order), so an issue's example element, and the order of
    # issues that tie, do not depend on which crawl worker happened to store its page first
    pairs.sort(key=lambda pair: pair[0])
    issue_rows = [{"fingerprint": i.fingerprint, "rule_id": i.rule_id, "outcome": i.outcome, "impact": i.impact,
                   "wcag": list(i.wcag), "selector": i.selector, "html": i.html, "help": i.help,
                   "help_url": i.help_url, "source": i.source, "pages": i.pages, "page_count": i.count,
                   "node_count": i.nodes, "priority": i.priority,
                   "dismissal_id": dismissed[i.fingerprint]["id"] if i.fingerprint in dismissed else None}
                  for i in group_findings(pairs)] + site_issue_rows(scan, dismissed)
    net_scores = page_net_scores(page_rows, rows, set(dismissed))
    scan_store.finish(engine, scan_id, issue_rows, site_score(net_scores.values()), browser_version, net_scores)


def page_net_scores(page_rows: list[dict], finding_rows: list[dict], dismissed: set[str]) -> dict[int, float | None]:
    """``page id -> score`` with the findings of ``dismissed`` fingerprints left out: the judged score of a page
    none of whose findings is dismissed, else the page scored again over its rule outcomes without them
    (``checks.web.scoring.rule_outcomes_without``)."""
    by_page: dict[int, list[tuple[str, str, str]]] = {}
    for r in finding_rows:
        by_page.setdefault(r["page_id"], []).append((r["rule_id"], r["outcome"], r["fingerprint"]))
    known: dict[str, str | None] | None = None
    out: dict[int, float | None] = {}
    for p in page_rows:
        found = by_page.get(p["id"], [])
        if not p["rule_outcomes"] or not any(fp in dismissed for _, _, fp in found):
            out[p["id"]] = p["score"]
            continue
        impacts = p["rule_impacts"]
        if impacts is None:  # stored before pages kept their rule impacts
            known = known if known is not None else known_rule_impacts()
            impacts = {**known, **{r["rule_id"]: r["impact"] for r in finding_rows
                                   if r["page_id"] == p["id"] and r["impact"]}}
        out[p["id"]] = page_score(rule_outcomes_without(p["rule_outcomes"], found, dismissed), impacts)
    return out
