"""Dismissed issues of a site: an assessor says an issue (named by its fingerprint, ``checks.web.grouping``) is a
false positive or an accepted risk, with a reason. A dismissal belongs to the site, not to one scan: every later
scan of the site finds it by fingerprint. Undoing keeps the row (who undid it and when), so the history stays.
Plain rows; the use case (``wuzhangai.usecases.dismissals``) validates and re-finishes scans."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Table, Text, select, update
from sqlalchemy.engine import Engine

from store.db import Base

KINDS = ("false_positive", "accepted")

dismissals = Table(
    "dismissals", Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("site_id", Integer, ForeignKey("sites.id"), nullable=False),
    Column("fingerprint", String, nullable=False),
    Column("rule_id", String, nullable=False),
    Column("kind", String, nullable=False),  # false_positive | accepted
    Column("reason", Text, nullable=False),
    Column("created_by", String),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("undone_by", String),
    Column("undone_at", DateTime(timezone=True)),  # null: active
)
Index("ix_dismissals_site", dismissals.c.site_id, dismissals.c.fingerprint)


def add_dismissal(engine: Engine, site_id: int, fingerprint: str, rule_id: str, kind: str, reason: str,
                  created_by: str | None) -> int:
    with engine.begin() as conn:
        return conn.execute(dismissals.insert().values(
            site_id=site_id, fingerprint=fingerprint, rule_id=rule_id, kind=kind, reason=reason,
            created_by=created_by, created_at=datetime.now(timezone.utc))).inserted_primary_key[0]


def dismissal(engine: Engine, dismissal_id: int) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(select(dismissals).where(dismissals.c.id == dismissal_id)).mappings().first()
    return dict(row) if row else None


def undo_dismissal(engine: Engine, dismissal_id: int, undone_by: str | None) -> bool:
    """Mark an active dismissal undone; False when there is no such active dismissal."""
    with engine.begin() as conn:
        done = conn.execute(update(dismissals).where(dismissals.c.id == dismissal_id, dismissals.c.undone_at.is_(None))
                            .values(undone_by=undone_by, undone_at=datetime.now(timezone.utc)))
        return done.rowcount == 1


def active_dismissals(engine: Engine, site_id: int) -> list[dict]:
    """The site's dismissals not undone, oldest first."""
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(
            select(dismissals).where(dismissals.c.site_id == site_id, dismissals.c.undone_at.is_(None))
            .order_by(dismissals.c.id)).mappings()]


def active_by_fingerprint(engine: Engine, site_id: int | None) -> dict[str, dict]:
    """``fingerprint -> dismissal row`` of the site's active dismissals (empty for a scan with no site)."""
    if site_id is None:
        return {}
    return {d["fingerprint"]: d for d in active_dismissals(engine, site_id)}


def dismissals_by_id(engine: Engine, ids: list[int]) -> dict[int, dict]:
    if not ids:
        return {}
    with engine.connect() as conn:
        return {r["id"]: dict(r) for r in conn.execute(select(dismissals).where(dismissals.c.id.in_(ids))).mappings()}
