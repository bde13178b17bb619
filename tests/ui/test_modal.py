"""A dialog shown and closed does not live on as a hidden child of its page."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

import kastedesk.ui
from kastedesk.storage.database import Database

UI = Path(kastedesk.ui.__file__).parent


def _delete_deferred() -> None:
    """What the event loop does once control returns to it."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _cancel_the_modal_dialog() -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QDialog)
    dialog.reject()


def test_a_form_editor_opened_ten_times_leaves_none_behind(qtbot, db: Database) -> None:
    from kastedesk.ui.feedback.forms import FormEditorDialog, FormsView

    view = FormsView(db)
    qtbot.addWidget(view)
    view.show()
    for _time in range(10):
        QTimer.singleShot(0, _cancel_the_modal_dialog)
        view.new_form()  # the real exec(): modal until the timer cancels it
    _delete_deferred()
    assert view.findChildren(FormEditorDialog) == []


def test_a_message_that_does_not_block_goes_when_it_is_closed(qtbot, db: Database) -> None:
    from kastedesk.ui.members.members_page import MembersPage

    page = MembersPage(db)
    qtbot.addWidget(page)
    page.inform("Jäsenet", "Tuotu 12 jäsentä.")
    [box] = page.findChildren(QMessageBox)
    assert box.isVisible()
    _delete_deferred()
    assert page.findChildren(QMessageBox) == [box]  # open until the user closes it
    box.accept()
    _delete_deferred()
    assert page.findChildren(QMessageBox) == []


def _shown_directly(source: str, name: str) -> list[str]:
    """Calls of ``x.exec()`` or ``x.open()`` in *source*, but the application's and a
    local event loop's: a dialog shown without kastedesk.ui.modal."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in ("exec", "open") or node.args or node.keywords:
            continue
        receiver = node.func.value
        if isinstance(receiver, ast.Name) and receiver.id in ("app", "loop"):
            continue
        found.append(f"{name}:{node.lineno}")
    return found


def test_every_dialog_is_shown_through_the_modal_helpers() -> None:
    shown = [
        where
        for path in sorted(UI.rglob("*.py"))
        if path.name != "modal.py"
        for where in _shown_directly(path.read_text(encoding="utf-8"), str(path.relative_to(UI)))
    ]
    assert shown == []


def test_the_check_finds_a_dialog_shown_directly() -> None:
    source = "def f(dialog, box, app):\n    dialog.exec()\n    app.exec()\n    box.open()\n"
    assert _shown_directly(source, "sample.py") == ["sample.py:2", "sample.py:4"]
