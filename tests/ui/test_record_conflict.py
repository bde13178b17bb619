"""An edit dialog whose record was saved by someone else asks; it never overwrites silently."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from kastedesk.storage.errors import RecordChangedError
from kastedesk.ui import dialog_base
from kastedesk.ui.dialog_base import FormDialog
from kastedesk.ui.record_conflict import ConflictChoice, ask_about_conflict


class _Dialog(FormDialog):
    def collect(self) -> object:
        return "data"


def _dialog(qtbot, calls: list[object]) -> _Dialog:
    def save(_data: object) -> None:
        calls.append(dialog.expected_version)
        if dialog.expected_version is not None:
            raise RecordChangedError("Aino Virtanen was changed by someone else.")

    dialog = _Dialog(save)
    dialog.expected_version = 3
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.parametrize(
    ("choice", "saves", "result", "reload"),
    [
        (ConflictChoice.OVERWRITE, [3, None], QDialog.DialogCode.Accepted, False),
        (ConflictChoice.RELOAD, [3], QDialog.DialogCode.Rejected, True),
        (ConflictChoice.KEEP_EDITING, [3], None, False),
    ],
)
def test_the_user_chooses_what_happens(qtbot, monkeypatch, choice, saves, result, reload) -> None:
    calls: list[object] = []
    dialog = _dialog(qtbot, calls)
    monkeypatch.setattr(dialog_base, "ask_about_conflict", lambda _parent, _exc, _changes: choice)
    dialog.show()
    dialog.accept()
    assert calls == saves
    assert dialog.reload_requested is reload
    if result is None:
        assert dialog.isVisible()  # still editing, nothing saved
    else:
        assert dialog.result() == result


def test_the_question_offers_three_answers_and_escape_keeps_editing(qtbot, monkeypatch) -> None:
    seen: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        seen.append(box)
        return 0  # closed with Escape: no button clicked

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    choice = ask_about_conflict(None, RecordChangedError("§ 5 was changed by someone else."))
    assert choice is ConflictChoice.KEEP_EDITING
    texts = sorted(b.text() for b in seen[0].buttons())
    assert texts == ["&Keep editing", "&Reload", "&Save mine"]
    assert "§ 5" in seen[0].text()


def test_the_question_names_the_fields_someone_else_changed(
    qtbot, monkeypatch, demo_db, settings
) -> None:
    import sqlite3

    from kastedesk.ui.members.members_page import MembersPage

    page = MembersPage(demo_db)
    qtbot.addWidget(page)
    page.use_settings(settings)
    page.ensure_loaded()
    page.view.selectRow(1)
    row = page.selected_row()
    asked: list[list[str]] = []

    def ask(_parent, _exc, changes=()):
        asked.append(list(changes))
        return ConflictChoice.KEEP_EDITING

    monkeypatch.setattr(dialog_base, "ask_about_conflict", ask)

    def edit_while_someone_else_saves(dialog) -> bool:
        conn = sqlite3.connect(demo_db.url.database)
        with conn:
            conn.execute(
                "UPDATE person SET phone = '09 123', row_version = row_version + 1 WHERE id = ?",
                (row.person_id,),
            )
        conn.close()
        dialog.title_field.setText("Uusi nimike")
        dialog.accept()
        dialog.reject()
        return False

    page.run_dialog = edit_while_someone_else_saves
    page.edit_member()
    assert asked == [["Phone"]]


def test_changed_fields_compares_by_field_or_its_id() -> None:
    from types import SimpleNamespace

    from kastedesk.ui.record_conflict import changed_fields

    before = SimpleNamespace(place="Sali 1", presenter_id=3, date="1.1.")
    now = SimpleNamespace(place="Sali 2", presenter_id=4, date="1.1.")
    captions = {"place": "Place", "presenter": "Presenter", "date": "Date", "other": "Other"}
    assert changed_fields(before, now, captions) == ["Place", "Presenter"]
