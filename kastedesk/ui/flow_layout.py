"""A row of buttons or choosers that wraps onto the next line when the window is narrow.

At 150 % scaling a 1366×768 screen is 911 pixels wide for the program: a long
row of buttons in a QHBoxLayout would make the whole window wider than that
and cut it off at the right. In a FlowLayout the row breaks instead, only when
it must. A label and its field can be kept together with :func:`together`.

Lines break at the items' size hints; the width a line leaves free then goes, left
to right, to the items that can show more in it: a widget that expands up to a
maximum width of its own (a project chooser sized to its longest name,
:func:`kastedesk.ui.combo_fit.grow_to_items`), alone or in a :func:`together` box.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QStyle, QWidget

UNBOUNDED = 16_777_215  # QWIDGETSIZE_MAX: no maximum width set


class FlowLayout(QLayout):
    """Items left to right, wrapping at the layout's width; heights from the tallest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # --- QLayout --------------------------------------------------------------------------

    # Items are made and deleted by Qt (QLayout.addWidget makes one and calls addItem;
    # a deleted widget's item is taken with takeAt and deleted): Python only lists them.
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        if rect != self.geometry():
            super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        width = sum(item.sizeHint().width() for item in self._shown())
        width += self._spacing() * max(0, len(self._shown()) - 1)
        height = max((item.sizeHint().height() for item in self._shown()), default=0)
        margins = self.contentsMargins()
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        """The widest single item: narrower than that, nothing can wrap."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size.grownBy(margins)

    # --- placing --------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _spacing(self) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        if parent is None:
            return 6
        return parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)

    @staticmethod
    def _place(item: QLayoutItem, rect: QRect) -> None:
        # Only what moved: layout passes come often, and PySide6 6.12 on Python 3.11
        # drops a reference to None at every call of a method that returns nothing.
        if item.geometry() != rect:
            item.setGeometry(rect)

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place (or only measure) the items in *rect*; returns the height used."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        spacing = max(self._spacing(), 0)
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = 0
        for item in self._shown():
            size = item.sizeHint().boundedTo(item.maximumSize()).expandedTo(item.minimumSize())
            if lines[-1] and x + size.width() > area.width():
                lines.append([])
                x = 0
            lines[-1].append((item, size))
            x += size.width() + spacing
        y = area.y()
        for line in lines:
            height = max((size.height() for _item, size in line), default=0)
            x = area.x()
            taken = sum(size.width() for _item, size in line) + spacing * (len(line) - 1)
            for item, size in _widened(line, area.width() - taken) if move else line:
                if move:
                    top = y + (height - size.height()) // 2
                    self._place(item, QRect(QPoint(x, top), size))
                x += size.width() + spacing
            y += height + spacing
        used = y - spacing - area.y() if any(lines) else 0
        return max(used, 0) + margins.top() + margins.bottom()


def _widened(
    line: list[tuple[QLayoutItem, QSize]], free: int
) -> list[tuple[QLayoutItem, QSize]]:
    """*line* with its *free* width given, left to right, to items that show more in it."""
    widened = []
    for item, size in line:
        extra = min(max(free, 0), room_to_grow(item))
        free -= extra
        widened.append((item, QSize(size.width() + extra, size.height())))
    return widened


def room_to_grow(item: QLayoutItem) -> int:
    """How much wider than its size hint *item* would show more: its widgets that expand
    up to a maximum width they set (a box's, summed). Widgets without a maximum (a search
    field) keep their hint: they would take every free pixel of the line."""
    widget = item.widget()
    layout = widget.layout() if widget is not None else item.layout()
    if layout is not None:
        if widget is not None and widget.isHidden():
            return 0
        children = (layout.itemAt(index) for index in range(layout.count()))
        return sum(room_to_grow(child) for child in children if child is not None)
    if widget is None or widget.isHidden() or widget.maximumWidth() >= UNBOUNDED:
        return 0
    if not widget.sizePolicy().expandingDirections() & Qt.Orientation.Horizontal:
        return 0
    return max(0, widget.maximumWidth() - widget.sizeHint().width())


def together(*widgets: QWidget) -> QWidget:
    """A label and its field (or a few buttons) that a FlowLayout never separates.

    A widget, not a sub-layout: Qt then owns every part, and Python never frees one twice.
    """
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    return box
