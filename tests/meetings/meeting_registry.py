"""A small steering group to hold meetings: 12 voting seats, quorum 8, chair or vice required."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kastedesk.domain.registry import DocLanguages, QuorumRule, Role
from kastedesk.storage.models.registry import Group, Membership, Person, Project


@dataclass
class Registry:
    project_id: int
    group_id: int
    other_group_id: int
    people: dict[str, int]  # key -> person id
    memberships: dict[str, int]  # key -> membership id


ROLES = [
    ("chair", Role.CHAIR),
    ("vice", Role.VICE_CHAIR),
    *[(f"m{i}", Role.MEMBER) for i in range(1, 11)],
    ("deputy1", Role.DEPUTY),
    ("secretary", Role.SECRETARY),
    ("presenter", Role.PRESENTER),
    ("expert", Role.EXPERT),
    ("info", Role.FOR_INFORMATION),
]


def build_registry(session, languages: DocLanguages = DocLanguages.FI_SV) -> Registry:
    project = Project(name_fi="Testihanke", name_sv="Testprojekt", short_name="TeHa")
    group = Group(
        project=project,
        name_fi="Ohjausryhmä",
        name_sv="Styrgrupp",
        quorum_rule=QuorumRule.FIXED.value,
        quorum_min=8,
        chair_or_vice_required=True,
        agenda_lead_days=14,
        attachments_lead_days=7,
        languages=languages.value,
    )
    other = Group(project=project, name_fi="Kehittäjäryhmä", name_sv="Utvecklingsgruppen")
    session.add_all([project, group, other])
    people: dict[str, Person] = {}
    memberships: dict[str, Membership] = {}
    for key, role in ROLES:
        person = Person(first_name=key.capitalize(), last_name="Testinen")
        people[key] = person
        membership = Membership(person=person, group=group, role=role.value)
        memberships[key] = membership
        session.add_all([person, membership])
    memberships["deputy1"].deputy_of = memberships["m1"]
    session.flush()
    return Registry(
        project.id,
        group.id,
        other.id,
        {k: p.id for k, p in people.items()},
        {k: m.id for k, m in memberships.items()},
    )


TODAY = dt.date(2026, 11, 23)
