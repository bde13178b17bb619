"""Focus is always visible: no style sheet hides the focus frame.

KasteDesk sets no application style sheet; the few widget style sheets must
not switch the focus outline off, and one that draws its own border (a date
field showing a typing mistake) must draw a different one while it has the
focus. The main window and every dialog are walked (tests/ui/all_windows.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kastedesk.storage.database import Database
from kastedesk.ui.date_field import DateField
from tests.ui.all_windows import dialog_factories, settle, window_states
from tests.ui.test_accessible_names import describe

NO_OUTLINE = re.compile(r"outline\s*:\s*(none|0)", re.IGNORECASE)
BORDER = re.compile(r"(^|[;{\s])border\s*:", re.IGNORECASE)


def hides_focus(widget: QWidget) -> str | None:
    sheet = widget.styleSheet()
    if not sheet:
        return None
    if NO_OUTLINE.search(sheet):
        return f"{describe(widget)} switches the focus outline off: {sheet!r}"
    focusable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
    if focusable and BORDER.search(sheet) and ":focus" not in sheet:
        return f"{describe(widget)} draws its own border with no focus state: {sheet!r}"
    return None


def problems_in(root: QWidget) -> list[str]:
    return sorted(
        {p for w in [root, *root.findChildren(QWidget)] if (p := hides_focus(w)) is not None}
    )


def test_the_application_sets_no_style_that_hides_focus(qapp: QApplication) -> None:
    assert not NO_OUTLINE.search(qapp.styleSheet())


def test_no_window_state_or_dialog_hides_the_focus(
    make_window, qtbot, ui_language, demo_db: Database, tmp_path: Path
) -> None:
    window = make_window(demo_db)
    window.set_language("fi")
    window.show()
    problems: dict[str, list[str]] = {}
    for state in window_states(window, demo_db):
        if found := problems_in(window):
            problems[f"main window, {state}"] = found
    ui_language("fi")
    for name, factory in dialog_factories(tmp_path).items():
        dialog = factory(demo_db)
        qtbot.addWidget(dialog)
        dialog.show()
        if found := problems_in(dialog):
            problems[f"dialog '{name}' ({type(dialog).__name__})"] = found
        settle()
        dialog.close()
    assert problems == {}, problems


def test_a_date_with_a_typing_mistake_still_shows_the_focus(qtbot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.setText("31.2.")
    assert field.styleSheet(), "a typing mistake is marked"
    assert hides_focus(field) is None
    field.setText("1.2.2026")
    assert field.styleSheet() == ""
