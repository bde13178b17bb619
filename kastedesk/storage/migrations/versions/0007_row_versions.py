"""row versions: a counter on every record a person edits, against lost updates

Each save compares the version the user started from with the stored one, and
SQLAlchemy's ``version_id_col`` adds ``AND row_version = ?`` to every UPDATE.
Columns are added in place (``ALTER TABLE … ADD COLUMN``): no table is copied.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

VERSIONED_TABLES = (
    "project",
    "group",
    "person",
    "membership",
    "meeting",
    "agenda_item",
    "action_item",
    "attendance",
    "workshop_module",
    "workshop",
    "feedback_form",
    "feedback_response",
)


def upgrade() -> None:
    for table in VERSIONED_TABLES:
        op.add_column(
            table,
            sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"),
        )


def downgrade() -> None:
    for table in reversed(VERSIONED_TABLES):
        op.drop_column(table, "row_version")
