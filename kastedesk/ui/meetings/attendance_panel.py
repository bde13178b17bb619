"""Attendance with the live quorum banner and guests."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kastedesk.domain.quorum import describe_quorum
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.services import meeting_attendance as attendance
from kastedesk.services.meeting_views import AttendanceRow, MeetingDetail
from kastedesk.storage.database import Database
from kastedesk.storage.errors import RecordChangedError
from kastedesk.ui import theme
from kastedesk.ui.meetings.attendance_model import AttendanceModel


class AttendancePanel(QWidget):
    help_topic = "attendance"  # the user guide's page (F1)

    changed = Signal()  # rows added or removed, or a conflict: the meeting is read again
    saved = Signal(object)  # one row saved: AttendanceSaved, the editor patches it in

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self._detail: MeetingDetail | None = None
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        # A fixed place for the verdict: the table never moves under the mouse while ticking.
        self.banner.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.banner.setFixedHeight(self.banner.fontMetrics().lineSpacing() * 3 + 10)
        self.section_label = QLabel()
        self.section = QSpinBox()
        self.section.setRange(1, 999)
        self.section.valueChanged.connect(lambda _v: self.update_banner())
        self.section_label.setBuddy(self.section)
        self.model = AttendanceModel(self._save)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.guest_name = QLineEdit()
        self.guest_name.returnPressed.connect(self.add_guest)
        self.add_guest_button = QPushButton()
        self.add_guest_button.clicked.connect(self.add_guest)
        self.remove_guest_button = QPushButton()
        self.remove_guest_button.clicked.connect(self.remove_guest)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh_from_registry)
        self.error = QLabel()
        self.error.setStyleSheet(theme.text_style(theme.Tone.ERROR))
        self.error.hide()

        top = QHBoxLayout()
        top.addWidget(self.banner, 1)
        top.addWidget(self.section_label)
        top.addWidget(self.section)
        guests = QHBoxLayout()
        guests.addWidget(self.guest_name, 1)
        guests.addWidget(self.add_guest_button)
        guests.addWidget(self.remove_guest_button)
        guests.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(guests)
        self.retranslate_ui()

    def show_meeting(self, detail: MeetingDetail | None) -> None:
        new_meeting = (detail.meeting.id if detail else None) != (
            self._detail.meeting.id if self._detail else None
        )
        self._detail = detail
        self.model.set_rows(
            list(detail.attendance) if detail else [], detail.locked if detail else True
        )
        self.table.resizeColumnsToContents()
        self.section.blockSignals(True)
        self.section.setMaximum(max(len(detail.items), 1) if detail else 1)
        if new_meeting and detail is not None:
            self.section.setValue(detail.legality_section)
        self.section.blockSignals(False)
        locked = detail.locked if detail else True
        for widget in (
            self.guest_name,
            self.add_guest_button,
            self.remove_guest_button,
            self.refresh_button,
        ):
            widget.setEnabled(not locked)
        self.update_banner()

    def update_banner(self) -> None:
        if self._detail is None:
            self.banner.clear()
            return
        section = self.section.value()
        result = self._detail.quorum(section)
        text = _("At § {section}: {quorum}").format(section=section, quorum=describe_quorum(result))
        lost = self._detail.quorum_lost_at(section) if result.quorate else None
        if lost is not None:
            text += "\n" + _("No longer quorate from § {section} on.").format(section=lost)
        self.banner.setText(text)
        tone = theme.Tone.OK if result.quorate else theme.Tone.ERROR
        self.banner.setStyleSheet(theme.banner_style(tone) + " font-weight: bold;")

    def _save(self, row: AttendanceRow, fields: attendance.AttendanceFields) -> None:
        try:
            saved = attendance.set_attendance(
                self.db, row.id, fields, expected_version=row.row_version
            )
        except ValidationError as exc:
            self.show_field_errors(row, exc.errors)
            return
        except RecordChangedError as exc:  # someone else ticked this row: show theirs
            self.error.setText(str(exc))
            self.error.show()
            self.changed.emit()
            return
        self.model.clear_errors()
        self.error.hide()
        self.saved.emit(saved)

    def show_field_errors(self, row: AttendanceRow, errors: dict[str, str]) -> None:
        """A refused change: marked at its cell (tooltip), and said under the table
        with the person and the column named."""
        columns = self.model.set_errors(row.id, errors)
        position = next(
            (n for n in range(self.model.rowCount()) if self.model.row(n).id == row.id), None
        )
        lines = []
        for column, message in zip(columns, errors.values(), strict=True):
            header = self.model.headerData(column, Qt.Orientation.Horizontal)
            lines.append(f"{row.name} – {header}: {message}")
        self.error.setText("\n".join(lines))
        self.error.show()
        if position is not None and columns:
            self.table.setCurrentIndex(self.model.index(position, columns[0]))

    def show_saved_row(self, detail: MeetingDetail, attendance_id: int) -> None:
        """One row changed: that row and the quorum verdict are shown again, nothing else."""
        self._detail = detail
        row = next((a for a in detail.attendance if a.id == attendance_id), None)
        if row is not None:
            self.model.replace_row(row)
        self.update_banner()

    def _attempt(self, change: Callable[[], object]) -> tuple[bool, object]:
        """Run *change*; on failure show why and return (False, None)."""
        try:
            value = change()
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False, None
        except RecordChangedError as exc:  # someone else ticked this row: show theirs
            self.error.setText(str(exc))
            self.error.show()
            self.changed.emit()
            return False, None
        self.error.hide()
        return True, value

    def _run(self, change: Callable[[], object]) -> None:
        """A change that adds or removes rows: the meeting is read again."""
        done, _value = self._attempt(change)
        if done:
            self.changed.emit()

    def add_guest(self) -> None:
        if self._detail is not None:
            meeting_id = self._detail.meeting.id
            self._run(lambda: attendance.add_guest(self.db, meeting_id, self.guest_name.text()))
            if self.error.isHidden():
                self.guest_name.clear()

    def remove_guest(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            row = self.model.row(rows[0].row())
            self._run(lambda: attendance.remove_guest(self.db, row.id))

    def refresh_from_registry(self) -> None:
        """Add people who joined the group after the meeting was made."""
        if self._detail is not None:
            meeting_id = self._detail.meeting.id
            self._run(lambda: attendance.refresh_attendance(self.db, meeting_id))

    def retranslate_ui(self) -> None:
        self.table.setAccessibleName(_("Attendance"))
        self.guest_name.setAccessibleName(_("Guest's name"))
        self.section_label.setText(_("At §"))
        self.guest_name.setPlaceholderText(_("Guest's name"))
        self.add_guest_button.setText(_("Add guest"))
        self.remove_guest_button.setText(_("Remove guest"))
        self.refresh_button.setText(_("Add new group members"))
        self.show_meeting(self._detail)  # role names and the banner in the new language
