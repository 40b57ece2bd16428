"""Fixed data the report tests build reports from (helpers, not tests).

* ``scanned_db``: a real SQLite file with two real scans of ``tests/fixtures/report_site`` (two pages, a PDF
  link, a 404 link) served on 127.0.0.1 — a static scan then a browser scan in Chromium, so the site has a
  score trend — and the site's owner and place.
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


def build_scanned_db(db_path: Path) -> dict:
    """Scan the fixture site twice (static, then browser) into ``db_path``; returns ids and the URL."""
    from scanner.crawl import CrawlConfig
    from wuzhangai.usecases.site_scan import ScanOptions, run_site_scan
    from wuzhangai.usecases.sites import describe_site
    from store.db import engine_for

    engine = engine_for(db_path)
    server, url = serve_directory(REPORT_SITE)
    try:
        describe_site(engine, url, **SITE_OWNER)
        ids = [run_site_scan(engine, ScanOptions(crawl=CrawlConfig(start_urls=[url + "/index.html"], max_pages=10),
                                                 browser=browser)) for browser in (False, True)]
    finally:
        server.shutdown()
    return {"engine": engine, "url": url, "static_scan": ids[0], "browser_scan": ids[1]}


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
