"""Alembic's environment for the project's schema: run by ``store.migrations`` (``engine_for``, ``wuzhangai db``)
with the connection to migrate in ``config.attributes["connection"]``, already inside the transaction (and lock)
that the caller holds, so a migration and its version stamp commit together or not at all."""
from __future__ import annotations

from alembic import context

from store.db import Base, import_table_modules

import_table_modules()  # every Table on Base.metadata, for autogenerate to compare against
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("迁移须经 store.migrations 运行 / run migrations through store.migrations "
                           "(`wuzhangai db upgrade`), which passes the connection")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite alters a table by copying it: batch mode does that for the operations it cannot ALTER
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():  # joins the caller's transaction (Alembic begins none when one is open)
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("离线（--sql）迁移不受支持 / offline (--sql) migrations are not supported")
run_migrations_online()
