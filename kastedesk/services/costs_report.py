"""The steering group's cost follow-up as .docx (fi or sv) and as .xlsx for the finance office.

Planned against realised per cost category, per partner and per year, the
categories over budget, and the funding plan's parts of the budget and of the
costs so far. Every sum is added from cents, so the tables add up to the cent.
The document is written in the language asked for, whatever the interface says.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, RGBColor
from docx.table import Table, _Cell, _Row
from sqlalchemy import select

from kastedesk.atomic_files import atomic_path
from kastedesk.documents.files import save_document
from kastedesk.documents.table_widths import set_widths
from kastedesk.documents.template import open_template
from kastedesk.domain.bilingual import in_language
from kastedesk.domain.costs import FollowUp, Line, format_period, split_funding
from kastedesk.domain.meetings import MeetingStatus
from kastedesk.domain.money import format_basis_points, format_cents, format_percent
from kastedesk.file_names import ascii_name
from kastedesk.formatting import format_date
from kastedesk.i18n import translator
from kastedesk.services.costs import CostBook, load_book
from kastedesk.services.meeting_attachments import add_attachment
from kastedesk.services.meeting_views import meeting_titles
from kastedesk.storage.database import Database
from kastedesk.storage.models.meetings import AgendaItem, Meeting
from kastedesk.storage.models.registry import Group

REPORT_FORMATS = (".docx", ".xlsx")
OVER_COLOUR = RGBColor(0xB0, 0x00, 0x20)
FILE_WORD = {"fi": "kustannusseuranta", "sv": "kostnadsuppfoljning", "en": "cost-follow-up"}


@dataclass(frozen=True)
class ReportRow:
    label: str
    line: Line

    @property
    def percent(self) -> str:
        return format_percent(self.line.realised, self.line.planned)


@dataclass
class CostReport:
    """What the follow-up shows, in the words of one language."""

    lang: str
    title: str
    project: str
    scope: str
    on: dt.date
    follow: FollowUp
    by_category: list[ReportRow]
    by_partner: list[ReportRow]
    by_year: list[ReportRow]
    funding: list[tuple[str, str, int, int]]  # name, share text, planned part, realised part
    unassigned: tuple[int, int]  # planned and realised cents no funder covers
    over_in_years: list[tuple[str, int, int]]  # category, year, excess (whole project only)

    @property
    def over_budget(self) -> list[ReportRow]:
        return [r for r in self.by_category if r.line.over_budget]


def build_report(book: CostBook, lang: str, year: int | None = None) -> CostReport:
    gettext = translator(lang).gettext
    follow = book.follow_up(year)
    years = book.years()
    if year is not None:
        scope = gettext("Year {year}").format(year=year)
    elif years:
        scope = gettext("The whole project, {first}–{last}").format(first=years[0], last=years[-1])
    else:
        scope = gettext("The whole project")
    categories = [
        ReportRow(c.name(lang), follow.by_category.get(c.id, Line())) for c in book.categories
    ]
    partners = [ReportRow(p.name, follow.by_partner.get(p.id, Line())) for p in book.partners]
    by_year = [ReportRow(str(y), line) for y, line in sorted(follow.by_year.items())]
    funders = book.funders()
    planned = split_funding(follow.total.planned, funders)
    realised = split_funding(follow.total.realised, funders)
    funding = [
        (
            f.name(lang),
            format_basis_points(f.share_bp) if f.share_bp is not None else "",
            planned.parts[n],
            realised.parts[n],
        )
        for n, f in enumerate(book.funding)
    ]
    return CostReport(
        lang=lang,
        title=gettext("Cost follow-up"),
        project=book.project_name(lang),
        scope=scope,
        on=dt.date.today(),
        follow=follow,
        by_category=categories,
        by_partner=partners,
        by_year=by_year,
        funding=funding,
        unassigned=(planned.unassigned, realised.unassigned),
        over_in_years=[
            (book.category(category).name(lang), y, excess)
            for y, category, excess in book.over_budget_years()
        ]
        if year is None
        else [],
    )


def report_file_name(book: CostBook, lang: str, suffix: str, on: dt.date | None = None) -> str:
    """E.g. ``LasSe_kustannusseuranta_2026-11-29.docx``."""
    on = on or dt.date.today()
    name = book.short_name or book.project_name(lang)
    return f"{ascii_name(name + ' ' + FILE_WORD.get(lang, 'fi'))}_{on.isoformat()}{suffix}"


# --- .docx ------------------------------------------------------------------------------


def write_docx(path: Path, report: CostReport, template: Path | None = None) -> Path:
    gettext = translator(report.lang).gettext
    doc = open_template(template)
    doc.core_properties.title = report.title
    doc.core_properties.language = {"fi": "fi-FI", "sv": "sv-FI"}.get(report.lang, "en")
    doc.add_paragraph(report.project)
    doc.add_paragraph(report.title, style="Title")
    doc.add_paragraph(
        gettext("{scope}. Situation on {date}.").format(
            scope=report.scope, date=format_date(report.on)
        )
    )
    total = report.follow.total
    doc.add_paragraph(
        gettext("Realised {realised} of the budget {planned} ({percent}); left {left}.").format(
            realised=format_cents(total.realised),
            planned=format_cents(total.planned),
            percent=format_percent(total.realised, total.planned) or "–",
            left=format_cents(total.difference),
        )
    )
    over = report.over_budget
    if over:
        names = ", ".join(f"{r.label} ({format_cents(-r.line.difference)})" for r in over)
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(gettext("Over budget: {categories}.").format(categories=names))
        run.bold = True
        run.font.color.rgb = OVER_COLOUR
    else:
        doc.add_paragraph(gettext("No cost category is over its budget."))
    if report.over_in_years:
        names = ", ".join(
            f"{name} {y} ({format_cents(excess)})" for name, y, excess in report.over_in_years
        )
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(
            gettext("Over the year's budget: {categories}.").format(categories=names)
        )
        run.font.color.rgb = OVER_COLOUR

    _money_table(doc, gettext("By cost category"), gettext("Cost category"), report.by_category,
                 total, gettext)  # fmt: skip
    _money_table(doc, gettext("By partner"), gettext("Partner"), report.by_partner, total, gettext)
    if report.follow.year is None and len(report.by_year) > 1:
        _money_table(doc, gettext("By year"), gettext("Year"), report.by_year, total, gettext)
    if report.funding:
        _funding_table(doc, report, gettext)
    return save_document(doc, path)


def _heading(doc: DocumentObject, text: str) -> None:
    doc.add_paragraph(text, style="Heading 2")


def _right(cell: _Cell, text: str, bold: bool = False, colour: RGBColor | None = None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(text)
    run.bold = bold
    if colour is not None:
        run.font.color.rgb = colour


def _left(cell: _Cell, text: str, bold: bool = False, colour: RGBColor | None = None) -> None:
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    if colour is not None:
        run.font.color.rgb = colour


def _table(doc: DocumentObject, headers: list[str], widths: list[Cm]) -> Table:
    style = "Table Grid" if "Table Grid" in {s.name for s in doc.styles} else None
    table: Table = doc.add_table(rows=1, cols=len(headers), style=style)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for n, (cell, text) in enumerate(zip(table.rows[0].cells, headers, strict=True)):
        (_left if n == 0 else _right)(cell, text, bold=True)
    return table


def _new_row(table: Table) -> tuple[_Cell, ...]:
    """The cells of a row added at the end of *table*."""
    row: _Row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx: add_row unannotated
    return row.cells


def _money_table(
    doc: DocumentObject,
    heading: str,
    first: str,
    rows: list[ReportRow],
    total: Line,
    gettext: Callable[[str], str],
) -> None:
    _heading(doc, heading)
    headers = [first, gettext("Planned"), gettext("Realised"), gettext("Difference"), "%"]
    widths = [Cm(4.0), Cm(3.4), Cm(3.4), Cm(3.4), Cm(2.3)]  # 16.5 cm: the text width
    table = _table(doc, headers, widths)
    for n, row in enumerate([*rows, ReportRow(gettext("Total"), total)]):
        is_total = n == len(rows)
        colour = OVER_COLOUR if row.line.over_budget else None
        bold = is_total or row.line.over_budget
        cells = _new_row(table)
        _left(cells[0], row.label, bold, colour)
        _right(cells[1], format_cents(row.line.planned), bold)
        _right(cells[2], format_cents(row.line.realised), bold, colour)
        _right(cells[3], format_cents(row.line.difference), bold, colour)
        _right(cells[4], row.percent, bold, colour)
    set_widths(table, widths)


def _funding_table(doc: DocumentObject, report: CostReport, gettext: Callable[[str], str]) -> None:
    _heading(doc, gettext("Funding plan"))
    headers = [
        gettext("Funder"),
        gettext("Share"),
        gettext("Of the budget"),
        gettext("Of the realised costs"),
    ]
    widths = [Cm(5.5), Cm(2.4), Cm(4.3), Cm(4.3)]
    table = _table(doc, headers, widths)
    for name, share, planned, realised in report.funding:
        cells = _new_row(table)
        _left(cells[0], name)
        _right(cells[1], share)
        _right(cells[2], format_cents(planned))
        _right(cells[3], format_cents(realised))
    planned_rest, realised_rest = report.unassigned
    if planned_rest or realised_rest:
        cells = _new_row(table)
        _left(cells[0], gettext("Not covered by the plan"))
        _right(cells[2], format_cents(planned_rest))
        _right(cells[3], format_cents(realised_rest))
    cells = _new_row(table)
    _left(cells[0], gettext("Total"), bold=True)
    _right(cells[2], format_cents(report.follow.total.planned), bold=True)
    _right(cells[3], format_cents(report.follow.total.realised), bold=True)
    set_widths(table, widths)


# --- .xlsx ------------------------------------------------------------------------------

EURO_FORMAT = '#,##0.00 "€";-#,##0.00 "€"'


def _euros(cents: int) -> Decimal:
    return Decimal(cents) / 100


def write_xlsx(path: Path, report: CostReport, book: CostBook) -> Path:
    """Three sheets: the follow-up, the realised costs and the budget grid."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    gettext = translator(report.lang).gettext
    red = Font(color="B00020", bold=True)
    bold = Font(bold=True)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Follow-up")[:31]
    sheet.append([report.project])
    sheet.append([report.title, report.scope, format_date(report.on)])
    sheet["A2"].font = bold

    def block(title: str, first: str, rows: list[ReportRow]) -> None:
        sheet.append([])
        sheet.append([title])
        sheet.cell(sheet.max_row, 1).font = bold
        sheet.append([first, gettext("Planned"), gettext("Realised"), gettext("Difference"), "%"])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for row in [*rows, ReportRow(gettext("Total"), report.follow.total)]:
            share = (
                Decimal(row.line.realised) / Decimal(row.line.planned) if row.line.planned else None
            )
            sheet.append(
                [
                    row.label,
                    _euros(row.line.planned),
                    _euros(row.line.realised),
                    _euros(row.line.difference),
                    share,
                ]
            )
            line = sheet[sheet.max_row]
            for cell in line[1:4]:
                cell.number_format = EURO_FORMAT
            line[4].number_format = "0.00 %"
            if row.line.over_budget:
                for cell in line:
                    cell.font = red

    block(gettext("By cost category"), gettext("Cost category"), report.by_category)
    block(gettext("By partner"), gettext("Partner"), report.by_partner)
    if report.follow.year is None and len(report.by_year) > 1:
        block(gettext("By year"), gettext("Year"), report.by_year)
    sheet.column_dimensions["A"].width = 40
    for column in "BCDE":
        sheet.column_dimensions[column].width = 16

    entries = workbook.create_sheet(gettext("Realised costs")[:31])
    entries.append(
        [gettext("Partner"), gettext("Cost category"), gettext("Period"), gettext("Amount"),
         gettext("Note")]
    )  # fmt: skip
    for cell in entries[1]:
        cell.font = bold
    for entry in book.entries:
        if report.follow.year is not None and entry.start.year != report.follow.year:
            continue
        entries.append(
            [
                book.partner(entry.partner_id).name,
                book.category(entry.category_id).name(report.lang),
                format_period(entry.start, entry.end),
                _euros(entry.cents),
                entry.note,
            ]
        )
        entries.cell(entries.max_row, 4).number_format = EURO_FORMAT
    entries.column_dimensions["A"].width = 32
    entries.column_dimensions["B"].width = 30
    entries.column_dimensions["D"].width = 16

    grid = workbook.create_sheet(gettext("Budget")[:31])
    years = [report.follow.year] if report.follow.year is not None else book.years()
    grid.append(
        [gettext("Partner"), gettext("Cost category"), *[str(y) for y in years], gettext("Total")]
    )
    for cell in grid[1]:
        cell.font = bold
    for partner in book.partners:
        for category in book.categories:
            amounts = [book.budget_cents(partner.id, category.id, y) for y in years]
            grid.append(
                [partner.name, category.name(report.lang), *map(_euros, amounts),
                 _euros(sum(amounts))]
            )  # fmt: skip
            for cell in grid[grid.max_row][2:]:
                cell.number_format = EURO_FORMAT
    grid.column_dimensions["A"].width = 32
    grid.column_dimensions["B"].width = 30
    with atomic_path(Path(path)) as temp:
        workbook.save(str(temp))
    return Path(path)


# --- one call for the GUI and the CLI --------------------------------------------------


def export_cost_report(
    db: Database, project_id: int, path: Path, lang: str = "fi", year: int | None = None
) -> CostReport:
    """Write the follow-up to *path* (.docx or .xlsx)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in REPORT_FORMATS:
        raise ValueError(suffix)
    book = load_book(db, project_id)
    report = build_report(book, lang, year)
    if suffix == ".docx":
        write_docx(path, report)
    else:
        write_xlsx(path, report, book)
    return report


# --- onto an agenda item ----------------------------------------------------------------


@dataclass(frozen=True)
class ItemChoice:
    item_id: int
    meeting_id: int
    date: dt.date
    label: str  # "Ohjausryhmän 3. kokous 5.12.2026 – 6 § Talous"


def agenda_items_of_project(db: Database, project_id: int, lang: str) -> list[ItemChoice]:
    """Agenda items of the project's meetings that can still take attachments, newest first.

    Plain columns in one query: a project's meetings may hold tens of thousands of items.
    """
    query = (
        select(
            Meeting.id, Meeting.group_id, Meeting.number, Meeting.date,
            AgendaItem.id.label("item_id"), AgendaItem.section,
            AgendaItem.title_fi, AgendaItem.title_sv,
        )
        .join(Group, Meeting.group_id == Group.id)
        .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
        .where(Group.project_id == project_id, Meeting.status != MeetingStatus.APPROVED)
        .order_by(Meeting.date.desc(), Meeting.id.desc(), AgendaItem.section)
    )  # fmt: skip
    with db.read() as s:
        groups = {g.id: g for g in s.scalars(select(Group).where(Group.project_id == project_id))}
        rows = s.execute(query).all()
    titles: dict[int, str] = {}  # per meeting: its title and date
    choices: list[ItemChoice] = []
    for row in rows:
        if row.id not in titles:
            title_fi, title_sv = meeting_titles(groups[row.group_id], row.number)
            titles[row.id] = f"{in_language(title_fi, title_sv, lang)} {format_date(row.date)}"
        item_title = in_language(row.title_fi, row.title_sv, lang)
        choices.append(
            ItemChoice(
                row.item_id, row.id, row.date, f"{titles[row.id]} – {row.section} §  {item_title}"
            )
        )
    return choices


def attach_follow_up(
    db: Database, project_id: int, item_id: int, lang: str = "fi", year: int | None = None
) -> int:
    """Write the follow-up .docx and attach it to agenda item *item_id*; the attachment's id."""
    book = load_book(db, project_id)
    report = build_report(book, lang, year)
    name = report_file_name(book, lang, ".docx", report.on)
    with tempfile.TemporaryDirectory(prefix="kastedesk-costs-") as folder:
        path = Path(folder) / name
        write_docx(path, report)
        title = f"{report.title} {format_date(report.on)}"
        if year is not None:
            title = f"{report.title} {year} ({format_date(report.on)})"
        return add_attachment(db, item_id, path, title)
