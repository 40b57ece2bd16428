"""Crawler traps and soft 404s (``scanner.traps``), on the fault site's trap section, in static mode (no browser)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scanner import traps as T
from tests.e2e.trapsite import NEWS_ARTICLES, TrapHandler, serve_trapsite

WZ = [sys.executable, "-m", "wuzhangai.cli"]
SLACK = 2  # pages of a cut pattern beyond the cap: those queued before the cut


def test_url_pattern_generalises_numbers_and_query_values():
    assert T.url_pattern("http://h/calendar/2024/1.html?month=3") == "/calendar/{n}/{n}.html?month={n}"
    assert T.url_pattern("http://h/app.html#/news/12") == "/app.html#/news/{n}"
    assert T.url_pattern("http://h/list.html?type=a&page=2") == "/list.html?page={n}&type={v}"
    assert T.url_pattern("http://h/art/t20240102_123.html") == "/art/t{n}_{n}.html"


def test_repeated_segments_are_names_not_dates():
    assert T.repeated_segment("/x/a/a/a/") == "/x/a/a/a/…"
    assert T.repeated_segment("/a/b/a/b/a/b/") == "/a/b/a/b/a/…"
    assert T.repeated_segment("/2024/01/01/01.html") is None
    assert T.repeated_segment("/x/a/a/") is None


def test_near_identical_pattern_is_cut_and_distinct_pages_are_not():
    guard = T.TrapGuard()
    month = "<html><body><h1>{m}月 活动日历</h1><p>" + "无活动 " * 30 + "</p></body></html>"
    for m in range(1, T.TRAP_PAGES):
        assert guard.observe(f"http://h/cal/{m}.html", T.page_text(month.format(m=m))) is None
    trap = guard.observe(f"http://h/cal/{T.TRAP_PAGES}.html", T.page_text(month.format(m=99)))
    assert trap is not None and trap["pattern"] == "/cal/{n}.html" and trap["pages"] == T.TRAP_PAGES
    assert guard.refuse("http://h/cal/100.html") is trap and trap["skipped"] == 1
    from tests.e2e.trapsite import distinct_text

    for i in range(3 * T.TRAP_PAGES):
        page = f"<html><body><nav>首页 新闻 通知 公告</nav><p>{distinct_text(str(i), 120)}</p></body></html>"
        assert guard.observe(f"http://h/news/{i}.html", T.page_text(page)) is None
    assert guard.refuse("http://h/news/999.html") is None


def test_query_explosion_counts_combinations_not_one_growing_parameter():
    guard = T.TrapGuard()
    assert all(guard.refuse(f"http://h/article.jsp?id={i}&lang=zh") is None for i in range(200))
    refused = [guard.refuse(f"http://h/f.html?type={t}&year={y}&sort={o}")
               for t in "abc" for y in range(2020, 2025) for o in ("asc", "desc")]
    assert refused.count(None) == T.QUERY_VARIANTS and refused[-1]["reason"] == T.TRAP_QUERY


def test_soft_404_by_probe_and_by_title():
    probe = T.page_text("<html><body><p>" + "抱歉，您要找的内容已经移走或不存在，请从首页重新进入。" * 3 + "</p></body></html>")
    same = T.page_text("<html><body><p>" + "抱歉，您要找的内容已经移走或不存在，请从首页重新进入。" * 3 + "</p></body></html>")
    assert T.soft_404_reason(same, "某某网", probe) is not None
    assert T.soft_404_reason(T.page_text("<html><body><h1>页面不存在</h1></body></html>"), None, None) is not None
    long_article = T.page_text("<html><body><h1>如何处理 404 错误</h1><p>" + "说明" * 600 + "</p></body></html>")
    assert T.soft_404_reason(long_article, "如何处理 404 错误", None) is None


@pytest.fixture(scope="module")
def trap_scan(tmp_path_factory) -> tuple[dict, str, Path]:
    server, url = serve_trapsite(soft_404=True)
    tmp = tmp_path_factory.mktemp("traps")
    try:
        proc = subprocess.run([*WZ, "scan", url + "/traps.html", "--no-browser", "--max-pages", "300",
                               "--max-depth", "200", "--db", str(tmp / "t.db"), "-q", "--out", str(tmp / "scan.json")],
                              capture_output=True, text=True, timeout=180)
        assert proc.returncode == 0, proc.stderr
        assert "爬虫陷阱" in proc.stderr  # the scan says what it cut
        yield json.loads((tmp / "scan.json").read_text(encoding="utf-8")), url, tmp / "t.db"
    finally:
        server.shutdown()


def _paths(doc: dict, url: str) -> list[str]:
    return [p["url"][len(url):] for p in doc["pages"]]


def test_traps_are_cut_once_each_with_their_reason(trap_scan):
    doc, url, _ = trap_scan
    traps = {(t["reason"], t["pattern"]): t for t in doc["scan"]["crawler_traps"]}
    assert set(traps) == {("pattern", "/calendar/{n}/{n}.html"), ("pattern", "/archive.html?page={n}"),
                          ("repeated_segments", "/x/a/a/a/…"), ("query_explosion", "/filter.html?…")}
    paths = _paths(doc, url)
    calendar = [p for p in paths if p.startswith("/calendar/")]
    archive = [p for p in paths if p.startswith("/archive.html")]
    assert T.TRAP_PAGES <= len(calendar) <= T.TRAP_PAGES + SLACK
    assert T.TRAP_PAGES <= len(archive) <= T.TRAP_PAGES + SLACK
    assert traps[("pattern", "/calendar/{n}/{n}.html")]["pages"] == len(calendar)
    assert traps[("pattern", "/calendar/{n}/{n}.html")]["skipped"] >= 1
    assert traps[("pattern", "/calendar/{n}/{n}.html")]["example"] == url + "/calendar/2024/1.html"
    # nested relative links: /x/, /x/a/, /x/a/a/ are pages, /x/a/a/a/ is never requested
    assert sorted(p for p in paths if p.startswith("/x/")) == ["/x/", "/x/a/", "/x/a/a/"]
    assert TrapHandler.hits["/x/a/a/a/"] == 0
    # 30 filter combinations: QUERY_VARIANTS taken, the rest skipped
    assert len([p for p in paths if p.startswith("/filter.html?")]) == T.QUERY_VARIANTS
    assert traps[("query_explosion", "/filter.html?…")]["skipped"] == 30 - T.QUERY_VARIANTS
    for t in doc["scan"]["crawler_traps"]:
        assert t["message"].startswith("爬虫陷阱") and t["pattern"] in t["message"]


def test_nothing_else_is_lost(trap_scan):
    doc, url, _ = trap_scan
    paths = _paths(doc, url)
    assert len([p for p in paths if p.startswith("/news/2024/")]) == NEWS_ARTICLES  # all distinct: none cut
    # four session-id addresses of one page: scanned once
    assert len([p for p in paths if p.startswith("/account.html")]) == 1
    assert TrapHandler.hits["/account.html;jsessionid=A1B2C3"] == 1
    bound = 1 + 1 + 1 + 1 + 1 + NEWS_ARTICLES + 3 + 1 + T.QUERY_VARIANTS + 2 * (T.TRAP_PAGES + SLACK)
    assert len(doc["pages"]) <= bound


def test_soft_404_is_a_failed_page_not_a_scored_one(trap_scan):
    doc, url, _ = trap_scan
    soft = [f for f in doc["failed_pages"] if f["reason"] == "soft_404"]
    assert [urlsplit(f["url"]).path for f in soft] == ["/old-page.html"]
    assert soft[0]["message"].startswith("返回 200") and "页面不存在" in soft[0]["detail"]
    assert "/old-page.html" not in _paths(doc, url)
    # the probe for a URL that cannot exist was asked once, and is nowhere in the scan
    probes = [p for p in TrapHandler.hits if p.startswith("/wuzhangai-404-")]
    assert len(probes) == 1 and not any("wuzhangai-404" in f["url"] for f in doc["failed_pages"])


def test_traps_in_scans_show_and_the_site_report(trap_scan, tmp_path):
    doc, _, db = trap_scan
    shown = subprocess.run([*WZ, "scans", "show", str(doc["scan"]["id"]), "--db", str(db), "--lang", "en",
                            "--format", "json"], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr
    traps = json.loads(shown.stdout)["scan"]["crawler_traps"]
    assert len(traps) == 4 and all(t["message"].startswith("crawler trap") for t in traps)
    out = tmp_path / "site.html"
    rep = subprocess.run([*WZ, "report", "site", str(doc["scan"]["id"]), "--db", str(db), "--out", str(out)],
                         capture_output=True, text=True, timeout=120)
    assert rep.returncode == 0, rep.stderr
    html = out.read_text(encoding="utf-8")
    assert "爬虫陷阱（已截断）" in html and "/calendar/{n}/{n}.html" in html


def test_a_site_that_answers_every_address_with_its_home_page_has_no_soft_404s(tmp_path):
    """Many portals (and single-page apps) answer a URL that does not exist with the home page: the soft-404 probe's
    answer then reads as the start page, so content cannot tell a missing page from a page there. The start page
    must be scanned, and so must the pages it links to (a hostgate test saw every page failed soft_404 first)."""
    import http.server
    import threading

    class Everywhere(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            links = "".join(f'<a href="/p{i}.html">第{i}页</a>' for i in range(4))
            body = (f"<!DOCTYPE html><html lang=zh-CN><head><title>某区政府</title></head><body><main><h1>首页</h1>"
                    f"<p>{'欢迎访问某区人民政府门户网站。' * 4}</p>{links}</main></body></html>").encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Everywhere)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        out = tmp_path / "scan.json"
        proc = subprocess.run([*WZ, "scan", url, "--no-browser", "--no-sitemap", "--db", str(tmp_path / "s.db"),
                               "--out", str(out), "-q"], capture_output=True, text=True, timeout=120)
        assert proc.returncode in (0, 1), proc.stderr
        doc = json.loads(out.read_text(encoding="utf-8"))
    finally:
        server.shutdown()
    assert [f["reason"] for f in doc["failed_pages"]] == []
    assert sorted(urlsplit(p["url"]).path for p in doc["pages"]) == ["/", "/p0.html", "/p1.html", "/p2.html",
                                                                        "/p3.html"]


def test_trap_counts_go_on_across_resume(tmp_path):
    """Interrupted while the calendar is being scanned, then resumed: the calendar is cut after ``TRAP_PAGES`` of its
    pages in all, not ``TRAP_PAGES`` more, and each trap's counts add up over both runs (``TrapGuard.state``)."""
    import signal
    import sqlite3
    import time

    server, url = serve_trapsite()
    db, out = tmp_path / "r.db", tmp_path / "r.json"
    cmd = [*WZ, "scan", url + "/traps.html", "--no-browser", "--max-pages", "300", "--max-depth", "200",
           "--delay", "0.1", "--db", str(db), "-q"]
    try:
        first = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        calendar_at_stop = 0
        deadline = time.monotonic() + 120
        while first.poll() is None and time.monotonic() < deadline:
            try:
                with sqlite3.connect(db) as conn:
                    calendar_at_stop = conn.execute(
                        "SELECT count(*) FROM pages WHERE url LIKE '%/calendar/%'").fetchone()[0]
            except sqlite3.OperationalError:  # the schema is still being created
                pass
            if calendar_at_stop >= T.TRAP_PAGES // 2:
                first.send_signal(signal.SIGINT)  # as Ctrl-C: the run stores what it counted and stops
                break
            time.sleep(0.05)
        _, err = first.communicate(timeout=60)
        assert first.returncode == 130, err[-2000:]
        assert T.TRAP_PAGES // 2 <= calendar_at_stop < T.TRAP_PAGES, calendar_at_stop  # stopped mid-calendar
        resumed = subprocess.run([*cmd, "--resume", "--out", str(out)], capture_output=True, text=True, timeout=180)
        assert resumed.returncode == 0, resumed.stderr[-2000:]
        assert "resuming scan #1" in resumed.stderr
    finally:
        server.shutdown()
    doc = json.loads(out.read_text(encoding="utf-8"))
    traps = {(t["reason"], t["pattern"]): t for t in doc["scan"]["crawler_traps"]}
    assert set(traps) == {("pattern", "/calendar/{n}/{n}.html"), ("pattern", "/archive.html?page={n}"),
                          ("repeated_segments", "/x/a/a/a/…"), ("query_explosion", "/filter.html?…")}
    paths = _paths(doc, url)
    calendar = [p for p in paths if p.startswith("/calendar/")]
    assert T.TRAP_PAGES <= len(calendar) <= T.TRAP_PAGES + SLACK, calendar
    assert traps[("pattern", "/calendar/{n}/{n}.html")]["pages"] == len(calendar)
    assert len([p for p in paths if p.startswith("/filter.html?")]) == T.QUERY_VARIANTS
    assert traps[("query_explosion", "/filter.html?…")]["skipped"] == 30 - T.QUERY_VARIANTS
    assert len([p for p in paths if p.startswith("/news/2024/")]) == NEWS_ARTICLES
