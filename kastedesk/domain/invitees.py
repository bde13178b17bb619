"""The order of people in an agenda's invitees list, as the seeds write it.

Chair, vice-chair, the members each followed by their personal deputy,
presenter, secretary, experts; then anyone else. A deputy whose member is not
on the list comes after the members.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from kastedesk.domain.registry import Role

T = TypeVar("T")

INVITEE_ROLE_ORDER = (
    Role.CHAIR,
    Role.VICE_CHAIR,
    Role.MEMBER,
    Role.DEPUTY,
    Role.PRESENTER,
    Role.SECRETARY,
    Role.EXPERT,
    Role.FOR_INFORMATION,
)


def order_invitees(
    people: Sequence[T],
    role: Callable[[T], Role | None],
    seat: Callable[[T], int | None],
    deputy_of: Callable[[T], int | None],
    name: Callable[[T], str],
) -> list[T]:
    """*people* in the seeds' order; *seat* identifies a membership, *deputy_of* its member's."""
    rank = {r: n for n, r in enumerate(INVITEE_ROLE_ORDER)}

    def key(person: T) -> tuple[int, str]:
        r = role(person)
        return (rank.get(r, len(rank)) if r is not None else len(rank), name(person).casefold())

    ordered = sorted(people, key=key)
    members = {seat(p) for p in ordered if role(p) in (Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER)}
    paired = [p for p in ordered if role(p) is Role.DEPUTY and deputy_of(p) in members]
    by_member: dict[int | None, list[T]] = {}
    for deputy in paired:
        by_member.setdefault(deputy_of(deputy), []).append(deputy)
    result: list[T] = []
    for person in ordered:
        if any(person is d for d in paired):
            continue
        result.append(person)
        if role(person) in (Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER):
            result.extend(by_member.get(seat(person), []))
    return result
