"""A round (or two compared) as the table projects hand in: .docx landscape A4, or .xlsx.

The Word table is laid out like the projects' own (seed 004): the goal, its
concrete measures, and per region the columns 1 / 2 / 3 marked with an x and
a comments column, under the theme heading of the goals. The comparison puts
the two rounds' ratings and the change side by side. The workbook has the
same rows with the rating as a number per region (so it can be typed in and
imported back, see evaluation_import.py) and a summary sheet.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.shared import Cm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from kastedesk.atomic_files import atomic_path
from kastedesk.documents.template import open_template
from kastedesk.domain.evaluation import CHANGE_LABELS, RATING_LABELS, RatingCounts
from kastedesk.domain.regions import region_name
from kastedesk.formatting import format_date, format_number
from kastedesk.i18n import translator
from kastedesk.services.evaluation import (
    GoalRow,
    Matrix,
    MeasureRow,
    RoundComparison,
    compare_rounds,
    load_matrix,
)
from kastedesk.services.spreadsheet_safety import safe_cell
from kastedesk.storage.database import Database

FORMATS = (".docx", ".xlsx")
MARK = "x"


def goal_label(goal: GoalRow, lang: str) -> str:
    """ "Tavoite 1" / "Mål 1"."""
    return translator(lang).gettext("Goal {number}").format(number=goal.number)


def scale_legend(lang: str) -> str:
    gettext = translator(lang).gettext
    return " ".join(f"{n}. {gettext(RATING_LABELS[n])}" for n in (1, 2, 3))


def share_text(counts: RatingCounts, lang: str) -> str:
    share = counts.share_realised
    return "–" if share is None else format_number(100 * share, lang, digits=0) + " %"


def summary_rows(matrix: Matrix, lang: str) -> list[list[str | int]]:
    """[label, 1, 2, 3, not assessed, share realised] per goal, per region and in all."""
    gettext = translator(lang).gettext
    summary = matrix.summary()
    rows: list[list[str | int]] = []

    def row(label: str, c: RatingCounts) -> list[str | int]:
        return [label, c.ones, c.twos, c.threes, c.not_assessed, share_text(c, lang)]

    for goal in matrix.goals:
        if goal.id in summary.by_goal:
            rows.append(row(goal_label(goal, lang), summary.by_goal[goal.id]))
    for region in matrix.regions:
        if region in summary.by_region:
            rows.append(row(region_name(region, lang) or region, summary.by_region[region]))
    rows.append(row(gettext("All"), summary.total))
    return rows


def summary_headers(lang: str) -> list[str]:
    gettext = translator(lang).gettext
    return ["", "1", "2", "3", gettext("Not assessed"), gettext("Share realised (2–3)")]


# --- Word ------------------------------------------------------------------------------


def _landscape(document: DocumentObject) -> float:
    """Turn every section to landscape A4 with 1.5 cm margins; the usable width in cm."""
    for section in document.sections:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(1.5))
    return 29.7 - 3.0


def _widths(table: Table, widths: list[float]) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    # Word reads the cell widths, LibreOffice the grid: set both. Straight on the XML:
    # python-docx's row.cells resolves merges on every call, which is slow for big tables.
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = Cm(width)
    for tr in table._tbl.tr_lst:
        start = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = Cm(sum(widths[start : start + span]))
            start += span


def _write(
    cell: _Cell, text: str, bold: bool = False, size: float = 8, center: bool = False
) -> Paragraph:
    paragraph: Paragraph = cell.paragraphs[0]
    for n, line in enumerate(text.split("\n")):
        if n:
            paragraph = cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold
        run.font.size = Pt(size)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _goal_text(cell: _Cell, goal: GoalRow, lang: str) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(goal_label(goal, lang) + " ")
    run.bold = True
    run.font.size = Pt(8)
    paragraph.add_run(goal.text(lang)).font.size = Pt(8)


def _repeat_header(table: Table, rows: int) -> None:
    for row in table.rows[:rows]:
        properties = row._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        properties.append(header)


def _shade(cell: _Cell, fill: str = "E7E6E6") -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def column_widths(usable: float, regions: int, marks: bool) -> tuple[float, float, float, float]:
    """(goal, measure, narrow column, comments) in cm so that the table fits *usable* cm.

    *marks*: the 1 / 2 / 3 columns of x marks (narrow); else two rounds' ratings and
    the change (wider). Many regions make the goal and measure columns give way.
    """
    regions = max(1, regions)
    narrow = (0.75 if regions <= 3 else 0.6) if marks else (1.3 if regions <= 3 else 0.9)
    goal_w = measure_w = 5.0 if regions <= 2 else 3.8
    comment_w = (usable - goal_w - measure_w) / regions - 3 * narrow
    if comment_w < 1.5:  # the comments keep 1.5 cm; goal and measure share the rest
        comment_w = 1.5
        goal_w = measure_w = max(2.0, (usable - regions * (comment_w + 3 * narrow)) / 2)
    return goal_w, measure_w, narrow, comment_w


class _Sheet:
    """The matrix table: two header rows, then per goal its measures."""

    def __init__(
        self, document: DocumentObject, regions: list[str], per_region: list[str], lang: str
    ) -> None:
        gettext = translator(lang).gettext
        self.lang = lang
        self.regions = regions
        self.per = len(per_region)
        usable = _landscape(document) - 0.2
        goal_w, measure_w, narrow, comment_w = column_widths(usable, len(regions), self.per == 4)
        widths = [goal_w, measure_w]
        for _r in regions:
            widths += [narrow] * (self.per - 1) + [comment_w]
        self.widths = widths
        self._prototype: CT_Row | None = None
        self.table: Table = document.add_table(rows=2, cols=len(widths))
        names = {s.name for s in document.styles}
        if "Table Grid" in names:
            self.table.style = "Table Grid"
        top, sub = self.table.rows
        _write(top.cells[0], gettext("Goal"), bold=True)
        _write(top.cells[1], gettext("Concrete measures"), bold=True)
        top.cells[0].merge(sub.cells[0])
        top.cells[1].merge(sub.cells[1])
        for n, region in enumerate(regions):
            first = 2 + n * self.per
            merged = top.cells[first].merge(top.cells[first + self.per - 1])
            _write(merged, region_name(region, lang) or region, bold=True, size=9, center=True)
            for k, label in enumerate(per_region):
                _write(sub.cells[first + k], label, bold=True, size=7, center=k < self.per - 1)
        for cell in (*top.cells, *sub.cells):
            _shade(cell)
        _repeat_header(self.table, 2)

    def _row(self) -> _Row:
        """A new empty row: a copy of a prototype (python-docx's add_row is slow)."""
        if self._prototype is None:
            new: _Row = self.table.add_row()  # type: ignore[no-untyped-call]  # python-docx: unannotated
            self._prototype = copy.deepcopy(new._tr)
            self.table._tbl.remove(self.table._tbl.tr_lst[-1])
        tr = copy.deepcopy(self._prototype)
        self.table._tbl.append(tr)
        return _Row(tr, self.table)

    def theme_row(self, text: str) -> None:
        cells = self._row().cells
        merged = cells[0].merge(cells[-1])
        _write(merged, text, bold=True, size=9)

    def goal_rows(
        self, goal: GoalRow, fill: Callable[[Sequence[_Cell], int | None, str], None]
    ) -> list[tuple[_Cell, ...]]:
        """One row per measure (at least one); *fill*(cells, measure id, region) per region."""
        measures: Sequence[MeasureRow | None] = goal.measures or [None]
        rows = [self._row().cells for _m in measures]
        for cells, measure in zip(rows, measures, strict=True):
            if measure is not None:
                _write(cells[1], measure.text(self.lang))
                if measure.retired:
                    gettext = translator(self.lang).gettext
                    _write(cells[1], "\n" + gettext("(retired)"), size=7)
            for n, region in enumerate(self.regions):
                first = 2 + n * self.per
                measure_id = measure.id if measure is not None else None
                fill(cells[first : first + self.per], measure_id, region)
        goal_cell = rows[0][0]
        if len(rows) > 1:
            goal_cell = goal_cell.merge(rows[-1][0])
        _goal_text(goal_cell, goal, self.lang)
        return rows

    def note_row(self, label: str, notes: dict[str, str]) -> None:
        cells = self._row().cells
        _write(cells[1], label, size=7)
        for n, region in enumerate(self.regions):
            first = 2 + n * self.per
            if notes.get(region):
                _write(cells[first + self.per - 1], notes[region])

    def finish(self) -> None:
        _widths(self.table, self.widths)


def _themes(goals: list[GoalRow], lang: str) -> Iterator[tuple[str, GoalRow]]:
    """(theme heading or "", goal): a heading row wherever the theme changes."""
    gettext = translator(lang).gettext
    previous = None
    for goal in goals:
        theme = goal.theme(lang)
        yield (
            (gettext("{theme} – goals").format(theme=theme) if theme and theme != previous else ""),
            goal,
        )
        previous = theme or previous


def _title(document: DocumentObject, title: str, lines: list[str]) -> None:
    document.add_heading(title, level=1)
    for line in lines:
        document.add_paragraph(line)


def _summary_table(document: DocumentObject, matrix: Matrix, lang: str) -> None:
    gettext = translator(lang).gettext
    document.add_heading(gettext("Summary"), level=2)
    headers = summary_headers(lang)
    rows = summary_rows(matrix, lang)
    table: Table = document.add_table(rows=1, cols=len(headers))
    if "Table Grid" in {s.name for s in document.styles}:
        table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _write(cell, text, bold=True, size=8)
    for values in rows:
        new: _Row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx: unannotated
        cells = new.cells
        for cell, value in zip(cells, values, strict=True):
            _write(cell, str(value), size=8)
    _widths(table, [6.0, 1.5, 1.5, 1.5, 3.0, 4.0])


def _document(lang: str, title: str) -> DocumentObject:
    document = open_template(None)
    document.core_properties.title = title
    document.core_properties.language = {"fi": "fi-FI", "sv": "sv-FI"}.get(lang, "en")
    return document


def _round_lines(matrix: Matrix, lang: str) -> list[str]:
    gettext = translator(lang).gettext
    return [
        gettext("Project: {project}").format(project=matrix.round.project_name),
        gettext("Scale: {legend}").format(legend=scale_legend(lang)),
    ]


def write_round_docx(path: Path, matrix: Matrix, lang: str) -> None:
    gettext = translator(lang).gettext
    title = gettext("Evaluation: {round}").format(round=matrix.round.label(lang))
    document = _document(lang, title)
    _title(document, title, _round_lines(matrix, lang))
    sheet = _Sheet(
        document,
        matrix.regions,
        [
            "1.",
            "2.",
            "3.",
            gettext("Comments, observations, shortcomings, development suggestions"),
        ],
        lang,
    )

    def fill(cells: Sequence[_Cell], measure_id: int | None, region: str) -> None:
        if measure_id is None:
            return
        cell = matrix.cell(measure_id, region)
        if cell.rating is not None:
            _write(cells[cell.rating - 1], MARK, bold=True, size=9, center=True)
        if cell.comment:
            _write(cells[3], cell.comment)

    for theme, goal in _themes(matrix.goals, lang):
        if theme:
            sheet.theme_row(theme)
        sheet.goal_rows(goal, fill)
        notes = {r: matrix.goal_comments.get((goal.id, r), "") for r in matrix.regions}
        if any(notes.values()):
            sheet.note_row(gettext("Comment on the goal"), notes)
    sheet.finish()
    _summary_table(document, matrix, lang)
    document.add_paragraph(gettext("Printed {date}").format(date=format_date(dt.date.today())))
    with atomic_path(path) as tmp:
        document.save(str(tmp))


def _short_label(matrix: Matrix, lang: str) -> str:
    return format_date(matrix.round.date) if matrix.round.date else matrix.round.label(lang)


def write_comparison_docx(path: Path, comparison: RoundComparison, lang: str) -> None:
    gettext = translator(lang).gettext
    earlier, later = comparison.earlier, comparison.later
    title = gettext("Evaluation compared: {earlier} and {later}").format(
        earlier=earlier.round.label(lang), later=later.round.label(lang)
    )
    document = _document(lang, title)
    _title(document, title, _round_lines(later, lang))
    sheet = _Sheet(
        document,
        comparison.regions,
        [
            _short_label(earlier, lang),
            _short_label(later, lang),
            gettext("Change"),
            gettext("Comments ({round})").format(round=_short_label(later, lang)),
        ],
        lang,
    )

    def fill(cells: Sequence[_Cell], measure_id: int | None, region: str) -> None:
        if measure_id is None:
            return
        before, after = earlier.cell(measure_id, region), later.cell(measure_id, region)
        for cell, rating in ((cells[0], before.rating), (cells[1], after.rating)):
            if rating is not None:
                _write(cell, str(rating), bold=True, size=9, center=True)
        change = comparison.changes.get((measure_id, region))
        if change is not None:
            _write(cells[2], gettext(CHANGE_LABELS[change]), size=7, center=True)
        if after.comment:
            _write(cells[3], after.comment)

    for theme, goal in _themes(comparison.goals, lang):
        if theme:
            sheet.theme_row(theme)
        sheet.goal_rows(goal, fill)
    sheet.finish()
    document.add_heading(gettext("Summary"), level=2)
    counts = comparison.counts()
    document.add_paragraph(
        ", ".join(f"{gettext(CHANGE_LABELS[c])}: {n}" for c, n in counts.items())
    )
    headers = summary_headers(lang)
    table = document.add_table(rows=1, cols=1 + 2 * (len(headers) - 1))
    if "Table Grid" in {s.name for s in document.styles}:
        table.style = "Table Grid"
    head = [""] + [f"{h} ({_short_label(m, lang)})" for m in (earlier, later) for h in headers[1:]]
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        _write(cell, text, bold=True, size=7)
    before_rows = {r[0]: r[1:] for r in summary_rows(earlier, lang)}
    for values in summary_rows(later, lang):
        cells = table.add_row().cells
        before = before_rows.get(values[0], ["", "", "", "", ""])
        for cell, value in zip(cells, [values[0], *before, *values[1:]], strict=True):
            _write(cell, str(value), size=8)
    document.add_paragraph(gettext("Printed {date}").format(date=format_date(dt.date.today())))
    with atomic_path(path) as tmp:
        document.save(str(tmp))


# --- Excel -----------------------------------------------------------------------------


def xlsx_headers(regions: list[str], lang: str) -> tuple[list[str], list[str]]:
    """The two header rows: region names over (rating, comments) pairs."""
    gettext = translator(lang).gettext
    top = [gettext("Goal"), gettext("Goal text"), gettext("Concrete measures")]
    sub = ["", "", ""]
    for region in regions:
        top += [region_name(region, lang) or region, ""]
        sub += [gettext("Rating (1–3)"), gettext("Comments")]
    return top, sub


def write_round_xlsx(path: Path, matrix: Matrix, lang: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    gettext = translator(lang).gettext
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Evaluation")[:31]
    top, sub = xlsx_headers(matrix.regions, lang)
    sheet.append(top)
    sheet.append(sub)
    bold = Font(bold=True)
    for row in sheet.iter_rows(min_row=1, max_row=2):
        for cell in row:
            cell.font = bold
    for n in range(len(matrix.regions)):
        sheet.merge_cells(start_row=1, start_column=4 + 2 * n, end_row=1, end_column=5 + 2 * n)
    wrap = Alignment(wrap_text=True, vertical="top")
    for goal in matrix.goals:
        for k, measure in enumerate(goal.measures):
            values: list[object] = [
                goal_label(goal, lang),
                goal.text(lang) if k == 0 else "",
                measure.text(lang),
            ]
            for region in matrix.regions:
                cell = matrix.cell(measure.id, region)
                values += [cell.rating, safe_cell(cell.comment)]
            sheet.append([safe_cell(v) if isinstance(v, str) else v for v in values])
            for c in sheet[sheet.max_row]:
                c.alignment = wrap
    from openpyxl.utils import get_column_letter

    widths = [11, 40, 40] + [12, 40] * len(matrix.regions)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "D3"
    summary = workbook.create_sheet(gettext("Summary")[:31])
    summary.append([matrix.round.label(lang), matrix.round.project_name])
    summary.append(summary_headers(lang))
    for c in summary[2]:
        c.font = bold
    for summary_values in summary_rows(matrix, lang):
        summary.append(summary_values)
    summary.column_dimensions["A"].width = 28
    summary.column_dimensions["E"].width = 14
    summary.column_dimensions["F"].width = 22
    with atomic_path(path) as tmp:
        workbook.save(tmp)


def write_comparison_xlsx(path: Path, comparison: RoundComparison, lang: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    gettext = translator(lang).gettext
    earlier, later = comparison.earlier, comparison.later
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Comparison")[:31]
    top = [gettext("Goal"), gettext("Concrete measures")]
    sub = ["", ""]
    for region in comparison.regions:
        top += [region_name(region, lang) or region, "", "", ""]
        sub += [
            _short_label(earlier, lang),
            _short_label(later, lang),
            gettext("Change"),
            gettext("Comments"),
        ]
    sheet.append(top)
    sheet.append(sub)
    for row in sheet.iter_rows(min_row=1, max_row=2):
        for cell in row:
            cell.font = Font(bold=True)
    for goal in comparison.goals:
        for measure in goal.measures:
            values: list[object] = [goal_label(goal, lang), safe_cell(measure.text(lang))]
            for region in comparison.regions:
                change = comparison.changes.get((measure.id, region))
                values += [
                    earlier.cell(measure.id, region).rating,
                    later.cell(measure.id, region).rating,
                    gettext(CHANGE_LABELS[change]) if change else "",
                    safe_cell(later.cell(measure.id, region).comment),
                ]
            sheet.append(values)
    summary = workbook.create_sheet(gettext("Summary")[:31])
    for matrix in (earlier, later):
        summary.append([matrix.round.label(lang)])
        summary.append(summary_headers(lang))
        for summary_values in summary_rows(matrix, lang):
            summary.append(summary_values)
        summary.append([])
    summary.append([gettext("Change"), gettext("Cells")])
    for change, n in comparison.counts().items():
        summary.append([gettext(CHANGE_LABELS[change]), n])
    with atomic_path(path) as tmp:
        workbook.save(tmp)


# --- entry point -----------------------------------------------------------------------


def export_round(
    db: Database, round_id: int, path: Path, lang: str = "fi", compare_with: int | None = None
) -> Path:
    """Write the round (or its comparison with the round *compare_with*) to .docx or .xlsx.

    The earlier of the two rounds (by date) is the baseline of the comparison.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(suffix)
    if compare_with is not None:
        first, second = load_matrix(db, compare_with), load_matrix(db, round_id)
        earlier, later = sorted(
            [first, second], key=lambda m: (m.round.date or dt.date.min, m.round.id)
        )
        comparison = compare_rounds(db, earlier.round.id, later.round.id)
        if suffix == ".docx":
            write_comparison_docx(path, comparison, lang)
        else:
            write_comparison_xlsx(path, comparison, lang)
        return path
    matrix = load_matrix(db, round_id)
    if suffix == ".docx":
        write_round_docx(path, matrix, lang)
    else:
        write_round_xlsx(path, matrix, lang)
    return path
