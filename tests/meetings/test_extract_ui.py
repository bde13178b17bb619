"""An extract of the minutes from the agenda list, as a secretary makes one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QPushButton

from kastedesk import i18n
from kastedesk.documents.files import section_ranges
from kastedesk.domain.meetings import MeetingStatus
from kastedesk.services.meeting_views import get_meeting, list_meetings
from kastedesk.ui.meetings.extract_dialog import ExtractDialog
from kastedesk.ui.meetings.meetings_page import MeetingsPage
from kastedesk.ui.meetings.missing_texts import MissingChoice


def _text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


@pytest.fixture
def page(qtbot, demo_db, tmp_path: Path, monkeypatch):
    page = MeetingsPage(demo_db)
    qtbot.addWidget(page)
    page.ensure_loaded()
    held = [r for r in list_meetings(demo_db, 1) if r.status is MeetingStatus.APPROVED][-1]
    page.show_meeting(1, held.id)
    page.editor.tabs.setCurrentWidget(page.editor.agenda)
    bar = page.editor.documents
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("folders/documents", str(tmp_path))
    bar.settings = lambda: settings  # type: ignore[method-assign]
    page.opened = []
    bar.open_file = page.opened.append  # type: ignore[method-assign]
    page.asked = []

    def ask_missing(missing):
        page.asked.append(missing)
        return page.missing_choice, missing[0]

    page.missing_choice = MissingChoice.WRITE_ANYWAY
    bar.ask_missing = ask_missing  # type: ignore[method-assign]
    page.warnings = []
    monkeypatch.setattr(
        "kastedesk.ui.meetings.documents_bar.QMessageBox.warning",
        lambda *args: page.warnings.append(args[2]),
    )
    page.held = held
    detail = get_meeting(demo_db, held.id)
    page.decided = [i.section for i in detail.items if i.decision]
    page.own = next(i for i in detail.items if i.kind == "own")
    return page


def _saved_through_the_file_dialog(monkeypatch, chosen: Path) -> list[str]:
    """The save dialog of ui/file_dialogs.py answers *chosen*; returns what it was offered."""
    offered: list[str] = []

    def answer(_parent, _title, suggested, _filter):
        offered.append(suggested)
        return str(chosen), _filter

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", answer)
    return offered


def test_extract_of_chosen_items_with_ctrl_e(qtbot, page, tmp_path: Path, monkeypatch) -> None:
    agenda, bar = page.editor.agenda, page.editor.documents
    assert agenda.items.selectionMode() is QAbstractItemView.SelectionMode.ExtendedSelection
    previous, own = page.decided[0], page.own.section  # the opening and the own item
    agenda.select_sections([previous, own])
    assert agenda.selected_sections() == [previous, own]
    chosen = tmp_path / "Ote valitusta kohdasta.docx"
    offered = _saved_through_the_file_dialog(monkeypatch, chosen)
    seen: list[ExtractDialog] = []

    def fill(dialog: ExtractDialog) -> bool:
        seen.append(dialog)
        assert dialog.items.text().splitlines() == [
            f"{previous} §  Kokouksen avaus", f"{own} §  {page.own.title_fi}"
        ]
        assert dialog.path.text() == str(
            tmp_path / f"Ohjausryhma_{page.held.number}_poytakirjanote_"
            f"{section_ranges([previous, own])}_{page.held.date.isoformat()}.docx"
        )
        browse = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Browse…")
        browse.click()
        assert dialog.path.text() == str(chosen)
        dialog.date.setText("1.12.2026")
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    bar.run_dialog = fill
    page.show()  # shortcuts reach only the active window, as on a real desktop
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    agenda.items.setFocus()
    qtbot.keyClick(agenda.items, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert seen, "Ctrl+E opened no extract dialog"
    assert offered and offered[0].endswith(".docx")
    assert page.opened == [chosen] and chosen.exists()
    text = _text(chosen)
    assert f"Ohjausryhmän {page.held.number}. kokous — PÖYTÄKIRJANOTE" in text
    assert page.own.title_fi in text and page.own.decision.splitlines()[0] in text
    assert "Pöytäkirjanotteen oikeaksi todistaa" in text and "1.12.2026" in text.splitlines()
    assert "Satu Tuominen" in text  # the demo group's secretary
    assert "Pöytäkirja tarkastettu" in text  # approved minutes say so
    assert page.asked == []  # a Finnish extract of a Finnish group: nothing missing
    assert bar.settings().value("folders/documents") == str(tmp_path)


def test_button_and_context_menu_offer_the_extract(page) -> None:
    agenda = page.editor.agenda
    assert agenda.extract_button.isEnabled()  # approved minutes: the usual case
    assert agenda.extract_action in agenda.items.actions()
    assert agenda.items.contextMenuPolicy() is Qt.ContextMenuPolicy.ActionsContextMenu
    assert agenda.extract_action.shortcut().toString() == "Ctrl+E"
    requested: list[list[int]] = []
    agenda.extract_requested.disconnect()
    agenda.extract_requested.connect(requested.append)
    agenda.select_sections([page.own.section])
    agenda.extract_button.click()
    agenda.extract_action.trigger()
    assert requested == [[page.own.section], [page.own.section]]


def test_missing_swedish_is_asked_and_cancel_writes_nothing(page, tmp_path: Path) -> None:
    agenda, bar = page.editor.agenda, page.editor.documents
    agenda.select_sections([page.own.section])
    page.missing_choice = MissingChoice.CANCEL

    def bilingual(dialog: ExtractDialog) -> bool:
        dialog.language.setCurrentIndex(2)  # Finnish and Swedish
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    bar.run_dialog = bilingual
    agenda.request_extract()
    [missing] = page.asked
    assert [(m.section, m.language) for m in missing] == [(page.own.section, "sv")]
    assert list(tmp_path.glob("*.docx")) == [] and page.opened == []
    page.missing_choice = MissingChoice.WRITE_ANYWAY  # the secretary goes on deliberately
    agenda.request_extract()
    [written] = page.opened
    assert "PÖYTÄKIRJANOTE / PROTOKOLLSUTDRAG" in _text(written)
    assert "Protokollsutdragets riktighet intygar" in _text(written)


def test_bad_date_is_shown_under_its_field(page, tmp_path: Path) -> None:
    agenda, bar = page.editor.agenda, page.editor.documents
    agenda.select_sections([page.own.section])
    day_before = page.held.date - dt.timedelta(days=1)

    def bad_date(dialog: ExtractDialog) -> bool:
        dialog.date.setText("31.2.2026")
        dialog.accept()
        assert "23.9.2014" in dialog.form.error_text("date")
        dialog.language.setCurrentIndex(2)  # Finnish and Swedish: Swedish is missing
        dialog.date.setText(f"{day_before.day}.{day_before.month}.{day_before.year}")
        dialog.accept()
        assert "before the meeting" in dialog.form.error_text("date")
        assert page.asked == []  # the date is told first, before the missing texts
        assert dialog.result() != QDialog.DialogCode.Accepted
        return False

    bar.run_dialog = bad_date
    assert bar.export_extract([page.own.section]) is None
    assert list(tmp_path.glob("*.docx")) == []


def test_meeting_not_yet_held_gets_a_message_and_no_dialog(page, demo_db, tmp_path) -> None:
    draft = next(r for r in list_meetings(demo_db, 1) if r.status is MeetingStatus.DRAFT)
    page.show_meeting(1, draft.id)
    bar = page.editor.documents
    bar.run_dialog = lambda _dialog: pytest.fail("no dialog for a meeting not held")
    page.editor.agenda.select_sections([1])
    page.editor.agenda.request_extract()
    assert page.warnings and "not been held" in page.warnings[0]
    assert list(tmp_path.glob("*.docx")) == []


def test_undecided_item_is_named_in_the_users_language(page) -> None:
    i18n.set_language("sv")
    detail = get_meeting(page.editor.db, page.held.id)
    undecided = next(i.section for i in detail.items if not i.decision)
    page.editor.documents.run_dialog = lambda _dialog: pytest.fail("no dialog")
    page.editor.documents.export_extract([undecided])
    assert page.warnings == [
        f"{undecided} § har inget beslut skrivet: skriv det innan du gör ett protokollsutdrag."
    ]


def test_a_long_choice_is_counted_so_the_dialog_fits(qtbot) -> None:
    from kastedesk.domain.registry import DocLanguages

    items = [f"{n} §  Asia {n}" for n in range(7, 16)]
    dialog = ExtractDialog(
        items, DocLanguages.FI, lambda _l, _p: Path("o.docx"), "", lambda _r: Path(),
        dt.date(2026, 12, 1),
    )  # fmt: skip
    qtbot.addWidget(dialog)
    assert dialog.items.text().splitlines() == [*items[:6], "and 3 more"]
    assert dialog.date.text() == "1.12.2026"


def test_a_memo_groups_extract_dialog_says_memo(qtbot) -> None:
    from kastedesk.domain.registry import DocLanguages
    from kastedesk.i18n import set_language

    set_language("fi")
    titles = []
    for memo in (False, True):
        dialog = ExtractDialog(
            ["7 §  Asia"], DocLanguages.FI, lambda _l, _p: Path("o.docx"), "",
            lambda _r: Path(), dt.date(2026, 12, 1), memo=memo,
        )  # fmt: skip
        qtbot.addWidget(dialog)
        titles.append(dialog.windowTitle())
    assert titles == ["Pöytäkirjanote", "Muistio-ote"]
