"""Waiting items: the group's tabled, postponed and parked items, put on this meeting's agenda."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kastedesk.domain.backlog import BACKLOG_REASON_LABELS, BacklogEntry, BacklogReason
from kastedesk.domain.bilingual import in_language
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_date
from kastedesk.i18n import _, current_language
from kastedesk.services import backlog
from kastedesk.services import meetings as svc
from kastedesk.storage.database import Database
from kastedesk.ui import theme
from kastedesk.ui.meetings.new_item_dialog import NewItemDialog
from kastedesk.ui.modal import run_modal
from kastedesk.ui.row_table_model import Column, RowTableModel


def handled_text(entry: BacklogEntry) -> str:
    """ "23.9.2014 § 7"; "" for a parked item."""
    if entry.handled_on is None:
        return ""
    return f"{format_date(entry.handled_on)} § {entry.section}"


class BacklogDialog(QDialog):
    """The items that can go on this meeting's agenda; each added one becomes a new §."""

    help_topic = "backlog"  # the user guide's page (F1)

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        group_id: int,
        languages: tuple[str, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._meeting_id = meeting_id
        self._group_id = group_id
        self._languages = languages
        self.added: list[backlog.TakenUp] = []  # in the order they were added
        self.setWindowTitle(_("Waiting items"))
        self.intro = QLabel(
            _(
                "Items tabled or postponed at the group's earlier meetings, and items parked "
                "for later. Each one added goes on this meeting's agenda before "
                '"other matters", with a reference to where it was handled.'
            )
        )
        self.intro.setWordWrap(True)
        lang = current_language()
        self.model: RowTableModel[BacklogEntry] = RowTableModel(
            [
                Column(lambda: _("Title"), lambda e: in_language(e.title_fi, e.title_sv, lang)),
                Column(lambda: _("Waiting because"), lambda e: _(BACKLOG_REASON_LABELS[e.reason])),
                Column(
                    lambda: _("Handled"),
                    handled_text,
                    sort_key=lambda e: (e.handled_on is None, e.handled_on, e.section),
                ),
            ]
        )
        self.table = QTableView()
        self.table.setAccessibleName(_("Waiting items"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(lambda _index: self.add_selected())
        self.empty = QLabel(_("Nothing is waiting for a meeting."))
        self.add_button = QPushButton(_("&Add to agenda"))
        self.add_button.clicked.connect(self.add_selected)
        self.park_button = QPushButton(_("&Park a new item…"))
        self.park_button.clicked.connect(self.park_new)
        self.remove_button = QPushButton(_("&Remove parked item"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = QLabel()
        self.error.setStyleSheet(theme.text_style(theme.Tone.ERROR))
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.add_button, self.park_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.reload()
        self.resize(720, 420)
        self.table.setFocus()

    def reload(self) -> None:
        self.model.set_rows(backlog.meeting_backlog(self._db, self._meeting_id))
        has = self.model.rowCount() > 0
        self.table.setVisible(has)
        self.empty.setVisible(not has)
        if has:
            self.table.selectRow(0)
        self._enable()

    def selected(self) -> BacklogEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _enable(self) -> None:
        entry = self.selected()
        self.add_button.setEnabled(entry is not None)
        self.remove_button.setEnabled(entry is not None and entry.reason is BacklogReason.PARKED)

    def _show_error(self, exc: ValidationError) -> None:
        self.error.setText(str(exc))
        self.error.show()

    def add_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        parked = entry.reason is BacklogReason.PARKED
        try:
            taken = backlog.add_to_agenda(
                self._db,
                self._meeting_id,
                item_id=None if parked else entry.id,
                parked_id=entry.id if parked else None,
            )
        except ValidationError as exc:
            self._show_error(exc)
            self.reload()
            return
        self.added.append(taken)
        self.error.hide()
        self.reload()

    def run_dialog(self, dialog: QDialog) -> bool:
        """A hook tests replace."""
        return run_modal(dialog) == QDialog.DialogCode.Accepted

    def park_new(self) -> None:
        """A new item for a later meeting: its titles now, its texts once it is on an agenda."""
        db, group_id = self._db, self._group_id

        def save(fields: object) -> int:
            assert isinstance(fields, svc.ItemFields)
            return backlog.park_item(
                db, group_id, backlog.ParkedFields(fields.title_fi, fields.title_sv)
            )

        dialog = NewItemDialog(self._languages, save, self)
        dialog.setWindowTitle(_("Park an item for later"))
        if self.run_dialog(dialog):
            self.reload()

    def remove_selected(self) -> None:
        entry = self.selected()
        if entry is None or entry.reason is not BacklogReason.PARKED:
            return
        try:
            backlog.remove_parked(self._db, entry.id)
        except ValidationError as exc:
            self._show_error(exc)
        self.reload()
