"""Drop-downs that show their choice whole where there is room, and say it in full where not.

A combo box sized to a minimum number of characters (so that a tab still fits a
laptop at 150 %) cuts a longer choice short even when the window has room to spare:
"Behandlat (beslut an". :func:`grow_to_items` lets it take the width of its widest
item when the layout has it; a choice that is the user's own text (a project's long
name) and still does not fit is given whole as the tooltip (:func:`tip_choice`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QComboBox, QSizePolicy, QStyle, QStyleOptionComboBox


def items_width(combo: QComboBox) -> int:
    """The width that shows *combo*'s widest item whole: text, frame and arrow."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    metrics = combo.fontMetrics()
    text = max((metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())),
               default=0)  # fmt: skip
    contents = QSize(text + metrics.averageCharWidth(), metrics.height())
    style = combo.style()
    return style.sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, contents, combo).width()


def grow_to_items(combo: QComboBox) -> None:
    """Let *combo* widen, where its layout has room, up to its widest item (call again
    when the items' texts change, e.g. in another language); its minimum stays."""
    combo.setMaximumWidth(items_width(combo))
    policy = combo.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
    combo.setSizePolicy(policy)


def tip_choice(combo: QComboBox) -> None:
    """The chosen text, in full, as *combo*'s tooltip (it may be cut short on screen).

    Taken when the tooltip is asked for: the items are often refilled with signals
    blocked, so a tooltip set when the choice changes would go stale.
    """
    combo.installEventFilter(_ChoiceTip(combo))


class _ChoiceTip(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(watched, QComboBox):
            watched.setToolTip(watched.currentText())
        return False  # Qt shows the tooltip as usual
