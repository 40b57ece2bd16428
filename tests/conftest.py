"""Shared fixtures: where ../shared is, a loopback HTTP server for a folder, the pinned axe-core version; and the
tier guard: only a test marked ``e2e`` may start Chromium.

Browser test modules carry ``xdist_group(__name__)``: under ``--dist loadgroup`` a module's tests (and the servers
its module-scoped fixtures start) stay on one worker, while the two workers run different modules side by side.
One group for all of them left one worker idle for half the suite."""
from __future__ import annotations

import functools
import http.server
import json
import os
import socket
import threading
from pathlib import Path

import pytest

from scanner.browser import NO_BROWSER_ENV

# the PostgreSQL server and a fresh database per test (pg_server, pg_url); a Redis server and a clean logical
# database per test (redis_server, redis_url)
pytest_plugins = ["tests.pg", "tests.redis_server"]

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Around a test without the ``e2e`` marker (its fixtures' set-up and teardown included) set
    ``$WUZHANGAI_NO_BROWSER``: ``scanner.browser.find_chromium``, which every Chromium launch goes through, then
    refuses, in this process and in any CLI the test starts, and the test fails saying to mark it e2e."""
    saved = os.environ.get(NO_BROWSER_ENV)
    if item.get_closest_marker("e2e"):
        os.environ.pop(NO_BROWSER_ENV, None)
    else:
        os.environ[NO_BROWSER_ENV] = item.nodeid
    try:
        return (yield)
    finally:
        if saved is None:
            os.environ.pop(NO_BROWSER_ENV, None)
        else:
            os.environ[NO_BROWSER_ENV] = saved


def pinned_axe_version() -> str:
    """The axe-core version package.json pins (what ``make`` installs and every scan must run)."""
    return json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["axe-core"]


@pytest.fixture(scope="session")
def shared() -> Path:
    assert SHARED.is_dir(), f"../shared is missing beside the checkout ({SHARED}); the corpora tests need it"
    return SHARED


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def free_port() -> int:
    """A loopback port free at this moment (for a server a test starts, or a port nothing listens on)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_directory(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
