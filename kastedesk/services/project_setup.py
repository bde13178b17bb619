"""Start my project: a project, its steering group and its officers in one transaction.

The first-run assistant collects everything first and calls
:func:`create_project_setup` once: the project, the regions taking part, the
group, the chair, vice-chair, secretary and presenter and, optionally, a member
list are written together or not at all. The same rules as the Members tab
apply (``registry.save_*_in``, ``member_import.plan_import``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from kastedesk.domain.registry import Role
from kastedesk.domain.registry_rules import (
    GroupData,
    MembershipData,
    PersonData,
    ProjectData,
    validate_group,
    validate_person,
    validate_project,
)
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import N_, _
from kastedesk.services import evaluation, member_import, registry
from kastedesk.services.member_import import ImportPlan
from kastedesk.services.table_files import Table
from kastedesk.storage.database import Database

# The officers the assistant asks for, in its order; the first two are needed.
OFFICER_ROLES: tuple[Role, ...] = (Role.CHAIR, Role.VICE_CHAIR, Role.SECRETARY, Role.PRESENTER)
REQUIRED_OFFICERS = frozenset({Role.CHAIR, Role.SECRETARY})
NAME_NEEDED = {  # one sentence per role: Finnish and Swedish inflect the role
    Role.CHAIR: N_("Enter the chair's name."),
    Role.SECRETARY: N_("Enter the secretary's name."),
}


@dataclass
class MemberList:
    """A member list to import into the new group, with its columns chosen."""

    table: Table
    mapping: list[str | None]
    name: str = ""  # the file's name, for messages


@dataclass
class ProjectSetup:
    project: ProjectData
    group: GroupData
    regions: list[str] = field(default_factory=list)  # domain.regions codes, in order
    officers: dict[Role, PersonData] = field(default_factory=dict)
    members: MemberList | None = None


@dataclass(frozen=True)
class SetupResult:
    project_id: int
    group_id: int
    imported: ImportPlan | None


class _DryRun(Exception):
    """Raised inside the transaction of a preview so that nothing stays written."""

    def __init__(self, plan: ImportPlan | None) -> None:
        super().__init__()
        self.plan = plan


def officer_blank(person: PersonData | None) -> bool:
    """Nothing typed for this officer."""
    return person is None or not (person.first_name.strip() or person.last_name.strip())


def officer_errors(role: Role, person: PersonData | None) -> dict[str, str]:
    """Messages for one officer's fields ({} when fine); a needed one must have a name."""
    if officer_blank(person):
        if role in REQUIRED_OFFICERS:
            return {"first_name": _(NAME_NEEDED[role])}
        return {}
    assert person is not None
    return validate_person(person)


def validate_setup(setup: ProjectSetup) -> dict[str, str]:
    """Every problem, keyed "project.FIELD", "regions", "group.FIELD" or "ROLE.FIELD"."""
    errors = {f"project.{k}": v for k, v in validate_project(setup.project).items()}
    errors.update(evaluation.regions_error(setup.regions))
    errors.update({f"group.{k}": v for k, v in validate_group(setup.group).items()})
    for role in OFFICER_ROLES:
        problems = officer_errors(role, setup.officers.get(role))
        errors.update({f"{role.value}.{k}": v for k, v in problems.items()})
    return errors


def _same_person(a: PersonData, b: PersonData) -> bool:
    a, b = a.normalised(), b.normalised()
    same_name = (a.first_name.casefold(), a.last_name.casefold()) == (
        b.first_name.casefold(),
        b.last_name.casefold(),
    )
    return same_name and (not a.email or not b.email or a.email == b.email)


def _create_in(s: Session, setup: ProjectSetup) -> SetupResult:
    project_id = registry.save_project_in(s, setup.project)
    if setup.regions:
        evaluation.set_regions_in(s, project_id, setup.regions)
    group_id = registry.save_group_in(s, setup.group, project_id)
    added: list[tuple[PersonData, int]] = []  # person and their id, for one person in two roles
    for role in OFFICER_ROLES:
        person = setup.officers.get(role)
        if officer_blank(person):
            continue
        assert person is not None
        person_id = next((pid for p, pid in added if _same_person(p, person)), None)
        membership_id = registry.add_member_in(s, group_id, person, MembershipData(role), person_id)
        if person_id is None:
            added.append((person, _person_of(s, membership_id)))
    plan = None
    if setup.members is not None:
        plan = member_import.plan_import(
            s, group_id, setup.members.table, setup.members.mapping, apply=True
        )
    return SetupResult(project_id, group_id, plan)


def _person_of(s: Session, membership_id: int) -> int:
    from kastedesk.storage.models.registry import Membership

    membership = s.get(Membership, membership_id)
    assert membership is not None
    return membership.person_id


def _checked(setup: ProjectSetup) -> None:
    if errors := validate_setup(setup):
        raise ValidationError(errors)


def create_project_setup(db: Database, setup: ProjectSetup) -> SetupResult:
    """Write the whole setup in one transaction; ValidationError (keyed as
    :func:`validate_setup`) and nothing written when any part is refused."""
    _checked(setup)
    with db.session() as s:
        return _create_in(s, setup)


def preview_members(db: Database, setup: ProjectSetup) -> ImportPlan | None:
    """What the member list would add to the new group; nothing is kept."""
    _checked(setup)
    try:
        with db.session() as s:
            raise _DryRun(_create_in(s, setup).imported)  # rolls the transaction back
    except _DryRun as dry:
        return dry.plan


def mapping_for(headers: Sequence[str]) -> list[str | None]:
    """The columns of a member list, guessed from its headers (fi, sv or en)."""
    return member_import.guess_mapping(headers)
