"""Checking and approving a meeting's minutes: send, each checker's answer, approve, reopen.

The window's "Minutes checking" box and ``kastedesk minutes-review`` call these.
Each is one transaction that takes one step of :mod:`kastedesk.domain.minutes_review`
(which decides what is allowed and checks the dates) and writes it to the
meeting's history. Approving locks the meeting; reopening unlocks it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from kastedesk.domain.meetings import MeetingEventKind, MeetingStatus
from kastedesk.domain.minutes_review import (
    Approve,
    Check,
    MinutesReview,
    Reopen,
    Send,
    Step,
    early_minutes_warning,
    take_step,
    with_checkers,
)
from kastedesk.domain.registry import MinutesStyle
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_date
from kastedesk.i18n import _
from kastedesk.services.meeting_access import load_meeting
from kastedesk.services.meeting_views import minutes_review
from kastedesk.services.meetings import _now, _validate_checkers
from kastedesk.services.standard_texts import checker_names, refresh_checkers_texts_in
from kastedesk.storage.database import Database
from kastedesk.storage.models.meetings import Meeting, MeetingEvent
from kastedesk.storage.models.registry import Person
from kastedesk.storage.versions import check_version


def review_of(meeting: Meeting) -> MinutesReview:
    return minutes_review(meeting, meeting.group.minutes_style == MinutesStyle.MEMO)


def get_review(db: Database, meeting_id: int) -> MinutesReview:
    with db.read() as session:
        return review_of(load_meeting(session, meeting_id, for_change=False))


def early_warning(db: Database, meeting_id: int, today: dt.date | None = None) -> str:
    """A warning when minutes are written for a meeting not held yet; "" otherwise."""
    with db.read() as session:
        meeting = load_meeting(session, meeting_id, for_change=False)
        return early_minutes_warning(meeting.date, today or dt.date.today())


def _store(meeting: Meeting, review: MinutesReview) -> None:
    meeting.minutes_sent_on = review.sent_on
    first, second = review.checkers
    meeting.checker1_checked_on, meeting.checker1_comment = first.checked_on, first.comment
    meeting.checker2_checked_on, meeting.checker2_comment = second.checked_on, second.comment
    meeting.checked_on = review.approved_on
    if review.approved:
        meeting.status = MeetingStatus.APPROVED
    elif meeting.status == MeetingStatus.APPROVED:
        meeting.status = MeetingStatus.HELD  # reopened: held, unlocked


def _name(session: Session, person_id: int | None) -> str:
    person = session.get(Person, person_id) if person_id is not None else None
    return person.full_name if person else ""


def _event(session: Session, meeting: Meeting, step: Step, after: MinutesReview) -> None:
    if isinstance(step, Send):
        kind, note = MeetingEventKind.SENT_FOR_CHECKING, format_date(step.on)
    elif isinstance(step, Check):
        name = _name(session, step.checker_id)
        comment = step.comment.strip()
        kind = MeetingEventKind.CHECKED if step.on else MeetingEventKind.COMMENTED
        note = ", ".join(filter(None, (name, format_date(step.on), comment)))
    elif isinstance(step, Approve):
        names = ", ".join(
            filter(None, (_name(session, c.person_id) for c in after.checkers))
        )
        kind = MeetingEventKind.APPROVED
        note = format_date(step.on) + (f" ({names})" if names else "")
    else:
        kind, note = MeetingEventKind.REOPENED, step.reason.strip()
    session.add(MeetingEvent(meeting_id=meeting.id, at=_now(), kind=kind, note=note))


def take(
    db: Database,
    meeting_id: int,
    step: Step,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> int:
    """Take *step* if nobody saved the meeting since *expected_version*; its new version."""
    with db.session() as session:
        meeting = load_meeting(session, meeting_id, for_change=False)
        what = _("Meeting {number}").format(number=meeting.number)
        check_version(meeting, expected_version, what)
        after = take_step(review_of(meeting), step, today or dt.date.today())
        _store(meeting, after)
        _event(session, meeting, step, after)
        session.flush()
        return meeting.row_version


def send_for_checking(
    db: Database, meeting_id: int, on: dt.date | None, expected_version: int | None = None,
    today: dt.date | None = None,
) -> int:  # fmt: skip
    return take(db, meeting_id, Send(on), expected_version, today)


def record_check(
    db: Database,
    meeting_id: int,
    checker_id: int | None,
    on: dt.date | None = None,
    comment: str = "",
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> int:
    """One checker's answer: the date they checked the minutes, or their comment."""
    return take(db, meeting_id, Check(checker_id, on, comment), expected_version, today)


def approve(
    db: Database, meeting_id: int, on: dt.date | None, expected_version: int | None = None,
    today: dt.date | None = None,
) -> int:  # fmt: skip
    """Approve the checked minutes on *on*: the meeting is locked."""
    return take(db, meeting_id, Approve(on), expected_version, today)


def reopen(
    db: Database, meeting_id: int, reason: str = "", expected_version: int | None = None
) -> int:
    """Back to a draft; approved minutes need a written reason (kept in the history)."""
    return take(db, meeting_id, Reopen(reason), expected_version)


def approve_at_once(
    db: Database,
    meeting_id: int,
    on: dt.date | None,
    first: int | None = None,
    second: int | None = None,
    today: dt.date | None = None,
) -> None:
    """Minutes checked on paper: the checkers, their date and the approval in one go.

    The same rules as step by step: checkers from those present, the date not
    before the meeting nor in the future; steps already taken are kept.
    """
    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        review = review_of(meeting)
        errors: dict[str, str] = {}
        if on is None:
            errors["date"] = _("Give the date.")
        try:
            _validate_checkers(meeting, first, second, required=not review.memo)
        except ValidationError as exc:
            errors.update(exc.errors)
        if errors:
            raise ValidationError(errors)
        names_before = checker_names(meeting)
        review = with_checkers(review, first, second)
        meeting.checker1_id, meeting.checker2_id = first, second
        session.flush()
        session.expire(meeting, ["checker1", "checker2"])
        refresh_checkers_texts_in(session, meeting, names_before)
        day = today or dt.date.today()
        steps: list[Step] = []
        if review.sent_on is None:
            steps.append(Send(on))
        if not review.memo:
            steps += [Check(c.person_id, on) for c in review.checkers if c.checked_on is None]
        steps.append(Approve(on))
        for step in steps:
            review = take_step(review, step, day)
        _store(meeting, review)
        _event(session, meeting, steps[-1], review)
