"""The embedded job runner, with static-mode scans over loopback sites (no browser): a queued job runs to the end,
a cancel stops it mid-scan, a runner killed with SIGKILL or stopped mid-scan leaves a job that the next runner
resumes on the same scan, every page stored exactly once."""
from __future__ import annotations

import collections
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from scanner.urls import base_url_of, url_key
from store import db as store_db
from store import jobs as J
from store import scans as T
from store import sites as S
from tests.conftest import ROOT
from tests.jobs_helpers import LOOPBACK, job_ended, run_until_ended, slow_site, wait_for
from wuzhangai.jobs.runner import EmbeddedRunner
from wuzhangai.sample_server import serve_sample_site

SLOW_PAGES = 24


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "runner.db"
    yield path
    eng = store_db._engines.pop(store_db.resolve_db(path), None)
    if eng is not None:
        eng.dispose()


@pytest.fixture
def engine(db_path):
    return store_db.engine_for(db_path)


@pytest.fixture
def slow():
    server, url = slow_site(SLOW_PAGES)
    yield url
    server.shutdown()
    server.server_close()


def _site(engine, url: str, **config) -> int:
    site_id = S.save_site(engine, base_url_of(url), "test site")
    S.update_site(engine, site_id, start_url=url, scan_config={"browser": False, **config})
    return site_id


def _pages(engine, scan_id: int) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(T.pages.c.url).where(T.pages.c.scan_id == scan_id)).scalars())


def _scan_of(engine, job_id: int) -> int:
    return wait_for(lambda: J.get_job(engine, job_id)["scan_id"], what="the job's scan")


def _each_page_once(engine, scan_id: int) -> None:
    counts = collections.Counter(url_key(u) for u in _pages(engine, scan_id))
    assert len(counts) == SLOW_PAGES and set(counts.values()) == {1}, counts


def test_runner_runs_a_queued_job_to_finished(engine):
    seen = []

    def hook(eng, scan_id, job):
        seen.append((eng, scan_id, job["state"], job["id"]))

    def broken_hook(eng, scan_id, job):
        raise RuntimeError("an alert that cannot be sent")

    with serve_sample_site() as sample:
        site_id = _site(engine, sample.url, max_pages=30)
        job_id = J.enqueue_scan(engine, site_id, requested_by="alice")
        runner = EmbeddedRunner(engine, tick_seconds=0.1, allow_net=LOOPBACK,
                                on_scan_finished=[broken_hook, hook])
        runner.start()
        try:
            job = job_ended(engine, job_id)
            wait_for(lambda: seen, what="the hook")
        finally:
            assert runner.stop(10)
    assert not runner.is_alive()
    assert job["state"] == "finished" and job["error"] is None and job["finished_at"] and job["worker"] is None
    scan = T.load_scan(engine, job["scan_id"])
    assert scan["scan"]["state"] == "finished" and scan["scan"]["mode"] == "static"
    assert scan["scan"]["site_id"] == site_id and scan["scan"]["config"]["crawl"]["net_guard"] is True
    assert len([p for p in scan["pages"] if p["error"] is None]) >= 10 and scan["issues"]
    assert seen == [(engine, job["scan_id"], "finished", job_id)]


def test_a_schedule_becomes_a_finished_scan(engine, slow):
    from datetime import datetime, timedelta, timezone

    from wuzhangai.usecases.schedules import set_site_schedule

    site_id = _site(engine, slow, max_pages=3)
    set_site_schedule(engine, site_id, "0 2 * * *", now=datetime.now(timezone.utc) - timedelta(days=2))
    runner = EmbeddedRunner(engine, tick_seconds=0.1, allow_net=LOOPBACK)
    runner.start()
    try:
        [job] = wait_for(lambda: J.list_jobs(engine), what="the scheduled job")
        job = job_ended(engine, job["id"])
    finally:
        runner.stop(10)
    assert job["state"] == "finished" and job["requested_by"] == "schedule" and len(J.list_jobs(engine)) == 1
    assert len(_pages(engine, job["scan_id"])) == 3


def test_cancel_mid_scan(engine, slow):
    site_id = _site(engine, slow)
    job_id = J.enqueue_scan(engine, site_id)
    runner = EmbeddedRunner(engine, tick_seconds=0.1, allow_net=LOOPBACK, check_seconds=0.1)
    runner.start()
    try:
        scan_id = _scan_of(engine, job_id)
        wait_for(lambda: len(_pages(engine, scan_id)) >= 3, what="three pages")
        assert J.request_cancel(engine, job_id, "alice")
        job = job_ended(engine, job_id, 10)
        assert runner.is_alive()  # the runner goes on with other jobs
    finally:
        runner.stop(10)
    assert job["state"] == "cancelled" and job["cancelled_by"] == "alice" and job["scan_id"] == scan_id
    assert T.scan_row(engine, scan_id)["state"] == "interrupted"
    assert 3 <= len(_pages(engine, scan_id)) < SLOW_PAGES


def test_runner_killed_mid_scan_is_resumed_by_the_next_one(engine, db_path, slow):
    site_id = _site(engine, slow)
    job_id = J.enqueue_scan(engine, site_id)
    proc = subprocess.Popen([sys.executable, "-m", "tests.jobs_helpers", "run", str(db_path)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        scan_id = _scan_of(engine, job_id)
        wait_for(lambda: len(_pages(engine, scan_id)) >= 4, what="four pages")
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    done_before = len(_pages(engine, scan_id))
    assert done_before < SLOW_PAGES
    job = J.get_job(engine, job_id)
    assert job["state"] == "running" and job["scan_id"] == scan_id  # the dead worker's job, for now
    assert T.scan_row(engine, scan_id)["state"] == "running"
    assert J.requeue_orphans(engine, 0) == [job_id]
    requeued = J.get_job(engine, job_id)
    assert requeued["state"] == "queued" and requeued["scan_id"] == scan_id
    job = run_until_ended(engine, job_id)
    assert job["state"] == "finished" and job["scan_id"] == scan_id
    assert T.scan_row(engine, scan_id)["state"] == "finished"
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(T.scans)).scalar_one() == 1  # no second scan
    _each_page_once(engine, scan_id)


def test_stop_during_a_scan_requeues_the_job_and_the_next_runner_finishes_it(engine, slow):
    site_id = _site(engine, slow)
    job_id = J.enqueue_scan(engine, site_id)
    runner = EmbeddedRunner(engine, tick_seconds=0.1, allow_net=LOOPBACK)
    runner.start()
    scan_id = _scan_of(engine, job_id)
    wait_for(lambda: len(_pages(engine, scan_id)) >= 3, what="three pages")
    started = time.monotonic()
    assert runner.stop(10) and not runner.is_alive()
    assert time.monotonic() - started < 5  # the scan was cancelled, not waited for
    job = J.get_job(engine, job_id)
    assert job["state"] == "queued" and job["scan_id"] == scan_id and job["worker"] is None
    assert T.scan_row(engine, scan_id)["state"] == "interrupted"
    assert len(_pages(engine, scan_id)) < SLOW_PAGES
    job = run_until_ended(engine, job_id)  # the next runner
    assert job["state"] == "finished" and job["scan_id"] == scan_id
    assert T.scan_row(engine, scan_id)["state"] == "finished"
    _each_page_once(engine, scan_id)


def test_a_failing_scan_fails_its_job_with_the_error_kept(engine):
    site_id = S.save_site(engine, "http://a.example", "a")
    S.update_site(engine, site_id, start_url="ftp://a.example/", scan_config={"browser": False})
    job_id = J.enqueue_scan(engine, site_id)
    runner = EmbeddedRunner(engine, tick_seconds=0.1, allow_net=LOOPBACK)
    runner.start()
    try:
        job = job_ended(engine, job_id)
        next_id = J.enqueue_scan(engine, site_id)
        runner.wake()
        assert job_ended(engine, next_id)["state"] == "failed"  # the runner survived the first failure
    finally:
        runner.stop(10)
    assert job["state"] == "failed" and "ftp://a.example/" in job["error"]


def test_two_workers_run_two_sites_at_once_and_one_site_at_a_time(engine):
    servers = [slow_site(6) for _ in range(2)]
    try:
        first, second = (_site(engine, url) for _, url in servers)
        jobs = [J.enqueue_scan(engine, first), J.enqueue_scan(engine, second), J.enqueue_scan(engine, first)]
        runner = EmbeddedRunner(engine, workers=2, tick_seconds=0.1, allow_net=LOOPBACK)
        runner.start()
        try:
            done = [job_ended(engine, j) for j in jobs]
        finally:
            runner.stop(10)
    finally:
        for server, _ in servers:
            server.shutdown()
            server.server_close()
    assert [j["state"] for j in done] == ["finished"] * 3
    a, b, again = done
    assert a["started_at"] < b["finished_at"] and b["started_at"] < a["finished_at"]  # the two sites overlapped
    assert again["started_at"] >= a["finished_at"]  # the same site's second job waited for its first
    assert len({j["scan_id"] for j in done}) == 3
