"""Building reports: one scanned website's, and the whole district's."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from geodata.district import District, current_district, using
from reports.district_report import write_district_report
from reports.site_report import latest_scan_id, write_site_report


def site_report(engine: Engine, fmt: str, out: Path, lang: str = "zh-CN", *, scan_id: int | None = None,
                latest_url: str | None = None) -> list[Path]:
    """The site report of ``scan_id``, or of the newest finished scan of the site ``latest_url`` belongs to, in
    ``fmt`` at ``out``; returns the files written. Raises ``ScanNotFound``/``NoScan`` for a scan that is not
    there, ValueError for a ``latest_url`` that is not a URL."""
    if (scan_id is None) == (latest_url is None):
        raise ValueError("请给出扫描编号或网站网址（二选一）/ give a scan id or a site URL (one of them)")
    if latest_url is not None:
        scan_id = latest_scan_id(engine, latest_url)
    return write_site_report(engine, scan_id, fmt, out, lang)


def district_report(engine: Engine, fmt: str, out: Path, lang: str = "zh-CN", *,
                    district: District | str | None = None) -> list[Path]:
    """The district report of ``district`` (the current one when None) in ``fmt`` at ``out``."""
    with using(current_district(district, engine)):
        return write_district_report(engine, fmt, out, lang)
