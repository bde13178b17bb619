"""Noticing that another process (or another window) committed to the database.

SQLite's ``PRAGMA data_version`` changes, on one connection, whenever another
connection commits. The watch keeps its own read-only connection for that and
forgets the changes this program made itself (``Database`` tells it after every
commit), so the window refreshes only for other people's work.

On PostgreSQL every committed write sends ``NOTIFY kastedesk_changes`` with
the writing program's token (see :class:`~kastedesk.storage.database.Database`);
:class:`ServerChangeWatch` LISTENs on a connection of its own and has the same
interface. :func:`watch_changes` picks the right one.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from typing import Any, Protocol

from kastedesk.storage.database import BUSY_TIMEOUT_MS, CHANGES_CHANNEL, Database, is_postgresql
from kastedesk.storage.sqlite_uri import sqlite_uri

log = logging.getLogger(__name__)


class ChangeWatch(Protocol):
    def changed_elsewhere(self) -> bool: ...

    def absorb(self) -> None: ...

    def close(self) -> None: ...


def watch_changes(db: Database) -> ChangeWatch:
    """The watch for *db*: LISTEN on a server, ``data_version`` on a SQLite file."""
    if is_postgresql(db.url):
        return ServerChangeWatch(db)
    return DataVersionWatch(db)


class DataVersionWatch:
    def __init__(self, db: Database) -> None:
        self._conn: sqlite3.Connection | None = None
        self._seen: int | None = None
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
        except sqlite3.Error:  # busy or gone for a moment: no news rather than false news
            return self._seen

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


class ServerChangeWatch:
    """Other people's commits on a PostgreSQL database, through LISTEN/NOTIFY.

    Never blocks: each call reads the notifications that have arrived. When the
    connection drops, the next call tries to connect again and, having been
    away, reports a change (what happened meanwhile is unknown).
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._conn: Any = None
        self._missed = False
        self._connect()

    def _connect(self) -> None:
        conn: Any = None
        try:
            raw = self._db.engine.raw_connection()
            conn = raw.driver_connection
            raw.detach()  # ours alone, never returned to the pool
            conn.rollback()  # the pool may have begun a transaction (pre-ping)
            conn.autocommit = True
            conn.execute(f"LISTEN {CHANGES_CHANNEL}")
            self._conn = conn
        except Exception as exc:  # the server is away: try again at the next call
            log.info("cannot listen for changes: %s", exc)
            if conn is not None:
                with contextlib.suppress(Exception):
                    conn.close()
            self._conn = None
            self._missed = True

    def changed_elsewhere(self) -> bool:
        """True once for each batch of commits made by someone else since the last call."""
        if self._conn is None or self._conn.closed:
            self._connect()
            if self._conn is None:
                return False
        changed = self._missed
        self._missed = False
        try:
            for note in self._conn.notifies(timeout=0, stop_after=1000):
                if note.payload != self._db.token:
                    changed = True
        except Exception as exc:  # dropped: listen again at once if the server is back
            log.info("change notifications stopped: %s", exc)
            self.close()
            self._connect()  # on failure: again at the next call, then a refresh
            if self._conn is not None:
                return True  # what was committed while nobody listened is unknown
        return changed

    def absorb(self) -> None:
        """Own commits carry this program's token and are skipped when read."""

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
            self._conn = None
