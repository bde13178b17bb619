"""Exporting a meeting's documents from the meeting editor, as a secretary would."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from kastedesk import i18n
from kastedesk.atomic_files import FileWriteError
from kastedesk.domain.meetings import MeetingStatus
from kastedesk.services import meeting_documents as docs
from kastedesk.services.meeting_views import list_meetings
from kastedesk.ui.meetings.document_dialog import DocumentDialog
from kastedesk.ui.meetings.meetings_page import MeetingsPage
from kastedesk.ui.meetings.missing_texts import MissingChoice


@pytest.fixture
def bar(qtbot, demo_db, tmp_path: Path):
    page = MeetingsPage(demo_db)
    qtbot.addWidget(page)
    page.ensure_loaded()
    draft = next(r for r in list_meetings(demo_db, 1) if r.status is MeetingStatus.DRAFT)
    page.show_meeting(1, draft.id)
    documents = page.editor.documents
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("folders/documents", str(tmp_path))
    documents.settings = lambda: settings  # type: ignore[method-assign]
    documents.opened = []
    documents.open_file = documents.opened.append  # type: ignore[method-assign]
    documents.draft = draft
    documents.asked = []

    def ask_missing(missing):  # the Finnish group's own item has no Swedish: go on
        documents.asked.append(missing)
        return MissingChoice.WRITE_ANYWAY, missing[0]

    documents.ask_missing = ask_missing  # type: ignore[method-assign]
    return documents


def test_export_agenda_from_the_editor(bar, tmp_path: Path) -> None:
    seen = []

    def fill(dialog: DocumentDialog) -> bool:
        seen.append(dialog)
        assert dialog.path.text() == str(
            tmp_path
            / f"Ohjausryhma_{bar.draft.number}_esityslista_{bar.draft.date.isoformat()}.docx"
        )
        dialog.language.setCurrentIndex(1)  # Swedish
        assert dialog.path.text().endswith(
            f"Styrgrupp_{bar.draft.number}_foredragningslista_{bar.draft.date.isoformat()}.docx"
        )
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    bar.run_dialog = fill
    path = bar.export("agenda")
    assert seen and path is not None and path.exists()
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "FÖREDRAGNINGSLISTA" in text
    assert bar.opened == [path]
    [missing] = bar.asked
    assert {m.language for m in missing} == {"sv"}


def test_missing_swedish_is_filled_in_from_the_list(bar, tmp_path: Path) -> None:
    """Choosing "fill in" writes nothing and opens the item with the Swedish title at hand."""
    editor = bar.parent()
    while not hasattr(editor, "agenda"):
        editor = editor.parent()

    def fill_in(missing):
        bar.asked.append(missing)
        return MissingChoice.FILL_IN, missing[0]

    bar.ask_missing = fill_in

    def accept(dialog: DocumentDialog) -> bool:
        dialog.language.setCurrentIndex(2)  # Finnish and Swedish
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    bar.run_dialog = accept
    assert bar.export("minutes") is None
    assert list(tmp_path.glob("*.docx")) == []
    first = bar.asked[0][0]
    assert editor.tabs.currentWidget() is editor.agenda
    shown = editor.agenda.editor
    assert shown._item is not None and shown._item.section == first.section
    assert not shown.sv_box.isHidden()


def test_locked_target_gets_a_message_and_a_free_name(bar, tmp_path: Path, monkeypatch) -> None:
    calls = {"n": 0}
    from kastedesk.services import meeting_documents

    real = meeting_documents.write_document

    def locked_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise FileWriteError(
                "Cannot replace x.docx: it may be open in another program or read-only."
            )
        return real(*args, **kwargs)

    monkeypatch.setattr(meeting_documents, "write_document", locked_once)
    taken = tmp_path / "taken.docx"
    taken.write_bytes(b"open in Word")

    def fill(dialog: DocumentDialog) -> bool:
        dialog.open_after.setChecked(False)
        dialog.path.setText(str(taken))
        dialog._touched = True
        dialog.accept()
        assert "open in another program" in dialog.form.error_text("path")
        assert dialog.path.text() == str(tmp_path / "taken (2).docx")
        dialog.accept()  # the user takes the free name
        return dialog.result() == QDialog.DialogCode.Accepted

    bar.run_dialog = fill
    path = bar.export("minutes")
    assert path == tmp_path / "taken (2).docx" and path.exists()
    assert taken.read_bytes() == b"open in Word"
    assert bar.opened == []


def test_pdf_is_offered_only_with_libreoffice(bar, monkeypatch) -> None:
    monkeypatch.setattr(
        "kastedesk.ui.meetings.documents_bar.pdf_unavailable_reason",
        lambda: "PDF needs LibreOffice",
    )

    def check(dialog: DocumentDialog) -> bool:
        assert not dialog.format.model().item(1).isEnabled()
        assert "LibreOffice" in dialog.format.toolTip()
        return False

    bar.run_dialog = check
    assert bar.export("agenda") is None


def test_send_agenda_opens_the_draft_and_marks_sent(bar, demo_db) -> None:
    bar.deputies.setChecked(True)
    path = bar.send_agenda()
    assert path is not None and bar.opened == [path]
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert "eeva.aaltonen@akaa.example" in message["To"]  # a personal deputy
    status = next(r.status for r in list_meetings(demo_db, 1) if r.id == bar.draft.id)
    assert status is MeetingStatus.AGENDA_SENT


def test_invitation_and_template(bar, tmp_path: Path, monkeypatch) -> None:
    assert bar.save_invitation(tmp_path / "kutsu.ics").exists()
    template = Document()
    template.save(str(tmp_path / "pohja.docx"))
    assert bar.choose_template(tmp_path / "pohja.docx")
    assert docs.group_template(bar.db, 1) == (tmp_path / "pohja.docx").resolve()
    broken = tmp_path / "rikki.docx"
    broken.write_bytes(b"x")
    warnings = []
    monkeypatch.setattr(
        "kastedesk.ui.meetings.documents_bar.QMessageBox.warning",
        lambda *args: warnings.append(args[2]),
    )
    assert not bar.choose_template(broken)
    assert "rikki.docx" in warnings[0]
    assert docs.group_template(bar.db, 1) == (tmp_path / "pohja.docx").resolve()
    assert bar.choose_template(use_default=True)
    assert docs.group_template(bar.db, 1) is None


def test_buttons_follow_the_language(bar) -> None:
    i18n.set_language("sv")
    bar.retranslate_ui()
    assert bar.agenda_button.text().replace("&", "") == "Föredragningslista…"
