"""An incremental browser rescan of the unchanged sample site: every page carried over (the document's body
hash, taken from Chromium's response on the first scan, matches the plain GET of the second), no page rendered,
the same issues and score."""
from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from reports.scan_document import scan_document
from scanner.crawl import CrawlConfig
from store import db as store_db
from wuzhangai.sample_server import serve_sample_site
from wuzhangai.usecases.site_scan import ScanOptions, run_site_scan

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def test_incremental_browser_rescan_of_the_unchanged_sample_site(tmp_path):
    engine = store_db.engine_for(tmp_path / "w.db")
    try:
        with serve_sample_site() as site:
            docs, walls = [], []
            for incremental in (False, True):
                started = time.monotonic()
                options = ScanOptions(crawl=CrawlConfig(start_urls=[site.url], max_pages=30), incremental=incremental)
                docs.append(scan_document(engine, run_site_scan(engine, options), "en"))
                walls.append(time.monotonic() - started)
    finally:
        engine.dispose()
        store_db._engines.clear()
    full, rescan = docs
    assert full["scan"]["mode"] == rescan["scan"]["mode"] == "browser"
    assert full["summary"]["pages_carried_over"] == 0
    assert rescan["summary"]["pages_carried_over"] == rescan["summary"]["pages_scanned"] == \
        full["summary"]["pages_scanned"] >= 12
    assert all(p["carried_over"] and p["timings"]["axe_ms"] is None for p in rescan["pages"])

    def issues(doc):
        return {i["fingerprint"]: (i["outcome"], i["count"], i["nodes"], sorted(urlsplit(u).path for u in i["pages"]))
                for i in doc["issues"]}

    assert issues(rescan) == issues(full) and issues(full)
    assert rescan["site_score"] == full["site_score"] is not None
    assert rescan["summary"]["axe_seconds"] == 0.0
    assert walls[1] < walls[0]
