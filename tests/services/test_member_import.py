"""Importing people: column mapping, preview, matching, rejections, one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from kastedesk import i18n
from kastedesk.domain.registry import Role
from kastedesk.domain.registry_rules import GroupData, MembershipData, PersonData, ProjectData
from kastedesk.domain.validation import ValidationError
from kastedesk.services import member_import, registry
from kastedesk.services.member_import import RowStatus, guess_mapping, report_lines
from kastedesk.services.table_files import TableFileError, read_table
from kastedesk.storage.database import Database
from kastedesk.storage.models.registry import Membership, Person


@pytest.fixture
def group_id(db: Database) -> int:
    project = registry.save_project(db, ProjectData("LasSe"))
    return registry.save_group(db, GroupData("Ohjausryhmä"), project)


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    path = tmp_path / "people.csv"
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def _counts(db: Database) -> tuple[int, int]:
    with db.read() as s:
        return (
            s.scalar(select(func.count(Person.id))),
            s.scalar(select(func.count(Membership.id))),
        )


@pytest.mark.parametrize(
    "headers, expected",
    [
        (["Etunimi", "Sukunimi", "Sähköposti", "Puh.", "Rooli"],
         ["first_name", "last_name", "email", "phone", "role"]),
        (["Förnamn", "Efternamn", "E-post", "Telefon", "Kommun", "Landskap"],
         ["first_name", "last_name", "email", "phone", "municipality", "region"]),
        (["First name", "Last name", "E-mail", "Organization", "Notes"],
         ["first_name", "last_name", "email", "organisation", None]),
        (["Etunimi", "etunimi"], ["first_name", None]),  # one column per field
    ],
)  # fmt: skip
def test_mapping_from_headers(headers: list[str], expected: list[str | None]) -> None:
    assert guess_mapping(headers) == expected


def test_preview_writes_nothing_then_import_adds_good_rows(
    db: Database, group_id: int, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "Etunimi;Sukunimi;Organisaatio;Sähköposti;Puhelin;Rooli;Maakunta;Kieli\n"
        "Anneli;Virtanen;Tampereen kaupunki;anneli@tampere.example;+358 50 555 0001;"
        "puheenjohtaja;Pirkanmaa;suomi\n"
        "Ulla;Nyström;Närpes stad;ulla@narpes.example;;ledamot;Österbotten;svenska\n"
        ";;;;;;;\n"
        "Pekka;;Tammela;;;jäsen;;\n"
        "Jari;Koivisto;X;not-an-email;;esittelijä;;\n"
        "Ilkka;Uusi;Y;;;ordförande;;\n"
        "Maija;Meri;Z;;;kuningatar;Atlantis;klingon\n"
        "Ulla;Nyström;Närpes stad;ulla@narpes.example;;ledamot;Österbotten;svenska\n",
    )
    table = read_table(path)
    mapping = guess_mapping(table.headers)
    preview = member_import.preview_import(db, group_id, table, mapping)
    assert _counts(db) == (0, 0)
    statuses = {r.line: r.status for r in preview.rows}
    assert statuses == {
        2: RowStatus.NEW, 3: RowStatus.NEW, 5: RowStatus.REJECTED, 6: RowStatus.REJECTED,
        7: RowStatus.REJECTED, 8: RowStatus.REJECTED, 9: RowStatus.REJECTED,
    }  # fmt: skip
    assert preview.empty_rows == 1
    reasons = {r.line: r.reason for r in preview.rows}
    assert "last name" in reasons[5]
    assert "email address" in reasons[6]
    assert "Anneli Virtanen" in reasons[7]  # a second chair
    assert "kuningatar" in reasons[8] and "Atlantis" in reasons[8] and "klingon" in reasons[8]
    assert "row 3" in reasons[9]  # the same person twice

    plan = member_import.run_import(db, group_id, table, mapping)
    assert (plan.count(RowStatus.NEW), plan.count(RowStatus.REJECTED)) == (2, 5)
    assert _counts(db) == (2, 2)
    rows = {r.last_name: r for r in registry.member_rows(db, group_id)}
    assert rows["Virtanen"].role == Role.CHAIR and rows["Virtanen"].region == "06"
    assert rows["Nyström"].language == "sv" and rows["Nyström"].region == "15"
    lines = report_lines(plan)
    assert lines[0] == "Added 2, matched 0, already in the group 0, rejected 5."
    assert any(line.startswith("Row 6: ") for line in lines)


def test_people_already_in_the_database_are_matched(
    db: Database, group_id: int, tmp_path: Path
) -> None:
    project = registry.get_group(db, group_id).project_id
    other = registry.save_group(db, GroupData("Kehittäjäryhmä"), project)
    registry.add_member(
        db,
        other,
        PersonData("Kaj", "Lindqvist", organisation="KC", email="kaj@vasa.example"),
        MembershipData(),
    )
    registry.add_member(
        db, other, PersonData("Päivi", "Koskinen", organisation="Nokian kaupunki"), MembershipData()
    )
    registry.add_member(
        db, group_id, PersonData("Sari", "Mäkinen", email="sari@lahti.example"), MembershipData()
    )
    path = _csv(
        tmp_path,
        "First name,Last name,Organisation,Email\n"
        "Kaj,Lindqvist,Another org,KAJ@vasa.example\n"  # same email
        "PÄIVI,koskinen,Nokian Kaupunki,\n"  # same name and organisation, any case
        "Päivi,Koskinen,Tampereen kaupunki,\n"  # same name, other organisation: someone else
        "Sari,Mäkinen,Lahti,sari@lahti.example\n",  # already in this group
    )
    table = read_table(path)
    plan = member_import.run_import(db, group_id, table, guess_mapping(table.headers))
    assert [r.status for r in plan.rows] == [
        RowStatus.MATCHED, RowStatus.MATCHED, RowStatus.NEW, RowStatus.ALREADY,
    ]  # fmt: skip
    assert _counts(db) == (4, 6)
    # Matching never overwrites what the registry already knows.
    kaj = next(r for r in registry.member_rows(db, group_id) if r.last_name == "Lindqvist")
    assert kaj.organisation == "KC"


def test_deputies_name_their_member_anywhere_in_the_file(
    db: Database, group_id: int, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "Etunimi;Sukunimi;Rooli;Varajäsen kenelle\n"
        "Outi;Lahtinen;henkilökohtainen varajäsen;Sari Mäkinen\n"
        "Sari;Mäkinen;jäsen;\n"
        "Pia;Berg;varajäsen;Nobody Here\n",
    )
    table = read_table(path)
    plan = member_import.run_import(db, group_id, table, guess_mapping(table.headers))
    assert [r.status for r in plan.rows] == [RowStatus.NEW, RowStatus.NEW, RowStatus.REJECTED]
    outi = next(r for r in registry.member_rows(db, group_id) if r.first_name == "Outi")
    assert outi.role == Role.DEPUTY and outi.deputy_of_name == "Sari Mäkinen"


@pytest.mark.parametrize(
    ("lang", "filled", "added"),
    [
        ("fi", "kirjoita jäsenen nimi sarakkeeseen ”Henkilökohtainen varajäsen”",
         "lisää sarake ”Varajäsen kenelle” ja siihen jäsenen nimi"),
        ("sv", "skriv medlemmens namn i kolumnen ”Henkilökohtainen varajäsen”",
         "lägg till kolumnen ”Ersättare för” med medlemmens namn"),
    ],
)  # fmt: skip
def test_a_deputy_without_a_member_names_the_column_to_fill_in(
    db: Database, group_id: int, tmp_path: Path, lang: str, filled: str, added: str
) -> None:
    i18n.set_language(lang)
    # The file's own header is named, as the user wrote it.
    path = _csv(
        tmp_path,
        "Etunimi;Sukunimi;Rooli;Henkilökohtainen varajäsen\n"
        "Sari;Mäkinen;jäsen;\n"
        "Outi;Lahtinen;varajäsen;\n",
    )
    table = read_table(path)
    plan = member_import.preview_import(db, group_id, table, guess_mapping(table.headers))
    [outi] = [r for r in plan.rows if r.status == RowStatus.REJECTED]
    assert outi.line == 3 and filled in outi.reason
    # No such column: the column to add, by the name the import knows.
    path = _csv(tmp_path, "Etunimi;Sukunimi;Rooli\nOuti;Lahtinen;varajäsen\n")
    table = read_table(path)
    plan = member_import.preview_import(db, group_id, table, guess_mapping(table.headers))
    [outi] = plan.rows
    assert outi.status == RowStatus.REJECTED and added in outi.reason


def test_windows_1252_file(db: Database, group_id: int, tmp_path: Path) -> None:
    path = _csv(tmp_path, "Förnamn;Efternamn;Kommun\nÅsa;Häggblom;Vörå\n", encoding="cp1252")
    table = read_table(path)
    member_import.run_import(db, group_id, table, guess_mapping(table.headers))
    [row] = registry.member_rows(db, group_id)
    assert (row.first_name, row.last_name, row.municipality) == ("Åsa", "Häggblom", "Vörå")


def test_names_must_be_mapped(db: Database, group_id: int, tmp_path: Path) -> None:
    table = read_table(_csv(tmp_path, "Nimi;Email\nAnna Aalto;a@b.example\n"))
    with pytest.raises(ValidationError) as err:
        member_import.preview_import(db, group_id, table, guess_mapping(table.headers))
    assert "First name" in err.value.errors["mapping"]
    # Half a mapping is refused, and so is one field from two columns.
    with pytest.raises(ValidationError):
        member_import.run_import(db, group_id, table, ["first_name", None])
    with pytest.raises(ValidationError) as err:
        member_import.run_import(db, group_id, table, ["first_name", "first_name", "last_name"])
    assert "Only one column" in err.value.errors["mapping"]
    assert _counts(db) == (0, 0)


def test_import_is_all_or_nothing(db: Database, group_id: int, tmp_path: Path, monkeypatch) -> None:
    table = read_table(_csv(tmp_path, "Etunimi;Sukunimi\nAnna;Aalto\nPia;Berg\nEero;Ek\n"))
    original = member_import._Staged._insert
    calls = []

    def failing_insert(s, model, rows, ids):
        calls.append(model)
        if model is Membership:  # the people are already inserted by now
            raise RuntimeError("disk gone")
        original(s, model, rows, ids)

    monkeypatch.setattr(member_import._Staged, "_insert", staticmethod(failing_insert))
    with pytest.raises(RuntimeError):
        member_import.run_import(db, group_id, table, guess_mapping(table.headers))
    assert calls == [Person, Membership]
    assert _counts(db) == (0, 0)


def test_control_characters_and_absurd_sizes_are_rejected_with_the_column_named(
    db: Database, group_id: int, tmp_path: Path
) -> None:
    huge = "x" * 101
    path = tmp_path / "people.csv"
    path.write_text(
        "Etunimi;Sukunimi;Sähköposti;Maakunta\r\n"
        '"Anna\r\nMaria";Aalto;anna@example.fi;\r\n'
        f"Bo;{huge};bo@example.fi;\r\n"
        "Cy;Cederberg;cy@example.fi;" + "Atlantis" * 1000 + "\r\n"
        "Di;Dahl\t;di@example.fi;\r\n"  # a tab at the end is trimmed like a space
        "Eve;E\x0bk;eve@example.fi;\r\n",
        encoding="utf-8",
    )
    table = read_table(path)
    plan = member_import.run_import(db, group_id, table, guess_mapping(table.headers))
    reasons = {row.line: row.reason for row in plan.rows}
    assert [row.status for row in plan.rows].count(RowStatus.NEW) == 1
    assert reasons[2].startswith("First name: Remove the line breaks")
    assert reasons[4] == "Last name: Use at most 100 characters (this has 101)."
    assert reasons[5].startswith("unknown region “AtlantisAtlantis") and len(reasons[5]) < 100
    assert reasons[6] == ""
    assert reasons[7].startswith("Last name: Remove the line breaks")
    assert _counts(db) == (1, 1)


def test_a_10_mb_cell_refuses_the_file_with_a_message(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Etunimi;Sukunimi\nAnna;" + "x" * 10_000_000 + "\n")
    with pytest.raises(TableFileError, match="cell longer than 131072 characters near line 2"):
        read_table(path)


def test_import_backs_up_first(db: Database, group_id: int, tmp_path: Path) -> None:
    from kastedesk.domain.backup_retention import BackupReason
    from kastedesk.storage.backup_store import list_backups

    table = read_table(_csv(tmp_path, "Etunimi;Sukunimi\nAino;Aalto\n"))
    member_import.run_import(db, group_id, table, guess_mapping(table.headers))
    [entry] = list_backups(db.url)  # a file's folder, or a server database's
    assert entry.reason is BackupReason.IMPORT
    assert entry.counts is not None and entry.counts.people == 0
