"""Personal data duties (GDPR): everything stored about one person, and erasing it.

Export gathers the registry entry, memberships and roles, attendance, agenda
items presented, action items, meetings checked and workshops coordinated or
facilitated. Erasure removes the contact details and replaces the name with
"Erased person 17" (in the language of whoever erases) everywhere except in
approved minutes: the names those minutes show are first written to
``recorded_person`` so the official record stays as it was approved. Feedback
responses are anonymous and hold nothing about anyone.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from kastedesk import __version__
from kastedesk.atomic_files import atomic_path
from kastedesk.domain.meetings import MeetingStatus
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _, ngettext
from kastedesk.storage.database import Database
from kastedesk.storage.drafts import DraftStore, drafts_folder
from kastedesk.storage.models.bundles import BundleConflict
from kastedesk.storage.models.meetings import (
    ActionItem,
    AgendaItem,
    Attendance,
    BacklogItem,
    Meeting,
    RecordedPerson,
)
from kastedesk.storage.models.registry import Group, Membership, Person
from kastedesk.storage.models.votes import ItemDisqualification, ItemVote, VoteBallot
from kastedesk.storage.models.workshops import Workshop, WorkshopFacilitator

CONTACT_FIELDS = ("title", "organisation", "municipality", "region", "email", "phone")


def _missing(person_id: int) -> ValidationError:
    return ValidationError({"": _("There is no person with id {id}.").format(id=person_id)})


def _get_person(s: Session, person_id: int) -> Person:
    person = s.get(Person, person_id)
    if person is None:
        raise _missing(person_id)
    return person


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _meeting_ref(meeting: Meeting) -> dict[str, Any]:
    return {
        "meeting_id": meeting.id,
        "group": meeting.group.name_fi,
        "number": meeting.number,
        "date": _iso(meeting.date),
        "status": meeting.status,
    }


# --- export ---------------------------------------------------------------------------


def export_person(db: Database, person_id: int) -> dict[str, Any]:
    """Everything stored about person *person_id*, as plain JSON-ready data."""
    with db.read() as s:
        person = _get_person(s, person_id)
        memberships = s.scalars(
            select(Membership)
            .where(Membership.person_id == person_id)
            .options(
                selectinload(Membership.group).selectinload(Group.project),
                selectinload(Membership.deputy_of).selectinload(Membership.person),
            )
            .order_by(Membership.id)
        ).all()
        attendance = s.scalars(
            select(Attendance)
            .where(Attendance.person_id == person_id)
            .options(selectinload(Attendance.meeting).selectinload(Meeting.group))
            .order_by(Attendance.meeting_id)
        ).all()
        # Conflicts of interest and votes by name (migration 0015), by attendance row.
        disqualified: dict[int, list[int]] = {}
        for attendance_id, section in s.execute(
            select(ItemDisqualification.attendance_id, AgendaItem.section)
            .join(AgendaItem, AgendaItem.id == ItemDisqualification.item_id)
            .join(Attendance, Attendance.id == ItemDisqualification.attendance_id)
            .where(Attendance.person_id == person_id)
            .order_by(AgendaItem.section)
        ):
            disqualified.setdefault(attendance_id, []).append(section)
        voted: dict[int, list[dict[str, Any]]] = {}
        for attendance_id, section, choice in s.execute(
            select(VoteBallot.attendance_id, AgendaItem.section, VoteBallot.choice)
            .join(ItemVote, ItemVote.id == VoteBallot.vote_id)
            .join(AgendaItem, AgendaItem.id == ItemVote.item_id)
            .join(Attendance, Attendance.id == VoteBallot.attendance_id)
            .where(Attendance.person_id == person_id)
            .order_by(AgendaItem.section)
        ):
            voted.setdefault(attendance_id, []).append({"section": section, "vote": choice})
        presented = s.scalars(
            select(AgendaItem)
            .where(AgendaItem.presenter_id == person_id)
            .options(selectinload(AgendaItem.meeting).selectinload(Meeting.group))
            .order_by(AgendaItem.meeting_id, AgendaItem.section)
        ).all()
        actions = s.scalars(
            select(ActionItem)
            .where(ActionItem.responsible_id == person_id)
            .options(
                selectinload(ActionItem.item)
                .selectinload(AgendaItem.meeting)
                .selectinload(Meeting.group)
            )
            .order_by(ActionItem.id)
        ).all()
        checked = s.scalars(
            select(Meeting)
            .where(or_(Meeting.checker1_id == person_id, Meeting.checker2_id == person_id))
            .options(selectinload(Meeting.group))
            .order_by(Meeting.id)
        ).all()
        coordinated = s.scalars(
            select(Workshop)
            .where(Workshop.coordinator_id == person_id)
            .options(selectinload(Workshop.project))
            .order_by(Workshop.id)
        ).all()
        facilitated = s.scalars(
            select(Workshop)
            .join(WorkshopFacilitator, WorkshopFacilitator.workshop_id == Workshop.id)
            .where(WorkshopFacilitator.person_id == person_id)
            .options(selectinload(Workshop.project))
            .order_by(Workshop.id)
        ).all()
        recorded = s.scalars(
            select(RecordedPerson)
            .where(RecordedPerson.person_id == person_id)
            .order_by(RecordedPerson.meeting_id)
        ).all()

        def workshop(w: Workshop, role: str) -> dict[str, Any]:
            return {
                "workshop_id": w.id,
                "role": role,
                "title": w.title,
                "project": w.project.name_fi,
                "date": _iso(w.date),
                "municipality": w.municipality,
                "place": w.place,
                "status": w.status,
            }

        return {
            "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "program": f"KasteDesk {__version__}",
            "person": {
                "id": person.id,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "title": person.title,
                "organisation": person.organisation,
                "municipality": person.municipality,
                "region": person.region,
                "email": person.email,
                "phone": person.phone,
                "language": person.language,
            },
            "memberships": [
                {
                    "membership_id": m.id,
                    "project": m.group.project.name_fi,
                    "group": m.group.name_fi,
                    "role": m.role,
                    "deputy_of": m.deputy_of.person.full_name if m.deputy_of else None,
                    "start_date": _iso(m.start_date),
                    "end_date": _iso(m.end_date),
                }
                for m in memberships
            ],
            "attendance": [
                {
                    **_meeting_ref(a.meeting),
                    "role": a.role,
                    "present": a.present,
                    "stands_in": a.stands_in,
                    "arrived_at_section": a.arrived_at,
                    "left_at_section": a.left_at,
                    "disqualified_at_sections": disqualified.get(a.id, []),
                    "votes_by_name": voted.get(a.id, []),
                }
                for a in attendance
            ],
            "agenda_items_presented": [
                {
                    **_meeting_ref(i.meeting),
                    "section": i.section,
                    "title_fi": i.title_fi,
                    "title_sv": i.title_sv,
                }
                for i in presented
            ],
            "action_items": [
                {
                    **_meeting_ref(a.item.meeting),
                    "section": a.item.section,
                    "what": a.what,
                    "due": _iso(a.due),
                    "done": a.done,
                }
                for a in actions
            ],
            "minutes_checked": [_meeting_ref(m) for m in checked],
            "workshops": [workshop(w, "coordinator") for w in coordinated]
            + [workshop(w, "facilitator") for w in facilitated],
            "names_recorded_in_approved_minutes": [
                {
                    "meeting_id": r.meeting_id,
                    "name": r.full_name,
                    "organisation": r.organisation,
                }
                for r in recorded
            ],
            "feedback": _(
                "Feedback responses are anonymous: they hold no name or other detail of anyone."
            ),
        }


def write_person_export(db: Database, person_id: int, path: Path) -> dict[str, Any]:
    """Write :func:`export_person` as readable UTF-8 JSON to *path* (atomically)."""
    data = export_person(db, person_id)
    with atomic_path(Path(path)) as tmp:
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return data


# --- erasure --------------------------------------------------------------------------


@dataclass
class ErasureReport:
    person_id: int
    new_name: str
    memberships: int = 0
    attendance: int = 0
    presented: int = 0
    actions: int = 0
    checked: int = 0
    workshops: int = 0
    approved_meetings: list[int] = field(default_factory=list)  # names kept as recorded
    mentions: list[str] = field(default_factory=list)  # free text still holding the old name
    already_erased: bool = False


def erased_name(person_id: int) -> str:
    """ "Poistettu henkilö 17" / "Raderad person 17" in the current language."""
    return _("Erased person {id}").format(id=person_id)


def _approved_meetings_naming(s: Session, person_id: int) -> list[Meeting]:
    """Approved meetings whose minutes show the person: attendance, presenter, action,
    checker, or the group's member list on the meeting's day."""
    approved = Meeting.status == MeetingStatus.APPROVED
    direct = (
        select(Meeting.id)
        .where(approved)
        .where(
            or_(
                Meeting.checker1_id == person_id,
                Meeting.checker2_id == person_id,
                Meeting.id.in_(
                    select(Attendance.meeting_id).where(Attendance.person_id == person_id)
                ),
                Meeting.id.in_(
                    select(AgendaItem.meeting_id).where(AgendaItem.presenter_id == person_id)
                ),
                Meeting.id.in_(
                    select(AgendaItem.meeting_id)
                    .join(ActionItem, ActionItem.item_id == AgendaItem.id)
                    .where(ActionItem.responsible_id == person_id)
                ),
            )
        )
    )
    ids = set(s.scalars(direct))
    memberships = s.scalars(select(Membership).where(Membership.person_id == person_id)).all()
    if memberships:
        by_group = {m.group_id for m in memberships}
        for meeting in s.scalars(
            select(Meeting).where(approved).where(Meeting.group_id.in_(by_group))
        ):
            if any(
                m.group_id == meeting.group_id and m.is_active(meeting.date) for m in memberships
            ):
                ids.add(meeting.id)
    if not ids:
        return []
    return list(s.scalars(select(Meeting).where(Meeting.id.in_(ids)).order_by(Meeting.id)))


def _conflicts_naming(s: Session, needles: list[str]) -> list[int]:
    """Kept bundle conflicts whose incoming record holds one of *needles* (name, e-mail)."""
    texts = []
    for needle in needles:
        if len(needle) >= 3:
            texts.append(needle)
            escaped = json.dumps(needle)[1:-1]  # as written with ensure_ascii: "\u00e4"
            if escaped != needle:
                texts.append(escaped)
    if not texts:
        return []
    # autoescape: a backslash, % or _ in the text is itself (PostgreSQL's LIKE would take
    # a backslash as its escape character, SQLite's would not).
    return list(
        s.scalars(
            select(BundleConflict.id)
            .where(or_(*(BundleConflict.payload.icontains(t, autoescape=True) for t in texts)))
            .order_by(BundleConflict.id)
        )
    )


def _mentions(s: Session, name: str, email: str, skip_meetings: Iterable[int]) -> list[str]:
    """Free texts (outside approved minutes) that still contain *name*."""
    if len(name) < 3:
        return [
            _("an unresolved bundle conflict ({id})").format(id=c)
            for c in _conflicts_naming(s, [email])
        ]
    def holds(column: Any) -> Any:  # case-insensitive on both engines; % and _ are themselves
        return column.icontains(name, autoescape=True)

    skip = set(skip_meetings)
    found: list[str] = []
    items = s.execute(
        select(AgendaItem.id, AgendaItem.meeting_id, AgendaItem.section).where(
            or_(
                holds(AgendaItem.title_fi),
                holds(AgendaItem.title_sv),
                holds(AgendaItem.background),
                holds(AgendaItem.proposal),
                holds(AgendaItem.decision),
                holds(AgendaItem.background_sv),
                holds(AgendaItem.proposal_sv),
                holds(AgendaItem.decision_sv),
            )
        )
    ).all()
    found += [
        _("agenda item {section} § of meeting {meeting}").format(section=sec, meeting=mid)
        for _id, mid, sec in items
        if mid not in skip
    ]
    actions = s.execute(
        select(ActionItem.id, AgendaItem.meeting_id)
        .join(AgendaItem, ActionItem.item_id == AgendaItem.id)
        .where(holds(ActionItem.what))
    ).all()
    found += [
        _("action item {id} of meeting {meeting}").format(id=aid, meeting=mid)
        for aid, mid in actions
        if mid not in skip
    ]
    workshops = s.scalars(
        select(Workshop.id).where(
            or_(holds(Workshop.title), holds(Workshop.title_sv), holds(Workshop.notes))
        )
    ).all()
    found += [_("workshop {id}").format(id=wid) for wid in workshops]
    waiting = s.scalars(
        select(BacklogItem.id).where(
            or_(
                holds(BacklogItem.title_fi),
                holds(BacklogItem.title_sv),
                holds(BacklogItem.background),
                holds(BacklogItem.proposal),
                holds(BacklogItem.background_sv),
                holds(BacklogItem.proposal_sv),
            )
        )
    ).all()
    found += [_("a waiting item ({id})").format(id=bid) for bid in waiting]
    guests = s.execute(
        select(Attendance.id, Attendance.meeting_id).where(holds(Attendance.guest_name))
    ).all()
    found += [
        _("a guest at meeting {meeting}").format(meeting=mid)
        for _id, mid in guests
        if mid not in skip
    ]
    conflicts = _conflicts_naming(s, [name, email])
    found += [_("an unresolved bundle conflict ({id})").format(id=cid) for cid in conflicts]
    return found


def erase_person(db: Database, person_id: int) -> ErasureReport:
    """Erase person *person_id*'s personal data, in one transaction (see the module)."""
    new_name = erased_name(person_id)
    with db.session() as s:
        person = _get_person(s, person_id)
        report = ErasureReport(person_id, new_name)
        if person.full_name == new_name and not any(getattr(person, f) for f in CONTACT_FIELDS):
            report.already_erased = True
        old_name = person.full_name
        meetings = _approved_meetings_naming(s, person_id)
        have = set(
            s.scalars(
                select(RecordedPerson.meeting_id).where(RecordedPerson.person_id == person_id)
            )
        )
        for meeting in meetings:
            if meeting.id not in have:
                s.add(
                    RecordedPerson(
                        meeting_id=meeting.id,
                        person_id=person_id,
                        first_name=person.first_name,
                        last_name=person.last_name,
                        organisation=person.organisation,
                    )
                )
        report.approved_meetings = [m.id for m in meetings]
        membership_ids = list(
            s.scalars(select(Membership.id).where(Membership.person_id == person_id))
        )
        report.memberships = len(membership_ids)
        report.attendance = _count(s, Attendance, Attendance.person_id == person_id)
        report.presented = _count(s, AgendaItem, AgendaItem.presenter_id == person_id)
        report.actions = _count(s, ActionItem, ActionItem.responsible_id == person_id)
        report.checked = _count(
            s, Meeting, or_(Meeting.checker1_id == person_id, Meeting.checker2_id == person_id)
        )
        report.workshops = _count(s, Workshop, Workshop.coordinator_id == person_id) + _count(
            s, WorkshopFacilitator, WorkshopFacilitator.person_id == person_id
        )
        if not report.already_erased:
            report.mentions = _mentions(s, old_name, person.email, report.approved_meetings)
        person.first_name = ""
        person.last_name = new_name
        person.title = ""
        person.organisation = ""
        person.municipality = ""
        person.region = None
        person.email = ""
        person.phone = ""
    # An unsaved edit of the person, kept on disk after a crash, holds the old details.
    drafts = DraftStore(drafts_folder(db.label))
    for membership_id in membership_ids:
        drafts.discard(f"member-{membership_id}")
    return report


def _count(s: Session, model: type, condition: Any) -> int:
    return s.scalar(select(func.count()).select_from(model).where(condition)) or 0


def erasure_report_lines(report: ErasureReport) -> list[str]:
    """What was erased, what was kept and why, as sentences in the current language."""
    lines = [
        _(
            "Person {id} erased: the name is now “{name}”; title, organisation, municipality, "
            "region, e-mail and phone were removed."
        ).format(id=report.person_id, name=report.new_name)
    ]
    if report.already_erased:
        lines.append(_("The person had already been erased."))
    kept = report.memberships + report.attendance + report.presented + report.actions
    kept += report.checked + report.workshops
    if kept:
        lines.append(
            _(
                "Kept under the new name, so that quorums, minutes numbering and workshop "
                "records stay right: {memberships} memberships, {attendance} attendance "
                "records, {presented} agenda items presented, {actions} action items, "
                "{checked} minutes checked, {workshops} workshops."
            ).format(
                memberships=report.memberships,
                attendance=report.attendance,
                presented=report.presented,
                actions=report.actions,
                checked=report.checked,
                workshops=report.workshops,
            )
        )
    if report.approved_meetings:
        lines.append(
            ngettext(
                "{n} approved meeting keeps the name as its minutes recorded it (meeting {ids}): "
                "approved minutes are an official record and are not changed.",
                "{n} approved meetings keep the name as their minutes recorded it (meetings "
                "{ids}): approved minutes are an official record and are not changed.",
                len(report.approved_meetings),
            ).format(
                n=len(report.approved_meetings),
                ids=", ".join(str(i) for i in report.approved_meetings),
            )
        )
    if report.mentions:
        lines.append(
            _("The old name still appears in free text; edit these by hand: {places}.").format(
                places="; ".join(report.mentions)
            )
        )
    lines.append(
        _(
            "Automatic backups made before today still hold the old details until they are "
            "removed (after 14 days at most); bundles already sent to other laptops are "
            "not changed. Feedback responses are anonymous and held nothing about the person."
        )
    )
    return lines
