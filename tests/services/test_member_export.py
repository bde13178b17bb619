"""Exporting a group: formula-safe cells, Excel-friendly CSV, and a lossless round trip."""

from __future__ import annotations

import csv
import datetime as dt
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kastedesk.domain.registry import Role
from kastedesk.domain.registry_rules import GroupData, MembershipData, PersonData, ProjectData
from kastedesk.services import member_export, member_import, registry
from kastedesk.services.spreadsheet_safety import safe_cell
from kastedesk.services.table_files import read_table
from kastedesk.storage.database import Database

DANGEROUS = ['=HYPERLINK("http://x")', "+358 40 1", "-2+3", "@SUM(A1)"]


@pytest.fixture
def group_id(db: Database) -> int:
    project = registry.save_project(db, ProjectData("LasSe"))
    group = registry.save_group(db, GroupData("Ohjausryhmä", "Styrgrupp"), project)
    chair = registry.add_member(
        db, group,
        PersonData("Anneli", "Virtanen", title=DANGEROUS[0], organisation=DANGEROUS[3],
                   municipality="Tampere", region="06", email="anneli@tampere.example",
                   phone=DANGEROUS[1]),
        MembershipData(Role.CHAIR, None, dt.date(2013, 4, 1)),
    )  # fmt: skip
    registry.add_member(
        db, group,
        PersonData("Ulla", "Nyström", organisation=DANGEROUS[2], region="15", language="sv"),
        MembershipData(Role.DEPUTY, chair, dt.date(2013, 4, 1), dt.date(2015, 10, 31)),
    )  # fmt: skip
    return group


@pytest.mark.parametrize("value", DANGEROUS)
def test_safe_cell(value: str) -> None:
    assert safe_cell(value) == "'" + value
    assert safe_cell("Tampere") == "Tampere"
    assert safe_cell(12) == 12


def test_csv_is_utf8_bom_semicolons_and_formula_safe(
    db: Database, group_id: int, tmp_path: Path
) -> None:
    target = tmp_path / "out.csv"
    assert member_export.export_members(db, group_id, target, "fi") == 2
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:3] == ["Etunimi", "Sukunimi", "Rooli"]
    cells = {c for row in rows[1:] for c in row}
    for value in DANGEROUS:
        assert "'" + value in cells
        assert value not in cells
    assert "23.9.2014" not in cells and "1.4.2013" in cells  # dates the Finnish way
    assert "puheenjohtaja" in cells and "Pirkanmaa" in cells


def test_xlsx_stores_formula_like_text_as_text(db: Database, group_id: int, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    member_export.export_members(db, group_id, target, "sv")
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Förnamn", "Efternamn", "Roll"]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    for value in DANGEROUS:
        [cell] = [c for c in cells if c.value == value]
        assert cell.data_type == "s" and cell.quotePrefix
    assert not any(c.data_type == "f" for c in cells)
    start = next(c for c in cells if isinstance(c.value, dt.datetime))
    assert start.number_format == "d.m.yyyy"


@pytest.mark.parametrize("suffix, lang", [(".csv", "fi"), (".xlsx", "sv"), (".csv", "en")])
def test_export_then_import_into_another_group_round_trips(
    db: Database, group_id: int, tmp_path: Path, suffix: str, lang: str
) -> None:
    target = tmp_path / f"out{suffix}"
    member_export.export_members(db, group_id, target, lang)
    other = registry.save_group(db, GroupData("Kopio"), registry.get_group(db, group_id).project_id)
    table = read_table(target)
    mapping = member_import.guess_mapping(table.headers)
    assert None not in mapping
    plan = member_import.run_import(db, other, table, mapping)
    assert plan.count(member_import.RowStatus.MATCHED) == 2, plan.rejected
    before = sorted(registry.member_rows(db, group_id), key=lambda r: r.last_name)
    after = sorted(registry.member_rows(db, other), key=lambda r: r.last_name)
    for a, b in zip(before, after, strict=True):
        assert (a.person_id, a.role, a.start_date, a.end_date, a.deputy_of_name) == (
            b.person_id, b.role, b.start_date, b.end_date, b.deputy_of_name,
        )  # fmt: skip


def test_failed_write_keeps_the_old_file(
    db: Database, group_id: int, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old contents", encoding="utf-8")

    class BrokenCsv:
        @staticmethod
        def writer(*args, **kwargs):
            raise OSError("disk full")

    monkeypatch.setattr(member_export, "csv", BrokenCsv)
    with pytest.raises(OSError):
        member_export.export_members(db, group_id, target, "fi")
    assert target.read_text(encoding="utf-8") == "old contents"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


@pytest.mark.skipif(os.name == "nt", reason="Windows files have no POSIX permission bits")
def test_written_files_get_ordinary_permissions(
    db: Database, group_id: int, tmp_path: Path
) -> None:
    """The temporary file is private; the finished one gets the usual permissions."""
    import stat

    target = tmp_path / "out.csv"
    member_export.export_members(db, group_id, target, "fi")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    target.chmod(0o640)
    member_export.export_members(db, group_id, target, "fi")  # replacing keeps the mode
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_missing_folder_is_not_created(
    db: Database, group_id: int, tmp_path: Path, suffix: str
) -> None:
    """Refused before a workbook is built (a write-only sheet never saved complained when
    collected, which failed the test at its teardown)."""
    from kastedesk.atomic_files import FileWriteError

    with pytest.raises(FileWriteError, match="Cannot write in the folder"):
        member_export.export_members(db, group_id, tmp_path / "typo" / f"out{suffix}", "fi")
    assert not (tmp_path / "typo").exists()
