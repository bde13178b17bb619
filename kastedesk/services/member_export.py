"""Export a group's people to .xlsx or .csv, in the columns the import reads back."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kastedesk.atomic_files import atomic_path
from kastedesk.domain.regions import region_name
from kastedesk.domain.registry import LANGUAGE_LABELS, ROLE_LABELS
from kastedesk.i18n import translator
from kastedesk.services.registry import MemberRow, member_rows
from kastedesk.services.spreadsheet_safety import looks_like_formula, safe_cell
from kastedesk.storage.database import Database

if TYPE_CHECKING:  # openpyxl is imported when a workbook is written
    from openpyxl import Workbook


def _columns(lang: str) -> list[tuple[str, Callable[[MemberRow], object]]]:
    """(header, value) pairs; the headers are member_import.FIELDS labels."""
    gettext = translator(lang).gettext
    return [
        (gettext("First name"), lambda r: r.first_name),
        (gettext("Last name"), lambda r: r.last_name),
        (gettext("Role"), lambda r: gettext(ROLE_LABELS[r.role])),
        (gettext("Deputy of"), lambda r: r.deputy_of_name),
        (gettext("Job title"), lambda r: r.title),
        (gettext("Organisation"), lambda r: r.organisation),
        (gettext("Municipality"), lambda r: r.municipality),
        (gettext("Region"), lambda r: region_name(r.region, lang)),
        (gettext("Email"), lambda r: r.email),
        (gettext("Phone"), lambda r: r.phone),
        (
            gettext("Language"),
            lambda r: gettext(LANGUAGE_LABELS.get(r.language, LANGUAGE_LABELS["fi"])),
        ),
        (gettext("Start date"), lambda r: r.start_date),
        (gettext("End date"), lambda r: r.end_date),
    ]


def export_members(
    db: Database, group_id: int, target: Path, lang: str, include_ended: bool = True
) -> int:
    """Write the group's memberships to *target* (.xlsx or .csv); return the row count."""
    target = Path(target)
    rows = member_rows(db, group_id)
    if not include_ended:
        today = dt.date.today()
        rows = [r for r in rows if r.is_active(today)]
    columns = _columns(lang)
    headers = [h for h, _v in columns]
    table = [[value(row) for _h, value in columns] for row in rows]
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        _write_xlsx(target, headers, table)
    elif suffix == ".csv":
        _write_csv(target, headers, table)
    else:
        raise ValueError(suffix)
    return len(rows)


def _csv_text(value: object) -> object:
    if isinstance(value, dt.date):
        return f"{value.day}.{value.month}.{value.year}"
    return "" if value is None else safe_cell(value)


def _write_csv(target: Path, headers: list[str], table: list[list[object]]) -> None:
    # UTF-8 with BOM and semicolons: what Excel in Finland opens correctly by double-click.
    with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows([[_csv_text(v) for v in row] for row in table])


def _write_xlsx(target: Path, headers: list[str], table: list[list[object]]) -> None:
    # The folder is checked first: a write-only sheet streams to a temporary file of its
    # own from its first row, and one never saved complains when it is collected.
    with atomic_path(target) as tmp:
        _workbook(headers, table).save(tmp)


def _workbook(headers: list[str], table: list[list[object]]) -> Workbook:
    # Write-only mode streams rows: 10,000 people take a second, not half a minute.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for index, header in enumerate(headers, start=1):
        width = max([len(header)] + [len(str(r[index - 1] or "")) for r in table[:500]])
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 50)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def header_cell(text: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        return cell

    sheet.append([header_cell(h) for h in headers])
    for row in table:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value="" if value is None else value)
            if looks_like_formula(value):
                # Plain text, marked so that Excel keeps treating it as text when edited.
                cell.data_type = "s"
                cell.quotePrefix = True
            elif isinstance(value, dt.date):
                cell.number_format = "d.m.yyyy"
            cells.append(cell)
        sheet.append(cells)
    return workbook
