"""Suggesting a meeting's two minutes checkers by the group's rota (and saving them)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kastedesk.domain.checker_rota import suggest_checkers
from kastedesk.domain.registry import Role
from kastedesk.services.meeting_access import load_meeting
from kastedesk.storage.database import Database
from kastedesk.storage.models.meetings import Meeting
from kastedesk.storage.models.registry import Membership

# Who takes turns: the members, the vice-chair and deputies standing in; never the
# chair or the secretary (they sign the minutes themselves).
ROTA_ROLES = (Role.VICE_CHAIR, Role.MEMBER, Role.DEPUTY)


def rota_suggestion(db: Database, meeting_id: int) -> tuple[int | None, int | None]:
    with db.read() as session:
        meeting = load_meeting(session, meeting_id, for_change=False)
        memberships = session.scalars(
            select(Membership)
            .where(Membership.group_id == meeting.group_id)
            .options(selectinload(Membership.person))
        ).all()
        excluded = {
            m.person_id
            for m in memberships
            if m.role in (Role.CHAIR, Role.SECRETARY) and m.is_active(meeting.date)
        }
        eligible = sorted(
            {
                m.person_id: m.person.full_name.casefold()
                for m in memberships
                if m.role in ROTA_ROLES and m.is_active(meeting.date)
                and m.person_id not in excluded
            }.items(),
            key=lambda pair: (pair[1], pair[0]),
        )  # fmt: skip
        present = {a.person_id for a in meeting.attendance if a.present and a.person_id}
        earlier = session.execute(
            select(Meeting.checker1_id, Meeting.checker2_id)
            .where(Meeting.group_id == meeting.group_id, Meeting.number < meeting.number)
            .order_by(Meeting.number)
        ).all()
    used = [p for pair in earlier for p in pair if p is not None]
    return suggest_checkers([p for p, _name in eligible], present, used)
