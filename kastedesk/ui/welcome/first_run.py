"""First run in the main window: the welcome page, the demo database and the assistant.

Kept out of main_window.py: the window calls :func:`install_first_run` once and
:meth:`FirstRun.update` whenever its database or data changes.

- A database with no project shows the welcome page instead of the tabs (until
  the user asks for the tabs).
- "Look around in the demo data" opens the demo's own file
  (``paths.demo_database_path``), never the user's; the title says DEMO DATA and
  a bar over the tabs (and the File menu) leads back to the user's database.
  The demo file is never remembered as the database to open next time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kastedesk.i18n import _
from kastedesk.paths import default_database_path
from kastedesk.ui import theme
from kastedesk.ui.empty_state import slot
from kastedesk.ui.modal import open_window_modal
from kastedesk.ui.welcome.welcome_page import WelcomePage

# The window shows before SQLAlchemy is imported (see main_window): the database code and
# the assistant are imported where they are used.
if TYPE_CHECKING:
    from kastedesk.storage.database import Database
    from kastedesk.ui.main_window import MainWindow
    from kastedesk.ui.welcome.setup_wizard import ProjectSetupWizard


class FirstRun(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.wizard: ProjectSetupWizard | None = None
        self._dismissed_for: str | None = None  # the database whose tabs were asked for
        self._own_database: str | None = None  # where "back to my database" goes

        self.welcome = WelcomePage()
        self.welcome.start_requested.connect(slot(self.start_project))
        self.welcome.demo_requested.connect(slot(self.open_demo))
        self.welcome.open_database_requested.connect(window.open_database_dialog)
        self.welcome.open_bundle_requested.connect(lambda: window.bundles.import_bundle())
        self.welcome.tabs_requested.connect(self.show_tabs)

        self.demo_bar = QFrame()
        self.demo_bar.setObjectName("demo_bar")
        self.demo_bar.hide()  # styled and shown by update() in the demo, after the window shows
        self.demo_label = QLabel()
        self.demo_label.setWordWrap(True)
        self.back_button = QPushButton()
        self.back_button.setObjectName("back_to_own")
        self.back_button.clicked.connect(slot(self.back_to_own_database))
        bar = QHBoxLayout(self.demo_bar)
        bar.setContentsMargins(8, 2, 8, 2)
        bar.addWidget(self.demo_label, 1)
        bar.addWidget(self.back_button)

        self.stack = QStackedWidget()
        window.takeCentralWidget()  # the tabs, kept (setCentralWidget would delete them)
        self.stack.addWidget(window.tabs)
        self.stack.addWidget(self.welcome)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.demo_bar)
        column.addWidget(self.stack, 1)
        window.setCentralWidget(central)
        window.action_demo.triggered.disconnect()
        window.action_demo.triggered.connect(self._demo_action)

    # --- state --------------------------------------------------------------------------

    @property
    def db(self) -> Database:
        return self.window.db

    @property
    def in_demo(self) -> bool:
        if not self.window.started:  # the window shows before the database code is imported
            return False
        from kastedesk.services.demo import is_demo_database

        return is_demo_database(self.db)

    @property
    def welcome_shown(self) -> bool:
        return self.stack.currentWidget() is self.welcome

    def update(self) -> None:
        """The welcome page while the database has no project; the demo bar in the demo."""
        from kastedesk.services import registry
        from kastedesk.storage.database import url_to_remember

        if not self.window.started:
            return
        key = url_to_remember(self.db.url)
        empty = registry.count_projects(self.db) == 0
        show = empty and self._dismissed_for != key
        had_focus = self.welcome_shown
        self.stack.setCurrentWidget(self.welcome if show else self.window.tabs)
        if show and not had_focus:
            self.welcome.setFocus()
        in_demo = self.in_demo
        if in_demo:
            band = theme.banner_style(theme.Tone.WARNING)  # the band's, not a box round its text
            self.demo_bar.setStyleSheet(f"QFrame#demo_bar {{ {band} }}")
        self.demo_bar.setVisible(in_demo)
        self.retranslate_ui()

    def show_tabs(self) -> None:
        from kastedesk.storage.database import url_to_remember

        self._dismissed_for = url_to_remember(self.db.url)
        self.update()
        self.window.tabs.setFocus()

    def window_title(self) -> str:
        if not self.window.started:
            return "KasteDesk"
        if self.in_demo:
            return _("KasteDesk – DEMO DATA – {database}").format(database=self.db.label)
        return _("KasteDesk – {database}").format(database=self.db.label)

    def retranslate_ui(self) -> None:
        self.welcome.retranslate_ui()
        self.demo_label.setText(
            _(
                "This is the demo database: a fictional project to try things out in. "
                "Your own data is in your own database."
            )
        )
        self.back_button.setText(_("Back to &my database"))
        if self.in_demo:
            self.window.action_demo.setText(_("&Close the demo data"))
            self.window.action_demo.setStatusTip(_("Close the demo data and open your database"))
        else:
            self.window.action_demo.setText(_("Look around in the &demo data"))
            self.window.action_demo.setStatusTip(
                _("Open a fictional project in a separate demo database")
            )
        if self.window.started:
            self.window.setWindowTitle(self.window_title())
        if self.wizard is not None:
            self.wizard.retranslate_ui()

    # --- the demo -----------------------------------------------------------------------

    def _demo_action(self) -> None:
        if self.in_demo:
            self.back_to_own_database()
        else:
            self.open_demo()

    def open_demo(self) -> bool:
        """Switch to the demo database (made and filled the first time)."""
        from kastedesk.domain.validation import ValidationError
        from kastedesk.services import demo
        from kastedesk.storage.database import url_to_remember
        from kastedesk.storage.errors import DatabaseError

        if self.in_demo:
            return True
        own = url_to_remember(self.db.url)
        try:
            demo_db = demo.open_demo_database()
        except (DatabaseError, ValidationError) as exc:
            message = " ".join(exc.errors.values()) if isinstance(exc, ValidationError) else exc
            QtWidgets.QMessageBox.warning(self.window, _("Demo data"), str(message))
            return False
        self._own_database = own
        self.window.use_database(demo_db)
        self.window.statusBar().showMessage(
            _(
                "Demo data opened. Back to your database: the button above the tabs, "
                "or File → Close the demo data."
            ),
            10_000,
        )
        return True

    def back_to_own_database(self) -> bool:
        own = self._own_database or self._remembered() or str(default_database_path())
        if self.window.switch_database(own):
            self._own_database = None
            return True
        return False

    def _remembered(self) -> str | None:
        last = self.window.settings().value("database/last")
        return last if isinstance(last, str) and last else None

    # --- start my project ---------------------------------------------------------------

    def start_project(self) -> ProjectSetupWizard:
        """Open the assistant (window-modal); it saves everything at once on Finish."""
        from kastedesk.ui.welcome.setup_wizard import ProjectSetupWizard

        if self.wizard is not None:
            self.wizard.raise_()
            return self.wizard
        wizard = ProjectSetupWizard(self.db, self.window)
        wizard.finished.connect(lambda _result: self._wizard_done(wizard))
        self.wizard = wizard
        return open_window_modal(wizard)

    def _wizard_done(self, wizard: ProjectSetupWizard) -> None:
        self.wizard = None
        result = wizard.result_ids
        if result is None:
            return  # cancelled: nothing was written
        window = self.window
        window.settings().setValue("members/group", result.group_id)
        window.reload_pages()
        members = window.page("members")
        window.tabs.setCurrentWidget(members)
        # window.page() gives the pages' base class; these are MembersPage and MeetingsPage
        members.select_group(result.project_id, result.group_id)  # type: ignore[attr-defined]
        if wizard.plan_first_meeting:  # the new meeting's dialog opens now
            message = _("Your project is ready. Now the first meeting's date, time and place.")
        else:
            message = _("Your project is ready. Next: plan the first meeting on the Meetings tab.")
        window.statusBar().showMessage(message, 20_000)
        if wizard.plan_first_meeting:
            meetings = window.page("meetings")
            window.tabs.setCurrentWidget(meetings)
            meetings.groups.select_group(result.group_id)  # type: ignore[attr-defined]  # as above
            meetings.new_meeting()  # type: ignore[attr-defined]  # as above


def install_first_run(window: MainWindow) -> FirstRun:
    return FirstRun(window)
