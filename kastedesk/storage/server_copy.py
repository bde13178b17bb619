"""Whole-database copies between engines: SQLite file ⇄ PostgreSQL server.

``copy_database`` moves every row of every KasteDesk table from one database
to another whose schema is at the same revision and which holds no data yet
(its own ``kastedesk_meta`` facts are replaced by the source's, so the
installation id travels with the data, as with a copied file). The target is
written in one transaction: it ends with all rows, or none. The source is read
from one snapshot (``REPEATABLE READ`` on a server, one read transaction on
SQLite), so people may keep working on it meanwhile. The row count of every
table is compared before the commit, and PostgreSQL's id sequences are moved
past the copied ids, or the next record added would collide with one of them.

With ``replace=True`` (``copy-from --replace``, and ``restore`` into a server
database) the target's rows are deleted first, in the same transaction: the
target ends as an exact copy of the source, or unchanged. Other windows on a
server target are told by ``NOTIFY`` and read everything again.

``backup_server`` is ``kastedesk backup OUT.sqlite`` for a server database: a
new SQLite file, filled by ``copy_database`` and checked, then moved into place.
``restore_server`` brings such a file (or any KasteDesk SQLite file) back into a
server database: the file is checked, a copy of it is brought up to this
version's schema (the file itself is never changed), the server database as it
is now is kept as a backup first, and then it is replaced in one transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Integer, Table, func, select, text
from sqlalchemy.exc import SQLAlchemyError

import kastedesk.storage.models.all  # noqa: F401  (registers every table)
from kastedesk.atomic_files import atomic_path
from kastedesk.i18n import _
from kastedesk.storage.database import (
    CHANGES_CHANNEL,
    Database,
    resolve_url,
    sqlite_path,
    write_engine,
)
from kastedesk.storage.errors import DatabaseError
from kastedesk.storage.failures import failure_message
from kastedesk.storage.migrate import open_database
from kastedesk.storage.models import Base
from kastedesk.storage.models.meta import Meta

BATCH_ROWS = 2000
# Facts about one database that describe it, not the data copied into it.
META_TABLE = Meta.__tablename__


@dataclass(frozen=True)
class CopyReport:
    counts: dict[str, int]  # rows per table, equal in source and target

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def copied_tables() -> list[Table]:
    """Every KasteDesk table, parents before children."""
    return list(Base.metadata.sorted_tables)


@contextmanager
def _snapshot(db: Database) -> Iterator[Connection]:
    """One consistent view of *db* for the whole copy."""
    if db.engine.dialect.name == "postgresql":
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        with db.engine.connect().execution_options(**options) as conn, conn.begin():
            conn.execute(text("SELECT 1"))  # the snapshot is taken here, at the start
            yield conn
    else:
        with db.engine.connect() as conn, conn.begin():
            yield conn


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def data_tables_with_rows(conn: Connection) -> list[str]:
    return [
        table.name
        for table in copied_tables()
        if table.name != META_TABLE and _count(conn, table) > 0
    ]


def _reset_sequences(conn: Connection) -> None:
    """Each id sequence continues after the largest copied id."""
    for table in copied_tables():
        for column in table.primary_key.columns:
            if not isinstance(column.type, Integer) or not column.autoincrement:
                continue
            sequence = conn.execute(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": f'"{table.name}"', "column": column.name},
            ).scalar_one_or_none()
            if sequence is None:
                continue
            largest = conn.execute(select(func.max(column))).scalar_one_or_none()
            conn.execute(
                text("SELECT setval(:sequence, :value, :called)"),
                {"sequence": sequence, "value": largest or 1, "called": largest is not None},
            )


def _empty(conn: Connection) -> None:
    """Delete every row of every KasteDesk table, children before parents."""
    for table in reversed(copied_tables()):
        conn.execute(table.delete())


def copy_database(
    source: Database,
    target: Database,
    progress: Callable[[str, int], None] | None = None,
    *,
    replace: bool = False,
) -> CopyReport:
    """Copy all of *source* into the empty *target* in one transaction; see the module.

    *replace*: the target may hold data; it is deleted in the same transaction.
    """
    if source.url == target.url:
        raise DatabaseError(_("The source and the target are the same database."))
    counts: dict[str, int] = {}
    try:
        with _snapshot(source) as src, write_engine(target.engine).begin() as dst:
            if replace:
                _empty(dst)
            elif busy := data_tables_with_rows(dst):
                raise DatabaseError(
                    _(
                        "{database} already holds data (table {table}); "
                        "copy only into a new, empty database."
                    ).format(database=target.label, table=busy[0])
                )
            for table in copied_tables():
                if table.name == META_TABLE:
                    dst.execute(table.delete())
                rows = src.execute(select(table)).mappings()
                copied = 0
                while batch := rows.fetchmany(BATCH_ROWS):
                    dst.execute(table.insert(), [dict(row) for row in batch])
                    copied += len(batch)
                    if progress is not None:
                        progress(table.name, copied)
                expected, written = _count(src, table), _count(dst, table)
                if not expected == written == copied:
                    raise DatabaseError(
                        _(
                            "Copying table {table} went wrong ({expected} rows in the source, "
                            "{written} in the target); nothing was copied."
                        ).format(table=table.name, expected=expected, written=written)
                    )
                counts[table.name] = written
            if dst.dialect.name == "postgresql":
                _reset_sequences(dst)
                # Other windows read everything again when this commits (no token: not ours).
                dst.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANGES_CHANNEL})
            if dst.dialect.name == "sqlite":
                broken = dst.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(
                        _("The copy would leave {count} rows pointing at nothing.").format(
                            count=len(broken)
                        )
                    )
    except SQLAlchemyError as exc:
        reason = failure_message(exc) or " ".join(str(getattr(exc, "orig", exc)).split())
        raise DatabaseError(
            _("Copying into {database} failed; nothing was copied: {reason}").format(
                database=target.label, reason=reason
            )
        ) from exc
    return CopyReport(counts)


def copy_from(target: Database, source_name: str, *, replace: bool = False) -> CopyReport:
    """``kastedesk --db TARGET copy-from SOURCE``: SOURCE is opened (and brought up to date)."""
    source = open_database(resolve_url(source_name))
    try:
        return copy_database(source, target, replace=replace)
    finally:
        source.dispose()


# A new SQLite file at this version's schema, as bytes: migrating one takes seconds, and
# a server backup (automatic ones too) needs a fresh one each time.
_empty_file: bytes | None = None


def _new_sqlite_at_head(path: Path) -> Database:
    """A new, empty KasteDesk SQLite database at *path*, at the current schema."""
    global _empty_file
    if _empty_file is None:
        with tempfile.TemporaryDirectory(prefix="kastedesk-empty-") as folder:
            empty = Path(folder) / "empty.sqlite"
            open_database(resolve_url(empty)).dispose()  # the last close folds in the WAL
            _empty_file = empty.read_bytes()
    path.write_bytes(_empty_file)
    return open_database(resolve_url(path))


def _finish_file(path: Path) -> None:
    """Rollback journal instead of WAL (one file, nothing beside it), then checked."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        conn.close()
    if result != "ok":
        raise DatabaseError(_("The copy {path} failed its check: {reason}").format(
            path=path, reason=result
        ))


def backup_server(source: Database, target: Path) -> CopyReport:
    """A consistent SQLite copy of the server database *source* at *target*."""
    target = Path(target).expanduser().absolute()
    if not target.parent.is_dir():
        raise DatabaseError(_("Folder {folder} does not exist.").format(folder=target.parent))
    with atomic_path(target) as tmp:
        copy = _new_sqlite_at_head(tmp)
        try:
            report = copy_database(source, copy)
        finally:
            copy.dispose()
        _finish_file(tmp)
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{tmp}{suffix}").unlink()
    return report


@dataclass(frozen=True)
class ServerRestoreReport:
    backup: Path
    kept_aside: Path | None  # the server database as it was, as a SQLite backup
    counts: dict[str, int]  # rows per table now in the server database
    people: int
    meetings: int
    responses: int  # not deleted


def _headline_counts(db: Database) -> tuple[int, int, int]:
    from kastedesk.storage.models.feedback import FeedbackResponse
    from kastedesk.storage.models.meetings import Meeting
    from kastedesk.storage.models.registry import Person

    with db.read() as s:
        people = s.scalar(select(func.count(Person.id))) or 0
        meetings = s.scalar(select(func.count(Meeting.id))) or 0
        responses = (
            s.scalar(
                select(func.count(FeedbackResponse.id)).where(
                    FeedbackResponse.deleted_at.is_(None)
                )
            )
            or 0
        )
    return people, meetings, responses


def restore_server(
    target: Database, backup: Path, *, now: dt.datetime | None = None
) -> ServerRestoreReport:
    """Make the server database *target* exactly the KasteDesk SQLite file *backup*."""
    from kastedesk.domain.backup_retention import BackupReason
    from kastedesk.storage.backup_store import auto_backup, check_restorable

    backup = Path(backup).expanduser().absolute()
    if sqlite_path(target.url) is not None:
        raise DatabaseError(_("{database} is not a server database.").format(
            database=target.label
        ))
    check_restorable(backup)
    with tempfile.TemporaryDirectory(prefix="kastedesk-restore-") as folder:
        staged = Path(folder) / "restore.sqlite"
        shutil.copyfile(backup, staged)  # an older schema is brought up to date in the copy
        source = open_database(resolve_url(staged), backups=False)
        try:
            kept = auto_backup(target, BackupReason.RESTORE, now=now, protect=frozenset({backup}))
            report = copy_database(source, target, replace=True)
        finally:
            source.dispose()
    return ServerRestoreReport(
        backup, kept.path if kept else None, report.counts, *_headline_counts(target)
    )
