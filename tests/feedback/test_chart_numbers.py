"""Every chart shows its numbers: counts and shares, a numbered axis, full wrapped labels,
responses per group and the question texts on comparison charts."""

from __future__ import annotations

from kastedesk.domain.feedback_forms import OptionSpec, QuestionKind, QuestionSpec, default_form
from kastedesk.services.feedback_charts import comparison_chart, distribution_chart, wrap
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
