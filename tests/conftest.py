"""Test set-up: Qt offscreen, private folders, a fresh database per test."""

from __future__ import annotations

import os
import tempfile

# Before anything imports Qt, and before platformdirs is asked for a folder.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_session_dir = tempfile.mkdtemp(prefix="kastedesk-tests-")
os.environ["KASTEDESK_DATA_DIR"] = os.path.join(_session_dir, "data")
os.environ["KASTEDESK_LOG_DIR"] = os.path.join(_session_dir, "log")
os.environ.pop("KASTEDESK_DB", None)
os.environ.pop("KASTEDESK_LANG", None)

import shutil  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from kastedesk import i18n  # noqa: E402
from kastedesk.storage import database as storage_database  # noqa: E402
from kastedesk.storage.database import Database, resolve_url  # noqa: E402
from kastedesk.storage.migrate import open_database  # noqa: E402

# A test's database lives for one test: no waiting for the disk after each commit.
# (Subprocesses keep FULL; tests/storage/test_migrate.py checks that default.)
storage_database.SQLITE_SYNCHRONOUS = "OFF"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own data and log folders and starts in English."""
    monkeypatch.setenv("KASTEDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KASTEDESK_LOG_DIR", str(tmp_path / "log"))
    monkeypatch.setenv("KASTEDESK_LANG", "en")  # the CLI's language; tests may change it
    previous = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(previous)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.sqlite"


@pytest.fixture(scope="session")
def migrated_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated to head once per session; each test gets a copy."""
    path = tmp_path_factory.mktemp("migrated") / "head.sqlite"
    open_database(resolve_url(path)).dispose()  # closing the last connection folds in the WAL
    return path


@pytest.fixture
def db(db_path: Path, migrated_file: Path) -> Iterator[Database]:
    shutil.copyfile(migrated_file, db_path)
    database = open_database(resolve_url(db_path))
    yield database
    database.dispose()


@pytest.fixture
def demo_db(db: Database) -> Database:
    """A database holding the demo dataset (LasSe steering group is group 1)."""
    from kastedesk.services.demo import load_demo

    load_demo(db)
    return db
