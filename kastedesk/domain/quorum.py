"""Quorum from the group's rule and the attendance at a given §.

Voting seats are the chair, the vice-chair and the members. A personal deputy
who stands in counts for their member's seat, never in addition to the member.
Someone who arrived at § n counts from § n on; someone who left at § n no
longer counts at § n. Secretaries, presenters, experts and guests never count.
"""

from __future__ import annotations

from dataclasses import dataclass
from gettext import NullTranslations

from kastedesk import i18n
from kastedesk.domain.registry import QuorumRule, Role


@dataclass(frozen=True)
class Attendee:
    key: int  # the attendance row
    role: Role | None  # None for a guest
    present: bool
    seat: int | None = None  # voting seat (membership id) for the chair, vice-chair, members
    deputy_for_seat: int | None = None  # for a personal deputy: their member's seat
    stands_in: bool = False  # the deputy stands in for their member at this meeting
    arrived_at: int | None = None  # § from which present
    left_at: int | None = None  # § from which no longer present
    disqualified_at: frozenset[int] = frozenset()  # §s they left as disqualified

    def present_at(self, section: int | None) -> bool:
        """Present at § *section* (None: for the whole meeting, from its start)."""
        if not self.present:
            return False
        if section is not None and section in self.disqualified_at:
            return False
        if section is None:
            return self.arrived_at is None and self.left_at is None
        arrived = self.arrived_at is None or self.arrived_at <= section
        still_there = self.left_at is None or section < self.left_at
        return arrived and still_there


@dataclass(frozen=True)
class GroupRule:
    rule: QuorumRule
    minimum: int | None  # for QuorumRule.FIXED
    chair_or_vice_required: bool
    seats: int  # voting seats of the group on the meeting's date


@dataclass(frozen=True)
class QuorumResult:
    quorate: bool
    present: int  # seats filled (by the member or their standing-in deputy)
    seats: int
    needed: int
    chair_present: bool
    vice_present: bool
    chair_or_vice_required: bool
    section: int | None

    @property
    def enough_members(self) -> bool:
        return self.present >= self.needed

    @property
    def chair_or_vice_present(self) -> bool:
        return self.chair_present or self.vice_present


def voters_at(attendees: list[Attendee], section: int) -> list[Attendee]:
    """Who may vote at § *section*: present and not disqualified there, holding a seat
    (chair, vice-chair, member, or a personal deputy standing in for their member)."""
    return [a for a in attendees if holds_seat(a) and a.present_at(section)]


def holds_seat(a: Attendee) -> bool:
    """The chair, the vice-chair, a member, or a personal deputy standing in for their member."""
    if a.seat is not None and a.role in (Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER):
        return True
    return a.role is Role.DEPUTY and a.stands_in and a.deputy_for_seat is not None


def needed_for(rule: GroupRule) -> int:
    if rule.rule is QuorumRule.FIXED and rule.minimum:
        return rule.minimum
    return rule.seats // 2 + 1


def evaluate_quorum(
    rule: GroupRule, attendees: list[Attendee], section: int | None = None
) -> QuorumResult:
    here = [a for a in attendees if a.role is not None and a.present_at(section)]
    filled: set[int] = set()
    for a in here:
        if a.seat is not None and a.role in (Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER):
            filled.add(a.seat)
    for a in here:
        if a.role is Role.DEPUTY and a.stands_in and a.deputy_for_seat is not None:
            filled.add(a.deputy_for_seat)  # a set: never in addition to the member
    chair = any(a.role is Role.CHAIR for a in here)
    vice = any(a.role is Role.VICE_CHAIR for a in here)
    needed = needed_for(rule)
    present = len(filled)
    quorate = present >= needed and (not rule.chair_or_vice_required or chair or vice)
    return QuorumResult(
        quorate=quorate,
        present=present,
        seats=rule.seats,
        needed=needed,
        chair_present=chair,
        vice_present=vice,
        chair_or_vice_required=rule.chair_or_vice_required,
        section=section,
    )


def first_section_without_quorum(
    rule: GroupRule, attendees: list[Attendee], sections: int, start: int = 1
) -> int | None:
    """The first § from *start* on at which the meeting is not quorate (people left), or None."""
    for section in range(start, sections + 1):
        if not evaluate_quorum(rule, attendees, section).quorate:
            return section
    return None


def describe_quorum(result: QuorumResult, translations: NullTranslations | None = None) -> str:
    """ "Quorate: 9/24 members present (at least 8), chair present" or why not.

    In the interface language, or with *translations* in a document's language.
    """
    _ = translations.gettext if translations else i18n._
    ngettext = translations.ngettext if translations else i18n.ngettext
    counts = ngettext(
        "{present}/{seats} member present (at least {needed})",
        "{present}/{seats} members present (at least {needed})",
        result.seats,
    ).format(present=result.present, seats=result.seats, needed=result.needed)
    if result.chair_present:
        leader = _("chair present")
    elif result.vice_present:
        leader = _("vice-chair present")
    else:
        leader = _("neither the chair nor the vice-chair present")
    if result.quorate:
        return _("Quorate: {counts}, {leader}").format(counts=counts, leader=leader)
    reasons = []
    if not result.enough_members:
        reasons.append(
            ngettext(
                "{missing} more member needed",
                "{missing} more members needed",
                result.needed - result.present,
            ).format(missing=result.needed - result.present)
        )
    if result.chair_or_vice_required and not result.chair_or_vice_present:
        reasons.append(_("the chair or the vice-chair must be present"))
    return _("Not quorate: {counts}, {leader} – {reasons}").format(
        counts=counts, leader=leader, reasons="; ".join(reasons)
    )
