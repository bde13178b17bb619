"""Votes, disqualification and attendance contradictions: the plain rules."""

from __future__ import annotations

from kastedesk.domain.attendance_rules import (
    Presence,
    member_and_deputy_errors,
    overlap,
    section_errors,
)
from kastedesk.domain.quorum import Attendee, GroupRule, evaluate_quorum, voters_at
from kastedesk.domain.registry import QuorumRule, Role
from kastedesk.domain.votes import (
    VoteChoice,
    VoteInput,
    Voter,
    counted,
    disqualification_errors,
    section_voters,
    vote_errors,
    winner,
)

YES, NO, ABSTAIN = VoteChoice.YES, VoteChoice.NO, VoteChoice.ABSTAIN
MOTIONS = {"yes_motion": {"fi": "Esittelijän ehdotus"}, "no_motion": {"fi": "Muutosehdotus"}}


def member(key: int, **kw) -> Attendee:
    return Attendee(key=key, role=kw.pop("role", Role.MEMBER), present=True, seat=key, **kw)


# --- quorum with disqualified members -------------------------------------------------


def test_a_disqualified_member_is_absent_for_that_section_only() -> None:
    rule = GroupRule(QuorumRule.FIXED, 3, chair_or_vice_required=False, seats=5)
    people = [member(1), member(2), member(3, disqualified_at=frozenset({4}))]
    assert evaluate_quorum(rule, people, 3).quorate
    at_4 = evaluate_quorum(rule, people, 4)
    assert (at_4.present, at_4.quorate) == (2, False)
    assert evaluate_quorum(rule, people, 5).quorate
    assert [a.key for a in voters_at(people, 4)] == [1, 2]


def test_a_disqualified_chair_leaves_the_chair_to_the_vice() -> None:
    rule = GroupRule(QuorumRule.FIXED, 2, chair_or_vice_required=True, seats=5)
    chair = member(1, role=Role.CHAIR, disqualified_at=frozenset({2}))
    people = [chair, member(2), member(3)]
    assert evaluate_quorum(rule, people, 1).quorate
    result = evaluate_quorum(rule, people, 2)
    assert not result.chair_present and not result.quorate
    people.append(member(4, role=Role.VICE_CHAIR))
    assert evaluate_quorum(rule, people, 2).quorate


def test_a_standing_in_deputy_votes_a_deputy_not_standing_in_and_guests_do_not() -> None:
    people = [
        member(1),
        Attendee(2, Role.DEPUTY, True, deputy_for_seat=9, stands_in=True),
        Attendee(3, Role.DEPUTY, True, deputy_for_seat=8, stands_in=False),
        Attendee(4, None, True),
        Attendee(5, Role.SECRETARY, True, seat=5),
    ]
    assert [a.key for a in voters_at(people, 1)] == [1, 2]


# --- vote results -----------------------------------------------------------------------


def voters(n: int = 5) -> list[Voter]:
    return [Voter(k, f"Jäsen {k}", True, False, True) for k in range(1, n + 1)]


def test_counts_are_not_negative_and_not_more_than_the_voters_present() -> None:
    ok = VoteInput(**MOTIONS, by_name=False, yes=3, no=1, abstain=1)
    assert vote_errors(ok, voters(), ["fi"]) == {}
    too_many = VoteInput(**MOTIONS, by_name=False, yes=4, no=2)
    assert "only 5 voters" in vote_errors(too_many, voters(), ["fi"])["yes"]
    negative = VoteInput(**MOTIONS, by_name=False, yes=3, no=-1)
    assert set(vote_errors(negative, voters(), ["fi"])) == {"no"}
    nothing = VoteInput(**MOTIONS, by_name=False)
    assert set(vote_errors(nothing, voters(), ["fi"])) == {"yes"}


def test_disqualified_and_absent_people_and_those_without_a_vote_are_not_counted() -> None:
    people = [
        *voters(4),
        Voter(5, "Esteellinen", True, True, True),
        Voter(6, "Poissa", False, False, True),
        Voter(7, "Sihteeri", True, False, False),
    ]
    assert "only 4 voters" in vote_errors(
        VoteInput(**MOTIONS, by_name=False, yes=3, no=2), people, ["fi"]
    )["yes"]
    for key, words in ((5, "disqualified"), (6, "not present"), (7, "no vote")):
        vote = VoteInput(**MOTIONS, by_name=True, ballots={1: YES, key: NO})
        assert words in vote_errors(vote, people, ["fi"])["ballots"]
    stranger = VoteInput(**MOTIONS, by_name=True, ballots={99: YES})
    assert "attendance list" in vote_errors(stranger, people, ["fi"])["ballots"]
    fine = VoteInput(**MOTIONS, by_name=True, ballots={1: YES, 2: NO, 3: YES, 4: ABSTAIN})
    assert vote_errors(fine, people, ["fi"]) == {}
    assert counted(fine.ballots) == (2, 1, 1)


def test_motions_are_needed_in_each_document_language() -> None:
    vote = VoteInput(**MOTIONS, by_name=False, yes=2, no=1)
    assert set(vote_errors(vote, voters(), ["fi", "sv"])) == {"yes_motion_sv", "no_motion_sv"}
    control = VoteInput({"fi": "a\x07b"}, {"fi": "x"}, by_name=False, yes=2, no=1)
    assert set(vote_errors(control, voters(), ["fi"])) == {"yes_motion_fi"}


def test_a_tie_is_decided_by_the_side_the_chair_voted_for() -> None:
    tie = VoteInput(**MOTIONS, by_name=False, yes=2, no=2)
    assert set(vote_errors(tie, voters(), ["fi"])) == {"tie_winner"}
    decided = VoteInput(**MOTIONS, by_name=False, yes=2, no=2, tie_winner=NO)
    assert vote_errors(decided, voters(), ["fi"]) == {}
    assert winner(2, 2, NO) is NO and winner(3, 2, NO) is YES and winner(1, 2, None) is NO
    assert winner(2, 2, None) is None


def test_section_voters_see_presence_without_the_disqualification() -> None:
    people = [(member(1), "A"), (member(2, left_at=3), "B"), (Attendee(3, None, True), "Vieras")]
    seen = section_voters(people, 4, disqualified={1})
    assert [(v.key, v.present, v.disqualified, v.has_vote, v.may_vote) for v in seen] == [
        (1, True, True, True, False),
        (2, False, False, True, False),
        (3, True, False, False, False),
    ]
    assert disqualification_errors({1}, seen) == {}
    assert "not present" in disqualification_errors({2}, seen)["disqualified"]
    assert "attendance list" in disqualification_errors({9}, seen)["disqualified"]


# --- attendance contradictions ----------------------------------------------------------


def test_sections_must_exist_and_leaving_comes_after_arriving() -> None:
    sections = range(1, 10)
    assert section_errors(3, 7, sections) == {}
    assert "no § 12" in section_errors(12, None, sections)["arrived_at"].lower()
    assert set(section_errors(None, 0, sections)) == {"left_at"}
    assert "§ 4" in section_errors(5, 4, sections)["left_at"]
    assert set(section_errors(5, 5, sections)) == {"left_at"}
    assert section_errors(500, None, None) == {}  # no agenda given: only what none allows


def test_a_member_present_while_their_deputy_stands_in_is_refused_at_that_field() -> None:
    sections = range(1, 10)
    both = member_and_deputy_errors(
        Presence(True), Presence(True), True, sections, "Maija", "Ville", changed="member"
    )
    assert set(both) == {"present"} and "Ville" in both["present"]
    from_deputy = member_and_deputy_errors(
        Presence(True), Presence(True), True, sections, "Maija", "Ville", changed="deputy"
    )
    assert set(from_deputy) == {"stands_in"} and "Maija" in from_deputy["stands_in"]
    # The deputy stood in until § 5 and the member came at § 5: no contradiction.
    handed_over = member_and_deputy_errors(
        Presence(True, arrived_at=5), Presence(True, left_at=5), True, sections, "M", "V", "member"
    )
    assert handed_over == {}
    assert overlap(Presence(True, arrived_at=5), Presence(True, left_at=6), sections) == 5
    # A deputy present but not standing in contradicts nothing.
    assert member_and_deputy_errors(
        Presence(True), Presence(True), False, sections, "M", "V", "member"
    ) == {}
