"""Alert deliveries: one row per message sent (or tried) to a webhook or a mail server after a scan, for the
service's history page. Targets are stored as given by the caller, which redacts secrets (robot keys in
webhook URLs); no password is ever stored here."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Index, Integer, String, Table, Text, select
from sqlalchemy.engine import Engine

from store.db import Base

alert_deliveries = Table(
    "alert_deliveries", Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("scan_id", Integer, ForeignKey("scans.id", ondelete="CASCADE"), nullable=False),
    Column("channel", String, nullable=False),  # webhook | email
    Column("target", Text, nullable=False),  # webhook URL without its secrets, or the mail recipients
    Column("ok", Boolean, nullable=False),
    Column("status", String),  # HTTP status, or the SMTP outcome
    Column("error", Text),
    Column("sent_at", DateTime(timezone=True), nullable=False),
)
Index("ix_alert_deliveries_scan", alert_deliveries.c.scan_id)


def record_delivery(engine: Engine, scan_id: int, channel: str, target: str, ok: bool, status: str | None,
                    error: str | None, sent_at: datetime | None = None) -> int:
    with engine.begin() as conn:
        return conn.execute(alert_deliveries.insert().values(
            scan_id=scan_id, channel=channel, target=target, ok=ok, status=status, error=error,
            sent_at=sent_at or datetime.now(timezone.utc))).inserted_primary_key[0]


def deliveries(engine: Engine, scan_id: int | None = None, limit: int = 200) -> list[dict]:
    """Deliveries, newest first (of one scan, or of all)."""
    query = select(alert_deliveries).order_by(alert_deliveries.c.id.desc()).limit(limit)
    if scan_id is not None:
        query = query.where(alert_deliveries.c.scan_id == scan_id)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]
