"""Empty tabs say what belongs there and offer the first action, with its shortcut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from kastedesk import i18n
from kastedesk.domain.registry_rules import GroupData, ProjectData
from kastedesk.services import registry
from kastedesk.storage.database import Database
from kastedesk.ui.empty_state import EmptyState

PAGES = ["members", "meetings", "workshops", "feedback", "evaluation", "costs"]


@pytest.fixture
def bare_project(db: Database) -> Database:
    """A project and its steering group, nothing else."""
    project = registry.save_project(db, ProjectData("Lastensuojelu", "Barnskydd", "LasSe"))
    registry.save_group(db, GroupData("Ohjausryhmä", "Styrgrupp"), project)
    return db


def hint(window, key: str) -> EmptyState:
    page = window.page(key)
    # Costs and Evaluation read their data when shown, as a user would show them.
    if (key == "costs" and page.book is None) or (key == "evaluation" and not page._loaded):
        page.refresh()
    states = page.findChildren(EmptyState)
    assert len(states) == 1, key
    return states[0]


def shown(state: EmptyState) -> bool:
    return not state.isHidden()


def test_every_tab_says_what_belongs_there(make_window, bare_project) -> None:
    window = make_window(bare_project)
    texts = {key: hint(window, key) for key in PAGES}
    assert all(shown(state) for state in texts.values()), [
        k for k, s in texts.items() if not shown(s)
    ]
    assert texts["meetings"].label.text() == "No meetings yet."
    assert texts["meetings"].button.text() == "Plan the first meeting (Ctrl+Shift+N)"
    assert texts["members"].button.text() == "Add the first person (Ctrl+N)"
    assert texts["workshops"].button.text() == "Add the first workshop (Ctrl+N)"
    assert texts["evaluation"].button.text() == "Start the first round"
    assert texts["costs"].button.text() == "Enter the budget"
    assert texts["feedback"].button.text() == "Type in the first responses"


def test_tabs_with_data_show_no_hint(make_window, demo_db) -> None:
    window = make_window(demo_db)
    window.page("feedback").results.refresh()
    assert [key for key in PAGES if shown(hint(window, key))] == []


def test_the_hint_goes_when_the_first_record_arrives(make_window, bare_project) -> None:
    from kastedesk.domain.registry_rules import MembershipData, PersonData

    window = make_window(bare_project)
    members = window.page("members")
    assert shown(hint(window, "members"))
    [group] = registry.list_groups(bare_project)
    registry.add_member(bare_project, group.id, PersonData("Anna", "Aalto"), MembershipData())
    members.reload_members()
    assert not shown(hint(window, "members"))


def test_the_hint_buttons_start_the_first_action(make_window, bare_project, monkeypatch) -> None:
    from kastedesk.ui.costs.page import BudgetView
    from kastedesk.ui.evaluation.page import EvaluationPage
    from kastedesk.ui.meetings.meetings_page import MeetingsPage
    from kastedesk.ui.members.members_page import MembersPage
    from kastedesk.ui.workshops.page import WorkshopsPage

    calls: list[str] = []
    for cls, name in (
        (MembersPage, "add_member"),
        (MeetingsPage, "new_meeting"),
        (WorkshopsPage, "new_workshop"),
        (EvaluationPage, "new_round"),
        (BudgetView, "add_partner"),
    ):
        monkeypatch.setattr(cls, name, lambda self, _n=name: calls.append(_n))
    window = make_window(bare_project)
    for key in ("members", "meetings", "workshops", "evaluation", "costs"):
        assert shown(hint(window, key)), key
        hint(window, key).button.click()
    assert calls == ["add_member", "new_meeting", "new_workshop", "new_round", "add_partner"]
    costs = window.page("costs")
    assert costs.inner.currentWidget() is costs.budget

    hint(window, "feedback").button.click()  # no workshop chosen: the Workshops tab
    assert window.tabs.currentWidget() is window.page("workshops")


def test_a_hint_is_reached_with_the_keyboard(make_window, bare_project, qtbot) -> None:
    window = make_window(bare_project)
    window.first_run.show_tabs()
    window.show()
    meetings = window.show_page("meetings")
    qtbot.waitExposed(window)
    state = hint(window, "meetings")
    assert state.isVisible() and state.button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert state.geometry() == meetings.table.viewport().geometry()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_hints_in_finnish_and_swedish(make_window, bare_project, lang) -> None:
    window = make_window(bare_project)
    window.set_language(lang)
    for key in PAGES:
        state = hint(window, key)
        state.update_state()
        assert state.label.text() and state.button.text()
    assert hint(window, "meetings").label.text() != "No meetings yet."
    # The keys in the user's language too (Qt's own catalog: "Vaihto", "Skift").
    keys = QKeySequence("Ctrl+Shift+N").toString(QKeySequence.SequenceFormat.NativeText)
    assert keys != "Ctrl+Shift+N"
    assert hint(window, "meetings").button.text().endswith(f"({keys})")
    i18n.set_language("en")


def test_a_hint_covers_its_list_after_the_window_is_resized(
    make_window, bare_project, qtbot
) -> None:
    """The hint once took the list's size from before the list laid itself out again:
    a maximised window showed the list's white beside and under it."""
    window = make_window(bare_project)
    window.first_run.show_tabs()
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    for key in PAGES:
        page = window.show_page(key)
        state = hint(window, key)
        for size in ((1300, 740), (1000, 650)):
            window.resize(*size)
            qtbot.wait(1)
            view = state.parentWidget()
            assert view is not None and view.isVisible(), key
            assert state.geometry() == view.viewport().geometry(), (key, size)
        assert page.isVisible()
