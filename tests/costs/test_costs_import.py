"""Importing realised costs: preview with reasons, all or nothing, the same file once."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from kastedesk.domain.validation import ValidationError
from kastedesk.services import costs as svc
from kastedesk.services.costs_import import (
    import_costs_file,
    preview_import,
    read_cost_file,
)
from kastedesk.storage.database import Database

GOOD = [
    ["Tampereen kaupunki", "Henkilöstömenot", "1/2014", "8 333,33", "tammikuu"],
    ["tampereen kaupunki", "Hyror", "Q1/2014", "1 500,00", ""],
    ["Osaamiskeskus", "staff", "1-4/2014", "-12,50", "hyvityslasku"],
]


HEADER = "Osatoteuttaja;Kustannuslaji;Kausi;Summa;Selite"


def _csv(path: Path, rows: list[list[str]], header: str = HEADER) -> Path:
    path.write_text(header + "\n" + "\n".join(";".join(r) for r in rows) + "\n", "utf-8-sig")
    return path


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Osatoteuttaja", "Kustannuslaji", "Kausi", "Summa", "Selite"])
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_preview_lists_rejected_rows_with_reasons(db: Database, book, tmp_path: Path) -> None:
    bad = [
        *GOOD,
        ["", "", "", "", ""],
        ["Tuntematon Oy", "Vuokrat", "2/2014", "10", ""],
        ["Osaamiskeskus", "Matkat", "13/2014", "kymmenen", ""],
        ["Osaamiskeskus", "Vuokrat", "1.12.2014–31.1.2015", "10", ""],
    ]
    path = _csv(tmp_path / "kulut.csv", bad)
    plan = preview_import(db, book.project_id, read_cost_file(path), path.name)
    assert len(plan.accepted) == 3
    assert plan.total_cents == 833_333 + 150_000 - 1_250
    reasons = {r.line: r.reason for r in plan.rejected}
    assert reasons[6] == "Unknown partner: Tuntematon Oy."
    assert "Unknown cost category: Matkat." in reasons[7]
    assert "No such date or month." in reasons[7]
    assert "Not an amount of money" in reasons[7]
    assert "within one year" in reasons[8]
    assert plan.empty_rows == 1
    assert not plan.can_import

    with pytest.raises(ValidationError) as info:  # all or nothing
        import_costs_file(db, book.project_id, path)
    assert "3 rows are rejected" in str(info.value)
    assert svc.load_book(db, book.project_id).entries == []


def test_import_adds_all_rows_once(db: Database, book, tmp_path: Path) -> None:
    path = _csv(tmp_path / "kulut.csv", GOOD)
    assert import_costs_file(db, book.project_id, path, dry_run=True).can_import
    assert svc.load_book(db, book.project_id).entries == []

    plan = import_costs_file(db, book.project_id, path)
    assert len(plan.accepted) == 3
    loaded = svc.load_book(db, book.project_id)
    assert [(e.period, e.cents, e.note, e.imported) for e in loaded.entries] == [
        ("1/2014", 833_333, "tammikuu", True),
        ("1–3/2014", 150_000, "", True),
        ("1–4/2014", -1_250, "hyvityslasku", True),
    ]
    again = import_costs_file(db, book.project_id, path)
    assert again.already_imported_on is not None
    assert len(svc.load_book(db, book.project_id).entries) == 3


def test_the_same_sheet_as_xlsx_counts_as_the_same_file(db: Database, book, tmp_path) -> None:
    import_costs_file(db, book.project_id, _csv(tmp_path / "kulut.csv", GOOD))
    rows: list[list[object]] = [list(r) for r in GOOD]
    xlsx = _xlsx(tmp_path / "kulut.xlsx", rows)
    assert import_costs_file(db, book.project_id, xlsx).already_imported_on is not None
    assert len(svc.load_book(db, book.project_id).entries) == 3


def test_xlsx_numbers_and_swedish_headers(db: Database, book, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Delgenomförare", "Kostnadsslag", "Period", "Belopp"])
    sheet.append(["Osaamiskeskus", "Personalkostnader", "2014-05", 1234.56])
    sheet.append(["Osaamiskeskus", "Hyror", "5/2014", 0.1 + 0.2])  # float noise
    path = tmp_path / "kostnader.xlsx"
    workbook.save(path)
    plan = import_costs_file(db, book.project_id, path)
    assert [r.data.cents for r in plan.accepted if r.data] == [123_456, 30]


def test_missing_columns_and_unreadable_files_are_one_message(
    db: Database, book, tmp_path: Path
) -> None:
    path = _csv(tmp_path / "x.csv", [["a", "b"]], header="Nimi;Summa")
    with pytest.raises(ValidationError) as info:
        import_costs_file(db, book.project_id, path, dry_run=True)
    assert "Missing: partner, category, period" in str(info.value)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(ValidationError):
        import_costs_file(db, book.project_id, broken, dry_run=True)


def test_a_formula_without_a_stored_value_is_rejected(db: Database, book, tmp_path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Osatoteuttaja", "Kustannuslaji", "Kausi", "Summa"])
    sheet.append(["Osaamiskeskus", "Vuokrat", "1/2014", "=1+1"])  # openpyxl stores no value
    sheet.append(["Osaamiskeskus", "Vuokrat", "2/2014", 5])
    path = tmp_path / "kaavat.xlsx"
    workbook.save(path)
    plan = import_costs_file(db, book.project_id, path, dry_run=True)
    assert [r.line for r in plan.rejected] == [2]
    assert plan.rejected[0].reason.startswith("A formula without a stored value in column D")
    assert len(plan.accepted) == 1


def test_control_characters_are_refused(db: Database, book, tmp_path: Path) -> None:
    path = _csv(tmp_path / "x.csv", [["Osaamiskeskus", "Vuokrat", "1/2014", "1", "a\x01b"]])
    plan = import_costs_file(db, book.project_id, path, dry_run=True)
    assert plan.rejected[0].reason == "Remove the line breaks, tabs and other control characters."
