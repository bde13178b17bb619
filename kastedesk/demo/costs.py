"""The demo project's budget and realised costs, modelled on seed 002 (LasSe).

Three implementing partners share the five cost categories over three years;
the administrator invoices monthly, one competence centre three times a year
and the other quarterly. Rents of the first year run over their budget, so the
follow-up has something to show. All amounts are made up.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from kastedesk.domain.costs import month_end
from kastedesk.services.costs import ensure_defaults
from kastedesk.storage.models.costs import CostBudget, CostCategory, CostEntry, CostPartner
from kastedesk.storage.models.registry import Project

# Partner, invoicing (months per invoice), then per category the budget in euros for
# the project's three years (staff, rents, materials, services, office).
_PARTNERS: list[tuple[str, int, list[tuple[int, int, int]]]] = [
    ("Tampereen kaupunki", 1, [
        (60_000, 120_000, 90_000), (3_000, 6_000, 4_500), (1_500, 2_000, 1_500),
        (8_000, 12_000, 9_000), (1_200, 1_800, 1_500),
    ]),
    ("Osaamiskeskus Pohjanmaa", 4, [
        (30_000, 110_000, 85_000), (2_000, 6_000, 4_000), (800, 1_500, 1_000),
        (3_000, 6_000, 5_000), (600, 1_200, 900),
    ]),
    ("Osaamiskeskus Päijät-Häme", 3, [
        (15_000, 55_000, 42_000), (1_000, 3_000, 2_000), (800, 800, 600),
        (2_000, 4_000, 3_000), (400, 700, 500),
    ]),
]  # fmt: skip
# Realised share of each period's part of the budget, in per mille, cycling per category.
_PACE = (962, 1013, 987, 941, 1004, 978)


def add_demo_costs(s: Session, project: Project, today: dt.date) -> None:
    """Partners, the budget for three years and realised costs up to last month."""
    ensure_defaults(s, project.id)
    categories = list(
        s.scalars(
            select(CostCategory)
            .where(CostCategory.project_id == project.id)
            .order_by(CostCategory.position)
        )
    )
    first_year = today.year - 1
    start = project.start_date or dt.date(first_year, 4, 1)
    for position, (name, months, amounts) in enumerate(_PARTNERS, start=1):
        partner = CostPartner(project_id=project.id, name=name, position=position)
        s.add(partner)
        s.flush()
        for category, yearly in zip(categories, amounts, strict=True):
            for offset, euros in enumerate(yearly):
                s.add(
                    CostBudget(
                        project_id=project.id, partner_id=partner.id, category_id=category.id,
                        year=first_year + offset, amount_cents=euros * 100,
                    )
                )  # fmt: skip
        _realised(s, project, partner, categories, amounts, months, start, today)


def _realised(
    s: Session,
    project: Project,
    partner: CostPartner,
    categories: list[CostCategory],
    amounts: list[tuple[int, int, int]],
    months: int,
    start: dt.date,
    today: dt.date,
) -> None:
    first_year = today.year - 1
    n = 0
    for year in (first_year, first_year + 1):
        first_month = start.month if year == start.year else 1
        months_in_year = 13 - first_month
        month = 1
        while month <= 12:
            last = min(month + months - 1, 12)
            period_start, period_end = dt.date(year, month, 1), month_end(year, last)
            month = last + 1
            if period_end >= today or period_end < start:
                continue
            counted = last - max(period_start.month, first_month) + 1
            for index, category in enumerate(categories):
                yearly_cents = amounts[index][year - first_year] * 100
                pace = _PACE[(n + index) % len(_PACE)]
                if year == first_year and category.code == "rents":
                    pace = 1_120  # the first year's rents ran over
                cents = yearly_cents * counted * pace // (months_in_year * 1000)
                if cents:
                    s.add(
                        CostEntry(
                            project_id=project.id, partner_id=partner.id,
                            category_id=category.id, period_start=period_start,
                            period_end=period_end, amount_cents=cents + 37 * index,
                        )
                    )  # fmt: skip
            n += 1
    s.flush()
