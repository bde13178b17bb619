"""Reading spreadsheets as Excel in Finland writes them."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from openpyxl import Workbook

from kastedesk.services.table_files import TableFileError, read_table

HEADER = "Etunimi;Sukunimi;Organisaatio"


def _write(tmp_path: Path, data: bytes, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_with_bom_and_semicolons(tmp_path: Path) -> None:
    text = f"{HEADER}\r\nÄijä;Öhman;Närpes stad\r\n"
    table = read_table(_write(tmp_path, codecs.BOM_UTF8 + text.encode("utf-8")))
    assert table.headers == ["Etunimi", "Sukunimi", "Organisaatio"]
    assert table.rows == [["Äijä", "Öhman", "Närpes stad"]]
    assert table.lines == [2]


def test_windows_1252(tmp_path: Path) -> None:
    text = f"{HEADER}\r\nPäivi;Häggblom;Vörå kommun\r\n"
    table = read_table(_write(tmp_path, text.encode("cp1252")))
    assert table.rows == [["Päivi", "Häggblom", "Vörå kommun"]]


def test_comma_separated_utf8_without_bom(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path, "first name,last name\nAnna,Åberg\n".encode()))
    assert table.headers == ["first name", "last name"]
    assert table.rows == [["Anna", "Åberg"]]


def test_utf16_tab_separated_unicode_text(tmp_path: Path) -> None:
    data = "Förnamn\tEfternamn\r\nAnna\tÅberg\r\n".encode("utf-16")
    table = read_table(_write(tmp_path, data, "people.txt"))
    assert table.rows == [["Anna", "Åberg"]]


def test_excel_sep_line(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path, b"sep=,\r\nEtunimi,Sukunimi\r\nAnna,Aalto\r\n"))
    assert table.headers == ["Etunimi", "Sukunimi"]
    assert table.lines == [3]


def test_quoted_fields_with_newlines_and_semicolons(tmp_path: Path) -> None:
    text = f'{HEADER}\r\n"Anna";"Aalto";"Tampereen kaupunki;\r\nsosiaalipalvelut"\r\nPia;Berg;X\r\n'
    table = read_table(_write(tmp_path, text.encode("utf-8")))
    assert table.rows[0][2] == "Tampereen kaupunki;\r\nsosiaalipalvelut"
    assert table.lines == [2, 4]  # the second record starts on line 4


def test_empty_rows_and_short_rows_are_padded(tmp_path: Path) -> None:
    text = f"\r\n{HEADER}\r\n;;\r\nAnna;Aalto\r\n\r\n"
    table = read_table(_write(tmp_path, text.encode("utf-8")))
    assert table.rows == [["", "", ""], ["Anna", "Aalto", ""]]


def test_our_apostrophe_escape_is_undone(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path, b"Puhelin;Huom\r\n'+358 40 1;'it's\r\n"))
    assert table.rows == [["+358 40 1", "'it's"]]


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("broken.csv", b'Etunimi;Sukunimi\r\n"Anna;Aalto\r\n', "broken"),
        ("binary.csv", b"\x00\x01\x02garbage\x00", "not a text table"),
        ("empty.csv", b"\r\n\r\n", "no rows"),
        ("fake.xlsx", b"this is not a zip", "not a readable Excel"),
        ("old.xls", b"\xd0\xcf\x11\xe0", ".xls"),
        ("people.pdf", b"%PDF", ".xlsx or .csv"),
    ],
)
def test_unreadable_files_are_refused_clearly(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(TableFileError) as err:
        read_table(_write(tmp_path, data, name))
    assert message in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TableFileError, match="Cannot read"):
        read_table(tmp_path / "nope.csv")


def test_xlsx_first_sheet_with_dates_and_numbers(tmp_path: Path) -> None:
    import datetime as dt

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Etunimi", "Sukunimi", "Alkaa", "Puhelin"])
    sheet.append(["Anna", "Aalto", dt.datetime(2014, 9, 23), 401234567])
    sheet.append(["Pia", "Berg", None, "040 1"])
    path = tmp_path / "people.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.rows == [["Anna", "Aalto", "23.9.2014", "401234567"], ["Pia", "Berg", "", "040 1"]]
    assert table.lines == [2, 3]


def test_too_many_rows_is_refused_with_the_limit_written_the_finnish_way(tmp_path: Path) -> None:
    from kastedesk import i18n
    from kastedesk.services.table_files import MAX_ROWS

    i18n.set_language("fi")
    data = "nimi\n" + "x\n" * (MAX_ROWS + 2)
    with pytest.raises(TableFileError) as refused:
        read_table(_write(tmp_path, data.encode()))
    assert "100\xa0000" in str(refused.value)
