"""The GUI path: outcome in the item editor, the offer on opening, the waiting-items dialog."""

from __future__ import annotations

import datetime as dt

from meeting_registry import build_registry
from PySide6.QtWidgets import QDialog

from kastedesk.services import backlog
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_views import get_meeting
from kastedesk.ui.meetings.backlog_dialog import BacklogDialog
from kastedesk.ui.meetings.meeting_editor import MeetingEditor
from kastedesk.ui.meetings.new_item_dialog import NewItemDialog


def _setup(qtbot, db):
    with db.session() as session:
        registry = build_registry(session)
    first = svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=dt.date(2014, 9, 23)))
    item_id = svc.add_item(db, first, svc.ItemFields("Talousraportti", "Ekonomisk rapport",
                                                     background="Talous."))  # fmt: skip
    editor = MeetingEditor(db)
    qtbot.addWidget(editor)
    editor.resize(1300, 700)
    editor.show()
    return registry, first, item_id, editor


def test_tabling_in_the_editor_then_the_next_meeting_offers_and_takes_the_item(qtbot, db) -> None:
    registry, first, item_id, editor = _setup(qtbot, db)
    editor.open_meeting(first, item_id)
    item = editor.agenda.editor
    assert item.outcome.isEnabled() and item.outcome.currentData() == "decided"
    assert item.outcome_wording.text() == ""
    item.outcome.setCurrentIndex(item.outcome.findData("tabled"))
    assert "Asia jätettiin pöydälle. / Ärendet bordlades." in item.outcome_wording.text()
    assert item.is_dirty()
    assert item.save()
    assert next(i for i in get_meeting(db, first).items if i.id == item_id).outcome == "tabled"
    assert editor.backlog_offer.isHidden()  # not offered back to its own meeting
    editor.agenda.select_item(get_meeting(db, first).items[0].id)
    assert not item.outcome.isEnabled()  # the opening is always handled

    second = svc.create_meeting(
        db, registry.group_id, svc.MeetingFields(date=dt.date(2014, 10, 21))
    )
    editor.open_meeting(second)
    assert not editor.backlog_offer.isHidden()
    assert editor.backlog_label.text().startswith("1 item of the group is waiting")

    seen: list[BacklogDialog] = []

    def use(dialog: BacklogDialog) -> None:
        qtbot.addWidget(dialog)
        seen.append(dialog)
        assert dialog.model.rowCount() == 1
        assert dialog.model.data(dialog.model.index(0, 2)) == "23.9.2014 § 7"
        assert not dialog.remove_button.isEnabled()  # a tabled item is not removed here

        def park(new: NewItemDialog) -> bool:
            new.title_fi.setText("Koulutussuunnitelma")
            new.accept()
            return new.result() == QDialog.DialogCode.Accepted

        dialog.run_dialog = park  # type: ignore[method-assign]
        dialog.park_new()
        assert dialog.model.rowCount() == 2
        dialog.table.selectRow(0)
        dialog.add_selected()
        assert dialog.model.rowCount() == 1  # the parked one is left
        assert dialog.remove_button.isEnabled()
        dialog.reject()

    editor.agenda.run_backlog_dialog = use  # type: ignore[method-assign]
    editor.backlog_offer_button.click()
    assert seen and editor.tabs.currentWidget() is editor.agenda
    detail = get_meeting(db, second)
    new = detail.items[6]
    assert new.background == "Asia on pöydätty 23.9.2014 § 7.\n\nTalous."
    assert editor.agenda.current_item_id() == new.id
    assert editor.agenda.items.currentItem().text() == "7 §  Talousraportti"
    # The parked item is still offered.
    assert editor.backlog_label.text().startswith("1 item")
    assert [e.reason.value for e in backlog.meeting_backlog(db, second)] == ["parked"]


def test_parking_an_own_item_takes_it_off_the_agenda(qtbot, db) -> None:
    registry, first, item_id, editor = _setup(qtbot, db)
    editor.open_meeting(first, item_id)
    editor.agenda.park_current()
    assert item_id not in [i.id for i in get_meeting(db, first).items]
    assert [e.title_fi for e in backlog.group_backlog(db, registry.group_id)] == [
        "Talousraportti"
    ]
    assert not editor.backlog_offer.isHidden()  # waiting; this meeting may take it back
