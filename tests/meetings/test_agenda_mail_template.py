"""The agenda attached to the e-mail draft is on the group's own Word template.

Like the agenda written from the Documents bar: the same letterhead whichever
way the agenda leaves (service, command line, the Send agenda button).
"""

from __future__ import annotations

import email
import io
from email import policy
from pathlib import Path

import pytest
from docx import Document

from kastedesk.domain.meetings import MeetingStatus
from kastedesk.services import meeting_documents as docs
from kastedesk.services import meeting_mail
from kastedesk.services.meeting_views import list_meetings
from kastedesk.storage.database import Database
from tests.cli.test_db_commands import run
from tests.db_support import db_arg

LETTERHEAD = "LasSe letterhead for the steering group"


def _header_of(docx: bytes | Path) -> str:
    source = io.BytesIO(docx) if isinstance(docx, bytes) else str(docx)
    return Document(source).sections[0].header._element.xml


def _attached_agenda(eml: Path) -> bytes:
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    [agenda] = [
        part for part in message.iter_attachments() if "_esityslista_" in part.get_filename()
    ]
    return agenda.get_content()


@pytest.fixture
def draft(demo_db: Database, tmp_path: Path) -> int:
    template = Document()
    template.sections[0].header.paragraphs[0].add_run(LETTERHEAD)
    template.save(str(tmp_path / "lasse.docx"))
    docs.set_group_template(demo_db, 1, tmp_path / "lasse.docx")
    return next(r.id for r in list_meetings(demo_db, 1) if r.status is MeetingStatus.DRAFT)


def test_mail_agenda_is_on_the_template_like_the_documents_bar_agenda(
    demo_db: Database, draft: int, tmp_path: Path
) -> None:
    bar_agenda = docs.write_agenda(demo_db, draft, tmp_path / "a.docx")
    assert LETTERHEAD in _header_of(bar_agenda)
    eml = meeting_mail.write_agenda_mail(demo_db, draft, tmp_path / "a.eml", mark_sent=False)
    attached = _attached_agenda(eml)
    assert LETTERHEAD in _header_of(attached)

    # The same document: the same paragraphs, in the template's styles.
    def paragraphs(doc):
        return [(p.style.name, p.text) for p in doc.paragraphs]

    assert paragraphs(Document(io.BytesIO(attached))) == paragraphs(Document(str(bar_agenda)))


def test_without_a_group_template_the_mail_agenda_has_the_default(
    demo_db: Database, draft: int, tmp_path: Path
) -> None:
    docs.set_group_template(demo_db, 1, None)
    eml = meeting_mail.write_agenda_mail(demo_db, draft, tmp_path / "a.eml", mark_sent=False)
    assert LETTERHEAD not in _header_of(_attached_agenda(eml))


def test_agenda_mail_command_uses_the_group_template(
    capsys, demo_db: Database, draft: int, tmp_path: Path
) -> None:
    out = tmp_path / "cli.eml"
    argv = ["--db", db_arg(demo_db), "agenda-mail", str(draft), "-o", str(out)]
    code, _out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    assert LETTERHEAD in _header_of(_attached_agenda(out))


def test_send_agenda_button_uses_the_group_template(qtbot, demo_db: Database, draft: int) -> None:
    from kastedesk.ui.meetings.meetings_page import MeetingsPage

    page = MeetingsPage(demo_db)
    qtbot.addWidget(page)
    page.ensure_loaded()
    page.show_meeting(1, draft)
    bar = page.editor.documents
    opened: list[Path] = []
    bar.open_file = opened.append  # type: ignore[method-assign]
    path = bar.send_agenda()
    assert path is not None and opened == [path]
    assert LETTERHEAD in _header_of(_attached_agenda(path))
