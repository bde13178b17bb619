"""A tab whose feature has not been delivered yet says so plainly."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from kastedesk.i18n import _
from kastedesk.ui.tab_page import TabPage


class PendingTab(TabPage):
    def __init__(self, title: Callable[[], str]) -> None:
        super().__init__()
        self._title = title
        self._label = QLabel()
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self._label)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self._label.setText(
            _("“{tab}” is not available in this version of KasteDesk yet.").format(
                tab=self._title()
            )
        )
