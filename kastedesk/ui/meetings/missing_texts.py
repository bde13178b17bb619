"""Before a Swedish or bilingual document: the § items whose text is missing in a language."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kastedesk.domain.item_languages import MissingText
from kastedesk.i18n import _
from kastedesk.services.meeting_documents import describe_missing


class MissingChoice(Enum):
    FILL_IN = "fill_in"  # go to the first item listed
    WRITE_ANYWAY = "write_anyway"
    CANCEL = "cancel"


class MissingTextsDialog(QDialog):
    """Lists the items; the secretary fills them in or goes on deliberately."""

    help_topic = "agenda"  # the user guide's page (F1)

    def __init__(self, missing: list[MissingText], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.missing = missing
        self.choice = MissingChoice.CANCEL
        self.setWindowTitle(_("Texts missing in a document language"))
        intro = QLabel(
            _(
                "These § items have no text in a language of the document. "
                "Fill them in, or write the document without them."
            )
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Items lacking text"))
        for entry in missing:
            self.list.addItem(describe_missing(entry))
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self._choose(MissingChoice.FILL_IN))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.fill_button = QPushButton(_("&Fill in"))
        self.fill_button.setDefault(True)
        self.write_button = QPushButton(_("&Write anyway"))
        buttons.addButton(self.fill_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.write_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.fill_button.clicked.connect(lambda: self._choose(MissingChoice.FILL_IN))
        self.write_button.clicked.connect(lambda: self._choose(MissingChoice.WRITE_ANYWAY))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(620, 320)
        self.list.setFocus()

    def selected(self) -> MissingText:
        return self.missing[max(self.list.currentRow(), 0)]

    def _choose(self, choice: MissingChoice) -> None:
        self.choice = choice
        self.accept()
