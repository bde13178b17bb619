"""workshop Swedish title and form language

``title_sv``: the workshop's Swedish title (empty: the Finnish one is shown);
``language``: the language its feedback forms are typed and printed in ("fi"
or "sv"; NULL: from the coordinator and region). Columns are added in place.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "workshop", sa.Column("title_sv", sa.String(300), nullable=False, server_default="")
    )
    op.add_column("workshop", sa.Column("language", sa.String(2), nullable=True))


def downgrade() -> None:
    # In place (ALTER TABLE … DROP COLUMN): a copied table would cascade-delete responses.
    op.drop_column("workshop", "language")
    op.drop_column("workshop", "title_sv")
