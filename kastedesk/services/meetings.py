"""Changing meetings: create, edit, agenda items, action items, approval and reopening.

Every function is one transaction. A meeting whose minutes are approved is
locked: every change is refused here, whatever the caller, until it is reopened
with a written reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from kastedesk.domain import text_limits as T
from kastedesk.domain.agenda_numbering import (
    inserted,
    moved,
    numbered,
    own_items_index,
    removed,
)
from kastedesk.domain.backlog import ItemOutcome, outcome_problem
from kastedesk.domain.meetings import (
    TAIL_ITEMS,
    ItemKind,
    MeetingEventKind,
    MeetingStatus,
    standard_items,
)
from kastedesk.domain.registry import DocLanguages, MinutesStyle
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import N_, _
from kastedesk.services.meeting_access import MeetingLocked, load_meeting
from kastedesk.services.meeting_attachments import attachment_path
from kastedesk.services.meeting_attendance import create_attendance
from kastedesk.services.standard_texts import (
    checker_names,
    fill_standard_texts_in,
    refresh_checkers_texts_in,
)
from kastedesk.storage.database import Database
from kastedesk.storage.models.meetings import ActionItem, AgendaItem, Meeting, MeetingEvent
from kastedesk.storage.models.registry import Group
from kastedesk.storage.versions import check_version

EVENT_LABELS = {
    MeetingEventKind.CREATED: N_("created"),
    MeetingEventKind.SENT_FOR_CHECKING: N_("minutes sent for checking"),
    MeetingEventKind.CHECKED: N_("minutes checked"),
    MeetingEventKind.COMMENTED: N_("checker's comment"),
    MeetingEventKind.APPROVED: N_("minutes approved"),
    MeetingEventKind.REOPENED: N_("reopened"),
}


@dataclass(frozen=True)
class MeetingFields:
    date: dt.date | None
    start: dt.time | None = None
    end: dt.time | None = None
    place: str = ""
    remote_link: str = ""
    number: int | None = None  # None: the next free number
    languages: str | None = None  # None: the group's
    status: MeetingStatus | None = None  # None: unchanged (draft for a new meeting)
    attachments_sent: bool = False


@dataclass(frozen=True)
class ItemFields:
    title_fi: str
    title_sv: str = ""
    presenter_id: int | None = None
    background: str = ""
    proposal: str = ""
    decision: str = ""
    background_sv: str = ""
    proposal_sv: str = ""
    decision_sv: str = ""
    outcome: str | None = None  # domain.backlog.ItemOutcome; None: unchanged (decided if new)


# The item's texts (besides the titles), Finnish then Swedish.
ITEM_TEXT_FIELDS = (
    "background", "proposal", "decision", "background_sv", "proposal_sv", "decision_sv",
)  # fmt: skip


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _item(session: Session, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise ValidationError({"": _("The agenda item no longer exists.")})
    if item.meeting.locked:
        raise MeetingLocked()
    return item


def next_number(session: Session, group_id: int) -> int:
    highest = session.scalar(select(func.max(Meeting.number)).where(Meeting.group_id == group_id))
    return (highest or 0) + 1


def next_free_number(db: Database, group_id: int) -> int:
    with db.read() as session:
        return next_number(session, group_id)


def _validate(
    session: Session, group: Group, fields: MeetingFields, meeting_id: int | None
) -> None:
    errors: dict[str, str] = {}
    if fields.date is None:
        errors["date"] = _("Give the date of the meeting.")
    if fields.number is not None:
        if fields.number < 1:
            errors["number"] = _("The number must be 1 or more.")
        else:
            taken = session.scalar(
                select(Meeting.id).where(
                    Meeting.group_id == group.id,
                    Meeting.number == fields.number,
                    Meeting.id != (meeting_id or 0),
                )
            )
            if taken is not None:
                errors["number"] = _("This group already has a meeting number {number}.").format(
                    number=fields.number
                )
    if fields.start and fields.end and fields.end <= fields.start:
        errors["end"] = _("The meeting must end after it starts.")
    if fields.languages is not None and fields.languages not in {d.value for d in DocLanguages}:
        errors["languages"] = _("Unknown document language.")
    if fields.status is MeetingStatus.APPROVED:
        errors["status"] = _("Approve the minutes with the minutes checkers' date.")
    errors.update(
        T.text_errors(
            [
                ("place", fields.place, T.NAME, False),
                ("remote_link", fields.remote_link, T.LINK, False),
            ]
        )
    )
    if errors:
        raise ValidationError(errors)


def create_meeting_in(session: Session, group_id: int, fields: MeetingFields) -> Meeting:
    """A new meeting with the standard items, attendance rows and carried-over actions."""
    group = session.get(Group, group_id)
    if group is None:
        raise ValidationError({"": _("The group no longer exists.")})
    _validate(session, group, fields, None)
    assert fields.date is not None
    meeting = Meeting(
        group_id=group.id,
        number=fields.number or next_number(session, group.id),
        date=fields.date,
        start_time=fields.start,
        end_time=fields.end,
        place=fields.place.strip(),
        remote_link=fields.remote_link.strip(),
        languages=DocLanguages(fields.languages) if fields.languages else group.languages,
        status=fields.status or MeetingStatus.DRAFT,
        attachments_sent=fields.attachments_sent,
    )
    session.add(meeting)
    memo = group.minutes_style == MinutesStyle.MEMO
    for section, (kind, titles) in enumerate(standard_items(memo=memo), start=1):
        meeting.items.append(
            AgendaItem(
                section=section, kind=kind, title_fi=titles["fi"], title_sv=titles["sv"]
            )
        )
    session.flush()
    _carry_over_actions(session, meeting)
    create_attendance(session, meeting)
    session.flush()
    fill_standard_texts_in(session, meeting)  # what is known already; the rest on request
    session.add(MeetingEvent(meeting_id=meeting.id, at=_now(), kind=MeetingEventKind.CREATED))
    return meeting


def create_meeting(db: Database, group_id: int, fields: MeetingFields) -> int:
    with db.session() as session:
        return create_meeting_in(session, group_id, fields).id


def _carry_over_actions(session: Session, meeting: Meeting) -> None:
    """Open actions of the group's previous meeting go under "previous minutes"."""
    previous = session.scalar(
        select(Meeting)
        .where(
            Meeting.group_id == meeting.group_id,
            Meeting.id != meeting.id,
            Meeting.date <= meeting.date,
        )
        .order_by(Meeting.date.desc(), Meeting.number.desc())
        .limit(1)
        .options(selectinload(Meeting.items).selectinload(AgendaItem.actions))  # not per item
    )
    if previous is None:
        return
    target = next(
        (i for i in meeting.items if i.kind == ItemKind.PREVIOUS_MINUTES), meeting.items[0]
    )
    for item in previous.items:
        for action in item.actions:
            if not action.done:
                target.actions.append(
                    ActionItem(
                        what=action.what,
                        responsible_id=action.responsible_id,
                        due=action.due,
                        done=False,
                        carried_from_id=action.id,
                    )
                )


def update_meeting(
    db: Database, meeting_id: int, fields: MeetingFields, expected_version: int | None = None
) -> int:
    """Save the meeting's details if nobody saved it since *expected_version* (None: overwrite)."""
    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        what = _("Meeting {number}").format(number=meeting.number)
        check_version(meeting, expected_version, what)
        _validate(session, meeting.group, fields, meeting.id)
        assert fields.date is not None
        if fields.number is not None:
            meeting.number = fields.number
        meeting.date = fields.date
        meeting.start_time = fields.start
        meeting.end_time = fields.end
        meeting.place = fields.place.strip()
        meeting.remote_link = fields.remote_link.strip()
        if fields.languages is not None:
            meeting.languages = DocLanguages(fields.languages)  # validated above
        if fields.status is not None:
            meeting.status = fields.status
        meeting.attachments_sent = fields.attachments_sent
        session.flush()
        return meeting.row_version


def set_status(db: Database, meeting_id: int, status: MeetingStatus) -> None:
    if status is MeetingStatus.APPROVED:
        raise ValidationError({"status": _("Approve the minutes with the minutes checkers' date.")})
    with db.session() as session:
        load_meeting(session, meeting_id).status = status


def delete_meeting(db: Database, meeting_id: int) -> None:
    """Delete a meeting with its items, attendance and history, and its attachment copies."""
    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        stored = [a.stored_path for item in meeting.items for a in item.attachments]
        session.delete(meeting)
    for path in stored:
        attachment_path(path).unlink(missing_ok=True)


# --- agenda items -------------------------------------------------------------------------


def _renumber(meeting: Meeting, ordered: list[AgendaItem]) -> None:
    sections = numbered(ordered)
    for item in ordered:
        item.section = sections[item]


def add_item(db: Database, meeting_id: int, fields: ItemFields, index: int | None = None) -> int:
    """A new own item, by default just before "Muut asiat" (other matters)."""
    _validate_item(fields)
    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        items = list(meeting.items)
        if index is None:
            index = own_items_index([i.kind for i in items], [k.value for k in TAIL_ITEMS])
        if fields.outcome is not None and (problem := outcome_problem("own", fields.outcome)):
            raise ValidationError({"outcome": _(problem)})
        item = AgendaItem(
            meeting_id=meeting.id,
            section=0,
            kind=ItemKind.OWN,
            **_item_values(fields),
        )
        if fields.outcome is not None:
            item.outcome = ItemOutcome(fields.outcome)  # checked above
        session.add(item)
        _renumber(meeting, inserted(items, item, index))
        session.flush()
        return item.id


def _validate_item(fields: ItemFields) -> None:
    if not fields.title_fi.strip() and not fields.title_sv.strip():
        raise ValidationError({"title_fi": _("Give the item a title.")})
    errors = T.text_errors(
        [
            ("title_fi", fields.title_fi.strip(), T.NAME, False),
            ("title_sv", fields.title_sv.strip(), T.NAME, False),
            *((name, getattr(fields, name), T.LONG_TEXT, True) for name in ITEM_TEXT_FIELDS),
        ]
    )
    if errors:
        raise ValidationError(errors)


def _item_values(fields: ItemFields) -> dict[str, str | int | None]:
    return {
        "title_fi": fields.title_fi.strip(),
        "title_sv": fields.title_sv.strip(),
        "presenter_id": fields.presenter_id,
        **{name: getattr(fields, name).strip() for name in ITEM_TEXT_FIELDS},
    }


def update_item(
    db: Database, item_id: int, fields: ItemFields, expected_version: int | None = None
) -> int:
    """Save an agenda item if nobody saved it since *expected_version* (None: overwrite)."""
    _validate_item(fields)
    with db.session() as session:
        item = _item(session, item_id)
        check_version(item, expected_version, f"{item.section} §")
        if fields.outcome is not None:
            if problem := outcome_problem(item.kind, fields.outcome):
                raise ValidationError({"outcome": _(problem)})
            item.outcome = ItemOutcome(fields.outcome)  # checked above
        for name, value in _item_values(fields).items():
            setattr(item, name, value)
        session.flush()
        return item.row_version


def delete_item(db: Database, item_id: int) -> None:
    with db.session() as session:
        item = _item(session, item_id)
        meeting = item.meeting
        remaining = removed(list(meeting.items), item)
        session.delete(item)
        session.flush()
        _renumber(meeting, remaining)


def move_item(db: Database, item_id: int, index: int) -> None:
    """Move an item to *index* (0-based); every § after it is renumbered."""
    with db.session() as session:
        item = _item(session, item_id)
        _renumber(item.meeting, moved(list(item.meeting.items), item, index))


def reorder_items(db: Database, meeting_id: int, item_ids: list[int]) -> None:
    """Put the items in this order (after a drag and drop)."""
    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        by_id = {i.id: i for i in meeting.items}
        if sorted(item_ids) != sorted(by_id):
            raise ValidationError({"": _("The agenda changed meanwhile; try again.")})
        _renumber(meeting, [by_id[i] for i in item_ids])


# --- action items -------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionFields:
    what: str
    responsible_id: int | None = None
    due: dt.date | None = None
    done: bool = False


def _validate_action(fields: ActionFields) -> None:
    if not fields.what.strip():
        raise ValidationError({"what": _("Describe what is to be done.")})
    if problem := T.text_problem(fields.what, T.LONG_TEXT, multi_line=True):
        raise ValidationError({"what": problem})


def add_action(db: Database, item_id: int, fields: ActionFields) -> int:
    _validate_action(fields)
    with db.session() as session:
        item = _item(session, item_id)
        action = ActionItem(
            item_id=item.id,
            what=fields.what.strip(),
            responsible_id=fields.responsible_id,
            due=fields.due,
            done=fields.done,
        )
        session.add(action)
        session.flush()
        return action.id


def _action(session: Session, action_id: int) -> ActionItem:
    action = session.get(ActionItem, action_id)
    if action is None:
        raise ValidationError({"": _("The action item no longer exists.")})
    if action.item.meeting.locked:
        raise MeetingLocked()
    return action


def update_action(db: Database, action_id: int, fields: ActionFields) -> None:
    _validate_action(fields)
    with db.session() as session:
        action = _action(session, action_id)
        action.what = fields.what.strip()
        action.responsible_id = fields.responsible_id
        action.due = fields.due
        action.done = fields.done


def set_action_done(db: Database, action_id: int, done: bool) -> None:
    with db.session() as session:
        _action(session, action_id).done = done


def delete_action(db: Database, action_id: int) -> None:
    with db.session() as session:
        session.delete(_action(session, action_id))


# --- checkers, approval, reopening ------------------------------------------------------------


def set_checkers(db: Database, meeting_id: int, first: int | None, second: int | None) -> None:
    """Choose the checkers; the checkers § names them (unless its text was written by hand).

    A checker who is replaced loses the answer they gave (checked or commented).
    """
    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        _validate_checkers(meeting, first, second, required=False)
        before = [meeting.checker1_id, meeting.checker2_id]
        names_before = checker_names(meeting)
        for place, person in enumerate((first, second), start=1):
            if before[place - 1] != person:
                setattr(meeting, f"checker{place}_checked_on", None)
                setattr(meeting, f"checker{place}_comment", "")
        meeting.checker1_id, meeting.checker2_id = first, second
        session.flush()
        session.expire(meeting, ["checker1", "checker2"])
        refresh_checkers_texts_in(session, meeting, names_before)


def _validate_checkers(
    meeting: Meeting, first: int | None, second: int | None, required: bool
) -> None:
    present = {a.person_id for a in meeting.attendance if a.present and a.person_id}
    errors: dict[str, str] = {}
    for name, person_id in (("checker1", first), ("checker2", second)):
        if person_id is None:
            if required:
                errors[name] = _("Choose a minutes checker.")
        elif person_id not in present:
            errors[name] = _("Minutes checkers are chosen from those present.")
    if first is not None and first == second:
        errors["checker2"] = _("Choose two different minutes checkers.")
    if errors:
        raise ValidationError(errors)


def approve_minutes(
    db: Database,
    meeting_id: int,
    checked_on: dt.date | None,
    first: int | None = None,
    second: int | None = None,
) -> None:
    """Record the checkers, their date and the approval at once; locks the meeting.

    Formal minutes need two checkers from those present; a memo needs none.
    Step by step (sent, each checker, approved): :mod:`kastedesk.services.minutes_review`.
    """
    from kastedesk.services.minutes_review import approve_at_once  # it builds on this module

    approve_at_once(db, meeting_id, checked_on, first, second)


def reopen_meeting(db: Database, meeting_id: int, reason: str) -> None:
    """Unlock approved minutes; the written reason is kept in the history."""
    from kastedesk.services.minutes_review import reopen  # it builds on this module

    if not reason.strip():
        raise ValidationError({"reason": _("Write why the approved minutes are reopened.")})
    reopen(db, meeting_id, reason)
