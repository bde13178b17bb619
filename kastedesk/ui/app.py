"""Starting the window: settings, language, database, error handling."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from kastedesk import APP_NAME, __version__, i18n
from kastedesk.i18n import _
from kastedesk.logging_setup import setup_logging
from kastedesk.paths import resource_path
from kastedesk.storage.errors import DatabaseError
from kastedesk.ui import crash, main_thread_gc, screen_fit, single_instance
from kastedesk.ui.main_window import DB_FILTER_EXTENSIONS, MainWindow
from kastedesk.ui.modal import run_modal
from kastedesk.ui.qt_translations import QtTranslations

# The window shows first; SQLAlchemy, the models and the server code load after it.
if TYPE_CHECKING:
    from kastedesk.storage.database import Database
    from kastedesk.ui.server_dialog import ServerRequest

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource_path("kastedesk.png"))))
    main_thread_gc.install(app)  # before any worker thread could run the collector
    return app


def initial_language(settings: QSettings) -> str:
    """The language chosen last time, else Finnish or Swedish from the system."""
    saved = settings.value("language")
    return saved if saved in i18n.LANGUAGES else i18n.system_language()


def choose_database_argument(db_arg: str | None, settings: QSettings) -> str | None:
    """``--db`` wins, then ``KASTEDESK_DB``, then the file opened last, then the default."""
    if db_arg or os.environ.get("KASTEDESK_DB"):
        return db_arg
    last = settings.value("database/last")
    return last if isinstance(last, str) and last else None


def connect_to_server(settings: QSettings) -> Database | None:
    """The server dialog on its own (before a database is open): the database, or None."""
    from kastedesk.ui.server_dialog import ServerDialog, last_server_address, open_server

    opened: list[Database] = []

    def connect(request: ServerRequest) -> Database:
        db, _not_kept = open_server(request)
        opened.append(db)
        return db

    run_modal(ServerDialog(connect, None, last_server_address(settings)))
    return opened[0] if opened else None


def open_with_recovery(db_arg: str | None, settings: QSettings | None = None) -> Database | None:
    """Open the database; on refusal offer another file, a server, or quitting."""
    from PySide6.QtWidgets import QMessageBox  # not before the window shows (screen_fit)

    from kastedesk.storage.database import resolve_url
    from kastedesk.storage.migrate import open_database
    from kastedesk.ui.file_dialogs import FileKind, open_file_name

    target = db_arg
    while True:
        try:
            return open_database(resolve_url(target))
        except DatabaseError as exc:
            log.warning("Cannot open database: %s", exc)
            box = QMessageBox(QMessageBox.Icon.Critical, _("Cannot open database"), str(exc))
            other = box.addButton(_("Open another database…"), QMessageBox.ButtonRole.AcceptRole)
            server = box.addButton(_("Connect to a server…"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Close)
            run_modal(box)
            if box.clickedButton() is server:
                db = connect_to_server(settings or QSettings())
                if db is not None:
                    return db
                continue
            if box.clickedButton() is not other:
                return None
            chosen = open_file_name(
                None,
                FileKind.DATABASES,
                _("Open database"),
                _("KasteDesk databases ({patterns})").format(patterns=DB_FILTER_EXTENSIONS)
                + ";;"
                + _("All files (*)"),
            )
            if chosen is None:
                return None
            target = str(chosen)


def hand_over_request(db_arg: str | None, open_path: Path | None) -> single_instance.HandOver:
    """What to ask a running window: its own database unless one was named explicitly."""
    explicit = db_arg or os.environ.get("KASTEDESK_DB")
    if not explicit:
        return single_instance.HandOver(None, open_path)
    from sqlalchemy.exc import ArgumentError

    from kastedesk.storage.database import resolve_url

    try:
        database = resolve_url(explicit).render_as_string(False)
    except (ValueError, ArgumentError):
        database = explicit  # no window has it open; this start reports the error itself
    return single_instance.HandOver(database, open_path)


def show_window(settings: QSettings, qt_translations: QtTranslations) -> MainWindow:
    """The window, shown and painted before any database code is imported."""
    window = MainWindow(None, settings, qt_translations)
    if window.first_start and screen_fit.fills_most_of_screen(window):
        # A laptop's first start: all of its screen (fitted with the frame just below).
        window.resize(screen_fit.available_geometry(window).size())
    window.show()
    screen_fit.fit_to_screen(window)
    QApplication.processEvents()  # paint it now: the database opens next
    log.info("KasteDesk %s window shown", __version__)  # and painted (make bench times this)
    # Every later window and dialog fits the screen too. Installed only now: the filter sees
    # every event of the program, and the window's first events would pay for it.
    app = QApplication.instance()
    if isinstance(app, QApplication):
        screen_fit.install(app)
    return window


def start_window(
    db_arg: str | None,
    open_path: Path | None,
    settings: QSettings,
    qt_translations: QtTranslations,
) -> MainWindow | None:
    """The window, serving later starts; None when the database could not be opened."""
    window = show_window(settings, qt_translations)
    db = open_with_recovery(choose_database_argument(db_arg, settings), settings)
    if db is None:
        window.close()
        window.deleteLater()
        return None
    window.start_with(db)
    server = single_instance.InstanceServer(
        lambda request: window.take_over(request.database, request.open_path), parent=window
    )
    server.listen()
    single_instance.hold_app_mutex()
    if open_path is not None:
        window.open_path_later(open_path)
    return window


def run_gui(db_arg: str | None = None, open_path: Path | None = None) -> int:
    """Show the window; *open_path* (a ``.kastebundle``) is offered for import once it shows.

    When a window is already open on the same database, the file goes there instead.
    """
    setup_logging()
    app = create_application()
    if single_instance.hand_over(lambda: hand_over_request(db_arg, open_path)):
        log.info("Handed over to the running KasteDesk: %s", open_path or "(no file)")
        return 0
    crash.install()
    settings = QSettings()
    qt_translations = QtTranslations(app)
    lang = initial_language(settings)
    i18n.set_language(lang)
    qt_translations.apply(lang)

    window = start_window(db_arg, open_path, settings, qt_translations)
    if window is None:
        return 1
    log.info("KasteDesk %s started on %s", __version__, window.db.label)
    try:
        return app.exec()
    finally:
        window.db.dispose()
