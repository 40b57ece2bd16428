"""Attachments keep the results of their accessibility checks (``checks.documents``: a PDF's text layer, tags,
title and language, or why it was not checked).

Revision ID: 0004_attachment_checks
Revises: 0003_job_dispatch
Created: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_attachment_checks"
down_revision = "0003_job_dispatch"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("attachments") as batch:
        batch.add_column(sa.Column("checks", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("attachments") as batch:
        batch.drop_column("checks")
