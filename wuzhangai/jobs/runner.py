"""The embedded job runner of ``wuzhangai serve``: scans run in-process, one machine, no other server.

The runner is thin on purpose: the job state lives in the database (``store.jobs``), so Celery workers can take
its place later with the same store calls. One background thread runs its own asyncio loop: at start it requeues
orphaned jobs, then loops: tick the schedules (``wuzhangai.usecases.schedules.tick``), requeue jobs whose worker
stopped beating, claim queued jobs (up to ``workers`` at once) and run them.

Running a job: the scan is created and recorded on the job before its crawl starts, so a worker killed mid-scan
leaves a job that, requeued, resumes that very scan (its finished pages are kept, not fetched again). While the
scan runs the job beats a heartbeat (from the scan's progress callback and a watcher, rate-limited) and checks
whether someone asked to cancel it. ``stop()`` (SIGTERM) cancels the running scans: each stays ``interrupted``
and its job goes back to ``queued``, so the next start resumes it.
"""
from __future__ import annotations

import asyncio
import itertools
import logging
import os
import socket
import threading
import time
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy.engine import Engine

from checks.web.wcag import DEFAULT_STANDARD
from scanner.crawl import CrawlConfig
from store import jobs as job_store
from store import scans as scan_store
from scanner.auth import AuthSettings
from store.sites import DEFAULT_SCAN_CONFIG, site_row
from wuzhangai.usecases.site_scan import ScanOptions, create_scan, scan_site

log = logging.getLogger("wuzhangai.jobs")

ScanFinishedHook = Callable[[Engine, int, dict], None]
SecretsFor = Callable[[int], dict]  # site id -> its scan secrets' values (never stored with the scan)

# optional crawl settings a site's scan_config may carry besides the documented ones
_CRAWL_EXTRAS = ("concurrency", "delay", "respect_robots", "use_sitemaps", "ignore_https_errors")


def options_for_site(site: dict, params: dict, *, allow_net: Iterable[str] = (),
                     chromium: str | None = None) -> ScanOptions:
    """The scan a job runs for ``site`` (a ``store.sites.site_row``): its start URL and scan settings, the job's
    ``params`` (``max_pages`` overrides the site's; ``full`` False: an incremental rescan). The SSRF guard is
    always on (``net_guard``), with ``allow_net`` let through."""
    config = {**DEFAULT_SCAN_CONFIG, **{k: v for k, v in (site.get("scan_config") or {}).items() if v is not None}}
    crawl = CrawlConfig(
        start_urls=[site.get("start_url") or site["base_url"]],
        max_pages=int(params.get("max_pages") or config["max_pages"]),
        max_depth=int(config["max_depth"]),
        include=list(config.get("include") or []),
        exclude=list(config.get("exclude") or []),
        net_guard=True,
        allow_net=list(allow_net),
        **{k: config[k] for k in _CRAWL_EXTRAS if config.get(k) is not None},
    )
    return ScanOptions(crawl=crawl, standard=config.get("standard") or DEFAULT_STANDARD,
                       browser=bool(config["browser"]), chromium=chromium,
                       incremental=not params.get("full", False), auth=AuthSettings.from_config(config.get("auth")))


def _give_secrets(options: ScanOptions, site_id: int, secrets_for: SecretsFor | None) -> None:
    """The site's secrets for an authenticated scan (a scan without authentication gets none)."""
    if secrets_for is not None and (options.auth.active or options.auth.actions_file):
        options.secrets = secrets_for(site_id)


class _Stop(Exception):
    """Why a running scan is being stopped: ``cancel`` (a user asked), ``stop`` (the runner shuts down) or
    ``lost`` (the job is no longer ours: it was requeued as an orphan or ended elsewhere)."""


class _JobControl:
    """One running job: its heartbeat and cancel checks, and stopping its scan."""

    def __init__(self, runner: "EmbeddedRunner", job: dict):
        self.runner = runner
        self.job = job
        self.task: asyncio.Task | None = None
        self.reason: str | None = None
        self.crawl_tasks: set[asyncio.Task] = set()
        self._last_check = time.monotonic()

    def stop(self, reason: str) -> None:
        if self.reason is None:
            self.reason = reason
        if self.task is not None and not self.task.done():
            self.task.cancel()
        for task in self.crawl_tasks:  # the crawl's page workers, which a cancelled crawl otherwise lets drain
            if task is not asyncio.current_task():
                task.cancel()

    def check(self) -> None:
        """Heartbeat, then stop the scan if the job was cancelled or is no longer ours."""
        self._last_check = time.monotonic()
        if not job_store.heartbeat(self.runner.engine, self.job["id"], self.runner.worker):
            self.stop("lost")
        elif job_store.cancel_requested(self.runner.engine, self.job["id"]):
            self.stop("cancel")

    def on_progress(self, crawler) -> None:
        """The scan's progress callback (after each page, inside a crawl worker)."""
        current = asyncio.current_task()
        if current is not None:
            self.crawl_tasks.add(current)
        if self.reason is None and time.monotonic() - self._last_check >= self.runner.check_seconds:
            try:
                self.check()
            except Exception:  # a busy database must not fail the page
                log.exception("job %s: heartbeat failed", self.job["id"])
        if self.reason is not None:
            raise asyncio.CancelledError  # this worker stops here; its page was recorded

    async def watch(self) -> None:
        """Heartbeat and cancel checks while no page finishes (sitemaps, a slow page)."""
        while True:
            await asyncio.sleep(self.runner.heartbeat_seconds)
            try:
                self.check()
            except Exception:
                log.exception("job %s: heartbeat failed", self.job["id"])


class EmbeddedRunner:
    """Runs queued jobs in a background thread with its own asyncio loop (see the module's docstring).

    ``on_scan_finished``: called as ``hook(engine, scan_id, job)`` after each job that finished its scan (the
    alerts hook in here); a hook's exception is logged, never fails the job."""

    _ids = itertools.count(1)

    def __init__(self, engine: Engine, *, workers: int = 1, tick_seconds: float = 5.0,
                 allow_net: Iterable[str] = (), chromium: str | None = None,
                 on_scan_finished: list[ScanFinishedHook] = [],  # noqa: B006 - never mutated, copied below
                 heartbeat_seconds: float = 10.0, stale_after_s: float = 60.0, check_seconds: float = 1.0,
                 secrets_for: SecretsFor | None = None, evidence_dir: str = "."):
        self.engine = engine
        self.secrets_for = secrets_for  # a site's scan secrets, decrypted (wuzhangai.usecases.site_auth)
        self.evidence_dir = evidence_dir  # where login scripts' screenshots go
        self.workers = max(1, int(workers))
        self.tick_seconds = tick_seconds
        self.allow_net = list(allow_net)
        self.chromium = chromium
        self.on_scan_finished = list(on_scan_finished)
        self.heartbeat_seconds = heartbeat_seconds
        self.stale_after_s = stale_after_s
        self.check_seconds = check_seconds
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{next(self._ids)}"
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._stopping = False
        self._ready = threading.Event()
        self._running: dict[int, _JobControl] = {}

    # --- the thread ------------------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("runner already started")
        self._thread = threading.Thread(target=self._thread_main, name=f"wuzhangai-runner-{self.worker}",
                                        daemon=True)
        self._thread.start()
        self._ready.wait(10)

    def is_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wake(self) -> None:
        """Look for queued jobs now rather than at the next poll (thread-safe; after an enqueue, say)."""
        if self._loop is not None and self._wake is not None and not self._loop.is_closed():
            try:
                self._loop.call_soon_threadsafe(self._wake.set)
            except RuntimeError:  # the loop just closed
                pass

    def stop(self, timeout: float = 30.0) -> bool:
        """Stop (SIGTERM): running scans are cancelled and stay resumable (``interrupted``), their jobs go back to
        ``queued`` for the next start. Returns whether the thread ended within ``timeout`` seconds."""
        self._stopping = True
        if self._thread is None:
            return True
        if self._loop is not None and not self._loop.is_closed():
            try:
                self._loop.call_soon_threadsafe(self._stop_all)
            except RuntimeError:
                pass
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _stop_all(self) -> None:
        for control in list(self._running.values()):
            control.stop("stop")
        if self._wake is not None:
            self._wake.set()

    def _thread_main(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._main())
        except Exception:
            log.exception("job runner %s crashed", self.worker)
        finally:
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
            finally:
                loop.close()

    async def _main(self) -> None:
        from wuzhangai.usecases.schedules import tick

        self._wake = asyncio.Event()
        self._ready.set()
        try:
            orphans = job_store.requeue_orphans(self.engine, self.stale_after_s)
            if orphans:
                log.info("requeued orphaned jobs %s (their worker stopped)", orphans)
        except Exception:
            log.exception("requeueing orphaned jobs failed")
        log.info("job runner %s started (%d worker(s))", self.worker, self.workers)
        tasks: set[asyncio.Task] = set()
        last_tick = float("-inf")
        while not self._stopping:
            if time.monotonic() - last_tick >= self.tick_seconds:
                last_tick = time.monotonic()
                try:
                    tick(self.engine)
                    job_store.requeue_orphans(self.engine, self.stale_after_s)
                except Exception:
                    log.exception("schedule tick failed")
            while len(tasks) < self.workers and not self._stopping:
                try:
                    job = job_store.claim_next(self.engine, self.worker)
                except Exception:
                    log.exception("claiming a job failed")
                    job = None
                if job is None:
                    break
                task = asyncio.ensure_future(self._run_job(job))
                tasks.add(task)
                task.add_done_callback(lambda t: (tasks.discard(t), self._wake.set()))
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), self.tick_seconds)
            except asyncio.TimeoutError:
                pass
        self._stop_all()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        log.info("job runner %s stopped", self.worker)

    # --- one job ---------------------------------------------------------------------------------------------

    async def _run_job(self, job: dict) -> None:
        control = _JobControl(self, job)
        self._running[job["id"]] = control
        started = time.monotonic()
        scan_id = job.get("scan_id")
        try:
            if job_store.cancel_requested(self.engine, job["id"]):
                job_store.finish_job(self.engine, job["id"], "cancelled")
                log.info("job %s cancelled before it started", job["id"])
                return
            options, scan_id, resumed = self._prepare(job)
            if options is None:  # its scan had finished before the worker died: only the job's end is left
                log.info("job %s: scan %s had already finished", job["id"], scan_id)
                self._end(job, "finished", None, scan_id, started)
                await self._after_finished(job, scan_id)
                return
            log.info("job %s started: site %s, scan %s%s, worker %s", job["id"], job["site_id"], scan_id,
                     " (resumed)" if resumed else "", self.worker)
            control.task = asyncio.ensure_future(scan_site(self.engine, options, scan_id,
                                                           on_progress=control.on_progress))
            if control.reason is not None:  # stopped while it was being prepared
                control.stop(control.reason)
            watcher = asyncio.ensure_future(control.watch())
            try:
                await control.task
            finally:
                watcher.cancel()
                await asyncio.gather(watcher, return_exceptions=True)
        except asyncio.CancelledError:
            if control.reason == "cancel":
                self._end(job, "cancelled", None, scan_id, started)
            elif control.reason == "lost":
                log.warning("job %s: no longer ours (requeued or ended elsewhere); scan %s left interrupted",
                            job["id"], scan_id)
            else:  # the runner stops: back to the queue, the next start resumes the scan
                job_store.release_job(self.engine, job["id"])
                log.info("job %s requeued after %.1f s: runner stopping, scan %s interrupted (resumable)",
                         job["id"], time.monotonic() - started, scan_id)
        except Exception as exc:
            log.exception("job %s failed", job["id"])
            self._end(job, "failed", f"{type(exc).__name__}: {exc}", scan_id, started)
        else:
            self._end(job, "finished", None, scan_id, started)
            await self._after_finished(job, scan_id)
        finally:
            self._running.pop(job["id"], None)

    def _prepare(self, job: dict) -> tuple[ScanOptions | None, int, bool]:
        options, scan_id, resumed = prepare_job_scan(self.engine, job, allow_net=self.allow_net,
                                                     chromium=self.chromium, secrets_for=self.secrets_for)
        if options is not None:
            options.evidence_dir = str(Path(self.evidence_dir) / f"scan-{scan_id}")
        return options, scan_id, resumed

    def _end(self, job: dict, state: str, error: str | None, scan_id: int | None, started: float) -> None:
        job_store.finish_job(self.engine, job["id"], state, error)
        log.info("job %s %s in %.1f s (scan %s)%s", job["id"], state, time.monotonic() - started, scan_id,
                 f": {error}" if error else "")

    async def _after_finished(self, job: dict, scan_id: int) -> None:
        done = job_store.get_job(self.engine, job["id"]) or job
        for hook in self.on_scan_finished:
            try:
                await asyncio.to_thread(hook, self.engine, scan_id, done)
            except Exception:
                log.exception("job %s: on_scan_finished hook %r failed", job["id"], hook)


def prepare_job_scan(engine: Engine, job: dict, *, allow_net: Iterable[str] = (), chromium: str | None = None,
                     secrets_for: SecretsFor | None = None) -> tuple[ScanOptions | None, int, bool]:
    """(options, scan id, resumed) of a job a worker starts: a new scan recorded on the job before its crawl, or
    the job's unfinished scan with the options it was started with (options None: that scan already finished).
    The network guard is always on in a worker, with ``allow_net`` let through."""
    if job.get("scan_id") is not None:
        row = scan_store.scan_row(engine, job["scan_id"])
        if row is not None:
            if row["state"] == "finished":
                return None, row["id"], True
            options = ScanOptions.from_config(row["config"])
            options.chromium = chromium
            options.crawl.net_guard = True
            options.crawl.allow_net = list(allow_net)
            _give_secrets(options, job["site_id"], secrets_for)
            return options, row["id"], True
    site = site_row(engine, job["site_id"])
    if site is None:
        raise LookupError(f"网站 {job['site_id']} 已不存在 / site {job['site_id']} no longer exists")
    options = options_for_site(site, job["params"] or {}, allow_net=allow_net, chromium=chromium)
    _give_secrets(options, job["site_id"], secrets_for)
    axe = None
    if options.browser:
        from scanner.axe import axe_version

        axe = axe_version()
    scan_id = create_scan(engine, options, axe)
    job_store.set_scan(engine, job["id"], scan_id)
    return options, scan_id, False
