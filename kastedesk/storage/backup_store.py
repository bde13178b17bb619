"""Automatic backups: where they are kept, how long, and restoring one.

Backups go to ``backups/`` in the user's data folder (or the folder chosen in
settings, ``settings.json``), one sub-folder per database named after the file
plus a short hash of its absolute path. A backup's file name holds its UTC time
and the reason it was taken: ``20261129T224818123456Z-before-import.sqlite``.
After each new backup the folder is pruned by
:func:`kastedesk.domain.backup_retention.backups_to_keep`.

A server database (PostgreSQL) is backed up the same way, by the same rules:
each automatic backup is a SQLite file written from one snapshot of the server
(:func:`kastedesk.storage.server_copy.backup_server`), in a sub-folder named
after the database plus a short hash of its server, port and name (not the
user: every login to one database shares its backups on this computer).
:func:`kastedesk.storage.server_copy.restore_server` brings one back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from kastedesk.domain.backup_retention import BackupReason, BackupStamp, backups_to_keep
from kastedesk.file_names import ascii_name
from kastedesk.i18n import _
from kastedesk.paths import user_data_dir
from kastedesk.storage.backup import (
    BUSY_TIMEOUT_S,
    connect_read_only,
    copy_database,
    fsync_file,
    fsync_folder,
    table_row_counts,
)
from kastedesk.storage.database import Database, create_db_engine, is_postgresql, sqlite_path
from kastedesk.storage.errors import DatabaseError
from kastedesk.storage.sqlite_uri import sqlite_uri
from kastedesk.user_settings import BACKUP_FOLDER, read_settings

log = logging.getLogger(__name__)

APPLICATION_ID = 0x4B445350  # as in migrate.py (imported lazily there to avoid a cycle)
_NAME = re.compile(r"^(\d{8}T\d{12})Z-([a-z-]+)\.sqlite$")
_STAMP = "%Y%m%dT%H%M%S%f"


# --- where ----------------------------------------------------------------------------


def default_backups_root() -> Path:
    return user_data_dir() / "backups"


def backups_root() -> Path:
    """The folder chosen in settings, else ``backups`` in the user's data folder."""
    chosen = read_settings().get(BACKUP_FOLDER)
    if isinstance(chosen, str) and chosen.strip():
        return Path(chosen).expanduser()
    return default_backups_root()


BackedUp = Path | URL  # a database file, or a server database's URL


def server_identity(url: URL) -> str:
    """``postgresql://host:port/database``: one server database, whoever logs in."""
    host = url.host or url.query.get("host") or "localhost"
    if isinstance(host, tuple):
        host = host[0]
    return f"postgresql://{str(host).lower()}:{url.port or 5432}/{url.database or ''}"


def database_folder(database: BackedUp, root: Path | None = None) -> Path:
    """``<root>/<readable name>-<8 hex digits of the hash of its absolute path or server>``."""
    if isinstance(database, URL) and (path := sqlite_path(database)) is not None:
        database = path
    if isinstance(database, URL):
        key = server_identity(database)
        stem = database.database or "server"
    else:
        key = os.path.normcase(str(Path(database).absolute()))
        stem = Path(database).stem
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    name = ascii_name(stem)[:40] or "database"
    return (root or backups_root()) / f"{name}-{digest}"


# --- what -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupCounts:
    people: int
    meetings: int
    responses: int


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    taken_at: dt.datetime  # UTC, aware
    reason: BackupReason
    size: int
    counts: BackupCounts | None  # None when the file cannot be read

    @property
    def local_time(self) -> dt.datetime:
        return self.taken_at.astimezone()


def reason_label(reason: BackupReason) -> str:
    """What the backup was taken for, in the user's language."""
    labels = {
        BackupReason.OPEN: _("daily, when opened"),
        BackupReason.IMPORT: _("before a member import"),
        BackupReason.BUNDLE_IMPORT: _("before a bundle import"),
        BackupReason.MIGRATION: _("before a database update"),
        BackupReason.RESTORE: _("before restore"),
        BackupReason.MANUAL: _("by hand"),
    }
    return labels[reason]


def _parse_name(path: Path) -> tuple[dt.datetime, BackupReason] | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        taken = dt.datetime.strptime(match.group(1), _STAMP).replace(tzinfo=dt.UTC)
        reason = BackupReason(match.group(2))
    except ValueError:
        return None
    return taken, reason


def read_counts(path: Path) -> BackupCounts | None:
    """People, meetings and (not deleted) feedback responses in a database file."""
    try:
        conn = connect_read_only(path)
        try:
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }

            def count(sql: str, table: str) -> int:
                if table not in tables:
                    return 0
                try:
                    return int(conn.execute(sql).fetchone()[0])
                except sqlite3.OperationalError:  # an older schema without the column
                    return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])

            return BackupCounts(
                people=count("SELECT count(*) FROM person", "person"),
                meetings=count("SELECT count(*) FROM meeting", "meeting"),
                responses=count(
                    "SELECT count(*) FROM feedback_response WHERE deleted_at IS NULL",
                    "feedback_response",
                ),
            )
        finally:
            conn.close()
    except sqlite3.Error as exc:
        log.warning("Cannot read backup %s: %s", path, exc)
        return None


def _entry(path: Path, *, with_counts: bool = True) -> BackupEntry | None:
    parsed = _parse_name(path)
    if parsed is None:
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None
    counts = read_counts(path) if with_counts else None
    return BackupEntry(path, parsed[0], parsed[1], size, counts)


def list_backups(database: BackedUp, *, with_counts: bool = True) -> list[BackupEntry]:
    """The database's backups, newest first."""
    folder = database_folder(database)
    if not folder.is_dir():
        return []
    entries = [_entry(p, with_counts=with_counts) for p in folder.iterdir() if p.is_file()]
    return sorted((e for e in entries if e is not None), key=lambda e: e.taken_at, reverse=True)


# --- taking and pruning ---------------------------------------------------------------


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _database_file(database: Path | URL | str | os.PathLike[str]) -> Path | None:
    if isinstance(database, URL):
        return sqlite_path(database)
    return Path(database).absolute()


def make_backup(
    database: Path | Database,
    reason: BackupReason,
    *,
    now: dt.datetime | None = None,
    protect: frozenset[Path] = frozenset(),
) -> BackupEntry:
    """Write a verified backup of *database* (a file, or an open server database) into
    its folder, then prune old ones (never those in *protect*)."""
    when = now or _now()
    key: BackedUp = database.url if isinstance(database, Database) else database
    folder = database_folder(key)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(
            _("Cannot create the backup folder {folder}: {reason}").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from exc
    target = folder / f"{when.astimezone(dt.UTC).strftime(_STAMP)}Z-{reason.value}.sqlite"
    n = 1
    while target.exists():  # two backups in the same microsecond
        target = (
            folder
            / f"{(when + dt.timedelta(microseconds=n)).strftime(_STAMP)}Z-{reason.value}.sqlite"
        )
        n += 1
    if isinstance(database, Database):
        from kastedesk.storage.server_copy import backup_server  # it imports this module

        backup_server(database, target)
    else:
        copy_database(database, target)
    prune_backups(key, now=when, protect=protect)
    entry = _entry(target)
    assert entry is not None
    log.info("Backup (%s) of %s written: %s", reason.value, database, target)
    return entry


def prune_backups(
    database: BackedUp, *, now: dt.datetime | None = None, protect: frozenset[Path] = frozenset()
) -> list[Path]:
    """Delete the backups the retention rule no longer keeps; return what was deleted."""
    when = (now or _now()).astimezone()
    entries = list_backups(database, with_counts=False)
    stamps = [
        BackupStamp(e.path, e.taken_at.astimezone(when.tzinfo).replace(tzinfo=None), e.reason)
        for e in entries
    ]
    keep = backups_to_keep(stamps, when.replace(tzinfo=None))
    removed: list[Path] = []
    for entry in entries:
        if entry.path not in keep and entry.path not in protect:
            with contextlib.suppress(FileNotFoundError):
                entry.path.unlink()
            Path(f"{entry.path}-wal").unlink(missing_ok=True)  # beside a damaged copy
            removed.append(entry.path)
    return removed


def auto_backup(
    database: Database | Path | URL | str | os.PathLike[str],
    reason: BackupReason | str,
    *,
    now: dt.datetime | None = None,
    protect: frozenset[Path] = frozenset(),
) -> BackupEntry | None:
    """The automatic backup before an import, bundle import, migration or restore,
    and when the window opens a database (at most once a day).

    Returns None when there is nothing to back up (neither a SQLite file nor a
    server database, a new or empty file) or, for :attr:`BackupReason.OPEN`,
    when today's is already there. A failed backup raises
    :class:`DatabaseError`: the caller decides whether to go on without one.
    A server database is copied into a SQLite file (see the module).
    """
    reason = BackupReason(reason)
    if isinstance(database, Database):
        if is_postgresql(database.url):
            return _server_backup(database, reason, now or _now(), protect)
        database = database.url
    if isinstance(database, URL) and is_postgresql(database):
        server = Database(database, create_db_engine(database))
        try:
            return _server_backup(server, reason, now or _now(), protect)
        finally:
            server.dispose()
    path = _database_file(database)
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return None
    when = now or _now()
    if reason is BackupReason.OPEN:
        today = when.astimezone().date()
        for entry in list_backups(path, with_counts=False):
            if entry.reason is BackupReason.OPEN and entry.local_time.date() == today:
                return None
    return make_backup(path, reason, now=when, protect=protect)


def _taken_today(database: BackedUp, when: dt.datetime) -> bool:
    today = when.astimezone().date()
    return any(
        entry.reason is BackupReason.OPEN and entry.local_time.date() == today
        for entry in list_backups(database, with_counts=False)
    )


def _server_backup(
    db: Database, reason: BackupReason, when: dt.datetime, protect: frozenset[Path]
) -> BackupEntry | None:
    if reason is BackupReason.OPEN and _taken_today(db.url, when):
        return None
    return make_backup(db, reason, now=when, protect=protect)


# --- restoring ------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreReport:
    target: Path
    backup: Path
    kept_aside: BackupEntry | None  # the database as it was, itself a backup
    counts: BackupCounts | None


def check_restorable(backup: Path) -> dict[str, int]:
    """The backup's row counts, or DatabaseError when it is not a sound KasteDesk database."""
    from kastedesk.storage.migrate import known_revisions  # migrate imports this module

    if not backup.is_file():
        raise DatabaseError(_("Backup file {path} does not exist.").format(path=backup))
    try:
        conn = connect_read_only(backup)
        try:
            check = [row[0] for row in conn.execute("PRAGMA quick_check")]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = (
                conn.execute("SELECT version_num FROM alembic_version").fetchone()
                if "alembic_version" in tables
                else None
            )
            counts = table_row_counts(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise DatabaseError(
            _("{path} is not a KasteDesk backup: {reason}").format(path=backup, reason=exc)
        ) from exc
    if check != ["ok"]:
        raise DatabaseError(
            _("The backup {path} is damaged: {detail}").format(path=backup, detail="; ".join(check))
        )
    if app_id != APPLICATION_ID or revision is None:
        raise DatabaseError(_("{path} is not a KasteDesk backup.").format(path=backup))
    if revision[0] not in known_revisions():
        raise DatabaseError(
            _(
                "The backup {path} was made by a newer version of KasteDesk (schema "
                "{revision}). Update KasteDesk to restore it."
            ).format(path=backup, revision=revision[0])
        )
    return counts


def restore_backup(
    target: Path,
    backup: Path,
    *,
    close_connections: Callable[[], None] | None = None,
    now: dt.datetime | None = None,
) -> RestoreReport:
    """Make *target* exactly the database in *backup*.

    First the current *target* is kept aside as a backup of its own (reason
    "before restore"). Then *close_connections* closes this process's
    connections (the window's ``Database.dispose``), and SQLite's backup API
    copies every page of the backup into *target* in one write transaction:
    a stale ``-wal`` beside *target* is replayed by SQLite before that and
    entirely superseded by it, and a kill at any moment leaves either the old
    database or the restored one. The result is checked against the backup's
    row counts.
    """
    target = Path(target).absolute()
    backup = Path(backup).absolute()
    if target.exists() and backup.exists() and target.resolve() == backup.resolve():
        raise DatabaseError(_("A database cannot be restored from itself."))
    expected = check_restorable(backup)
    if _is_damaged(target):
        # SQLite cannot read it, so neither a backup of it nor a copy into it can be made:
        # keep its bytes aside, then put a verified copy of the backup in its place.
        if close_connections is not None:
            close_connections()
        kept = _keep_damaged_aside(target, now or _now())
        _replace_damaged(backup, target)
    else:
        kept = auto_backup(target, BackupReason.RESTORE, now=now, protect=frozenset({backup}))
        if close_connections is not None:
            close_connections()
        try:
            _copy_into(backup, target)
        except sqlite3.Error as exc:
            raise DatabaseError(
                _("Restoring {path} failed: {reason}. The database was not changed.").format(
                    path=target, reason=exc
                )
            ) from exc
    _verify_restored(target, expected)
    log.info("Restored %s from %s (kept aside: %s)", target, backup, kept and kept.path)
    return RestoreReport(target, backup, kept, read_counts(target))


def _is_damaged(target: Path) -> bool:
    """True when *target* has content that SQLite cannot read soundly."""
    if not target.is_file() or target.stat().st_size == 0:
        return False
    try:
        conn = connect_read_only(target)
        try:
            return [row[0] for row in conn.execute("PRAGMA quick_check")] != ["ok"]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return True


def _keep_damaged_aside(target: Path, when: dt.datetime) -> BackupEntry | None:
    """Copy the bytes of a damaged *target* (and its ``-wal``) into its backup folder.

    Only called once this process holds no connection to *target*.
    """
    folder = database_folder(target)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        dest = (
            folder
            / f"{when.astimezone(dt.UTC).strftime(_STAMP)}Z-{BackupReason.RESTORE.value}.sqlite"
        )
        for source, copy in ((target, dest), (Path(f"{target}-wal"), Path(f"{dest}-wal"))):
            if source.is_file():
                shutil.copyfile(source, copy)
                fsync_file(copy)
        fsync_folder(folder)
    except OSError as exc:
        raise DatabaseError(
            _("The damaged database {path} could not be kept aside: {reason}").format(
                path=target, reason=exc.strerror or exc
            )
        ) from exc
    log.warning("Damaged database %s kept aside as %s before a restore", target, dest)
    return _entry(dest)


def _replace_damaged(backup: Path, target: Path) -> None:
    """Put a verified copy of *backup* in place of the damaged *target*."""
    staging = copy_database(backup, target.with_name(f".{target.name}.restoring")).path
    try:
        for suffix in ("-wal", "-shm", "-journal"):  # they belong to the damaged file
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(staging, target)
        fsync_folder(target.parent)
    except OSError as exc:
        staging.unlink(missing_ok=True)
        raise DatabaseError(
            _("Restoring {path} failed: {reason}").format(path=target, reason=exc.strerror or exc)
        ) from exc


def _copy_into(backup: Path, target: Path) -> None:
    src = connect_read_only(backup)
    try:
        dst = sqlite3.connect(
            sqlite_uri(target, "rwc"), uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None
        )
        try:
            dst.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            src.backup(dst)  # one transaction on the target: all pages, or none
            with contextlib.suppress(sqlite3.OperationalError):  # busy: done at next open
                dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dst.close()
    finally:
        src.close()


def _verify_restored(target: Path, expected: dict[str, int]) -> None:
    try:
        conn = connect_read_only(target)
        try:
            check = [row[0] for row in conn.execute("PRAGMA quick_check")]
            counts = table_row_counts(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        check, counts = [], {}
    if check != ["ok"] or counts != expected:
        raise DatabaseError(
            _("The restored database {path} does not match the backup.").format(path=target)
        )
