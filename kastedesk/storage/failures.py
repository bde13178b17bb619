"""Failures of the machine rather than of the program, as one clear sentence each.

A database held by another writer longer than the busy timeout, a full disk, a
read-only file or folder, a damaged file: the command line prints the sentence
and exits 1, the window shows it in a dialog. The sentence never carries the
SQL statement or its parameters (record data) that a database error holds.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator

from sqlalchemy.exc import SQLAlchemyError

from kastedesk.i18n import _


def busy_message() -> str:
    return _("The database is busy: another program is writing to it. Try again.")


def disk_full_message() -> str:
    return _(
        "The disk is full: free some space and try again. The unfinished change was not saved."
    )


def read_only_message(what: str = "") -> str:
    if what:
        return _(
            "{path} is read-only: check the permissions of the file and its folder, "
            "or copy it to a folder you can write to."
        ).format(path=what)
    return _(
        "The database is read-only: check the permissions of the file and its folder, "
        "or copy it to a folder you can write to."
    )


def cannot_open_message(path: object = None) -> str:
    if path is None:
        return _(
            "Cannot open the database: the file or its folder is read-only or not accessible. "
            "Check the permissions, or copy the file to a folder you can write to."
        )
    return _(
        "Cannot open {path}: the file or its folder is read-only or not accessible. "
        "Check the permissions, or copy the file to a folder you can write to."
    ).format(path=path)


def damaged_message() -> str:
    return _("The database file is damaged: check it with “kastedesk check” or restore a backup.")


def server_unreachable_message() -> str:
    return _(
        "Cannot reach the database server: check the server's name and port, "
        "and that you are on the office network."
    )


def login_refused_message() -> str:
    return _(
        "The database server refused the login: check the user name and password "
        "(or ask the server's administrator for access)."
    )


def missing_database_message() -> str:
    return _(
        "The database does not exist on the server: check its name, "
        "or ask the server's administrator to create it."
    )


def connection_lost_message() -> str:
    return _(
        "The connection to the database server was lost; the unfinished change was not saved. "
        "Try again when the server can be reached."
    )


# libpq's and the server's words for each case (they carry no SQLSTATE before login).
_LOGIN_WORDS = (
    "password authentication failed",
    "no password supplied",
    "authentication failed",
    "pg_hba.conf",
    "role \"",
    "permission denied for database",
)
_UNREACHABLE_WORDS = (
    "connection refused",
    "failed to resolve host",
    "could not translate host name",
    "timeout expired",
    "no route to host",
    "network is unreachable",
    "no such file or directory",
    "could not connect to server",
    "name or service not known",
)
_LOST_WORDS = (
    "server closed the connection",
    "terminating connection",
    "connection is closed",
    "connection is lost",
    "consuming input failed",
    "ssl syscall error",
    "the connection is closed",
    "connection already closed",
    "broken pipe",
    # The server is restarting, or its administrator closed the database for a moment.
    "not currently accepting connections",
    "the database system is shutting down",
    "the database system is starting up",
    "the database system is in recovery mode",
)


def _is_driver_error(item: BaseException) -> bool:
    return type(item).__module__.split(".")[0] in ("psycopg", "psycopg2")


def server_failure_message(exc: BaseException) -> str | None:
    """The sentence for a PostgreSQL failure the user can act on, or None."""
    for item in _chain(exc):
        if not _is_driver_error(item):
            continue
        state = getattr(item, "sqlstate", None) or ""
        text = " ".join(str(item).split()).lower()
        if state in ("55P03", "40001", "40P01"):  # lock_timeout, serialization, deadlock
            return busy_message()
        if state in ("53100",):
            return disk_full_message()
        if state == "25006":
            return read_only_message()
        if state == "3D000" or ("database \"" in text and "does not exist" in text):
            return missing_database_message()
        if state.startswith("28") or any(word in text for word in _LOGIN_WORDS):
            return login_refused_message()
        if state.startswith(("08", "57P")) or any(word in text for word in _LOST_WORDS):
            if "failed" in text and any(word in text for word in _UNREACHABLE_WORDS):
                return server_unreachable_message()
            return connection_lost_message()
        if any(word in text for word in _UNREACHABLE_WORDS):
            return server_unreachable_message()
    return None


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        if isinstance(current, SQLAlchemyError) and isinstance(
            getattr(current, "orig", None), BaseException
        ):
            yield current.orig  # type: ignore[attr-defined]  # checked just above
        current = current.__cause__ or current.__context__


def sqlite_code(exc: BaseException) -> str:
    """SQLite's error name (SQLITE_BUSY, SQLITE_FULL, ...) of *exc* or its causes, or ""."""
    for item in _chain(exc):
        name = getattr(item, "sqlite_errorname", None)
        if isinstance(item, sqlite3.Error) and isinstance(name, str):
            return name
    return ""


def failure_message(exc: BaseException) -> str | None:
    """The sentence for a failure the user can act on, or None when it is not one of them."""
    code = sqlite_code(exc)
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return busy_message()
    if code.startswith("SQLITE_FULL"):
        return disk_full_message()
    if code.startswith("SQLITE_READONLY"):
        return read_only_message()
    if code.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return cannot_open_message()
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return damaged_message()
    if message := server_failure_message(exc):
        return message
    for item in _chain(exc):
        if isinstance(item, OSError):
            if item.errno in (errno.ENOSPC, errno.EDQUOT):
                return disk_full_message()
            if item.errno == errno.EROFS:
                return read_only_message(str(item.filename or ""))
    return None


def database_failure_text(exc: SQLAlchemyError | sqlite3.Error) -> str:
    """A one-line sentence for any database error: SQLite's own reason, never the SQL."""
    if message := failure_message(exc):
        return message
    reason = getattr(exc, "orig", None) or exc  # the driver's reason, not the statement
    return _("The database could not be used: {reason}").format(
        reason=" ".join(str(reason).split())
    )
