"""The results report as .docx: numbers, distributions as charts and tables, comments.

Charts are drawn by a renderer the caller passes (the GUI and the CLI pass a
Qt one); without one the report has the tables only. The document is written
in the language asked for, independent of the interface language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.shared import Cm

from kastedesk.atomic_files import atomic_path
from kastedesk.domain.feedback_forms import QuestionKind
from kastedesk.domain.regions import region_name
from kastedesk.formatting import format_date, format_number
from kastedesk.i18n import translator
from kastedesk.services.feedback_charts import ChartSpec, comparison_chart, distribution_chart
from kastedesk.services.feedback_results import (
    Comparison,
    ResultFilter,
    Summary,
    compare,
    summarize,
)
from kastedesk.storage.database import Database
from kastedesk.storage.models.registry import Project
from kastedesk.storage.models.workshops import Workshop

ChartRenderer = Callable[[ChartSpec], bytes]  # PNG bytes
Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class ReportData:
    """Everything the report shows, read from the database before writing."""

    title: str
    scope: str  # which workshops, in words
    summary: Summary
    comparison: Comparison | None


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
                    (project.name_sv or project.name_fi) if lang == "sv" else project.name_fi
                )
    if where.region:
        parts.append(region_name(where.region, lang))
    if where.module:
        parts.append(gettext("module {code}").format(code=where.module))
    if where.date_from or where.date_to:
        parts.append(f"{format_date(where.date_from)}–{format_date(where.date_to)}")
    return ", ".join(parts) or gettext("All workshops")


def report_data(db: Database, where: ResultFilter, lang: str, scope: str = "") -> ReportData:
    gettext = translator(lang).gettext
    scope = scope or describe_scope(db, where, lang)
    summary = summarize(db, where)
    comparison = None
    if where.workshop_id is None:
        by = "module" if where.region else "region"
        comparison = compare(db, where, by=by, summary=summary)
        if len(comparison.groups) < 2:
            comparison = None
    return ReportData(gettext("Workshop feedback"), scope, summary, comparison)


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
    document = Document()
    document.core_properties.title = data.title
    document.core_properties.language = {"fi": "fi-FI", "sv": "sv-FI"}.get(lang, "en")
    document.add_heading(data.title, level=0)
    if data.scope:
        document.add_paragraph(data.scope)
    document.add_paragraph(gettext("Responses: {count}").format(count=data.summary.responses))
    total = len(data.summary.questions) + 1
    for number, stats in enumerate(data.summary.questions, start=1):
        question = stats.question
        document.add_heading(f"{number}. {question.text(lang)}", level=2)
        if stats.kind is QuestionKind.TEXT:
            if stats.comments:
                for comment in stats.comments:
                    document.add_paragraph(comment, style="List Bullet")
            else:
                document.add_paragraph(gettext("No comments."))
        else:
            spec = distribution_chart(stats, lang)
            if spec is not None and spec.title in images:
                document.add_picture(BytesIO(images[spec.title]), width=Cm(14))
            table = document.add_table(rows=1, cols=3)
            table.style = "Light Grid Accent 1"
            header = table.rows[0].cells
            header[0].text = gettext("Answer")
            header[1].text = gettext("Responses")
            header[2].text = "%"
            answered = sum(stats.counts.values())
            for value, count in stats.distribution():
                cells = table.add_row().cells
                cells[0].text = question.value_label(value, lang)
                cells[1].text = str(count)
                share = 100 * count / answered if answered else 0
                cells[2].text = format_number(share, lang, digits=0)
            line = gettext("Answered: {answered}").format(answered=answered)
            if stats.mean is not None:
                line += " · " + gettext("Mean: {mean}").format(
                    mean=format_number(stats.mean, lang, digits=2)
                )
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


def _comparison_section(document, comparison: Comparison, lang: str, images) -> None:
    gettext = translator(lang).gettext
    spec = comparison_chart(comparison, lang)
    if spec is None:
        return
    document.add_heading(spec.title, level=1)
    if spec.title in images:
        document.add_picture(BytesIO(images[spec.title]), width=Cm(15))
    table = document.add_table(rows=1, cols=1 + len(comparison.groups))
    table.style = "Light Grid Accent 1"
    header = table.rows[0].cells
    header[0].text = gettext("Question")
    for n, group in enumerate(comparison.groups, start=1):
        label = comparison.group_label(group, lang)
        header[n].text = f"{label} (n = {comparison.responses[group]})"
    for number, stats in enumerate(comparison.questions, start=1):
        cells = table.add_row().cells
        cells[0].text = f"{number}. {stats.question.text(lang)}"
        for n, group in enumerate(comparison.groups, start=1):
            mean = comparison.means.get((stats.key, group))
            cells[n].text = "" if mean is None else format_number(mean, lang, digits=2)


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
    images = {spec.title: render(spec) for spec in charts_for(data, lang)} if render else {}
    write_report(path, data, lang, images)
    return data
