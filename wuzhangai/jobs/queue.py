"""Scale-out: the service's jobs on Celery workers over a Redis broker (``--queue redis://HOST:PORT/N``).

The job state stays in the database (``store.jobs``), as with the embedded runner; Celery only carries two kinds
of message, both idempotent and acknowledged late (a worker killed mid-task loses nothing, the message is
delivered again):

- ``wuzhangai.start_job(job_id)``: claim the job, create (or find) its scan, store the start URLs and sitemaps'
  pages in the shared frontier, and send ``fanout`` crawl parts;
- ``wuzhangai.crawl(job_id, scan_id)``: scan pages of the shared frontier for about ``part_seconds`` (claimed in
  batches, see ``store.frontier``), then send the next part, or, the scan settled, finish it and end the job.

Every worker process takes any part of any scan, so a big site is shared by all workers and many sites share
them fairly (parts are short). A ``Dispatcher`` (in every worker and in ``serve --queue``) ticks the schedules,
requeues the jobs of dead workers and sends queued jobs, under one Redis lock: once across the cluster.
"""
from __future__ import annotations

import asyncio
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from celery import Celery, signals
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import Engine

from store import jobs as job_store
from store import scans as scan_store

log = logging.getLogger("wuzhangai.jobs")

QUEUE_ENV = "WUZHANGAI_QUEUE"
TASK_QUEUE = "wuzhangai"
TICK_LOCK = "wuzhangai:tick"
NO_WORKER_HINT_SECONDS = 30.0


class QueueSettings(BaseSettings):
    """How the workers share scans; ``WUZHANGAI_*`` environment variables override the defaults."""

    model_config = SettingsConfigDict(env_prefix="WUZHANGAI_", extra="ignore")

    part_seconds: float = 60.0  # one crawl task's share of a scan before it hands over to the next message
    lease_seconds: float = 120.0  # a claimed page returns to the queue this long after its worker went silent
    scan_fanout: int = 4  # crawl parts one scan runs at once (at most this many workers on one site)
    visibility_timeout: float = 900.0  # Redis redelivers a message not acknowledged this long after it was taken
    tick_seconds: float = 5.0  # schedules ticked, orphans requeued, queued jobs sent this often
    # a running job with no heartbeat this long lost all its workers (and its messages): started again. Long,
    # because a job's parts may wait in the queue behind other scans' while nobody beats for it, and a killed
    # worker's part comes back by itself after the visibility timeout
    stale_after_seconds: float = 1800.0
    resend_after_seconds: float = 600.0  # a job sent but not started this long ago is sent again (message lost)


app = Celery("wuzhangai")
app.conf.update(
    task_acks_late=True,  # acknowledged when the task ends, not when it starts: a killed worker's message comes back
    task_reject_on_worker_lost=True,  # a pool process killed mid-task: its message goes back to the queue at once
    worker_prefetch_multiplier=1,  # one message per process at a time: a long part never holds back a waiting one
    task_ignore_result=True,  # the results are in the database
    task_default_queue=TASK_QUEUE,
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
)


def check_queue_url(url: str) -> str:
    """The broker URL, or ValueError (zh / en) when it is not a Redis URL."""
    if not url.startswith(("redis://", "rediss://")):
        raise ValueError(f"--queue 须为 Redis 地址，如 redis://127.0.0.1:6379/0 / --queue must be a Redis URL such "
                         f"as redis://127.0.0.1:6379/0, not {url!r}")
    return url


def configure(queue_url: str, settings: QueueSettings | None = None) -> Celery:
    settings = settings or QueueSettings()
    app.conf.broker_url = check_queue_url(queue_url)
    app.conf.broker_transport_options = {"visibility_timeout": settings.visibility_timeout}
    return app


def ping_queue(queue_url: str) -> None:
    """Raise ``QueueUnavailable`` (one line, zh / en) when no Redis answers at ``queue_url``."""
    import redis

    try:
        redis.Redis.from_url(queue_url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        raise QueueUnavailable(f"无法连接任务队列 / cannot reach the queue {queue_url}: {exc}") from exc


class QueueUnavailable(RuntimeError):
    pass


# --- what a worker process knows ---------------------------------------------------------------------------------

@dataclass
class WorkerContext:
    db: str | None
    queue_url: str
    allow_net: list[str] = field(default_factory=list)
    chromium: str | None = None
    settings: QueueSettings = field(default_factory=QueueSettings)
    name: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")

    @property
    def engine(self) -> Engine:
        from store.db import engine_for

        return engine_for(self.db)

    def worker(self) -> str:
        return f"{self.name}:{os.getpid()}"  # the pool process, which is not the process that made the context


_context: WorkerContext | None = None


def set_context(context: WorkerContext) -> None:
    global _context
    _context = context
    configure(context.queue_url, context.settings)


def context() -> WorkerContext:
    if _context is None:
        raise RuntimeError("worker context not set: run `wuzhangai worker`")
    return _context


@signals.worker_process_init.connect
def _fresh_engines(**_kwargs) -> None:
    """A forked pool process opens its own database connections, never the parent's (shared sockets)."""
    from store import db as store_db

    for engine in list(store_db._engines.values()):
        engine.dispose(close=False)
    store_db._engines.clear()


# --- sending ----------------------------------------------------------------------------------------------------

def send_job(engine: Engine, job_id: int) -> None:
    """Send one queued job to the workers now (marked sent, so the dispatcher does not send it again)."""
    job_store.mark_dispatched(engine, job_id)
    start_job.apply_async((job_id,))


def dispatch_queued(engine: Engine, settings: QueueSettings) -> list[int]:
    sent = job_store.to_dispatch(engine, settings.resend_after_seconds)
    for job_id in sent:
        start_job.apply_async((job_id,))
    return sent


class Dispatcher:
    """The scheduler of a cluster, run by every worker and by ``serve --queue``, doing its work only while it holds
    the Redis lock ``wuzhangai:tick``: tick the schedules, requeue jobs whose workers all died, send queued jobs.
    For the service it stands where the embedded runner stands (``start``, ``stop``, ``wake``)."""

    def __init__(self, engine: Engine, queue_url: str, settings: QueueSettings | None = None):
        import redis

        self.engine = engine
        self.settings = settings or QueueSettings()
        configure(queue_url, self.settings)
        self.redis = redis.Redis.from_url(queue_url)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="wuzhangai-dispatcher", daemon=True)
        self._thread.start()

    def is_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> bool:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.is_alive()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.tick_once()
            except Exception:
                log.exception("dispatcher tick failed")
            self._wake.wait(self.settings.tick_seconds)
            self._wake.clear()

    def tick_once(self) -> bool:
        """One round under the cluster's lock; False when another process holds it (it does the round)."""
        from wuzhangai.usecases.schedules import tick

        lock = self.redis.lock(TICK_LOCK, timeout=max(30.0, self.settings.tick_seconds * 6), blocking=False)
        if not lock.acquire():
            return False
        try:
            queued = tick(self.engine)
            orphans = job_store.requeue_orphans(self.engine, self.settings.stale_after_seconds)
            if orphans:
                log.info("requeued jobs %s: their workers stopped beating", orphans)
            sent = dispatch_queued(self.engine, self.settings)
            if queued or sent:
                log.info("schedules queued %s; sent %s to the workers", queued, sent)
        finally:
            try:
                lock.release()
            except Exception:  # the lock ran out meanwhile (a very slow round): nothing to release
                pass
        return True


# --- the tasks --------------------------------------------------------------------------------------------------

def _options(engine: Engine, scan_id: int, ctx: WorkerContext):
    from wuzhangai.usecases.site_scan import ScanOptions

    options = ScanOptions.from_config(scan_store.scan_row(engine, scan_id)["config"])
    options.chromium = ctx.chromium
    options.crawl.net_guard = True  # a worker never reaches a private address it was not told to
    options.crawl.allow_net = list(ctx.allow_net)
    return options


def _gate(ctx: WorkerContext, scan_id: int):
    """The politeness slots all workers of the scan share (``per_host``, ``delay``, robots Crawl-delay)."""
    from wuzhangai.jobs.hostgate import RedisHostGate

    return RedisHostGate(ctx.queue_url, f"wuzhangai:scan:{scan_id}")


@app.task(name="wuzhangai.start_job")
def start_job(job_id: int) -> str:
    """Claim the job, prepare its scan and frontier, and send its crawl parts. Idempotent: a job already started
    or ended is left alone; a job whose site has another job running waits for the next dispatch."""
    from wuzhangai.jobs.runner import prepare_job_scan
    from wuzhangai.usecases.shared_scan import crawl_part

    ctx = context()
    engine = ctx.engine
    job = job_store.claim_job(engine, job_id, ctx.worker())
    if job is None:
        current = job_store.get_job(engine, job_id)
        if current is not None and current["state"] == "queued":
            job_store.undispatch(engine, job_id)  # its site is busy: sent again at a later tick
            return "waiting"
        return "not queued"
    try:
        if job_store.cancel_requested(engine, job_id):
            job_store.finish_job(engine, job_id, "cancelled")
            return "cancelled"
        options, scan_id, resumed = prepare_job_scan(engine, job, allow_net=ctx.allow_net, chromium=ctx.chromium)
        if options is None:
            _end(engine, job_id, scan_id, ctx)
            return "finished"
        log.info("job %s: scan %s %s, %d crawl parts", job_id, scan_id, "resumed" if resumed else "started",
                 ctx.settings.scan_fanout)
        # store the start URLs and the sitemaps' pages (again, for a resumed scan: stored entries are kept)
        asyncio.run(crawl_part(engine, options, scan_id, ctx.worker(), seed=True, budget_seconds=0))
    except Exception as exc:
        log.exception("job %s failed to start", job_id)
        job_store.finish_job(engine, job_id, "failed", f"{type(exc).__name__}: {exc}")
        return "failed"
    for _ in range(max(1, ctx.settings.scan_fanout)):
        crawl.apply_async((job_id, scan_id))
    return "started"


@app.task(name="wuzhangai.crawl")
def crawl(job_id: int, scan_id: int) -> str:
    """One part of a shared scan (see the module's docstring)."""
    from wuzhangai.usecases.shared_scan import crawl_part

    ctx = context()
    engine = ctx.engine
    job = job_store.get_job(engine, job_id)
    if job is None or job["state"] != "running" or job.get("scan_id") != scan_id:
        return "job not running"
    if job_store.cancel_requested(engine, job_id):
        _cancel(engine, job_id, scan_id)
        return "cancelled"
    stopped: list[str] = []

    def keep_going() -> bool:
        if not job_store.heartbeat(engine, job_id):
            stopped.append("lost")
        elif job_store.cancel_requested(engine, job_id):
            stopped.append("cancel")
        return not stopped

    try:
        settled, pages = asyncio.run(crawl_part(engine, _options(engine, scan_id, ctx), scan_id, ctx.worker(),
                                         budget_seconds=ctx.settings.part_seconds,
                                         lease_seconds=ctx.settings.lease_seconds, gate=_gate(ctx, scan_id),
                                         keep_going=keep_going))
    except Exception as exc:  # Chromium would not start, the database went away: the job fails, said once
        log.exception("job %s: crawl part of scan %s failed", job_id, scan_id)
        if job_store.finish_job(engine, job_id, "failed", f"{type(exc).__name__}: {exc}"):
            scan_store.add_run_time(engine, scan_id, 0.0, "interrupted")
        return "failed"
    log.info("job %s: %s scanned %d pages of scan %s", job_id, ctx.worker(), pages, scan_id)
    if "cancel" in stopped:
        _cancel(engine, job_id, scan_id)
        return "cancelled"
    if stopped:
        return "job not running"
    if not settled:
        crawl.apply_async((job_id, scan_id))
        return "continues"
    _end(engine, job_id, scan_id, ctx)
    return "finished"


def _cancel(engine: Engine, job_id: int, scan_id: int) -> None:
    if job_store.finish_job(engine, job_id, "cancelled"):
        scan_store.add_run_time(engine, scan_id, 0.0, "interrupted")
        log.info("job %s cancelled; scan %s interrupted", job_id, scan_id)


def _end(engine: Engine, job_id: int, scan_id: int, ctx: WorkerContext) -> None:
    """Finish the settled scan and end the job; the one process that ends the job runs the after-scan hooks."""
    from wuzhangai.usecases.shared_scan import finish_shared_scan

    row = scan_store.scan_row(engine, scan_id)
    if row is not None and row["state"] != "finished":
        finish_shared_scan(engine, scan_id)
    if job_store.finish_job(engine, job_id, "finished"):
        log.info("job %s finished: scan %s", job_id, scan_id)
        for hook in after_scan_hooks(ctx):
            try:
                hook(engine, scan_id, job_store.get_job(engine, job_id))
            except Exception:
                log.exception("job %s: after-scan hook failed", job_id)


def after_scan_hooks(ctx: WorkerContext) -> list[Callable]:
    """Alerts for scheduled scans, sent only to receivers the network guard lets through (as ``serve``)."""
    from functools import partial

    from scanner.netpolicy import NetPolicy
    from wuzhangai.usecases.alerts import notify_after_scheduled_scan

    return [partial(notify_after_scheduled_scan, policy=NetPolicy(ctx.allow_net))]


def wait_for_job(engine: Engine, job_id: int, on_progress: Callable[[dict], None] | None = None,
                 poll_seconds: float = 1.0) -> dict:
    """Block until the job ends (the CLI waiting on the workers); returns the ended job."""
    from store.scan_watch import scan_progress

    started, hinted = time.monotonic(), False
    while True:
        job = job_store.get_job(engine, job_id)
        if job is None or job["state"] in job_store.END_STATES:
            return job
        if job["state"] == "queued" and not hinted and time.monotonic() - started > NO_WORKER_HINT_SECONDS:
            hinted = True
            log.warning("任务 %s 仍在排队：这个队列上有运行中的 wuzhangai worker 吗？/ job %s is still queued: is a "
                        "`wuzhangai worker` running on this queue and database?", job_id, job_id)
        if on_progress is not None and job.get("scan_id"):
            on_progress(scan_progress(engine, job["scan_id"]))
        time.sleep(poll_seconds)
