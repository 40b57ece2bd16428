"""Findings say which frame their element is in: the URL of the (cross-origin) iframe, for a map, a video or an
embedded service checked inside the page (``scanner/js/gather.js``); null for the page's own elements.

Revision ID: 0007_finding_frame
Revises: 0006_site_secrets
Created: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_finding_frame"
down_revision = "0006_site_secrets"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("frame", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.drop_column("frame")
