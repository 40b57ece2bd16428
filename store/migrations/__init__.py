"""The project's schema as Alembic migrations, shipped inside the package (this folder is Alembic's script
location, found from this file, so no ``alembic.ini`` is needed where the tool is installed).

``engine_for`` calls ``ensure_head`` once per process and database: it reads ``alembic_version`` and, only when
the database is behind, upgrades it under a lock so that two processes opening the same new database do not both
create its tables: on PostgreSQL a session advisory lock, on SQLite one ``BEGIN IMMEDIATE`` transaction (the
database's write lock, taken before anything is read). Revision ``0001_baseline`` is tolerant: it completes a
database made by any release from before migrations (tables present, no ``alembic_version``), so such a file is
upgraded by the same ``upgrade head`` as an empty one.
"""
from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url

from store.db import DatabaseUnavailable, new_engine, opening

SCRIPT_LOCATION = Path(__file__).resolve().parent

# pg_advisory_lock key of the migration: any fixed bigint that nothing else in the database uses ("wzamigr1")
PG_LOCK_KEY = 0x777A_616D_6967_7231


class DatabaseTooNew(DatabaseUnavailable):
    """The database was migrated by a later release than this one: its schema is unknown here."""


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code: this folder as the script location and, when given, the
    connection that ``env.py`` migrates (``config.attributes["connection"]``)."""
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@functools.cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest revision this code knows."""
    head = _scripts().get_current_head()
    assert head is not None, "store/migrations/versions holds no revision"
    return head


@functools.cache
def known_revisions() -> frozenset[str]:
    return frozenset(script.revision for script in _scripts().walk_revisions())


def current_revision(conn: Connection) -> str | None:
    """The revision the database is at: None for an empty database or one made before migrations."""
    heads = MigrationContext.configure(conn).get_current_heads()
    return heads[0] if len(heads) == 1 else (",".join(heads) or None)


def _refuse_unknown(url: str, revision: str | None) -> None:
    if revision is not None and any(r not in known_revisions() for r in revision.split(",")):
        shown = make_url(url).render_as_string(hide_password=True)
        raise DatabaseTooNew(
            f"数据库 {shown} 的结构版本 {revision} 比本程序新（本程序最高到 {head_revision()}），请升级 wuzhangai / "
            f"the database {shown} is at schema revision {revision}, newer than this wuzhangai knows "
            f"({head_revision()}): upgrade wuzhangai")


def read_revision(engine: Engine) -> str | None:
    """The database's revision, read without changing anything (an unreachable database: DatabaseUnavailable)."""
    url = engine.url.render_as_string(hide_password=False)
    with opening(url), engine.connect() as conn:
        return current_revision(conn)


def ensure_head(engine: Engine) -> tuple[str | None, str]:
    """Bring the database of ``engine`` to the head revision unless it is there already (one cheap read);
    returns ``(revision before, revision after)``. A revision this code does not know: ``DatabaseTooNew``."""
    url = engine.url.render_as_string(hide_password=False)
    before = read_revision(engine)
    _refuse_unknown(url, before)
    if before == head_revision():
        return before, before
    return upgrade(url)


def upgrade(url: str) -> tuple[str | None, str]:
    """``alembic upgrade head`` on the database at ``url`` (as ``store.db.resolve_db`` gives it), under the lock
    that serialises the processes migrating it; returns ``(revision before, revision after)``."""
    eng = _locking_engine(url)
    try:
        with opening(url), eng.connect() as conn:
            postgresql = conn.dialect.name == "postgresql"
            if postgresql:
                # a session lock, held across the migration's transaction; a second process waits here, then
                # finds the database at head and does nothing
                conn.exec_driver_sql(f"SELECT pg_advisory_lock({PG_LOCK_KEY})")
                conn.commit()
            try:
                with conn.begin():  # SQLite: BEGIN IMMEDIATE (see _locking_engine)
                    before = current_revision(conn)
                    _refuse_unknown(url, before)
                    if before != head_revision():
                        command.upgrade(alembic_config(conn), "head")
                    after = current_revision(conn)
            finally:
                if postgresql:
                    conn.exec_driver_sql(f"SELECT pg_advisory_unlock({PG_LOCK_KEY})")
                    conn.commit()
    finally:
        eng.dispose()
    return before, after


def _locking_engine(url: str) -> Engine:
    """A short-lived engine for one migration. On SQLite its transactions begin with ``BEGIN IMMEDIATE``: the
    write lock is taken before the revision is read, so a second process waits (busy_timeout) and then reads the
    revision the first one committed; pysqlite's own transaction handling is turned off, since it would neither
    begin a transaction before DDL nor take the lock up front."""
    eng = new_engine(url)
    if eng.dialect.name == "sqlite":
        @event.listens_for(eng, "connect")
        def _no_implicit_transactions(dbapi_connection, _record) -> None:
            dbapi_connection.isolation_level = None

        @event.listens_for(eng, "begin")
        def _begin_immediate(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
    return eng
