"""The minutes' checking and approval: which step is allowed when, and which dates."""

from __future__ import annotations

import datetime as dt

import pytest

from kastedesk.domain.minutes_review import (
    Approve,
    Check,
    CheckerAnswer,
    CheckerState,
    MinutesReview,
    Reopen,
    ReviewState,
    Send,
    allowed_steps,
    early_minutes_warning,
    step_errors,
    take_step,
    with_checkers,
)
from kastedesk.domain.validation import ValidationError

MEETING = dt.date(2026, 11, 10)
TODAY = dt.date(2026, 11, 30)
D = dt.date


def fresh(memo: bool = False) -> MinutesReview:
    checkers = (CheckerAnswer(), CheckerAnswer()) if memo else (CheckerAnswer(7), CheckerAnswer(8))
    return MinutesReview(MEETING, memo=memo, checkers=checkers)


def test_the_whole_way_from_draft_to_approved_and_back() -> None:
    review = fresh()
    assert review.state is ReviewState.DRAFT
    assert allowed_steps(review) == {Send}
    review = take_step(review, Send(D(2026, 11, 12)), TODAY)
    assert review.state is ReviewState.SENT
    assert allowed_steps(review) == {Send, Check, Reopen}
    review = take_step(review, Check(7, None, "§ 6: nimi väärin"), TODAY)
    assert review.checkers[0].state is CheckerState.COMMENTED
    assert review.state is ReviewState.SENT
    review = take_step(review, Check(7, D(2026, 11, 14)), TODAY)
    assert review.checkers[0].state is CheckerState.CHECKED
    assert review.checkers[0].comment == "§ 6: nimi väärin"  # the remark stays visible
    review = take_step(review, Check(8, D(2026, 11, 16)), TODAY)
    assert review.state is ReviewState.CHECKED
    assert Approve in allowed_steps(review)
    review = take_step(review, Approve(D(2026, 11, 16)), TODAY)
    assert review.state is ReviewState.APPROVED and review.approved_on == D(2026, 11, 16)
    assert allowed_steps(review) == {Reopen}
    review = take_step(review, Reopen("§ 7 korjataan"), TODAY)
    assert review.state is ReviewState.DRAFT
    assert review.approved_on is None and review.sent_on is None
    assert [c.person_id for c in review.checkers] == [7, 8]
    assert all(c.state is CheckerState.WAITING for c in review.checkers)


@pytest.mark.parametrize(
    "on, message",
    [
        (None, "Give the date."),
        (D(2026, 11, 9), "The date cannot be before the meeting (10.11.2026)."),
        (D(2026, 12, 1), "The date cannot be in the future."),
    ],
)
def test_approval_date_not_before_the_meeting_nor_in_the_future(on, message) -> None:
    review = MinutesReview(MEETING, memo=True)
    assert step_errors(review, Approve(on), TODAY) == {"date": message}
    assert step_errors(review, Approve(TODAY), TODAY) == {}
    assert step_errors(review, Approve(MEETING), TODAY) == {}


def test_each_date_follows_the_step_before_it() -> None:
    sent = take_step(fresh(), Send(D(2026, 11, 13)), TODAY)
    assert step_errors(sent, Check(7, D(2026, 11, 12)), TODAY) == {
        "date": "The date cannot be before the minutes were sent for checking (13.11.2026)."
    }
    checked = take_step(sent, Check(7, D(2026, 11, 20)), TODAY)
    checked = take_step(checked, Check(8, D(2026, 11, 18)), TODAY)
    assert step_errors(checked, Approve(D(2026, 11, 19)), TODAY) == {
        "date": "The date cannot be before the minutes were checked (20.11.2026)."
    }
    assert step_errors(fresh(), Send(D(2026, 11, 9)), TODAY)["date"].startswith(
        "The date cannot be before the meeting"
    )


def test_steps_out_of_turn_are_refused_with_the_reason() -> None:
    review = fresh()
    assert step_errors(review, Approve(TODAY), TODAY) == {
        "": "Send the minutes for checking first."
    }
    assert step_errors(review, Check(7, TODAY), TODAY) == {
        "": "The minutes have not been sent for checking."
    }
    sent = take_step(review, Send(TODAY), TODAY)
    half = take_step(sent, Check(7, TODAY), TODAY)
    assert step_errors(half, Approve(TODAY), TODAY) == {
        "": "Both minutes checkers must check the minutes before they are approved."
    }
    assert step_errors(sent, Check(99, TODAY), TODAY) == {
        "checker": "This person is not a minutes checker of the meeting."
    }
    assert "date" in step_errors(sent, Check(7), TODAY)  # neither a date nor a comment
    assert "comment" in step_errors(sent, Check(7, None, "x" * 2001), TODAY)
    assert "comment" in step_errors(sent, Check(7, None, "bad\x00text"), TODAY)
    approved = take_step(take_step(half, Check(8, TODAY), TODAY), Approve(TODAY), TODAY)
    assert step_errors(approved, Send(TODAY), TODAY) == {
        "": "The minutes are approved. Reopen them first."
    }
    assert step_errors(approved, Reopen("  "), TODAY) == {
        "reason": "Write why the approved minutes are reopened."
    }
    with pytest.raises(ValidationError):
        take_step(approved, Check(7, TODAY), TODAY)


def test_formal_minutes_are_sent_only_with_both_checkers_chosen() -> None:
    review = MinutesReview(MEETING, checkers=(CheckerAnswer(7), CheckerAnswer()))
    assert step_errors(review, Send(TODAY), TODAY) == {
        "checker2": "Choose both minutes checkers before sending the minutes for checking."
    }


def test_a_memo_has_no_checkers_and_is_approved_from_a_draft() -> None:
    memo = fresh(memo=True)
    assert allowed_steps(memo) == {Send, Approve}
    sent = take_step(memo, Send(TODAY), TODAY)
    assert sent.state is ReviewState.SENT
    assert step_errors(sent, Check(7, TODAY), TODAY) == {"": "A memo has no minutes checkers."}
    assert take_step(memo, Approve(TODAY), TODAY).state is ReviewState.APPROVED


def test_sending_again_or_changing_a_checker_clears_the_answers_concerned() -> None:
    sent = take_step(fresh(), Send(D(2026, 11, 12)), TODAY)
    answered = take_step(take_step(sent, Check(7, TODAY), TODAY), Check(8, None, "§ 5"), TODAY)
    again = take_step(answered, Send(D(2026, 11, 20)), TODAY)
    assert again.sent_on == D(2026, 11, 20)
    assert all(c.state is CheckerState.WAITING and not c.comment for c in again.checkers)
    changed = with_checkers(answered, 7, 9)
    assert changed.checkers[0] == answered.checkers[0]
    assert changed.checkers[1] == CheckerAnswer(9)


def test_a_warning_for_minutes_of_a_meeting_not_held_yet() -> None:
    assert early_minutes_warning(TODAY, TODAY) == ""
    assert early_minutes_warning(MEETING, TODAY) == ""
    assert "10.12.2026" in early_minutes_warning(D(2026, 12, 10), TODAY)
