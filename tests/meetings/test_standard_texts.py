"""Standard § texts filled from the data, the group's own wording, "decision as proposed"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import text

from kastedesk.domain.meetings import ItemKind
from kastedesk.domain.validation import ValidationError
from kastedesk.services import meeting_attendance as attendance
from kastedesk.services import meeting_documents as docs
from kastedesk.services import meetings as svc
from kastedesk.services import standard_texts as st
from kastedesk.services.meeting_views import get_meeting
from kastedesk.storage.database import create_db_engine, resolve_url, write_engine
from kastedesk.storage.migrate import alembic_config, open_database
from kastedesk.ui.meetings.meeting_editor import MeetingEditor
from kastedesk.ui.meetings.phrase_dialog import PhraseDialog


def _items(db, meeting_id: int) -> dict[ItemKind, object]:
    return {ItemKind(i.kind): i for i in get_meeting(db, meeting_id).items if i.kind != "own"}


def _meeting(db, registry, day: dt.date, **kw) -> int:
    return svc.create_meeting(
        db, registry.group_id, svc.MeetingFields(date=day, start=dt.time(12, 30), **kw)
    )


def test_a_new_meeting_comes_with_what_is_known_and_the_rest_follows(db, registry) -> None:
    first = _meeting(db, registry, dt.date(2026, 11, 3), end=dt.time(15))
    second = _meeting(db, registry, dt.date(2026, 12, 8), place="Kaupungintalo")
    items = _items(db, first)
    assert items[ItemKind.OPENING].decision == "Puheenjohtaja avasi kokouksen klo 12.30."
    assert items[ItemKind.OPENING].decision_sv == "Ordföranden öppnade mötet kl. 12.30."
    assert items[ItemKind.AGENDA_APPROVAL].proposal_sv.startswith("Föredragningslistan godkänns")
    assert items[ItemKind.CHECKERS].proposal == ""  # nobody chosen yet: no gap printed
    assert items[ItemKind.NEXT_MEETING].proposal == ""  # the next one did not exist yet
    assert _items(db, second)[ItemKind.PREVIOUS_MINUTES].proposal == (
        "Hyväksytään 1. kokouksen 3.11.2026 pöytäkirja."
    )

    # The secretary's own words stay; the rest is filled in once the data is there.
    closing = items[ItemKind.CLOSING]
    svc.update_item(db, closing.id, svc.ItemFields(closing.title_fi, closing.title_sv,
                                                  decision="Kokous päättyi."))  # fmt: skip
    detail = get_meeting(db, first)
    by_person = {a.person_id: a for a in detail.attendance}
    for key in ("chair", *[f"m{i}" for i in range(1, 9)]):
        row = by_person[registry.people[key]]
        attendance.set_attendance(db, row.id, attendance.AttendanceFields(present=True))
    svc.set_checkers(db, first, registry.people["m1"], registry.people["m2"])
    assert st.fill_standard_texts(db, first) >= 5
    items = _items(db, first)
    assert items[ItemKind.CHECKERS].decision == (
        "Pöytäkirjantarkastajiksi valittiin M1 Testinen ja M2 Testinen."
    )
    assert items[ItemKind.CHECKERS].decision_sv == (
        "Till protokolljusterare valdes M1 Testinen och M2 Testinen."
    )
    assert items[ItemKind.LEGALITY].decision == (
        "Kokous todettiin laillisesti koolle kutsutuksi ja päätösvaltaiseksi."
    )
    assert items[ItemKind.NEXT_MEETING].decision == (
        "Seuraava kokous pidetään ti 8.12.2026 klo 12.30, Kaupungintalo."
    )
    assert items[ItemKind.CLOSING].decision == "Kokous päättyi."  # typed: kept
    assert items[ItemKind.CLOSING].decision_sv == "Ordföranden avslutade mötet kl. 15.00."
    assert st.fill_standard_texts(db, first) == 0  # nothing empty is left to write


def test_the_group_wording_is_checked_saved_and_used(db, registry) -> None:
    group = registry.group_id
    with pytest.raises(ValidationError) as raised:
        st.save_phrase_template(db, group, ItemKind.OPENING, "decision", "fi", "Auki {alku}.")
    assert raised.value.errors == {"text": "Unknown placeholder {alku}."}
    with pytest.raises(ValidationError) as raised:
        st.save_phrase_template(db, group, ItemKind.OPENING, "decision", "sv", "Kl. {start")
    assert raised.value.errors == {
        "text": "Write each placeholder as a name in braces, such as {start}."
    }
    st.save_phrase_template(
        db, group, ItemKind.OPENING, "decision", "fi", "Puheenjohtaja avasi kokouksen {start}."
    )
    [row] = [
        r for r in st.phrase_templates(db, group)
        if (r.kind, r.field, r.lang) == (ItemKind.OPENING, "decision", "fi")
    ]  # fmt: skip
    assert row.custom and row.text == "Puheenjohtaja avasi kokouksen {start}."
    meeting = _meeting(db, registry, dt.date(2026, 11, 3))
    assert _items(db, meeting)[ItemKind.OPENING].decision == "Puheenjohtaja avasi kokouksen 12.30."
    st.save_phrase_template(db, group, ItemKind.OPENING, "decision", "fi", "")  # back to shipped
    assert not any(r.custom for r in st.phrase_templates(db, group))


def test_invitees_pair_each_deputy_with_their_member(db, registry, tmp_path: Path) -> None:
    meeting = _meeting(db, registry, dt.date(2026, 11, 3))
    path = docs.write_agenda(db, meeting, tmp_path / "a.docx", ("fi",))
    table = Document(str(path)).tables[1]
    names = [row.cells[0].text for row in table.rows[1:]]
    assert names[:2] == ["Chair Testinen", "Vice Testinen"]
    assert names[names.index("M1 Testinen") + 1] == "Deputy1 Testinen"
    assert names[-3:] == ["Presenter Testinen", "Secretary Testinen", "Expert Testinen"]
    deputy_row = table.rows[1 + names.index("Deputy1 Testinen")]
    assert deputy_row.cells[2].text == "henkilökohtainen varajäsen: M1 Testinen"


def test_decision_as_proposed_in_every_language_of_the_meeting(qtbot, db, registry) -> None:
    meeting = _meeting(db, registry, dt.date(2026, 11, 3))
    own = svc.add_item(db, meeting, svc.ItemFields("Talous", "Ekonomi", proposal="Hyväksytään."))
    editor = MeetingEditor(db)
    qtbot.addWidget(editor)
    editor.open_meeting(meeting, own)
    item = editor.agenda.editor
    item.decision.setPlainText("luonnos")
    item.as_proposed_button.click()
    assert item.decision.toPlainText() == "Hyväksyttiin päätösehdotuksen mukaisesti."
    assert item.decision_sv.toPlainText() == "Förslaget godkändes."
    item.decision.undo()
    assert item.decision.toPlainText() == "luonnos"  # one undo step back
    item.decision_sv.clear()
    item.decision.setFocus()
    item.as_proposed_shortcut.activated.emit()
    assert item.decision_sv.toPlainText() == "Förslaget godkändes."
    assert item.save()
    assert get_meeting(db, meeting).items[6].decision_sv == "Förslaget godkändes."


def test_fill_button_and_wording_dialog(qtbot, db, registry) -> None:
    meeting = _meeting(db, registry, dt.date(2026, 11, 3))
    editor = MeetingEditor(db)
    qtbot.addWidget(editor)
    editor.open_meeting(meeting)
    svc.update_item(db, get_meeting(db, meeting).items[0].id, svc.ItemFields("Avaus", "Öppning"))
    editor.reload()
    messages: list[str] = []
    editor.agenda.message.connect(messages.append)
    assert editor.agenda.fill_standard_texts() == 4  # the opening: proposal, decision, fi+sv
    assert messages == ["4 standard texts written."]
    dialog = PhraseDialog(db, registry.group_id)
    qtbot.addWidget(dialog)
    assert dialog.focusWidget() is dialog.which
    dialog.fi.setPlainText("Avattiin {kello}.")
    assert not dialog.save()
    assert dialog.form.error_text("fi") == "Unknown placeholder {kello}."
    dialog.fi.setPlainText("Avattiin klo {start}.")
    assert dialog.save() and dialog.form.error_text("fi") == ""
    assert any(r.custom for r in st.phrase_templates(db, registry.group_id))


def test_migration_0012_phrase_templates_go_and_come_back(tmp_path: Path, registry) -> None:
    path = tmp_path / "p.sqlite"
    db = open_database(resolve_url(path))
    with db.session() as session:
        from meeting_registry import build_registry

        group = build_registry(session).group_id
    st.save_phrase_template(db, group, ItemKind.CLOSING, "decision", "sv", "Slut kl. {end}.")
    db.dispose()
    engine = create_db_engine(resolve_url(path))
    with write_engine(engine).begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        from alembic import command

        command.downgrade(config, "0011")  # to the revision before 0012 (minutes)
        tables = {r[0] for r in connection.execute(text("SELECT name FROM sqlite_master"))}
        assert "phrase_template" not in tables and "group" in tables
    engine.dispose()
    db = open_database(resolve_url(path))
    try:
        assert not any(r.custom for r in st.phrase_templates(db, group))
    finally:
        db.dispose()


def test_the_vice_chair_is_named_when_the_chair_is_recorded_absent(db, registry) -> None:
    """The same rule as the minutes' signatures (kastedesk.domain.chairing)."""
    group = registry.group_id
    st.save_phrase_template(
        db, group, ItemKind.OPENING, "decision", "fi", "{chair} avasi kokouksen klo {start}."
    )
    meeting = _meeting(db, registry, dt.date(2026, 11, 3))
    opening = _items(db, meeting)[ItemKind.OPENING]
    assert opening.decision == "Chair Testinen avasi kokouksen klo 12.30."  # before attendance
    svc.update_item(db, opening.id, svc.ItemFields(opening.title_fi, opening.title_sv))
    by_person = {a.person_id: a for a in get_meeting(db, meeting).attendance}
    for key in ("vice", *[f"m{i}" for i in range(1, 8)]):
        row = by_person[registry.people[key]]
        attendance.set_attendance(db, row.id, attendance.AttendanceFields(present=True))
    st.fill_standard_texts(db, meeting)
    assert _items(db, meeting)[ItemKind.OPENING].decision == (
        "Vice Testinen avasi kokouksen klo 12.30."
    )
