import datetime as dt

import pytest

from kastedesk import i18n
from kastedesk.formatting import (
    format_count,
    format_date,
    format_datetime,
    format_meeting_time,
    format_number,
    format_time,
    format_time_range,
    format_weekday_date,
    parse_date,
    parse_time,
)

DAY = dt.date(2014, 9, 23)


def test_dates_and_times_are_written_the_finnish_way() -> None:
    assert format_date(DAY) == "23.9.2014"
    assert format_time(dt.time(9, 5)) == "9.05"
    assert format_time_range(dt.time(12, 30), dt.time(13, 30)) == "12.30–13.30"
    assert format_datetime(dt.datetime(2014, 9, 23, 12, 30)) == "23.9.2014 12.30"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fi", "ti 23.9.2014 klo 12.30–13.30"),
        ("sv", "tis 23.9.2014 kl. 12.30–13.30"),
        ("en", "Tue 23.9.2014 at 12.30–13.30"),
    ],
)
def test_meeting_time_in_each_language(lang: str, expected: str) -> None:
    assert format_meeting_time(DAY, dt.time(12, 30), dt.time(13, 30), lang) == expected


def test_weekday_follows_the_current_language() -> None:
    i18n.set_language("sv")
    assert format_weekday_date(DAY) == "tis 23.9.2014"


def test_numbers_use_locale_separators() -> None:
    assert format_number(1234.5, "fi") == "1\xa0234,5"
    assert format_number(1234.5, "sv") == "1\xa0234,5"


def test_counts_have_their_thousands_apart_with_a_no_break_space() -> None:
    assert format_count(7, "fi") == "7"
    assert format_count(12500, "fi") == "12\xa0500"
    assert format_count(50000, "sv") == "50\xa0000"
    assert format_count(1234567, "fi") == "1\xa0234\xa0567"
    i18n.set_language("sv")
    assert format_count(1000) == "1\xa0000"  # the interface language by default


def test_parse_finnish_and_iso_dates() -> None:
    assert parse_date("23.9.2014") == DAY
    assert parse_date(" 2014-09-23 ") == DAY
    assert parse_date("1.1.15") == dt.date(2015, 1, 1)
    for bad in ("", "32.1.2014", "23/9/2014", "x.y.z"):
        with pytest.raises(ValueError):
            parse_date(bad)


def test_parse_times() -> None:
    assert parse_time("12.30") == dt.time(12, 30)
    assert parse_time("9:05") == dt.time(9, 5)
    assert parse_time("14") == dt.time(14, 0)
    for bad in ("", "25.00", "12.3x", "noon"):
        with pytest.raises(ValueError):
            parse_time(bad)


def test_means_have_two_decimals_and_shares_a_percent_sign_in_every_language() -> None:
    from kastedesk.formatting import format_mean, format_percent

    for lang in ("fi", "sv", "en"):
        assert format_mean(4, lang) == "4,00"
        assert format_mean(3.6666, lang) == "3,67"
        assert format_percent(2, 3, lang) == "67 %"
    assert format_percent(0, 0, "fi") == "0 %"
    assert format_percent(30, 48, "fi") == "63 %"  # half up, not to even


def test_format_size() -> None:
    from kastedesk.formatting import format_size

    assert format_size(512) == "512 B"
    assert format_size(331_776) == "332 kB"
    assert format_size(1_234_567, "fi") == "1,2 MB"
    assert format_size(1_234_567, "sv") == "1,2 MB"
