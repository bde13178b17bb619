"""The results report as .docx: numbers, distributions as charts and tables, comments.

Charts are drawn by a renderer the caller passes (the GUI and the CLI pass a
Qt one); without one the report has the tables only. The document is written
in the language asked for, independent of the interface language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt
from docx.table import Table
from sqlalchemy import func, select

from kastedesk.atomic_files import atomic_path
from kastedesk.documents.table_widths import set_widths
from kastedesk.documents.template import add_paragraphs, open_template
from kastedesk.domain.bilingual import in_language
from kastedesk.domain.feedback_forms import QuestionKind
from kastedesk.domain.regions import region_name
from kastedesk.formatting import format_count, format_date, format_mean, format_share
from kastedesk.i18n import translator
from kastedesk.services.feedback_charts import ChartSpec, comparison_chart, distribution_chart
from kastedesk.services.feedback_results import (
    Comparison,
    ResultFilter,
    Summary,
    compare,
    compare_over_time,
    filter_responses,
    over_participants_text,
    summarize,
)
from kastedesk.storage.database import Database
from kastedesk.storage.models.feedback import FeedbackResponse
from kastedesk.storage.models.registry import Project
from kastedesk.storage.models.workshops import Workshop

ChartRenderer = Callable[[ChartSpec], bytes]  # PNG bytes
Progress = Callable[[int, int], None]  # (done, total)
TEXT_WIDTH_CM = 16.5  # between the default template's A4 margins
QUESTION_CM = 4.5  # the comparison table's question column, at least
GROUP_CM = 3.0  # a region's (or module's) column, at most
MAX_GROUP_COLUMNS = 5  # more, and the table has a row for each instead
GROUP_POINTS = 7.5  # its regions' (or modules') names above their means


@dataclass(frozen=True)
class IncludedWorkshop:
    title: str
    date: dt.date | None
    place: str  # municipality, else region
    responses: int


@dataclass
class ReportData:
    """Everything the report shows, read from the database before writing."""

    title: str
    scope: str  # which workshops, in words
    summary: Summary
    comparison: Comparison | None
    projects: list[str] = field(default_factory=list)
    workshops: list[IncludedWorkshop] = field(default_factory=list)

    @property
    def first_date(self) -> dt.date | None:
        return min((w.date for w in self.workshops if w.date), default=None)

    @property
    def last_date(self) -> dt.date | None:
        return max((w.date for w in self.workshops if w.date), default=None)


def included_workshops(
    db: Database, where: ResultFilter, lang: str
) -> tuple[list[str], list[IncludedWorkshop]]:
    """The projects and the workshops whose responses the results count (one query)."""
    query = filter_responses(
        select(
            Workshop.title,
            Workshop.date,
            Workshop.municipality,
            Workshop.region,
            Project.name_fi,
            Project.name_sv,
            func.count(FeedbackResponse.id),
        ).select_from(FeedbackResponse),
        where,
    )
    query = (
        query.join(Project, Project.id == Workshop.project_id)
        .group_by(Workshop.id, Project.id)
        .order_by(Workshop.date, Workshop.title)
    )
    projects: list[str] = []
    workshops = []
    with db.read() as session:
        for title, day, municipality, region, name_fi, name_sv, count in session.execute(query):
            name = in_language(name_fi, name_sv, lang)
            if name not in projects:
                projects.append(name)
            place = municipality or region_name(region, lang)
            workshops.append(IncludedWorkshop(title, day, place, count))
    return projects, workshops


def describe_scope(db: Database, where: ResultFilter, lang: str) -> str:
    """Which workshops the results cover, in words of *lang*."""
    gettext = translator(lang).gettext
    parts: list[str] = []
    with db.read() as session:
        if where.workshop_id is not None:
            workshop = session.get(Workshop, where.workshop_id)
            if workshop is not None:
                parts.append(workshop.title)
                if workshop.date:
                    parts.append(format_date(workshop.date))
                if workshop.region:
                    parts.append(region_name(workshop.region, lang))
            return ", ".join(parts)
        if where.project_id is not None:
            project = session.get(Project, where.project_id)
            if project is not None:
                parts.append(
                    in_language(project.name_fi, project.name_sv, lang)
                )
    if where.region:
        parts.append(region_name(where.region, lang))
    if where.module:
        parts.append(gettext("module {code}").format(code=where.module))
    if where.date_from or where.date_to:
        parts.append(f"{format_date(where.date_from)}–{format_date(where.date_to)}")
    return ", ".join(parts) or gettext("All workshops")


def report_data(
    db: Database, where: ResultFilter, lang: str, scope: str = "", by: str | None = None
) -> ReportData:
    """*by*: "region", "module", "half_year" or "year" (default: region, within one
    region by module)."""
    gettext = translator(lang).gettext
    scope = scope or describe_scope(db, where, lang)
    summary = summarize(db, where)
    comparison = None
    if where.workshop_id is None:
        by = by or ("module" if where.region else "region")
        if by in ("half_year", "year"):
            comparison = compare_over_time(db, where, by).comparison()
        else:
            comparison = compare(db, where, by=by, summary=summary)
        if len(comparison.groups) < 2:
            comparison = None
    projects, workshops = included_workshops(db, where, lang)
    return ReportData(gettext("Workshop feedback"), scope, summary, comparison, projects, workshops)


def charts_for(data: ReportData, lang: str) -> list[ChartSpec]:
    """The charts the report embeds, in order (rendered before writing, e.g. in the GUI)."""
    specs = [distribution_chart(q, lang) for q in data.summary.questions]
    if data.comparison is not None:
        specs.append(comparison_chart(data.comparison, lang))
    return [s for s in specs if s is not None]


def write_report(
    path: Path,
    data: ReportData,
    lang: str,
    images: dict[str, bytes] | None = None,
    progress: Progress | None = None,
) -> None:
    """Write the .docx; *images* maps a chart title to its PNG."""
    gettext = translator(lang).gettext
    images = images or {}
    document = open_template(None)  # A4, the program's styles
    document.core_properties.title = data.title
    document.core_properties.language = {"fi": "fi-FI", "sv": "sv-FI"}.get(lang, "en")
    document.add_heading(data.title, level=0)
    _opening(document, data, lang)
    total = len(data.summary.questions) + 1
    for number, stats in enumerate(data.summary.questions, start=1):
        question = stats.question
        heading = document.add_heading(f"{number}. {question.text(lang)}", level=2)
        heading.paragraph_format.keep_with_next = True  # never alone at a page's foot
        if stats.kind is QuestionKind.TEXT:
            if stats.comments:  # thousands in a programme's report
                add_paragraphs(document, stats.comment_lines(lang), "List Bullet")
            else:
                document.add_paragraph(gettext("No comments."))
        else:
            spec = distribution_chart(stats, lang)
            if spec is not None and spec.key in images:
                document.add_picture(BytesIO(images[spec.key]), width=Cm(14))
                document.paragraphs[-1].paragraph_format.keep_with_next = True
            table = document.add_table(rows=1, cols=3)
            table.style = "Light Grid Accent 1"
            header = table.rows[0].cells
            header[0].text = gettext("Answer")
            header[1].text = gettext("Count")
            header[2].text = "%"
            answered = stats.answered
            for value, count in stats.distribution():
                cells = table.add_row().cells
                cells[0].text = question.value_label(value, lang)
                cells[1].text = format_count(count, lang)
                cells[2].text = format_share(count, answered, lang)
            _numbers_right(table, first=1)
            set_widths(table, [Cm(10.5), Cm(3), Cm(3)])
            keep_together(table)
            line = gettext("Answered: {answered}").format(answered=format_count(answered, lang))
            if stats.mean is not None:
                line += " · " + gettext("Mean: {mean}").format(mean=format_mean(stats.mean, lang))
            document.add_paragraph(line)
        if progress:
            progress(number, total)
    if data.comparison is not None:
        _comparison_section(document, data.comparison, lang, images)
    document.add_paragraph(gettext("Printed {date}").format(date=format_date(dt.date.today())))
    with atomic_path(path) as temp:
        document.save(str(temp))
    if progress:
        progress(total, total)


def _comparison_section(
    document: DocumentObject, comparison: Comparison, lang: str, images: dict[str, bytes]
) -> None:
    gettext = translator(lang).gettext
    spec = comparison_chart(comparison, lang)
    if spec is None:
        return
    document.add_heading(spec.title, level=1).paragraph_format.keep_with_next = True
    if spec.key in images:
        document.add_picture(BytesIO(images[spec.key]), width=Cm(15))
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    if len(comparison.groups) > MAX_GROUP_COLUMNS:
        _groups_by_row(document, comparison, lang)
        return
    table = document.add_table(rows=1, cols=1 + len(comparison.groups))
    table.style = "Light Grid Accent 1"
    header = table.rows[0].cells
    header[0].text = gettext("Question")
    for n, group in enumerate(comparison.groups, start=1):
        header[n].text = _group_heading(comparison, group, lang)
        for run in header[n].paragraphs[0].runs:  # five regions' names wrap at their spaces
            run.font.size = Pt(GROUP_POINTS)
    for number, stats in enumerate(comparison.questions, start=1):
        cells = table.add_row().cells
        cells[0].text = f"{number}. {stats.question.text(lang)}"
        for n, group in enumerate(comparison.groups, start=1):
            mean = comparison.means.get((stats.key, group))
            cells[n].text = "" if mean is None else format_mean(mean, lang)
    _numbers_right(table, first=1)
    _label_and_means_widths(table, len(comparison.groups))
    keep_together(table)


def _groups_by_row(document: DocumentObject, comparison: Comparison, lang: str) -> None:
    """More regions (or modules) than columns fit across A4: a row for each, a column for
    each question by its number, the questions listed under the table (kept with it)."""
    gettext = translator(lang).gettext
    questions = len(comparison.questions)
    table = document.add_table(rows=1, cols=1 + questions)
    table.style = "Light Grid Accent 1"
    header = table.rows[0].cells
    header[0].text = {"region": gettext("Region"), "module": gettext("Module")}.get(
        comparison.by, gettext("Period")
    )
    for number in range(1, questions + 1):
        header[number].text = f"{number}."
    for group in comparison.groups:
        cells = table.add_row().cells
        cells[0].text = _group_heading(comparison, group, lang)
        for n, stats in enumerate(comparison.questions, start=1):
            mean = comparison.means.get((stats.key, group))
            cells[n].text = "" if mean is None else format_mean(mean, lang)
    _numbers_right(table, first=1)
    _label_and_means_widths(table, questions)
    keep_together(table)
    for cell in table.rows[-1].cells:
        cell.paragraphs[0].paragraph_format.keep_with_next = True
    for number, stats in enumerate(comparison.questions, start=1):
        line = document.add_paragraph(f"{number}. {stats.question.text(lang)}")
        line.paragraph_format.keep_with_next = number < questions


def _label_and_means_widths(table: Table, means: int) -> None:
    """The first column takes what *means* columns of at most GROUP_CM leave of the line."""
    each = min(GROUP_CM, (TEXT_WIDTH_CM - QUESTION_CM) / means)
    set_widths(table, [Cm(TEXT_WIDTH_CM - means * each)] + [Cm(each)] * means)


def _group_heading(comparison: Comparison, group: str, lang: str) -> str:
    label = comparison.group_label(group, lang)
    return f"{label} (n = {format_count(comparison.responses[group], lang)})"


def _opening(document: DocumentObject, data: ReportData, lang: str) -> None:
    """Project, workshops included, date range and number of responses, before any result."""
    gettext = translator(lang).gettext

    def labelled(label: str, value: str) -> None:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)

    if data.projects:
        labelled(gettext("Project"), ", ".join(data.projects))
    if data.scope:
        labelled(gettext("Results of"), data.scope)
    if data.first_date:
        period = format_date(data.first_date)
        if data.last_date != data.first_date:
            period = f"{period}–{format_date(data.last_date)}"
        labelled(gettext("Dates"), period)
    labelled(gettext("Responses"), format_count(data.summary.responses, lang))
    warning = over_participants_text(data.summary)
    if warning:
        document.add_paragraph(warning)
    if not data.workshops:
        return
    heading = document.add_paragraph()
    heading.add_run(gettext("Workshops included ({count})").format(count=len(data.workshops)))
    heading.runs[0].bold = True
    heading.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=4)
    table.style = "Light Grid Accent 1"
    header = table.rows[0].cells
    header[0].text = gettext("Workshop")
    header[1].text = gettext("Date")
    header[2].text = gettext("Place")
    header[3].text = gettext("Responses")
    for workshop in data.workshops:
        cells = table.add_row().cells
        cells[0].text = workshop.title
        cells[1].text = format_date(workshop.date)
        cells[2].text = workshop.place
        cells[3].text = format_count(workshop.responses, lang)
    _numbers_right(table, first=3)
    set_widths(table, [Cm(8.3), Cm(2.9), Cm(3.1), Cm(2.2)])  # the title takes the room
    if len(data.workshops) <= 25:  # a longer list may run over pages, by rows
        keep_together(table)
    else:
        _rows_whole(table)


def _rows_whole(table: Table) -> None:
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def keep_together(table: Table) -> None:
    """The table on one page: no row split, every row kept with the next."""
    _rows_whole(table)
    for row in table.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _numbers_right(table: Table, first: int) -> None:
    for row in table.rows:
        for cell in row.cells[first:]:
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def export_report(
    db: Database,
    path: Path,
    where: ResultFilter | None = None,
    lang: str = "fi",
    scope: str = "",
    render: ChartRenderer | None = None,
) -> ReportData:
    """Read, render the charts (when a renderer is given) and write the report."""
    where = where or ResultFilter()
    data = report_data(db, where, lang, scope)
    images = {spec.key: render(spec) for spec in charts_for(data, lang)} if render else {}
    write_report(path, data, lang, images)
    return data
