"""A database made by an older version opens in this one: new nullable columns are added, rows kept.

A database from before migrations has no ``alembic_version``: these tests make one from a new database
(tests/db_helpers.py) and drop columns that older releases lacked; the tolerant baseline revision
(store/migrations) completes it. Databases made by the
real previous release are in tests/test_store_migrations.py."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from checks.models import Finding
from scanner.crawl import CrawlConfig
from reports.scan_document import scan_document
from store import db as store_db
from store import scans as T
from store.migrations import ensure_head, head_revision, read_revision
from tests.db_helpers import as_before_migrations
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
    as_before_migrations(path)
    with sqlite3.connect(path) as conn:  # what a database from before the column (and migrations) looks like
        conn.execute("ALTER TABLE findings DROP COLUMN checks")
    try:
        engine = store_db.engine_for(path)
        with engine.connect() as conn:
            row = conn.execute(select(T.findings)).mappings().one()
        assert row["rule_id"] == "image-alt" and row["checks"] is None
        assert read_revision(engine) == head_revision()
        assert ensure_head(engine) == (head_revision(), head_revision())  # nothing left to do the second time
        # an old finding has no checks to translate from: its message stays axe's English
        doc = scan_document(engine, 1, "zh-CN")
        assert doc["pages"][0]["findings"][0]["message"].startswith("Fix any of the following:")
    finally:
        store_db._engines.clear()


def test_a_missing_required_column_is_refused(tmp_path):
    path = tmp_path / "odd.db"
    _scan_with_one_finding(path)
    as_before_migrations(path)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX IF EXISTS ix_findings_scan")
        conn.execute("ALTER TABLE findings DROP COLUMN fingerprint")
    with pytest.raises(RuntimeError, match="fingerprint"):
        store_db.engine_for(path)
    with sqlite3.connect(path) as conn:  # refused as a whole: the migration's transaction was rolled back
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'alembic_version'").fetchall() == []


def test_scans_stored_before_named_artifacts_are_rejudged(tmp_path):
    """Pages stored with one unnamed artifact (the axe result of a browser scan, the facts of a static one)
    are judged again as their ``axe`` and ``dom`` artifacts."""
    from scanner.static_facts import page_facts
    from tests.test_web_rules import AXE_IMAGE_ALT_FAILED
    from wuzhangai.usecases.site_scan import rejudge_scan

    engine = store_db.engine_for(tmp_path / "legacy.db")
    try:
        ids = {}
        for mode, evidence in (("browser", AXE_IMAGE_ALT_FAILED),
                               ("static", page_facts("<html><title>t</title><img src=x></html>", "http://a.example/")
                                .to_dict())):
            options = ScanOptions(crawl=CrawlConfig(start_urls=[f"http://{mode}.example/"]), browser=mode == "browser")
            ids[mode] = create_scan(engine, options, None)
            entry = {"url": f"http://{mode}.example/", "url_key": f"{mode}.example/", "depth": 0, "referrer": None,
                     "source": "start"}
            T.record_page(engine, ids[mode], entry, {"url": entry["url"], "status": 200, "mode": mode,
                                                      "artifact": evidence}, [], "done")
        assert rejudge_scan(engine, ids["browser"]) == 1 and rejudge_scan(engine, ids["static"]) == 1
        browser = scan_document(engine, ids["browser"], "en")["pages"][0]
        static = scan_document(engine, ids["static"], "en")["pages"][0]
        assert browser["rule_outcomes"]["image-alt"] == "failed"
        assert not [r for r in browser["rule_outcomes"] if r.startswith("wza-")]  # no DOM was stored then
        assert static["rule_outcomes"]["wza-img-alt"] == "failed" and "image-alt" not in static["rule_outcomes"]
        assert any(f["message"] == "image has no alt attribute and no other name" for f in static["findings"])
    finally:
        store_db._engines.clear()


def test_old_pages_and_scans_gain_the_incremental_columns_and_are_never_carried_from(tmp_path):
    """Databases from before incremental rescans: pages gain etag, last_modified, body_sha256 and carried_from,
    scans rules_fingerprint (NULL for old rows); an old scan, judged by rules nobody can name, is not carried."""
    from wuzhangai.usecases.site_scan import previous_comparable_scan

    path = tmp_path / "old.db"
    _scan_with_one_finding(path)
    as_before_migrations(path)
    with sqlite3.connect(path) as conn:
        for column in ("etag", "last_modified", "body_sha256", "carried_from"):
            conn.execute(f"ALTER TABLE pages DROP COLUMN {column}")
        conn.execute("ALTER TABLE scans DROP COLUMN rules_fingerprint")
    try:
        engine = store_db.engine_for(path)
        with engine.connect() as conn:
            page = conn.execute(select(T.pages)).mappings().one()
            scan = conn.execute(select(T.scans)).mappings().one()
        assert page["carried_from"] is None and page["body_sha256"] is None and scan["rules_fingerprint"] is None
        options = ScanOptions(crawl=CrawlConfig(start_urls=["http://a.example/"]), incremental=True)
        new_id = create_scan(engine, options, "4.12.1")
        assert previous_comparable_scan(engine, new_id) is None
        doc = scan_document(engine, 1, "en")
        assert doc["pages"][0]["carried_over"] is False and doc["summary"]["pages_carried_over"] == 0
    finally:
        store_db._engines.clear()
