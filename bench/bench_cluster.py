"""The worker cluster: pages/min of ``wuzhangai worker`` processes (Celery over Redis, the store on PostgreSQL)
beside the embedded ``wuzhangai scan``, and what the queue and the database cost per page.

Three measurements, each scan into a fresh PostgreSQL database, each cluster run with fresh workers on a flushed
Redis database (both servers are throwaway ones started here, as the tests do: tests/pg.py, tests/redis_server.py):

1. browser mode, the real thing: the 50 generated pages of ``make_pages.py`` (served from this process, as in
   ``bench_scan.py``), scanned embedded (no queue) and by 1 and 2 worker processes (``--concurrency 1`` each,
   separate ``wuzhangai worker`` processes), the scan's ``--concurrency 1`` everywhere;
2. an I/O-bound server: ``tests.jobs_helpers.slow_site`` (every page answers after 0.5 s, threaded), scanned
   in static mode (``--no-browser``) embedded and by 1, 4 and 8 worker processes (``--concurrency 1`` each), the
   scan's ``--concurrency 1`` (per crawl part) and ``--per-host 16`` (politeness does not throttle);
3. the overhead per page: PostgreSQL transactions (``pg_stat_database.xact_commit + xact_rollback`` of the scan's
   database) and Redis commands (``INFO commandstats``, all calls) over each run, divided by the pages; the idle
   rate of the workers (dispatcher ticks, Celery's polling) is measured for ``--idle`` seconds before each scan and
   reported beside it; the wall overhead per page is (1 worker - embedded) wall / pages on the slow site.

Pages/min = pages scanned / wall seconds of the ``wuzhangai scan`` command, from sending to done (workers already
running and ready); the store's ``scans.wall_seconds`` is reported beside it. Storage per page is
``pg_total_relation_size`` of pages + findings (+ issues, frontier) over the pages stored.

    python bench/bench_cluster.py [--pages 50] [--slow-pages 80] [--workers 1,4,8] [--skip-browser]

See bench/README.md, section "Cluster". Writes ``bench/out/cluster.json``.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(REPO))  # this checkout's packages before any installed copy

from bench_scan import OUT, machine, machine_busy_seconds, serve_dir  # noqa: E402
from make_pages import DEFAULT_OUT as SITE_DIR, make_pages  # noqa: E402

from tests.jobs_helpers import ALLOW_LOOPBACK, CLI, slow_site, worker_page_counts, worker_processes  # noqa: E402
from tests.pg import ThrowawayCluster  # noqa: E402
from tests.redis_server import ThrowawayRedis  # noqa: E402

SCAN_TIMEOUT = 900


class Servers:
    """A throwaway PostgreSQL and Redis, and a fresh database / flushed Redis db per run."""

    def __init__(self) -> None:
        self.pg, self.redis = ThrowawayCluster(), ThrowawayRedis()
        self.pg_admin = self.pg.start()
        self.redis_url = self.redis.start()

    def fresh_db(self) -> tuple[str, str]:
        import psycopg

        name = f"bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(self.pg_admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name, self.pg_admin.rsplit("/", 1)[0] + "/" + name

    def flush_redis(self) -> None:
        import redis

        with redis.Redis.from_url(self.redis_url) as r:
            r.flushdb()
            r.config_resetstat()

    def redis_calls(self) -> int:
        import redis

        with redis.Redis.from_url(self.redis_url) as r:
            return sum(v["calls"] for k, v in r.info("commandstats").items())

    def redis_memory(self) -> dict:
        import redis

        with redis.Redis.from_url(self.redis_url) as r:
            return {"used_memory": r.info("memory")["used_memory"]}

    def xacts(self, db: str) -> int:
        import psycopg

        time.sleep(1.2)  # backends flush their statistics about once a second (PostgreSQL 15+)
        with psycopg.connect(self.pg_admin, autocommit=True) as conn:
            return conn.execute("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s",
                                (db,)).fetchone()[0]

    def store_view(self, db_url: str) -> dict:
        import psycopg

        with psycopg.connect(db_url, autocommit=True) as conn:
            wall, pages_n = conn.execute("SELECT wall_seconds, pages_scanned FROM scans ORDER BY id DESC LIMIT 1") \
                .fetchone() if _has_column(conn, "scans", "pages_scanned") else \
                (conn.execute("SELECT wall_seconds FROM scans ORDER BY id DESC LIMIT 1").fetchone()[0], None)
            stored = conn.execute("SELECT count(*) FROM pages").fetchone()[0]
            sizes = {t: conn.execute("SELECT pg_total_relation_size(%s)", (t,)).fetchone()[0]
                     for t in ("pages", "findings", "issues", "frontier")}
            findings = conn.execute("SELECT count(*) FROM findings").fetchone()[0]
            # where a stored page's bytes go: the average stored (compressed/TOASTed) size of each column of pages
            cols = [r[0] for r in conn.execute("SELECT column_name FROM information_schema.columns WHERE "
                                               "table_name = 'pages' ORDER BY ordinal_position")]
            avg = conn.execute("SELECT " + ", ".join(f'avg(pg_column_size("{c}"))' for c in cols)
                               + " FROM pages").fetchone() if cols else []
            columns = {c: round(float(a or 0)) for c, a in zip(cols, avg)}
        return {"store_wall_seconds": wall, "stored_pages": stored, "findings": findings, "bytes": sizes,
                "pages_column_avg_bytes": dict(sorted(columns.items(), key=lambda kv: -kv[1])[:6]),
                "bytes_per_page_pages_findings": round((sizes["pages"] + sizes["findings"]) / stored) if stored
                else None,
                "bytes_per_page_all": round(sum(sizes.values()) / stored) if stored else None}

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.redis.stop()
        with contextlib.suppress(Exception):
            self.pg.stop()


def _has_column(conn, table: str, column: str) -> bool:
    return bool(conn.execute("SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
                             (table, column)).fetchone())


def run_scan(urls: list[str], db_url: str, out: Path, log: Path, opts: list[str],
             queue: str | None) -> tuple[float, dict]:
    cmd = [*CLI, "scan", *urls, *opts, "--db", db_url, *ALLOW_LOOPBACK, "--format", "json", "--out", str(out), "-q"]
    if queue:
        cmd += ["--queue", queue]
    with open(log, "wb") as err:
        started = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=err, timeout=SCAN_TIMEOUT, cwd=REPO)
        wall = time.perf_counter() - started
    if proc.returncode not in (0, 1) or not out.exists():
        raise RuntimeError(f"wuzhangai scan failed ({proc.returncode}); see {log}\n"
                           f"{log.read_text(errors='replace')[-2000:]}")
    return wall, json.loads(out.read_text(encoding="utf-8"))


def measure(servers: Servers, label: str, n_workers: int, urls: list[str], opts: list[str], run_dir: Path,
            env: dict[str, str], idle: float) -> dict:
    """One scan: embedded (``n_workers`` 0) or by ``n_workers`` fresh workers; pages/min, store view, overhead."""
    run_dir.mkdir(parents=True, exist_ok=True)
    name, db_url = servers.fresh_db()
    servers.flush_redis()
    result: dict = {"label": label, "workers": n_workers}
    with (worker_processes(n_workers, servers.redis_url, db_url, run_dir, env) if n_workers else contextlib.nullcontext()):
        x0, r0 = servers.xacts(name), servers.redis_calls()
        if n_workers and idle:
            time.sleep(idle)  # the idle cluster's own traffic: dispatcher ticks, heartbeats, Celery's polling
            x1, r1 = servers.xacts(name), servers.redis_calls()
            span = idle + 1.2
            result["idle_xacts_per_s"] = round((x1 - x0) / span, 2)
            result["idle_redis_calls_per_s"] = round((r1 - r0) / span, 2)
            x0, r0 = x1, r1
        busy = machine_busy_seconds()
        wall, doc = run_scan(urls, db_url, run_dir / "scan.json", run_dir / "scan.log", opts,
                             servers.redis_url if n_workers else None)
        cpu = machine_busy_seconds() - busy
        redis_calls = servers.redis_calls() - r0
        mem = servers.redis_memory()
        xacts = servers.xacts(name) - x0
    s = doc["summary"]
    pages = s["pages_scanned"]
    result.update({
        "wall": round(wall, 2), "pages": pages, "failed": s["pages_failed"],
        "pages_per_min": round(pages * 60 / wall, 1), "cpu_seconds": round(cpu, 1),
        "cpu_s_per_page": round(cpu / pages, 3) if pages else None,
        "xacts": xacts, "xacts_per_page": round(xacts / pages, 2) if pages else None,
        "redis_calls": redis_calls, "redis_calls_per_page": round(redis_calls / pages, 2) if pages else None,
        "redis_used_memory": mem["used_memory"],
    })
    result.update(servers.store_view(db_url))
    sw = result["store_wall_seconds"]
    result["store_pages_per_min"] = round(pages * 60 / sw, 1) if sw else None
    if n_workers:
        result["shares"] = worker_page_counts(run_dir, n_workers)
    print(f"  {label:<34} {wall:6.1f} s wall, {pages:3d} pages ({s['pages_failed']} failed), "
          f"{result['pages_per_min']:6.1f} pages/min (store: {sw or 0:.1f} s), {cpu:5.1f} CPU s, "
          f"{result['xacts_per_page']} xact/page, {result['redis_calls_per_page']} redis/page"
          + (f", shares {result['shares']}" if n_workers else ""), flush=True)
    return result


def table(rows: list[dict], base: dict | None) -> str:
    lines = ["| run | pages | wall s | pages/min | store wall s (pages/min) | × 1 worker | CPU s/page | "
             "PG xact/page | Redis cmds/page | bytes/page (pages+findings) | pages per worker |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        speed = f"{r['pages_per_min'] / base['pages_per_min']:.2f}×" if base and r["workers"] else "–"
        lines.append(
            f"| {r['label']} | {r['pages']} | {r['wall']:.1f} | {r['pages_per_min']:.1f} | "
            f"{(r['store_wall_seconds'] or 0):.1f} ({r['store_pages_per_min'] or 0:.1f}) | {speed} | "
            f"{r['cpu_s_per_page']} | {r['xacts_per_page']} | {r['redis_calls_per_page']} | "
            f"{r['bytes_per_page_pages_findings']:,} | {' / '.join(map(str, r.get('shares', []))) or '–'} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description="工作进程集群基准 / worker-cluster benchmark (bench/README.md)")
    ap.add_argument("--pages", type=int, default=50, help="浏览器模式的生成页面数 / generated pages (browser)")
    ap.add_argument("--browser-workers", default="1,2", help="浏览器模式的工作进程数 / worker counts (browser)")
    ap.add_argument("--slow-pages", type=int, default=80, help="慢速网站页面数 / pages of the slow site")
    ap.add_argument("--delay", type=float, default=0.5, help="慢速网站每页延迟秒数 / seconds per slow page")
    ap.add_argument("--workers", default="1,4,8", help="静态模式的工作进程数 / worker counts (static)")
    ap.add_argument("--part-seconds", type=float, default=10.0, help="WUZHANGAI_PART_SECONDS (default 10)")
    ap.add_argument("--idle", type=float, default=5.0, help="每次扫描前测量空闲流量的秒数 / idle seconds measured")
    ap.add_argument("--skip-browser", action="store_true", help="只测静态模式 / static runs only")
    ap.add_argument("--skip-static", action="store_true", help="只测浏览器模式 / browser runs only")
    ap.add_argument("--out", type=Path, default=OUT / "cluster.json", help="结果 JSON / results file")
    args = ap.parse_args()

    browser_counts = [int(x) for x in args.browser_workers.split(",") if x]
    static_counts = [int(x) for x in args.workers.split(",") if x]
    fanout = max(browser_counts + static_counts + [1])
    env = {"WUZHANGAI_PART_SECONDS": str(args.part_seconds), "WUZHANGAI_SCAN_FANOUT": str(fanout)}
    info = machine()
    run_root = OUT / "cluster"
    servers = Servers()
    results: dict = {"machine": info, "env": env, "browser": [], "static": []}
    print(f"load average before: {' '.join(f'{x:.2f}' for x in info['load_before'])}; {env}", flush=True)
    try:
        if not args.skip_browser:
            manifest = make_pages(SITE_DIR, args.pages)
            site, site_url = serve_dir(SITE_DIR)
            urls = [site_url + p["path"] for p in manifest["pages"]]
            opts = ["--max-pages", str(len(urls)), "--concurrency", "1", "--no-sitemap"]
            print(f"browser mode: {len(urls)} generated pages, --concurrency 1", flush=True)
            try:
                for n in [0, *browser_counts]:
                    label = "embedded (no queue)" if n == 0 else f"{n} worker{'s' if n > 1 else ''} × -c 1"
                    results["browser"].append(measure(servers, label, n, urls, opts, run_root / f"browser-{n}", env,
                                                      args.idle))
            finally:
                site.shutdown()
        if not args.skip_static:
            server, url = slow_site(pages=args.slow_pages, delay=args.delay)
            opts = ["--no-browser", "--max-pages", str(args.slow_pages), "--concurrency", "1", "--per-host", "16",
                    "--no-sitemap"]
            print(f"static mode: slow site, {args.slow_pages} pages, {args.delay} s each, --concurrency 1 "
                  f"--per-host 16", flush=True)
            try:
                for n in [0, *static_counts]:
                    label = "embedded (no queue)" if n == 0 else f"{n} worker{'s' if n > 1 else ''} × -c 1"
                    results["static"].append(measure(servers, label, n, [url], opts, run_root / f"static-{n}", env,
                                                     args.idle))
            finally:
                server.shutdown()
    finally:
        servers.stop()

    out_text = []
    for kind, title in (("browser", f"browser mode, {args.pages} generated pages"),
                        ("static", f"static mode, slow site ({args.slow_pages} pages × {args.delay} s)")):
        rows = results[kind]
        if not rows:
            continue
        base = next((r for r in rows if r["workers"] == 1), None)
        out_text.append(f"\n{title}\n\n{table(rows, base)}")
        emb = next((r for r in rows if r["workers"] == 0), None)
        if emb and base and base["pages"] and emb["pages"]:
            over = base["wall"] / base["pages"] - emb["wall"] / emb["pages"]
            results[f"{kind}_overhead_s_per_page"] = round(over, 3)
            idle = (f"; idle cluster: {base.get('idle_xacts_per_s')} xact/s, "
                    f"{base.get('idle_redis_calls_per_s')} Redis cmds/s")
            out_text.append(f"\n1 worker vs embedded: {over:+.3f} s wall per page; PG {emb['xacts_per_page']} → "
                            f"{base['xacts_per_page']} xact/page; Redis {base['redis_calls_per_page']} cmds/page{idle}")
    print("\n".join(out_text))
    info["load_after"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(f"→ {args.out}")
    problems = [f"{kind} {r['label']}: {r['failed']} pages failed" for kind in ("browser", "static")
                for r in results[kind] if r["failed"]]
    for p in problems:
        print(f"注意 / NOTE: {p}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
