"""What makes a project, group, person and membership valid.

Plain dataclasses come in from dialogs, the CLI and imports; each ``validate_*``
returns ``{field: message}`` (empty when valid) so the caller can show every
message next to its field at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from kastedesk.domain import text_limits as T
from kastedesk.domain.regions import REGION_BY_CODE
from kastedesk.domain.registry import (
    LANGUAGE_CODES,
    ROLE_LABELS,
    SINGLE_HOLDER_ROLES,
    VOTING_ROLES,
    DocLanguages,
    GroupKind,
    MinutesStyle,
    QuorumRule,
    Role,
)
from kastedesk.i18n import _

# Deliberately simple: one @, a dot in the domain, no spaces. Mail servers decide the rest.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
# Digits with the separators people type: +358 40 123 4567, (09) 123-456.
_PHONE = re.compile(r"^\+?[0-9 ()\-/]+$")


@dataclass
class ProjectData:
    name_fi: str
    name_sv: str = ""
    short_name: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    organisation: str = ""


@dataclass
class GroupData:
    name_fi: str
    name_sv: str = ""
    kind: GroupKind = GroupKind.STEERING
    quorum_rule: QuorumRule = QuorumRule.MAJORITY
    quorum_min: int | None = None
    chair_or_vice_required: bool = True
    agenda_lead_days: int = 14
    attachments_lead_days: int = 7
    languages: DocLanguages = DocLanguages.FI
    minutes_style: MinutesStyle = MinutesStyle.FORMAL


@dataclass
class PersonData:
    first_name: str
    last_name: str
    title: str = ""
    organisation: str = ""
    municipality: str = ""
    region: str | None = None  # regions.REGIONS code
    email: str = ""
    phone: str = ""
    language: str = "fi"

    def normalised(self) -> PersonData:
        """Surrounding spaces trimmed, email lower-cased, empty region as None."""
        return PersonData(
            first_name=self.first_name.strip(),
            last_name=self.last_name.strip(),
            title=self.title.strip(),
            organisation=self.organisation.strip(),
            municipality=self.municipality.strip(),
            region=(self.region or "").strip() or None,
            email=self.email.strip().lower(),
            phone=" ".join(self.phone.split()),
            language=self.language,
        )


@dataclass
class MembershipData:
    role: Role = Role.MEMBER
    deputy_of_id: int | None = None  # the membership a personal deputy stands in for
    start_date: dt.date | None = None
    end_date: dt.date | None = None


@dataclass(frozen=True)
class MembershipFacts:
    """Another membership of the same group, as the rules need to see it."""

    id: int
    person_id: int
    role: Role
    start_date: dt.date | None
    end_date: dt.date | None
    name: str = ""


def _overlaps(
    a_start: dt.date | None,
    a_end: dt.date | None,
    b_start: dt.date | None,
    b_end: dt.date | None,
) -> bool:
    start_a = a_start or dt.date.min
    end_a = a_end or dt.date.max
    start_b = b_start or dt.date.min
    end_b = b_end or dt.date.max
    return start_a <= end_b and start_b <= end_a


def _date_order(start: dt.date | None, end: dt.date | None, errors: dict[str, str]) -> None:
    if start and end and end < start:
        errors["end_date"] = _("The end date is before the start date.")


def validate_project(data: ProjectData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.name_fi.strip():
        errors["name_fi"] = _("Enter the project's name in Finnish.")
    _date_order(data.start_date, data.end_date, errors)
    limits = T.text_errors(
        [
            ("name_fi", data.name_fi, T.NAME, False),
            ("name_sv", data.name_sv, T.NAME, False),
            ("short_name", data.short_name, T.SHORT_NAME, False),
            ("organisation", data.organisation, T.ORGANISATION, False),
        ]
    )
    return {**errors, **limits}


def validate_group(data: GroupData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.name_fi.strip():
        errors["name_fi"] = _("Enter the group's name in Finnish.")
    if DocLanguages(data.languages) != DocLanguages.FI and not data.name_sv.strip():
        errors["name_sv"] = _("Documents in Swedish need the group's name in Swedish.")
    if data.quorum_rule == QuorumRule.FIXED and (data.quorum_min is None or data.quorum_min < 1):
        errors["quorum_min"] = _("Enter how many voting members make a quorum (at least 1).")
    for field in ("agenda_lead_days", "attachments_lead_days"):
        if not 0 <= getattr(data, field) <= 90:
            errors[field] = _("Enter a number of days from 0 to 90.")
    if (
        "agenda_lead_days" not in errors
        and "attachments_lead_days" not in errors
        and data.attachments_lead_days > data.agenda_lead_days
    ):
        errors["attachments_lead_days"] = _(
            "Attachments cannot be due before the agenda: use at most {days} days."
        ).format(days=data.agenda_lead_days)
    if "quorum_min" not in errors and (message := T.count_problem(data.quorum_min, 1_000)):
        errors["quorum_min"] = message
    limits = T.text_errors(
        [("name_fi", data.name_fi, T.NAME, False), ("name_sv", data.name_sv, T.NAME, False)]
    )
    return {**errors, **limits}


def email_error(email: str) -> str:
    if email and not _EMAIL.match(email):
        return _("This is not an email address (for example: name@example.fi).")
    return ""


def phone_error(phone: str) -> str:
    if not phone:
        return ""
    digits = sum(c.isdigit() for c in phone)
    if not _PHONE.match(phone) or not 5 <= digits <= 15:
        return _("Use digits, spaces and an optional + (for example: +358 40 123 4567).")
    return ""


def validate_person(data: PersonData) -> dict[str, str]:
    data = data.normalised()
    errors: dict[str, str] = {}
    if not data.first_name:
        errors["first_name"] = _("Enter the first name.")
    if not data.last_name:
        errors["last_name"] = _("Enter the last name.")
    if message := email_error(data.email):
        errors["email"] = message
    if message := phone_error(data.phone):
        errors["phone"] = message
    if data.region is not None and data.region not in REGION_BY_CODE:
        errors["region"] = _("Choose one of the regions.")
    if data.language not in LANGUAGE_CODES:
        errors["language"] = _("Choose Finnish or Swedish.")
    return {**errors, **person_text_errors(data)}


def person_text_errors(data: PersonData) -> dict[str, str]:
    """Control characters and lengths of a person's text fields (see text_limits)."""
    data = data.normalised()
    return T.text_errors(
        [
            ("first_name", data.first_name, T.PERSON_NAME, False),
            ("last_name", data.last_name, T.PERSON_NAME, False),
            ("title", data.title, T.PERSON_TITLE, False),
            ("organisation", data.organisation, T.ORGANISATION, False),
            ("municipality", data.municipality, T.MUNICIPALITY, False),
            ("email", data.email, T.EMAIL, False),
            ("phone", data.phone, T.PHONE, False),
        ]
    )


@dataclass(frozen=True)
class RelevantMemberships:
    """Which other memberships :func:`validate_membership` compares *data* with, so a
    caller need not read a whole group of thousands to add one person."""

    roles: frozenset[Role]  # memberships holding these roles
    membership_id: int | None  # and this one (the member a deputy stands in for)

    @property
    def none(self) -> bool:
        return not self.roles and self.membership_id is None


def relevant_memberships(data: MembershipData) -> RelevantMemberships:
    role = Role(data.role)
    roles = frozenset({role}) if role in SINGLE_HOLDER_ROLES else frozenset()
    return RelevantMemberships(roles, data.deputy_of_id if role == Role.DEPUTY else None)


def validate_membership(
    data: MembershipData,
    others: Iterable[MembershipFacts],
    person_id: int | None = None,
) -> dict[str, str]:
    """Check *data* against the group's *other* memberships (not including itself);
    those :func:`relevant_memberships` names are enough.

    At most one chair and one vice-chair at a time; a personal deputy stands in
    for a voting member of the same group whose membership overlaps in time.
    """
    errors: dict[str, str] = {}
    _date_order(data.start_date, data.end_date, errors)
    others = list(others)
    role = Role(data.role)
    if role in SINGLE_HOLDER_ROLES:
        for other in others:
            if other.role == role and _overlaps(
                data.start_date, data.end_date, other.start_date, other.end_date
            ):
                errors["role"] = _(
                    "The group already has a {role}: {name}. End that membership first."
                ).format(role=_(ROLE_LABELS[role]), name=other.name)
                break
    if role == Role.DEPUTY:
        target = next((o for o in others if o.id == data.deputy_of_id), None)
        if data.deputy_of_id is None:
            errors["deputy_of"] = _("Choose the member this person is the deputy of.")
        elif target is None:
            errors["deputy_of"] = _("The member must belong to the same group.")
        elif target.role not in VOTING_ROLES:
            errors["deputy_of"] = _("A deputy stands in for a voting member.")
        elif person_id is not None and target.person_id == person_id:
            errors["deputy_of"] = _("A person cannot be their own deputy.")
        elif not _overlaps(data.start_date, data.end_date, target.start_date, target.end_date):
            errors["deputy_of"] = _("That membership has ended.")
    elif data.deputy_of_id is not None:
        errors["deputy_of"] = _("Only a personal deputy stands in for a member.")
    return errors
