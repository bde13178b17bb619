"""The Minutes tab's checking box, the approval dialog, the register and the early warning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import update

from kastedesk import i18n
from kastedesk.domain.minutes_review import ReviewState
from kastedesk.services import meeting_attendance as attendance
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_views import get_meeting
from kastedesk.storage.models.meetings import Meeting
from kastedesk.storage.models.registry import Group
from kastedesk.ui.meetings.decision_register import DecisionRegisterDialog
from kastedesk.ui.meetings.meeting_editor import MeetingEditor
from kastedesk.ui.meetings.minutes_panel import approved_text
from kastedesk.ui.meetings.missing_texts import MissingChoice

TODAY = dt.date.today()
HELD = TODAY - dt.timedelta(days=20)


pytestmark = pytest.mark.usefixtures("todays_date")  # TODAY and HELD as of each test


def _d(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def held_meeting(db, registry, day: dt.date = HELD) -> int:
    mid = svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=day))
    rows = {a.person_id: a for a in get_meeting(db, mid).attendance}
    for key in ["chair", "secretary", "m2", "m3", "m4"]:
        attendance.set_attendance(
            db, rows[registry.people[key]].id, attendance.AttendanceFields(present=True)
        )
    return mid


def editor_for(qtbot, db, meeting_id: int) -> MeetingEditor:
    editor = MeetingEditor(db)
    qtbot.addWidget(editor)
    editor.resize(1200, 700)
    editor.open_meeting(meeting_id)
    editor.tabs.setCurrentWidget(editor.minutes)
    editor.show()
    return editor


def test_checking_box_from_draft_to_locked(qtbot, db, registry) -> None:
    mid = held_meeting(db, registry)
    editor = editor_for(qtbot, db, mid)
    panel = editor.minutes
    assert panel.state.text() == "Minutes: minutes draft"
    assert not panel.approve_button.isEnabled()
    assert not panel.rows[0].checked_button.isEnabled()
    panel.date.setText(_d(HELD + dt.timedelta(days=1)))
    assert not panel.send()  # no checkers yet
    assert panel.form.error_text("checker1").startswith("Choose both minutes checkers")
    assert panel.choose_by_rota()
    assert panel.send()
    assert panel.send_button.text() == "Send again"
    assert panel.state.text().startswith("Minutes: sent for checking")
    assert "minutes sent for checking" in editor.subheading.text()

    assert not panel.record_comment(0)  # no comment written
    assert panel.form.error_text("comment") == "Write the checker's comment."
    panel.comment.setText("§ 6: organisaation nimi väärin")
    assert panel.record_comment(0)
    assert panel.rows[0].answer.text() == "comment: § 6: organisaation nimi väärin"
    assert panel.comment.text() == ""
    panel.date.setText(_d(HELD))  # before the minutes were sent
    assert not panel.record_checked(0)
    assert panel.form.error_text("date").startswith("The date cannot be before the minutes")
    checked = HELD + dt.timedelta(days=3)
    panel.date.setText(_d(checked))
    assert panel.record_checked(0)
    assert panel.rows[0].answer.text() == f"checked {_d(checked)}"
    assert not panel.approve_button.isEnabled()
    assert panel.record_checked(1)
    assert panel.approve_button.isEnabled()

    answers: list[str] = []

    def refuse_then_cancel(dialog) -> bool:
        assert "locked" in dialog.question.text()
        assert dialog.date.text() == _d(checked)  # the last step's date is offered
        dialog.date.setText(_d(TODAY + dt.timedelta(days=1)))
        dialog.accept()
        answers.append(dialog.form.error_text("date"))
        dialog.reject()
        return False

    panel.run_dialog = refuse_then_cancel
    assert not panel.approve()
    assert answers == ["The date cannot be in the future."]
    assert get_meeting(db, mid).meeting.review.state is ReviewState.CHECKED  # nothing changed

    def confirm(dialog) -> bool:
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    panel.run_dialog = confirm
    assert panel.approve()
    assert editor.detail is not None and editor.detail.locked
    assert editor.lock_label.isVisible()
    assert panel.review_box.isHidden() and not panel.reopen_box.isHidden()
    assert panel.reopen_button.text() == "Reopen meeting"
    assert panel.history.item(5).text().endswith(f"minutes approved: {_d(checked)} "
                                                 "(M2 Testinen, M3 Testinen)")  # fmt: skip
    panel.reason.setText("§ 7 korjataan")
    assert panel.reopen()
    assert not editor.detail.locked
    assert panel.state.text() == "Minutes: minutes draft" and not panel.review_box.isHidden()


def test_a_memo_shows_no_checkers_and_is_approved_from_a_draft(qtbot, db, registry) -> None:
    with db.session() as session:
        session.get(Group, registry.group_id).minutes_style = "memo"
    mid = held_meeting(db, registry)
    editor = editor_for(qtbot, db, mid)
    panel = editor.minutes
    assert not panel.rows[0].isVisible() and not panel.comment.isVisible()
    assert not panel.rota_button.isVisible() and panel.approve_button.isEnabled()
    panel.run_dialog = lambda dialog: (dialog.accept(), dialog.result() == 1)[1]
    assert panel.approve()
    assert get_meeting(db, mid).locked
    # No checkers to name: no empty brackets or dash after the date.
    on = get_meeting(db, mid).checked_on
    assert on is not None
    assert panel.state.text() == f"Minutes approved on {_d(on)}. The meeting is locked."


def test_minutes_approved_without_a_date_say_only_that() -> None:
    """A first-round database's approved meetings have neither a date nor checkers."""
    i18n.set_language("sv")  # the autouse fixture in tests/conftest.py sets it back
    assert approved_text(None, []) == "Protokollet justerat. Mötet är låst."
    assert approved_text(HELD, ["A Ö", "B Å"]) == (
        f"Protokollet justerat {_d(HELD)} (A Ö, B Å). Mötet är låst."
    )
    i18n.set_language("fi")
    assert approved_text(HELD, []) == f"Pöytäkirja tarkastettu {_d(HELD)}. Kokous on lukittu."


def test_the_last_save_without_a_known_author_shows_no_dashes(qtbot, db, registry) -> None:
    """A meeting saved before authors were kept (or by a tool that left none)."""
    mid = held_meeting(db, registry)
    with db.session() as session:
        session.execute(update(Meeting).where(Meeting.id == mid).values(updated_by=""))
    panel = editor_for(qtbot, db, mid).minutes
    last = panel.history.item(panel.history.count() - 1).text()
    assert last.endswith("  last saved") and "–" not in last


def test_the_register_shows_where_the_minutes_stand(qtbot, db, registry) -> None:
    mid = held_meeting(db, registry)
    item = get_meeting(db, mid).items[6]
    svc.update_item(db, item.id, svc.ItemFields("Talous", decision="Hyväksyttiin talousarvio."))
    svc.approve_minutes(db, mid, TODAY, registry.people["m2"], registry.people["m3"])
    dialog = DecisionRegisterDialog(db)
    qtbot.addWidget(dialog)
    model = dialog.model
    horizontal, display = Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
    headers = [model.headerData(c, horizontal, display) for c in range(model.columnCount())]
    column = headers.index("Minutes")
    assert model.data(model.index(0, column)) == f"approved {_d(TODAY)}"


def test_minutes_of_a_meeting_not_held_yet_warn_and_are_written(
    qtbot, db, registry, tmp_path: Path
) -> None:
    from kastedesk.services import meeting_documents as docs

    coming = svc.create_meeting(
        db, registry.group_id, svc.MeetingFields(date=TODAY + dt.timedelta(days=5))
    )
    editor = editor_for(qtbot, db, coming)
    bar = editor.documents
    seen: list[str] = []
    target = tmp_path / "poytakirja.docx"

    def write(dialog) -> bool:
        seen.append("" if dialog.warning.isHidden() else dialog.warning.text())
        dialog.path.setText(str(target))
        dialog.open_after.setChecked(False)
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    bar.run_dialog = write
    bar.ask_missing = lambda missing: (MissingChoice.WRITE_ANYWAY, missing[0])
    assert bar.export(docs.MINUTES) == target and target.exists()
    assert "has not been held yet" in seen[0]
    assert bar.export(docs.AGENDA) is not None
    assert seen[1] == ""  # an agenda is written before the meeting, of course


def test_a_meeting_with_approved_minutes_cannot_be_deleted_from_the_tab(
    qtbot, db, registry
) -> None:
    """The button says why instead of offering a delete the service refuses; reopened, the
    meeting can go again."""
    from kastedesk import i18n
    from kastedesk.ui.meetings.meetings_page import MeetingsPage

    mid = held_meeting(db, registry)
    draft = svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=TODAY))
    svc.approve_minutes(db, mid, TODAY, registry.people["m2"], registry.people["m3"])
    page = MeetingsPage(db, today=TODAY)
    qtbot.addWidget(page)
    page.ensure_loaded()
    page.show_meeting(registry.group_id, mid)
    assert not page.delete_button.isEnabled()
    assert page.delete_button.toolTip() == (
        "The minutes of this meeting are approved. Reopen the meeting to change it."
    )
    i18n.set_language("sv")
    page.retranslate_ui()
    assert page.delete_button.toolTip().startswith("Protokollet för detta möte är justerat.")
    i18n.set_language("en")
    page.retranslate_ui()
    page.show_meeting(registry.group_id, draft)
    assert page.delete_button.isEnabled() and page.delete_button.toolTip() == ""
    svc.reopen_meeting(db, mid, "Pykälä 7 korjataan.")
    page.refresh_meetings()
    page.show_meeting(registry.group_id, mid)
    assert page.delete_button.isEnabled()
