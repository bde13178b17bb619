"""The contract between the main window and each of its tabs.

A tab is built for one open database, given to its constructor, and keeps it for
its life: when the user opens another database the window builds the tabs again.
A tab reads its data only when it is first shown (or :meth:`ensure_loaded` is
called), so the window appears before any tab's data and a tab never shown
costs nothing. New tabs get this by subclassing and implementing
:meth:`read_data`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # the window shows before the storage code is imported
    from kastedesk.storage.database import Database


class TabPage(QWidget):
    """A main-window tab on the database it was built for; told when the language changes."""

    _settings_store: QSettings | None = None
    has_read_once = False

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._unread = True  # built (or the data changed), not read yet

    def use_settings(self, settings: QSettings) -> None:
        """Where the tab remembers its choices (the window's settings)."""
        self._settings_store = settings

    def settings(self) -> QSettings:
        return self._settings_store if self._settings_store is not None else QSettings()

    def read_again(self) -> None:
        """The data changed as a whole (an import, a restore): read it once the tab is
        shown (soon, if it is now)."""
        self._unread = True
        if self.isVisible():
            QTimer.singleShot(0, self.ensure_loaded)

    def ensure_loaded(self) -> None:
        """Read the data now, if not done since the tab was built or :meth:`read_again`."""
        if self._unread:
            self._unread = False
            self.has_read_once = True
            self.read_data()

    @property
    def loaded(self) -> bool:
        return not self._unread

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._unread:
            # After this event: the window paints first, then the data arrives.
            QTimer.singleShot(0, self.ensure_loaded)

    def retire(self) -> None:
        """The window lets this page go (another database was opened): typing not kept
        as a draft yet is kept now, beside the page's own database, and nothing more is
        read."""
        from kastedesk.ui.draft_keeper import DraftKeeper

        self._unread = False
        for keeper in self.findChildren(DraftKeeper):
            keeper.keep_pending()

    def read_data(self) -> None:
        """Show the data of :attr:`db` (called when first shown, and after an import)."""

    def refresh_after_outside_change(self) -> None:
        """Someone else committed: show their changes, keeping the selection and any
        unsaved edits. The default reads everything again."""
        self.read_data()

    def retranslate_ui(self) -> None:
        """Set every visible text again in the current language."""
