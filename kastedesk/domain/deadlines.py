"""Agenda and attachment deadlines, and what is due soon."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

DUE_SOON_DAYS = 7


def agenda_due(meeting_date: dt.date, agenda_lead_days: int) -> dt.date:
    return meeting_date - dt.timedelta(days=agenda_lead_days)


def attachments_due(meeting_date: dt.date, attachments_lead_days: int) -> dt.date:
    return meeting_date - dt.timedelta(days=attachments_lead_days)


class DeadlineState(StrEnum):
    DONE = "done"  # sent
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"  # within the window
    LATER = "later"
    PAST = "past"  # the meeting is over: nothing to send any more


def deadline_state(
    due: dt.date,
    meeting_date: dt.date,
    today: dt.date,
    done: bool,
    window_days: int = DUE_SOON_DAYS,
) -> DeadlineState:
    if done:
        return DeadlineState.DONE
    if meeting_date < today:
        return DeadlineState.PAST
    if due < today:
        return DeadlineState.OVERDUE
    if due <= today + dt.timedelta(days=window_days):
        return DeadlineState.DUE_SOON
    return DeadlineState.LATER


class DueKind(StrEnum):
    AGENDA = "agenda"
    ATTACHMENTS = "attachments"


@dataclass(frozen=True)
class MeetingDeadlines:
    meeting_id: int
    group_id: int
    title: str
    meeting_date: dt.date
    agenda_due: dt.date
    attachments_due: dt.date
    agenda_sent: bool
    attachments_sent: bool


@dataclass(frozen=True)
class DueItem:
    meeting_id: int
    group_id: int
    title: str
    meeting_date: dt.date
    kind: DueKind
    due: dt.date
    overdue: bool


def due_items(
    meetings: list[MeetingDeadlines], today: dt.date, days: int = DUE_SOON_DAYS
) -> list[DueItem]:
    """Unsent agendas and attachments due within *days*, overdue first, then by date."""
    result: list[DueItem] = []
    for m in meetings:
        for kind, due, done in (
            (DueKind.AGENDA, m.agenda_due, m.agenda_sent),
            (DueKind.ATTACHMENTS, m.attachments_due, m.attachments_sent),
        ):
            state = deadline_state(due, m.meeting_date, today, done, days)
            if state in (DeadlineState.OVERDUE, DeadlineState.DUE_SOON):
                result.append(
                    DueItem(
                        m.meeting_id,
                        m.group_id,
                        m.title,
                        m.meeting_date,
                        kind,
                        due,
                        state is DeadlineState.OVERDUE,
                    )
                )
    result.sort(key=lambda d: (not d.overdue, d.due, d.meeting_date, d.kind != DueKind.AGENDA))
    return result
