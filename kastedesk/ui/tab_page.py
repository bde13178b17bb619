"""The contract between the main window and each of its tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kastedesk.storage.database import Database


class TabPage(QWidget):
    """A main-window tab: told which database is open and when the language changes."""

    def set_database(self, db: Database) -> None:
        """Show the data of *db* (called at start and after File → Open)."""

    def retranslate_ui(self) -> None:
        """Set every visible text again in the current language."""
