"""Per-host politeness shared by every worker of a scan, in Redis (``RedisHostGate``, a ``scanner.politeness.
HostGate``): the workers of one scan, in any number of processes on any number of machines, together keep at most
``limit`` pages of a host in flight and ``delay`` seconds between two request starts to it.

Per host two keys under the scan's namespace: a sorted set of holders (member: a token naming the holder, score:
when its lease ends, in ms of Redis's own clock) and the time the next request may start (same clock). Each step
is one Lua script, so checking and taking a slot cannot interleave with another worker's. Times come from Redis's
``TIME`` only: the workers' clocks never meet, so a machine whose clock is off cannot take a slot early. A holder
renews its lease while it holds the slot; a worker killed while holding one (SIGKILL, a lost machine) stops
renewing, and its slot frees itself when the lease ends. Every key expires, so nothing outlives a scan."""
from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from contextlib import asynccontextmanager
from typing import AsyncIterator

import redis.asyncio as aioredis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

# KEYS: holders, next start. ARGV: token, limit, delay ms, lease ms, poll ms.
# Returns 0 when the token now holds a slot, else how many ms to wait before asking again.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit, delay, lease, poll = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local next_start = tonumber(redis.call('GET', KEYS[2]) or '0')
local full = redis.call('ZCARD', KEYS[1]) >= limit
if full then
  -- when a holder leaves is unknown: ask again soon, but not before the delay would allow a start anyway
  return math.max(poll, next_start - now)
end
if now < next_start then
  return next_start - now
end
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease)
if delay > 0 then
  -- +1: 'now' is rounded down to the ms, so the next start is at least 'delay' after this one's true time
  redis.call('SET', KEYS[2], now + delay + 1, 'PX', delay + 1)
end
return 0
"""

# KEYS: holders. ARGV: token, lease ms. Returns 1 when the lease was extended, 0 when the token no longer holds.
_RENEW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
"""


class RedisHostGate:
    """A ``HostGate`` kept in Redis, for the workers of one scan. ``namespace`` names the scan
    (``f"wuzhangai:scan:{scan_id}"``): limits are per scan, as in a single-process crawl. ``lease`` (seconds) is
    how long a slot outlives a holder that stopped renewing it; ``poll`` (seconds) how often a waiter asks again
    while the host is full."""

    def __init__(self, redis_url: str, namespace: str, lease: float = 120.0, poll: float = 0.05):
        if lease <= 0 or poll <= 0:
            raise ValueError("lease and poll must be positive")
        self.redis_url = redis_url
        self.namespace = namespace
        self.lease_ms = max(1, round(lease * 1000))
        self.poll_ms = max(1, round(poll * 1000))
        self._owner = f"{socket.gethostname()}:{os.getpid()}"  # in the token, so a stuck slot names its holder
        self._client: aioredis.Redis | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _redis(self) -> aioredis.Redis:
        # redis.asyncio's connections belong to the loop that opened them: a gate used from a second loop (a
        # second asyncio.run) gets a client of its own there
        loop = asyncio.get_running_loop()
        if self._client is None or self._loop is not loop:
            self._client = aioredis.Redis.from_url(self.redis_url)
            self._loop = loop
            self._acquire = self._client.register_script(_ACQUIRE)
            self._renew = self._client.register_script(_RENEW)
        return self._client

    def keys(self, host: str) -> tuple[str, str]:
        """The host's holders set and next-start key. The braces make one Redis Cluster hash slot of both, as a
        script's keys must be."""
        tag = f"{{{self.namespace}:host:{host}}}"
        return f"{tag}:holders", f"{tag}:next"

    @asynccontextmanager
    async def slot(self, host: str, limit: int, delay: float) -> AsyncIterator[None]:
        holders, next_key = self.keys(host)
        token = f"{self._owner}:{uuid.uuid4().hex}"
        self._redis()
        args = [token, max(1, limit), max(0, round(delay * 1000)), self.lease_ms, self.poll_ms]
        try:
            while True:
                wait_ms = int(await self._acquire(keys=[holders, next_key], args=args))
                if wait_ms <= 0:
                    break
                await asyncio.sleep(wait_ms / 1000)
        except BaseException:
            # cancelled (or the connection failed) after the script may have run: give back a slot we may hold
            # now rather than leave it blocked for a whole lease
            await self._release(holders, token)
            raise
        renewer = asyncio.create_task(self._keep(holders, token), name=f"hostgate lease {host}")
        try:
            yield
        finally:
            renewer.cancel()
            await asyncio.gather(renewer, return_exceptions=True)
            await self._release(holders, token)

    async def _keep(self, holders: str, token: str) -> None:
        """Renew the lease every third of it while the slot is held, so only a holder that stopped (killed,
        hung loop, lost network) loses its slot."""
        while True:
            await asyncio.sleep(self.lease_ms / 3000)
            try:
                held = await self._renew(keys=[holders], args=[token, self.lease_ms])
            except RedisError as exc:  # a blip: the next renewal (two more before the lease ends) may get through
                log.warning("未能续租主机并发名额 / host slot lease not renewed: %s", exc)
                continue
            if not held:
                log.warning("主机并发名额的租约在续租前已过期 / host slot lease lapsed before renewal (the worker "
                            "stalled longer than the lease): %s", token)
                return

    async def _release(self, holders: str, token: str) -> None:
        try:
            await self._redis().zrem(holders, token)
        except RedisError as exc:
            # not the page's failure: the lease frees the slot on its own
            log.warning("未能释放主机并发名额，租约到期后自动释放 / host slot not released, it frees itself when "
                        "its lease ends: %s", exc)

    async def aclose(self) -> None:
        """Close the connections (of the loop that last used the gate)."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None
