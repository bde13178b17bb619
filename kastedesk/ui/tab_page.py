"""The contract between the main window and each of its tabs."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from kastedesk.storage.database import Database


class TabPage(QWidget):
    """A main-window tab: told which database is open and when the language changes."""

    _settings_store: QSettings | None = None

    def use_settings(self, settings: QSettings) -> None:
        """Where the tab remembers its choices (the window's settings)."""
        self._settings_store = settings

    def settings(self) -> QSettings:
        return self._settings_store if self._settings_store is not None else QSettings()

    def set_database(self, db: Database) -> None:
        """Show the data of *db* (called at start and after File → Open)."""

    def refresh_after_outside_change(self) -> None:
        """Someone else committed: show their changes, keeping the selection and any
        unsaved edits. The default reads everything again."""
        db = getattr(self, "db", None)
        if isinstance(db, Database):
            self.set_database(db)

    def retranslate_ui(self) -> None:
        """Set every visible text again in the current language."""
