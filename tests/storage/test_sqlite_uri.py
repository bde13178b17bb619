from __future__ import annotations

import sqlite3
from pathlib import Path, PureWindowsPath

import pytest

from kastedesk.storage.sqlite_uri import sqlite_uri

AWKWARD_NAMES = [
    "hash#1.sqlite",
    "what?.sqlite",
    "per%20cent.sqlite",
    "with space.sqlite",
    "ääkköset ö.sqlite",
    "a#b?c=d&mode=rwc%2F.sqlite",
]


@pytest.mark.parametrize("name", AWKWARD_NAMES)
def test_uri_opens_exactly_the_named_file(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "dir #?%41 ä"
    folder.mkdir()
    path = folder / name
    plain = sqlite3.connect(path)
    plain.execute("CREATE TABLE t (x)")
    plain.execute("INSERT INTO t VALUES (42)")
    plain.commit()
    plain.close()
    before = sorted(p.name for p in tmp_path.rglob("*"))

    conn = sqlite3.connect(sqlite_uri(path), uri=True)
    try:
        assert conn.execute("SELECT x FROM t").fetchall() == [(42,)]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("INSERT INTO t VALUES (1)")
    finally:
        conn.close()
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing else created


def test_relative_path_becomes_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    uri = sqlite_uri("x #.sqlite", mode="rwc")
    assert uri == "file:" + str(tmp_path).replace(" ", "%20") + "/x%20%23.sqlite?mode=rwc"
    sqlite3.connect(uri, uri=True).close()
    assert (tmp_path / "x #.sqlite").exists()


def test_absolute_not_resolved(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert "/link/x.sqlite" in sqlite_uri(tmp_path / "link" / "x.sqlite")


def test_posix_forms() -> None:
    assert sqlite_uri("/tmp/a b#c?d%20e.sqlite") == "file:/tmp/a%20b%23c%3Fd%2520e.sqlite?mode=ro"
    assert sqlite_uri("/tmp/x.sqlite", mode=None) == "file:/tmp/x.sqlite"
    assert sqlite_uri("/ä.sqlite") == "file:/%C3%A4.sqlite?mode=ro"
    # a leading "//" must not be read as a host name
    assert sqlite_uri("//srv/x.sqlite").startswith("file:////srv/")


def test_windows_drive_path() -> None:
    path = PureWindowsPath(r"C:\Users\Sää tiö\Kokoukset #2\data?.sqlite")
    assert sqlite_uri(path) == (
        "file:///C:/Users/S%C3%A4%C3%A4%20ti%C3%B6/Kokoukset%20%232/data%3F.sqlite?mode=ro"
    )
    assert sqlite_uri(PureWindowsPath(r"Z:\x%20y.sqlite"), "rw") == (
        "file:///Z:/x%2520y.sqlite?mode=rw"
    )


def test_windows_unc_path() -> None:
    path = PureWindowsPath("\\\\server\\share\\x.sqlite")
    assert sqlite_uri(path) == "file:////server/share/x.sqlite?mode=ro"
    path = PureWindowsPath("\\\\server\\jaettu kansio\\#1.sqlite")
    assert sqlite_uri(path) == "file:////server/jaettu%20kansio/%231.sqlite?mode=ro"


def test_windows_relative_path_refused() -> None:
    with pytest.raises(ValueError):
        sqlite_uri(PureWindowsPath(r"kanta.sqlite"))


def test_unknown_mode_refused() -> None:
    with pytest.raises(ValueError):
        sqlite_uri("/tmp/x.sqlite", mode="ro&cache=shared")
