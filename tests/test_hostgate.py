"""RedisHostGate, politeness shared by the workers of one scan: on a real redis-server (tests/redis_server.py),
across processes (tests/hostgate_helpers.py), with a holder killed by SIGKILL, and under two Crawlers."""
from __future__ import annotations

import asyncio
import http.server
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import redis

from scanner.crawl import CrawlConfig, Crawler
from scanner.gather_static import StaticGatherer
from tests.test_politeness import max_overlap, run_takers
from wuzhangai.jobs.hostgate import RedisHostGate

ROOT = Path(__file__).resolve().parents[1]
START_SLACK = 0.015  # a recorded start lags its grant by the reply's trip; trips differ by a few ms


def namespace() -> str:
    return f"wuzhangai:test:{uuid.uuid4().hex[:12]}"


# ---- in one process -----------------------------------------------------------------------------------------

def test_limit_one_in_one_process(redis_url):
    holds = run_takers(RedisHostGate(redis_url, namespace()), "a.example", 1, 0.0, 0.05, 4)
    assert len(holds) == 4 and max_overlap(holds) == 1


def test_two_gates_on_one_namespace_share_the_limit_and_other_namespaces_do_not(redis_url):
    """Two gates (two clients, as two workers have) on one scan's namespace share its slots; a second scan's
    namespace has slots of its own (per_host is per scan)."""
    ns = namespace()
    holds: list[tuple[float, float]] = []

    async def take(gate):
        async with gate.slot("a.example", 1, 0.0):
            start = time.monotonic()
            await asyncio.sleep(0.2)
            holds.append((start, time.monotonic()))

    async def go(gates):
        await asyncio.gather(*(take(g) for g in gates))
        for g in gates:
            await g.aclose()

    asyncio.run(go([RedisHostGate(redis_url, ns), RedisHostGate(redis_url, ns)]))
    assert max_overlap(holds) == 1
    holds.clear()
    asyncio.run(go([RedisHostGate(redis_url, ns), RedisHostGate(redis_url, namespace())]))
    assert max_overlap(holds) == 2


def test_a_live_holder_keeps_its_slot_past_the_lease(redis_url):
    """The lease is renewed while the slot is held: a holder working three leases long is not overtaken."""
    ns = namespace()
    holder, waiter = RedisHostGate(redis_url, ns, lease=0.6), RedisHostGate(redis_url, ns, lease=0.6)

    async def go():
        held = asyncio.Event()

        async def hold():
            async with holder.slot("a.example", 1, 0.0):
                held.set()
                await asyncio.sleep(1.8)

        task = asyncio.create_task(hold())
        await held.wait()
        t0 = time.monotonic()
        async with waiter.slot("a.example", 1, 0.0):
            waited = time.monotonic() - t0
        await task
        return waited

    assert asyncio.run(go()) >= 1.8 - 0.05


def test_a_cancelled_waiter_holds_nothing_and_keys_expire(redis_url):
    ns = namespace()
    gate = RedisHostGate(redis_url, ns, lease=1.0)
    holders_key, next_key = gate.keys("a.example")

    async def go():
        async with gate.slot("a.example", 1, 0.5):
            waiting = asyncio.create_task(gate.slot("a.example", 1, 0.5).__aenter__())
            await asyncio.sleep(0.2)
            waiting.cancel()
            await asyncio.gather(waiting, return_exceptions=True)
        await gate.aclose()

    asyncio.run(go())
    client = redis.Redis.from_url(redis_url)
    assert client.zcard(holders_key) == 0
    assert 0 < client.pttl(next_key) <= 500  # the delay's key lives only as long as the delay
    time.sleep(0.6)
    assert client.keys(f"*{ns}*") == []


# ---- across processes ---------------------------------------------------------------------------------------

def _spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.hostgate_helpers", *args], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _until_ready(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        line = p.stdout.readline()
        if line.strip() != "ready":
            p.kill()
            pytest.fail(f"helper did not start: {line!r} {p.stderr.read()}")


def _take_in_processes(redis_url: str, tmp_path: Path, processes: int, limit: int, delay: float, count: int,
                       hold: str) -> list[tuple[float, float]]:
    """``processes`` workers, let go at once, each taking ``count`` slots of one host, holding each for the next
    of ``hold``'s comma-separated seconds; all their holds."""
    out = tmp_path / "holds.txt"
    ns = namespace()
    procs = [_spawn("take", redis_url, ns, "a.example", str(limit), str(delay), str(count), hold, str(out))
             for _ in range(processes)]
    try:
        _until_ready(procs)
        for p in procs:
            p.stdin.write("go\n")
            p.stdin.flush()
        for p in procs:
            _, err = p.communicate(timeout=60)
            assert p.returncode == 0, err
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    holds = sorted(tuple(map(float, line.split())) for line in out.read_text().splitlines())
    assert len(holds) == processes * count
    return holds


def test_limit_one_and_delay_across_processes(redis_url, tmp_path):
    """Three processes, four slots each, limit 1, delay 0.2 s: no two holds overlap and the starts are 0.2 s
    apart. Holds alternate 0.3 s (longer than the delay: only the limit keeps the next one out) and 0.05 s
    (shorter: only the delay spaces the next start), so either rule missing fails the test."""
    holds = _take_in_processes(redis_url, tmp_path, processes=3, limit=1, delay=0.2, count=4, hold="0.3,0.05")
    assert max_overlap(holds) == 1
    for (s1, e1), (s2, _) in zip(holds, holds[1:]):
        assert s2 >= e1
    gaps = [b[0] - a[0] for a, b in zip(holds, holds[1:])]
    assert min(gaps) >= 0.2 - START_SLACK, gaps


def test_limit_two_across_processes(redis_url, tmp_path):
    """Three processes let go at once, limit 2: two hold at once, never three, and the third waits for one."""
    holds = _take_in_processes(redis_url, tmp_path, processes=3, limit=2, delay=0.0, count=3, hold="0.3")
    assert max_overlap(holds) == 2
    assert holds[2][0] >= min(holds[0][1], holds[1][1])


def test_a_killed_holders_slot_frees_when_its_lease_ends(redis_url):
    """A worker SIGKILLed while holding the only slot (lease 1 s): the next taker gets it once the lease ended,
    not before, and not long after."""
    lease = 1.0
    ns = namespace()
    proc = _spawn("hold", redis_url, ns, "a.example", str(lease))
    try:
        _until_ready([proc])
        proc.stdin.write("go\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        assert line.startswith("held"), (line, proc.stderr.read())
        held_at = float(line.split()[1])
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()

    async def take():
        gate = RedisHostGate(redis_url, ns, lease=lease)
        async with gate.slot("a.example", 1, 0.0):
            got = time.monotonic()
        await gate.aclose()
        return got

    waited = asyncio.run(take()) - held_at  # from the grant, when the dead worker's lease began
    assert lease - 0.05 <= waited < lease + 2.0, waited


# ---- the crawler ------------------------------------------------------------------------------------------

class CountingSite:
    """A loopback site of linked pages, each answered after ``delay`` seconds, that counts the requests in
    progress at once."""

    def __init__(self, pages: int = 6, delay: float = 0.15):
        self.lock = threading.Lock()
        self.now = self.peak = self.served = 0
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the stdlib's name
                with site.lock:
                    site.now += 1
                    site.peak = max(site.peak, site.now)
                try:
                    time.sleep(delay)
                finally:
                    # counted out before the answer is sent: once the client has the whole answer it may free its
                    # slot and the next request come in while this thread is still returning (seen under load)
                    with site.lock:
                        site.now -= 1
                        site.served += 1
                links = "".join(f'<a href="/p{i}.html">{i}</a>' for i in range(pages))
                html = f"<!DOCTYPE html><html lang=zh><title>t</title><body>{links}</body></html>".encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(html)))
                self.end_headers()
                self.wfile.write(html)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"


class _Sink:
    def __init__(self):
        self.pages: list[str] = []

    def enqueued(self, entries): pass
    def page_done(self, entry, artifact, duplicate_of): self.pages.append(entry.url)
    def skipped(self, entry, reason, detail): pass
    def attachment(self, *args): pass


def _two_crawlers(redis_url: str, site_url: str, namespaces: tuple[str, str]) -> list[_Sink]:
    # no robots.txt, sitemap or soft-404 probe requests: only the pages are counted
    config = CrawlConfig([site_url], max_pages=7, concurrency=2, per_host=1, respect_robots=False,
                         use_sitemaps=False, soft_404_probe=False)

    async def crawl(ns: str, sink: _Sink):
        gate = RedisHostGate(redis_url, ns)
        crawler = Crawler(config, sink, gate=gate)
        async with StaticGatherer(config) as g1, StaticGatherer(config) as g2:
            await crawler.run([g1, g2])
        await gate.aclose()

    sinks = [_Sink(), _Sink()]

    async def go():
        await asyncio.gather(*(crawl(ns, s) for ns, s in zip(namespaces, sinks)))

    asyncio.run(go())
    return sinks


def test_two_crawlers_of_one_scan_keep_per_host_together(redis_url):
    """Two Crawlers, two workers each, per_host=1, on one scan's namespace: the site never sees two requests at
    once. On two namespaces (two scans, or the gate not shared) it does, so the first figure means something."""
    site = CountingSite()
    try:
        ns = namespace()
        sinks = _two_crawlers(redis_url, site.url, (ns, ns))
        assert [len(s.pages) for s in sinks] == [7, 7] and site.served == 14
        assert site.peak == 1
        site.peak = 0
        _two_crawlers(redis_url, site.url, (namespace(), namespace()))
        assert site.peak == 2
    finally:
        site.server.shutdown()
