"""The meeting editor on a 1366x768 laptop: wide item texts, remembered splitters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from meeting_registry import TODAY, build_registry
from PySide6.QtCore import QSettings

from kastedesk.domain.registry import DocLanguages
from kastedesk.services import meetings as svc
from kastedesk.ui.meetings.meetings_page import MeetingsPage


@pytest.fixture
def ini(tmp_path: Path, monkeypatch):
    path = str(tmp_path / "s.ini")
    monkeypatch.setattr(
        "kastedesk.ui.remembered_splitter.QSettings",
        lambda: QSettings(path, QSettings.Format.IniFormat),
    )
    return path


def _page(qtbot, db, languages: DocLanguages) -> MeetingsPage:
    with db.session() as session:
        registry = build_registry(session, languages)
    day = svc.MeetingFields(date=dt.date(2026, 12, 8))
    meeting = svc.create_meeting(db, registry.group_id, day)
    sv = "Ekonomi" if "sv" in languages.codes else ""  # a Finnish group's item without Swedish
    own = svc.add_item(db, meeting, svc.ItemFields("Talous", sv))
    page = MeetingsPage(db, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1346, 680)  # the window's tab page on a 1366x768 screen
    page.ensure_loaded()
    page.show()
    page.show_meeting(registry.group_id, meeting, own)
    qtbot.waitExposed(page)
    return page


@pytest.mark.parametrize("languages", [DocLanguages.FI, DocLanguages.FI_SV])
def test_item_texts_take_half_the_editor_and_grow(qtbot, db, ini, languages) -> None:
    page = _page(qtbot, db, languages)
    item = page.editor.agenda.editor
    editor_width = page.editor.width()

    def texts_width() -> int:
        shown = [item.proposal] + ([item.proposal_sv] if languages is DocLanguages.FI_SV else [])
        return sum(edit.width() for edit in shown)

    assert texts_width() >= editor_width / 2, (texts_width(), editor_width)
    before = texts_width()
    page.resize(1600, 680)
    qtbot.waitUntil(lambda: texts_width() > before)


def test_the_agenda_splitter_is_remembered(qtbot, db, ini) -> None:
    page = _page(qtbot, db, DocLanguages.FI)
    splitter = page.editor.agenda.splitter
    start = splitter.sizes()[0]
    splitter.moveSplitter(start + 60, 1)  # as the user's drag does
    moved = splitter.sizes()[0]
    assert moved == start + 60
    again = _page(qtbot, db, DocLanguages.FI)
    assert again.editor.agenda.splitter.sizes()[0] == moved


def test_details_tab_shows_the_deadlines(qtbot, db, ini) -> None:
    page = _page(qtbot, db, DocLanguages.FI)  # 8.12.2026; the group: 14 and 7 days ahead
    assert page.editor.details.deadlines.text() == (
        "agenda by 24.11.2026 · attachments by 1.12.2026"
    )


def test_sent_agenda_and_attachments_agree_in_swedish(qtbot, db, ini) -> None:
    """Föredragningslistan is "skickad", bilagorna "skickade" (one word "sent" served both)."""
    from kastedesk import i18n
    from kastedesk.domain.meetings import MeetingStatus
    from kastedesk.services.meeting_views import get_meeting

    page = _page(qtbot, db, DocLanguages.FI)
    mid = page.editor.detail.meeting.id
    row = get_meeting(db, mid).meeting
    fields = svc.MeetingFields(
        date=row.date, start=row.start, end=row.end, place=row.place, attachments_sent=True
    )
    svc.update_meeting(db, mid, fields, row.row_version)
    svc.set_status(db, mid, MeetingStatus.AGENDA_SENT)
    page.show_meeting(page.editor.detail.meeting.group_id, mid)
    i18n.set_language("sv")
    page.retranslate_ui()
    assert page.editor.details.deadlines.text() == (
        "föredragningslistan senast 24.11.2026 (skickad) · bilagorna senast 1.12.2026 (skickade)"
    )
    i18n.set_language("fi")
    page.retranslate_ui()
    assert page.editor.details.deadlines.text() == (
        "esityslista viimeistään 24.11.2026 (lähetetty) · "
        "liitteet viimeistään 1.12.2026 (lähetetty)"
    )


def test_the_attendance_table_stays_put_while_boxes_are_ticked(qtbot, db, ini) -> None:
    from PySide6.QtCore import Qt

    from kastedesk.ui.meetings.attendance_model import LEFT, PRESENT

    page = _page(qtbot, db, DocLanguages.FI)
    page.editor.tabs.setCurrentWidget(page.editor.attendance)
    panel = page.editor.attendance
    model = panel.model
    qtbot.waitUntil(lambda: panel.table.isVisible())
    top = panel.table.mapTo(page, panel.table.rect().topLeft())
    tops = set()
    for row in range(model.rowCount()):
        model.setData(model.index(row, PRESENT), Qt.CheckState.Checked.value,
                      Qt.ItemDataRole.CheckStateRole)  # fmt: skip
        qtbot.wait(1)
        tops.add(panel.table.mapTo(page, panel.table.rect().topLeft()).y())
    model.setData(model.index(2, LEFT), 3, Qt.ItemDataRole.EditRole)  # quorum lost later
    qtbot.wait(1)
    tops.add(panel.table.mapTo(page, panel.table.rect().topLeft()).y())
    assert tops == {top.y()}


def test_the_list_of_items_starts_narrow(qtbot, db, ini) -> None:
    page = _page(qtbot, db, DocLanguages.FI_SV)
    sizes = page.editor.agenda.splitter.sizes()
    assert sizes[0] < sizes[1] / 2, sizes
