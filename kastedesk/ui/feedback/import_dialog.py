"""Import responses from a spreadsheet into a workshop: columns to questions, preview, import.

The columns are matched to questions by header (or as chosen for this form
last time); changing a column updates the preview at once. Import writes the
new rows in one transaction; rows imported before are never added again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kastedesk import i18n
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.services.response_import import (
    ResponseImportPlan,
    import_responses,
    plan_lines,
    plan_response_import,
    read_responses_file,
)
from kastedesk.storage.database import Database
from kastedesk.ui.form_errors import error_label


class ImportResponsesDialog(QDialog):
    help_topic = "workshops"  # the user guide's page (F1): Import responses… is there

    def __init__(
        self, db: Database, workshop_id: int, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.workshop_id = workshop_id
        self.table = read_responses_file(path)  # ValidationError for an unreadable file
        self.plan: ResponseImportPlan = plan_response_import(db, workshop_id, self.table)
        self.imported: ResponseImportPlan | None = None
        self.setWindowTitle(_("Import responses – {workshop}").format(workshop=self.plan.workshop))
        self.intro = QLabel(
            _("{file}: choose the column that answers each question.").format(file=path.name)
        )
        self.intro.setWordWrap(True)
        mapping = QFormLayout()
        self.columns: list[QComboBox] = []
        lang = i18n.current_language()
        for number, (question, column) in enumerate(
            zip(self.plan.form.questions, self.plan.mapping, strict=True), start=1
        ):
            combo = QComboBox()
            combo.addItem(_("(no column)"), None)
            for index, header in enumerate(self.table.headers):
                combo.addItem(header or _("column {n}").format(n=index + 1), index)
            combo.setCurrentIndex(combo.findData(column) if column is not None else 0)
            combo.currentIndexChanged.connect(lambda _i: self.replan())
            label = QLabel(f"{number}. {question.text(lang)}")
            label.setWordWrap(True)
            label.setBuddy(combo)
            mapping.addRow(label, combo)
            self.columns.append(combo)
        holder = QWidget()
        holder.setLayout(mapping)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields inside
        scroll.setWidget(holder)
        self.preview = QPlainTextEdit()
        self.preview.setAccessibleName(_("Preview"))
        self.preview.setReadOnly(True)
        self.error = error_label(hidden=False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 2)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(820, 600)
        self._show()

    def mapping(self) -> list[int | None]:
        return [combo.currentData() for combo in self.columns]

    def replan(self) -> None:
        self.plan = plan_response_import(self.db, self.workshop_id, self.table, self.mapping())
        self._show()

    def _show(self) -> None:
        self.preview.setPlainText("\n".join(plan_lines(self.plan)[len(self.columns) :]))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.plan.new))
        self.error.setText("" if self.plan.mapped else _("No column is mapped to a question."))

    def accept(self) -> None:
        try:
            self.imported = import_responses(self.db, self.workshop_id, self.table, self.mapping())
        except ValidationError as exc:
            self.error.setText(" ".join(exc.errors.values()))
            return
        super().accept()
