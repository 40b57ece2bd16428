"""A big site in static mode (``--no-browser``): every page of a generated portal scanned exactly once with the
frontier and the progress in the database, the scanner's memory bounded, and ``--resume`` after a SIGKILL
half-way losing and repeating nothing. Real HTTP on loopback (tests/bigsite.py), the real CLI in its own
process, real SQLite, a real SIGKILL.

The size: the static scan of 20,000 generated pages took 200 s on a quiet 2-core machine (bench/bench_bigsite.py,
bench/README.md "Big sites") and 3-4 times that when the machine is shared (load 8-14), more than a test
should; the tests crawl ``PAGES`` twice (~1-4 minutes on one xdist worker) and the bench crawls 20,000.
"""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.bigsite import Measured, run_measured, serve_bigsite

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("bigsite")]

PAGES = 3000
# The bound on the scanner process's peak RSS at PAGES pages. Measured: ~95 MB while crawling (flat: the crawl
# keeps URL keys and the queue, nothing per page), ~150 MB at the end when the scan is finished (issues grouped
# from every finding, the scan document of every page). A fixed 200 MB (interpreter, SQLAlchemy, lxml, the URL
# caches, bounded at 65,536 entries) plus 50 KB a page leaves room for a busy machine without letting a scan that
# holds every page's evidence (the old finish held the DOM snapshots: +30 KB a page measured, 309 MB at 5,000
# pages) or whole artifacts during the crawl pass.
RSS_BOUND_MB = 200 + PAGES * 50 / 1024
TIMEOUT = 900


def _scan_cmd(url: str, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "wuzhangai.cli", "scan", url, "--no-browser", "--max-pages", str(PAGES),
            "--db", str(db), "--quiet", *extra]


def _query(db: Path, sql: str) -> list[tuple]:
    # a plain read of the WAL database the scanner is writing (readers never block its writer)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        return conn.execute(sql).fetchall()


def _assert_every_page_once(db: Path, url: str, expected: list[str]) -> None:
    scans = _query(db, "SELECT id, state FROM scans")
    assert [s[1] for s in scans] == ["finished"], scans
    rows = _query(db, "SELECT url, error, duplicate_of FROM pages")
    counts = Counter(r[0] for r in rows)
    repeated = {u: n for u, n in counts.items() if n > 1}
    assert not repeated, f"pages stored more than once: {list(repeated.items())[:5]}"
    want = {url.rstrip("/") + p for p in expected}
    assert set(counts) == want, (f"missing {sorted(want - set(counts))[:5]}, "
                                 f"unexpected {sorted(set(counts) - want)[:5]}")
    assert [r for r in rows if r[1] or r[2]] == []  # none failed, none a duplicate
    # the frontier is the database's: every page of the site went through it and ended done
    assert _query(db, "SELECT state, count(*) FROM frontier GROUP BY state") == [("done", len(expected))]


def _report(m: Measured, label: str) -> None:
    print(f"{label}: {m.wall_s:.1f} s, {PAGES * 60 / m.wall_s:.0f} pages/min, peak RSS {m.peak_rss_mb:.0f} MB "
          f"(bound {RSS_BOUND_MB:.0f})")


def test_a_big_site_is_scanned_once_per_page_in_bounded_memory(tmp_path):
    server, url, site = serve_bigsite(PAGES)
    try:
        db = tmp_path / "big.db"
        m = run_measured(_scan_cmd(url, db), TIMEOUT)
        assert m.returncode == 0, m.stderr[-2000:]
        _report(m, "static crawl")
        _assert_every_page_once(db, url, list(site.all_paths()))
        # the shared template's barrier (a logo without alt text) is one issue listing every page
        assert _query(db, "SELECT max(page_count) FROM issues") == [(PAGES,)]
        assert m.peak_rss_mb < RSS_BOUND_MB, f"peak RSS {m.peak_rss_mb:.0f} MB > {RSS_BOUND_MB:.0f} MB"
    finally:
        server.shutdown()


def test_resume_after_sigkill_half_way_loses_and_repeats_nothing(tmp_path):
    server, url, site = serve_bigsite(PAGES)
    try:
        db = tmp_path / "big.db"
        at_kill: dict[str, object] = {}

        def kill_half_way(proc: subprocess.Popen) -> None:
            if at_kill or not db.exists():
                return
            try:
                done = _query(db, "SELECT count(*) FROM pages")[0][0]
            except sqlite3.OperationalError:  # the schema is still being created
                return
            if done >= PAGES // 2:
                proc.send_signal(signal.SIGKILL)  # no clean-up of any kind: as if the machine died
                at_kill["pages"] = done

        killed = run_measured(_scan_cmd(url, db), TIMEOUT, poll=0.1, on_poll=kill_half_way)
        assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
        # what the killed scan left in the database: its pages, and the frontier still to do
        pages = _query(db, "SELECT count(*) FROM pages")[0][0]
        frontier = dict(_query(db, "SELECT state, count(*) FROM frontier GROUP BY state"))
        assert PAGES // 2 <= pages < PAGES, (at_kill, pages)
        assert frontier["done"] == pages and frontier.get("queued", 0) > 0, frontier
        assert _query(db, "SELECT state FROM scans") in ([("running",)], [("interrupted",)])

        resumed = run_measured(_scan_cmd(url, db, "--resume"), TIMEOUT)
        assert resumed.returncode == 0, resumed.stderr[-2000:]
        assert "resuming scan #1" in resumed.stderr
        _report(resumed, f"resumed after SIGKILL at {pages} pages")
        _assert_every_page_once(db, url, list(site.all_paths()))
        assert resumed.peak_rss_mb < RSS_BOUND_MB
    finally:
        server.shutdown()
