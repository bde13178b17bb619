"""The Meetings tab: a group's meetings, what is due soon, and the meeting editor."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kastedesk.domain.meetings import MeetingStatus
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import N_, _, current_language
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_views import (
    MeetingDetail,
    MeetingRow,
    due_soon_titled,
    group_languages,
    list_meetings,
    meeting_group,
    starting_group,
)
from kastedesk.services.registry import list_groups
from kastedesk.storage.database import Database
from kastedesk.ui import theme
from kastedesk.ui.empty_state import EmptyState
from kastedesk.ui.help.shortcuts import name_shortcuts
from kastedesk.ui.meetings.decision_register import DecisionRegisterDialog
from kastedesk.ui.meetings.details_form import NewMeetingDialog
from kastedesk.ui.meetings.due_soon_panel import DueSoonPanel
from kastedesk.ui.meetings.group_chooser import GroupChooser
from kastedesk.ui.meetings.meeting_editor import MeetingEditor
from kastedesk.ui.meetings.meeting_list_model import MeetingListModel
from kastedesk.ui.modal import open_window_modal
from kastedesk.ui.remembered_splitter import RememberedSplitter
from kastedesk.ui.row_table_model import fit_columns, one_line_rows
from kastedesk.ui.tab_page import TabPage

DATE_COLUMN = 0  # of the meetings table: always wide enough for the whole date


class MeetingsPage(TabPage):
    help_topic = "meetings"  # the user guide's page (F1)

    def __init__(self, db: Database, today: dt.date | None = None) -> None:
        super().__init__(db)
        self._today = today
        self.group_label = QLabel()
        self.groups = GroupChooser()
        self.group_label.setBuddy(self.groups)
        self.groups.group_changed.connect(lambda _g: self.refresh_meetings())
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_meeting)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_meeting)
        self.register_button = QPushButton()
        self.register_button.clicked.connect(self.open_decision_register)
        self.message = QLabel()
        self.message.setStyleSheet(theme.text_style(theme.Tone.ERROR))
        self.message.hide()
        self.no_groups = QLabel()
        self.no_groups.hide()

        self.model = MeetingListModel(self.today())
        self._columns_fitted_for: int | None = None
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        one_line_rows(self.table)
        self.table.horizontalHeader().setMinimumSectionSize(40)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._open_current())
        self.due = DueSoonPanel()
        self.due.meeting_activated.connect(self.show_meeting)
        self.editor = MeetingEditor(db)
        self.editor.changed.connect(self._meetings_changed)
        self.editor.meeting_row_changed.connect(self._meeting_row_changed)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.new_meeting)
        QShortcut(QKeySequence("Ctrl+Shift+F"), self, self.open_decision_register)
        name_shortcuts(
            self, {"Ctrl+Shift+N": N_("New meeting"), "Ctrl+Shift+F": N_("Decision register")}
        )

        top = QHBoxLayout()
        top.addWidget(self.group_label)
        top.addWidget(self.groups)
        top.addWidget(self.new_button)
        top.addWidget(self.delete_button)
        top.addStretch(1)
        top.addWidget(self.register_button)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 3)
        column.addWidget(self.due, 1)
        # The editor gets most of a 1366-pixel screen; the list can be widened and stays so.
        splitter = RememberedSplitter("meetings", [420, 946])
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.restore()
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.no_groups)
        layout.addWidget(splitter, 1)
        self.empty_state = EmptyState(
            self.table,
            lambda: _("No meetings yet."),
            lambda: _("Plan the first meeting"),
            self.new_meeting,
            "Ctrl+Shift+N",
            is_empty=lambda: self.groups.group_id() is not None and self.model.rowCount() == 0,
        )
        self.retranslate_ui()

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # --- TabPage ---------------------------------------------------------------------------

    def read_data(self) -> None:
        self.editor.open_meeting(None)
        if not self.refresh_groups():  # a group chosen now has shown its meetings
            self.refresh_meetings()

    def showEvent(self, event: QShowEvent) -> None:
        """Groups may have been added on the Members tab meanwhile."""
        super().showEvent(event)
        if self.loaded:
            self.refresh_groups()

    def refresh_after_outside_change(self) -> None:
        self.refresh_groups()
        self.refresh_meetings()
        self.editor.refresh_after_outside_change()

    def refresh_groups(self) -> bool:
        """Read the groups again; whether the chosen group changed (and its meetings showed).

        The first time, the group whose meeting comes next is chosen (else the one that
        met last): its meetings are then listed once.
        """
        groups = list_groups(self.db)
        before = self.groups.group_id()
        start = starting_group(self.db, self.today()) if before is None and groups else None
        self.groups.set_groups(groups, choose=start)
        self.no_groups.setVisible(not groups)
        return self.groups.group_id() != before

    def retranslate_ui(self) -> None:
        self.table.setAccessibleName(_("Meetings of the group"))
        self.group_label.setText(_("&Group:"))
        self.no_groups.setText(_("There are no groups yet. Add a group on the Members tab first."))
        self.groups.retranslate()
        self.new_button.setText(_("New meeting"))
        self.new_button.setToolTip(_("Ctrl+Shift+N"))
        self.delete_button.setText(_("Delete meeting"))
        self._update_delete_button()  # its reason, when it cannot, in this language
        self.register_button.setText(_("Decision register…"))
        self.register_button.setToolTip(_("Ctrl+Shift+F"))
        self.model.refresh_texts()
        self.due.retranslate_ui()
        self.editor.retranslate_ui()
        self.empty_state.update_state()
        if self.loaded:
            self._refresh_due()

    # --- data --------------------------------------------------------------------------------

    def refresh_meetings(self, select: int | None = None) -> None:
        keep = select if select is not None else self.current_meeting_id()
        group_id = self.groups.group_id()
        rows = list_meetings(self.db, group_id) if group_id is not None else []
        self.model.today = self.today()
        self.model.set_meetings(rows)
        if group_id != self._columns_fitted_for:  # widths stay while one group is shown
            self._columns_fitted_for = group_id
            fit_columns(self.table)
        self._show_whole_dates()
        self.new_button.setEnabled(group_id is not None)
        position = self.model.position_of(lambda r: r.id == keep) if keep is not None else None
        if position is not None:
            self.table.selectRow(position)
        elif self.editor.detail is not None and self.editor.detail.meeting.group_id != group_id:
            self.editor.open_meeting(None)
        self._update_delete_button()
        self.empty_state.update_state()
        self._refresh_due()

    def _show_whole_dates(self) -> None:
        """The date column widens for a later meeting's longer date ("28.10." after "1.2.");
        the other columns keep the widths the user gave them (and may elide)."""
        needed = self.table.sizeHintForColumn(DATE_COLUMN)
        if self.table.columnWidth(DATE_COLUMN) < needed:
            self.table.horizontalHeader().resizeSection(DATE_COLUMN, needed)

    def _refresh_due(self) -> None:
        self.due.set_items(due_soon_titled(self.db, self.today(), current_language()))

    def current_meeting_id(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row(index.row()).id

    def _open_current(self) -> None:
        meeting_id = self.current_meeting_id()
        if self.editor.detail is None or self.editor.detail.meeting.id != meeting_id:
            self.editor.open_meeting(meeting_id)
        self._update_delete_button()

    def _update_delete_button(self) -> None:
        """Only a meeting that can be changed can go; approved minutes lock it (the service
        refuses too): the button says so instead of offering what will be refused."""
        meeting_id = self.current_meeting_id()
        row = next((r for r in self.model.all_rows() if r.id == meeting_id), None)
        locked = row is not None and row.status is MeetingStatus.APPROVED
        self.delete_button.setEnabled(row is not None and not locked)
        self.delete_button.setToolTip(
            _("The minutes of this meeting are approved. Reopen the meeting to change it.")
            if locked
            else ""
        )

    def _meeting_row_changed(self, row: MeetingRow) -> None:
        """One meeting's row again, in place; the due list only if its status moved."""
        old = next((r for r in self.model.all_rows() if r.id == row.id), None)
        self.model.replace_row(lambda r: r.id == row.id, row)
        self._update_delete_button()  # approved or reopened
        if old is None or (old.status != row.status and self.due.shows_meeting(row.id)):
            self._refresh_due()

    def _meetings_changed(self) -> None:
        self.refresh_meetings(self.editor.detail.meeting.id if self.editor.detail else None)

    def show_meeting(self, group_id: int, meeting_id: int, item_id: int | None = None) -> None:
        """Open a meeting (and one of its items) from the due list or the register."""
        shown = self.editor.detail
        self.groups.select_group(group_id)
        self._select_and_open(meeting_id, item_id, shown)

    def _select_and_open(
        self, meeting_id: int, item_id: int | None, shown: MeetingDetail | None
    ) -> None:
        """Select the meeting's row, which opens it in the editor: read once, not twice.

        A meeting that was open already (*shown* is still the editor's) is read again, so
        what the list or the register points at is shown as it is now.
        """
        self.refresh_meetings(meeting_id)
        detail = self.editor.detail
        if detail is shown or detail is None or detail.meeting.id != meeting_id:
            self.editor.open_meeting(meeting_id, item_id)
        elif item_id is not None:
            self.editor.show_item(item_id)

    def restore_draft(self, key: str, values: dict[str, Any]) -> bool:
        """Open the meeting of a kept draft and put its typing back; False if it is gone."""
        kind, _sep, record = key.partition("-")
        meeting_id = int(values.get("meeting_id", record) if kind == "item" else record)
        group_id = meeting_group(self.db, meeting_id)
        if group_id is None:
            return False
        if kind == "item":
            item_id = int(record)
            self.show_meeting(group_id, meeting_id, item_id)
            if self.editor.agenda.editor.item_id() != item_id:
                return False
            self.editor.tabs.setCurrentWidget(self.editor.agenda)
            self.editor.agenda.editor.apply_draft(values)
        else:
            self.show_meeting(group_id, meeting_id)
            self.editor.apply_details_draft(values)
        return True

    # --- actions ----------------------------------------------------------------------------

    def new_meeting_dialog(self) -> NewMeetingDialog | None:
        group_id = self.groups.group_id()
        if group_id is None:
            return None
        languages = group_languages(self.db, group_id)
        dialog = NewMeetingDialog(self.db, group_id, languages, self.today(), self)
        dialog.accepted.connect(lambda: self._created(dialog))
        return dialog

    def new_meeting(self) -> None:
        dialog = self.new_meeting_dialog()
        if dialog is not None:
            open_window_modal(dialog)

    def _created(self, dialog: NewMeetingDialog) -> None:
        if dialog.meeting_id is not None:
            self._select_and_open(dialog.meeting_id, None, self.editor.detail)
            self.editor.tabs.setCurrentWidget(self.editor.agenda)

    def delete_meeting(self) -> None:
        meeting_id = self.current_meeting_id()
        if meeting_id is None or self.editor.detail is None:
            return
        title = self.editor.detail.meeting.title(current_language())
        answer = QMessageBox.question(
            self,
            _("Delete meeting"),
            _("Delete “{meeting}” with its agenda, attendance and attachments?").format(
                meeting=title
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            svc.delete_meeting(self.db, meeting_id)
        except ValidationError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self.message.hide()
        self.editor.open_meeting(None)
        self.refresh_meetings()

    def decision_register(self) -> DecisionRegisterDialog:
        dialog = DecisionRegisterDialog(self.db, self)
        dialog.item_requested.connect(self.show_meeting)
        return dialog

    def open_decision_register(self) -> None:
        open_window_modal(self.decision_register())
