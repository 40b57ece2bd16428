"""A Redis server for the tests: ``$WUZHANGAI_TEST_REDIS`` (a running server's URL) if set, else a throwaway
``redis-server`` (Debian's ``redis-server`` package) on a free loopback port, without persistence, its folder
removed afterwards. Never the machine's own Redis on 6379 unless ``$WUZHANGAI_TEST_REDIS`` names it. Each test
that asks for ``redis_url`` gets a logical database of its own (1..15, by pytest-xdist worker, so that workers
sharing one ``$WUZHANGAI_TEST_REDIS`` do not meet), flushed before and after the test.

Used as a pytest plugin (``pytest_plugins`` in conftest.py)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REDIS_ENV = "WUZHANGAI_TEST_REDIS"
START_TIMEOUT = 15.0


class ThrowawayRedis:
    def __init__(self) -> None:
        binary = shutil.which("redis-server") or ("/usr/bin/redis-server"
                                                  if Path("/usr/bin/redis-server").exists() else None)
        if binary is None:
            # a failure, not a skip: `make` installs Debian's redis-server, so its absence is a broken set-up
            pytest.fail("redis-server is not installed (Debian: apt-get install redis-server, which `make` does) "
                        "and $WUZHANGAI_TEST_REDIS does not name a running server")
        self.binary = binary
        self.root = Path(tempfile.mkdtemp(prefix="wuzhangai-redis-"))
        from tests.conftest import free_port  # here, not at the top: conftest loads this module as a plugin

        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def start(self) -> str:
        # no RDB snapshots, no AOF: a throwaway server writes nothing but its log
        cmd = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
               "--dir", str(self.root), "--logfile", str(self.root / "redis.log"), "--daemonize", "no"]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.STDOUT, cwd=self.root)
        url = f"redis://127.0.0.1:{self.port}/0"
        import redis

        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"redis-server exited with {self.proc.returncode} on start: {self._log()}")
            try:
                with redis.Redis.from_url(url, socket_timeout=1) as client:
                    if client.ping():
                        return url
            except redis.ConnectionError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"redis-server did not answer PING within {START_TIMEOUT:.0f} s: {self._log()}")
            time.sleep(0.05)

    def _log(self) -> str:
        log = self.root / "redis.log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"

    def stop(self) -> None:
        try:
            if self.proc is not None and self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_server() -> str:
    """The URL of a Redis server (``redis://127.0.0.1:PORT/0``), for the whole session."""
    url = os.environ.get(REDIS_ENV)
    if url:
        yield url
        return
    server = ThrowawayRedis()
    try:
        yield server.start()
    finally:
        server.stop()


def _worker_db() -> int:
    """1..15 by pytest-xdist worker (gw0 -> 1, ...); tests within one worker run one after another."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    number = int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else 0
    return number % 15 + 1


@pytest.fixture
def redis_url(redis_server):
    """The test server's URL on a logical database of this test's own, empty, flushed after the test."""
    import redis

    url = urlsplit(redis_server)._replace(path=f"/{_worker_db()}").geturl()  # scheme, auth, options kept
    with redis.Redis.from_url(url) as client:
        client.flushdb()  # whatever a killed earlier run left
    try:
        yield url
    finally:
        with redis.Redis.from_url(url) as client:
            client.flushdb()
