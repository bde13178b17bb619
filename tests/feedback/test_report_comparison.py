"""The results report's comparison table fits A4 however many regions are compared."""

from __future__ import annotations

from docx.shared import Length

from kastedesk.documents.template import open_template
from kastedesk.domain.feedback_forms import default_form
from kastedesk.services.feedback_report import MAX_GROUP_COLUMNS, _comparison_section
from kastedesk.services.feedback_results import Comparison, QuestionStats

REGIONS = ["02", "04", "06", "07", "14", "15", "16"]  # Varsinais-Suomi … Keski-Pohjanmaa


def _comparison(regions: list[str]) -> Comparison:
    scale = [QuestionStats(q.key, q) for q in default_form().questions[:3]]
    means = {(q.key, r): 3.0 + n / 10 for n, r in enumerate(regions) for q in scale}
    return Comparison("region", regions, {r: 1000 + n for n, r in enumerate(regions)}, scale, means)


def _table(regions: list[str]) -> list[list[str]]:
    document = open_template(None)
    _comparison_section(document, _comparison(regions), "sv", {})
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("3. Helhetsvitsord") for t in texts) == (len(regions) > 5)
    if len(regions) > 5:  # the questions under the table stay on its page
        legend = [p for p in document.paragraphs if p.text[:2] in ("1.", "2.", "3.")]
        assert [p.paragraph_format.keep_with_next for p in legend] == [True, True, False]
        last_row = document.tables[0].rows[-1].cells[0].paragraphs[0]
        assert last_row.paragraph_format.keep_with_next
    [table] = document.tables
    page = document.sections[0]
    usable = Length(page.page_width - page.left_margin - page.right_margin).cm
    grid = [Length(column.w).cm for column in table._tbl.tblGrid.gridCol_lst]
    assert sum(grid) <= usable + 0.01 and min(grid) >= 2.0  # no column too narrow for "3,45"
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_up_to_five_regions_are_columns_beside_the_questions() -> None:
    rows = _table(REGIONS[:MAX_GROUP_COLUMNS])
    assert rows[0][0] == "Fråga" and rows[0][1] == "Egentliga Finland (n = 1\xa0000)"
    assert len(rows) == 1 + 3 and rows[1][0].startswith("1. Motsvarade")


def test_more_regions_are_rows_and_the_questions_columns_by_number() -> None:
    rows = _table(REGIONS)
    assert rows[0] == ["Landskap", "1.", "2.", "3."]
    assert [row[0] for row in rows[1:]][-1] == "Mellersta Österbotten (n = 1\xa0006)"
    assert rows[1][1:] == ["3,00", "3,00", "3,00"] and rows[-1][1:] == ["3,60", "3,60", "3,60"]
