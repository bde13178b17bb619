"""A meeting's documents: agenda and minutes (Word/PDF), invitation, agenda e-mail, template."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QRunnable, QSettings, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from kastedesk.atomic_files import FileWriteError
from kastedesk.documents.files import invitation_file_name
from kastedesk.documents.template import TemplateError
from kastedesk.domain.extracts import check_certification_date
from kastedesk.domain.item_languages import MissingText
from kastedesk.domain.registry import DocLanguages, MinutesStyle
from kastedesk.domain.validation import ValidationError
from kastedesk.file_names import free_name
from kastedesk.i18n import _
from kastedesk.paths import user_data_dir
from kastedesk.services import meeting_documents as docs
from kastedesk.services import meeting_extracts as extracts
from kastedesk.services import meeting_mail, minutes_review
from kastedesk.services.meeting_views import MeetingDetail
from kastedesk.services.pdf_export import PdfUnavailable, convert_to_pdf, pdf_unavailable_reason
from kastedesk.storage.database import Database
from kastedesk.ui.busy import busy_cursor
from kastedesk.ui.file_dialogs import (
    FileKind,
    open_file_name,
    remember_folder,
    save_file_name,
    start_folder,
)
from kastedesk.ui.flow_layout import FlowLayout
from kastedesk.ui.meetings.document_dialog import DocumentDialog, DocumentRequest
from kastedesk.ui.meetings.extract_dialog import ExtractDialog, ExtractRequest
from kastedesk.ui.meetings.missing_texts import MissingChoice, MissingTextsDialog
from kastedesk.ui.modal import run_modal


class _JobSignals(QObject):
    done = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self.work = work
        self.signals = _JobSignals()

    def run(self) -> None:
        try:
            result: object = self.work()
        except Exception as exc:  # handed back to the GUI thread
            result = exc
        self.signals.done.emit(result)


def run_with_progress(parent: QWidget, label: str, work: Callable[[], object]) -> object:
    """Run *work* in a worker thread; the window stays responsive, a busy dialog shows."""
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setMinimumDuration(300)
    loop = QEventLoop()
    box: list[object] = []
    job = _Job(work)

    def finished(result: object) -> None:
        box.append(result)
        loop.quit()

    job.signals.done.connect(finished)
    QThreadPool.globalInstance().start(job)
    loop.exec()
    progress.close()
    result = box[0]
    if isinstance(result, Exception):
        raise result
    return result


class DocumentsBar(QWidget):
    changed = Signal()  # the meeting changed (agenda marked sent)
    message = Signal(str)  # for the status bar
    fill_in_requested = Signal(int, str)  # § and language of a text missing in a document

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.detail: MeetingDetail | None = None
        self.label = QLabel()
        self.agenda_button = QPushButton()
        self.minutes_button = QPushButton()
        self.invite_button = QPushButton()
        self.mail_button = QPushButton()
        self.template_button = QPushButton()
        self.deputies = QCheckBox()
        self.agenda_button.clicked.connect(lambda: self.export(docs.AGENDA))
        self.minutes_button.clicked.connect(lambda: self.export(docs.MINUTES))
        self.invite_button.clicked.connect(lambda: self.save_invitation())
        self.mail_button.clicked.connect(lambda: self.send_agenda())
        self.template_button.clicked.connect(lambda: self.choose_template())
        row = FlowLayout(self)  # wraps on a narrow screen (150 % on 1366×768)
        row.addWidget(self.label)
        for button in (
            self.agenda_button,
            self.minutes_button,
            self.invite_button,
            self.mail_button,
            self.template_button,
        ):
            row.addWidget(button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.label.setText(_("Documents:"))
        self.agenda_button.setText(_("A&genda…"))
        self.minutes_button.setText(_("Mi&nutes…"))
        self.invite_button.setText(_("Calendar &invitation…"))
        self.mail_button.setText(_("Send agen&da…"))
        self.template_button.setText(_("Word &template…"))
        self.deputies.setText(_("Deputies too"))
        self.deputies.setToolTip(
            _("Invite the personal deputies too, in the invitation and the agenda e-mail")
        )
        self.template_button.setToolTip(_("The organisation's own .docx template for this group"))

    def show_meeting(self, detail: MeetingDetail | None) -> None:
        self.detail = detail
        # Approved minutes lock the meeting: its agenda is long gone.
        self.mail_button.setEnabled(detail is not None and not detail.locked)

    # --- hooks tests replace ----------------------------------------------------------------

    def run_dialog(self, dialog: QDialog) -> bool:
        return run_modal(dialog) == QDialog.DialogCode.Accepted

    def ask_missing(self, missing: list[MissingText]) -> tuple[MissingChoice, MissingText]:
        dialog = MissingTextsDialog(missing, self)
        run_modal(dialog)
        return dialog.choice, dialog.selected()

    def _may_write(self, exc: docs.MissingLanguageError) -> bool:
        """Ask about the missing texts: True writes anyway; filling in opens the item."""
        choice, entry = self.ask_missing(exc.missing)
        if choice is MissingChoice.FILL_IN:
            self.fill_in_requested.emit(entry.section, entry.language)
        return choice is MissingChoice.WRITE_ANYWAY

    def open_file(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def settings(self) -> QSettings:
        return QSettings()

    def today(self) -> dt.date:
        return dt.date.today()

    # --- actions ------------------------------------------------------------------------------

    def _folder(self) -> Path:
        return start_folder(FileKind.DOCUMENTS, self.settings())

    def export(self, kind: str) -> Path | None:
        if self.detail is None:
            return None
        db, meeting_id = self.db, self.detail.meeting.id
        content = docs.meeting_content(db, meeting_id)
        title = _("Agenda") if kind == docs.AGENDA else _("Minutes")

        def suggest(languages: tuple[str, ...], pdf: bool) -> Path:
            name = docs.suggested_name(content, kind, languages, ".pdf" if pdf else ".docx")
            return self._folder() / name

        def save(request: object) -> Path:
            assert isinstance(request, DocumentRequest)
            return self._write(db, meeting_id, kind, request, dialog)

        warning = minutes_review.early_warning(db, meeting_id) if kind == docs.MINUTES else ""
        dialog = DocumentDialog(
            title,
            DocLanguages("+".join(content.languages)),
            suggest,
            pdf_unavailable_reason(),
            save,
            self,
            warning,
        )
        return self._after_dialog(dialog)

    def _after_dialog(self, dialog: DocumentDialog) -> Path | None:
        """Run the dialog (which writes the file); remember the folder and open the file."""
        if not self.run_dialog(dialog):
            return None
        path = dialog.result_value
        assert isinstance(path, Path)
        remember_folder(FileKind.DOCUMENTS, path, self.settings())
        self.message.emit(_("Written: {path}").format(path=path))
        if dialog.open_after.isChecked():
            self.open_file(path)
        return path

    def _write(
        self, db: Database, meeting_id: int, kind: str, request: DocumentRequest, dialog
    ) -> Path:
        missing = docs.missing_for_document(db, meeting_id, kind, request.languages)

        def write(target: Path) -> Path:
            return docs.write_document(
                db, meeting_id, kind, target, request.languages, allow_missing=True
            )

        return self._write_checked(request, dialog, missing, write)

    def _write_checked(
        self,
        request: DocumentRequest,
        dialog: DocumentDialog,
        missing: list[MissingText],
        write: Callable[[Path], Path],
    ) -> Path:
        """Ask about *missing* texts, then *write* the .docx (and make the PDF off the GUI)."""
        if missing and not self._may_write(docs.MissingLanguageError(missing)):
            dialog.reject()
            raise ValidationError({"": _("The document was not written.")})
        try:
            if not request.pdf:
                with busy_cursor():
                    return write(request.path)
            with tempfile.TemporaryDirectory(prefix="kastedesk-") as work:
                docx = Path(work, request.path.with_suffix(".docx").name)
                with busy_cursor():
                    write(docx)
                target = request.path
                run_with_progress(self, _("Making the PDF…"), lambda: convert_to_pdf(docx, target))
                return target
        except FileWriteError as exc:
            # Open in Word, locked or read-only: offer a free name next to it.
            dialog.path.setText(str(free_name(request.path)))
            raise ValidationError(
                {"path": str(exc) + " " + _("A free name is suggested above.")}
            ) from exc
        except PdfUnavailable as exc:
            raise ValidationError({"format": str(exc)}) from exc
        except TemplateError as exc:
            raise ValidationError({"": str(exc)}) from exc

    def export_extract(self, sections: list[int]) -> Path | None:
        """The extract of the minutes of § *sections* (the agenda list's selection)."""
        if self.detail is None or not sections:
            return None
        db, meeting_id = self.db, self.detail.meeting.id
        memo = self.detail.minutes_style == MinutesStyle.MEMO
        title = _("Extract of the memo") if memo else _("Extract of the minutes")
        try:
            source = extracts.extract_source(db, meeting_id)
            source.check(sections)
        except ValidationError as exc:
            QMessageBox.warning(self, title, " ".join(exc.errors.values()))
            return None

        def suggest(languages: tuple[str, ...], pdf: bool) -> Path:
            suffix = ".pdf" if pdf else ".docx"
            return self._folder() / source.file_name(sections, languages, suffix)

        def save(request: object) -> Path:
            assert isinstance(request, ExtractRequest)
            check_certification_date(request.certified_on, source.content.date)  # before asking
            langs = source.languages(request.languages)
            missing = source.missing(sections, langs)

            def write(target: Path) -> Path:
                return extracts.write_extract(
                    db, meeting_id, sections, target, langs,
                    certified_on=request.certified_on, allow_missing=True,
                )  # fmt: skip

            return self._write_checked(request, dialog, missing, write)

        lang = source.content.languages[0]
        items = [
            f"{item.section} §  {item.title.get(lang)}"
            for item in source.content.items
            if item.section in sections
        ]
        dialog = ExtractDialog(
            items,
            DocLanguages("+".join(source.content.languages)),
            suggest,
            pdf_unavailable_reason(),
            save,
            self.today(),
            self,
            memo=memo,
        )
        return self._after_dialog(dialog)

    def save_invitation(self, path: Path | None = None) -> Path | None:
        if self.detail is None:
            return None
        db, meeting_id = self.db, self.detail.meeting.id
        if path is None:
            content = docs.meeting_content(db, meeting_id)
            path, _filter = save_file_name(
                self, FileKind.DOCUMENTS, _("Calendar invitation"),
                invitation_file_name(content), _("Calendar files (*.ics)"), self.settings(),
            )  # fmt: skip
            if path is None:
                return None
        try:
            meeting_mail.write_invitation(db, meeting_id, path, self.deputies.isChecked())
        except FileWriteError as exc:
            QMessageBox.warning(self, _("Calendar invitation"), str(exc))
            return None
        self.message.emit(_("Written: {path}").format(path=path))
        return path

    def send_agenda(self) -> Path | None:
        """Write the e-mail draft into the data folder and open it in the mail program."""
        if self.detail is None:
            return None
        db, meeting_id = self.db, self.detail.meeting.id
        content = docs.meeting_content(db, meeting_id)
        outbox = user_data_dir() / "outbox"
        outbox.mkdir(parents=True, exist_ok=True)
        path = free_name(
            outbox / docs.suggested_name(content, docs.AGENDA, content.languages, ".eml")
        )
        missing = docs.missing_for_document(db, meeting_id, docs.AGENDA)
        if missing and not self._may_write(docs.MissingLanguageError(missing)):
            return None
        try:
            with busy_cursor():
                meeting_mail.write_agenda_mail(
                    db,
                    meeting_id,
                    path,
                    include_deputies=self.deputies.isChecked(),
                    allow_missing=True,
                )
        except (FileWriteError, TemplateError, ValidationError) as exc:
            text = " ".join(exc.errors.values()) if isinstance(exc, ValidationError) else str(exc)
            QMessageBox.warning(self, _("Send agenda"), text)
            return None
        self.open_file(path)
        self.message.emit(
            _("The agenda e-mail is ready in your mail program; the agenda is marked sent.")
        )
        self.changed.emit()
        return path

    def choose_template(self, path: Path | None = None, use_default: bool = False) -> bool:
        if self.detail is None:
            return False
        db, group_id = self.db, self.detail.meeting.group_id
        if path is None and not use_default:
            current = docs.group_template(db, group_id)
            box = QMessageBox(self)
            box.setWindowTitle(_("Word template"))
            box.setText(
                _("This group's documents use: {template}").format(
                    template=current or _("the KasteDesk default template")
                )
            )
            choose = box.addButton(_("Choose a .docx…"), QMessageBox.ButtonRole.AcceptRole)
            default = box.addButton(_("Use the default"), QMessageBox.ButtonRole.ResetRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            run_modal(box)
            if box.clickedButton() is default:
                use_default = True
            elif box.clickedButton() is choose:
                path = open_file_name(
                    self, FileKind.TEMPLATES, _("Word template"), _("Word documents (*.docx)"),
                    self.settings(),
                )  # fmt: skip
                if path is None:
                    return False
            else:
                return False
        try:
            docs.set_group_template(db, group_id, None if use_default else path)
        except TemplateError as exc:
            QMessageBox.warning(self, _("Word template"), str(exc))
            return False
        self.message.emit(_("The group's Word template is set."))
        return True
