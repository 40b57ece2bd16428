"""The crawl: frontier, scope, robots.txt, sitemaps, politeness, retries, and the workers that gather pages.

Persistence is the sink's business (``CrawlSink``): the crawler only reports what happened, in order, so the
store can make each page one transaction and a killed scan can resume from what was stored.
"""
from __future__ import annotations

import asyncio
import time
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Callable, Protocol
from urllib.parse import urlsplit

import httpx

from scanner import artifacts as A
from scanner import tls
from scanner import traps as T
from scanner.artifacts import PageArtifact
from scanner.auth import Credentials, avoided
from scanner.netguard import client_hooks
from scanner.netpolicy import NetPolicy, TargetRefused
from scanner.politeness import HostGate, LocalHostGate
from scanner.revalidate import PreviousPages, check_unchanged
from scanner.robots import RobotsPolicy
from scanner.sitemap import parse_sitemap
from scanner.urls import (
    UrlFilter,
    attachment_type,
    in_scope,
    is_hash_route,
    is_skipped_resource,
    normalize_link,
    normalize_url,
    site_host,
    url_key,
)

MAX_SITEMAPS = 50
# The crawler-trap counts are stored this often (and at the end of a run): a run killed outright (SIGKILL) loses
# at most these seconds of them, and ``--resume`` counts on from there.
TRAP_SAVE_S = 2.0
MAX_CRAWL_DELAY = 10.0  # robots.txt may ask for more; a scan of 1,000 pages must still finish
# Anti-bot walls (``scanner.walls``): a site that starts answering every page with a wall is telling us to go
# away. After BLOCKED_BACKOFF_AFTER blocked pages in a row each next page waits BLOCKED_BACKOFF_S, doubling per
# further blocked page up to BLOCKED_BACKOFF_MAX_S (a rate limit may lift); after BLOCKED_STOP_AFTER in a row the
# crawl stops taking pages (those left stay queued: ``--resume`` continues later) and says so.
BLOCKED_BACKOFF_AFTER = 3
BLOCKED_BACKOFF_S = 2.0
BLOCKED_BACKOFF_MAX_S = 30.0
BLOCKED_STOP_AFTER = 10


@dataclass
class CrawlConfig:
    start_urls: list[str]
    max_pages: int = 100
    max_depth: int = 5
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    respect_robots: bool = True
    use_sitemaps: bool = True
    follow_links: bool = True
    concurrency: int = 2
    per_host: int | None = None  # simultaneous pages per host; default: concurrency
    delay: float = 0.0  # seconds between two requests to one host (robots.txt Crawl-delay raises it)
    retries: int = 2  # for network errors and HTTP 5xx
    backoff: float = 0.5  # seconds, doubled per retry
    user_agent: str = "Mozilla/5.0 (X11; Linux x86_64) wuzhangai/0.1 accessibility-audit"
    fetch_timeout: float = 15.0
    # server-side request forgery guard (the service always sets it): refuse every request, redirect and browser
    # sub-request to a loopback, private, link-local, multicast or cloud-metadata address outside ``allow_net``
    net_guard: bool = False
    allow_net: list[str] = field(default_factory=list)  # CIDR ranges let through the guard (government intranets)
    # PDF attachments are downloaded (up to this size) and checked (checks.documents), up to this many per run
    pdf_max_bytes: int = 20_000_000
    pdf_max_count: int = 50
    # scan pages whose TLS certificate is not valid anyway (``--ignore-https-errors``); every such page is marked
    # (``tls_ignored`` note). Off: such a page fails ``tls_error``. Both modes, the crawler's own requests too.
    ignore_https_errors: bool = False
    # back-off and stop on anti-bot walls (see BLOCKED_* above)
    blocked_backoff_after: int = BLOCKED_BACKOFF_AFTER
    blocked_backoff_s: float = BLOCKED_BACKOFF_S
    blocked_stop_after: int = BLOCKED_STOP_AFTER
    # crawler traps (``scanner.traps``: the TRAP_*, REPEATED_SEGMENT_MAX and QUERY_* constants document each)
    trap_pages: int = T.TRAP_PAGES
    trap_near_share: float = T.TRAP_NEAR_SHARE
    trap_similarity: float = T.TRAP_SIMILARITY
    repeated_segment_max: int = T.REPEATED_SEGMENT_MAX
    query_variants: int = T.QUERY_VARIANTS
    query_combination_factor: int = T.QUERY_COMBINATION_FACTOR
    # ask each site once for a URL that cannot exist, to know its "not found" page when it answers 200 (soft 404)
    soft_404_probe: bool = True
    # words of links not followed (logout, 退出, delete...: ``scanner.auth``), searched in the decoded URL; set for an
    # authenticated scan. Found links only: a start URL is scanned whatever it says.
    avoid_links: list[str] = field(default_factory=list)

    def trap_settings(self) -> T.TrapSettings:
        return T.TrapSettings(self.trap_pages, self.trap_near_share, self.trap_similarity, self.repeated_segment_max,
                              self.query_variants, self.query_combination_factor)


@dataclass(frozen=True)
class FrontierEntry:
    url: str
    depth: int
    referrer: str | None = None
    source: str = "link"  # start | sitemap | link

    @property
    def key(self) -> str:
        return url_key(self.url)


class CrawlSink(Protocol):
    """Receives what the crawl finds. Called from the event loop, one call at a time."""

    def enqueued(self, entries: list[FrontierEntry]) -> None: ...
    def page_done(self, entry: FrontierEntry, artifact: PageArtifact, duplicate_of: str | None) -> None: ...
    def skipped(self, entry: FrontierEntry, reason: str, detail: str) -> None: ...
    def attachment(self, url: str, kind: str, found_on: str | None, size: int | None,
                   content_type: str | None, status: int | None, checks: dict | None = None) -> None: ...


class Gatherer(Protocol):
    """Gets one page in two stages. ``load`` is the network stage (fetch, render) and runs under the host's
    politeness slot; ``check`` judges what was loaded. A gatherer with ``lookahead`` 1 can load the worker's
    next page while it checks this one (``gather_browser.TabPair``)."""

    lookahead: int

    async def load(self, url: str) -> PageArtifact: ...
    async def check(self, artifact: PageArtifact) -> PageArtifact: ...


@dataclass
class CrawlState:
    """What a resumed scan already holds: keys finished (scanned, failed or skipped) and entries still queued."""

    done_keys: set[str] = field(default_factory=set)
    queued: list[FrontierEntry] = field(default_factory=list)
    attachments: set[str] = field(default_factory=set)
    pages_done: int = 0
    traps: list[dict] = field(default_factory=list)  # the crawler traps an earlier run found (``TrapGuard.report``)
    trap_state: dict | None = None  # what the earlier run's trap guard had counted (``TrapGuard.state``)


class Crawler:
    def __init__(
        self,
        config: CrawlConfig,
        sink: CrawlSink,
        state: CrawlState | None = None,
        on_progress: Callable[["Crawler"], None] | None = None,
        previous: PreviousPages | None = None,
        gate: HostGate | None = None,
        credentials: Credentials | None = None,
    ):
        self.config = config
        # an authenticated scan: the crawler's own requests (robots.txt, sitemaps, PDFs, revalidation) send its
        # headers, cookies and basic auth too
        self.credentials = credentials
        self.sink = sink
        self.previous = previous  # an incremental scan: pages unchanged since then are carried over
        self.pages_carried = 0
        self.state = state or CrawlState()
        self.on_progress = on_progress
        self.filter = UrlFilter(config.include, config.exclude)
        starts = [normalize_url(u) for u in config.start_urls]
        bad = [u for u, n in zip(config.start_urls, starts) if n is None]
        if bad:
            raise ValueError(f"无法扫描的网址 / not an http(s) URL: {', '.join(bad)}")
        self.start_urls: list[str] = [s for s in starts if s]
        self.hosts = {("file" if u.startswith("file:") else site_host(u)) for u in self.start_urls}
        self.robots: dict[str, RobotsPolicy] = {}
        self.seen: set[str] = set(self.state.done_keys) | {e.key for e in self.state.queued}
        self.claimed: set[str] = set(self.state.done_keys)  # keys whose content was scanned (or failed)
        self.attachments_seen: set[str] = set(self.state.attachments)
        self.pending_attachments: dict[str, tuple[str, str | None]] = {}
        self.queue: asyncio.Queue[FrontierEntry | None] = asyncio.Queue()
        self.dispatched = self.state.pages_done
        self.pages_done = self.state.pages_done
        self.pages_failed = 0
        self.in_flight = 0
        self.started = time.monotonic()
        # per-host politeness; a crawl shared by several processes passes a gate they all see
        self.gate: HostGate = gate if gate is not None else LocalHostGate()
        self._client: httpx.AsyncClient | None = None
        # one policy (and DNS cache) for the whole scan; the gatherers are given it too (``policy``)
        self.policy: NetPolicy | None = NetPolicy(config.allow_net) if config.net_guard else None
        self.tls_reports: dict[str, tls.CertReport | None] = {}  # origin -> its certificate's problems (once)
        self.blocked_streak = 0  # pages ending on an anti-bot wall in a row (any other outcome resets it)
        # set when the crawl stopped taking pages because of walls: {"reason", "count", "url"} (its words:
        # ``reports.render.stopped_message``)
        self.stopped: dict | None = None
        # crawler traps: URLs not enqueued, patterns cut, one report entry per trap (``scanner.traps``)
        self.traps = T.TrapGuard(config.trap_settings(), self.state.traps, self.state.trap_state)
        # stores the guard's report and counts (``scan_site``): every ``TRAP_SAVE_S`` and at the end of the run
        self.save_traps: Callable[[T.TrapGuard], None] | None = None
        self._traps_saved = time.monotonic()
        # per origin, the fingerprint of its answer to a URL that cannot exist, when that answer was a 200 page
        self.not_found: dict[str, T.PageText | None] = {}

    # ---- set-up: robots.txt and sitemaps -------------------------------------------------------------------

    async def prepare(self) -> None:
        await self._open()
        await self._refuse_start_urls()
        await self._read_robots()
        await self._probe_not_found()
        fresh = await self._seed()
        for entry in self.state.queued + fresh:
            self.queue.put_nowait(entry)

    async def _open(self) -> None:
        verify = https_verify(self.config)
        self._client = httpx.AsyncClient(
            timeout=self.config.fetch_timeout, follow_redirects=True, verify=verify,
            **client_credentials(self.config, self.credentials), **client_hooks(self.policy, verify),
        )

    def _origins(self) -> list[str]:
        return list(dict.fromkeys(_origin(u) for u in self.start_urls if not u.startswith("file:")))

    async def _read_robots(self) -> None:
        for origin in self._origins():
            self.robots[origin] = await self._fetch_robots(origin)

    async def _seed(self) -> list[FrontierEntry]:
        """The start URLs and the sitemaps' pages, admitted and stored; returns the new entries."""
        fresh: list[FrontierEntry] = []
        for u in self.start_urls:
            fresh += self._admit(FrontierEntry(u, 0, None, "start"), record_skips=True)
        if self.config.use_sitemaps:
            for origin in self._origins():
                for page_url in await self._sitemap_urls(origin):
                    fresh += self._admit(FrontierEntry(page_url, 0, None, "sitemap"), record_skips=True)
        if fresh:
            self.sink.enqueued(fresh)
        return fresh

    async def _refuse_start_urls(self) -> None:
        """Record each start URL the network guard refuses as a failed page, before anything is fetched from its
        host (not even robots.txt), and drop it from the crawl. Callers that can answer the user first (the
        CLI, the service's 422) check with ``NetPolicy.check_url`` before the scan starts; this is the floor."""
        if self.policy is None:
            return
        kept = []
        for url in self.start_urls:
            entry = FrontierEntry(url, 0, None, "start")
            refused = None if entry.key in self.seen else await self._refusal(url)  # resumed: decided before
            if refused is None:
                kept.append(url)
                continue
            self.seen.add(entry.key)
            self.claimed.add(entry.key)
            self.pages_done += 1
            self.pages_failed += 1
            self.sink.page_done(entry, refused_artifact(url, refused), None)
        self.start_urls = kept

    async def _refusal(self, url: str) -> TargetRefused | None:
        try:
            await self.policy.check_url(url)
        except TargetRefused as exc:
            return exc
        return None

    async def _probe_not_found(self) -> None:
        """Ask each site once for a URL that cannot exist: a site answering it with 200 has soft 404s, and its
        answer's fingerprint is what they look like (``scanner.traps``). One request per site, politely."""
        if not self.config.soft_404_probe:
            return
        for origin in self._origins():
            path = T.probe_path()
            self.not_found[origin] = None
            try:
                async with self._polite(origin + path):
                    resp = await self._client.get(origin + path)
            except httpx.HTTPError:
                continue
            ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
            if resp.status_code == 200 and ctype in ("", "text/html", "application/xhtml+xml"):
                self.not_found[origin] = T.page_text(resp.text, drop=path)

    async def _fetch_robots(self, origin: str) -> RobotsPolicy:
        if not self.config.respect_robots and not self.config.use_sitemaps:
            return RobotsPolicy(origin)
        try:
            resp = await self._client.get(origin + "/robots.txt")
            policy = RobotsPolicy.from_response(origin, resp.status_code, resp.text)
        except httpx.HTTPError:
            policy = RobotsPolicy.from_response(origin, None, "")
        if not self.config.respect_robots:
            policy = RobotsPolicy(origin, status=policy.status, sitemaps=policy.sitemaps)
        return policy

    async def _sitemap_urls(self, origin: str) -> list[str]:
        todo = list(dict.fromkeys(self.robots[origin].sitemaps + [origin + "/sitemap.xml"]))
        visited: set[str] = set()
        pages: list[str] = []
        while todo and len(visited) < MAX_SITEMAPS:
            sitemap_url = todo.pop(0)
            if sitemap_url in visited:
                continue
            visited.add(sitemap_url)
            try:
                resp = await self._client.get(sitemap_url)
            except httpx.HTTPError:
                continue
            if resp.status_code != 200:
                continue
            sitemap = parse_sitemap(resp.content)
            if sitemap.kind == "sitemapindex":
                todo += [u for u in sitemap.urls if u not in visited]
            elif sitemap.kind == "urlset":
                pages += sitemap.urls
        return pages

    # ---- scope --------------------------------------------------------------------------------------------

    def _admit(self, entry: FrontierEntry, record_skips: bool = False) -> list[FrontierEntry]:
        """The entry if it is new, in scope, allowed and wanted; otherwise [] (robots refusals are recorded)."""
        url = entry.url
        key = entry.key
        if key in self.seen or not in_scope(url, self.hosts):
            return []
        kind = attachment_type(url)
        if kind:
            self._record_attachment(url, kind, entry.referrer)
            return []
        # A URL the user gave is scanned whatever its extension (an SVG document, say); found links are filtered.
        if (entry.source != "start" and is_skipped_resource(url)) or not self.filter.allows(url):
            return []
        if entry.source == "link" and entry.depth > self.config.max_depth:
            return []
        word = avoided(url, self.config.avoid_links) if entry.source != "start" and self.config.avoid_links else None
        if word is not None:
            self._skip_avoided(entry, word)
            return []
        if entry.source == "link" and self.traps.refuse(url) is not None:
            self.seen.add(key)  # counted once however many pages link it
            return []
        self.seen.add(key)
        policy = self.robots.get(_origin(url))
        if policy is not None and not policy.allows(url):
            self.claimed.add(key)
            self.sink.skipped(entry, A.FAIL_ROBOTS, "robots.txt Disallow")
            return []
        return [entry]

    def _skip_avoided(self, entry: FrontierEntry, word: str) -> None:
        """A logout/delete/submit-like link, recorded as not followed (never requested)."""
        self.seen.add(entry.key)
        self.claimed.add(entry.key)
        self.sink.skipped(entry, A.FAIL_AVOIDED, f"“{word}”: 登录状态下不访问 / not followed while logged in")

    def _record_attachment(self, url: str, kind: str, found_on: str | None) -> None:
        if url in self.attachments_seen:
            self.sink.attachment(url, kind, found_on, None, None, None)  # one more page links it
            return
        self.attachments_seen.add(url)
        self.pending_attachments[url] = (kind, found_on)

    # ---- the workers -------------------------------------------------------------------------------------

    async def run(self, gatherers: list[Gatherer]) -> None:
        if self._client is None:
            await self.prepare()
        workers = [asyncio.create_task(self._worker(g)) for g in gatherers]
        try:
            await self.queue.join()
        finally:
            for _ in workers:
                self.queue.put_nowait(None)
            await asyncio.gather(*workers, return_exceptions=True)
        await self._size_attachments()
        await self._client.aclose()

    async def _worker(self, gatherer: Gatherer) -> None:
        ahead: tuple[FrontierEntry, asyncio.Future[PageArtifact]] | None = None  # taken early, loading
        try:
            while True:
                if ahead is not None:
                    (entry, loading), ahead = ahead, None
                else:
                    entry = await self.queue.get()
                    if entry is None:
                        self.queue.task_done()
                        return
                    if not self._claim(entry):
                        self.queue.task_done()
                        continue
                    loading = asyncio.ensure_future(self._load(gatherer, entry.url))
                try:
                    artifact = await loading
                    if artifact.carried_from is not None:  # unchanged since the previous scan: nothing to check
                        self._record(entry, artifact)
                    else:
                        if artifact.ok and gatherer.lookahead:
                            ahead = self._take_ahead(gatherer)
                        self._record(entry, await gatherer.check(artifact))
                finally:
                    self.queue.task_done()
                if self.on_progress:
                    self.on_progress(self)
        finally:
            if ahead is not None:  # the worker is being stopped: its early page is dropped, not lost
                ahead[1].cancel()
                await asyncio.gather(ahead[1], return_exceptions=True)
                self.queue.task_done()

    def _claim(self, entry: FrontierEntry) -> bool:
        """Take ``entry`` for scanning, unless its page was already taken or ``max_pages`` are."""
        if entry.key in self.claimed or self.dispatched >= self.config.max_pages or self.stopped is not None:
            return False  # left 'queued' in the store: a later --resume with a larger --max-pages continues
        self.dispatched += 1
        self.claimed.add(entry.key)
        self.in_flight += 1
        return True

    def _take_ahead(self, gatherer: Gatherer) -> tuple[FrontierEntry, asyncio.Future[PageArtifact]] | None:
        """The worker's next page, taken from the queue now and loading while the current one is checked."""
        while True:
            try:
                entry = self.queue.get_nowait()
            except asyncio.QueueEmpty:
                return None
            if entry is None:  # the stop signal (only sent once the queue is drained): leave it for the loop
                self.queue.put_nowait(None)
                self.queue.task_done()
                return None
            if self._claim(entry):
                return entry, asyncio.ensure_future(self._load(gatherer, entry.url))
            self.queue.task_done()

    def _record(self, entry: FrontierEntry, artifact: PageArtifact) -> None:
        self.in_flight -= 1
        duplicate_of = None
        final = normalize_url(artifact.final_url) if artifact.final_url else None
        if final and url_key(final) != entry.key:
            if not in_scope(final, self.hosts):
                artifact.error = artifact.error or A.FAIL_REDIRECT_OUT
                artifact.error_detail = artifact.error_detail or f"redirected to {final}"
                artifact.artifacts.clear()  # evidence of another site's page is not this site's
            elif self._redirect_target_taken(entry, final):
                duplicate_of = final
            self.claimed.add(url_key(final))
            self.seen.add(url_key(final))
        if artifact.error == A.FAIL_NOT_HTML and "attachment" in artifact.notes:
            kind = attachment_type(artifact.final_url or entry.url, artifact.content_type) or "file"
            self._record_attachment(entry.url, kind, entry.referrer)
        if artifact.ok and duplicate_of is None and artifact.carried_from is None:
            self._watch_traps(entry, artifact)
        fresh: list[FrontierEntry] = []
        if artifact.ok and duplicate_of is None and self.config.follow_links:
            base = artifact.final_url or entry.url
            for href in artifact.links:
                link = normalize_link(href, base)
                if link and artifact.mode == "static" and is_hash_route(link):
                    continue  # a hash route is rendered by script: static mode would scan the shell again
                if link:
                    fresh += self._admit(FrontierEntry(link, entry.depth + 1, entry.url, "link"))
            for href, word in artifact.avoided_links.items():
                link = normalize_link(href, base)
                if link and url_key(link) not in self.seen and in_scope(link, self.hosts):
                    self._skip_avoided(FrontierEntry(link, entry.depth + 1, entry.url, "link"), word)
        self.pages_done += 1
        if not artifact.ok:
            self.pages_failed += 1
        self._count_walls(entry, artifact)
        if artifact.error == A.FAIL_LOGIN and self.stopped is None:  # logging in again failed: no page is scanned
            self.stopped = {"reason": A.FAIL_LOGIN, "count": 1, "url": entry.url}
        if fresh:
            # stored before the page is marked done: a kill between the two writes costs a redo of the page
            # (its frontier row is still in progress), never the links it found (the rest of the site)
            self._queue_found(fresh)
        self.sink.page_done(entry, artifact, duplicate_of)
        if self.save_traps is not None and time.monotonic() - self._traps_saved >= TRAP_SAVE_S:
            self._traps_saved = time.monotonic()
            self.save_traps(self.traps)

    def _watch_traps(self, entry: FrontierEntry, artifact: PageArtifact) -> None:
        """Fingerprint a scanned page: a soft 404 fails ``soft_404`` (never scored, its links not followed);
        any other page counts in its URL pattern (``TrapGuard.observe``)."""
        dom = artifact.artifacts.get(A.DOM)
        if not isinstance(dom, dict) or not isinstance(dom.get("html"), str):
            return
        text = T.page_text(dom["html"])
        where = artifact.final_url or entry.url
        probe = self.not_found.get(_origin(where))
        if probe is not None and entry.source != "link" and T.soft_404_reason(text, None, probe):
            # the site answers a URL that cannot exist with one of its own start or sitemap pages (a fallback to
            # the home page, a single-page app's shell): there its "not found" cannot be told from a page by
            # content, only by what the page says (the probe is dropped for the site)
            self.not_found[_origin(where)] = probe = None
        soft = T.soft_404_reason(text, artifact.title, probe)
        if soft is not None:
            artifact.error, artifact.error_detail = A.FAIL_SOFT_404, soft
            artifact.artifacts.clear()
            artifact.links = []
            return
        if entry.source == "link":  # start and sitemap pages are the site's own word: never a trap's pages
            self.traps.observe(entry.url, text)

    def _redirect_target_taken(self, entry: FrontierEntry, final: str) -> bool:
        """Whether the page ``entry`` was redirected to (in scope) was already taken for scanning, making this
        page its duplicate. Workers sharing a frontier decide this in the database (``SharedCrawler``)."""
        return url_key(final) in self.claimed

    def _queue_found(self, fresh: list[FrontierEntry]) -> None:
        """New links: stored, and queued for this crawl's workers (workers sharing a frontier claim them from
        the store instead)."""
        self.sink.enqueued(fresh)
        for e in fresh:
            self.queue.put_nowait(e)

    async def _load(self, gatherer: Gatherer, url: str) -> PageArtifact:
        """The network stage under the host's politeness slot, retried with backoff for network errors and 5xx.
        In an incremental scan a page the server says is unchanged comes back carried over, not loaded."""
        if self.policy is not None:  # checked here once, so neither gatherer loads (or retries) a refused URL
            refused = await self._refusal(url)
            if refused is not None:
                return refused_artifact(url, refused)
        carried = await self._carry_if_unchanged(url)
        if carried is not None:
            return carried
        await self._wall_backoff()
        attempt = 0
        while True:
            async with self._polite(url):
                artifact = await gatherer.load(url)
            artifact.attempts = attempt + 1
            transient = artifact.error == A.FAIL_NETWORK or (
                artifact.error == A.FAIL_HTTP and (artifact.status or 0) >= 500
            )
            if not transient or attempt >= self.config.retries:
                await self._check_tls(url, artifact)
                return artifact
            await asyncio.sleep(self.config.backoff * (2**attempt))
            attempt += 1

    # ---- TLS: one certificate check per https origin (scanner.tls), the same for both gatherers ---------------

    async def _check_tls(self, url: str, artifact: PageArtifact) -> None:
        """A page refused for its certificate gets the certificate's problems as its detail; with
        ``ignore_https_errors`` a page scanned from an https origin whose certificate is not valid is marked."""
        if artifact.error == A.FAIL_TLS:
            where = artifact.final_url or url
            report = await self._tls_report(where)
            if report is None:  # Python's store trusts what the gatherer refused: say what the gatherer said
                report = tls.CertReport((tls.chromium_problem(artifact.error_detail or ""),),
                                        verifier=artifact.error_detail or "")
            elif artifact.error_detail and artifact.error_detail not in report.verifier:
                report = tls.CertReport(report.problems, f"{report.verifier}; {artifact.error_detail}",
                                        report.subject, report.issuer, report.not_after)
            artifact.error_detail = report.message(where)
            return
        if not self.config.ignore_https_errors or artifact.carried_from is not None:
            return
        final = artifact.final_url or url
        if not final.startswith("https:") or (artifact.error is not None and artifact.status is None):
            return
        report = await self._tls_report(final)
        if report is not None:
            artifact.notes.append(report.note())

    async def _tls_report(self, url: str) -> tls.CertReport | None:
        origin = _origin(url)
        if origin not in self.tls_reports:
            addresses = None
            if self.policy is not None:
                try:
                    addresses = await self.policy.check_url(url)
                except TargetRefused:
                    self.tls_reports[origin] = None
                    return None
            self.tls_reports[origin] = await tls.inspect(url, addresses)
        return self.tls_reports[origin]

    # ---- anti-bot walls: back off, then stop --------------------------------------------------------------

    def _count_walls(self, entry: FrontierEntry, artifact: PageArtifact) -> None:
        if artifact.error != A.FAIL_BLOCKED:
            self.blocked_streak = 0
            return
        self.blocked_streak += 1
        if self.stopped is None and self.blocked_streak >= self.config.blocked_stop_after:
            self.stopped = {"reason": A.FAIL_BLOCKED, "count": self.blocked_streak, "url": entry.url}

    async def _wall_backoff(self) -> None:
        """Wait before a page while the site keeps answering with walls (``BLOCKED_*``)."""
        over = self.blocked_streak - self.config.blocked_backoff_after
        if over >= 0 and self.stopped is None:
            await asyncio.sleep(min(self.config.blocked_backoff_s * (2 ** over), BLOCKED_BACKOFF_MAX_S))

    async def _carry_if_unchanged(self, url: str) -> PageArtifact | None:
        """The stored page of the previous scan, carried over, when one plain request (this crawler's client,
        under the host's politeness slot) says the document is unchanged; else None (load it as usual)."""
        if self.previous is None:
            return None
        known = self.previous.validators(url_key(url))
        if known is None:
            return None
        page_id, stored = known
        async with self._polite(url):
            unchanged = await check_unchanged(self._client, url, stored)
        if unchanged is None:
            return None
        carried = self.previous.carry(url, page_id, unchanged)
        if carried is not None:
            self.pages_carried += 1
        return carried

    def _polite(self, url: str) -> AbstractAsyncContextManager[None]:
        host = urlsplit(url).netloc or "file"
        policy = self.robots.get(_origin(url))
        delay = self.config.delay
        if policy is not None and policy.crawl_delay:
            delay = max(delay, min(policy.crawl_delay, MAX_CRAWL_DELAY))
        return self.gate.slot(host, self.config.per_host or self.config.concurrency, delay)

    # ---- attachments: type and size without downloading them; PDFs downloaded and checked ----------------------

    async def _size_attachments(self) -> None:
        sem = asyncio.Semaphore(4)
        pdfs_left = self.config.pdf_max_count

        async def head(url: str, kind: str, found_on: str | None) -> None:
            nonlocal pdfs_left
            size = status = ctype = checks = None
            if kind == "pdf" and self.config.pdf_max_count > 0:
                if pdfs_left <= 0:
                    from checks.documents import unchecked

                    checks = unchecked("count_cap", f"more than {self.config.pdf_max_count} PDFs in this scan")
                else:
                    pdfs_left -= 1
                    async with sem:
                        size, ctype, status, checks = await self._check_pdf(url)
                    if status is not None:
                        self.sink.attachment(url, kind, found_on, size, ctype, status, checks)
                        return
            async with sem:
                try:
                    resp = await self._client.head(url)
                    if resp.status_code in (405, 501):  # servers that refuse HEAD
                        resp = await self._client.get(url, headers={"Range": "bytes=0-0"})
                    status = resp.status_code
                    ctype = resp.headers.get("content-type")
                    rng = resp.headers.get("content-range", "")
                    if "/" in rng and rng.rsplit("/", 1)[1].isdigit():
                        size = int(rng.rsplit("/", 1)[1])
                    elif resp.headers.get("content-length", "").isdigit() and resp.request.method == "HEAD":
                        size = int(resp.headers["content-length"])
                except httpx.HTTPError:
                    pass
            if checks is not None:  # a PDF not checked: why
                self.sink.attachment(url, kind, found_on, size, ctype, status, checks)
            else:
                self.sink.attachment(url, kind, found_on, size, ctype, status)

        pending, self.pending_attachments = self.pending_attachments, {}
        await asyncio.gather(*(head(u, k, f) for u, (k, f) in pending.items()))

    async def _check_pdf(self, url: str) -> tuple[int | None, str | None, int | None, dict]:
        """Download a PDF through the crawl's client (the network guard's hooks, the host's politeness slot), at
        most ``pdf_max_bytes`` of it, and check it off the event loop: (size, content type, HTTP status,
        ``checks.documents`` record). Nothing downloaded is ever opened but by pypdf's parser."""
        from checks.documents import check_pdf, unchecked

        cap = self.config.pdf_max_bytes
        try:
            async with self._polite(url):
                async with self._client.stream("GET", url) as resp:
                    status, ctype = resp.status_code, resp.headers.get("content-type")
                    length = resp.headers.get("content-length", "")
                    declared = int(length) if length.isdigit() else None
                    if status != 200:
                        return declared, ctype, status, unchecked("download", f"HTTP {status}")
                    if declared is not None and declared > cap:
                        return declared, ctype, status, unchecked("too_large", f"{declared} > {cap} bytes")
                    body = bytearray()
                    async for chunk in resp.aiter_bytes():
                        body += chunk
                        if len(body) > cap:
                            return declared, ctype, status, unchecked("too_large", f"more than {cap} bytes")
        except httpx.HTTPError as exc:
            return None, None, None, unchecked("download", f"{type(exc).__name__}: {exc}"[:300])
        checks = await asyncio.to_thread(check_pdf, bytes(body))
        return len(body), ctype, status, checks

    # ---- progress ----------------------------------------------------------------------------------------

    @property
    def queued(self) -> int:
        return max(0, min(self.queue.qsize(), self.config.max_pages - self.dispatched))

    @property
    def pages_per_minute(self) -> float:
        elapsed = time.monotonic() - self.started
        return (self.pages_done - self.state.pages_done) * 60.0 / elapsed if elapsed > 0 else 0.0


def refused_artifact(url: str, refused: TargetRefused, mode: str = "none") -> PageArtifact:
    """A page the network guard would not let us fetch: failed ``net_refused``, the detail in zh / en."""
    return PageArtifact(requested_url=url, mode=mode, error=A.FAIL_REFUSED, error_detail=str(refused), attempts=0)


def client_credentials(config: CrawlConfig, credentials: Credentials | None) -> dict:
    """httpx client arguments for the scan's user agent and, in an authenticated scan, its headers, cookies and
    basic auth (the crawler's and the static gatherer's clients alike)."""
    out: dict = {"headers": {"User-Agent": config.user_agent}}
    if credentials is not None:
        out["headers"].update(credentials.headers)
        out["cookies"] = credentials.cookie_header_jar()
        if credentials.basic is not None:
            out["auth"] = httpx.BasicAuth(*credentials.basic)
    return out


def https_verify(config: CrawlConfig):
    """httpx's ``verify`` for the scan: the system trust store (``scanner.tls``), or False with
    ``ignore_https_errors`` (the pages are then marked by the crawler's own certificate check)."""
    return False if config.ignore_https_errors else tls.verifying_context()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
