"""Loading a meeting for a change: the one place where the approval lock is enforced."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.storage.models.meetings import Meeting


class MeetingLocked(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            {"": _("The minutes of this meeting are approved. Reopen the meeting to change it.")}
        )


def load_meeting(session: Session, meeting_id: int, *, for_change: bool = True) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise ValidationError({"": _("The meeting no longer exists.")})
    if for_change and meeting.locked:
        raise MeetingLocked()
    return meeting


def ensure_unlocked(meeting: Meeting) -> None:
    if meeting.locked:
        raise MeetingLocked()
