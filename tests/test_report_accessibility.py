"""Our own reports are accessible: both HTML reports, built from fixed data and served on 127.0.0.1, are scanned
by our scanner (axe-core WCAG 2.2 A/AA in Chromium, plus our wza-* rules) and must have zero violations.
The site report is checked in Chinese and the district report in English, so both languages' templates run."""
from __future__ import annotations

import pytest

from reports.district_report import build_district_report, render_district_html
from reports.render import atomic_write
from reports.site_report import render_site_html, site_report_data
from scanner.crawl import CrawlConfig
from tests.conftest import serve_directory
from tests.report_fixtures import facility_frame, scanned  # noqa: F401 (the fixture)
from reports.scan_document import scan_document
from wuzhangai.usecases.site_scan import ScanOptions, run_site_scan
from store.db import engine_for

pytestmark = [pytest.mark.xdist_group("report"), pytest.mark.e2e]


def test_site_and_district_reports_have_no_violations(scanned, tmp_path):  # noqa: F811
    engine = scanned["engine"]
    served = tmp_path / "reports"
    atomic_write(served / "site.html", render_site_html(site_report_data(engine, scanned["browser_scan"], "zh-CN")))
    atomic_write(served / "district-en.html",
                 render_district_html(build_district_report(engine, "en", facilities=facility_frame())))
    audit = engine_for(tmp_path / "audit.db")
    server, url = serve_directory(served)
    try:
        pages = [f"{url}/{name}" for name in ("site.html", "district-en.html")]
        scan_id = run_site_scan(audit, ScanOptions(
            crawl=CrawlConfig(start_urls=pages, max_pages=len(pages), follow_links=False, use_sitemaps=False),
            standard="wcag22aa"))
    finally:
        server.shutdown()
    doc = scan_document(audit, scan_id, "en")
    assert doc["summary"]["pages_scanned"] == 2, doc["failed_pages"]
    violations = [(i["rule_id"], i["selector"], i["pages"]) for i in doc["issues"] if i["outcome"] == "failed"]
    assert violations == []
    assert {p["lang"] for p in doc["pages"]} == {"zh-CN", "en"}
    # The scan really judged them: many rules ran and passed on every report.
    assert all(p["counts"]["passes"] >= 15 for p in doc["pages"])
