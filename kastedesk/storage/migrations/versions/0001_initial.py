"""Mark the file as a KasteDesk database and keep facts about it.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

APPLICATION_ID = 0x4B445350  # "KDSP": lets KasteDesk recognise its own SQLite files


def upgrade() -> None:
    meta = op.create_table(
        "kastedesk_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    op.bulk_insert(meta, [{"key": "created_at", "value": now}])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def downgrade() -> None:
    op.drop_table("kastedesk_meta")
