"""Decision register: full-text search over the decisions of all meetings."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
)

from kastedesk.domain.minutes_review import review_summary
from kastedesk.formatting import format_count
from kastedesk.i18n import _, current_language, ngettext
from kastedesk.services.meeting_views import DecisionHit, decision_register, matching_decisions
from kastedesk.storage.database import Database
from kastedesk.ui.row_table_model import Column, RowTableModel, fit_columns, one_line_rows


class DecisionRegisterDialog(QDialog):
    help_topic = "minutes"  # the user guide's page (F1)

    item_requested = Signal(int, int, int)  # group id, meeting id, item id

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self._register: list[DecisionHit] | None = None  # every decision, read on opening
        self.search = QLineEdit()
        self.search.setAccessibleName(_("Search the decisions"))
        self.search.setClearButtonEnabled(True)
        self.model: RowTableModel[DecisionHit] = RowTableModel(
            [
                Column(lambda: _("Group"), lambda h: h.group),
                Column(lambda: _("Meeting"), lambda h: h.meeting),
                Column(lambda: "§", lambda h: h.section, align_right=True),
                Column(lambda: _("Date"), lambda h: h.date),
                Column(lambda: _("Item"), lambda h: h.title),
                Column(lambda: _("Minutes"), lambda h: review_summary(h.review)),
                Column(
                    lambda: _("Decision"),
                    lambda h: " ".join(h.decision.split()),
                    whole_in_tooltip=True,
                ),
            ]
        )
        self.table = QTableView()
        self.table.setAccessibleName(_("Decisions"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        one_line_rows(self.table)
        self.table.activated.connect(lambda index: self.open_hit(index.row()))
        self.count = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._enter)
        self.resize(1240, 620)  # a laptop's 1366 × 768 less the frame and taskbar
        self.retranslate_ui()
        self.run_search()

    def _enter(self) -> None:
        self._timer.stop()
        self.run_search()
        if self.model.rowCount() == 1:
            self.open_hit(0)

    def run_search(self) -> None:
        self._timer.stop()  # searched now: the pending search would only repeat it
        if self._register is None:  # read once; each keystroke only narrows it
            self._register = decision_register(self._db, current_language())
        hits = matching_decisions(self._register, self.search.text())
        self.model.set_rows(hits)
        fit_columns(self.table)
        self._decisions_in_the_rest()
        self.count.setText(
            ngettext("{n} decision", "{n} decisions", len(hits)).format(n=format_count(len(hits)))
        )

    def _decisions_in_the_rest(self) -> None:
        """The decision (last, longest) takes the width the other columns leave, cut short
        with its whole text on pointing: a row is read without scrolling sideways."""
        header = self.table.horizontalHeader()
        last = header.count() - 1
        others = sum(header.sectionSize(c) for c in range(last))
        room = self.table.viewport().width() - others
        fitted = min(header.sectionSize(last), room)
        header.resizeSection(last, max(header.sectionSizeHint(last), fitted))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._decisions_in_the_rest()

    def open_hit(self, row: int) -> None:
        hit = self.model.row(row)
        self.item_requested.emit(hit.group_id, hit.meeting_id, hit.item_id)
        self.accept()

    def done(self, result: int) -> None:
        """Closed: a search typed just before must not run against a database closed since."""
        self._timer.stop()
        super().done(result)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Decision register"))
        self.search.setPlaceholderText(_("Search decisions, e.g. “koulutus”"))
        self.model.refresh_texts()
        if self._register is not None:  # groups, meetings and decisions in the new language
            self._register = None
            self.run_search()
