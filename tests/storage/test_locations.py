"""Network drives, OneDrive folders and paths with odd characters (Windows conditions on any OS)."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

import pytest
from sqlalchemy import text

from kastedesk.storage import database as database_module
from kastedesk.storage.database import resolve_url, sqlite_journal_mode
from kastedesk.storage.locations import (
    DRIVE_REMOTE,
    is_cloud_synced,
    is_network_path,
    location_warnings,
)
from kastedesk.storage.migrate import inspect_sqlite_file, open_database
from kastedesk.storage.sqlite_uri import sqlite_uri

pytestmark = pytest.mark.sqlite_only(reason="file paths, network drives and journal modes")


def test_unc_and_remote_drives_are_network_paths() -> None:
    assert is_network_path(r"\\palvelin\jako\kastedesk.sqlite", windows=True)
    assert is_network_path(r"H:\kastedesk.sqlite", windows=True, drive_type=lambda _r: DRIVE_REMOTE)
    assert not is_network_path(
        r"C:\Users\Äijä\kastedesk.sqlite", windows=True, drive_type=lambda _r: 3
    )
    assert not is_network_path("/home/user/kastedesk.sqlite", windows=False)


def test_a_mapped_drive_uri_keeps_the_drive_letter() -> None:
    # resolve() would have made \\server\share\… and as_uri() file://server/share/…,
    # which Windows' SQLite refuses ("URI authority"): the second start failed.
    assert sqlite_uri(PureWindowsPath(r"H:\Kaste #1\kanta.sqlite")) == (
        "file:///H:/Kaste%20%231/kanta.sqlite?mode=ro"
    )
    assert sqlite_uri(PureWindowsPath(r"\\palvelin\jako\kanta.sqlite")).startswith(
        "file:////palvelin/jako/"
    )


def test_paths_are_made_absolute_without_resolving_links(tmp_path: Path) -> None:
    target = tmp_path / "real"
    target.mkdir()
    link = tmp_path / "mapped"
    link.symlink_to(target)
    assert resolve_url(link / "x.sqlite").database == str(link / "x.sqlite")


def test_network_database_uses_the_rollback_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database_module, "is_network_path", lambda _p: True)
    assert sqlite_journal_mode(tmp_path / "x.sqlite") == "DELETE"
    db = open_database(resolve_url(tmp_path / "x.sqlite"))
    try:
        with db.read() as s:
            assert s.execute(text("PRAGMA journal_mode")).scalar() == "delete"
        assert not Path(f"{tmp_path / 'x.sqlite'}-wal").exists()
    finally:
        db.dispose()
    assert sqlite_journal_mode(None) == "WAL"


def test_warnings_for_network_and_onedrive_folders() -> None:
    env = {"OneDrive": r"C:\Users\aino\OneDrive - Vaasan kaupunki"}
    assert is_cloud_synced("/c/Users/aino/OneDrive - Vaasan kaupunki/kanta.sqlite", {})
    assert not is_cloud_synced("/home/aino/kanta.sqlite", env)
    assert len(location_warnings("/x/kanta.sqlite", network=True)) == 1
    assert location_warnings("/home/aino/kanta.sqlite", network=False) == []


@pytest.mark.parametrize(
    "name", ["kokous #3.sqlite", "mikä?.sqlite", "a%20b.sqlite", "Åsa ö.sqlite"]
)
def test_odd_file_names_open_again(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    db = open_database(resolve_url(path))
    with db.session() as s:
        s.execute(text("INSERT INTO kastedesk_meta (key, value) VALUES ('k', 'v')"))
    db.dispose()
    assert inspect_sqlite_file(path).revision is not None
    again = open_database(resolve_url(path))
    try:
        with again.read() as s:
            assert s.execute(text("SELECT value FROM kastedesk_meta WHERE key='k'")).scalar() == "v"
    finally:
        again.dispose()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".sqlite"] == [name]


def test_a_write_that_must_wait_says_so_then_succeeds(db, monkeypatch) -> None:
    import sqlite3
    import threading
    import time

    from kastedesk.storage import database

    monkeypatch.setattr(database, "FIRST_TRY_MS", 50)  # the short try; then the user is told
    other = sqlite3.connect(db.url.database, check_same_thread=False, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    waited: list[float] = []
    db.add_wait_listener(lambda: waited.append(time.monotonic()))
    release = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    release.start()
    try:
        started = time.monotonic()
        with db.session() as s:
            s.execute(text("INSERT INTO kastedesk_meta (key, value) VALUES ('odotti', '1')"))
    finally:
        release.join()
        other.close()
    assert len(waited) == 1 and waited[0] - started < 0.45  # told before the lock came
    with db.read() as s:
        assert s.execute(text("SELECT value FROM kastedesk_meta WHERE key='odotti'")).scalar()
