"""Jobs sent to Celery workers (``--queue``): when a queued job was last sent, so the dispatcher sends it once
and again only when its message was lost or a worker found its site busy.

Revision ID: 0003_job_dispatch
Revises: 0002_shared_frontier
Created: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_job_dispatch"
down_revision = "0002_shared_frontier"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("dispatched_at")
