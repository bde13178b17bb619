"""Starting the window: settings, language, database, error handling."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from kastedesk import APP_NAME, __version__, i18n
from kastedesk.i18n import _
from kastedesk.logging_setup import setup_logging
from kastedesk.paths import resource_path
from kastedesk.storage.database import Database, resolve_url
from kastedesk.storage.errors import DatabaseError
from kastedesk.storage.migrate import open_database
from kastedesk.ui import crash
from kastedesk.ui.main_window import MainWindow
from kastedesk.ui.qt_translations import QtTranslations

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource_path("kastedesk.png"))))
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


def open_with_recovery(db_arg: str | None) -> Database | None:
    """Open the database; on refusal offer another file or quitting."""
    target = db_arg
    while True:
        try:
            return open_database(resolve_url(target))
        except DatabaseError as exc:
            log.warning("Cannot open database: %s", exc)
            box = QMessageBox(QMessageBox.Icon.Critical, _("Cannot open database"), str(exc))
            other = box.addButton(_("Open another database…"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Close)
            box.exec()
            if box.clickedButton() is not other:
                return None
            target, _filter = QFileDialog.getOpenFileName(None, _("Open database"))
            if not target:
                return None


def run_gui(db_arg: str | None = None, open_path: Path | None = None) -> int:
    """Show the window; *open_path* (a ``.kastebundle``) is offered for import once it shows."""
    setup_logging()
    app = create_application()
    crash.install()
    settings = QSettings()
    qt_translations = QtTranslations(app)
    lang = initial_language(settings)
    i18n.set_language(lang)
    qt_translations.apply(lang)

    db = open_with_recovery(choose_database_argument(db_arg, settings))
    if db is None:
        return 1
    window = MainWindow(db, settings, qt_translations)
    window.show()
    if open_path is not None:
        window.open_path_later(open_path)
    log.info("KasteDesk %s started on %s", __version__, db.label)
    try:
        return app.exec()
    finally:
        window.db.dispose()
