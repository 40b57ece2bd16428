"""Report speed: the district report (HTML and PDF) for 50 sites and 50,000 facilities.

The sites are stored as real rows of the scan store (two finished scans each, so every site has a trend, and
ten failed issues on the latest scan); the facilities are ``geodata.synthetic.synthetic_facilities`` (made-up
points inside the real district outline, in the shape of the survey store's scored frame). Targets on a 2-core
machine: HTML <= 10 s, PDF <= 30 s, each including the data gathering (gap analysis, maps); the script exits 1
when one is missed.

    .venv/bin/python bench/bench_report.py
    .venv/bin/python bench/bench_report.py --sites 50 --facilities 50000 --json bench/out/report.json
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checks.web.scoring import axe_rule_impacts  # noqa: E402
from geodata.synthetic import synthetic_facilities  # noqa: E402
from reports.district_report import build_district_report, district_tables, render_district_html  # noqa: E402
from reports.render import write_report  # noqa: E402
from store import scans as T  # noqa: E402
from store.db import engine_for  # noqa: E402

HTML_TARGET_S = 10.0
PDF_TARGET_S = 30.0


def store_sites(engine, n_sites: int, seed: int) -> None:
    """``n_sites`` sites with two finished scans each and ten failed issues on the latest one."""
    rng = random.Random(seed)
    rules = sorted(axe_rule_impacts().items())
    start = datetime(2025, 3, 1, tzinfo=timezone.utc)
    with engine.begin() as conn:
        for s in range(n_sites):
            site_id = conn.execute(T.sites.insert().values(
                base_url=f"https://site{s:02d}.jianghan.example", name=f"合成网站 {s:02d}",
                owner_unit=f"合成单位 {s:02d}", lon=114.25 + rng.random() * 0.04, lat=30.58 + rng.random() * 0.05)
            ).inserted_primary_key[0]
            for k in range(2):
                scan_id = conn.execute(T.scans.insert().values(
                    site_id=site_id, start_urls=[f"https://site{s:02d}.jianghan.example/"],
                    started_at=start + timedelta(days=30 * k), finished_at=start + timedelta(days=30 * k, minutes=5),
                    state="finished", mode="browser", standard="wcag22aa", tags=["wcag2a"], config={},
                    axe_version="4.12.1", site_score=rng.uniform(55, 98))).inserted_primary_key[0]
            conn.execute(T.issues.insert(), [
                {"scan_id": scan_id, "fingerprint": f"{s}-{i}", "rule_id": rule_id, "outcome": "failed",
                 "impact": impact, "wcag": ["1.1.1"], "selector": "img", "html": "<img>", "help": rule_id,
                 "pages": [], "page_count": rng.randint(1, 40), "node_count": 1}
                for i, (rule_id, impact) in enumerate(rng.sample(rules, 10))])


def timed(fn):
    start, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, round(time.perf_counter() - start, 2), round(time.process_time() - cpu, 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=50)
    parser.add_argument("--facilities", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None, help="folder for the reports (default: a temp folder)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here too")
    args = parser.parse_args()

    out = args.out or Path(tempfile.mkdtemp(prefix="wuzhangai-bench-report-"))
    out.mkdir(parents=True, exist_ok=True)
    engine = engine_for(out / "bench.db")
    store_sites(engine, args.sites, args.seed)
    facilities = synthetic_facilities(args.facilities, seed=args.seed)

    def html_run():
        report = build_district_report(engine, "zh-CN", facilities=facilities)
        write_report("html", out / "district.html", data=report.data, tables=district_tables(report.data),
                     lang="zh-CN", html=lambda for_pdf: render_district_html(report, for_pdf))
        return report

    def pdf_run():
        report = build_district_report(engine, "zh-CN", facilities=facilities)
        write_report("pdf", out / "district.pdf", data=report.data, tables=district_tables(report.data),
                     lang="zh-CN", html=lambda for_pdf: render_district_html(report, for_pdf))

    report, html_s, html_cpu = timed(html_run)
    _, pdf_s, pdf_cpu = timed(pdf_run)
    from pypdf import PdfReader

    result = {
        "sites": args.sites, "facilities": args.facilities,
        "html_seconds": html_s, "html_cpu_seconds": html_cpu, "html_mb": round((out / "district.html").stat().st_size / 1e6, 1),
        "pdf_seconds": pdf_s, "pdf_cpu_seconds": pdf_cpu, "pdf_pages": len(PdfReader(out / "district.pdf").pages),
        "pdf_mb": round((out / "district.pdf").stat().st_size / 1e6, 1),
        "interactive_points": report.data["maps"]["interactive_points"],
        "load_average": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count(),
        "python": platform.python_version(), "out": str(out),
    }
    print(f"区报告 / district report: {args.sites} 个网站 sites, {args.facilities:,} 处设施 facilities")
    print(f"  HTML {html_s:.1f} s (CPU {html_cpu:.1f} s, {result['html_mb']} MB, 交互地图 {result['interactive_points']:,} 点 "
          f"points) — 目标 target <= {HTML_TARGET_S:g} s")
    print(f"  PDF  {pdf_s:.1f} s (CPU {pdf_cpu:.1f} s, {result['pdf_pages']} 页 pages, {result['pdf_mb']} MB) — "
          f"目标 target <= {PDF_TARGET_S:g} s")
    print(f"  负载 load average {result['load_average']} on {result['cpus']} CPUs; 输出 output {out}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if html_s <= HTML_TARGET_S and pdf_s <= PDF_TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
