"""The meetings table: upcoming first, deadline states coloured, sent agendas ticked."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QBrush

from kastedesk.domain.deadlines import DeadlineState, deadline_state
from kastedesk.domain.meetings import MEETING_STATUS_LABELS
from kastedesk.formatting import format_date
from kastedesk.i18n import _, current_language
from kastedesk.services.meeting_views import MeetingRow
from kastedesk.ui import theme
from kastedesk.ui.row_table_model import Column, RowTableModel


def upcoming_first(rows: list[MeetingRow], today: dt.date) -> list[MeetingRow]:
    """Coming meetings soonest first, then past ones latest first."""
    coming = sorted((r for r in rows if r.date >= today), key=lambda r: (r.date, r.number))
    past = sorted((r for r in rows if r.date < today), key=lambda r: (r.date, r.number))
    return coming + past[::-1]


def agenda_state(row: MeetingRow, today: dt.date) -> DeadlineState:
    return deadline_state(row.agenda_due, row.date, today, row.agenda_sent)


def _deadline_text(due: dt.date, sent: bool) -> str:
    return ("✓ " if sent else "") + format_date(due)


class MeetingListModel(RowTableModel[MeetingRow]):
    def __init__(self, today: dt.date | None = None, parent=None) -> None:
        self.today = today or dt.date.today()
        columns: list[Column[MeetingRow]] = [
            Column(lambda: _("Date"), lambda r: r.date),
            Column(lambda: _("No."), lambda r: r.number, align_right=True),
            Column(lambda: _("Meeting"), lambda r: r.title(current_language())),
            Column(lambda: _("Status"), lambda r: _(MEETING_STATUS_LABELS[r.status])),
            Column(
                lambda: _("Agenda due"),
                lambda r: _deadline_text(r.agenda_due, r.agenda_sent),
                sort_key=lambda r: r.agenda_due,
            ),
            Column(
                lambda: _("Attachments due"),
                lambda r: _deadline_text(r.attachments_due, r.deadlines().attachments_sent),
                sort_key=lambda r: r.attachments_due,
            ),
        ]
        super().__init__(columns, self._foreground, self._background, parent)

    def set_meetings(self, rows: list[MeetingRow]) -> None:
        self.set_rows(upcoming_first(rows, self.today))

    def _foreground(self, row: MeetingRow) -> QBrush | None:
        if agenda_state(row, self.today) is DeadlineState.OVERDUE:
            return QBrush(theme.foreground(theme.Tone.ERROR))
        return None

    def _background(self, row: MeetingRow) -> QBrush | None:
        if agenda_state(row, self.today) is DeadlineState.DUE_SOON:
            return QBrush(theme.background(theme.Tone.WARNING))
        return None
