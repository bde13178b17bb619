"""costs: partners, cost categories, budget, funding plan, realised costs, imports

Only new tables. Every existing project gets the five default cost categories
of a Kaste budget (seed 002) and the usual funding plan (state grant 75 %,
own share 25 %), so its budget can be typed in at once.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# A copy, not an import: a migration keeps the values it was written with.
DEFAULT_CATEGORIES = (
    ("staff", "Henkilöstömenot", "Personalkostnader"),
    ("rents", "Vuokrat", "Hyror"),
    ("materials", "Aineet ja tarvikkeet", "Material och förnödenheter"),
    ("services", "Palvelujen ostot", "Köp av tjänster"),
    ("office", "Toimisto- ja pankkikulut", "Kontors- och bankkostnader"),
)
DEFAULT_FUNDING = (
    ("state_grant", "Valtionavustus", "Statsunderstöd", 7500),
    ("own", "Omarahoitusosuus", "Självfinansieringsandel", 2500),
)


def _version() -> sa.Column[int]:
    return sa.Column("row_version", sa.Integer(), server_default="1", nullable=False)


def upgrade() -> None:
    op.create_table(
        "cost_partner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _version(),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"],
            name=op.f("fk_cost_partner_project_id_project"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cost_partner")),
        sa.UniqueConstraint("project_id", "name", name="uq_cost_partner_name"),
    )  # fmt: skip
    op.create_index(op.f("ix_cost_partner_project_id"), "cost_partner", ["project_id"])
    category = op.create_table(
        "cost_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name_fi", sa.String(length=200), nullable=False),
        sa.Column("name_sv", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _version(),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"],
            name=op.f("fk_cost_category_project_id_project"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cost_category")),
        sa.UniqueConstraint("project_id", "name_fi", name="uq_cost_category_name"),
    )  # fmt: skip
    op.create_index(op.f("ix_cost_category_project_id"), "cost_category", ["project_id"])
    op.create_table(
        "cost_budget",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        _version(),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"],
            name=op.f("fk_cost_budget_project_id_project"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["cost_partner.id"],
            name=op.f("fk_cost_budget_partner_id_cost_partner"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["category_id"], ["cost_category.id"],
            name=op.f("fk_cost_budget_category_id_cost_category"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cost_budget")),
        sa.UniqueConstraint("partner_id", "category_id", "year", name="uq_cost_budget_cell"),
    )  # fmt: skip
    for column in ("project_id", "partner_id", "category_id"):
        op.create_index(op.f(f"ix_cost_budget_{column}"), "cost_budget", [column])
    funding = op.create_table(
        "funding_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name_fi", sa.String(length=200), nullable=False),
        sa.Column("name_sv", sa.String(length=200), nullable=False),
        sa.Column("share_bp", sa.Integer(), nullable=True),
        sa.Column("amount_cents", sa.BigInteger(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        _version(),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"],
            name=op.f("fk_funding_line_project_id_project"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funding_line")),
    )  # fmt: skip
    op.create_index(op.f("ix_funding_line_project_id"), "funding_line", ["project_id"])
    op.create_table(
        "cost_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"],
            name=op.f("fk_cost_import_project_id_project"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cost_import")),
        sa.UniqueConstraint("project_id", "fingerprint", name="uq_cost_import_fingerprint"),
    )  # fmt: skip
    op.create_index(op.f("ix_cost_import_project_id"), "cost_import", ["project_id"])
    op.create_table(
        "cost_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        _version(),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"],
            name=op.f("fk_cost_entry_project_id_project"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["cost_partner.id"],
            name=op.f("fk_cost_entry_partner_id_cost_partner"), ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["category_id"], ["cost_category.id"],
            name=op.f("fk_cost_entry_category_id_cost_category"), ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["import_id"], ["cost_import.id"],
            name=op.f("fk_cost_entry_import_id_cost_import"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cost_entry")),
    )  # fmt: skip
    for column in ("project_id", "partner_id", "category_id", "import_id"):
        op.create_index(op.f(f"ix_cost_entry_{column}"), "cost_entry", [column])

    # The defaults for the projects already in the registry.
    projects = [row[0] for row in op.get_bind().execute(sa.text("SELECT id FROM project"))]
    op.bulk_insert(
        category,
        [
            {"project_id": p, "code": code, "name_fi": fi, "name_sv": sv, "position": n}
            for p in projects
            for n, (code, fi, sv) in enumerate(DEFAULT_CATEGORIES)
        ],
    )
    op.bulk_insert(
        funding,
        [
            {
                "project_id": p, "kind": kind, "name_fi": fi, "name_sv": sv,
                "share_bp": share, "amount_cents": None, "position": n,
            }
            for p in projects
            for n, (kind, fi, sv, share) in enumerate(DEFAULT_FUNDING)
        ],
    )  # fmt: skip


def downgrade() -> None:
    for table in (
        "cost_entry",
        "cost_import",
        "funding_line",
        "cost_budget",
        "cost_category",
        "cost_partner",
    ):
        op.drop_table(table)
