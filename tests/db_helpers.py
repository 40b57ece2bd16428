"""Databases for tests: one per engine for fixtures over both, and as an older release left them (upgrades)."""
from __future__ import annotations

from alembic import command
from sqlalchemy import text

from store import db as store_db
from store.migrations import alembic_config


def as_before_migrations(db) -> None:
    """Turn a database made by this code into one shaped like release 0.1's (the last before migrations): its
    schema brought down to the baseline revision, and no ``alembic_version``. Forgets its cached engine."""
    url = store_db.resolve_db(db)
    cached = store_db._engines.pop(url, None)
    if cached is not None:
        cached.dispose()
    eng = store_db.new_engine(url)
    try:
        with eng.connect() as conn:
            with conn.begin():
                command.downgrade(alembic_config(conn), "0001_baseline")
            with conn.begin():
                conn.execute(text("DROP TABLE alembic_version"))
    finally:
        eng.dispose()


def engine_on_param(request, tmp_path):
    """For a fixture parametrised over ``["sqlite", "postgresql"]``: a fresh database on that engine, its engine
    yielded, then disposed and forgotten by the store's cache."""
    db = str(tmp_path / "t.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    eng = store_db.engine_for(db)
    yield eng
    eng.dispose()
    store_db._engines.pop(store_db.resolve_db(db), None)
