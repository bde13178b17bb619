"""The window shows what another process committed, keeping the selection and unsaved typing."""

from __future__ import annotations

import dataclasses
import sqlite3

from kastedesk.services import registry
from kastedesk.storage.change_watch import DataVersionWatch
from kastedesk.storage.database import Database


def _other_process_sets_phone(db: Database, person_id: int, phone: str) -> None:
    conn = sqlite3.connect(db.url.database)
    with conn:
        conn.execute("UPDATE person SET phone = ? WHERE id = ?", (phone, person_id))
    conn.close()


def test_the_watch_ignores_our_own_commits_and_sees_others_once(demo_db: Database) -> None:
    watch = DataVersionWatch(demo_db)
    try:
        row = registry.member_rows(demo_db, 1)[0]
        ours = dataclasses.replace(row.person_data(), phone="040 999 9999")
        registry.update_member(demo_db, row.membership_id, ours, row.membership_data())
        assert not watch.changed_elsewhere()
        _other_process_sets_phone(demo_db, row.person_id, "050 123 4567")
        assert watch.changed_elsewhere()
        assert not watch.changed_elsewhere()
    finally:
        watch.close()


def test_the_members_tab_shows_another_process_change_on_the_same_row(
    make_window, demo_db: Database
) -> None:
    window = make_window(demo_db)
    window.tabs.setCurrentIndex(0)
    page = window.page("members")
    rows = registry.member_rows(demo_db, 1)
    target = rows[3]
    page.select_membership(target.membership_id)
    assert not window.check_outside_changes()  # nothing happened yet
    _other_process_sets_phone(demo_db, target.person_id, "050 765 4321")
    assert window.check_outside_changes()
    selected = page.selected_row()
    assert selected is not None
    assert (selected.membership_id, selected.phone) == (target.membership_id, "050 765 4321")


def test_the_meeting_editor_keeps_unsaved_typing(make_window, demo_db: Database) -> None:
    window = make_window(demo_db)
    window.tabs.setCurrentIndex(1)
    page = window.page("meetings")
    page.table.selectRow(0)
    editor = page.editor
    assert editor.detail is not None
    editor.details.place.setText("Kirjoitettu mutta ei tallennettu")
    _other_process_sets_phone(demo_db, 1, "040 000 0000")
    assert window.check_outside_changes()
    assert editor.details.place.text() == "Kirjoitettu mutta ei tallennettu"
    editor.details.place.setText(editor.detail.meeting.place)  # typing undone: not dirty
    conn = sqlite3.connect(demo_db.url.database)
    with conn:
        conn.execute(
            "UPDATE meeting SET place = 'Muualla' WHERE id = ?", (editor.detail.meeting.id,)
        )
    conn.close()
    assert window.check_outside_changes()
    assert editor.detail.meeting.place == "Muualla"
    assert editor.details.place.text() == "Muualla"


def test_coming_back_to_the_window_looks_for_changes(make_window, demo_db, monkeypatch, qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    window = make_window(demo_db)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    looked: list[bool] = []
    monkeypatch.setattr(window, "check_outside_changes", lambda: looked.append(True) or False)
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))
    assert looked == [True]
