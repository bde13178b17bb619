"""At 150 % on a 1366×768 screen (911×485 for the program, less a 40-pixel taskbar)
the main window fits on every tab, also with a meeting open on its Minutes tab."""

from __future__ import annotations

from PySide6.QtCore import QRect

from kastedesk.storage.database import Database

AVAILABLE = QRect(0, 0, 1366 * 2 // 3, (768 - 40) * 2 // 3)


def test_the_main_window_fits_a_1366x768_screen_at_150_percent(
    make_window, demo_db: Database, qtbot
) -> None:
    window = make_window(demo_db)
    window.resize(AVAILABLE.size())
    window.show()
    qtbot.waitExposed(window)
    meetings = window.page("meetings")
    window.tabs.setCurrentWidget(meetings)
    meetings.table.selectRow(0)
    assert meetings.editor.detail is not None
    for inner in range(meetings.editor.tabs.count()):
        meetings.editor.tabs.setCurrentIndex(inner)
        assert window.minimumSizeHint().height() <= AVAILABLE.height(), inner
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        minimum = window.minimumSizeHint()
        assert minimum.width() <= AVAILABLE.width(), (index, minimum)
        assert minimum.height() <= AVAILABLE.height(), (index, minimum)
