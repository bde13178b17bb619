"""Agendas and attachments of all groups due within the next 7 days."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout

from kastedesk.domain.deadlines import DUE_SOON_DAYS, DueItem, DueKind
from kastedesk.formatting import format_date
from kastedesk.i18n import _, ngettext
from kastedesk.ui import theme


def due_message(total: int, overdue: int) -> str:
    """The status message at start: how many agendas and attachments are due or overdue.

    Here, not with the meetings page, so that saying it does not load that page's code
    (documents, calendar files) before the Meetings tab is first shown."""
    if total == 0:
        return _("No agendas or attachments due within {days} days.").format(days=DUE_SOON_DAYS)
    if overdue == 0:
        return ngettext(
            "{n} agenda or attachment deadline within {days} days.",
            "{n} agenda and attachment deadlines within {days} days.",
            total,
        ).format(n=total, days=DUE_SOON_DAYS)
    return ngettext(
        "{n} agenda or attachment deadline within {days} days, {overdue} overdue.",
        "{n} agenda and attachment deadlines within {days} days, {overdue} overdue.",
        total,
    ).format(n=total, days=DUE_SOON_DAYS, overdue=overdue)


def due_text(item: DueItem, title: str) -> str:
    what = _("Agenda") if item.kind is DueKind.AGENDA else _("Attachments")
    if item.overdue:
        return _("{what}: {meeting} – overdue since {due}").format(
            what=what, meeting=title, due=format_date(item.due)
        )
    return _("{what}: {meeting} – due {due}").format(
        what=what, meeting=title, due=format_date(item.due)
    )


class DueSoonPanel(QGroupBox):
    meeting_activated = Signal(int, int)  # group id, meeting id

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        self._items: list[tuple[DueItem, str]] = []
        self.retranslate_ui()

    def shows_meeting(self, meeting_id: int) -> bool:
        return any(item.meeting_id == meeting_id for item, _title in self._items)

    def set_items(self, items: list[tuple[DueItem, str]]) -> None:
        """(due item, the meeting's title in the interface language) pairs."""
        self._items = list(items)
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for item, title in self._items:
            entry = QListWidgetItem(due_text(item, title))
            entry.setData(Qt.ItemDataRole.UserRole, (item.group_id, item.meeting_id))
            if item.overdue:
                entry.setForeground(QBrush(theme.foreground(theme.Tone.ERROR)))
            self.list.addItem(entry)
        if not self._items:
            entry = QListWidgetItem(_("Nothing due."))
            entry.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(entry)

    def _activated(self, entry: QListWidgetItem) -> None:
        data = entry.data(Qt.ItemDataRole.UserRole)
        if data:
            self.meeting_activated.emit(*data)

    def retranslate_ui(self) -> None:
        self.setTitle(_("Due within {days} days").format(days=DUE_SOON_DAYS))
        self._fill()
