"""A group's backlog: tabled and postponed items, and items parked for a later meeting.

Each function is one transaction. What is waiting is decided by
:func:`kastedesk.domain.backlog.waiting` over a few queries per group.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import CompoundSelect, Row, String, cast, exists, literal, null, select, union_all
from sqlalchemy.orm import Session, aliased

from kastedesk.domain import text_limits as T
from kastedesk.domain.agenda_numbering import inserted, numbered, own_items_index, removed
from kastedesk.domain.backlog import (
    WAITING_OUTCOMES,
    BacklogEntry,
    BacklogReason,
    ItemOutcome,
    take_up_problem,
    waiting,
    with_reference,
)
from kastedesk.domain.meetings import TAIL_ITEMS, ItemKind
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.services.meeting_access import load_meeting
from kastedesk.storage.database import Database
from kastedesk.storage.models.meetings import AgendaItem, BacklogItem, Meeting
from kastedesk.storage.models.registry import Group
from kastedesk.storage.versions import check_version

if TYPE_CHECKING:
    from kastedesk.services.meeting_views import MeetingDetail


@dataclass(frozen=True)
class ParkedFields:
    title_fi: str
    title_sv: str = ""
    background: str = ""
    proposal: str = ""
    background_sv: str = ""
    proposal_sv: str = ""


PARKED_TEXT_FIELDS = ("background", "proposal", "background_sv", "proposal_sv")


@dataclass(frozen=True)
class TakenUp:
    """The new § item a backlog entry became."""

    item_id: int
    section: int


def _entries(session: Session, group_id: int) -> list[BacklogEntry]:
    """Every tabled/postponed item of the group and every parked item, taken up or not.

    One statement: the two kinds in one UNION ALL, "taken up" asked in it (an agenda item
    continuing the tabled one, or made from the parked one), so opening a meeting with
    its offer of waiting items stays a fixed number of statements."""
    later = aliased(AgendaItem)
    tabled = (
        select(
            literal(False).label("parked"),
            AgendaItem.id,
            AgendaItem.title_fi,
            AgendaItem.title_sv,
            AgendaItem.section,
            cast(AgendaItem.outcome, String).label("outcome"),
            Meeting.id.label("meeting_id"),
            Meeting.date,
            exists().where(later.continues_item_id == AgendaItem.id).label("taken_up"),
        )
        .join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(Meeting.group_id == group_id, AgendaItem.outcome.in_(WAITING_OUTCOMES))
    )
    parked = select(
        literal(True),
        BacklogItem.id,
        BacklogItem.title_fi,
        BacklogItem.title_sv,
        null(),
        null(),
        null(),
        null(),
        exists().where(AgendaItem.backlog_item_id == BacklogItem.id),
    ).where(BacklogItem.group_id == group_id)
    entries: list[BacklogEntry] = []
    statement: CompoundSelect[Any] = union_all(tabled, parked)  # two shapes, one result
    rows: Sequence[Row[Any]] = session.execute(statement).all()
    for row in rows:
        if row.parked:
            entries.append(
                BacklogEntry(
                    reason=BacklogReason.PARKED,
                    id=row.id,
                    title_fi=row.title_fi,
                    title_sv=row.title_sv,
                    taken_up=bool(row.taken_up),
                )
            )
        else:
            entries.append(
                BacklogEntry(
                    reason=BacklogReason(row.outcome),  # tabled or postponed: the same words
                    id=row.id,
                    title_fi=row.title_fi,
                    title_sv=row.title_sv,
                    meeting_id=row.meeting_id,
                    handled_on=row.date,
                    section=row.section,
                    taken_up=bool(row.taken_up),
                )
            )
    return entries


def _group(session: Session, group_id: int) -> Group:
    group = session.get(Group, group_id)
    if group is None:
        raise ValidationError({"": _("There is no group with id {id}.").format(id=group_id)})
    return group


def meeting_with_waiting(db: Database, meeting_id: int) -> tuple[MeetingDetail, int]:
    """The meeting's read model and how many waiting items its agenda could take (0 when
    it is approved), in one read: what the meeting editor shows when it opens a meeting."""
    from kastedesk.services.meeting_views import load_meeting_for_reading, meeting_detail

    with db.read() as session:
        meeting = load_meeting_for_reading(session, meeting_id)
        if meeting is None:
            raise LookupError(meeting_id)
        detail = meeting_detail(session, meeting)
        if detail.locked:
            return detail, 0
        entries = _entries(session, meeting.group_id)
        return detail, len(waiting(entries, meeting.id, meeting.date))


def group_backlog(db: Database, group_id: int) -> list[BacklogEntry]:
    """The group's items waiting for a meeting, oldest first, parked ones last."""
    with db.read() as session:
        _group(session, group_id)
        return waiting(_entries(session, group_id))


def meeting_backlog(db: Database, meeting_id: int) -> list[BacklogEntry]:
    """The waiting items that can go on this meeting's agenda (handled before it)."""
    with db.read() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise ValidationError({"": _("The meeting no longer exists.")})
        return waiting(_entries(session, meeting.group_id), meeting.id, meeting.date)


def _languages(meeting: Meeting) -> tuple[str, ...]:
    try:
        return meeting.languages.codes
    except ValueError:
        return ("fi",)


def _place(items: list[AgendaItem], item: AgendaItem) -> int:
    """Put *item* just before "other matters" among *items* and renumber; its § number."""
    index = own_items_index([i.kind for i in items], [k.value for k in TAIL_ITEMS])
    ordered = inserted(items, item, index)
    sections = numbered(ordered)
    for each in ordered:
        each.section = sections[each]
    return sections[item]


def add_to_agenda(
    db: Database, meeting_id: int, *, item_id: int | None = None, parked_id: int | None = None
) -> TakenUp:
    """Put a tabled/postponed item (*item_id*) or a parked one (*parked_id*) on the
    meeting's agenda as a new § before "other matters", with its texts; a tabled or
    postponed item's background starts with where it was handled first."""
    if item_id is not None and parked_id is None:
        key = ("item", item_id)
    elif parked_id is not None and item_id is None:
        key = ("parked", parked_id)
    else:
        raise ValueError("give exactly one of item_id and parked_id")
    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        entries = {e.key: e for e in _entries(session, meeting.group_id)}
        entry = entries.get(key)
        if entry is None:
            raise ValidationError({"": _("The item is not waiting in this group's backlog.")})
        if problem := take_up_problem(entry, meeting.id, meeting.date):
            raise ValidationError({"": _(problem)})
        languages = _languages(meeting)
        items = list(meeting.items)  # before the new one is added (and flushed)
        if item_id is not None:
            source = session.get(AgendaItem, item_id)
            assert source is not None
            new = AgendaItem(
                meeting_id=meeting.id,
                section=0,
                kind=ItemKind.OWN,
                title_fi=source.title_fi,
                title_sv=source.title_sv,
                presenter_id=source.presenter_id,
                proposal=source.proposal,
                proposal_sv=source.proposal_sv,
                continues_item_id=source.id,
            )
            for lang, name in (("fi", "background"), ("sv", "background_sv")):
                old = getattr(source, name)
                if lang in languages or old.strip():
                    setattr(new, name, with_reference(entry.reference(lang), old))
                else:
                    setattr(new, name, old)
        else:
            parked = session.get(BacklogItem, parked_id)
            assert parked is not None
            new = AgendaItem(
                meeting_id=meeting.id,
                section=0,
                kind=ItemKind.OWN,
                title_fi=parked.title_fi,
                title_sv=parked.title_sv,
                **{name: getattr(parked, name) for name in PARKED_TEXT_FIELDS},
                backlog_item_id=parked.id,
            )
        new.outcome = ItemOutcome.DECIDED
        session.add(new)
        section = _place(items, new)
        session.flush()
        return TakenUp(new.id, section)


# --- parked items -------------------------------------------------------------------------


def _validate_parked(fields: ParkedFields) -> None:
    if not fields.title_fi.strip() and not fields.title_sv.strip():
        raise ValidationError({"title_fi": _("Give the item a title.")})
    errors = T.text_errors(
        [
            ("title_fi", fields.title_fi.strip(), T.NAME, False),
            ("title_sv", fields.title_sv.strip(), T.NAME, False),
            *((name, getattr(fields, name), T.LONG_TEXT, True) for name in PARKED_TEXT_FIELDS),
        ]
    )
    if errors:
        raise ValidationError(errors)


def _parked_values(fields: ParkedFields) -> dict[str, str]:
    return {
        "title_fi": fields.title_fi.strip(),
        "title_sv": fields.title_sv.strip(),
        **{name: getattr(fields, name).strip() for name in PARKED_TEXT_FIELDS},
    }


def park_item(db: Database, group_id: int, fields: ParkedFields) -> int:
    """A new item in the group's backlog, for a later meeting."""
    _validate_parked(fields)
    with db.session() as session:
        _group(session, group_id)
        parked = BacklogItem(group_id=group_id, **_parked_values(fields))
        session.add(parked)
        session.flush()
        return parked.id


def _parked(session: Session, parked_id: int) -> BacklogItem:
    parked = session.get(BacklogItem, parked_id)
    if parked is None:
        raise ValidationError({"": _("The waiting item no longer exists.")})
    return parked


def parked_fields(db: Database, parked_id: int) -> tuple[ParkedFields, int]:
    """A parked item's texts and row version, for editing."""
    with db.read() as session:
        p = _parked(session, parked_id)
        return (
            ParkedFields(p.title_fi, p.title_sv, p.background, p.proposal,
                         p.background_sv, p.proposal_sv),
            p.row_version,
        )  # fmt: skip


def update_parked(
    db: Database, parked_id: int, fields: ParkedFields, expected_version: int | None = None
) -> int:
    _validate_parked(fields)
    with db.session() as session:
        parked = _parked(session, parked_id)
        check_version(parked, expected_version, parked.title_fi or parked.title_sv)
        for name, value in _parked_values(fields).items():
            setattr(parked, name, value)
        session.flush()
        return parked.row_version


def remove_parked(db: Database, parked_id: int, expected_version: int | None = None) -> None:
    """Remove a parked item from the backlog (an agenda item made of it stays)."""
    with db.session() as session:
        parked = _parked(session, parked_id)
        check_version(parked, expected_version, parked.title_fi or parked.title_sv)
        session.delete(parked)


def park_agenda_item(db: Database, item_id: int) -> int:
    """Move one of a meeting's own items off its agenda into the group's backlog.

    Refused for standard items and for items with attachments or action items,
    which a parked item cannot hold.
    """
    with db.session() as session:
        item = session.get(AgendaItem, item_id)
        if item is None:
            raise ValidationError({"": _("The agenda item no longer exists.")})
        meeting = load_meeting(session, item.meeting_id)
        if item.kind != ItemKind.OWN:
            raise ValidationError({"": _("Only the meeting's own items can be parked.")})
        if item.continues_item_id is not None or item.backlog_item_id is not None:
            raise ValidationError(
                {
                    "": _(
                        "The item came from the backlog: remove it from the agenda "
                        "and it waits there again."
                    )
                }
            )
        if item.attachments or item.actions:
            raise ValidationError(
                {"": _("Remove the item's attachments and action items before parking it.")}
            )
        parked = BacklogItem(
            group_id=meeting.group_id,
            title_fi=item.title_fi,
            title_sv=item.title_sv,
            **{name: getattr(item, name) for name in PARKED_TEXT_FIELDS},
        )
        session.add(parked)
        remaining = removed(list(meeting.items), item)
        session.delete(item)
        session.flush()
        sections = numbered(remaining)
        for each in remaining:
            each.section = sections[each]
        session.flush()
        return parked.id
