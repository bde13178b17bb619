"""Several processes on one database file: locks kept, no doubled imports, atomic upgrades."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text

from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import (
    SchemaState,
    alembic_config,
    check_database,
    head_revision,
    inspect_sqlite_file,
    open_database,
)
from kastedesk.storage.models.registry import Membership, Person

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.processes


def _python(code: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=120,
    )


def _popen_cli(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KASTEDESK_LANG": "en"}
    return subprocess.Popen(
        [sys.executable, "-m", "kastedesk", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_opening_the_same_file_again_keeps_the_write_ahead_log(db_path: Path) -> None:
    """Re-opening must not drop this process's SQLite locks (no plain open()/close()).

    Otherwise the next process to close the file believes it is the last one and
    deletes the -wal file this process is still using.
    """
    db = open_database(resolve_url(db_path))
    try:
        with db.session() as s:
            s.execute(text("INSERT INTO kastedesk_meta (key, value) VALUES ('a', '1')"))
        again = open_database(resolve_url(db_path))  # File → Open of the same file
        inspect_sqlite_file(db_path)
        _python(
            """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("INSERT INTO kastedesk_meta (key, value) VALUES ('b', '2')")
            c.commit()
            c.close()
            """,
            str(db_path),
        )
        assert Path(f"{db_path}-wal").exists(), "another process deleted our -wal file"
        with db.read() as s:
            keys = s.execute(text("SELECT key FROM kastedesk_meta WHERE key IN ('a','b')"))
            assert sorted(k for (k,) in keys) == ["a", "b"]
        again.dispose()
    finally:
        db.dispose()


def test_two_imports_of_one_file_at_once_add_everyone_once(tmp_path: Path) -> None:
    path = tmp_path / "two.sqlite"
    db = open_database(resolve_url(path))
    from kastedesk.services.demo import load_demo

    load_demo(db)
    with db.read() as s:
        people_before = s.scalar(select(func.count(Person.id)))
    db.dispose()
    csv = tmp_path / "people.csv"
    rows = ["Etunimi;Sukunimi;Sähköposti"] + [
        f"Testi{i};Henkilö{i};testi{i}@example.fi" for i in range(3000)
    ]
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    procs = [
        _popen_cli("--db", str(path), "members", "import", str(csv), "--group", "1")
        for _ in range(2)
    ]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    for p in procs:
        for stream in (p.stdout, p.stderr):
            if stream:
                stream.close()
    assert [code for code, _err in results] == [0, 0], results
    db = open_database(resolve_url(path))
    try:
        with db.read() as s:
            assert s.scalar(select(func.count(Person.id))) == people_before + 3000
            assert (
                s.scalar(
                    select(func.count(Membership.id))
                    .join(Person)
                    .where(Person.email.like("testi%@example.fi"))
                )
                == 3000
            )
    finally:
        db.dispose()


def test_two_demo_runs_at_once_load_the_demo_once(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    open_database(resolve_url(path)).dispose()
    procs = [_popen_cli("--db", str(path), "demo") for _ in range(2)]
    codes = sorted(p.wait(timeout=120) for p in procs)
    for p in procs:
        for stream in (p.stdout, p.stderr):
            if stream:
                stream.close()
    assert codes == [0, 1]  # the second finds the first one's data and refuses
    reference = open_database(resolve_url(tmp_path / "one.sqlite"))
    from kastedesk.services.demo import load_demo

    load_demo(reference)
    db = open_database(resolve_url(path))
    try:
        with db.read() as s, reference.read() as r:
            assert s.scalar(select(func.count(Person.id))) == r.scalar(
                select(func.count(Person.id))
            )
    finally:
        db.dispose()
        reference.dispose()


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


KILL_AFTER_STEP = """
import os, signal, sys
from alembic.runtime import migration
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database

steps = {"n": 0}
original = migration.HeadMaintainer.update_to_step

def update_to_step(self, step):
    original(self, step)
    steps["n"] += 1
    if steps["n"] == int(sys.argv[2]):
        os.kill(os.getpid(), signal.SIGKILL)

migration.HeadMaintainer.update_to_step = update_to_step
open_database(resolve_url(sys.argv[1]))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("step", range(1, len(_revisions()) + 1))
def test_a_kill_while_creating_leaves_a_database_that_opens(tmp_path: Path, step: int) -> None:
    path = tmp_path / "new.sqlite"
    result = _python(KILL_AFTER_STEP, str(path), str(step), check=False)
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert inspect_sqlite_file(path).state is SchemaState.NEW  # nothing half-made
    db = open_database(resolve_url(path))
    try:
        assert check_database(db).ok
    finally:
        db.dispose()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("step", range(1, len(_revisions())))
def test_a_kill_while_upgrading_leaves_the_old_database(tmp_path: Path, step: int) -> None:
    from tests.storage.test_migrate import _database_at

    first = _revisions()[0]
    path = tmp_path / "old.sqlite"
    _database_at(path, first)
    result = _python(KILL_AFTER_STEP, str(path), str(step), check=False)
    assert result.returncode == -signal.SIGKILL, result.stderr
    status = inspect_sqlite_file(path)
    assert status.revision == first  # the whole upgrade or none of it
    db = open_database(resolve_url(path))
    try:
        assert check_database(db).ok
        with db.read() as s:
            assert s.execute(text("SELECT value FROM kastedesk_meta WHERE key='mark'")).scalar()
        assert inspect_sqlite_file(path).revision == head_revision()
    finally:
        db.dispose()


def test_a_read_only_connection_sees_committed_rows_only(db_path: Path) -> None:
    """A write session's rows are invisible to others until it commits."""
    db = open_database(resolve_url(db_path))
    try:
        with db.session() as s:
            s.execute(text("INSERT INTO kastedesk_meta (key, value) VALUES ('w', '1')"))
            other = sqlite3.connect(db_path)
            assert (
                other.execute("SELECT count(*) FROM kastedesk_meta WHERE key='w'").fetchone()[0]
                == 0
            )
            other.close()
    finally:
        db.dispose()
