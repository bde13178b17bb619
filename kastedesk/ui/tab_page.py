"""The contract between the main window and each of its tabs.

The window hands every tab the open database with :meth:`TabPage.use_database`;
a tab reads its data only when it is first shown (or :meth:`ensure_loaded` is
called), so the window appears before any tab's data and a tab never shown
costs nothing. New tabs get this by subclassing and implementing
:meth:`set_database`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # the window shows before the storage code is imported
    from kastedesk.storage.database import Database


class TabPage(QWidget):
    """A main-window tab: told which database is open and when the language changes."""

    _settings_store: QSettings | None = None
    _pending_db: Database | None = None  # handed over, not yet read
    has_read_once = False

    def use_settings(self, settings: QSettings) -> None:
        """Where the tab remembers its choices (the window's settings)."""
        self._settings_store = settings

    def settings(self) -> QSettings:
        return self._settings_store if self._settings_store is not None else QSettings()

    def use_database(self, db: Database) -> None:
        """The window's way in: show *db*'s data once the tab is shown (soon, if it is now)."""
        self._pending_db = db
        if self.isVisible():
            QTimer.singleShot(0, self.ensure_loaded)

    def ensure_loaded(self) -> None:
        """Read the data handed over by :meth:`use_database` now, if not done yet."""
        db, self._pending_db = self._pending_db, None
        if db is not None:
            self.has_read_once = True
            self.set_database(db)

    @property
    def loaded(self) -> bool:
        return self._pending_db is None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending_db is not None:
            # After this event: the window paints first, then the data arrives.
            QTimer.singleShot(0, self.ensure_loaded)

    def set_database(self, db: Database) -> None:
        """Show the data of *db* (called when first shown, and after File → Open)."""

    def refresh_after_outside_change(self) -> None:
        """Someone else committed: show their changes, keeping the selection and any
        unsaved edits. The default reads everything again."""
        from kastedesk.storage.database import Database

        db = getattr(self, "db", None)
        if isinstance(db, Database):
            self.set_database(db)

    def retranslate_ui(self) -> None:
        """Set every visible text again in the current language."""
