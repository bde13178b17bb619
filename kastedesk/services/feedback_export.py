"""Raw responses as .xlsx or .csv: one row per response, one column per question.

CSV is written for Excel in Finland: UTF-8 with a byte-order mark and ``;``
between cells. Text that a spreadsheet could run as a formula is escaped (see
``spreadsheet_safety``). Files are written to a temporary name and then
renamed, so an interrupted export never leaves half a file under the name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import func, select

from kastedesk.atomic_files import atomic_path
from kastedesk.domain.feedback_forms import QuestionKind
from kastedesk.domain.regions import region_name
from kastedesk.i18n import translator
from kastedesk.services.feedback_results import (
    ResultFilter,
    Summary,
    answered_questions,
    filter_responses,
    summarize,
)
from kastedesk.services.spreadsheet_safety import looks_like_formula, safe_cell
from kastedesk.storage.database import Database
from kastedesk.storage.models.feedback import FeedbackAnswer, FeedbackQuestion, FeedbackResponse
from kastedesk.storage.models.workshops import Workshop, WorkshopModule

if TYPE_CHECKING:  # openpyxl is imported when a workbook is written
    from openpyxl import Workbook

FORMATS = (".xlsx", ".csv")


@dataclass
class ResponseTable:
    headers: list[str]
    rows: list[list[Any]]


def response_table(
    db: Database, where: ResultFilter | None = None, lang: str = "fi"
) -> ResponseTable:
    """Every live response of the chosen workshops with its answers as readable values."""
    where = where or ResultFilter()
    gettext = translator(lang).gettext
    with db.read() as session:
        questions = answered_questions(session, where)
        keys = [q.key for q in questions]
        column = {key: n for n, key in enumerate(keys)}
        responses = session.execute(
            filter_responses(
                select(
                    FeedbackResponse.id,
                    FeedbackResponse.uuid,
                    Workshop.title,
                    Workshop.date,
                    Workshop.region,
                    func.coalesce(
                        select(WorkshopModule.code)
                        .where(WorkshopModule.id == Workshop.module_id)
                        .scalar_subquery(),
                        "",
                    ),
                ),
                where,
            ).order_by(Workshop.date, Workshop.id, FeedbackResponse.id)
        ).all()
        answers = session.execute(
            filter_responses(
                select(
                    FeedbackAnswer.response_id,
                    FeedbackQuestion.key,
                    FeedbackAnswer.value,
                    FeedbackAnswer.text,
                )
                .select_from(FeedbackAnswer)
                .join(FeedbackQuestion, FeedbackQuestion.id == FeedbackAnswer.question_id)
                .join(FeedbackResponse, FeedbackResponse.id == FeedbackAnswer.response_id),
                where,
            )
        ).all()
    by_response: dict[int, list[Any]] = {r[0]: [None] * len(keys) for r in responses}
    for response_id, key, value, text in answers:
        if key not in column:
            continue
        question = questions[column[key]].question
        if question.kind is QuestionKind.TEXT:
            cell: Any = text
        elif question.kind is QuestionKind.SCALE:
            cell = value
        else:
            # A choice answer is saved with its value (only free text has none).
            cell = question.answer_label(cast(int, value), lang)
        by_response[response_id][column[key]] = cell
    headers = [
        gettext("Response id"),
        gettext("Workshop"),
        gettext("Date"),
        gettext("Region"),
        gettext("Module"),
        *(q.question.text(lang) for q in questions),
    ]
    rows = [
        [uuid, title, day, region_name(region, lang), module, *by_response[rid]]
        for rid, uuid, title, day, region, module in responses
    ]
    return ResponseTable(headers, rows)


def write_csv(path: Path, table: ResponseTable) -> None:
    with atomic_path(path) as temp, temp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([safe_cell(h) for h in table.headers])
        for row in table.rows:
            writer.writerow(["" if c is None else safe_cell(_plain(c)) for c in row])


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return f"{value.day}.{value.month}.{value.year}"
    return value


def summary_rows(summary: Summary, lang: str) -> tuple[list[str], list[list[Any]]]:
    """The summary sheet: per question its n and mean, then one row per answer with
    its count and share (a fraction, shown as %); free-text questions with their n."""
    gettext = translator(lang).gettext
    headers = [
        gettext("No."),
        gettext("Question"),
        "n",
        gettext("Mean"),
        gettext("Answer"),
        gettext("Count"),
        "%",
    ]
    rows: list[list[Any]] = []
    for number, stats in enumerate(summary.questions, start=1):
        mean = None if stats.mean is None else round(stats.mean, 2)
        rows.append([number, stats.question.text(lang), stats.answered, mean, None, None, None])
        answered = stats.answered  # a multiple choice: of those answering it
        for value, count in stats.distribution():
            share = count / answered if answered else 0.0
            label = stats.question.value_label(value, lang)
            rows.append([None, None, None, None, label, count, share])
    return headers, rows


def write_xlsx(
    path: Path,
    table: ResponseTable,
    sheet_title: str = "Responses",
    summary: tuple[str, list[str], list[list[Any]]] | None = None,
) -> None:
    """The raw responses; with *summary* (title, headers, rows) a summary sheet after them.

    Written row by row (openpyxl's write-only mode), never held whole in memory, with a
    cell object only where a value needs a format: 50,000 responses are half a million
    cells, and openpyxl's writing of them (seconds) is most of an export.
    """
    # The folder is checked first: a write-only sheet streams to a temporary file of its
    # own from its first row, and one never saved complains when it is collected.
    with atomic_path(path) as temp:
        _responses_workbook(table, sheet_title, summary).save(temp)


def _responses_workbook(
    table: ResponseTable, sheet_title: str, summary: tuple[str, list[str], list[list[Any]]] | None
) -> Workbook:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    bold = Font(bold=True)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    sheet.freeze_panes = "A2"

    def response_cell(value: Any, font: Font | None = None) -> Any:
        """*value* as it is, or as a cell when it needs a format: most are numbers."""
        dated = hasattr(value, "isoformat") and not isinstance(value, str)
        formula = not dated and looks_like_formula(value)
        if not (dated or formula or font):
            return value
        cell = WriteOnlyCell(sheet, value=value)
        if formula:
            cell.data_type = "s"  # openpyxl would store "=…" as a formula
            cell.quotePrefix = True  # and Excel shows it as text
        elif dated:
            cell.number_format = "d.m.yyyy"
        if font is not None:
            cell.font = font
        return cell

    sheet.append([response_cell(value, bold) for value in table.headers])
    for values in table.rows:
        sheet.append([response_cell(value) for value in values])
    if summary is not None:
        title, headers, rows = summary
        totals = workbook.create_sheet(title[:31])
        totals.column_dimensions["B"].width = 60
        totals.column_dimensions["E"].width = 30
        totals.freeze_panes = "A2"
        heading = [WriteOnlyCell(totals, value=safe_cell(h)) for h in headers]
        for cell in heading:
            cell.font = bold
        totals.append(heading)
        for values in rows:
            cells = [WriteOnlyCell(totals, value=safe_cell(v) if isinstance(v, str) else v)
                     for v in values]  # fmt: skip
            if values[0] is not None:  # a question's own row
                for cell in cells[:4]:
                    cell.font = bold
            cells[3].number_format = "0.00"
            cells[6].number_format = "0 %"
            totals.append(cells)
    return workbook


def export_responses(
    db: Database, path: Path, where: ResultFilter | None = None, lang: str = "fi"
) -> int:
    """Write .xlsx or .csv (by the suffix of *path*); returns the number of responses."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(suffix)
    table = response_table(db, where, lang)
    if suffix == ".csv":
        write_csv(path, table)
    else:
        gettext = translator(lang).gettext
        headers, rows = summary_rows(summarize(db, where), lang)
        write_xlsx(path, table, gettext("Responses"), (gettext("Summary"), headers, rows))
    return len(table.rows)
