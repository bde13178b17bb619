from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from kastedesk.storage.backup import backup_sqlite, copy_database
from kastedesk.storage.errors import DatabaseError

pytestmark = pytest.mark.sqlite_only(reason="SQLite's backup API on database files")


def test_backup_is_consistent_while_a_writer_holds_the_database(db, tmp_path: Path) -> None:
    with db.session() as session:
        session.execute(text("INSERT INTO kastedesk_meta (key, value) VALUES ('a', '1')"))
    source = Path(db.url.database)
    with db.engine.connect() as conn:  # an open connection with uncommitted work
        conn.execute(text("INSERT INTO kastedesk_meta (key, value) VALUES ('b', '2')"))
        target = backup_sqlite(source, tmp_path / "copy.sqlite")
        conn.rollback()
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        keys = {row[0] for row in copy.execute("SELECT key FROM kastedesk_meta")}
    finally:
        copy.close()
    assert "a" in keys and "b" not in keys
    assert not list(tmp_path.glob(".kastedesk-*.tmp"))


def test_backup_into_missing_folder_fails_cleanly(db, tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        backup_sqlite(Path(db.url.database), tmp_path / "nope" / "copy.sqlite")


def test_backup_never_overwrites_the_source(db) -> None:
    source = Path(db.url.database)
    with pytest.raises(DatabaseError):
        backup_sqlite(source, source)


def _add_meta(db, count: int) -> None:
    with db.session() as session:
        for n in range(count):
            session.execute(
                text("INSERT INTO kastedesk_meta (key, value) VALUES (:k, 'v')"), {"k": f"k{n}"}
            )


@pytest.mark.parametrize("name", ["hash#1.sqlite", "what?.sqlite", "per%20cent.sqlite"])
def test_backup_of_awkward_path_holds_the_data(tmp_path: Path, name: str) -> None:
    from kastedesk.storage.database import resolve_url
    from kastedesk.storage.migrate import open_database

    folder = tmp_path / "kansio #2?"
    folder.mkdir()
    source = folder / name
    database = open_database(resolve_url(source))
    try:
        _add_meta(database, 3)
        report = copy_database(source, tmp_path / "copy.sqlite")
    finally:
        database.dispose()
    assert report.row_counts["kastedesk_meta"] >= 3
    copy = sqlite3.connect(report.path)
    try:
        assert copy.execute("SELECT count(*) FROM kastedesk_meta").fetchone()[0] >= 3
    finally:
        copy.close()
    # no stray database named after the part before "#" or "?"
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        name
    ]


def test_backup_of_a_closed_wal_database(db, tmp_path: Path) -> None:
    source = Path(db.url.database)
    _add_meta(db, 2)
    db.dispose()
    assert not Path(f"{source}-wal").exists()
    report = copy_database(source, tmp_path / "copy.sqlite")
    assert report.row_counts["kastedesk_meta"] >= 2


def test_verification_catches_a_copy_missing_rows(db, tmp_path: Path) -> None:
    _add_meta(db, 5)

    def lossy(src: sqlite3.Connection, dst: sqlite3.Connection) -> None:
        src.backup(dst)
        dst.execute("DELETE FROM kastedesk_meta WHERE key = 'k3'")

    with pytest.raises(DatabaseError, match=r"does not match.*kastedesk_meta"):
        copy_database(Path(db.url.database), tmp_path / "copy.sqlite", copy_pages=lossy)
    assert not (tmp_path / "copy.sqlite").exists()
    assert not list(tmp_path.glob(".kastedesk-*.tmp"))


def test_verification_catches_a_damaged_copy(db, tmp_path: Path) -> None:
    _add_meta(db, 200)

    def damaging(src: sqlite3.Connection, dst: sqlite3.Connection) -> None:
        src.backup(dst)
        path = dst.execute("PRAGMA database_list").fetchone()[2]
        dst.close()
        with open(path, "r+b") as fh:  # overwrite every page after the first with junk
            fh.seek(4096)
            size = fh.seek(0, 2) - 4096
            fh.seek(4096)
            fh.write(b"\xa5" * size)

    with pytest.raises(DatabaseError):
        copy_database(Path(db.url.database), tmp_path / "copy.sqlite", copy_pages=damaging)
    assert not (tmp_path / "copy.sqlite").exists()
    assert not list(tmp_path.glob(".kastedesk-*.tmp"))


def test_counts_are_those_of_the_copied_snapshot(db, tmp_path: Path) -> None:
    _add_meta(db, 2)
    source = Path(db.url.database)

    def with_a_concurrent_writer(src: sqlite3.Connection, dst: sqlite3.Connection) -> None:
        _add_meta_raw(source)  # commits while the snapshot is held
        src.backup(dst)

    report = copy_database(source, tmp_path / "copy.sqlite", copy_pages=with_a_concurrent_writer)
    copy = sqlite3.connect(report.path)
    try:
        in_copy = copy.execute("SELECT count(*) FROM kastedesk_meta").fetchone()[0]
    finally:
        copy.close()
    assert in_copy == report.row_counts["kastedesk_meta"]
    live = sqlite3.connect(source)
    try:
        assert live.execute("SELECT count(*) FROM kastedesk_meta").fetchone()[0] == in_copy + 1
    finally:
        live.close()


def _add_meta_raw(path: Path) -> None:
    conn = sqlite3.connect(path, timeout=5)
    try:
        conn.execute("INSERT INTO kastedesk_meta (key, value) VALUES ('late', 'v')")
        conn.commit()
    finally:
        conn.close()


def test_backup_through_a_symbolic_link(db, tmp_path: Path) -> None:
    _add_meta(db, 2)
    link = tmp_path / "linked"
    link.symlink_to(Path(db.url.database).parent)
    report = copy_database(link / Path(db.url.database).name, tmp_path / "copy.sqlite")
    assert report.row_counts["kastedesk_meta"] >= 2
