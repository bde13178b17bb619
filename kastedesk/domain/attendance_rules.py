"""Attendance that contradicts itself is refused, field by field.

- A § number (arrived at, left at) must be one of the meeting's items.
- One arrives before one leaves: the leaving § comes after the arrival §.
- A member and their personal deputy standing in for them are never both
  there at the same §: the deputy stands in only while the member is away.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from kastedesk.i18n import _


@dataclass(frozen=True)
class Presence:
    """One attendance row as the rules see it."""

    present: bool
    arrived_at: int | None = None  # §
    left_at: int | None = None  # §

    def at(self, section: int) -> bool:
        if not self.present:
            return False
        arrived = self.arrived_at is None or self.arrived_at <= section
        return arrived and (self.left_at is None or section < self.left_at)


def section_errors(
    arrived_at: int | None, left_at: int | None, sections: Collection[int] | None
) -> dict[str, str]:
    """The arrival and leaving § must exist, and the leaving one come after the arrival.

    *sections*: the meeting's § numbers; None checks only what no agenda allows.
    """
    errors: dict[str, str] = {}
    last = max(sections, default=0) if sections is not None else 0
    for name, value in (("arrived_at", arrived_at), ("left_at", left_at)):
        if value is None:
            continue
        if value < 1:
            errors[name] = _("A § number is 1 or more.")
        elif sections is not None and value not in sections:
            errors[name] = _("There is no § {section}: the agenda has {count} items.").format(
                section=value, count=last
            )
    if not errors and arrived_at is not None and left_at is not None and left_at <= arrived_at:
        errors["left_at"] = _(
            "Leaving at § {left} is not after arriving at § {arrived}."
        ).format(left=left_at, arrived=arrived_at)
    return errors


def overlap(first: Presence, second: Presence, sections: Collection[int]) -> int | None:
    """The first § at which both are there, or None."""
    return next((s for s in sorted(sections) if first.at(s) and second.at(s)), None)


def member_and_deputy_errors(
    member: Presence,
    deputy: Presence,
    deputy_stands_in: bool,
    sections: Collection[int],
    member_name: str,
    deputy_name: str,
    changed: str,
) -> dict[str, str]:
    """A member present while their deputy stands in for them, at the same §.

    *changed* is "member" or "deputy": whose row is being saved, so the
    message is given at the field that was just changed.
    """
    if not deputy_stands_in or not member.present or not deputy.present:
        return {}
    both = overlap(member, deputy, sections) if sections else 1
    if both is None:
        return {}
    if changed == "member":
        return {
            "present": _(
                "{deputy} is recorded as standing in for {member} at § {section}; "
                "untick that first, or record when {member} arrived or left."
            ).format(deputy=deputy_name, member=member_name, section=both)
        }
    return {
        "stands_in": _(
            "{member} is present at § {section}; a deputy stands in only while "
            "the member is away (record when {member} arrived or left)."
        ).format(member=member_name, section=both)
    }
