"""Read a table of text from .csv or .xlsx as Excel in Finland writes them.

CSV: UTF-8 (with or without BOM), UTF-16 ("Unicode text") or Windows-1252;
semicolon, comma or tab separated, with Excel's optional ``sep=`` first line;
quoted fields may hold newlines. XLSX: the first worksheet.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kastedesk.i18n import _
from kastedesk.services.spreadsheet_safety import looks_like_formula

MAX_ROWS = 100_000


class TableFileError(Exception):
    """The file cannot be read as a table; the message says why."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    lines: list[int]  # the spreadsheet row number of each row, for messages


def read_table(path: Path) -> Table:
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            return _read_xlsx(path)
        if suffix in (".csv", ".txt"):
            return _read_csv(path.read_bytes())
    except OSError as exc:
        raise TableFileError(
            _("Cannot read {path}: {reason}").format(path=path.name, reason=exc.strerror or exc)
        ) from exc
    if suffix == ".xls":
        raise TableFileError(
            _("Old .xls files cannot be read: save the sheet as .xlsx or CSV in Excel.")
        )
    raise TableFileError(_("Choose an .xlsx or .csv file."))


def unescape_cell(text: str) -> str:
    """Undo the apostrophe our own CSV export puts before formula-like text."""
    return text[1:] if text[:1] == "'" and looks_like_formula(text[1:]) else text


def decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _read_csv(data: bytes) -> Table:
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TableFileError(_("This file is not a text table (CSV)."))
    text = decode(data)
    first_line = 1
    if text[:4].lower() == "sep=":
        delimiter = text[4:5] or ";"
        text = text.split("\n", 1)[1] if "\n" in text else ""
        first_line = 2
    else:
        delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []  # where each record starts; a quoted field may span lines
    previous_end = 0
    try:
        for record in reader:
            if len(rows) > MAX_ROWS:
                raise TableFileError(_("The file has more than {n} rows.").format(n=MAX_ROWS))
            rows.append([unescape_cell(cell.strip()) for cell in record])
            lines.append(first_line + previous_end)
            previous_end = reader.line_num
    except csv.Error as exc:
        raise TableFileError(
            _("The CSV file is broken near line {line}: {reason}").format(
                line=first_line + reader.line_num - 1, reason=exc
            )
        ) from exc
    return _table(rows, lines)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return f"{value.day}.{value.month}.{value.year}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook  # only when an .xlsx is opened

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TableFileError(
            _("{path} is not a readable Excel workbook (.xlsx).").format(path=path.name)
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            if len(rows) > MAX_ROWS:
                raise TableFileError(_("The file has more than {n} rows.").format(n=MAX_ROWS))
            rows.append([_cell_text(v) for v in values])
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TableFileError(
            _("{path} is not a readable Excel workbook (.xlsx).").format(path=path.name)
        ) from exc
    finally:
        workbook.close()
    return _table(rows, list(range(1, len(rows) + 1)))


def _table(rows: list[list[str]], lines: list[int]) -> Table:
    filled = [i for i, r in enumerate(rows) if any(c for c in r)]
    if not filled:
        raise TableFileError(_("The file has no rows."))
    # The header is the first row that is not empty; trailing empty lines are dropped.
    start, end = filled[0], filled[-1] + 1
    rows, lines = rows[:end], lines[:end]
    headers, body = rows[start], list(zip(rows[start + 1 :], lines[start + 1 :], strict=True))
    width = max(len(headers), *(len(r) for r, _n in body)) if body else len(headers)
    headers = headers + [""] * (width - len(headers))
    return Table(
        headers=[h.strip() for h in headers],
        rows=[r + [""] * (width - len(r)) for r, _n in body],
        lines=[n for _r, n in body],
    )
