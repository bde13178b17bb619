"""Every row of an .xlsx is read and accounted for, whatever the file claims about itself."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from kastedesk.domain.registry_rules import GroupData, ProjectData
from kastedesk.services import member_import, registry, table_files
from kastedesk.services.member_import import RowStatus, guess_mapping, report_lines
from kastedesk.services.table_files import TableFileError, read_table, xml_has_doctype
from kastedesk.storage.database import Database

SHEET = "xl/worksheets/sheet1.xml"


def _workbook(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _edit_sheet(path: Path, edit) -> Path:
    """Rewrite the first sheet's XML with *edit* (str -> str), the rest unchanged."""
    with zipfile.ZipFile(path) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    entries[SHEET] = edit(entries[SHEET].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    return path


def _people(count: int) -> list[list[str]]:
    header = ["Etunimi", "Sukunimi", "Sähköposti", "Organisaatio"]
    return [header] + [
        [f"Etu{n}", f"Suku{n}", f"henkilo{n}@example.fi", f"Kunta {n}"] for n in range(count)
    ]


def _stale(text: str) -> str:
    edited = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:C2"/>', text)
    assert edited != text
    return edited


def test_a_stale_dimension_does_not_cut_rows_or_columns(tmp_path: Path) -> None:
    path = _edit_sheet(_workbook(tmp_path / "stale.xlsx", _people(50)), _stale)
    table = read_table(path)
    assert len(table.rows) == 50
    assert table.headers[3] == "Organisaatio"  # column D lies outside A1:C2
    assert table.rows[-1] == ["Etu49", "Suku49", "henkilo49@example.fi", "Kunta 49"]
    assert table.lines[-1] == 51


def _formula_sheet(tmp_path: Path) -> Path:
    rows = [
        ["Etunimi", "Sukunimi", "Sähköposti"],
        ["Anna", "Aalto", "anna@example.fi"],
        ['="Bo"', "Berg", "bo@example.fi"],  # openpyxl writes no stored value
        ['="Cy"', "Cederberg", "cy@example.fi"],  # given a stored value below
        ['="Di"', '="Dahl"', '="di@example.fi"'],  # nothing but formulas
    ]

    def store_cy(text: str) -> str:
        cell = re.search(r'<c r="A4"[^>]*>.*?</c>', text)
        assert cell is not None
        return text.replace(cell.group(0), '<c r="A4" t="str"><f>"Cy"</f><v>Cy</v></c>')

    return _edit_sheet(_workbook(tmp_path / "formulas.xlsx", rows), store_cy)


def test_formula_cells_without_a_stored_value_are_named(tmp_path: Path) -> None:
    table = read_table(_formula_sheet(tmp_path))
    assert table.lines == [2, 3, 4, 5]
    assert table.rows[2][0] == "Cy"  # a stored result is read as the value
    assert table.problems[0] == table.problems[2] == ""
    assert "column A" in table.problems[1] and "Excel" in table.problems[1]
    assert "column A, B, C" in table.problems[3]


def test_every_row_is_added_matched_or_rejected_with_a_reason(tmp_path: Path, db: Database) -> None:
    path = _edit_sheet(_formula_sheet(tmp_path), _stale)
    table = read_table(path)
    project = registry.save_project(db, ProjectData("LasSe"))
    group = registry.save_group(db, GroupData("Ohjausryhmä"), project)
    plan = member_import.run_import(db, group, table, guess_mapping(table.headers))
    statuses = {row.line: row.status for row in plan.rows}
    assert statuses == {
        2: RowStatus.NEW,
        3: RowStatus.REJECTED,
        4: RowStatus.NEW,
        5: RowStatus.REJECTED,
    }
    report = report_lines(plan)
    assert report[0].startswith("Added 2, matched 0, already in the group 0, rejected 2.")
    assert any(line.startswith("Row 3: a formula without a stored value") for line in report)
    assert any(line.startswith("Row 5: a formula without a stored value") for line in report)


def test_a_sheet_without_formulas_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[bool] = []
    original = table_files._sheet_rows

    def counting(path: Path, data_only: bool) -> list[tuple]:
        calls.append(data_only)
        return original(path, data_only)

    monkeypatch.setattr(table_files, "_sheet_rows", counting)
    read_table(_workbook(tmp_path / "plain.xlsx", _people(3)))
    assert calls == [True]


def test_a_workbook_with_a_dtd_is_refused(tmp_path: Path) -> None:
    def with_dtd(text: str) -> str:
        return (
            '<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
            + text.replace("<t>Anna</t>", "<t>&b;</t>")
        )

    rows = [["Etunimi", "Sukunimi"], ["Anna", "Aalto"]]
    path = _edit_sheet(_workbook(tmp_path / "dtd.xlsx", rows), with_dtd)
    with pytest.raises(TableFileError, match="DTD"):
        read_table(path)


@pytest.mark.parametrize(
    "head, has_dtd",
    [
        (b'<?xml version="1.0"?><worksheet/>', False),
        (b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- <!DOCTYPE x> -->\n<root/>", False),
        (b"<?xml version='1.0'?>\n<!-- note -->\n<!DOCTYPE r SYSTEM 'file:///etc/x'>", True),
        ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r []><r/>'.encode("utf-16"), True),
        (b"<!--" + b" " * 70_000, True),  # a prolog too long to judge
        (b"", False),
    ],
)
def test_xml_has_doctype(head: bytes, has_dtd: bool) -> None:
    assert xml_has_doctype(head) is has_dtd
