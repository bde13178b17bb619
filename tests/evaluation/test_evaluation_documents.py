"""The round as Word and Excel, in Finnish and Swedish; the Excel file read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook

from kastedesk.services import evaluation as ev
from kastedesk.services.evaluation_export import export_round
from kastedesk.services.evaluation_import import (
    EvaluationImportError,
    import_evaluation,
    plan_evaluation_import,
)
from tests.evaluation.conftest import ETELA_SAVO, KESKI_SUOMI, Setup


def _rate(db, setup: Setup) -> None:
    first, second = setup.measures[0]
    ev.set_rating(db, setup.baseline, first, ETELA_SAVO, 3)
    ev.set_cell_comment(db, setup.baseline, first, ETELA_SAVO, "Kuntakäynnit kaikkiin kuntiin.")
    ev.set_rating(db, setup.baseline, second, KESKI_SUOMI, 1)
    ev.set_rating(db, setup.midterm, first, ETELA_SAVO, 2)
    ev.set_rating(db, setup.midterm, second, KESKI_SUOMI, 3)


def _texts(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_word_table_is_landscape_with_x_marks_per_region(db, setup: Setup, tmp_path) -> None:
    _rate(db, setup)
    path = export_round(db, setup.baseline, tmp_path / "arviointi.docx", "fi")
    document = Document(str(path))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    table = document.tables[0]
    rows = _texts(table)
    assert rows[0][0] == "Tavoite" and rows[0][2] == "Etelä-Savo" and rows[0][6] == "Keski-Suomi"
    assert rows[1][2:5] == ["1.", "2.", "3."]
    assert "Sijaishuollon kehittäminen" in rows[2][0]
    first = rows[3]
    assert first[0].startswith("Tavoite 1 ") and first[1] == "Kuntakäynnit"
    assert first[2:6] == ["", "", "x", "Kuntakäynnit kaikkiin kuntiin."]
    second = rows[4]
    assert second[1] == "Järjestöyhteistyö" and second[6:9] == ["x", "", ""]
    summary = _texts(document.tables[1])
    assert summary[-1][0] == "Yhteensä" and summary[-1][1:4] == ["1", "0", "1"]


def test_swedish_word_table_and_comparison(db, setup: Setup, tmp_path) -> None:
    _rate(db, setup)
    path = export_round(db, setup.midterm, tmp_path / "jamforelse.docx", "sv", setup.baseline)
    document = Document(str(path))
    rows = _texts(document.tables[0])
    assert rows[0][0] == "Mål" and rows[0][2] == "Södra Savolax"
    assert rows[1][2:5] == ["1.3.2012", "1.3.2013", "Förändring"]
    first = rows[3]
    assert first[0].startswith("Mål 1 ") and first[1] == "Kuntakäynnit (sv)"
    assert first[2:5] == ["3", "2", "sämre"]
    assert rows[4][6:9] == ["1", "3", "bättre"]


def test_excel_round_trip_changes_only_what_was_typed(db, setup: Setup, tmp_path) -> None:
    _rate(db, setup)
    path = export_round(db, setup.baseline, tmp_path / "arviointi.xlsx", "fi")
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    assert sheet["A1"].value == "Tavoite" and sheet["D1"].value == "Etelä-Savo"
    assert sheet["C3"].value == "Kuntakäynnit" and sheet["D3"].value == 3
    assert workbook.worksheets[1].title == "Yhteenveto"
    sheet["D4"] = 2
    sheet["E4"] = "Uusi kommentti"
    sheet["F3"] = None
    workbook.save(path)
    preview = plan_evaluation_import(db, path, setup.baseline)
    assert [(c.row, c.region, c.after.rating) for c in preview.changes] == [(4, ETELA_SAVO, 2)]
    import_evaluation(db, path, setup.baseline)
    matrix = ev.load_matrix(db, setup.baseline)
    assert matrix.cell(setup.measures[0][1], ETELA_SAVO) == ev.Cell(2, "Uusi kommentti")
    assert matrix.cell(setup.measures[0][0], ETELA_SAVO).rating == 3


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        ("D5", 4, "Row 5: Etelä-Savo: A rating is 1, 2 or 3"),
        ("C4", "Tuntematon toimenpide", "Row 4: the concrete measure"),
        ("A6", "Tavoite 9", "Row 6: the goal Tavoite 9"),
        ("F1", "Lappi", "Row 1: the region Lappi"),
    ],
)
def test_a_bad_row_refuses_the_whole_file(db, setup: Setup, tmp_path, cell, value, message) -> None:
    _rate(db, setup)
    path = export_round(db, setup.baseline, tmp_path / "arviointi.xlsx", "fi")
    workbook = load_workbook(path)
    workbook.worksheets[0]["D3"] = 1  # a good change before the bad row
    workbook.worksheets[0][cell] = value
    workbook.save(path)
    before = ev.load_matrix(db, setup.baseline).cells
    with pytest.raises(EvaluationImportError, match=message):
        import_evaluation(db, path, setup.baseline)
    assert ev.load_matrix(db, setup.baseline).cells == before


def test_a_locked_round_takes_no_import(db, setup: Setup, tmp_path: Path) -> None:
    path = export_round(db, setup.baseline, tmp_path / "arviointi.xlsx", "fi")
    ev.lock_round(db, setup.baseline)
    with pytest.raises(EvaluationImportError, match="locked"):
        plan_evaluation_import(db, path, setup.baseline)


@pytest.mark.parametrize("regions", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("marks", [True, False])
def test_the_word_table_fits_landscape_a4_for_up_to_five_regions(regions, marks) -> None:
    from kastedesk.services.evaluation_export import column_widths

    goal, measure, narrow, comment = column_widths(26.5, regions, marks)
    assert goal + measure + regions * (3 * narrow + comment) <= 26.5 + 1e-9
    assert comment >= 1.5 and goal >= 2.0
