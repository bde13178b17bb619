"""Noticing that another process (or another window) committed to the database.

SQLite's ``PRAGMA data_version`` changes, on one connection, whenever another
connection commits. The watch keeps its own read-only connection for that and
forgets the changes this program made itself (``Database`` tells it after every
commit), so the window refreshes only for other people's work. Server
databases answer False here; they notify through the server instead.
"""

from __future__ import annotations

import contextlib
import sqlite3

from kastedesk.storage.database import BUSY_TIMEOUT_MS, Database
from kastedesk.storage.sqlite_uri import sqlite_uri


class DataVersionWatch:
    def __init__(self, db: Database) -> None:
        self._conn: sqlite3.Connection | None = None
        path = db.path
        if path is not None:
            self._conn = sqlite3.connect(
                sqlite_uri(path, "ro"), uri=True, timeout=BUSY_TIMEOUT_MS / 1000
            )
            self._conn.isolation_level = None
        self._seen = self._read()
        db.add_commit_listener(self.absorb)

    def _read(self) -> int | None:
        if self._conn is None:
            return None
        try:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return self._seen if hasattr(self, "_seen") else None

    def changed_elsewhere(self) -> bool:
        """True once for each batch of commits made by someone else since the last call."""
        current = self._read()
        if current == self._seen:
            return False
        self._seen = current
        return True

    def absorb(self) -> None:
        """This program committed: that is not news to its own window."""
        self._seen = self._read()

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
