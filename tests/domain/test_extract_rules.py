"""Which § items an extract may carry, and how they are typed."""

from __future__ import annotations

import datetime as dt

import pytest

from kastedesk import i18n
from kastedesk.domain.extracts import (
    check_certification_date,
    check_extract,
    parse_sections,
    section_list,
)
from kastedesk.domain.meetings import MeetingStatus
from kastedesk.domain.validation import ValidationError


@pytest.mark.parametrize(
    ("text", "sections"),
    [
        ("7", (7,)),
        ("7,8", (7, 8)),
        (" 8 , 7 ,8", (7, 8)),
        ("7-9", (7, 8, 9)),
        ("§ 7, 9–10", (7, 9, 10)),
        ("12,3-4", (3, 4, 12)),
    ],
)
def test_sections_are_read_sorted_and_once(text: str, sections: tuple[int, ...]) -> None:
    assert parse_sections(text) == sections


@pytest.mark.parametrize(
    "text", ["", " ", "x", "7,", "7;8", "9-7", "0", "7-", "-7", "1-100000", "7" * 300, "7.5"]
)
def test_bad_section_lists_are_refused_with_the_way_to_write_them(text: str) -> None:
    with pytest.raises(ValueError, match="7,8 or 7-9"):
        parse_sections(text)


def test_refusal_in_the_users_language() -> None:
    i18n.set_language("fi")
    with pytest.raises(ValueError, match="muodossa 7,8 tai 7-9"):
        parse_sections("seitsemän")


SECTIONS = range(1, 11)
DECIDED = {1, 2, 7, 10}


def _refusal(**changes) -> dict[str, str]:
    values = {
        "status": MeetingStatus.APPROVED,
        "wanted": [7],
        "sections": SECTIONS,
        "decided": DECIDED,
        "secretary": "Satu Tuominen",
    }
    values.update(changes)
    with pytest.raises(ValidationError) as raised:
        check_extract(**values)
    return raised.value.errors


def test_a_held_meetings_decided_items_with_a_secretary_pass() -> None:
    for status in (MeetingStatus.HELD, MeetingStatus.APPROVED):
        check_extract(status, [1, 7, 10], SECTIONS, DECIDED, "Satu Tuominen")


def test_meeting_not_yet_held_is_refused() -> None:
    for status in (MeetingStatus.DRAFT, MeetingStatus.AGENDA_SENT):
        assert "not been held" in _refusal(status=status)["items"]


def test_sections_that_do_not_exist_are_named_with_the_ones_that_do() -> None:
    assert _refusal(wanted=[7, 11, 12])["items"] == (
        "The meeting has no § 11, 12; its items are § 1–10."
    )
    assert _refusal(wanted=[1], sections=[])["items"] == "The meeting has no § items."


def test_items_without_a_decision_are_named() -> None:
    assert _refusal(wanted=[3])["items"].startswith("§ 3 has no decision")
    assert _refusal(wanted=[3, 7, 8])["items"].startswith("§ 3, 8 have no decision")


def test_nothing_chosen_or_no_secretary_is_refused() -> None:
    assert "Choose" in _refusal(wanted=[])["items"]
    assert "no secretary" in _refusal(secretary="  ")[""]


def test_section_list() -> None:
    assert section_list([7, 8, 12]) == "7, 8, 12"


def test_certified_on_or_after_the_meeting_day() -> None:
    day = dt.date(2026, 11, 3)
    check_certification_date(day, day)
    check_certification_date(dt.date(2027, 1, 2), day)
    with pytest.raises(ValidationError) as raised:
        check_certification_date(dt.date(2026, 11, 2), day)
    assert raised.value.errors == {
        "date": "The extract cannot be certified before the meeting (3.11.2026)."
    }
