"""A logged-in scan: with ``ScanOptions.storage_state`` (a Playwright storage-state file) every browser context
starts with its cookies, so a page that needs a session cookie is scanned as the member sees it."""
from __future__ import annotations

import http.server
import json
import threading

import pytest

from reports.scan_document import scan_document
from scanner.crawl import CrawlConfig
from store.db import engine_for
from wuzhangai.usecases.site_scan import ScanOptions, run_site_scan

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]

MEMBER = b"<!doctype html><html lang='en'><head><title>Members only</title></head><body><main><h1>Welcome</h1></main></body></html>"
LOGIN = b"<!doctype html><html lang='en'><head><title>Log in</title></head><body><main><h1>Log in</h1></main></body></html>"


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        member = "session=ok" in (self.headers.get("Cookie") or "")
        self.send_response(200 if member else 401)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(MEMBER if member else LOGIN)

    def log_message(self, *args):
        pass


def _scan(tmp_path, url, name, storage_state=None):
    engine = engine_for(tmp_path / f"{name}.db")
    scan_id = run_site_scan(engine, ScanOptions(
        crawl=CrawlConfig(start_urls=[url], max_pages=1, follow_links=False, use_sitemaps=False, respect_robots=False),
        storage_state=storage_state))
    return scan_document(engine, scan_id, "en")


def test_storage_state_cookie_makes_the_scan_logged_in(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/members"
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"cookies": [{
        "name": "session", "value": "ok", "domain": "127.0.0.1", "path": "/", "expires": -1, "httpOnly": True,
        "secure": False, "sameSite": "Lax"}], "origins": []}))
    try:
        member = _scan(tmp_path, url, "member", str(state))
        anonymous = _scan(tmp_path, url, "anonymous")
    finally:
        server.shutdown()
    assert [(p["status"], p["title"]) for p in member["pages"]] == [(200, "Members only")], member["failed_pages"]
    assert not any(p["title"] == "Members only" for p in anonymous["pages"])
    assert ScanOptions.from_config(ScanOptions(crawl=CrawlConfig(start_urls=[url]), storage_state=str(state))
                                   .to_config()).storage_state == str(state)
    assert ScanOptions.from_config({k: v for k, v in ScanOptions(crawl=CrawlConfig(start_urls=[url])).to_config()
                                    .items() if k != "storage_state"}).storage_state is None
