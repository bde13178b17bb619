"""Busy, full, read-only: one clear line and exit 1, never a traceback or record data."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kastedesk.cli.main import main
from kastedesk.storage import database

BUSY = "The database is busy: another program is writing to it. Try again."
FULL = "The disk is full: free some space and try again."


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _one_clean_line(err: str) -> None:
    assert err.count("\n") == 1, err
    assert "Traceback" not in err and "INSERT" not in err and "[SQL" not in err
    assert "Anneli" not in err and "Virtanen" not in err  # demo data: never on stderr


@pytest.fixture
def db_path(capsys, tmp_path: Path) -> Path:
    path = tmp_path / "kd.sqlite"
    assert run(capsys, "--db", str(path), "init")[0] == 0
    return path


def test_a_write_lock_held_longer_than_the_busy_timeout(
    capsys, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(database, "FIRST_TRY_MS", 50)  # the short try before "waiting"
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program in the middle of a long write
    try:
        code, _out, err = run(capsys, "--db", str(db_path), "demo")
    finally:
        other.rollback()
        other.close()
    assert code == 1
    assert err == f"kastedesk: {BUSY}\n"
    _one_clean_line(err)
    assert run(capsys, "--db", str(db_path), "demo")[0] == 0  # free again: it works


def test_a_full_disk_under_the_database(
    capsys, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = database._sqlite_connect_listener

    def no_room_to_grow(journal_mode: str):
        listener = original(journal_mode)

        def on_connect(dbapi_connection, record) -> None:
            listener(dbapi_connection, record)
            dbapi_connection.execute("PRAGMA max_page_count = 1")  # SQLITE_FULL on growth

        return on_connect

    monkeypatch.setattr(database, "_sqlite_connect_listener", no_room_to_grow)
    code, _out, err = run(capsys, "--db", str(db_path), "demo")
    assert code == 1
    assert err.startswith(f"kastedesk: {FULL}")
    _one_clean_line(err)


def test_a_full_disk_under_an_output_file(
    capsys, copy_cli_demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = copy_cli_demo("kd.sqlite")  # what `kastedesk demo` makes

    def disk_full(self: Path, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    target = tmp_path / "kutsu.ics"
    code, _out, err = run(capsys, "--db", str(db_path), "invite", "1", "-o", str(target))
    assert code == 1
    assert err.startswith(f"kastedesk: {FULL}")
    _one_clean_line(err)
    assert not target.exists()


def _without_root_powers() -> list[str]:
    """A command prefix under which file permissions hold, even for root; else skip."""
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root ignores file permissions and setpriv is missing")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def _cli(prefix: list[str], *argv: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "KASTEDESK_LANG": "en", "PYTHONPATH": os.getcwd()}
    command = [*prefix, sys.executable, "-m", "kastedesk.cli.main", *argv]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.processes  # the program in a process of its own
def test_a_read_only_folder_is_not_called_a_foreign_file(copy_cli_demo) -> None:
    prefix = _without_root_powers()
    db_path = copy_cli_demo("kd.sqlite")  # a closed database: no -wal or -shm beside it
    folder = db_path.parent
    folder.chmod(0o555)
    try:
        done = _cli(prefix, "--db", str(db_path), "check")
    finally:
        folder.chmod(0o755)
    assert done.returncode == 1
    assert "not a KasteDesk database" not in done.stderr
    assert "read-only or not accessible" in done.stderr
    _one_clean_line(done.stderr)


@pytest.mark.processes  # the program in a process of its own
def test_a_read_only_file_says_so_when_written(capsys, db_path: Path) -> None:
    prefix = _without_root_powers()
    db_path.chmod(0o444)
    try:
        done = _cli(prefix, "--db", str(db_path), "demo")
    finally:
        db_path.chmod(0o644)
    assert done.returncode == 1
    assert "read-only" in done.stderr and "not a KasteDesk database" not in done.stderr
    _one_clean_line(done.stderr)


def test_an_agenda_with_a_damaged_template_is_one_line(
    capsys, db_path: Path, tmp_path: Path
) -> None:
    from docx import Document

    assert run(capsys, "--db", str(db_path), "demo")[0] == 0
    Document().save(str(tmp_path / "pohja.docx"))
    with zipfile.ZipFile(tmp_path / "pohja.docx") as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    entries["word/document.xml"] = entries["word/document.xml"].replace(b"<w:body>", b"<w:body", 1)
    with zipfile.ZipFile(tmp_path / "rikki.docx", "w") as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    target = tmp_path / "esityslista.docx"
    argv = ["agenda", "1", "-o", str(target), "--template", str(tmp_path / "rikki.docx")]
    code, _out, err = run(capsys, "--db", str(db_path), *argv)
    assert code == 1
    assert err.startswith("kastedesk: rikki.docx cannot be used as a template")
    _one_clean_line(err)
    assert not target.exists()
