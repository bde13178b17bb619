"""minutes: Swedish texts of agenda items (background, proposal, decision)

The existing texts stay the Finnish ones (``background``, ``proposal``,
``decision``); the Swedish ones are new columns, empty for older items.
Columns are added in place (``ALTER TABLE … ADD COLUMN``): no table is copied.

Revision ID: 0013
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0007"
branch_labels = None
depends_on = None

ITEM_TEXTS_SV = ("background_sv", "proposal_sv", "decision_sv")


def upgrade() -> None:
    for name in ITEM_TEXTS_SV:
        op.add_column("agenda_item", sa.Column(name, sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("agenda_item") as batch:
        for name in reversed(ITEM_TEXTS_SV):
            batch.drop_column(name)
