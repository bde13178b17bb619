"""bundles: known versions per record, kept conflicts, names of other installations

Only new tables: nothing existing is altered, so no table is copied.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_version",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("exported", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", "version", name=op.f("pk_sync_version")),
    )
    op.create_table(
        "bundle_conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=36), nullable=False),
        sa.Column("detected_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bundle_conflict")),
        sa.UniqueConstraint("uuid", "version", name="uq_bundle_conflict_version"),
    )
    op.create_index(op.f("ix_bundle_conflict_uuid"), "bundle_conflict", ["uuid"], unique=False)
    op.create_table(
        "sync_installation",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("last_import_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_installation")),
    )


def downgrade() -> None:
    op.drop_table("sync_installation")
    op.drop_index(op.f("ix_bundle_conflict_uuid"), table_name="bundle_conflict")
    op.drop_table("bundle_conflict")
    op.drop_table("sync_version")
