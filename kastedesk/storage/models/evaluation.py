"""A project's evaluation matrix: goals, concrete measures, regions, rounds and ratings.

The framework (goals and their measures, the regions taking part) belongs to a
project; each round (baseline, mid-term, final or a named self-assessment)
holds one cell per measure × region with a rating 1–3 (NULL = not assessed)
and a comment, and one free comment per goal × region. Every record carries a
UUID and its origin installation so that regional coordinators can rate on
their own laptops and the bundles merge (services/bundles/evaluation.py).
Cells and goal comments get a UUID derived from what they belong to, so the
same cell typed on two laptops is one record (and a conflict when different).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kastedesk.domain.bilingual import in_language
from kastedesk.domain.evaluation import RoundKind
from kastedesk.storage.models.base import Base, Versioned
from kastedesk.storage.models.enum_type import EnumText
from kastedesk.storage.models.sync_identity import SyncIdentity, utc_now
from kastedesk.storage.models.workshops import Workshop


class EvaluationGoal(SyncIdentity, Versioned, Base):
    __tablename__ = "evaluation_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text_fi: Mapped[str] = mapped_column(Text, default="")
    text_sv: Mapped[str] = mapped_column(Text, default="")
    theme_fi: Mapped[str] = mapped_column(String(300), default="")
    theme_sv: Mapped[str] = mapped_column(String(300), default="")

    measures: Mapped[list[EvaluationMeasure]] = relationship(
        back_populates="goal",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="EvaluationMeasure.position",
    )

    def text(self, lang: str) -> str:
        return in_language(self.text_fi, self.text_sv, lang)

    def theme(self, lang: str) -> str:
        return in_language(self.theme_fi, self.theme_sv, lang)


class EvaluationMeasure(SyncIdentity, Versioned, Base):
    __tablename__ = "evaluation_measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation_goal.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text_fi: Mapped[str] = mapped_column(Text, default="")
    text_sv: Mapped[str] = mapped_column(Text, default="")
    retired: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    retired_on: Mapped[dt.date | None] = mapped_column(Date)

    goal: Mapped[EvaluationGoal] = relationship(back_populates="measures")
    workshops: Mapped[list[Workshop]] = relationship(
        secondary="evaluation_measure_workshop", order_by="Workshop.date"
    )

    def text(self, lang: str) -> str:
        return in_language(self.text_fi, self.text_sv, lang)


class EvaluationMeasureWorkshop(Base):
    """A workshop whose feedback is evidence for a measure."""

    __tablename__ = "evaluation_measure_workshop"

    measure_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation_measure.id", ondelete="CASCADE"), primary_key=True
    )
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class EvaluationRegion(SyncIdentity, Versioned, Base):
    """A region (domain.regions code) taking part in the project's evaluation."""

    __tablename__ = "evaluation_region"
    __table_args__ = (UniqueConstraint("project_id", "region", name="uq_evaluation_region"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    region: Mapped[str] = mapped_column(String(2))
    position: Mapped[int] = mapped_column(Integer, default=0)


class EvaluationRound(SyncIdentity, Versioned, Base):
    __tablename__ = "evaluation_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[RoundKind] = mapped_column(EnumText(RoundKind, 10))
    name: Mapped[str] = mapped_column(String(200), default="")
    date: Mapped[dt.date | None] = mapped_column(Date)
    locked: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    reopenings: Mapped[list[EvaluationReopening]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="EvaluationReopening.reopened_at",
    )


class EvaluationReopening(Base):
    """A locked round opened again, with the reason (kept like the minutes' history)."""

    __tablename__ = "evaluation_reopening"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation_round.id", ondelete="CASCADE"), index=True
    )
    reopened_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    reason: Mapped[str] = mapped_column(Text)


class EvaluationCell(SyncIdentity, Versioned, Base):
    """One measure × region in one round: a rating 1–3 (NULL: not assessed) and a comment."""

    __tablename__ = "evaluation_cell"
    __table_args__ = (
        UniqueConstraint("round_id", "measure_id", "region", name="uq_evaluation_cell"),
        CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 3", name="rating_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation_round.id", ondelete="CASCADE"), index=True
    )
    measure_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation_measure.id", ondelete="CASCADE"), index=True
    )
    region: Mapped[str] = mapped_column(String(2))
    rating: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")


class EvaluationGoalComment(SyncIdentity, Versioned, Base):
    """A free comment on one goal × region in one round."""

    __tablename__ = "evaluation_goal_comment"
    __table_args__ = (
        UniqueConstraint("round_id", "goal_id", "region", name="uq_evaluation_goal_comment"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation_round.id", ondelete="CASCADE"), index=True
    )
    goal_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation_goal.id", ondelete="CASCADE"), index=True
    )
    region: Mapped[str] = mapped_column(String(2))
    comment: Mapped[str] = mapped_column(Text, default="")
