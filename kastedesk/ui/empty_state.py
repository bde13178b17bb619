"""A hint shown over an empty list: what belongs there, and a button for the first action.

``EmptyState(view, ...)`` lies over *view* (a table) while *is_empty()* holds:
"No meetings yet." with a button "Plan the first meeting (Ctrl+Shift+N)". It
looks again whenever the view's model changes; a page whose emptiness depends
on more than its model calls :meth:`EmptyState.update_state` itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kastedesk.ui import theme

NATIVE = QKeySequence.SequenceFormat.NativeText


def slot(call: Callable[[], object]) -> Callable[[], None]:
    """*call* as a slot that hands Qt no return value (its result is for other callers)."""

    def run() -> None:
        call()

    return run


def with_shortcut(text: str, shortcut: str | None) -> str:
    """'Plan the first meeting (Ctrl+Shift+N)' in the platform's way of writing keys."""
    if not shortcut:
        return text
    return f"{text} ({QKeySequence(shortcut).toString(NATIVE)})"


class EmptyState(QWidget):
    def __init__(
        self,
        view: QtWidgets.QAbstractItemView,
        text: Callable[[], str],
        button: Callable[[], str],
        action: Callable[[], object],
        shortcut: str | None = None,
        is_empty: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(view)
        self.setObjectName("empty_state")
        self._view = view
        self._text = text
        self._button_text = button
        self._shortcut = shortcut
        self._is_empty = is_empty or (lambda: view.model() is None or view.model().rowCount() == 0)
        self.setAutoFillBackground(True)
        self.label = QLabel()
        self.label.setObjectName("empty_state_text")
        self.label.setWordWrap(True)
        self.label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        theme.make_heading(self.label, 1.3, bold=False)
        self.button = QPushButton()
        self.button.setObjectName("empty_state_button")
        self.button.clicked.connect(slot(action))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.button, 0, QtCore.Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)
        model = view.model()
        if model is not None:
            for signal in (
                model.modelReset,
                model.rowsInserted,
                model.rowsRemoved,
                model.layoutChanged,
            ):
                signal.connect(self.update_state)
        self.retranslate_ui()
        self.update_state()

    def retranslate_ui(self) -> None:
        self.label.setText(self._text())
        self.button.setText(with_shortcut(self._button_text(), self._shortcut))

    def update_state(self) -> None:
        empty = self._is_empty()
        if empty:
            self.retranslate_ui()  # the text may depend on what is chosen
            self._place()
        self.setVisible(empty)

    def _place(self) -> None:
        self.setGeometry(self._view.viewport().geometry())
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The viewport's own resize or move: the view's comes before the view lays the viewport
        # out again, and placing then took the old size (white beside and under the hint).
        kind = event.type()
        if (kind == QEvent.Type.Show and watched is self._view) or (
            kind in (QEvent.Type.Resize, QEvent.Type.Move) and watched is self._view.viewport()
        ):
            self._place()
        return False
