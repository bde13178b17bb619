"""Unsaved typing survives a crash: kept as a draft, offered back at the next start."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from kastedesk.services.meeting_views import get_meeting
from kastedesk.storage.database import Database
from kastedesk.storage.drafts import DraftStore
from kastedesk.storage.models.meetings import Meeting
from kastedesk.ui.draft_keeper import DraftKeeper, draft_store


def test_the_store_keeps_reads_and_drops_drafts(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    store.save("item-5", "Ohjausryhmän 6. kokous, 5 §", {"proposal": "Åtgärd"})
    (tmp_path / "drafts" / "broken.json").write_text("{not json", "utf-8")
    [draft] = store.all()
    assert (draft.key, draft.fields) == ("item-5", {"proposal": "Åtgärd"})
    store.discard("item-5")
    assert store.all() == []
    with pytest.raises(ValueError):
        store.save("../evil", "x", {})


def _open_planned_meeting(window, db: Database):
    with db.read() as s:
        meeting = s.scalars(select(Meeting).order_by(Meeting.date.desc())).first()
        group_id, meeting_id = meeting.group_id, meeting.id
    page = next(p for p in window._pages if p.objectName() == "tab_meetings")
    window.tabs.setCurrentWidget(page)
    page.show_meeting(group_id, meeting_id)
    return page, meeting_id


def test_typing_in_an_agenda_item_comes_back_after_a_crash(make_window, demo_db: Database) -> None:
    window = make_window(demo_db)
    page, meeting_id = _open_planned_meeting(window, demo_db)
    editor = page.editor.agenda.editor
    item_id = editor.item_id()
    stored = next(i for i in get_meeting(demo_db, meeting_id).items if i.id == item_id)
    editor.proposal.setPlainText("Ehdotan, että ohjausryhmä hyväksyy raportin.")
    editor.drafts.keep_now()  # what the timer does a moment after typing stops
    [draft] = draft_store(demo_db).all()
    assert draft.key == f"item-{item_id}"
    assert f"{stored.section} §" in draft.label
    window.close()  # as good as a crash: nothing was saved

    again = make_window(demo_db)
    again.ask_about_drafts = lambda _text: True
    again.offer_drafts()
    page = next(p for p in again._pages if p.objectName() == "tab_meetings")
    restored = page.editor.agenda.editor
    assert restored.item_id() == item_id
    assert restored.proposal.toPlainText() == "Ehdotan, että ohjausryhmä hyväksyy raportin."
    assert restored.is_dirty()  # shown for checking, not saved behind the user's back
    saved = next(i for i in get_meeting(demo_db, meeting_id).items if i.id == item_id)
    assert saved.proposal == stored.proposal
    assert restored.save()
    restored.drafts.keep_now()
    assert draft_store(demo_db).all() == []


def test_saved_details_leave_no_draft_and_discarded_drafts_are_gone(
    make_window, demo_db: Database
) -> None:
    window = make_window(demo_db)
    page, _meeting_id = _open_planned_meeting(window, demo_db)
    page.editor.details.place.setText("Kaupungintalo, sali 3")
    page.editor.details_drafts.keep_now()
    assert [d.key.split("-")[0] for d in draft_store(demo_db).all()] == ["meeting"]
    assert page.editor.save_details()
    assert draft_store(demo_db).all() == []

    page.editor.details.place.setText("Toinen paikka")
    page.editor.details_drafts.keep_now()
    again = make_window(demo_db)
    again.ask_about_drafts = lambda _text: False  # Discard
    again.offer_drafts()
    assert draft_store(demo_db).all() == []


def test_a_person_dialog_keeps_a_draft_until_closed_and_reopens_with_it(
    make_window, demo_db: Database
) -> None:
    window = make_window(demo_db)
    members = window.page("members")
    members.view.selectRow(0)
    row = members.selected_row()
    store = draft_store(demo_db)
    seen: list[list[str]] = []

    def type_then_cancel(dialog) -> bool:
        dialog.phone.setText("040 555 1234")
        for keeper in dialog.findChildren(DraftKeeper):
            keeper.keep_now()
        seen.append([d.key for d in store.all()])  # while the dialog is open
        dialog.reject()  # Cancel: a deliberate choice, so the draft goes
        return False

    members.run_dialog = type_then_cancel
    members.edit_member()
    assert seen == [[f"member-{row.membership_id}"]]
    assert store.all() == []

    # A draft left by a crash opens the same person's dialog with the typing in it.
    store.save(
        f"member-{row.membership_id}",
        row.full_name,
        {"group_id": row.group_id, "phone": "040 555 1234", "title_field": "Rehtori"},
    )
    shown: list[tuple[str, str]] = []

    def look(dialog) -> bool:
        shown.append((dialog.phone.text(), dialog.title_field.text()))
        dialog.reject()
        return False

    members.run_dialog = look
    window.ask_about_drafts = lambda _text: True
    window.offer_drafts()
    assert shown == [("040 555 1234", "Rehtori")]


def test_a_draft_without_a_field_leaves_that_field_alone(make_window, demo_db: Database) -> None:
    window = make_window(demo_db)
    members = window.page("members")
    members.view.selectRow(0)
    regions: list[tuple[object, object]] = []

    def look(dialog) -> bool:
        before = dialog.region.currentData()
        dialog.set_raw_values({"phone": "040 1"})
        regions.append((before, dialog.region.currentData()))
        dialog.reject()
        return False

    members.run_dialog = look
    members.edit_member()
    [(before, after)] = regions
    assert before is not None and after == before
