"""The attendance table: present, deputy standing in, arrived at §, left at §."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kastedesk.domain.registry import ROLE_LABELS, Role
from kastedesk.i18n import _
from kastedesk.services.meeting_attendance import AttendanceFields
from kastedesk.services.meeting_views import AttendanceRow
from kastedesk.ui import theme

_Index = QModelIndex | QPersistentModelIndex
NAME, ROLE, PRESENT, STANDS_IN, ARRIVED, LEFT = range(6)
# The service's field names (AttendanceFields) and the column each is edited in.
FIELD_COLUMNS = {"present": PRESENT, "stands_in": STANDS_IN, "arrived_at": ARRIVED,
                 "left_at": LEFT, "": NAME}  # fmt: skip


def role_text(row: AttendanceRow) -> str:
    if row.role is None:
        return _("guest")
    return _(ROLE_LABELS[row.role])


class AttendanceModel(QAbstractTableModel):
    """Rows of one meeting; each edit is handed to *save* (which writes and reloads)."""

    def __init__(self, save: Callable[[AttendanceRow, AttendanceFields], None], parent=None):
        super().__init__(parent)
        self._save = save
        self._rows: list[AttendanceRow] = []
        self.locked = False
        # A refused change: its message at the cell that was edited, {(row id, column): text}.
        self._errors: dict[tuple[int, int], str] = {}

    def set_rows(self, rows: list[AttendanceRow], locked: bool) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.locked = locked
        self._errors = {}
        self.endResetModel()

    def set_errors(self, attendance_id: int, errors: dict[str, str]) -> list[int]:
        """Show *errors* (service field names) at the row's cells; the columns marked."""
        self._errors = {
            (attendance_id, FIELD_COLUMNS.get(name, NAME)): message
            for name, message in errors.items()
        }
        self._refresh_all_rows()
        return [column for (_row, column) in self._errors]

    def clear_errors(self) -> None:
        if self._errors:
            self._errors = {}
            self._refresh_all_rows()

    def error_at(self, position: int, column: int) -> str:
        return self._errors.get((self._rows[position].id, column), "")

    def _refresh_all_rows(self) -> None:
        if self._rows:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, last))

    def replace_row(self, row: AttendanceRow) -> None:
        """Show a saved row again in place (selection and scroll position stay)."""
        for position, old in enumerate(self._rows):
            if old.id == row.id:
                self._rows[position] = row
                last = self.columnCount() - 1
                self.dataChanged.emit(self.index(position, 0), self.index(position, last))
                return

    def row(self, position: int) -> AttendanceRow:
        return self._rows[position]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return [
            _("Name"),
            _("Role"),
            _("Present"),
            _("Deputy standing in for"),
            _("Arrived at §"),
            _("Left at §"),
        ][section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        error = self._errors.get((row.id, column))
        if error is not None:
            if role == Qt.ItemDataRole.ToolTipRole:
                return error
            if role == Qt.ItemDataRole.BackgroundRole:
                return theme.background(theme.Tone.ERROR)
            if role == Qt.ItemDataRole.ForegroundRole:
                return theme.foreground(theme.Tone.ERROR)
        if role == Qt.ItemDataRole.CheckStateRole:
            if column == PRESENT:
                return _check(row.present)
            if column == STANDS_IN and row.role is Role.DEPUTY:
                return _check(row.stands_in)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == NAME:
                return row.name
            if column == ROLE:
                return role_text(row)
            if column == STANDS_IN:
                return row.deputy_for if row.role is Role.DEPUTY else ""
            if column in (ARRIVED, LEFT):
                value = row.arrived_at if column == ARRIVED else row.left_at
                if role == Qt.ItemDataRole.EditRole:
                    return value or 0
                return f"{value} §" if value else ""
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid() or self.locked:
            return flags
        row = self._rows[index.row()]
        if index.column() == PRESENT:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == STANDS_IN and row.role is Role.DEPUTY:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (ARRIVED, LEFT):
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.locked:
            return False
        row = self._rows[index.row()]
        fields = AttendanceFields(row.present, row.stands_in, row.arrived_at, row.left_at)
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == PRESENT:
            present = _checked(value)
            fields = replace(fields, present=present, stands_in=row.stands_in and present)
        elif role == Qt.ItemDataRole.CheckStateRole and column == STANDS_IN:
            stands_in = _checked(value)
            fields = replace(fields, present=row.present or stands_in, stands_in=stands_in)
        elif role == Qt.ItemDataRole.EditRole and column in (ARRIVED, LEFT):
            section = int(value or 0) or None
            if column == ARRIVED:
                fields = AttendanceFields(True, row.stands_in, section, row.left_at)
            else:
                fields = AttendanceFields(row.present, row.stands_in, row.arrived_at, section)
        else:
            return False
        self._save(row, fields)
        return True


def _check(value: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked


def _checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value
