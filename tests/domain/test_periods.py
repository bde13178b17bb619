"""Periods for comparisons over time: parsing FROM..TO, half-years and years, labels."""

from __future__ import annotations

import datetime as dt

import pytest

from kastedesk.domain.periods import Period, half_years, parse_period, years

D = dt.date


def test_parse_finnish_iso_and_open_ended_periods() -> None:
    assert parse_period("1.1.2026..30.6.2026") == Period(D(2026, 1, 1), D(2026, 6, 30))
    assert parse_period(" 2026-07-01..2026-12-31 ") == Period(D(2026, 7, 1), D(2026, 12, 31))
    assert parse_period("..30.6.2026") == Period(None, D(2026, 6, 30))
    assert parse_period("1.7.2026..") == Period(D(2026, 7, 1), None)
    for bad in ("1.1.2026", "..", "1.1.2026..31.2.2026", "x..y", "30.6.2026..1.1.2026"):
        with pytest.raises(ValueError):
            parse_period(bad)


def test_half_years_and_years_with_labels_in_each_language() -> None:
    days = [D(2026, 3, 1), D(2026, 6, 30), D(2026, 7, 1), D(2027, 1, 5)]
    halves = half_years(days)
    assert [(p.start, p.end) for p in halves] == [
        (D(2026, 1, 1), D(2026, 6, 30)),
        (D(2026, 7, 1), D(2026, 12, 31)),
        (D(2027, 1, 1), D(2027, 6, 30)),
    ]
    assert [p.label("fi") for p in halves] == ["kevät 2026", "syksy 2026", "kevät 2027"]
    assert [p.label("sv") for p in halves] == ["våren 2026", "hösten 2026", "våren 2027"]
    assert [p.label("fi") for p in years(days)] == ["vuosi 2026", "vuosi 2027"]
    assert parse_period("1.1.2026..30.6.2026").label("sv") == "1.1.2026–30.6.2026"
    assert halves[0].contains(D(2026, 6, 30)) and not halves[0].contains(D(2026, 7, 1))
