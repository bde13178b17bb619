"""The backlog rules: what waits, where it may go, and the standard wording."""

from __future__ import annotations

import datetime as dt

import pytest

from kastedesk.domain.backlog import (
    BacklogEntry,
    BacklogReason,
    ItemOutcome,
    outcome_decision,
    outcome_problem,
    parse_outcome,
    reference_line,
    take_up_problem,
    waiting,
    with_reference,
)

SEPT = dt.date(2014, 9, 23)


def _entry(id: int, reason=BacklogReason.TABLED, on=SEPT, section=7, meeting=1, **kw):
    if reason is BacklogReason.PARKED:
        return BacklogEntry(reason, id, f"Asia {id}", **kw)
    return BacklogEntry(reason, id, f"Asia {id}", "", meeting, on, section, **kw)


def test_reference_lines_in_both_languages() -> None:
    assert reference_line(BacklogReason.TABLED, SEPT, 7, "fi") == "Asia on pöydätty 23.9.2014 § 7."
    assert reference_line(BacklogReason.TABLED, SEPT, 7, "sv") == "Ärendet bordlades 23.9.2014 § 7."
    assert reference_line(BacklogReason.POSTPONED, SEPT, 12, "fi") == (
        "Asian käsittelyä on siirretty 23.9.2014 § 12."
    )
    assert _entry(1).reference("sv") == "Ärendet bordlades 23.9.2014 § 7."
    assert _entry(2, BacklogReason.PARKED).reference("fi") == ""


def test_the_reference_goes_first_in_the_background() -> None:
    assert with_reference("Asia on pöydätty 23.9.2014 § 7.", "  Selostus.\n") == (
        "Asia on pöydätty 23.9.2014 § 7.\n\nSelostus."
    )
    assert with_reference("Ärendet bordlades 23.9.2014 § 7.", "") == (
        "Ärendet bordlades 23.9.2014 § 7."
    )


def test_outcome_wording_and_unknown_values() -> None:
    assert outcome_decision(ItemOutcome.TABLED, "fi") == "Asia jätettiin pöydälle."
    assert outcome_decision("tabled", "sv") == "Ärendet bordlades."
    assert outcome_decision("withdrawn", "fi") == "Asia poistettiin esityslistalta."
    assert outcome_decision("decided", "fi") == ""
    assert parse_outcome("nonsense") is ItemOutcome.DECIDED
    assert parse_outcome("") is ItemOutcome.DECIDED


def test_only_own_items_are_tabled() -> None:
    assert outcome_problem("own", "tabled") is None
    assert outcome_problem("opening", "decided") is None
    assert outcome_problem("opening", "tabled") is not None
    assert outcome_problem("own", "vanished") is not None


def test_waiting_leaves_out_taken_up_items_and_sorts_oldest_first() -> None:
    entries = [
        _entry(5, BacklogReason.PARKED),
        _entry(3, on=dt.date(2014, 10, 1), section=8, meeting=2),
        _entry(4, BacklogReason.POSTPONED, section=9),
        _entry(2, section=7),
        _entry(1, section=6, taken_up=True),
        _entry(6, BacklogReason.PARKED, taken_up=True),
    ]
    assert [e.key for e in waiting(entries)] == [
        ("item", 2), ("item", 4), ("item", 3), ("parked", 5),
    ]  # fmt: skip


def test_a_meeting_gets_only_what_was_handled_before_it() -> None:
    entries = [_entry(1, meeting=1), _entry(2, on=dt.date(2014, 10, 1), meeting=2)]
    for_second = waiting(entries, meeting_id=2, meeting_date=dt.date(2014, 10, 1))
    assert [e.id for e in for_second] == [1]
    for_third = waiting(entries, meeting_id=3, meeting_date=dt.date(2014, 11, 5))
    assert [e.id for e in for_third] == [1, 2]
    assert take_up_problem(entries[1], 2, dt.date(2014, 10, 1)) is not None
    assert take_up_problem(entries[1], 9, dt.date(2014, 9, 30)) is not None
    assert take_up_problem(_entry(3, taken_up=True), 9, dt.date(2015, 1, 1)) is not None
    assert take_up_problem(_entry(4, BacklogReason.PARKED), 9, dt.date(2000, 1, 1)) is None


@pytest.mark.parametrize("outcome", list(ItemOutcome))
def test_every_outcome_but_decided_has_wording_in_both_languages(outcome) -> None:
    for lang in ("fi", "sv"):
        assert bool(outcome_decision(outcome, lang)) == (outcome is not ItemOutcome.DECIDED)
