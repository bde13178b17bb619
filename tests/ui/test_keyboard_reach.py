"""Keyboard-only use reaches every control: Tab stops at each, or it has its own key.

The main window is walked tab by tab and sub-tab by sub-tab, and every dialog
of the registry is opened (tests/ui/all_windows.py). A control that Tab skips
must say which key reaches it instead (the ``keyboard_shortcut`` property),
and its tooltip must tell the user that key. Table headers are left out: the
tables sort by mouse, and their rows are reached with the arrow keys.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from kastedesk.storage.database import Database
from tests.ui.all_windows import dialog_factories, settle, window_states
from tests.ui.test_accessible_names import describe

CONTROLS = (
    QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView, QPlainTextEdit,
    QTextEdit,
)  # fmt: skip
SHORTCUT = "keyboard_shortcut"


def unreachable(root: QWidget) -> list[str]:
    found: set[str] = set()
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or not isinstance(widget, CONTROLS):
            continue
        if isinstance(widget, QHeaderView) or widget.objectName() == "qt_tableview_cornerbutton":
            continue  # a table's headers and its "select all" corner (Ctrl+A in the table)
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parentWidget(), (QComboBox, QAbstractSpinBox)
        ):
            continue  # the editor inside a combo box or spin box, which takes the focus
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus:
            continue
        key = widget.property(SHORTCUT)
        if not key:
            found.add(f"{describe(widget)}: Tab skips it and it has no key of its own")
        elif key not in widget.toolTip():
            found.add(f"{describe(widget)}: its key {key} is not in its tooltip")
    return sorted(found)


def test_every_control_of_the_main_window_is_reached(make_window, demo_db: Database) -> None:
    window = make_window(demo_db)
    window.set_language("fi")
    window.resize(1366, 768)
    window.show()
    problems: dict[str, list[str]] = {}
    for state in window_states(window, demo_db):
        if found := unreachable(window):
            problems[f"main window, {state}"] = found
    assert problems == {}, problems


def test_every_control_of_every_dialog_is_reached(
    qtbot, ui_language, demo_db: Database, tmp_path: Path
) -> None:
    ui_language("fi")
    problems: dict[str, list[str]] = {}
    for name, factory in dialog_factories(tmp_path).items():
        dialog = factory(demo_db)
        qtbot.addWidget(dialog)
        dialog.show()
        if found := unreachable(dialog):
            problems[f"dialog '{name}' ({type(dialog).__name__})"] = found
        settle()
        dialog.close()
    assert problems == {}, problems


def test_a_control_tab_skips_is_caught(qtbot) -> None:
    from PySide6.QtWidgets import QHBoxLayout, QPushButton

    host = QWidget()
    qtbot.addWidget(host)
    button = QPushButton("Vie")
    button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    QHBoxLayout(host).addWidget(button)
    host.show()
    assert unreachable(host) == ["QPushButton: Tab skips it and it has no key of its own"]
    button.setProperty(SHORTCUT, "Ctrl+E")
    button.setToolTip("Vie (Ctrl+E)")
    assert unreachable(host) == []
