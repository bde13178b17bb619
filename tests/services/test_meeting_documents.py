"""A demo meeting's documents through the services and the command line."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest
from docx import Document
from icalendar import Calendar

from kastedesk.documents.template import TemplateError
from kastedesk.domain.meetings import MeetingStatus
from kastedesk.services import meeting_documents as docs
from kastedesk.services import meeting_mail
from kastedesk.services.meeting_views import get_meeting, list_meetings
from kastedesk.storage.database import Database
from tests.cli.test_db_commands import run
from tests.db_support import db_arg


def _meetings(db: Database):
    rows = list_meetings(db, 1)
    held = next(r for r in rows if r.status is MeetingStatus.APPROVED)
    draft = next(r for r in rows if r.status is MeetingStatus.DRAFT)
    return held, draft


def _text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def test_minutes_of_a_held_meeting(demo_db: Database, tmp_path: Path) -> None:
    held, _draft = _meetings(demo_db)
    path = docs.write_minutes(demo_db, held.id, tmp_path / "m.docx")
    text = _text(path)
    assert f"Ohjausryhmän {held.number}. kokous — PÖYTÄKIRJA" in text
    assert "Läsnä" in text and "Päätösvaltainen:" in text
    assert "Pöytäkirja tarkastettu" in text
    detail = get_meeting(demo_db, held.id)
    assert any(i.decision and i.decision.splitlines()[0] in text for i in detail.items)


def test_agenda_in_swedish_on_request(demo_db: Database, tmp_path: Path) -> None:
    _held, draft = _meetings(demo_db)  # a Finnish-only group: its own items lack Swedish
    with pytest.raises(docs.MissingLanguageError) as raised:
        docs.write_agenda(demo_db, draft.id, tmp_path / "a.docx", ("sv",))
    assert {m.language for m in raised.value.missing} == {"sv"}
    assert not (tmp_path / "a.docx").exists()
    path = docs.write_agenda(demo_db, draft.id, tmp_path / "a.docx", ("sv",), allow_missing=True)
    text = _text(path)
    assert "FÖREDRAGNINGSLISTA" in text and "Kallade" in text and "För kännedom" in text


def test_group_template_is_remembered_and_checked(demo_db: Database, tmp_path: Path) -> None:
    _held, draft = _meetings(demo_db)
    template = Document()
    template.sections[0].header.paragraphs[0].add_run("LasSe letterhead")
    path = tmp_path / "lasse.docx"
    template.save(str(path))
    docs.set_group_template(demo_db, 1, path)
    assert docs.group_template(demo_db, 1) == path.resolve()
    out = docs.write_agenda(demo_db, draft.id, tmp_path / "a.docx")
    assert "LasSe letterhead" in Document(str(out)).sections[0].header._element.xml
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"nope")
    with pytest.raises(TemplateError):
        docs.set_group_template(demo_db, 1, bad)
    assert docs.group_template(demo_db, 1) == path.resolve()  # the broken one was not kept
    docs.set_group_template(demo_db, 1, None)
    assert docs.group_template(demo_db, 1) is None


def test_invitation_uid_is_stable_and_sequence_grows(demo_db: Database, tmp_path: Path) -> None:
    _held, draft = _meetings(demo_db)
    events = []
    for n in range(2):
        path = meeting_mail.write_invitation(demo_db, draft.id, tmp_path / f"i{n}.ics")
        [event] = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        events.append(event)
    assert events[0]["uid"] == events[1]["uid"]
    assert (events[0]["sequence"], events[1]["sequence"]) == (0, 1)
    other = meeting_mail.meeting_uid(demo_db, draft.id + 1)
    assert other != str(events[0]["uid"])


def test_agenda_mail_marks_the_agenda_sent(demo_db: Database, tmp_path: Path) -> None:
    _held, draft = _meetings(demo_db)
    path = meeting_mail.write_agenda_mail(demo_db, draft.id, tmp_path / "a.eml")
    parsed = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    names = [p.get_filename() for p in parsed.iter_attachments()]
    assert names[0].startswith(f"Ohjausryhma_{draft.number}_esityslista_") and names[-1].endswith(
        ".ics"
    )
    after = next(r for r in list_meetings(demo_db, 1) if r.id == draft.id)
    assert after.status is MeetingStatus.AGENDA_SENT


def held_own_section(db: Database, meeting_id: int) -> int:
    return next(i.section for i in get_meeting(db, meeting_id).items if i.kind == "own")


def test_cli_commands(capsys, demo_db: Database, tmp_path: Path, monkeypatch) -> None:
    held, draft = _meetings(demo_db)
    db = db_arg(demo_db)
    code, _out, err = run(
        capsys,
        "--db",
        db,
        "minutes",
        str(held.id),
        "-o",
        str(tmp_path / "m.docx"),
        "--lang",
        "fi+sv",
    )
    # A Finnish-only group's minutes in both languages: the items without Swedish are listed.
    lines = err.splitlines()
    assert code == 1 and not (tmp_path / "m.docx").exists()
    assert lines[-1].startswith("kastedesk: ") and "--allow-missing" in lines[-1]
    assert any(line.strip().startswith(f"{held_own_section(demo_db, held.id)} §") for line in lines)
    code, _out, err = run(
        capsys, "--db", db, "minutes", str(held.id), "-o", str(tmp_path / "m.docx"),
        "--lang", "fi+sv", "--allow-missing",
    )  # fmt: skip
    assert (code, err) == (0, "") and "PÖYTÄKIRJA / PROTOKOLL" in _text(tmp_path / "m.docx")
    code, _out, err = run(
        capsys, "--db", db, "invite", str(draft.id), "-o", str(tmp_path / "i.ics")
    )
    assert code == 0 and Calendar.from_ical((tmp_path / "i.ics").read_bytes())
    code, _out, err = run(
        capsys, "--db", db, "agenda-mail", str(draft.id), "-o", str(tmp_path / "a.eml")
    )
    assert code == 0 and (tmp_path / "a.eml").stat().st_size > 1000
    # Errors: one line, exit 1; usage errors exit 2.
    code, _out, err = run(capsys, "--db", db, "agenda", "999", "-o", str(tmp_path / "x.docx"))
    assert code == 1 and err.count("\n") == 1 and "999" in err
    code, _out, err = run(
        capsys, "--db", db, "agenda", str(draft.id), "-o", str(tmp_path / "x.docx"), "--lang", "de"
    )
    assert code == 1 and "fi+sv" in err
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"nope")
    code, _out, err = run(
        capsys,
        "--db",
        db,
        "agenda",
        str(draft.id),
        "-o",
        str(tmp_path / "x.docx"),
        "--template",
        str(bad),
    )
    assert code == 1 and "bad.docx" in err and not (tmp_path / "x.docx").exists()
    code, _out, _err = run(capsys, "--db", db, "agenda", str(draft.id))
    assert code == 2
    monkeypatch.setattr("kastedesk.services.pdf_export.find_soffice", lambda: None)
    pdf = str(tmp_path / "x.pdf")
    code, _out, err = run(capsys, "--db", db, "agenda", str(draft.id), "-o", pdf)
    assert code == 1 and "LibreOffice" in err


def test_agenda_mail_attaches_files_and_names_missing_ones(
    demo_db: Database, tmp_path: Path
) -> None:
    from kastedesk.domain.validation import ValidationError
    from kastedesk.services.meeting_attachments import add_attachment, attachment_path

    _held, draft = _meetings(demo_db)
    item = get_meeting(demo_db, draft.id).items[6]
    plan = tmp_path / "Talousraportti.pdf"
    plan.write_bytes(b"%PDF-1.4 report")
    add_attachment(demo_db, item.id, plan, "Talousraportti")
    path = meeting_mail.write_agenda_mail(demo_db, draft.id, tmp_path / "a.eml", mark_sent=False)
    parsed = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    parts = {p.get_filename(): p for p in parsed.iter_attachments()}
    assert parts["1_Talousraportti.pdf"].get_content() == b"%PDF-1.4 report"
    stored = get_meeting(demo_db, draft.id).items[6].attachments[0].stored_path
    attachment_path(stored).unlink()
    with pytest.raises(ValidationError) as err:
        meeting_mail.write_agenda_mail(demo_db, draft.id, tmp_path / "b.eml")
    assert "1_Talousraportti.pdf" in err.value.errors[""]
    assert not (tmp_path / "b.eml").exists()
