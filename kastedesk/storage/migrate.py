"""Opening a database: recognise it, back it up, bring its schema up to date.

Rules: an empty or missing file becomes a new KasteDesk database; a file that is
not a KasteDesk database, or whose schema revision this program does not know
(made by a newer version), is refused and never modified; an older schema is
copied aside with SQLite's backup API before it is upgraded.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from kastedesk.domain.backup_retention import BackupReason
from kastedesk.i18n import _
from kastedesk.storage.backup import backup_sqlite
from kastedesk.storage.backup_store import auto_backup
from kastedesk.storage.database import (
    BUSY_TIMEOUT_MS,
    Database,
    create_db_engine,
    describe,
    sqlite_path,
    write_engine,
)
from kastedesk.storage.errors import DatabaseError, NewerSchemaError, NotKasteDeskDatabase
from kastedesk.storage.failures import (
    busy_message,
    cannot_open_message,
    damaged_message,
    failure_message,
)
from kastedesk.storage.sqlite_uri import sqlite_uri

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
APPLICATION_ID = 0x4B445350  # written by migration 0001


class SchemaState(Enum):
    NEW = "new"
    CURRENT = "current"
    OUTDATED = "outdated"


@dataclass(frozen=True)
class SchemaStatus:
    state: SchemaState
    revision: str | None
    head: str


def alembic_config() -> Config:
    from alembic.config import Config  # Alembic is loaded only to migrate (start-up time)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


_LINK = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)


@cache
def _revision_links() -> Mapping[str, str | None]:
    """revision -> down_revision, read from the migration files without importing Alembic
    (which costs a third of a second at every start); tests compare it with Alembic's.

    Only the two assignments are read (each file is read once per process): parsing
    every migration whole at every database opened cost tens of milliseconds."""
    links: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("[0-9]*.py")):
        values: dict[str, object] = {}
        for name, value in _LINK.findall(path.read_text(encoding="utf-8")):
            values.setdefault(name, ast.literal_eval(value))
        revision = values.get("revision")
        if isinstance(revision, str):
            down = values.get("down_revision")
            links[revision] = down if isinstance(down, str) else None
    return MappingProxyType(links)


def head_revision() -> str:
    links = _revision_links()
    heads = set(links) - set(links.values())
    assert len(heads) == 1, f"migrations have {len(heads)} heads"
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_links())


def _status_for(revision: str | None) -> SchemaStatus:
    head = head_revision()
    if revision is None:
        return SchemaStatus(SchemaState.NEW, None, head)
    if revision not in known_revisions():
        raise NewerSchemaError(
            _(
                "The database was made by a newer version of KasteDesk (schema {revision}). "
                "Update KasteDesk to open it."
            ).format(revision=revision)
        )
    state = SchemaState.CURRENT if revision == head else SchemaState.OUTDATED
    return SchemaStatus(state, revision, head)


def _not_ours(label: str) -> NotKasteDeskDatabase:
    return NotKasteDeskDatabase(
        _("{path} is not a KasteDesk database; it was left untouched.").format(path=label)
    )


def inspect_sqlite_file(path: Path) -> SchemaStatus:
    """Read *path* without changing a byte and say what it holds.

    The file is read only through SQLite, never with ``open()``: closing any
    other handle on a database file drops the POSIX locks of every SQLite
    connection to it in this process ("How To Corrupt An SQLite Database
    File", 2.2), after which another process may delete the ``-wal`` file that
    this one still uses.
    """
    if not path.exists() or path.stat().st_size == 0:
        if path.exists() or path.parent.is_dir():
            return _status_for(None)
        raise DatabaseError(_("Folder {folder} does not exist.").format(folder=path.parent))
    if path.is_dir():
        raise _not_ours(str(path))
    try:
        conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            tables = {
                row[0]
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if not tables and app_id == 0:
                return _status_for(None)
            if app_id != APPLICATION_ID or "alembic_version" not in tables:
                raise _not_ours(str(path))
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        raise _unopenable(path, exc) or DatabaseError(
            _("Cannot read {path}: {reason}").format(path=path, reason=exc)
        ) from exc
    except sqlite3.DatabaseError as exc:  # "file is not a database"
        raise _unopenable(path, exc) or _not_ours(str(path)) from exc
    return _status_for(row[0] if row else None)


def _unopenable(path: Path, exc: sqlite3.Error) -> DatabaseError | None:
    """A file SQLite could not open or lock (read-only, busy, damaged) is not "not ours"."""
    code = getattr(exc, "sqlite_errorname", "")
    if code.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH")):
        return DatabaseError(cannot_open_message(path))
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return DatabaseError(busy_message())
    if code.startswith("SQLITE_CORRUPT"):
        return DatabaseError(f"{path}: {damaged_message()}")
    return None


def _inspect_server(url: URL) -> SchemaStatus:
    """A server database is KasteDesk's when it holds ``alembic_version`` and
    ``kastedesk_meta``; an empty one becomes KasteDesk's; anything else is refused."""
    from alembic.runtime.migration import MigrationContext

    engine = create_db_engine(url)
    try:
        with engine.connect() as conn:
            revision = MigrationContext.configure(conn).get_current_revision()
            tables = set(inspect(conn).get_table_names())
    except SQLAlchemyError as exc:
        reason = failure_message(exc) or " ".join(str(getattr(exc, "orig", exc)).split())
        raise DatabaseError(
            _("Cannot open {database}: {reason}").format(database=describe(url), reason=reason)
        ) from exc
    finally:
        engine.dispose()
    if revision is None and tables - {"alembic_version"}:
        raise _not_ours(describe(url))
    if revision is not None and "kastedesk_meta" not in tables:
        raise _not_ours(describe(url))
    return _status_for(revision)


def inspect_database(url: URL) -> SchemaStatus:
    path = sqlite_path(url)
    return inspect_sqlite_file(path) if path else _inspect_server(url)


def backup_path_for(path: Path, revision: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.before-upgrade-{revision}-{stamp}{path.suffix}")


def _upgrade_to_head(engine: Engine) -> None:
    """Create or upgrade the schema in one transaction: all of it, or nothing.

    On SQLite the foreign keys are switched off for the connection first (they
    cannot be switched inside a transaction), because copying a table to alter
    it would otherwise cascade deletes; they are checked before the commit.
    """
    from alembic import command

    with write_engine(engine).connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            driver = connection.connection.driver_connection
            assert driver is not None
            driver.execute("PRAGMA foreign_keys=OFF")
        with connection.begin():
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(
                        _("The upgrade would leave {count} rows pointing at nothing.").format(
                            count=len(broken)
                        )
                    )
    engine.dispose()  # the next connection switches the foreign keys on again


def open_database(url: URL, *, backups: bool = True) -> Database:
    """Check, back up when needed, migrate to head and return the open database.

    *backups* False: an older file is upgraded without copies of it (for a throwaway
    copy, such as the staged copy of a backup being restored into a server).
    """
    status = inspect_database(url)
    path = sqlite_path(url)
    if status.state is SchemaState.OUTDATED and path is not None and backups:
        assert status.revision is not None
        backup_sqlite(path, backup_path_for(path, status.revision))
        auto_backup(path, BackupReason.MIGRATION)  # also where Restore from backup… lists it
    engine = create_db_engine(url)
    if status.state is not SchemaState.CURRENT:
        try:
            _upgrade_to_head(engine)
        except (SQLAlchemyError, OSError, DatabaseError) as exc:
            engine.dispose()
            reason = failure_message(exc) or getattr(exc, "orig", None) or exc
            raise DatabaseError(
                _("Updating the database {database} failed: {reason}").format(
                    database=describe(url), reason=reason
                )
            ) from exc
    return Database(url, engine)


@dataclass(frozen=True)
class CheckReport:
    problems: list[str]
    revision: str | None
    head: str

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(db: Database) -> CheckReport:
    """SQLite integrity and foreign keys, and whether the schema is at head."""
    from alembic.runtime.migration import MigrationContext

    problems: list[str] = []
    revision: str | None = None
    # A damaged file can make any of these steps fail: each failure is a problem to report.
    try:
        with db.engine.connect() as conn:
            if db.engine.dialect.name == "sqlite":
                rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
                if rows != ["ok"]:
                    lines = [line for r in rows for line in str(r).splitlines()]
                    problems.extend(
                        _("Integrity: {detail}").format(detail=line.strip())
                        for line in lines
                        if line.strip() and not line.startswith("***")
                    )
                for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
                    problems.append(
                        _("Row {rowid} of {table} refers to a missing row of {parent}.").format(
                            rowid=rowid, table=table, parent=parent
                        )
                    )
            revision = MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError as exc:
        reason = getattr(exc, "orig", None) or exc
        problems.append(
            _("The database file is damaged ({reason}): restore it from a backup.").format(
                reason=reason
            )
        )
        return CheckReport(problems, revision, head_revision())
    head = head_revision()
    if revision != head:
        problems.append(
            _("Schema revision {revision} is not the current {head}.").format(
                revision=revision, head=head
            )
        )
    return CheckReport(problems, revision, head)
