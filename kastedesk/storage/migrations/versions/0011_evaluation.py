"""evaluation matrix: goals, measures, regions, rounds, cells and goal comments

Only new tables: nothing existing is altered, so no table is copied.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evaluation_goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text_fi", sa.Text(), nullable=False),
        sa.Column("text_sv", sa.Text(), nullable=False),
        sa.Column("theme_fi", sa.String(length=300), nullable=False),
        sa.Column("theme_sv", sa.String(length=300), nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_evaluation_goal_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_goal")),
        sa.UniqueConstraint("uuid", name=op.f("uq_evaluation_goal_uuid")),
    )
    op.create_index(
        op.f("ix_evaluation_goal_project_id"), "evaluation_goal", ["project_id"], unique=False
    )
    op.create_table(
        "evaluation_region",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=2), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_evaluation_region_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_region")),
        sa.UniqueConstraint("project_id", "region", name="uq_evaluation_region"),
        sa.UniqueConstraint("uuid", name=op.f("uq_evaluation_region_uuid")),
    )
    op.create_index(
        op.f("ix_evaluation_region_project_id"), "evaluation_region", ["project_id"], unique=False
    )
    op.create_table(
        "evaluation_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("locked", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_evaluation_round_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_round")),
        sa.UniqueConstraint("uuid", name=op.f("uq_evaluation_round_uuid")),
    )
    op.create_index(
        op.f("ix_evaluation_round_project_id"), "evaluation_round", ["project_id"], unique=False
    )
    op.create_table(
        "evaluation_goal_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=2), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["evaluation_goal.id"],
            name=op.f("fk_evaluation_goal_comment_goal_id_evaluation_goal"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["evaluation_round.id"],
            name=op.f("fk_evaluation_goal_comment_round_id_evaluation_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_goal_comment")),
        sa.UniqueConstraint("round_id", "goal_id", "region", name="uq_evaluation_goal_comment"),
        sa.UniqueConstraint("uuid", name=op.f("uq_evaluation_goal_comment_uuid")),
    )
    op.create_index(
        op.f("ix_evaluation_goal_comment_goal_id"),
        "evaluation_goal_comment",
        ["goal_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_evaluation_goal_comment_round_id"),
        "evaluation_goal_comment",
        ["round_id"],
        unique=False,
    )
    op.create_table(
        "evaluation_measure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text_fi", sa.Text(), nullable=False),
        sa.Column("text_sv", sa.Text(), nullable=False),
        sa.Column("retired", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("retired_on", sa.Date(), nullable=True),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["evaluation_goal.id"],
            name=op.f("fk_evaluation_measure_goal_id_evaluation_goal"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_measure")),
        sa.UniqueConstraint("uuid", name=op.f("uq_evaluation_measure_uuid")),
    )
    op.create_index(
        op.f("ix_evaluation_measure_goal_id"), "evaluation_measure", ["goal_id"], unique=False
    )
    op.create_table(
        "evaluation_reopening",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("reopened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["evaluation_round.id"],
            name=op.f("fk_evaluation_reopening_round_id_evaluation_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_reopening")),
    )
    op.create_index(
        op.f("ix_evaluation_reopening_round_id"), "evaluation_reopening", ["round_id"], unique=False
    )
    op.create_table(
        "evaluation_cell",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=2), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "rating IS NULL OR rating BETWEEN 1 AND 3", name=op.f("ck_evaluation_cell_rating_range")
        ),
        sa.ForeignKeyConstraint(
            ["measure_id"],
            ["evaluation_measure.id"],
            name=op.f("fk_evaluation_cell_measure_id_evaluation_measure"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["evaluation_round.id"],
            name=op.f("fk_evaluation_cell_round_id_evaluation_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_cell")),
        sa.UniqueConstraint("round_id", "measure_id", "region", name="uq_evaluation_cell"),
        sa.UniqueConstraint("uuid", name=op.f("uq_evaluation_cell_uuid")),
    )
    op.create_index(
        op.f("ix_evaluation_cell_measure_id"), "evaluation_cell", ["measure_id"], unique=False
    )
    op.create_index(
        op.f("ix_evaluation_cell_round_id"), "evaluation_cell", ["round_id"], unique=False
    )
    op.create_table(
        "evaluation_measure_workshop",
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["measure_id"],
            ["evaluation_measure.id"],
            name=op.f("fk_evaluation_measure_workshop_measure_id_evaluation_measure"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name=op.f("fk_evaluation_measure_workshop_workshop_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "measure_id", "workshop_id", name=op.f("pk_evaluation_measure_workshop")
        ),
    )
    op.create_index(
        op.f("ix_evaluation_measure_workshop_workshop_id"),
        "evaluation_measure_workshop",
        ["workshop_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_evaluation_measure_workshop_workshop_id"), table_name="evaluation_measure_workshop"
    )
    op.drop_table("evaluation_measure_workshop")
    op.drop_index(op.f("ix_evaluation_cell_round_id"), table_name="evaluation_cell")
    op.drop_index(op.f("ix_evaluation_cell_measure_id"), table_name="evaluation_cell")
    op.drop_table("evaluation_cell")
    op.drop_index(op.f("ix_evaluation_reopening_round_id"), table_name="evaluation_reopening")
    op.drop_table("evaluation_reopening")
    op.drop_index(op.f("ix_evaluation_measure_goal_id"), table_name="evaluation_measure")
    op.drop_table("evaluation_measure")
    op.drop_index(op.f("ix_evaluation_goal_comment_round_id"), table_name="evaluation_goal_comment")
    op.drop_index(op.f("ix_evaluation_goal_comment_goal_id"), table_name="evaluation_goal_comment")
    op.drop_table("evaluation_goal_comment")
    op.drop_index(op.f("ix_evaluation_round_project_id"), table_name="evaluation_round")
    op.drop_table("evaluation_round")
    op.drop_index(op.f("ix_evaluation_region_project_id"), table_name="evaluation_region")
    op.drop_table("evaluation_region")
    op.drop_index(op.f("ix_evaluation_goal_project_id"), table_name="evaluation_goal")
    op.drop_table("evaluation_goal")
