"""A scan cluster as it runs: real ``wuzhangai worker`` processes (Celery) over a real redis-server, the store on a
real PostgreSQL (both started by the tests: tests/redis_server.py, tests/pg.py), scans sent by ``wuzhangai scan
--queue`` and by ``wuzhangai serve --queue``. The bundled sample site scanned by two workers gives the embedded
scan's JSON; a worker killed with SIGKILL mid-scan costs only a redo of its pages: every page is stored once and
none is lost; the service's "scan now" and a due schedule run on the workers, the schedule once although the
service and both workers take turns at the scheduling round."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.jobs_helpers import (ALLOW_LOOPBACK, CLI, REPO, slow_site, wait_for, worker_page_counts,
                                worker_processes)
from tests.test_store_postgres import IDS, TIMES, TIMINGS, _differences, _in_url_order, _without
from wuzhangai.sample_server import serve_sample_site

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]

WUZHANGAI = str(Path(sys.executable).with_name("wuzhangai"))


def scan(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    done = subprocess.run([WUZHANGAI, "scan", *args, "--quiet"], capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr
    return done


def test_two_workers_over_redis_into_postgresql_give_the_embedded_json(tmp_path, pg_url, redis_url):
    # --checks all: the expensive probes on every page; by default they run on the first page of each template
    # each tab meets, which depends on the order pages are taken (two workers, two orders)
    with serve_sample_site() as site:
        scan(site.url, "--checks", "all", "--db", str(tmp_path / "embedded.db"), *ALLOW_LOOPBACK,
             "--out", str(tmp_path / "embedded.json"))
        # short parts: each worker takes several, handing over through the queue as in a long scan
        with worker_processes(2, redis_url, pg_url, tmp_path, {"WUZHANGAI_PART_SECONDS": "3"}):
            done = scan(site.url, "--checks", "all", "--queue", redis_url, "--db", pg_url, *ALLOW_LOOPBACK,
                        "--out", str(tmp_path / "workers.json"))
    assert "sent to the workers" in done.stderr
    embedded, shared = (_in_url_order(_without(json.loads((tmp_path / f"{name}.json").read_text("utf-8")),
                                               TIMES | TIMINGS | IDS)) for name in ("embedded", "workers"))
    for doc in (embedded, shared):  # recorded in the order the workers found them
        doc["attachments"] = sorted(doc["attachments"], key=lambda a: a["url"])
    assert embedded["summary"]["pages_scanned"] == 15 and embedded["issues"]
    assert _differences(embedded, shared) == []
    shares = worker_page_counts(tmp_path, 2)
    assert sum(shares) == 17 and min(shares) > 0, shares  # 15 scanned + 2 failed pages, both workers took part


def test_crawl_parts_probe_each_page_template_once_across_the_scan(tmp_path, pg_url, redis_url):
    """With the default checks the keyboard and layout probes run on the home page and the first page of each
    template. A worker's crawl part is a new browser: it starts from the templates the scan's earlier parts stored,
    so short parts do not probe the same template again (before: a probed page in every part, 7 of 30 here)."""
    server, url = slow_site(pages=30, delay=0.05)  # the home page, and 29 pages of one template
    try:
        with worker_processes(2, redis_url, pg_url, tmp_path, {"WUZHANGAI_PART_SECONDS": "2"}):
            scan(url, "--queue", redis_url, "--db", pg_url, *ALLOW_LOOPBACK, "--out", str(tmp_path / "s.json"))
    finally:
        server.shutdown()
    pages = json.loads((tmp_path / "s.json").read_text("utf-8"))["pages"]
    probed = [p["url"] for p in pages if not any("once per page template" in n for n in p["notes"])]
    assert len(pages) == 30 and sum(worker_page_counts(tmp_path, 2)) == 30
    # the home page, and the template's first page in each of the (at most two) parts that ran before any ended
    assert url + "/" in probed or url in probed
    assert 2 <= len(probed) <= 3, probed


def test_a_worker_killed_mid_scan_costs_only_a_redo(tmp_path, pg_url, redis_url):
    from scanner.urls import url_key
    from store.db import engine_for

    server, url = slow_site(pages=40, delay=0.3)
    engine = engine_for(pg_url)
    env = {"WUZHANGAI_LEASE_SECONDS": "3", "WUZHANGAI_PART_SECONDS": "5"}
    try:
        with worker_processes(2, redis_url, pg_url, tmp_path, env) as procs:
            sender = subprocess.Popen([WUZHANGAI, "scan", url, "--no-browser", "--queue", redis_url, "--db", pg_url,
                                       "--out", str(tmp_path / "scan.json"), "--quiet"],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

            def claimed_by_w0() -> list[str]:
                with engine.connect() as conn:
                    done = conn.execute(text("SELECT count(*) FROM pages")).scalar()
                    held = [r[0] for r in conn.execute(text(
                        "SELECT url_key FROM frontier WHERE state = 'claimed' AND worker LIKE 'w0:%'"))]
                return held if done >= 5 else []

            held = wait_for(claimed_by_w0, timeout=120, what="worker 0 holding pages mid-scan")
            os.killpg(procs[0].pid, signal.SIGKILL)
            out, err = sender.communicate(timeout=240)
            assert sender.returncode == 0, err
    finally:
        server.shutdown()
    with engine.connect() as conn:
        urls = [r[0] for r in conn.execute(text("SELECT url FROM pages"))]
        states = dict(conn.execute(text("SELECT state, count(*) FROM frontier GROUP BY state")).all())
    assert len(urls) == len(set(urls)) == 40  # every page once: / and p1..p39
    assert states == {"done": 40}
    assert held and set(held) <= {url_key(u) for u in urls}  # what the killed worker held was redone
    assert worker_page_counts(tmp_path, 2)[1] > 0
    doc = json.loads((tmp_path / "scan.json").read_text("utf-8"))
    assert doc["summary"]["pages_scanned"] == 40 and doc["summary"]["pages_failed"] == 0


def test_the_service_sends_its_scans_and_schedules_to_the_workers(tmp_path, pg_url, redis_url):
    import httpx

    from store import jobs as job_store
    from store.db import engine_for
    from tests.service.server import running_service
    from wuzhangai.usecases.schedules import set_site_schedule

    engine = engine_for(pg_url)
    fast = {"WUZHANGAI_TICK_SECONDS": "1"}
    with serve_sample_site() as site, worker_processes(2, redis_url, pg_url, tmp_path, fast), \
            running_service(tmp_path, extra=["--queue", redis_url, *ALLOW_LOOPBACK], env=fast, db=pg_url) as svc:
        api = httpx.Client(base_url=svc.url, headers={"Authorization": f"Bearer {svc.tokens['assessor']}"},
                           timeout=60)
        site_id = api.post("/api/sites", json={"url": site.url, "name": "示例网站"}).json()["id"]
        started = api.post(f"/api/sites/{site_id}/scans", json={"max_pages": 30})
        assert started.status_code == 202, started.text
        scan_id = started.json()["scan_id"]
        doc = wait_for(lambda: (lambda d: d if d["scan"]["state"] == "finished" else None)(
            api.get(f"/api/scans/{scan_id}").json()), timeout=180, what="the service's scan on the workers")
        assert doc["summary"]["pages_scanned"] == 15 and doc["issues"] and doc["site_score"] < 100
        # a schedule due three days ago: one scan, although three processes tick every second
        set_site_schedule(engine, site_id, "每天 02:00", now=datetime.now(timezone.utc) - timedelta(days=3))
        scheduled = wait_for(lambda: [j for j in job_store.list_jobs(engine, site_id)
                                      if j["requested_by"] == "schedule" and j["state"] == "finished"],
                             timeout=180, what="the scheduled scan on the workers")
        rescan = api.get(f"/api/scans/{scheduled[0]['scan_id']}").json()
        time.sleep(3)  # three more rounds each: still one
    # scheduled rescans are incremental on the workers too: unchanged pages carried over, the same result
    assert rescan["summary"]["pages_carried_over"] >= 10 and rescan["site_score"] == doc["site_score"]
    jobs = job_store.list_jobs(engine, site_id)
    assert len(scheduled) == 1 and len(jobs) == 2, jobs
    assert job_store.get_schedule(engine, site_id)["next_run_at"] > datetime.now(timezone.utc)


class _DelayedSite:
    """A loopback site whose robots.txt asks for ``Crawl-delay: 1`` and whose ``pages`` pages (``/`` links the
    others) answer after ``answer`` seconds; it records when each page request arrived."""

    def __init__(self, pages: int, answer: float = 0.2):
        import http.server
        import threading

        self.arrivals: list[tuple[float, str]] = []
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the stdlib's name
                path = self.path.split("?")[0]
                if path == "/robots.txt":
                    body, ctype = b"User-agent: *\nCrawl-delay: 1\n", "text/plain"
                elif path == "/" or (path.startswith("/p") and path.endswith(".html")
                                     and path[2:-5].isdigit() and 0 < int(path[2:-5]) < pages):
                    site.arrivals.append((time.monotonic(), path))
                    links = "".join(f'<a href="/p{i}.html">{i}</a>' for i in range(1, pages))
                    time.sleep(answer)
                    body = (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>页 {path}'
                            f'</title></head><body><main><h1>页</h1>{links}</main></body></html>').encode()
                    ctype = "text/html; charset=utf-8"
                else:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"


def _pool_processes(logs: Path, n: int) -> set[str]:
    """The task processes (``wN:PID``) that scanned at least one page, from the workers' logs."""
    names = set()
    for i in range(n):
        for line in (logs / f"worker{i}.log").read_text(errors="replace").splitlines():
            if " scanned " in line and " pages of scan " in line:
                who, count = line.split(" scanned ")[0].rsplit(" ", 1)[1], line.split(" scanned ")[1].split()[0]
                if int(count) > 0:
                    names.add(who)
    return names


def test_robots_crawl_delay_holds_across_all_workers_together(tmp_path, pg_url, redis_url):
    """Two ``wuzhangai worker`` processes with ``--concurrency 2`` each (four task processes, four crawl parts of
    one scan, each part fetching two pages at once, ``--per-host 4``): robots.txt's ``Crawl-delay: 1`` still
    spaces every page request to the site 1 s apart, because the slots are kept in Redis for the whole scan. With
    a gate per process the four parts would each keep their own second and requests would arrive together."""
    site, pages = _DelayedSite(pages=12), 12
    env = {"WUZHANGAI_PART_SECONDS": "2", "WUZHANGAI_SCAN_FANOUT": "4"}
    try:
        with worker_processes(2, redis_url, pg_url, tmp_path, env, concurrency=2):
            scan(site.url, "--no-browser", "--concurrency", "2", "--per-host", "4", "--queue", redis_url,
                 "--db", pg_url, "--out", str(tmp_path / "scan.json"), timeout=300)
    finally:
        site.server.shutdown()
    doc = json.loads((tmp_path / "scan.json").read_text("utf-8"))
    assert doc["summary"]["pages_scanned"] == pages
    times = sorted(t for t, _ in site.arrivals)
    assert sorted(p for _, p in site.arrivals) == sorted({p for _, p in site.arrivals})  # each page once
    assert len(times) == pages
    gaps = [b - a for a, b in zip(times, times[1:])]
    # a grant is 1 s after the previous one by Redis's clock; the request reaches the site a little after its
    # grant, by a lag that varies with the machine's load, hence the slack
    assert min(gaps) >= 0.6, gaps
    assert times[-1] - times[0] >= (pages - 1) * 1.0 - 0.5, gaps
    takers = _pool_processes(tmp_path, 2)
    assert {t.split(":")[0] for t in takers} == {"w0", "w1"}, takers  # both workers scanned pages
    assert len(takers) >= 3, takers  # and both task processes of at least one: --concurrency 2 is two processes


def test_a_killed_workers_only_part_comes_back_after_the_visibility_timeout(tmp_path, pg_url, redis_url):
    """One crawl part per scan (``SCAN_FANOUT=1``): the worker running it is killed outright (SIGKILL to its
    whole process group: no goodbye to Redis, its message unacknowledged). Nothing else would scan the site: the
    job's heartbeat goes stale only after an hour here. Redis gives the message to the other worker once the
    visibility timeout (5 s here) has passed; it takes over the dead worker's pages when their lease ends and
    finishes the scan, every page once."""
    from scanner.urls import url_key
    from store.db import engine_for

    server, url = slow_site(pages=30, delay=0.3)
    engine = engine_for(pg_url)
    env = {"WUZHANGAI_SCAN_FANOUT": "1", "WUZHANGAI_PART_SECONDS": "600", "WUZHANGAI_LEASE_SECONDS": "3",
           "WUZHANGAI_VISIBILITY_TIMEOUT": "5", "WUZHANGAI_STALE_AFTER_SECONDS": "3600"}
    try:
        with worker_processes(2, redis_url, pg_url, tmp_path, env) as procs:
            sender = subprocess.Popen([*CLI, "scan", url, "--no-browser", "--queue", redis_url, "--db", pg_url,
                                       "--out", str(tmp_path / "scan.json"), "--quiet"],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)

            def holder() -> tuple[int, list[str]] | None:
                with engine.connect() as conn:
                    done = conn.execute(text("SELECT count(*) FROM pages")).scalar()
                    held = conn.execute(text(
                        "SELECT worker, url_key FROM frontier WHERE state = 'claimed'")).all()
                if done < 5 or not held:
                    return None
                return int(held[0][0].split(":")[0][1:]), [k for _, k in held]

            try:
                victim, held = wait_for(holder, timeout=120, what="a worker holding pages mid-scan")
                os.killpg(procs[victim].pid, signal.SIGKILL)
                out, err = sender.communicate(timeout=240)  # without the redelivery: an hour
            finally:
                if sender.poll() is None:
                    sender.kill()
                    sender.wait()
            assert sender.returncode == 0, err
    finally:
        server.shutdown()
    with engine.connect() as conn:
        urls = [r[0] for r in conn.execute(text("SELECT url FROM pages"))]
        states = dict(conn.execute(text("SELECT state, count(*) FROM frontier GROUP BY state")).all())
    assert len(urls) == len(set(urls)) == 30 and states == {"done": 30}
    assert set(held) <= {url_key(u) for u in urls}  # what the killed worker held was redone
    assert worker_page_counts(tmp_path, 2)[1 - victim] > 0  # the survivor took over the part
