"""Standard § texts: the group's phrase templates, and filling them in from a meeting's data.

Filling never overwrites what the secretary typed: only empty proposals and
decisions of the standard items are written, in each language the meeting
uses, and only when the data a text needs is there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from kastedesk.domain.chairing import presiding_role
from kastedesk.domain.meetings import ItemKind
from kastedesk.domain.quorum import evaluate_quorum
from kastedesk.domain.registry import Role
from kastedesk.domain.standard_texts import (
    DEFAULT_TEMPLATES,
    TEXT_FIELDS,
    MeetingFacts,
    placeholder_values,
    render,
    template_problems,
    unknown_placeholder,
)
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.services.meeting_access import load_meeting
from kastedesk.storage.database import Database
from kastedesk.storage.models.meetings import Meeting, PhraseTemplate
from kastedesk.storage.models.registry import Group, Membership
from kastedesk.storage.versions import check_version

Key = tuple[ItemKind, str, str]  # (kind, "proposal"/"decision", "fi"/"sv")


@dataclass(frozen=True)
class PhraseRow:
    kind: ItemKind
    field: str
    lang: str
    text: str
    default: str
    row_version: int | None  # None: the shipped wording is in use

    @property
    def custom(self) -> bool:
        return self.row_version is not None


def _custom(session: Session, group_id: int) -> dict[Key, PhraseTemplate]:
    rows = session.scalars(select(PhraseTemplate).where(PhraseTemplate.group_id == group_id))
    return {(r.kind, r.field, r.lang): r for r in rows}


def phrase_templates(db: Database, group_id: int) -> list[PhraseRow]:
    """Every standard text of the group: its own wording where it has one, else the shipped."""
    with db.read() as session:
        custom = _custom(session, group_id)
    rows = []
    for (kind, field), texts in DEFAULT_TEMPLATES.items():
        for lang in ("fi", "sv"):
            own = custom.get((kind, field, lang))
            rows.append(
                PhraseRow(
                    kind, field, lang, own.text if own else texts[lang], texts[lang],
                    own.row_version if own else None,
                )
            )  # fmt: skip
    return rows


def save_phrase_template(
    db: Database,
    group_id: int,
    kind: ItemKind,
    field: str,
    lang: str,
    text: str,
    expected_version: int | None = None,
) -> None:
    """Keep the group's wording; an empty text (or the shipped one) goes back to the default."""
    if (kind, field) not in DEFAULT_TEMPLATES or lang not in ("fi", "sv"):
        raise ValidationError({"": _("There is no such standard text.")})
    text = text.strip()
    if problem := template_problems(text):
        raise ValidationError({"text": _(problem).format(name=unknown_placeholder(text))})
    with db.session() as session:
        if session.get(Group, group_id) is None:
            raise ValidationError({"": _("The group no longer exists.")})
        own = _custom(session, group_id).get((kind, field, lang))
        if own is not None and expected_version is not None:
            check_version(own, expected_version, _("Standard text"))
        if not text or text == DEFAULT_TEMPLATES[(kind, field)][lang]:
            if own is not None:
                session.delete(own)
            return
        if own is None:
            own = PhraseTemplate(group_id=group_id, kind=kind, field=field, lang=lang)
            session.add(own)
        own.text = text


def _facts(session: Session, meeting: Meeting) -> MeetingFacts:
    group = meeting.group
    previous = session.scalar(
        select(Meeting)
        .where(Meeting.group_id == group.id, Meeting.number < meeting.number)
        .order_by(Meeting.number.desc())
        .limit(1)
    )
    following = session.scalar(
        select(Meeting)
        .where(Meeting.group_id == group.id, Meeting.number > meeting.number)
        .order_by(Meeting.number)
        .limit(1)
    )
    checkers = checker_names(meeting)
    present = [a for a in meeting.attendance if a.present]
    quorate = None
    if present:
        # The same verdict as the tab, from the read model loaded in a fixed number of
        # statements (the meeting may have come in loaded without its items).
        from kastedesk.services.meeting_views import load_meeting_for_reading, meeting_detail

        detail = meeting_detail(session, load_meeting_for_reading(session, meeting.id) or meeting)
        quorate = evaluate_quorum(
            detail.rule, [a.attendee for a in detail.attendance], detail.legality_section
        ).quorate
    chairing = presiding_role({a.role for a in present if a.role})
    leaders: dict[Role, str] = {
        m.role: m.person.full_name
        for m in session.scalars(select(Membership).where(Membership.group_id == group.id))
        if m.role in (Role.CHAIR, Role.VICE_CHAIR) and m.is_active(meeting.date)
    }
    chair = leaders.get(chairing) or leaders.get(Role.CHAIR, "")
    return MeetingFacts(
        date=meeting.date,
        start=meeting.start_time,
        end=meeting.end_time,
        chair=chair,
        checkers=checkers,
        quorate=quorate,
        previous_number=previous.number if previous else None,
        previous_date=previous.date if previous else None,
        next_date=following.date if following else None,
        next_start=following.start_time if following else None,
        next_place=following.place if following else "",
    )


def checker_names(meeting: Meeting) -> tuple[str, ...]:
    return tuple(p.full_name for p in (meeting.checker1, meeting.checker2) if p is not None)


def refresh_checkers_texts_in(
    session: Session, meeting: Meeting, names_before: tuple[str, ...]
) -> None:
    """The checkers § after the checkers changed: its proposal and decision name the new ones.

    Only texts that are empty or still read as written for *names_before* are
    rewritten; a text the secretary changed by hand is kept.
    """
    languages = meeting.languages.codes
    facts = _facts(session, meeting)
    earlier = replace(facts, checkers=names_before)
    custom = _custom(session, meeting.group_id)
    for item in meeting.items:
        if item.kind != ItemKind.CHECKERS:
            continue
        for field in TEXT_FIELDS:
            if (ItemKind.CHECKERS, field) not in DEFAULT_TEMPLATES:
                continue
            for lang in languages:
                name = field if lang == "fi" else f"{field}_sv"
                own = custom.get((ItemKind.CHECKERS, field, lang))
                template = own.text if own else DEFAULT_TEMPLATES[(ItemKind.CHECKERS, field)][lang]
                old = render(template, placeholder_values(earlier, lang)) or ""
                if getattr(item, name).strip() in ("", old):
                    setattr(item, name, render(template, placeholder_values(facts, lang)) or "")


def fill_standard_texts_in(session: Session, meeting: Meeting) -> int:
    """Write the empty proposals and decisions of the standard items; return how many."""
    languages = meeting.languages.codes
    facts = _facts(session, meeting)
    custom = _custom(session, meeting.group_id)
    values = {lang: placeholder_values(facts, lang) for lang in languages}
    filled = 0
    for item in meeting.items:
        kind = item.kind
        for field in TEXT_FIELDS:
            if (kind, field) not in DEFAULT_TEMPLATES:
                continue
            for lang in languages:
                name = field if lang == "fi" else f"{field}_sv"
                if getattr(item, name).strip():
                    continue
                own = custom.get((kind, field, lang))
                template = own.text if own else DEFAULT_TEMPLATES[(kind, field)][lang]
                text = render(template, values[lang])
                if text:
                    setattr(item, name, text)
                    filled += 1
    return filled


def fill_standard_texts(db: Database, meeting_id: int) -> int:
    """Fill in the standard items' empty texts from the meeting's data (one transaction)."""
    with db.session() as session:
        return fill_standard_texts_in(session, load_meeting(session, meeting_id))
