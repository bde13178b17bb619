"""votes and disqualification: conflicts of interest and votes per agenda item (§)

Three new tables, nothing existing changes: ``item_disqualification`` (a
member disqualified from a §, by their attendance row), ``item_vote`` (the
motions and result of a §'s vote) and ``vote_ballot`` (each voter's choice in
a vote by name). Every row is removed with its item, vote or attendance row.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

AUTHOR_MAX = 100


def _authored_stamped() -> list[sa.Column[object]]:
    return [
        sa.Column("created_by", sa.String(AUTHOR_MAX), nullable=False, server_default=""),
        sa.Column("updated_by", sa.String(AUTHOR_MAX), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "item_disqualification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("attendance_id", sa.Integer(), nullable=False),
        *_authored_stamped(),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_item.id"],
            name=op.f("fk_item_disqualification_item_id_agenda_item"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["attendance_id"], ["attendance.id"],
            name=op.f("fk_item_disqualification_attendance_id_attendance"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_disqualification")),
        sa.UniqueConstraint(
            "item_id", "attendance_id", name="uq_item_disqualification_item_id"
        ),
    )  # fmt: skip
    op.create_index(
        op.f("ix_item_disqualification_item_id"), "item_disqualification", ["item_id"]
    )
    op.create_index(
        op.f("ix_item_disqualification_attendance_id"),
        "item_disqualification",
        ["attendance_id"],
    )
    op.create_table(
        "item_vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("yes_motion_fi", sa.String(300), nullable=False),
        sa.Column("yes_motion_sv", sa.String(300), nullable=False),
        sa.Column("no_motion_fi", sa.String(300), nullable=False),
        sa.Column("no_motion_sv", sa.String(300), nullable=False),
        sa.Column("by_name", sa.Boolean(), nullable=False),
        sa.Column("yes_count", sa.Integer(), nullable=False),
        sa.Column("no_count", sa.Integer(), nullable=False),
        sa.Column("abstain_count", sa.Integer(), nullable=False),
        sa.Column("tie_winner", sa.String(10), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"),
        *_authored_stamped(),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_item.id"],
            name=op.f("fk_item_vote_item_id_agenda_item"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_vote")),
    )  # fmt: skip
    op.create_index(op.f("ix_item_vote_item_id"), "item_vote", ["item_id"], unique=True)
    op.create_table(
        "vote_ballot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vote_id", sa.Integer(), nullable=False),
        sa.Column("attendance_id", sa.Integer(), nullable=False),
        sa.Column("choice", sa.String(10), nullable=False),
        sa.ForeignKeyConstraint(
            ["vote_id"], ["item_vote.id"],
            name=op.f("fk_vote_ballot_vote_id_item_vote"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["attendance_id"], ["attendance.id"],
            name=op.f("fk_vote_ballot_attendance_id_attendance"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vote_ballot")),
        sa.UniqueConstraint("vote_id", "attendance_id", name="uq_vote_ballot_vote_id"),
    )  # fmt: skip
    op.create_index(op.f("ix_vote_ballot_vote_id"), "vote_ballot", ["vote_id"])
    op.create_index(op.f("ix_vote_ballot_attendance_id"), "vote_ballot", ["attendance_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_vote_ballot_attendance_id"), table_name="vote_ballot")
    op.drop_index(op.f("ix_vote_ballot_vote_id"), table_name="vote_ballot")
    op.drop_table("vote_ballot")
    op.drop_index(op.f("ix_item_vote_item_id"), table_name="item_vote")
    op.drop_table("item_vote")
    for column in ("attendance_id", "item_id"):
        op.drop_index(
            op.f(f"ix_item_disqualification_{column}"), table_name="item_disqualification"
        )
    op.drop_table("item_disqualification")
