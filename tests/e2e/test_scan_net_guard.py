"""The network guard (SSRF) in a browser scan: every request Chromium makes (sub-resources, fetch, iframes,
redirect hops) goes through the guard's proxy, refused ones are listed in the page's notes, and the page is still
scanned. The "internal" server on 127.0.0.2 must get nothing."""
from __future__ import annotations

import json
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from scanner.artifacts import parse_refused_note
from tests.netsites import site_and_internal

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]
METADATA_URL = "http://169.254.169.254/latest/meta-data/"


def _build(site, internal) -> None:
    inside = internal.url
    site.page("/", "首页", (
        f'<img src="{inside}/x.png" alt="内网图片">'
        '<img src="/hop.png" alt="跳转图片">'  # a sub-resource whose redirect hop is refused
        f'<iframe src="{inside}/frame.html" title="内网框架"></iframe>'
        f'<script>fetch("{inside}/api").catch(() => {{}}); fetch("{METADATA_URL}").catch(() => {{}});</script>'
        '<a href="/moved.html">搬走了</a> <a href="/secure.html">加密</a> <a href="/client.html">自动跳转</a> '
        '<a href="/ok.html">正常</a>'))
    site.redirect("/hop.png", inside + "/hop.png")
    site.redirect("/moved.html", inside + "/landing.html")
    site.redirect("/secure.html", inside.replace("http:", "https:") + "/tls.html")  # a refused CONNECT tunnel
    site.page("/ok.html", "正常")
    site.page("/client.html", "自动跳转", f'<meta http-equiv="refresh" content="0; url={inside}/meta.html"><p>跳转</p>')
    for path in ("/x.png", "/frame.html", "/api", "/hop.png", "/landing.html", "/meta.html"):
        internal.page(path, "内网")


def _scan(url: str, tmp_path, *extra) -> tuple[subprocess.CompletedProcess, dict | None]:
    out = tmp_path / "scan.json"
    proc = subprocess.run([sys.executable, "-m", "wuzhangai.cli", "scan", url, "--no-sitemap", "--max-pages", "10",
                           "--timeout", "15", "--out", str(out), "--db", str(tmp_path / "n.db"), "-q", *extra],
                          capture_output=True, text=True, timeout=180)
    return proc, (json.loads(out.read_text(encoding="utf-8")) if out.exists() else None)


def test_browser_guard_blocks_internal_requests_and_still_scans_the_page(tmp_path):
    with site_and_internal() as (site, internal):
        _build(site, internal)
        proc, doc = _scan(site.url + "/", tmp_path, "--allow-net", "127.0.0.1/32")
        assert proc.returncode == 0, proc.stderr
        assert internal.log == []  # image, iframe, fetch, redirect hops: nothing reached 127.0.0.2
    pages = {urlsplit(p["url"]).path: p for p in doc["pages"]}
    home = pages["/"]
    assert home["title"] == "首页" and home["counts"]["passes"] > 0  # scanned all the same
    blocked = dict((url, reason) for reason, url in filter(None, map(parse_refused_note, home["notes"])))
    assert blocked == {internal.url + "/x.png": "loopback", internal.url + "/frame.html": "loopback",
                       internal.url + "/api": "loopback", internal.url + "/hop.png": "loopback",
                       METADATA_URL: "metadata"}
    failed = {urlsplit(f["url"]).path: f for f in doc["failed_pages"]}
    moved = failed["/moved.html"]  # a navigation whose redirect hop is refused: failed, with why, not retried
    assert moved["reason"] == "net_refused" and moved["attempts"] == 1
    assert internal.url + "/landing.html" in moved["detail"] and "loopback" in moved["detail"]
    secure = failed["/secure.html"]
    assert secure["reason"] == "net_refused" and secure["attempts"] == 1
    assert internal.url.replace("http:", "https:") in secure["detail"]
    client = failed["/client.html"]  # a client-side (meta refresh) redirect to a refused address
    assert client["reason"] == "net_refused" and internal.url + "/meta.html" in client["detail"]
    assert pages["/ok.html"]["notes"] == []  # nothing of a refused page's tab is listed under the next page


def test_browser_scan_without_the_guard_is_unchanged(tmp_path):
    with site_and_internal() as (site, internal):
        _build(site, internal)
        proc, doc = _scan(site.url + "/", tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert {"/x.png", "/frame.html", "/api", "/hop.png"} <= set(internal.log)
    home = next(p for p in doc["pages"] if urlsplit(p["url"]).path == "/")
    assert not [n for n in home["notes"] if parse_refused_note(n)]
    assert {urlsplit(f["url"]).path: f["reason"] for f in doc["failed_pages"]}["/moved.html"] == "redirect_out_of_scope"


def test_refused_start_url_fails_at_once_with_the_reason(tmp_path):
    with site_and_internal() as (site, internal):
        _build(site, internal)
        # a stand-in browser that leaves a mark if started: the refusal comes before any browser or fetch
        # (a wall-clock bound stood here, and failed at a load average of 20)
        marker = tmp_path / "browser-started"
        chromium = tmp_path / "chromium"
        chromium.write_text(f"#!/bin/sh\ntouch {marker}\nexec /usr/lib/chromium/chromium \"$@\"\n")
        chromium.chmod(0o755)
        proc, doc = _scan(internal.url + "/", tmp_path, "--guard-net", "--chromium", str(chromium))
        assert not marker.exists()
        assert internal.log == []
    assert proc.returncode == 1 and doc is None
    assert "已拒绝访问" in proc.stderr and "loopback address" in proc.stderr


def test_the_guard_proxy_keeps_the_scanner_robust(tmp_path):
    """The trap site (hangs, endless scripts, never-firing load, dialogs, 5xx retries, redirects, client-side
    redirects, robots, a PDF) scanned through the guard's proxy gives what it gives without it."""
    from tests.e2e.trapsite import serve_trapsite

    server, url = serve_trapsite()
    try:
        results = []
        for extra in (["--allow-net", "127.0.0.1/32"], []):
            out = tmp_path / f"trap{len(extra)}.json"
            proc = subprocess.run([sys.executable, "-m", "wuzhangai.cli", "scan", url + "/", "--timeout", "4",
                                   "--retries", "1", "--max-pages", "30", "--out", str(out), "--db",
                                   str(tmp_path / f"t{len(extra)}.db"), "-q", *extra],
                                  capture_output=True, text=True, timeout=180)
            assert proc.returncode == 0, proc.stderr
            doc = json.loads(out.read_text(encoding="utf-8"))
            results.append((sorted((f["url"], f["reason"], f["attempts"]) for f in doc["failed_pages"]),
                            sorted((p["url"], p["final_url"], p["notes"] != []) for p in doc["pages"]),
                            doc["attachments"], doc["redirects"]))
    finally:
        server.shutdown()
    guarded, plain = results
    assert guarded == plain
    assert {r for _, r, _ in guarded[0]} == {"http_status", "timeout", "robots"}
