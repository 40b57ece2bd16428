"""A worker loads its next page while axe-core checks the current one, when the server makes it wait
(scanner.gather_browser.TabPair).

Proved without timing: when the server is asked for the second page, it looks in the scan's own SQLite file.
Without the lookahead the first page is always stored by then (one page after the other); with it, the second
page is requested while the first is still being checked, so the first is not stored yet.
"""
from __future__ import annotations

import http.server
import json
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]

# A page heavy enough that axe-core needs a good fraction of a second on it: the window the lookahead fills.
HEAVY = "".join(f'<p>第 {i} 段 <a href="#s{i}">链接 {i}</a> <img src="/i.png" alt="图 {i}"></p>' for i in range(1500))
PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><h1>{title}</h1>{body}</main></body></html>"""


def _stored(db: Path, suffix: str) -> bool | None:
    """Whether a page whose URL ends with ``suffix`` is in the store (None: the store is not there yet)."""
    if not db.exists():
        return None
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return con.execute("SELECT count(*) FROM pages WHERE url LIKE ?", (f"%{suffix}",)).fetchone()[0] > 0
    except sqlite3.OperationalError:
        return None
    finally:
        con.close()


@pytest.fixture(params=[0.3, 0.0], ids=["slow-server", "fast-server"])
def site(request, tmp_path):
    latency = request.param
    db = tmp_path / "lookahead.db"
    seen: dict[str, bool | None] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path.endswith(".html") and not self.path.startswith("/wuzhangai-404-"):  # not the soft-404 probe
                seen.setdefault("order", []).append(self.path)
                time.sleep(latency)
            if self.path == "/second.html":
                seen["first stored when second was asked for"] = _stored(db, "/first.html")
            pages = {
                "/first.html": PAGE.format(title="第一页", body=HEAVY),
                "/second.html": PAGE.format(title="第二页", body="<p>ok</p>"),
            }
            body = pages.get(self.path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            data = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", db, seen, latency
    server.shutdown()


def test_next_page_loads_while_the_current_one_is_checked_when_the_server_is_slow(site, tmp_path):
    url, db, seen, latency = site
    out = tmp_path / "scan.json"
    proc = subprocess.run(
        [sys.executable, "-m", "wuzhangai.cli", "scan", f"{url}/first.html", f"{url}/second.html",
         "--concurrency", "1", "--no-sitemap", "--no-robots", "--max-pages", "2", "--format", "json",
         "--out", str(out), "--db", str(db), "-q"],
        capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    # both pages judged, each on its own document (the two tabs did not mix them up)
    assert sorted(p["title"] for p in doc["pages"]) == ["第一页", "第二页"]
    assert doc["failed_pages"] == []
    assert seen["order"][:2] == ["/first.html", "/second.html"]
    # 0.3 s to the first byte: worth loading ahead; loopback speed: not (the load would only compete with axe)
    assert seen["first stored when second was asked for"] is (latency == 0.0), seen
