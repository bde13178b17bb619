"""Import people into a group from a spreadsheet: map columns, preview, commit.

The preview and the import run the same plan: the import re-plans inside its
one transaction, so what is written is exactly what the rules allow then.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from kastedesk.domain.backup_retention import BackupReason
from kastedesk.domain.import_vocabulary import (
    FIELD_BY_KEY,
    FIELDS,
    LANGUAGE_WORDS,
    ROLE_WORDS,
)
from kastedesk.domain.regions import find_region
from kastedesk.domain.registry import LANGUAGE_LABELS, ROLE_LABELS, VOTING_ROLES, Role
from kastedesk.domain.registry_rules import (
    MembershipData,
    MembershipFacts,
    PersonData,
    person_text_errors,
    validate_membership,
    validate_person,
)
from kastedesk.domain.text_limits import one_line
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import parse_date
from kastedesk.i18n import _, translator
from kastedesk.services.table_files import Table
from kastedesk.storage.backup_store import auto_backup
from kastedesk.storage.database import Database
from kastedesk.storage.models.registry import Group, Membership, Person


def _normal(text: str) -> str:
    return re.sub(r"[^\w@.+-]+", " ", text.casefold()).strip()


@functools.cache
def _vocabulary() -> tuple[dict[str, str], dict[str, Role], dict[str, str]]:
    """Header, role and language words, including our own labels in fi, sv and en.

    The labels come from the catalogs, so a file this program exported is
    always read back, whatever words the translations use.
    """
    headers = {_header_key(a): f.key for f in FIELDS for a in f.aliases}
    roles = dict(ROLE_WORDS)
    languages = dict(LANGUAGE_WORDS)
    for lang in ("fi", "sv", "en"):
        gettext = translator(lang).gettext
        for f in FIELDS:
            headers.setdefault(_header_key(gettext(f.label)), f.key)
        for role, label in ROLE_LABELS.items():
            roles.setdefault(_normal(gettext(label)), role)
        for code, label in LANGUAGE_LABELS.items():
            languages.setdefault(gettext(label).casefold(), code)
    return headers, roles, languages


def _header_key(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def guess_mapping(headers: Sequence[str]) -> list[str | None]:
    """For each column, the field its header names (Finnish, Swedish or English), or None."""
    lookup = _vocabulary()[0]
    used: set[str] = set()
    mapping: list[str | None] = []
    for header in headers:
        key = lookup.get(_header_key(header))
        if key in used:
            key = None
        if key:
            used.add(key)
        mapping.append(key)
    return mapping


class RowStatus(StrEnum):
    NEW = "new"  # a new person, added to the group
    MATCHED = "matched"  # a person already in the database, added to the group
    ALREADY = "already"  # already in this group: nothing to do
    REJECTED = "rejected"


@dataclass
class PlannedRow:
    line: int
    person: PersonData
    membership: MembershipData
    status: RowStatus
    reason: str = ""
    person_id: int | None = None


@dataclass
class ImportPlan:
    rows: list[PlannedRow] = field(default_factory=list)
    empty_rows: int = 0

    def count(self, status: RowStatus) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def rejected(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.status == RowStatus.REJECTED]


class _People:
    """Everyone in the database and in the file so far, by email and by name."""

    def __init__(self, s: Session) -> None:
        self.by_email: dict[str, int] = {}
        self.by_name: dict[tuple[str, str, str], int] = {}
        for pid, first, last, org, email in s.execute(
            select(
                Person.id, Person.first_name, Person.last_name, Person.organisation, Person.email
            )
        ):
            self.add(pid, first, last, org, email)

    @staticmethod
    def name_key(first: str, last: str, org: str) -> tuple[str, str, str]:
        return (first.casefold(), last.casefold(), org.casefold())

    def add(self, pid: int, first: str, last: str, org: str, email: str) -> None:
        if email:
            self.by_email.setdefault(email.casefold(), pid)
        self.by_name.setdefault(self.name_key(first, last, org), pid)

    def find(self, p: PersonData) -> int | None:
        if p.email and p.email.casefold() in self.by_email:
            return self.by_email[p.email.casefold()]
        return self.by_name.get(self.name_key(p.first_name, p.last_name, p.organisation))


def _value(row: Sequence[str], mapping: Sequence[str | None], key: str) -> str:
    for index, mapped in enumerate(mapping):
        if mapped == key and index < len(row):
            return row[index].strip()
    return ""


def _parse_row(
    row: Sequence[str], mapping: Sequence[str | None]
) -> tuple[PersonData, MembershipData, str, list[str]]:
    """The person and membership a row describes, its deputy-of text, and problems."""
    problems: list[str] = []

    def get(key: str) -> str:
        return _value(row, mapping, key)

    def shown(key: str) -> str:  # a cell quoted in a message: one short line
        return one_line(get(key), 60)

    region = None
    if text := get("region"):
        found = find_region(text)
        if found is None:
            problems.append(_("unknown region “{value}”").format(value=shown("region")))
        else:
            region = found.code
    _headers, role_words, language_words = _vocabulary()
    language = language_words.get(get("language").casefold())
    if language is None:
        problems.append(_("unknown language “{value}”").format(value=shown("language")))
    role = role_words.get(_normal(get("role")))
    if role is None:
        role = Role.MEMBER
        problems.append(_("unknown role “{value}”").format(value=shown("role")))
    dates: dict[str, dt.date | None] = {}
    for key in ("start_date", "end_date"):
        text = get(key)
        try:
            dates[key] = parse_date(text) if text else None
        except ValueError:
            dates[key] = None
            problems.append(_("“{value}” is not a date (d.m.yyyy)").format(value=shown(key)))
    person = PersonData(
        first_name=get("first_name"),
        last_name=get("last_name"),
        title=get("title"),
        organisation=get("organisation"),
        municipality=get("municipality"),
        region=region,
        email=get("email"),
        phone=get("phone"),
        language=language or "fi",
    ).normalised()
    membership = MembershipData(role, None, dates["start_date"], dates["end_date"])
    return person, membership, get("deputy_of"), problems


def _labelled(errors: dict[str, str], limits: dict[str, str]) -> dict[str, str]:
    """*errors* with the column named where a cell broke a text limit (the report has no
    field beside it to show the message next to)."""
    return {
        key: _("{field}: {problem}").format(field=_(FIELD_BY_KEY[key].label), problem=message)
        if key in limits and key in FIELD_BY_KEY
        else message
        for key, message in errors.items()
    }


def _no_member_named(table: Table, mapping: Sequence[str | None]) -> str:
    """A deputy's row without the member: which column to fill in, as the file heads it."""
    column = next(
        (
            table.headers[index]
            for index, key in enumerate(mapping)
            if key == "deputy_of" and index < len(table.headers)
        ),
        None,
    )
    if column is not None and column.strip():
        return _(
            "a deputy needs the member they stand in for: write the member's name "
            "in the column “{column}”"
        ).format(column=one_line(column, 40))
    return _(
        "a deputy needs the member they stand in for: add a column “{column}” "
        "with the member's name"
    ).format(column=_(FIELD_BY_KEY["deputy_of"].label))


def _member_ref_key(text: str) -> str:
    return " ".join(text.casefold().split())


def plan_import(
    s: Session, group_id: int, table: Table, mapping: Sequence[str | None], apply: bool
) -> ImportPlan:
    """Decide what each row does; with *apply*, also write it (caller commits)."""
    if s.get(Group, group_id) is None:
        raise ValidationError({"": _("There is no group with id {id}.").format(id=group_id)})
    mapped = set(filter(None, mapping))
    missing = [FIELD_BY_KEY[k] for k in ("first_name", "last_name") if k not in mapped]
    if missing:
        raise ValidationError(
            {
                "mapping": _("Choose the column for: {fields}.").format(
                    fields=", ".join(_(f.label) for f in missing)
                )
            }
        )
    twice = [FIELD_BY_KEY[k] for k in mapped if list(mapping).count(k) > 1]
    if twice:
        # Which column would win is anyone's guess: ask rather than drop one silently.
        raise ValidationError(
            {
                "mapping": _("Only one column can be imported as: {fields}.").format(
                    fields=", ".join(_(f.label) for f in twice)
                )
            }
        )
    people = _People(s)
    facts: list[MembershipFacts] = []
    in_group: dict[int, int] = {}  # person id -> an active membership id in this group
    refs: dict[str, int] = {}  # "first last" or email -> voting membership id in the group
    today = dt.date.today()
    query = select(Membership, Person).join(Person).where(Membership.group_id == group_id)
    for m, p in s.execute(query):
        fact = MembershipFacts(m.id, p.id, m.role, m.start_date, m.end_date, p.full_name)
        facts.append(fact)
        if m.is_active(today):
            in_group[p.id] = m.id
        _remember_ref(refs, fact, p.email)

    plan = ImportPlan()
    parsed = []
    for index, (row, line) in enumerate(zip(table.rows, table.lines, strict=True)):
        unreadable = table.problem(index)
        if not unreadable and not any(cell.strip() for cell in row):
            plan.empty_rows += 1
            continue
        person, membership, deputy_text, problems = _parse_row(row, mapping)
        if unreadable:  # what the file says cannot be trusted: reject the row, say why
            problems.insert(0, unreadable)
        parsed.append((line, person, membership, deputy_text, problems))
    # Members before deputies, so a deputy can name a member further down the file.
    parsed.sort(key=lambda item: item[2].role == Role.DEPUTY)
    seen_in_file: dict[tuple[str, str, str] | str, int] = {}
    # New rows get negative ids until the one flush at the end gives them real ones.
    fake_ids = iter(range(-1, -(10**9), -1))
    staged = _Staged()
    for line, person, membership, deputy_text, problems in parsed:
        planned = PlannedRow(line, person, membership, RowStatus.REJECTED)
        plan.rows.append(planned)
        errors = _labelled(validate_person(person), person_text_errors(person))
        keys: list[tuple[str, str, str] | str] = [
            _People.name_key(person.first_name, person.last_name, person.organisation)
        ]
        if person.email:
            keys.append(person.email.casefold())
        earlier = next((seen_in_file[k] for k in keys if k in seen_in_file), None)
        if earlier is not None:
            planned.reason = _("the same person as on row {line}").format(line=earlier)
            continue
        for key in keys:
            seen_in_file[key] = line
        if membership.role == Role.DEPUTY:
            if not deputy_text:
                problems.append(_no_member_named(table, mapping))
            elif (ref := refs.get(_member_ref_key(deputy_text))) is None:
                problems.append(
                    _("“{value}” is not a member of this group").format(
                        value=one_line(deputy_text, 60)
                    )
                )
            else:
                membership.deputy_of_id = ref
        person_id = people.find(person)
        errors.update(validate_membership(membership, facts, person_id))
        messages = problems + [m for k, m in errors.items() if k != "deputy_of" or not problems]
        if messages:
            planned.reason = "; ".join(dict.fromkeys(messages))
            continue
        planned.person_id = person_id
        if person_id is not None and person_id in in_group:
            planned.status = RowStatus.ALREADY
            continue
        planned.status = RowStatus.NEW if person_id is None else RowStatus.MATCHED
        membership_id = next(fake_ids)
        if person_id is None:
            person_id = next(fake_ids)
        if apply:
            _write(s, staged, group_id, planned, person_id, membership_id)
        people.add(
            person_id, person.first_name, person.last_name, person.organisation, person.email
        )
        in_group[person_id] = membership_id
        fact = MembershipFacts(
            membership_id, person_id, membership.role,
            membership.start_date, membership.end_date, person.first_name + " " + person.last_name,
        )  # fmt: skip
        facts.append(fact)
        _remember_ref(refs, fact, person.email)
    if apply:
        staged.flush(s)
    plan.rows.sort(key=lambda r: r.line)
    return plan


def _remember_ref(refs: dict[str, int], fact: MembershipFacts, email: str) -> None:
    if fact.role in VOTING_ROLES:
        refs.setdefault(_member_ref_key(fact.name), fact.id)
        if email:
            refs.setdefault(email.casefold(), fact.id)


@dataclass
class _Staged:
    """Rows to insert, under temporary (negative) ids until :meth:`flush`.

    Bulk INSERTs with RETURNING instead of ORM objects: 10,000 people import
    several times faster.
    """

    # temporary id -> the row's column values, as the bulk INSERT takes them
    people: dict[int, dict[str, Any]] = field(default_factory=dict)
    memberships: dict[int, dict[str, Any]] = field(default_factory=dict)
    rows: list[PlannedRow] = field(default_factory=list)

    def flush(self, s: Session) -> None:
        ids: dict[int, int] = {}
        self._insert(s, Person, self.people, ids)
        for values in self.memberships.values():
            values["person_id"] = ids.get(values["person_id"], values["person_id"])
        # Members first, then the deputies who refer to them.
        members = {k: v for k, v in self.memberships.items() if (v["deputy_of_id"] or 0) >= 0}
        self._insert(s, Membership, members, ids)
        deputies = {k: v for k, v in self.memberships.items() if k not in members}
        for values in deputies.values():
            values["deputy_of_id"] = ids[values["deputy_of_id"]]
        self._insert(s, Membership, deputies, ids)
        for row in self.rows:
            if row.person_id is not None:  # a temporary id becomes the real one
                row.person_id = ids.get(row.person_id, row.person_id)
            deputy_of = row.membership.deputy_of_id
            if deputy_of is not None:
                row.membership.deputy_of_id = ids.get(deputy_of, deputy_of)

    @staticmethod
    def _insert(
        s: Session,
        model: type[Person] | type[Membership],
        rows: dict[int, dict[str, Any]],
        ids: dict[int, int],
    ) -> None:
        if not rows:
            return
        statement = insert(model).returning(model.id, sort_by_parameter_order=True)
        new_ids = s.scalars(statement, list(rows.values())).all()
        ids.update(zip(rows, new_ids, strict=True))


def _write(
    s: Session,
    staged: _Staged,
    group_id: int,
    planned: PlannedRow,
    person_id: int,
    membership_id: int,
) -> None:
    """Stage one good row for :meth:`_Staged.flush`."""
    m = planned.membership
    if person_id < 0:
        staged.people[person_id] = dict(vars(planned.person))
    staged.memberships[membership_id] = {
        "person_id": person_id,
        "group_id": group_id,
        "role": m.role,
        "deputy_of_id": m.deputy_of_id,
        "start_date": m.start_date,
        "end_date": m.end_date,
    }
    planned.person_id = person_id
    staged.rows.append(planned)


def preview_import(
    db: Database, group_id: int, table: Table, mapping: Sequence[str | None]
) -> ImportPlan:
    """What :func:`run_import` would do; writes nothing."""
    with db.read() as s:
        return plan_import(s, group_id, table, mapping, apply=False)


def run_import(
    db: Database,
    group_id: int,
    table: Table,
    mapping: Sequence[str | None],
) -> ImportPlan:
    """Import every good row in one transaction; return what happened to each.

    The database is backed up first (see :func:`auto_backup`).
    """
    auto_backup(db, BackupReason.IMPORT)
    with db.session() as s:
        return plan_import(s, group_id, table, mapping, apply=True)


def report_lines(plan: ImportPlan) -> list[str]:
    """The import report as sentences in the current language."""
    lines = [
        _(
            "Added {added}, matched {matched}, already in the group {already}, rejected {rejected}."
        ).format(
            added=plan.count(RowStatus.NEW),
            matched=plan.count(RowStatus.MATCHED),
            already=plan.count(RowStatus.ALREADY),
            rejected=plan.count(RowStatus.REJECTED),
        )
    ]
    if plan.empty_rows:
        lines.append(_("Empty rows skipped: {count}.").format(count=plan.empty_rows))
    for row in plan.rejected:
        lines.append(_("Row {line}: {reason}").format(line=row.line, reason=row.reason))
    return lines
