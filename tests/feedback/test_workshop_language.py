"""Workshops have a Swedish title and a form language (defaulting from the coordinator
and region, a change in fast entry remembered); the Swedish UI shows Swedish titles."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kastedesk.domain.workshops import form_language, title_in
from kastedesk.services.blank_forms import blank_form_content
from kastedesk.services.bundles import import_bundle
from kastedesk.services.bundles.exporter import export_bundle
from kastedesk.services.bundles.local_records import load_workshops
from kastedesk.services.feedback_entry import open_entry
from kastedesk.services.workshops import list_workshops, update_workshop, workshop_data
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database
from kastedesk.storage.models.workshops import Workshop
from kastedesk.ui.feedback.entry import FeedbackEntryDialog


def test_language_rule_and_titles() -> None:
    assert form_language("fi", "21", "sv") == "fi"  # the workshop's own choice wins
    assert form_language(None, "15", "sv") == "sv"
    assert form_language(None, "21", None) == "sv"  # Åland
    assert form_language(None, "15", "fi") == "fi"
    assert title_in("Työpaja Vaasa", "Workshop Vasa", "sv") == "Workshop Vasa"
    assert title_in("Työpaja Vaasa", "", "sv") == "Työpaja Vaasa"
    assert title_in("Työpaja Vaasa", "Workshop Vasa", "fi") == "Työpaja Vaasa"


def test_swedish_title_and_language_saved_listed_and_used(db, registry, new_workshop) -> None:
    wid = new_workshop("15", "A", title="Työpaja A Vaasa")
    assert open_entry(db, wid).language == "fi"  # Aino Aaltonen coordinates, Finnish
    data = workshop_data(db, wid)
    data.title_sv, data.language = "Workshop A Vasa", "sv"
    update_workshop(db, wid, data)
    assert open_entry(db, wid).language == "sv"
    row = list_workshops(db)[0]
    assert (row.title_in("sv"), row.title_in("fi")) == ("Workshop A Vasa", "Työpaja A Vaasa")
    content = blank_form_content(db, wid)
    assert (content.language, content.workshop_sv) == ("sv", "Workshop A Vasa")
    data.language = "xx"
    with pytest.raises(Exception, match="Finnish or Swedish"):
        update_workshop(db, wid, data)


def test_a_language_changed_in_fast_entry_is_remembered(
    qtbot, db, registry, new_workshop, monkeypatch
) -> None:
    wid = new_workshop("15", "A")
    monkeypatch.setattr(FeedbackEntryDialog, "ask_restore_draft", lambda self, count: False)
    dialog = FeedbackEntryDialog(db, wid)
    qtbot.addWidget(dialog)
    assert dialog.form_language == "fi"
    dialog.language_combo.setCurrentIndex(1)
    assert workshop_data(db, wid).language == "sv"
    again = FeedbackEntryDialog(db, wid)
    qtbot.addWidget(again)
    assert again.form_language == "sv"


def test_bundles_carry_them_and_leave_older_workshops_unchanged(
    db, registry, new_workshop, tmp_path: Path
) -> None:
    plain = new_workshop("06", "A", title="Työpaja Tampere")
    named = new_workshop("15", "A", title="Työpaja Vaasa")
    data = workshop_data(db, named)
    data.title_sv, data.language = "Workshop Vasa", "sv"
    update_workshop(db, named, data)
    with db.read() as session:
        records = {w.record.content["title"]: w.record for w in load_workshops(
            session, Workshop.id.in_([plain, named])).values()}  # fmt: skip
    assert "title_sv" not in records["Työpaja Tampere"].content  # its version as before
    assert records["Työpaja Vaasa"].content["title_sv"] == "Workshop Vasa"
    export_bundle(db, tmp_path / "w.kastebundle")
    other = open_database(resolve_url(tmp_path / "other.sqlite"))
    try:
        import_bundle(other, tmp_path / "w.kastebundle")
        titles = {w.title_in("sv"): w.id for w in list_workshops(other)}
        assert set(titles) == {"Työpaja Tampere", "Workshop Vasa"}
        assert workshop_data(other, titles["Workshop Vasa"]).language == "sv"
    finally:
        other.dispose()


@pytest.mark.sqlite_only(reason="reads the file's table_info through sqlite3")
def test_migration_adds_the_columns(db, db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    try:
        columns = {row[1]: row for row in conn.execute("PRAGMA table_info(workshop)")}
    finally:
        conn.close()
    assert columns["title_sv"][3] == 1 and columns["language"][3] == 0  # not null / nullable
