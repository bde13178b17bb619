"""Feedback tab → Origins and conflicts: which installation typed each workshop's responses,
and the conflicts kept by imports, with a choice of the version that stays."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_count
from kastedesk.i18n import _, ngettext
from kastedesk.services.bundles.conflicts import (
    ConflictRow,
    Difference,
    list_conflicts,
    resolve_conflict,
)
from kastedesk.services.bundles.origins import OriginRow, responses_by_origin
from kastedesk.storage.database import Database
from kastedesk.ui.row_table_model import Column, RowTableModel, count_column, one_line_rows


def origin_columns() -> list[Column[OriginRow]]:
    return [
        Column(lambda: _("Workshop"), lambda r: r.workshop),
        Column(lambda: _("Date"), lambda r: r.date),
        Column(lambda: _("Typed in on"), lambda r: r.installation),
        count_column(lambda: _("Responses"), lambda r: r.responses),
        Column(lambda: _("First saved"), lambda r: r.first_saved),
        Column(lambda: _("Last saved"), lambda r: r.last_saved),
    ]


def conflict_columns() -> list[Column[ConflictRow]]:
    return [
        Column(lambda: _("What"), lambda r: r.kind_label),
        Column(lambda: _("Title"), lambda r: r.title),
        Column(lambda: _("Bundle from"), lambda r: r.source),
        Column(lambda: _("Found"), lambda r: r.detected_at),
    ]


def difference_columns() -> list[Column[Difference]]:
    return [
        Column(lambda: _("Field"), lambda r: r.field),
        Column(lambda: _("This database"), lambda r: r.here),
        Column(lambda: _("The bundle"), lambda r: r.incoming),
    ]


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    one_line_rows(view)  # the differences' rows are fitted to their text when shown
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # few rows
    header.setStretchLastSection(True)
    view.setSortingEnabled(True)
    return view


class ExchangeView(QWidget):
    help_topic = "bundles"  # the user guide's page (F1)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.read_at = -1  # Database.commits when last read
        self.origins_label = QLabel()
        self.origins = RowTableModel(origin_columns(), parent=self)
        self.origins_view = _table(self.origins)
        self.origins_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.conflicts_label = QLabel()
        self.conflicts_label.setWordWrap(True)
        self.conflicts = RowTableModel(conflict_columns(), parent=self)
        self.conflicts_view = _table(self.conflicts)
        self.conflicts_view.setSortingEnabled(False)
        self.conflicts_view.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        self.conflicts_view.horizontalHeader().setStretchLastSection(False)
        self.differences = RowTableModel(difference_columns(), parent=self)
        self.differences_view = _table(self.differences)
        self.differences_view.setSortingEnabled(False)
        self.differences_view.setWordWrap(True)
        self.keep_button = QPushButton()
        self.take_button = QPushButton()
        self.keep_button.clicked.connect(lambda: self.resolve(take_incoming=False))
        self.take_button.clicked.connect(lambda: self.resolve(take_incoming=True))
        self.conflicts_view.selectionModel().currentRowChanged.connect(self._show_differences)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.origins_label)
        top_layout.addWidget(self.origins_view)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.conflicts_label)
        pair = QHBoxLayout()
        pair.addWidget(self.conflicts_view, 2)
        pair.addWidget(self.differences_view, 3)
        bottom_layout.addLayout(pair)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        bottom_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.retranslate_ui()

    def read_data(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.read_at = self.db.commits  # what this window had saved when last read
        self.origins.set_rows(responses_by_origin(self.db))
        self.conflicts.set_rows(list_conflicts(self.db))
        self._select_first()
        self._set_texts()

    def _select_first(self) -> None:
        if self.conflicts.rowCount():
            self.conflicts_view.selectRow(0)
        self._show_differences()

    def current_conflict(self) -> ConflictRow | None:
        index = self.conflicts_view.currentIndex()
        if not index.isValid() or not self.conflicts.rowCount():
            return None
        return self.conflicts.row(index.row())

    def _show_differences(self, *_args) -> None:
        conflict = self.current_conflict()
        self.differences.set_rows(list(conflict.differences) if conflict else [])
        self.differences_view.resizeRowsToContents()
        self.keep_button.setEnabled(conflict is not None)
        self.take_button.setEnabled(conflict is not None)

    def resolve(self, take_incoming: bool) -> None:
        conflict = self.current_conflict()
        if conflict is None:
            return
        try:
            resolve_conflict(self.db, conflict.id, take_incoming)
        except ValidationError as exc:
            QMessageBox.warning(self, _("Conflicts"), " ".join(exc.errors.values()))
            return
        self.refresh()

    def retranslate_ui(self) -> None:
        self.origins_view.setAccessibleName(_("Where the workshops came from"))
        self.conflicts_view.setAccessibleName(_("Conflicts"))
        self.differences_view.setAccessibleName(_("Differences"))
        for model in (self.origins, self.conflicts, self.differences):
            model.refresh_texts()  # resets the models: select again
        self._select_first()
        self._set_texts()
        if self.read_at >= 0:  # "this computer" and the like were read in the old language
            self.read_at = -1
            if self.isVisible():
                self.refresh()

    def _set_texts(self) -> None:
        self.origins_label.setText(_("Where the responses were typed in:"))
        count = self.conflicts.rowCount()
        if count:
            self.conflicts_label.setText(
                ngettext(
                    "{n} conflict from imported bundles: both versions are kept until you "
                    "choose which one stays.",
                    "{n} conflicts from imported bundles: both versions are kept until you "
                    "choose which one stays.",
                    count,
                ).format(n=format_count(count))
            )
        else:
            self.conflicts_label.setText(_("No conflicts from imported bundles."))
        self.keep_button.setText(_("&Keep this database's version"))
        self.take_button.setText(_("&Take the bundle's version"))
