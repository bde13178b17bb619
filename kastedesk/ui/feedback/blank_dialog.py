"""Print blank feedback forms for a workshop: language, copies, .docx or PDF, file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QSpinBox, QWidget

from kastedesk.domain.blank_forms import MAX_COPIES
from kastedesk.domain.registry import DocLanguages
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.services.blank_forms import (
    blank_file_name,
    blank_form_content,
    write_blank_forms,
)
from kastedesk.services.pdf_export import PdfUnavailable, pdf_unavailable_reason
from kastedesk.storage.database import Database
from kastedesk.ui.busy import busy_cursor
from kastedesk.ui.meetings.document_dialog import DocumentDialog, DocumentRequest


class BlankFormsDialog(DocumentDialog):
    """The meeting documents' dialog with a number of copies; OK writes the file."""

    help_topic = "workshops"  # the user guide's page (F1): Blank forms… is there

    def __init__(
        self, db: Database, workshop_id: int, folder: Path, parent: QWidget | None = None
    ) -> None:
        self.db = db
        self.workshop_id = workshop_id
        self.content = blank_form_content(db, workshop_id)
        self.copies = QSpinBox()
        self.copies.setRange(1, MAX_COPIES)
        self.copies.setValue(1)
        self.written: Path | None = None
        super().__init__(
            _("Blank forms – {workshop}").format(workshop=self.content.workshop),
            DocLanguages(self.content.language),
            lambda languages, pdf: folder / blank_file_name(self.content, languages, pdf),
            pdf_unavailable_reason(),
            self.write,
            parent,
        )
        self.form.add_field("copies", lambda: _("Copies"), self.copies)
        self.copies.setToolTip(_("Each copy is printed on a page of its own."))

    def write(self, request: DocumentRequest) -> Path:
        copies = self.copies.value()
        try:
            with busy_cursor():
                write_blank_forms(
                    self.db, self.workshop_id, request.path, request.languages, copies
                )
        except PdfUnavailable as exc:
            raise ValidationError({"format": str(exc)}) from exc
        except OSError as exc:
            raise ValidationError({"path": str(exc)}) from exc
        self.written = request.path
        if request.open_after:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(request.path)))
        return request.path
