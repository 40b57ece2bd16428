"""The secrets of a site's authenticated scans, encrypted (``store.site_secrets``); the site's other
authentication settings live in ``sites.scan_config["auth"]`` (references to these secrets, never values).

Revision ID: 0006_site_secrets
Revises: 0005_app_targets
Created: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_site_secrets"
down_revision = "0005_app_targets"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "site_secrets",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("site_id", sa.Integer(), sa.ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("ciphertext", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.UniqueConstraint("site_id", "name", name="uq_site_secret_name"),
    )


def downgrade() -> None:
    op.drop_table("site_secrets")
