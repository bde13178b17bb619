"""Stacked bars of the ratings (1, 2, 3, not assessed) per goal or region, drawn with QPainter.

Each bar carries its numbers and the share realised, so the chart can be read
without the table beside it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from kastedesk.domain.evaluation import RatingCounts
from kastedesk.formatting import format_number
from kastedesk.i18n import _
from kastedesk.ui import theme

COLOURS = (QColor("#cc4125"), QColor("#f1c232"), QColor("#6aa84f"), QColor("#b7b7b7"))


class RatingChart(QWidget):
    """Horizontal stacked bars: one per (label, counts)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, RatingCounts]] = []
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_bars(self, bars: list[tuple[str, RatingCounts]]) -> None:
        self.bars = bars
        self.update()

    def legend(self) -> list[str]:
        return ["1", "2", "3", _("Not assessed")]

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        painter.setPen(self.palette().text().color())
        colours = [theme.graphic(colour, self.palette()) for colour in COLOURS]
        if not self.bars:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _("Nothing to show."))
            return
        metrics = painter.fontMetrics()
        line = metrics.height()
        label_width = min(
            220, max(metrics.horizontalAdvance(label) for label, _c in self.bars) + 12
        )
        share_width = metrics.horizontalAdvance("100 %") + 16
        left, top = 8 + label_width, 8 + line + 6
        width = max(40, self.width() - left - share_width - 8)
        # Legend on top.
        x: float = left
        for colour, text in zip(colours, self.legend(), strict=True):
            painter.fillRect(QRectF(x, 8, line * 0.8, line * 0.8), colour)
            painter.drawText(QRectF(x + line, 4, 200, line + 4), text)
            x += line + metrics.horizontalAdvance(text) + 16
        height = max(line + 4, min(34, (self.height() - top - 8) / len(self.bars) - 6))
        for n, (label, counts) in enumerate(self.bars):
            y = top + n * (height + 6)
            painter.setPen(self.palette().text().color())
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(
                QRectF(8, y, label_width - 8, height), Qt.AlignmentFlag.AlignVCenter, elided
            )
            total = counts.total or 1
            x = float(left)
            values = (counts.ones, counts.twos, counts.threes, counts.not_assessed)
            for colour, value in zip(colours, values, strict=True):
                if not value:
                    continue
                w = width * value / total
                painter.fillRect(QRectF(x, y, w, height), colour)
                painter.setPen(theme.text_on(colour, self.palette()))
                if w > metrics.horizontalAdvance(str(value)) + 4:
                    painter.drawText(
                        QRectF(x, y, w, height), Qt.AlignmentFlag.AlignCenter, str(value)
                    )
                x += w
            share = counts.share_realised
            text = "–" if share is None else format_number(100 * share, digits=0) + " %"
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(left + width + 6, y, share_width, height),
                Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        painter.end()
