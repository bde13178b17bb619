"""Bilingual agenda items: stored, versioned, written per language, missing texts listed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import text
from sqlalchemy.orm import selectinload

from kastedesk.services import meeting_documents as docs
from kastedesk.services import meeting_mail
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_views import get_meeting
from kastedesk.storage.database import Database, create_db_engine, resolve_url
from kastedesk.storage.errors import RecordChangedError
from kastedesk.storage.migrate import open_database
from kastedesk.storage.models.meetings import AgendaItem
from tests.db_support import migrate_file

ITEM = svc.ItemFields(
    title_fi="Talousraportti",
    title_sv="Ekonomisk rapport",
    background="Talous on tasapainossa.",
    proposal="Ohjausryhmä hyväksyy raportin.",
    decision="Hyväksyttiin päätösehdotuksen mukaisesti.",
    background_sv="Ekonomin är i balans.",
    proposal_sv="Styrgruppen godkänner rapporten.",
    decision_sv="Förslaget godkändes.",
)


def _text(path: Path) -> str:
    doc = Document(str(path))
    return "\n".join(p.text for p in doc.paragraphs)


@pytest.fixture
def meeting_id(db: Database, registry) -> int:
    return svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=dt.date(2026, 12, 8)))


def test_swedish_texts_are_stored_and_guarded_by_the_row_version(db, meeting_id) -> None:
    item_id = svc.add_item(db, meeting_id, ITEM)
    row = next(i for i in get_meeting(db, meeting_id).items if i.id == item_id)
    assert (row.background_sv, row.proposal_sv, row.decision_sv) == (
        "Ekonomin är i balans.",
        "Styrgruppen godkänner rapporten.",
        "Förslaget godkändes.",
    )
    assert row.text("proposal", "sv") == "Styrgruppen godkänner rapporten."
    assert row.text("proposal", "fi") == "Ohjausryhmä hyväksyy raportin."
    changed = svc.ItemFields(**{**ITEM.__dict__, "proposal_sv": "Styrgruppen diskuterar."})
    svc.update_item(db, item_id, changed, row.row_version)
    with pytest.raises(RecordChangedError):
        svc.update_item(db, item_id, ITEM, row.row_version)  # a stale save of the Swedish
    with pytest.raises(svc.ValidationError) as raised:
        svc.update_item(db, item_id, svc.ItemFields("T", decision_sv="x\x00y"))
    assert "decision_sv" in raised.value.errors


def test_documents_print_each_language_and_never_the_other_quietly(
    db, meeting_id, tmp_path
) -> None:
    svc.add_item(db, meeting_id, ITEM)
    both = _text(docs.write_minutes(db, meeting_id, tmp_path / "both.docx"))  # group: fi+sv
    assert "7 §  Talousraportti / Ekonomisk rapport" in both
    for wording in (ITEM.proposal, ITEM.proposal_sv, ITEM.decision, ITEM.decision_sv):
        assert wording in both
    swedish = _text(docs.write_minutes(db, meeting_id, tmp_path / "sv.docx", ("sv",)))
    assert "Styrgruppen godkänner rapporten." in swedish
    assert "Ohjausryhmä hyväksyy" not in swedish and "Talousraportti" not in swedish
    finnish = _text(docs.write_agenda(db, meeting_id, tmp_path / "fi.docx", ("fi",)))
    assert "Ohjausryhmä hyväksyy raportin." in finnish and "Styrgruppen" not in finnish


def test_missing_swedish_and_placeholders_are_listed_before_writing(
    db, meeting_id, tmp_path
) -> None:
    svc.add_item(db, meeting_id, svc.ItemFields("Koulutus", proposal="Hyväksytään."))
    old = svc.add_item(db, meeting_id, svc.ItemFields("Uusi asia", "Nytt ärende"))
    target = tmp_path / "a.docx"
    with pytest.raises(docs.MissingLanguageError) as raised:
        docs.write_agenda(db, meeting_id, target)
    listed = [(m.section, m.language, m.fields) for m in raised.value.missing]
    assert listed == [
        (7, "sv", ("title", "proposal")),
        (8, "fi", ("title",)),
        (8, "sv", ("title",)),
    ]
    assert not target.exists()
    assert docs.describe_missing(raised.value.missing[0]) == (
        "7 § Koulutus: missing in Swedish: title, proposal"
    )
    with pytest.raises(docs.MissingLanguageError):
        meeting_mail.write_agenda_mail(db, meeting_id, tmp_path / "a.eml", mark_sent=False)
    # Going on deliberately: the document is written, the placeholder still never printed.
    written = _text(docs.write_agenda(db, meeting_id, target, allow_missing=True))
    assert "Uusi asia" not in written and "Nytt ärende" not in written
    assert "Hyväksytään." in written  # the Finnish proposal rather than nothing
    # Finnish-only documents need no Swedish.
    svc.delete_item(db, old)
    docs.write_agenda(db, meeting_id, tmp_path / "fi.docx", ("fi",))


def test_cli_lists_missing_items_and_writes_only_when_allowed(
    capsys, db, meeting_id, tmp_path
) -> None:
    from tests.db_support import db_arg
    from tests.meetings.test_meeting_cli import run

    svc.add_item(db, meeting_id, svc.ItemFields("Koulutus"))
    out = tmp_path / "a.docx"
    base = ["--db", db_arg(db), "agenda", str(meeting_id), "-o", str(out)]
    code, _out, err = run(capsys, *base)
    assert code == 1 and not out.exists()
    assert err.splitlines()[0].strip() == "7 § Koulutus: missing in Swedish: title"
    assert err.splitlines()[-1].startswith("kastedesk: 1 § items lack text")
    code, _out, err = run(capsys, *base, "--allow-missing")
    assert (code, err) == (0, "") and out.exists()
    code, _out, err = run(capsys, *base[:-1], str(tmp_path / "fi.docx"), "--lang", "fi")
    assert code == 0


def test_migration_0012_keeps_every_text_as_finnish(demo_data_file: Path) -> None:
    path = demo_data_file  # the demo data, as load_demo leaves it
    db = open_database(resolve_url(path))
    with db.read() as s:
        before = sorted(
            (i.id, i.title_fi, i.background, i.proposal, i.decision) for i in s.query(AgendaItem)
        )
    db.dispose()
    migrate_file(path, "0011", downgrade=True)  # to the revision before 0012 (minutes)
    engine = create_db_engine(resolve_url(path))
    with engine.connect() as c:
        columns = [r[1] for r in c.execute(text("PRAGMA table_info(agenda_item)"))]
        assert "proposal_sv" not in columns
        rows = sorted(c.execute(text(
            "SELECT id, title_fi, background, proposal, decision FROM agenda_item"
        )))  # fmt: skip
    engine.dispose()
    assert [tuple(r) for r in rows] == before
    db = open_database(resolve_url(path))  # upgrades to the head again
    try:
        with db.read() as s:
            items = list(s.query(AgendaItem).options(selectinload(AgendaItem.meeting)))
            after = sorted((i.id, i.title_fi, i.background, i.proposal, i.decision) for i in items)
            assert after == before
            assert {(i.background_sv, i.proposal_sv, i.decision_sv) for i in items} == {
                ("", "", "")
            }
        item = next(i for i in items if not i.meeting.locked)
        svc.update_item(db, item.id, svc.ItemFields(item.title_fi, proposal_sv="Förslag"))
        with db.read() as s:
            assert s.get(AgendaItem, item.id).proposal_sv == "Förslag"
    finally:
        db.dispose()
