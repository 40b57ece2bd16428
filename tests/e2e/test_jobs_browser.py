"""The embedded runner drives Chromium from its own thread and event loop: a browser job on the sample site runs
to the end, and a stop mid-scan is resumed by the next runner."""
from __future__ import annotations

import pytest

from scanner.urls import base_url_of
from store import db as store_db
from store import jobs as J
from store import scans as T
from store import sites as S
from tests.jobs_helpers import LOOPBACK, run_until_ended, wait_for
from wuzhangai.jobs.runner import EmbeddedRunner
from wuzhangai.sample_server import serve_sample_site

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]


def test_browser_job_in_the_runner_thread(tmp_path):
    engine = store_db.engine_for(tmp_path / "b.db")
    with serve_sample_site() as sample:
        site_id = S.save_site(engine, base_url_of(sample.url), "sample")
        S.update_site(engine, site_id, start_url=sample.url, scan_config={"max_pages": 8})
        job_id = J.enqueue_scan(engine, site_id)
        runner = EmbeddedRunner(engine, tick_seconds=0.2, allow_net=LOOPBACK)
        runner.start()
        try:
            wait_for(lambda: (scan_id := J.get_job(engine, job_id)["scan_id"])
                     and T.load_scan(engine, scan_id)["pages"], 120, "the scan's first page")
            assert runner.stop(30)  # Chromium closes inside the cancelled scan
            job = J.get_job(engine, job_id)
            assert job["state"] == "queued" and T.scan_row(engine, job["scan_id"])["state"] == "interrupted"
            job = run_until_ended(engine, job_id, timeout=180, tick_seconds=0.2, stop_timeout=30)
        finally:
            runner.stop(30)
    assert job["state"] == "finished", job["error"]
    scan = T.load_scan(engine, job["scan_id"])
    assert scan["scan"]["state"] == "finished" and scan["scan"]["mode"] == "browser" and scan["scan"]["axe_version"]
    urls = [p["url"] for p in scan["pages"]]
    assert len(urls) == len(set(urls)) and len([p for p in scan["pages"] if p["mode"] == "browser"]) == 8
    assert scan["issues"]
