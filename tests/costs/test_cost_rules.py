"""Periods, planned against realised, over-budget lines, funding splits and payment claims."""

from __future__ import annotations

import datetime as dt

import pytest

from kastedesk.domain.costs import (
    BudgetCell,
    Funder,
    FundingKind,
    Line,
    PeriodError,
    RealisedCost,
    follow_up,
    format_period,
    funding_problem,
    over_budget_years,
    parse_period,
    payment_claim,
    realised_over_time,
    split_funding,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("3/2014", D(2014, 3, 1), D(2014, 3, 31)),
        ("2014-02", D(2014, 2, 1), D(2014, 2, 28)),
        ("1-4/2014", D(2014, 1, 1), D(2014, 4, 30)),
        ("5–8/2014", D(2014, 5, 1), D(2014, 8, 31)),
        ("Q2/2014", D(2014, 4, 1), D(2014, 6, 30)),
        ("2014 Q4", D(2014, 10, 1), D(2014, 12, 31)),
        ("2014", D(2014, 1, 1), D(2014, 12, 31)),
        ("1.1.2014–15.2.2014", D(2014, 1, 1), D(2014, 2, 15)),
        ("15.3.2014", D(2014, 3, 15), D(2014, 3, 15)),
    ],
)
def test_periods_as_invoices_write_them(text: str, start: dt.date, end: dt.date) -> None:
    assert parse_period(text) == (start, end)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("13/2014", "no such month"),
        ("1.12.2014–31.1.2015", "spans two years"),
        ("4-1/2014", "ends before it starts"),
        ("30.2.2014", "no such date"),
        ("maaliskuu", "not a period"),
        ("3/1999", "year out of range"),
    ],
)
def test_bad_periods_are_refused(text: str, reason: str) -> None:
    with pytest.raises(PeriodError) as info:
        parse_period(text)
    assert str(info.value) == reason


@pytest.mark.parametrize("text", ["3/2014", "1–4/2014", "2014", "1.1.2014–15.2.2014"])
def test_periods_are_written_as_read(text: str) -> None:
    assert format_period(*parse_period(text)) == text


def _cost(partner: int, category: int, period: str, cents: int) -> RealisedCost:
    return RealisedCost(partner, category, *parse_period(period), cents)


BUDGET = [
    BudgetCell(1, 10, 2014, 100_000),
    BudgetCell(1, 11, 2014, 20_000),
    BudgetCell(2, 10, 2014, 50_000),
    BudgetCell(1, 10, 2015, 80_000),
]
COSTS = [
    _cost(1, 10, "1-4/2014", 40_000),
    _cost(1, 11, "Q1/2014", 25_001),  # rents over budget
    _cost(2, 10, "2014", 49_999),
    _cost(1, 10, "3/2015", 10_000),
]


def test_follow_up_sums_every_way_and_adds_up() -> None:
    result = follow_up(BUDGET, COSTS)
    assert result.total == Line(250_000, 125_000)
    assert result.by_partner == {1: Line(200_000, 75_001), 2: Line(50_000, 49_999)}
    assert result.by_category == {10: Line(230_000, 99_999), 11: Line(20_000, 25_001)}
    assert result.by_year == {2014: Line(170_000, 115_000), 2015: Line(80_000, 10_000)}
    for table in (result.by_partner, result.by_category, result.by_year, result.cells):
        assert sum(line.planned for line in table.values()) == result.total.planned
        assert sum(line.realised for line in table.values()) == result.total.realised
    assert result.over_budget_categories() == [11]
    assert result.over_budget_cells() == [(1, 11)]
    assert result.by_category[11].difference == -5_001


def test_a_year_over_budget_shows_even_when_the_project_is_not() -> None:
    costs = [*COSTS, _cost(1, 10, "2/2015", 75_000)]  # 85 000 of 2015's 80 000
    assert follow_up(BUDGET, costs).by_category[10].over_budget is False
    assert over_budget_years(BUDGET, costs) == [(2014, 11, 5_001), (2015, 10, 5_000)]


def test_follow_up_of_one_year_takes_that_year_only() -> None:
    result = follow_up(BUDGET, COSTS, year=2015)
    assert result.total == Line(80_000, 10_000)
    assert result.by_category == {10: Line(80_000, 10_000)}


def test_a_cost_without_a_budget_is_over_budget() -> None:
    result = follow_up([], [_cost(1, 12, "5/2014", 1)])
    assert result.over_budget_categories() == [12]


def test_realised_share_over_time_is_cumulative_by_month_end() -> None:
    points = realised_over_time(COSTS, 250_000)
    assert [(p.day, p.realised) for p in points] == [
        (D(2014, 3, 31), 25_001),
        (D(2014, 4, 30), 65_001),
        (D(2014, 12, 31), 115_000),
        (D(2015, 3, 31), 125_000),
    ]


STATE_OWN = [Funder(FundingKind.STATE_GRANT, 7500, None), Funder(FundingKind.OWN, 2500, None)]


def test_funding_split_adds_up_to_the_cent() -> None:
    split = split_funding(100_001, STATE_OWN)
    assert split.parts == [75_001, 25_000]
    assert split.unassigned == 0
    assert split_funding(0, STATE_OWN).parts == [0, 0]


def test_a_fixed_amount_and_an_incomplete_plan() -> None:
    funders = [
        Funder(FundingKind.STATE_GRANT, 6000, None),
        Funder(FundingKind.OTHER, None, 10_000),
    ]
    split = split_funding(100_000, funders)
    assert split.parts == [60_000, 10_000]
    assert split.unassigned == 30_000


def test_funding_plan_problems() -> None:
    assert funding_problem(STATE_OWN) == ""
    assert funding_problem([*STATE_OWN, Funder(FundingKind.OTHER, 1, None)]) == "shares over 100 %"
    assert funding_problem([Funder(FundingKind.OTHER, None, None)]) == "share or amount missing"


def test_payment_claim_takes_the_costs_inside_the_period() -> None:
    claim = payment_claim(COSTS, D(2014, 1, 1), D(2014, 4, 30), STATE_OWN)
    assert claim.by_category == {10: 40_000, 11: 25_001}
    assert claim.total == 65_001
    assert claim.split.parts == [48_751, 16_250]
    assert sum(claim.split.parts) == claim.total
    assert claim.left_out == 1  # the whole-year invoice reaches past April
