"""Service speed: the dashboard and API of a real ``wuzhangai serve`` under concurrent clients, and a survey
upload through the API against the CLI import of the same file.

The database is built directly, not by scanning: ``--sites`` sites (rows of the scan store, ``--scans`` finished
scans each a month apart with a site score and ~30 failed issues drawn from a per-site pool, so trends and "new
issues" have real data; five pages per scan, a frontier on the latest, a weekly schedule on every other site)
and ``--facilities`` facilities from the synthetic survey (``wuzhangai survey generate``), imported with
``wuzhangai survey import`` (that import is also the CLI side of the upload comparison). Users and a token via
``wuzhangai users add|token`` (``tests/service/server.py``).

Then ``wuzhangai serve --no-jobs`` on a free loopback port: each path requested once cold (the first request
scores the facilities, cached until they change), then ``--clients`` concurrent clients (httpx, one
keep-alive connection each), ``--requests`` requests each over the mix, bounded by ``--cap`` seconds per phase;
the GeoJSON of every facility apart with a few clients. Peers on the same load, side by side: ``/api/health``
of the same server (the framework's floor here, including this client's own cost) and ``python -m http.server``
serving a static copy of the dashboard's HTML. Last, a fresh server receives the CSV through ``POST
/api/surveys``: its wall time and the server's peak RSS (``VmHWM``), beside the CLI import's wall and peak RSS.

    .venv/bin/python bench/bench_service.py                      # 200 sites, 100,000 facilities, 50 clients
    .venv/bin/python bench/bench_service.py --facilities 20000 --json bench/out/service.json
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from checks.web.scoring import axe_rule_impacts  # noqa: E402
from store import jobs as job_store  # noqa: E402
from store import scans as T  # noqa: E402
from store.db import engine_for  # noqa: E402
from tests.service.server import Service, add_users, free_port  # noqa: E402

P95_TARGET_MS = 200.0
MIX = ("dashboard page /", "/api/dashboard", "/api/sites", "/sites/{id}", "/facilities?street=", "/api/scans/{id}/progress")


def store_sites(engine, n_sites: int, n_scans: int, seed: int) -> dict:
    """Sites with ``n_scans`` finished scans each; returns the ids the load uses."""
    rng = random.Random(seed)
    rules = sorted(axe_rule_impacts().items())
    start = datetime(2025, 1, 6, 2, tzinfo=timezone.utc)
    site_ids, latest_scans = [], []
    with engine.begin() as conn:
        for s in range(n_sites):
            site_id = conn.execute(T.sites.insert().values(
                base_url=f"https://site{s:03d}.jianghan.example", name=f"合成网站 {s:03d}",
                owner_unit=f"合成单位 {s:03d}", lon=114.25 + rng.random() * 0.04, lat=30.58 + rng.random() * 0.05)
            ).inserted_primary_key[0]
            site_ids.append(site_id)
            pool = [(f"s{s}-{i}", *rng.choice(rules)) for i in range(45)]
            score = rng.uniform(55, 90)
            for k in range(n_scans):
                at = start + timedelta(days=30 * k, hours=rng.randint(0, 5))
                score = min(100.0, max(20.0, score + rng.uniform(-6, 7)))
                scan_id = conn.execute(T.scans.insert().values(
                    site_id=site_id, start_urls=[f"https://site{s:03d}.jianghan.example/"], started_at=at,
                    finished_at=at + timedelta(minutes=rng.randint(3, 30)), state="finished", mode="browser",
                    standard="wcag22aa", tags=["wcag2a", "wcag2aa"], config={}, axe_version="4.14.1",
                    wall_seconds=rng.uniform(60, 900), site_score=round(score, 1))).inserted_primary_key[0]
                page_urls = [f"https://site{s:03d}.jianghan.example/p{p}.html" for p in range(5)]
                conn.execute(T.pages.insert(), [
                    {"scan_id": scan_id, "url": u, "final_url": u, "depth": 1, "status": 200, "title": "合成页面",
                     "score": round(score, 1), "mode": "browser"} for u in page_urls])
                conn.execute(T.issues.insert(), [
                    {"scan_id": scan_id, "fingerprint": fp, "rule_id": rule_id, "outcome": "failed",
                     "impact": impact, "wcag": ["1.1.1"], "selector": "img.banner", "html": "<img class=banner>",
                     "help": rule_id, "pages": page_urls[:rng.randint(1, 5)], "page_count": rng.randint(1, 40),
                     "node_count": rng.randint(1, 12), "priority": rng.random()}
                    for fp, rule_id, impact in rng.sample(pool, rng.randint(24, 36))])
            conn.execute(T.frontier.insert(), [
                {"scan_id": scan_id, "url": u, "url_key": u, "depth": 1, "source": "link", "state": "done"}
                for u in page_urls])
            latest_scans.append(scan_id)
    now = datetime.now(timezone.utc)
    for site_id in site_ids[::2]:
        job_store.save_schedule(engine, site_id, "weekly", "0 3 * * 1", "Asia/Shanghai",
                                now + timedelta(days=rng.randint(1, 7)))
    return {"site_ids": site_ids, "scan_ids": latest_scans}


def run_timed(cmd: list[str], cwd: Path = ROOT) -> tuple[float, int, str]:
    """Wall seconds, the child's peak RSS (KB, from its own rusage) and its stderr tail; stops on failure."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{err[-3000:]}")
    return wall, usage.ru_maxrss, err[-500:]


def proc_status_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


async def load(base: str, paths: dict[str, str], clients: int, per_client: int, cap: float,
               headers: dict[str, str], think: float = 0.0) -> dict:
    """``clients`` tasks, each ``per_client`` GETs going round the labels of ``paths`` (each client starting
    at another one), stopping early at ``cap`` seconds. Latency per label in ms, from send to the last byte."""
    labels = list(paths)
    samples: dict[str, list[float]] = {label: [] for label in labels}
    errors: dict[str, int] = {label: 0 for label in labels}
    sizes: dict[str, int] = {}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    deadline = time.monotonic() + cap
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits,
                                 timeout=httpx.Timeout(cap + 60)) as client:
        async def worker(i: int) -> None:
            rng = random.Random(i)  # users are not in step: each starts at its own moment and pauses 0.5-1.5 x think
            if think:
                await asyncio.sleep(rng.uniform(0, think))
            for k in range(per_client):
                if time.monotonic() > deadline:
                    return
                label = labels[(i + k) % len(labels)]
                t0 = time.perf_counter()
                try:
                    r = await client.get(paths[label])
                    dt = (time.perf_counter() - t0) * 1000
                    if r.status_code != 200:
                        errors[label] += 1
                        continue
                    sizes[label] = len(r.content)
                    samples[label].append(dt)
                except httpx.HTTPError:
                    errors[label] += 1
                if think:
                    await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))

        cpu0, t0 = time.process_time(), time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    out = {"wall_s": round(wall, 2), "client_cpu_s": round(cpu, 2), "clients": clients, "think_s": think,
           "requests": sum(len(v) for v in samples.values()), "errors": sum(errors.values()),
           "capped": time.monotonic() > deadline, "endpoints": {}}
    for label, ms in samples.items():
        out["endpoints"][label] = {
            "n": len(ms), "errors": errors[label], "bytes": sizes.get(label),
            "p50_ms": round(percentile(ms, 0.5), 1), "p95_ms": round(percentile(ms, 0.95), 1),
            "p99_ms": round(percentile(ms, 0.99), 1), "max_ms": round(max(ms), 1) if ms else None,
            "mean_ms": round(statistics.fmean(ms), 1) if ms else None, "per_s": round(len(ms) / wall, 1)}
    out["per_s"] = round(out["requests"] / wall, 1)
    return out


def cold_requests(base: str, paths: dict[str, str], headers: dict[str, str]) -> dict:
    out = {}
    with httpx.Client(base_url=base, headers=headers, timeout=600) as client:
        for label, path in paths.items():
            t0 = time.perf_counter()
            r = client.get(path)
            out[label] = {"ms": round((time.perf_counter() - t0) * 1000, 1), "status": r.status_code,
                          "bytes": len(r.content)}
    return out


def server_memory(service: Service) -> dict:
    return {"rss_mb": round(proc_status_kb(service.proc.pid, "VmRSS") / 1024, 1),
            "hwm_mb": round(proc_status_kb(service.proc.pid, "VmHWM") / 1024, 1)}


def print_phase(title: str, phase: dict) -> None:
    print(f"\n{title}: {phase['clients']} clients, think {phase['think_s']} s, {phase['requests']} requests in "
          f"{phase['wall_s']} s = {phase['per_s']}/s, errors {phase['errors']}"
          f"{' (capped)' if phase['capped'] else ''}; client CPU {phase['client_cpu_s']} s")
    print(f"  {'endpoint':32} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'req/s':>7} {'KB':>8}")
    for label, e in phase["endpoints"].items():
        kb = f"{e['bytes'] / 1024:.0f}" if e["bytes"] else "-"
        print(f"  {label:32} {e['n']:>5} {e['p50_ms']:>8} {e['p95_ms']:>8} {e['p99_ms']:>8} {e['max_ms']!s:>8} "
              f"{e['per_s']:>7} {kb:>8}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--scans", type=int, default=10, help="finished scans per site")
    parser.add_argument("--facilities", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=12, help="requests per client in each phase")
    parser.add_argument("--cap", type=float, default=120.0, help="wall-clock cap per phase, seconds")
    parser.add_argument("--think", type=float, default=0.0,
                        help="each client's mean pause between requests, drawn from 0.5-1.5 x this, with a random start "
                             "in the first pause, as people click (0: closed loop, as fast as answered)")
    parser.add_argument("--geojson-clients", type=int, default=4)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--skip-upload", action="store_true")
    parser.add_argument("--start-timeout", type=float, default=300.0,
                        help="seconds to wait for each server's /api/health (not a figure)")
    parser.add_argument("--out", type=Path, default=None, help="working folder (default: a temp folder)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here too")
    args = parser.parse_args()

    out = (args.out or Path(tempfile.mkdtemp(prefix="wuzhangai-bench-service-"))).resolve()
    out.mkdir(parents=True, exist_ok=True)
    py = sys.executable
    result: dict = {"sites": args.sites, "scans_per_site": args.scans, "facilities": args.facilities,
                    "cpus": os.cpu_count(), "python": platform.python_version(), "out": str(out),
                    "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}

    # 1. the data
    csv = out / f"survey-{args.facilities}.csv"
    if not csv.exists():
        run_timed([py, "-m", "wuzhangai.cli", "survey", "generate", "--count", str(args.facilities), "--out",
                   str(csv), "--db", str(out / "generate.db")])
    db = out / "service.db"
    for stale in out.glob("service.db*"):
        stale.unlink()
    t0 = time.perf_counter()
    tokens = add_users(db, roles=("admin",))
    t_users = time.perf_counter() - t0
    t0 = time.perf_counter()
    ids = store_sites(engine_for(db), args.sites, args.scans, args.seed)
    t_sites = time.perf_counter() - t0
    cli_wall, cli_rss_kb, _ = run_timed([py, "-m", "wuzhangai.cli", "survey", "import", str(csv), "--db", str(db), "-q"])
    result["build"] = {"users_s": round(t_users, 1), "sites_s": round(t_sites, 1), "csv_mb": round(csv.stat().st_size / 1e6, 1)}
    result["cli_import"] = {"wall_s": round(cli_wall, 1), "peak_rss_mb": round(cli_rss_kb / 1024, 1)}
    print(f"数据 / data: {args.sites} sites × {args.scans} scans (users {t_users:.1f} s, sites {t_sites:.1f} s); "
          f"{args.facilities:,} facilities, CSV {result['build']['csv_mb']} MB, CLI import {cli_wall:.1f} s, "
          f"peak RSS {cli_rss_kb / 1024:.0f} MB")

    headers = {"Authorization": f"Bearer {tokens['admin']}"}
    site_id, scan_id = ids["site_ids"][len(ids["site_ids"]) // 2], ids["scan_ids"][len(ids["scan_ids"]) // 2]
    street = next(line.split(",")[6] for i, line in enumerate(csv.open(encoding="utf-8")) if i == 1)
    paths = dict(zip(MIX, ("/", "/api/dashboard", "/api/sites", f"/sites/{site_id}", f"/facilities?street={street}",
                           f"/api/scans/{scan_id}/progress")))
    size_mib = csv.stat().st_size / 1024 / 1024
    upload_limit_mb = 50 if size_mib < 50 else int(size_mib) + 2  # the service's default, raised only when needed

    # 2. the load
    # a loaded shared machine takes more than a minute to import the service's modules: the wait is the bench's
    # own, not a figure, and losing the built database to it costs the whole build
    service = Service(db, out / "data", free_port(), ["--no-jobs"], {}).start(timeout=args.start_timeout)
    try:
        result["server_after_start"] = server_memory(service)
        result["cold"] = cold_requests(service.url, paths, headers)
        print("\n冷启动 / first request of each path (the first one scores the facilities):")
        for label, c in result["cold"].items():
            print(f"  {label:32} {c['ms']:>9} ms  status {c['status']}  {c['bytes'] / 1024:.0f} KB")
        if any(c["status"] != 200 for c in result["cold"].values()):
            raise SystemExit("a path did not answer 200")
        html = httpx.get(service.url + "/", headers=headers, timeout=60).text
        (out / "static").mkdir(exist_ok=True)
        (out / "static" / "dashboard.html").write_text(html, encoding="utf-8")

        mix = asyncio.run(load(service.url, paths, args.clients, args.requests, args.cap, headers, args.think))
        health = asyncio.run(load(service.url, {"/api/health": "/api/health"}, args.clients, args.requests,
                                  args.cap, headers, args.think))
        t0 = time.perf_counter()
        geo_cold = cold_requests(service.url, {"geojson": "/api/facilities?format=geojson"}, headers)["geojson"]
        geo_cold["ms"] = round((time.perf_counter() - t0) * 1000, 1)
        geo = asyncio.run(load(service.url, {"/api/facilities?format=geojson": "/api/facilities?format=geojson"},
                               args.geojson_clients, 2, args.cap, headers))
        result["server_after_load"] = server_memory(service)
    finally:
        service.stop()
    result["mix"], result["health"], result["geojson_first"], result["geojson"] = mix, health, geo_cold, geo

    port = free_port()
    static = subprocess.Popen([py, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory",
                               str(out / "static")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{port}/dashboard.html", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        plain = asyncio.run(load(f"http://127.0.0.1:{port}", {"http.server static dashboard": "/dashboard.html"},
                                 args.clients, args.requests, args.cap, {}, args.think))
    finally:
        static.terminate()
        static.wait(10)
    result["http_server"] = plain

    print_phase("混合负载 / the mix", mix)
    print_phase("对照 / peer: /api/health, same server", health)
    print_phase("对照 / peer: python -m http.server, static copy of the dashboard HTML", plain)
    print(f"\nGeoJSON, first request after the mix {geo_cold['ms']} ms, {geo_cold['bytes'] / 1e6:.1f} MB")
    print_phase("GeoJSON of every facility", geo)
    print(f"server memory: after start {result['server_after_start']}, after the load {result['server_after_load']}")

    # 3. the upload
    if not args.skip_upload:
        up_db = out / "upload.db"
        for stale in out.glob("upload.db*"):
            stale.unlink()
        up_tokens = add_users(up_db, roles=("admin",))
        up = Service(up_db, out / "upload-data", free_port(), ["--no-jobs", "--max-upload-mb", str(upload_limit_mb)],
                     {}).start(timeout=args.start_timeout)
        try:
            before = server_memory(up)
            t0 = time.perf_counter()
            with csv.open("rb") as fh:
                r = httpx.post(up.url + "/api/surveys", headers={"Authorization": f"Bearer {up_tokens['admin']}"},
                               files={"file": (csv.name, fh, "text/csv")}, timeout=1800)
            wall = time.perf_counter() - t0
            after = server_memory(up)
            body = r.json()
        finally:
            up.stop()
        if r.status_code != 201:
            raise SystemExit(f"upload answered {r.status_code}: {str(body)[:2000]}")
        result["api_upload"] = {"wall_s": round(wall, 1), "status": r.status_code, "limit_mb": upload_limit_mb,
                                "server_before": before, "server_after": after,
                                "records_created": body.get("records_created"), "rows_read": body.get("rows_read")}
        print(f"\n上传 / upload of {csv.stat().st_size / 1e6:.1f} MB ({args.facilities:,} facilities), "
              f"--max-upload-mb {upload_limit_mb}: API {wall:.1f} s, server peak RSS {after['hwm_mb']} MB "
              f"(before the upload {before['hwm_mb']} MB); CLI import {cli_wall:.1f} s, peak RSS "
              f"{cli_rss_kb / 1024:.1f} MB")

    result["load_average"] = [round(x, 2) for x in os.getloadavg()]
    print(f"负载 load average {result['load_average']} on {os.cpu_count()} CPUs; 输出 output {out}")
    missed = [label for label, e in mix["endpoints"].items() if not e["p95_ms"] < P95_TARGET_MS]
    result["p95_missed"] = missed
    print(f"p95 < {P95_TARGET_MS:g} ms: " + ("met on every endpoint of the mix" if not missed else
                                              "missed on " + ", ".join(missed)))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0 if not missed and mix["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
