"""Anti-bot walls and broken TLS in static mode (``--no-browser``), on the loopback fault site
(``tests/e2e/wallsite.py``): real HTTP, real TLS; the browser side is tests/e2e/test_scan_walls_browser.py."""
from __future__ import annotations

import csv
import io
import json
import subprocess

import pytest

from scanner.walls import detect_wall
from tests.e2e.wallsite import (BLOCKED_COUNT, CAPTCHA, LOGIN, WAF_403, WZ, WallHandler, _challenge, by_path, scan,
                                tls_sites, wallsite)  # noqa: F401 (tls_sites, wallsite: fixtures)


def test_detect_wall_tells_walls_from_pages():
    assert detect_wall(412, _challenge("x")).kind == "challenge"
    assert detect_wall(412, _challenge("x", marker="var $_ts=window['$_ts'];")).marker.startswith("瑞数")
    assert detect_wall(202, _challenge("x", delay_ms=300)).kind == "challenge"
    assert detect_wall(200, CAPTCHA).kind == "captcha"
    waf = detect_wall(403, WAF_403)
    assert waf.kind == "waf_block" and "Tencent" in waf.marker
    assert detect_wall(200, LOGIN) is None  # a login page with a 验证码 field, a menu and text is a page
    assert detect_wall(404, "<html><title>404</title><p>没有这个页面</p></html>") is None
    assert detect_wall(403, "<html><p>Forbidden</p></html>") is None  # a plain 403 stays http_status


def test_static_scan_records_walls_as_blocked_and_scans_the_rest(wallsite, tmp_path):
    proc, doc = scan(wallsite + "/", "--no-browser", "--retries", "0", db=tmp_path / "w.db", out=tmp_path / "w.json")
    assert proc.returncode == 0, proc.stderr
    failed, pages = by_path(doc["failed_pages"]), by_path(doc["pages"])
    # no JavaScript: every challenge is a wall here, and the detail says to use the browser
    for path, status in (("/challenge-412.html", 412), ("/challenge-202.html", 202),
                         ("/challenge-forever.html", 412)):
        assert failed[path]["reason"] == "blocked" and failed[path]["status"] == status, failed[path]
        assert "浏览器模式" in failed[path]["detail"] and "browser mode" in failed[path]["detail"]
        assert f"HTTP {status}" in failed[path]["detail"] and path in failed[path]["detail"]
    assert "瑞数" in failed["/challenge-forever.html"]["detail"]
    assert failed["/captcha.html"]["reason"] == "blocked" and "验证码" in failed["/captcha.html"]["detail"]
    assert failed["/waf-403.html"]["reason"] == "blocked" and failed["/waf-403.html"]["status"] == 403
    assert "waf.tencent-cloud.com" in failed["/waf-403.html"]["detail"]
    assert failed["/waf-403.html"]["message"].startswith("被反爬虫措施拦截")
    # nothing else is lost: the plain pages are scanned and judged (the login page with a 验证码 field too)
    assert {"/", "/ok.html", "/login.html"} <= set(pages)
    assert any(f["rule_id"] == "wza-img-alt" for f in pages["/ok.html"]["findings"])
    assert not set(failed) & set(pages)
    # the same in every output: scans show in English, CSV and HTML
    english = json.loads(subprocess.run([*WZ, "scans", "show", "1", "--format", "json", "--lang", "en", "--db",
                                         str(tmp_path / "w.db")], check=True, capture_output=True, text=True,
                                        timeout=60).stdout)
    assert by_path(english["failed_pages"])["/captcha.html"]["message"].startswith("blocked by an anti-bot wall")
    html = subprocess.run([*WZ, "scans", "show", "1", "--format", "html", "--db", str(tmp_path / "w.db")],
                          check=True, capture_output=True, text=True, timeout=60).stdout
    assert "被反爬虫措施拦截" in html and "/waf-403.html" in html


def test_many_blocked_pages_back_off_then_stop_the_crawl(wallsite, tmp_path):
    from reports.scan_document import scan_document
    from scanner.crawl import CrawlConfig
    from store.db import engine_for
    from wuzhangai.usecases.site_scan import ScanOptions, run_site_scan

    engine = engine_for(str(tmp_path / "b.db"))
    crawl = CrawlConfig(start_urls=[wallsite + "/many-blocked.html"], concurrency=1, retries=0, use_sitemaps=False,
                        blocked_backoff_after=2, blocked_backoff_s=0.2, blocked_stop_after=4)
    before = sum(n for p, n in WallHandler.hits.items() if p.startswith("/blocked/"))
    import time

    started = time.monotonic()
    scan_id = run_site_scan(engine, ScanOptions(crawl=crawl, browser=False))
    elapsed = time.monotonic() - started
    doc = scan_document(engine, scan_id)
    stopped = doc["scan"]["stopped"]
    assert stopped["reason"] == "blocked" and stopped["count"] == 4
    assert "连续 4 个页面被反爬虫措施拦截" in stopped["message"] and "4 pages in a row" in stopped["message"]
    blocked = [f for f in doc["failed_pages"] if f["reason"] == "blocked"]
    assert len(blocked) == 4  # then no more pages were taken; the rest stay queued (--resume continues)
    assert sum(n for p, n in WallHandler.hits.items() if p.startswith("/blocked/")) - before == 4 < BLOCKED_COUNT
    assert by_path(doc["pages"]).keys() >= {"/many-blocked.html", "/ok.html"}
    assert elapsed >= 0.2 + 0.4  # the 3rd and 4th blocked page waited 0.2 s and 0.4 s


@pytest.mark.parametrize("ignore", [False, True], ids=["refused", "ignored"])
def test_static_scan_tls(tls_sites, tmp_path, ignore):
    starts = [tls_sites[c] + "/" for c in ("unknown_ca", "expired", "self_signed", "wrong_host")]
    extra = ["--ignore-https-errors"] if ignore else []
    proc, doc = scan(*starts, "--no-browser", "--retries", "0", *extra, db=tmp_path / "t.db",
                     out=tmp_path / "t.json")
    problems = {"unknown_ca": "unknown_ca", "expired": "expired", "self_signed": "self_signed",
                "wrong_host": "wrong_host"}
    if not ignore:
        assert proc.returncode == 1, proc.stderr  # nothing could be scanned
        failed = {f["url"]: f for f in doc["failed_pages"]}
        words = {"unknown_ca": "unknown CA", "expired": "has expired", "self_signed": "self-signed",
                 "wrong_host": "another host"}
        zh = {"unknown_ca": "不受信任", "expired": "已过期", "self_signed": "自签名", "wrong_host": "不是为此主机"}
        for case, url in tls_sites.items():
            f = failed[url + "/"]
            assert f["reason"] == "tls_error", f
            assert words[case] in f["detail"] and zh[case] in f["detail"] and url in f["detail"], f["detail"]
        assert len(doc["pages"]) == 0
        return
    assert proc.returncode == 0, proc.stderr
    assert "--ignore-https-errors" in proc.stderr
    pages = {p["url"]: p for p in doc["pages"]}
    for case, url in tls_sites.items():
        for page in (url + "/", url + "/a.html"):  # the link is followed: the whole site is scanned, each marked
            assert problems[case] in pages[page]["tls_ignored"]["problems"], pages[page]
            assert "--ignore-https-errors" in pages[page]["tls_ignored"]["message"]
    assert doc["summary"]["pages_tls_ignored"] == 8
    csv_text = subprocess.run([*WZ, "scans", "show", "1", "--format", "csv", "--db", str(tmp_path / "t.db")],
                              check=True, capture_output=True, text=True, timeout=60).stdout
    rows = list(csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))))
    assert rows and all("ignore-https-errors" in r["tls_ignored"] for r in rows)
