"""The schema by Alembic migrations (store/migrations) on SQLite and PostgreSQL: databases written by release 0.1
(the last before migrations; tests/data, made by that release's own code) upgrade and keep their rows; an empty
database gets exactly the models' schema; processes opening a new database at once do not race; a database from
a later release is refused in words."""
from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import func, inspect, select, text

from store import db as store_db
from store import scans as T
from store.migrations import DatabaseTooNew, head_revision, read_revision
from tests.pg import pg_bin_dir

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parents[1]

# What the fixtures hold (tests/data/README.md); also counted from the dumps themselves below.
RELEASE_0_1_ROWS = {"scans": 1, "pages": 4, "findings": 2, "issues": 2, "frontier": 17, "attachments": 2,
                    "sites": 1, "survey_facilities": 5, "survey_imports": 1}


def _rows_in_dump(engine_name: str) -> dict[str, int]:
    """Rows per table as the dump file has them (independent of the code under test)."""
    if engine_name == "sqlite":
        with sqlite3.connect(":memory:") as conn:
            conn.executescript((DATA / "release-0.1-sqlite.sql").read_text(encoding="utf-8"))
            return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in RELEASE_0_1_ROWS}
    counts, table = {}, None
    for line in (DATA / "release-0.1-postgresql.sql").read_text(encoding="utf-8").splitlines():
        if table is None:
            found = re.match(r"COPY public\.(\w+) ", line)
            if found:
                table, counts[found.group(1)] = found.group(1), 0
        elif line == "\\.":
            table = None
        else:
            counts[table] += 1
    return {t: counts.get(t, 0) for t in RELEASE_0_1_ROWS}


def _load_release_0_1(engine_name: str, request, tmp_path) -> str:
    """A new database holding the release-0.1 fixture: an SQLite file's path, or a PostgreSQL URL."""
    if engine_name == "sqlite":
        path = tmp_path / "release-0.1.db"
        with sqlite3.connect(path) as conn:
            conn.executescript((DATA / "release-0.1-sqlite.sql").read_text(encoding="utf-8"))
        return str(path)
    url = request.getfixturevalue("pg_url")
    psql = pg_bin_dir() / "psql"
    subprocess.run([str(psql), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url.replace("+psycopg", "", 1),
                    "-f", str(DATA / "release-0.1-postgresql.sql")], check=True, capture_output=True, text=True)
    return url


def _empty_db(engine_name: str, request, tmp_path) -> str:
    return str(tmp_path / "new.db") if engine_name == "sqlite" else request.getfixturevalue("pg_url")


@pytest.fixture(autouse=True)
def _forget_engines():
    yield
    for url in [u for u in store_db._engines if u.startswith("sqlite")]:
        store_db._engines.pop(url).dispose()


def _schema_differences(engine) -> list:
    """What Alembic's autogenerate would write to bring the database to the models (nothing, when they agree)."""
    store_db.import_table_modules()
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), store_db.Base.metadata)


def test_the_fixtures_hold_what_release_0_1_wrote():
    assert _rows_in_dump("sqlite") == _rows_in_dump("postgresql") == RELEASE_0_1_ROWS
    for name in ("sqlite", "postgresql"):
        assert "alembic_version" not in (DATA / f"release-0.1-{name}.sql").read_text(encoding="utf-8")


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_a_release_0_1_database_upgrades_to_head_and_keeps_its_rows(engine_name, request, tmp_path):
    from reports.scan_document import scan_document
    from scanner.crawl import CrawlConfig
    from store.surveys import facility_count
    from surveys.frame import load_facilities
    from wuzhangai.usecases.site_scan import ScanOptions, create_scan, finish_scan

    db = _load_release_0_1(engine_name, request, tmp_path)
    plain = store_db.new_engine(store_db.resolve_db(db))
    assert read_revision(plain) is None  # made before migrations
    assert "worker" not in {c["name"] for c in inspect(plain).get_columns("frontier")}
    plain.dispose()

    engine = store_db.engine_for(db)
    assert engine.dialect.name == engine_name
    assert read_revision(engine) == head_revision() == "0007_finding_frame"
    have = inspect(engine)
    assert {"worker", "lease_until", "redirect_of"} <= {c["name"] for c in have.get_columns("frontier")}
    assert "ix_frontier_scan_state" in {i["name"] for i in have.get_indexes("frontier")}
    assert _schema_differences(engine) == []  # the upgraded old database is the models' schema exactly
    with engine.connect() as conn:  # 0005: every site stored before apps were audited is a website
        assert set(conn.execute(text("SELECT kind FROM sites")).scalars()) == {"web"}

    with engine.connect() as conn:
        counts = {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in RELEASE_0_1_ROWS}
    assert counts == _rows_in_dump(engine_name) == RELEASE_0_1_ROWS

    old = T.load_scan(engine, 1)  # the store's readers on the old rows
    assert old["scan"]["state"] == "finished" and old["scan"]["mode"] == "static"
    assert len(old["pages"]) == 4 and len(old["findings"]) == 2 and len(old["issues"]) == 2
    doc = scan_document(engine, 1, "en")
    assert doc["scan"]["id"] == 1 and len(doc["pages"]) == 3  # the 4th row: /admin/, refused by robots.txt
    assert doc["site_score"] == pytest.approx(old["scan"]["site_score"], abs=0.05) == 90.7  # as the old run printed
    assert facility_count(engine) == 5 and len(load_facilities(engine)) == 5
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(T.frontier)
                            .where(T.frontier.c.worker.is_not(None))).scalar_one() == 0  # old rows: NULL

    options = ScanOptions(crawl=CrawlConfig(start_urls=[old["site"]["base_url"] + "/"]), browser=False)
    new_id = create_scan(engine, options, None)  # a new scan of the same site, with the new frontier columns
    entry = {"url": options.crawl.start_urls[0], "url_key": "k", "depth": 0, "referrer": None, "source": "start"}
    T.record_page(engine, new_id, entry, {"url": entry["url"], "status": 200, "score": 100.0}, [], "done")
    with engine.begin() as conn:
        conn.execute(T.frontier.update().where(T.frontier.c.scan_id == new_id)
                     .values(worker="w1", redirect_of="other-key"))
    finish_scan(engine, new_id)
    assert new_id == 2 and T.load_scan(engine, new_id)["site"]["id"] == old["site"]["id"]


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_db_commands_show_and_upgrade_a_release_0_1_database(engine_name, request, tmp_path):
    from wuzhangai.cli import main

    db = _load_release_0_1(engine_name, request, tmp_path)
    runner = CliRunner()
    before = runner.invoke(main, ["db", "current", "--db", db, "--format", "json"])
    assert before.exit_code == 0, before.output
    assert json.loads(before.output) | {"database": None} == {
        "database": None, "exists": True, "revision": None, "head": head_revision(), "state": "behind"}
    done = runner.invoke(main, ["db", "upgrade", "--db", db])
    assert done.exit_code == 0, done.output
    assert done.output.startswith("已升级") and "none (empty, or made before migrations) -> 0007_finding_frame" \
        in done.output
    again = runner.invoke(main, ["db", "upgrade", "--db", db])
    assert "already at 0007_finding_frame" in again.output
    after = runner.invoke(main, ["db", "current", "--db", db])
    assert after.exit_code == 0 and "0007_finding_frame" in after.output and "up to date" in after.output


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_an_empty_database_gets_exactly_the_models_tables_and_columns(engine_name, request, tmp_path):
    """Fails when a model gains (or loses) a table, column or index that no migration makes."""
    engine = store_db.engine_for(_empty_db(engine_name, request, tmp_path))
    store_db.import_table_modules()
    have = inspect(engine)
    models = store_db.Base.metadata.tables
    assert set(have.get_table_names()) == set(models) | {"alembic_version"}
    for name, table in models.items():
        columns = {c["name"]: c for c in have.get_columns(name)}
        assert list(columns) == [c.name for c in table.columns], name
        for column in table.columns:
            assert columns[column.name]["nullable"] == column.nullable, f"{name}.{column.name}"
        declared = {i.name for i in table.indexes}
        assert declared <= {i["name"] for i in have.get_indexes(name)}, name
    assert _schema_differences(engine) == []
    assert read_revision(engine) == head_revision()


_OPEN_AT = """
import sys, time
from store.db import engine_for
from store.migrations import read_revision
at = float(sys.argv[2])
time.sleep(max(0.0, at - time.time()))  # every process starts migrating at the same moment
print(read_revision(engine_for(sys.argv[1])))
"""


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_processes_opening_one_new_database_at_once_all_succeed(engine_name, request, tmp_path):
    db = _empty_db(engine_name, request, tmp_path)
    at = time.time() + 3.0  # after every interpreter has started and imported the store
    procs = [subprocess.Popen([sys.executable, "-c", _OPEN_AT, db, str(at)], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [err[-2000:] for _out, err in results]
    assert [out.strip() for out, _err in results] == [head_revision()] * 4
    engine = store_db.engine_for(db)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    assert _schema_differences(engine) == []


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_a_database_from_a_later_release_is_refused_in_words(engine_name, request, tmp_path):
    from wuzhangai.cli import main

    db = _empty_db(engine_name, request, tmp_path)
    engine = store_db.engine_for(db)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_a_later_release'"))
    store_db._engines.pop(store_db.resolve_db(db)).dispose()
    with pytest.raises(DatabaseTooNew, match=r"请升级 wuzhangai .*0099_from_a_later_release.*upgrade wuzhangai$"):
        store_db.engine_for(db)
    result = CliRunner().invoke(main, ["scans", "list", "--db", db])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "0099_from_a_later_release" in result.output
    assert "Traceback" not in result.output
    upgrade = CliRunner().invoke(main, ["db", "upgrade", "--db", db])
    assert upgrade.exit_code == 1 and "upgrade wuzhangai" in upgrade.output
    with engine.connect() as conn:  # nothing was touched
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0099_from_a_later_release"


def test_a_connection_that_finds_a_new_file_locked_switches_it_to_wal_once_the_lock_is_gone(tmp_path):
    """SQLite refuses the WAL switch at once, without its busy handler, when waiting could deadlock (several
    processes opening one new file: CI saw 3 of 4 fail); here a holder releases its lock after 0.3 s, and a
    connection with no busy handler at all must still end in WAL rather than raise 'database is locked'."""
    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (a)")
    holder.execute("BEGIN EXCLUSIVE")
    opener = sqlite3.connect(path, timeout=0, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        opener.execute("PRAGMA journal_mode=WAL")
    release = threading.Timer(0.3, holder.execute, args=("COMMIT",))
    release.start()
    store_db._switch_to_wal(opener.cursor())
    release.join()
    assert opener.execute("PRAGMA journal_mode").fetchone() == ("wal",)
