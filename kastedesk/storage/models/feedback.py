"""Feedback form versions, their questions and options, anonymous responses and answers.

Answers are one row per answered question (``value`` = scale value, 1-based
option number or yes 1 / no 0; ``text`` for free text), shaped for GROUP BY.
A deleted response stays as a tombstone (``deleted_at`` set, answers removed)
so that a deletion can travel to other installations.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kastedesk.domain.feedback_forms import QuestionKind
from kastedesk.storage.models.base import Authored, Base, Versioned
from kastedesk.storage.models.enum_type import EnumText
from kastedesk.storage.models.sync_identity import SyncIdentity


class FeedbackForm(SyncIdentity, Versioned, Authored, Base):
    """One version of a form template; versions of one template share ``lineage``."""

    __tablename__ = "feedback_form"
    __table_args__ = (UniqueConstraint("lineage", "version", name="uq_feedback_form_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lineage: Mapped[str] = mapped_column(String(36), index=True)  # uuid of version 1
    version: Mapped[int] = mapped_column(Integer, default=1)
    name_fi: Mapped[str] = mapped_column(String(300))
    name_sv: Mapped[str] = mapped_column(String(300), default="")

    questions: Mapped[list[FeedbackQuestion]] = relationship(
        back_populates="form",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="FeedbackQuestion.position",
    )


class FeedbackQuestion(Base):
    __tablename__ = "feedback_question"
    __table_args__ = (UniqueConstraint("form_id", "position", name="uq_feedback_question_pos"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("feedback_form.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(40), index=True)  # stable across versions
    kind: Mapped[QuestionKind] = mapped_column(EnumText(QuestionKind, 10))
    text_fi: Mapped[str] = mapped_column(Text)
    text_sv: Mapped[str] = mapped_column(Text, default="")
    scale_min: Mapped[int] = mapped_column(Integer, default=1)
    scale_max: Mapped[int] = mapped_column(Integer, default=5)
    min_label_fi: Mapped[str] = mapped_column(String(100), default="")
    min_label_sv: Mapped[str] = mapped_column(String(100), default="")
    max_label_fi: Mapped[str] = mapped_column(String(100), default="")
    max_label_sv: Mapped[str] = mapped_column(String(100), default="")

    form: Mapped[FeedbackForm] = relationship(back_populates="questions")
    options: Mapped[list[FeedbackOption]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="FeedbackOption.position"
    )


class FeedbackOption(Base):
    __tablename__ = "feedback_option"
    __table_args__ = (UniqueConstraint("question_id", "position", name="uq_feedback_option_pos"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("feedback_question.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # 1-based: the answer value
    text_fi: Mapped[str] = mapped_column(String(300))
    text_sv: Mapped[str] = mapped_column(String(300), default="")


class FeedbackResponse(SyncIdentity, Versioned, Base):
    """One anonymous paper form: no participant identity is ever stored."""

    __tablename__ = "feedback_response"
    # With the form: the summary counts responses per workshop and form from the index alone.
    __table_args__ = (
        Index("ix_feedback_response_workshop", "workshop_id", "deleted_at", "form_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    form_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_form.id", ondelete="RESTRICT"), index=True
    )
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    answers: Mapped[list[FeedbackAnswer]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class FeedbackAnswer(Base):
    __tablename__ = "feedback_answer"
    # The response too: a project's summary counts by question and value from this index
    # alone (migration 0019, feedback_results.summarize).
    __table_args__ = (
        Index("ix_feedback_answer_question_value", "question_id", "value", "response_id"),
    )

    response_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_response.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_question.id", ondelete="RESTRICT"), primary_key=True
    )
    value: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)


class FeedbackDraft(Base):
    """A form being typed in, kept on every change so closing the window loses nothing."""

    __tablename__ = "feedback_draft"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), primary_key=True
    )
    form_id: Mapped[int] = mapped_column(ForeignKey("feedback_form.id", ondelete="CASCADE"))
    payload: Mapped[str] = mapped_column(Text)  # JSON from domain.feedback_entry
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
