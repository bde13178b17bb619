"""Checking the minutes: checkers, sent for checking, each checker's answer, approval
(asks first; locks the meeting), reopening with a reason, and the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kastedesk.domain.minutes_review import (
    Approve,
    Check,
    CheckerAnswer,
    CheckerState,
    MinutesReview,
    Reopen,
    ReviewState,
    Send,
    allowed_steps,
    review_summary,
)
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_date, format_datetime, parse_date
from kastedesk.i18n import _, current_language
from kastedesk.services import meetings as svc
from kastedesk.services import minutes_review as review_svc
from kastedesk.services.meeting_checkers import rota_suggestion
from kastedesk.services.meeting_views import MeetingDetail, PersonRef
from kastedesk.storage.database import Database
from kastedesk.storage.errors import RecordChangedError
from kastedesk.ui.form_errors import ErrorForm
from kastedesk.ui.meetings.approve_dialog import ApproveDialog
from kastedesk.ui.meetings.item_editor import fill_people
from kastedesk.ui.modal import run_modal


def present_people(detail: MeetingDetail) -> tuple[PersonRef, ...]:
    present = {a.person_id for a in detail.attendance if a.present and a.person_id}
    return tuple(p for p in detail.people if p.id in present)


def answer_text(answer: CheckerAnswer) -> str:
    """ "waiting", "checked 8.11.2026", "comment: § 6 …" for one checker."""
    if answer.state is CheckerState.CHECKED:
        return _("checked {date}").format(date=format_date(answer.checked_on))
    if answer.state is CheckerState.COMMENTED:
        return _("comment: {text}").format(text=" ".join(answer.comment.split()))
    return _("waiting")


def approved_text(approved_on: dt.date | None, checkers: list[str]) -> str:
    """What the panel says of approved minutes. A memo has no checkers, and a meeting
    approved before dates were kept (a first-round database) has no date either: neither
    leaves empty brackets or a dash behind."""
    if approved_on is None:
        return _("Minutes approved. The meeting is locked.")
    if not checkers:
        return _("Minutes approved on {date}. The meeting is locked.").format(
            date=format_date(approved_on)
        )
    return _("Minutes approved on {date} ({checkers}). The meeting is locked.").format(
        date=format_date(approved_on), checkers=", ".join(checkers)
    )


class _CheckerRow(QWidget):
    """One checker: who, their answer so far, and the buttons that record it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(16)
        self.answer = QLabel()
        self.answer.setMinimumWidth(120)
        self.checked_button = QPushButton()
        self.comment_button = QPushButton()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo)
        row.addWidget(self.answer, 1)
        row.addWidget(self.checked_button)
        row.addWidget(self.comment_button)
        self.setFocusProxy(self.combo)


class MinutesPanel(QWidget):
    help_topic = "minutes"  # the user guide's page (F1)

    changed = Signal()

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self._detail: MeetingDetail | None = None
        self.state = QLabel()
        self.state.setWordWrap(True)

        self.review_box = QGroupBox()
        self.form = ErrorForm()
        # At 150 % the checker's row goes under its label rather than off to the right.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.rows = (_CheckerRow(), _CheckerRow())
        self.checker1, self.checker2 = (r.combo for r in self.rows)
        self.date = QLineEdit()
        self.comment = QLineEdit()
        self.form.add_field("checker1", lambda: _("First minutes checker"), self.rows[0])
        self.form.add_field("checker2", lambda: _("Second minutes checker"), self.rows[1])
        self.form.add_field("date", lambda: _("Date"), self.date)
        self.form.add_field("comment", lambda: _("Checker's comment"), self.comment)
        for place, row in enumerate(self.rows):
            row.combo.activated.connect(lambda _i: self.save_checkers())
            row.checked_button.clicked.connect(lambda _c=False, p=place: self.record_checked(p))
            row.comment_button.clicked.connect(lambda _c=False, p=place: self.record_comment(p))
        self.rota_button = QPushButton()
        self.rota_button.clicked.connect(self.choose_by_rota)
        self.send_button = QPushButton()
        self.send_button.clicked.connect(self.send)
        self.approve_button = QPushButton()
        self.approve_button.clicked.connect(self.approve)
        box = QVBoxLayout(self.review_box)
        box.addLayout(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rota_button)
        buttons.addWidget(self.send_button)
        buttons.addStretch(1)
        buttons.addWidget(self.approve_button)
        box.addLayout(buttons)

        self.reopen_box = QGroupBox()
        for box_widget in (self.review_box, self.reopen_box):
            box_widget.help_topic = "approval"  # type: ignore[attr-defined]  # F1's page
        self.reopen_form = ErrorForm()
        self.reason = QLineEdit()
        self.reopen_form.add_field("reason", lambda: _("Reason"), self.reason)
        self.reopen_button = QPushButton()
        self.reopen_button.clicked.connect(self.reopen)
        box = QVBoxLayout(self.reopen_box)
        box.addLayout(self.reopen_form)
        reopen_row = QHBoxLayout()
        reopen_row.addStretch(1)
        reopen_row.addWidget(self.reopen_button)
        box.addLayout(reopen_row)

        self.history_box = QGroupBox()
        self.history = QListWidget()
        QVBoxLayout(self.history_box).addWidget(self.history)

        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.review_box)
        layout.addWidget(self.reopen_box)
        layout.addWidget(self.history_box, 1)
        self.retranslate_ui()

    # --- showing -----------------------------------------------------------------------------

    @property
    def review(self) -> MinutesReview | None:
        return self._detail.meeting.review if self._detail is not None else None

    def show_meeting(self, detail: MeetingDetail | None) -> None:
        before = self._detail
        self._detail = detail
        self.form.clear_errors()
        self.reopen_form.clear_errors()
        if detail is None:
            self.setEnabled(False)
            return
        self.setEnabled(True)
        review = detail.meeting.review
        people = present_people(detail)
        for row, chosen in zip(self.rows, detail.checker_ids, strict=True):
            fill_people(row.combo, people, chosen)
        for field in (*self.rows, self.comment):  # a memo has no checkers
            self.form.set_field_visible(field, not review.memo)
        self.rota_button.setVisible(not review.memo)
        if before is None or before.meeting.id != detail.meeting.id:  # else keep the typing
            self.date.setText(format_date(dt.date.today()))
            self.comment.clear()
            self.reason.clear()
        self._enable(review)
        self._fill_state_and_history()

    def _enable(self, review: MinutesReview) -> None:
        steps = allowed_steps(review)
        locked = review.state is ReviewState.APPROVED
        for row, answer in zip(self.rows, review.checkers, strict=True):
            row.combo.setEnabled(not locked)
            row.answer.setToolTip(answer.comment)
            can_check = Check in steps and answer.person_id is not None
            row.checked_button.setEnabled(can_check)
            row.comment_button.setEnabled(can_check)
        self.rota_button.setEnabled(not locked)
        self.send_button.setEnabled(Send in steps)
        self.approve_button.setEnabled(Approve in steps)
        self.review_box.setVisible(not locked)
        self.reopen_box.setVisible(Reopen in steps)
        self._texts_for_state(review)

    def _texts_for_state(self, review: MinutesReview) -> None:
        sent = review.state is not ReviewState.DRAFT
        self.send_button.setText(_("Send again") if sent else _("Send for checking"))
        locked = review.state is ReviewState.APPROVED
        self.reason.setPlaceholderText(
            _("Why must the approved minutes be changed?")
            if locked
            else _("Why the minutes go back to a draft (optional)")
        )
        self.reopen_button.setText(_("Reopen meeting") if locked else _("Back to draft"))

    def _fill_state_and_history(self) -> None:
        detail = self._detail
        if detail is None:
            return
        review = detail.meeting.review
        self._texts_for_state(review)
        for row, answer in zip(self.rows, review.checkers, strict=True):
            row.answer.setText(answer_text(answer) if review.sent_on else "")
        if detail.locked:
            names = [p.name for p in detail.people if p.id in detail.checker_ids]
            self.state.setText(approved_text(detail.checked_on, names))
        else:
            self.state.setText(_("Minutes: {state}").format(state=review_summary(review)))
        self.history.clear()
        for event in detail.events:
            label = _(svc.EVENT_LABELS[event.kind])
            when = format_datetime(event.at)
            text = f"{when}  {event.by} – {label}" if event.by else f"{when}  {label}"
            self.history.addItem(f"{text}: {event.note}" if event.note else text)
        meeting = detail.meeting
        if meeting.updated_at is not None:  # who saved the meeting last (schema 0012 on)
            when = format_datetime(meeting.updated_at)
            self.history.addItem(
                _("{time}  {person} – last saved").format(time=when, person=meeting.updated_by)
                if meeting.updated_by  # not known of a row saved before authors were kept
                else _("{time}  last saved").format(time=when)
            )

    # --- hooks tests replace -----------------------------------------------------------------

    def run_dialog(self, dialog: ApproveDialog) -> bool:
        return run_modal(dialog) == ApproveDialog.DialogCode.Accepted

    # --- steps -------------------------------------------------------------------------------

    def _version(self) -> int | None:
        return self._detail.meeting.row_version if self._detail is not None else None

    def _run(self, form: ErrorForm, work: Callable[[], object]) -> bool:
        """Do one step; errors next to their fields; a newer save by someone else reloads."""
        try:
            work()
        except ValidationError as exc:
            form.show_errors(exc.errors)
            return False
        except RecordChangedError as exc:
            self.changed.emit()  # show what is stored now
            form.show_errors({"": str(exc)})
            return False
        self.changed.emit()
        return True

    def _date(self) -> dt.date | None:
        text = self.date.text().strip()
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError:
            raise ValidationError({"date": _("Write the date as 23.9.2014.")}) from None

    def save_checkers(self) -> bool:
        if self._detail is None or self._detail.locked:
            return False
        meeting_id = self._detail.meeting.id
        first, second = self.checker1.currentData(), self.checker2.currentData()
        return self._run(self.form, lambda: svc.set_checkers(self.db, meeting_id, first, second))

    def choose_by_rota(self) -> bool:
        """The next two present members in turn become the checkers (saved at once, so the
        checkers § can be written with their names)."""
        if self._detail is None or self._detail.locked:
            return False
        first, second = rota_suggestion(self.db, self._detail.meeting.id)
        if first is None or second is None:
            self.form.show_errors(
                {"checker1": _("Mark who is present first: checkers are chosen from them.")}
            )
            return False
        meeting_id = self._detail.meeting.id
        return self._run(self.form, lambda: svc.set_checkers(self.db, meeting_id, first, second))

    def send(self) -> bool:
        if self._detail is None:
            return False
        meeting_id, version = self._detail.meeting.id, self._version()
        return self._run(
            self.form,
            lambda: review_svc.send_for_checking(self.db, meeting_id, self._date(), version),
        )

    def _record(self, place: int, with_date: bool) -> bool:
        if self._detail is None:
            return False
        meeting_id, version = self._detail.meeting.id, self._version()
        checker = self._detail.meeting.review.checkers[place].person_id
        comment = self.comment.text()
        field = f"checker{place + 1}"

        def work() -> None:
            on = self._date() if with_date else None
            if not with_date and not comment.strip():
                raise ValidationError({"comment": _("Write the checker's comment.")})
            try:
                review_svc.record_check(self.db, meeting_id, checker, on, comment, version)
            except ValidationError as exc:
                errors = dict(exc.errors)
                if "checker" in errors:
                    errors[field] = errors.pop("checker")
                raise ValidationError(errors) from exc

        if not self._run(self.form, work):
            return False
        self.comment.clear()
        return True

    def record_checked(self, place: int) -> bool:
        """The checker in *place* (0 or 1) checked the minutes on the date given."""
        return self._record(place, with_date=True)

    def record_comment(self, place: int) -> bool:
        """The checker in *place* answered with the comment given (not checked yet)."""
        return self._record(place, with_date=False)

    def approve(self) -> bool:
        """Asks for the date and confirmation, then approves: the meeting is locked."""
        if self._detail is None:
            return False
        meeting_id = self._detail.meeting.id
        review = self._detail.meeting.review
        latest = max(
            (d for d in (review.sent_on, *(c.checked_on for c in review.checkers)) if d),
            default=dt.date.today(),
        )

        def save(on: object) -> int:
            assert isinstance(on, dt.date)
            return review_svc.approve(self.db, meeting_id, on, dialog.expected_version)

        dialog = ApproveDialog(self._detail.meeting.title(current_language()), latest, save, self)
        dialog.expected_version = self._version()
        accepted = self.run_dialog(dialog)
        if accepted or dialog.reload_requested:
            self.changed.emit()
        return accepted

    def reopen(self) -> bool:
        if self._detail is None:
            return False
        meeting_id, version = self._detail.meeting.id, self._version()
        reason = self.reason.text()
        if not self._run(
            self.reopen_form, lambda: review_svc.reopen(self.db, meeting_id, reason, version)
        ):
            return False
        self.reason.clear()
        return True

    def retranslate_ui(self) -> None:
        self.form.retranslate()
        self.reopen_form.retranslate()
        self.review_box.setTitle(_("Minutes checking"))
        for row in self.rows:
            row.checked_button.setText(_("Checked"))
            row.checked_button.setToolTip(_("The checker checked the minutes on the date below"))
            row.comment_button.setText(_("Comment"))
            row.comment_button.setToolTip(
                _("The checker answered with the comment below; not checked yet")
            )
        self.approve_button.setText(_("Approve minutes…"))
        self.rota_button.setText(_("Checkers by rota"))
        self.rota_button.setToolTip(
            _("The next two members present in turn; never the chair or the secretary")
        )
        self.date.setPlaceholderText(_("e.g. 23.9.2014"))
        self.comment.setPlaceholderText(_("e.g. § 6: the name of the organisation is wrong"))
        self.reopen_box.setTitle(_("Reopen"))
        self.history_box.setTitle(_("History"))
        self._fill_state_and_history()
