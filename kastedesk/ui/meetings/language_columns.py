"""The Finnish and Swedish texts beside each other where there is room, else one above the other.

At 150 % on a 1366×768 screen the item editor gets some 450 pixels: two columns would
need sideways scrolling there, so the Swedish column moves under the Finnish one. The
tab order (Finnish fields, then Swedish) is the reading order in both arrangements.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QWidget

# Below this many average characters a language column is too narrow to write in.
COLUMN_CHARS = 34


class LanguageColumns(QWidget):
    """Holds the two language boxes; side by side only when both fit comfortably."""

    def __init__(self, first: QWidget, second: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._boxes = (first, second)
        self.box_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box_layout.setContentsMargins(0, 0, 0, 0)
        self.box_layout.addWidget(first, 1)
        self.box_layout.addWidget(second, 1)

    def side_by_side(self) -> bool:
        return self.box_layout.direction() == QBoxLayout.Direction.LeftToRight

    def column_width(self) -> int:
        """The narrowest comfortable width of one language column."""
        chars = self.fontMetrics().averageCharWidth() * COLUMN_CHARS
        return max(chars, *(box.minimumSizeHint().width() for box in self._boxes))

    def needed_width(self) -> int:
        """The width two columns side by side need."""
        return 2 * self.column_width() + self.box_layout.spacing()

    def minimumSizeHint(self) -> QSize:
        """As narrow as one column: the boxes go one above the other rather than scroll."""
        hint = super().minimumSizeHint()
        narrowest = max(box.minimumSizeHint().width() for box in self._boxes)
        return QSize(min(hint.width(), narrowest), hint.height())

    def fit(self, width: int) -> None:
        both = all(not box.isHidden() for box in self._boxes)
        direction = (
            QBoxLayout.Direction.LeftToRight
            if not both or width >= self.needed_width()
            else QBoxLayout.Direction.TopToBottom
        )
        if direction != self.box_layout.direction():
            self.box_layout.setDirection(direction)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.fit(event.size().width())
        super().resizeEvent(event)
