"""The Meetings tab end to end: create, standard items, reorder, attendance, quorum, lock."""

from __future__ import annotations

import datetime as dt

import pytest
from meeting_registry import TODAY, build_registry
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMainWindow

from kastedesk import i18n
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_views import get_meeting
from kastedesk.ui.main_window import MainWindow
from kastedesk.ui.meetings.attendance_model import LEFT, PRESENT, STANDS_IN
from kastedesk.ui.meetings.due_soon_panel import due_message
from kastedesk.ui.meetings.meetings_page import MeetingsPage
from kastedesk.ui.qt_translations import QtTranslations


@pytest.fixture
def page(qtbot, db):
    with db.session() as session:
        registry = build_registry(session)
    widget = MeetingsPage(db, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.ensure_loaded()
    widget.groups.select_group(registry.group_id)
    widget.registry = registry
    return widget


def create_from_dialog(page, date_text: str = "10.12.2026") -> int:
    dialog = page.new_meeting_dialog()
    assert dialog is not None
    assert dialog.details.number.value() == 1 + len(page.model.all_rows())
    dialog.details.date.setText(date_text)
    dialog.details.start.setText("12.30")
    dialog.details.end.setText("15")
    dialog.details.place.setText("Kaupungintalo")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    return dialog.meeting_id


def item_texts(page) -> list[str]:
    items = page.editor.agenda.items
    return [items.item(i).text() for i in range(items.count())]


def groups_listed(monkeypatch) -> list[int | None]:
    """The group each meeting list the Meetings tab reads is for (None: every group)."""
    from kastedesk.ui.meetings import meetings_page

    listed: list[int | None] = []
    real = meetings_page.list_meetings

    def counted(db_, group_id=None):
        listed.append(group_id)
        return real(db_, group_id)

    monkeypatch.setattr(meetings_page, "list_meetings", counted)
    return listed


def test_create_meeting_reorder_items_and_watch_quorum(page, qtbot, db) -> None:
    meeting_id = create_from_dialog(page, "10.11.2026")  # held: its minutes can be approved
    assert page.model.rowCount() == 1
    assert page.editor.heading.text() == "Ohjausryhmän 1. kokous"
    assert "ti 10.11.2026" not in page.editor.subheading.text()  # English interface
    assert item_texts(page)[:3] == [
        "1 §  Kokouksen avaus",
        "2 §  Laillisuus ja päätösvaltaisuus",
        "3 §  Pöytäkirjantarkastajien valinta",
    ]
    assert item_texts(page)[-1] == "9 §  Kokouksen päättäminen"

    # Add an own item: it lands before "Muut asiat".
    agenda = page.editor.agenda
    seen: list[str] = []

    def answer(dialog) -> bool:
        seen.append(dialog.title_sv.text())
        dialog.accept()  # an empty title is refused in the dialog
        seen.append(dialog.form.error_text("title_fi"))
        dialog.title_fi.setText("Koulutus")
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    agenda.run_dialog = answer
    agenda.add_item()
    assert seen == ["", "Give the item a title."]  # no placeholder offered
    assert item_texts(page)[6] == "7 §  Koulutus"
    agenda.editor.title_fi.setText("Koulutussuunnitelma")
    agenda.editor.decision.setPlainText("Hyväksyttiin koulutussuunnitelma.")
    assert agenda.editor.save()
    assert item_texts(page)[6] == "7 §  Koulutussuunnitelma"

    # Alt+Up moves it above "Ilmoitusasiat" and renumbers.
    agenda.items.setFocus()
    agenda.select_item(get_meeting(db, meeting_id).items[6].id)
    qtbot.keyClick(agenda.items, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert item_texts(page)[5:7] == ["6 §  Koulutussuunnitelma", "7 §  Ilmoitusasiat"]
    assert agenda.items.currentItem().text() == "6 §  Koulutussuunnitelma"
    qtbot.keyClick(agenda.items, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert item_texts(page)[6] == "7 §  Koulutussuunnitelma"
    assert [i.section for i in get_meeting(db, meeting_id).items] == list(range(1, 11))

    # Attendance: the banner changes as people are marked present.
    attendance = page.editor.attendance
    model = attendance.model
    assert attendance.section.value() == 2  # "Laillisuus ja päätösvaltaisuus"
    assert attendance.banner.text().startswith("At § 2: Not quorate: 0/12")
    names = [model.row(r).name for r in range(model.rowCount())]
    wanted = ["Chair", "M2", "M3", "M4", "M5", "M6", "M7"]
    for name in wanted:
        row = names.index(f"{name} Testinen")
        model.setData(model.index(row, PRESENT), Qt.CheckState.Checked.value,
                      Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    assert attendance.banner.text().startswith("At § 2: Not quorate: 7/12")
    deputy = names.index("Deputy1 Testinen")
    assert model.data(model.index(deputy, STANDS_IN)) == "M1 Testinen"
    model.setData(model.index(deputy, STANDS_IN), Qt.CheckState.Checked.value,
                  Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    assert attendance.banner.text() == (
        "At § 2: Quorate: 8/12 members present (at least 8), chair present"
    )
    # M7 leaves at § 8: the banner warns that the quorum is lost from there on.
    m7 = names.index("M7 Testinen")
    model.setData(model.index(m7, LEFT), 8, Qt.ItemDataRole.EditRole)
    assert attendance.banner.text().endswith("\nNo longer quorate from § 8 on.")
    attendance.section.setValue(8)
    assert attendance.banner.text().startswith("At § 8: Not quorate: 7/12")
    model.setData(model.index(m7, LEFT), 0, Qt.ItemDataRole.EditRole)
    assert attendance.banner.text().startswith("At § 8: Quorate")
    assert "#1b5e20" in attendance.banner.styleSheet()

    # Minutes: two checkers from those present, sent, checked by both, approved: locked.
    minutes = page.editor.minutes
    people = [minutes.checker1.itemText(i) for i in range(minutes.checker1.count())]
    assert "M1 Testinen" not in people and "M2 Testinen" in people
    minutes.checker1.setCurrentIndex(people.index("M2 Testinen"))
    assert minutes.save_checkers()
    minutes.checker2.setCurrentIndex(people.index("M2 Testinen"))
    assert not minutes.save_checkers()
    assert minutes.form.error_text("checker2") == "Choose two different minutes checkers."
    minutes.checker2.setCurrentIndex(people.index("M3 Testinen"))
    assert minutes.save_checkers()
    minutes.date.setText("12.11.2026")
    assert minutes.send()
    minutes.date.setText("13.11.2026")
    assert minutes.record_checked(0) and minutes.record_checked(1)

    def approve_on(dialog) -> bool:
        dialog.date.setText("14.11.2026")
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    minutes.run_dialog = approve_on
    assert minutes.approve()
    assert page.editor.detail.locked
    assert not page.editor.save_button.isEnabled()
    assert not agenda.add_button.isEnabled() and not agenda.editor.save_button.isEnabled()
    assert agenda.editor.decision.isReadOnly() and agenda.editor.decision.isEnabled()
    assert not (model.flags(model.index(0, PRESENT)) & Qt.ItemFlag.ItemIsUserCheckable)
    assert page.model.row(0).status.value == "approved"

    minutes.reopen()
    assert minutes.reopen_form.error_text("reason")
    minutes.reason.setText("Pykälän 7 sanamuoto")
    minutes.reopen()
    assert not page.editor.detail.locked
    assert minutes.history.item(5).text().endswith("reopened: Pykälän 7 sanamuoto")


def test_bad_date_is_shown_next_to_the_field(page) -> None:
    dialog = page.new_meeting_dialog()
    dialog.details.date.setText("32.13.2026")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.details.form.error_text("date") == "Write the date as 23.9.2014."
    dialog.reject()


def test_due_soon_panel_and_register_open_the_item(page, db) -> None:
    soon = svc.create_meeting(
        db, page.registry.group_id, svc.MeetingFields(date=TODAY + dt.timedelta(days=10))
    )
    item = get_meeting(db, soon).items[5]
    svc.update_item(db, item.id, svc.ItemFields(item.title_fi, decision="Koulutus hyväksyttiin."))
    page.refresh_meetings()
    texts = [page.due.list.item(i).text() for i in range(page.due.list.count())]
    assert texts[0].startswith("Agenda: Ohjausryhmän 1. kokous – overdue since 9.11.2026".replace(
        "9.11.2026", "19.11.2026"))  # fmt: skip
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None
    dialog = page.decision_register()
    dialog.search.setText("KOULUTUS")
    dialog.run_search()
    assert dialog.model.rowCount() == 1
    dialog.open_hit(0)
    assert page.editor.agenda.current_item_id() == item.id
    assert page.editor.tabs.currentWidget() is page.editor.agenda


def test_a_closed_decision_register_runs_no_pending_search(page) -> None:
    dialog = page.decision_register()
    dialog.search.setText("koulutus")  # the search runs a moment after typing stops
    assert dialog._timer.isActive()
    dialog.reject()  # closed (its database may be closed next): nothing runs later
    assert not dialog._timer.isActive()
    dialog = page.decision_register()
    dialog.search.setText("koulutus")
    dialog.run_search()  # Enter, or a direct search: the pending one is not repeated
    assert not dialog._timer.isActive()
    dialog.reject()


def test_the_decision_register_reads_once_and_narrows_as_you_type(page, db) -> None:
    """With tens of thousands of decisions each keystroke must not read them all again
    (2 s a search on the large dataset); another language reads them in that language."""
    from tests.statement_count import statements

    mid = create_from_dialog(page)
    item = get_meeting(db, mid).items[2]
    svc.update_item(
        db, item.id,
        svc.ItemFields(item.title_fi, decision="Koulutus hyväksyttiin.",
                       decision_sv="Utbildningen godkändes."),
    )  # fmt: skip
    dialog = page.decision_register()
    assert dialog.model.rowCount() >= 1
    with statements(db.engine) as seen:
        for text in ("k", "kou", "koulutus", "KOULUTUS hyväksyttiin", "budjetti", ""):
            dialog.search.setText(text)
            dialog.run_search()
            found = [h.item_id for h in dialog.model.visible_rows()]
            if text.casefold().startswith("koulutus"):
                assert found == [item.id], text
            elif text == "budjetti":
                assert found == [], text
    assert seen == []  # narrowed in memory
    assert dialog.model.rowCount() >= 1  # an empty search lists them all again
    i18n.set_language("sv")
    with statements(db.engine) as seen:
        dialog.retranslate_ui()
    assert seen  # read again, now in Swedish
    dialog.search.setText("utbildning")
    dialog.run_search()
    assert [h.decision for h in dialog.model.visible_rows()] == ["Utbildningen godkändes."]
    dialog.reject()


def test_language_switch_retranslates(page, db) -> None:
    create_from_dialog(page)
    i18n.set_language("sv")
    page.retranslate_ui()
    assert page.new_button.text() == "Nytt möte"
    assert page.editor.heading.text() == "Styrgruppens 1:a möte"
    assert page.editor.tabs.tabText(2) == "Närvaro"
    assert page.editor.attendance.banner.text().startswith("2 §: Inte beslutfört")
    assert page.editor.agenda.items.item(0).text() == "1 §  Mötets öppnande"
    i18n.set_language("fi")
    page.retranslate_ui()
    assert page.editor.heading.text() == "Ohjausryhmän 1. kokous"
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Päivämäärä"


def test_status_bar_tells_what_is_due_at_start(qtbot, qapp, db, tmp_path) -> None:
    with db.session() as session:
        registry = build_registry(session)
    svc.create_meeting(
        db, registry.group_id, svc.MeetingFields(date=dt.date.today() + dt.timedelta(days=10))
    )
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db, settings, QtTranslations(qapp))
    qtbot.addWidget(window)
    window.load_all_pages()
    window.show()  # the announcement comes once the window is shown
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "")
    assert isinstance(window, QMainWindow)
    assert window.statusBar().currentMessage() == (
        "2 agenda and attachment deadlines within 7 days, 1 overdue."
    )
    page = window.findChild(MeetingsPage)
    assert page.groups.group_id() == registry.group_id  # the group whose meeting is next
    assert due_message(1, 0) == "1 agenda or attachment deadline within 7 days."
    assert due_message(0, 0) == "No agendas or attachments due within 7 days."


def test_the_tab_starts_on_the_group_that_meets_next_and_lists_it_once(
    qtbot, db, monkeypatch
) -> None:
    """The group whose meeting comes next is shown first (else the one that met last);
    its meetings are read once, not every group's meetings and then the group's twice."""
    from kastedesk.services.meeting_views import starting_group

    with db.session() as session:
        registry = build_registry(session)
    today = dt.date(2026, 11, 23)
    assert starting_group(db, today) is None  # no meetings yet
    svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=dt.date(2026, 10, 1)))
    assert starting_group(db, today) == registry.group_id  # met last
    svc.create_meeting(db, registry.other_group_id, svc.MeetingFields(date=dt.date(2026, 12, 3)))
    svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=dt.date(2027, 1, 5)))
    assert starting_group(db, today) == registry.other_group_id  # meets next
    listed = groups_listed(monkeypatch)
    page = MeetingsPage(db, today=today)
    qtbot.addWidget(page)
    page.ensure_loaded()
    assert page.groups.group_id() == registry.other_group_id
    assert listed == [registry.other_group_id]
    assert [r.date for r in page.model.all_rows()] == [dt.date(2026, 12, 3)]


def test_a_kept_draft_opens_its_meeting_in_its_group_or_says_it_is_gone(
    qtbot, db, monkeypatch
) -> None:
    """The draft names the meeting only: its group is looked up (one row, not every
    meeting of every group), shown, and the typing put back; a deleted meeting's draft
    is refused."""
    from kastedesk.services.meeting_views import meeting_group

    listed = groups_listed(monkeypatch)

    with db.session() as session:
        registry = build_registry(session)
    today = dt.date(2026, 11, 23)
    svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=dt.date(2026, 12, 3)))
    other = svc.create_meeting(
        db, registry.other_group_id, svc.MeetingFields(date=dt.date(2027, 1, 5))
    )
    assert meeting_group(db, other) == registry.other_group_id
    page = MeetingsPage(db, today=today)
    qtbot.addWidget(page)
    page.ensure_loaded()
    assert page.groups.group_id() == registry.group_id  # meets next
    assert page.restore_draft(f"meeting-{other}", {"place": "Vaasan kaupungintalo"})
    assert page.groups.group_id() == registry.other_group_id
    assert page.editor.detail is not None and page.editor.detail.meeting.id == other
    assert page.editor.details.place.text() == "Vaasan kaupungintalo"
    svc.delete_meeting(db, other)
    assert meeting_group(db, other) is None
    assert not page.restore_draft(f"meeting-{other}", {"place": "Vaasa"})
    assert None not in listed  # one group's meetings at a time

def test_drop_reorders_and_renumbers(page, db) -> None:
    meeting_id = create_from_dialog(page)
    agenda = page.editor.agenda
    ids = agenda.items.item_ids()
    # What ItemList.dropEvent reports after an internal move: the last item dropped first.
    agenda.items.order_changed.emit([ids[-1], *ids[:-1]])
    assert item_texts(page)[0] == "1 §  Kokouksen päättäminen"
    assert item_texts(page)[1] == "2 §  Kokouksen avaus"
    assert [i.id for i in get_meeting(db, meeting_id).items] == [ids[-1], *ids[:-1]]


def test_switching_items_keeps_what_was_typed(page, qtbot, db) -> None:
    meeting_id = create_from_dialog(page)
    agenda = page.editor.agenda
    agenda.items.setCurrentRow(5)
    agenda.editor.decision.setPlainText("Merkittiin tiedoksi.")
    agenda.items.setCurrentRow(6)
    qtbot.waitUntil(lambda: get_meeting(db, meeting_id).items[5].decision != "")
    assert get_meeting(db, meeting_id).items[5].decision == "Merkittiin tiedoksi."
    qtbot.waitUntil(lambda: agenda.current_item_id() == get_meeting(db, meeting_id).items[6].id)
    # An item without a title is not left: the error shows at the field.
    agenda.editor.title_fi.clear()
    agenda.editor.title_sv.clear()
    agenda.items.setCurrentRow(2)
    assert agenda.items.currentRow() == 6
    assert agenda.editor.form.error_text("title_fi") == "Give the item a title."


def test_without_groups_the_tab_says_where_to_add_them(qtbot, db) -> None:
    page = MeetingsPage(db, today=TODAY)
    qtbot.addWidget(page)
    page.ensure_loaded()
    assert not page.no_groups.isHidden()
    assert not page.new_button.isEnabled() and page.new_meeting_dialog() is None
    with db.session() as session:
        build_registry(session)
    page.show()  # coming back to the tab picks up groups added meanwhile
    qtbot.waitExposed(page)
    assert page.no_groups.isHidden() and page.groups.count() == 2
    assert page.new_button.isEnabled()


def test_action_items_are_added_edited_and_ticked(page, db) -> None:
    meeting_id = create_from_dialog(page)
    agenda = page.editor.agenda
    agenda.items.setCurrentRow(6)
    editor = agenda.editor
    editor.add_action()
    assert editor.action_error.text() == "Describe what is to be done."
    editor.action_what.setText("Kysely kunnille")
    editor.action_due.setText("31.1.2027")
    combo = editor.action_responsible
    names = [combo.itemText(i) for i in range(combo.count())]
    editor.action_responsible.setCurrentIndex(names.index("M4 Testinen"))
    editor.add_action()
    assert editor.action_model.rowCount() == 1
    assert editor.action_model.data(editor.action_model.index(0, 1)) == "M4 Testinen"
    editor.edit_action(0)
    assert editor.add_action_button.text() == "Save action"
    editor.action_what.setText("Kysely kunnille ja järjestöille")
    editor.add_action()
    actions = get_meeting(db, meeting_id).items[6].actions
    assert [(a.what, a.due) for a in actions] == [
        ("Kysely kunnille ja järjestöille", dt.date(2027, 1, 31))
    ]
    editor.action_table.selectRow(0)
    editor.toggle_done()
    assert get_meeting(db, meeting_id).items[6].actions[0].done


def test_models_pass_the_qt_model_checks(page, qtmodeltester) -> None:
    create_from_dialog(page)
    qtmodeltester.check(page.editor.attendance.model, force_py=True)
    qtmodeltester.check(page.model, force_py=True)


def test_the_decision_register_shows_a_row_without_scrolling_sideways(page, db, qtbot) -> None:
    """The decision took its whole text's width: the register scrolled sideways and the
    decisions, what one looks for, were cut off at the right edge."""
    mid = create_from_dialog(page)
    item = get_meeting(db, mid).items[2]
    long = "Koulutus hyväksyttiin. " * 30
    svc.update_item(db, item.id, svc.ItemFields(item.title_fi, decision=long))
    dialog = page.decision_register()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1366 and dialog.height() <= 728
    table = dialog.table
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    [row] = [r for r in range(dialog.model.rowCount()) if dialog.model.row(r).item_id == item.id]
    decision = dialog.model.index(row, header.count() - 1)
    assert decision.data(Qt.ItemDataRole.ToolTipRole) == long.strip()
    dialog.resize(1000, 600)  # narrower: the decision narrows with it
    qtbot.waitUntil(lambda: header.length() <= table.viewport().width())
