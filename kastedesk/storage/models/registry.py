"""The member registry: projects, their groups, people and memberships."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kastedesk.domain.bilingual import in_language
from kastedesk.domain.registry import (
    DEFAULT_AGENDA_LEAD_DAYS,
    DEFAULT_ATTACHMENTS_LEAD_DAYS,
    DocLanguages,
    GroupKind,
    MinutesStyle,
    QuorumRule,
    Role,
)
from kastedesk.storage.models.base import Authored, Base, Stamped, Versioned
from kastedesk.storage.models.enum_type import EnumText


class Project(Versioned, Authored, Stamped, Base):
    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_fi: Mapped[str] = mapped_column(String(300))
    name_sv: Mapped[str] = mapped_column(String(300), default="")
    short_name: Mapped[str] = mapped_column(String(60), default="")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    organisation: Mapped[str] = mapped_column(String(300), default="")

    groups: Mapped[list[Group]] = relationship(
        back_populates="project", cascade="all, delete-orphan", passive_deletes=True
    )


class Group(Versioned, Authored, Stamped, Base):
    __tablename__ = "group"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    name_fi: Mapped[str] = mapped_column(String(300))
    name_sv: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[GroupKind] = mapped_column(EnumText(GroupKind, 30), default=GroupKind.STEERING)
    quorum_rule: Mapped[QuorumRule] = mapped_column(
        EnumText(QuorumRule, 20), default=QuorumRule.MAJORITY
    )
    quorum_min: Mapped[int | None] = mapped_column(Integer)
    chair_or_vice_required: Mapped[bool] = mapped_column(Boolean, default=True)
    agenda_lead_days: Mapped[int] = mapped_column(Integer, default=DEFAULT_AGENDA_LEAD_DAYS)
    attachments_lead_days: Mapped[int] = mapped_column(
        Integer, default=DEFAULT_ATTACHMENTS_LEAD_DAYS
    )
    languages: Mapped[DocLanguages] = mapped_column(
        EnumText(DocLanguages, 10), default=DocLanguages.FI
    )
    minutes_style: Mapped[MinutesStyle] = mapped_column(
        EnumText(MinutesStyle, 10), default=MinutesStyle.FORMAL
    )
    # The organisation's own .docx template for this group's documents ("" = the default).
    template_path: Mapped[str] = mapped_column(String(1000), default="", server_default="")

    project: Mapped[Project] = relationship(back_populates="groups")
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="group", cascade="all, delete-orphan", passive_deletes=True
    )

    def name(self, lang: str) -> str:
        return in_language(self.name_fi, self.name_sv, lang)


class Person(Versioned, Authored, Stamped, Base):
    __tablename__ = "person"
    __table_args__ = (Index("ix_person_name", "last_name", "first_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(300), default="")
    municipality: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str | None] = mapped_column(String(2))  # domain.regions code
    email: Mapped[str] = mapped_column(String(254), default="", index=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    language: Mapped[str] = mapped_column(String(2), default="fi")

    memberships: Mapped[list[Membership]] = relationship(back_populates="person")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Membership(Versioned, Authored, Stamped, Base):
    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(EnumText(Role, 20), default=Role.MEMBER)
    # For a personal deputy: the membership of the member they stand in for.
    deputy_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("membership.id", ondelete="SET NULL"), index=True
    )
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship(back_populates="memberships")
    group: Mapped[Group] = relationship(back_populates="memberships")
    deputy_of: Mapped[Membership | None] = relationship(remote_side=[id])

    def is_active(self, on: dt.date) -> bool:
        started = self.start_date is None or self.start_date <= on
        return started and (self.end_date is None or self.end_date >= on)
