"""Every control the keyboard reaches has an accessible name, in the UI's language.

A screen reader reads what Qt's accessibility API gives
(``QAccessible.queryAccessibleInterface(widget).text(Name)``), so names Qt
derives itself count: a button's text, a sibling label's buddy. The main
window is walked tab by tab and sub-tab by sub-tab, and every dialog of the
registry (tests/ui/all_windows.py) is opened, in Finnish and in Swedish.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kastedesk import i18n
from kastedesk.storage.database import Database
from kastedesk.ui.form_errors import ErrorForm
from tests.ui.all_windows import dialog_factories, settle, window_states


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def keyboard_stops(root: QWidget) -> list[QWidget]:
    """Visible widgets that Tab reaches (a focus proxy stands for its owner)."""
    return [
        widget
        for widget in [root, *root.findChildren(QWidget)]
        if (widget is root or widget.isVisibleTo(root))
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None
        and not widget.isWindow()
    ]


def describe(widget: QWidget) -> str:
    """QLineEdit 'member_filter' in MembersPage, showing 'Virtanen'."""
    name = f" '{widget.objectName()}'" if widget.objectName() else ""
    parent = widget.parentWidget()
    owner = parent
    while owner is not None and type(owner).__module__.startswith("PySide6"):
        owner = owner.parentWidget()  # the nearest KasteDesk class says where it is
    where = f" in {type(owner).__name__}" if owner is not None else ""
    text = getattr(widget, "text", None)
    shown = text() if callable(text) and isinstance(widget, QLineEdit) else ""
    placeholder = widget.placeholderText() if isinstance(widget, QLineEdit) else ""
    extra = f", showing '{shown or placeholder}'" if shown or placeholder else ""
    return f"{type(widget).__name__}{name}{where}{extra}"


def nameless(root: QWidget) -> list[str]:
    return sorted({describe(w) for w in keyboard_stops(root) if not accessible_name(w)})


def report(problems: dict[str, list[str]]) -> str:
    lines = [
        f"  {where}:\n" + "\n".join(f"    {w}" for w in what) for where, what in problems.items()
    ]
    return "controls the keyboard reaches without an accessible name:\n" + "\n".join(lines)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_control_in_the_main_window_has_a_name(
    make_window, demo_db: Database, lang: str
) -> None:
    window = make_window(demo_db)
    window.set_language(lang)
    window.resize(1366, 768)
    window.show()
    problems: dict[str, list[str]] = {}
    for state in window_states(window, demo_db):
        if found := nameless(window):
            problems[f"[{lang}] main window, {state}"] = found
    assert problems == {}, report(problems)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_control_in_every_dialog_has_a_name(
    qtbot, ui_language, demo_db: Database, tmp_path: Path, lang: str
) -> None:
    ui_language(lang)
    problems: dict[str, list[str]] = {}
    for name, factory in dialog_factories(tmp_path).items():
        dialog = factory(demo_db)
        qtbot.addWidget(dialog)
        dialog.show()
        if found := nameless(dialog):
            problems[f"[{lang}] dialog '{name}' ({type(dialog).__name__})"] = found
        settle()
        dialog.close()
    assert problems == {}, report(problems)


def test_names_follow_the_language_of_the_form(qtbot) -> None:
    """A form field is named after its caption, and renamed when the language changes."""
    from kastedesk.i18n import _

    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    form = ErrorForm()
    layout.addLayout(form)
    field = form.add_field("place", lambda: _("&Group:"), QLineEdit())
    bare = QLineEdit()
    layout.addWidget(bare)
    host.show()
    assert accessible_name(field) == "Group"
    assert nameless(host) == ["QLineEdit"]
    i18n.set_language("fi")
    form.retranslate()
    assert accessible_name(field) == "Ryhmä"
