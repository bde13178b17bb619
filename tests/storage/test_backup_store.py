from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kastedesk.domain.backup_retention import BackupReason
from kastedesk.storage.backup_store import (
    auto_backup,
    backups_root,
    database_folder,
    list_backups,
    make_backup,
    restore_backup,
)
from kastedesk.storage.database import Database, resolve_url
from kastedesk.storage.errors import DatabaseError
from kastedesk.storage.migrate import open_database
from kastedesk.storage.models.registry import Person
from kastedesk.user_settings import BACKUP_FOLDER, write_setting

pytestmark = pytest.mark.sqlite_only(reason="backups of SQLite files and restores over them")


def add_people(db: Database, count: int, prefix: str = "P") -> None:
    with db.session() as s:
        s.add_all(Person(first_name=f"{prefix}{n}", last_name="Testi") for n in range(count))


def people(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM person").fetchone()[0]
    finally:
        conn.close()


def at(day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, 0).astimezone()


def test_folder_per_database_under_the_data_folder(tmp_path: Path) -> None:
    a = database_folder(tmp_path / "Ohjausryhmä #1.sqlite")
    b = database_folder(tmp_path / "other" / "Ohjausryhmä #1.sqlite")
    assert a.parent == tmp_path / "data" / "backups"
    assert a.name.startswith("Ohjausryhma_1-") and len(a.name) == len("Ohjausryhma_1-") + 8
    assert a != b


def test_folder_from_settings(tmp_path: Path) -> None:
    write_setting(BACKUP_FOLDER, str(tmp_path / "muualla"))
    assert backups_root() == tmp_path / "muualla"
    assert database_folder(tmp_path / "x.sqlite").parent == tmp_path / "muualla"
    write_setting(BACKUP_FOLDER, None)
    assert backups_root() == tmp_path / "data" / "backups"


def test_auto_backup_lists_with_counts(db: Database, db_path: Path) -> None:
    add_people(db, 3)
    entry = auto_backup(db.url, BackupReason.IMPORT)
    assert entry is not None and entry.reason is BackupReason.IMPORT
    assert entry.counts is not None and entry.counts.people == 3
    assert entry.counts.meetings == 0 and entry.counts.responses == 0
    assert [e.path for e in list_backups(db_path)] == [entry.path]
    assert entry.size == entry.path.stat().st_size > 0


def test_open_backup_at_most_once_a_day(db: Database, db_path: Path) -> None:
    assert auto_backup(db_path, "open", now=at(20, 8)) is not None
    assert auto_backup(db_path, "open", now=at(20, 17)) is None
    assert auto_backup(db_path, BackupReason.IMPORT, now=at(20, 18)) is not None
    assert auto_backup(db_path, "open", now=at(21, 8)) is not None
    # the 20th keeps its newest backup (the import's), the 21st its own
    assert [(e.local_time.day, e.reason) for e in list_backups(db_path)] == [
        (21, BackupReason.OPEN),
        (20, BackupReason.IMPORT),
    ]


def test_nothing_to_back_up_for_a_new_file(tmp_path: Path) -> None:
    assert auto_backup(tmp_path / "missing.sqlite", BackupReason.OPEN) is None
    (tmp_path / "empty.sqlite").touch()
    assert auto_backup(tmp_path / "empty.sqlite", BackupReason.IMPORT) is None


def test_retention_prunes_by_day_and_reason(db: Database, db_path: Path) -> None:
    for day in range(1, 29):  # a month of daily backups, and imports on some days
        make_backup(db_path, BackupReason.OPEN, now=at(day, 8))
        if day in (10, 22, 26):
            make_backup(db_path, BackupReason.IMPORT, now=at(day, 9))
    make_backup(db_path, BackupReason.RESTORE, now=at(28, 7))
    kept = {(e.local_time.day, e.reason) for e in list_backups(db_path, with_counts=False)}
    daily_days = set(range(15, 29))
    expected = {(day, BackupReason.OPEN) for day in daily_days if day not in (22, 26)}
    # the imports of the 22nd and the 26th are their days' newest
    expected |= {(22, BackupReason.IMPORT), (26, BackupReason.IMPORT)}
    expected |= {(28, BackupReason.RESTORE)}
    assert kept == expected


def test_restore_gives_exactly_the_backups_rows(db: Database, db_path: Path) -> None:
    add_people(db, 5, "Vanha")
    backup = make_backup(db_path, BackupReason.MANUAL)
    add_people(db, 7, "Uusi")
    report = restore_backup(db_path, backup.path, close_connections=db.dispose)
    assert report.kept_aside is not None and report.kept_aside.reason is BackupReason.RESTORE
    assert report.kept_aside.counts is not None and report.kept_aside.counts.people == 12
    assert report.counts is not None and report.counts.people == 5
    reopened = open_database(resolve_url(db_path))
    try:
        with reopened.read() as s:
            names = s.scalars(select(Person.first_name)).all()
    finally:
        reopened.dispose()
    assert sorted(names) == sorted(f"Vanha{n}" for n in range(5))


def test_restore_over_a_stale_wal(db: Database, db_path: Path, tmp_path: Path) -> None:
    add_people(db, 4, "Vanha")
    backup = make_backup(db_path, BackupReason.MANUAL)
    # A crash leaves committed rows in the -wal only: keep a copy of the files as they are
    db.dispose()
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.executemany(
        "INSERT INTO person (first_name, last_name, title, organisation, municipality, email,"
        " phone, language) VALUES (?, 'Wal', '', '', '', '', '', 'fi')",
        [(f"W{n}",) for n in range(9)],
    )
    wal = Path(f"{db_path}-wal")
    shutil.copy(wal, tmp_path / "stale-wal")
    shutil.copy(db_path, tmp_path / "stale-main")
    conn.close()  # checkpoints and removes the -wal
    shutil.copy(tmp_path / "stale-main", db_path)
    shutil.copy(tmp_path / "stale-wal", wal)  # main file and a -wal not yet checkpointed
    assert wal.stat().st_size > 0

    restore_backup(db_path, backup.path)
    assert people(db_path) == 4
    reopened = open_database(resolve_url(db_path))
    try:
        with reopened.read() as s:
            assert s.scalar(select(func.count()).select_from(Person)) == 4
            assert not s.scalars(select(Person).where(Person.last_name == "Wal")).all()
    finally:
        reopened.dispose()
    kept = [e for e in list_backups(db_path) if e.reason is BackupReason.RESTORE]
    assert kept and kept[0].counts is not None and kept[0].counts.people == 13


def test_restore_refuses_what_is_not_a_kastedesk_backup(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    for bad in (other, junk, tmp_path / "missing.sqlite", db_path):
        with pytest.raises(DatabaseError):
            restore_backup(db_path, bad)
    assert list_backups(db_path) == []  # refused before anything was kept aside


@pytest.mark.parametrize("revision", ["0002", "0004", "0006"])
def test_backup_of_an_older_schema_lists_and_restores(tmp_path: Path, revision: str) -> None:
    from tests.storage.test_migrate import _database_at

    path = tmp_path / "old.sqlite"
    _database_at(path, revision)
    entry = auto_backup(path, BackupReason.MIGRATION)
    assert entry is not None and entry.counts is not None and entry.counts.people == 0
    current = tmp_path / "current.sqlite"
    open_database(resolve_url(current)).dispose()
    restore_backup(current, entry.path)
    db = open_database(resolve_url(current))  # brought up to date on opening
    try:
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(Person)) == 0
    finally:
        db.dispose()


def test_restore_over_a_damaged_database(db: Database, db_path: Path) -> None:
    add_people(db, 6, "Vanha")
    backup = make_backup(db_path, BackupReason.IMPORT)
    add_people(db, 2, "Uusi")
    db.dispose()
    with open(db_path, "r+b") as fh:  # the header and first pages overwritten
        fh.write(b"\x00garbage" * 2000)
    Path(f"{db_path}-wal").write_bytes(b"not a wal either" * 10)
    damaged = db_path.read_bytes()

    report = restore_backup(db_path, backup.path)
    assert people(db_path) == 6
    assert not Path(f"{db_path}-wal").exists() or Path(f"{db_path}-wal").stat().st_size == 0
    kept = report.kept_aside
    assert kept is not None and kept.reason is BackupReason.RESTORE and kept.counts is None
    assert kept.path.read_bytes() == damaged  # the damaged bytes are kept, unchanged
    assert not list(db_path.parent.glob(".*restoring"))
    reopened = open_database(resolve_url(db_path))
    reopened.dispose()
