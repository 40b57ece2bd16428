"""Entry point for the demo: both reports from whatever the store holds."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from reports.district_report import build_district_report, district_tables, render_district_html
from reports.render import write_report
from reports.site_report import render_site_html, site_report_data, site_tables
from store.scans import latest_finished_scan

SITE_DEMO_FORMATS = ("html", "pdf", "xlsx", "json")
DISTRICT_DEMO_FORMATS = ("html", "pdf", "xlsx")


def demo_reports(engine: Engine, out_dir: str | Path, lang: str = "zh-CN") -> dict[str, dict[str, str]]:
    """The site report of the latest finished scan (HTML, PDF, XLSX, JSON) and the district report (HTML, PDF,
    XLSX) in ``out_dir``; returns ``{"site": {fmt: path}, "district": {fmt: path}}`` ("site" is empty when no
    scan has finished). Each report's data is gathered once and rendered in every format."""
    out = Path(out_dir)
    paths: dict[str, dict[str, str]] = {"site": {}, "district": {}}
    scan_id = latest_finished_scan(engine)
    if scan_id is not None:
        data = site_report_data(engine, int(scan_id), lang)
        tables = site_tables(data)
        for fmt in SITE_DEMO_FORMATS:
            (path,) = write_report(fmt, out / f"site-report.{fmt}", data=data, tables=tables, lang=lang,
                                   html=lambda for_pdf: render_site_html(data, for_pdf))
            paths["site"][fmt] = str(path)
    report = build_district_report(engine, lang)
    tables = district_tables(report.data)
    for fmt in DISTRICT_DEMO_FORMATS:
        (path,) = write_report(fmt, out / f"district-report.{fmt}", data=report.data, tables=tables, lang=lang,
                               html=lambda for_pdf: render_district_html(report, for_pdf))
        paths["district"][fmt] = str(path)
    return paths
