"""Comparison over time: the same results for two or more periods side by side."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kastedesk import i18n
from kastedesk.cli.main import main
from kastedesk.domain.feedback_entry import Answer
from kastedesk.domain.periods import parse_period
from kastedesk.services.feedback_charts import comparison_chart, comparison_table
from kastedesk.services.feedback_entry import open_entry, save_response
from kastedesk.services.feedback_results import (
    ResultFilter,
    compare_over_time,
    compare_periods,
)


def _season(db, new_workshop) -> None:
    """Spring 2015: three responses (means 4,00); autumn 2015: two (means 2,50)."""
    spring = new_workshop("06", "A", date=dt.date(2015, 3, 5))
    autumn = new_workshop("15", "B", date=dt.date(2015, 10, 1))
    for wid, firsts in ((spring, [5, 4, 3]), (autumn, [2, 3])):
        ctx = open_entry(db, wid)
        for first in firsts:
            save_response(db, ctx, {0: Answer(first), 3: Answer(1)})


def test_periods_side_by_side(db, new_workshop) -> None:
    _season(db, new_workshop)
    periods = [parse_period("1.1.2015..30.6.2015"), parse_period("1.7.2015..31.12.2015")]
    results = compare_periods(db, None, periods)
    assert [s.responses for s in results.summaries] == [3, 2]
    first = [s.questions[0] for s in results.summaries]
    assert [q.mean for q in first] == [pytest.approx(4.0), pytest.approx(2.5)]
    comparison = results.comparison()
    headers, rows = comparison_table(comparison, "fi")
    assert headers[1:] == ["1.1.2015–30.6.2015 (n = 3)", "1.7.2015–31.12.2015 (n = 2)"]
    assert rows[0][1:] == ["4,00 (n = 3)", "2,50 (n = 2)"]
    chart = comparison_chart(comparison, "sv")
    assert chart is not None and chart.title == "Medelvärden per period"
    # The filter's own dates narrow each period.
    narrowed = compare_periods(db, ResultFilter(date_from=dt.date(2015, 4, 1)), periods)
    assert [s.responses for s in narrowed.summaries] == [0, 2]


def test_half_years_come_from_the_workshop_dates(db, new_workshop) -> None:
    _season(db, new_workshop)
    results = compare_over_time(db, ResultFilter(), "half_year")
    labels = [p.label("fi") for p in results.periods]
    assert labels == ["kevät 2015", "syksy 2015"]
    assert [p.label("fi") for p in compare_over_time(db, ResultFilter(), "year").periods] == [
        "vuosi 2015"
    ]


def test_cli_summary_with_periods(capsys, db, db_path, new_workshop, monkeypatch) -> None:
    _season(db, new_workshop)
    monkeypatch.setenv("KASTEDESK_LANG", "fi")
    args = ["--db", str(db_path), "feedback", "summary"]
    periods = ["--period", "1.1.2015..30.6.2015", "--period", "2015-07-01..2015-12-31"]
    assert main([*args, *periods]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["1.1.2015–30.6.2015", "1.7.2015–31.12.2015"]
    assert lines[1].split() == ["Vastauksia", "3", "2"]
    mean = next(line for line in lines if line.strip().startswith("Keskiarvo"))
    assert mean.split()[1:] == ["4,00", "2,50"]
    assert "  sosiaalityöntekijä" in out and "3 (100 %)" in out
    assert main([*args, *periods, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["responses"] for p in data["periods"]] == [3, 2]
    assert data["periods"][1]["from"] == "2015-07-01"
    with pytest.raises(SystemExit) as error:
        main([*args, "--period", "30.6.2015..1.1.2015"])
    assert error.value.code == 2
    assert "ennen kuin se alkaa" in capsys.readouterr().err


def test_results_tab_compares_half_years(window, db, registry, new_workshop) -> None:
    from kastedesk.ui.feedback.results import ResultsView

    _season(db, new_workshop)
    page = window.findChild(ResultsView)
    page.read_data()
    window.set_language("fi")
    page.compare_by.setCurrentIndex(page.compare_by.findData("half_year"))
    assert page.comparison is not None and page.comparison.by == "period"
    from PySide6.QtWidgets import QTableWidget

    table = page.charts_holder.findChild(QTableWidget, "comparison_table")
    assert table.horizontalHeaderItem(1).text() == "kevät 2015\n(n = 3)"  # two lines: narrower
    assert table.item(0, 2).text() == "2,50 (n = 2)"
    i18n.set_language("en")
