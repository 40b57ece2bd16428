"""The embedded runner drives Chromium from its own thread and event loop: a browser job on the sample site runs
to the end, and a stop mid-scan is resumed by the next runner."""
from __future__ import annotations

import time

import pytest

from scanner.urls import base_url_of
from store import db as store_db
from store import jobs as J
from store import scans as T
from store import sites as S
from tests.jobs_helpers import LOOPBACK
from wuzhangai.jobs.runner import EmbeddedRunner
from wuzhangai.sample_server import serve_sample_site

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def _ended(engine, job_id, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = J.get_job(engine, job_id)
        if job["state"] not in J.ACTIVE_STATES:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not end")


def test_browser_job_in_the_runner_thread(tmp_path):
    engine = store_db.engine_for(tmp_path / "b.db")
    with serve_sample_site() as sample:
        site_id = S.save_site(engine, base_url_of(sample.url), "sample")
        S.update_site(engine, site_id, start_url=sample.url, scan_config={"max_pages": 8})
        job_id = J.enqueue_scan(engine, site_id)
        runner = EmbeddedRunner(engine, tick_seconds=0.2, allow_net=LOOPBACK)
        runner.start()
        try:
            deadline = time.monotonic() + 120
            while not (J.get_job(engine, job_id)["scan_id"] and T.load_scan(engine, J.get_job(engine, job_id)
                                                                            ["scan_id"])["pages"]):
                assert time.monotonic() < deadline
                time.sleep(0.1)
            assert runner.stop(30)  # Chromium closes inside the cancelled scan
            job = J.get_job(engine, job_id)
            assert job["state"] == "queued" and T.scan_row(engine, job["scan_id"])["state"] == "interrupted"
            second = EmbeddedRunner(engine, tick_seconds=0.2, allow_net=LOOPBACK)
            second.start()
            try:
                job = _ended(engine, job_id)
            finally:
                second.stop(30)
        finally:
            runner.stop(30)
    assert job["state"] == "finished", job["error"]
    scan = T.load_scan(engine, job["scan_id"])
    assert scan["scan"]["state"] == "finished" and scan["scan"]["mode"] == "browser" and scan["scan"]["axe_version"]
    urls = [p["url"] for p in scan["pages"]]
    assert len(urls) == len(set(urls)) and len([p for p in scan["pages"] if p["mode"] == "browser"]) == 8
    assert scan["issues"]
