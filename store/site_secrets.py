"""The secrets of a site's authenticated scans (passwords, tokens, cookie files), stored encrypted: this module
keeps only ciphertext (``wuzhangai.usecases.site_auth`` encrypts with a key that is never in the database)."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table, Text, UniqueConstraint, delete, select
from sqlalchemy.engine import Engine

from store.db import Base
from store.scans import sites

site_secrets = Table(
    "site_secrets", Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("site_id", Integer, ForeignKey(sites.c.id, ondelete="CASCADE"), nullable=False),
    Column("name", String, nullable=False),  # what a setting names: ${secret:NAME}
    Column("ciphertext", Text, nullable=False),  # a Fernet token (AES-128-CBC + HMAC-SHA256)
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String),
    UniqueConstraint("site_id", "name", name="uq_site_secret_name"),
)


def put_secret(engine: Engine, site_id: int, name: str, ciphertext: str, by: str | None) -> None:
    with engine.begin() as conn:
        conn.execute(delete(site_secrets).where(site_secrets.c.site_id == site_id, site_secrets.c.name == name))
        conn.execute(site_secrets.insert().values(site_id=site_id, name=name, ciphertext=ciphertext,
                                                  updated_at=datetime.now(timezone.utc), updated_by=by))


def delete_secret(engine: Engine, site_id: int, name: str) -> bool:
    with engine.begin() as conn:
        return conn.execute(delete(site_secrets).where(site_secrets.c.site_id == site_id,
                                                       site_secrets.c.name == name)).rowcount > 0


def secret_rows(engine: Engine, site_id: int) -> list[dict]:
    """The site's secrets (name, ciphertext, updated_at, updated_by), by name."""
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(site_secrets).where(site_secrets.c.site_id == site_id)
                                              .order_by(site_secrets.c.name)).mappings()]
