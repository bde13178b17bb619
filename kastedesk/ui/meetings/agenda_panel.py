"""The agenda: § items in order (drag and drop, Alt+Up/Alt+Down) beside the item editor.

Several items can be chosen (Ctrl/Shift+click) for an extract of the minutes:
the Extract… button, the list's context menu or Ctrl+E.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _, ngettext
from kastedesk.services import meetings as svc
from kastedesk.services.backlog import park_agenda_item
from kastedesk.services.meeting_views import MeetingDetail
from kastedesk.services.standard_texts import fill_standard_texts
from kastedesk.storage.database import Database
from kastedesk.ui import theme
from kastedesk.ui.meetings.backlog_dialog import BacklogDialog
from kastedesk.ui.meetings.item_editor import ItemEditor
from kastedesk.ui.meetings.new_item_dialog import NewItemDialog
from kastedesk.ui.meetings.phrase_dialog import PhraseDialog
from kastedesk.ui.modal import run_modal
from kastedesk.ui.remembered_splitter import RememberedSplitter

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole


class ItemList(QListWidget):
    """Agenda items; reports the new order after a drag and drop."""

    order_changed = Signal(list)  # item ids in their new order
    move_requested = Signal(int)  # -1 up, +1 down (Alt+Up / Alt+Down)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        # Several items at once (Ctrl/Shift+click) for an extract; the current one is edited.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Long titles end at the edge (whole in the tooltip): no sideways scrolling.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Up.value: -1, Qt.Key.Key_Down.value: 1}  # event.key() is an int
        if event.modifiers() == Qt.KeyboardModifier.AltModifier and event.key() in steps:
            self.move_requested.emit(steps[event.key()])
            event.accept()
            return
        super().keyPressEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        before = self.item_ids()
        super().dropEvent(event)
        after = self.item_ids()
        if after != before:
            self.order_changed.emit(after)

    def item_ids(self) -> list[int]:
        return [self.item(i).data(ITEM_ID_ROLE) for i in range(self.count())]


EXTRACT_KEYS = "Ctrl+E"


class AgendaPanel(QWidget):
    help_topic = "agenda"  # the user guide's page (F1)

    changed = Signal()
    message = Signal(str)  # for the status bar
    extract_requested = Signal(list)  # § numbers of the chosen items

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self._detail: MeetingDetail | None = None
        self._lang = "fi"
        self.items = ItemList()
        self.items.currentItemChanged.connect(self._current_changed)
        self.items.order_changed.connect(self._reorder)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_item)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_item)
        self.up_button = QPushButton()
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton()
        self.down_button.clicked.connect(lambda: self.move_current(1))
        for arrow in (self.up_button, self.down_button):
            arrow.setMaximumWidth(40)  # ▲ / ▼: the list of items stays narrow
            arrow.setMinimumWidth(32)
        self.standard_texts_button = QPushButton()
        self.standard_texts_button.clicked.connect(self.fill_standard_texts)
        self.phrases_button = QPushButton()
        self.phrases_button.clicked.connect(self.edit_phrases)
        # The group's tabled, postponed and parked items (issue #15).
        self.backlog_button = QPushButton()
        self.backlog_button.clicked.connect(self.add_from_backlog)
        self.park_button = QPushButton()
        self.park_button.clicked.connect(self.park_current)
        self.error = QLabel()
        self.error.setStyleSheet(theme.text_style(theme.Tone.ERROR))
        self.error.setWordWrap(True)
        self.error.hide()
        self.items.move_requested.connect(self.move_current)
        self.extract_button = QPushButton()
        self.extract_button.clicked.connect(self.request_extract)
        self.extract_action = QAction(self)
        self.extract_action.setShortcut(QKeySequence(EXTRACT_KEYS))
        self.extract_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.extract_action.triggered.connect(self.request_extract)
        self.addAction(self.extract_action)  # Ctrl+E anywhere in the agenda tab
        self.items.addAction(self.extract_action)  # the list's context menu
        self.items.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.editor = ItemEditor(db)
        self.editor.changed.connect(self._item_saved)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        # ▲ / ▼ beside the list, add and remove under it: the column stays narrow at 150 %.
        listed = QHBoxLayout()
        listed.addWidget(self.items, 1)
        arrows = QVBoxLayout()
        arrows.addWidget(self.up_button)
        arrows.addWidget(self.down_button)
        arrows.addStretch(1)
        listed.addLayout(arrows)
        column.addLayout(listed, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            buttons.addWidget(button)
        column.addLayout(buttons)
        # One under the other: the list stays narrow, the item texts get the width.
        column.addWidget(self.standard_texts_button)
        column.addWidget(self.phrases_button)
        column.addWidget(self.backlog_button)
        column.addWidget(self.park_button)
        column.addWidget(self.extract_button)
        column.addWidget(self.error)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields inside
        scroll.setWidget(self.editor)
        self.scroll_area = scroll
        # The save row under the scrolled fields: always in sight, also at 150 %.
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(scroll, 1)
        right_column.addWidget(self.editor.button_bar)
        # The item texts get the width; the list of items can be narrowed, and stays so.
        splitter = RememberedSplitter("agenda", [230, 720])
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.restore()
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.retranslate_ui()

    # --- showing ---------------------------------------------------------------------

    def show_meeting(self, detail: MeetingDetail | None, lang: str, keep_item: int | None = None):
        self._detail = detail
        self._lang = lang = detail.meeting.document_language(lang) if detail else lang
        self.editor.meeting_id = detail.meeting.id if detail else None
        self.editor.meeting_title = detail.meeting.title(lang) if detail else ""
        current = keep_item if keep_item is not None else self.current_item_id()
        self.items.blockSignals(True)
        self.items.clear()
        for item in detail.items if detail else ():
            entry = QListWidgetItem(f"{item.section} §  {item.title(lang)}")
            entry.setToolTip(entry.text())
            entry.setData(ITEM_ID_ROLE, item.id)
            self.items.addItem(entry)
        self.items.blockSignals(False)
        row = 0
        if detail and current is not None:
            row = next((i for i, it in enumerate(detail.items) if it.id == current), 0)
        if self.items.count():
            self.items.setCurrentRow(row)
        self._show_current()
        locked = detail.locked if detail else True
        self.items.setDragEnabled(not locked)
        for button in (
            self.add_button, self.remove_button, self.up_button, self.down_button,
            self.standard_texts_button, self.backlog_button, self.park_button,
        ):  # fmt: skip
            button.setEnabled(not locked)
        self.phrases_button.setEnabled(detail is not None)
        # Extracts are of decisions taken: approved (locked) minutes above all.
        has_items = bool(detail and detail.items)
        self.extract_button.setEnabled(has_items)
        self.extract_action.setEnabled(has_items)
        self.error.hide()

    def current_item_id(self) -> int | None:
        entry = self.items.currentItem()
        return entry.data(ITEM_ID_ROLE) if entry else None

    def selected_sections(self) -> list[int]:
        """The § numbers of the chosen items in agenda order (else the current item's)."""
        detail = self._detail
        if detail is None:
            return []
        chosen = {entry.data(ITEM_ID_ROLE) for entry in self.items.selectedItems()}
        if not chosen and (current := self.current_item_id()) is not None:
            chosen = {current}
        return [item.section for item in detail.items if item.id in chosen]

    def select_sections(self, sections: list[int]) -> None:
        """Choose the items § *sections* in the list (the first becomes the current one)."""
        detail = self._detail
        ids = {i.id for i in detail.items if i.section in sections} if detail else set()
        self.items.clearSelection()
        first = True
        for row in range(self.items.count()):
            entry = self.items.item(row)
            if entry.data(ITEM_ID_ROLE) in ids:
                if first:
                    self.items.setCurrentItem(entry)
                    first = False
                entry.setSelected(True)

    def request_extract(self) -> None:
        """Save the item being edited, then ask for the extract of the chosen items."""
        if self._detail is None:
            return
        if self.editor.is_dirty() and not self.editor.save(notify=False):
            return
        sections = self.selected_sections()
        if sections:
            self.extract_requested.emit(sections)

    def select_item(self, item_id: int) -> None:
        for row in range(self.items.count()):
            if self.items.item(row).data(ITEM_ID_ROLE) == item_id:
                self.items.setCurrentRow(row)
                return

    def _current_changed(self, current: QListWidgetItem | None, previous) -> None:
        """Keep what was typed: save the item being left before showing the next one."""
        if previous is not None and self.editor.is_dirty():
            if not self.editor.save(notify=False):
                self.items.blockSignals(True)
                self.items.setCurrentItem(previous)
                self.items.blockSignals(False)
                return
            QTimer.singleShot(0, self.changed.emit)  # reload: new titles in the list
        self._show_current()

    def _show_current(self) -> None:
        detail = self._detail
        item_id = self.current_item_id()
        item = next((i for i in detail.items if i.id == item_id), None) if detail else None
        languages = tuple(detail.meeting.languages.split("+")) if detail else ("fi",)
        self.editor.attendance = detail.attendance if detail else ()
        self.editor.show_item(
            item, detail.people if detail else (), languages, detail.locked if detail else True
        )

    # --- changing ----------------------------------------------------------------------

    def _run(self, change: Callable[[], object], keep_item: int | None = None) -> bool:
        try:
            change()
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.changed.emit()  # show the stored order again
            return False
        self.changed.emit()
        if keep_item is not None:
            self.select_item(keep_item)
        return True

    def move_current(self, step: int) -> None:
        item_id = self.current_item_id()
        if item_id is None or self._detail is None or self._detail.locked:
            return
        row = self.items.currentRow() + step
        if 0 <= row < self.items.count():
            self._run(lambda: svc.move_item(self.db, item_id, row), keep_item=item_id)
            self.items.setFocus()

    def _reorder(self, ids: list[int]) -> None:
        if self._detail is not None:
            keep, meeting_id = self.current_item_id(), self._detail.meeting.id
            self._run(lambda: svc.reorder_items(self.db, meeting_id, ids), keep)

    def run_dialog(self, dialog: NewItemDialog) -> bool:
        """A hook tests replace."""
        return run_modal(dialog) == NewItemDialog.DialogCode.Accepted

    def add_item(self) -> None:
        """Ask for the new item's title(s), add it before "other matters" and open it."""
        if self._detail is None or self._detail.locked:
            return
        if self.editor.is_dirty() and not self.editor.save(notify=False):
            return
        db, meeting_id = self.db, self._detail.meeting.id

        def save(fields: object) -> int:
            assert isinstance(fields, svc.ItemFields)
            return svc.add_item(db, meeting_id, fields)

        languages = tuple(self._detail.meeting.languages.split("+"))
        dialog = NewItemDialog(languages, save, self)
        if not self.run_dialog(dialog):
            return
        item_id = dialog.result_value
        assert isinstance(item_id, int)
        self.changed.emit()
        self.select_item(item_id)
        self.editor.background.setFocus()

    def fill_standard_texts(self) -> int:
        """Write the standard items' empty proposals and decisions from the meeting's data."""
        if self._detail is None or self._detail.locked:
            return 0
        if self.editor.is_dirty() and not self.editor.save(notify=False):
            return 0
        holder: list[int] = []
        keep = self.current_item_id()
        meeting_id = self._detail.meeting.id
        if self._run(lambda: holder.append(fill_standard_texts(self.db, meeting_id)), keep):
            self.message.emit(
                ngettext(
                    "{count} standard text written.", "{count} standard texts written.", holder[0]
                ).format(count=holder[0])
            )
        return holder[0] if holder else 0

    def edit_phrases(self) -> None:
        """The group's wording of the standard texts."""
        if self._detail is None:
            return
        dialog = PhraseDialog(self.db, self._detail.meeting.group_id, self)
        self.run_phrase_dialog(dialog)

    def run_phrase_dialog(self, dialog: QDialog) -> None:
        run_modal(dialog)

    def add_from_backlog(self) -> None:
        """The group's waiting items; those chosen become new § items of this meeting."""
        if self._detail is None or self._detail.locked:
            return
        if self.editor.is_dirty() and not self.editor.save(notify=False):
            return
        meeting = self._detail.meeting
        dialog = BacklogDialog(
            self.db, meeting.id, meeting.group_id, tuple(meeting.languages.split("+")), self
        )
        self.run_backlog_dialog(dialog)
        if dialog.added:
            self.changed.emit()
            self.select_item(dialog.added[-1].item_id)
            self.message.emit(
                ngettext(
                    "{count} waiting item added to the agenda.",
                    "{count} waiting items added to the agenda.",
                    len(dialog.added),
                ).format(count=len(dialog.added))
            )

    def run_backlog_dialog(self, dialog: QDialog) -> None:
        """A hook tests replace."""
        run_modal(dialog)

    def park_current(self) -> None:
        """Move the chosen own item off this agenda into the group's waiting items."""
        item_id = self.current_item_id()
        if item_id is None or self._detail is None or self._detail.locked:
            return
        if self.editor.is_dirty() and not self.editor.save(notify=False):
            return
        if self._run(lambda: park_agenda_item(self.db, item_id)):
            self.message.emit(_("The item waits among the group's waiting items."))

    def select_section(self, section: int, language: str = "fi") -> None:
        """Open the § item *section*, with the cursor in its *language* title."""
        detail = self._detail
        item = next((i for i in detail.items if i.section == section), None) if detail else None
        if item is None:
            return
        self.select_item(item.id)
        self.editor.show_language(language)

    def remove_item(self) -> None:
        item_id = self.current_item_id()
        if item_id is not None:
            self._run(lambda: svc.delete_item(self.db, item_id))

    def _item_saved(self) -> None:
        keep = self.current_item_id()
        self.changed.emit()
        if keep is not None:
            self.select_item(keep)

    def retranslate_ui(self) -> None:
        self.items.setAccessibleName(_("Agenda items"))
        self.add_button.setText(_("&Add item"))
        self.remove_button.setText(_("Remove item"))
        self.up_button.setText("▲")  # narrow: the item texts get the width
        self.up_button.setAccessibleName(_("Up"))
        self.up_button.setToolTip(_("Move the item up (Alt+Up)"))
        self.down_button.setText("▼")
        self.down_button.setAccessibleName(_("Down"))
        self.down_button.setToolTip(_("Move the item down (Alt+Down)"))
        self.standard_texts_button.setText(_("Fill in standard te&xts"))
        self.standard_texts_button.setToolTip(
            _(
                "Write the standard items' empty proposals and decisions from the meeting's "
                "data: times, checkers, previous and next meeting, quorum"
            )
        )
        self.phrases_button.setText(_("Wording…"))
        self.phrases_button.setToolTip(_("The group's wording of the standard texts"))
        self.backlog_button.setText(_("Add from &backlog…"))
        self.backlog_button.setToolTip(
            _("Items tabled or postponed at earlier meetings, and items parked for later")
        )
        self.park_button.setText(_("Park for later"))
        self.park_button.setToolTip(
            _("Take the item off this agenda and keep it among the group's waiting items")
        )
        self.extract_button.setText(_("Ext&ract…"))
        keys = QKeySequence(EXTRACT_KEYS).toString(QKeySequence.SequenceFormat.NativeText)
        self.extract_button.setToolTip(
            _(
                "An extract of the minutes of the chosen items, certified by the secretary "
                "(Ctrl or Shift+click chooses several; {keys})"
            ).format(keys=keys)
        )
        self.extract_action.setText(_("Extract of the minutes…"))
        self.editor.retranslate_ui()
