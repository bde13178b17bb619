"""Alt+letter mnemonics are unique in every window state and dialog, in Finnish and Swedish.

The main window is walked tab by tab, and inside each tab sub-tab by sub-tab
(the meeting editor's with a meeting open; tests/ui/all_windows.py): what is
visible together (the menu bar, the tab bar and the shown page) must not share
a letter. Each menu's own items are checked the same way, and every dialog of
the registry on its own. A label whose mnemonic points nowhere (no buddy) is a
failure too: pressing its letter would do nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTabWidget,
    QWidget,
)

from kastedesk.storage.database import Database
from tests.ui.all_windows import dialog_factories, settle, window_states

MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    match = MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).casefold() if match else None


def describe(widget: QWidget, text: str) -> str:
    """'Tallenna' (QPushButton save_button): what a failure message names."""
    name = f" {widget.objectName()}" if widget.objectName() else ""
    return f"'{plain(text)}' ({type(widget).__name__}{name})"


def plain(text: str) -> str:
    """*text* as shown: the mnemonic marks gone, '&&' a single '&'."""
    return "&".join(part.replace("&", "") for part in text.split("&&"))


def mnemonics(root: QWidget) -> list[tuple[str, str]]:
    """(letter, description) of every visible button, buddied label, group box, menu, tab."""
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        texts: list[str] = []
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QMenuBar):
            texts.extend(a.text() for a in widget.actions() if a.isVisible())
        elif isinstance(widget, QTabWidget):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        for text in texts:
            if letter := mnemonic(text):
                found.append((letter, describe(widget, text)))
    return found


def clashes(found: list[tuple[str, str]]) -> dict[str, list[str]]:
    """{letter: the texts sharing it} for every letter used more than once."""
    counts = Counter(letter for letter, _text in found)
    return {
        f"Alt+{letter.upper()}": [text for other, text in found if other == letter]
        for letter, n in sorted(counts.items())
        if n > 1
    }


def dead_mnemonics(root: QWidget) -> list[str]:
    """Visible labels that underline a letter but have no buddy to take the focus."""
    return [
        describe(label, label.text())
        for label in root.findChildren(QLabel)
        if label.isVisibleTo(root)
        and label.buddy() is None
        and label.textFormat().name != "RichText"
        and mnemonic(label.text()) is not None
        and not label.text().lstrip().startswith("<")
    ]


def menu_clashes(menu: QMenu) -> dict[str, list[str]]:
    found = [
        (letter, f"'{plain(a.text())}' (menu item)")
        for a in menu.actions()
        if a.isVisible() and not a.isSeparator() and (letter := mnemonic(a.text()))
    ]
    return clashes(found)


def report(problems: dict[str, object]) -> str:
    lines = [f"  {where}: {what}" for where, what in problems.items()]
    return "mnemonic clashes (Alt+letter used twice where visible together):\n" + "\n".join(
        lines
    )


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_main_window_state_has_unique_mnemonics(
    make_window, demo_db: Database, lang: str
) -> None:
    window = make_window(demo_db)
    window.set_language(lang)
    window.resize(1366, 768)
    window.show()
    problems: dict[str, object] = {}
    for state in window_states(window, demo_db):
        if found := clashes(mnemonics(window)):
            problems[f"[{lang}] main window, {state}"] = found
        if dead := dead_mnemonics(window):
            problems[f"[{lang}] main window, {state}, label without a buddy"] = dead
    for menu in window.menuBar().findChildren(QMenu):
        if found := menu_clashes(menu):
            problems[f"[{lang}] menu {menu.title().replace('&', '')}"] = found
    assert problems == {}, report(problems)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_dialog_has_unique_mnemonics(
    qtbot, ui_language, demo_db: Database, tmp_path: Path, lang: str
) -> None:
    ui_language(lang)
    problems: dict[str, object] = {}
    for name, factory in dialog_factories(tmp_path).items():
        dialog = factory(demo_db)
        qtbot.addWidget(dialog)
        dialog.show()
        where = f"[{lang}] dialog '{name}' ({type(dialog).__name__}, '{dialog.windowTitle()}')"
        if found := clashes(mnemonics(dialog)):
            problems[where] = found
        if dead := dead_mnemonics(dialog):
            problems[f"{where}, label without a buddy"] = dead
        settle()
        dialog.close()
    assert problems == {}, report(problems)


def test_a_clash_is_found_and_named(qtbot) -> None:
    """The check itself: two buttons on Alt+T fail, naming both."""
    from PySide6.QtWidgets import QHBoxLayout, QPushButton

    host = QWidget()
    qtbot.addWidget(host)
    row = QHBoxLayout(host)
    first, second, third = QPushButton("&Tuo"), QPushButton("&Tiedosto"), QPushButton("&Vie")
    first.setObjectName("import_button")
    for button in (first, second, third):
        row.addWidget(button)
    host.show()
    assert clashes(mnemonics(host)) == {
        "Alt+T": ["'Tuo' (QPushButton import_button)", "'Tiedosto' (QPushButton)"]
    }
    third.hide()
    second.setText("Tiedosto")
    assert clashes(mnemonics(host)) == {}
