"""Help → Keyboard shortcuts: every shortcut of a window, named in the UI's language.

The list is read from the window itself (its QActions and QShortcuts), so it is
never out of date. An action names itself with its text; a QShortcut, which has
no text, is named with :func:`name_shortcut` where it is made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kastedesk.i18n import _

HELP_TEXT = "kastedesk_help_text"  # the English source of the shortcut's name


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
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(s.toString(native) for s in sequences if not s.isEmpty())


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


class ShortcutsDialog(QDialog):
    """The shortcuts of one window as a table: where, what, which keys."""

    help_topic = "index"

    def __init__(self, rows: list[ShortcutRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.intro = QLabel(
            _("The keys work where the row says: in the whole window or on one tab.")
        )
        self.intro.setWordWrap(True)
        self.table = QTableWidget(len(rows), 3)
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([_("Where"), _("Action"), _("Keys")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for index, row in enumerate(rows):
            for column, text in enumerate((row.place, row.name, row.keys)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
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
