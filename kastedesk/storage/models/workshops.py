"""Regional workshops of a project, their modules (themes), facilitators and questions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kastedesk.domain.bilingual import in_language
from kastedesk.domain.workshops import WorkshopStatus
from kastedesk.storage.models.base import Authored, Base, Stamped, Versioned
from kastedesk.storage.models.enum_type import EnumText
from kastedesk.storage.models.feedback import FeedbackForm
from kastedesk.storage.models.registry import Person, Project
from kastedesk.storage.models.sync_identity import SyncIdentity


class WorkshopModule(Versioned, Authored, Stamped, Base):
    """A module / theme kept per project, e.g. "A – Asiakkaan kohtaamisen …"."""

    __tablename__ = "workshop_module"
    __table_args__ = (UniqueConstraint("project_id", "code", name="uq_workshop_module_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(10))
    name_fi: Mapped[str] = mapped_column(String(300))
    name_sv: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    def name(self, lang: str) -> str:
        return in_language(self.name_fi, self.name_sv, lang)


class Workshop(SyncIdentity, Versioned, Authored, Base):
    __tablename__ = "workshop"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    title_sv: Mapped[str] = mapped_column(String(300), default="", server_default="")
    # The feedback forms' language, "fi" or "sv"; None: from the coordinator and region.
    language: Mapped[str | None] = mapped_column(String(2))
    module_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop_module.id", ondelete="SET NULL"), index=True
    )
    region: Mapped[str | None] = mapped_column(String(2), index=True)  # domain.regions code
    municipality: Mapped[str] = mapped_column(String(100), default="")
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(300), default="")
    coordinator_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    target_group: Mapped[str] = mapped_column(String(300), default="")
    invited: Mapped[int | None] = mapped_column(Integer)
    attended: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[WorkshopStatus] = mapped_column(
        EnumText(WorkshopStatus, 10), default=WorkshopStatus.PLANNED
    )
    form_id: Mapped[int | None] = mapped_column(
        ForeignKey("feedback_form.id", ondelete="SET NULL"), index=True
    )

    project: Mapped[Project] = relationship()
    module: Mapped[WorkshopModule | None] = relationship()
    coordinator: Mapped[Person | None] = relationship()
    form: Mapped[FeedbackForm | None] = relationship()
    facilitators: Mapped[list[WorkshopFacilitator]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="WorkshopFacilitator.position",
    )
    questions: Mapped[list[WorkshopQuestion]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="WorkshopQuestion.position",
    )


class WorkshopFacilitator(Base):
    __tablename__ = "workshop_facilitator"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    person: Mapped[Person] = relationship()


class WorkshopQuestion(Base):
    """A discussion question of the workshop (not a feedback question)."""

    __tablename__ = "workshop_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
