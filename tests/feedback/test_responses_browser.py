"""The typed forms of a workshop: listing, correcting, deleting, and the over-count flag."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select, update

from kastedesk import i18n
from kastedesk.domain.feedback_entry import Answer
from kastedesk.services.feedback_entry import open_entry, save_response
from kastedesk.services.feedback_responses import list_responses
from kastedesk.storage.models.feedback import FeedbackResponse
from kastedesk.ui.feedback.entry import FeedbackEntryDialog
from kastedesk.ui.feedback.responses import ResponsesDialog


def _type(db, workshop_id: int, *forms: tuple) -> list[int]:
    ctx = open_entry(db, workshop_id)
    ids = []
    for values in forms:
        answers = {n: Answer(v) for n, v in enumerate(values[:4]) if v is not None}
        if len(values) > 4:
            answers[4] = Answer(None, values[4])
        ids.append(save_response(db, ctx, answers))
    return ids


def _age(db, response_ids: list[int], hours: int = 1) -> None:
    """As if typed an hour ago (a correction is told apart by its later time)."""
    earlier = dt.datetime.now(dt.UTC) - dt.timedelta(hours=hours)
    with db.session() as session:
        session.execute(
            update(FeedbackResponse)
            .where(FeedbackResponse.id.in_(response_ids))
            .values(created_at=earlier, updated_at=earlier)
        )


def test_listing_numbers_laptop_answers_in_the_language(db, new_workshop) -> None:
    wid = new_workshop(attended=2)
    ids = _type(db, wid, (5, 4, 3, 2, "Hyvä"), (1, None, 5, 4), (3, 3, 3, 1))
    listing = list_responses(db, wid, "sv")
    assert [r.number for r in listing.rows] == [1, 2, 3]
    assert [r.id for r in listing.rows] == ids
    assert {r.laptop for r in listing.rows} == {"this computer"}
    assert listing.rows[0].answers == ("5", "4", "3", "socialhandledare", "Hyvä")
    assert listing.rows[1].answers == ("1", "", "5", "annan", "")
    assert listing.rows[0].corrected_at is None
    assert listing.over_participants
    assert listing.warning() == "More responses than participants: 3 responses, 2 participants"
    assert list_responses(db, wid, "fi").rows[2].answers[3] == "sosiaalityöntekijä"


@pytest.fixture
def _no_draft_question():
    original = FeedbackEntryDialog.ask_restore_draft
    FeedbackEntryDialog.ask_restore_draft = lambda self, count: False  # type: ignore[method-assign]
    yield
    FeedbackEntryDialog.ask_restore_draft = original  # type: ignore[method-assign]


@pytest.mark.usefixtures("_no_draft_question")
def test_browser_filters_corrects_and_deletes(qtbot, db, new_workshop, monkeypatch) -> None:
    wid = new_workshop(attended=15)
    ids = _type(db, wid, (5, 4, 3, 2), (1, 1, 1, 1), (3, 3, 3, 3, "Kahvi loppui"))
    _age(db, ids)
    with db.read() as session:
        uuids = list(session.scalars(select(FeedbackResponse.uuid).order_by(FeedbackResponse.id)))
    dialog = ResponsesDialog(db, wid)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 3
    assert dialog.count_label.text() == "3 responses, 15 participants"
    assert not dialog.warning_label.isVisible()
    assert dialog.model.headerData(4, Qt.Orientation.Horizontal).startswith("1. Vastasiko")
    dialog.search.setText("kahvi")
    assert [r.number for r in dialog.model.visible_rows()] == [3]
    assert dialog.count_label.text() == "3 responses, 15 participants (shown: 1)"
    dialog.search.clear()
    dialog.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # by the first answer
    assert [r.number for r in dialog.model.visible_rows()] == [1, 3, 2]

    # Correct form 2: the entry view opens on its answers; saving corrects the same response.
    def correct(entry: FeedbackEntryDialog) -> int:
        assert entry.counter_label.text() == "Correcting form 2"
        assert entry.form.filled() == {0: Answer(1), 1: Answer(1), 2: Answer(1), 3: Answer(1)}
        qtbot.keyClick(entry, "4")
        qtbot.keyClick(entry, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        return entry.result()

    monkeypatch.setattr(FeedbackEntryDialog, "exec", correct)
    dialog.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    dialog.table.selectRow(1)
    dialog.correct_selected()
    assert dialog.changed
    row = dialog.model.visible_rows()[1]
    assert row.answers[:4] == ("4", "1", "1", "sosiaalityöntekijä")
    assert row.corrected_at is not None
    with db.read() as session:
        assert (
            list(session.scalars(select(FeedbackResponse.uuid).order_by(FeedbackResponse.id)))
            == uuids
        )  # no new response

    # Delete forms 1 and 3 (confirmed): tombstones, the rest renumbered.
    monkeypatch.setattr(ResponsesDialog, "confirm_delete", lambda self, rows: len(rows) == 2)
    flags = QItemSelectionModel.SelectionFlag
    dialog.table.clearSelection()
    for position in (0, 2):
        dialog.table.selectionModel().select(
            dialog.model.index(position, 0), flags.Select | flags.Rows
        )
    assert len(dialog.selected_rows()) == 2
    dialog.delete_selected()
    assert [r.id for r in dialog.model.visible_rows()] == [ids[1]]
    assert dialog.model.visible_rows()[0].number == 1
    with db.read() as session:
        deleted = session.scalars(
            select(FeedbackResponse.id).where(FeedbackResponse.deleted_at.is_not(None))
        ).all()
    assert sorted(deleted) == [ids[0], ids[2]]


def test_workshops_list_flags_more_responses_than_participants(
    window, db, registry, new_workshop
) -> None:
    over = new_workshop("15", "A", title="Vasa", attended=2)
    new_workshop("06", "A", title="Tampere", attended=20)
    _type(db, over, (5, 5, 5, 1), (4, 4, 4, 1), (3, 3, 3, 1))
    page = window.tabs.widget(2)
    page.read_data()
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    responses = [page.model.index(n, 9).data() for n in range(2)]
    assert responses == ["0", "⚠ 3"]
    assert page.model.index(1, 2).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert page.model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    window.set_language("fi")
    assert page.count_label.text() == "2 työpajaa · ⚠ enemmän vastauksia kuin osallistujia: 1"
    i18n.set_language("en")


def test_copy_to_another_region_asks_title_and_date(qtbot, db, registry, new_workshop) -> None:
    from kastedesk.services.workshops import list_workshops, workshop_data
    from kastedesk.ui.workshops.copy_dialog import CopyWorkshopDialog

    wid = new_workshop("06", "A", title="Työpaja A Tampere")
    row = next(w for w in list_workshops(db) if w.id == wid)
    dialog = CopyWorkshopDialog(db, row)
    qtbot.addWidget(dialog)
    assert dialog.title.text() == "Työpaja A Tampere"
    dialog.accept()  # no region chosen: said next to the field, nothing made
    assert dialog.findChild(QLabel, "error_region").text().startswith("Choose the region")
    dialog.region.set_region("15")
    dialog.title.setText("Työpaja A Vaasa")
    dialog.date.setText("31.2.2015")
    dialog.accept()
    assert dialog.findChild(QLabel, "error_date").text() == "Write the date as 23.9.2014."
    assert len(list_workshops(db)) == 1
    dialog.date.setText("4.3.2015")
    dialog.accept()
    copy = workshop_data(db, dialog.result_value)
    assert (copy.title, copy.region, copy.date) == ("Työpaja A Vaasa", "15", dt.date(2015, 3, 4))


@pytest.mark.usefixtures("_no_draft_question")
def test_enter_and_the_keypad_enter_correct_the_chosen_form(
    qtbot, db, new_workshop, monkeypatch
) -> None:
    from kastedesk.ui.help.shortcuts import collect_dialog_shortcuts

    wid = new_workshop(attended=15)
    _type(db, wid, (5, 4, 3, 2))
    dialog = ResponsesDialog(db, wid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # a shortcut works in the active window
    qtbot.waitUntil(dialog.isActiveWindow)
    opened: list[str] = []
    monkeypatch.setattr(
        FeedbackEntryDialog, "exec", lambda entry: opened.append(entry.counter_label.text()) or 0
    )
    dialog.table.setFocus()
    qtbot.waitUntil(dialog.table.hasFocus)
    flags = QItemSelectionModel.SelectionFlag
    dialog.table.selectionModel().setCurrentIndex(
        dialog.model.index(0, 0), flags.ClearAndSelect | flags.Rows
    )
    assert [r.number for r in dialog.selected_rows()] == [1]
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert opened == ["Correcting form 1", "Correcting form 1"]
    # The list of keys calls it Enter, as the key says, and once.
    rows = [(r.name, r.keys) for r in collect_dialog_shortcuts(dialog)]
    assert ("Correct the chosen form", "Enter") in rows
    assert not [keys for _name, keys in rows if "Return" in keys]
    assert dialog.correct_button.toolTip() == "Enter"
