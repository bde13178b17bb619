"""workshops and feedback: modules, workshops, form versions, anonymous responses

Workshops, form versions and responses carry uuid/origin/created_at/updated_at
for exchanging bundles between installations; responses have a deleted_at
tombstone. (Chained after 0002; re-chained after the meetings migration at merge.)

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback_form",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lineage", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name_fi", sa.String(length=300), nullable=False),
        sa.Column("name_sv", sa.String(length=300), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_form")),
        sa.UniqueConstraint("lineage", "version", name="uq_feedback_form_version"),
        sa.UniqueConstraint("uuid", name=op.f("uq_feedback_form_uuid")),
    )
    with op.batch_alter_table("feedback_form", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_form_lineage"), ["lineage"], unique=False)

    op.create_table(
        "feedback_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("text_fi", sa.Text(), nullable=False),
        sa.Column("text_sv", sa.Text(), nullable=False),
        sa.Column("scale_min", sa.Integer(), nullable=False),
        sa.Column("scale_max", sa.Integer(), nullable=False),
        sa.Column("min_label_fi", sa.String(length=100), nullable=False),
        sa.Column("min_label_sv", sa.String(length=100), nullable=False),
        sa.Column("max_label_fi", sa.String(length=100), nullable=False),
        sa.Column("max_label_sv", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["form_id"],
            ["feedback_form.id"],
            name=op.f("fk_feedback_question_form_id_feedback_form"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_question")),
        sa.UniqueConstraint("form_id", "position", name="uq_feedback_question_pos"),
    )
    with op.batch_alter_table("feedback_question", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_question_key"), ["key"], unique=False)

    op.create_table(
        "workshop_module",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name_fi", sa.String(length=300), nullable=False),
        sa.Column("name_sv", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_workshop_module_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_module")),
        sa.UniqueConstraint("project_id", "code", name="uq_workshop_module_code"),
    )
    with op.batch_alter_table("workshop_module", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_module_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "feedback_option",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text_fi", sa.String(length=300), nullable=False),
        sa.Column("text_sv", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["feedback_question.id"],
            name=op.f("fk_feedback_option_question_id_feedback_question"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_option")),
        sa.UniqueConstraint("question_id", "position", name="uq_feedback_option_pos"),
    )
    op.create_table(
        "workshop",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("module_id", sa.Integer(), nullable=True),
        sa.Column("region", sa.String(length=2), nullable=True),
        sa.Column("municipality", sa.String(length=100), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("coordinator_id", sa.Integer(), nullable=True),
        sa.Column("target_group", sa.String(length=300), nullable=False),
        sa.Column("invited", sa.Integer(), nullable=True),
        sa.Column("attended", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=True),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["coordinator_id"],
            ["person.id"],
            name=op.f("fk_workshop_coordinator_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["form_id"],
            ["feedback_form.id"],
            name=op.f("fk_workshop_form_id_feedback_form"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["module_id"],
            ["workshop_module.id"],
            name=op.f("fk_workshop_module_id_workshop_module"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_workshop_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop")),
        sa.UniqueConstraint("uuid", name=op.f("uq_workshop_uuid")),
    )
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_coordinator_id"), ["coordinator_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_workshop_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_workshop_form_id"), ["form_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_workshop_module_id"), ["module_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_workshop_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_workshop_region"), ["region"], unique=False)

    op.create_table(
        "feedback_draft",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["form_id"],
            ["feedback_form.id"],
            name=op.f("fk_feedback_draft_form_id_feedback_form"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name=op.f("fk_feedback_draft_workshop_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workshop_id", name=op.f("pk_feedback_draft")),
    )
    op.create_table(
        "feedback_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["form_id"],
            ["feedback_form.id"],
            name=op.f("fk_feedback_response_form_id_feedback_form"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name=op.f("fk_feedback_response_workshop_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_response")),
        sa.UniqueConstraint("uuid", name=op.f("uq_feedback_response_uuid")),
    )
    with op.batch_alter_table("feedback_response", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_response_form_id"), ["form_id"], unique=False)
        batch_op.create_index(
            "ix_feedback_response_workshop", ["workshop_id", "deleted_at"], unique=False
        )

    op.create_table(
        "workshop_facilitator",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_workshop_facilitator_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name=op.f("fk_workshop_facilitator_workshop_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workshop_id", "person_id", name=op.f("pk_workshop_facilitator")),
    )
    with op.batch_alter_table("workshop_facilitator", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_facilitator_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "workshop_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name=op.f("fk_workshop_question_workshop_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_question")),
    )
    with op.batch_alter_table("workshop_question", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_question_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "feedback_answer",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["feedback_question.id"],
            name=op.f("fk_feedback_answer_question_id_feedback_question"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["feedback_response.id"],
            name=op.f("fk_feedback_answer_response_id_feedback_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("response_id", "question_id", name=op.f("pk_feedback_answer")),
    )
    with op.batch_alter_table("feedback_answer", schema=None) as batch_op:
        batch_op.create_index(
            "ix_feedback_answer_question_value", ["question_id", "value"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("feedback_answer", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_answer_question_value")

    op.drop_table("feedback_answer")
    with op.batch_alter_table("workshop_question", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_question_workshop_id"))

    op.drop_table("workshop_question")
    with op.batch_alter_table("workshop_facilitator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_facilitator_person_id"))

    op.drop_table("workshop_facilitator")
    with op.batch_alter_table("feedback_response", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_response_workshop")
        batch_op.drop_index(batch_op.f("ix_feedback_response_form_id"))

    op.drop_table("feedback_response")
    op.drop_table("feedback_draft")
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_region"))
        batch_op.drop_index(batch_op.f("ix_workshop_project_id"))
        batch_op.drop_index(batch_op.f("ix_workshop_module_id"))
        batch_op.drop_index(batch_op.f("ix_workshop_form_id"))
        batch_op.drop_index(batch_op.f("ix_workshop_date"))
        batch_op.drop_index(batch_op.f("ix_workshop_coordinator_id"))

    op.drop_table("workshop")
    op.drop_table("feedback_option")
    with op.batch_alter_table("workshop_module", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_module_project_id"))

    op.drop_table("workshop_module")
    with op.batch_alter_table("feedback_question", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_question_key"))

    op.drop_table("feedback_question")
    with op.batch_alter_table("feedback_form", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_form_lineage"))

    op.drop_table("feedback_form")
