"""meeting documents: invitation sequence, agenda-sent date, the group's Word template

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting") as batch:
        batch.add_column(
            sa.Column("invite_sequence", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("agenda_sent_on", sa.Date(), nullable=True))
    with op.batch_alter_table("group") as batch:
        batch.add_column(
            sa.Column("template_path", sa.String(length=1000), nullable=False, server_default="")
        )


def downgrade() -> None:
    # Native DROP COLUMN (SQLite 3.35+): a batch copy of "group" would drop the
    # table and, with foreign keys on, cascade-delete every membership.
    op.execute('ALTER TABLE "group" DROP COLUMN template_path')
    op.execute("ALTER TABLE meeting DROP COLUMN agenda_sent_on")
    op.execute("ALTER TABLE meeting DROP COLUMN invite_sequence")
