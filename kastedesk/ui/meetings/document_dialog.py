"""Choose language, format and file for a meeting's agenda or minutes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from kastedesk.domain.registry import DOC_LANGUAGE_LABELS, DocLanguages
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.ui import theme
from kastedesk.ui.combo_items import set_choice_enabled
from kastedesk.ui.dialog_base import FormDialog
from kastedesk.ui.file_dialogs import FileKind, save_file_name


@dataclass
class DocumentRequest:
    languages: tuple[str, ...]
    pdf: bool
    path: Path
    open_after: bool


class DocumentDialog(FormDialog):
    """*save* writes the file and raises ValidationError ({"path": …}) when it cannot."""

    help_topic = "agenda"  # the user guide's page (F1)

    def __init__(
        self,
        title: str,
        languages: DocLanguages,
        suggest: Callable[[tuple[str, ...], bool], Path],
        pdf_unavailable: str,
        save: Callable[[DocumentRequest], Path],
        parent: QWidget | None = None,
        warning: str = "",
    ) -> None:
        super().__init__(save, parent)
        self.setWindowTitle(title)
        # Said before writing (minutes of a meeting not held yet); the file is written anyway.
        self.warning = QLabel(warning)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(theme.banner_style(theme.Tone.WARNING))
        self.warning.setVisible(bool(warning))
        self.form.insertRow(0, self.warning)
        self._suggest = suggest
        self._touched = False
        self.language = QComboBox()
        for key, text in DOC_LANGUAGE_LABELS.items():
            self.language.addItem(_(text), key)
        self.language.setCurrentIndex(self.language.findData(languages))
        self.format = QComboBox()
        self.format.addItem(_("Word document (.docx)"), False)
        self.format.addItem(_("PDF (.pdf)"), True)
        if pdf_unavailable:
            set_choice_enabled(self.format, 1, False)
            self.format.setToolTip(pdf_unavailable)
        self.path = QLineEdit()
        self.path.setMinimumWidth(460)
        self.path.textEdited.connect(self._edited)
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QWidget()
        row = QHBoxLayout(path_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.open_after = QCheckBox(_("Open the file when it is written"))
        self.open_after.setChecked(True)
        self.form.add_field(
            "languages",
            lambda: _("Language"),
            self.language,
            lambda: _("Finnish, Swedish, or both in one document side by side."),
        )
        self.form.add_field("format", lambda: _("Format"), self.format)
        self.form.add_field("path", lambda: _("File"), path_row)
        self.form.addRow(self.open_after)
        self.language.currentIndexChanged.connect(self._update_name)
        self.format.currentIndexChanged.connect(self._update_name)
        self._update_name()

    def _edited(self) -> None:
        self._touched = True

    def _update_name(self) -> None:
        languages = DocLanguages(self.language.currentData()).codes
        pdf = bool(self.format.currentData())
        if not self._touched:
            self.path.setText(str(self._suggest(languages, pdf)))
        else:
            current = Path(self.path.text())
            self.path.setText(str(current.with_suffix(".pdf" if pdf else ".docx")))

    def _browse(self) -> None:
        pdf = bool(self.format.currentData())
        pattern = _("PDF (*.pdf)") if pdf else _("Word documents (*.docx)")
        name, _filter = save_file_name(
            self, FileKind.DOCUMENTS, self.windowTitle(), Path(self.path.text()).absolute(), pattern
        )
        if name is not None:
            self._touched = True
            self.path.setText(str(name))

    def collect(self) -> DocumentRequest:
        text = self.path.text().strip()
        if not text:
            raise ValidationError({"path": _("Choose where to save the file.")})
        pdf = bool(self.format.currentData())
        path = Path(text)
        if path.suffix.lower() != (".pdf" if pdf else ".docx"):
            path = path.with_suffix(".pdf" if pdf else ".docx")
        return DocumentRequest(
            DocLanguages(self.language.currentData()).codes, pdf, path, self.open_after.isChecked()
        )
