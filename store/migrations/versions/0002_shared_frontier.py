"""The crawl frontier shared by several workers: who holds a URL's claim and until when, and the page whose
redirect landed on a URL; an index for "the next queued (or expired) URL of this scan".

New frontier states go with it ('claimed', 'redirected'); ``state`` is a plain string, so they need no DDL.

Revision ID: 0002_shared_frontier
Revises: 0001_baseline
Created: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_shared_frontier"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("frontier") as batch:
        batch.add_column(sa.Column("worker", sa.String(), nullable=True))
        batch.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("redirect_of", sa.String(), nullable=True))
        batch.create_index("ix_frontier_scan_state", ["scan_id", "state", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("frontier") as batch:
        batch.drop_index("ix_frontier_scan_state")
        batch.drop_column("redirect_of")
        batch.drop_column("lease_until")
        batch.drop_column("worker")
