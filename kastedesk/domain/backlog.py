"""Tabled and postponed items, and the group's backlog of items waiting for a meeting.

An agenda item ends in an outcome: decided (the usual), tabled ("jätettiin
pöydälle" / "bordlades"), postponed to a later meeting, or withdrawn from the
agenda. A tabled or postponed item waits in its group's backlog until it is
put on a later meeting's agenda, where its background starts with a reference
to where it was handled first ("Asia on pöydätty 23.9.2014 § 7."). The
secretary may also park an item of their own in the backlog for later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from kastedesk.formatting import format_date
from kastedesk.i18n import N_


class ItemOutcome(StrEnum):
    DECIDED = "decided"
    TABLED = "tabled"
    POSTPONED = "postponed"
    WITHDRAWN = "withdrawn"


OUTCOME_LABELS: dict[ItemOutcome, str] = {
    ItemOutcome.DECIDED: N_("Handled (decision recorded)"),
    ItemOutcome.TABLED: N_("Tabled"),
    ItemOutcome.POSTPONED: N_("Postponed to a later meeting"),
    ItemOutcome.WITHDRAWN: N_("Withdrawn from the agenda"),
}

# Outcomes that put the item in the group's backlog.
WAITING_OUTCOMES = frozenset({ItemOutcome.TABLED, ItemOutcome.POSTPONED})

# The decision the minutes print for each outcome, in each document language (glossary).
OUTCOME_DECISIONS: dict[ItemOutcome, dict[str, str]] = {
    ItemOutcome.TABLED: {
        "fi": "Asia jätettiin pöydälle.",
        "sv": "Ärendet bordlades.",
    },
    ItemOutcome.POSTPONED: {
        "fi": "Asian käsittely siirrettiin myöhempään kokoukseen.",
        "sv": "Behandlingen av ärendet framflyttades till ett senare möte.",
    },
    ItemOutcome.WITHDRAWN: {
        "fi": "Asia poistettiin esityslistalta.",
        "sv": "Ärendet avfördes från föredragningslistan.",
    },
}

# The first line of the item's background when it comes back on a later agenda.
REFERENCE_LINES: dict[ItemOutcome, dict[str, str]] = {
    ItemOutcome.TABLED: {
        "fi": "Asia on pöydätty {date} § {section}.",
        "sv": "Ärendet bordlades {date} § {section}.",
    },
    ItemOutcome.POSTPONED: {
        "fi": "Asian käsittelyä on siirretty {date} § {section}.",
        "sv": "Ärendet framflyttades {date} § {section}.",
    },
}


class BacklogReason(StrEnum):
    TABLED = "tabled"
    POSTPONED = "postponed"
    PARKED = "parked"  # the secretary's own item, kept for a later meeting


BACKLOG_REASON_LABELS: dict[BacklogReason, str] = {
    BacklogReason.TABLED: N_("tabled"),
    BacklogReason.POSTPONED: N_("postponed"),
    BacklogReason.PARKED: N_("parked for later"),
}


def parse_outcome(value: str | None) -> ItemOutcome:
    """The stored value as an outcome; unknown or empty values count as decided."""
    try:
        return ItemOutcome(value or ItemOutcome.DECIDED)
    except ValueError:
        return ItemOutcome.DECIDED


def outcome_decision(outcome: ItemOutcome | str, lang: str) -> str:
    """The standard decision wording of *outcome* in *lang*; "" for an ordinary decision."""
    wording = OUTCOME_DECISIONS.get(parse_outcome(outcome))
    return wording["sv" if lang == "sv" else "fi"] if wording else ""


def reference_line(reason: BacklogReason, handled_on: dt.date, section: int, lang: str) -> str:
    """ "Asia on pöydätty 23.9.2014 § 7." / "Ärendet bordlades 23.9.2014 § 7."."""
    template = REFERENCE_LINES[ItemOutcome(reason.value)]["sv" if lang == "sv" else "fi"]
    return template.format(date=format_date(handled_on), section=section)


def with_reference(reference: str, background: str) -> str:
    """The background of the item on its new agenda: the reference line, then the old text."""
    background = background.strip()
    return f"{reference}\n\n{background}" if background else reference


@dataclass(frozen=True)
class BacklogEntry:
    """One item that may wait for a meeting: a tabled/postponed § or a parked item."""

    reason: BacklogReason
    id: int  # the agenda item's id, or the parked item's
    title_fi: str
    title_sv: str = ""
    meeting_id: int | None = None  # where it was handled (None: parked)
    handled_on: dt.date | None = None
    section: int | None = None
    taken_up: bool = False  # already on a later agenda

    @property
    def key(self) -> tuple[str, int]:
        return ("parked" if self.reason is BacklogReason.PARKED else "item", self.id)

    def reference(self, lang: str) -> str:
        """The reference line for a new agenda; "" for a parked item."""
        if self.handled_on is None or self.section is None:
            return ""
        return reference_line(self.reason, self.handled_on, self.section, lang)


def take_up_problem(entry: BacklogEntry, meeting_id: int, meeting_date: dt.date) -> str | None:
    """Why *entry* cannot go on this meeting's agenda (an English msgid), or None."""
    if entry.taken_up:
        return N_("The item is already on a later meeting's agenda.")
    if entry.meeting_id == meeting_id:
        return N_("The item was handled at this meeting; put it on a later meeting's agenda.")
    if entry.handled_on is not None and meeting_date < entry.handled_on:
        return N_("The item was handled after this meeting; put it on a later meeting's agenda.")
    return None


def waiting(
    entries: Iterable[BacklogEntry],
    meeting_id: int | None = None,
    meeting_date: dt.date | None = None,
) -> list[BacklogEntry]:
    """The entries still waiting, oldest handling first, parked items last.

    With a meeting: only those that can go on that meeting's agenda.
    """
    found = [e for e in entries if not e.taken_up]
    if meeting_id is not None and meeting_date is not None:
        found = [e for e in found if take_up_problem(e, meeting_id, meeting_date) is None]
    return sorted(
        found,
        key=lambda e: (
            e.handled_on is None,
            e.handled_on or dt.date.min,
            e.section or 0,
            e.id,
        ),
    )


def outcome_problem(kind: str, outcome: str) -> str | None:
    """Why an item of *kind* cannot have *outcome* (an English msgid), or None.

    Only the meeting's own items are tabled, postponed or withdrawn; the
    standard items (opening, legality …) are always handled.
    """
    if outcome not in {o.value for o in ItemOutcome}:
        return N_("Unknown outcome.")
    if outcome != ItemOutcome.DECIDED and kind != "own":
        return N_("Only the meeting's own items can be tabled, postponed or withdrawn.")
    return None
