"""Periods for comparing results over time: typed ones and half-years.

A period is written ``FROM..TO`` with Finnish or ISO dates (``1.1.2026..30.6.2026``,
``2026-07-01..2026-12-31``); either end may be left open (``..30.6.2026``).
Half-years run from January to June (spring) and from July to December (autumn),
the rhythm of a season of workshops.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kastedesk.formatting import format_date, parse_date
from kastedesk.i18n import N_, _, translator

SPRING = N_("spring {year}")
AUTUMN = N_("autumn {year}")
YEAR = N_("year {year}")


@dataclass(frozen=True)
class Period:
    start: dt.date | None
    end: dt.date | None
    name: str = ""  # SPRING, AUTUMN or YEAR (translated when shown); "" for typed periods

    def label(self, lang: str | None = None) -> str:
        gettext = translator(lang).gettext if lang else _
        if self.name and self.start is not None:
            return gettext(self.name).format(year=self.start.year)
        return f"{format_date(self.start)}–{format_date(self.end)}"

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


def parse_period(text: str) -> Period:
    """``FROM..TO``; ValueError with a message in the user's language when it is not one."""
    start_text, dots, end_text = text.strip().partition("..")
    if not dots or not (start_text.strip() or end_text.strip()):
        raise ValueError(_("Write a period as FROM..TO, e.g. 1.1.2026..30.6.2026."))
    try:
        start = parse_date(start_text) if start_text.strip() else None
        end = parse_date(end_text) if end_text.strip() else None
    except ValueError:
        raise ValueError(_("Write a period as FROM..TO, e.g. 1.1.2026..30.6.2026.")) from None
    if start and end and start > end:
        raise ValueError(_("A period cannot end before it starts: {period}").format(period=text))
    return Period(start, end)


def half_year(day: dt.date) -> Period:
    if day.month <= 6:
        return Period(dt.date(day.year, 1, 1), dt.date(day.year, 6, 30), SPRING)
    return Period(dt.date(day.year, 7, 1), dt.date(day.year, 12, 31), AUTUMN)


def half_years(days: list[dt.date]) -> list[Period]:
    """The half-years the dates fall in, in order, each once (empty halves left out)."""
    return sorted({half_year(day) for day in days}, key=lambda p: p.start or dt.date.min)


def years(days: list[dt.date]) -> list[Period]:
    found = sorted({day.year for day in days})
    return [Period(dt.date(y, 1, 1), dt.date(y, 12, 31), YEAR) for y in found]
