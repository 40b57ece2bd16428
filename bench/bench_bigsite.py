"""Big sites: ``wuzhangai scan`` over a generated district portal of 20,000 pages (tests/bigsite.py, synthesised
from the path on loopback, nothing on disk), in static mode (``--no-browser``) and in browser mode.

For each mode it prints pages/min (pages stored / wall seconds of the command, Python start-up and the final
scan document included), the scanner process's peak RSS (its own VmHWM, read by
itself as it exits, and polled every 0.2 s beside it), the peak of the sum of Chromium's processes' RSS, and the SQLite database's size
(with its WAL) at the end. A browser scan of 20,000 pages takes hours at ~100 pages/min on 2 cores: it crawls
``--browser-pages`` of the same site (the scan stops at ``--max-pages``) and says so; the figure per page
carries over, the wall time is extrapolated linearly in the output (the crawl's memory does not grow with the
pages: see bench/README.md).

    python bench/bench_bigsite.py [--pages 20000] [--browser-pages 800] [--skip-static] [--skip-browser]

Writes ``bench/out/bigsite.json``. See bench/README.md, section "Big sites".
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(REPO))  # this checkout's packages before any installed copy

from tests.bigsite import run_measured, serve_bigsite  # noqa: E402

OUT = HERE / "out"
TIMEOUT = 4 * 3600


def _db_mb(db: Path) -> float:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6


def bench_mode(pages_in_site: int, max_pages: int, browser: bool, workdir: Path) -> dict:
    server, url, site = serve_bigsite(pages_in_site)
    try:
        db = workdir / f"{'browser' if browser else 'static'}.db"
        cmd = [sys.executable, "-m", "wuzhangai.cli", "scan", url, "--max-pages", str(max_pages), "--db", str(db),
               "--quiet", "--format", "json", "--out", str(workdir / "scan.json")]
        if not browser:
            cmd.insert(5, "--no-browser")
        load = os.getloadavg()[0]
        m = run_measured(cmd, TIMEOUT, env={**os.environ, "PYTHONPATH": str(REPO)})
        if m.returncode != 0:
            raise SystemExit(f"scan failed ({m.returncode}): {m.stderr[-2000:]}")
        with sqlite3.connect(db) as conn:
            stored = conn.execute("SELECT count(*), count(DISTINCT url) FROM pages").fetchone()
            frontier = dict(conn.execute("SELECT state, count(*) FROM frontier GROUP BY state").fetchall())
            issues = conn.execute("SELECT count(*) FROM issues").fetchone()[0]
        result = {
            "mode": "browser" if browser else "static", "site_pages": pages_in_site, "max_pages": max_pages,
            "pages_stored": stored[0], "distinct_urls": stored[1], "frontier": frontier, "issues": issues,
            "wall_s": round(m.wall_s, 1), "pages_per_min": round(stored[0] * 60 / m.wall_s, 1),
            "peak_rss_mb_at_exit": round(m.peak_rss_mb), "scanner_hwm_mb": round(m.scanner_hwm_mb),
            "chromium_peak_mb": round(m.children_peak_mb), "db_mb": round(_db_mb(db), 1),
            "scan_json_mb": round((workdir / "scan.json").stat().st_size / 1e6, 1),
            "load_at_start": round(load, 2), "load_at_end": round(os.getloadavg()[0], 2),
        }
        if max_pages < pages_in_site:
            result["extrapolated_wall_min_for_site"] = round(m.wall_s / stored[0] * pages_in_site / 60, 1)
        return result
    finally:
        server.shutdown()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=20000, help="pages in the generated site (static mode crawls all)")
    ap.add_argument("--browser-pages", type=int, default=800, help="pages the browser-mode scan crawls of it")
    ap.add_argument("--skip-static", action="store_true")
    ap.add_argument("--skip-browser", action="store_true")
    ap.add_argument("--json", type=Path, default=OUT / "bigsite.json")
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="bigsite-") as tmp:
        runs = ([] if args.skip_static else [(args.pages, False)]) + \
               ([] if args.skip_browser else [(args.browser_pages, True)])
        for max_pages, browser in runs:
            started = time.strftime("%Y-%m-%d %H:%M")
            r = bench_mode(args.pages, max_pages, browser, Path(tmp))
            r["started"] = started
            results.append(r)
            print(f"{r['mode']:7} {r['pages_stored']:6} of {r['site_pages']} pages: {r['wall_s']:8.1f} s  "
                  f"{r['pages_per_min']:7.1f} pages/min  scanner peak RSS {r['scanner_hwm_mb']} MB "
                  f"(at exit {r['peak_rss_mb_at_exit']} MB)  Chromium peak {r['chromium_peak_mb']} MB  "
                  f"DB {r['db_mb']} MB  scan JSON {r['scan_json_mb']} MB  load {r['load_at_start']}-"
                  f"{r['load_at_end']}" + (f"  (whole site: ~{r['extrapolated_wall_min_for_site']} min)"
                                           if "extrapolated_wall_min_for_site" in r else ""), flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
