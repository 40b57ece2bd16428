"""Survey uploads received by the service: who sent which file when, where the original is kept (a generated
name under the service's data folder, never the name the user gave), its SHA-256 and what the import made of
it. Refused uploads are kept too: the audit trail covers what was not imported."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Column, DateTime, Integer, String, Table, select
from sqlalchemy.engine import Engine

from store.db import Base

uploads = Table(
    "survey_uploads", Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("user_name", String, nullable=False),
    Column("original_name", String, nullable=False),  # as the browser sent it: shown, never used as a path
    Column("stored_name", String, nullable=False),  # generated, under <data dir>/uploads
    Column("sha256", String, nullable=False),
    Column("size", Integer, nullable=False),
    Column("crs", String),
    Column("skip_invalid", Integer, nullable=False, default=0),
    Column("outcome", String, nullable=False),  # imported | partial (rows rejected) | refused
    Column("import_id", Integer),  # survey_imports.id when something was written
    Column("rows_read", Integer),
    Column("rows_rejected", Integer),
    Column("records_created", Integer),
    Column("records_updated", Integer),
    Column("problem_count", Integer),
    Column("rejects_name", String),  # generated name of the rejected rows' CSV, when there were some
    Column("report", JSON),  # the import report without its problem list (that is in report_name)
    Column("report_name", String),  # generated name of the full JSON report
)


def record_upload(engine: Engine, **values) -> int:
    values.setdefault("received_at", datetime.now(timezone.utc))
    with engine.begin() as conn:
        return conn.execute(uploads.insert().values(**values)).inserted_primary_key[0]


def list_uploads(engine: Engine, limit: int = 100) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(uploads).order_by(uploads.c.id.desc()).limit(limit)).mappings()]


def get_upload(engine: Engine, upload_id: int) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(select(uploads).where(uploads.c.id == upload_id)).mappings().first()
    return dict(row) if row else None
