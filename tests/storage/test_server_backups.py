"""Backups of a server database (``make test-pg``; skipped without a server).

Automatic backups are SQLite snapshots in the user's backup folder, by the same
rules as a file's; ``restore`` (only with ``--replace``) and ``copy-from
--replace`` bring a SQLite copy back into the server in one transaction.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kastedesk.domain.backup_retention import BackupReason
from kastedesk.services.demo import load_demo
from kastedesk.storage.backup_store import auto_backup, database_folder, list_backups
from kastedesk.storage.change_watch import ServerChangeWatch
from kastedesk.storage.database import Database, create_db_engine, resolve_url
from kastedesk.storage.migrate import open_database
from kastedesk.storage.models.registry import Person
from kastedesk.storage.server_copy import restore_server
from tests.cli.test_db_commands import run
from tests.db_support import ON_POSTGRES
from tests.storage.test_server_database import _dump

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="needs a server: make test-pg")


def _people(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count(Person.id))) or 0)


def _add_person(db: Database, last_name: str) -> None:
    with db.session() as s:
        s.add(Person(first_name="Uusi", last_name=last_name))


def test_automatic_backup_of_a_server_is_a_sqlite_snapshot_once_a_day(db: Database) -> None:
    load_demo(db)
    original = _dump(db)
    first = auto_backup(db, BackupReason.OPEN)
    assert first is not None and first.reason is BackupReason.OPEN
    assert first.path.parent == database_folder(db.url)
    assert first.path.name.endswith("-open.sqlite")
    assert first.counts is not None and first.counts.people == _people(db) > 0
    copy = open_database(resolve_url(first.path))
    try:
        assert _dump(copy) == original
    finally:
        copy.dispose()
    assert auto_backup(db, BackupReason.OPEN) is None  # today's is there
    # Another login to the same database shares the folder; another database does not.
    other_user = db.url.set(username="someone_else", password=None)
    assert database_folder(other_user) == database_folder(db.url)
    assert database_folder(db.url.set(database="other")) != database_folder(db.url)
    # A backup before an import is always taken; the same retention rule as for files
    # keeps only the day's newest (the open one goes).
    before_import = auto_backup(db.url, BackupReason.IMPORT)  # from the URL alone too
    assert before_import is not None
    assert [e.path for e in list_backups(db.url)] == [before_import.path]


def test_backups_command_lists_a_server_database_s_backups(db: Database, capsys) -> None:
    url = db.url.render_as_string(hide_password=False)
    code, out, err = run(capsys, "--db", url, "backups", "--json")
    assert (code, err) == (0, "") and '"backups": []' in out
    auto_backup(db, BackupReason.OPEN)
    code, out, err = run(capsys, "--db", url, "backups")
    assert (code, err) == (0, "")
    assert "daily, when opened" in out and str(database_folder(db.url)) in out


def test_restore_into_a_server_needs_replace_then_replaces_in_one_go(
    db: Database, capsys, tmp_path: Path
) -> None:
    url = db.url.render_as_string(hide_password=False)
    load_demo(db)
    backup = tmp_path / "office.sqlite"
    code, _out, err = run(capsys, "--db", url, "backup", str(backup))
    assert (code, err) == (0, ""), err
    original = _dump(db)
    people = _people(db)
    _add_person(db, "Myöhemmin")
    watch = ServerChangeWatch(db)  # another window on the same database
    try:
        code, _out, err = run(capsys, "--db", url, "restore", str(backup))
        assert code == 1 and "--replace" in err and err.count("\n") == 1
        assert _people(db) == people + 1  # nothing changed
        code, out, err = run(capsys, "--db", url, "restore", str(backup), "--replace")
        assert (code, err) == (0, ""), err
        assert f"{people} people" in out and "kept as a backup" in out
        assert _dump(db) == original
        # The database as it was is kept, with the later person in it.
        [kept] = [e for e in list_backups(db.url) if e.reason is BackupReason.RESTORE]
        assert kept.counts is not None and kept.counts.people == people + 1
        assert watch.changed_elsewhere()  # the other window reads everything again
    finally:
        watch.close()
    # New records continue after the restored ids.
    _add_person(db, "Jälkeen")
    assert _people(db) == people + 1


def test_restore_brings_an_older_backup_up_to_date_and_leaves_the_file_alone(
    db: Database, tmp_path: Path
) -> None:
    from alembic import command

    from kastedesk.storage.migrate import alembic_config

    older = tmp_path / "older.sqlite"
    open_database(resolve_url(older)).dispose()
    engine = create_db_engine(resolve_url(older))
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0012")  # a backup made before the record authors
    engine.dispose()
    before = older.read_bytes()
    _add_person(db, "Poistuva")
    report = restore_server(db, older)
    assert report.people == 0 and _people(db) == 0
    assert older.read_bytes() == before  # the backup file itself is never upgraded


def test_a_failed_restore_leaves_the_server_database_as_it_was(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_demo(db)
    backup = tmp_path / "b.sqlite"
    shutil.copyfile(auto_backup(db, BackupReason.MANUAL).path, backup)  # type: ignore[union-attr]
    _add_person(db, "Pysyvä")
    original = _dump(db)
    monkeypatch.setattr("kastedesk.storage.server_copy._count", lambda conn, table: -1)
    with pytest.raises(Exception, match="nothing was copied"):
        restore_server(db, backup)
    assert _dump(db) == original


def test_not_a_backup_is_refused_before_anything_happens(db: Database, tmp_path: Path) -> None:
    bad = tmp_path / "not.sqlite"
    bad.write_text("hello", encoding="utf-8")
    with pytest.raises(Exception, match="not a KasteDesk backup"):
        restore_server(db, bad)
    assert list_backups(db.url) == []


def test_copy_from_replace_empties_the_target_in_the_same_transaction(
    db: Database, capsys, tmp_path: Path
) -> None:
    url = db.url.render_as_string(hide_password=False)
    source = tmp_path / "s.sqlite"
    src = open_database(resolve_url(source))
    load_demo(src)
    wanted = _dump(src)
    src.dispose()
    _add_person(db, "Vanha")
    code, _out, err = run(capsys, "--db", url, "copy-from", str(source))
    assert code == 1 and "already holds data" in err
    code, _out, err = run(capsys, "--db", url, "copy-from", str(source), "--replace")
    assert (code, err) == (0, ""), err
    assert _dump(db) == wanted
