"""The item editor: Finnish beside Swedish in bilingual groups, Swedish on demand otherwise."""

from __future__ import annotations

import datetime as dt

import pytest
from meeting_registry import build_registry
from PySide6.QtWidgets import QDialog

from kastedesk.domain.registry import DocLanguages
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_views import get_meeting
from kastedesk.ui.meetings.meeting_editor import MeetingEditor
from kastedesk.ui.meetings.missing_texts import MissingChoice, MissingTextsDialog
from kastedesk.ui.meetings.new_item_dialog import NewItemDialog


def _editor(qtbot, db, languages: DocLanguages) -> tuple[MeetingEditor, int]:
    with db.session() as session:
        registry = build_registry(session, languages)
    meeting_id = svc.create_meeting(
        db, registry.group_id, svc.MeetingFields(date=dt.date(2026, 12, 8))
    )
    editor = MeetingEditor(db)
    qtbot.addWidget(editor)
    editor.resize(1000, 700)
    editor.show()
    editor.open_meeting(meeting_id)
    editor.tabs.setCurrentWidget(editor.agenda)
    return editor, meeting_id


def _add(editor: MeetingEditor, fi: str, sv: str = "") -> None:
    def answer(dialog: NewItemDialog) -> bool:
        first = dialog.title_fi if fi or not sv else dialog.title_sv
        assert dialog.focusWidget() is first  # focus in the first field shown
        dialog.title_fi.setText(fi)
        dialog.title_sv.setText(sv)
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    editor.agenda.run_dialog = answer  # type: ignore[method-assign]
    editor.agenda.add_item()


def test_bilingual_group_edits_both_languages_side_by_side(qtbot, db) -> None:
    editor, meeting_id = _editor(qtbot, db, DocLanguages.FI_SV)
    _add(editor, "Talousraportti", "Ekonomisk rapport")
    item = editor.agenda.editor
    assert not item.sv_box.isHidden() and item.other_language_button.isHidden()
    assert item.sv_box.x() > item.fi_box.x()  # beside, not under
    assert editor.agenda.items.currentItem().text() == "7 §  Talousraportti"
    item.proposal.setPlainText("Hyväksytään raportti.")
    assert item.is_dirty()
    item.proposal_sv.setPlainText("Rapporten godkänns.")
    item.decision_sv.setPlainText("Förslaget godkändes.")
    assert item.save()
    stored = get_meeting(db, meeting_id).items[6]
    assert (stored.proposal, stored.proposal_sv, stored.decision_sv) == (
        "Hyväksytään raportti.", "Rapporten godkänns.", "Förslaget godkändes.",
    )  # fmt: skip
    assert not item.is_dirty()
    item.background_sv.setPlainText("Bakgrund")
    assert item.is_dirty()  # the Swedish fields count as unsaved typing
    snapshot = item._draft_snapshot()
    assert snapshot is not None and snapshot[2]["background_sv"] == "Bakgrund"
    item.background_sv.clear()
    item.apply_draft(snapshot[2])
    assert item.background_sv.toPlainText() == "Bakgrund"


def test_finnish_group_keeps_swedish_behind_a_button(qtbot, db) -> None:
    editor, meeting_id = _editor(qtbot, db, DocLanguages.FI)
    _add(editor, "Koulutus")
    item = editor.agenda.editor
    assert item.sv_box.isHidden() and not item.other_language_button.isHidden()
    item.other_language_button.click()
    assert not item.sv_box.isHidden()
    item.title_sv.setText("Utbildning")
    assert item.save()
    assert get_meeting(db, meeting_id).items[6].title_sv == "Utbildning"
    # Back on the item later: its Swedish text is shown, not hidden away.
    editor.agenda.select_item(get_meeting(db, meeting_id).items[0].id)
    assert item.sv_box.isHidden()
    editor.agenda.select_item(get_meeting(db, meeting_id).items[6].id)
    assert not item.sv_box.isHidden()


def test_an_error_in_a_swedish_field_is_shown_under_it(qtbot, db) -> None:
    editor, _meeting_id = _editor(qtbot, db, DocLanguages.FI_SV)
    _add(editor, "Talous", "Ekonomi")
    item = editor.agenda.editor
    item.decision_sv.setPlainText("x" * 50_001)
    assert not item.save()
    assert item.form.error_text("decision_sv")
    assert not item.form.error_text("decision") and not item.form.error_text("")


def test_missing_texts_dialog_offers_fill_in_first(qtbot) -> None:
    from kastedesk.domain.item_languages import MissingText

    missing = [MissingText(7, "Talous", "sv", ("title",)), MissingText(8, "Koulutus", "sv", ())]
    dialog = MissingTextsDialog(missing)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2 and dialog.fill_button.isDefault()
    dialog.list.setCurrentRow(1)
    dialog.write_button.click()
    assert dialog.choice is MissingChoice.WRITE_ANYWAY and dialog.selected().section == 8


@pytest.mark.parametrize("languages", [DocLanguages.SV])
def test_swedish_group_shows_both_languages(qtbot, db, languages) -> None:
    editor, _meeting_id = _editor(qtbot, db, languages)
    _add(editor, "", "Ekonomi")
    item = editor.agenda.editor
    assert not item.sv_box.isHidden() and not item.fi_box.isHidden()
    assert editor.agenda.items.currentItem().text() == "7 §  Ekonomi"
