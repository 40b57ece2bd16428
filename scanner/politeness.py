"""Per-host politeness: at most ``limit`` pages of one host at a time, and ``delay`` seconds between two request
starts to it. The crawler asks a ``HostGate`` for a slot around every request to a host; where the bookkeeping
lives is the gate's business: ``LocalHostGate`` keeps it in this process (one scan, one process), a shared gate
(``wuzhangai.jobs.hostgate.RedisHostGate``) keeps it where every worker of a distributed scan sees it."""
from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import AsyncIterator, Protocol


class HostGate(Protocol):
    """Hands out per-host slots. ``slot`` returns an async context manager: entering waits until the host has
    fewer than ``limit`` holders and ``delay`` seconds have passed since the last start, exiting frees the slot."""

    def slot(self, host: str, limit: int, delay: float) -> AbstractAsyncContextManager[None]: ...


class LocalHostGate:
    """The gate of a single-process crawl: per host a semaphore of ``limit`` and the time the next request may
    start. ``limit`` is read the first time a host is seen (a crawl uses one per-host limit throughout)."""

    def __init__(self) -> None:
        self._sems: dict[str, asyncio.Semaphore] = {}
        self._next: dict[str, float] = defaultdict(float)  # time.monotonic() of the host's next allowed start

    @asynccontextmanager
    async def slot(self, host: str, limit: int, delay: float) -> AsyncIterator[None]:
        sem = self._sems.get(host)
        if sem is None:
            sem = self._sems[host] = asyncio.Semaphore(limit)
        async with sem:
            if delay > 0:
                # the start is reserved before sleeping, so the next holder is spaced from this one even while
                # this one still waits for its turn
                now = time.monotonic()
                start = max(now, self._next[host])
                self._next[host] = start + delay
                if start > now:
                    await asyncio.sleep(start - now)
            yield
