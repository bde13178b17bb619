"""Projects, groups, people and memberships: what the Members tab and the CLI do.

Each function is one short session: reads return plain rows, writes validate
with ``domain.registry_rules`` and run in one transaction, raising
``ValidationError`` with messages keyed by field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from kastedesk.domain.bilingual import in_language
from kastedesk.domain.registry import DocLanguages, GroupKind, MinutesStyle, QuorumRule, Role
from kastedesk.domain.registry_rules import (
    GroupData,
    MembershipData,
    MembershipFacts,
    PersonData,
    ProjectData,
    relevant_memberships,
    validate_group,
    validate_membership,
    validate_person,
    validate_project,
)
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.storage.database import Database
from kastedesk.storage.models.registry import Group, Membership, Person, Project
from kastedesk.storage.versions import check_version

_Model = TypeVar("_Model")


@dataclass(frozen=True)
class ProjectRow:
    id: int
    name_fi: str
    name_sv: str
    short_name: str
    start_date: dt.date | None
    end_date: dt.date | None
    organisation: str
    row_version: int = 1

    def name(self, lang: str) -> str:
        return in_language(self.name_fi, self.name_sv, lang)

    def label(self, lang: str) -> str:
        """For choosers: "LasSe – Lastensuojelutarpeen …" (the short name first, once)."""
        name = self.name(lang)
        return f"{self.short_name} – {name}" if self.short_name not in name else name


@dataclass(frozen=True)
class GroupRow:
    id: int
    project_id: int
    project: str  # the project's short name, else its Finnish name
    name_fi: str
    name_sv: str
    kind: GroupKind
    quorum_rule: QuorumRule
    quorum_min: int | None
    chair_or_vice_required: bool
    agenda_lead_days: int
    attachments_lead_days: int
    languages: DocLanguages
    minutes_style: MinutesStyle
    row_version: int = 1

    def name(self, lang: str) -> str:
        return in_language(self.name_fi, self.name_sv, lang)


class MemberRow(NamedTuple):
    """One membership with its person, as the members table shows it.

    A named tuple: a group of 10,000 people is 10,000 of these, and a tuple is made
    several times faster than a frozen dataclass."""

    membership_id: int
    person_id: int
    group_id: int
    first_name: str
    last_name: str
    title: str
    organisation: str
    municipality: str
    region: str | None
    email: str
    phone: str
    language: str
    role: Role
    deputy_of_id: int | None
    deputy_of_name: str
    start_date: dt.date | None
    end_date: dt.date | None
    person_version: int = 1
    membership_version: int = 1

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def versions(self) -> tuple[int, int]:
        """What a save of this row starts from: (person, membership) row versions."""
        return (self.person_version, self.membership_version)

    def is_active(self, on: dt.date) -> bool:
        started = self.start_date is None or self.start_date <= on
        return started and (self.end_date is None or self.end_date >= on)

    def person_data(self) -> PersonData:
        names = {f.name for f in fields(PersonData)}
        return PersonData(**{n: getattr(self, n) for n in names})

    def membership_data(self) -> MembershipData:
        return MembershipData(self.role, self.deputy_of_id, self.start_date, self.end_date)


# --- reading -------------------------------------------------------------------------


def list_projects(db: Database) -> list[ProjectRow]:
    with db.read() as s:
        projects = s.scalars(select(Project).order_by(Project.name_fi, Project.id))
        return [_project_row(p) for p in projects]


def _project_row(p: Project) -> ProjectRow:
    return ProjectRow(
        p.id,
        p.name_fi,
        p.name_sv,
        p.short_name,
        p.start_date,
        p.end_date,
        p.organisation,
        row_version=p.row_version,
    )


def list_groups(db: Database, project_id: int | None = None) -> list[GroupRow]:
    with db.read() as s:
        query = select(Group, Project).join(Project).order_by(Project.name_fi, Group.name_fi)
        if project_id is not None:
            query = query.where(Group.project_id == project_id)
        return [_group_row(g, p) for g, p in s.execute(query)]


def _group_row(g: Group, p: Project) -> GroupRow:
    return GroupRow(
        id=g.id,
        project_id=g.project_id,
        project=p.short_name or p.name_fi,
        name_fi=g.name_fi,
        name_sv=g.name_sv,
        kind=g.kind,
        quorum_rule=g.quorum_rule,
        quorum_min=g.quorum_min,
        chair_or_vice_required=g.chair_or_vice_required,
        agenda_lead_days=g.agenda_lead_days,
        attachments_lead_days=g.attachments_lead_days,
        languages=g.languages,
        minutes_style=g.minutes_style,
        row_version=g.row_version,
    )


def get_group(db: Database, group_id: int) -> GroupRow:
    with db.read() as s:
        row = s.execute(select(Group, Project).join(Project).where(Group.id == group_id)).first()
        if row is None:
            raise ValidationError({"": _("There is no group with id {id}.").format(id=group_id)})
        return _group_row(row.Group, row.Project)


def member_rows(db: Database, group_id: int | None = None) -> list[MemberRow]:
    """Memberships with their people, ordered by last and first name."""
    deputy_of = aliased(Membership)
    member = aliased(Person)
    deputy_name = func.coalesce(member.first_name + " " + member.last_name, "")
    source = {
        "membership_id": Membership.id,
        "person_id": Person.id,
        "group_id": Membership.group_id,
        "first_name": Person.first_name,
        "last_name": Person.last_name,
        "title": Person.title,
        "organisation": Person.organisation,
        "municipality": Person.municipality,
        "region": Person.region,
        "email": Person.email,
        "phone": Person.phone,
        "language": Person.language,
        "role": Membership.role,
        "deputy_of_id": Membership.deputy_of_id,
        "deputy_of_name": deputy_name,
        "start_date": Membership.start_date,
        "end_date": Membership.end_date,
        "person_version": Person.row_version,
        "membership_version": Membership.row_version,
    }
    # Selected by MemberRow's own field names, in its order: each row becomes one by name.
    query: Select[*tuple[Any, ...]] = (  # columns chosen by name at run time
        select(*(source[name].label(name) for name in MemberRow._fields))
        .join(Person, Membership.person_id == Person.id)
        .outerjoin(deputy_of, Membership.deputy_of_id == deputy_of.id)
        .outerjoin(member, deputy_of.person_id == member.id)
        .order_by(Person.last_name, Person.first_name, Membership.id)
    )
    if group_id is not None:
        query = query.where(Membership.group_id == group_id)
    with db.read() as s:
        rows = s.connection().execute(query).all()  # plain columns: no ORM result needed
    # The columns are MemberRow's fields by name and in order (the role read as a Role):
    # _make builds each row straight from them, several times faster than by keyword.
    return [MemberRow._make(row) for row in rows]


def count_projects(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count(Project.id))) or 0


# --- projects and groups ---------------------------------------------------------------


def save_project(
    db: Database,
    data: ProjectData,
    project_id: int | None = None,
    expected_version: int | None = None,
) -> int:
    """Add a project, or change one that is still at *expected_version* (None: overwrite)."""
    if errors := validate_project(data):
        raise ValidationError(errors)
    with db.session() as s:
        return save_project_in(s, data, project_id, expected_version)


def save_project_in(
    s: Session,
    data: ProjectData,
    project_id: int | None = None,
    expected_version: int | None = None,
) -> int:
    """:func:`save_project` inside the caller's transaction (the first-run assistant)."""
    if errors := validate_project(data):
        raise ValidationError(errors)
    if project_id is None:
        project = Project()
    else:
        project = _get(s, Project, project_id)
        check_version(project, expected_version, project.name_fi)
    project.name_fi = data.name_fi.strip()
    project.name_sv = data.name_sv.strip()
    project.short_name = data.short_name.strip()
    project.start_date = data.start_date
    project.end_date = data.end_date
    project.organisation = data.organisation.strip()
    s.add(project)
    s.flush()
    return project.id


def save_group(
    db: Database,
    data: GroupData,
    project_id: int,
    group_id: int | None = None,
    expected_version: int | None = None,
) -> int:
    """Add a group, or change one that is still at *expected_version* (None: overwrite)."""
    if errors := validate_group(data):
        raise ValidationError(errors)
    with db.session() as s:
        return save_group_in(s, data, project_id, group_id, expected_version)


def save_group_in(
    s: Session,
    data: GroupData,
    project_id: int,
    group_id: int | None = None,
    expected_version: int | None = None,
) -> int:
    """:func:`save_group` inside the caller's transaction (the first-run assistant)."""
    if errors := validate_group(data):
        raise ValidationError(errors)
    _get(s, Project, project_id)
    if group_id is None:
        group = Group()
    else:
        group = _get(s, Group, group_id)
        check_version(group, expected_version, group.name_fi)
    group.project_id = project_id
    group.name_fi = data.name_fi.strip()
    group.name_sv = data.name_sv.strip()
    group.kind = data.kind
    group.quorum_rule = data.quorum_rule
    group.quorum_min = data.quorum_min if data.quorum_rule == QuorumRule.FIXED else None
    group.chair_or_vice_required = data.chair_or_vice_required
    group.agenda_lead_days = data.agenda_lead_days
    group.attachments_lead_days = data.attachments_lead_days
    group.languages = data.languages
    group.minutes_style = data.minutes_style
    s.add(group)
    s.flush()
    return group.id


def group_data(row: GroupRow) -> GroupData:
    return GroupData(
        row.name_fi,
        row.name_sv,
        row.kind,
        row.quorum_rule,
        row.quorum_min,
        row.chair_or_vice_required,
        row.agenda_lead_days,
        row.attachments_lead_days,
        row.languages,
        row.minutes_style,
    )


def project_data(row: ProjectRow) -> ProjectData:
    return ProjectData(
        row.name_fi, row.name_sv, row.short_name, row.start_date, row.end_date, row.organisation
    )


# --- people and memberships --------------------------------------------------------------


def _get(s: Session, model: type[_Model], key: int) -> _Model:
    obj = s.get(model, key)
    if obj is None:
        raise ValidationError({"": _("The record was removed meanwhile (id {id}).").format(id=key)})
    return obj


def membership_facts(
    s: Session,
    group_id: int,
    exclude: int | None = None,
    for_checking: MembershipData | None = None,
) -> list[MembershipFacts]:
    """The group's other memberships; with *for_checking*, only those the rules compare it
    with (adding one person costs the same in a group of 6 or of 10,000)."""
    query = select(Membership, Person).join(Person).where(Membership.group_id == group_id)
    if for_checking is not None:
        relevant = relevant_memberships(for_checking)
        if relevant.none:
            return []
        wanted: list[ColumnElement[bool]] = []
        if relevant.roles:
            wanted.append(Membership.role.in_([r.value for r in relevant.roles]))
        if relevant.membership_id is not None:
            wanted.append(Membership.id == relevant.membership_id)
        query = query.where(or_(*wanted))
    return [
        MembershipFacts(m.id, m.person_id, m.role, m.start_date, m.end_date, p.full_name)
        for m, p in s.execute(query)
        if m.id != exclude
    ]


def _apply_person(person: Person, data: PersonData) -> None:
    data = data.normalised()
    for f in fields(PersonData):
        setattr(person, f.name, getattr(data, f.name))


def _insert_person(s: Session, data: PersonData) -> Person:
    row = Person()
    _apply_person(row, data)
    s.add(row)
    s.flush()
    return row


def create_person_in(s: Session, data: PersonData) -> int:
    """A new person outside any group, inside the caller's transaction (bundle imports):
    validated as the Members tab validates one (``ValidationError`` by field)."""
    if errors := validate_person(data):
        raise ValidationError(errors)
    return _insert_person(s, data).id


def _check(
    s: Session,
    group_id: int,
    person: PersonData,
    membership: MembershipData,
    person_id: int | None,
    exclude: int | None,
) -> None:
    errors = validate_person(person)
    errors.update(
        validate_membership(
            membership, membership_facts(s, group_id, exclude, membership), person_id
        )
    )
    if errors:
        raise ValidationError(errors)


def add_member(
    db: Database,
    group_id: int,
    person: PersonData,
    membership: MembershipData,
    person_id: int | None = None,
) -> int:
    """Add a membership, for a new person or (with *person_id*) an existing one."""
    with db.session() as s:
        return add_member_in(s, group_id, person, membership, person_id)


def add_member_in(
    s: Session,
    group_id: int,
    person: PersonData,
    membership: MembershipData,
    person_id: int | None = None,
) -> int:
    """:func:`add_member` inside the caller's transaction (imports, demo data)."""
    _get(s, Group, group_id)
    _check(s, group_id, person, membership, person_id, None)
    if person_id is None:
        row = _insert_person(s, person)
    else:
        row = _get(s, Person, person_id)
        _apply_person(row, person)
    m = Membership(
        person_id=row.id,
        group_id=group_id,
        role=membership.role,
        deputy_of_id=membership.deputy_of_id,
        start_date=membership.start_date,
        end_date=membership.end_date,
    )
    s.add(m)
    s.flush()
    return m.id


def update_member(
    db: Database,
    membership_id: int,
    person: PersonData,
    membership: MembershipData,
    expected: tuple[int, int] | None = None,
) -> None:
    """Change a person (in every group they sit in) and this one membership.

    *expected* is the (person, membership) versions the user started from; None
    saves over whatever is stored.
    """
    with db.session() as s:
        m = _get(s, Membership, membership_id)
        if expected is not None:
            check_version(m.person, expected[0], m.person.full_name)
            check_version(m, expected[1], m.person.full_name)
        _check(s, m.group_id, person, membership, m.person_id, m.id)
        _apply_person(m.person, person)
        m.role = membership.role
        m.deputy_of_id = membership.deputy_of_id
        m.start_date = membership.start_date
        m.end_date = membership.end_date


def end_membership(db: Database, membership_id: int, end: dt.date) -> None:
    with db.session() as s:
        m = _get(s, Membership, membership_id)
        if m.start_date and end < m.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})
        m.end_date = end


def remove_membership(db: Database, membership_id: int) -> bool:
    """Take a person out of a group entirely, for entries made by mistake.

    The person is deleted too when they sit in no other group and nothing else
    refers to them. Returns whether the person was deleted.
    """
    with db.session() as s:
        m = _get(s, Membership, membership_id)
        person = m.person
        s.delete(m)
        s.flush()
        others = s.scalar(
            select(func.count(Membership.id)).where(Membership.person_id == person.id)
        )
        if others:
            return False
        try:
            with s.begin_nested():
                s.delete(person)
                s.flush()
        except IntegrityError:
            return False  # still named elsewhere (meetings, workshops): keep the person
        return True


def people_outside_group(db: Database, group_id: int) -> list[tuple[int, PersonData]]:
    """Everyone not active in *group_id*, to add an existing person to it."""
    today = dt.date.today()
    with db.read() as s:
        inside = {
            m.person_id
            for m in s.scalars(select(Membership).where(Membership.group_id == group_id))
            if m.is_active(today)
        }
        people = s.scalars(select(Person).order_by(Person.last_name, Person.first_name))
        return [
            (p.id, PersonData(**{f.name: getattr(p, f.name) for f in fields(PersonData)}))
            for p in people
            if p.id not in inside
        ]
