"""A project's costs: partners, categories, budget, funding plan and realised costs.

Reading gives a :class:`CostBook` in a handful of queries; every change is one
short transaction. Amounts are integer cents; text is read with
``domain.money`` and ``domain.costs`` and refused with a message per field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from sqlalchemy import CursorResult

from kastedesk.domain import costs as rules
from kastedesk.domain.bilingual import in_language
from kastedesk.domain.costs import (
    DEFAULT_CATEGORIES,
    DEFAULT_FUNDING,
    BudgetCell,
    Funder,
    FundingKind,
    PeriodError,
    RealisedCost,
)
from kastedesk.domain.money import MAX_CENTS, MoneyError, parse_cents, parse_percent
from kastedesk.domain.text_limits import text_problem
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _, current_language
from kastedesk.storage.database import Database
from kastedesk.storage.models.costs import (
    CostBudget,
    CostCategory,
    CostEntry,
    CostPartner,
    FundingLine,
)
from kastedesk.storage.models.registry import Project
from kastedesk.storage.versions import check_version

_Record = TypeVar("_Record")

MAX_NAME = 200
MAX_NOTE = 300


# --- rows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerRow:
    id: int
    name: str
    version: int


@dataclass(frozen=True)
class CategoryRow:
    id: int
    code: str
    name_fi: str
    name_sv: str
    version: int

    def name(self, lang: str) -> str:
        return in_language(self.name_fi, self.name_sv, lang)


@dataclass(frozen=True)
class FundingRow:
    id: int
    kind: FundingKind
    name_fi: str
    name_sv: str
    share_bp: int | None
    amount: int | None
    version: int

    def name(self, lang: str) -> str:
        return in_language(self.name_fi, self.name_sv, lang)

    @property
    def funder(self) -> Funder:
        return Funder(self.kind, self.share_bp, self.amount)


@dataclass(frozen=True)
class EntryRow:
    id: int
    partner_id: int
    category_id: int
    start: dt.date
    end: dt.date
    cents: int
    note: str
    imported: bool
    version: int

    @property
    def cost(self) -> RealisedCost:
        return RealisedCost(self.partner_id, self.category_id, self.start, self.end, self.cents)

    @property
    def period(self) -> str:
        return rules.format_period(self.start, self.end)


@dataclass(frozen=True)
class CostBook:
    """Everything about one project's money, read at once."""

    project_id: int
    project_fi: str
    project_sv: str
    short_name: str
    partners: list[PartnerRow]
    categories: list[CategoryRow]
    budget: list[BudgetCell]
    funding: list[FundingRow]
    entries: list[EntryRow]

    def project_name(self, lang: str) -> str:
        return in_language(self.project_fi, self.project_sv, lang)

    def partner(self, partner_id: int) -> PartnerRow:
        return next(p for p in self.partners if p.id == partner_id)

    def category(self, category_id: int) -> CategoryRow:
        return next(c for c in self.categories if c.id == category_id)

    def realised(self) -> list[RealisedCost]:
        return [e.cost for e in self.entries]

    def years(self) -> list[int]:
        return rules.years_of(self.budget, self.realised())

    def follow_up(self, year: int | None = None) -> rules.FollowUp:
        return rules.follow_up(self.budget, self.realised(), year)

    def over_budget_years(self) -> list[tuple[int, int, int]]:
        return rules.over_budget_years(self.budget, self.realised())

    def budget_cents(self, partner_id: int, category_id: int, year: int) -> int:
        return sum(
            c.cents
            for c in self.budget
            if (c.partner_id, c.category_id, c.year) == (partner_id, category_id, year)
        )

    def funders(self) -> list[Funder]:
        return [f.funder for f in self.funding]

    def claim(self, start: dt.date, end: dt.date) -> rules.Claim:
        return rules.payment_claim(self.realised(), start, end, self.funders())

    def planned_funding(self) -> rules.Split:
        return rules.split_funding(sum(c.cents for c in self.budget), self.funders())


# --- reading ----------------------------------------------------------------------------


def _project(s: Session, project_id: int) -> Project:
    project = s.get(Project, project_id)
    if project is None:
        raise ValidationError({"": _("The project no longer exists.")})
    return project


def _has_defaults(s: Session, project_id: int) -> tuple[bool, bool]:
    """Whether the project has cost categories, and a funding plan."""
    has_categories = s.scalar(
        select(func.count(CostCategory.id)).where(CostCategory.project_id == project_id)
    )
    has_funding = s.scalar(
        select(func.count(FundingLine.id)).where(FundingLine.project_id == project_id)
    )
    return bool(has_categories), bool(has_funding)


def ensure_defaults(s: Session, project_id: int) -> None:
    """Give a project without cost categories the five default ones and a 75/25 funding plan."""
    has_categories, has_funding = _has_defaults(s, project_id)
    if not has_categories:
        s.add_all(
            CostCategory(project_id=project_id, code=code, name_fi=fi, name_sv=sv, position=n)
            for n, (code, fi, sv) in enumerate(DEFAULT_CATEGORIES)
        )
    if not has_funding:
        s.add_all(
            FundingLine(
                project_id=project_id, kind=kind, name_fi=fi, name_sv=sv,
                share_bp=share, amount_cents=None, position=n,
            )
            for n, (kind, fi, sv, share) in enumerate(DEFAULT_FUNDING)
        )  # fmt: skip
    s.flush()


def load_book(db: Database, project_id: int) -> CostBook:
    """The project's cost data (its defaults are added the first time).

    A read when the defaults are there: showing the tab takes no write lock and tells
    no other window that something changed.
    """
    with db.read() as s:
        project = _project(s, project_id)
        if all(_has_defaults(s, project_id)):
            return book_in(s, project)
    with db.session() as s:
        project = _project(s, project_id)
        ensure_defaults(s, project_id)
        return book_in(s, project)


def book_in(s: Session, project: Project) -> CostBook:
    pid = project.id
    partners = s.scalars(
        select(CostPartner)
        .where(CostPartner.project_id == pid)
        .order_by(CostPartner.position, CostPartner.name)
    )
    categories = s.scalars(
        select(CostCategory)
        .where(CostCategory.project_id == pid)
        .order_by(CostCategory.position, CostCategory.id)
    )
    budget = s.execute(
        select(
            CostBudget.partner_id, CostBudget.category_id, CostBudget.year, CostBudget.amount_cents
        ).where(CostBudget.project_id == pid)
    )
    funding = s.scalars(
        select(FundingLine)
        .where(FundingLine.project_id == pid)
        .order_by(FundingLine.position, FundingLine.id)
    )
    entries = s.scalars(
        select(CostEntry)
        .where(CostEntry.project_id == pid)
        .order_by(CostEntry.period_start, CostEntry.period_end, CostEntry.id)
    )
    return CostBook(
        project_id=pid,
        project_fi=project.name_fi,
        project_sv=project.name_sv,
        short_name=project.short_name,
        partners=[PartnerRow(p.id, p.name, p.row_version) for p in partners],
        categories=[
            CategoryRow(c.id, c.code, c.name_fi, c.name_sv, c.row_version) for c in categories
        ],
        budget=[
            BudgetCell(
                partner_id=b.partner_id,
                category_id=b.category_id,
                year=b.year,
                cents=b.amount_cents,
            )
            for b in budget
        ],
        funding=[
            FundingRow(
                id=f.id,
                kind=f.kind,
                name_fi=f.name_fi,
                name_sv=f.name_sv,
                share_bp=f.share_bp,
                amount=f.amount_cents,
                version=f.row_version,
            )
            for f in funding
        ],
        entries=[
            EntryRow(
                e.id,
                e.partner_id,
                e.category_id,
                e.period_start,
                e.period_end,
                e.amount_cents,
                e.note,
                e.import_id is not None,
                e.row_version,
            )
            for e in entries
        ],
    )


# --- checking text ----------------------------------------------------------------------


def clean_text(text: str, field: str, limit: int, required: bool = True) -> str:
    """One line of text by the common rule (``domain.text_limits``), spaces tidied."""
    value = text.strip()
    problem = text_problem(value, limit)
    if problem:
        raise ValidationError({field: problem})
    value = re.sub(" {2,}", " ", value)
    if required and not value:
        raise ValidationError({field: _("Required.")})
    return value


def money_message(error: MoneyError) -> str:
    reason = str(error)
    if reason == "empty":
        return _("Type an amount, e.g. 1 234,50.")
    if reason == "too large":
        return _("The amount is too large.")
    if reason == "more than two decimals":
        return _("At most two decimals (cents).")
    return _("Not an amount of money: type e.g. 1 234,50.")


def period_message(error: PeriodError) -> str:
    reason = str(error)
    if reason == "spans two years":
        return _("A period must lie within one year: split it at the turn of the year.")
    if reason == "ends before it starts":
        return _("The period ends before it starts.")
    if reason in ("no such date", "no such month", "year out of range"):
        return _("No such date or month.")
    return _("Not a period: type e.g. 3/2014, 1–4/2014, Q2/2014, 2014 or 1.1.2014–30.4.2014.")


def read_amount(text: str, field: str = "amount") -> int:
    try:
        return parse_cents(text)
    except MoneyError as exc:
        raise ValidationError({field: money_message(exc)}) from exc


def read_period(text: str, field: str = "period") -> tuple[dt.date, dt.date]:
    try:
        return rules.parse_period(text)
    except PeriodError as exc:
        raise ValidationError({field: period_message(exc)}) from exc


def _check_cents(cents: int, field: str) -> int:
    if abs(cents) >= MAX_CENTS:
        raise ValidationError({field: _("The amount is too large.")})
    return cents


# --- partners and categories ------------------------------------------------------------


def add_partner(db: Database, project_id: int, name: str) -> int:
    name = clean_text(name, "name", MAX_NAME)
    with db.session() as s:
        _project(s, project_id)
        ensure_defaults(s, project_id)
        _unique_partner(s, project_id, name, None)
        last = s.scalar(
            select(func.max(CostPartner.position)).where(CostPartner.project_id == project_id)
        )
        partner = CostPartner(project_id=project_id, name=name, position=(last or 0) + 1)
        s.add(partner)
        s.flush()
        return partner.id


def _unique_partner(s: Session, project_id: int, name: str, own_id: int | None) -> None:
    for pid, existing in s.execute(
        select(CostPartner.id, CostPartner.name).where(CostPartner.project_id == project_id)
    ):
        if pid != own_id and existing.casefold() == name.casefold():
            raise ValidationError({"name": _("The project already has this partner.")})


def rename_partner(db: Database, partner_id: int, name: str, version: int) -> None:
    name = clean_text(name, "name", MAX_NAME)
    with db.session() as s:
        partner = _fresh(s, CostPartner, partner_id, version, lambda p: p.name)
        _unique_partner(s, partner.project_id, name, partner.id)
        partner.name = name


def delete_partner(db: Database, partner_id: int) -> None:
    """Remove a partner and its budget; refused while it has realised costs."""
    with db.session() as s:
        partner = s.get(CostPartner, partner_id)
        if partner is None:
            return
        used = s.scalar(select(func.count(CostEntry.id)).where(CostEntry.partner_id == partner_id))
        if used:
            raise ValidationError(
                {"": _("{name} has realised costs: remove them first.").format(name=partner.name)}
            )
        s.execute(delete(CostBudget).where(CostBudget.partner_id == partner_id))
        s.delete(partner)


def add_category(db: Database, project_id: int, name_fi: str, name_sv: str) -> int:
    name_fi = clean_text(name_fi, "name_fi", MAX_NAME)
    name_sv = clean_text(name_sv, "name_sv", MAX_NAME, required=False)
    with db.session() as s:
        _project(s, project_id)
        ensure_defaults(s, project_id)
        _unique_category(s, project_id, name_fi, None)
        last = s.scalar(
            select(func.max(CostCategory.position)).where(CostCategory.project_id == project_id)
        )
        category = CostCategory(
            project_id=project_id, name_fi=name_fi, name_sv=name_sv, position=(last or 0) + 1
        )
        s.add(category)
        s.flush()
        return category.id


def _unique_category(s: Session, project_id: int, name_fi: str, own_id: int | None) -> None:
    for cid, existing in s.execute(
        select(CostCategory.id, CostCategory.name_fi).where(CostCategory.project_id == project_id)
    ):
        if cid != own_id and existing.casefold() == name_fi.casefold():
            raise ValidationError({"name_fi": _("The project already has this cost category.")})


def rename_category(
    db: Database, category_id: int, name_fi: str, name_sv: str, version: int
) -> None:
    name_fi = clean_text(name_fi, "name_fi", MAX_NAME)
    name_sv = clean_text(name_sv, "name_sv", MAX_NAME, required=False)
    with db.session() as s:
        category = _fresh(s, CostCategory, category_id, version, lambda c: c.name_fi)
        _unique_category(s, category.project_id, name_fi, category.id)
        category.name_fi, category.name_sv = name_fi, name_sv


def delete_category(db: Database, category_id: int) -> None:
    with db.session() as s:
        category = s.get(CostCategory, category_id)
        if category is None:
            return
        used = s.scalar(
            select(func.count(CostEntry.id)).where(CostEntry.category_id == category_id)
        )
        if used:
            raise ValidationError(
                {
                    "": _("{name} has realised costs: remove them first.").format(
                        name=category.name(current_language())
                    )
                }
            )
        s.execute(delete(CostBudget).where(CostBudget.category_id == category_id))
        s.delete(category)


def _fresh(
    s: Session,
    model: type[_Record],
    key: int,
    version: int | None,
    what: Callable[[_Record], str] | None = None,
) -> _Record:
    """The record; refused when deleted, or changed since it was read at *version*.

    *what* names the record for the message (a function of the record).
    """
    record = s.get(model, key)
    if record is None:
        raise ValidationError({"": _("The record no longer exists. Reload and try again.")})
    check_version(record, version, what(record) if what else "")
    return record


# --- budget and funding ----------------------------------------------------------------


def save_budget(db: Database, project_id: int, cells: Mapping[tuple[int, int, int], int]) -> int:
    """Set budget cells {(partner, category, year): cents} in one go; 0 removes a cell.

    Returns how many cells changed.
    """
    with db.session() as s:
        _project(s, project_id)
        partners = set(
            s.scalars(select(CostPartner.id).where(CostPartner.project_id == project_id))
        )
        categories = set(
            s.scalars(select(CostCategory.id).where(CostCategory.project_id == project_id))
        )
        existing = {
            (b.partner_id, b.category_id, b.year): b
            for b in s.scalars(select(CostBudget).where(CostBudget.project_id == project_id))
        }
        changed = 0
        for (partner_id, category_id, year), cents in cells.items():
            if partner_id not in partners or category_id not in categories:
                raise ValidationError(
                    {"": _("The budget refers to a removed partner or category.")}
                )
            if not rules.MIN_YEAR <= year <= rules.MAX_YEAR:
                raise ValidationError({"year": _("No such date or month.")})
            if cents < 0:
                raise ValidationError({"amount": _("A budget amount cannot be negative.")})
            _check_cents(cents, "amount")
            row = existing.get((partner_id, category_id, year))
            if row is None and cents:
                s.add(
                    CostBudget(
                        project_id=project_id, partner_id=partner_id,
                        category_id=category_id, year=year, amount_cents=cents,
                    )
                )  # fmt: skip
                changed += 1
            elif row is not None and cents == 0:
                s.delete(row)
                changed += 1
            elif row is not None and row.amount_cents != cents:
                row.amount_cents = cents
                changed += 1
        return changed


@dataclass(frozen=True)
class FundingData:
    kind: FundingKind
    name_fi: str
    name_sv: str
    share_bp: int | None
    amount: int | None


def read_funding_value(text: str, field: str) -> tuple[int | None, int | None]:
    """ "75 %" → (7500, None); "12 000,00" → (None, 1200000)."""
    if "%" in text:
        try:
            return parse_percent(text), None
        except MoneyError as exc:
            raise ValidationError(
                {field: _("Type a percentage from 0 to 100, e.g. 75 %.")}
            ) from exc
    return None, read_amount(text, field)


def _clean_funding(lines: Sequence[FundingData]) -> list[FundingData]:
    cleaned = [
        FundingData(
            line.kind,
            clean_text(line.name_fi, "name_fi", MAX_NAME),
            clean_text(line.name_sv, "name_sv", MAX_NAME, required=False),
            line.share_bp,
            line.amount,
        )
        for line in lines
    ]
    problem = rules.funding_problem([Funder(f.kind, f.share_bp, f.amount) for f in cleaned])
    if problem:
        raise ValidationError(
            {
                "": _("Shares of the funding plan add up to more than 100 %.")
                if problem == "shares over 100 %"
                else _("Give each funder either a percentage or an amount.")
            }
        )
    return cleaned


def _replace_funding(s: Session, project_id: int, cleaned: Sequence[FundingData]) -> None:
    s.execute(delete(FundingLine).where(FundingLine.project_id == project_id))
    s.add_all(
        FundingLine(
            project_id=project_id, kind=f.kind, name_fi=f.name_fi, name_sv=f.name_sv,
            share_bp=f.share_bp, amount_cents=f.amount, position=n,
        )
        for n, f in enumerate(cleaned)
    )  # fmt: skip


def save_funding(db: Database, project_id: int, lines: Sequence[FundingData]) -> None:
    """Replace the funding plan with *lines* (shares may not pass 100 %)."""
    cleaned = _clean_funding(lines)
    with db.session() as s:
        _project(s, project_id)
        _replace_funding(s, project_id, cleaned)


@dataclass(frozen=True)
class CategoryEdit:
    id: int | None  # None: a new category
    name_fi: str
    name_sv: str
    version: int | None = None


def save_setup(
    db: Database,
    project_id: int,
    categories: Sequence[CategoryEdit],
    funding: Sequence[FundingData],
) -> None:
    """Cost categories (in this order; left-out ones removed) and the funding plan, at once.

    A category that has realised costs cannot be removed; one changed by
    someone else meanwhile is refused.
    """
    cleaned_funding = _clean_funding(funding)
    names: set[str] = set()
    cleaned: list[CategoryEdit] = []
    for edit in categories:
        fi = clean_text(edit.name_fi, "name_fi", MAX_NAME)
        sv = clean_text(edit.name_sv, "name_sv", MAX_NAME, required=False)
        if fi.casefold() in names:
            raise ValidationError(
                {"name_fi": _("The project already has this cost category.") + f" ({fi})"}
            )
        names.add(fi.casefold())
        cleaned.append(CategoryEdit(edit.id, fi, sv, edit.version))
    if not cleaned:
        raise ValidationError({"name_fi": _("Required.")})
    with db.session() as s:
        _project(s, project_id)
        existing = {
            c.id: c
            for c in s.scalars(select(CostCategory).where(CostCategory.project_id == project_id))
        }
        kept = {e.id for e in cleaned if e.id is not None}
        for category_id, category in existing.items():
            if category_id in kept:
                continue
            used = s.scalar(
                select(func.count(CostEntry.id)).where(CostEntry.category_id == category_id)
            )
            if used:
                raise ValidationError(
                    {"": _("{name} has realised costs: remove them first.").format(
                        name=category.name(current_language())
                    )}
                )  # fmt: skip
            s.execute(delete(CostBudget).where(CostBudget.category_id == category_id))
            s.delete(category)
        s.flush()
        for position, edit in enumerate(cleaned):
            if edit.id is None or edit.id not in existing:
                s.add(
                    CostCategory(
                        project_id=project_id, name_fi=edit.name_fi, name_sv=edit.name_sv,
                        position=position,
                    )
                )  # fmt: skip
                continue
            category = _fresh(s, CostCategory, edit.id, edit.version, lambda c: c.name_fi)
            if (category.name_fi, category.name_sv, category.position) != (
                edit.name_fi, edit.name_sv, position,
            ):  # fmt: skip
                category.name_fi, category.name_sv = edit.name_fi, edit.name_sv
                category.position = position
        _replace_funding(s, project_id, cleaned_funding)


# --- realised costs ---------------------------------------------------------------------


@dataclass(frozen=True)
class EntryData:
    partner_id: int
    category_id: int
    start: dt.date
    end: dt.date
    cents: int
    note: str = ""


def entry_from_text(
    partner_id: int | None, category_id: int | None, period: str, amount: str, note: str
) -> EntryData:
    """Read a typed-in realised cost; every bad field gets its own message."""
    errors: dict[str, str] = {}
    if partner_id is None:
        errors["partner"] = _("Choose a partner.")
    if category_id is None:
        errors["category"] = _("Choose a cost category.")
    start = end = dt.date.min
    cents = 0
    try:
        start, end = read_period(period)
    except ValidationError as exc:
        errors.update(exc.errors)
    try:
        cents = read_amount(amount)
    except ValidationError as exc:
        errors.update(exc.errors)
    try:
        note = clean_text(note, "note", MAX_NOTE, required=False)
    except ValidationError as exc:
        errors.update(exc.errors)
    if errors:
        raise ValidationError(errors)
    assert partner_id is not None and category_id is not None
    return EntryData(partner_id, category_id, start, end, cents, note)


def _check_entry(s: Session, project_id: int, data: EntryData) -> None:
    partner = s.get(CostPartner, data.partner_id)
    if partner is None or partner.project_id != project_id:
        raise ValidationError({"partner": _("Choose a partner.")})
    category = s.get(CostCategory, data.category_id)
    if category is None or category.project_id != project_id:
        raise ValidationError({"category": _("Choose a cost category.")})
    try:
        rules.check_period(data.start, data.end)
    except PeriodError as exc:
        raise ValidationError({"period": period_message(exc)}) from exc
    _check_cents(data.cents, "amount")


def add_entry(db: Database, project_id: int, data: EntryData) -> int:
    with db.session() as s:
        _project(s, project_id)
        _check_entry(s, project_id, data)
        entry = CostEntry(
            project_id=project_id, partner_id=data.partner_id, category_id=data.category_id,
            period_start=data.start, period_end=data.end, amount_cents=data.cents,
            note=data.note,
        )  # fmt: skip
        s.add(entry)
        s.flush()
        return entry.id


def _entry_name(entry: CostEntry) -> str:
    return f"{entry.partner.name} {rules.format_period(entry.period_start, entry.period_end)}"


def update_entry(db: Database, entry_id: int, data: EntryData, version: int | None) -> None:
    """Save *data* over the cost if nobody saved it since *version* (None: overwrite)."""
    with db.session() as s:
        entry = _fresh(s, CostEntry, entry_id, version, _entry_name)
        _check_entry(s, entry.project_id, data)
        entry.partner_id, entry.category_id = data.partner_id, data.category_id
        entry.period_start, entry.period_end = data.start, data.end
        entry.amount_cents, entry.note = data.cents, data.note


def delete_entries(db: Database, entry_ids: Iterable[int]) -> int:
    ids = list(entry_ids)
    with db.session() as s:
        # A DELETE gives a CursorResult; Session.execute is only typed to return a Result.
        statement = delete(CostEntry).where(CostEntry.id.in_(ids))
        result = cast("CursorResult[Any]", s.execute(statement))
        return result.rowcount or 0


# --- for scripts ------------------------------------------------------------------------


def summary_as_json(book: CostBook, year: int | None = None) -> dict[str, object]:
    """Planned, realised and difference in cents per partner, category and year, and in total."""
    follow = book.follow_up(year)

    def line(value: rules.Line) -> dict[str, int | bool]:
        return {
            "planned": value.planned,
            "realised": value.realised,
            "difference": value.difference,
            "over_budget": value.over_budget,
        }

    return {
        "project_id": book.project_id,
        "project": book.project_fi,
        "year": year,
        "partners": [
            {"id": p.id, "name": p.name, **line(follow.by_partner.get(p.id, rules.Line()))}
            for p in book.partners
        ],
        "categories": [
            {
                "id": c.id,
                "name_fi": c.name_fi,
                "name_sv": c.name_sv,
                **line(follow.by_category.get(c.id, rules.Line())),
            }
            for c in book.categories
        ],
        "years": [{"year": y, **line(v)} for y, v in sorted(follow.by_year.items())],
        "total": line(follow.total),
    }
