"""Opening databases: new, current, foreign, garbage and newer-schema files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text

from kastedesk.storage import database as storage_database
from kastedesk.storage.database import resolve_url
from kastedesk.storage.errors import NewerSchemaError, NotKasteDeskDatabase
from kastedesk.storage.migrate import (
    APPLICATION_ID,
    SchemaState,
    check_database,
    head_revision,
    inspect_sqlite_file,
    open_database,
)
from tests.db_support import file_at_revision


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.sqlite_only(reason="database files and SQLite pragmas")
def test_new_file_is_created_at_head_with_pragmas(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage_database, "SQLITE_SYNCHRONOUS", "FULL")  # tests relax it
    assert inspect_sqlite_file(db_path).state is SchemaState.NEW
    db = open_database(resolve_url(db_path))
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
            assert conn.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
        assert check_database(db).ok
    finally:
        db.dispose()
    status = inspect_sqlite_file(db_path)
    assert status.state is SchemaState.CURRENT
    assert status.revision == head_revision()


@pytest.mark.sqlite_only(reason="database files and SQLite pragmas")
def test_reopening_a_current_database_keeps_its_data(db) -> None:
    with db.session() as session:
        session.execute(text("INSERT INTO kastedesk_meta (key, value) VALUES ('k', 'v')"))
    path = Path(db.url.database)
    db.dispose()
    again = open_database(resolve_url(path))
    try:
        with again.read() as session:
            assert (
                session.execute(text("SELECT value FROM kastedesk_meta WHERE key = 'k'")).scalar()
                == "v"
            )
    finally:
        again.dispose()
    assert not list(path.parent.glob("*before-upgrade*"))


def test_garbage_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"These are my meeting notes, not a database.\n" * 50)
    before = _digest(path)
    with pytest.raises(NotKasteDeskDatabase):
        open_database(resolve_url(path))
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_other_sqlite_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(NotKasteDeskDatabase):
        open_database(resolve_url(path))
    assert _digest(path) == before


@pytest.mark.sqlite_only(reason="database files and SQLite pragmas")
def test_newer_schema_is_refused_and_untouched(db) -> None:
    with db.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    path = Path(db.url.database)
    db.dispose()
    before = _digest(path)
    with pytest.raises(NewerSchemaError, match="newer version"):
        open_database(resolve_url(path))
    assert _digest(path) == before


def test_empty_file_becomes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    db = open_database(resolve_url(path))
    db.dispose()
    assert inspect_sqlite_file(path).state is SchemaState.CURRENT


@pytest.mark.sqlite_only(reason="database files and SQLite pragmas")
def test_check_reports_broken_foreign_keys(db) -> None:
    raw = sqlite3.connect(db.url.database)  # foreign keys are off in a plain connection
    with raw:
        raw.execute("CREATE TABLE parent_t (id INTEGER PRIMARY KEY)")
        raw.execute(
            "CREATE TABLE child_t (id INTEGER PRIMARY KEY, p INTEGER REFERENCES parent_t(id))"
        )
        raw.execute("INSERT INTO child_t VALUES (1, 42)")
    raw.close()
    report = check_database(db)
    assert not report.ok
    assert "child_t" in report.problems[0]


def test_url_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_url(tmp_path / "a.sqlite").database == str(tmp_path / "a.sqlite")
    assert resolve_url("sqlite:///x.db").database == "x.db"
    monkeypatch.setenv("KASTEDESK_DB", str(tmp_path / "env.sqlite"))
    assert resolve_url(None).database == str(tmp_path / "env.sqlite")
    monkeypatch.delenv("KASTEDESK_DB")
    assert resolve_url(None).database == str(tmp_path / "data" / "kastedesk.sqlite")


def _database_at(path: Path, revision: str) -> None:
    """A database upgraded only as far as *revision*, with a row in it."""
    shutil.copyfile(file_at_revision(revision), path)
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("INSERT INTO kastedesk_meta (key, value) VALUES ('mark', 'x')")


def _earlier_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    from kastedesk.storage.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in script.walk_revisions() if rev.revision != head_revision()]


@pytest.mark.parametrize("revision", _earlier_revisions())
def test_upgrade_from_every_older_revision_backs_up_and_keeps_data(
    tmp_path: Path, revision: str
) -> None:
    path = tmp_path / "old.sqlite"
    _database_at(path, revision)
    assert inspect_sqlite_file(path).state is SchemaState.OUTDATED
    db = open_database(resolve_url(path))
    try:
        with db.read() as session:
            value = session.execute(text("SELECT value FROM kastedesk_meta WHERE key='mark'"))
            assert value.scalar() == "x"
        assert check_database(db).ok
    finally:
        db.dispose()
    backups = list(tmp_path.glob(f"old.before-upgrade-{revision}-*.sqlite"))
    assert len(backups) == 1
    assert inspect_sqlite_file(backups[0]).revision == revision


def test_an_upgrade_is_backed_up_where_restore_finds_it(tmp_path: Path) -> None:
    from kastedesk.domain.backup_retention import BackupReason
    from kastedesk.storage.backup_store import list_backups

    path = tmp_path / "vanha.sqlite"
    _database_at(path, _earlier_revisions()[-1])
    open_database(resolve_url(path)).dispose()
    [entry] = list_backups(path)
    assert entry.reason is BackupReason.MIGRATION
    assert inspect_sqlite_file(entry.path).revision == _earlier_revisions()[-1]


def test_revisions_read_without_alembic_agree_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    from kastedesk.storage.migrate import alembic_config, head_revision, known_revisions

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {rev.revision for rev in script.walk_revisions()}
    from kastedesk.storage.migrate import _revision_links

    links = {rev.revision: rev.down_revision for rev in script.walk_revisions()}
    assert dict(_revision_links()) == links
