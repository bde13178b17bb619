"""What the Meetings tab and the CLI read: plain rows, no ORM objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Row, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.interfaces import ORMOption

from kastedesk.domain.agenda_numbering import attachment_numbers
from kastedesk.domain.backlog import ItemOutcome
from kastedesk.domain.bilingual import in_language
from kastedesk.domain.deadlines import (
    DUE_SOON_DAYS,
    DueItem,
    MeetingDeadlines,
    agenda_due,
    attachments_due,
    due_items,
)
from kastedesk.domain.meetings import ItemKind, MeetingEventKind, MeetingStatus, meeting_title
from kastedesk.domain.minutes_review import CheckerAnswer, MinutesReview
from kastedesk.domain.quorum import (
    Attendee,
    GroupRule,
    QuorumResult,
    evaluate_quorum,
    first_section_without_quorum,
)
from kastedesk.domain.registry import VOTING_ROLES, DocLanguages, MinutesStyle, Role
from kastedesk.domain.votes import VoteChoice, VoteInput
from kastedesk.storage.database import Database
from kastedesk.storage.models.meetings import (
    ActionItem,
    AgendaItem,
    Attendance,
    Meeting,
    RecordedPerson,
)
from kastedesk.storage.models.registry import Group, Membership, Person
from kastedesk.storage.models.sync_identity import as_utc
from kastedesk.storage.models.votes import ItemVote


@dataclass(frozen=True)
class GroupRef:
    id: int
    name_fi: str
    name_sv: str
    project: str

    def name(self, lang: str) -> str:
        return in_language(self.name_fi, self.name_sv, lang)


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str
    role: Role  # of their membership in the group


@dataclass(frozen=True)
class MeetingRow:
    id: int
    group_id: int
    number: int
    title_fi: str
    title_sv: str
    languages: DocLanguages
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    place: str
    remote_link: str
    status: MeetingStatus
    attachments_sent: bool
    agenda_due: dt.date
    attachments_due: dt.date
    row_version: int = 1
    created_by: str = ""
    updated_by: str = ""
    updated_at: dt.datetime | None = None  # UTC; None before schema 0012
    minutes: MinutesReview | None = None  # checking and approval (schema 0014)

    @property
    def review(self) -> MinutesReview:
        """Where the minutes' checking stands (approved follows the meeting's status)."""
        review = self.minutes or MinutesReview(self.date)
        return replace(review, approved=self.status is MeetingStatus.APPROVED)

    @property
    def agenda_sent(self) -> bool:
        return self.status.rank >= MeetingStatus.AGENDA_SENT.rank

    def document_language(self, lang: str) -> str:
        """*lang* when the meeting is documented in it, else the meeting's first language."""
        return self.languages.shown_in(lang)

    def title(self, lang: str) -> str:
        return self.title_sv if self.document_language(lang) == "sv" else self.title_fi

    def deadlines(self) -> MeetingDeadlines:
        return MeetingDeadlines(
            self.id,
            self.group_id,
            self.title_fi,
            self.date,
            self.agenda_due,
            self.attachments_due,
            self.agenda_sent,
            self.attachments_sent or self.status.rank >= MeetingStatus.HELD.rank,
        )


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    number: int  # Liite / Bilaga n, through the meeting
    title: str
    file_name: str
    stored_path: str


@dataclass(frozen=True)
class ActionRow:
    id: int
    what: str
    responsible_id: int | None
    responsible: str
    due: dt.date | None
    done: bool
    carried_from_id: int | None


@dataclass(frozen=True)
class VoteRow:
    """A §'s recorded vote (migration 0015)."""

    id: int
    yes_motion_fi: str
    yes_motion_sv: str
    no_motion_fi: str
    no_motion_sv: str
    by_name: bool
    yes: int
    no: int
    abstain: int
    tie_winner: VoteChoice | None  # on a tie, the side the chair voted for
    ballots: tuple[tuple[int, VoteChoice], ...]  # (attendance row, choice)
    row_version: int = 1

    def as_input(self) -> VoteInput:
        """The vote as it was recorded, for checking it again (e.g. after attendance changed)."""
        return VoteInput(
            yes_motion={"fi": self.yes_motion_fi, "sv": self.yes_motion_sv},
            no_motion={"fi": self.no_motion_fi, "sv": self.no_motion_sv},
            by_name=self.by_name,
            yes=self.yes,
            no=self.no,
            abstain=self.abstain,
            ballots=dict(self.ballots),
            tie_winner=self.tie_winner,
        )


@dataclass(frozen=True)
class ItemRow:
    id: int
    section: int
    kind: ItemKind
    title_fi: str
    title_sv: str
    presenter_id: int | None
    background: str
    proposal: str
    decision: str
    attachments: tuple[AttachmentRow, ...] = ()
    actions: tuple[ActionRow, ...] = ()
    row_version: int = 1
    background_sv: str = ""
    proposal_sv: str = ""
    decision_sv: str = ""
    outcome: ItemOutcome = ItemOutcome.DECIDED
    disqualified: tuple[int, ...] = ()  # attendance rows disqualified from this §
    vote: VoteRow | None = None

    def title(self, lang: str) -> str:
        return in_language(self.title_fi, self.title_sv, lang)

    def text(self, name: str, lang: str) -> str:
        """ "background", "proposal" or "decision" in *lang* ("fi" or "sv")."""
        text: str = getattr(self, f"{name}_sv" if lang == "sv" else name)
        return text


@dataclass(frozen=True)
class AttendanceRow:
    id: int
    person_id: int | None
    name: str
    role: Role | None  # None: guest
    present: bool
    stands_in: bool
    deputy_for: str  # the member a personal deputy stands in for
    arrived_at: int | None
    left_at: int | None
    attendee: Attendee
    row_version: int = 1


@dataclass(frozen=True)
class EventRow:
    at: dt.datetime
    kind: MeetingEventKind
    note: str
    by: str = ""  # who: the database user or the name chosen in the window


@dataclass(frozen=True)
class MeetingDetail:
    meeting: MeetingRow
    group: GroupRef
    minutes_style: MinutesStyle
    rule: GroupRule
    items: tuple[ItemRow, ...]
    attendance: tuple[AttendanceRow, ...]
    checker_ids: tuple[int | None, int | None]
    checked_on: dt.date | None
    events: tuple[EventRow, ...]
    people: tuple[PersonRef, ...] = field(default=())

    @property
    def locked(self) -> bool:
        return self.meeting.status is MeetingStatus.APPROVED

    def quorum(self, section: int | None = None) -> QuorumResult:
        return evaluate_quorum(self.rule, [a.attendee for a in self.attendance], section)

    def quorum_lost_at(self, section: int) -> int | None:
        """The first § after *section* at which the meeting is no longer quorate."""
        attendees = [a.attendee for a in self.attendance]
        return first_section_without_quorum(self.rule, attendees, len(self.items), section + 1)

    def with_attendance(
        self,
        attendance_id: int,
        *,
        row_version: int,
        present: bool,
        stands_in: bool,
        arrived_at: int | None,
        left_at: int | None,
        meeting_status: MeetingStatus,
        meeting_row_version: int,
    ) -> MeetingDetail:
        """This detail after one saved attendance change (no reading again)."""
        rows = tuple(
            replace(
                a,
                present=present,
                stands_in=stands_in,
                arrived_at=arrived_at,
                left_at=left_at,
                row_version=row_version,
                attendee=replace(
                    a.attendee,
                    present=present,
                    stands_in=stands_in,
                    arrived_at=arrived_at,
                    left_at=left_at,
                ),
            )
            if a.id == attendance_id
            else a
            for a in self.attendance
        )
        meeting = replace(self.meeting, status=meeting_status, row_version=meeting_row_version)
        return replace(self, attendance=rows, meeting=meeting)

    @property
    def legality_section(self) -> int:
        """The § where the quorum is recorded ("Laillisuus ja päätösvaltaisuus"), else 1."""
        return next((i.section for i in self.items if i.kind == ItemKind.LEGALITY), 1)


# --- builders (inside a session) -----------------------------------------------------


def meeting_titles(group: Group, number: int) -> tuple[str, str]:
    return meeting_title(group.name_fi, number, "fi"), meeting_title(group.name("sv"), number, "sv")


def minutes_review(meeting: Meeting | Row[*tuple[Any, ...]], memo: bool) -> MinutesReview:
    """The checking of *meeting*'s minutes (an ORM object or a row of :data:`_ROW_COLUMNS`)."""
    return MinutesReview(
        meeting_date=meeting.date,
        memo=memo,
        checkers=(
            CheckerAnswer(meeting.checker1_id, meeting.checker1_checked_on,
                          meeting.checker1_comment or ""),
            CheckerAnswer(meeting.checker2_id, meeting.checker2_checked_on,
                          meeting.checker2_comment or ""),
        ),
        sent_on=meeting.minutes_sent_on,
        approved=meeting.status == MeetingStatus.APPROVED,
        approved_on=meeting.checked_on,
    )  # fmt: skip


def meeting_row(meeting: Meeting | Row[*tuple[Any, ...]], group: Group) -> MeetingRow:
    """The list's row of *meeting* (an ORM object or a row of :data:`_ROW_COLUMNS`)."""
    title_fi, title_sv = meeting_titles(group, meeting.number)
    memo = group.minutes_style == MinutesStyle.MEMO
    return MeetingRow(
        id=meeting.id,
        group_id=meeting.group_id,
        number=meeting.number,
        title_fi=title_fi,
        title_sv=title_sv,
        languages=meeting.languages,
        date=meeting.date,
        start=meeting.start_time,
        end=meeting.end_time,
        place=meeting.place,
        remote_link=meeting.remote_link,
        status=meeting.status,
        attachments_sent=meeting.attachments_sent,
        agenda_due=agenda_due(meeting.date, group.agenda_lead_days),
        attachments_due=attachments_due(meeting.date, group.attachments_lead_days),
        row_version=meeting.row_version,
        created_by=meeting.created_by,
        updated_by=meeting.updated_by,
        updated_at=as_utc(meeting.updated_at),
        minutes=minutes_review(meeting, memo),
    )


def group_memberships(session: Session, group_id: int) -> list[Membership]:
    """The group's memberships with their people, in one statement."""
    return list(
        session.scalars(
            select(Membership)
            .where(Membership.group_id == group_id)
            .options(joinedload(Membership.person))
        )
    )


def group_rule(
    session: Session, group: Group, on: dt.date, memberships: list[Membership] | None = None
) -> GroupRule:
    if memberships is None:
        memberships = list(
            session.scalars(select(Membership).where(Membership.group_id == group.id))
        )
    seats = sum(1 for m in memberships if m.role in VOTING_ROLES and m.is_active(on))
    return GroupRule(
        rule=group.quorum_rule,
        minimum=group.quorum_min,
        chair_or_vice_required=group.chair_or_vice_required,
        seats=seats,
    )


def group_people(
    session: Session,
    group_id: int,
    on: dt.date | None = None,
    memberships: list[Membership] | None = None,
) -> list[PersonRef]:
    """The group's people (active on *on*), one entry per person, by name."""
    if memberships is None:
        memberships = group_memberships(session, group_id)
    order = list(Role)
    seen: dict[int, PersonRef] = {}
    for m in sorted(memberships, key=lambda m: order.index(m.role)):
        if on is not None and not m.is_active(on):
            continue
        if m.person_id not in seen:
            seen[m.person_id] = PersonRef(m.person_id, m.person.full_name, m.role)
    return sorted(seen.values(), key=lambda p: p.name.casefold())


def _group_ref(group: Group) -> GroupRef:
    return GroupRef(
        group.id, group.name_fi, group.name_sv, group.project.short_name or group.project.name_fi
    )


def meeting_detail(session: Session, meeting: Meeting) -> MeetingDetail:
    """The read model of *meeting*, loaded with :func:`load_meeting_for_reading`."""
    group = meeting.group
    # An erased person keeps, in an approved meeting, the name its minutes recorded.
    recorded = {
        r.person_id: r.full_name
        for r in session.scalars(
            select(RecordedPerson).where(RecordedPerson.meeting_id == meeting.id)
        )
    }

    def name_of(person: Person) -> str:
        return recorded.get(person.id, person.full_name)

    items = list(meeting.items)
    numbers = attachment_numbers([[a.id for a in item.attachments] for item in items])
    item_rows = tuple(
        ItemRow(
            id=item.id,
            section=item.section,
            kind=item.kind,
            title_fi=item.title_fi,
            title_sv=item.title_sv,
            presenter_id=item.presenter_id,
            background=item.background,
            proposal=item.proposal,
            decision=item.decision,
            attachments=tuple(
                AttachmentRow(a.id, numbers[a.id], a.title, a.file_name, a.stored_path)
                for a in item.attachments
            ),
            actions=tuple(
                ActionRow(
                    a.id,
                    a.what,
                    a.responsible_id,
                    name_of(a.responsible) if a.responsible else "",
                    a.due,
                    a.done,
                    a.carried_from_id,
                )
                for a in item.actions
            ),
            row_version=item.row_version,
            background_sv=item.background_sv,
            proposal_sv=item.proposal_sv,
            decision_sv=item.decision_sv,
            outcome=item.outcome,
            disqualified=tuple(d.attendance_id for d in item.disqualifications),
            vote=_vote_row(item.vote),
        )
        for item in items
    )
    disqualified_at: dict[int, set[int]] = {}
    for item in items:
        for d in item.disqualifications:
            disqualified_at.setdefault(d.attendance_id, set()).add(item.section)
    group_members = group_memberships(session, group.id)
    memberships = {m.id: m for m in group_members}
    rows = []
    for a in meeting.attendance:
        role = a.role
        membership = memberships.get(a.membership_id) if a.membership_id else None
        deputy_seat = membership.deputy_of_id if membership and role is Role.DEPUTY else None
        deputy_for = ""
        if deputy_seat is not None and deputy_seat in memberships:
            deputy_for = name_of(memberships[deputy_seat].person)
        seat = a.membership_id if role in VOTING_ROLES else None
        rows.append(
            AttendanceRow(
                id=a.id,
                person_id=a.person_id,
                name=name_of(a.person) if a.person else a.guest_name,
                role=role,
                present=a.present,
                stands_in=a.stands_in,
                deputy_for=deputy_for,
                arrived_at=a.arrived_at,
                left_at=a.left_at,
                attendee=Attendee(
                    key=a.id,
                    role=role,
                    present=a.present,
                    seat=seat,
                    deputy_for_seat=deputy_seat,
                    stands_in=a.stands_in,
                    arrived_at=a.arrived_at,
                    left_at=a.left_at,
                    disqualified_at=frozenset(disqualified_at.get(a.id, ())),
                ),
                row_version=a.row_version,
            )
        )
    return MeetingDetail(
        meeting=meeting_row(meeting, group),
        group=_group_ref(group),
        minutes_style=group.minutes_style,
        rule=group_rule(session, group, meeting.date, group_members),
        items=item_rows,
        attendance=tuple(rows),
        checker_ids=(meeting.checker1_id, meeting.checker2_id),
        checked_on=meeting.checked_on,
        events=tuple(EventRow(e.at, e.kind, e.note, e.by) for e in meeting.events),
        people=tuple(group_people(session, group.id, memberships=group_members)),
    )


def _vote_row(vote: ItemVote | None) -> VoteRow | None:
    if vote is None:
        return None
    return VoteRow(
        id=vote.id,
        yes_motion_fi=vote.yes_motion_fi,
        yes_motion_sv=vote.yes_motion_sv,
        no_motion_fi=vote.no_motion_fi,
        no_motion_sv=vote.no_motion_sv,
        by_name=vote.by_name,
        yes=vote.yes_count,
        no=vote.no_count,
        abstain=vote.abstain_count,
        tie_winner=vote.tie_winner,
        ballots=tuple((b.attendance_id, b.choice) for b in vote.ballots),
        row_version=vote.row_version,
    )


# --- queries (one short session each) -----------------------------------------------------


def list_meetings(db: Database, group_id: int | None = None) -> list[MeetingRow]:
    """Meetings, by date (the tab sorts upcoming first itself)."""
    with db.read() as session:
        # Plain columns, not ORM objects: a group has a thousand meetings.
        query = select(*(Meeting.__table__.c[name] for name in _ROW_COLUMNS)).order_by(
            Meeting.date, Meeting.number
        )
        groups = select(Group).options(joinedload(Group.project))
        if group_id is not None:
            query = query.where(Meeting.group_id == group_id)
            groups = groups.where(Group.id == group_id)
        by_id = {g.id: g for g in session.scalars(groups)}
        return [meeting_row(m, by_id[m.group_id]) for m in session.execute(query)]


def meeting_group(db: Database, meeting_id: int) -> int | None:
    """The group of meeting *meeting_id*; None when the meeting is gone."""
    with db.read() as session:
        return session.scalar(select(Meeting.group_id).where(Meeting.id == meeting_id))


def starting_group(db: Database, today: dt.date) -> int | None:
    """The group to show first: the one whose meeting comes next, else the one that met
    last (None without meetings). Two single-row reads, not every meeting of every group."""
    with db.read() as session:
        coming = session.scalar(
            select(Meeting.group_id)
            .where(Meeting.date >= today)
            .order_by(Meeting.date, Meeting.number)
            .limit(1)
        )
        if coming is not None:
            return coming
        return session.scalar(
            select(Meeting.group_id).order_by(Meeting.date.desc(), Meeting.number.desc()).limit(1)
        )


# What meeting_row reads of a meeting.
_ROW_COLUMNS = (
    "id", "group_id", "number", "date", "start_time", "end_time", "place", "remote_link",
    "languages", "status", "attachments_sent", "row_version",
    "created_by", "updated_by", "updated_at",  # who saved last (meeting_row)
    "checker1_id", "checker2_id", "checked_on", "minutes_sent_on",  # checking (minutes_review)
    "checker1_checked_on", "checker1_comment", "checker2_checked_on", "checker2_comment",
)  # fmt: skip


def meeting_loader_options() -> list[ORMOption]:
    """Everything a meeting's read model needs, in a fixed number of statements
    whatever the number of items, attachments, actions or people."""
    return [
        joinedload(Meeting.group).joinedload(Group.project),
        joinedload(Meeting.checker1),
        joinedload(Meeting.checker2),
        selectinload(Meeting.items).options(
            selectinload(AgendaItem.attachments),
            selectinload(AgendaItem.actions).joinedload(ActionItem.responsible),
            joinedload(AgendaItem.presenter),
            joinedload(AgendaItem.disqualifications),
            joinedload(AgendaItem.vote).selectinload(ItemVote.ballots),
        ),
        selectinload(Meeting.attendance).joinedload(Attendance.person),
        selectinload(Meeting.events),
    ]


def load_meeting_for_reading(session: Session, meeting_id: int) -> Meeting | None:
    """The meeting with everything its editor, documents and e-mail read, eagerly loaded.

    Also when *session* already holds the meeting (a write that looked at one of its
    items first): ``Session.get`` would hand that object back without the options, and
    each item's attachments, actions and vote would then be read one item at a time.
    """
    return session.get(
        Meeting, meeting_id, options=meeting_loader_options(), populate_existing=True
    )


def get_meeting(db: Database, meeting_id: int) -> MeetingDetail:
    with db.read() as session:
        meeting = load_meeting_for_reading(session, meeting_id)
        if meeting is None:
            raise LookupError(meeting_id)
        return meeting_detail(session, meeting)


def group_languages(db: Database, group_id: int) -> DocLanguages:
    """The group's document languages, the default for new meetings."""
    with db.read() as session:
        group = session.get(Group, group_id)
        return group.languages if group else DocLanguages.FI


def people_of_group(db: Database, group_id: int) -> list[PersonRef]:
    with db.read() as session:
        return group_people(session, group_id)


def _unsent_rows(db: Database, today: dt.date) -> list[MeetingRow]:
    with db.read() as session:
        query = (
            select(Meeting)
            .where(Meeting.date >= today)
            .where(Meeting.status.in_([MeetingStatus.DRAFT, MeetingStatus.AGENDA_SENT]))
            .options(joinedload(Meeting.group))
        )
        return [meeting_row(m, m.group) for m in session.scalars(query)]


def due_soon(db: Database, today: dt.date, days: int = DUE_SOON_DAYS) -> list[DueItem]:
    """Unsent agendas and attachments of all groups due within *days*, overdue first."""
    return due_items([r.deadlines() for r in _unsent_rows(db, today)], today, days)


def due_soon_titled(
    db: Database, today: dt.date, lang: str, days: int = DUE_SOON_DAYS
) -> list[tuple[DueItem, str]]:
    """:func:`due_soon` with each meeting's title in *lang*, in one read."""
    rows = _unsent_rows(db, today)
    titles = {r.id: r.title(lang) for r in rows}
    items = due_items([r.deadlines() for r in rows], today, days)
    return [(i, titles.get(i.meeting_id, i.title)) for i in items]


@dataclass(frozen=True)
class DecisionHit:
    group_id: int
    group: str
    meeting_id: int
    meeting: str
    number: int
    item_id: int
    section: int
    title: str
    date: dt.date
    decision: str
    minutes: MinutesReview | None = None  # the state of the meeting's minutes
    # Decisions and titles in both languages, casefolded: what a search looks through.
    haystack: str = field(default="", repr=False, compare=False)

    @property
    def review(self) -> MinutesReview:
        return self.minutes or MinutesReview(self.date)


def decision_register(db: Database, lang: str = "fi") -> list[DecisionHit]:
    """Every item with a decision, in Finnish or Swedish, newest first; each decision is
    shown in *lang* when written in it, else in the other (a Swedish-only group's count),
    and each meeting by its name in the Meetings tab (in *lang* if documented in it).

    Plain columns in one query, not ORM objects: a programme's register holds tens of
    thousands of decisions. Search them with :func:`matching_decisions`.
    """
    item = AgendaItem.__table__.c
    query = (
        select(
            item.id.label("item_id"), item.section, item.title_fi, item.title_sv,
            item.decision, item.decision_sv,
            *(Meeting.__table__.c[name] for name in _ROW_COLUMNS),
        )
        .join(Meeting, item.meeting_id == Meeting.id)
        .where(or_(item.decision != "", item.decision_sv != ""))
        .order_by(Meeting.date.desc(), item.section)
    )  # fmt: skip
    with db.read() as session:
        groups = {g.id: g for g in session.scalars(select(Group))}
        rows = session.execute(query).all()
    # Per meeting, not per item: a meeting's title and the checking of its minutes.
    meetings: dict[int, tuple[str, MinutesReview]] = {}
    hits = []
    for row in rows:
        group = groups[row.group_id]
        if row.id not in meetings:
            title_fi, title_sv = meeting_titles(group, row.number)
            memo = group.minutes_style == MinutesStyle.MEMO
            title = title_sv if row.languages.shown_in(lang) == "sv" else title_fi  # as listed
            meetings[row.id] = (title, minutes_review(row, memo))
        title, review = meetings[row.id]
        hits.append(
            DecisionHit(
                group_id=group.id,
                group=group.name(lang),
                meeting_id=row.id,
                meeting=title,
                number=row.number,
                item_id=row.item_id,
                section=row.section,
                title=in_language(row.title_fi, row.title_sv, lang),
                date=row.date,
                decision=in_language(row.decision, row.decision_sv, lang),
                minutes=review,
                haystack="\n".join(
                    (row.decision, row.decision_sv, row.title_fi, row.title_sv)
                ).casefold(),
            )
        )
    return hits


def matching_decisions(hits: Iterable[DecisionHit], text: str) -> list[DecisionHit]:
    """The decisions (or titles), in Finnish or Swedish, holding every word of *text*.

    Casefolded, so "Koulutus" finds "koulutus" and "ÄÄNESTYS" finds "äänestys"
    (SQLite's LIKE folds ASCII only); done in Python on the register read once.
    """
    needles = text.casefold().split()
    return [h for h in hits if all(n in h.haystack for n in needles)]


def search_decisions(db: Database, text: str, lang: str = "fi") -> list[DecisionHit]:
    """:func:`decision_register` narrowed to *text* (:func:`matching_decisions`)."""
    return matching_decisions(decision_register(db, lang), text)
