"""What goes into a meeting's agenda and minutes, as plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kastedesk.domain.backlog import ItemOutcome
from kastedesk.domain.bilingual import in_language
from kastedesk.domain.meetings import ItemKind
from kastedesk.domain.registry import Role
from kastedesk.domain.votes import VoteChoice


@dataclass(frozen=True)
class Bilingual:
    """A text the program knows in both languages (names of groups, standard items)."""

    fi: str
    sv: str = ""

    def get(self, lang: str) -> str:
        return in_language(self.fi, self.sv, lang)


@dataclass(frozen=True)
class PersonLine:
    name: str
    organisation: str
    role: Role | None  # None for a guest
    email: str = ""
    language: str = "fi"
    seat: int | None = None  # the membership
    deputy_of: int | None = None  # a personal deputy: their member's membership
    deputy_of_name: str = ""


@dataclass(frozen=True)
class AttendanceLine:
    person: PersonLine
    present: bool
    stands_in_for: str = ""  # a deputy standing in: their member's name
    arrived_at: int | None = None  # §
    left_at: int | None = None  # §


@dataclass(frozen=True)
class ActionLine:
    what: str
    responsible: str
    due: dt.date | None
    done: bool = False


@dataclass(frozen=True)
class AttachmentLine:
    number: int  # Liite/Bilaga n, numbered through the meeting
    title: str
    path: str = ""  # the stored copy (relative to the data folder), for mail drafts
    file_name: str = ""  # the name the file had when it was attached


@dataclass(frozen=True)
class VoteContent:
    yes_motion: Bilingual
    no_motion: Bilingual
    yes: int
    no: int
    abstain: int
    tie_winner: VoteChoice | None = None  # on a tie, the side the chair voted for
    voted_yes: tuple[str, ...] = ()  # names, in a vote by name
    voted_no: tuple[str, ...] = ()
    voted_abstain: tuple[str, ...] = ()

    @property
    def by_name(self) -> bool:
        return bool(self.voted_yes or self.voted_no or self.voted_abstain)


@dataclass(frozen=True)
class ItemContent:
    section: int
    title: Bilingual
    kind: ItemKind = ItemKind.OWN
    presenter: str = ""
    background: str = ""
    proposal: str = ""
    decision: str = ""
    attachments: tuple[AttachmentLine, ...] = ()
    actions: tuple[ActionLine, ...] = ()
    carried_actions: tuple[ActionLine, ...] = ()  # open ones from the previous meeting
    # The texts above are the Finnish ones; these the Swedish.
    background_sv: str = ""
    proposal_sv: str = ""
    decision_sv: str = ""
    outcome: ItemOutcome = ItemOutcome.DECIDED  # the minutes word the others
    disqualified: tuple[str, ...] = ()  # names of those who left as disqualified
    vote: VoteContent | None = None

    def texts(self, name: str, languages: tuple[str, ...]) -> list[str]:
        """ "background", "proposal" or "decision" in each document language that has it.

        When no document language has it (the secretary chose to go on with
        missing texts), the text of the other language, rather than nothing.
        """
        both = {"fi": getattr(self, name), "sv": getattr(self, f"{name}_sv")}
        found = [both[lang] for lang in languages if both[lang].strip()]
        if found:
            return found
        return [text for text in both.values() if text.strip()][:1]


@dataclass(frozen=True)
class MeetingContent:
    meeting_id: int
    project: Bilingual
    group: Bilingual
    title: Bilingual  # "Ohjausryhmän 6. kokous" / "Styrgruppens 6:e möte"
    number: int
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    place: str
    remote_link: str
    languages: tuple[str, ...]  # ("fi",), ("sv",) or ("fi", "sv")
    memo: bool  # muistio / minnesanteckningar instead of formal minutes
    invitees: tuple[PersonLine, ...]
    for_information: tuple[PersonLine, ...]
    items: tuple[ItemContent, ...]
    attendance: tuple[AttendanceLine, ...] = ()
    quorum: Bilingual = Bilingual("")  # the statement under the legality item
    chair: str = ""
    secretary: str = ""
    secretary_email: str = ""
    checkers: tuple[str, ...] = ()
    checked_on: dt.date | None = None
    checkers_checked_on: tuple[dt.date | None, ...] = ()  # each checker's date, as checkers
    sequence: int = 0  # grows each time the invitation is sent again
    extra: dict[str, str] = field(default_factory=dict)
