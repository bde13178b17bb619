"""tabled items: an agenda item's outcome, and the group's backlog of parked items

``agenda_item`` gets ``outcome`` (decided, tabled, postponed or withdrawn;
every existing item is decided), ``continues_item_id`` (the tabled or postponed
item a later agenda takes up again) and ``backlog_item_id`` (the parked item it
was made of). The table ``backlog_item`` holds items the secretary parked for a
later meeting of the group.

On SQLite adding the two foreign keys copies ``agenda_item``; the upgrade runs
with foreign keys off, so nothing cascades (see ``storage.migrate``).

Revision ID: 0016
Revises: 0013
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0013"
branch_labels = None
depends_on = None

AUTHOR_MAX = 100


def upgrade() -> None:
    op.create_table(
        "backlog_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("title_fi", sa.String(length=300), nullable=False),
        sa.Column("title_sv", sa.String(length=300), nullable=False),
        sa.Column("background", sa.Text(), nullable=False),
        sa.Column("proposal", sa.Text(), nullable=False),
        sa.Column("background_sv", sa.Text(), nullable=False),
        sa.Column("proposal_sv", sa.Text(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("created_by", sa.String(AUTHOR_MAX), nullable=False, server_default=""),
        sa.Column("updated_by", sa.String(AUTHOR_MAX), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"], ["group.id"],
            name=op.f("fk_backlog_item_group_id_group"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_backlog_item")),
    )  # fmt: skip
    op.create_index(op.f("ix_backlog_item_group_id"), "backlog_item", ["group_id"], unique=False)
    with op.batch_alter_table("agenda_item") as batch:
        batch.add_column(
            sa.Column("outcome", sa.String(length=20), nullable=False, server_default="decided")
        )
        batch.add_column(sa.Column("continues_item_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("backlog_item_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_agenda_item_continues_item_id_agenda_item"),
            "agenda_item", ["continues_item_id"], ["id"], ondelete="SET NULL",
        )  # fmt: skip
        batch.create_foreign_key(
            op.f("fk_agenda_item_backlog_item_id_backlog_item"),
            "backlog_item", ["backlog_item_id"], ["id"], ondelete="SET NULL",
        )  # fmt: skip
        batch.create_index(
            op.f("ix_agenda_item_continues_item_id"), ["continues_item_id"], unique=False
        )
        batch.create_index(
            op.f("ix_agenda_item_backlog_item_id"), ["backlog_item_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("agenda_item") as batch:
        batch.drop_index(op.f("ix_agenda_item_backlog_item_id"))
        batch.drop_index(op.f("ix_agenda_item_continues_item_id"))
        batch.drop_constraint(
            op.f("fk_agenda_item_backlog_item_id_backlog_item"), type_="foreignkey"
        )
        batch.drop_constraint(
            op.f("fk_agenda_item_continues_item_id_agenda_item"), type_="foreignkey"
        )
        batch.drop_column("backlog_item_id")
        batch.drop_column("continues_item_id")
        batch.drop_column("outcome")
    op.drop_index(op.f("ix_backlog_item_group_id"), table_name="backlog_item")
    op.drop_table("backlog_item")
