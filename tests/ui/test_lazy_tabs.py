"""Tabs read their data when first shown: the window appears before any tab's data."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QSettings

from kastedesk.ui.main_window import MainWindow
from kastedesk.ui.qt_translations import QtTranslations
from kastedesk.ui.tab_page import TabPage


class CountingPage(TabPage):
    def __init__(self, db) -> None:
        super().__init__(db)
        self.reads: list[object] = []

    def read_data(self) -> None:
        self.reads.append(self.db)


def test_no_tab_reads_before_the_window_is_shown_then_only_the_visible_one(
    qtbot, qapp, demo_db, tmp_path
) -> None:
    db = demo_db
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db, settings, QtTranslations(qapp))
    window.ask_about_drafts = lambda _text: None
    qtbot.addWidget(window)
    assert [p.objectName() for p in window.built_pages()] == ["tab_members"]  # only the visible
    pages = window._pages  # builds the others, still without reading
    assert not any(p.loaded for p in pages)  # built, nothing read
    window.show()
    assert not pages[0].loaded  # show() returns before the data is read
    qtbot.waitUntil(lambda: pages[0].loaded)
    assert [p.loaded for p in pages] == [True] + [False] * (len(pages) - 1)  # new tabs too
    window.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: pages[2].loaded)
    assert [p.loaded for n, p in enumerate(pages) if n not in (0, 2)] == [False] * (len(pages) - 2)
    assert window.page("meetings").loaded  # asked for by key: read at once


def test_once_the_first_tab_shows_its_data_start_up_objects_leave_the_collector(
    qtbot, qapp, db, tmp_path, monkeypatch
) -> None:
    import gc

    from kastedesk.ui import long_lived

    frozen: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1))
    monkeypatch.setattr(long_lived, "_frozen", False)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db, settings, QtTranslations(qapp))
    window.ask_about_drafts = lambda _text: None
    qtbot.addWidget(window)
    assert frozen == []  # not before the data shows
    window.show()
    qtbot.waitUntil(lambda: window.built_pages()[0].loaded)
    qtbot.waitUntil(lambda: frozen == [1])
    assert long_lived.freeze_start_up_objects() is False  # once per process
    assert frozen == [1]


def test_a_page_reads_its_database_once_until_asked_again(qtbot, db) -> None:
    page = CountingPage(db)
    qtbot.addWidget(page)
    assert page.reads == []  # built, not read
    page.show()
    qtbot.waitUntil(lambda: page.reads == [db])
    page.hide()
    page.show()
    qtbot.wait(10)
    assert page.reads == [db]  # shown again: not read again
    page.read_again()  # visible: read soon, without being shown again
    qtbot.waitUntil(lambda: page.reads == [db, db])


def test_a_tab_is_built_when_first_shown_and_keeps_its_place(qtbot, qapp, db, tmp_path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db, settings, QtTranslations(qapp))
    window.ask_about_drafts = lambda _text: None
    qtbot.addWidget(window)
    window.show()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    window.tabs.setCurrentIndex(1)
    built = window.built_pages()
    assert [p.objectName() for p in built] == ["tab_members", "tab_meetings"]
    assert window.tabs.currentIndex() == 1 and window.tabs.currentWidget() is built[1]
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == titles
    qtbot.waitUntil(lambda: built[1].loaded)
    window.tabs.setCurrentIndex(0)
    window.tabs.setCurrentIndex(1)
    assert window.built_pages()[1] is built[1]  # built once


@pytest.mark.processes  # the program in a process of its own
def test_the_window_module_loads_without_the_database_code(migrated_file, tmp_path) -> None:
    """What the window needs to show imports neither SQLAlchemy nor the documents' code;
    once it has read its database and said what is due, the documents' code (behind the
    Meetings tab, not shown yet) is still not loaded."""
    import shutil
    import subprocess
    import sys

    database = tmp_path / "kaste.sqlite"
    shutil.copyfile(migrated_file, database)
    probe = (
        "import sys, kastedesk.launch, kastedesk.ui.app as app\n"
        "heavy = lambda: [m for m in ('sqlalchemy', 'alembic', 'docx', 'babel') "
        "if m in sys.modules]\n"
        # Nor the list of shortcuts or the file dialogs (widget classes whose enums PySide
        # makes on import): the Help menu and the File menu import them when used.
        "later = [m for m in ('kastedesk.ui.help.shortcuts', 'kastedesk.ui.file_dialogs') "
        "if m in sys.modules]\n"
        "print(heavy() + later)\n"
        # Building and showing the window (menus, welcome page, titles) imports none either.
        "from PySide6.QtCore import QSettings\n"
        "qt = app.create_application([])\n"
        "window = app.show_window(QSettings(), app.QtTranslations(qt))\n"
        "print(heavy())\n"
        "from kastedesk.storage.database import resolve_url\n"
        "from kastedesk.storage.migrate import open_database\n"
        "window.start_with(open_database(resolve_url(sys.argv[1])))\n"
        "for _ in range(5): qt.processEvents()\n"
        "print(bool(window.statusBar().currentMessage()))\n"  # what is due: said
        # Nor the bundle services (the Members tab's export imports its worker when used).
        "print([m for m in ('docx', 'icalendar', 'kastedesk.ui.meetings.meetings_page', "
        "'kastedesk.services.bundles') if m in sys.modules])\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", probe, str(database)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:4] == ["[]", "[]", "True", "[]"]


def test_the_window_shows_before_the_modules_only_later_work_needs() -> None:
    """Dates, dataclasses and hashlib (which loads OpenSSL) are the open database's and the
    backup's business: a start that shows the window loads none of them."""
    import subprocess
    import sys

    probe = (
        "import sys, kastedesk.ui.app as app\n"
        "from PySide6.QtCore import QSettings\n"
        "from kastedesk.ui.main_window import MainWindow\n"
        "qt = app.create_application([])\n"
        "app.single_instance.server_name()\n"
        "window = MainWindow(None, QSettings(), app.QtTranslations(qt))\n"
        "window.show(); app.screen_fit.fit_to_screen(window)\n"  # show_window to its log line
        "print([m for m in ('datetime', 'dataclasses', 'hashlib') if m in sys.modules])\n"
        "print(app.create_application([]) is qt, app.main_thread_gc.install(qt) is "
        "app.main_thread_gc.install(qt))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "sv_FI.UTF-8"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["[]", "True True"]


def test_the_window_paints_before_pyside_makes_the_qt_namespace() -> None:
    """PySide6 makes all hundred enums of Qt's namespace (QtCore.Qt) on its first use, about
    20 ms, a fifth of what start-up adds to a bare window: not before the window has shown
    and painted. Nor does the first paint wait for the guide's window to be imported (about
    40 ms): the F1 keys are given in that event round without it."""
    import subprocess
    import sys

    probe = (
        "import sys, PySide6.QtCore as core, kastedesk.ui.app as app\n"
        "from PySide6.QtCore import QSettings\n"
        "from kastedesk import i18n\n"
        "from kastedesk.ui import one_per_app\nfrom kastedesk.ui.help import help_keys\n"
        "qt = app.create_application([])\n"
        "translations = app.QtTranslations(qt)\n"
        "i18n.set_language('sv'); translations.apply('sv')\n"
        "window = app.show_window(QSettings(), translations)\n"  # shown, painted, fitted
        "print('Qt' in vars(core), 'kastedesk.ui.help.help_window' in sys.modules)\n"
        "print(help_keys.HelpKeys in one_per_app._kept)\n"
        "print(window.menuBar().actions()[0].menu().actions()[1].shortcut().toString())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    # File → Open…: its key set all the same
    assert done.stdout.split() == ["False", "False", "True", "Ctrl+O"]


def test_the_window_shown_line_is_logged_after_the_first_paint(qtbot, qapp, tmp_path) -> None:
    """make bench times the start to this log line: it must mean painted, not only shown."""
    import logging

    from PySide6.QtCore import QEvent, QObject

    from kastedesk.ui import app as app_module

    order: list[str] = []

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, MainWindow):
                order.append("paint")
            return False

    class Lines(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "window shown" in record.getMessage():
                order.append("logged")

    paints, lines = Paints(), Lines()
    qapp.installEventFilter(paints)
    logger = logging.getLogger(app_module.__name__)
    logger.addHandler(lines)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        window = app_module.show_window(settings, QtTranslations(qapp))
        qtbot.addWidget(window)
    finally:
        qapp.removeEventFilter(paints)
        logger.removeHandler(lines)
        logger.setLevel(level)
    assert "logged" in order and "paint" in order[: order.index("logged")]


def test_the_window_shows_before_the_database_opens_and_then_reads_it(
    qtbot, qapp, monkeypatch, tmp_path
) -> None:
    from kastedesk.ui import app as app_module

    seen: list[tuple[bool, str]] = []
    shown: list[MainWindow] = []
    real_open, real_show = app_module.open_with_recovery, app_module.show_window
    monkeypatch.setattr(
        app_module, "show_window", lambda *a: shown.append(real_show(*a)) or shown[0]
    )

    def open_and_look(target, settings=None):
        window = shown[0]
        seen.append((window.isVisible(), window.windowTitle()))
        assert not window.tabs.isEnabled() and not window.action_backup.isEnabled()
        return real_open(target, settings)

    monkeypatch.setattr(app_module, "open_with_recovery", open_and_look)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = app_module.start_window(
        str(tmp_path / "kaste.sqlite"), None, settings, QtTranslations(qapp)
    )
    assert window is not None
    qtbot.addWidget(window)
    window.ask_about_drafts = lambda _text: None
    assert seen == [(True, "KasteDesk")]  # shown, not yet naming a database
    assert window.tabs.isEnabled() and window.action_backup.isEnabled()
    assert "kaste.sqlite" in window.windowTitle()
    qtbot.waitUntil(lambda: window.page("members").loaded)
    window.db.dispose()


def test_when_no_database_opens_the_window_closes(qtbot, qapp, monkeypatch, tmp_path) -> None:
    from kastedesk.ui import app as app_module

    shown: list[MainWindow] = []
    real_show = app_module.show_window
    monkeypatch.setattr(
        app_module, "show_window", lambda *a: shown.append(real_show(*a)) or shown[0]
    )
    monkeypatch.setattr(app_module, "open_with_recovery", lambda _target, _settings=None: None)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert app_module.start_window(None, None, settings, QtTranslations(qapp)) is None
    assert len(shown) == 1 and not shown[0].isVisible()


def test_looking_through_every_tab_again_writes_nothing(make_window, demo_db) -> None:
    """Once each tab has been read, showing it again saves nothing: no write lock, no
    change told to other windows, and the Feedback tab need not sum every response again
    (it reads again only when this window saved something since)."""
    from tests.ui.all_windows import settle, window_states

    window = make_window(demo_db)
    window.show()
    for _state in window_states(window, demo_db):
        settle()  # first looks may make defaults (the cost categories, the default form)
    before = demo_db.commits
    for state in window_states(window, demo_db):
        settle()
        assert demo_db.commits == before, state
