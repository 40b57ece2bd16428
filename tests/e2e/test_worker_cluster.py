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

from tests.jobs_helpers import ALLOW_LOOPBACK, slow_site, wait_for, worker_page_counts, worker_processes
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
