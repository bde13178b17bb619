"""Help → Keyboard shortcuts: every shortcut of a window, named in the UI's language.

The list is read from the window itself (its QActions and QShortcuts), so it is
never out of date. An action names itself with its text; a QShortcut, which has
no text, is named with :func:`name_shortcut` where it is made.

Dialogs have no menu: in every dialog Ctrl+F1 (:data:`SHORTCUTS_KEY`, the key
Help → Keyboard shortcuts has in the main window) lists that dialog's keys, read
from it the same way (:func:`collect_dialog_shortcuts`): its actions and
shortcuts, the Alt+letter of every button, field, group and tab, Enter and Esc,
and keys a dialog handles itself (a ``keyboard_keys()`` method, as in feedback
entry). F1 still opens the guide at the dialog's page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kastedesk.i18n import N_, _
from kastedesk.ui.help.keys import SHORTCUTS_KEY
from kastedesk.ui.modal import open_window_modal

HELP_TEXT = "kastedesk_help_text"  # the English source of the shortcut's name
KEY_OF_ITS_OWN = "keyboard_shortcut"  # a widget reached by a key, not by Tab (e.g. "Ctrl+L")
_MNEMONIC = re.compile(r"&([^&\s])")


def enter_shortcut(parent: QWidget, slot: Callable[[], object]) -> QShortcut:
    """Enter on *parent* (a table) calls *slot*: the main keyboard's Enter and the keypad's.

    Qt calls the main one Return (and takes the keypad's for it); the keys and the lists
    of keys call it Enter (:func:`_keys_text`)."""
    shortcut = QShortcut(QKeySequence(QtCore.Qt.Key.Key_Return), parent)
    shortcut.setContext(QtCore.Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(slot)
    return shortcut


def name_shortcut(shortcut: QShortcut | QAction, text: str) -> None:
    """Name *shortcut* for the list; *text* is an English source string marked with N_."""
    shortcut.setProperty(HELP_TEXT, text)


def name_shortcuts(owner: QWidget, names: dict[str, str]) -> None:
    """Name the QShortcuts made under *owner* by their keys ("Ctrl+N": N_("New workshop"))."""
    for shortcut in owner.findChildren(QShortcut):
        sequences: list[QKeySequence] = shortcut.keys()
        for sequence in sequences:
            text = names.get(sequence.toString(QKeySequence.SequenceFormat.PortableText))
            if text:
                name_shortcut(shortcut, text)


@dataclass(frozen=True)
class ShortcutRow:
    place: str  # the tab (or "Whole window")
    name: str  # what the key does
    keys: str  # the keys as the platform writes them, e.g. "Ctrl+Shift+N"


def _keys_text(sequences: list[QKeySequence]) -> str:
    """The keys as the platform writes them; Qt's "Return" is written Enter, as on the key."""
    texts: list[str] = []
    for sequence in sequences:
        if sequence.isEmpty():
            continue
        text = native(sequence).replace(_return_name(), native("Enter"))
        if text not in texts:
            texts.append(text)
    return ", ".join(texts)


def _return_name() -> str:
    return native(QKeySequence(QtCore.Qt.Key.Key_Return))


def _name(obj: QAction | QShortcut) -> str:
    source = obj.property(HELP_TEXT)
    if isinstance(source, str) and source:
        return _(source)
    if isinstance(obj, QAction):
        return obj.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…. ")
    return ""


def _place(obj: QObject, tab_titles: Mapping[QWidget, str], window: QWidget) -> str:
    owner = obj.parent()
    while owner is not None and owner is not window:
        if isinstance(owner, QWidget) and owner in tab_titles:
            return tab_titles[owner]
        owner = owner.parent()
    return _("Whole window")


def _in_window(obj: QObject, window: QWidget) -> bool:
    """*obj* belongs to *window* itself, not to a window (the guide, a dialog) opened over it."""
    owner: QObject | None = obj
    while owner is not None and not isinstance(owner, QWidget):
        owner = owner.parent()
    return owner is None or owner.window() is window


def collect_shortcuts(
    window: QWidget, tab_titles: Mapping[QWidget, str] | None = None
) -> list[ShortcutRow]:
    """Every action and shortcut with keys in *window* (walking all its children).

    *tab_titles* maps a tab's page to its title; shortcuts inside it are listed under it.
    Rows are in window order: the whole window first, then tab by tab.
    """
    titles = tab_titles or {}
    rows: list[ShortcutRow] = []
    seen: set[tuple[str, str, str]] = set()
    objects: list[QAction | QShortcut] = [*window.findChildren(QAction)]
    objects += window.findChildren(QShortcut)
    for obj in objects:
        if not _in_window(obj, window):
            continue  # the guide or a dialog opened over the window has keys of its own
        keys = _keys_text(obj.shortcuts() if isinstance(obj, QAction) else obj.keys())
        name = _name(obj)
        if not keys or not name:
            continue
        row = ShortcutRow(_place(obj, titles, window), name, keys)
        key = (row.place, row.name, row.keys)
        if key not in seen:
            seen.add(key)
            rows.append(row)
    order = {title: index for index, title in enumerate(titles.values())}
    rows.sort(key=lambda r: order.get(r.place, -1))  # stable: window order within a place
    return rows


def native(keys: str | QKeySequence) -> str:
    """*keys* ("Ctrl+Shift+N") as the platform writes them, in Qt's language ("Ctrl+Vaihto+N")."""
    sequence = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def mnemonic_key(text: str) -> str | None:
    """The Alt+letter of a text with a mnemonic mark ("&Save": "Alt+S"), else None."""
    match = _MNEMONIC.search(text.replace("&&", ""))
    return native(f"Alt+{match.group(1).upper()}") if match else None


def plain_text(text: str) -> str:
    """*text* as shown: no mnemonic marks ('&&' is a '&'), no trailing colon or dots."""
    shown = "&".join(part.replace("&", "") for part in text.split("&&"))
    return shown.strip().rstrip(":…. ").replace("\n", " ")


def _default_button(dialog: QDialog) -> QPushButton | None:
    """The button Enter presses: the default one, else the button box's OK/Save."""
    buttons = [
        b
        for b in dialog.findChildren(QPushButton)
        if b.window() is dialog and b.isVisibleTo(dialog)
    ]
    for button in buttons:
        if button.isDefault():
            return button
    for box in dialog.findChildren(QDialogButtonBox):
        if box.window() is not dialog:
            continue
        for candidate in box.buttons():
            accepts = box.buttonRole(candidate) == QDialogButtonBox.ButtonRole.AcceptRole
            if accepts and isinstance(candidate, QPushButton):
                return candidate
    return None


def _mnemonic_rows(dialog: QWidget) -> list[ShortcutRow]:
    rows: list[ShortcutRow] = []
    for widget in dialog.findChildren(QWidget):
        if widget.window() is not dialog or not widget.isVisibleTo(dialog):
            continue
        texts: list[tuple[str, str]] = []  # (place, text)
        if isinstance(widget, QCheckBox | QRadioButton):
            texts.append((_("Field"), widget.text()))
        elif isinstance(widget, QAbstractButton):
            texts.append((_("Button"), widget.text()))
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append((_("Field"), widget.text()))
        elif isinstance(widget, QGroupBox):
            texts.append((_("Group"), widget.title()))
        elif isinstance(widget, QTabWidget):
            texts.extend((_("Tab"), widget.tabText(i)) for i in range(widget.count()))
        for place, text in texts:
            key = mnemonic_key(text)
            if key:
                rows.append(ShortcutRow(place, plain_text(text), key))
    return rows


def collect_window_mnemonics(window: QMainWindow) -> list[ShortcutRow]:
    """The Alt+letters of *window*: its menus, and the tabs, buttons and fields it shows now
    (the other tabs' own ones are listed when the list is opened from there)."""
    rows = [
        ShortcutRow(_("Menu"), plain_text(action.text()), key)
        for action in window.menuBar().actions()
        if (key := mnemonic_key(action.text()))
    ]
    return rows + _mnemonic_rows(window)


def collect_dialog_shortcuts(dialog: QDialog) -> list[ShortcutRow]:
    """Every key of *dialog*: its shortcuts, keys of its own, Alt+letters, Enter and Esc."""
    whole = _("Whole window")
    rows = [ShortcutRow(whole, row.name, row.keys) for row in collect_shortcuts(dialog)]
    own = getattr(dialog, "keyboard_keys", None)
    if callable(own):
        rows += [ShortcutRow(whole, name, keys) for name, keys in own()]
    for widget in dialog.findChildren(QWidget):
        key = widget.property(KEY_OF_ITS_OWN)
        if isinstance(key, str) and key and widget.window() is dialog:
            name = plain_text(widget.accessibleName() or widget.toolTip())
            if name:
                rows.append(ShortcutRow(_("Field"), name, native(key)))
    rows += _mnemonic_rows(dialog)
    taken = {row.keys for row in rows}
    enter, escape = native("Enter"), native("Esc")
    default = _default_button(dialog)
    if default is not None and enter not in taken:
        rows.append(ShortcutRow(_("Button"), plain_text(default.text()), enter))
    if escape not in taken:
        rows.append(ShortcutRow(whole, _("Close the window without saving"), escape))
    for name, keys in ((N_("User guide, at this window's page"), native("F1")),
                       (N_("Keyboard shortcuts"), native(SHORTCUTS_KEY))):  # fmt: skip
        if keys not in taken:
            rows.append(ShortcutRow(whole, _(name), keys))
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for row in rows:
        if (row.place, row.name, row.keys) not in seen:
            seen.add((row.place, row.name, row.keys))
            unique.append(row)
    return unique


def show_dialog_shortcuts(dialog: QDialog) -> ShortcutsDialog:
    """Ctrl+F1 in *dialog*: its keys, in a window over it (F1 there opens its page)."""
    from kastedesk.ui.help.guide import topic_of

    shown = ShortcutsDialog(
        collect_dialog_shortcuts(dialog),
        dialog,
        intro=_(
            "The keys of the window “{title}”. Alt and the underlined letter presses a "
            "button or moves to a field."
        ).format(title=dialog.windowTitle()),
    )
    shown.help_topic = topic_of(dialog)
    return open_window_modal(shown)


class ShortcutsDialog(QDialog):
    """The shortcuts of one window as a table: where, what, which keys."""

    help_topic = "index"

    def __init__(
        self, rows: list[ShortcutRow], parent: QWidget | None = None, intro: str | None = None
    ) -> None:
        super().__init__(parent)
        self.rows = rows
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.intro = QLabel(
            intro
            or _(
                "The keys work where the row says: in the whole window or on one tab. "
                "Menu, Tab, Button, Field and Group rows are the Alt+letters of what the "
                "window shows now."
            )
        )
        self.intro.setWordWrap(True)
        self.table = QTableWidget(len(rows), 3)
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([_("Where"), _("Action"), _("Keys")])
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for index, row in enumerate(rows):
            for column, text in enumerate((row.place, row.name, row.keys)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~QtCore.Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(index, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 520)

    def texts(self) -> list[tuple[str, str, str]]:
        """The rows shown, as (where, action, keys)."""
        return [(row.place, row.name, row.keys) for row in self.rows]
