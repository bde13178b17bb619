"""Dates, times and numbers written the Finnish way in every language.

Finnish and Finland-Swedish both write "23.9.2014" and "12.30"; Babel's short
sv_FI formats would give ISO dates and "12:30", so explicit patterns are used
and Babel only supplies the locale's day and month names.
"""

from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from kastedesk.i18n import babel_locale, current_language

# The word before the clock time: "ti 23.9.2014 klo 12.30".
_AT = {"fi": "klo", "sv": "kl.", "en": "at"}


def format_date(value: dt.date | None) -> str:
    """23.9.2014 (the same in every language)."""
    return "" if value is None else f"{value.day}.{value.month}.{value.year}"


def format_weekday_date(value: dt.date, lang: str | None = None) -> str:
    """ti 23.9.2014 / tis 23.9.2014."""
    return _babel_date(value, "EEE d.M.yyyy", locale=babel_locale(lang))


def format_time(value: dt.time | None) -> str:
    """12.30 (hours without a leading zero, a dot before the minutes)."""
    return "" if value is None else f"{value.hour}.{value.minute:02d}"


def format_time_range(start: dt.time | None, end: dt.time | None) -> str:
    """12.30–13.30, or just the start when there is no end."""
    if start is None:
        return ""
    return format_time(start) + (f"–{format_time(end)}" if end is not None else "")


def format_meeting_time(
    day: dt.date, start: dt.time | None, end: dt.time | None, lang: str | None = None
) -> str:
    """ti 23.9.2014 klo 12.30–13.30 / tis 23.9.2014 kl. 12.30–13.30."""
    text = format_weekday_date(day, lang)
    if start is None:
        return text
    return f"{text} {_AT[lang or current_language()]} {format_time_range(start, end)}"


def format_datetime(value: dt.datetime | None) -> str:
    """23.9.2014 12.30 in local time."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone()
    return f"{format_date(value.date())} {format_time(value.time())}"


def format_number(value: float | int, lang: str | None = None, digits: int = 2) -> str:
    """1 234,5 with the locale's separators."""
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=babel_locale(lang))


def format_count(count: int, lang: str | None = None) -> str:
    """A count with its thousands apart, as Finnish and Swedish write them: "12 500"
    (a no-break space, so that a line never breaks inside the number)."""
    return format_decimal(count, format="#,##0", locale=babel_locale(lang))


def format_mean(value: float, lang: str | None = None) -> str:
    """A mean with exactly two decimals the Finnish way in every language: 4,00 · 3,67."""
    return format_decimal(value, format="#,##0.00", locale=babel_locale(lang))


def format_percent(count: int, total: int, lang: str | None = None) -> str:
    """A share of *total* as a whole percent with a space before the sign: "40 %"."""
    return f"{format_share(count, total, lang)} %"


def format_share(count: int, total: int, lang: str | None = None) -> str:
    """The whole percent of *count* in *total*, rounded half up ("63" for 30 of 48)."""
    share = math.floor(100 * count / total + 0.5) if total else 0
    return format_decimal(share, format="#,##0", locale=babel_locale(lang))


def format_size(size: int, lang: str | None = None) -> str:
    """File sizes in kB and MB (10^3, 10^6 bytes) with a decimal comma: "1,2 MB"."""
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{format_number(size / 1000, lang, digits=0)} kB"
    return f"{format_number(size / 1_000_000, lang, digits=1)} MB"


def parse_date(text: str) -> dt.date:
    """Read 23.9.2014 (or ISO 2014-09-23); raises ValueError on anything else."""
    text = text.strip()
    if "-" in text:
        return dt.date.fromisoformat(text)
    parts = text.split(".")
    if len(parts) != 3 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(text)
    day, month, year = (int(p) for p in parts)
    if year < 100:
        year += 2000
    return dt.date(year, month, day)


def parse_time(text: str) -> dt.time:
    """Read 12.30, 12:30 or 12; raises ValueError on anything else."""
    text = text.strip().replace(":", ".")
    hours, _, minutes = text.partition(".")
    if not hours.isdigit() or (minutes and not minutes.isdigit()):
        raise ValueError(text)
    return dt.time(int(hours), int(minutes or 0))
