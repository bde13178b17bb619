"""Writing files: brief Windows locks, read-only targets, fsync, and killed writes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kastedesk import atomic_files
from kastedesk.atomic_files import FileWriteError, atomic_path, remove_stale_temporaries
from tests.subprocess_env import subprocess_env


def sharing_violation() -> PermissionError:
    """What os.replace raises on Windows while a scanner or OneDrive holds the file."""
    exc = PermissionError(13, "The process cannot access the file")
    exc.winerror = 32  # type: ignore[attr-defined]
    return exc


def write(target: Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where the files go (tmp_path also holds the test's data folder)."""
    path = tmp_path / "Documents"
    path.mkdir()
    return path


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(atomic_files, "_pause", slept.append)
    return slept


def test_a_briefly_held_target_is_replaced_on_a_later_attempt(
    folder: Path, monkeypatch: pytest.MonkeyPatch, pauses: list[float]
) -> None:
    target = folder / "pöytäkirja.docx"
    target.write_text("old", encoding="utf-8")
    real_replace = os.replace
    failures = [sharing_violation(), sharing_violation()]

    def replace(src, dst):
        if failures:
            raise failures.pop(0)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    write(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert len(pauses) == 2
    assert sorted(p.name for p in folder.iterdir()) == ["pöytäkirja.docx"]


def test_a_target_held_for_long_gets_the_message_after_about_half_a_second(
    folder: Path, monkeypatch: pytest.MonkeyPatch, pauses: list[float]
) -> None:
    target = folder / "agenda.docx"
    target.write_text("old", encoding="utf-8")
    attempts: list[str] = []

    def replace(src, dst):
        attempts.append(str(dst))
        raise sharing_violation()

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(FileWriteError, match="open in another program"):
        write(target, "new")
    assert len(attempts) == 5
    assert 0.4 <= sum(pauses) <= 0.6
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in folder.iterdir()] == ["agenda.docx"]


def test_other_errors_are_not_retried(
    folder: Path, monkeypatch: pytest.MonkeyPatch, pauses: list[float]
) -> None:
    def replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError, match="No space"):
        write(folder / "x.csv", "data")
    assert pauses == []
    assert list(folder.iterdir()) == []


def test_a_read_only_target_gets_a_clear_message_and_no_stray_file(folder: Path) -> None:
    target = folder / "jäsenet.xlsx"
    target.write_text("old", encoding="utf-8")
    target.chmod(stat.S_IREAD)  # on Windows: the file's read-only attribute
    try:
        with pytest.raises(FileWriteError, match="is read-only"):
            write(target, "new")
    finally:
        target.chmod(stat.S_IREAD | stat.S_IWRITE)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in folder.iterdir()] == ["jäsenet.xlsx"]


def test_the_finished_file_is_synced_before_it_replaces_the_old_one(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = folder / "out.csv"
    events: list[tuple[str, int]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.fstat(fd).st_ino))
        real_fsync(fd)

    def replace(src, dst):
        events.append(("replace", os.stat(src).st_ino))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write(target, "data")
    replaced = next(i for i, (what, _ino) in enumerate(events) if what == "replace")
    assert ("fsync", events[replaced][1]) in events[:replaced]


KILLED_WRITER = """
import sys, time
from pathlib import Path
from kastedesk.atomic_files import atomic_path
with atomic_path(Path(sys.argv[1])) as tmp:
    tmp.write_text("half", encoding="utf-8")
    print(tmp, flush=True)
    time.sleep(120)
"""


def test_a_killed_write_leaves_a_temporary_file_that_the_next_start_removes(
    tmp_path: Path,
) -> None:
    target = tmp_path / "out" / "raportti.docx"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    env = subprocess_env(
        PYTHONPATH=str(Path(__file__).resolve().parent.parent),  # this checkout's kastedesk
        KASTEDESK_DATA_DIR=os.environ["KASTEDESK_DATA_DIR"],
    )
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(target)],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
        encoding="utf-8",
    )
    try:
        assert process.stdout is not None
        tmp = Path(process.stdout.readline().strip())
    finally:
        process.kill()  # SIGKILL; TerminateProcess on Windows
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()
    assert tmp.is_file() and tmp.parent == target.parent
    assert remove_stale_temporaries() == [tmp]
    assert [p.name for p in target.parent.iterdir()] == ["raportti.docx"]
    assert target.read_text(encoding="utf-8") == "old"
    assert list((Path(os.environ["KASTEDESK_DATA_DIR"]) / "writing").iterdir()) == []


def test_a_write_still_running_is_left_alone(folder: Path) -> None:
    with atomic_path(folder / "a.txt") as tmp:
        tmp.write_text("in progress", encoding="utf-8")
        assert remove_stale_temporaries() == []
        assert tmp.is_file()
    assert (folder / "a.txt").read_text(encoding="utf-8") == "in progress"


def test_the_command_line_cleans_up_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kastedesk.cli.main import main

    cleaned: list[bool] = []
    monkeypatch.setattr(
        "kastedesk.cli.main.remove_stale_temporaries", lambda: cleaned.append(True) or []
    )
    assert main(["--db", str(tmp_path / "k.sqlite"), "init"]) == 0
    assert cleaned == [True]


def test_only_hidden_temporary_files_are_ever_removed(tmp_path: Path) -> None:
    """A tampered note cannot make the clean-up delete a user's file."""
    precious = tmp_path / "minutes.docx"
    precious.write_text("keep", encoding="utf-8")
    notes = Path(os.environ["KASTEDESK_DATA_DIR"]) / "writing"
    notes.mkdir(parents=True)
    (notes / "999999999-x.txt").write_text(str(precious), encoding="utf-8")
    assert remove_stale_temporaries() == []
    assert precious.read_text(encoding="utf-8") == "keep"
