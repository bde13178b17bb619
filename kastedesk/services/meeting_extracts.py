"""Extracts of the minutes (pöytäkirjanote · protokollsutdrag) of chosen § items.

The meeting is read once, with the same read model as the minutes
(:func:`meeting_documents.read_content`), together with its status and the
group's template; the extract is then checked (held meeting, existing items
with decisions, a secretary to certify it, texts in the document languages)
and written outside the session.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from kastedesk.documents.content import ItemContent, MeetingContent
from kastedesk.documents.docx_builder import build_extract
from kastedesk.documents.files import extract_file_name, save_document
from kastedesk.domain.backlog import outcome_decision
from kastedesk.domain.extracts import check_certification_date, check_extract
from kastedesk.domain.item_languages import MissingText
from kastedesk.domain.meetings import MeetingStatus
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.services.meeting_documents import (
    MINUTES,
    MissingLanguageError,
    document_languages,
    missing_in,
    read_content,
    template_of,
)
from kastedesk.services.meeting_views import load_meeting_for_reading
from kastedesk.services.pdf_export import convert_to_pdf
from kastedesk.storage.database import Database


@dataclass(frozen=True)
class ExtractSource:
    """What an extract is made from: the meeting's content, its status, the group's template."""

    content: MeetingContent
    status: MeetingStatus
    template: Path | None

    def check(self, sections: Sequence[int]) -> None:
        """ValidationError when these § items cannot be certified as an extract."""
        items = self.content.items
        check_extract(
            self.status,
            sections,
            {i.section for i in items},
            {i.section for i in items if _decided(i)},
            self.content.secretary,
        )

    def missing(self, sections: Sequence[int], languages: Sequence[str]) -> list[MissingText]:
        """The chosen items lacking text in a document language (as for the minutes)."""
        chosen = replace(
            self.content, items=tuple(i for i in self.content.items if i.section in sections)
        )
        return missing_in(chosen, MINUTES, languages)

    def languages(self, languages: Sequence[str] | None) -> tuple[str, ...]:
        return document_languages(self.content, languages)

    def file_name(
        self, sections: Sequence[int], languages: Sequence[str], suffix: str = ".docx"
    ) -> str:
        return extract_file_name(self.content, sections, languages, suffix)


def _decided(item: ItemContent) -> bool:
    """A decision typed, or a tabled, postponed or withdrawn item (the minutes word those)."""
    return bool(
        item.decision.strip() or item.decision_sv.strip() or outcome_decision(item.outcome, "fi")
    )


def extract_source(db: Database, meeting_id: int) -> ExtractSource:
    """One read: the meeting's read model, its status and the group's template."""
    with db.read() as s:
        meeting = load_meeting_for_reading(s, meeting_id)
        if meeting is None:
            raise ValidationError(
                {"": _("There is no meeting with id {id}.").format(id=meeting_id)}
            )
        return ExtractSource(
            read_content(s, meeting), meeting.status, template_of(meeting.group)
        )


def write_extract(
    db: Database,
    meeting_id: int,
    sections: Sequence[int],
    target: Path,
    languages: Sequence[str] | None = None,
    template: Path | None = None,
    certified_on: dt.date | None = None,
    allow_missing: bool = False,
) -> Path:
    """Write the extract of § *sections* to *target* (.docx, or .pdf through LibreOffice).

    Raises ValidationError when the items cannot be certified (see
    :meth:`ExtractSource.check`), :class:`MissingLanguageError` when they lack
    text in a document language (unless *allow_missing*), ``TemplateError``,
    ``PdfUnavailable`` or ``FileWriteError``. *certified_on* defaults to today.
    """
    source = extract_source(db, meeting_id)
    source.check(sections)
    certified_on = certified_on or dt.date.today()
    check_certification_date(certified_on, source.content.date)
    langs = source.languages(languages)
    if not allow_missing and (missing := source.missing(sections, langs)):
        raise MissingLanguageError(missing)
    document = build_extract(
        source.content,
        sections,
        langs,
        template or source.template,
        certified_on,
    )
    target = Path(target)
    if target.suffix.lower() != ".pdf":
        return save_document(document, target)
    with tempfile.TemporaryDirectory(prefix="kastedesk-") as work:
        docx = save_document(document, Path(work, target.with_suffix(".docx").name))
        return convert_to_pdf(docx, target)
