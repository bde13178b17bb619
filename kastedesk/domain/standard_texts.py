"""Proposal and decision texts of the standard § items, written from the meeting's data.

Each text is a phrase template per language with named placeholders
(``{start}``, ``{checkers}`` …), in Kuntaliitto/Kommunförbundet style. A group
may replace any of them; :func:`template_problems` checks a replacement before
it is saved. A text whose data is not there yet (no checkers chosen, no next
meeting planned) is not written at all, rather than written with a gap.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass

from kastedesk.domain.meetings import ItemKind, swedish_ordinal
from kastedesk.formatting import format_date, format_meeting_time, format_time
from kastedesk.i18n import N_

PROPOSAL, DECISION = "proposal", "decision"
TEXT_FIELDS = (PROPOSAL, DECISION)

# What each placeholder means, for the template editor (translated there).
PLACEHOLDERS: dict[str, str] = {
    "start": N_("the meeting's starting time (12.30)"),
    "end": N_("the meeting's closing time (15.00)"),
    "date": N_("the meeting's date (23.9.2014)"),
    "chair": N_("the chair's name"),
    "checkers": N_("the minutes checkers' names"),
    "quorum_verdict": N_("quorate or not, as words of the sentence (ja päätösvaltaiseksi)"),
    "previous_ordinal": N_("the previous meeting's number (5. / 5:e)"),
    "previous_date": N_("the previous meeting's date"),
    "next_time": N_("the next meeting's day, date and time"),
    "next_place": N_("the next meeting's place"),
}

DEFAULT_TEMPLATES: dict[tuple[ItemKind, str], dict[str, str]] = {
    (ItemKind.OPENING, PROPOSAL): {
        "fi": "Puheenjohtaja avaa kokouksen.",
        "sv": "Ordföranden öppnar mötet.",
    },
    (ItemKind.OPENING, DECISION): {
        "fi": "Puheenjohtaja avasi kokouksen klo {start}.",
        "sv": "Ordföranden öppnade mötet kl. {start}.",
    },
    (ItemKind.LEGALITY, PROPOSAL): {
        "fi": "Todetaan kokous laillisesti koolle kutsutuksi ja päätösvaltaiseksi.",
        "sv": "Mötet konstateras vara lagligen sammankallat och beslutfört.",
    },
    (ItemKind.LEGALITY, DECISION): {
        "fi": "Kokous todettiin laillisesti koolle kutsutuksi {quorum_verdict}.",
        "sv": "Mötet konstaterades vara lagligen sammankallat {quorum_verdict}.",
    },
    (ItemKind.CHECKERS, PROPOSAL): {
        "fi": "Valitaan pöytäkirjantarkastajiksi {checkers}.",
        "sv": "Till protokolljusterare väljs {checkers}.",
    },
    (ItemKind.CHECKERS, DECISION): {
        "fi": "Pöytäkirjantarkastajiksi valittiin {checkers}.",
        "sv": "Till protokolljusterare valdes {checkers}.",
    },
    (ItemKind.AGENDA_APPROVAL, PROPOSAL): {
        "fi": "Hyväksytään esityslista kokouksen työjärjestykseksi.",
        "sv": "Föredragningslistan godkänns som arbetsordning för mötet.",
    },
    (ItemKind.AGENDA_APPROVAL, DECISION): {
        "fi": "Esityslista hyväksyttiin kokouksen työjärjestykseksi.",
        "sv": "Föredragningslistan godkändes som arbetsordning för mötet.",
    },
    (ItemKind.PREVIOUS_MINUTES, PROPOSAL): {
        "fi": "Hyväksytään {previous_ordinal} kokouksen {previous_date} pöytäkirja.",
        "sv": "Protokollet från det {previous_ordinal} mötet {previous_date} godkänns.",
    },
    (ItemKind.PREVIOUS_MINUTES, DECISION): {
        "fi": "Hyväksyttiin {previous_ordinal} kokouksen {previous_date} pöytäkirja.",
        "sv": "Protokollet från det {previous_ordinal} mötet {previous_date} godkändes.",
    },
    (ItemKind.ANNOUNCEMENTS, PROPOSAL): {
        "fi": "Merkitään ilmoitusasiat tiedoksi.",
        "sv": "Anmälningsärendena antecknas för kännedom.",
    },
    (ItemKind.ANNOUNCEMENTS, DECISION): {
        "fi": "Merkittiin ilmoitusasiat tiedoksi.",
        "sv": "Anmälningsärendena antecknades för kännedom.",
    },
    (ItemKind.NEXT_MEETING, PROPOSAL): {
        "fi": "Seuraava kokous pidetään {next_time}, {next_place}.",
        "sv": "Nästa möte hålls {next_time}, {next_place}.",
    },
    (ItemKind.NEXT_MEETING, DECISION): {
        "fi": "Seuraava kokous pidetään {next_time}, {next_place}.",
        "sv": "Nästa möte hålls {next_time}, {next_place}.",
    },
    (ItemKind.CLOSING, PROPOSAL): {
        "fi": "Puheenjohtaja päättää kokouksen.",
        "sv": "Ordföranden avslutar mötet.",
    },
    (ItemKind.CLOSING, DECISION): {
        "fi": "Puheenjohtaja päätti kokouksen klo {end}.",
        "sv": "Ordföranden avslutade mötet kl. {end}.",
    },
}

# "Decision as proposed", in each document language (glossary).
DECISION_AS_PROPOSED = {
    "fi": "Hyväksyttiin päätösehdotuksen mukaisesti.",
    "sv": "Förslaget godkändes.",
}
TEMPLATE_MAX_LENGTH = 2000


@dataclass(frozen=True)
class MeetingFacts:
    """The data the standard texts are written from; None or "" where not known yet."""

    date: dt.date
    start: dt.time | None = None
    end: dt.time | None = None
    chair: str = ""
    checkers: tuple[str, ...] = ()
    quorate: bool | None = None  # None: attendance not recorded
    previous_number: int | None = None
    previous_date: dt.date | None = None
    next_date: dt.date | None = None
    next_start: dt.time | None = None
    next_place: str = ""


def _and(names: tuple[str, ...], lang: str) -> str:
    word = "och" if lang == "sv" else "ja"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {word} {names[-1]}"


def placeholder_values(facts: MeetingFacts, lang: str) -> dict[str, str]:
    """Every placeholder's text in *lang*; "" where the data is not there."""
    verdicts = {
        "fi": ("ja päätösvaltaiseksi", "mutta ei päätösvaltaiseksi"),
        "sv": ("och beslutfört", "men inte beslutfört"),
    }[lang]
    return {
        "start": format_time(facts.start),
        "end": format_time(facts.end),
        "date": format_date(facts.date),
        "chair": facts.chair,
        "checkers": _and(facts.checkers, lang) if len(facts.checkers) >= 2 else "",
        "quorum_verdict": "" if facts.quorate is None else verdicts[0 if facts.quorate else 1],
        "previous_ordinal": (
            ""
            if facts.previous_number is None
            else swedish_ordinal(facts.previous_number)
            if lang == "sv"
            else f"{facts.previous_number}."
        ),
        "previous_date": format_date(facts.previous_date),
        "next_time": (
            format_meeting_time(facts.next_date, facts.next_start, None, lang)
            if facts.next_date
            else ""
        ),
        "next_place": facts.next_place,
    }


def _fields(template: str) -> list[str | None]:
    return [
        name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None
    ]


def render(template: str, values: dict[str, str]) -> str | None:
    """The template filled in; None when a placeholder it uses has no value yet."""
    names = _fields(template)
    if any(not values.get(name or "") for name in names):
        return None
    return template.format(**{name: values[name] for name in names if name})


def template_problems(template: str) -> str | None:
    """Why a group's template cannot be saved (English msgid with {values}), or None."""
    if len(template) > TEMPLATE_MAX_LENGTH:
        return N_("The text is too long.")
    try:
        names = _fields(template)
    except ValueError:
        return N_("Write each placeholder as a name in braces, such as {{start}}.")
    for name in names:
        if not name or name not in PLACEHOLDERS:
            return N_("Unknown placeholder {{{name}}}.")
    return None


def unknown_placeholder(template: str) -> str:
    """The first unknown placeholder's name, for the message of :func:`template_problems`."""
    try:
        return next((n or "" for n in _fields(template) if not n or n not in PLACEHOLDERS), "")
    except ValueError:
        return ""
