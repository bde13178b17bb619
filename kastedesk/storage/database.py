"""Engines and sessions.

A database is named by a file path or any SQLAlchemy URL. SQLite connections
always enforce foreign keys, use WAL (the rollback journal on a network drive)
and full synchronous writes, and wait for a busy database instead of failing
at once.

Transactions on SQLite are begun by us, not by the driver: Python's sqlite3
module starts a transaction only before INSERT/UPDATE/DELETE, so DDL (a
migration) and the reads that plan a write would otherwise run outside it. A
write session begins with ``BEGIN IMMEDIATE``: it takes the write lock first,
so what it reads to decide (is this person already in the group?) cannot be
changed by another process before it writes. Read sessions begin a deferred
transaction and see one consistent snapshot.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from kastedesk.i18n import _
from kastedesk.paths import default_database_path
from kastedesk.storage.errors import RecordChangedError
from kastedesk.storage.locations import is_network_path, location_warnings

BUSY_TIMEOUT_MS = 10_000
# FULL: a commit survives a power cut. Only tests and benchmark set-up relax it (to OFF).
SQLITE_SYNCHRONOUS = "FULL"
WRITE_OPTION = "kastedesk_write"
WAITING_OPTION = "kastedesk_on_wait"
# A write first tries this long for the lock, then says it waits (the window shows it).
FIRST_TRY_MS = 300


def resolve_url(value: str | os.PathLike[str] | None = None) -> URL:
    """The URL for ``--db`` / ``KASTEDESK_DB`` / the default file.

    A path is made absolute with ``absolute()``, never ``resolve()``: on Windows
    that would turn a mapped drive (``H:\\…``) into its UNC name.
    """
    if value is None:
        value = os.environ.get("KASTEDESK_DB") or default_database_path()
    text = os.fspath(value)
    if "://" in text:
        return make_url(text)
    return URL.create("sqlite", database=os.path.normpath(Path(text).expanduser().absolute()))


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and memory."""
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def describe(url: URL) -> str:
    """What to show the user: the file path, or the URL without its password."""
    path = sqlite_path(url)
    return str(path) if path else url.render_as_string(hide_password=True)


def _sqlite_connect_listener(journal_mode: str) -> Callable[[Any, object], None]:
    def on_connect(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.isolation_level = None  # we begin transactions ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA journal_mode={journal_mode}")
        cursor.execute(f"PRAGMA synchronous={SQLITE_SYNCHRONOUS}")
        cursor.close()

    return on_connect


def _sqlite_begin(conn: Connection) -> None:
    options = conn.get_execution_options()
    if not options.get(WRITE_OPTION, False):
        conn.exec_driver_sql("BEGIN")
        return
    on_wait: Callable[[], None] | None = options.get(WAITING_OPTION)
    if on_wait is None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        return
    raw = conn.connection.driver_connection
    assert raw is not None  # an open SQLite connection
    raw.execute(f"PRAGMA busy_timeout={FIRST_TRY_MS}")
    try:
        raw.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
        on_wait()  # another process writes: say so, then wait the full time
        raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        raw.execute("BEGIN IMMEDIATE")
    finally:
        raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def sqlite_journal_mode(path: Path | None) -> str:
    return "DELETE" if path is not None and is_network_path(path) else "WAL"


def create_db_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        journal_mode = sqlite_journal_mode(sqlite_path(url))
        event.listen(engine, "connect", _sqlite_connect_listener(journal_mode))
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def write_engine(engine: Engine) -> Engine:
    """The same engine, marked so that its transactions take the write lock first."""
    return engine.execution_options(**{WRITE_OPTION: True})


class Database:
    """An open, migrated database: the engine plus a session factory."""

    def __init__(self, url: URL, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        writes = write_engine(engine).execution_options(**{WAITING_OPTION: self._waiting})
        self._writes = sessionmaker(writes, expire_on_commit=False)
        self._wait_listeners: list[Callable[[], None]] = []
        self._reads = sessionmaker(engine, expire_on_commit=False)
        self._commit_listeners: list[Callable[[], None]] = []
        path = sqlite_path(url)
        # What the user should be told once about where this file lives.
        self.warnings: list[str] = location_warnings(path) if path is not None else []

    @property
    def label(self) -> str:
        return describe(self.url)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One short unit of work: committed on success, rolled back on any error.

        On SQLite it holds the write lock from its first statement, so reading
        and then writing in it is one atomic check-then-write.
        """
        try:
            with self._writes() as session, session.begin():
                yield session
            for listener in self._commit_listeners:
                listener()
        except StaleDataError as exc:  # an UPDATE found its row at another version
            raise RecordChangedError(
                _("The record was changed by someone else meanwhile; reload and try again.")
            ) from exc

    def add_wait_listener(self, listener: Callable[[], None]) -> None:
        """Call *listener* when a write must wait for another process's write lock."""
        self._wait_listeners.append(listener)

    def _waiting(self) -> None:
        for listener in self._wait_listeners:
            listener()

    def add_commit_listener(self, listener: Callable[[], None]) -> None:
        """Call *listener* after each committed :meth:`session` of this object."""
        self._commit_listeners.append(listener)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading only: one consistent snapshot."""
        with self._reads() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
