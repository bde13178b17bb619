"""The evaluation matrix's rules as plain functions."""

from __future__ import annotations

import datetime as dt

import pytest

from kastedesk.domain import evaluation as rules
from kastedesk.domain.evaluation import Change, RoundKind


@pytest.mark.parametrize(
    ("raw", "rating"),
    [
        (1, 1),
        (3, 3),
        ("2", 2),
        (" 3. ", 3),
        (2.0, 2),
        ("", None),
        (0, None),
        ("0", None),
        (None, None),
    ],
)
def test_ratings_read_from_keys_and_files(raw, rating) -> None:
    assert rules.parse_rating(raw) == rating


@pytest.mark.parametrize("raw", [4, -1, "x", "1,5", 2.5, True, "12"])
def test_ratings_outside_the_scale_are_refused(raw) -> None:
    with pytest.raises(ValueError, match="1, 2 or 3"):
        rules.parse_rating(raw)


def test_counts_and_share_realised_are_taken_among_the_assessed() -> None:
    counts = rules.count_ratings([1, 2, 3, 3, None, None])
    assert (counts.ones, counts.twos, counts.threes, counts.not_assessed) == (1, 1, 2, 2)
    assert counts.assessed == 4 and counts.total == 6 and counts.realised == 3
    assert counts.share_realised == pytest.approx(0.75)
    assert rules.count_ratings([None]).share_realised is None


def test_summary_per_goal_and_per_region() -> None:
    summary = rules.summarize(
        [("g1", "10", 3), ("g1", "13", 1), ("g2", "10", None), ("g2", "13", 2)]
    )
    assert summary.by_goal["g1"] == rules.RatingCounts(1, 0, 1, 0)
    assert summary.by_goal["g2"] == rules.RatingCounts(0, 1, 0, 1)
    assert summary.by_region["10"] == rules.RatingCounts(0, 0, 1, 1)
    assert summary.by_region["13"].share_realised == pytest.approx(0.5)
    assert summary.total.total == 4


@pytest.mark.parametrize(
    ("before", "after", "change"),
    [
        (1, 2, Change.BETTER),
        (3, 2, Change.WORSE),
        (2, 2, Change.SAME),
        (None, 1, Change.NEW),
        (2, None, Change.REMOVED),
        (None, None, None),
    ],
)
def test_round_comparison_per_cell(before, after, change) -> None:
    assert rules.compare_ratings(before, after) == change


def test_changes_are_counted_by_kind() -> None:
    counts = rules.count_changes([Change.BETTER, Change.BETTER, None, Change.NEW])
    assert counts[Change.BETTER] == 2 and counts[Change.NEW] == 1 and counts[Change.WORSE] == 0


def test_retired_measures_stay_where_they_were_rated_or_earlier() -> None:
    retired_on = dt.date(2013, 1, 1)
    assert rules.measure_in_round(False, None, dt.date(2014, 1, 1), False)
    assert rules.measure_in_round(True, retired_on, dt.date(2012, 6, 1), False)
    assert not rules.measure_in_round(True, retired_on, dt.date(2013, 6, 1), False)
    assert rules.measure_in_round(True, retired_on, dt.date(2013, 6, 1), True)
    assert not rules.measure_in_round(True, None, None, False)


def test_cell_uuids_are_the_same_on_every_laptop_and_differ_per_cell() -> None:
    a = rules.cell_uuid("r", "m", "10")
    assert a == rules.cell_uuid("r", "m", "10")
    assert len({a, rules.cell_uuid("r", "m", "13"), rules.goal_comment_uuid("r", "m", "10")}) == 3


def test_texts_with_control_characters_or_absurd_size_are_refused() -> None:
    assert rules.text_error("Kuntakäynnit\nkaikkiin kuntiin") == ""
    assert "control" in rules.text_error("a\x07b")
    assert "at most" in rules.text_error("x" * (rules.MAX_TEXT + 1))
    assert rules.text_error("Teema\nkahdella rivillä", rules.MAX_SHORT_TEXT, multi_line=False)
    assert "name" in rules.round_error(RoundKind.NAMED, "Kevät\n2014")
    assert rules.text_error("  ", required=True)


def test_reopening_needs_a_reason_and_named_rounds_a_name() -> None:
    assert rules.reopen_reason_error(" ")
    assert rules.reopen_reason_error("Keski-Suomen arvio puuttui") == ""
    assert "name" in rules.round_error(RoundKind.NAMED, "")
    assert rules.round_error(RoundKind.MIDTERM, "") == {}
    assert "kind" in rules.round_error("weekly", "")
