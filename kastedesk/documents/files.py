"""Saving documents safely, and the names they are given by default."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.document import Document as DocumentObject

from kastedesk.atomic_files import atomic_path
from kastedesk.documents.content import MeetingContent
from kastedesk.file_names import ascii_name

# The document's kind in file names (glossary words; folded to ASCII in the name).
FILE_WORDS = {
    "agenda": {"fi": "esityslista", "sv": "föredragningslista", "en": "agenda"},
    "minutes": {"fi": "pöytäkirja", "sv": "protokoll", "en": "minutes"},
    "memo": {"fi": "muistio", "sv": "minnesanteckningar", "en": "memo"},
    "extract": {"fi": "pöytäkirjanote", "sv": "protokollsutdrag", "en": "extract"},
    "memo extract": {"fi": "muistio-ote", "sv": "utdrag ur minnesanteckningar", "en": "extract"},
}


def save_document(document: DocumentObject, target: Path) -> Path:
    """Write to a temporary file beside *target*, then put it in place."""
    with atomic_path(Path(target)) as tmp:
        document.save(str(tmp))
    return Path(target)


def default_file_name(
    content: MeetingContent, kind: str, languages: Sequence[str], suffix: str
) -> str:
    """E.g. ``Ohjausryhma_6_esityslista_2014-09-23.docx`` (in the first document language).

    *kind* is "agenda", "minutes", "memo", "extract" or "memo extract".
    """
    lang = languages[0]
    parts = [content.group.get(lang), str(content.number), FILE_WORDS[kind][lang]]
    return f"{ascii_name(' '.join(parts))}_{content.date.isoformat()}{suffix}"


def extract_file_name(
    content: MeetingContent, sections: Sequence[int], languages: Sequence[str], suffix: str
) -> str:
    """E.g. ``Ohjausryhma_6_poytakirjanote_7-9_12_2014-09-23.docx``: the § items in the name."""
    stem = default_file_name(content, "memo extract" if content.memo else "extract", languages, "")
    return f"{stem.rsplit('_', 1)[0]}_{section_ranges(sections)}_{content.date.isoformat()}{suffix}"


def section_ranges(sections: Sequence[int]) -> str:
    """(7, 8, 9, 12) → "7-9_12"."""
    runs: list[list[int]] = []
    for n in sorted(set(sections)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "_".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def invitation_file_name(content: MeetingContent) -> str:
    """E.g. ``Ohjausryhman_6_kokous_2014-09-23.ics`` (in the meeting's first language)."""
    return f"{ascii_name(content.title.get(content.languages[0]))}_{content.date.isoformat()}.ics"
