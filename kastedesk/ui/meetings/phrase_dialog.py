"""The group's wording of the standard items' proposals and decisions, per language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kastedesk.domain.meetings import STANDARD_ITEM_TITLES, ItemKind
from kastedesk.domain.standard_texts import PLACEHOLDERS, PROPOSAL
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _, current_language
from kastedesk.services.standard_texts import PhraseRow, phrase_templates, save_phrase_template
from kastedesk.storage.database import Database
from kastedesk.storage.errors import RecordChangedError
from kastedesk.ui.form_errors import ErrorForm


class PhraseDialog(QDialog):
    """Choose a standard text, edit it in Finnish and Swedish; placeholders are checked on save."""

    help_topic = "agenda"  # the user guide's page (F1)

    def __init__(self, db: Database, group_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._group_id = group_id
        self.setWindowTitle(_("Wording of the standard texts"))
        self.which = QComboBox()
        self.fi = QPlainTextEdit()
        self.sv = QPlainTextEdit()
        for edit in (self.fi, self.sv):
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(70)
        self.form = ErrorForm()
        self.form.add_field("which", lambda: _("&Text"), self.which)
        self.form.add_field("fi", lambda: _("In &Finnish"), self.fi)
        self.form.add_field("sv", lambda: _("In &Swedish"), self.sv)
        help_lines = [f"{{{name}}}: {_(meaning)}" for name, meaning in PLACEHOLDERS.items()]
        self.help = QLabel(_("Placeholders:") + "\n" + "\n".join(help_lines))
        self.help.setWordWrap(True)
        self.default_button = QPushButton(_("Shipped &wording"))
        self.default_button.clicked.connect(self.restore_default)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        buttons.addButton(self.default_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.help)
        layout.addWidget(buttons)
        self._rows: dict[tuple[ItemKind, str], dict[str, PhraseRow]] = {}
        self._shown: tuple[ItemKind, str] | None = None
        self._load()
        self.which.currentIndexChanged.connect(self._switch)
        self._show(self.which.currentData())
        self.resize(640, 520)
        self.which.setFocus()

    def _load(self) -> None:
        self._rows = {}
        for row in phrase_templates(self._db, self._group_id):
            self._rows.setdefault((row.kind, row.field), {})[row.lang] = row
        if self.which.count():
            return
        lang = "sv" if current_language() == "sv" else "fi"
        for kind, field in self._rows:
            what = _("proposal") if field == PROPOSAL else _("decision")
            self.which.addItem(f"{STANDARD_ITEM_TITLES[kind][lang]} – {what}", (kind, field))

    def _show(self, key: tuple[ItemKind, str]) -> None:
        self._shown = key
        rows = self._rows[key]
        self.fi.setPlainText(rows["fi"].text)
        self.sv.setPlainText(rows["sv"].text)
        self.form.clear_errors()

    def _dirty(self) -> bool:
        if self._shown is None:
            return False
        rows = self._rows[self._shown]
        return (self.fi.toPlainText().strip(), self.sv.toPlainText().strip()) != (
            rows["fi"].text,
            rows["sv"].text,
        )

    def _switch(self) -> None:
        if self._dirty() and not self.save():
            previous = self.which.findData(self._shown)
            self.which.blockSignals(True)
            self.which.setCurrentIndex(previous)
            self.which.blockSignals(False)
            return
        self._show(self.which.currentData())

    def restore_default(self) -> None:
        if self._shown is not None:
            rows = self._rows[self._shown]
            self.fi.setPlainText(rows["fi"].default)
            self.sv.setPlainText(rows["sv"].default)

    def save(self) -> bool:
        """Both languages of the shown text; a bad placeholder is named under its field."""
        if self._shown is None:
            return False
        kind, field = self._shown
        errors: dict[str, str] = {}
        for lang, edit in (("fi", self.fi), ("sv", self.sv)):
            row = self._rows[self._shown][lang]
            try:
                save_phrase_template(
                    self._db, self._group_id, kind, field, lang, edit.toPlainText(),
                    row.row_version,
                )  # fmt: skip
            except ValidationError as exc:
                errors[lang] = " ".join(exc.errors.values())
            except RecordChangedError as exc:  # saved elsewhere: shown again, Save overwrites
                errors[lang] = str(exc)
        self._load()
        if errors:
            self.form.show_errors(errors)
            return False
        self.form.clear_errors()
        return True
