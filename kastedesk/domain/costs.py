"""Cost follow-up rules: planned against realised, periods, funding shares, payment claims.

Plain functions over plain rows (no SQL, no Qt); every amount is integer cents.
A realised cost belongs to the year its period starts in; a period never
spans two years, so each cost meets exactly one year's budget.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from kastedesk.domain.money import split_cents

MIN_YEAR, MAX_YEAR = 2000, 2100
_K = TypeVar("_K")


class FundingKind(StrEnum):
    STATE_GRANT = "state_grant"  # valtionavustus / statsunderstöd
    OWN = "own"  # omarahoitusosuus / självfinansieringsandel
    OTHER = "other"  # another funder


# (code, Finnish, Swedish): the five lines of a Kaste budget (seed 002; glossary words).
DEFAULT_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("staff", "Henkilöstömenot", "Personalkostnader"),
    ("rents", "Vuokrat", "Hyror"),
    ("materials", "Aineet ja tarvikkeet", "Material och förnödenheter"),
    ("services", "Palvelujen ostot", "Köp av tjänster"),
    ("office", "Toimisto- ja pankkikulut", "Kontors- och bankkostnader"),
)
# (kind, Finnish, Swedish, basis points): 75 % state grant, 25 % own share.
DEFAULT_FUNDING: tuple[tuple[FundingKind, str, str, int], ...] = (
    (FundingKind.STATE_GRANT, "Valtionavustus", "Statsunderstöd", 7500),
    (FundingKind.OWN, "Omarahoitusosuus", "Självfinansieringsandel", 2500),
)


class PeriodError(ValueError):
    """Text that is not a period; ``args[0]`` is a short English reason."""


# --- periods ----------------------------------------------------------------------------


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str) -> int:
    year = int(text)
    if year < 100:
        year += 2000
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError("year out of range")
    return year


def _month(text: str) -> int:
    month = int(text)
    if not 1 <= month <= 12:
        raise PeriodError("no such month")
    return month


def _date(text: str) -> dt.date:
    day, month, year = (int(p) for p in text.split("."))
    try:
        return dt.date(_year(str(year)), month, day)
    except ValueError as exc:
        raise PeriodError("no such date") from exc


_DASH = r"\s*[-–—]\s*"
_DAY = r"\d{1,2}\.\d{1,2}\.\d{2,4}"


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """Read a period as people write it on an invoice or in a spreadsheet.

    "3/2014", "2014-03", "1–4/2014" (months 1 to 4), "Q2/2014" or "2014 Q2",
    "2014" (the whole year), "1.1.2014–30.4.2014", or one date "15.3.2014".
    A period must lie within one year.
    """
    t = text.strip()
    if not t:
        raise PeriodError("empty")
    if m := re.fullmatch(r"(\d{4})", t):
        year = _year(m[1])
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    elif m := re.fullmatch(r"(\d{1,2})\s*[/.]\s*(\d{4})", t):
        year, month = _year(m[2]), _month(m[1])
        start, end = dt.date(year, month, 1), month_end(year, month)
    elif m := re.fullmatch(r"(\d{4})-(\d{1,2})", t):
        year, month = _year(m[1]), _month(m[2])
        start, end = dt.date(year, month, 1), month_end(year, month)
    elif m := re.fullmatch(rf"(\d{{1,2}}){_DASH}(\d{{1,2}})\s*/\s*(\d{{4}})", t):
        year, first, last = _year(m[3]), _month(m[1]), _month(m[2])
        start, end = dt.date(year, first, 1), month_end(year, last)
    elif (m := re.fullmatch(r"[QqKk]\s*([1-4])\s*[/ -]?\s*(\d{4})", t)) or (
        m := re.fullmatch(r"(\d{4})\s*[/ -]?\s*[QqKk]\s*([1-4])", t)
    ):
        quarter, year_text = (m[1], m[2]) if len(m[1]) == 1 else (m[2], m[1])
        year, quarter_n = _year(year_text), int(quarter)
        start = dt.date(year, 3 * quarter_n - 2, 1)
        end = month_end(year, 3 * quarter_n)
    elif m := re.fullmatch(rf"({_DAY}){_DASH}({_DAY})", t):
        start, end = _date(m[1]), _date(m[2])
    elif m := re.fullmatch(r"(\d{1,2}\.\d{1,2}\.\d{2,4})", t):
        start = end = _date(m[1])
    else:
        raise PeriodError("not a period")
    check_period(start, end)
    return start, end


def check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise PeriodError("ends before it starts")
    if start.year != end.year:
        raise PeriodError("spans two years")
    if not MIN_YEAR <= start.year <= MAX_YEAR:
        raise PeriodError("year out of range")


def format_period(start: dt.date, end: dt.date) -> str:
    """2014, 3/2014, 1–4/2014 or 1.1.2014–15.2.2014 (the same in every language)."""
    whole_months = start.day == 1 and end == month_end(end.year, end.month)
    if whole_months and start.year == end.year:
        if start.month == 1 and end.month == 12:
            return str(start.year)
        if start.month == end.month:
            return f"{start.month}/{start.year}"
        return f"{start.month}–{end.month}/{start.year}"
    first = f"{start.day}.{start.month}.{start.year}"
    return first if start == end else f"{first}–{end.day}.{end.month}.{end.year}"


# --- planned against realised -----------------------------------------------------------


@dataclass(frozen=True)
class BudgetCell:
    partner_id: int
    category_id: int
    year: int
    cents: int


@dataclass(frozen=True)
class RealisedCost:
    partner_id: int
    category_id: int
    start: dt.date
    end: dt.date
    cents: int

    @property
    def year(self) -> int:
        return self.start.year


@dataclass(frozen=True)
class Line:
    """Planned, realised, the difference (what is left) and the realised share."""

    planned: int = 0
    realised: int = 0

    @property
    def difference(self) -> int:
        return self.planned - self.realised

    @property
    def over_budget(self) -> bool:
        return self.realised > self.planned

    def __add__(self, other: Line) -> Line:
        return Line(self.planned + other.planned, self.realised + other.realised)


@dataclass
class FollowUp:
    year: int | None  # None: the whole project
    cells: dict[tuple[int, int], Line] = field(default_factory=dict)  # (partner, category)
    by_partner: dict[int, Line] = field(default_factory=dict)
    by_category: dict[int, Line] = field(default_factory=dict)
    by_year: dict[int, Line] = field(default_factory=dict)
    total: Line = field(default_factory=Line)

    def over_budget_categories(self) -> list[int]:
        return [c for c, line in self.by_category.items() if line.over_budget]

    def over_budget_cells(self) -> list[tuple[int, int]]:
        return [key for key, line in self.cells.items() if line.over_budget]


def _add(table: dict[_K, Line], key: _K, line: Line) -> None:
    table[key] = table.get(key, Line()) + line


def follow_up(
    budget: Iterable[BudgetCell], realised: Iterable[RealisedCost], year: int | None = None
) -> FollowUp:
    """Sum planned and realised per partner, per category, per year and in total.

    With *year*, only that year's budget and the costs whose period starts in it.
    """
    planned: dict[tuple[int, int, int], int] = defaultdict(int)
    spent: dict[tuple[int, int, int], int] = defaultdict(int)
    for cell in budget:
        if year is None or cell.year == year:
            planned[(cell.partner_id, cell.category_id, cell.year)] += cell.cents
    for cost in realised:
        if year is None or cost.year == year:
            spent[(cost.partner_id, cost.category_id, cost.year)] += cost.cents
    result = FollowUp(year)
    for key in sorted(set(planned) | set(spent)):
        line = Line(planned.get(key, 0), spent.get(key, 0))
        partner, category, y = key
        _add(result.cells, (partner, category), line)
        _add(result.by_partner, partner, line)
        _add(result.by_category, category, line)
        _add(result.by_year, y, line)
        result.total = result.total + line
    return result


def over_budget_years(
    budget: Iterable[BudgetCell], realised: Iterable[RealisedCost]
) -> list[tuple[int, int, int]]:
    """(year, category, excess cents) for each year's category that went over its budget.

    The whole project can keep to its estimate while one year ran over; the
    steering group wants to see both.
    """
    planned: dict[tuple[int, int], int] = defaultdict(int)
    spent: dict[tuple[int, int], int] = defaultdict(int)
    for cell in budget:
        planned[(cell.year, cell.category_id)] += cell.cents
    for cost in realised:
        spent[(cost.year, cost.category_id)] += cost.cents
    return [
        (year, category, spent[(year, category)] - planned.get((year, category), 0))
        for year, category in sorted(spent)
        if spent[(year, category)] > planned.get((year, category), 0)
    ]


def years_of(budget: Iterable[BudgetCell], realised: Iterable[RealisedCost]) -> list[int]:
    return sorted({c.year for c in budget} | {r.year for r in realised})


@dataclass(frozen=True)
class SharePoint:
    """The realised share of the budget at the end of a month."""

    day: dt.date
    realised: int  # cumulative cents up to *day*
    planned: int  # the budget the share is of


def realised_over_time(realised: Iterable[RealisedCost], planned_total: int) -> list[SharePoint]:
    """Cumulative realised costs at each month end that has costs, in order."""
    by_month: dict[dt.date, int] = defaultdict(int)
    for cost in realised:
        by_month[month_end(cost.end.year, cost.end.month)] += cost.cents
    points: list[SharePoint] = []
    running = 0
    for day in sorted(by_month):
        running += by_month[day]
        points.append(SharePoint(day, running, planned_total))
    return points


# --- funding and payment claims ---------------------------------------------------------


@dataclass(frozen=True)
class Funder:
    kind: FundingKind
    share_bp: int | None  # basis points of the total (7500 = 75 %)
    amount: int | None  # or a fixed amount in cents


def funding_problem(funders: Sequence[Funder]) -> str:
    """ "" when the plan can be used; else a short English reason."""
    if any(f.share_bp is None and f.amount is None for f in funders):
        return "share or amount missing"
    if any(f.share_bp is not None and f.amount is not None for f in funders):
        return "both share and amount"
    if sum(f.share_bp or 0 for f in funders) > 10_000:
        return "shares over 100 %"
    if any((f.share_bp or 0) < 0 or (f.amount or 0) < 0 for f in funders):
        return "negative"
    return ""


@dataclass(frozen=True)
class Split:
    parts: list[int]  # one per funder, in the plan's order
    unassigned: int  # cents no funder covers (negative: the plan promises more)


def split_funding(total: int, funders: Sequence[Funder]) -> Split:
    """Each funder's part of *total*, to the cent.

    Shares are of the total and rounded by the largest remainder together with
    the uncovered rest, so shares of 75 % and 25 % always add up to the total.
    Fixed amounts are taken as they are.
    """
    shares = [f.share_bp or 0 for f in funders if f.amount is None]
    rounded = (
        split_cents(total, [*shares, 10_000 - sum(shares)]) if total else [0] * (len(shares) + 1)
    )
    share_parts = iter(rounded[:-1])
    parts = [f.amount if f.amount is not None else next(share_parts) for f in funders]
    return Split(parts, total - sum(parts))


@dataclass
class Claim:
    """Payment claim figures for a period: realised costs by category and the funders' parts."""

    start: dt.date
    end: dt.date
    by_category: dict[int, int]
    total: int
    split: Split
    left_out: int  # costs overlapping the period's edges, not counted (their count)


def payment_claim(
    realised: Iterable[RealisedCost], start: dt.date, end: dt.date, funders: Sequence[Funder]
) -> Claim:
    """The costs whose period lies within [start, end], by category, split between funders."""
    by_category: dict[int, int] = defaultdict(int)
    left_out = 0
    for cost in realised:
        if start <= cost.start and cost.end <= end:
            by_category[cost.category_id] += cost.cents
        elif cost.start <= end and cost.end >= start:
            left_out += 1
    total = sum(by_category.values())
    return Claim(start, end, dict(by_category), total, split_funding(total, funders), left_out)
