"""Cells that a spreadsheet must show as text, never run as formulas.

Excel, LibreOffice and Google Sheets treat a cell beginning with = + - @ (and,
after a tab or carriage return, the same) as a formula when a CSV is opened.
For CSV such text gets a leading apostrophe; for .xlsx it is written as a
string cell with Excel's quote-prefix style, so the text itself stays intact.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value: Any) -> Any:
    """*value* for a CSV cell: text that could start a formula gets a leading apostrophe."""
    if looks_like_formula(value):
        return "'" + value
    return value
