"""Which § items lack their text in a document language.

An agenda item has a Finnish and a Swedish title, background, proposal and
decision. A document in Swedish (or in both languages) must not quietly print
Finnish text, nor an empty title: before writing one, the items whose text is
missing in a document language are listed. A placeholder title left over from
adding an item ("Uusi asia" / "Nytt ärende") counts as missing; it is never
printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Titles earlier versions gave a newly added item; never printed, counted as missing.
PLACEHOLDER_TITLES = frozenset({"uusi asia", "nytt ärende", "new item"})

TITLE, BACKGROUND, PROPOSAL, DECISION = "title", "background", "proposal", "decision"
AGENDA_FIELDS = (TITLE, BACKGROUND, PROPOSAL)
MINUTES_FIELDS = (TITLE, BACKGROUND, PROPOSAL, DECISION)


def is_placeholder(title: str) -> bool:
    return title.strip().casefold() in PLACEHOLDER_TITLES


def real_title(title: str) -> str:
    """The title as printed: stripped, and empty when it is only a placeholder."""
    return "" if is_placeholder(title) else title.strip()


@dataclass(frozen=True)
class ItemTexts:
    """One § item's texts: field name → (Finnish, Swedish)."""

    section: int
    texts: dict[str, tuple[str, str]]

    def text(self, name: str, lang: str) -> str:
        fi, sv = self.texts.get(name, ("", ""))
        value = sv if lang == "sv" else fi
        return real_title(value) if name == TITLE else value.strip()


@dataclass(frozen=True)
class MissingText:
    section: int
    title: str  # in whichever language it exists, for the list
    language: str  # "fi" or "sv": the language the text is missing in
    fields: tuple[str, ...]  # TITLE, BACKGROUND, … in that order


def missing_texts(
    items: Iterable[ItemTexts], languages: Sequence[str], fields: Sequence[str] = MINUTES_FIELDS
) -> list[MissingText]:
    """Per item and document language, the *fields* written in another language only.

    A title is always needed; a text field only when the item has it in some
    language (an empty proposal in both languages is simply not printed).
    """
    found: list[MissingText] = []
    for item in items:
        title = item.text(TITLE, "fi") or item.text(TITLE, "sv")
        for lang in languages:
            lacking = []
            for name in fields:
                if item.text(name, lang):
                    continue
                if name == TITLE or any(item.text(name, other) for other in ("fi", "sv")):
                    lacking.append(name)
            if lacking:
                found.append(MissingText(item.section, title, lang, tuple(lacking)))
    return found
