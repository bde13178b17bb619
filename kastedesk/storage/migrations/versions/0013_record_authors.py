"""record authors: who created and last changed each edited record, and when

``created_by``/``updated_by`` on every versioned record except feedback
responses (anonymous: not even who typed them in is kept), ``created_at``/
``updated_at`` on those that do not travel in bundles (workshops, forms and
responses have had their times since 0004), and ``by`` on the meeting's
history. Columns are added in place: no table is copied. Rows older than this
revision have an empty author and no times: nobody knows them.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

AUTHOR_MAX = 100
STAMPED_TABLES = (
    "project",
    "group",
    "person",
    "membership",
    "meeting",
    "agenda_item",
    "action_item",
    "attendance",
    "workshop_module",
    "cost_partner",
    "cost_category",
    "cost_budget",
    "funding_line",
    "cost_entry",
)
AUTHORED_TABLES = (*STAMPED_TABLES, "workshop", "feedback_form")


def upgrade() -> None:
    for table in AUTHORED_TABLES:
        for column in ("created_by", "updated_by"):
            op.add_column(
                table,
                sa.Column(column, sa.String(AUTHOR_MAX), nullable=False, server_default=""),
            )
    for table in STAMPED_TABLES:
        for column in ("created_at", "updated_at"):
            op.add_column(table, sa.Column(column, sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "meeting_event",
        sa.Column("by", sa.String(AUTHOR_MAX), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_column("meeting_event", "by")
    for table in reversed(STAMPED_TABLES):
        op.drop_column(table, "updated_at")
        op.drop_column(table, "created_at")
    for table in reversed(AUTHORED_TABLES):
        op.drop_column(table, "updated_by")
        op.drop_column(table, "created_by")
