"""The main window: four tabs, the File/Language/Help menus and the status bar."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

# Qt's namespace, message boxes and input dialogs through their modules (QtCore.Qt,
# QtWidgets.QMessageBox): PySide6 makes a class and its enums on first use, and none of
# these is needed before the window shows (start-up measured in `make bench`).
from PySide6 import QtCore, QtWidgets
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, QSettings, QSignalBlocker, QThreadPool, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget, QWidget

from kastedesk import __version__, i18n
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.storage.errors import DatabaseError
from kastedesk.ui.bundles.menu import install_bundle_actions
from kastedesk.ui.help.keys import SHORTCUTS_KEY
from kastedesk.ui.long_lived import freeze_start_up_objects
from kastedesk.ui.modal import open_window_modal, run_modal
from kastedesk.ui.open_files import open_file
from kastedesk.ui.qt_translations import QtTranslations
from kastedesk.ui.tab_page import TabPage
from kastedesk.ui.tabs import TAB_SPECS
from kastedesk.ui.welcome.first_run import install_first_run

# The window shows before SQLAlchemy, the models, the tabs' code, the list of shortcuts
# and the file dialogs are imported: what needs them imports them where it is used
# (start-up measured in `make bench`).
if TYPE_CHECKING:
    from kastedesk.storage.backup_store import BackedUp
    from kastedesk.storage.database import Database
    from kastedesk.ui.background_backup import BackgroundBackup
    from kastedesk.ui.help.help_window import HelpWindow
    from kastedesk.ui.help.shortcuts import ShortcutsDialog
    from kastedesk.ui.restore_dialog import RestoreDialog
    from kastedesk.ui.server_dialog import ServerRequest

DB_FILTER_EXTENSIONS = "*.sqlite *.sqlite3 *.db"
OUTSIDE_CHANGES_INTERVAL_MS = 3000
# A server pushes its notifications; reading them is cheap, so look every second.
SERVER_CHANGES_INTERVAL_MS = 1000
AUTHOR_SETTING = "author/name"

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Built and shown before the database is open (``db`` None): :meth:`start_with` then
    brings the database, so the window appears at once even on a large database."""

    db: Database

    def __init__(
        self, db: Database | None, settings: QSettings, qt_translations: QtTranslations
    ) -> None:
        super().__init__()
        self.started = False
        self.pending_path: Path | None = None  # a file given at start, opened once shown
        self._settings = settings
        self._qt_translations = qt_translations
        self._shown_once = False
        self._stale_pages: set[int] = set()

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # A tab's page is built when first shown (or asked for): until then an empty stand-in,
        # so the window shows without importing or building the other tabs.
        self._built: list[TabPage | None] = [None] * len(TAB_SPECS)
        for _spec in TAB_SPECS:
            self.tabs.addTab(QWidget(), "")
        self.setCentralWidget(self.tabs)

        self._db_label = QLabel()  # selectable once it names the database (start_with)
        self.statusBar().addPermanentWidget(self._db_label)

        self._create_actions()
        self._create_menus()
        self.first_run = install_first_run(self)  # the welcome page, demo data, assistant
        self._restore_state()
        self.retranslate_ui()
        self.outside_changes_timer = QTimer(self)
        self.outside_changes_timer.timeout.connect(self.check_outside_changes)
        self._set_database_actions_enabled(False)
        self._backups: BackgroundBackup | None = None  # made with the first backup
        # F1 in dialogs too, once the window has shown: the key filter sees every event.
        QTimer.singleShot(0, self._install_help_keys)
        if db is not None:
            self.start_with(db)

    @staticmethod
    def _install_help_keys() -> None:
        from kastedesk.ui.help.help_keys import install_help_keys

        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_help_keys(app)

    def start_with(self, db: Database) -> None:
        """The database opened at start: the visible tab reads it, watching begins."""
        from kastedesk.storage.change_watch import watch_changes

        self.db = db
        self.started = True
        # Not before the window shows: Qt's namespace costs about 20 ms to make (screen_fit).
        self._db_label.setTextInteractionFlags(
            QtCore.Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self._apply_author(db)
        QTimer.singleShot(0, self.backup_on_open)  # once the window shows
        # Others' commits (another window, a command) show within seconds or on focus.
        self._watch = watch_changes(db)
        db.add_wait_listener(self._waiting_for_lock)
        self.outside_changes_timer.setInterval(self._watch_interval(db))
        self.outside_changes_timer.start()
        self.tabs.currentChanged.connect(self._refresh_if_stale)
        self.tabs.currentChanged.connect(self._page_at)
        self._set_database_actions_enabled(True)
        self.retranslate_ui()
        self.first_run.update()  # the welcome page while the database has no project
        self._page_at(self.tabs.currentIndex())
        QTimer.singleShot(0, self._read_visible_tab)
        QTimer.singleShot(0, self._warn_about_location)
        QTimer.singleShot(0, self.offer_drafts)
        if self._shown_once:
            QTimer.singleShot(0, self.announce_due)

    def _read_visible_tab(self) -> None:
        if self.isVisible():
            self._page_at(self.tabs.currentIndex()).ensure_loaded()
            log.info("The visible tab shows its data")
            freeze_start_up_objects()

    def _set_database_actions_enabled(self, enabled: bool) -> None:
        """Until a database is open only opening one, the language, help and quitting work."""
        for action in (
            self.action_author,
            self.action_backup,
            self.action_restore,
            self.action_demo,
            self.bundles.export_action,
            self.bundles.import_action,
        ):
            action.setEnabled(enabled)
        self.tabs.setEnabled(enabled)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if self.started:
                QTimer.singleShot(0, self.announce_due)  # after the first paint

    def page(self, key: str) -> TabPage:
        """The tab *key* (a TabSpec key), built and its data read."""
        page = self._page_at([spec.key for spec in TAB_SPECS].index(key))
        page.ensure_loaded()
        return page

    @property
    def _pages(self) -> list[TabPage]:
        """Every tab's page, building those not built yet."""
        return [self._page_at(index) for index in range(len(TAB_SPECS))]

    def built_pages(self) -> list[TabPage]:
        """The pages built so far (the others have nothing to refresh or translate)."""
        return [page for page in self._built if page is not None]

    def _page_at(self, index: int) -> TabPage:
        """The page of tab *index*, built now in place of its stand-in if need be."""
        page = self._built[index]
        if page is not None:
            return page
        spec = TAB_SPECS[index]
        page = spec.create(self.db)  # its data is read when first shown
        page.setObjectName(f"tab_{spec.key}")
        page.use_settings(self._settings)
        self._built[index] = page
        current = self.tabs.currentIndex()
        stand_in = self.tabs.widget(index)
        with QSignalBlocker(self.tabs):
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, page, spec.title())
            self.tabs.setCurrentIndex(current)
        if stand_in is not None:
            stand_in.deleteLater()
        return page

    def load_all_pages(self) -> None:
        """Build every tab and read its data now instead of when first shown (tests)."""
        for page in self._pages:
            page.ensure_loaded()

    def announce_due(self) -> None:
        """Say in the status bar how many agendas and attachments are due or overdue."""
        import datetime as dt

        from kastedesk.services.meeting_views import due_soon
        from kastedesk.ui.meetings.due_soon_panel import due_message

        items = due_soon(self.db, dt.date.today())
        text = due_message(len(items), sum(1 for i in items if i.overdue))
        self.statusBar().showMessage(text, 20000)

    def _refresh_page(self, page: TabPage) -> None:
        if page.loaded:
            page.refresh_after_outside_change()
        else:
            page.ensure_loaded()

    # --- changes made by others -----------------------------------------------------------

    def check_outside_changes(self) -> bool:
        """Refresh the visible tab if someone else committed; the others when next shown."""
        if not self._watch.changed_elsewhere():
            return False
        current = self.tabs.currentIndex()
        self._stale_pages = {
            index for index, page in enumerate(self._built) if page is not None
        } - {current}
        if 0 <= current < len(TAB_SPECS):
            self._refresh_page(self._page_at(current))
        self.first_run.update()
        return True

    def changeEvent(self, event: QEvent) -> None:
        """Back in the window (from another program or a dialog): others' changes show now.

        The window's own activation, not QApplication.applicationStateChanged: a connection
        from the application to a window outlived the window in PySide6 and crashed the
        next event after the window was deleted."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.started and self.isActiveWindow():
            self.check_outside_changes()

    def _refresh_if_stale(self, index: int) -> None:
        if index in self._stale_pages:
            self._stale_pages.discard(index)
            self._refresh_page(self._page_at(index))

    def _warn_about_location(self) -> None:
        """Network drive or OneDrive: said once per database file, not at every start."""
        import hashlib

        for warning in self.db.warnings:
            digest = hashlib.sha256(f"{self.db.label}\n{warning}".encode()).hexdigest()[:16]
            key = f"warned/{digest}"
            if self._settings.value(key):
                continue
            self._settings.setValue(key, True)
            QtWidgets.QMessageBox.information(self, _("Where the database is kept"), warning)

    def offer_drafts(self) -> None:
        """Typing interrupted by a crash: offer it back, or let the user drop it."""
        from kastedesk.formatting import format_datetime
        from kastedesk.ui.draft_keeper import draft_store

        store = draft_store(self.db)
        drafts = store.all()
        if not drafts:
            return
        lines = "\n".join(f"• {d.label} ({format_datetime(d.saved_at)})" for d in drafts)
        answer = self.ask_about_drafts(
            _(
                "KasteDesk was closed before these changes were saved:\n{drafts}\n\n"
                "Open them again to check and save them?"
            ).format(drafts=lines)
        )
        if answer is None:
            return  # asked again at the next start
        for draft in drafts:
            if answer:
                page = self._draft_page(draft.key)
                if page is not None:
                    page.ensure_loaded()
                    self.tabs.setCurrentWidget(page)
                    # _draft_page() finds the page of a kind that keeps drafts
                    if page.restore_draft(draft.key, draft.fields):  # type: ignore[attr-defined]
                        store.discard(draft.key)  # the editor keeps a new one if need be
                        continue
            store.discard(draft.key)

    def ask_about_drafts(self, text: str) -> bool | None:
        """True: restore, False: discard, None: later. Tests replace this."""
        box = QtWidgets.QMessageBox(self)
        box.setIcon(QtWidgets.QMessageBox.Icon.Question)
        box.setWindowTitle(_("Unsaved changes"))
        box.setText(text)
        restore = box.addButton(_("&Open them"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(_("&Discard"), QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton(_("&Later"), QtWidgets.QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.setEscapeButton(later)
        run_modal(box)
        clicked = box.clickedButton()
        return True if clicked is restore else False if clicked is discard else None

    def _draft_page(self, key: str) -> TabPage | None:
        return self.page("members" if key.startswith("member-") else "meetings")

    def _waiting_for_lock(self) -> None:
        """A save waits for another program's write: say so before the wait starts."""
        self.statusBar().showMessage(
            _("Waiting for another program to finish writing to the database…"), 10_000
        )
        QApplication.processEvents()

    @staticmethod
    def _watch_interval(db: Database) -> int:
        from kastedesk.storage.database import is_postgresql

        if is_postgresql(db.url):
            return SERVER_CHANGES_INTERVAL_MS
        return OUTSIDE_CHANGES_INTERVAL_MS

    def _watch_database(self, db: Database) -> None:
        from kastedesk.storage.change_watch import watch_changes

        db.add_wait_listener(self._waiting_for_lock)
        self._watch.close()
        self._watch = watch_changes(db)
        self.outside_changes_timer.setInterval(self._watch_interval(db))
        self._stale_pages.clear()

    def open_path_later(self, path: Path) -> None:
        """Remember *path* and open it (offer the bundle's import) when the event loop runs."""
        self.pending_path = Path(path)
        QTimer.singleShot(0, self._open_pending_path)

    def take_over(self, database: str | None, path: Path | None) -> bool:
        """A later start of KasteDesk hands its file here; False if it wants another database."""
        if database is not None and database != self.db.url.render_as_string(False):
            return False
        self.bring_to_front()
        if path is not None:
            self.open_path_later(path)
        return True

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def _open_pending_path(self) -> None:
        path, self.pending_path = self.pending_path, None
        if path is not None:
            open_file(self, path)

    # --- construction -------------------------------------------------------------------

    def _create_actions(self) -> None:
        # setShortcuts, not setShortcut: PySide6 resolves setShortcut's overloads through Qt's
        # namespace, which it makes whole (about 20 ms) before the window could show.
        self.action_new = QAction(self)
        # No Ctrl+N here: on the tabs it adds a person or a workshop.
        self.action_new.triggered.connect(self.new_database)
        self.action_open = QAction(self)
        self.action_open.setShortcuts([QKeySequence(QKeySequence.StandardKey.Open)])
        self.action_open.triggered.connect(self.open_database_dialog)
        self.action_server = QAction(self)
        self.action_server.triggered.connect(self.open_server_dialog)
        self.action_author = QAction(self)
        self.action_author.triggered.connect(self.choose_author_name)
        self.action_backup = QAction(self)
        self.action_backup.setShortcuts([QKeySequence("Ctrl+Shift+S")])
        self.action_backup.triggered.connect(self.backup_database_dialog)
        self.action_restore = QAction(self)
        self.action_restore.triggered.connect(self.restore_from_backup_dialog)
        self.action_demo = QAction(self)  # look around in the demo data (see first_run)
        self.action_demo.triggered.connect(lambda: None)
        self.action_quit = QAction(self)
        self.action_quit.setShortcuts([QKeySequence("Ctrl+Q")])
        self.action_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.action_quit.triggered.connect(self.close)
        self.action_guide = QAction(self)
        self.action_guide.setShortcuts([QKeySequence(QKeySequence.StandardKey.HelpContents)])
        self.action_guide.triggered.connect(lambda: self.show_guide())
        self.action_shortcuts = QAction(self)
        self.action_shortcuts.setShortcuts([SHORTCUTS_KEY])  # the same key lists a dialog's keys
        self.action_shortcuts.triggered.connect(lambda: self.show_shortcuts())
        self.action_about = QAction(self)
        self.action_about.triggered.connect(self.show_about)

        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        group.setExclusive(True)
        for lang in i18n.LANGUAGES:
            action = QAction(i18n.LANGUAGE_NAMES[lang], self, checkable=True)
            action.setData(lang)
            action.triggered.connect(lambda _checked=False, code=lang: self.set_language(code))
            group.addAction(action)
            self.language_actions[lang] = action

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions(
            [
                self.action_new,
                self.action_open,
                self.action_server,
                self.action_backup,
                self.action_restore,
            ]
        )
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.action_demo)
        self.bundles = install_bundle_actions(self, self.file_menu, self.action_demo)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.action_author)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.action_quit)
        self.language_menu = bar.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.addActions([self.action_guide, self.action_shortcuts])
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.action_about)

    def retranslate_ui(self) -> None:
        if self.started:
            self.setWindowTitle(_("KasteDesk – {database}").format(database=self.db.label))
            self._db_label.setText(_("Database: {database}").format(database=self.db.label))
        else:
            self.setWindowTitle("KasteDesk")
            self._db_label.setText(_("Opening the database…"))
        for index, spec in enumerate(TAB_SPECS):
            self.tabs.setTabText(index, spec.title())
        self.file_menu.setTitle(_("&File"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.action_new.setText(_("&New database…"))
        self.action_open.setText(_("&Open database…"))
        self.action_server.setText(_("Connect to &server…"))
        self.action_server.setStatusTip(_("Open a PostgreSQL database shared by the office"))
        self.action_author.setText(_("Your na&me in the history…"))
        self.action_backup.setText(_("&Back up database…"))
        self.action_restore.setText(_("&Restore from backup…"))
        self.action_restore.setStatusTip(
            _("Replace the database with one of its automatic backups")
        )
        self.action_quit.setText(_("&Quit"))
        self.action_guide.setText(_("&User guide"))
        self.action_shortcuts.setText(_("&Keyboard shortcuts"))
        self.action_about.setText(_("&About KasteDesk"))
        self.bundles.retranslate_ui()
        self.language_actions[i18n.current_language()].setChecked(True)
        for page in self.built_pages():
            page.retranslate_ui()
        self.first_run.retranslate_ui()  # the window title, the welcome page, the demo bar

    # --- state --------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self._settings.value("window/geometry")
        # Where the user left it (maximised or not); else the first size, see show_window.
        self.first_start = geometry is None
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        keys = [spec.key for spec in TAB_SPECS]
        tab = self._settings.value("window/tab", "members")
        self.tabs.setCurrentIndex(keys.index(tab) if tab in keys else 0)

    def save_state(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/tab", TAB_SPECS[self.tabs.currentIndex()].key)
        self._settings.setValue("language", i18n.current_language())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.wait_for_backup()  # a backup being written is finished, never cut off
        self.wait_for_jobs()
        self.outside_changes_timer.stop()
        if self.started:
            self._watch.close()
        super().closeEvent(event)

    # --- language -----------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Switch the whole open window to *lang* at once, without a restart."""
        i18n.set_language(lang)
        self._qt_translations.apply(lang)
        self._settings.setValue("language", lang)
        self.retranslate_ui()
        self.statusBar().clearMessage()  # said in the previous language
        if self.started:
            self.announce_due()

    # --- database -----------------------------------------------------------------------

    def switch_database(self, path: str) -> bool:
        """Open *path* (creating it when new); keep the current one on failure."""
        from kastedesk.storage.database import resolve_url
        from kastedesk.storage.migrate import open_database

        try:
            new_db = open_database(resolve_url(path))
        except DatabaseError as exc:
            QtWidgets.QMessageBox.warning(self, _("Cannot open database"), str(exc))
            return False
        self.use_database(new_db)
        return True

    def open_server_dialog(self) -> bool:
        """File → Connect to server…; the current database stays open until one connects."""
        from kastedesk.ui.server_dialog import ServerDialog, last_server_address

        dialog = ServerDialog(self.connect_server, self, last_server_address(self._settings))
        return run_modal(dialog) == ServerDialog.DialogCode.Accepted

    def connect_server(self, request: ServerRequest) -> Database:
        """Open the server database of *request*, or ValidationError with the reason."""
        from kastedesk.ui.server_dialog import open_server

        new_db, not_kept = open_server(request)
        if not_kept:
            QtWidgets.QMessageBox.information(
                self,
                _("Connect to a server database"),
                _(
                    "There is no system keyring to keep the password in; "
                    "you will be asked for it again next time."
                ),
            )
        self.use_database(new_db)
        return new_db

    def choose_author_name(self) -> bool:
        """The name written as the author of this user's saves (empty: the login name)."""
        name, ok = QtWidgets.QInputDialog.getText(
            self,
            _("Your name in the history"),
            _("Name shown as the author of your changes (empty: {default}):").format(
                default=self.db.default_author
            ),
            text=str(self._settings.value(AUTHOR_SETTING, "") or ""),
        )
        if not ok:
            return False
        self._settings.setValue(AUTHOR_SETTING, name.strip())
        self._apply_author(self.db)
        return True

    def _apply_author(self, db: Database) -> None:
        db.set_author(str(self._settings.value(AUTHOR_SETTING, "") or ""))

    def use_database(self, new_db: Database) -> None:
        """Show *new_db* in every tab instead of the current database, which is closed."""
        from kastedesk.storage.database import url_to_remember

        old, self.db = self.db, new_db
        self._rebuild_pages()
        old.dispose()
        self._apply_author(new_db)
        self._watch_database(new_db)
        from kastedesk.services.demo import is_demo_database

        if not is_demo_database(new_db):  # the next start opens the user's own database
            self._settings.setValue("database/last", url_to_remember(new_db.url))
        QTimer.singleShot(0, self.announce_due)
        QTimer.singleShot(0, self._warn_about_location)
        QTimer.singleShot(0, self.offer_drafts)
        self.retranslate_ui()
        self.statusBar().showMessage(_("Opened {database}").format(database=new_db.label), 5000)
        self.backup_on_open()

    def backup_on_open(self) -> None:
        """The day's automatic backup of the open database, on a worker thread so that
        the window never freezes for it; a failure is shown, not fatal."""
        from kastedesk.domain.backup_retention import BackupReason
        from kastedesk.ui.background_backup import BackgroundBackup

        if self._backups is None:  # not before the window shows: it imports the dates' code
            self._backups = BackgroundBackup(self)
            self._backups.finished.connect(self._backup_done)
        self._backups.start(self.db, BackupReason.OPEN)

    def wait_for_jobs(self) -> None:
        """Until the work running in worker threads (an export, a report, a bundle import)
        is done, at close: the program's exit would cut it off half-way (openpyxl's
        temporary files are removed at exit) and lose the file or import the user asked for.
        """
        pool = QThreadPool.globalInstance()
        if pool.activeThreadCount():
            from kastedesk.ui.busy import busy_cursor  # its Qt namespace not at start-up

            with busy_cursor():
                pool.waitForDone()

    def wait_for_backup(self) -> None:
        """Until a running automatic backup is written (before a restore, at close)."""
        if self._backups is not None:
            self._backups.wait()

    def _backup_done(self, result: object) -> None:
        if isinstance(result, DatabaseError):
            log.warning("Automatic backup failed: %s", result)
            self.statusBar().showMessage(
                _("The automatic backup failed: {reason}").format(reason=result), 15_000
            )

    def _db_filter(self) -> str:
        return (
            _("KasteDesk databases ({patterns})").format(patterns=DB_FILTER_EXTENSIONS)
            + ";;"
            + _("All files (*)")
        )

    def settings(self) -> QSettings:
        return self._settings

    def open_database_dialog(self) -> None:
        from kastedesk.ui.file_dialogs import FileKind, open_file_name

        path = open_file_name(
            self, FileKind.DATABASES, _("Open database"), self._db_filter(), self._settings
        )
        if path:
            self.switch_database(str(path))

    def new_database(self) -> None:
        from kastedesk.ui.file_dialogs import FileKind, save_file_name

        path, _filter = save_file_name(
            self,
            FileKind.DATABASES,
            _("New database"),
            "kastedesk.sqlite",
            self._db_filter(),
            self._settings,
        )
        if path is None:
            return
        if Path(path).exists():
            QtWidgets.QMessageBox.warning(
                self,
                _("New database"),
                _("{path} already exists. Use File → Open database to open it.").format(path=path),
            )
            return
        self.switch_database(str(path))

    def backup_database_dialog(self) -> None:
        from kastedesk.storage.database import is_postgresql, sqlite_path
        from kastedesk.ui.file_dialogs import FileKind, save_file_name

        source = sqlite_path(self.db.url)
        if source is None and not is_postgresql(self.db.url):
            QtWidgets.QMessageBox.information(
                self,
                _("Back up database"),
                _("Backups can be made of SQLite files and PostgreSQL databases."),
            )
            return
        if source is None:  # a server database: a SQLite copy of it
            source = Path(f"{self.db.url.database or 'kastedesk'}.sqlite")
        import datetime as dt

        suggested = f"{source.stem}-{dt.date.today().isoformat()}.sqlite"
        path, _filter = save_file_name(
            self, FileKind.BACKUPS, _("Back up database"), suggested, self._db_filter(),
            self._settings,
        )  # fmt: skip
        if path is not None:
            self.backup_to(path)

    def backup_to(self, target: Path) -> bool:
        from kastedesk.storage.backup import backup_sqlite
        from kastedesk.storage.database import sqlite_path

        source = sqlite_path(self.db.url)
        try:
            if source is not None:
                written = backup_sqlite(source, target)
            else:  # a consistent snapshot of the server, as `kastedesk backup` writes it
                written = Path(target).expanduser().absolute()
                from kastedesk.storage.server_copy import backup_server  # all models: when asked

                backup_server(self.db, written)
        except DatabaseError as exc:
            QtWidgets.QMessageBox.warning(self, _("Back up database"), str(exc))
            return False
        self.statusBar().showMessage(_("Backup written: {path}").format(path=written), 8000)
        return True

    def restore_from_backup_dialog(self) -> RestoreDialog | None:
        from kastedesk.storage.database import is_postgresql, sqlite_path
        from kastedesk.ui.restore_dialog import RestoreDialog

        self.wait_for_backup()  # today's backup is in the list, and not being written
        source: BackedUp | None = sqlite_path(self.db.url)
        if source is None and is_postgresql(self.db.url):
            source = self.db.url  # its automatic backups are SQLite snapshots of the server
        if source is None:
            QtWidgets.QMessageBox.information(
                self,
                _("Restore from backup"),
                _("Backups can be made of SQLite files and PostgreSQL databases."),
            )
            return None
        dialog = RestoreDialog(source, self)
        dialog.accepted.connect(lambda: self._confirm_restore(source, dialog))
        open_window_modal(dialog)
        return dialog

    def _confirm_restore(self, source: BackedUp, dialog: RestoreDialog) -> None:
        from kastedesk.ui.restore_dialog import confirmation_text

        entry = dialog.chosen
        if entry is None:
            return
        answer = QtWidgets.QMessageBox.question(
            self,
            _("Restore from backup"),
            confirmation_text(source, entry),
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
            QtWidgets.QMessageBox.StandardButton.No,
        )
        if answer == QtWidgets.QMessageBox.StandardButton.Yes:
            self.restore_from(entry.path)

    def _close_connections(self) -> None:
        """Every connection this window holds to its database (before a restore)."""
        self._watch.close()
        self.db.dispose()

    def restore_from(self, backup: Path) -> bool:
        """Restore *backup* into the open database and show it again."""
        from kastedesk.storage.backup_store import restore_backup
        from kastedesk.storage.database import sqlite_path
        from kastedesk.storage.migrate import open_database

        target = sqlite_path(self.db.url)
        if target is None:
            return self._restore_server_from(backup)
        try:
            report = restore_backup(target, backup, close_connections=self._close_connections)
        except DatabaseError as exc:
            self._watch_database(self.db)  # the old database stays open
            QtWidgets.QMessageBox.warning(self, _("Restore from backup"), str(exc))
            return False
        try:
            new_db = open_database(self.db.url)  # an older backup's schema is brought up to date
        except DatabaseError as exc:
            self._watch_database(self.db)
            QtWidgets.QMessageBox.warning(self, _("Restore from backup"), str(exc))
            return False
        old, self.db = self.db, new_db
        self._rebuild_pages()
        old.dispose()
        self._watch_database(new_db)
        self.retranslate_ui()
        kept = report.kept_aside.path if report.kept_aside else None
        self.statusBar().showMessage(
            _("Restored from {backup}. The previous database is kept as {kept}.").format(
                backup=backup, kept=kept
            )
            if kept
            else _("Restored from {backup}.").format(backup=backup),
            15_000,
        )
        return True

    def _restore_server_from(self, backup: Path) -> bool:
        """Replace the server database's contents by *backup* in one transaction."""
        from kastedesk.storage.server_copy import restore_server  # all models: when asked

        try:
            report = restore_server(self.db, backup)
        except DatabaseError as exc:
            QtWidgets.QMessageBox.warning(self, _("Restore from backup"), str(exc))
            return False
        self.reload_pages()
        self.retranslate_ui()
        self.statusBar().showMessage(
            _("Restored from {backup}. The previous database is kept as {kept}.").format(
                backup=backup, kept=report.kept_aside
            )
            if report.kept_aside
            else _("Restored from {backup}.").format(backup=backup),
            15_000,
        )
        return True

    def reload_pages(self) -> None:
        """Show the data again on every tab (after an import changed it)."""
        self._use_database_on_pages()

    def _use_database_on_pages(self) -> None:
        """Tabs already read (and the visible one) read again now; the rest when first shown."""
        current = self.tabs.currentWidget()
        for page in self.built_pages():  # the others read it when built
            again = (page.loaded and page.has_read_once) or page is current
            page.read_again()
            if again:
                page.ensure_loaded()
        self.first_run.update()

    def _rebuild_pages(self) -> None:
        """Another database is open: the pages built for the previous one go (their unsaved
        typing kept as drafts of that database) and are built again for :attr:`db` when
        shown; the visible one at once. The same tab stays in front."""
        current = self.tabs.currentIndex()
        old = self._built
        self._built = [None] * len(TAB_SPECS)
        self._stale_pages.clear()
        with QSignalBlocker(self.tabs):
            for index, page in enumerate(old):
                if page is None:
                    continue
                page.retire()
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, QWidget(), TAB_SPECS[index].title())
                page.deleteLater()
            self.tabs.setCurrentIndex(current)
        if 0 <= current < len(TAB_SPECS):
            self._page_at(current).ensure_loaded()
        self.first_run.update()

    def show_bundle_conflicts(self) -> None:
        page = self.page("feedback")
        self.tabs.setCurrentWidget(page)
        page.show_exchange()  # type: ignore[attr-defined]  # the FeedbackPage

    def show_page(self, key: str) -> TabPage:
        """Bring the tab *key* to the front (an empty tab's hint may lead to another)."""
        page = self.page(key)
        self.tabs.setCurrentWidget(page)
        return page

    def load_demo_data(self) -> bool:
        """Fill this window's empty database with the demo data (tests and scripts; the
        File menu opens the separate demo database instead)."""
        from kastedesk.services import demo

        try:
            demo.load_demo(self.db)
        except ValidationError as exc:
            message = " ".join(exc.errors.values())
            QtWidgets.QMessageBox.information(self, _("Load demo data"), message)
            return False
        self._use_database_on_pages()
        self.statusBar().showMessage(_("Demo data loaded."), 5000)
        return True

    # --- help ---------------------------------------------------------------------------

    @property
    def help_topic(self) -> str:
        """The guide's page for the tab shown (F1 and Help → User guide open it)."""
        from kastedesk.ui.help.guide import INDEX

        if self.first_run.welcome_shown:
            return "start"  # getting started, not the page of the tab hidden behind it
        if not self.started or self.tabs.currentIndex() < 0:
            return INDEX
        page = self._page_at(self.tabs.currentIndex())  # built: it is being shown
        topic = getattr(type(page), "help_topic", None)
        return topic if isinstance(topic, str) else INDEX

    def show_guide(self, topic: str | None = None) -> HelpWindow:
        """Help → User guide (F1): the page of the tab or panel that has the focus."""
        focus = QApplication.focusWidget()
        shown = self.first_run.welcome if self.first_run.welcome_shown else self.tabs
        origin = focus if focus is not None and focus.window() is self else shown
        from kastedesk.ui.help.help_window import show_guide

        return show_guide(origin, topic)

    def show_shortcuts(self) -> ShortcutsDialog:
        """Help → Keyboard shortcuts: every shortcut of this window, tab by tab, and the
        Alt+letters of its menus, tabs and of what the current tab shows.

        Every tab is built for it (their data is still read only when shown).
        """
        from kastedesk.ui.help.shortcuts import (
            ShortcutsDialog,
            collect_shortcuts,
            collect_window_mnemonics,
        )

        pages = self._pages if self.started else self._built
        titles: dict[QWidget, str] = {
            page: spec.title() for page, spec in zip(pages, TAB_SPECS, strict=True) if page
        }
        rows = collect_shortcuts(self, titles)
        rows += [row for row in collect_window_mnemonics(self) if row not in rows]
        return open_window_modal(ShortcutsDialog(rows, self))

    def about_text(self) -> str:
        import platform

        return _(
            "<h3>KasteDesk {version}</h3>"
            "<p>Member registry, meetings and workshop feedback for Kaste development "
            "projects.</p><p>Database: {database}</p>"
            "<p>Python {python}, Qt for Python {pyside}</p>"
        ).format(
            version=__version__,
            database=self.db.label,
            python=platform.python_version(),
            pyside=pyside_version,
        )

    def show_about(self) -> None:
        QtWidgets.QMessageBox.about(self, _("About KasteDesk"), self.about_text())
