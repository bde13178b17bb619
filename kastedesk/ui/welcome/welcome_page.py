"""The page the window shows instead of its tabs while the database has no project.

Four ways on, each one button: start my project (the assistant), look around
in the demo data (a separate demo database), open a database, open a feedback
bundle; and "show the tabs" for those who would rather begin there. The database's
name is in the status bar below.
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCommandLinkButton,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kastedesk.i18n import _
from kastedesk.ui import theme

# A command link shows no focus frame of its own in the Fusion style: without this the
# keyboard user cannot see which way on Enter takes.
FOCUS_STYLE = (
    "QCommandLinkButton:focus { border: 2px solid palette(highlight); border-radius: 4px; }"
)


class WelcomePage(QWidget):
    help_topic = "start"  # F1 here: getting started, not the hidden tabs' last page
    start_requested = Signal()
    demo_requested = Signal()
    open_database_requested = Signal()
    open_bundle_requested = Signal()
    tabs_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_page")
        self.title = QLabel()
        theme.make_heading(self.title, 2.0)  # the system font size times 2
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("welcome_intro")
        self.start_button = QCommandLinkButton()
        self.start_button.setObjectName("welcome_start")
        self.demo_button = QCommandLinkButton()
        self.demo_button.setObjectName("welcome_demo")
        self.open_button = QCommandLinkButton()
        self.open_button.setObjectName("welcome_open")
        self.bundle_button = QCommandLinkButton()
        self.bundle_button.setObjectName("welcome_bundle")
        self.tabs_button = QPushButton()
        self.tabs_button.setObjectName("welcome_tabs")
        self.tabs_button.setFlat(True)

        self.start_button.clicked.connect(self.start_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.open_button.clicked.connect(self.open_database_requested)
        self.bundle_button.clicked.connect(self.open_bundle_requested)
        self.tabs_button.clicked.connect(self.tabs_requested)

        column = QVBoxLayout()
        column.addWidget(self.title)
        column.addWidget(self.intro)
        column.addSpacing(12)
        for button in (self.start_button, self.demo_button, self.open_button, self.bundle_button):
            column.addWidget(button)
        column.addSpacing(8)
        # Its own row, stretched on the right: kept to the left without an alignment flag
        # (Qt's namespace would be made, about 20 ms, before the window shows).
        tabs_row = QHBoxLayout()
        tabs_row.addWidget(self.tabs_button)
        tabs_row.addStretch(1)
        column.addLayout(tabs_row)
        column.addStretch(1)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(760)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(holder, 4)
        outer.addStretch(1)
        self.setFocusProxy(self.start_button)
        self.setStyleSheet(FOCUS_STYLE)
        self.retranslate_ui()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter takes the focused way on, as in a dialog (a main window's buttons ignore it)."""
        focused = self.focusWidget()
        if (
            event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)
            and isinstance(focused, QAbstractButton)
            and self.isAncestorOf(focused)
        ):
            focused.click()
            return
        super().keyPressEvent(event)

    def retranslate_ui(self) -> None:
        self.title.setText(_("Welcome to KasteDesk"))
        self.intro.setText(
            _(
                "This database has no project yet. KasteDesk keeps the steering group's "
                "members, meetings, agendas and minutes, and the workshops' feedback. "
                "How would you like to begin?"
            )
        )
        self.start_button.setText(_("&Start my project"))
        self.start_button.setDescription(
            _(
                "A few questions about the project, its steering group and the chair, "
                "vice-chair, secretary and presenter; a member list can be imported too."
            )
        )
        self.demo_button.setText(_("Look around in the &demo data"))
        self.demo_button.setDescription(
            _(
                "A fictional project in a separate demo database. Your own database is "
                "not touched, and one click brings you back."
            )
        )
        self.open_button.setText(_("&Open an existing database…"))
        self.open_button.setDescription(
            _("A KasteDesk database on this computer or in a shared folder.")
        )
        self.bundle_button.setText(_("Open a feedback &bundle…"))
        self.bundle_button.setDescription(
            _("Workshops and responses sent from another laptop (.kastebundle).")
        )
        self.tabs_button.setText(_("Show the empty &tabs instead"))
