"""minutes: Swedish texts of agenda items; a group's own standard § texts

Agenda items get Swedish background, proposal and decision; the table
``phrase_template`` holds a group's replacements of the standard items'
proposal and decision texts (one per item kind, field and language).

The existing texts stay the Finnish ones (``background``, ``proposal``,
``decision``); the Swedish ones are new columns, empty for older items.
Columns are added in place (``ALTER TABLE … ADD COLUMN``): no table is copied.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

ITEM_TEXTS_SV = ("background_sv", "proposal_sv", "decision_sv")


def upgrade() -> None:
    for name in ITEM_TEXTS_SV:
        op.add_column("agenda_item", sa.Column(name, sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "phrase_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("field", sa.String(length=20), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"),
        sa.ForeignKeyConstraint(
            ["group_id"], ["group.id"],
            name=op.f("fk_phrase_template_group_id_group"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phrase_template")),
        sa.UniqueConstraint(
            "group_id", "kind", "field", "lang", name="uq_phrase_template_group_kind_field_lang"
        ),
    )  # fmt: skip
    op.create_index(
        op.f("ix_phrase_template_group_id"), "phrase_template", ["group_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_phrase_template_group_id"), table_name="phrase_template")
    op.drop_table("phrase_template")
    with op.batch_alter_table("agenda_item") as batch:
        for name in reversed(ITEM_TEXTS_SV):
            batch.drop_column(name)
