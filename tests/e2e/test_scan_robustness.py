"""The scanner against a site that misbehaves: each bad page costs only itself, and says why."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.trapsite import TrapHandler, serve_trapsite

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]
WZ = [sys.executable, "-m", "wuzhangai.cli"]


@pytest.fixture(scope="module")
def trapsite():
    server, url = serve_trapsite()
    yield url
    server.shutdown()


def run_scan(*args, db: Path, timeout=180) -> subprocess.CompletedProcess:
    return subprocess.run([*WZ, "scan", *args, "--db", str(db), "-q"], capture_output=True, text=True,
                          timeout=timeout)


def test_bad_pages_cost_only_themselves(trapsite, tmp_path):
    out = tmp_path / "scan.json"
    started = time.monotonic()
    proc = run_scan(trapsite + "/", "--timeout", "4", "--retries", "1", "--max-pages", "30", "--out", str(out),
                    db=tmp_path / "t.db")
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    scanned = {p["url"].rsplit("/", 1)[1]: p for p in doc["pages"]}
    failed = {f["url"].rsplit("/", 1)[1]: f for f in doc["failed_pages"]}
    # good pages are scanned, including the one whose alert()/confirm() dialogs must be dismissed
    assert {"", "ok.html", "dialog.html", "flaky.html", "never-loads.html"} <= set(scanned)
    assert any(f["rule_id"] == "image-alt" for f in scanned["ok.html"]["findings"])
    # a page that broke JSON for its own purposes still comes back whole: lists stay lists
    old = scanned["prototype.html"]
    assert old["title"] == "旧脚本库"
    assert [f["wcag"] for f in old["findings"] if f["rule_id"] == "image-alt"] == [["1.1.1"]]
    # the flaky page needed its retry; 'load' that never fires still gives a scan of the document
    assert any("load event did not fire" in n for n in scanned["never-loads.html"]["notes"])
    # every page that could not be scanned is there with its reason
    assert failed["hang.html"]["reason"] == "timeout"
    assert failed["loop.html"]["reason"] == "timeout"
    assert failed["down.html"]["reason"] == "http_status" and failed["down.html"]["status"] == 500
    assert failed["down.html"]["attempts"] == 2  # one retry for 5xx
    assert failed["missing.html"]["status"] == 404 and failed["missing.html"]["referrer"].endswith("/")
    assert failed["x.html"]["reason"] == "robots"
    assert TrapHandler.hits["/private/x.html"] == 0  # disallowed: never requested
    # the redirect is followed and recorded, and its target is not scanned twice
    assert [r for r in doc["redirects"] if r["from"].endswith("/moved.html")] == [
        {"from": trapsite + "/moved.html", "to": trapsite + "/ok.html", "status": 301,
         "hops": [{"url": trapsite + "/moved.html", "status": 301}]}]
    assert TrapHandler.hits["/ok.html"] == 2  # once linked directly, once through the redirect: scanned once
    assert sum(1 for p in doc["pages"] if (p["final_url"] or "").endswith("/ok.html")) == 1
    # a page that navigates itself away while being checked is judged where it landed, not lost
    assert scanned["refresh.html"]["final_url"] == trapsite + "/landing.html"
    assert scanned["refresh.html"]["title"] == "落地页"
    assert {"url": trapsite + "/refresh.html", "status": None, "kind": "client"} in next(
        r for r in doc["redirects"] if r["from"].endswith("/refresh.html"))["hops"]
    # the PDF is an attachment, not a page
    assert [a["type"] for a in doc["attachments"]] == ["pdf"]
    assert doc["attachments"][0]["size"] == len("%PDF-1.4\n%%EOF\n")
    assert doc["attachments"][0]["found_on"] == [trapsite + "/"]
    assert elapsed < 90, f"hanging pages held the scan for {elapsed:.0f}s"


def test_killed_scan_resumes_without_rescanning(trapsite, tmp_path):
    db = tmp_path / "r.db"
    TrapHandler.chain_length = 30
    cmd = [*WZ, "scan", trapsite + "/chain/1.html", "--no-sitemap", "--max-pages", "40", "--max-depth", "50",
           "--concurrency", "1", "--db", str(db), "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        done = 0
        while time.monotonic() < deadline and done < 8:
            time.sleep(0.2)
            if db.exists():
                try:
                    with sqlite3.connect(db) as con:
                        done = con.execute("select count(*) from pages").fetchone()[0]
                except sqlite3.OperationalError:
                    pass
        assert done >= 8, "the scan did not get going"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # no clean-up of any kind: browser and python die at once
        proc.wait()
    with sqlite3.connect(db) as con:
        first_run = dict(con.execute("select url, id from pages").fetchall())
        state = con.execute("select state from scans").fetchone()[0]
    assert state == "running" and 8 <= len(first_run) < 30
    hits_before = dict(TrapHandler.hits)

    out = tmp_path / "resumed.json"
    proc2 = subprocess.run([*WZ, "scan", trapsite + "/chain/1.html", "--resume", "--max-pages", "40",
                            "--db", str(db), "-q", "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert proc2.returncode == 0, proc2.stderr
    with sqlite3.connect(db) as con:
        rows = con.execute("select url, id from pages").fetchall()
        scans = con.execute("select count(*), max(state) from scans").fetchone()
    urls = [u for u, _ in rows]
    assert scans == (1, "finished")
    assert len(urls) == len(set(urls)) == 30, "a page was stored twice or lost"
    for url, page_id in first_run.items():
        assert dict(rows)[url] == page_id  # finished pages kept as they were
        path = "/" + url.split("/", 3)[3]
        assert TrapHandler.hits[path] == hits_before[path]  # ... and not fetched again
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["summary"]["pages_scanned"] == 30
    image_alt = [i for i in doc["issues"] if i["rule_id"] == "image-alt"]
    assert len(image_alt) == 30  # every page's own image: 30 issues, one page each
