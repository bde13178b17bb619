"""Registry writes: one transaction each, validation keyed by field."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from kastedesk.domain.registry import QuorumRule, Role
from kastedesk.domain.registry_rules import GroupData, MembershipData, PersonData, ProjectData
from kastedesk.domain.validation import ValidationError
from kastedesk.services import registry
from kastedesk.storage.database import Database
from kastedesk.storage.models.registry import Membership, Person


@pytest.fixture
def group_id(db: Database) -> int:
    project = registry.save_project(db, ProjectData("LasSe", "LasSe", "LasSe"))
    return registry.save_group(
        db,
        GroupData("Ohjausryhmä", "Styrgrupp", quorum_rule=QuorumRule.FIXED, quorum_min=8),
        project,
    )


def _count(db: Database, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_projects_and_groups_round_trip(db: Database, group_id: int) -> None:
    [group] = registry.list_groups(db)
    assert (group.id, group.name_fi, group.quorum_min, group.agenda_lead_days) == (
        group_id, "Ohjausryhmä", 8, 14,
    )  # fmt: skip
    data = registry.group_data(group)
    data.quorum_rule = QuorumRule.MAJORITY
    registry.save_group(db, data, group.project_id, group.id)
    assert registry.get_group(db, group_id).quorum_min is None  # only kept for a fixed rule
    with pytest.raises(ValidationError) as err:
        registry.save_group(db, GroupData(""), group.project_id, group.id)
    assert set(err.value.errors) == {"name_fi"}
    assert registry.get_group(db, group_id).name_fi == "Ohjausryhmä"


def test_add_edit_end_and_remove(db: Database, group_id: int) -> None:
    chair = registry.add_member(
        db, group_id, PersonData("Anneli", "Virtanen"), MembershipData(Role.CHAIR)
    )
    member = registry.add_member(
        db, group_id, PersonData("Sari", "Mäkinen", email="Sari@Lahti.example"), MembershipData()
    )
    deputy = registry.add_member(
        db, group_id, PersonData("Outi", "Lahtinen"), MembershipData(Role.DEPUTY, member)
    )
    rows = {r.membership_id: r for r in registry.member_rows(db, group_id)}
    assert rows[deputy].deputy_of_name == "Sari Mäkinen"
    assert rows[member].email == "sari@lahti.example"

    # A second chair is refused and nothing is written.
    with pytest.raises(ValidationError) as err:
        registry.add_member(db, group_id, PersonData("Ilkka", "Uusi"), MembershipData(Role.CHAIR))
    assert "Anneli Virtanen" in err.value.errors["role"]
    assert _count(db, Person) == 3

    person = rows[member].person_data()
    person.phone = "+358 40 000 0000"
    registry.update_member(db, member, person, rows[member].membership_data())
    assert {r.membership_id: r for r in registry.member_rows(db, group_id)}[member].phone == (
        "+358 40 000 0000"
    )
    with pytest.raises(ValidationError) as err:
        registry.update_member(db, member, PersonData("", "Mäkinen", email="x"), MembershipData())
    assert set(err.value.errors) == {"first_name", "email"}

    registry.end_membership(db, chair, dt.date(2030, 1, 31))
    ended = {r.membership_id: r for r in registry.member_rows(db, group_id)}[chair]
    assert ended.end_date == dt.date(2030, 1, 31)
    assert not ended.is_active(dt.date(2030, 2, 1))

    assert registry.remove_membership(db, deputy) is True  # in no other group: gone entirely
    assert _count(db, Person) == 2


def test_one_person_in_two_groups(db: Database, group_id: int) -> None:
    project = registry.get_group(db, group_id).project_id
    other = registry.save_group(db, GroupData("Kehittäjäryhmä"), project)
    first = registry.add_member(db, group_id, PersonData("Kaj", "Lindqvist"), MembershipData())
    person_id = registry.member_rows(db, group_id)[0].person_id
    assert [p for p, _d in registry.people_outside_group(db, other)] == [person_id]
    registry.add_member(
        db, other, PersonData("Kaj", "Lindqvist"), MembershipData(Role.EXPERT), person_id
    )
    assert _count(db, Person) == 1
    assert registry.people_outside_group(db, other) == []
    # Leaving one group keeps the person, who still sits in the other.
    assert registry.remove_membership(db, first) is False
    assert _count(db, Person) == 1 and _count(db, Membership) == 1


def test_deputy_of_another_groups_member_is_refused(db: Database, group_id: int) -> None:
    project = registry.get_group(db, group_id).project_id
    other = registry.save_group(db, GroupData("Kehittäjäryhmä"), project)
    member = registry.add_member(db, other, PersonData("Kaj", "Lindqvist"), MembershipData())
    with pytest.raises(ValidationError) as err:
        registry.add_member(db, group_id, PersonData("A", "B"), MembershipData(Role.DEPUTY, member))
    assert set(err.value.errors) == {"deputy_of"}
