"""The program follows the system's colours and font size (issue #20, "Accessible").

With a dark or a high-contrast palette on the application (as Windows' high
contrast setting gives it), error messages, the feedback fast-entry highlights
and the charts' texts keep a contrast of at least 4.5:1 (WCAG AA) with what is
behind them, measured on the pixels Qt draws. With a larger system font
(which Qt applies as the application font) headings grow with it, and the main
window still fits a 1366×768 screen on every tab.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QVBoxLayout, QWidget

from kastedesk.domain.evaluation import RatingCounts
from kastedesk.services.feedback_charts import ChartSpec
from kastedesk.storage.database import Database
from kastedesk.ui import theme
from kastedesk.ui.evaluation.chart import COLOURS, RatingChart
from kastedesk.ui.feedback.charts import build_chart, chart_view
from kastedesk.ui.form_errors import error_label
from tests.ui.all_windows import dialog_factories, settle
from tests.ui.test_fit_150 import AVAILABLE

SCREEN = QRect(0, 0, 1366, 768 - 40)  # less a taskbar


def dark_palette() -> QPalette:
    """A dark theme (not high contrast): grey on near-black, as many systems offer."""
    pal = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#dddddd",
        QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.AlternateBase: "#2a2a2a",
        QPalette.ColorRole.Text: "#dddddd", QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#dddddd", QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Mid: "#555555",
        QPalette.ColorRole.PlaceholderText: "#999999",
    }  # fmt: skip
    for role, name in colours.items():
        pal.setColor(role, QColor(name))
    return pal


PALETTES: dict[str, Callable[[], QPalette]] = {
    "light": QPalette,  # Qt's own default (what the tests otherwise run with)
    "dark": dark_palette,
    "high contrast": theme.high_contrast_palette,
}


@pytest.fixture(params=list(PALETTES))
def palette(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    original = qapp.palette()
    qapp.setPalette(PALETTES[request.param]())
    yield qapp.palette()
    qapp.setPalette(original)


@pytest.fixture
def app_font(qapp: QApplication) -> Iterator[Callable[[float], QFont]]:
    original = qapp.font()

    def use(points: float) -> QFont:
        font = QFont(original)
        font.setPointSizeF(points)
        qapp.setFont(font)
        return qapp.font()

    yield use
    qapp.setFont(original)


def drawn_contrast(window: QWidget, part: QWidget) -> float:
    """The contrast of *part*'s text with its background, as drawn in *window*.

    The background is the colour most pixels of the part have; the text is the
    pixel that differs most from it (the core of a letter, not its smoothed edge).
    """
    image = window.grab().toImage()
    ratio = image.devicePixelRatio()
    top_left = part.mapTo(window, QPoint(0, 0))
    rect = QRect(top_left * ratio, part.size() * ratio)
    counts = Counter(
        image.pixel(x, y)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )
    background = QColor.fromRgb(counts.most_common(1)[0][0])
    # each colour once: a part has thousands of pixels but a few dozen colours
    return max(theme.contrast_ratio(background, QColor.fromRgb(rgb)) for rgb in counts)


def test_contrast_ratio_is_wcags() -> None:
    assert theme.contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert theme.contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, 0.01)
    assert theme.contrast_ratio(QColor("#b00020"), QColor("#ffffff")) > 4.5


def test_a_dark_palette_gets_light_semantic_colours_and_high_contrast_the_systems_own(
    qapp: QApplication,
) -> None:
    original = qapp.palette()
    try:
        qapp.setPalette(dark_palette())
        assert not theme.is_high_contrast()
        red = theme.foreground(theme.Tone.ERROR)
        assert theme.luminance(red) > 0.3  # a light red, not #b00020
        qapp.setPalette(theme.high_contrast_palette())
        assert theme.is_high_contrast()
        assert theme.foreground(theme.Tone.ERROR) == qapp.palette().color(QPalette.ColorRole.Text)
        assert theme.chosen() == (
            qapp.palette().color(QPalette.ColorRole.Highlight),
            qapp.palette().color(QPalette.ColorRole.HighlightedText),
        )
    finally:
        qapp.setPalette(original)


@pytest.mark.parametrize("tone", list(theme.Tone))
def test_every_tone_reads_on_every_palette(palette: QPalette, tone: theme.Tone) -> None:
    base = palette.color(QPalette.ColorRole.Base)
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.Text)
    colour = theme.foreground(tone)
    assert theme.contrast_ratio(colour, base) >= 4.5
    assert theme.contrast_ratio(colour, window) >= 4.5
    assert theme.contrast_ratio(text, theme.background(tone)) >= 4.5
    fill, on_fill = theme.chosen()
    assert theme.contrast_ratio(fill, on_fill) >= 4.5


def test_an_error_message_reads_on_every_palette(qtbot, palette: QPalette) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    label = error_label(hidden=False)
    label.setText("Päivämäärä puuttuu tai on väärin: kirjoita esimerkiksi 23.9.2026.")
    QVBoxLayout(dialog).addWidget(label)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert drawn_contrast(dialog, label) >= 4.5


def test_fast_entry_highlights_read_on_every_palette(
    qtbot, palette: QPalette, demo_db: Database, tmp_path: Path, monkeypatch
) -> None:
    from kastedesk.ui.feedback.entry import FeedbackEntryDialog

    monkeypatch.setattr(FeedbackEntryDialog, "ask_restore_draft", lambda self, count: False)
    dialog = dialog_factories(tmp_path)["feedback entry"](demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.focusWidget() or dialog, "4")  # answers question 1, moves to 2
    first, current = dialog.rows[0], dialog.rows[1]
    chosen = next(label for value, label in first.choices if value == 4)
    problems = {
        "current question": drawn_contrast(dialog, current.text_label),
        "chosen answer": drawn_contrast(dialog, chosen),
        "hint": drawn_contrast(dialog, dialog.hint_label),
    }
    qtbot.keyClick(dialog, "9")  # not an answer: the question turns red
    assert dialog.status_label.text()
    problems["question after a wrong key"] = drawn_contrast(dialog, current.text_label)
    problems["counter"] = drawn_contrast(dialog, dialog.counter_label)
    assert {k: v for k, v in problems.items() if v < 4.5} == {}
    settle()
    dialog.close()


def _chart_spec() -> ChartSpec:
    return ChartSpec(
        title="Keskiarvot maakunnittain",
        categories=["1. Sisältö", "2. Uudet ajatukset"],
        series=[("Pohjanmaa", [3.6, 4.1]), ("Kanta-Häme", [3.4, 3.2])],
        y_max=5.0,
        y_title="Keskiarvo",
        value_labels=[["3,60", "4,10"], ["3,40", "3,20"]],
    )


def test_feedback_chart_texts_and_bars_read_on_every_palette(qtbot, palette: QPalette) -> None:
    view = chart_view(_chart_spec())
    qtbot.addWidget(view)
    view.resize(700, 420)
    view.show()
    qtbot.waitExposed(view)
    chart = view.chart()
    chart.place_value_labels()  # type: ignore[attr-defined]
    behind = chart.backgroundBrush().color()
    assert behind == palette.color(QPalette.ColorRole.Base)
    texts = {"title": chart.titleBrush().color(), "legend": chart.legend().labelColor()}
    for n, axis in enumerate(chart.axes()):
        texts[f"axis {n}"] = axis.labelsBrush().color()
        texts[f"axis {n} title"] = axis.titleBrush().color()
    for n, item in enumerate(chart._labels):  # type: ignore[attr-defined]
        texts[f"value {n}"] = item.brush().color()
    assert len(texts) >= 8
    low = {k: theme.contrast_ratio(c, behind) for k, c in texts.items()}
    assert {k: v for k, v in low.items() if v < 4.5} == {}
    for bar_set in chart.bar_series.barSets():  # type: ignore[attr-defined]
        assert theme.contrast_ratio(bar_set.color(), behind) >= 3.0  # graphics: 3:1


def test_rating_chart_numbers_read_on_their_bars(qtbot, palette: QPalette) -> None:
    chart = RatingChart()
    qtbot.addWidget(chart)
    chart.set_bars([("Etelä-Pohjanmaa", RatingCounts(3, 4, 5, 2))])
    chart.resize(600, 200)
    chart.show()
    qtbot.waitExposed(chart)
    base = palette.color(QPalette.ColorRole.Base)
    for colour in COLOURS:
        fill = theme.graphic(colour)
        assert theme.contrast_ratio(fill, base) >= 3.0
        assert theme.contrast_ratio(theme.text_on(fill), fill) >= 4.5
    # The chart's own texts (labels, shares) are the palette's Text on its Base.
    assert drawn_contrast(chart, chart) >= 4.5


def test_headings_grow_with_the_system_font(qtbot, app_font, db) -> None:
    from kastedesk.ui.feedback.results import ResultsView
    from kastedesk.ui.welcome.welcome_page import WelcomePage

    sizes: dict[float, tuple[float, float, float]] = {}
    for points in (9.0, 16.0):
        app_font(points)
        results, welcome = ResultsView(db), WelcomePage()
        qtbot.addWidget(results)
        qtbot.addWidget(welcome)
        chart = build_chart(_chart_spec())
        sizes[points] = (
            results.responses_label.font().pointSizeF(),
            welcome.title.font().pointSizeF(),
            chart.axes()[0].labelsFont().pointSizeF(),
        )
    assert sizes[9.0] == pytest.approx((13.5, 18.0, 9.0))
    assert sizes[16.0] == pytest.approx((24.0, 32.0, 16.0))


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_main_window_fits_1366x768_with_a_large_system_font(
    make_window, demo_db: Database, qtbot, app_font, lang: str
) -> None:
    """Windows' "Make text bigger" at about 175 %: the tabs still fit a 1366×768 screen."""
    app_font(16.0)
    window = make_window(demo_db)
    window.set_language(lang)
    assert window.tabs.tabBar().font().pointSizeF() == 16.0
    window.resize(SCREEN.size())
    window.show()
    qtbot.waitExposed(window)
    too_big = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        minimum = window.minimumSizeHint()
        if minimum.width() > SCREEN.width() or minimum.height() > SCREEN.height():
            too_big[window.tabs.tabText(index)] = (minimum.width(), minimum.height())
        for inner in window.tabs.widget(index).findChildren(QTabWidget):
            for sub in range(inner.count()):
                inner.setCurrentIndex(sub)
                minimum = window.minimumSizeHint()
                if minimum.width() > SCREEN.width() or minimum.height() > SCREEN.height():
                    name = f"{window.tabs.tabText(index)} › {inner.tabText(sub)}"
                    too_big[name] = (minimum.width(), minimum.height())
            inner.setCurrentIndex(0)
    assert too_big == {}
    assert AVAILABLE.width() < SCREEN.width()  # the 150 % case is test_fit_150's
