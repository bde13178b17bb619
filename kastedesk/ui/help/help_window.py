"""The user guide's window: contents, the page, back/forward and find in page.

It reads the HTML pages shipped in ``resources/guide`` with a QTextBrowser: no
network and no web engine. F1 anywhere opens it at the page of the tab or
dialog that has the focus (:mod:`kastedesk.ui.help.help_keys`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kastedesk import i18n
from kastedesk.i18n import N_, _
from kastedesk.ui.help.guide import INDEX, TOPICS, guide_language, page_path, page_title, topic_of
from kastedesk.ui.help.help_keys import IS_GUIDE
from kastedesk.ui.help.shortcuts import name_shortcut


class HelpWindow(QDialog):
    """The guide in the interface's language, opened at one topic."""

    help_topic = INDEX

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setModal(False)
        self.setProperty(IS_GUIDE, True)
        self.lang = guide_language(i18n.current_language())

        self.contents = QListWidget()
        self.contents.setAccessibleName(_("Contents"))
        self.contents.itemActivated.connect(self._contents_chosen)
        self.contents.itemClicked.connect(self._contents_chosen)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(_("User guide"))
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._outside_link)
        self.browser.sourceChanged.connect(self._source_changed)

        self.back_button = QPushButton()
        self.back_button.setEnabled(False)
        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button = QPushButton()
        self.forward_button.setEnabled(False)
        self.forward_button.clicked.connect(self.browser.forward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.home_button = QPushButton()
        self.home_button.clicked.connect(lambda: self.show_topic(INDEX))
        self.find_label = QLabel()
        self.find_edit = QLineEdit()
        self.find_edit.setClearButtonEnabled(True)
        self.find_label.setBuddy(self.find_edit)
        self.find_edit.returnPressed.connect(self.find_next)
        self.find_edit.textChanged.connect(lambda _text: self.find_next(from_start=True))
        self.find_status = QLabel()
        for key, call, name in (
            (QKeySequence.StandardKey.Find, self._focus_find, N_("Find in the page")),
            (QKeySequence.StandardKey.FindNext, self.find_next, N_("Find the next match")),
            (QKeySequence.StandardKey.Back, self.browser.backward, N_("Previous page")),
            (QKeySequence.StandardKey.Forward, self.browser.forward, N_("Next page")),
        ):
            name_shortcut(QShortcut(key, self, call), name)  # named for the Ctrl+F1 list

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.close)

        bar = QHBoxLayout()
        for widget in (self.back_button, self.forward_button, self.home_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.find_label)
        bar.addWidget(self.find_edit)
        bar.addWidget(self.find_status)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([250, 730])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.resize(1000, 680)
        self._fill_contents()
        self.retranslate_ui()
        self.find_edit.setFocus()  # opens in its first field: type to find in the guide

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("KasteDesk user guide"))
        self.back_button.setText(_("&Back"))
        self.forward_button.setText(_("For&ward"))
        self.home_button.setText(_("&Contents"))
        self.find_label.setText(_("&Find on page:"))

    def _fill_contents(self) -> None:
        self.contents.clear()
        for topic in TOPICS:
            item = QListWidgetItem(page_title(page_path(topic, self.lang)))
            item.setData(Qt.ItemDataRole.UserRole, topic)
            self.contents.addItem(item)

    # --- pages ----------------------------------------------------------------------------

    def show_topic(self, topic: str) -> None:
        """Show the page of *topic* in the guide's language."""
        self.browser.setSource(QUrl.fromLocalFile(str(page_path(topic, self.lang))))

    @property
    def topic(self) -> str:
        """The topic of the page shown now."""
        return self.browser.source().fileName().removesuffix(".html")

    def _contents_chosen(self, item: QListWidgetItem) -> None:
        self.show_topic(str(item.data(Qt.ItemDataRole.UserRole)))

    def _source_changed(self, url: QUrl) -> None:
        topic = url.fileName().removesuffix(".html")
        for row in range(self.contents.count()):
            item = self.contents.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == topic:
                self.contents.blockSignals(True)
                self.contents.setCurrentItem(item)
                self.contents.blockSignals(False)
        self.find_status.clear()

    def _outside_link(self, url: QUrl) -> None:
        """Links out of the guide (none by design) go to the system, not into the window."""
        if not url.isLocalFile() and url.scheme() not in ("", "file"):
            QDesktopServices.openUrl(url)

    # --- find -----------------------------------------------------------------------------

    def _focus_find(self) -> None:
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def find_next(self, from_start: bool = False) -> bool:
        """Select the next place where the find text occurs (wrapping round); False: none."""
        text = self.find_edit.text()
        if not text:
            self.find_status.clear()
            return False
        if from_start:
            self.browser.moveCursor(self.browser.textCursor().MoveOperation.Start)
        found = self.browser.find(text)
        if not found:  # wrap round once
            self.browser.moveCursor(self.browser.textCursor().MoveOperation.Start)
            found = self.browser.find(text)
        self.find_status.setText("" if found else _("Not found"))
        return found


def show_guide(origin: QWidget | None, topic: str | None = None) -> HelpWindow:
    """Open the guide at *topic* (else the page for *origin*), beside *origin*'s window.

    One guide window per top-level window: it is that window's child, so it can be
    read and used while a modal dialog is open.
    """
    window = origin.window() if origin is not None else None
    guide = window.findChild(HelpWindow, options=Qt.FindChildOption.FindDirectChildrenOnly) \
        if window is not None else None  # fmt: skip
    if guide is None or guide.lang != guide_language(i18n.current_language()):
        if guide is not None:
            guide.close()
            guide.deleteLater()
        guide = HelpWindow(window)
    guide.show_topic(topic or topic_of(origin))
    guide.show()
    guide.raise_()
    guide.activateWindow()
    return guide
