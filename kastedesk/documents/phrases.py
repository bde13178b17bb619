"""The fixed words of the documents, in one language or in Finnish and Swedish together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kastedesk.domain.registry import ROLE_LABELS, Role
from kastedesk.formatting import format_meeting_time
from kastedesk.i18n import N_, translator

if TYPE_CHECKING:
    from kastedesk.documents.content import Bilingual

AGENDA = N_("AGENDA")
MINUTES = N_("MINUTES")
MEMO = N_("MEMO")
EXTRACT = N_("EXTRACT OF MINUTES")
EXTRACT_OF_MEMO = N_("EXTRACT OF MEMO")
CERTIFIED = N_("Certified a true extract of the minutes")
CERTIFIED_MEMO = N_("Certified a true extract of the memo")
TIME = N_("Time")
PLACE = N_("Place")
REMOTE = N_("Remote connection")
INVITED = N_("Invitees")
FOR_INFORMATION = N_("For information")
PRESENT = N_("Present")
ABSENT = N_("Absent")
OTHERS_PRESENT = N_("Also present")
PRESENTER = N_("Presenter")
BACKGROUND = N_("Background")
PROPOSAL = N_("Proposal")
DECISION = N_("Decision")
VOTE = N_("Vote")
ATTACHMENT = N_("Attachment")
ACTIONS = N_("Action items")
CARRIED_ACTIONS = N_("Open action items from the previous meeting")
WHAT = N_("Action")
WHO = N_("Responsible")
DUE = N_("Due")
DONE = N_("done")
NAME = N_("Name")
ORGANISATION = N_("Organisation")
ROLE = N_("Role")
STANDS_IN_FOR = N_("standing in for {name}")
DEPUTY_OF = N_("personal deputy of {name}")
ARRIVED_AT = N_("arrived at § {section}")
LEFT_AT = N_("left at § {section}")
GUEST = N_("guest")
CHAIR_SIGNATURE = N_("Chair")
SECRETARY_SIGNATURE = N_("Secretary")
CHECKERS = N_("Minutes checked")
PLACE_AND_DATE = N_("Place and date")
CHECKED_ON = N_("The minutes were checked on {date}.")
CHECKER_CHECKED_ON = N_("checked {date}")  # under one checker's signature
PAGE = N_("Page")
PAGE_OF = N_("of")  # "Sivu 1 / 5": the word between the numbers; "/" in fi and sv
SUBJECT_AGENDA = N_("{title} {date} – agenda")
MAIL_BODY = N_(
    "Hello,\n\nHere is the agenda of {title} on {time}, place: {place}.\n"
    "The attachments and a calendar invitation are attached.\n\nBest regards\n{secretary}"
)
ITEMS_HEADING = N_("Agenda items")


class Phrases:
    """Fixed words for a document in *languages* (Finnish first when both)."""

    def __init__(self, languages: Sequence[str]) -> None:
        self.languages = tuple(languages)
        self._gettext = {lang: translator(lang).gettext for lang in self.languages}

    def one(self, lang: str, msgid: str) -> str:
        return self._gettext[lang](msgid)

    def __call__(self, msgid: str, **values: object) -> str:
        """*msgid* in every document language, joined with " / "."""
        texts = [self.one(lang, msgid).format(**values) for lang in self.languages]
        return " / ".join(dict.fromkeys(texts))

    def role(self, role: Role | None) -> str:
        return self(GUEST) if role is None else self(ROLE_LABELS[role])

    def meeting_time(self, date: dt.date, start: dt.time | None, end: dt.time | None) -> str:
        texts = [format_meeting_time(date, start, end, lang) for lang in self.languages]
        return " / ".join(dict.fromkeys(texts))

    def bilingual(self, text: Bilingual) -> str:
        """A :class:`~kastedesk.documents.content.Bilingual` text in the document languages."""
        texts = [text.get(lang) for lang in self.languages]
        return " / ".join(dict.fromkeys(t for t in texts if t))

    def page_of(self) -> tuple[str, str]:
        """("Sivu", "/"), ("Sida", "/") or ("Sivu / Sida", "/")."""
        return self(PAGE), " / ".join(
            dict.fromkeys(self.one(lang, PAGE_OF) for lang in self.languages)
        )
