"""A table's headings show whole: "Responsblankette" or "Ky" for "Kysymys" says little.

A heading may be shortened on purpose ("1. Motsvarade workshoppens inn…") when pointing
at it shows the whole text. Walked over every dialog in Finnish and Swedish, and the
feedback comparison on a 1366-pixel laptop screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from kastedesk.storage.database import Database
from tests.ui.all_windows import settle, shown_dialogs


def needed_width(header: QHeaderView, text: str) -> int:
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    lines = text.split("\n")
    return max(header.fontMetrics().horizontalAdvance(line) for line in lines) + 2 * margin


def cut_headings(root: QWidget) -> list[str]:
    """The visible tables' headings in *root* narrower than their text, unless the
    heading's tooltip says it whole."""
    found = []
    for view in root.findChildren(QAbstractItemView):
        if not (isinstance(view, QTableView) and view.isVisible() and view.model()):
            continue
        header, model = view.horizontalHeader(), view.model()
        if header.isHidden():
            continue
        for i in range(header.count()):
            text = str(model.headerData(i, Qt.Orientation.Horizontal) or "")
            if header.isSectionHidden(i) or header.sectionSize(i) >= needed_width(header, text):
                continue
            if model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole):
                continue
            found.append(f"{view.objectName() or type(view).__name__}: {text!r}")
    return found


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_dialogs_tables_show_their_headings_whole(
    qtbot, ui_language, demo_db: Database, tmp_path: Path, lang: str
) -> None:
    ui_language(lang)
    problems: dict[str, list[str]] = {}
    for name, dialog in shown_dialogs(qtbot, demo_db, tmp_path):
        if found := cut_headings(dialog):
            problems[name] = found
    assert problems == {}


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_feedback_comparison_leaves_its_questions_room(
    make_window, demo_db: Database, qtbot, lang: str
) -> None:
    """Five regions' headings on one line each took all the width: the questions' column
    was 26 pixels wide in Finnish ("Kysymys" cut short), its rows as tall as that made
    them, in a table that scrolled."""
    window = make_window(demo_db)
    window.set_language(lang)
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.page("feedback"))
    settle()
    table = window.findChild(QTableView, "comparison_table")
    assert table is not None and table.isVisible()
    assert table.model().columnCount() == 6  # the question and five regions
    assert table.horizontalHeader().sectionSize(0) >= 150
    assert cut_headings(table.parentWidget()) == []
    # Its rows as tall as their text at the width it got, and all of them shown.
    rows = range(table.model().rowCount())
    least = table.verticalHeader().minimumSectionSize()
    assert [table.rowHeight(r) for r in rows] == [
        max(least, table.sizeHintForRow(r)) for r in rows
    ]
    assert not table.verticalScrollBar().isVisible()
