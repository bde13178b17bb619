"""Agenda and minutes of a meeting as Word (and PDF) documents.

Reads the meeting in one short session into :class:`MeetingContent`, then
builds and saves the document outside the session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kastedesk.documents.content import (
    ActionLine,
    AttachmentLine,
    AttendanceLine,
    Bilingual,
    ItemContent,
    MeetingContent,
    PersonLine,
    VoteContent,
)
from kastedesk.documents.docx_builder import build_agenda, build_minutes
from kastedesk.documents.files import default_file_name, save_document
from kastedesk.documents.template import open_template
from kastedesk.domain.chairing import presiding_role
from kastedesk.domain.item_languages import (
    AGENDA_FIELDS,
    MINUTES_FIELDS,
    ItemTexts,
    MissingText,
    missing_texts,
    real_title,
)
from kastedesk.domain.quorum import describe_quorum
from kastedesk.domain.registry import DocLanguages, MinutesStyle, Role
from kastedesk.domain.validation import ValidationError
from kastedesk.domain.votes import VoteChoice
from kastedesk.i18n import N_, _, translator
from kastedesk.services.meeting_views import (
    AttachmentRow,
    MeetingDetail,
    group_memberships,
    load_meeting_for_reading,
    meeting_detail,
)
from kastedesk.storage.database import Database
from kastedesk.storage.models.meetings import ActionItem, Meeting, RecordedPerson
from kastedesk.storage.models.registry import Group, Membership, Person
from kastedesk.storage.models.votes import ItemVote

AGENDA, MINUTES = "agenda", "minutes"

LANGUAGE_NAMES = {"fi": N_("Finnish"), "sv": N_("Swedish")}
FIELD_NAMES = {
    "title": N_("title"),
    "background": N_("background"),
    "proposal": N_("proposal"),
    "decision": N_("decision"),
}


class MissingLanguageError(ValidationError):
    """Items lack text in a document language; written only when the secretary says so."""

    def __init__(self, missing: list[MissingText]) -> None:
        super().__init__(
            {
                "": _(
                    "{count} § items lack text in a document language; fill them in, "
                    "or write the document anyway."
                ).format(count=len({m.section for m in missing}))
            }
        )
        self.missing = missing


def describe_missing(missing: MissingText) -> str:
    """ "7 § Talousraportti: Swedish title, proposal" in the UI language."""
    fields = ", ".join(_(FIELD_NAMES[name]) for name in missing.fields)
    return _("{section} § {title}: missing in {language}: {fields}").format(
        section=missing.section,
        title=missing.title or "–",
        language=_(LANGUAGE_NAMES[missing.language]),
        fields=fields,
    )


def missing_in(content: MeetingContent, kind: str, languages: Sequence[str]) -> list[MissingText]:
    """The § items whose text is missing in one of the document *languages*."""
    if tuple(languages) == ("fi",):
        return []  # Finnish-only documents: the Finnish text is checked when it is typed
    fields = AGENDA_FIELDS if kind == AGENDA else MINUTES_FIELDS
    items = [
        ItemTexts(
            item.section,
            {
                "title": (item.title.fi, item.title.sv),
                "background": (item.background, item.background_sv),
                "proposal": (item.proposal, item.proposal_sv),
                "decision": (item.decision, item.decision_sv),
            },
        )
        for item in content.items
    ]
    return missing_texts(items, languages, fields)


def missing_for_document(
    db: Database, meeting_id: int, kind: str, languages: Sequence[str] | None = None
) -> list[MissingText]:
    content = meeting_content(db, meeting_id)
    return missing_in(content, kind, document_languages(content, languages))


def parse_languages(text: str | None) -> tuple[str, ...] | None:
    """ "fi", "sv" or "fi+sv" (also "sv+fi", written Finnish first) → codes; None → None."""
    if not text:
        return None
    try:
        return DocLanguages("+".join(sorted(set(text.split("+")), key=["fi", "sv"].index))).codes
    except ValueError:
        raise ValidationError(
            {"languages": _("Choose the document language: fi, sv or fi+sv.")}
        ) from None


def _person_line(
    person: Person, role: Role | None, recorded: dict[int, RecordedPerson] | None = None
) -> PersonLine:
    """The person as the documents show them; an erased person keeps, in approved
    minutes, the name and organisation recorded there (``recorded``)."""
    kept = (recorded or {}).get(person.id)
    if kept is not None:
        return PersonLine(kept.full_name, kept.organisation, role, person.email, person.language)
    return PersonLine(person.full_name, person.organisation, role, person.email, person.language)


def _member_line(
    m: Membership, by_id: dict[int, Membership], recorded: dict[int, RecordedPerson]
) -> PersonLine:
    """An invitee, with the member a personal deputy stands for (the agenda pairs them)."""
    member = by_id.get(m.deputy_of_id) if m.deputy_of_id else None
    return replace(
        _person_line(m.person, m.role, recorded),
        seat=m.id,
        deputy_of=m.deputy_of_id if member else None,
        deputy_of_name=_person_line(member.person, None, recorded).name if member else "",
    )


def _active(m: Membership, on: dt.date) -> bool:
    return m.is_active(on)


def meeting_content(db: Database, meeting_id: int) -> MeetingContent:
    """What the agenda, minutes and e-mail show: one read, a fixed number of statements."""
    with db.read() as s:
        meeting = load_meeting_for_reading(s, meeting_id)
        if meeting is None:
            raise ValidationError(
                {"": _("There is no meeting with id {id}.").format(id=meeting_id)}
            )
        return read_content(s, meeting)


def read_content(s: Session, meeting: Meeting) -> MeetingContent:
    """The document content of a meeting loaded by ``load_meeting_for_reading``."""
    return _content(s, meeting, meeting_detail(s, meeting))  # the quorum as the tab shows it


def _content(s: Session, meeting: Meeting, detail: MeetingDetail) -> MeetingContent:
    group: Group = meeting.group
    project = group.project
    memberships = [m for m in group_memberships(s, group.id) if _active(m, meeting.date)]
    recorded = {
        r.person_id: r
        for r in s.scalars(select(RecordedPerson).where(RecordedPerson.meeting_id == meeting.id))
    }
    by_id = {m.id: m for m in memberships}
    invitees = tuple(
        _member_line(m, by_id, recorded) for m in memberships if m.role != Role.FOR_INFORMATION
    )
    for_information = tuple(
        _member_line(m, by_id, recorded) for m in memberships if m.role == Role.FOR_INFORMATION
    )
    people = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(_person_ids(meeting))))}

    def full_name(person: Person) -> str:
        kept = recorded.get(person.id)
        return kept.full_name if kept is not None else person.full_name

    def name(person_id: int | None) -> str:
        return full_name(people[person_id]) if person_id in people else ""

    # Who is who on the attendance list: a disqualified member or a voter by name.
    on_list = {
        row.id: full_name(people[row.person_id]) if row.person_id in people else row.guest_name
        for row in meeting.attendance
    }
    items = []
    for item in meeting.items:
        carried = [a for a in item.actions if a.carried_from_id is not None]
        own = [a for a in item.actions if a.carried_from_id is None]
        items.append(
            ItemContent(
                section=item.section,
                title=Bilingual(real_title(item.title_fi), real_title(item.title_sv)),
                kind=item.kind,
                presenter=name(item.presenter_id),
                background=item.background,
                proposal=item.proposal,
                decision=item.decision,
                background_sv=item.background_sv,
                proposal_sv=item.proposal_sv,
                decision_sv=item.decision_sv,
                outcome=item.outcome,
                attachments=tuple(
                    AttachmentLine(a.number, a.title or a.file_name, a.stored_path, a.file_name)
                    for a in _numbered(detail, item.id)
                ),
                actions=tuple(_action(a, name) for a in own),
                carried_actions=tuple(_action(a, name) for a in carried),
                disqualified=tuple(
                    on_list.get(d.attendance_id, "") for d in item.disqualifications
                ),
                vote=_vote(item.vote, on_list),
            )
        )
    by_row = {row.id: row for row in detail.attendance}
    attendance = []
    for row in meeting.attendance:
        view = by_row.get(row.id)
        role = row.role
        person = people.get(row.person_id) if row.person_id else None
        line = (
            _person_line(person, role, recorded) if person else PersonLine(row.guest_name, "", None)
        )
        attendance.append(
            AttendanceLine(
                line,
                row.present,
                view.deputy_for if view and row.stands_in else "",
                row.arrived_at,
                row.left_at,
            )
        )
    quorum = detail.quorum(detail.legality_section)
    leaders: dict[Role, str] = {
        m.role: full_name(m.person)
        for m in memberships
        if m.role in (Role.CHAIR, Role.VICE_CHAIR, Role.SECRETARY)
    }
    present_roles = {a.person.role for a in attendance if a.present and a.person.role}
    chair = leaders.get(presiding_role(present_roles)) or leaders.get(Role.CHAIR, "")
    secretary = next((m.person for m in memberships if m.role == Role.SECRETARY), None)
    checkers = [
        (person, on)
        for person, on in (
            (meeting.checker1_id, meeting.checker1_checked_on),
            (meeting.checker2_id, meeting.checker2_checked_on),
        )
        if name(person)
    ]
    return MeetingContent(
        meeting_id=meeting.id,
        project=Bilingual(project.name_fi, project.name_sv),
        group=Bilingual(group.name_fi, group.name_sv),
        title=Bilingual(detail.meeting.title_fi, detail.meeting.title_sv),
        number=meeting.number,
        date=meeting.date,
        start=meeting.start_time,
        end=meeting.end_time,
        place=meeting.place,
        remote_link=meeting.remote_link,
        languages=meeting.languages.codes,
        memo=group.minutes_style == MinutesStyle.MEMO,
        invitees=invitees,
        for_information=for_information,
        items=tuple(items),
        attendance=tuple(attendance),
        quorum=Bilingual(
            describe_quorum(quorum, translator("fi")), describe_quorum(quorum, translator("sv"))
        ),
        chair=chair,
        secretary=full_name(secretary) if secretary else "",
        secretary_email=secretary.email if secretary else "",
        checkers=tuple(name(person) for person, _on in checkers),
        checked_on=meeting.checked_on,
        checkers_checked_on=tuple(on for _person, on in checkers),
    )


def _person_ids(meeting: Meeting) -> set[int]:
    ids = {meeting.checker1_id, meeting.checker2_id}
    for item in meeting.items:
        ids.add(item.presenter_id)
        ids.update(a.responsible_id for a in item.actions)
    ids.update(row.person_id for row in meeting.attendance)
    return {i for i in ids if i is not None}


def _numbered(detail: MeetingDetail, item_id: int) -> tuple[AttachmentRow, ...]:
    item = next((i for i in detail.items if i.id == item_id), None)
    return item.attachments if item else ()


def _vote(vote: ItemVote | None, on_list: dict[int, str]) -> VoteContent | None:
    if vote is None:
        return None

    def voted(choice: VoteChoice) -> tuple[str, ...]:
        return tuple(on_list.get(b.attendance_id, "") for b in vote.ballots if b.choice == choice)

    return VoteContent(
        yes_motion=Bilingual(vote.yes_motion_fi, vote.yes_motion_sv),
        no_motion=Bilingual(vote.no_motion_fi, vote.no_motion_sv),
        yes=vote.yes_count,
        no=vote.no_count,
        abstain=vote.abstain_count,
        tie_winner=vote.tie_winner,
        voted_yes=voted(VoteChoice.YES) if vote.by_name else (),
        voted_no=voted(VoteChoice.NO) if vote.by_name else (),
        voted_abstain=voted(VoteChoice.ABSTAIN) if vote.by_name else (),
    )


def _action(action: ActionItem, name: Callable[[int | None], str]) -> ActionLine:
    return ActionLine(action.what, name(action.responsible_id), action.due, action.done)


def document_languages(content: MeetingContent, languages: Sequence[str] | None) -> tuple[str, ...]:
    return tuple(languages) if languages else content.languages


def suggested_name(
    content: MeetingContent, kind: str, languages: Sequence[str], suffix: str = ".docx"
) -> str:
    if kind == MINUTES and content.memo:
        kind = "memo"
    return default_file_name(content, kind, languages, suffix)


def write_document(
    db: Database,
    meeting_id: int,
    kind: str,
    target: Path,
    languages: Sequence[str] | None = None,
    template: Path | None = None,
    allow_missing: bool = False,
) -> Path:
    """Write the agenda or minutes of a meeting to *target* (.docx); return the path.

    Raises :class:`MissingLanguageError` when § items lack text in a document
    language (unless *allow_missing*), ``documents.template.TemplateError`` for
    an unusable template and ``atomic_files.FileWriteError`` when the target
    cannot be written.
    """
    content = meeting_content(db, meeting_id)
    langs = document_languages(content, languages)
    if not allow_missing and (missing := missing_in(content, kind, langs)):
        raise MissingLanguageError(missing)
    build = build_agenda if kind == AGENDA else build_minutes
    template = template or group_template(db, meeting_group_id(db, meeting_id))
    return save_document(build(content, langs, template), Path(target))


def meeting_group_id(db: Database, meeting_id: int) -> int:
    with db.read() as s:
        meeting = s.get(Meeting, meeting_id)
        if meeting is None:
            raise ValidationError(
                {"": _("There is no meeting with id {id}.").format(id=meeting_id)}
            )
        return meeting.group_id


def group_template(db: Database, group_id: int) -> Path | None:
    """The group's own template, when one is chosen and still there; else None (the default)."""
    with db.read() as s:
        group = s.get(Group, group_id)
        return template_of(group) if group else None


def template_of(group: Group) -> Path | None:
    """*group*'s own template when one is chosen and the file is still there; else None."""
    path = Path(group.template_path) if group.template_path else None
    return path if path and path.is_file() else None


def set_group_template(db: Database, group_id: int, path: Path | None) -> None:
    """Remember *path* as the group's template (None: back to the default); checks it first."""
    if path is not None:
        open_template(path)  # TemplateError when unusable: never remember a broken one
    with db.session() as s:
        group = s.get(Group, group_id)
        if group is None:
            raise ValidationError({"": _("There is no group with id {id}.").format(id=group_id)})
        group.template_path = str(Path(path).resolve()) if path else ""


def write_agenda(
    db: Database,
    meeting_id: int,
    target: Path,
    languages: Sequence[str] | None = None,
    template: Path | None = None,
    allow_missing: bool = False,
) -> Path:
    return write_document(db, meeting_id, AGENDA, target, languages, template, allow_missing)


def write_minutes(
    db: Database,
    meeting_id: int,
    target: Path,
    languages: Sequence[str] | None = None,
    template: Path | None = None,
    allow_missing: bool = False,
) -> Path:
    return write_document(db, meeting_id, MINUTES, target, languages, template, allow_missing)
