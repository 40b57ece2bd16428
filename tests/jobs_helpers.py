"""Helpers for the job tests: a slow loopback site (each page sleeps, so a test can act mid-scan) and entry points
that run in a separate process (``python -m tests.jobs_helpers ...``): a schedule tick, an embedded runner."""
from __future__ import annotations

import contextlib
import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

PAGE_DELAY = 0.3
LOOPBACK = ["127.0.0.0/8"]  # the SSRF guard lets the test sites through


def slow_site(pages: int = 16, delay: float = PAGE_DELAY) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A site of ``pages`` HTML pages linked from ``/``; every page answers after ``delay`` seconds. Each page has
    an image without alt text (a finding for the static rules)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            path = self.path.split("?")[0]
            if path == "/":
                links = "".join(f'<li><a href="/p{i}.html">第 {i} 页</a></li>' for i in range(1, pages))
                body = f"<ul>{links}</ul>"
            elif path.startswith("/p") and path.endswith(".html") and path[2:-5].isdigit() \
                    and 0 < int(path[2:-5]) < pages:
                body = f'<p>第 {path[2:-5]} 页</p><img src="/x.png"><a href="/">首页</a>'
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            time.sleep(delay)
            html = (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>测试 {path}</title>'
                    f'</head><body><main><h1>慢速网站</h1>{body}</main></body></html>').encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def wait_for(predicate, timeout: float = 30.0, what: str = "condition"):
    """``predicate()``'s first true value, asked every 50 ms; AssertionError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def job_ended(engine, job_id: int, timeout: float = 60.0) -> dict:
    """The job once it is no longer queued or running."""
    from store import jobs as J

    return wait_for(lambda: (j := J.get_job(engine, job_id))["state"] not in J.ACTIVE_STATES and j,
                    timeout, f"job {job_id} to end")


def run_until_ended(engine, job_id: int, timeout: float = 60.0, tick_seconds: float = 0.1,
                    stop_timeout: float = 10.0) -> dict:
    """A fresh embedded runner (the next start of the service) until the job ended; the job as it ended."""
    from wuzhangai.jobs.runner import EmbeddedRunner

    runner = EmbeddedRunner(engine, tick_seconds=tick_seconds, allow_net=LOOPBACK)
    runner.start()
    try:
        return job_ended(engine, job_id, timeout)
    finally:
        runner.stop(stop_timeout)


def _tick(db: str, now: str, barrier_at: str) -> None:
    """Tick at ``now`` once the wall clock reaches ``barrier_at`` (epoch seconds), so that two processes race."""
    from datetime import datetime

    from store.db import engine_for
    from wuzhangai.usecases.schedules import tick

    engine = engine_for(db)
    while time.time() < float(barrier_at):
        time.sleep(0.001)
    print(",".join(map(str, tick(engine, datetime.fromisoformat(now)))), flush=True)


def _run(db: str) -> None:
    """An embedded runner until killed (SIGKILL in the tests)."""
    from store.db import engine_for
    from wuzhangai.jobs.runner import EmbeddedRunner

    runner = EmbeddedRunner(engine_for(db), tick_seconds=0.1, allow_net=LOOPBACK)
    runner.start()
    print("started", flush=True)
    while runner.is_alive():
        time.sleep(0.1)


if __name__ == "__main__":
    {"tick": _tick, "run": _run}[sys.argv[1]](*sys.argv[2:])


# this checkout's code, in the scan and in the workers (also run by bench/bench_cluster.py)
CLI = [sys.executable, "-m", "wuzhangai.cli"]
REPO = Path(__file__).resolve().parents[1]
ALLOW_LOOPBACK = ["--allow-net", "127.0.0.1/32"]  # the CLI options that let a worker reach the test sites


@contextlib.contextmanager
def worker_processes(n: int, queue: str, db: str, logs: Path, env: dict[str, str] | None = None,
                     concurrency: int = 1) -> Iterator[list[subprocess.Popen]]:
    """``n`` ``wuzhangai worker`` processes (``--concurrency 1`` each unless told, logs in ``logs/worker{i}.log``),
    each in its own process group (so a test can kill one whole); yields them once every one says it is ready;
    all are stopped (SIGTERM, then SIGKILL, to the whole group) afterwards."""
    procs, files = [], []
    try:
        for i in range(n):
            f = open(logs / f"worker{i}.log", "wb")
            files.append(f)
            procs.append(subprocess.Popen(
                [*CLI, "worker", "--queue", queue, "--db", db, "--concurrency", str(concurrency), "--name", f"w{i}",
                 *ALLOW_LOOPBACK],
                stdout=f, stderr=subprocess.STDOUT, start_new_session=True, cwd=REPO,
                env={**os.environ, **(env or {})}))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if all(" ready." in (logs / f"worker{i}.log").read_text(errors="replace") for i in range(n)):
                break
            dead = [i for i, p in enumerate(procs) if p.poll() is not None]
            if dead:
                raise RuntimeError(f"worker {dead[0]} exited: {(logs / f'worker{dead[0]}.log').read_text()[-2000:]}")
            time.sleep(0.2)
        else:
            raise RuntimeError(f"workers not ready within 120 s; see {logs}")
        yield procs
    finally:
        for p in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(p.pid, signal.SIGKILL)
                p.wait(10)
        for f in files:
            f.close()


def worker_page_counts(logs: Path, n: int) -> list[int]:
    """Pages each worker's crawl parts scanned, from its log (``... scanned N pages of scan S``)."""
    counts = []
    for i in range(n):
        text = (logs / f"worker{i}.log").read_text(errors="replace")
        counts.append(sum(int(line.split(" scanned ")[1].split()[0]) for line in text.splitlines()
                          if " scanned " in line and " pages of scan " in line))
    return counts
