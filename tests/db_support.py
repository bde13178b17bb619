"""Which engine the tests run on, and fresh PostgreSQL databases for them.

``KASTEDESK_TEST_DB=postgresql`` and ``KASTEDESK_TEST_PG_URL`` (a server URL,
set by ``make test-pg``) switch the database fixtures to PostgreSQL.
"""

from __future__ import annotations

import atexit
import copy
import itertools
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import URL, make_url

from kastedesk.storage.database import Database, create_db_engine, resolve_url, write_engine

ON_POSTGRES = os.environ.get("KASTEDESK_TEST_DB", "sqlite") == "postgresql"
T = TypeVar("T")
TEMPLATE = f"kastedesk_test_template_{os.getpid()}"
_numbers = itertools.count(1)


def server_url() -> URL:
    return make_url(os.environ["KASTEDESK_TEST_PG_URL"])


def admin_engine() -> Engine:
    return create_engine(server_url(), isolation_level="AUTOCOMMIT")


def new_pg_database(template: str | None) -> str:
    """A fresh database on the test server (a copy of *template*, else empty): its URL."""
    name = f"kastedesk_test_{os.getpid()}_{next(_numbers)}"
    admin = admin_engine()
    with admin.connect() as conn:
        source = template or "template0"
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {source}"))
    admin.dispose()
    return server_url().set(database=name).render_as_string(hide_password=False)


def drop_pg_database(url: str) -> None:
    admin = admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)"))
    admin.dispose()


def db_arg(db: Database) -> str:
    """What ``--db`` needs to name *db*: its file, or its URL with any password."""
    if db.path is not None:
        return str(db.path)
    return db.url.render_as_string(hide_password=False)


def migrate_file(path: Path, revision: str, downgrade: bool = False) -> None:
    """Upgrade (or downgrade) the SQLite file *path* to *revision* in one transaction."""
    from alembic import command

    from kastedesk.storage.migrate import alembic_config

    engine = create_db_engine(resolve_url(path))
    with write_engine(engine).begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        (command.downgrade if downgrade else command.upgrade)(config, revision)
    engine.dispose()


def index_and_count(path: Path, table: str, index: str) -> tuple[list[str | None], int]:
    """The columns of *index* on *table* in the file at *path*, and the table's rows
    (the tests of migrations that only change an index)."""
    engine = create_db_engine(resolve_url(path))
    with engine.connect() as c:
        found = next(i for i in inspect(c).get_indexes(table) if i["name"] == index)
        count = c.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
    engine.dispose()
    return list(found["column_names"]), count


@cache
def file_at_revision(revision: str) -> Path:
    """A SQLite file migrated from nothing up to *revision*, without rows: copy it.

    Made once per test process, each from the one before it: one run of every migration,
    not one per older revision a test starts from.
    """
    from alembic.script import ScriptDirectory

    from kastedesk.storage.migrate import alembic_config

    previous = ScriptDirectory.from_config(alembic_config()).get_revision(revision).down_revision
    path = _revisions_folder() / f"{revision}.sqlite"
    if isinstance(previous, str):
        shutil.copyfile(file_at_revision(previous), path)
    migrate_file(path, revision)
    return path


@cache
def _revisions_folder() -> Path:
    folder = tempfile.mkdtemp(prefix="kastedesk-revisions-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return Path(folder)


_built: dict[str, tuple[Path, object]] = {}


def _rows_so_far(path: Path) -> int:
    """A fingerprint of what *path* holds: the highest row id of every table, hashed."""
    with sqlite3.connect(path) as conn:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%WITHOUT ROWID%'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )]  # fmt: skip
        highest = [conn.execute(f'SELECT max(rowid) FROM "{t}"').fetchone()[0] for t in tables]
    conn.close()
    return hash(tuple(zip(tables, highest, strict=True)))


def built_once(key: str, db: Database, build: Callable[[], T]) -> T:
    """What *build()* makes in *db*: made once per test process, copied in afterwards.

    For fixtures that fill a fresh database through dozens of service calls (each its
    own transaction): the first test runs *build* and keeps a copy of the file, of the
    attachment files and of the value; later tests with the same *key* get the file
    copied over theirs, the attachments into their data folder and a copy of the value.
    *db* must be where *build* starts alike in every such test (a fresh copy of the
    migrated template, and the same fixtures before, whose ids are then the same too).
    On PostgreSQL runs *build* runs every time.
    """
    from kastedesk.paths import user_data_dir
    from kastedesk.services.meeting_attachments import ATTACHMENTS_FOLDER

    path = db.path
    if ON_POSTGRES or path is None:
        return build()
    attachments = user_data_dir() / ATTACHMENTS_FOLDER  # the files the rows name
    key = f"{key}-{_rows_so_far(path)}"  # started elsewhere (the demo data): built anew
    done = _built.get(key)
    if done is None:
        value = build()
        kept = _revisions_folder() / f"built-{len(_built)}"
        kept.mkdir()
        _copy_sqlite(path, kept / "database.sqlite")
        if attachments.is_dir():
            shutil.copytree(attachments, kept / ATTACHMENTS_FOLDER)
        _built[key] = (kept, value)
        return value
    kept, value = done
    db.dispose()  # no pooled connection keeps the old pages
    _copy_sqlite(kept / "database.sqlite", path)
    if (kept / ATTACHMENTS_FOLDER).is_dir():
        shutil.copytree(kept / ATTACHMENTS_FOLDER, attachments, dirs_exist_ok=True)
    return copy.deepcopy(value)  # type: ignore[return-value]


def _copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's backup API: what is committed, WAL included, page for page."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def files_built_once(key: str, folder: Path, build: Callable[[], T]) -> T:
    """What *build()* writes into *folder* (databases, bundles): once per process.

    The first test runs *build* and keeps a copy of the files it added to *folder*
    (a database file as SQLite's backup API reads it, WAL included); later tests with
    the same *key* get those files copied into their *folder* first, and a copy of the
    value. Whatever opens them afterwards (``laptop("a")``) finds them there. On
    PostgreSQL runs (databases on the server) *build* runs every time.
    """
    if ON_POSTGRES:
        return build()
    done = _built.get(key)
    if done is None:
        before = set(folder.iterdir())
        value = build()
        kept = _revisions_folder() / f"built-{len(_built)}"
        kept.mkdir()
        for path in sorted(set(folder.iterdir()) - before):
            if path.is_file() and not path.name.endswith(("-wal", "-shm", "-journal")):
                copy_file = _copy_sqlite if path.suffix == ".sqlite" else shutil.copyfile
                copy_file(path, kept / path.name)
        _built[key] = (kept, value)
        return value
    kept, value = done
    for path in kept.iterdir():
        shutil.copyfile(path, folder / path.name)
    return copy.deepcopy(value)  # type: ignore[return-value]
