"""Qt Charts from plain ChartSpec data: for the Feedback tab and as PNG for reports."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QPainter

from kastedesk.i18n import babel_locale
from kastedesk.services.feedback_charts import ChartSpec

PALETTE = ("#1f5f8b", "#e07b39", "#3a9e5c", "#b8405e", "#7b5ea7", "#c9a227", "#4a8fa8")


def build_chart(spec: ChartSpec) -> QChart:
    chart = QChart()
    chart.setTitle(spec.title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    # Decimal comma in Finnish and Swedish axis labels ("3,5"), as in the tables.
    chart.setLocale(QLocale(babel_locale()))
    chart.setLocalizeNumbers(True)
    series = QBarSeries()
    for n, (name, values) in enumerate(spec.series):
        bar_set = QBarSet(name)
        bar_set.setColor(QColor(PALETTE[n % len(PALETTE)]))
        bar_set.append([float(v) for v in values])
        series.append(bar_set)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append(spec.categories)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_x)
    axis_y = QValueAxis()
    top = spec.y_max
    if top is None:
        largest = max((max(values, default=0) for _n, values in spec.series), default=0)
        top = max(1.0, float(largest))
        axis_y.setLabelFormat("%d")
        axis_y.setRange(0, top)
        axis_y.applyNiceNumbers()
    else:
        axis_y.setLabelFormat("%.1f")
        axis_y.setRange(0, top)
        axis_y.setTickCount(int(top) + 1)
    if spec.y_title:
        axis_y.setTitleText(spec.y_title)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_y)
    chart.legend().setVisible(len(spec.series) > 1)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def chart_view(spec: ChartSpec) -> QChartView:
    view = QChartView(build_chart(spec))
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(280)
    return view


def render_png(spec: ChartSpec, width: int = 900, height: int = 480) -> bytes:
    """The chart as PNG bytes (GUI thread only: Qt draws widgets there)."""
    view = chart_view(spec)
    view.resize(width, height)
    pixmap = view.grab()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    buffer.close()
    view.deleteLater()
    return bytes(data.data())
