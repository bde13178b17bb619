"""Cells that spreadsheets must show as text, never run as formulas (CSV injection)."""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_csv_cell(value: Any) -> Any:
    """Prefix a formula-like text with an apostrophe, which Excel and LibreOffice hide.

    This is OWASP's advice for CSV files; a phone number like "+358 40 …" then
    shows as typed instead of being evaluated.
    """
    return "'" + value if is_formula_like(value) else value
