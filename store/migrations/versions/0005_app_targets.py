"""Sites say what they are: ``kind`` ``web`` (a website, the default for every site stored so far) or ``app`` (an
Android app audited from uiautomator dumps, its screens stored as pages).

Revision ID: 0005_app_targets
Revises: 0004_attachment_checks
Created: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_app_targets"
down_revision = "0004_attachment_checks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN (SQLite allows NOT NULL with a default): batch mode would copy and drop ``sites``, which
    # the foreign keys of scans, jobs and dismissals refuse on a database that holds sites
    op.add_column("sites", sa.Column("kind", sa.String(), nullable=False, server_default="web"))


def downgrade() -> None:
    op.drop_column("sites", "kind")  # native DROP COLUMN (SQLite 3.35+), for the same reason
