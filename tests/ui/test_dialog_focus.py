"""Every dialog opens with the keyboard focus in its first field.

"First" is reading order: the topmost, then leftmost visible, enabled input
the Tab key reaches (push buttons and tool buttons are not fields). A dialog
without fields starts in its list or table. The few dialogs that start
elsewhere on purpose are listed in STARTS_ELSEWHERE with the reason, and the
test checks that they do start there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton, QToolButton, QWidget

from kastedesk.storage.database import Database
from tests.ui.all_windows import dialog_factories, settle
from tests.ui.test_accessible_names import describe

# name: (the widget the dialog starts in, why)
STARTS_ELSEWHERE: dict[str, tuple[Callable[[QWidget], QWidget], str]] = {
    "feedback entry": (
        lambda d: d,
        "the fast entry reads the digits itself; a text question takes the focus when reached",
    ),
    "responses": (
        lambda d: d.table,  # type: ignore[attr-defined]
        "a list to check: Enter corrects and Delete removes the chosen response",
    ),
    "new meeting": (
        lambda d: d.details.date,  # type: ignore[attr-defined]
        "the number is the next free one; the date is what the secretary types",
    ),
    "workshop": (
        lambda d: d.title,  # type: ignore[attr-defined]
        "the project is the one chosen on the tab the dialog is opened from",
    ),
}


def first_field(dialog: QWidget) -> QWidget | None:
    """The first input in reading order that Tab reaches."""
    inputs = [
        w
        for w in dialog.findChildren(QWidget)
        if w.isVisibleTo(dialog)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and not isinstance(w, (QPushButton, QToolButton))
    ]

    def place(widget: QWidget) -> tuple[int, int]:
        corner = widget.mapTo(dialog, QPoint(0, 0))
        return corner.y(), corner.x()

    return min(inputs, key=place, default=None)


def test_every_dialog_opens_in_its_first_field(
    qtbot, ui_language, demo_db: Database, tmp_path: Path
) -> None:
    ui_language("fi")
    problems: list[str] = []
    for name, factory in dialog_factories(tmp_path).items():
        dialog = factory(demo_db)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()  # as the window system does when a dialog opens
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        focused = dialog.focusWidget()
        expected = (
            STARTS_ELSEWHERE[name][0](dialog) if name in STARTS_ELSEWHERE else first_field(dialog)
        )
        if expected is None:
            problems.append(f"dialog '{name}' ({type(dialog).__name__}) has no field")
        elif focused is not expected:
            where = describe(focused) if focused is not None else "nothing"
            problems.append(
                f"dialog '{name}' ({type(dialog).__name__}) opens with the focus on {where}, "
                f"not on its first field {describe(expected)}"
            )
        settle()
        dialog.close()
    assert problems == [], "\n".join(problems)


def test_a_dialog_starting_on_a_button_is_caught(qtbot) -> None:
    """The check itself: a dialog focusing its OK button first fails."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    field = QLineEdit()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    layout.addWidget(field)
    layout.addWidget(buttons)
    dialog.show()
    buttons.buttons()[0].setFocus()
    assert first_field(dialog) is field
    assert dialog.focusWidget() is not first_field(dialog)
