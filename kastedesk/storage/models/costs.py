"""Project costs: partners, cost categories, the budget, the funding plan, realised costs.

Money is stored as integer cents (``BigInteger``), never as a float. Records a
person edits carry a ``row_version`` (``Versioned``) that SQLAlchemy checks on
every update, so two windows editing the same line cannot overwrite each other
unnoticed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kastedesk.domain.bilingual import in_language
from kastedesk.domain.costs import FundingKind
from kastedesk.storage.models.base import Authored, Base, Stamped, Versioned
from kastedesk.storage.models.enum_type import EnumText


class CostPartner(Versioned, Authored, Stamped, Base):
    """An implementing partner (osatoteuttaja), e.g. the administering city."""

    __tablename__ = "cost_partner"
    __table_args__ = (UniqueConstraint("project_id", "name", name="uq_cost_partner_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)


class CostCategory(Versioned, Authored, Stamped, Base):
    """A budget line kind with its Finnish and Swedish names."""

    __tablename__ = "cost_category"
    __table_args__ = (UniqueConstraint("project_id", "name_fi", name="uq_cost_category_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(30), default="")  # the defaults' stable key
    name_fi: Mapped[str] = mapped_column(String(200))
    name_sv: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    def name(self, lang: str) -> str:
        return in_language(self.name_fi, self.name_sv, lang)


class CostBudget(Versioned, Authored, Stamped, Base):
    """The planned amount of one partner × category × year."""

    __tablename__ = "cost_budget"
    __table_args__ = (
        UniqueConstraint("partner_id", "category_id", "year", name="uq_cost_budget_cell"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    partner_id: Mapped[int] = mapped_column(
        ForeignKey("cost_partner.id", ondelete="CASCADE"), index=True
    )
    category_id: Mapped[int] = mapped_column(
        ForeignKey("cost_category.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    amount_cents: Mapped[int] = mapped_column(BigInteger, default=0)


class FundingLine(Versioned, Authored, Stamped, Base):
    """One funder in the funding plan: a share in basis points (7500 = 75 %) or an amount."""

    __tablename__ = "funding_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[FundingKind] = mapped_column(EnumText(FundingKind, 20))
    name_fi: Mapped[str] = mapped_column(String(200), default="")
    name_sv: Mapped[str] = mapped_column(String(200), default="")
    share_bp: Mapped[int | None] = mapped_column(Integer)
    amount_cents: Mapped[int | None] = mapped_column(BigInteger)
    position: Mapped[int] = mapped_column(Integer, default=0)


class CostImport(Base):
    """A spreadsheet already imported: the same file again adds nothing."""

    __tablename__ = "cost_import"
    __table_args__ = (
        UniqueConstraint("project_id", "fingerprint", name="uq_cost_import_fingerprint"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    fingerprint: Mapped[str] = mapped_column(String(64))  # SHA-256 of the rows read
    file_name: Mapped[str] = mapped_column(String(260), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    rows: Mapped[int] = mapped_column(Integer, default=0)


class CostEntry(Versioned, Authored, Stamped, Base):
    """A realised cost of one partner × category over a period (month, quarter, invoice)."""

    __tablename__ = "cost_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    partner_id: Mapped[int] = mapped_column(
        ForeignKey("cost_partner.id", ondelete="RESTRICT"), index=True
    )
    category_id: Mapped[int] = mapped_column(
        ForeignKey("cost_category.id", ondelete="RESTRICT"), index=True
    )
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    amount_cents: Mapped[int] = mapped_column(BigInteger)  # negative for a credit note
    note: Mapped[str] = mapped_column(String(300), default="")
    import_id: Mapped[int | None] = mapped_column(
        ForeignKey("cost_import.id", ondelete="SET NULL"), index=True
    )

    partner: Mapped[CostPartner] = relationship()
    category: Mapped[CostCategory] = relationship()
