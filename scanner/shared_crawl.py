"""One site crawled by many workers together: the frontier is shared (in the database), not held in memory.

``SharedCrawler`` is the single-process ``Crawler`` with its queue fed from a ``SharedFrontier``: it claims pages
in batches, scans them with the same gatherers, scope rules, retries and politeness, records each page through
the same sink, and stores the links it finds for whichever worker claims them next. The store makes each page's
write happen once (see ``store.frontier``), so a worker killed mid-batch costs only a redo of its claims.

A run is bounded (``budget_seconds``): the job layer runs it as a short task and sends another while the scan
has pages left, so one big site never holds a worker for hours and many sites share the workers fairly.
"""
from __future__ import annotations

import asyncio
import time
from typing import Callable, Protocol

from scanner.crawl import CrawlConfig, Crawler, CrawlSink, CrawlState, FrontierEntry, Gatherer
from scanner.politeness import HostGate
from scanner.revalidate import PreviousPages

TOP_UP_SECONDS = 0.02  # how soon a page taken from the local queue is replaced by a claim


class SharedFrontier(Protocol):
    """The crawl frontier all workers of one scan share (``wuzhangai.usecases.shared_scan.StoreFrontier``)."""

    def claim(self, n: int) -> list[FrontierEntry]: ...
    def renew(self, keys: list[str]) -> None: ...
    def release(self, keys: list[str]) -> None: ...
    def settled(self) -> bool: ...
    def take_redirect_target(self, entry: FrontierEntry, target: FrontierEntry) -> bool: ...


class SharedCrawler(Crawler):
    def __init__(
        self,
        config: CrawlConfig,
        sink: CrawlSink,
        frontier: SharedFrontier,
        *,
        seed: bool = False,
        budget_seconds: float = 60.0,
        lease_seconds: float = 120.0,
        poll_seconds: float = 0.2,
        keep_going: Callable[[], bool] | None = None,
        on_progress: Callable[[Crawler], None] | None = None,
        previous: PreviousPages | None = None,
        gate: HostGate | None = None,
    ):
        super().__init__(config, sink, CrawlState(), on_progress, previous, gate=gate)
        self.frontier = frontier
        self.seed = seed  # this run also stores the start URLs and the sitemaps' pages (the scan's first run)
        self.budget_seconds = budget_seconds
        self.lease_seconds = lease_seconds
        self.poll_seconds = poll_seconds
        self.keep_going = keep_going  # checked about once a second: False stops claiming (job cancelled)
        self.held: set[str] = set()  # keys claimed by this run and not yet recorded
        self.settled = False  # the scan had nothing left when this run ended

    async def prepare(self) -> None:
        await self._open()
        if self.seed:
            await self._refuse_start_urls()
        await self._read_robots()  # every worker reads robots.txt itself: one request, and its rules are needed
        await self._probe_not_found()  # and learns the site's soft 404 itself: one request per run
        if self.seed:
            await self._seed()

    async def run(self, gatherers: list[Gatherer]) -> None:
        if self._client is None:
            await self.prepare()
        workers = [asyncio.create_task(self._worker(g)) for g in gatherers]
        try:
            await self._feed(max(1, len(gatherers)) * (1 + max(g.lookahead for g in gatherers)))
            await self.queue.join()
        finally:
            for _ in workers:
                self.queue.put_nowait(None)
            await asyncio.gather(*workers, return_exceptions=True)
            self._give_back()
        await self._size_attachments()
        await self._client.aclose()

    async def _feed(self, batch: int) -> None:
        """Keep ``batch`` claimed pages waiting in the local queue (so a worker with lookahead always has its next
        page), until the scan is settled, the budget is spent or the job is stopped; renew this run's leases
        meanwhile. Pages already claimed when the budget ends are still scanned (``run`` waits for them)."""
        deadline = time.monotonic() + self.budget_seconds
        last_check = last_renew = time.monotonic()
        while True:
            now = time.monotonic()
            if now - last_renew >= self.lease_seconds / 3:
                last_renew = now
                self.frontier.renew(sorted(self.held))
            if self.keep_going is not None and now - last_check >= 1.0:
                last_check = now
                if not self.keep_going():
                    self._drain_local_queue()
                    return
            if now >= deadline:
                return
            wanted = batch - self.queue.qsize()
            if wanted <= 0:
                await asyncio.sleep(TOP_UP_SECONDS)  # no query: only watch for the queue to be taken from
                continue
            claimed = self.frontier.claim(wanted)
            for entry in claimed:
                self.held.add(entry.key)
                self.queue.put_nowait(entry)
            if claimed:
                await asyncio.sleep(0)
                continue
            if self.queue.qsize() == 0 and self.in_flight == 0 and self.frontier.settled():
                self.settled = True
                return
            await asyncio.sleep(self.poll_seconds)  # nothing claimable yet: pages in flight will store links

    def _drain_local_queue(self) -> None:
        while True:
            try:
                entry = self.queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            self.queue.task_done()
            if entry is None:
                self.queue.put_nowait(None)
                return

    def _give_back(self) -> None:
        """Claims this run took but did not record (it was stopped) go back to the queue at once rather than
        when their lease runs out."""
        if self.held:
            self.frontier.release(sorted(self.held))
            self.held.clear()

    def _claim(self, entry: FrontierEntry) -> bool:
        # the budget (max_pages) is kept by the shared frontier's claims, not by this run's count
        self.dispatched += 1
        self.claimed.add(entry.key)
        self.in_flight += 1
        return True

    def _record(self, entry: FrontierEntry, artifact) -> None:
        super()._record(entry, artifact)
        self.held.discard(entry.key)

    def _redirect_target_taken(self, entry: FrontierEntry, final: str) -> bool:
        target = FrontierEntry(final, entry.depth, entry.url, "link")
        return not self.frontier.take_redirect_target(entry, target)

    def _queue_found(self, fresh: list[FrontierEntry]) -> None:
        self.sink.enqueued(fresh)  # claimed from the store by whichever worker asks next
