"""Engine and session helpers shared by every store module."""
from __future__ import annotations

import functools
import os
import random
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timezone
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase

DEFAULT_DB = "wuzhangai.db"
DB_ENV = "WUZHANGAI_DB"


class Base(DeclarativeBase):
    pass


class DatabaseUnavailable(RuntimeError):
    """The database cannot be opened (``str()`` says which, without its password, and why, in zh / en)."""


def resolve_db(db: str | os.PathLike | None) -> str:
    """The database a command uses: ``--db`` wins, then ``$WUZHANGAI_DB``, then ``./wuzhangai.db``.

    A plain path means an SQLite file; anything with ``://`` is taken as an SQLAlchemy URL. PostgreSQL URLs
    without a driver (``postgresql://``, ``postgres://``) get psycopg 3 (``postgresql+psycopg://``), the driver
    the project installs (SQLAlchemy's own default would be psycopg2).
    """
    value = str(db) if db else os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" in value:
        for bare in ("postgresql://", "postgres://"):
            if value.startswith(bare):
                return "postgresql+psycopg://" + value[len(bare):]
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA busy_timeout=10000")
    _switch_to_wal(cur)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _switch_to_wal(cur: sqlite3.Cursor, within_seconds: float = 10.0) -> None:
    """WAL: readers never block the scanner's writer, and a SIGKILL loses at most the open transaction.

    Switching a new file to WAL needs its exclusive lock, and SQLite answers "database is locked" at once,
    without waiting in the busy handler, when several connections opening the same new file ask for it
    together (waiting could deadlock them). So the loser tries again after a short random pause: by then the
    winner has switched the file, and the pragma only reads the mode (CI saw 3 of 4 processes fail without this).
    """
    deadline = time.monotonic() + within_seconds
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.01, 0.1))


_engines: dict[str, Engine] = {}


def engine_for(db: str | os.PathLike | None = None) -> Engine:
    """One engine per database URL per process, its schema brought to this code's revision (Alembic migrations
    in ``store/migrations``: an empty database gets every table, one from an older release is upgraded, one at
    the head is only read once). An unreachable database: ``DatabaseUnavailable``; one migrated by a later
    release: ``store.migrations.DatabaseTooNew``."""
    from store.migrations import ensure_head

    url = resolve_db(db)
    eng = _engines.get(url)
    if eng is None:
        eng = new_engine(url)
        try:
            ensure_head(eng)
        except BaseException:
            eng.dispose()
            raise
        _engines[url] = eng
    return eng


@contextmanager
def opening(url: str) -> Iterator[None]:
    """Turn a failure to reach the database at ``url`` (no server there, a wrong password, an unreadable file)
    into ``DatabaseUnavailable``: one line naming it, without its password, and the driver's reason."""
    try:
        yield
    except OperationalError as exc:
        shown = make_url(url).render_as_string(hide_password=True)
        raise DatabaseUnavailable(f"无法打开数据库 / cannot open the database {shown}: "
                                  f"{str(exc.orig).strip().splitlines()[0]}") from exc


def new_engine(url: str) -> Engine:
    """A new engine on ``url`` (as ``resolve_db`` gives it) set up as the store needs, tables untouched: SQLite
    with its pragmas; PostgreSQL with every session in UTC, because the store writes naive UTC times (SQLite
    keeps no zone), which PostgreSQL would otherwise read in the server's zone (8 hours off in Shanghai). Another
    driver named in the URL (``postgresql+psycopg2://``) gets a plain engine."""
    if url.startswith("postgresql+psycopg://"):
        eng = create_engine(url, future=True, connect_args={"options": "-c timezone=UTC"})
        event.listen(eng, "connect", _postgresql_naive_utc)
        return eng
    eng = create_engine(url, future=True)
    if url.startswith("sqlite"):
        event.listen(eng, "connect", _sqlite_pragmas)
    return eng


@functools.cache
def _naive_utc_loader() -> type:
    from psycopg.types.datetime import TimestamptzLoader

    class NaiveUTCLoader(TimestamptzLoader):
        def load(self, data):
            value = super().load(data)
            return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo else value

    return NaiveUTCLoader


def _postgresql_naive_utc(dbapi_connection, _record) -> None:
    """``timestamptz`` values come back as naive UTC, as SQLite gives them, so what the store returns (and every
    document made from it) is the same on both engines."""
    dbapi_connection.adapters.register_loader("timestamptz", _naive_utc_loader())


TABLE_MODULES = ("store.scans", "store.surveys", "store.geo", "store.settings", "store.jobs", "store.dismissals",
                 "store.alerts", "store.accounts", "store.uploads", "store.site_secrets")


def import_table_modules() -> None:
    """Import every module that declares tables, so ``Base.metadata`` holds them all (for the migrations'
    autogenerate and the schema test)."""
    import importlib

    for name in TABLE_MODULES:
        importlib.import_module(name)
