"""Incremental rescans: a full browser scan of the benchmark's pages, then ``--incremental`` on the unchanged site.

The same 65 pages as ``bench_scan.py`` (the sample site, whose server sends no validators, so its pages are
compared by body hash; and the generated pages, served with Last-Modified, so they answer 304), the same
command line (``--concurrency 2 --no-sitemap``), into one database. Each scan is timed wall-clock as a whole
command, Chromium launch included. The rescan must find exactly what the full scan found (issues, per-page
findings, scores) and carry every page; the target is a rescan at least 5x faster. See bench/README.md,
section "Incremental rescan".

    python bench/bench_rescan.py [--pages 50] [--repeat 3] [--max-load 0.8]

Exits 1 when the findings differ, a page was not carried, or the median ratio misses ``--target``.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(REPO))  # this checkout's packages before any installed copy

from bench_scan import OUT, CONCURRENCY, machine, machine_busy_seconds, page_key, serve_dir, wait_for_quiet  # noqa: E402
from make_pages import DEFAULT_OUT as SITE_DIR, make_pages  # noqa: E402

from wuzhangai.sample_server import load_ground_truth, serve_sample_site  # noqa: E402

TOOL_TIMEOUT = 1800


def scan(urls: list[str], db: Path, out: Path, log: Path, incremental: bool) -> tuple[float, float, dict]:
    """(wall seconds, machine CPU seconds, scan JSON) of one ``wuzhangai scan`` of ``urls`` into ``db``. Run as
    ``python -m wuzhangai.cli`` from the checkout, so the code measured is this tree's."""
    cmd = [sys.executable, "-m", "wuzhangai.cli", "scan", *urls, "--max-pages", str(len(urls)), "--concurrency",
           str(CONCURRENCY), "--no-sitemap", "--incremental" if incremental else "--full", "--format", "json",
           "--out", str(out), "--db", str(db), "-q"]
    busy = machine_busy_seconds()
    with open(log, "wb") as err:
        started = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=err, timeout=TOOL_TIMEOUT, cwd=REPO)
        wall = time.perf_counter() - started
    if proc.returncode not in (0, 1) or not out.exists():
        raise RuntimeError(f"wuzhangai scan failed; see {log}\n{log.read_text(errors='replace')[-2000:]}")
    return wall, machine_busy_seconds() - busy, json.loads(out.read_text(encoding="utf-8"))


def findings_of(doc: dict) -> dict:
    """What must be identical between the full scan and the rescan: per page its score, rule outcomes and
    findings; the grouped issues; the site score."""
    pages = {page_key(p["url"]): (p["score"], p["counts"], p["rule_outcomes"],
                                  sorted((f["rule_id"], f["outcome"], f["fingerprint"]) for f in p["findings"]))
             for p in doc["pages"]}
    issues = {i["fingerprint"]: (i["rule_id"], i["outcome"], i["impact"], i["count"], i["nodes"],
                                 sorted(page_key(u) for u in i["pages"])) for i in doc["issues"]}
    return {"pages": pages, "issues": issues, "site_score": doc["site_score"],
            "failed": sorted(page_key(f["url"]) for f in doc["failed_pages"])}


def main() -> int:
    ap = argparse.ArgumentParser(description="增量重新扫描基准 / incremental rescan benchmark (bench/README.md)")
    ap.add_argument("--pages", type=int, default=50, help="生成的页面数（另加示例网站 15 页）/ generated pages "
                    "(plus the 15 sample-site pages); default 50")
    ap.add_argument("--repeat", type=int, default=1, help="全量 + 增量扫描的对数，取中位数 / pairs of (full, "
                    "incremental) scans, median reported")
    ap.add_argument("--max-load", type=float, default=None, metavar="L",
                    help="每次扫描前等待 1 分钟负载降到 L 以下 / before each scan, wait until the 1-minute load is at most L")
    ap.add_argument("--target", type=float, default=5.0, help="目标倍数 / target speed-up (default 5)")
    ap.add_argument("--out", type=Path, default=OUT / "rescan.json", help="结果 JSON / results file")
    args = ap.parse_args()

    manifest = make_pages(SITE_DIR, args.pages)
    sample = serve_sample_site()
    generated, gen_url = serve_dir(SITE_DIR)
    urls = [sample.url.rstrip("/") + p for p in load_ground_truth()["pages"]] + \
           [gen_url + p["path"] for p in manifest["pages"]]
    info = machine()
    run_root = OUT / "rescan"
    run_root.mkdir(parents=True, exist_ok=True)
    print(f"{len(urls)} pages; load average before: {' '.join(f'{x:.2f}' for x in info['load_before'])}", flush=True)
    pairs, problems = [], []
    try:
        for k in range(args.repeat):
            run_dir = run_root / f"{k + 1}"
            run_dir.mkdir(parents=True, exist_ok=True)
            db = run_dir / "wuzhangai.db"
            for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
                stale.unlink(missing_ok=True)
            result = {}
            for kind, incremental in (("full", False), ("incremental", True)):
                if args.max_load is not None:
                    wait_for_quiet(args.max_load)
                load = os.getloadavg()[0]
                wall, cpu, doc = scan(urls, db, run_dir / f"{kind}.json", run_dir / f"{kind}.log", incremental)
                s = doc["summary"]
                result[kind] = {"wall": round(wall, 2), "cpu_seconds": round(cpu, 2), "pages": s["pages_scanned"],
                                "carried": s["pages_carried_over"], "failed": s["pages_failed"],
                                "issues": s["issues"], "site_score": doc["site_score"],
                                "load": [round(load, 2), round(os.getloadavg()[0], 2)], "doc": doc}
                print(f"  run {k + 1}/{args.repeat} {kind}: {wall:.1f} s wall, {cpu:.1f} CPU s, "
                      f"{s['pages_scanned']} pages ({s['pages_carried_over']} carried over), {s['issues']} issues, "
                      f"score {doc['site_score']}", flush=True)
            full, inc = result["full"], result["incremental"]
            same = findings_of(full.pop("doc")) == findings_of(inc.pop("doc"))
            if not same:
                problems.append(f"run {k + 1}: the rescan's findings differ from the full scan's")
            if inc["carried"] != inc["pages"] or inc["pages"] != full["pages"]:
                problems.append(f"run {k + 1}: {inc['carried']} of {inc['pages']} pages carried "
                                f"(full scan: {full['pages']})")
            pairs.append({**result, "ratio": round(full["wall"] / inc["wall"], 2), "identical": same})
    finally:
        sample.close()
        generated.shutdown()
    ratios = [p["ratio"] for p in pairs]
    median = statistics.median(ratios)
    fulls = [p["full"]["wall"] for p in pairs]
    incs = [p["incremental"]["wall"] for p in pairs]
    print()
    print("| run | full scan wall (CPU) | incremental rescan wall (CPU) | pages carried | ratio | identical |")
    print("|---|---|---|---|---|---|")
    for k, p in enumerate(pairs, 1):
        print(f"| {k} | {p['full']['wall']:.1f} s ({p['full']['cpu_seconds']:.1f}) | {p['incremental']['wall']:.1f} s "
              f"({p['incremental']['cpu_seconds']:.1f}) | {p['incremental']['carried']} / {p['incremental']['pages']} "
              f"| {p['ratio']:.1f}× | {'yes' if p['identical'] else 'NO'} |")
    print(f"\nmedian: full {statistics.median(fulls):.1f} s, rescan {statistics.median(incs):.1f} s, "
          f"ratio {median:.1f}× (target ≥ {args.target:g}×)")
    info["load_after"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": info, "pages": len(urls), "repeat": args.repeat, "runs": pairs,
                                    "median_ratio": median, "target": args.target, "problems": problems},
                                   ensure_ascii=False, indent=1))
    print(f"→ {args.out}")
    if median < args.target:
        problems.append(f"median ratio {median:.1f}× < target {args.target:g}×")
    for p in problems:
        print(f"未达标 / FAILED: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
