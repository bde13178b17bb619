"""Minutes checkers, approval (locks the meeting), reopening with a reason, history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kastedesk.domain.registry import MinutesStyle
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_date, format_datetime, parse_date
from kastedesk.i18n import _
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_checkers import rota_suggestion
from kastedesk.services.meeting_views import MeetingDetail, PersonRef
from kastedesk.storage.database import Database
from kastedesk.ui.form_errors import ErrorForm
from kastedesk.ui.meetings.item_editor import fill_people


def present_people(detail: MeetingDetail) -> tuple[PersonRef, ...]:
    present = {a.person_id for a in detail.attendance if a.present and a.person_id}
    return tuple(p for p in detail.people if p.id in present)


class MinutesPanel(QWidget):
    help_topic = "minutes"  # the user guide's page (F1)

    changed = Signal()

    def __init__(self, db_getter: Callable[[], Database], parent=None) -> None:
        super().__init__(parent)
        self._db = db_getter
        self._detail: MeetingDetail | None = None
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.approve_box = QGroupBox()
        self.form = ErrorForm()
        self.checker1 = QComboBox()
        self.checker2 = QComboBox()
        self.checked_on = QLineEdit()
        self.form.add_field("checker1", lambda: _("First minutes checker"), self.checker1)
        self.form.add_field("checker2", lambda: _("Second minutes checker"), self.checker2)
        self.form.add_field("checked_on", lambda: _("Minutes checked on"), self.checked_on)
        self.approve_button = QPushButton()
        self.approve_button.clicked.connect(self.approve)
        self.rota_button = QPushButton()
        self.rota_button.clicked.connect(self.choose_by_rota)
        box = QVBoxLayout(self.approve_box)
        box.addLayout(self.form)
        row = QHBoxLayout()
        row.addWidget(self.rota_button)
        row.addStretch(1)
        row.addWidget(self.approve_button)
        box.addLayout(row)

        self.reopen_box = QGroupBox()
        self.reopen_form = ErrorForm()
        self.reason = QLineEdit()
        self.reopen_form.add_field("reason", lambda: _("Reason"), self.reason)
        self.reopen_button = QPushButton()
        self.reopen_button.clicked.connect(self.reopen)
        box = QVBoxLayout(self.reopen_box)
        box.addLayout(self.reopen_form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.reopen_button)
        box.addLayout(row)

        self.history_box = QGroupBox()
        self.history = QListWidget()
        QVBoxLayout(self.history_box).addWidget(self.history)

        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.approve_box)
        layout.addWidget(self.reopen_box)
        layout.addWidget(self.history_box, 1)
        self.retranslate_ui()

    def show_meeting(self, detail: MeetingDetail | None) -> None:
        self._detail = detail
        self.form.clear_errors()
        self.reopen_form.clear_errors()
        if detail is None:
            self.setEnabled(False)
            return
        self.setEnabled(True)
        people = present_people(detail)
        fill_people(self.checker1, people, detail.checker_ids[0])
        fill_people(self.checker2, people, detail.checker_ids[1])
        memo = detail.minutes_style == MinutesStyle.MEMO.value
        for combo in (self.checker1, self.checker2):
            combo.setVisible(not memo)
            self.form.labelForField(combo.parentWidget()).setVisible(not memo)
        self.checked_on.setText(format_date(detail.checked_on or dt.date.today()))
        self.approve_box.setVisible(not detail.locked)
        self.reopen_box.setVisible(detail.locked)
        self.reason.clear()
        self._fill_state_and_history()

    def _fill_state_and_history(self) -> None:
        detail = self._detail
        if detail is None:
            return
        if detail.locked:
            names = [p.name for p in detail.people if p.id in detail.checker_ids]
            self.state.setText(
                _("Minutes approved on {date} ({checkers}). The meeting is locked.").format(
                    date=format_date(detail.checked_on), checkers=", ".join(names) or "–"
                )
            )
        else:
            self.state.setText(_("The minutes are not approved yet."))
        self.history.clear()
        for event in detail.events:
            label = _(svc.EVENT_LABELS[svc.MeetingEventKind(event.kind)])
            when = format_datetime(event.at)
            text = f"{when}  {event.by} – {label}" if event.by else f"{when}  {label}"
            self.history.addItem(f"{text}: {event.note}" if event.note else text)
        meeting = detail.meeting
        if meeting.updated_at is not None:  # who saved the meeting last (schema 0012 on)
            self.history.addItem(
                _("{time}  {person} – last saved").format(
                    time=format_datetime(meeting.updated_at), person=meeting.updated_by or "–"
                )
            )

    def choose_by_rota(self) -> bool:
        """The next two present members in turn become the checkers (saved at once, so the
        checkers § can be written with their names)."""
        if self._detail is None or self._detail.locked:
            return False
        first, second = rota_suggestion(self._db(), self._detail.meeting.id)
        if first is None or second is None:
            self.form.show_errors(
                {"checker1": _("Mark who is present first: checkers are chosen from them.")}
            )
            return False
        try:
            svc.set_checkers(self._db(), self._detail.meeting.id, first, second)
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return False
        self.changed.emit()
        return True

    def approve(self) -> None:
        if self._detail is None:
            return
        try:
            checked_on = parse_date(self.checked_on.text()) if self.checked_on.text() else None
        except ValueError:
            self.form.show_errors({"checked_on": _("Write the date as 23.9.2014.")})
            return
        memo = self._detail.minutes_style == MinutesStyle.MEMO.value
        first = None if memo else self.checker1.currentData()
        second = None if memo else self.checker2.currentData()
        try:
            svc.approve_minutes(self._db(), self._detail.meeting.id, checked_on, first, second)
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return
        self.changed.emit()

    def reopen(self) -> None:
        if self._detail is None:
            return
        try:
            svc.reopen_meeting(self._db(), self._detail.meeting.id, self.reason.text())
        except ValidationError as exc:
            self.reopen_form.show_errors(exc.errors)
            return
        self.changed.emit()

    def retranslate_ui(self) -> None:
        self.form.retranslate()
        self.reopen_form.retranslate()
        self.approve_box.setTitle(_("Approval"))
        self.approve_button.setText(_("Approve minutes and lock"))
        self.rota_button.setText(_("Checkers by rota"))
        self.rota_button.setToolTip(
            _("The next two members present in turn; never the chair or the secretary")
        )
        self.reopen_box.setTitle(_("Reopen"))
        self.reason.setPlaceholderText(_("Why must the approved minutes be changed?"))
        self.reopen_button.setText(_("Reopen meeting"))
        self.history_box.setTitle(_("History"))
        self._fill_state_and_history()
