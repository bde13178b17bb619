"""bundle revisions: each exchanged record's last exchanged version and its revision

A version is a hash of a record's content, so an edit back to earlier content
(a rating 2 → 3 → 2) brought back a version other installations know as an older
one, and two gatherers could end with different records. ``sync_current`` holds,
per record UUID, the version it had here when it last went through a bundle and
its revision: such an edit is given a new revision (a version nobody knows) when
it travels. The table starts empty: a record gets its row when it next travels.

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_current",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_index(
        "ix_sync_current_revised",
        "sync_current",
        ["uuid"],
        sqlite_where=sa.text("revision > 0"),
        postgresql_where=sa.text("revision > 0"),
    )


def downgrade() -> None:
    op.drop_index("ix_sync_current_revised", table_name="sync_current")
    op.drop_table("sync_current")
