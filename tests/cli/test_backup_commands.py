"""``backups`` and ``restore`` on the command line, and a restore killed half-way."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kastedesk.cli.main import main
from kastedesk.domain.backup_retention import BackupReason
from kastedesk.storage.backup_store import database_folder, list_backups, make_backup
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database
from kastedesk.storage.models.registry import Person
from kastedesk.user_settings import BACKUP_FOLDER, write_setting


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def fill(path: Path, count: int, last_name: str, padding: int = 0) -> None:
    """Replace everyone in *path* with *count* people called *last_name*."""
    open_database(resolve_url(path)).dispose()
    conn = sqlite3.connect(path)
    try:
        conn.execute("DELETE FROM person")
        conn.executemany(
            "INSERT INTO person (first_name, last_name, title, organisation, municipality,"
            " email, phone, language) VALUES (?, ?, '', ?, '', '', '', 'fi')",
            [(f"N{n}", last_name, "x" * padding) for n in range(count)],
        )
        conn.commit()
    finally:
        conn.close()


def people(path: Path) -> tuple[int, set[str]]:
    db = open_database(resolve_url(path))  # must open (and migrate) after anything
    try:
        with db.read() as s:
            count = s.scalar(select(func.count()).select_from(Person)) or 0
            names = set(s.scalars(select(Person.last_name).distinct()))
    finally:
        db.dispose()
    return count, names


def test_backups_lists_path_time_size_and_counts(capsys, tmp_path: Path) -> None:
    path = tmp_path / "kanta #1.sqlite"
    fill(path, 3, "Vanha")
    entry = make_backup(path, BackupReason.IMPORT)
    code, out, err = run(capsys, "--db", str(path), "backups", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["folder"] == str(database_folder(path))
    [listed] = data["backups"]
    assert listed["path"] == str(entry.path)
    assert listed["reason"] == "before-import"
    assert listed["people"] == 3 and listed["meetings"] == 0 and listed["responses"] == 0
    assert listed["size"] == entry.path.stat().st_size
    assert listed["time"] == entry.taken_at.isoformat()

    code, out, _err = run(capsys, "--db", str(path), "backups")
    assert code == 0
    assert "before a member import" in out and str(entry.path) in out
    local = entry.taken_at.astimezone()
    assert f"{local.day}.{local.month}.{local.year} {local.hour}.{local.minute:02d}" in out


def test_backups_honour_the_folder_setting(capsys, tmp_path: Path) -> None:
    write_setting(BACKUP_FOLDER, str(tmp_path / "varmuus"))
    path = tmp_path / "k.sqlite"
    fill(path, 1, "A")
    entry = make_backup(path, BackupReason.IMPORT)
    assert entry.path.is_relative_to(tmp_path / "varmuus")
    code, out, _err = run(capsys, "--db", str(path), "backups", "--json")
    assert code == 0 and json.loads(out)["backups"][0]["path"] == str(entry.path)


def test_backups_of_a_database_without_any(capsys, tmp_path: Path) -> None:
    code, out, _err = run(capsys, "--db", str(tmp_path / "k.sqlite"), "backups")
    assert code == 0 and "No backups" in out


def test_restore_command(capsys, tmp_path: Path) -> None:
    path = tmp_path / "k?.sqlite"
    fill(path, 4, "Vanha")
    entry = make_backup(path, BackupReason.IMPORT)
    fill(path, 6, "Uusi")
    code, out, err = run(capsys, "--db", str(path), "restore", str(entry.path))
    assert (code, err) == (0, "")
    assert "4 people" in out
    assert people(path) == (4, {"Vanha"})
    aside = [e for e in list_backups(path) if e.reason is BackupReason.RESTORE]
    assert len(aside) == 1 and aside[0].counts is not None and aside[0].counts.people == 6
    assert str(aside[0].path) in out


def test_restore_of_a_non_backup_exits_1(capsys, tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite"
    fill(path, 2, "Vanha")
    junk = tmp_path / "junk.sqlite"
    junk.write_text("hello")
    code, _out, err = run(capsys, "--db", str(path), "restore", str(junk))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert people(path) == (2, {"Vanha"})


def _store(path: Path) -> Path:
    return database_folder(path)


@pytest.mark.processes
@pytest.mark.parametrize("point", ["start", "keeping-aside", "kept-aside", "copying", "later"])
def test_restore_killed_leaves_old_or_restored(tmp_path: Path, point: str) -> None:
    path = tmp_path / "kanta.sqlite"
    fill(path, 40_000, "Uusi", padding=300)
    backup = make_backup(path, BackupReason.IMPORT).path
    fill(path, 30_000, "Vanha", padding=300)
    before = set(_store(path).iterdir())
    env = dict(os.environ, PYTHONPATH=os.getcwd() + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen(
        [sys.executable, "-m", "kastedesk", "--db", str(path), "restore", str(backup)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    try:
        if point != "start":
            while time.monotonic() < deadline and proc.poll() is None:
                new = set(_store(path).iterdir()) - before
                if point == "keeping-aside" and any(p.name.endswith(".tmp") for p in new):
                    break
                if point != "keeping-aside" and any(p.suffix == ".sqlite" for p in new):
                    break
                time.sleep(0.001)
            if point == "copying":
                time.sleep(0.02)
            elif point == "later":
                time.sleep(0.1)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    outcome = people(path)
    if point in ("start", "keeping-aside"):  # before the copy into the database began
        assert proc.returncode == -signal.SIGKILL
        assert outcome == (30_000, {"Vanha"})
    assert outcome in ((30_000, {"Vanha"}), (40_000, {"Uusi"}))
