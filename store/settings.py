"""Project settings kept in the database: small named text values (``wuzhangai district use`` stores the
district in use under ``district``). Plain rows; no domain package is imported here."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import String, Text, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Mapped, Session, mapped_column

from store.db import Base


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[str] = mapped_column(String(40))  # ISO 8601 UTC


def get_setting(engine: Engine, key: str) -> str | None:
    """The value stored under ``key``; None when unset (or in a database made before this table existed
    and opened without ``engine_for``)."""
    try:
        with Session(engine) as session:
            return session.scalar(select(Setting.value).where(Setting.key == key))
    except (OperationalError, ProgrammingError):  # no settings table
        return None


def set_setting(engine: Engine, key: str, value: str | None) -> None:
    """Store ``value`` under ``key`` (None removes it)."""
    Base.metadata.create_all(engine, tables=[Setting.__table__])
    with Session(engine) as session, session.begin():
        row = session.get(Setting, key)
        if value is None:
            if row is not None:
                session.delete(row)
            return
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        if row is None:
            session.add(Setting(key=key, value=value, updated_at=now))
        else:
            row.value, row.updated_at = value, now
