"""Qt Charts from plain ChartSpec data: for the Feedback tab and as PNG for reports.

The numbers are part of the picture: each bar's count (or mean) above it, the
count and share under each option, a numbered value axis with whole-number
steps for counts, and option and question texts wrapped onto several lines.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem

from kastedesk.i18n import babel_locale
from kastedesk.services.feedback_charts import ChartSpec, wrap
from kastedesk.ui import theme

PALETTE = ("#1f5f8b", "#e07b39", "#3a9e5c", "#b8405e", "#7b5ea7", "#c9a227", "#4a8fa8")


def count_step(largest: float) -> int:
    """A whole-number axis step giving at most about ten ticks: 1, 2, 5, 10, 20, 50…"""
    if largest <= 10:
        return 1
    magnitude = 10 ** math.floor(math.log10(largest / 10))
    for factor in (1, 2, 5, 10):
        if largest / (factor * magnitude) <= 10:
            return int(factor * magnitude)
    return int(10 * magnitude)


def _html_lines(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.split("\n"))


class LabelledChart(QChart):
    """A bar chart that writes each bar's value above it (Qt's own labels cannot be
    given per-bar texts such as "4,00").

    Nothing is hidden when the bars are narrow: a value wider than its bar is written
    upright along it, above the bar or, where the chart's top leaves no room, inside
    its top end; a category text too wide for its group is wrapped onto more lines
    (Qt would leave out every label that overlaps its neighbour).
    """

    def __init__(self, spec: ChartSpec) -> None:
        super().__init__()
        self.spec = spec
        self.bar_series = QBarSeries()
        self.category_axis = QBarCategoryAxis()
        self._labels: list[QGraphicsSimpleTextItem] = []
        self.text_colour = QApplication.palette().color(QPalette.ColorRole.Text)
        self.plotAreaChanged.connect(lambda _rect: self.lay_out_labels())

    def lay_out_labels(self) -> None:
        """The category texts wrapped to their groups' width, then the values placed."""
        self.fit_categories()
        self.place_value_labels()

    def fit_categories(self) -> None:
        spec = self.spec
        if not spec.categories or self.plotArea().width() <= 0:
            return
        room = self.plotArea().width() / len(spec.categories) - CATEGORY_GAP
        if room <= 0:
            return  # not laid out yet, or no room for any text: as Qt has them
        metrics = QFontMetricsF(self.category_axis.labelsFont())
        texts = [
            _html_lines(fit_lines(c, room, metrics.horizontalAdvance)) for c in spec.categories
        ]
        if texts != self.category_axis.categories():
            self.category_axis.setCategories(texts)  # lays the chart out again: called back

    def place_value_labels(self) -> None:
        for item in self._labels:
            item.setParentItem(None)  # type: ignore[arg-type]  # Qt takes None: no parent
            if item.scene() is not None:
                item.scene().removeItem(item)
        self._labels.clear()
        spec = self.spec
        if not spec.value_labels or not spec.categories:
            return
        area = self.plotArea()
        groups = len(spec.categories)
        sets = len(spec.series)
        group_width = area.width() / groups
        bar_width = group_width * self.bar_series.barWidth() / sets
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        metrics = QFontMetricsF(font)
        widest = max(
            (metrics.horizontalAdvance(t) for labels in spec.value_labels for t in labels if t),
            default=0.0,
        )
        along = widest + VALUE_GAP > bar_width  # side by side they would run into each other
        if along and metrics.height() > bar_width:  # along the bars, a line each: smaller
            font.setPointSizeF(max(MIN_POINTS, font.pointSizeF() * bar_width / metrics.height()))
        bar_sets = self.bar_series.barSets()
        for s, labels in enumerate(spec.value_labels):
            for c, text in enumerate(labels):
                if not text:
                    continue
                value = spec.series[s][1][c]
                top = self.mapToPosition(QPointF(c, value), self.bar_series).y()
                left = area.left() + c * group_width + (group_width - bar_width * sets) / 2
                centre = left + bar_width * (s + 0.5)
                item = QGraphicsSimpleTextItem(text, self)
                item.setZValue(VALUE_Z)
                item.setFont(font)
                item.setBrush(QBrush(self.text_colour))
                box = item.boundingRect()
                if not along:
                    item.setPos(centre - box.width() / 2, top - box.height() - 1)
                else:
                    # Turned a quarter left, the text runs up from its position.
                    item.setRotation(-90)
                    bottom = top - VALUE_GAP
                    if (
                        bottom - box.width() < area.top()
                        and top + box.width() + 2 * VALUE_GAP <= area.bottom()
                    ):
                        bottom = top + VALUE_GAP + box.width()  # inside the bar's top end
                        item.setBrush(QBrush(_on(bar_sets[s].color())))
                    item.setPos(centre - box.height() / 2, bottom)
                self._labels.append(item)

    def value_label_texts(self) -> list[str]:
        return [item.text() for item in self._labels]


CATEGORY_GAP = 6.0  # pixels kept free between two groups' texts
VALUE_GAP = 2.0  # pixels between a value and its bar's end (or its neighbour)
MIN_POINTS = 6.0  # the smallest value text
VALUE_Z = 1000.0  # over the bars (Qt Charts draws its series and axes at lower values)


def fit_lines(text: str, room: float, advance: Callable[[str], float]) -> str:
    """*text* with each of its lines wider than *room* (as measured by *advance*) wrapped
    further; a single word wider than that keeps its own line."""
    lines: list[str] = []
    for line in text.split("\n"):
        wide = advance(line)
        if wide <= room or not line.strip():
            lines.append(line)
            continue
        # From the share of the line that fits, then a character less at a time.
        width = min(len(line), int(len(line) * max(room, 0.0) / wide) + 1) + 1
        pieces = [line]
        while width > 1 and any(advance(p) > room for p in pieces):
            width -= 1
            pieces = wrap(line, width).split("\n")
            if len(pieces) == len(line.split()):
                break  # one word a line: narrower is no use
        lines.extend(pieces)
    return "\n".join(lines)


def _on(colour: QColor) -> QColor:
    """Black or white, whichever reads better on *colour* (a bar's)."""
    black, white = QColor(Qt.GlobalColor.black), QColor(Qt.GlobalColor.white)
    return max((black, white), key=lambda c: theme.contrast_ratio(c, colour))


def build_chart(spec: ChartSpec) -> LabelledChart:
    chart = LabelledChart(spec)
    title = _html_lines(spec.title)
    if spec.note:
        title += f"<br><span style='font-weight: normal'>{html.escape(spec.note)}</span>"
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    # Decimal comma in Finnish and Swedish axis labels ("3,5"), as in the tables.
    chart.setLocale(QLocale(babel_locale()))
    chart.setLocalizeNumbers(True)
    series = chart.bar_series
    for n, (name, values) in enumerate(spec.series):
        bar_set = QBarSet(name)
        colour = theme.graphic(QColor(PALETTE[n % len(PALETTE)]))
        bar_set.setColor(colour)
        bar_set.setBorderColor(colour)
        bar_set.append([float(v) for v in values])
        series.append(bar_set)
    chart.addSeries(series)
    axis_x = chart.category_axis
    axis_x.append([_html_lines(c) for c in spec.categories])
    axis_x.setTruncateLabels(False)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_x)
    axis_y = QValueAxis()
    top = spec.y_max
    if top is None:  # counts: whole numbers, room above the tallest bar for its label
        largest = max((max(values, default=0) for _n, values in spec.series), default=0)
        step = count_step(max(1.0, float(largest)))
        top = step * (math.floor(largest / step) + 1)
        axis_y.setLabelFormat("%.0f")
        axis_y.setRange(0, top)
        axis_y.setTickType(QValueAxis.TickType.TicksDynamic)
        axis_y.setTickAnchor(0)
        axis_y.setTickInterval(step)
    else:
        axis_y.setLabelFormat("%.1f")
        axis_y.setRange(0, top + 0.5)  # room for the value labels
        axis_y.setTickType(QValueAxis.TickType.TicksDynamic)
        axis_y.setTickAnchor(0)
        axis_y.setTickInterval(1)
    if spec.y_title:
        axis_y.setTitleText(spec.y_title)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_y)
    chart.legend().setVisible(len(spec.series) > 1)
    chart.legend().setShowToolTips(True)  # a name Qt had to shorten, in full on pointing
    # Under the chart a row of long group names would be cut short ("Etelä-Pohjanmaa (…"):
    # more than three groups are listed on the right, one per line, in full.
    side = len(spec.series) > 3
    chart.legend().setAlignment(
        Qt.AlignmentFlag.AlignRight if side else Qt.AlignmentFlag.AlignBottom
    )
    follow_palette(chart)
    return chart


def follow_palette(chart: QChart) -> None:
    """The chart in the application's colours and font size, not Qt Charts' own theme.

    Background, title, axis labels and legend take the palette's Base and Text
    (also a dark or high-contrast one); texts are the application font's size
    (the system's font size), the title a little larger.
    """
    palette = QApplication.palette()
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    grid = theme.readable(palette.color(QPalette.ColorRole.Mid), (base,), text, 1.5)
    font = QApplication.font()
    chart.setBackgroundBrush(QBrush(base))
    chart.setPlotAreaBackgroundVisible(False)
    chart.setTitleBrush(QBrush(text))
    chart.setTitleFont(theme.scaled_font(font, 1.15, bold=True))
    for axis in chart.axes():
        axis.setLabelsBrush(QBrush(text))
        axis.setLabelsFont(font)
        axis.setTitleBrush(QBrush(text))
        axis.setTitleFont(font)
        axis.setLinePenColor(text)
        axis.setGridLineColor(grid)
    legend = chart.legend()
    legend.setLabelColor(text)
    legend.setFont(font)
    if isinstance(chart, LabelledChart):
        chart.text_colour = text
        chart.setFont(font)


def chart_view(spec: ChartSpec) -> QChartView:
    view = QChartView(build_chart(spec))
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(" ".join(spec.title.split()))  # what a screen reader says
    lines = max((c.count("\n") + 1 for c in spec.categories), default=1)
    # Taller with a larger system font (14 pixels a line at 9 pt), so no label is dropped.
    scale = max(1.0, QFontMetrics(QApplication.font()).lineSpacing() / 14)
    view.setMinimumHeight(round((300 + 14 * lines + 18 * spec.title.count("\n")) * scale))
    return view


def laid_out_view(spec: ChartSpec, width: int, height: int) -> QChartView:
    """A view of the chart at that size (not shown), laid out as it will be drawn."""
    view = chart_view(spec)
    view.resize(width, max(height, view.minimumHeight()))
    chart = view.chart()
    assert isinstance(chart, LabelledChart)
    # The chart takes the view's size (a pending resize event, sent on the first grab) and
    # then wraps its category texts to fit, which lays it out again, plot area and values.
    view.grab()
    chart.layout().activate()
    chart.lay_out_labels()
    return view


def render_png(spec: ChartSpec, width: int = 900, height: int = 520) -> bytes:
    """The chart as PNG bytes (GUI thread only: Qt draws widgets there)."""
    view = laid_out_view(spec, width, height)
    pixmap = view.grab()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    buffer.close()
    view.deleteLater()
    return bytes(data.data())
