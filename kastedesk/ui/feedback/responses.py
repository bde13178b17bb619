"""The typed forms of one workshop: browse, filter, sort, correct and delete.

Each form is listed with its running number, when and on which laptop it was
typed (and when corrected) and its answers, one column per question. Enter or
a double click opens a form for correcting in the fast entry view (the same
response, never a new one); Delete leaves a deletion marker that travels to
the other laptops in bundles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kastedesk import i18n
from kastedesk.domain.feedback_counts import responses_for_participants
from kastedesk.domain.feedback_forms import QuestionSpec
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import N_, _, ngettext
from kastedesk.services.feedback_entry import delete_responses
from kastedesk.services.feedback_responses import ResponseRow, WorkshopResponses, list_responses
from kastedesk.storage.database import Database
from kastedesk.ui.feedback.entry import FeedbackEntryDialog
from kastedesk.ui.form_errors import error_label
from kastedesk.ui.help.shortcuts import enter_shortcut, name_shortcuts
from kastedesk.ui.help.shortcuts import native as native_keys
from kastedesk.ui.modal import run_modal
from kastedesk.ui.row_table_model import Column, RowTableModel, one_line_rows

HEADER_CHARS = 28
FIXED_COLUMNS = 4  # number, typed in, laptop, corrected; then one column per question
ANSWER_WIDTH = (60, 220)  # pixels: an answer column between these


def _short(text: str) -> str:
    return text if len(text) <= HEADER_CHARS else text[: HEADER_CHARS - 1].rstrip() + "…"


def response_columns(listing: WorkshopResponses) -> list[Column[ResponseRow]]:
    lang = i18n.current_language
    columns: list[Column[ResponseRow]] = [
        Column(lambda: _("No."), lambda r: r.number, align_right=True),
        Column(lambda: _("Typed in"), lambda r: r.typed_at),
        Column(lambda: _("Typed in on"), lambda r: r.laptop),
        Column(lambda: _("Corrected"), lambda r: r.corrected_at),
    ]
    for position, question in enumerate(listing.questions):
        columns.append(_answer_column(position, question, lang))
    return columns


def _answer_column(
    position: int, question: QuestionSpec, lang: Callable[[], str]
) -> Column[ResponseRow]:
    """The answers to the form's *position*-th question, headed "2. Its text…"."""
    return Column(
        lambda: f"{position + 1}. {_short(question.text(lang()))}",
        lambda r: r.answers[position],
    )


class ResponseTableModel(RowTableModel[ResponseRow]):
    """The rows with the full question text as the tooltip of a question's header."""

    def __init__(self, listing: WorkshopResponses) -> None:
        super().__init__(response_columns(listing))
        self.listing = listing

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        questions = self.listing.questions
        first = FIXED_COLUMNS
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and first <= section < first + len(questions)
        ):
            return questions[section - first].text(i18n.current_language())
        return super().headerData(section, orientation, role)


class ResponsesDialog(QDialog):
    help_topic = "entry"  # the user guide's page (F1)

    def __init__(self, db: Database, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.workshop_id = workshop_id
        self.setObjectName("feedback_responses")
        self.listing = list_responses(db, workshop_id, i18n.current_language())
        self.changed = False
        self.search_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search)
        self.model = ResponseTableModel(self.listing)
        self.table = QTableView()
        self.table.setAccessibleName(_("Responses"))
        self.table.setObjectName("responses_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # in saving order
        one_line_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Narrow answer columns show the start of their question (the full text as tooltip).
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in ((0, 50), (1, 130), (2, 130), (3, 130)):
            header.resizeSection(column, width)
        self.table.doubleClicked.connect(lambda _i: self.correct_selected())
        self.count_label = QLabel()
        self.warning_label = error_label(hidden=False)
        self.correct_button = QPushButton()
        self.delete_button = QPushButton()
        self.correct_button.clicked.connect(self.correct_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        button_row = QHBoxLayout()
        button_row.addWidget(self.correct_button)
        button_row.addWidget(self.delete_button)
        button_row.addStretch(1)
        button_row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.warning_label)
        layout.addLayout(button_row)

        enter_shortcut(self.table, self.correct_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.delete_selected).setContext(
            Qt.ShortcutContext.WidgetShortcut
        )
        name_shortcuts(
            self, {"Return": N_("Correct the chosen form"), "Del": N_("Delete the chosen form")}
        )
        self.search.textChanged.connect(self.model.set_filter)
        self.search.textChanged.connect(lambda _t: self._update_counts())
        self.resize(1100, 600)
        self.retranslate_ui()
        self.refresh()
        self.table.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Typed forms – {workshop}").format(workshop=self.listing.title))
        self.search_label.setText(_("&Filter:"))
        self.search.setPlaceholderText(_("Words in any column, e.g. a laptop or an answer"))
        self.correct_button.setText(_("&Correct…"))
        self.delete_button.setText(_("&Delete"))
        native = QKeySequence.SequenceFormat.NativeText
        self.correct_button.setToolTip(native_keys("Enter"))
        self.delete_button.setToolTip(QKeySequence(Qt.Key.Key_Delete).toString(native))
        self.model.refresh_texts()
        self._update_counts()

    def refresh(self, select_id: int | None = None) -> None:
        self.listing = list_responses(self.db, self.workshop_id, i18n.current_language())
        self.model.listing = self.listing
        self.model.set_rows(self.listing.rows)
        self._fit_answer_columns()
        if select_id is not None:
            position = self.model.position_of(lambda r: r.id == select_id)
            if position is not None:
                self.table.selectRow(position)
        elif self.model.rowCount():
            self.table.selectRow(0)
        self._update_counts()

    def _fit_answer_columns(self) -> None:
        low, high = ANSWER_WIDTH
        for column in range(FIXED_COLUMNS, self.model.columnCount()):
            width = self.table.sizeHintForColumn(column) + 12  # the answers, not the header
            self.table.setColumnWidth(column, max(low, min(high, width)))

    def _update_counts(self) -> None:
        total, shown = len(self.listing.rows), self.model.rowCount()
        text = responses_for_participants(total, self.listing.attended)
        if shown != total:
            text = _("{counts} (shown: {shown})").format(counts=text, shown=shown)
        self.count_label.setText(text)
        warning = self.listing.warning()
        self.warning_label.setText(warning)
        self.warning_label.setVisible(bool(warning))
        has_rows = shown > 0
        self.correct_button.setEnabled(has_rows)
        self.delete_button.setEnabled(has_rows)

    def selected_rows(self) -> list[ResponseRow]:
        selection = self.table.selectionModel()
        rows = selection.selectedRows() if selection else []
        return [self.model.row(index.row()) for index in rows]

    def correct_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        row = rows[0]
        try:
            dialog = FeedbackEntryDialog(
                self.db, self.workshop_id, parent=self, correct=row.id, number=row.number
            )
        except ValidationError as exc:
            QMessageBox.warning(self, _("Correct a form"), str(exc))
            self.refresh()
            return
        if run_modal(dialog):
            self.changed = True
        self.refresh(row.id)

    def confirm_delete(self, rows: list[ResponseRow]) -> bool:
        numbers = ", ".join(str(r.number) for r in sorted(rows, key=lambda r: r.number))
        answer = QMessageBox.question(
            self,
            _("Delete forms"),
            ngettext(
                "Delete form {numbers}? The deletion also reaches the other laptops in bundles.",
                "Delete forms {numbers}? The deletion also reaches the other laptops in bundles.",
                len(rows),
            ).format(numbers=numbers),
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if not rows or not self.confirm_delete(rows):
            return
        delete_responses(self.db, [r.id for r in rows])
        self.changed = True
        self.refresh()
