"""Fixed data the report tests build reports from (helpers, not tests).

* ``scanned``: a real SQLite file with two scans of ``tests/fixtures/report_site`` (two pages, a PDF link, a 404
  link) — a static scan then a browser scan, so the site has a score trend — and the site's owner and place.
  The scans are seeded from the evidence recorded in ``recorded_scans.json`` (what the gatherers brought back:
  pages, named artifacts, attachments) and judged by ``rejudge_scan``, so the report tests run no browser and an
  axe-core upgrade changes their input only when the recording is made again:
  ``.venv/bin/python -m tests.report_fixtures record`` (serves the site on loopback and scans it in Chromium).
* ``facility_frame``: a frame in the shape of ``surveys.scoring.scored_facilities`` with known counts,
  including household modification records that must never show up as points or addresses.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import serve_directory

REPORT_SITE = Path(__file__).resolve().parent / "fixtures" / "report_site"
SITE_OWNER = {"name": "测试街道办事处网站", "owner_unit": "民意街道办事处", "lon": 114.2795, "lat": 30.5905}
# A street address and a name that only household records carry: no report may print them.
HOUSEHOLD_SECRET = "友谊路77号张某某"


RECORDED = REPORT_SITE.parent / "report_site_recorded_scans.json"
RECORDED_SITE = "http://127.0.0.1:48173"  # the recorded URLs' site: fixed, so reports and assertions are stable
PAGE_FIELDS = ("url", "final_url", "depth", "referrer", "status", "content_type", "title", "lang", "redirects",
               "load_ms", "axe_ms", "total_ms", "element_count", "attempts", "error", "error_detail", "duplicate_of",
               "notes", "mode", "artifacts")
ATTACHMENT_FIELDS = ("url", "kind", "size", "content_type", "status", "found_on")


def record_scans(out: Path = RECORDED) -> None:
    """Scan the fixture site twice (static, then browser in Chromium) and write what was gathered to ``out``."""
    import json
    import tempfile

    from scanner.crawl import CrawlConfig
    from store import scans as scan_store
    from store.db import engine_for
    from wuzhangai.usecases.site_scan import ScanOptions, run_site_scan

    with tempfile.TemporaryDirectory() as tmp:
        engine = engine_for(Path(tmp) / "record.db")
        server, url = serve_directory(REPORT_SITE)
        try:
            ids = [run_site_scan(engine, ScanOptions(crawl=CrawlConfig(start_urls=[url + "/index.html"], max_pages=10),
                                                     browser=browser)) for browser in (False, True)]
        finally:
            server.shutdown()
        scans = []
        for scan_id in ids:
            stored = scan_store.load_scan(engine, scan_id)
            scans.append({"browser": stored["scan"]["mode"] == "browser", "axe_version": stored["scan"]["axe_version"],
                          "browser_version": stored["scan"]["browser_version"],
                          "pages": [{k: p[k] for k in PAGE_FIELDS} for p in stored["pages"]],
                          "attachments": [{k: a[k] for k in ATTACHMENT_FIELDS} for a in stored["attachments"]]})
    text = json.dumps({"site": url, "scans": scans}, ensure_ascii=False, indent=1).replace(url, RECORDED_SITE)
    out.write_text(text + "\n", encoding="utf-8")


def build_scanned_db(db_path: Path) -> dict:
    """Seed ``db_path`` with the two recorded scans of the fixture site and judge them (``rejudge_scan``);
    returns the engine, the site's URL and the scan ids."""
    import json

    from scanner.crawl import CrawlConfig
    from scanner.urls import url_key
    from store import scans as scan_store
    from store.db import engine_for
    from wuzhangai.usecases.site_scan import ScanOptions, create_scan, rejudge_scan
    from wuzhangai.usecases.sites import describe_site

    engine = engine_for(db_path)
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    describe_site(engine, RECORDED_SITE, **SITE_OWNER)
    ids = []
    for scan in recorded["scans"]:
        options = ScanOptions(crawl=CrawlConfig(start_urls=[RECORDED_SITE + "/index.html"], max_pages=10),
                              browser=scan["browser"])
        scan_id = create_scan(engine, options, scan["axe_version"], scan["browser_version"])
        for page in scan["pages"]:
            entry = {"url": page["url"], "url_key": url_key(page["url"]), "depth": page["depth"] or 0,
                     "referrer": page["referrer"], "source": "link"}
            scan_store.record_page(engine, scan_id, entry, page, [], "done")
        for a in scan["attachments"]:
            for found_on in a["found_on"] or [None]:
                scan_store.record_attachment(engine, scan_id, a["url"], a["kind"], found_on, a["size"],
                                             a["content_type"], a["status"])
        rejudge_scan(engine, scan_id)
        ids.append(scan_id)
    return {"engine": engine, "url": RECORDED_SITE, "static_scan": ids[0], "browser_scan": ids[1]}


_BUILT: dict[str, dict] = {}


@pytest.fixture(scope="session")
def scanned(tmp_path_factory) -> dict:
    """``build_scanned_db`` once per test process, shared by every report test module that imports this."""
    if "db" not in _BUILT:
        _BUILT["db"] = build_scanned_db(tmp_path_factory.mktemp("report-scans") / "scans.db")
    return _BUILT["db"]


def _facility(i: int, facility_type: str, street: tuple[str, str], community: tuple[str, str], status: str,
              severity: str | None = None, build_status: str = "unknown", plan_item: str | None = None,
              lon: float | None = 114.27, lat: float | None = 30.60, site_name: str | None = None) -> dict:
    rules = ([{"rule_id": "WC-01", "clause": "GB 55019-2021 §3.7.3", "severity": severity,
               "message_zh": "无障碍厕位净宽不足", "message_en": "stall too narrow"}] if status == "non_compliant" else [])
    return {"record_id": f"R-{i:03d}", "facility_type": facility_type, "street_code": street[0],
            "street_name": street[1], "community_code": community[0], "community_name": community[1],
            "site_name": site_name or f"测试场所{i}", "build_status": build_status, "lon": lon, "lat": lat,
            "source_crs": "WGS84", "status": status, "worst_severity": severity or "", "failing_rules": rules,
            "plan_item": plan_item, "failed_count": len(rules), "not_assessed_count": 0, "advisory_count": 0}


def facility_frame() -> pd.DataFrame:
    """12 public facilities in two streets + 3 household modifications (personal data) in two communities.

    Known figures: toilets 4 (2 compliant), curb ramps 6 (4 compliant), entrances 2 (1 compliant, 1
    incomplete); 7 of 12 compliant; 2 critical failures (R-002 toilet, R-006 curb ramp); new builds: 3, of
    which 2 compliant (66.7%); households modified: 3 (2 in one community, 1 in another).
    """
    minyi = ("420103006", "民意街道")
    hanxing = ("420103013", "汉兴街道")
    c1 = ("420103006002", "舞台社区")
    c2 = ("420103013002", "华安里社区")
    toilet, ramp, entrance = "一.2 公共服务设施无障碍", "一.1 道路交通无障碍", "一.2 公共服务设施无障碍"
    rows = [
        _facility(1, "toilet", minyi, c1, "compliant", plan_item=toilet, build_status="new_or_extended"),
        _facility(2, "toilet", minyi, c1, "non_compliant", "critical", plan_item=toilet, build_status="new_or_extended"),
        _facility(3, "toilet", hanxing, c2, "compliant", plan_item=toilet),
        _facility(4, "toilet", hanxing, c2, "non_compliant", "minor", plan_item=toilet),
        _facility(5, "curb_ramp", minyi, c1, "compliant", plan_item=ramp, lon=114.28, lat=30.59),
        _facility(6, "curb_ramp", minyi, c1, "non_compliant", "critical", plan_item=ramp, lon=114.281, lat=30.591),
        _facility(7, "curb_ramp", hanxing, c2, "compliant", plan_item=ramp, lon=114.262, lat=30.603),
        _facility(8, "curb_ramp", hanxing, c2, "compliant", plan_item=ramp, build_status="new_or_extended"),
        _facility(9, "curb_ramp", hanxing, c2, "compliant", plan_item=ramp, lon=114.265, lat=30.606),
        _facility(10, "curb_ramp", hanxing, c2, "non_compliant", "major", plan_item=ramp),
        _facility(11, "entrance", minyi, c1, "compliant", plan_item=entrance),
        _facility(12, "entrance", hanxing, c2, "incomplete", plan_item=entrance),
    ]
    homes = [
        _facility(13, "home_modification", minyi, c1, "compliant", plan_item="一.3 社区和家居无障碍", lon=None,
                  lat=None, site_name=None),
        _facility(14, "home_modification", minyi, c1, "compliant", plan_item="一.3 社区和家居无障碍", lon=None,
                  lat=None, site_name=None),
        _facility(15, "home_modification", hanxing, c2, "non_compliant", "major", plan_item="一.3 社区和家居无障碍",
                  lon=None, lat=None, site_name=None),
    ]
    for home in homes:
        home["record_id"] = f"HM-{HOUSEHOLD_SECRET}-{home['record_id']}"
    return pd.DataFrame(rows + homes)


if __name__ == "__main__":  # python -m tests.report_fixtures record
    import sys

    if sys.argv[1:] != ["record"]:
        sys.exit("usage: python -m tests.report_fixtures record")
    record_scans()
    print(f"recorded → {RECORDED}")
