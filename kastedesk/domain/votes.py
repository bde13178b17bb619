"""Votes of one agenda item (§): what a result may be, and who won.

A vote is between two motions: a "yes" (jaa / ja) vote is for the first, a
"no" (ei / nej) vote for the second; abstaining is voting blank (tyhjä /
blankt). The result is either counts or each voter's choice by name. Only
those present at the § and not disqualified from it vote (see
:func:`kastedesk.domain.quorum.voters_at`). On a tie the chair's vote decides
(the side the chair voted for), as in municipal meetings.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from kastedesk.domain import text_limits as T
from kastedesk.domain.quorum import Attendee, holds_seat
from kastedesk.i18n import _


class VoteChoice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


@dataclass(frozen=True)
class Voter:
    """Someone on the meeting's attendance list, as a vote by name sees them."""

    key: int  # the attendance row
    name: str
    present: bool  # present at the § (arrived, not left)
    disqualified: bool  # disqualified from the §
    has_vote: bool  # holds a seat: chair, vice-chair, member or a deputy standing in

    @property
    def may_vote(self) -> bool:
        return self.present and not self.disqualified and self.has_vote


@dataclass(frozen=True)
class VoteInput:
    yes_motion: Mapping[str, str]  # {"fi": ..., "sv": ...}
    no_motion: Mapping[str, str]
    by_name: bool
    yes: int = 0
    no: int = 0
    abstain: int = 0
    ballots: Mapping[int, VoteChoice] = field(default_factory=dict)  # attendance row: choice
    tie_winner: VoteChoice | None = None  # on a tie: the side the chair voted for


def counted(ballots: Mapping[int, VoteChoice]) -> tuple[int, int, int]:
    """(yes, no, abstain) of votes by name."""
    values = list(ballots.values())
    return (
        values.count(VoteChoice.YES),
        values.count(VoteChoice.NO),
        values.count(VoteChoice.ABSTAIN),
    )


def winner(yes: int, no: int, tie_winner: VoteChoice | None) -> VoteChoice | None:
    """The motion that won: the one with more votes; on a tie the chair's side."""
    if yes > no:
        return VoteChoice.YES
    if no > yes:
        return VoteChoice.NO
    return tie_winner if tie_winner in (VoteChoice.YES, VoteChoice.NO) else None


def vote_errors(
    vote: VoteInput, voters: Sequence[Voter], languages: Sequence[str]
) -> dict[str, str]:
    """Why *vote* cannot be recorded, by field; {} when it can.

    *voters* is the meeting's attendance as the § sees it; *languages* the
    document languages, in each of which both motions are needed.
    """
    errors: dict[str, str] = {}
    for name, motion in (("yes_motion", vote.yes_motion), ("no_motion", vote.no_motion)):
        for lang in languages:
            text = (motion.get(lang) or "").strip()
            field_name = f"{name}_{lang}"
            if not text:
                errors[field_name] = _("Write what this vote stands for.")
            elif problem := T.text_problem(text, T.NAME):
                errors[field_name] = problem
    allowed = [v for v in voters if v.may_vote]
    if vote.by_name:
        by_key = {v.key: v for v in voters}
        for voter_key, choice in vote.ballots.items():
            voter = by_key.get(voter_key)
            if voter is None:
                errors["ballots"] = _("A voter is not on this meeting's attendance list.")
            elif voter.disqualified:
                errors["ballots"] = _(
                    "{name} is disqualified from this item and cannot vote."
                ).format(name=voter.name)
            elif not voter.present:
                errors["ballots"] = _("{name} is not present at this item.").format(
                    name=voter.name
                )
            elif not voter.has_vote:
                errors["ballots"] = _("{name} has no vote in this group.").format(name=voter.name)
            elif not isinstance(choice, VoteChoice):
                errors["ballots"] = _("Choose yes, no or abstain.")
            if "ballots" in errors:
                break
        yes, no, abstain = counted(vote.ballots)
        if "ballots" not in errors and not vote.ballots:
            errors["ballots"] = _("Record at least one voter's vote.")
    else:
        yes, no, abstain = vote.yes, vote.no, vote.abstain
        for name, value in (("yes", yes), ("no", no), ("abstain", abstain)):
            if value < 0:
                errors[name] = _("A number of votes is 0 or more.")
        if not any(name in errors for name in ("yes", "no", "abstain")):
            total = yes + no + abstain
            if total == 0:
                errors["yes"] = _("Record at least one vote.")
            elif total > len(allowed):
                errors["yes"] = _(
                    "{total} votes, but only {voters} voters are present at this item."
                ).format(total=total, voters=len(allowed))
    if not errors and yes == no and winner(yes, no, vote.tie_winner) is None:
        errors["tie_winner"] = _("The votes are tied: choose the motion the chair voted for.")
    return errors


def voters_changed_problem(
    vote: VoteInput, voters: Sequence[Voter], languages: Sequence[str]
) -> str | None:
    """Why a recorded vote would no longer hold with a changed attendance; None if it does.

    The same rule as :func:`vote_errors`, asked about who may vote: a ballot by
    someone no longer present (or no longer standing in), or more counted votes
    than voters left at the §.
    """
    errors = vote_errors(vote, voters, languages)
    return errors.get("ballots") or errors.get("yes")


def disqualification_errors(keys: Collection[int], people: Sequence[Voter]) -> dict[str, str]:
    """Only people on the attendance list and present at the § can leave it as disqualified.

    *people*: the meeting's attendance as the § sees it, without anyone's
    disqualification (``disqualified`` False) so that who is present shows.
    """
    by_key = {p.key: p for p in people}
    for key in keys:
        person = by_key.get(key)
        if person is None:
            return {"disqualified": _("Someone chosen is not on this meeting's attendance list.")}
        if not person.present:
            return {
                "disqualified": _(
                    "{name} is not present at this item, so cannot leave it as disqualified."
                ).format(name=person.name)
            }
    return {}


def section_voters(
    people: Sequence[tuple[Attendee, str]], section: int, disqualified: Collection[int]
) -> list[Voter]:
    """The attendance at § *section* as a vote sees it; *disqualified*: attendance keys."""
    plain = [(replace(a, disqualified_at=frozenset()), name) for a, name in people]
    return [
        Voter(a.key, name, a.present_at(section), a.key in disqualified, holds_seat(a))
        for a, name in plain
    ]
