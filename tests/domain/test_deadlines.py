"""Agenda two weeks and attachments one week ahead; what is due soon."""

from __future__ import annotations

import datetime as dt

from kastedesk.domain.deadlines import (
    DeadlineState,
    DueKind,
    MeetingDeadlines,
    agenda_due,
    attachments_due,
    deadline_state,
    due_items,
)

D = dt.date


def test_due_dates_from_lead_times() -> None:
    assert agenda_due(D(2014, 9, 23), 14) == D(2014, 9, 9)
    assert attachments_due(D(2014, 9, 23), 7) == D(2014, 9, 16)


def test_states() -> None:
    meeting = D(2026, 12, 10)
    assert deadline_state(D(2026, 11, 26), meeting, D(2026, 11, 23), False) is (
        DeadlineState.DUE_SOON
    )
    assert deadline_state(D(2026, 11, 30), meeting, D(2026, 11, 23), False) is (
        DeadlineState.DUE_SOON
    )
    assert deadline_state(D(2026, 12, 1), meeting, D(2026, 11, 23), False) is DeadlineState.LATER
    assert deadline_state(D(2026, 11, 20), meeting, D(2026, 11, 23), False) is (
        DeadlineState.OVERDUE
    )
    assert deadline_state(D(2026, 11, 20), meeting, D(2026, 11, 23), True) is DeadlineState.DONE
    assert deadline_state(D(2026, 11, 1), D(2026, 11, 15), D(2026, 11, 23), False) is (
        DeadlineState.PAST
    )


def _m(mid: int, day: dt.date, agenda_sent: bool = False, attachments_sent: bool = False):
    return MeetingDeadlines(
        mid, 1, f"#{mid}", day, agenda_due(day, 14), attachments_due(day, 7),
        agenda_sent, attachments_sent,
    )  # fmt: skip


def test_due_items_overdue_first_and_sent_ones_left_out() -> None:
    today = D(2026, 11, 23)
    meetings = [
        _m(1, D(2026, 12, 4)),  # agenda due 20.11 (overdue), attachments 27.11
        _m(2, D(2026, 12, 1)),  # agenda overdue 17.11, attachments 24.11
        _m(3, D(2026, 12, 3), agenda_sent=True),  # attachments 26.11
        _m(4, D(2027, 1, 20)),  # far away
        _m(5, D(2026, 11, 1)),  # over
    ]
    items = due_items(meetings, today)
    assert [(i.meeting_id, i.kind, i.overdue) for i in items] == [
        (2, DueKind.AGENDA, True),
        (1, DueKind.AGENDA, True),
        (2, DueKind.ATTACHMENTS, False),
        (3, DueKind.ATTACHMENTS, False),
        (1, DueKind.ATTACHMENTS, False),
    ]
    assert len(due_items(meetings, today, days=0)) == 2
    assert len(due_items(meetings, today, days=60)) == 7
