from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from kastedesk.storage.backup import backup_sqlite
from kastedesk.storage.errors import DatabaseError


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
