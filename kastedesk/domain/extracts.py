"""Which § items an extract of the minutes (pöytäkirjanote · protokollsutdrag) may carry.

An extract certifies decisions taken: it is made of a held meeting's items that
exist and have a decision, and it is certified by the group's secretary. The
items are chosen as ``7,8`` or ``7-9`` (``7–9``, ``§ 7`` too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from kastedesk.domain.meetings import MeetingStatus
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_date
from kastedesk.i18n import _, ngettext

MAX_SECTION = 999  # no agenda has more; a bigger number is a typing error
HELD_STATUSES = (MeetingStatus.HELD, MeetingStatus.APPROVED)


def parse_sections(text: str) -> tuple[int, ...]:
    """ "7,8", "7-9", "§ 7, 9–10" → (7, 8), (7, 8, 9), (7, 9, 10): sorted, each once.

    Raises ValueError with a message in the user's language.
    """
    problem = _("Write the § numbers as 7,8 or 7-9.")
    found: set[int] = set()
    parts = text.replace("§", "").replace("–", "-").split(",")
    if len(text) > 200 or not text.strip():
        raise ValueError(problem)
    for part in parts:
        first, dash, last = (p.strip() for p in part.partition("-"))
        if not first.isdigit() or (dash and not last.isdigit()):
            raise ValueError(problem)
        low, high = int(first), int(last) if dash else int(first)
        if not 1 <= low <= high <= MAX_SECTION:
            raise ValueError(problem)
        found.update(range(low, high + 1))
    return tuple(sorted(found))


def section_list(sections: Sequence[int]) -> str:
    """ "7, 8, 12" (for messages and the dialog)."""
    return ", ".join(str(n) for n in sections)


def check_extract(
    status: MeetingStatus,
    wanted: Sequence[int],
    sections: Collection[int],
    decided: Collection[int],
    secretary: str,
) -> None:
    """Refuse an extract that cannot be certified; the message says why.

    *sections* are the meeting's § numbers, *decided* those with a decision in
    some language, *secretary* the name that certifies (may be empty).
    """
    if not wanted:
        raise ValidationError({"items": _("Choose the § items for the extract.")})
    if status not in HELD_STATUSES:
        raise ValidationError(
            {
                "items": _(
                    "The meeting has not been held yet: an extract is made of decisions taken."
                )
            }
        )
    unknown = [n for n in wanted if n not in sections]
    if unknown and not sections:
        raise ValidationError({"items": _("The meeting has no § items.")})
    if unknown:
        message = _("The meeting has no § {sections}; its items are § {first}–{last}.")
        raise ValidationError(
            {
                "items": message.format(
                    sections=section_list(unknown), first=min(sections), last=max(sections)
                )
            }
        )
    undecided = [n for n in wanted if n not in decided]
    if undecided:
        raise ValidationError(
            {
                "items": ngettext(
                    "§ {sections} has no decision written: write it before making an extract.",
                    "§ {sections} have no decision written: write them before making an extract.",
                    len(undecided),
                ).format(sections=section_list(undecided))
            }
        )
    if not secretary.strip():
        raise ValidationError(
            {
                "": _(
                    "The group has no secretary to certify the extract: "
                    "add the secretary to the group's members."
                )
            }
        )


def check_certification_date(certified_on: dt.date, meeting_date: dt.date) -> None:
    """An extract is certified on or after the meeting's day, never before it."""
    if certified_on < meeting_date:
        raise ValidationError(
            {
                "date": _("The extract cannot be certified before the meeting ({date}).").format(
                    date=format_date(meeting_date)
                )
            }
        )
