"""Consistent, verified copies of SQLite databases through SQLite's online backup API.

A copy is taken from one read snapshot of the source: the row counts of every
table are read in the same read transaction as the pages are copied, so they
are the counts "at copy time" even while another connection writes. The copy
is written under a temporary name, checked (``PRAGMA quick_check`` and the row
count of every table equal to the source's), fsynced, and only then moved into
place; a copy that fails the check is deleted and reported as a failure.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kastedesk.i18n import _
from kastedesk.storage.errors import DatabaseError
from kastedesk.storage.sqlite_uri import sqlite_uri

BUSY_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class CopyReport:
    """A written, verified copy and the row count of each table in it."""

    path: Path
    row_counts: dict[str, int]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in every table of *conn*'s main database (SQLite's own tables left out)."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\' ORDER BY name"
        )
    ]
    return {
        name: conn.execute(f"SELECT count(*) FROM {_quote(name)}").fetchone()[0] for name in names
    }


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to exactly *path* (never creates a file)."""
    conn = sqlite3.connect(
        sqlite_uri(path, "ro"), uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None
    )
    opened = conn.execute("PRAGMA database_list").fetchone()[2]
    if not _same_file(opened, path):
        conn.close()
        raise sqlite3.OperationalError(f"opened {opened!r} instead of {str(path)!r}")
    return conn


def _same_file(opened: str, path: Path) -> bool:
    """Whether SQLite opened *path* (it may report it with symbolic links resolved)."""
    try:
        return os.path.samefile(opened, path)  # stat only: no file handle is opened
    except OSError:
        return False


def _copy_pages(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """All pages of *source* into *target*, in one step (one consistent snapshot)."""
    source.backup(target)


def verify_copy(path: Path, expected: dict[str, int]) -> None:
    """Raise DatabaseError unless *path* passes quick_check and has *expected* row counts."""
    try:
        conn = connect_read_only(path)
        try:
            check = [row[0] for row in conn.execute("PRAGMA quick_check")]
            counts = table_row_counts(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise DatabaseError(
            _("The copy {path} could not be read back: {reason}").format(path=path, reason=exc)
        ) from exc
    if check != ["ok"]:
        raise DatabaseError(
            _("The copy {path} is damaged: {detail}").format(path=path, detail="; ".join(check))
        )
    if counts != expected:
        differing = sorted(
            name for name in set(counts) | set(expected) if counts.get(name) != expected.get(name)
        )
        raise DatabaseError(
            _("The copy {path} does not match the database (tables {tables}).").format(
                path=path, tables=", ".join(differing)
            )
        )


def fsync_file(path: Path) -> None:
    """Flush *path* to disk. Only for files no SQLite connection of ours holds open."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename in *folder* durable (POSIX; Windows has no folder handles for this)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def copy_database(
    source: Path,
    target: Path,
    *,
    copy_pages: Callable[[sqlite3.Connection, sqlite3.Connection], None] | None = None,
) -> CopyReport:
    """Copy *source* to *target* safely while other connections write to it; verify it.

    The copy is made under a temporary name beside *target*, verified, fsynced
    and then moved into place, so *target* is either the old file or a sound,
    complete copy. *copy_pages* replaces the page copy (tests use it).
    """
    source = Path(source).absolute()
    target = Path(target).expanduser().absolute()
    if target.exists() and target.resolve() == source.resolve():
        raise DatabaseError(_("The backup cannot overwrite the database itself."))
    if not target.parent.is_dir():
        raise DatabaseError(_("Folder {folder} does not exist.").format(folder=target.parent))
    if not source.is_file():
        raise DatabaseError(_("Database file {path} does not exist.").format(path=source))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".kastedesk-", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise DatabaseError(
            _("Cannot write to {folder}: {reason}").format(
                folder=target.parent, reason=exc.strerror
            )
        ) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        counts = _copy_snapshot(source, tmp, copy_pages or _copy_pages)
        verify_copy(tmp, counts)
        fsync_file(tmp)
        os.replace(tmp, target)
        fsync_folder(target.parent)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise DatabaseError(
            _("The backup to {path} failed: {reason}").format(path=target, reason=exc)
        ) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return CopyReport(target, counts)


def _copy_snapshot(
    source: Path,
    tmp: Path,
    copy_pages: Callable[[sqlite3.Connection, sqlite3.Connection], None],
) -> dict[str, int]:
    src = connect_read_only(source)
    try:
        src.execute("BEGIN")  # one read snapshot for the counts and the pages
        try:
            counts = table_row_counts(src)
            dst = sqlite3.connect(tmp, isolation_level=None)
            try:
                copy_pages(src, dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.execute("COMMIT")
    finally:
        src.close()
    return counts


def backup_sqlite(source: Path, target: Path) -> Path:
    """Copy *source* to *target* (see :func:`copy_database`) and return the target."""
    return copy_database(source, target).path
