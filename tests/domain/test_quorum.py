"""Quorum: fixed number, majority, chair-or-vice, deputies, late arrivals, guests."""

from __future__ import annotations

from kastedesk import i18n
from kastedesk.domain.quorum import (
    Attendee,
    GroupRule,
    describe_quorum,
    evaluate_quorum,
    first_section_without_quorum,
)
from kastedesk.domain.registry import QuorumRule, Role


def member(key: int, present: bool = True, role: Role = Role.MEMBER, **kw) -> Attendee:
    return Attendee(key=key, role=role, present=present, seat=key, **kw)


def deputy(key: int, for_seat: int, present: bool = True, stands_in: bool = True) -> Attendee:
    return Attendee(
        key=key, role=Role.DEPUTY, present=present, deputy_for_seat=for_seat, stands_in=stands_in
    )


FIXED_8 = GroupRule(QuorumRule.FIXED, 8, chair_or_vice_required=True, seats=24)


def lasse_meeting(present_members: int) -> list[Attendee]:
    """A chair, a vice-chair (absent) and 22 members of whom *present_members* are here."""
    people = [member(1, role=Role.CHAIR), member(2, present=False, role=Role.VICE_CHAIR)]
    people += [member(10 + i, present=i < present_members) for i in range(22)]
    return people


def test_fixed_minimum_counts_chair_and_members() -> None:
    result = evaluate_quorum(FIXED_8, lasse_meeting(7))
    assert (result.present, result.needed, result.seats) == (8, 8, 24)
    assert result.quorate and result.chair_present
    assert not evaluate_quorum(FIXED_8, lasse_meeting(6)).quorate


def test_majority_of_seats() -> None:
    rule = GroupRule(QuorumRule.MAJORITY, None, chair_or_vice_required=False, seats=9)
    people = [member(i, present=i < 5) for i in range(9)]
    assert evaluate_quorum(rule, people).needed == 5
    assert evaluate_quorum(rule, people).quorate
    people[0] = member(0, present=False)
    assert not evaluate_quorum(rule, people).quorate


def test_chair_or_vice_rule() -> None:
    people = lasse_meeting(10)
    people[0] = member(1, present=False, role=Role.CHAIR)
    result = evaluate_quorum(FIXED_8, people)
    assert result.enough_members and not result.quorate
    people[1] = member(2, role=Role.VICE_CHAIR)
    assert evaluate_quorum(FIXED_8, people).quorate
    relaxed = GroupRule(QuorumRule.FIXED, 8, chair_or_vice_required=False, seats=24)
    people[1] = member(2, present=False, role=Role.VICE_CHAIR)
    assert evaluate_quorum(relaxed, people).quorate


def test_deputy_standing_in_counts_for_the_member_never_in_addition() -> None:
    people = lasse_meeting(6)  # chair + 6 = 7 seats filled
    absent_seat = 10 + 21
    people.append(deputy(100, absent_seat))
    assert evaluate_quorum(FIXED_8, people).present == 8
    # The deputy of a member who is there adds nothing.
    people[-1] = deputy(100, 10)
    assert evaluate_quorum(FIXED_8, people).present == 7
    # A deputy present but not standing in does not count.
    people[-1] = deputy(100, absent_seat, stands_in=False)
    assert evaluate_quorum(FIXED_8, people).present == 7


def test_late_arrival_counts_from_their_section_and_leaving_ends_it() -> None:
    people = lasse_meeting(6)
    people.append(member(50, arrived_at=5))
    assert evaluate_quorum(FIXED_8, people, section=2).present == 7
    assert not evaluate_quorum(FIXED_8, people, section=4).quorate
    assert evaluate_quorum(FIXED_8, people, section=5).quorate
    people.append(member(51, left_at=7))
    assert evaluate_quorum(FIXED_8, people, section=6).present == 9
    assert evaluate_quorum(FIXED_8, people, section=7).present == 8
    # For the whole meeting only those there from start to end count.
    assert evaluate_quorum(FIXED_8, people).present == 7

    leaving = [*lasse_meeting(6), member(60, left_at=6)]
    assert first_section_without_quorum(FIXED_8, leaving, 10) == 6
    assert first_section_without_quorum(FIXED_8, lasse_meeting(7), 10) is None


def test_guests_and_non_voting_roles_never_count() -> None:
    people = lasse_meeting(6)
    people.append(Attendee(key=200, role=None, present=True))  # guest
    people.append(Attendee(key=201, role=Role.SECRETARY, present=True))
    people.append(Attendee(key=202, role=Role.PRESENTER, present=True))
    people.append(Attendee(key=203, role=Role.EXPERT, present=True))
    assert evaluate_quorum(FIXED_8, people).present == 7


def test_banner_text_in_finnish() -> None:
    i18n.set_language("fi")
    text = describe_quorum(evaluate_quorum(FIXED_8, lasse_meeting(8)))
    assert text == "Päätösvaltainen: 9/24 jäsentä läsnä (vähintään 8), puheenjohtaja läsnä"
    text = describe_quorum(evaluate_quorum(FIXED_8, lasse_meeting(3)))
    assert text.startswith("Ei päätösvaltainen: 4/24") and "4 jäsentä puuttuu" in text


def test_banner_text_names_the_missing_chair() -> None:
    people = lasse_meeting(10)
    people[0] = member(1, present=False, role=Role.CHAIR)
    text = describe_quorum(evaluate_quorum(FIXED_8, people))
    assert text.startswith("Not quorate")
    assert "the chair or the vice-chair must be present" in text
