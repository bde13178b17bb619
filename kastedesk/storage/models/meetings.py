"""Meetings of a group: agenda items (§), attachments, action items, attendance, history."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kastedesk.domain.backlog import ItemOutcome
from kastedesk.domain.bilingual import in_language
from kastedesk.domain.meetings import ItemKind, MeetingEventKind, MeetingStatus
from kastedesk.domain.registry import DocLanguages, Role
from kastedesk.storage.models.base import AUTHOR_MAX, Authored, Base, Stamped, Versioned
from kastedesk.storage.models.enum_type import EnumText
from kastedesk.storage.models.registry import Group, Person

if TYPE_CHECKING:
    from kastedesk.storage.models.votes import ItemDisqualification, ItemVote


class Meeting(Versioned, Authored, Stamped, Base):
    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("group_id", "number", name="uq_meeting_group_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(300), default="")
    remote_link: Mapped[str] = mapped_column(String(500), default="")
    languages: Mapped[DocLanguages] = mapped_column(EnumText(DocLanguages, 10))
    status: Mapped[MeetingStatus] = mapped_column(
        EnumText(MeetingStatus, 20), default=MeetingStatus.DRAFT
    )
    attachments_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    # The date the minutes were approved (checked); with status "approved" the meeting is locked.
    checked_on: Mapped[dt.date | None] = mapped_column(Date)
    # Grows each time the calendar invitation is written, so calendars update the entry.
    invite_sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    agenda_sent_on: Mapped[dt.date | None] = mapped_column(Date)
    checker1_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    checker2_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )

    group: Mapped[Group] = relationship()
    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="AgendaItem.section",
    )
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Attendance.position",
    )
    events: Mapped[list[MeetingEvent]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="MeetingEvent.id",
    )
    # Checking the minutes (migration 0014, kastedesk.domain.minutes_review): the date
    # they were sent for checking, and each checker's answer: a date, or a comment first.
    minutes_sent_on: Mapped[dt.date | None] = mapped_column(Date)
    checker1_checked_on: Mapped[dt.date | None] = mapped_column(Date)
    checker1_comment: Mapped[str] = mapped_column(Text, default="", server_default="")
    checker2_checked_on: Mapped[dt.date | None] = mapped_column(Date)
    checker2_comment: Mapped[str] = mapped_column(Text, default="", server_default="")

    checker1: Mapped[Person | None] = relationship(foreign_keys=[checker1_id])
    checker2: Mapped[Person | None] = relationship(foreign_keys=[checker2_id])

    @property
    def locked(self) -> bool:
        return self.status == MeetingStatus.APPROVED


class AgendaItem(Versioned, Authored, Stamped, Base):
    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    section: Mapped[int] = mapped_column(Integer)  # the § number, continuous from 1
    kind: Mapped[ItemKind] = mapped_column(EnumText(ItemKind, 20), default=ItemKind.OWN)
    title_fi: Mapped[str] = mapped_column(String(300), default="")
    title_sv: Mapped[str] = mapped_column(String(300), default="")
    presenter_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    background: Mapped[str] = mapped_column(Text, default="")
    proposal: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(Text, default="")
    # The texts above are the Finnish ones; these the Swedish (migration 0012).
    background_sv: Mapped[str] = mapped_column(Text, default="", server_default="")
    proposal_sv: Mapped[str] = mapped_column(Text, default="", server_default="")
    decision_sv: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Decided, tabled, postponed or withdrawn (domain.backlog.ItemOutcome; migration 0016).
    outcome: Mapped[ItemOutcome] = mapped_column(
        EnumText(ItemOutcome, 20),
        default=ItemOutcome.DECIDED,
        server_default=ItemOutcome.DECIDED.value,
    )
    # Where this item came from the backlog: the tabled/postponed item it continues, or
    # the parked item it was made of. Deleting this item puts that one back to waiting.
    continues_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True
    )
    backlog_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("backlog_item.id", ondelete="SET NULL"), index=True
    )

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    presenter: Mapped[Person | None] = relationship()
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="item",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Attachment.position",
    )
    actions: Mapped[list[ActionItem]] = relationship(
        back_populates="item",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ActionItem.id",
        foreign_keys="ActionItem.item_id",
    )
    # Conflicts of interest and the vote (kastedesk.storage.models.votes, migration 0015).
    disqualifications: Mapped[list[ItemDisqualification]] = relationship(
        back_populates="item",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ItemDisqualification.id",
    )
    vote: Mapped[ItemVote | None] = relationship(
        back_populates="item", cascade="all, delete-orphan", passive_deletes=True
    )

    def title(self, lang: str) -> str:
        return (
            in_language(self.title_fi, self.title_sv, lang)
        )


class Attachment(Base):
    """A file copied into the data folder; numbered Liite/Bilaga n through the meeting."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300), default="")
    file_name: Mapped[str] = mapped_column(String(300))  # the original name
    stored_path: Mapped[str] = mapped_column(String(500))  # relative to the data folder

    item: Mapped[AgendaItem] = relationship(back_populates="attachments")


class ActionItem(Versioned, Authored, Stamped, Base):
    __tablename__ = "action_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True
    )
    what: Mapped[str] = mapped_column(Text)
    responsible_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    due: Mapped[dt.date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    # The open action item of an earlier meeting this one carries over.
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("action_item.id", ondelete="SET NULL"), index=True
    )

    item: Mapped[AgendaItem] = relationship(back_populates="actions", foreign_keys=[item_id])
    responsible: Mapped[Person | None] = relationship()


class Attendance(Versioned, Authored, Stamped, Base):
    """One invited person or guest at one meeting."""

    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    membership_id: Mapped[int | None] = mapped_column(
        ForeignKey("membership.id", ondelete="SET NULL"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[Role | None] = mapped_column(EnumText(Role, 20))  # None for a guest
    guest_name: Mapped[str] = mapped_column(String(200), default="")
    present: Mapped[bool] = mapped_column(Boolean, default=False)
    stands_in: Mapped[bool] = mapped_column(Boolean, default=False)  # deputy for their member
    arrived_at: Mapped[int | None] = mapped_column(Integer)  # §
    left_at: Mapped[int | None] = mapped_column(Integer)  # §

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    person: Mapped[Person | None] = relationship()


class MeetingEvent(Base):
    """The meeting's history: approvals and reopenings with their reasons."""

    __tablename__ = "meeting_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    kind: Mapped[MeetingEventKind] = mapped_column(EnumText(MeetingEventKind, 20))
    note: Mapped[str] = mapped_column(Text, default="")
    by: Mapped[str] = mapped_column(String(AUTHOR_MAX), default="", server_default="")

    meeting: Mapped[Meeting] = relationship(back_populates="events")


class RecordedPerson(Versioned, Base):
    """A person's name as an approved meeting's minutes recorded it.

    Written when a person is erased (personal data), for every approved
    meeting that names them, so those minutes keep the names as recorded while
    the registry shows "Erased person 17".
    """

    __tablename__ = "recorded_person"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    organisation: Mapped[str] = mapped_column(String(300), default="")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class PhraseTemplate(Versioned, Base):
    """A group's own wording of a standard item's proposal or decision (migration 0012)."""

    __tablename__ = "phrase_template"
    __table_args__ = (
        UniqueConstraint(
            "group_id", "kind", "field", "lang", name="uq_phrase_template_group_kind_field_lang"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ItemKind] = mapped_column(EnumText(ItemKind, 20))
    field: Mapped[str] = mapped_column(String(20))  # "proposal" or "decision"
    lang: Mapped[str] = mapped_column(String(2))
    text: Mapped[str] = mapped_column(Text)


class BacklogItem(Versioned, Authored, Stamped, Base):
    """An item the secretary parked in the group's backlog for a later meeting (0016).

    Tabled and postponed items wait without a row here: they are agenda items
    with that outcome and no later item continuing them.
    """

    __tablename__ = "backlog_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    title_fi: Mapped[str] = mapped_column(String(300), default="")
    title_sv: Mapped[str] = mapped_column(String(300), default="")
    background: Mapped[str] = mapped_column(Text, default="")
    proposal: Mapped[str] = mapped_column(Text, default="")
    background_sv: Mapped[str] = mapped_column(Text, default="")
    proposal_sv: Mapped[str] = mapped_column(Text, default="")


# The item's children defined in their own module; imported here so that the
# relationships above always find them.
from kastedesk.storage.models import votes as _votes  # noqa: E402, F401
