"""Demo meetings on a small registry: past ones approved, one not quorate, some due soon."""

from __future__ import annotations

import datetime as dt

from meeting_registry import TODAY, build_registry

from kastedesk.demo.meetings import add_demo_meetings
from kastedesk.domain.meetings import ItemKind, MeetingStatus
from kastedesk.domain.minutes_review import ReviewState
from kastedesk.services.meeting_views import due_soon, get_meeting, list_meetings, search_decisions
from kastedesk.storage.models.registry import Group


def test_demo_meetings(db) -> None:
    with db.session() as session:
        registry = build_registry(session)
        add_demo_meetings(session, session.get(Group, registry.group_id), TODAY)
    meetings = list_meetings(db, registry.group_id)
    past = [m for m in meetings if m.date < TODAY]
    coming = [m for m in meetings if m.date >= TODAY]
    assert len(past) == 4 and len(coming) == 3
    assert [m.number for m in meetings] == sorted(m.number for m in meetings)
    assert all(m.status is MeetingStatus.APPROVED for m in past)
    quorate = [get_meeting(db, m.id).quorum().quorate for m in past]
    assert quorate == [True, True, False, True]
    for m in past:
        detail = get_meeting(db, m.id)
        assert detail.locked and detail.checked_on and all(detail.checker_ids)
        review = detail.meeting.review
        assert review.state is ReviewState.APPROVED and review.sent_on
        assert [c.checked_on for c in review.checkers] == [detail.checked_on] * 2
        assert any(i.decision for i in detail.items if i.kind == ItemKind.OWN)
        own = next(i for i in detail.items if i.kind == ItemKind.OWN)
        assert own.title_sv  # the group writes in Finnish and Swedish
        # The minutes name the checkers in their § in both languages, as the standard texts
        # write them (not in the meeting that could not decide).
        [checkers] = [i for i in detail.items if i.kind == ItemKind.CHECKERS]
        names = [p.name for p in detail.people if p.id in detail.checker_ids]
        assert len(names) == 2
        texts = (checkers.decision, checkers.decision_sv)
        assert all(all(n in t for n in names) for t in texts) == detail.quorum().quorate, texts
    actions = [a for m in past for i in get_meeting(db, m.id).items for a in i.actions]
    assert actions and any(a.carried_from_id for a in actions)
    # Upcoming: agendas and attachments due within the week.
    due = due_soon(db, TODAY)
    assert {d.kind.value for d in due} == {"agenda", "attachments"}
    assert all(not d.overdue for d in due)
    assert any(m.status is MeetingStatus.AGENDA_SENT for m in coming)
    assert search_decisions(db, "koulutus")


def test_demo_meetings_fall_on_working_days_with_their_deadlines_within_the_week(db) -> None:
    """On a Tuesday the upcoming meetings fell on a Sunday and a Saturday."""
    today = TODAY + dt.timedelta(days=(1 - TODAY.weekday()) % 7)  # a Tuesday
    assert (today + dt.timedelta(days=12)).weekday() == 6  # what the demo aims at: Sunday
    with db.session() as session:
        registry = build_registry(session)
        add_demo_meetings(session, session.get(Group, registry.group_id), today)
    meetings = list_meetings(db, registry.group_id)
    assert [m.date.weekday() for m in meetings if m.date >= today] == [0, 4, 1]  # Mon Fri Tue
    due = due_soon(db, today)
    assert {d.kind.value for d in due} == {"agenda", "attachments"}
    assert all(not d.overdue for d in due)
