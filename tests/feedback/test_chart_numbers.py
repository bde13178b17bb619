"""Every chart shows its numbers: counts and shares, a numbered axis, full wrapped labels,
responses per group and the question texts on comparison charts."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from kastedesk.domain.feedback_forms import OptionSpec, QuestionKind, QuestionSpec, default_form
from kastedesk.services.feedback_charts import ChartSpec, comparison_chart, distribution_chart, wrap
from kastedesk.services.feedback_results import Comparison, QuestionStats
from kastedesk.ui.feedback.charts import build_chart, count_step, render_png

LONG = "sosiaali- ja terveydenhuollon ammattilainen tai esihenkilö kunnassa"


def test_wrap_keeps_every_word() -> None:
    wrapped = wrap(LONG)
    assert wrapped.replace("\n", " ") == LONG
    assert max(len(line) for line in wrapped.split("\n")) <= 18


def test_distribution_chart_carries_counts_shares_and_full_labels() -> None:
    question = QuestionSpec(
        QuestionKind.CHOICE,
        "Taustasi",
        "Din bakgrund",
        options=(OptionSpec(LONG), OptionSpec("muu")),
    )
    spec = distribution_chart(QuestionStats("bg", question, answered=10, counts={1: 7, 2: 3}), "fi")
    assert spec is not None
    assert spec.categories[0].endswith("\n7 · 70 %")
    assert spec.categories[0].rsplit("\n", 1)[0].replace("\n", " ") == LONG  # not cut
    assert spec.categories[1] == "muu\n3 · 30 %"
    assert spec.value_labels == [["7", "3"]]
    assert spec.note == "Vastanneita: 10"  # in the chart's language


def test_comparison_chart_names_questions_and_group_sizes() -> None:
    scale = [QuestionStats(q.key, q) for q in default_form().questions[:2]]
    comparison = Comparison(
        "region",
        ["06", "15"],
        {"06": 15, "15": 16},
        scale,
        {(scale[0].key, "06"): 4.0, (scale[0].key, "15"): 11 / 3, (scale[1].key, "06"): 3.5},
    )
    spec = comparison_chart(comparison, "fi")
    assert spec is not None
    assert [name for name, _v in spec.series] == ["Pirkanmaa (n = 15)", "Pohjanmaa (n = 16)"]
    assert spec.categories[0].replace("\n", " ").startswith("1. Vastasiko työpajan sisältö")
    assert spec.value_labels == [["4,00", "3,50"], ["3,67", ""]]


def test_qt_chart_writes_the_numbers_and_a_whole_number_axis(qapp) -> None:
    assert [count_step(n) for n in (3, 10, 11, 48, 230)] == [1, 1, 2, 5, 50]
    question = default_form().questions[0]
    spec = distribution_chart(
        QuestionStats("q", question, answered=48, counts={1: 1, 3: 5, 4: 12, 5: 30}), "sv"
    )
    assert spec is not None
    chart = build_chart(spec)
    axis = chart.axes()[1]
    assert (axis.min(), axis.max(), axis.tickInterval()) == (0, 35, 5)
    png = render_png(spec)
    assert png.startswith(b"\x89PNG")
    from PySide6.QtCharts import QChartView

    view = QChartView(chart)
    view.resize(900, 520)
    chart.place_value_labels()
    assert chart.value_label_texts() == ["1", "0", "5", "12", "30"]
    view.deleteLater()


def test_fit_lines_wraps_only_what_is_too_wide_and_keeps_every_word() -> None:
    from kastedesk.ui.feedback.charts import fit_lines

    def advance(text: str) -> float:
        return 7.0 * len(text)  # seven pixels a character

    text = "2. Fick du nya tankar /\nidéer eller något\n12 · 40 %"
    assert fit_lines(text, 200, advance) == text  # every line fits: as it was
    fitted = fit_lines(text, 100, advance)
    assert fitted.split("\n")[-1] == "12 · 40 %"  # a line of its own stays one
    assert fitted.replace("\n", " ").split() == text.replace("\n", " ").split()
    assert all(advance(line) <= 100 for line in fitted.split("\n"))
    assert fit_lines("Helhetsvitsordet", 50, advance) == "Helhetsvitsordet"  # one word
    assert fit_lines("a b\n\nc", -3, advance) == "a\nb\n\nc"  # no room at all: a word a line


def _crowded_comparison() -> ChartSpec:
    """Four regions side by side on three long questions, as the Feedback tab shows them."""
    questions = [
        "Motsvarade workshoppens innehåll de förväntningar du hade?",
        "Fick du nya tankar / idéer eller något användbart för ditt eget arbete?",
        "Helhetsvitsord för workshoppen",
    ]
    means = [[2.99, 3.0, 3.01], [3.01, 3.0, 3.0], [2.98, 3.0, 3.0], [2.98, 3.0, 5.0]]
    regions = ["Södra Österbotten", "Mellersta Österbotten", "Birkaland", "Österbotten"]
    return ChartSpec(
        title="Medelvärden per landskap",
        categories=[wrap(f"{n}. {q}", 24) for n, q in enumerate(questions, start=1)],
        series=[(f"{r} (n = 125)", m) for r, m in zip(regions, means, strict=True)],
        y_max=5.0,
        y_title="Medelvärde",
        value_labels=[[f"{v:.2f}".replace(".", ",") for v in m] for m in means],
    )


def _assert_readable(chart, spec: ChartSpec, groups: int) -> None:
    """Every value written, none over another or out of the plot; every question shown."""
    from PySide6.QtGui import QFontMetricsF

    from kastedesk.ui import theme
    from kastedesk.ui.feedback.charts import CATEGORY_GAP

    labels = chart._labels
    assert [item.text() for item in labels] == [t for row in spec.value_labels for t in row]
    boxes = [item.sceneBoundingRect() for item in labels]
    assert not [
        (a.text(), b.text())
        for i, (a, box) in enumerate(zip(labels, boxes, strict=True))
        for b, other in zip(labels[i + 1 :], boxes[i + 1 :], strict=True)
        if box.intersects(other)
    ]
    plot = chart.plotArea()
    assert all(plot.left() <= box.left() and box.right() <= plot.right() for box in boxes)
    assert all(box.top() >= plot.top() for box in boxes)  # not into the title
    for item, box in zip(labels, boxes, strict=True):
        if box.bottom() > plot.top() and item.brush().color() != chart.text_colour:
            bar = chart.bar_series.barSets()[labels.index(item) // groups].color()
            assert theme.contrast_ratio(item.brush().color(), bar) >= 4.5  # on its bar
    room = plot.width() / groups - CATEGORY_GAP
    metrics = QFontMetricsF(chart.category_axis.labelsFont())
    shown = [c.split("<br>") for c in chart.category_axis.categories()]
    assert [" ".join(lines) for lines in shown] == [c.replace("\n", " ") for c in spec.categories]
    too_wide = [line for lines in shown for line in lines if metrics.horizontalAdvance(line) > room]
    assert [line for line in too_wide if " " in line] == []  # only a word longer than the room


def _shown(qtbot, spec: ChartSpec, width: int, height: int):
    """A shown view of that size, its chart's labels laid out (the view owns the chart)."""
    from kastedesk.ui.feedback.charts import chart_view

    view = chart_view(spec)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    chart = view.chart()
    chart.layout().activate()
    chart.lay_out_labels()
    return view


def test_narrow_bars_keep_every_number_and_every_question_readable(qtbot) -> None:
    """In a 600-pixel chart four bars share a question: their means would run into each
    other side by side, and Qt leaves out a question text that overlaps its neighbour."""
    spec = _crowded_comparison()
    view = _shown(qtbot, spec, 600, 440)
    chart = view.chart()
    _assert_readable(chart, spec, 3)
    assert all(item.rotation() == -90 for item in chart._labels)  # along the bars
    assert any(" " not in c for c in chart.category_axis.categories()[0].split("<br>")[1:])


def test_a_value_with_no_room_above_its_bar_goes_on_the_bar(qtbot) -> None:
    from kastedesk.ui.feedback.charts import laid_out_view

    spec = _crowded_comparison()
    view = laid_out_view(spec, 600, 300)  # low: half a point of the scale is a few pixels
    chart = view.chart()
    _assert_readable(chart, spec, 3)
    five = chart._labels[-1]  # 5,00 on the tallest bar
    top = chart.mapToPosition(QPointF(2, 5.0), chart.bar_series).y()
    assert five.sceneBoundingRect().top() > top  # on the bar, from its top end down
    assert five.brush().color() != chart.text_colour  # black or white, whichever reads
    three = chart._labels[0]  # 2,99: room above its bar
    assert (
        three.sceneBoundingRect().bottom()
        < chart.mapToPosition(QPointF(0, 2.99), chart.bar_series).y()
    )
    view.deleteLater()


def test_wide_bars_keep_their_numbers_upright_above_them(qtbot) -> None:
    spec = _crowded_comparison()
    spec = ChartSpec(
        spec.title, spec.categories, spec.series[:2], 5.0, value_labels=spec.value_labels[:2]
    )
    view = _shown(qtbot, spec, 1200, 500)
    chart = view.chart()
    _assert_readable(chart, spec, 3)
    assert [item.rotation() for item in chart._labels] == [0] * 6
    assert chart.category_axis.categories() == [c.replace("\n", "<br>") for c in spec.categories]


def test_the_report_picture_is_laid_out_for_its_own_width(qapp) -> None:
    from kastedesk.ui.feedback.charts import laid_out_view

    spec = _crowded_comparison()
    for width in (600, 900):
        view = laid_out_view(spec, width, 440)
        assert view.width() == width
        _assert_readable(view.chart(), spec, 3)
        view.deleteLater()


def test_counts_of_a_thousand_or_more_have_their_thousands_apart(qapp) -> None:
    """12 500 responses, not 12500: in the charts, the tables, the texts (fi and sv)."""
    from kastedesk.domain.feedback_counts import responses_text
    from kastedesk.i18n import set_language
    from kastedesk.ui.feedback.results import stats_columns

    question = default_form().questions[0]
    stats = QuestionStats("q", question, answered=12500, counts={4: 2500, 5: 10000})
    spec = distribution_chart(stats, "sv")
    assert spec is not None
    assert spec.value_labels == [["0", "0", "0", "2\xa0500", "10\xa0000"]]
    assert spec.categories[-1].endswith("\n10\xa0000 · 80 %")
    assert spec.note == "Besvarade: 12\xa0500"
    scale = [QuestionStats(q.key, q) for q in default_form().questions[:1]]
    comparison = Comparison("region", ["06", "15"], {"06": 12500, "15": 980}, scale, {})
    names = [name for name, _v in comparison_chart(comparison, "fi").series]  # type: ignore[union-attr]
    assert names == ["Pirkanmaa (n = 12\xa0500)", "Pohjanmaa (n = 980)"]
    set_language("fi")
    assert responses_text(1500) == "1\xa0500 vastausta"
    answered = stats_columns()[2]
    assert answered.value((1, stats)) == "12\xa0500"
    assert answered.sort_key is not None and answered.sort_key((1, stats)) == 12500
