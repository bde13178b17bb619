"""Upgrading a database full of data from every earlier revision loses nothing.

The data is the demo dataset, copied into a database at revision R: every table
that exists at R gets every row, with the columns it has at R. After the upgrade
each of those columns must hold exactly what was copied in.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from kastedesk.services.demo import load_demo
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import alembic_config, check_database, head_revision, open_database
from tests.db_support import ON_POSTGRES, file_at_revision


def _earlier_revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in script.walk_revisions() if r.revision != head_revision()]


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """A SQLite file with the demo data (a copy of the session's demo file on SQLite runs)."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    if not ON_POSTGRES:
        shutil.copyfile(request.getfixturevalue("demo_source")(), path)
        return path
    db = open_database(resolve_url(path))
    load_demo(db)
    db.dispose()
    return path


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' "
            "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
        )
    ]


def _snapshot(path: Path, columns: dict[str, list[str]]) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {
            table: sorted(
                conn.execute(f'SELECT {", ".join(f"{c!r}" for c in cols)} FROM "{table}"'),
                key=repr,
            )
            for table, cols in columns.items()
        }
    finally:
        conn.close()


@pytest.mark.parametrize("revision", _earlier_revisions())
def test_every_row_survives_the_upgrade(tmp_path: Path, demo_data: Path, revision: str) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(file_at_revision(revision), path)  # migrated from nothing to *revision*

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("ATTACH DATABASE ? AS demo", (str(demo_data),))
    columns: dict[str, list[str]] = {}
    for table in _tables(conn):
        if table == "kastedesk_meta":
            continue  # the installation's own identity, made by the migration
        cols = _columns(conn, table)
        columns[table] = cols
        listed = ", ".join(f'"{c}"' for c in cols)
        conn.execute(f'INSERT INTO main."{table}" ({listed}) SELECT {listed} FROM demo."{table}"')
    conn.commit()
    conn.execute("DETACH DATABASE demo")
    conn.close()
    before = _snapshot(path, columns)
    if columns:  # 0001 has only the installation's own table
        assert sum(len(rows) for rows in before.values()) > 50  # a real dataset went in

    db = open_database(resolve_url(path))
    try:
        assert check_database(db).ok
    finally:
        db.dispose()
    assert _snapshot(path, columns) == before
