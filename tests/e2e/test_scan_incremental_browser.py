"""Incremental browser rescans of a copy of the sample site whose server sends no validators, so pages are
compared by the SHA-256 of the document (taken from Chromium's response when rendered, from a plain GET when
checked): the unchanged site is carried over whole without starting Chromium, with the same issues and score;
a changed page alone is rendered and judged again."""
from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest

from reports.scan_document import scan_document
from scanner.crawl import CrawlConfig
from store import db as store_db
from tests.conftest import serve_directory
from wuzhangai.sample_server import SITE_ROOT
from scanner import gather_browser
from wuzhangai.usecases.site_scan import ScanOptions, run_site_scan

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]

CHANGED = "/news/2024-06-volunteer.html"


def issues(doc):
    return {i["fingerprint"]: (i["outcome"], i["count"], i["nodes"], sorted(urlsplit(u).path for u in i["pages"]))
            for i in doc["issues"]}


def test_incremental_browser_rescans_of_the_sample_site(tmp_path, monkeypatch):
    root = tmp_path / "site"
    shutil.copytree(SITE_ROOT, root)
    server, origin = serve_directory(root)
    handler = server.RequestHandlerClass.func  # serve_directory's handler class (a partial of it is served)

    def no_validators(self, keyword, value, _send=handler.send_header):
        if keyword.lower() != "last-modified":
            _send(self, keyword, value)

    monkeypatch.setattr(handler, "send_header", no_validators)
    engine = store_db.engine_for(tmp_path / "w.db")
    launches = []
    enter = gather_browser.BrowserGatherer.__aenter__

    async def counted_enter(self):
        launches.append(1)
        return await enter(self)

    monkeypatch.setattr(gather_browser.BrowserGatherer, "__aenter__", counted_enter)
    try:
        def scan(incremental):
            # the two broken links are left out: a page that failed is loaded again, which would start Chromium
            options = ScanOptions(crawl=CrawlConfig(start_urls=[origin + "/"], max_pages=30, use_sitemaps=False,
                                                    exclude=["old-guide", "missing"]), incremental=incremental)
            return scan_document(engine, run_site_scan(engine, options), "en")

        full = scan(False)
        rescan = scan(True)
        assert len(launches) == 1  # the unchanged rescan never started Chromium
        page = root / CHANGED.lstrip("/")
        page.write_text(page.read_text(encoding="utf-8").replace(
            "</main>", '<img src="/images/new-photo.png"></main>', 1), encoding="utf-8")
        changed = scan(True)
        assert len(launches) == 2
    finally:
        server.shutdown()
        engine.dispose()
        store_db._engines.clear()
    assert full["scan"]["mode"] == rescan["scan"]["mode"] == "browser"
    assert full["summary"]["pages_carried_over"] == 0
    assert rescan["summary"]["pages_carried_over"] == rescan["summary"]["pages_scanned"] == \
        full["summary"]["pages_scanned"] >= 12
    assert all(p["carried_over"] and p["timings"]["axe_ms"] is None for p in rescan["pages"])
    assert issues(rescan) == issues(full) and issues(full)
    assert rescan["site_score"] == full["site_score"] is not None
    assert rescan["summary"]["axe_seconds"] == 0.0

    assert {urlsplit(p["url"]).path for p in changed["pages"] if not p["carried_over"]} == {CHANGED}
    assert changed["summary"]["pages_carried_over"] == full["summary"]["pages_scanned"] - 1
    new = {fp: v for fp, v in issues(changed).items() if fp not in issues(full)}
    page = next(p for p in changed["pages"] if urlsplit(p["url"]).path == CHANGED)
    assert "image-alt" in {f["rule_id"] for f in page["findings"] if "new-photo.png" in f["html"]}
    assert new and all(v[3] == [CHANGED] for v in new.values())
