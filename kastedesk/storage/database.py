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

On PostgreSQL (``postgresql+psycopg://user@host/dbname``) a write session
first takes one transaction-level advisory lock,
``pg_advisory_xact_lock(WRITE_LOCK_KEY)``, released by the commit or rollback.
That is the equivalent of ``BEGIN IMMEDIATE``: writers of one database take
turns, so a check-then-write (is this person already in the group? is the
database still empty for the demo?) cannot interleave with another writer's,
and no row is lost or doubled. Chosen over SERIALIZABLE because it needs no
retry loop around every service (whose plans would have to be made again) and
a project office has a handful of writers whose transactions last
milliseconds; readers are never blocked (MVCC). Under READ COMMITTED each
statement after the lock sees every commit made before it. A writer waits at
most ``BUSY_TIMEOUT_MS`` for the lock (``lock_timeout``) and is then told the
database is busy, as on SQLite. The version counters still guard every UPDATE
(``… WHERE row_version = ?``) against saves based on an old screen.

After each committed write, PostgreSQL sessions send ``NOTIFY`` on
``CHANGES_CHANNEL`` (in the transaction, so it is delivered only on commit);
other windows LISTEN for it (:mod:`kastedesk.storage.change_watch`).
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from kastedesk.i18n import _
from kastedesk.paths import default_database_path
from kastedesk.storage.authors import AUTHOR_KEY, clean_author, default_author
from kastedesk.storage.errors import RecordChangedError
from kastedesk.storage.locations import is_network_path, location_warnings

BUSY_TIMEOUT_MS = 10_000
# FULL: a commit survives a power cut. Only tests and benchmark set-up relax it (to OFF).
SQLITE_SYNCHRONOUS = "FULL"
WRITE_OPTION = "kastedesk_write"
WAITING_OPTION = "kastedesk_on_wait"
# A write first tries this long for the lock, then says it waits (the window shows it).
FIRST_TRY_MS = 300
# pg_advisory_xact_lock key of the write turn: "KDSP", as SQLite's application_id.
WRITE_LOCK_KEY = 0x4B445350
CHANGES_CHANNEL = "kastedesk_changes"
CONNECT_TIMEOUT_S = 10


def is_postgresql(url: URL) -> bool:
    return url.get_backend_name() == "postgresql"


def resolve_url(value: str | os.PathLike[str] | None = None) -> URL:
    """The URL for ``--db`` / ``KASTEDESK_DB`` / the default file.

    A path is made absolute with ``absolute()``, never ``resolve()``: on Windows
    that would turn a mapped drive (``H:\\…``) into its UNC name.
    """
    if value is None:
        value = os.environ.get("KASTEDESK_DB") or default_database_path()
    text = os.fspath(value)
    if "://" in text:
        url = make_url(text)
        if url.drivername in ("postgresql", "postgres"):  # libpq's spelling: psycopg 3 drives it
            url = url.set(drivername="postgresql+psycopg")
        return url
    return URL.create("sqlite", database=os.path.normpath(Path(text).expanduser().absolute()))


def server_database_url(
    host: str, port: int, database: str, user: str, password: str | None = None
) -> URL:
    """The URL of a PostgreSQL database; a host starting with / is a Unix socket folder."""
    if host.startswith("/"):
        return URL.create(
            "postgresql+psycopg",
            username=user,
            password=password,
            database=database,
            query={"host": host, "port": str(port)},
        )
    return URL.create(
        "postgresql+psycopg",
        username=user,
        password=password,
        host=host,
        port=port,
        database=database,
    )


def url_to_remember(url: URL) -> str:
    """What may be written to settings or a recent list: never the password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    without = URL.create(  # URL.set(password=None) would keep the password
        url.drivername,
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )
    return without.render_as_string(hide_password=False)


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


def _postgresql_begin(conn: Connection) -> None:
    if conn.get_execution_options().get(WRITE_OPTION, False):
        # psycopg opens the transaction with this first statement; the lock lasts until its
        # end. It waits at most lock_timeout, set for the whole session when connecting.
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def _postgresql_engine(url: URL) -> Engine:
    from kastedesk.storage.server_password import password_for

    connect_args: dict[str, object] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": "KasteDesk",
        # Times with a zone are read back in UTC, as SQLite stores them. A lock (the write
        # turn, or a table a migration alters) is waited for as long as SQLite's busy
        # timeout, then the user is told the database is busy: one statement less per save
        # than a SET LOCAL in each write.
        "options": f"-c timezone=UTC -c lock_timeout={BUSY_TIMEOUT_MS}",
    }
    if url.password is None and (password := password_for(url)) is not None:
        connect_args["password"] = password  # from the OS keyring; never written to a file
    engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    event.listen(engine, "begin", _postgresql_begin)
    return engine


def create_db_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        journal_mode = sqlite_journal_mode(sqlite_path(url))
        event.listen(engine, "connect", _sqlite_connect_listener(journal_mode))
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if is_postgresql(url):
        return _postgresql_engine(url)
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
        # A read is one snapshot whatever the number of its statements (a summary's counts
        # and comments, a meeting and its items), as SQLite's read transaction is: on a
        # server READ COMMITTED, the default, would show each statement newer commits.
        reads = (
            engine.execution_options(isolation_level="REPEATABLE READ")
            if is_postgresql(url)
            else engine
        )
        self._reads = sessionmaker(reads, expire_on_commit=False)
        self._commit_listeners: list[Callable[[], None]] = []
        # Write sessions committed through this object: a tab that read at one count
        # need not read again on being shown while it stands (others' commits are the
        # change watch's).
        self.commits = 0
        # Sent with NOTIFY, so that this program's own watch can skip its own commits.
        self.token = uuid.uuid4().hex
        self._author = default_author(url)
        self._notify = is_postgresql(url)
        path = sqlite_path(url)
        # What the user should be told once about where this file lives.
        self.warnings: list[str] = location_warnings(path) if path is not None else []

    @property
    def author(self) -> str:
        """The name written as ``created_by``/``updated_by`` by this program's saves."""
        return self._author

    @property
    def default_author(self) -> str:
        """The database user on a server, else the computer's login name."""
        return default_author(self.url)

    def set_author(self, name: str) -> None:
        """The name chosen in the window; empty means the default (database or login user)."""
        self._author = clean_author(name) or default_author(self.url)

    @property
    def label(self) -> str:
        return describe(self.url)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One short unit of work: committed on success, rolled back on any error.

        On SQLite it holds the write lock from its first statement, on
        PostgreSQL the write turn (an advisory lock), so reading and then
        writing in it is one atomic check-then-write.
        """
        try:
            with self._writes(info={AUTHOR_KEY: self._author}) as session, session.begin():
                yield session
                if self._notify:  # delivered at commit, and only if something was written
                    session.flush()
                    session.execute(
                        text(
                            "SELECT pg_notify(:channel, :token) "
                            "WHERE pg_current_xact_id_if_assigned() IS NOT NULL"
                        ),
                        {"channel": CHANGES_CHANNEL, "token": self.token},
                    )
            self.commits += 1
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
