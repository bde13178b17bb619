"""Meetings: their life cycle, standard agenda items and titles."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import lru_cache

from kastedesk.i18n import N_


class MeetingStatus(StrEnum):
    DRAFT = "draft"
    AGENDA_SENT = "agenda_sent"
    HELD = "held"
    APPROVED = "approved"  # minutes checked: the meeting is locked

    @property
    def rank(self) -> int:
        return _STATUS_RANK[self]


_STATUS_RANK = {status: n for n, status in enumerate(MeetingStatus)}


MEETING_STATUS_LABELS: dict[MeetingStatus, str] = {
    MeetingStatus.DRAFT: N_("draft"),
    MeetingStatus.AGENDA_SENT: N_("agenda sent"),
    MeetingStatus.HELD: N_("held"),
    MeetingStatus.APPROVED: N_("minutes approved"),
}


def status_after_attendance(
    status: MeetingStatus, meeting_date: dt.date, today: dt.date, someone_present: bool
) -> MeetingStatus:
    """Recording who was there on or after the meeting's day means it was held.

    Before the day, attendance may be planned ahead: the status stays. Approved
    minutes are never touched (the meeting is locked anyway).
    """
    if someone_present and meeting_date <= today and status.rank < MeetingStatus.HELD.rank:
        return MeetingStatus.HELD
    return status


class MeetingEventKind(StrEnum):
    """An entry in a meeting's history."""

    CREATED = "created"
    SENT_FOR_CHECKING = "sent_for_checking"
    CHECKED = "checked"  # one checker's answer: a date (and any comment)
    COMMENTED = "commented"  # one checker's comment, not checked yet
    APPROVED = "approved"
    REOPENED = "reopened"


class ItemKind(StrEnum):
    """Standard agenda items (glossary) and the meeting's own ones."""

    OPENING = "opening"
    LEGALITY = "legality"
    CHECKERS = "checkers"
    AGENDA_APPROVAL = "agenda_approval"
    PREVIOUS_MINUTES = "previous_minutes"
    ANNOUNCEMENTS = "announcements"
    OWN = "own"
    OTHER_MATTERS = "other_matters"
    NEXT_MEETING = "next_meeting"
    CLOSING = "closing"


# The fixed wording of the standard items in the document languages (glossary).
STANDARD_ITEM_TITLES: dict[ItemKind, dict[str, str]] = {
    ItemKind.OPENING: {"fi": "Kokouksen avaus", "sv": "Mötets öppnande"},
    ItemKind.LEGALITY: {"fi": "Laillisuus ja päätösvaltaisuus", "sv": "Laglighet och beslutförhet"},
    ItemKind.CHECKERS: {"fi": "Pöytäkirjantarkastajien valinta", "sv": "Val av protokolljusterare"},
    ItemKind.AGENDA_APPROVAL: {
        "fi": "Esityslistan hyväksyminen",
        "sv": "Godkännande av föredragningslistan",
    },
    ItemKind.PREVIOUS_MINUTES: {
        "fi": "Edellisen kokouksen pöytäkirja",
        "sv": "Föregående mötes protokoll",
    },
    ItemKind.ANNOUNCEMENTS: {"fi": "Ilmoitusasiat", "sv": "Anmälningsärenden"},
    ItemKind.OTHER_MATTERS: {"fi": "Muut asiat", "sv": "Övriga ärenden"},
    ItemKind.NEXT_MEETING: {"fi": "Seuraava kokous", "sv": "Nästa möte"},
    ItemKind.CLOSING: {"fi": "Kokouksen päättäminen", "sv": "Mötets avslutande"},
}
# Memo-style minutes (muistio) have no checkers and refer to the previous memo.
MEMO_PREVIOUS_TITLES = {
    "fi": "Edellisen kokouksen muistio",
    "sv": "Föregående mötes minnesanteckningar",
}

HEAD_ITEMS = (
    ItemKind.OPENING,
    ItemKind.LEGALITY,
    ItemKind.CHECKERS,
    ItemKind.AGENDA_APPROVAL,
    ItemKind.PREVIOUS_MINUTES,
    ItemKind.ANNOUNCEMENTS,
)
TAIL_ITEMS = (ItemKind.OTHER_MATTERS, ItemKind.NEXT_MEETING, ItemKind.CLOSING)


def standard_items(memo: bool = False) -> list[tuple[ItemKind, dict[str, str]]]:
    """The items a new meeting starts with, with their titles per language.

    The meeting's own items go between the head and the tail ("Muut asiat").
    """
    items: list[tuple[ItemKind, dict[str, str]]] = []
    for kind in (*HEAD_ITEMS, *TAIL_ITEMS):
        if memo and kind is ItemKind.CHECKERS:
            continue
        titles = STANDARD_ITEM_TITLES[kind]
        if memo and kind is ItemKind.PREVIOUS_MINUTES:
            titles = MEMO_PREVIOUS_TITLES
        items.append((kind, dict(titles)))
    return items


# --- meeting titles -------------------------------------------------------------------

# Finnish: last-word endings whose genitive is certain (consonant gradation included).
_FI_GENITIVE_ENDINGS = (
    ("ryhmä", "ryhmän"),
    ("kunta", "kunnan"),  # toimikunta, johtokunta, lautakunta, valiokunta
    ("hallitus", "hallituksen"),
    ("neuvosto", "neuvoston"),
    ("verkosto", "verkoston"),
    ("jaosto", "jaoston"),
    ("tiimi", "tiimin"),
    ("foorumi", "foorumin"),
    ("kokous", "kokouksen"),
)
# Swedish: definite genitive of the last word, from the indefinite or definite form.
_SV_GENITIVE_ENDINGS = (
    ("gruppen", "gruppens"),
    ("grupp", "gruppens"),
    ("styrelsen", "styrelsens"),
    ("styrelse", "styrelsens"),
    ("nämnden", "nämndens"),
    ("nämnd", "nämndens"),
    ("rådet", "rådets"),
    ("råd", "rådets"),
    ("kommittén", "kommitténs"),
    ("kommitté", "kommitténs"),
    ("teamet", "teamets"),
    ("team", "teamets"),
    ("forumet", "forumets"),
    ("forum", "forumets"),
    ("nätverket", "nätverkets"),
    ("nätverk", "nätverkets"),
)


def _keep_initial(original: str, inflected: str) -> str:
    if original[:1].isupper() and inflected[:1].islower():
        return inflected[:1].upper() + inflected[1:]
    return inflected


def finnish_genitive(name: str) -> str | None:
    """ "Ohjausryhmä" → "Ohjausryhmän"; None when the form is not certain.

    Only the last word inflects; words before it must already be genitive
    attributes ("LasSe-hankkeen ohjausryhmä"), since adjectives would inflect too.
    """
    words = name.split()
    if not words or any(not w.endswith("n") or w.endswith("nen") for w in words[:-1]):
        return None  # "Alueellinen ohjausryhmä" would need "Alueellisen"
    last = words[-1]
    for ending, genitive in _FI_GENITIVE_ENDINGS:
        if last.lower().endswith(ending):
            words[-1] = _keep_initial(last, last[: len(last) - len(ending)] + genitive)
            return " ".join(words)
    return None


def swedish_genitive(name: str) -> str | None:
    """ "Styrgrupp"/"Styrgruppen" → "Styrgruppens"; None when not certain.

    Only one-word names: after a genitive attribute the noun stays indefinite
    ("projektets styrgrupp"), and "projektets styrgrupps" reads badly.
    """
    if not name or " " in name.strip():
        return None
    for ending, genitive in _SV_GENITIVE_ENDINGS:
        if name.lower().endswith(ending):
            return _keep_initial(name, name[: len(name) - len(ending)] + genitive)
    return None


def swedish_ordinal(n: int) -> str:
    """1:a, 2:a, 3:e … 11:e, 12:e … 21:a, 22:a."""
    suffix = "a" if n % 10 in (1, 2) and n % 100 not in (11, 12) else "e"
    return f"{n}:{suffix}"


@lru_cache(maxsize=4096)  # a group's thousand meetings are listed at every refresh
def meeting_title(group_name: str, number: int, lang: str) -> str:
    """ "Ohjausryhmän 6. kokous" / "Styrgruppens 6:e möte".

    When the genitive of the name is not certain, a safe form that needs none:
    "KASPERI II ohjausryhmä – 6. kokous".
    """
    name = group_name.strip()
    if lang == "sv":
        genitive = swedish_genitive(name)
        ordinal = swedish_ordinal(number)
        return f"{genitive} {ordinal} möte" if genitive else f"{name} – {ordinal} möte"
    genitive = finnish_genitive(name)
    return f"{genitive} {number}. kokous" if genitive else f"{name} – {number}. kokous"
