"""Test set-up: Qt offscreen, private folders, a fresh database per test.

``KASTEDESK_TEST_DB=postgresql`` (``make test-pg``) gives the ``db`` and
``db_path`` fixtures a fresh PostgreSQL database per test instead of a SQLite
file: ``CREATE DATABASE … TEMPLATE`` from a template migrated once per session.
``db_path`` is then the database's URL (a string). Tests about SQLite files
carry ``@pytest.mark.sqlite_only(reason=…)`` and are skipped there.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# Before anything imports Qt, and before platformdirs is asked for a folder.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_session_dir = tempfile.mkdtemp(prefix="kastedesk-tests-")
atexit.register(shutil.rmtree, _session_dir, ignore_errors=True)
os.environ["KASTEDESK_DATA_DIR"] = os.path.join(_session_dir, "data")
os.environ["KASTEDESK_LOG_DIR"] = os.path.join(_session_dir, "log")
# Qt's settings (remembered folders, window state) never in the real user's configuration,
# which other test runs on the same machine would share.
os.environ["XDG_CONFIG_HOME"] = os.path.join(_session_dir, "config")
os.environ.pop("KASTEDESK_DB", None)
os.environ.pop("KASTEDESK_LANG", None)
# Never the real keyring of whoever runs the tests.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

import datetime as dt  # noqa: E402
import gc  # noqa: E402
import logging  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy import Engine  # noqa: E402
from sqlalchemy import text as sql_text  # noqa: E402
from sqlalchemy.util import LRUCache  # noqa: E402

from kastedesk import i18n  # noqa: E402
from kastedesk.storage import database as storage_database  # noqa: E402
from kastedesk.storage.database import Database, resolve_url  # noqa: E402
from kastedesk.storage.migrate import open_database  # noqa: E402
from kastedesk.ui.main_thread_gc import collect_due  # noqa: E402
from tests.db_support import (  # noqa: E402
    ON_POSTGRES,
    TEMPLATE,
    admin_engine,
    drop_pg_database,
    new_pg_database,
    server_url,
)

# As in the program: the cycle collector never runs in a worker thread (a bundle plan, a
# backup), where it would delete a closed dialog's widgets; each test collects at its end.
gc.disable()

# A test's database lives for one test: no waiting for the disk after each commit.
# (Subprocesses keep FULL; tests/storage/test_migrate.py checks that default.)
storage_database.SQLITE_SYNCHRONOUS = "OFF"


def _sharing_compiled_statements(create: Callable[..., Engine]) -> Callable[..., Engine]:
    """create_engine whose SQLite engines share one dialect and one compiled-statement cache.

    SQLAlchemy caches a statement's compiled SQL per engine (the key holds the dialect), and
    each test opens its own database: without this every test compiled every statement it
    ran again, about a fifth of the suite's time. One process, one SQLite library: every
    SQLite dialect here is initialised alike (the shared one by a connection of its own).
    """
    shared: list[tuple[Any, LRUCache]] = []

    def create_engine(url: Any, *args: Any, **kwargs: Any) -> Engine:
        engine = create(url, *args, **kwargs)
        if engine.dialect.name != "sqlite":
            return engine
        if not shared:
            first = create("sqlite://")
            first.connect().close()  # initialises the dialect from the SQLite library
            shared.append((first.dialect, LRUCache(10_000)))
        engine.dialect, engine._compiled_cache = shared[0]
        return engine

    return create_engine


storage_database.create_engine = _sharing_compiled_statements(  # type: ignore[assignment]
    storage_database.create_engine
)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own data and log folders and starts in English."""
    monkeypatch.setenv("KASTEDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KASTEDESK_LOG_DIR", str(tmp_path / "log"))
    monkeypatch.setenv("KASTEDESK_LANG", "en")  # the CLI's language; tests may change it
    from PySide6.QtCore import QSettings

    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(tmp_path / "config"))
    previous = i18n.current_language()
    i18n.set_language("en")
    root_logger = logging.getLogger()
    handlers, level = list(root_logger.handlers), root_logger.level
    yield
    i18n.set_language(previous)
    for handler in root_logger.handlers[:]:
        if handler in handlers or not isinstance(handler, logging.FileHandler):
            continue  # pytest's own capture handlers come and go with each phase
        # The program's log file (a started window's) was in this test's folder, which goes.
        root_logger.removeHandler(handler)
        handler.close()
    root_logger.setLevel(level)
    _drop_screen_fitter()
    _delete_closed_widgets()
    collect_due()  # in this thread, as the window's timer does (kastedesk/ui/main_thread_gc.py)


def _delete_closed_widgets() -> None:
    """Delete now what the test closed with deleteLater (pytest-qt closes its widgets so).

    processEvents() leaves deferred deletions for the next event loop; without this the
    closed windows of many tests stayed alive (6,000 widgets after a hundred tests), and
    everything Qt does to all widgets (a language change, a font, a palette) went to them.
    """
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _drop_screen_fitter() -> None:
    """A test that starts the window installs the screen fitter on the application; the
    next tests' windows keep the sizes they set (the offscreen screen is small)."""
    import sys

    screen_fit = sys.modules.get("kastedesk.ui.screen_fit")
    if screen_fit is None:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    for fitter in app.findChildren(screen_fit.ScreenFitter) if app is not None else []:
        fitter.setParent(None)
        fitter.deleteLater()


@pytest.fixture(autouse=True)
def _new_files_from_the_template(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new SQLite file a test opens starts as a copy of the session's migrated one.

    Running every migration from nothing takes about 0.4 s, and tests open dozens of new
    files; the copy is what those migrations made once this session. The migrations from
    nothing, and from each earlier revision, are tested on their own (tests/storage);
    ``@pytest.mark.fresh_migrations`` keeps the real run for a test that needs it.
    """
    if ON_POSTGRES or request.node.get_closest_marker("fresh_migrations"):
        return
    from kastedesk.storage import migrate

    template: Path = request.getfixturevalue("migrated_file")
    real_upgrade = migrate._upgrade_to_head

    def upgrade(engine) -> None:
        path = migrate.sqlite_path(engine.url)
        if path is None or (path.exists() and path.stat().st_size > 0):
            real_upgrade(engine)  # a server, or an older file being upgraded
            return
        engine.dispose()
        shutil.copyfile(template, path)

    monkeypatch.setattr(migrate, "_upgrade_to_head", upgrade)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): about SQLite files (WAL, paths, file backups, kills); "
        "skipped when KASTEDESK_TEST_DB=postgresql",
    )
    config.addinivalue_line(
        "markers", "fresh_migrations: new SQLite files run every migration (no template copy)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not ON_POSTGRES:
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated database that every test's database is copied from."""
    from sqlalchemy import text

    admin = admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {TEMPLATE}"))
    template = open_database(server_url().set(database=TEMPLATE))
    template.dispose()
    yield TEMPLATE
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def empty_pg_url() -> Iterator[str]:
    """An empty database on the test server (PostgreSQL runs only)."""
    if not ON_POSTGRES:
        pytest.skip("needs KASTEDESK_TEST_DB=postgresql (make test-pg)")
    url = new_pg_database(None)
    yield url
    drop_pg_database(url)


@pytest.fixture
def db_path(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    if not ON_POSTGRES:
        yield tmp_path / "test.sqlite"
        return
    template = (
        request.getfixturevalue("demo_source")()
        if _wants_demo(request)
        else request.getfixturevalue("pg_template")
    )
    url = new_pg_database(template)
    yield url  # type: ignore[misc]  # on PostgreSQL the "path" is the database URL
    drop_pg_database(url)


@pytest.fixture(scope="session")
def migrated_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated to head once per session; each test gets a copy."""
    path = tmp_path_factory.mktemp("migrated") / "head.sqlite"
    open_database(resolve_url(path)).dispose()  # closing the last connection folds in the WAL
    return path


@pytest.fixture(scope="session")
def demo_source(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Callable[[], str]]:
    """demo_source() -> a database (file, or PostgreSQL template) holding today's demo data.

    ``load_demo`` takes about a second; it runs once per session (once per day, should a
    run pass midnight, as the demo's dates follow today) and ``demo_db`` gets a copy.
    """
    from kastedesk.services.demo import load_demo

    base = request.getfixturevalue("pg_template" if ON_POSTGRES else "migrated_file")
    made: dict[dt.date, str] = {}

    def source() -> str:
        today = dt.date.today()
        if today not in made:
            if ON_POSTGRES:
                name = f"{TEMPLATE}_demo_{today:%Y%m%d}"
                _admin_sql(
                    f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
                    f"CREATE DATABASE {name} TEMPLATE {base}",
                )
                url = server_url().set(database=name)
                made[today] = name
            else:
                path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
                shutil.copyfile(base, path)
                url = resolve_url(path)
                made[today] = str(path)
            database = open_database(url)
            try:
                load_demo(database, today)
            finally:
                database.dispose()  # the last connection gone: the WAL is folded into the file
        return made[today]

    yield source
    if ON_POSTGRES:
        _admin_sql(*(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)" for name in made.values()))


@pytest.fixture
def demo_data_file(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """``tmp_path / "demo.sqlite"``: a SQLite file holding the demo data, whatever engine the
    run tests (for the migration tests, which take files down and up).

    A copy of the session's demo file; on PostgreSQL runs the demo is loaded into it.
    """
    path = tmp_path / "demo.sqlite"
    if ON_POSTGRES:
        from kastedesk.services.demo import load_demo

        database = open_database(resolve_url(path))
        try:
            load_demo(database)
        finally:
            database.dispose()
    else:
        shutil.copyfile(request.getfixturevalue("demo_source")(), path)
    return path


def _admin_sql(*statements: str) -> None:
    """Run *statements* on the test server's maintenance database (PostgreSQL runs)."""
    admin = admin_engine()
    try:
        with admin.connect() as conn:
            for statement in statements:
                conn.execute(sql_text(statement))
    finally:
        admin.dispose()


def _wants_demo(request: pytest.FixtureRequest) -> bool:
    """Whether this test's database is the demo one (``demo_db`` anywhere among its fixtures)."""
    return "demo_db" in request.fixturenames


@pytest.fixture
def db(db_path: Path, request: pytest.FixtureRequest) -> Iterator[Database]:
    if not ON_POSTGRES:  # on PostgreSQL db_path is a copy of the right template already
        source = (
            request.getfixturevalue("demo_source")()
            if _wants_demo(request)
            else request.getfixturevalue("migrated_file")
        )
        shutil.copyfile(source, db_path)
    database = open_database(resolve_url(db_path))
    yield database
    database.dispose()


@pytest.fixture
def demo_db(db: Database) -> Database:
    """A database holding the demo dataset (LasSe steering group is group 1).

    ``db`` is the same database: a copy of the session's demo database (``demo_source``),
    which is what ``load_demo`` on a fresh one gives.
    """
    return db
