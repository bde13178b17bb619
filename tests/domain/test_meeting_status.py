"""When recording attendance tells that a meeting was held."""

from __future__ import annotations

import datetime as dt

import pytest

from kastedesk.domain.meetings import MeetingStatus, status_after_attendance

DAY = dt.date(2026, 12, 10)


@pytest.mark.parametrize(
    "status, today, present, expected",
    [
        (MeetingStatus.DRAFT, DAY, True, MeetingStatus.HELD),
        (MeetingStatus.AGENDA_SENT, DAY + dt.timedelta(days=3), True, MeetingStatus.HELD),
        (MeetingStatus.AGENDA_SENT, DAY - dt.timedelta(days=1), True, MeetingStatus.AGENDA_SENT),
        (MeetingStatus.AGENDA_SENT, DAY, False, MeetingStatus.AGENDA_SENT),
        (MeetingStatus.HELD, DAY, True, MeetingStatus.HELD),
        (MeetingStatus.APPROVED, DAY, True, MeetingStatus.APPROVED),
    ],
)
def test_status_after_attendance(status, today, present, expected) -> None:
    assert status_after_attendance(status, DAY, today, present) is expected
