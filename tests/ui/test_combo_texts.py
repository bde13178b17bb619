"""A drop-down shows its choice whole: "Hela proj" for "Hela projektet" says nothing.

Walked over every window state (tests/ui/all_windows.py) in Finnish and Swedish, in a
window 1100 pixels wide (narrower than a 1366×768 laptop screen, so a full screen has
room to spare), with the demo data. A user's own long name (a project's) may be cut
short where the bar is narrow: pointing at it then shows it whole.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyleOptionComboBox

from kastedesk.storage.database import Database
from tests.ui.all_windows import settle, window_states


def cut_short(combo: QComboBox) -> bool:
    """Whether the combo's current text is wider than the room its frame leaves for it."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    room = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return combo.fontMetrics().horizontalAdvance(combo.currentText()) > room.width()


def tooltip(combo: QComboBox) -> str:
    """What pointing at *combo* shows."""
    point = combo.rect().center()
    QApplication.sendEvent(combo, QHelpEvent(QEvent.Type.ToolTip, point, combo.mapToGlobal(point)))
    return combo.toolTip()


def shown_window(make_window, demo_db: Database, qtbot, lang: str, width: int):
    """The demo window in *lang*, *width* pixels wide, shown."""
    window = make_window(demo_db)
    window.set_language(lang)
    window.resize(width, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def shown_tab(make_window, demo_db: Database, qtbot, lang: str, width: int, key: str):
    """That window with the tab *key* in front and read."""
    window = shown_window(make_window, demo_db, qtbot, lang, width)
    page = window.page(key)
    window.tabs.setCurrentWidget(page)
    settle()
    return window, page


@pytest.mark.parametrize(("lang", "width"), [("fi", 1100), ("sv", 1100)])
def test_every_drop_down_shows_its_choice_whole(
    make_window, demo_db: Database, qtbot, lang: str, width: int
) -> None:
    window = shown_window(make_window, demo_db, qtbot, lang, width)
    found: dict[str, list[str]] = {}
    for state in window_states(window, demo_db):
        settle()
        for combo in window.tabs.currentWidget().findChildren(QComboBox):
            if combo.isVisible() and cut_short(combo) and tooltip(combo) != combo.currentText():
                found.setdefault(state, []).append(f"{combo.objectName()}: {combo.currentText()}")
    assert found == {}


def test_the_outcome_shows_whole_where_the_editor_has_room(make_window, demo_db, qtbot) -> None:
    """It narrows at 150 % (tests/ui/test_fit_150.py), but not on a full laptop screen."""
    window = shown_window(make_window, demo_db, qtbot, "sv", 1366)
    states = window_states(window, demo_db)
    while "Föredragningslista" not in next(states):
        pass
    settle()
    outcome = window.page("meetings").editor.agenda.editor.outcome
    assert outcome.currentText() == "Behandlat (beslut antecknat)"
    assert outcome.isVisible() and not cut_short(outcome)
    presenter = window.page("meetings").editor.agenda.editor.presenter
    assert outcome.mapToGlobal(outcome.rect().topLeft()).x() == presenter.mapToGlobal(
        presenter.rect().topLeft()
    ).x()  # in the fields' column, not floated to the middle of the row


def test_the_costs_year_follows_its_items_after_it_first_shows(make_window, demo_db, qtbot):
    """The years are filled when the tab is read, which may come after the drop-down
    first showed (it then kept the width of no items: "Hela proj"); and a narrower
    window takes the width from the project's name, not from the year."""
    window, costs = shown_tab(make_window, demo_db, qtbot, "sv", 1100, "costs")
    assert costs.year.currentText() == "Hela projektet"
    assert not cut_short(costs.year)
    costs.year.setItemText(0, "Hela projektet, alla år")  # as if filled only now
    settle()
    assert not cut_short(costs.year)
    window.resize(760, 700)
    settle()
    assert not cut_short(costs.year)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_costs_labels_stay_with_their_drop_downs_on_a_wide_screen(
    make_window, demo_db, qtbot, lang: str
) -> None:
    """The project's drop-down grows only to its longest name; the width left over went to
    the labels, which then stood far from their fields ("Projekt:" … 130 px … the name)."""
    _window, costs = shown_tab(make_window, demo_db, qtbot, lang, 1366, "costs")
    assert costs.project.width() == costs.project.maximumWidth()  # the whole name shows
    for label, field in ((costs.project_label, costs.project), (costs.year_label, costs.year)):
        gap = field.geometry().left() - label.geometry().left() - label.sizeHint().width()
        assert gap <= 12, (label.text(), gap)
    for button in (costs.report_button, costs.attach_button):
        assert button.width() == button.sizeHint().width(), button.text()
    assert costs.attach_button.geometry().right() > costs.width() - 30  # the buttons at the right


def test_the_members_project_and_group_show_whole_on_a_wide_screen(
    make_window, demo_db, qtbot
) -> None:
    """The bar above the members had room to spare while the project's name was cut to
    28 characters ("LasSe – Utveckling av utredningen av")."""
    _window, members = shown_tab(make_window, demo_db, qtbot, "sv", 1366, "members")
    assert len(members.project_combo.currentText()) > 28  # longer than the old width
    for combo in (members.project_combo, members.group_combo):
        assert not cut_short(combo), combo.currentText()


def test_the_workshop_dialog_shows_the_project_and_module_whole(demo_db, qtbot) -> None:
    """620 pixels cut the module ("C – Att utveckla det professionella nätverkets roller
    och ar…") and the project's name; the dialog now opens wide enough for them."""
    from kastedesk import i18n
    from kastedesk.services.workshops import list_workshops
    from kastedesk.ui.workshops.editor import WorkshopDialog

    i18n.set_language("sv")
    workshop = next(w for w in list_workshops(demo_db) if w.module == "C")
    dialog = WorkshopDialog(demo_db, workshop.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for combo in (dialog.project, dialog.module):
        assert not cut_short(combo), combo.currentText()
