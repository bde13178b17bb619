"""The Evaluation tab: loaded when first shown, rated by keyboard, framework edited in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from kastedesk.services import evaluation as ev
from kastedesk.services.evaluation_export import export_round
from kastedesk.ui.evaluation.dialogs import TextDialog
from kastedesk.ui.evaluation.page import EvaluationPage


@pytest.fixture
def page(qtbot, demo_db) -> EvaluationPage:
    page = EvaluationPage(demo_db)
    qtbot.addWidget(page)
    assert not page._loaded  # nothing read before it is shown
    page.resize(1340, 640)
    page.show()
    qtbot.waitExposed(page)
    return page


def _cell(page: EvaluationPage, measure_row: int, region: str, rating: bool = True):
    column = page.model.rating_column(region) + (0 if rating else 1)
    return page.model.index(measure_row, column)


def test_the_grid_is_rated_by_keyboard(qtbot, page: EvaluationPage) -> None:
    assert page._loaded
    assert page.current_round().kind.value == "midterm"
    model = page.model
    assert model.rows[0].measure is None and model.rows[1].measure is not None
    assert model.columnCount() == 2 + 2 * 2
    start = _cell(page, 1, "14")
    page.grid.setFocus()
    page.grid.setCurrentIndex(start)
    qtbot.keyClick(page.grid, Qt.Key.Key_1)
    measure = model.rows[1].measure.id
    assert ev.load_matrix(page.db, page.round_id()).cell(measure, "14").rating == 1
    assert page.grid.currentIndex().row() == 2  # moved down to the next measure
    qtbot.keyClick(page.grid, Qt.Key.Key_3)
    assert ev.load_matrix(page.db, page.round_id()).cell(model.rows[2].measure.id, "14").rating == 3
    page.grid.setCurrentIndex(start)
    qtbot.keyClick(page.grid, Qt.Key.Key_Delete)
    assert ev.load_matrix(page.db, page.round_id()).cell(measure, "14").rating is None
    assert model.data(_cell(page, 1, "14")) == "–"
    page.grid.setCurrentIndex(start)
    qtbot.keyClick(page.grid, Qt.Key.Key_2)
    assert model.data(_cell(page, 1, "14")) == "2 realised"
    page.grid.setCurrentIndex(start)
    qtbot.keyClick(page.grid, Qt.Key.Key_Tab)
    assert page.grid.currentIndex().column() == start.column() + 1


def test_enter_opens_the_comment(qtbot, page: EvaluationPage, monkeypatch) -> None:
    monkeypatch.setattr(TextDialog, "exec", lambda self: 1)
    monkeypatch.setattr(TextDialog, "text", lambda self: "Kuntakäynnit tehty.")
    page.grid.setCurrentIndex(_cell(page, 1, "15", rating=False))
    qtbot.keyClick(page.grid, Qt.Key.Key_Return)
    matrix = ev.load_matrix(page.db, page.round_id())
    assert matrix.cell(page.model.rows[1].measure.id, "15").comment == "Kuntakäynnit tehty."
    page.grid.setCurrentIndex(_cell(page, 0, "15", rating=False))  # the goal's own row
    qtbot.keyClick(page.grid, Qt.Key.Key_Return)
    goal = page.model.rows[0].goal.id
    assert ev.load_matrix(page.db, page.round_id()).goal_comments[(goal, "15")]


def test_a_locked_round_refuses_keys_and_is_reopened_with_a_reason(
    qtbot, page: EvaluationPage, monkeypatch
) -> None:
    page.round.setCurrentIndex(0)  # the demo's locked baseline
    assert page.current_round().locked
    before = ev.load_matrix(page.db, page.round_id()).cells
    page.grid.setCurrentIndex(_cell(page, 1, "14"))
    qtbot.keyClick(page.grid, Qt.Key.Key_3)
    assert ev.load_matrix(page.db, page.round_id()).cells == before
    assert "locked" in page.status.text()
    monkeypatch.setattr(TextDialog, "exec", lambda self: 1)
    monkeypatch.setattr(TextDialog, "text", lambda self: "Pohjanmaan arvio korjattiin")
    page.lock_button.click()
    assert not page.current_round().locked
    assert "Pohjanmaan arvio korjattiin" in page.status.text()


def test_framework_summary_and_comparison_views(qtbot, page: EvaluationPage, monkeypatch) -> None:
    page.inner.setCurrentWidget(page.summary_view)
    table = page.summary_view.table
    assert table.item(table.rowCount() - 1, 0).text() == "All"
    assert len(page.summary_view.chart.bars) == 3 + 2
    page.inner.setCurrentWidget(page.compare_view)
    assert "better" in page.compare_view.counts.text()
    assert "→" in page.compare_view.table.item(1, 1).text()
    side = page.compare_view.summary  # both rounds' counts: numbers right, as in a summary
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert {side.item(0, c).textAlignment() for c in range(1, side.columnCount())} == {right}
    # Each count's two rounds side by side, the earlier first, named by their dates.
    first, second = (side.horizontalHeaderItem(c).text().split("\n") for c in (1, 2))
    assert first[0] == second[0] and first[1] != second[1]
    assert all(part.count(".") == 2 for part in (first[1], second[1]))  # d.m.yyyy
    page.inner.setCurrentWidget(page.framework_view)
    view = page.framework_view
    assert view.tree.topLevelItemCount() == 3
    view.tree.setCurrentItem(view.tree.topLevelItem(0).child(1))
    view.buttons["retire"].click()
    framework = ev.load_framework(page.db, page.project.project_id())
    assert framework.goals[0].measures[1].retired
    view.tree.setCurrentItem(view.tree.topLevelItem(0).child(0))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    view.buttons["up"].click()  # already first: stays
    view.tree.setCurrentItem(view.tree.topLevelItem(2))
    view.buttons["up"].click()
    assert (
        ev.load_framework(page.db, page.project.project_id())
        .goals[1]
        .text_fi.startswith("Ammatillisen")
    )
    # Moving a goal is the view's own word; Qt's move (placing the widget) stays Qt's.
    view.move(QPoint(3, 4))
    assert view.pos() == QPoint(3, 4)


def test_import_from_excel_with_preview(qtbot, page: EvaluationPage, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = export_round(page.db, page.round_id(), tmp_path / "arviointi.xlsx", "fi")
    book = load_workbook(path)
    book.worksheets[0]["D3"] = 1
    book.save(path)
    assert page.import_file(path, confirm=False)
    measure = page.model.rows[1].measure.id
    assert ev.load_matrix(page.db, page.round_id()).cell(measure, "14").rating == 1
    assert "Cells changed: 1" in page.status.text()


def test_the_tab_fits_a_small_screen_in_the_window(make_window, demo_db, qtbot, tmp_path) -> None:
    from kastedesk import i18n

    i18n.set_language("fi")
    window = make_window(demo_db)
    window.resize(1366, 728)
    window.load_all_pages()
    window.show()
    window.tabs.setCurrentIndex(4)
    page = window.tabs.currentWidget()
    qtbot.waitExposed(window)
    assert page.minimumSizeHint().width() <= 1366
    assert page.model.headerData(2, Qt.Orientation.Horizontal).startswith("Etelä-Pohjanmaa")
    page.grab().save(str(tmp_path / "evaluation.png"))
    for widget in (page.framework_view, page.summary_view, page.compare_view):
        page.inner.setCurrentWidget(widget)
        assert widget.minimumSizeHint().height() < 700


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_mnemonics_are_unique_on_every_inner_tab(page: EvaluationPage, lang: str) -> None:
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    from kastedesk import i18n

    i18n.set_language(lang)
    page.retranslate_ui()
    for round_index in (0, 1):  # the locked baseline (Reopen) and the open mid-term (Lock)
        page.round.setCurrentIndex(round_index)
        for n in range(page.inner.count()):
            page.inner.setCurrentIndex(n)
            keys = []
            for widget in page.findChildren(QAbstractButton) + page.findChildren(QLabel):
                text = widget.text().replace("&&", "")
                if widget.isVisible() and "&" in text:
                    keys.append(re.search("&(.)", text).group(1).casefold())
            assert len(keys) == len(set(keys)), (lang, n, sorted(keys))


def test_outside_changes_show_without_losing_the_place(qtbot, page: EvaluationPage) -> None:
    page.round.setCurrentIndex(1)
    spot = _cell(page, 2, "15")
    page.grid.setCurrentIndex(spot)
    measure = page.model.rows[2].measure.id
    ev.set_rating(page.db, page.round_id(), measure, "15", 1)  # as from the command line
    page.refresh_after_outside_change()
    assert page.round.currentIndex() == 1
    assert page.grid.currentIndex() == spot
    assert page.model.data(spot) == "1 not realised"


def test_export_actions_write_the_chosen_file(page: EvaluationPage, tmp_path, monkeypatch) -> None:
    from docx import Document

    import kastedesk.ui.evaluation.page as page_module

    target = tmp_path / "arviointi"  # the suffix is added when missing
    monkeypatch.setattr(page_module, "save_file_name", lambda *a, **k: (target, ""))
    swedish_word = page.export_button.menu().actions()[1]
    swedish_word.trigger()
    written = tmp_path / "arviointi.docx"
    assert Document(str(written)).tables[0].rows[0].cells[0].text == "Mål"
    assert str(written) in page.status.text()


def _shown_grid(make_window, demo_db, qtbot, width: int):
    """The demo window *width* pixels wide on the Evaluation tab, its round read."""
    window = make_window(demo_db)
    window.resize(width, 700)
    window.show()
    window.tabs.setCurrentIndex(4)
    page = window.tabs.currentWidget()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return window, page


def _resized(window, qtbot, width: int) -> None:
    """*window* *width* pixels wide, its grid laid out again."""
    window.resize(width, 740)
    grid = window.tabs.currentWidget().grid
    qtbot.waitUntil(lambda: grid.viewport().width() > width - 170)
    qtbot.wait(1)


def _columns_fill(grid) -> bool:
    used = sum(grid.columnWidth(i) for i in range(grid.horizontalHeader().count()))
    return grid.viewport().width() - 10 <= used <= grid.viewport().width()


def test_the_grid_fills_its_width_after_the_window_grows(make_window, demo_db, qtbot) -> None:
    """A round read before the window had its final size kept a narrower window's
    columns: white beside the grid after maximising."""
    window, page = _shown_grid(make_window, demo_db, qtbot, 900)
    for size in (1366, 1100):
        _resized(window, qtbot, size)
        assert _columns_fill(page.grid), size


def test_a_column_width_given_by_hand_stays_until_another_round(
    make_window, demo_db, qtbot
) -> None:
    window, page = _shown_grid(make_window, demo_db, qtbot, 1000)
    header = page.grid.horizontalHeader()
    header.resizeSection(0, 411)  # as a drag of its edge does
    _resized(window, qtbot, 1366)
    assert header.sectionSize(0) == 411
    page.round.setCurrentIndex(1 - page.round.currentIndex())  # the other round
    assert header.sectionSize(0) != 411
    assert _columns_fill(page.grid)
