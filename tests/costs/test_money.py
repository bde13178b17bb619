"""Money as cents: reading, writing the Finnish way, shares that add up to the cent."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kastedesk.domain.money import (
    NBSP,
    MoneyError,
    format_basis_points,
    format_cents,
    format_percent,
    parse_cents,
    parse_percent,
    share_of,
    split_cents,
)
from tests.properties import examples, properties


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("521 264,00", 52_126_400),
        (f"521{NBSP}264,00{NBSP}€", 52_126_400),
        ("521264", 52_126_400),
        ("1.234,5", 123_450),
        ("1,234.56", 123_456),
        ("1 000 000", 100_000_000),
        ("-12,30 €", -1_230),
        ("−12,30", -1_230),
        ("0,05", 5),
        (",5", 50),
        ("1234.5600000000001", 123_456),  # float noise from an Excel cell
    ],
)
def test_amounts_are_read_as_cents(text: str, cents: int) -> None:
    assert parse_cents(text) == cents


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("abc", "not a number"),
        ("12,345", "more than two decimals"),  # 12 euros or 12 345? Refused, not guessed.
        ("12.3456", "more than two decimals"),
        ("1.2.3", "not a number"),
        ("12 e", "not a number"),
        ("999 999 999 999,00", "too large"),
    ],
)
def test_bad_amounts_are_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(MoneyError) as info:
        parse_cents(text)
    assert str(info.value) == reason


def test_amounts_are_written_with_no_break_spaces() -> None:
    assert format_cents(52_126_400) == f"521{NBSP}264,00{NBSP}€"
    assert format_cents(-5) == f"-0,05{NBSP}€"
    assert format_cents(100_000_000_00, sign=False) == f"100{NBSP}000{NBSP}000,00"
    assert format_cents(0) == f"0,00{NBSP}€"


def test_percentages_as_in_the_seed() -> None:
    # Seed 003: "521 264 € (97,13 % alkuperäisen ollessa 536 666 €)".
    assert format_percent(52_126_400, 53_666_600) == f"97,13{NBSP}%"
    assert format_percent(24_379_200, 24_318_800) == f"100,25{NBSP}%"
    assert format_percent(1, 0) == ""
    assert format_basis_points(7500) == f"75,00{NBSP}%"
    assert parse_percent("97,13 %") == 9713
    with pytest.raises(MoneyError):
        parse_percent("101 %")


def test_seed_funding_shares() -> None:
    # "521 264 €, josta 390 948 € ulkopuolinen rahoitus (75%)".
    assert share_of(52_126_400, 7500) == 39_094_800
    assert split_cents(52_126_400, [7500, 2500]) == [39_094_800, 13_031_600]


def test_largest_remainder_gives_the_left_over_cents_to_the_biggest_losses() -> None:
    assert split_cents(100, [1, 1, 1]) == [34, 33, 33]
    assert split_cents(1, [7500, 2500]) == [1, 0]
    assert split_cents(3, [7500, 2500]) == [2, 1]  # 2,25 and 0,75: the 0,75 gets the cent
    assert split_cents(10_001, [7500, 2500]) == [7501, 2500]
    assert split_cents(-100, [1, 1, 1]) == [-34, -33, -33]
    assert split_cents(5, [0, 0]) == [5, 0]
    assert split_cents(5, []) == []


@properties
@settings(max_examples=examples(100, 2000))
@given(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=8),
)
def test_shares_always_add_up_and_stay_within_a_cent(total: int, weights: list[int]) -> None:
    parts = split_cents(total, weights)
    assert sum(parts) == total
    whole = sum(weights)
    if whole:
        for part, weight in zip(parts, weights, strict=True):
            assert abs(part * whole - total * weight) < whole  # less than a cent off


@properties
@settings(max_examples=examples(100, 2000))
@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_what_is_written_reads_back(cents: int) -> None:
    assert parse_cents(format_cents(cents)) == cents
