"""One meeting: details, agenda, attendance and minutes, each on its own tab."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kastedesk.domain.meetings import MEETING_STATUS_LABELS
from kastedesk.domain.minutes_review import ReviewState, review_summary
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_meeting_time
from kastedesk.i18n import _, current_language, ngettext
from kastedesk.services import meetings as svc
from kastedesk.services.backlog import meeting_backlog, meeting_with_waiting
from kastedesk.services.meeting_attendance import AttendanceSaved
from kastedesk.services.meeting_views import MeetingDetail, get_meeting
from kastedesk.storage.database import Database
from kastedesk.storage.errors import RecordChangedError
from kastedesk.ui import theme
from kastedesk.ui.draft_keeper import DraftKeeper
from kastedesk.ui.meetings.agenda_panel import AgendaPanel
from kastedesk.ui.meetings.attendance_panel import AttendancePanel
from kastedesk.ui.meetings.details_form import DetailsForm
from kastedesk.ui.meetings.documents_bar import DocumentsBar
from kastedesk.ui.meetings.minutes_panel import MinutesPanel
from kastedesk.ui.record_conflict import ConflictChoice, ask_about_conflict, changed_fields


class MeetingEditor(QWidget):
    changed = Signal()  # something was saved: the meeting list may need refreshing
    meeting_row_changed = Signal(object)  # only this MeetingRow changed (status, version)

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.detail: MeetingDetail | None = None
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.subheading = QLabel()
        self.lock_label = QLabel()
        self.lock_label.setStyleSheet("background: palette(alternate-base); padding: 4px;")
        self.lock_label.hide()
        # The offer of the group's waiting items (tabled, postponed, parked).
        self.backlog_offer = QWidget()
        self.backlog_label = QLabel()
        self.backlog_offer_button = QPushButton()
        self.backlog_offer_button.clicked.connect(self.open_backlog)
        offer_row = QHBoxLayout(self.backlog_offer)
        offer_row.setContentsMargins(0, 0, 0, 0)
        offer_row.addWidget(self.backlog_label, 1)
        offer_row.addWidget(self.backlog_offer_button)
        waiting = theme.background(theme.Tone.WARNING).name()
        self.backlog_offer.setStyleSheet(f"background: {waiting};")
        self.backlog_offer.hide()
        self._waiting = 0

        self.details = DetailsForm()
        self.details_drafts = DraftKeeper(self.db, self._details_draft, self)
        for signal in self.details.edited():
            signal.connect(self.details_drafts.touched)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_details)
        details_page = QWidget()
        column = QVBoxLayout(details_page)
        column.addWidget(self.details)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        column.addLayout(row)
        column.addStretch(1)
        details_scroll = QScrollArea()
        details_scroll.setWidgetResizable(True)
        details_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields inside
        details_scroll.setWidget(details_page)

        self.documents = DocumentsBar(self.db)
        self.documents.changed.connect(self.reload)
        self.documents.message.connect(self._status_message)
        self.documents.fill_in_requested.connect(self.fill_in)

        self.agenda = AgendaPanel(self.db)
        self.attendance = AttendancePanel(self.db)
        self.minutes = MinutesPanel(self.db)
        for panel in (self.agenda, self.attendance, self.minutes):
            panel.changed.connect(self.reload)
        self.agenda.message.connect(self._status_message)
        self.agenda.extract_requested.connect(self.documents.export_extract)
        self.attendance.saved.connect(self._attendance_saved)

        self.tabs = QTabWidget()
        self.tabs.addTab(details_scroll, "")
        self.tabs.addTab(self.agenda, "")
        self.tabs.addTab(self.attendance, "")
        # At 150 % on a 1366×768 screen the minutes tab is taller than the room left: it scrolls.
        minutes_scroll = QScrollArea()
        minutes_scroll.setWidgetResizable(True)
        minutes_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields inside
        minutes_scroll.setWidget(self.minutes)
        self.tabs.addTab(minutes_scroll, "")

        self.placeholder = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.lock_label)
        layout.addWidget(self.backlog_offer)
        layout.addWidget(self.documents)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.placeholder)
        self.retranslate_ui()
        self.show_detail(None)

    def open_meeting(self, meeting_id: int | None, item_id: int | None = None) -> None:
        if not meeting_id:
            self.show_detail(None, item_id)
            return
        detail, waiting = meeting_with_waiting(self.db, meeting_id)  # one read for both
        self.show_detail(detail, item_id, waiting=waiting)

    def show_item(self, item_id: int) -> None:
        """One item of the open meeting on the Agenda tab (as open_meeting with an item)."""
        self.agenda.select_item(item_id)
        self.tabs.setCurrentWidget(self.agenda)

    def _details_fields(self) -> svc.MeetingFields | None:
        try:
            return self.details.fields()
        except ValidationError:
            return None  # half-typed: certainly not what was shown

    def _details_draft(self) -> tuple[str, str, dict[str, Any]] | None:
        if self.detail is None or self.detail.locked:
            return None
        if self._details_fields() == self._shown_fields:
            return None
        meeting = self.detail.meeting
        label = meeting.title(current_language())
        return (f"meeting-{meeting.id}", label, self.details.raw_values())

    def apply_details_draft(self, values: dict[str, Any]) -> None:
        """A kept draft back in the Details tab (not saved yet)."""
        self.details.set_raw_values(values)

    def has_unsaved_edits(self) -> bool:
        """The details or the open agenda item differ from what was loaded."""
        if self.detail is None:
            return False
        return self.agenda.editor.is_dirty() or self._details_fields() != self._shown_fields

    def refresh_after_outside_change(self) -> None:
        """Show others' saves, unless that would throw away the user's typing."""
        if self.detail is not None and not self.has_unsaved_edits():
            item_id = self.agenda.editor.item_id()
            self.show_detail(get_meeting(self.db, self.detail.meeting.id), item_id)

    def reload(self) -> None:
        if self.detail is not None:
            self.show_detail(get_meeting(self.db, self.detail.meeting.id))
        self.changed.emit()

    def _attendance_saved(self, saved: AttendanceSaved) -> None:
        """One box ticked: its row, the quorum verdict and the status; nothing read again."""
        if self.detail is None or self.detail.meeting.id != saved.meeting_id:
            return
        before = self.detail.meeting
        self.detail = self.detail.with_attendance(
            saved.attendance_id,
            row_version=saved.row_version,
            present=saved.present,
            stands_in=saved.stands_in,
            arrived_at=saved.arrived_at,
            left_at=saved.left_at,
            meeting_status=saved.meeting_status,
            meeting_row_version=saved.meeting_row_version,
        )
        self.attendance.show_saved_row(self.detail, saved.attendance_id)
        self.minutes.show_meeting(self.detail)
        self.documents.show_meeting(self.detail)
        self._texts()
        if self.detail.meeting != before:
            self.meeting_row_changed.emit(self.detail.meeting)

    def show_detail(
        self, detail: MeetingDetail | None, item_id: int | None = None, waiting: int | None = None
    ) -> None:
        self.detail = detail
        self._shown_fields: svc.MeetingFields | None = None
        has = detail is not None
        self.tabs.setVisible(has)
        self.heading.setVisible(has)
        self.subheading.setVisible(has)
        self.placeholder.setVisible(not has)
        self.documents.setVisible(has)
        self.documents.show_meeting(detail)
        lang = current_language()
        if detail is not None:
            self.details.load(detail.meeting)
            self._shown_fields = self._details_fields()
            for widget in (self.details, self.save_button):
                widget.setEnabled(not detail.locked)
        else:
            self.lock_label.hide()
        self.agenda.show_meeting(detail, lang, item_id)
        self._offer_backlog(detail, waiting)
        self.attendance.show_meeting(detail)
        self.minutes.show_meeting(detail)
        self._texts()
        if item_id is not None:
            self.tabs.setCurrentWidget(self.agenda)

    def _texts(self) -> None:
        detail = self.detail
        if detail is None:
            return
        lang = current_language()
        m = detail.meeting
        self.heading.setText(m.title(lang))
        parts = [format_meeting_time(m.date, m.start, m.end, lang), m.place,
                 _(MEETING_STATUS_LABELS[m.status])]  # fmt: skip
        if m.review.state not in (ReviewState.DRAFT, ReviewState.APPROVED):
            parts.append(_("minutes {state}").format(state=review_summary(m.review)))
        self.subheading.setText(" · ".join(p for p in parts if p))
        self.lock_label.setVisible(detail.locked)
        self.lock_label.setText(
            _(
                "The minutes are approved and the meeting is locked. "
                "To change it, reopen it on the Minutes tab."
            )
        )

    def _offer_backlog(self, detail: MeetingDetail | None, waiting: int | None = None) -> None:
        """Offer the group's waiting items when this meeting can take some (*waiting*: how
        many, when read with the meeting)."""
        self._waiting = 0
        if detail is not None and not detail.locked:
            self._waiting = (
                waiting if waiting is not None else len(meeting_backlog(self.db, detail.meeting.id))
            )
        self.backlog_offer.setVisible(self._waiting > 0)
        self._backlog_texts()

    def _backlog_texts(self) -> None:
        self.backlog_label.setText(
            ngettext(
                "{count} item of the group is waiting for a meeting "
                "(tabled, postponed or parked earlier).",
                "{count} items of the group are waiting for a meeting "
                "(tabled, postponed or parked earlier).",
                self._waiting,
            ).format(count=self._waiting)
        )
        self.backlog_offer_button.setText(_("Show waiting items…"))

    def open_backlog(self) -> None:
        self.tabs.setCurrentWidget(self.agenda)
        self.agenda.add_from_backlog()

    def fill_in(self, section: int, language: str) -> None:
        """Open the § item whose text is missing in *language* (asked before a document)."""
        self.tabs.setCurrentWidget(self.agenda)
        self.agenda.select_section(section, language)

    def save_details(self) -> bool:
        if self.detail is None:
            return False
        meeting = self.detail.meeting
        expected: int | None = meeting.row_version
        while True:
            try:
                svc.update_meeting(self.db, meeting.id, self.details.fields(), expected)
                break
            except ValidationError as exc:
                self.details.form.show_errors(exc.errors)
                return False
            except RecordChangedError as exc:
                now = get_meeting(self.db, meeting.id).meeting
                changes = changed_fields(meeting, now, self.details.form.captions())
                choice = ask_about_conflict(self, exc, changes)
                if choice is ConflictChoice.OVERWRITE:
                    expected = None
                    continue
                if choice is ConflictChoice.RELOAD:
                    self.details_drafts.discard()
                    self.reload()
                return False
        self.details_drafts.discard()
        self.reload()
        return True

    def _status_message(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)

    def retranslate_ui(self) -> None:
        self.documents.retranslate_ui()
        self.details.retranslate_ui()
        self.save_button.setText(_("&Save details"))
        for index, title in enumerate((_("Details"), _("Agenda"), _("Attendance"), _("Minutes"))):
            self.tabs.setTabText(index, title)
        self.placeholder.setText(_("Choose a meeting, or create a new one."))
        self._backlog_texts()
        self.agenda.retranslate_ui()
        self.attendance.retranslate_ui()
        self.minutes.retranslate_ui()
        if self.detail is not None:
            self.agenda.show_meeting(self.detail, current_language())
            self._texts()
