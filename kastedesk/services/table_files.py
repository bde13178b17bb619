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
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from kastedesk.formatting import format_count
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
    # Why a row cannot be read as it stands ("" when it can), one per row.
    problems: list[str] = field(default_factory=list)

    def problem(self, index: int) -> str:
        return self.problems[index] if index < len(self.problems) else ""


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
                raise TableFileError(too_many_rows())
            rows.append([unescape_cell(cell.strip()) for cell in record])
            lines.append(first_line + previous_end)
            previous_end = reader.line_num
    except csv.Error as exc:
        if "field limit" in str(exc):
            message = _("The CSV file has a cell longer than {limit} characters near line {line}.")
            raise TableFileError(
                message.format(limit=csv.field_size_limit(), line=first_line + reader.line_num - 1)
            ) from exc
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


def _unreadable(path: Path) -> TableFileError:
    return TableFileError(
        _("{path} is not a readable Excel workbook (.xlsx).").format(path=path.name)
    )


def _sheet_rows(path: Path, data_only: bool) -> list[tuple[object, ...]]:
    """Every row of the first sheet, whatever size the file claims it has."""
    from openpyxl import load_workbook  # only when an .xlsx is opened

    try:
        workbook = load_workbook(path, read_only=True, data_only=data_only)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _unreadable(path) from exc
    try:
        sheet = workbook.worksheets[0]
        # The stored <dimension> may be stale (other programs write "A1:C2" for
        # any size); read_only mode would stop there and lose rows silently.
        sheet.reset_dimensions()
        rows: list[tuple[object, ...]] = []
        for values in sheet.iter_rows(values_only=True):
            if len(rows) > MAX_ROWS:
                raise TableFileError(too_many_rows())
            rows.append(values)
    except (zipfile.BadZipFile, KeyError, ValueError, IndexError) as exc:
        raise _unreadable(path) from exc
    finally:
        workbook.close()
    return rows


def _read_xlsx(path: Path) -> Table:
    refuse_xml_declarations(path)
    values = _sheet_rows(path, data_only=True)
    rows = [[_cell_text(v) for v in row] for row in values]
    problems = [""] * len(rows)
    if _has_formulas(path):
        # A formula's result is only there when the program that saved the file
        # stored it; without it the cell would read as empty and the row be lost.
        formulas = _sheet_rows(path, data_only=False)
        for index, (stored, written) in enumerate(zip(values, formulas, strict=False)):
            pairs = zip(stored, written, strict=False)
            columns = [
                _column_letter(column)
                for column, (value, formula) in enumerate(pairs, start=1)
                if value is None and formula is not None
            ]
            if columns:
                problems[index] = _(
                    "a formula without a stored value in column {columns}: open the file "
                    "in Excel and save it again"
                ).format(columns=", ".join(columns))
    return _table(rows, list(range(1, len(rows) + 1)), problems)


_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


def _column_letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter(column)
    return letter


def _has_formulas(path: Path) -> bool:
    """Whether any worksheet of the workbook holds a formula (an <f> element)."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    with archive.open(info) as stream:
                        tail = b""
                        while chunk := stream.read(1 << 20):
                            if _FORMULA_TAG.search(tail + chunk):
                                return True
                            tail = chunk[-40:]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _unreadable(path) from exc
    return False


_PROLOG_LIMIT = 1 << 16


def refuse_xml_declarations(path: Path) -> None:
    """Refuse a workbook whose XML carries a DTD (<!DOCTYPE …>).

    Excel never writes one; a DTD can define entities that expand to gigabytes
    or read other files, so such a file is refused before any XML is parsed.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.filename.endswith((".xml", ".rels")):
                    with archive.open(info) as stream:
                        if xml_has_doctype(stream.read(_PROLOG_LIMIT)):
                            raise TableFileError(
                                _(
                                    "{path} is refused: it holds XML declarations (a DTD) "
                                    "that Excel never writes."
                                ).format(path=path.name)
                            )
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _unreadable(path) from exc


def xml_has_doctype(head: bytes) -> bool:
    """Whether the XML document starting with *head* declares a DTD before its root.

    A prolog (declarations, comments) longer than *head* cannot be judged and counts
    as one.
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="replace")
    elif head[:2] in (b"<\x00", b"\x00<"):
        text = head.decode("utf-16-le" if head[:1] == b"<" else "utf-16-be", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace")
    text = text.lstrip("\ufeff")
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        rest = text[position:]
        if rest.startswith("<?"):
            close = "?>"
        elif rest.startswith("<!--"):
            close = "-->"
        else:
            # The first thing that is neither: the root element, or a <!DOCTYPE.
            return rest.startswith("<!") or (not rest and len(head) >= _PROLOG_LIMIT)
        end = text.find(close, position + 2)
        if end < 0:
            return len(head) >= _PROLOG_LIMIT
        position = end + len(close)


def _table(rows: list[list[str]], lines: list[int], problems: list[str] | None = None) -> Table:
    problems = problems or [""] * len(rows)
    filled = [i for i, r in enumerate(rows) if any(c for c in r) or problems[i]]
    if not filled:
        raise TableFileError(_("The file has no rows."))
    # The header is the first row that is not empty; trailing empty lines are dropped.
    start, end = filled[0], filled[-1] + 1
    rows, lines = rows[:end], lines[:end]
    headers = rows[start]
    body = list(zip(rows[start + 1 :], lines[start + 1 :], problems[start + 1 : end], strict=True))
    width = max(len(headers), *(len(r) for r, _n, _p in body)) if body else len(headers)
    headers = headers + [""] * (width - len(headers))
    return Table(
        headers=[h.strip() for h in headers],
        rows=[r + [""] * (width - len(r)) for r, _n, _p in body],
        lines=[n for _r, n, _p in body],
        problems=[p for _r, _n, p in body],
    )


def too_many_rows(limit: int = MAX_ROWS) -> str:
    """The message for a file longer than *limit* rows (this module's and the importers')."""
    return _("The file has more than {n} rows.").format(n=format_count(limit))
