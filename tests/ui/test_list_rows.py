"""The program's lists show one line of text per row, as the Members list always did.

Qt's default row height leaves room for an editor: the Meetings and Workshops lists
showed a third fewer rows than the Members list on a 1366×768 screen."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

from kastedesk.services.workshops import list_workshops
from kastedesk.storage.database import Database
from kastedesk.ui.feedback.responses import ResponsesDialog
from kastedesk.ui.meetings.decision_register import DecisionRegisterDialog


def _one_line_high(view: QTableView) -> bool:
    line = view.fontMetrics().height()
    return line < view.rowHeight(0) <= line + 8


def test_every_list_has_rows_one_line_high(make_window, demo_db: Database, qtbot) -> None:
    window = make_window(demo_db)
    window.show()
    qtbot.waitExposed(window)
    costs = window.page("costs")
    window.tabs.setCurrentWidget(costs)
    qtbot.waitUntil(lambda: costs.book is not None)  # read in the background
    lists = {
        "members": window.page("members").view,
        "meetings": window.page("meetings").table,
        "workshops": window.page("workshops").findChild(QTableView, "workshops_table"),
        "feedback forms": window.page("feedback").forms.table,
        "where responses came from": window.page("feedback").exchange.origins_view,
        "realised costs": costs.entries.view,
        "costs by category": costs.follow.category_view,
    }
    evaluation = window.page("evaluation")
    window.tabs.setCurrentWidget(evaluation)  # its rounds are read when it shows
    evaluation.inner.setCurrentWidget(evaluation.summary_view)
    summary = evaluation.summary_view.table
    qtbot.waitUntil(lambda: summary.rowCount() > 0)
    lists["evaluation summary"] = summary
    dialogs = {
        "decision register": DecisionRegisterDialog(demo_db),
        "a workshop's responses": ResponsesDialog(demo_db, list_workshops(demo_db)[0].id),
    }
    for name, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        lists[name] = dialog.table
    for name, view in lists.items():
        assert view is not None and view.model().rowCount() > 0, name
        assert _one_line_high(view), (name, view.rowHeight(0), view.fontMetrics().height())
        assert not view.wordWrap() and view.verticalHeader().isHidden(), name
