"""Validation of projects, groups, people and memberships (no database, no Qt)."""

from __future__ import annotations

import datetime as dt

import pytest

from kastedesk.domain.registry import DocLanguages, QuorumRule, Role
from kastedesk.domain.registry_rules import (
    GroupData,
    MembershipData,
    MembershipFacts,
    PersonData,
    ProjectData,
    validate_group,
    validate_membership,
    validate_person,
    validate_project,
)
from tests.properties import examples, properties

D = dt.date


def test_person_needs_both_names() -> None:
    errors = validate_person(PersonData("  ", ""))
    assert set(errors) == {"first_name", "last_name"}
    assert validate_person(PersonData("Anna", "Aalto")) == {}


@pytest.mark.parametrize(
    "email, ok",
    [
        ("anna.aalto@tampere.fi", True),
        ("ANNA@Example.FI", True),
        ("", True),
        ("anna.aalto", False),
        ("anna@@tampere.fi", False),
        ("anna aalto@tampere.fi", False),
        ("anna@tampere", False),
    ],
)
def test_email_format(email: str, ok: bool) -> None:
    errors = validate_person(PersonData("Anna", "Aalto", email=email))
    assert ("email" not in errors) is ok


@pytest.mark.parametrize(
    "phone, ok",
    [
        ("+358 40 123 4567", True),
        ("040-1234567", True),
        ("(09) 123 456", True),
        ("", True),
        ("call me", False),
        ("12", False),
        ("+358 40 123 4567 ext 5", False),
    ],
)
def test_phone_format(phone: str, ok: bool) -> None:
    errors = validate_person(PersonData("Anna", "Aalto", phone=phone))
    assert ("phone" not in errors) is ok


def test_person_region_and_language() -> None:
    assert "region" in validate_person(PersonData("A", "B", region="99"))
    assert "language" in validate_person(PersonData("A", "B", language="de"))
    assert validate_person(PersonData("A", "B", region="15", language="sv")) == {}


def test_normalised_trims_and_lowercases_email() -> None:
    data = PersonData(
        " Anna ", " Aalto ", email=" Anna@Tampere.FI ", phone="040  123 456"
    ).normalised()
    assert (data.first_name, data.last_name, data.email, data.phone) == (
        "Anna", "Aalto", "anna@tampere.fi", "040 123 456",
    )  # fmt: skip


def test_project_rules() -> None:
    assert set(validate_project(ProjectData(""))) == {"name_fi"}
    errors = validate_project(
        ProjectData("LasSe", start_date=D(2015, 1, 1), end_date=D(2014, 1, 1))
    )
    assert set(errors) == {"end_date"}


def test_group_rules() -> None:
    assert validate_group(GroupData("Ohjausryhmä")) == {}
    errors = validate_group(GroupData("Ohjausryhmä", quorum_rule=QuorumRule.FIXED, quorum_min=None))
    assert set(errors) == {"quorum_min"}
    errors = validate_group(GroupData("Ohjausryhmä", languages=DocLanguages.FI_SV))
    assert set(errors) == {"name_sv"}
    errors = validate_group(GroupData("X", agenda_lead_days=5, attachments_lead_days=7))
    assert set(errors) == {"attachments_lead_days"}
    assert set(validate_group(GroupData("X", agenda_lead_days=-1))) == {"agenda_lead_days"}


CHAIR = MembershipFacts(1, 10, Role.CHAIR, D(2013, 4, 1), None, "Anneli Virtanen")
MEMBER = MembershipFacts(2, 11, Role.MEMBER, D(2013, 4, 1), None, "Sari Mäkinen")
SECRETARY = MembershipFacts(3, 12, Role.SECRETARY, None, None, "Satu Tuominen")
OLD_VICE = MembershipFacts(4, 13, Role.VICE_CHAIR, D(2013, 4, 1), D(2013, 12, 31), "Raimo L")


def test_end_date_not_before_start_date() -> None:
    data = MembershipData(Role.MEMBER, None, D(2014, 5, 1), D(2014, 4, 30))
    assert set(validate_membership(data, [])) == {"end_date"}
    assert (
        validate_membership(MembershipData(Role.MEMBER, None, D(2014, 5, 1), D(2014, 5, 1)), [])
        == {}
    )


def test_at_most_one_chair_at_a_time() -> None:
    errors = validate_membership(MembershipData(Role.CHAIR), [CHAIR, MEMBER])
    assert "Anneli Virtanen" in errors["role"]
    # After the old chair's term ended, a new chair is fine.
    ended = MembershipFacts(1, 10, Role.CHAIR, D(2013, 4, 1), D(2014, 3, 31), "Anneli Virtanen")
    assert validate_membership(MembershipData(Role.CHAIR, None, D(2014, 4, 1)), [ended]) == {}
    # A vice-chair whose term ended does not block a new one; overlapping terms do.
    assert (
        validate_membership(MembershipData(Role.VICE_CHAIR, None, D(2014, 1, 1)), [OLD_VICE]) == {}
    )
    errors = validate_membership(MembershipData(Role.VICE_CHAIR, None, D(2013, 6, 1)), [OLD_VICE])
    assert "role" in errors


def test_many_members_are_fine() -> None:
    assert validate_membership(MembershipData(Role.MEMBER), [CHAIR, MEMBER, SECRETARY]) == {}


def test_deputy_needs_a_voting_member_of_the_same_group() -> None:
    others = [CHAIR, MEMBER, SECRETARY]
    assert validate_membership(MembershipData(Role.DEPUTY, 2), others) == {}
    assert validate_membership(MembershipData(Role.DEPUTY, 1), others) == {}  # the chair's deputy
    assert set(validate_membership(MembershipData(Role.DEPUTY, None), others)) == {"deputy_of"}
    assert set(validate_membership(MembershipData(Role.DEPUTY, 3), others)) == {"deputy_of"}
    assert set(validate_membership(MembershipData(Role.DEPUTY, 99), others)) == {"deputy_of"}
    # Their own deputy: no.
    assert set(validate_membership(MembershipData(Role.DEPUTY, 2), others, person_id=11)) == {
        "deputy_of"
    }
    # A member whose term ended cannot get a deputy for a later term.
    errors = validate_membership(MembershipData(Role.DEPUTY, 4, D(2014, 2, 1)), [OLD_VICE])
    assert set(errors) == {"deputy_of"}


def test_only_deputies_stand_in() -> None:
    errors = validate_membership(MembershipData(Role.MEMBER, 2), [CHAIR, MEMBER])
    assert set(errors) == {"deputy_of"}


@properties
def test_the_relevant_memberships_decide_as_the_whole_group_does() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kastedesk.domain.registry_rules import relevant_memberships

    dates = st.one_of(st.none(), st.dates(D(2012, 1, 1), D(2016, 1, 1)))
    facts = st.builds(
        MembershipFacts,
        st.integers(1, 8), st.integers(1, 8), st.sampled_from(list(Role)), dates, dates,
        st.just("Aino Aaltonen"),
    )  # fmt: skip
    data = st.builds(
        MembershipData, st.sampled_from(list(Role)), st.one_of(st.none(), st.integers(1, 8)),
        dates, dates,
    )  # fmt: skip

    @settings(max_examples=examples(100, 2000))
    @given(data, st.lists(facts, max_size=8), st.one_of(st.none(), st.integers(1, 8)))
    def check(membership, others, person_id) -> None:
        relevant = relevant_memberships(membership)
        chosen = [
            o for o in others
            if o.role in relevant.roles or o.id == relevant.membership_id
        ]  # fmt: skip
        assert validate_membership(membership, chosen, person_id) == validate_membership(
            membership, others, person_id
        )

    check()
