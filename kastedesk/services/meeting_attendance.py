"""Attendance of a meeting: invited people from the registry, guests by name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from kastedesk.domain import text_limits as T
from kastedesk.domain.attendance_rules import Presence, member_and_deputy_errors, section_errors
from kastedesk.domain.meetings import MeetingStatus, status_after_attendance
from kastedesk.domain.registry import INVITED_ROLES, VOTING_ROLES, Role
from kastedesk.domain.validation import ValidationError
from kastedesk.domain.votes import section_voters, voters_changed_problem
from kastedesk.i18n import _
from kastedesk.services.meeting_access import ensure_unlocked, load_meeting
from kastedesk.services.meeting_views import load_meeting_for_reading, meeting_detail
from kastedesk.storage.authors import insert_rows
from kastedesk.storage.database import Database
from kastedesk.storage.models.meetings import AgendaItem, Attendance, Meeting
from kastedesk.storage.models.registry import Membership
from kastedesk.storage.models.votes import ItemVote
from kastedesk.storage.versions import check_version

_ROLE_ORDER = list(Role)


def create_attendance(session: Session, meeting: Meeting) -> int:
    """A row for every invited person of the group active on the meeting's date.

    One row per person: someone who is both a member and the secretary is
    listed once, under the role that comes first (the voting one). Returns how
    many rows were added (people already listed are skipped).
    """
    memberships = session.scalars(
        select(Membership).where(Membership.group_id == meeting.group_id)
    ).all()
    listed = {a.person_id for a in meeting.attendance if a.person_id}
    position = max((a.position for a in meeting.attendance), default=0)
    rows: list[dict[str, object]] = []
    for m in sorted(memberships, key=lambda m: (_ROLE_ORDER.index(m.role), m.id)):
        if m.role not in INVITED_ROLES or not m.is_active(meeting.date):
            continue
        if m.person_id in listed:
            continue
        listed.add(m.person_id)
        position += 1
        rows.append(
            {
                "meeting_id": meeting.id,
                "position": position,
                "membership_id": m.id,
                "person_id": m.person_id,
                "role": m.role,
            }
        )
    if rows:
        session.flush()  # the meeting and anything pending in its list first
        insert_rows(session, Attendance, rows)  # one statement, however large the group
        session.expire(meeting, ["attendance"])
    return len(rows)


def _locked_check(attendance: Attendance) -> None:
    ensure_unlocked(attendance.meeting)


@dataclass(frozen=True)
class AttendanceFields:
    present: bool
    stands_in: bool = False
    arrived_at: int | None = None
    left_at: int | None = None


@dataclass(frozen=True)
class AttendanceSaved:
    """What one attendance change touched: the row and its meeting's status."""

    attendance_id: int
    row_version: int
    present: bool
    stands_in: bool
    arrived_at: int | None
    left_at: int | None
    meeting_id: int
    meeting_status: MeetingStatus
    meeting_row_version: int


def set_attendance(
    db: Database,
    attendance_id: int,
    fields: AttendanceFields,
    today: dt.date | None = None,
    expected_version: int | None = None,
) -> AttendanceSaved:
    if problems := section_errors(fields.arrived_at, fields.left_at, None):
        raise ValidationError(problems)  # before any reading: wrong whatever the agenda
    with db.session() as session:
        attendance = session.get(
            Attendance,
            attendance_id,
            options=[joinedload(Attendance.person), joinedload(Attendance.meeting)],
        )
        if attendance is None:
            raise ValidationError({"": _("The attendance row no longer exists.")})
        _locked_check(attendance)
        check_version(
            attendance,
            expected_version,
            attendance.person.full_name if attendance.person else attendance.guest_name,
        )
        if fields.stands_in and attendance.role != Role.DEPUTY:
            raise ValidationError({"stands_in": _("Only a personal deputy can stand in.")})
        sections: list[int] | None = None

        def item_sections() -> list[int]:
            nonlocal sections
            if sections is None:
                sections = list(
                    session.scalars(
                        select(AgendaItem.section).where(
                            AgendaItem.meeting_id == attendance.meeting_id
                        )
                    )
                )
            return sections

        if (fields.arrived_at is not None or fields.left_at is not None) and (
            problems := section_errors(fields.arrived_at, fields.left_at, item_sections())
        ):
            raise ValidationError(problems)
        if problems := _member_and_deputy_problems(session, attendance, fields, item_sections):
            raise ValidationError(problems)
        if problems := _vote_problems(session, attendance, fields):
            raise ValidationError(problems)
        attendance.present = fields.present
        attendance.stands_in = fields.stands_in and fields.present
        attendance.arrived_at = fields.arrived_at
        attendance.left_at = fields.left_at
        meeting = attendance.meeting
        status = status_after_attendance(
            meeting.status, meeting.date, today or dt.date.today(), fields.present
        )
        if meeting.status != status:
            meeting.status = status
        session.flush()
        return AttendanceSaved(
            attendance.id,
            attendance.row_version,
            attendance.present,
            attendance.stands_in,
            attendance.arrived_at,
            attendance.left_at,
            meeting.id,
            status,
            meeting.row_version,
        )


def _vote_problems(
    session: Session, attendance: Attendance, fields: AttendanceFields
) -> dict[str, str]:
    """A change of presence that would leave a recorded vote of the meeting wrong (a ballot
    by someone who was not there, more votes than voters): refused, the vote is changed first.
    One look for votes; the meeting is read only when it has some."""
    voted = session.scalar(
        select(ItemVote.id)
        .join(AgendaItem, ItemVote.item_id == AgendaItem.id)
        .where(AgendaItem.meeting_id == attendance.meeting_id)
        .limit(1)
    )
    if voted is None:
        return {}
    meeting = load_meeting_for_reading(session, attendance.meeting_id)
    assert meeting is not None  # the attendance row was just read from it
    before = meeting_detail(session, meeting)
    detail = before.with_attendance(
        attendance.id,
        row_version=attendance.row_version,
        present=fields.present,
        stands_in=fields.stands_in and fields.present,
        arrived_at=fields.arrived_at,
        left_at=fields.left_at,
        meeting_status=before.meeting.status,
        meeting_row_version=before.meeting.row_version,
    )
    people = [(row.attendee, row.name) for row in detail.attendance]
    languages = meeting.languages.codes
    for item in detail.items:
        if item.vote is None:
            continue
        voters = section_voters(people, item.section, item.disqualified)
        if problem := voters_changed_problem(item.vote.as_input(), voters, languages):
            return {
                "present": _(
                    "The vote recorded in § {section} would no longer hold: {problem} "
                    "Change the vote first."
                ).format(section=item.section, problem=problem)
            }
    return {}


def _member_and_deputy_problems(
    session: Session,
    attendance: Attendance,
    fields: AttendanceFields,
    sections: Callable[[], list[int]],
) -> dict[str, str]:
    """A member present while their personal deputy stands in for them (at the same §)."""
    if not fields.present or attendance.membership_id is None:
        return {}
    mine = Presence(fields.present, fields.arrived_at, fields.left_at)
    if attendance.role == Role.DEPUTY and fields.stands_in:
        membership = session.get(Membership, attendance.membership_id)
        if membership is None or membership.deputy_of_id is None:
            return {}
        others = session.scalars(
            select(Attendance)
            .where(Attendance.meeting_id == attendance.meeting_id)
            .where(Attendance.membership_id == membership.deputy_of_id)
            .where(Attendance.present.is_(True))
            .options(joinedload(Attendance.person))
        ).all()
        for member in others:
            if problems := member_and_deputy_errors(
                _presence(member), mine, True, sections(),
                _name(member), _name(attendance), changed="deputy",
            ):  # fmt: skip
                return problems
        return {}
    if attendance.role in {r.value for r in VOTING_ROLES}:
        deputies = session.scalars(
            select(Attendance)
            .join(Membership, Attendance.membership_id == Membership.id)
            .where(Attendance.meeting_id == attendance.meeting_id)
            .where(Membership.deputy_of_id == attendance.membership_id)
            .where(Attendance.stands_in.is_(True))
            .options(joinedload(Attendance.person))
        ).all()
        for deputy in deputies:
            if problems := member_and_deputy_errors(
                mine, _presence(deputy), True, sections(),
                _name(attendance), _name(deputy), changed="member",
            ):  # fmt: skip
                return problems
    return {}


def _presence(row: Attendance) -> Presence:
    return Presence(row.present, row.arrived_at, row.left_at)


def _name(row: Attendance) -> str:
    return row.person.full_name if row.person else row.guest_name


def add_guest(db: Database, meeting_id: int, name: str) -> int:
    if not name.strip():
        raise ValidationError({"guest": _("Give the guest's name.")})
    if problem := T.text_problem(name.strip(), T.GUEST_NAME):
        raise ValidationError({"guest": problem})
    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        position = max((a.position for a in meeting.attendance), default=0) + 1
        row = Attendance(position=position, guest_name=name.strip(), present=True, role=None)
        meeting.attendance.append(row)
        session.flush()
        return row.id


def remove_guest(db: Database, attendance_id: int) -> None:
    with db.session() as session:
        attendance = session.get(Attendance, attendance_id)
        if attendance is None:
            return
        _locked_check(attendance)
        if attendance.role is not None:
            raise ValidationError({"": _("Only guests can be removed from the attendance.")})
        session.delete(attendance)


def refresh_attendance(db: Database, meeting_id: int) -> int:
    """Add rows for people who joined the group after the meeting was made."""
    with db.session() as session:
        return create_attendance(session, load_meeting(session, meeting_id))
