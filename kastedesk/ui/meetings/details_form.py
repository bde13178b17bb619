"""The meeting's details: number, date and time, place, languages, status."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kastedesk.domain.meetings import MEETING_STATUS_LABELS, MeetingStatus
from kastedesk.domain.registry import DOC_LANGUAGE_LABELS, DocLanguages
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_date, format_time, parse_date, parse_time
from kastedesk.i18n import _
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_views import MeetingRow
from kastedesk.storage.database import Database
from kastedesk.ui.combo_items import set_choice_enabled
from kastedesk.ui.form_errors import ErrorForm


def languages_hint() -> str:
    return _(
        "The languages this meeting's agenda and minutes are written in; the group's choice "
        "unless changed here."
    )


class DetailsForm(QWidget):
    """Fields of a meeting; ``fields()`` reads them or raises ValidationError."""

    def __init__(self, with_status: bool = True, parent=None) -> None:
        super().__init__(parent)
        self.form = ErrorForm(self)
        self.number = QSpinBox()
        self.number.setRange(1, 9999)
        self.date = QLineEdit()
        self.start = QLineEdit()
        self.end = QLineEdit()
        self.place = QLineEdit()
        self.remote_link = QLineEdit()
        self.languages = QComboBox()
        for value in DocLanguages:
            self.languages.addItem("", value.value)
        self.status = QComboBox()
        for status in MeetingStatus:
            self.status.addItem("", status.value)
        # Approval is recorded on the Minutes tab (with the checkers), never chosen here.
        approved = self.status.findData(MeetingStatus.APPROVED.value)
        set_choice_enabled(self.status, approved, False)
        self.attachments_sent = QCheckBox()
        self.form.add_field("number", lambda: _("Number"), self.number)
        self.form.add_field("date", lambda: _("Date"), self.date)
        self.form.add_field("start", lambda: _("Starts at"), self.start)
        self.form.add_field("end", lambda: _("Ends at"), self.end)
        self.form.add_field("place", lambda: _("Place"), self.place)
        self.form.add_field("remote_link", lambda: _("Remote meeting link"), self.remote_link)
        self.form.add_field(
            "languages", lambda: _("Document languages"), self.languages, languages_hint
        )
        self._with_status = with_status
        # The agenda's and attachments' deadlines, from the date and the group's lead times.
        self.deadlines = QLabel()
        self.deadlines.setWordWrap(True)
        self._row: MeetingRow | None = None
        if with_status:
            self.form.add_field("status", lambda: _("Status"), self.status)
            self.form.add_field("attachments_sent", lambda: _("Attachments"), self.attachments_sent)
            self.form.add_field("deadlines", lambda: _("Deadlines"), self.deadlines)
        self.retranslate_ui()

    def _deadline_text(self) -> str:
        row = self._row
        if row is None:
            return ""
        # Whole phrases: Swedish says the agenda "skickad" and the attachments "skickade".
        agenda = (
            _("agenda by {date} (sent)") if row.agenda_sent else _("agenda by {date}")
        ).format(date=format_date(row.agenda_due))
        files = (
            _("attachments by {date} (sent)") if row.attachments_sent
            else _("attachments by {date}")
        ).format(date=format_date(row.attachments_due))  # fmt: skip
        return f"{agenda} · {files}"

    def retranslate_ui(self) -> None:
        self.form.retranslate()
        for index, value in enumerate(DocLanguages):
            self.languages.setItemText(index, _(DOC_LANGUAGE_LABELS[value]))
        for index, status in enumerate(MeetingStatus):
            self.status.setItemText(index, _(MEETING_STATUS_LABELS[status]))
        self.attachments_sent.setText(_("sent"))
        self.deadlines.setText(self._deadline_text())
        self.date.setPlaceholderText(_("e.g. 23.9.2014"))
        self.start.setPlaceholderText(_("e.g. 12.30"))
        self.end.setPlaceholderText(_("e.g. 15.00"))

    def load(self, row: MeetingRow) -> None:
        self.form.clear_errors()
        self.number.setValue(row.number)
        self.date.setText(format_date(row.date))
        self.start.setText(format_time(row.start))
        self.end.setText(format_time(row.end))
        self.place.setText(row.place)
        self.remote_link.setText(row.remote_link)
        self.languages.setCurrentIndex(self.languages.findData(row.languages))
        self.status.setCurrentIndex(self.status.findData(row.status.value))
        self.attachments_sent.setChecked(row.attachments_sent)
        self._row = row
        self.deadlines.setText(self._deadline_text())

    def raw_values(self) -> dict[str, object]:
        """What is typed, as typed (a draft may hold a half-written date)."""
        return {
            "number": self.number.value(),
            "date": self.date.text(),
            "start": self.start.text(),
            "end": self.end.text(),
            "place": self.place.text(),
            "remote_link": self.remote_link.text(),
            "languages": self.languages.currentData(),
            "status": self.status.currentData(),
            "attachments_sent": self.attachments_sent.isChecked(),
        }

    def set_raw_values(self, values: dict[str, object]) -> None:
        number = values.get("number")
        if isinstance(number, int):
            self.number.setValue(number)
        for name in ("date", "start", "end", "place", "remote_link"):
            if isinstance(values.get(name), str):
                getattr(self, name).setText(values[name])
        for name in ("languages", "status"):
            if name not in values:
                continue
            combo: QComboBox = getattr(self, name)
            index = combo.findData(values.get(name))
            if index >= 0:
                combo.setCurrentIndex(index)
        if "attachments_sent" in values:
            self.attachments_sent.setChecked(bool(values["attachments_sent"]))

    def edited(self) -> list[SignalInstance]:
        """The signals that mean the user changed something."""
        return [
            self.number.valueChanged,
            *(getattr(self, n).textChanged for n in ("date", "start", "end", "place")),
            self.remote_link.textChanged,
            self.languages.currentIndexChanged,
            self.status.currentIndexChanged,
            self.attachments_sent.toggled,
        ]

    def set_defaults(self, number: int, languages: str) -> None:
        self.number.setValue(number)
        self.languages.setCurrentIndex(self.languages.findData(languages))

    def fields(self) -> svc.MeetingFields:
        errors: dict[str, str] = {}
        day = _read(self.date.text(), parse_date, "date", _("Write the date as 23.9.2014."), errors)
        if not self.date.text().strip():
            errors["date"] = _("Give the date of the meeting.")
        start = _read(self.start.text(), parse_time, "start", _("Write the time as 12.30."), errors)
        end = _read(self.end.text(), parse_time, "end", _("Write the time as 12.30."), errors)
        if errors:
            raise ValidationError(errors)
        status = MeetingStatus(self.status.currentData()) if self._with_status else None
        return svc.MeetingFields(
            date=day,
            start=start,
            end=end,
            place=self.place.text(),
            remote_link=self.remote_link.text(),
            number=self.number.value(),
            languages=self.languages.currentData(),
            status=None if status is MeetingStatus.APPROVED else status,
            attachments_sent=self.attachments_sent.isChecked(),
        )


def _read(text: str, parse, name: str, message: str, errors: dict[str, str]):
    if not text.strip():
        return None
    try:
        return parse(text)
    except ValueError:
        errors[name] = message
        return None


class NewMeetingDialog(QDialog):
    """Asks for the date (and the rest); creates the meeting on OK."""

    help_topic = "meetings"  # the user guide's page (F1)

    def __init__(
        self, db: Database, group_id: int, languages: str, today: dt.date, parent=None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._group_id = group_id
        self.meeting_id: int | None = None
        self.details = DetailsForm(with_status=False)
        self.details.set_defaults(svc.next_free_number(db, group_id), languages)
        self.details.date.setText(format_date(today + dt.timedelta(days=28)))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.details)
        layout.addWidget(self.buttons)
        self.setWindowTitle(_("New meeting"))
        self.details.date.setFocus()

    def accept(self) -> None:
        try:
            self.meeting_id = svc.create_meeting(self._db, self._group_id, self.details.fields())
        except ValidationError as exc:
            self.details.form.show_errors(exc.errors)
            return
        super().accept()
