"""A database made by an older version opens in this one: new nullable columns are added, rows kept."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine, select

from checks.models import Finding
from scanner.crawl import CrawlConfig
from reports.scan_document import scan_document
from store import db as store_db
from store import scans as T
from wuzhangai.usecases.site_scan import ScanOptions, create_scan, finding_rows, finish_scan


def _scan_with_one_finding(path) -> None:
    engine = store_db.engine_for(path)
    scan_id = create_scan(engine, ScanOptions(crawl=CrawlConfig(start_urls=["http://a.example/"])), "4.12.1")
    entry = {"url": "http://a.example/", "url_key": "a.example/", "depth": 0, "referrer": None, "source": "start"}
    T.record_page(engine, scan_id, entry, {"url": "http://a.example/", "status": 200, "score": 90.0}, finding_rows([
        Finding(rule_id="image-alt", outcome="failed", impact="critical", wcag=("1.1.1",), html="<img src=a.png>",
                message="Fix any of the following:\n  Element does not have an alt attribute")]), "done")
    finish_scan(engine, scan_id)
    engine.dispose()
    store_db._engines.clear()


def test_old_findings_table_gains_the_checks_column_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.db"
    _scan_with_one_finding(path)
    with sqlite3.connect(path) as conn:  # what a database from before the column looks like
        conn.execute("ALTER TABLE findings DROP COLUMN checks")
    try:
        engine = store_db.engine_for(path)
        with engine.connect() as conn:
            row = conn.execute(select(T.findings)).mappings().one()
        assert row["rule_id"] == "image-alt" and row["checks"] is None
        assert store_db.add_missing_columns(engine) == []  # nothing left to add the second time
        # an old finding has no checks to translate from: its message stays axe's English
        doc = scan_document(engine, 1, "zh-CN")
        assert doc["pages"][0]["findings"][0]["message"].startswith("Fix any of the following:")
    finally:
        store_db._engines.clear()


def test_a_missing_required_column_is_refused(tmp_path):
    path = tmp_path / "odd.db"
    _scan_with_one_finding(path)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX IF EXISTS ix_findings_scan")
        conn.execute("ALTER TABLE findings DROP COLUMN fingerprint")
    with pytest.raises(RuntimeError, match="fingerprint"):
        store_db.add_missing_columns(create_engine(f"sqlite:///{path}"))
