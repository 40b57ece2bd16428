"""The browser gatherer: one Chromium, reused tabs, axe-core and page facts per URL.

Reusing pages across URLs was 3.5x faster than a page per URL (DESIGN.md). Each crawl worker is a ``TabPair``:
one tab, and a second one once the server is slow enough that loading the next page during axe-core's check
of the current one pays (``LOOKAHEAD_MIN_WAIT_MS``). The price of reuse is the risk of one page's state
leaking into the next; three guards stop it: every new document gets a fresh axe from the context's init
script, a marker set on the old document proves the new one replaced it, and a tab whose page hung or crashed
is thrown away with its context. Contexts are recycled every ``recycle_after`` pages so memory stays bounded on
long scans.
"""
from __future__ import annotations

import asyncio
import base64
import collections
import contextlib
import hashlib
import json
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, AsyncIterator
from urllib.parse import urlsplit

from playwright.async_api import Browser, BrowserContext, Error as PlaywrightError, Page, Playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout
from playwright.async_api import async_playwright

from scanner import artifacts as A
from scanner import charset
from scanner.artifacts import PageArtifact
from scanner.auth import Credentials, auth_note
from scanner.axe import gather_script, init_script
from scanner.browser import CHROMIUM_ARGS, find_chromium
from scanner.login import LoginFailed, StepFailed, StepRunner, actions_for
from scanner.netguard import GuardProxy
from scanner.netpolicy import NetPolicy, TargetRefused
from scanner.probes import DEFAULT_GROUPS, TemplateSampler, probes_for, run_probes
from scanner.session import LoginSession
from scanner.urls import is_hash_route
from scanner.walls import CHALLENGE_STATUSES, CHALLENGE_WAIT_S, Wall, detect_wall

MAX_CLIENT_REDIRECTS = 3
# With the network guard on, WebRTC may not send UDP around the proxy (STUN/TURN to internal addresses).
GUARD_ARGS = ("--force-webrtc-ip-handling-policy=disable_non_proxied_udp",)
# Chromium's own service traffic, sent through the context's proxy like the page's: still refused (nothing calls
# out at run time), but not listed as the page's requests (autofill asks about every page with a form).
# After a certificate error Chromium probes for a captive portal (a 204 from gstatic), which is not the page's either.
BROWSER_SERVICE_HOSTS = frozenset({"content-autofill.googleapis.com", "connectivitycheck.gstatic.com",
                                   "www.gstatic.com", "clients3.google.com"})
# Loading the next page ahead pays when the server keeps us waiting at least this long per page (time to the
# first byte of the document). Below it the load is the browser's own CPU work, which then competes with
# axe-core: on loopback pages, always loading ahead cost ~90 ms CPU and ~7 % throughput (bench/README.md).
LOOKAHEAD_MIN_WAIT_MS = 100.0
# The document now in the tab, in one round trip: its URL, the HTTP status it came with (Navigation Timing Level
# 2's responseStatus, Chromium 109+: no response listener on every page for the rare challenge) and its HTML.
_DOC_STATE_JS = """() => [location.href,
  (performance.getEntriesByType('navigation')[0] || {}).responseStatus || null,
  document.documentElement ? document.documentElement.outerHTML : '']"""
# Every link of the document with the words a reader sees on it (to leave out logout and delete links by their text)
_LINK_TEXTS_JS = """() => Array.from(document.querySelectorAll('a[href], area[href]'), a => [a.href,
  ((a.innerText || '') + ' ' + (a.getAttribute('aria-label') || '') + ' ' + (a.title || '')).trim()])"""
_UNSET: Any = object()

# The document's bytes, fetched again by the page (same origin, its cookies; the HTTP cache when it has them), as
# base64: for a page whose declared encoding failed to decode it (``Tab._render_in_real_encoding``).
_DOC_BYTES_JS = """async () => {
  const r = await fetch(location.href, {cache: "force-cache", credentials: "include"});
  const blob = await r.blob();
  return await new Promise((ok) => { const f = new FileReader();
    f.onload = () => ok(String(f.result).split(",")[1] || ""); f.onerror = () => ok(""); f.readAsDataURL(blob); });
}"""


@dataclass
class BrowserOptions:
    run_only: list[str] = field(default_factory=list)  # axe tags; empty = every rule
    page_timeout: float = 30.0  # seconds until DOMContentLoaded
    load_grace: float = 10.0  # further seconds to wait for 'load' before scanning what is there
    axe_timeout: float = 60.0
    max_page_bytes: int = 20 * 1024 * 1024
    max_elements: int = 150_000
    max_dom_chars: int = 4_000_000  # a larger rendered DOM gets no `dom` artifact (our rules skip the page)
    recycle_after: int = 200
    chromium: str | None = None
    device: str | None = None  # a Playwright device name for mobile emulation, e.g. "iPhone 13"
    wechat: bool = False  # send the WeChat in-app browser's user agent (the device's, with WeChat's token)
    # the pages are an elder interface (适老版, ``scan --elder``): the phone artifact says so and the MIIT elder
    # bounds (60 x 60 targets, 18 px text) are judged on it
    elder: bool = False
    locale: str = "zh-CN"
    extra_headers: dict[str, str] = field(default_factory=dict)
    # a Playwright storage-state file (cookies, localStorage) every context starts from, e.g. one saved after
    # logging in (``context.storage_state(path=...)``): a logged-in scan. Only the browser has it: the crawler's
    # own httpx requests (robots.txt, sitemaps, incremental revalidation, static pages) go without it.
    storage_state: str | None = None
    # the SSRF guard (the crawl's policy): every request of every tab goes through a vetting proxy
    # (``scanner.netguard.GuardProxy``); None: no proxy, no cost
    net_policy: NetPolicy | None = None
    # the check groups (``--checks``) whose probes add their artifacts after axe-core (``scanner.probes``)
    checks: tuple[str, ...] = DEFAULT_GROUPS
    # the expensive probes on every page (``--checks all``), not on the home page and one page per template
    checks_every_page: bool = False
    # scan pages whose TLS certificate is not valid (``--ignore-https-errors``); off: Chromium refuses them and the
    # page fails ``tls_error`` (the crawler marks the pages scanned anyway: ``scanner.tls``)
    ignore_https_errors: bool = False
    # an authenticated scan (scanner.auth): headers, cookies, basic auth, the login script and per-URL steps, with
    # the secrets' values (never stored); None: anonymous
    credentials: Credentials | None = None
    evidence_dir: str = "."  # where the screenshots of the login script and the per-URL steps go
    avoid_links: tuple[str, ...] = ()  # words of links not followed while logged in, matched on the link's text too
    # which pages run the expensive probes; None: a sampler of this browser's own (a worker's crawl part passes one
    # seeded with the templates the scan's other parts probed)
    sampler: TemplateSampler | None = None


class BrowserGatherer:
    """``async with BrowserGatherer(opts) as g: tab = await g.new_tab(); art = await tab.gather(url)``; a crawl
    worker is ``await g.new_worker()`` (load and check as separate stages, ``TabPair``)."""

    def __init__(self, options: BrowserOptions):
        self.options = options
        # shared by this browser's tabs
        self.sampler = options.sampler or TemplateSampler(options.checks_every_page)
        self._pw_cm = None
        self.playwright: Playwright | None = None
        self.browser: Browser | None = None
        self.executable = find_chromium(options.chromium)
        creds = options.credentials
        self.runner = StepRunner(creds.secrets, Path(options.evidence_dir)) if creds is not None else None
        self.session: LoginSession | None = None  # the logged-in session, with a login script

    async def __aenter__(self) -> "BrowserGatherer":
        self._pw_cm = async_playwright()
        self.playwright = await self._pw_cm.__aenter__()
        self.browser = await self.playwright.chromium.launch(
            executable_path=self.executable, headless=True,
            args=list(CHROMIUM_ARGS) + (list(GUARD_ARGS) if self.options.net_policy else []),
        )
        creds = self.options.credentials
        if creds is not None and creds.login is not None:
            self.session = LoginSession(self, creds, self.options.evidence_dir)
            try:
                await self.session.login()  # before any tab opens: the crawl starts logged in, or not at all
            except BaseException:
                await self.__aexit__(None, None, None)
                raise
        return self

    async def __aexit__(self, *exc) -> None:
        try:
            if self.browser is not None:
                await self.browser.close()
        finally:
            if self._pw_cm is not None:
                await self._pw_cm.__aexit__(*exc)

    @property
    def browser_version(self) -> str:
        return self.browser.version if self.browser else ""

    async def new_context(self, proxy: str | None = None, state: Any = _UNSET) -> BrowserContext:
        """A context with the scan's settings; ``state`` (a storage state) instead of the session's."""
        assert self.browser is not None and self.playwright is not None
        kwargs: dict[str, Any] = {"locale": self.options.locale,
                                  "ignore_https_errors": self.options.ignore_https_errors,
                                  "java_script_enabled": True, "service_workers": "block"}
        if self.options.device:
            try:
                kwargs.update(self.playwright.devices[self.options.device])
            except KeyError:
                raise ValueError(f"未知的设备 / unknown device {self.options.device!r}") from None
        if self.options.wechat:
            from scanner.wechat import wechat_user_agent

            kwargs["user_agent"] = wechat_user_agent(kwargs.get("user_agent"))
        creds = self.options.credentials
        headers = {**self.options.extra_headers, **(creds.headers if creds else {})}
        if headers:
            kwargs["extra_http_headers"] = headers
        if creds is not None and creds.basic is not None:
            kwargs["http_credentials"] = {"username": creds.basic[0], "password": creds.basic[1]}
        if state is _UNSET:
            state = (self.session.state if self.session is not None
                     else creds.storage_state() if creds is not None and creds.storage_state() else None)
            state = state or self.options.storage_state
        if state:
            kwargs["storage_state"] = state
        if proxy:  # Playwright adds <-loopback>, so loopback requests are proxied (and vetted) too
            kwargs["proxy"] = {"server": proxy}
        context = await self.browser.new_context(**kwargs)
        await context.add_init_script(script=init_script())
        return context

    async def new_tab(self) -> "Tab":
        tab = Tab(self)
        await tab.open()
        return tab

    async def new_worker(self) -> "TabPair":
        pair = TabPair(self)
        await pair.open()
        return pair


class LazyBrowser:
    """Chromium started only when a page must be rendered: an incremental rescan of an unchanged site renders
    nothing, and launching Chromium and opening the workers' tabs was half of such a rescan's wall time.
    ``worker()`` gives crawl workers (the crawler's ``Gatherer``) that share one browser, started by the first
    that needs it. The Chromium binary is looked for at once (a missing one is a set-up error, as usual)."""

    def __init__(self, options: BrowserOptions):
        self.gatherer = BrowserGatherer(options)
        self.started = False
        self.error: BaseException | None = None  # why Chromium could not be started, if it could not
        self._lock = asyncio.Lock()

    @property
    def browser_version(self) -> str | None:
        return self.gatherer.browser_version if self.started else None

    def worker(self) -> "LazyWorker":
        return LazyWorker(self)

    async def _new_pair(self) -> "TabPair":
        async with self._lock:
            if self.error is not None:
                raise self.error
            if not self.started:
                try:
                    await self.gatherer.__aenter__()
                except Exception as exc:  # every later page fails the same way; the scan re-raises it at the end
                    self.error = exc
                    raise
                self.started = True
        return await self.gatherer.new_worker()

    async def close(self) -> None:
        if self.started:
            self.started = False
            await self.gatherer.__aexit__(None, None, None)


class LazyWorker:
    """A crawl worker whose tabs open on the first page it must render (``LazyBrowser``)."""

    def __init__(self, browser: LazyBrowser):
        self.browser = browser
        self.pair: TabPair | None = None

    @property
    def lookahead(self) -> int:
        return self.pair.lookahead if self.pair is not None else 0

    async def load(self, url: str) -> PageArtifact:
        if self.pair is None:
            try:
                self.pair = await self.browser._new_pair()
            except Exception as exc:
                return PageArtifact(requested_url=url, mode="browser", error=A.FAIL_CRASH,
                                    error_detail=f"Chromium could not be started: {_first_line(exc)}")
        return await self.pair.load(url)

    async def check(self, art: PageArtifact) -> PageArtifact:
        return await self.pair.check(art) if self.pair is not None else art

    async def close(self) -> None:
        if self.pair is not None:
            await self.pair.close()


class TabPair:
    """One crawl worker's two tabs: while axe-core checks the page in one, the other loads the worker's next page.

    Loading from a distant server is mostly waiting and checking is the renderer's CPU, so a worker that
    overlaps them is not idle while a government server takes its time to answer. It does so only while the
    server does make it wait (``lookahead``). The crawler holds the host's politeness slot for the load only:
    a host still sees at most ``per_host`` pages being fetched at once. Speaks the crawler's ``Gatherer``
    protocol (``load`` then ``check``).
    """

    def __init__(self, gatherer: BrowserGatherer):
        self.gatherer = gatherer
        self.tabs = [Tab(gatherer)]  # the second opens when a slow server first makes it worth having
        self._holding: dict[int, Tab] = {}  # id(artifact) -> the tab whose document it describes
        self._loading: set[Tab] = set()
        self._waits: collections.deque[float] = collections.deque(maxlen=8)  # ms to first byte, last pages

    @property
    def lookahead(self) -> int:
        """1 while the server makes this worker wait (median time to first byte of its last pages at least
        ``LOOKAHEAD_MIN_WAIT_MS``), else 0: with nothing to wait for, a second page rendering beside axe-core
        only competes with it for the CPU."""
        return int(bool(self._waits) and statistics.median(self._waits) >= LOOKAHEAD_MIN_WAIT_MS)

    async def open(self) -> None:
        await asyncio.gather(*(tab.open() for tab in self.tabs))

    async def close(self) -> None:
        await asyncio.gather(*(tab.close() for tab in self.tabs))

    async def load(self, url: str) -> PageArtifact:
        busy = self._loading | set(self._holding.values())
        tab = next((t for t in self.tabs if t not in busy), None)
        if tab is None:  # the crawler has at most one page loaded ahead, so this happens once
            tab = Tab(self.gatherer)
            self.tabs.append(tab)
            await tab.open()
        self._loading.add(tab)
        try:
            art = await tab.load(url)
        finally:
            self._loading.discard(tab)
        if tab.last_wait_ms is not None:
            self._waits.append(tab.last_wait_ms)
        if art.error is None:
            self._holding[id(art)] = tab
        return art

    async def check(self, art: PageArtifact) -> PageArtifact:
        tab = self._holding.get(id(art))
        if tab is None:
            return art
        try:
            return await tab.check(art)
        finally:  # only now may the next load take this tab
            del self._holding[id(art)]


class Tab:
    """A reusable page. ``load``, ``check`` and ``gather`` never raise for a page's own faults: they become the
    artifact's error."""

    def __init__(self, gatherer: BrowserGatherer):
        self.g = gatherer
        self.options = gatherer.options
        self.context: BrowserContext | None = None
        self.page: Page | None = None
        self.used = 0
        self.crashed = False
        self.last_wait_ms: float | None = None  # the last document's time to first byte
        self.proxy: GuardProxy | None = None  # the network guard's proxy for this tab's context
        self.stale = False  # a failed navigation may still commit Chromium's error page: start afresh
        self.generation = 0  # the login (LoginSession.generation) whose session this tab's context holds

    async def open(self) -> None:
        if self.options.net_policy is not None:
            self.proxy = await GuardProxy(self.options.net_policy).start()
        self.generation = self.g.session.generation if self.g.session is not None else 0
        self.context = await self.g.new_context(self.proxy.url if self.proxy else None)
        await self._new_page()

    async def _new_page(self) -> None:
        assert self.context is not None
        self.page = await self.context.new_page()
        self.crashed = False
        self.page.on("dialog", _dismiss_dialog)
        self.page.on("crash", self._on_crash)
        self.page.set_default_timeout(self.options.page_timeout * 1000)

    def _on_crash(self, _page: Page) -> None:
        self.crashed = True

    async def close(self) -> None:
        if self.context is not None:
            try:
                await asyncio.wait_for(self.context.close(), 10)
            except Exception:  # a hung renderer must not stop the scan; the browser reaps it
                pass
            self.context = None
            self.page = None
        if self.proxy is not None:
            await self.proxy.close()
            self.proxy = None

    async def reset(self) -> None:
        """Throw the context away (after a hang, a crash, or every ``recycle_after`` pages)."""
        await self.close()
        await self.open()
        self.used = 0
        self.stale = False

    async def gather(self, url: str) -> PageArtifact:
        """Load ``url`` and judge it, in this tab."""
        return await self.check(await self.load(url))

    async def load(self, url: str) -> PageArtifact:
        """The network stage: navigate, record status and redirects, wait for ``load``. The artifact comes
        back with ``error`` set when there is nothing to judge."""
        session = self.g.session
        if session is not None and session.failed is not None:  # the scan is stopping: nothing more is loaded
            return PageArtifact(requested_url=url, mode="browser", error=A.FAIL_LOGIN, error_detail=str(session.failed))
        if (self.used >= self.options.recycle_after or self.crashed or self.stale or self.page is None
                or self.page.is_closed() or (session is not None and self.generation != session.generation)):
            await self.reset()
        art = await self._load_once(url)
        if session is not None and art.error not in (A.FAIL_NETWORK, A.FAIL_TIMEOUT, A.FAIL_CRASH, A.FAIL_REFUSED):
            art = await self._stay_logged_in(art, url)
        if art.error is None and self.options.credentials is not None:
            art.notes.append(auth_note(self.options.credentials.login_name))
        if art.error is not None:  # no check follows; otherwise the refusals wait for it (a meta refresh to a
            self._note_refusals(art)  # refused address may be sent now and seen by the check)
        return art

    async def _load_once(self, url: str) -> PageArtifact:
        self.used += 1
        self.last_wait_ms = None
        self._blocked()  # late requests of the previous document are not this page's
        art = PageArtifact(requested_url=url, mode="browser")
        started = time.perf_counter()
        async with self._page_faults(art):
            await self._load_into(art, url)
        art.total_ms = (time.perf_counter() - started) * 1000
        return art

    async def _stay_logged_in(self, art: PageArtifact, url: str) -> PageArtifact:
        """The page as the logged-in user sees it: when it shows the logged-out marker, log in again (once for all
        tabs) and load it again in a context with the new session. Never the login page judged as the site's: a
        page still logged out fails ``logged_out``, and a failed login fails ``login_failed`` (the scan stops)."""
        session = self.g.session
        if self.page is None or self.page.is_closed() or not await session.shows_logged_out(self.page, self.page.url):
            return art
        try:
            renewed = await session.renew(self.generation)
        except LoginFailed as exc:
            return PageArtifact(requested_url=url, mode="browser", error=A.FAIL_LOGIN, error_detail=str(exc))
        if renewed:
            await self.reset()
            art = await self._load_once(url)
            art.notes.append("session renewed: logged in again / 会话失效，已重新登录")
            if art.error is not None or not await session.shows_logged_out(self.page, self.page.url):
                return art
        return PageArtifact(
            requested_url=url, mode="browser", status=art.status, final_url=art.final_url, error=A.FAIL_LOGGED_OUT,
            error_detail=f"{url} 重新登录后仍显示未登录（{self.page.url}）/ {url} still shows the logged-out marker "
                         f"after logging in again ({self.page.url})")

    async def check(self, art: PageArtifact) -> PageArtifact:
        """The judging stage, on the document ``load`` left in this tab: the page's scripted steps (if any), page
        facts and axe-core."""
        if art.error is not None:
            return art
        started = time.perf_counter()
        if not await self._run_actions(art):
            return art
        async with self._page_faults(art):
            await self._check_into(art)
            if self.options.avoid_links and art.links and art.error is None:
                await self._leave_out_avoided(art)
        art.total_ms = (art.total_ms or 0.0) + (time.perf_counter() - started) * 1000
        self._note_refusals(art)
        return art

    async def _run_actions(self, art: PageArtifact) -> bool:
        """The per-URL steps for this page (``--actions``: open a menu, accept a dialog) before it is checked;
        False (the page failed ``actions_failed``) when one fails."""
        creds = self.options.credentials
        steps = actions_for(creds.actions, art.final_url or art.requested_url) if creds is not None else ()
        if not steps:
            return True
        try:
            await self.g.runner.run(self.page, steps, (f"{art.requested_url} 的页面操作", f"page actions of "
                                    f"{art.requested_url}:"), prefix=f"actions-{self.used}")
        except StepFailed as exc:
            art.error, art.error_detail = A.FAIL_ACTIONS, str(exc)
            return False
        art.notes.append(f"actions: {len(steps)} steps run before the check / 检查前执行了 {len(steps)} 个页面操作")
        return True

    async def _leave_out_avoided(self, art: PageArtifact) -> None:
        """Move the links whose text (or URL) says logout, delete, submit... from ``links`` to ``avoided_links``
        (``scanner.auth.avoided``): the crawler records them as not followed."""
        from scanner.auth import avoided

        for href, text in await self.page.evaluate(_LINK_TEXTS_JS):
            word = avoided(href, self.options.avoid_links, text)
            if word is not None:
                art.avoided_links.setdefault(href, word)
        art.links = [link for link in art.links if link not in art.avoided_links]

    def _blocked(self) -> list[TargetRefused]:
        return self.proxy.take_blocked() if self.proxy is not None else []

    def _note_refusals(self, art: PageArtifact) -> None:
        """The guard's refusals since the last look: a refused navigation (a redirect hop, server or client side:
        the URL itself was vetted by the crawler) fails the page ``net_refused``; refused sub-requests are listed
        in its notes."""
        blocked = [b for b in self._blocked() if urlsplit(b.url).hostname not in BROWSER_SERVICE_HOSTS]
        if not blocked:
            return
        current = self.page.url if self.page is not None and not self.page.is_closed() else None
        hop = _refused_navigation(art, blocked, current)
        if hop is not None:
            # the next page gets a fresh context: a refused tunnel leaves chrome-error://chromewebdata/ committing
            # late (it would interrupt the next navigation), and the proxy's 403 document still asks for its
            # favicon (which would be listed as the next page's blocked request)
            self.stale = True
            art.error, art.error_detail, art.final_url = A.FAIL_REFUSED, str(hop), hop.url
            art.status = None  # a 403 came from the guard's proxy, not from the site
            art.artifacts.clear()
            blocked = [b for b in blocked if b is not hop]
        A.add_refused_notes(art, blocked)

    @contextlib.asynccontextmanager
    async def _page_faults(self, art: PageArtifact) -> AsyncIterator[None]:
        """A page's own faults become the artifact's error; a tab that hung or crashed is replaced."""
        try:
            yield
        except PlaywrightTimeout as exc:
            art.error, art.error_detail = A.FAIL_TIMEOUT, _first_line(exc)
            await self.reset()
        except asyncio.TimeoutError:
            art.error = A.FAIL_TIMEOUT
            art.error_detail = f"axe-core did not finish within {self.options.axe_timeout:.0f} s (page hangs?)"
            await self.reset()
        except PlaywrightError as exc:
            self._classify_error(art, exc)
            if self.crashed or art.error in (A.FAIL_CRASH, A.FAIL_SCRIPT):
                await self.reset()

    def _classify_error(self, art: PageArtifact, exc: Exception) -> None:
        text = _first_line(exc)
        if self.crashed or "crash" in text.lower() or "Target closed" in text or "has been closed" in text:
            art.error, art.error_detail = A.FAIL_CRASH, text
        elif "Download is starting" in text:
            art.error, art.error_detail = A.FAIL_NOT_HTML, "the server sent a file download, not a page"
        elif "net::ERR_CERT_" in text or "net::ERR_SSL_" in text or "net::ERR_BAD_SSL" in text:
            art.error, art.error_detail = A.FAIL_TLS, text  # the crawler adds what is wrong (scanner.tls)
            # Chromium's certificate error page commits late and would interrupt the tab's next navigation
            self.stale = True
            if " at http" in text:  # Playwright names the URL whose certificate failed (a redirect hop, maybe)
                art.final_url = text.rsplit(" at ", 1)[1].split()[0]
        elif "net::ERR_" in text or "NS_ERROR" in text:
            art.error, art.error_detail = A.FAIL_NETWORK, text
        else:
            art.error, art.error_detail = A.FAIL_SCRIPT, text

    async def _load_into(self, art: PageArtifact, url: str) -> None:
        page = self.page
        assert page is not None
        # The outgoing document was marked stale by the gather script itself (one round trip less per page):
        # if navigation silently fails, the marker is still there and the page is not judged under a new URL.
        t0 = time.perf_counter()
        if "#" in url and page.url.split("#")[0] == url.split("#")[0]:
            # another hash route of the document in the tab: going there would only fire hashchange (no response,
            # no new document, the old one's marker still set); a route is loaded as a page of its own
            await page.goto("about:blank")
        response = await page.goto(url, wait_until="domcontentloaded", timeout=self.options.page_timeout * 1000)
        if response is None:
            raise PlaywrightError("navigation produced no response")
        art.status = response.status
        # a hash route's response is the app's document (no fragment): the page is the route the tab shows
        art.final_url = page.url if is_hash_route(page.url) else response.url
        passed = await self._through_wall(art, response)
        if art.error is not None:
            return
        # the server's own wait: request sent to first byte (Chromium's connection set-up and queueing left out,
        # which on a loaded machine alone can pass the lookahead threshold on loopback)
        timing = response.request.timing or {}
        sent, first_byte = timing.get("requestStart", -1), timing.get("responseStart", -1)
        self.last_wait_ms = first_byte - max(sent, 0.0) if first_byte >= 0 else None
        headers = response.headers  # no extra round trip; enough for content-type and content-length
        art.content_type = headers.get("content-type")
        art.redirects = await _redirect_chain(response)
        size = headers.get("content-length")
        if size and size.isdigit() and int(size) > self.options.max_page_bytes:
            art.error = A.FAIL_TOO_LARGE
            art.error_detail = f"{int(size)} bytes > {self.options.max_page_bytes}"
            return
        if art.status >= 400:
            art.error, art.error_detail = A.FAIL_HTTP, f"HTTP {art.status}"
            return
        if art.reject_unless_document(("text/html", "application/xhtml+xml", "image/svg+xml")):
            return
        try:
            await page.wait_for_load_state("load", timeout=self.options.load_grace * 1000)
        except PlaywrightTimeout:
            art.notes.append("load event did not fire; scanned the document as it was")
        art.load_ms = (time.perf_counter() - t0) * 1000
        # what the next incremental scan compares against (one CDP call; no request to the server)
        if passed:  # the response is the challenge's, not the page's: nothing to compare next time
            return
        art.etag, art.last_modified = headers.get("etag"), headers.get("last-modified")
        try:
            body = await response.body()
        except PlaywrightError:  # body not available (evicted, or the document was replaced): no hash, no carry
            return
        art.body_sha256 = hashlib.sha256(body).hexdigest()
        await self._render_in_real_encoding(art, body)

    async def _render_in_real_encoding(self, art: PageArtifact, body: bytes) -> None:
        """A page that declares one encoding and is in another (``scanner.charset``) was decoded by Chromium as
        declared, into mojibake: render it again from its bytes, served with the encoding they are in (the HTTP
        header outranks ``<meta>``), and note declared and detected. A UTF-8 page costs one scan of its body; a page
        declared GBK (or one whose decoder replaced bytes) is fetched again by the page itself, from the browser's
        HTTP cache when it has it, since DevTools give such a body as decoded text (``charset.needs_bytes``)."""
        header = charset.header_charset(art.content_type)
        declared = charset.sniff(body, header).declared
        if declared is None:  # nothing declared: Chromium guessed from the bytes
            return
        raw = await self._document_bytes() if charset.needs_bytes(body, declared) else body
        if raw is None:
            return
        encoding = charset.sniff(raw, header)
        if not encoding.mismatch:
            return
        art.notes.append(encoding.note())
        body = raw
        page = self.page
        assert page is not None
        document = (art.final_url or art.requested_url).split("#")[0]
        headers = {"content-type": f"text/html; charset={encoding.detected}"}

        def is_document(url: str) -> bool:
            return url.split("#")[0] == document

        async def serve(route) -> None:
            await route.fulfill(status=art.status or 200, headers=headers, body=body)

        await page.route(is_document, serve)
        try:
            await page.reload(wait_until="domcontentloaded", timeout=self.options.page_timeout * 1000)
            try:
                await page.wait_for_load_state("load", timeout=self.options.load_grace * 1000)
            except PlaywrightTimeout:
                pass
        finally:
            await page.unroute(is_document, serve)

    async def _document_bytes(self) -> bytes | None:
        """The tab's document as the server sent it, fetched by the page itself (the HTTP cache first)."""
        try:
            encoded = await self.page.evaluate(_DOC_BYTES_JS)
        except PlaywrightError:
            return None
        return base64.b64decode(encoded) if encoded else None

    async def _through_wall(self, art: PageArtifact, response) -> bool:
        """An error or challenge status may be an anti-bot wall (``scanner.walls``). A JavaScript challenge is given
        ``CHALLENGE_WAIT_S`` to set its cookie and reload into the page: True when it did (``art`` then describes
        the page reached). A CAPTCHA, a WAF block, or a challenge that never lets go fails the page ``blocked``.
        Plain pages cost nothing here: only a status of 400+ or a challenge status is looked at."""
        if response.status < 400 and response.status not in CHALLENGE_STATUSES:
            return False
        started = time.monotonic()
        seen: Wall | None = None
        while True:
            state = await self._doc_state()
            if state is not None:
                url_now, status_now, html = state
                status_now = status_now or response.status
                wall = detect_wall(status_now, html)
                if wall is None:
                    replaced = seen is not None or status_now != response.status or url_now != response.url
                    if not replaced:
                        return False  # a plain error page, or a 202 that is the page
                    # past it: the script set its cookie and reloaded (maybe before goto returned)
                    art.notes.append(f"passed a JavaScript challenge: HTTP {response.status}"
                                     + (f", {seen.marker}" if seen else "") + f" -> HTTP {status_now}")
                    art.status, art.final_url = status_now, url_now
                    return True
                if wall.kind != "challenge":
                    art.error, art.error_detail = A.FAIL_BLOCKED, wall.message(art.final_url or response.url)
                    return False
                seen = wall
            if time.monotonic() - started > CHALLENGE_WAIT_S:
                wall = seen or Wall("challenge", response.status, "the page kept navigating / 页面不断跳转")
                art.error = A.FAIL_BLOCKED
                art.error_detail = wall.message(art.final_url or response.url, waited_s=CHALLENGE_WAIT_S)
                return False
            await asyncio.sleep(0.25)

    async def _doc_state(self) -> tuple[str, int | None, str] | None:
        """(URL, HTTP status, HTML) of the tab's document; None while it is being replaced."""
        try:
            url, status, html = await self.page.evaluate(_DOC_STATE_JS)
        except PlaywrightError:  # "execution context was destroyed" / "page is navigating"
            return None
        return url, status, html

    async def _check_into(self, art: PageArtifact) -> None:
        result = await self._evaluate_following_client_redirects(art)
        facts = result.get("facts") or {}
        if facts.get("stale"):
            raise PlaywrightError("the previous document was still loaded after navigation")
        art.title = facts.get("title")
        art.lang = facts.get("lang")
        art.links = list(dict.fromkeys((facts.get("links") or []) + (facts.get("frames") or [])))
        art.element_count = facts.get("elementCount")
        # the document checked may be a wall that answered 200 (a CAPTCHA page, a challenge in place)
        wall = detect_wall(art.status, result["html"]) if isinstance(result.get("html"), str) else None
        if wall is not None:
            art.error, art.error_detail = A.FAIL_BLOCKED, wall.message(art.final_url or art.requested_url)
            art.links = []  # a wall's links are the wall's, not the site's
            return
        if result.get("error"):
            art.error, art.error_detail = A.FAIL_SCRIPT, result["error"]
            return
        if art.element_count and art.element_count > self.options.max_elements:
            art.error = A.FAIL_TOO_LARGE
            art.error_detail = f"{art.element_count} elements > {self.options.max_elements}"
            return
        art.artifacts[A.AXE] = result.get("axe")
        art.axe_ms = result.get("axeMs")
        if result.get("html") is not None:
            art.artifacts[A.DOM] = {"url": art.final_url or art.requested_url, "html": result["html"]}
        else:  # the rules that need the DOM are not run on this page (the judge skips what lacks evidence)
            art.notes.append(f"DOM too large for our own rules ({result.get('htmlChars')} characters)")
            return
        await run_probes(self.page, probes_for(self.options.checks), art.artifacts, art.notes, self.g.sampler,
                         art.final_url or art.requested_url)
        if self.options.elder and "phone" in art.artifacts:
            art.artifacts["phone"]["elder_mode"] = True


    async def _evaluate_following_client_redirects(self, art: PageArtifact) -> dict[str, Any]:
        """Run the gather script; when a ``<meta http-equiv=refresh>`` or a script navigates away while it
        runs ("execution context was destroyed"), record the hop as a client-side redirect and judge the
        document it led to (at most ``MAX_CLIENT_REDIRECTS`` times)."""
        page = self.page
        assert page is not None
        for _ in range(MAX_CLIENT_REDIRECTS + 1):
            before = page.url
            try:
                answer = await asyncio.wait_for(
                    page.evaluate(gather_script(), {"runOnly": self.options.run_only, "rules": None,
                                                    "timeoutMs": self.options.axe_timeout * 1000,
                                                    "maxHtmlChars": self.options.max_dom_chars}),
                    self.options.axe_timeout,
                )
                return json.loads(answer)
            except PlaywrightError as exc:
                if not _navigated_away(exc):
                    raise
            try:  # the new document may not be committed yet when the old context dies
                await page.wait_for_url(lambda u: u != before, wait_until="domcontentloaded",
                                        timeout=self.options.page_timeout * 1000)
            except PlaywrightTimeout:
                pass  # it reloaded itself at the same URL
            try:
                await page.wait_for_load_state("load", timeout=self.options.load_grace * 1000)
            except PlaywrightTimeout:
                art.notes.append("load event did not fire; scanned the document as it was")
            art.redirects.append({"url": before, "status": None, "kind": "client"})
            art.final_url = page.url
        raise PlaywrightError(f"more than {MAX_CLIENT_REDIRECTS} client-side redirects")


def _refused_navigation(art: PageArtifact, blocked: list[TargetRefused], current: str | None) -> TargetRefused | None:
    """The refusal that stopped the page's document, if one did. A refused plain-HTTP hop (a server redirect, or
    a client-side one while the page is checked) ends on the proxy's 403 under the refused URL; a refused https
    hop fails its tunnel (a network error, or Chromium's error page), the first refusal being the document's
    (its sub-resources come after it). ``current`` is the tab's URL now: a meta refresh may have left after the
    check read the document."""
    same = next((b for b in blocked if b.url in (art.final_url, current)), None)
    if same is not None:
        return same
    if art.error == A.FAIL_TLS:  # the document reached its server and failed on the certificate, not the guard
        return None
    if art.error == A.FAIL_NETWORK or any((u or "").startswith("chrome-error:") for u in (art.final_url, current)):
        return blocked[0]
    return None


def _navigated_away(exc: Exception) -> bool:
    text = str(exc)
    return "Execution context was destroyed" in text or "navigation" in text.lower()


async def _dismiss_dialog(dialog) -> None:
    try:
        await dialog.dismiss()
    except PlaywrightError:
        pass


async def _redirect_chain(response) -> list[dict[str, Any]]:
    """The hops before the final response, oldest first, each with the status the server answered."""
    chain = []
    request = response.request.redirected_from
    while request is not None:
        hop = await request.response()
        chain.append({"url": request.url, "status": hop.status if hop else None})
        request = request.redirected_from
    chain.reverse()
    return chain


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:500] if text else exc.__class__.__name__
