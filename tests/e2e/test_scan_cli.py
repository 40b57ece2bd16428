"""Exit status and messages of ``wuzhangai scan``: 0 within the gate, 1 above it or nothing scanned, 2 usage."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from scanner.axe import bundled_axe_file, version_of_axe
from tests.conftest import free_port, pinned_axe_version
from tests.e2e.trapsite import serve_trapsite

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group(__name__)]


def wz(*args, timeout=120, env=None):
    return subprocess.run([sys.executable, "-m", "wuzhangai.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=None if env is None else {**os.environ, **env})


def wz_without_node_modules(*args, timeout=120):
    """The CLI as on an install where ``npm ci`` never ran: no node_modules is found anywhere."""
    code = "import store.node_assets as n; n.node_modules_candidates = list; from wuzhangai.cli import main; main()"
    env = {k: v for k, v in os.environ.items() if k != "WUZHANGAI_AXE"}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout,
                          env=env)


@pytest.mark.parametrize("args, needle", [
    (["scan"], "URL"),
    (["scan", "ftp://example.com/"], "ftp://example.com/"),
    (["scan", "http://127.0.0.1/", "--fail-on", "bogus"], "--fail-on"),
    (["scan", "http://127.0.0.1/", "--standard", "wcag3"], "wcag3"),
    (["scan", "http://127.0.0.1/", "--include", "(unclosed"], "(unclosed"),
])
def test_usage_errors_exit_2_with_a_reason(args, needle, tmp_path):
    proc = wz(*args, "--db", str(tmp_path / "u.db"))
    assert proc.returncode == 2
    assert needle in proc.stderr
    assert not (tmp_path / "u.db").exists() or "scan" not in proc.stdout


def test_dead_site_exits_1_and_records_why(tmp_path):
    port = free_port()  # a port nobody listens on
    out = tmp_path / "dead.json"
    proc = wz("scan", f"http://127.0.0.1:{port}/", "--retries", "1", "--db", str(tmp_path / "d.db"), "-q",
              "--out", str(out))
    assert proc.returncode == 1
    assert "no page could be scanned" in proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["failed_pages"][0]["reason"] == "network" and doc["failed_pages"][0]["attempts"] == 2
    assert "ERR_CONNECTION_REFUSED" in doc["failed_pages"][0]["detail"]


def test_fail_on_gate_sets_the_exit_status(tmp_path):
    server, url = serve_trapsite()
    try:
        page = url + "/ok.html"  # one image without alt: one critical issue
        common = ["--no-sitemap", "--max-pages", "1", "-q", "--db", str(tmp_path / "g.db")]
        assert wz("scan", page, *common).returncode == 0
        gated = wz("scan", page, *common, "--fail-on", "critical")
        assert gated.returncode == 1 and "image-alt" in gated.stderr
        assert wz("scan", page, *common, "--fail-on", "1").returncode == 0
        assert wz("scan", page, *common, "--fail-on", "0").returncode == 1
        en = wz("scan", page, *common, "--lang", "en", "--format", "json")
        doc = json.loads(en.stdout)
        assert doc["issues"][0]["help"] == "Images must have alternative text"
    finally:
        server.shutdown()


def test_missing_chromium_is_one_clear_line_while_robots_were_being_fetched(tmp_path):
    # robots.txt and sitemaps are fetched while Chromium starts; when it cannot start, that fetch is stopped
    # quietly and the user reads what to do, not a traceback or asyncio's warnings about a lost task
    server, url = serve_trapsite()
    try:
        proc = wz("scan", url + "/ok.html", "--chromium", str(tmp_path / "no-such-chromium"), "-q",
                  "--db", str(tmp_path / "c.db"))
    finally:
        server.shutdown()
    assert proc.returncode == 1
    assert "Chromium not found" in proc.stderr and str(tmp_path / "no-such-chromium") in proc.stderr
    assert "Traceback" not in proc.stderr and "Task" not in proc.stderr


def test_which_axe_runs_is_said_when_it_is_not_the_pinned_one(tmp_path):
    bundled = version_of_axe(bundled_axe_file())
    pinned = pinned_axe_version()
    assert bundled != pinned
    server, url = serve_trapsite()
    db = tmp_path / "a.db"
    common = [url + "/ok.html", "--no-sitemap", "--max-pages", "1", "-q", "--db", str(db)]
    try:
        # without node_modules the older copy inside the Python package runs, and the user is told how to fix it
        fallback = wz_without_node_modules("scan", *common, "--format", "json")
        assert fallback.returncode == 0, fallback.stderr
        assert "node_modules/axe-core" in fallback.stderr and "npm ci" in fallback.stderr
        assert json.loads(fallback.stdout)["tool"]["axe_version"] == bundled
        # the pinned copy says nothing; a resumed scan started under the other copy says both versions
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE scans SET state = 'interrupted'")
        resumed = wz("scan", *common, "--resume")
        assert resumed.returncode == 0, resumed.stderr
        assert f"axe-core {bundled}" in resumed.stderr and f"checked by {pinned}" in resumed.stderr
        assert "node_modules/axe-core" not in resumed.stderr
        # $WUZHANGAI_AXE naming a missing file: one line with the path, exit 1, nothing scanned
        missing = tmp_path / "nowhere" / "axe.min.js"
        bad = wz("scan", *common, "--db", str(tmp_path / "b.db"), env={"WUZHANGAI_AXE": str(missing)})
        assert bad.returncode == 1 and str(missing) in bad.stderr and "Traceback" not in bad.stderr
        if (tmp_path / "b.db").exists():
            with sqlite3.connect(tmp_path / "b.db") as conn:
                assert conn.execute("SELECT count(*) FROM scans").fetchone()[0] == 0
    finally:
        server.shutdown()
