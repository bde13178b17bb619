"""Ctrl+F1 in every dialog lists that dialog's keys, in the interface language.

Dialogs have no Help menu; the main window's Help → Keyboard shortcuts has the same
key. Every dialog of the registry (tests/ui/all_windows.py) is opened: its list
holds every Alt+letter the dialog underlines (the same walk as the mnemonic test),
Esc, F1 and Ctrl+F1, and in Finnish and Swedish the texts of the list are
translated.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from kastedesk.i18n import translator
from kastedesk.storage.database import Database
from kastedesk.ui.help.help_window import HelpWindow
from kastedesk.ui.help.shortcuts import ShortcutsDialog, collect_dialog_shortcuts, native
from tests.ui.all_windows import dialog_factories, settle
from tests.ui.test_mnemonics import mnemonics


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_dialog_lists_its_own_keys_in_the_interface_language(
    qtbot, ui_language, demo_db: Database, tmp_path: Path, lang: str
) -> None:
    ui_language(lang)
    gettext = translator(lang).gettext
    whole = gettext("Whole window")
    close = gettext("Close the window without saving")
    assert whole != "Whole window" and close != "Close the window without saving"
    problems: dict[str, object] = {}
    for name, factory in dialog_factories(tmp_path).items():
        dialog = factory(demo_db)
        qtbot.addWidget(dialog)
        dialog.show()
        rows = collect_dialog_shortcuts(dialog)
        keys = {row.keys for row in rows}
        letters = {native(f"Alt+{letter.upper()}") for letter, _text in mnemonics(dialog)}
        if missing := sorted(letters - keys):
            problems[f"{name}: Alt+letters not listed"] = missing
        for needed in (native("Esc"), native("F1"), native("Ctrl+F1")):
            if needed not in keys:
                problems[f"{name}: {needed} not listed"] = [r.keys for r in rows]
        untranslated = [r.name for r in rows if r.name in ENGLISH_ONLY]
        untranslated += [r.place for r in rows if r.place in ENGLISH_PLACES]
        if untranslated:
            problems[f"{name}: in English"] = untranslated
        settle()
        dialog.close()
    assert problems == {}, problems


ENGLISH_ONLY = {
    "Close the window without saving",
    "User guide, at this window's page",
    "Keyboard shortcuts",
    "Next question",
}
ENGLISH_PLACES = {"Whole window", "Button", "Field", "Group", "Tab"}


def test_a_dialogs_list_names_its_buttons_fields_tabs_and_enter(qtbot, ui_language) -> None:
    """English, to read: each Alt+letter with what it reaches; Enter with the default button."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

    ui_language("en")
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    field = QLineEdit()
    caption = QLabel("&Name:")
    caption.setBuddy(field)
    hidden = QPushButton("&Hidden")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    buttons.addButton(QPushButton("&Preview"), QDialogButtonBox.ButtonRole.ActionRole)
    for widget in (caption, field, hidden, buttons):
        layout.addWidget(widget)
    hidden.hide()
    dialog.show()
    rows = {(r.place, r.name, r.keys) for r in collect_dialog_shortcuts(dialog)}
    assert ("Field", "Name", "Alt+N") in rows
    assert ("Button", "Preview", "Alt+P") in rows
    assert ("Button", "OK", "Enter") in rows
    assert ("Whole window", "Close the window without saving", "Esc") in rows
    assert not any(r[1] == "Hidden" for r in rows)  # a hidden button's letter does nothing


def test_feedback_entry_lists_the_keys_it_handles_itself(
    qtbot, ui_language, demo_db: Database, tmp_path: Path
) -> None:
    ui_language("fi")
    dialog = dialog_factories(tmp_path)["feedback entry"](demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    rows = {(r.name, r.keys) for r in collect_dialog_shortcuts(dialog)}
    save = translator("fi").gettext("Save the form and start the next one")
    assert (save, native("Ctrl+Enter")) in rows
    assert sum(1 for _name, keys in rows if keys == native("Esc")) == 1  # not twice
    settle()
    dialog.close()


def test_ctrl_f1_in_a_dialog_opens_its_list_and_f1_still_opens_its_page(
    make_window, demo_db: Database, qtbot, tmp_path: Path
) -> None:
    window = make_window(demo_db)  # installs F1 and Ctrl+F1 for every dialog
    dialog = dialog_factories(tmp_path)["workshop"](demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)  # the keys work in the active window
    field = dialog.findChildren(QWidget)[-1]
    qtbot.keyClick(field, Qt.Key.Key_F1, Qt.KeyboardModifier.ControlModifier)
    listing = dialog.findChild(ShortcutsDialog)
    assert listing is not None and listing.isVisible()
    assert listing.texts() == [(r.place, r.name, r.keys) for r in collect_dialog_shortcuts(dialog)]
    assert dialog.windowTitle() in listing.intro.text()
    assert listing.help_topic == "workshops"  # F1 there opens the dialog's page
    listing.close()
    before = collect_dialog_shortcuts(dialog)
    qtbot.keyClick(field, Qt.Key.Key_F1)
    guide = dialog.findChild(HelpWindow)
    assert guide is not None and guide.topic == "workshops"
    # The guide's own keys (Find …) are not the dialog's: its list is as it was.
    assert collect_dialog_shortcuts(dialog) == before
    assert window.action_shortcuts.shortcut().toString() == "Ctrl+F1"


def test_the_help_menu_names_the_key(make_window, db: Database) -> None:
    window = make_window(db)
    window.set_language("sv")
    assert window.action_shortcuts.shortcut().toString() == "Ctrl+F1"
    entry = window.action_shortcuts
    assert entry in window.help_menu.actions()
    assert entry.text().replace("&", "") == translator("sv").gettext("&Keyboard shortcuts").replace(
        "&", ""
    )
