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
