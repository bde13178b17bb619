"""Realised share of the budget over time, drawn with QPainter and labelled with its numbers."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kastedesk.domain.costs import SharePoint
from kastedesk.domain.money import format_percent
from kastedesk.i18n import _
from kastedesk.ui import theme


class ShareChart(QWidget):
    """Cumulative realised costs as a percentage of the budget at each month end."""

    def __init__(self) -> None:
        super().__init__()
        self.points: list[SharePoint] = []
        self.setMinimumSize(360, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(520, 260)

    def set_points(self, points: Sequence[SharePoint]) -> None:
        self.points = list(points)
        self.setAccessibleDescription(self.describe())
        self.update()

    def labels(self) -> list[tuple[str, str]]:
        """(month, share) as the chart writes them, e.g. ("3/2026", "52,32 %")."""
        return [
            (f"{p.day.month}/{p.day.year}", format_percent(p.realised, p.planned, digits=1))
            for p in self.points
        ]

    def describe(self) -> str:
        return "; ".join(f"{month}: {share}" for month, share in self.labels())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        painter.setFont(QFont(self.font()))
        # In the palette's colours, readable on it (dark and high contrast too).
        line_colour = theme.graphic(theme.foreground(theme.Tone.ACCENT, palette), palette)
        over_colour = theme.foreground(theme.Tone.ERROR, palette)
        grid_colour = theme.readable(palette.color(QPalette.ColorRole.Mid),
                                     (palette.color(QPalette.ColorRole.Base),),
                                     palette.color(QPalette.ColorRole.Text), 1.5)  # fmt: skip
        metrics = painter.fontMetrics()
        title = _("Realised share of the budget")
        painter.setPen(self.palette().text().color())
        header = QRectF(0, 2, self.width(), metrics.height())
        painter.drawText(header, Qt.AlignmentFlag.AlignHCenter, title)
        if not self.points or not self.points[0].planned:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _("No realised costs yet."))
            painter.end()
            return
        left = metrics.horizontalAdvance("100 %") + 10
        top = metrics.height() * 2 + 4
        bottom = self.height() - metrics.height() * 2 - 4
        right = self.width() - 16
        shares = [p.realised / p.planned * 100 for p in self.points]
        top_value = max(100.0, max(shares) * 1.1)
        height = max(bottom - top, 1)

        def y_of(value: float) -> float:
            return bottom - value / top_value * height

        for tick in range(0, int(top_value) + 1, 25):
            y = y_of(tick)
            painter.setPen(QPen(over_colour if tick == 100 else grid_colour, 1, Qt.PenStyle.DashLine
                                if tick == 100 else Qt.PenStyle.SolidLine))  # fmt: skip
            painter.drawLine(QPointF(left, y), QPointF(right, y))
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(0, y - metrics.height() / 2, left - 6, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{tick} %")  # fmt: skip
        count = len(self.points)
        step = (right - left) / max(count, 1)
        positions = [QPointF(left + step * (n + 0.5), y_of(v)) for n, v in enumerate(shares)]
        painter.setPen(QPen(line_colour, 2))
        for a, b in pairwise(positions):
            painter.drawLine(a, b)
        labels = self.labels()
        every = max(
            1, int(metrics.horizontalAdvance("12/2026 ") * count / max(right - left, 1)) + 1
        )
        for n, (point, (month, share)) in enumerate(zip(positions, labels, strict=True)):
            painter.setBrush(over_colour if shares[n] > 100 else line_colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(point, 3.5, 3.5)
            painter.setPen(self.palette().text().color())
            if (count - 1 - n) % every == 0:  # the latest always, then evenly back
                painter.drawText(QRectF(point.x() - step * every / 2 - 20, bottom + 4,
                                        step * every + 40, metrics.height()),
                                 Qt.AlignmentFlag.AlignHCenter, month)  # fmt: skip
                painter.drawText(QRectF(point.x() - 40, point.y() - metrics.height() - 4, 80,
                                        metrics.height()),
                                 Qt.AlignmentFlag.AlignHCenter, share)  # fmt: skip
        painter.end()
