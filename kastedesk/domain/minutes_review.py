"""Checking and approving minutes: a small state machine over dates.

draft → sent for checking (date) → checked by each of the two checkers (a date,
or a comment first) → approved (date), which locks the meeting. Reopening goes
back to a draft; approved minutes are reopened only with a written reason.

A memo (muistio) has no checkers: it is approved straight from a draft or
after being sent round. Every date is checked here: nothing before the meeting
(or before the step it follows), nothing in the future.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum

from kastedesk.domain import text_limits as T
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_date
from kastedesk.i18n import N_, _

COMMENT_MAX = 2_000  # a checker's comment
REASON_MAX = T.LONG_TEXT

# A date earlier than the step it follows (English msgids with {date}).
BEFORE_MEETING = N_("The date cannot be before the meeting ({date}).")
BEFORE_SENT = N_("The date cannot be before the minutes were sent for checking ({date}).")
BEFORE_CHECKED = N_("The date cannot be before the minutes were checked ({date}).")


class ReviewState(StrEnum):
    DRAFT = "draft"
    SENT = "sent"  # sent for checking, waiting for the checkers
    CHECKED = "checked"  # both checkers have checked
    APPROVED = "approved"  # approved: the meeting is locked


REVIEW_STATE_LABELS: dict[ReviewState, str] = {
    ReviewState.DRAFT: N_("minutes draft"),
    ReviewState.SENT: N_("sent for checking"),
    ReviewState.CHECKED: N_("checked"),
    ReviewState.APPROVED: N_("approved"),
}


class CheckerState(StrEnum):
    WAITING = "waiting"
    COMMENTED = "commented"  # answered with a comment: not checked yet
    CHECKED = "checked"


@dataclass(frozen=True)
class CheckerAnswer:
    person_id: int | None = None  # None: no checker chosen for this place
    checked_on: dt.date | None = None
    comment: str = ""

    @property
    def state(self) -> CheckerState:
        if self.checked_on is not None:
            return CheckerState.CHECKED
        return CheckerState.COMMENTED if self.comment else CheckerState.WAITING


NO_ANSWER = CheckerAnswer()


@dataclass(frozen=True)
class MinutesReview:
    meeting_date: dt.date
    memo: bool = False
    checkers: tuple[CheckerAnswer, CheckerAnswer] = (NO_ANSWER, NO_ANSWER)
    sent_on: dt.date | None = None
    approved: bool = False
    approved_on: dt.date | None = None

    @property
    def state(self) -> ReviewState:
        if self.approved:
            return ReviewState.APPROVED
        if self.sent_on is None:
            return ReviewState.DRAFT
        if not self.memo and all(c.state is CheckerState.CHECKED for c in self.checkers):
            return ReviewState.CHECKED
        return ReviewState.SENT

    def checker_place(self, person_id: int) -> int | None:
        """0 or 1 for the first or second checker; None when *person_id* is neither."""
        for place, answer in enumerate(self.checkers):
            if answer.person_id is not None and answer.person_id == person_id:
                return place
        return None


# --- the steps ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Send:
    on: dt.date | None


@dataclass(frozen=True)
class Check:
    checker_id: int | None
    on: dt.date | None = None  # None with a comment: the checker has remarks
    comment: str = ""


@dataclass(frozen=True)
class Approve:
    on: dt.date | None


@dataclass(frozen=True)
class Reopen:
    reason: str = ""


Step = Send | Check | Approve | Reopen


def allowed_steps(review: MinutesReview) -> frozenset[type]:
    """Which steps the state allows (the buttons to enable)."""
    state = review.state
    if state is ReviewState.APPROVED:
        return frozenset({Reopen})
    steps: set[type] = {Send}
    if state is not ReviewState.DRAFT:
        steps.add(Reopen)
        if not review.memo:
            steps.add(Check)
    if review.memo or state is ReviewState.CHECKED:
        steps.add(Approve)
    return frozenset(steps)


def _date_errors(
    name: str, on: dt.date | None, today: dt.date, earliest: list[tuple[dt.date | None, str]]
) -> dict[str, str]:
    """*on* is given, not in the future and not before any of *earliest* (date, message)."""
    if on is None:
        return {name: _("Give the date.")}
    if on > today:
        return {name: _("The date cannot be in the future.")}
    for limit, message in earliest:
        if limit is not None and on < limit:
            return {name: _(message).format(date=format_date(limit))}
    return {}


def _not_allowed(review: MinutesReview, step: Step) -> str:
    state = review.state
    if state is ReviewState.APPROVED:
        return _("The minutes are approved. Reopen them first.")
    if isinstance(step, Approve):
        if state is ReviewState.DRAFT:
            return _("Send the minutes for checking first.")
        return _("Both minutes checkers must check the minutes before they are approved.")
    if isinstance(step, Check) and review.memo:
        return _("A memo has no minutes checkers.")
    if isinstance(step, Check | Reopen):
        return _("The minutes have not been sent for checking.")
    return _("This step is not possible now.")


def step_errors(review: MinutesReview, step: Step, today: dt.date) -> dict[str, str]:
    """Why *step* cannot be taken now ({field: message}; empty when it can)."""
    if type(step) not in allowed_steps(review):
        return {"": _not_allowed(review, step)}
    if isinstance(step, Send):
        errors = _date_errors("date", step.on, today, [(review.meeting_date, BEFORE_MEETING)])
        if not review.memo:
            for place, answer in enumerate(review.checkers, start=1):
                if answer.person_id is None:
                    errors[f"checker{place}"] = _(
                        "Choose both minutes checkers before sending the minutes for checking."
                    )
        return errors
    if isinstance(step, Check):
        errors = {}
        if step.checker_id is None or review.checker_place(step.checker_id) is None:
            errors["checker"] = _("This person is not a minutes checker of the meeting.")
        comment = step.comment.strip()
        if step.on is None and not comment:
            errors["date"] = _("Give the date the minutes were checked, or the checker's comment.")
        elif step.on is not None:
            errors.update(_date_errors("date", step.on, today, [(review.sent_on, BEFORE_SENT)]))
        if problem := T.text_problem(comment, COMMENT_MAX, multi_line=True):
            errors["comment"] = problem
        return errors
    if isinstance(step, Approve):
        latest_check = max(
            (c.checked_on for c in review.checkers if c.checked_on and not review.memo),
            default=None,
        )
        return _date_errors(
            "date",
            step.on,
            today,
            [
                (review.meeting_date, BEFORE_MEETING),
                (review.sent_on, BEFORE_SENT),
                (latest_check, BEFORE_CHECKED),
            ],
        )
    reason = step.reason.strip()
    if review.state is ReviewState.APPROVED and not reason:
        return {"reason": _("Write why the approved minutes are reopened.")}
    if problem := T.text_problem(reason, REASON_MAX, multi_line=True):
        return {"reason": problem}
    return {}


def take_step(review: MinutesReview, step: Step, today: dt.date) -> MinutesReview:
    """The review after *step*; ValidationError (by field) when the step is not allowed."""
    if errors := step_errors(review, step, today):
        raise ValidationError(errors)
    if isinstance(step, Send):
        # Sent (again): every earlier answer was about the earlier text.
        return replace(review, sent_on=step.on, checkers=_unanswered(review))
    if isinstance(step, Check):
        assert step.checker_id is not None
        place = review.checker_place(step.checker_id)
        assert place is not None
        old = review.checkers[place]
        answer = CheckerAnswer(old.person_id, step.on, step.comment.strip() or old.comment)
        checkers = list(review.checkers)
        checkers[place] = answer
        return replace(review, checkers=(checkers[0], checkers[1]))
    if isinstance(step, Approve):
        return replace(review, approved=True, approved_on=step.on)
    return replace(
        review, sent_on=None, approved=False, approved_on=None, checkers=_unanswered(review)
    )


def _unanswered(review: MinutesReview) -> tuple[CheckerAnswer, CheckerAnswer]:
    first, second = review.checkers
    return CheckerAnswer(first.person_id), CheckerAnswer(second.person_id)


def with_checkers(review: MinutesReview, first: int | None, second: int | None) -> MinutesReview:
    """New checkers chosen: a place whose person changes loses its answer."""
    answers = []
    for answer, person in zip(review.checkers, (first, second), strict=True):
        answers.append(answer if answer.person_id == person else CheckerAnswer(person))
    return replace(review, checkers=(answers[0], answers[1]))


def minutes_before_meeting(meeting_date: dt.date, today: dt.date) -> bool:
    """Writing minutes for a meeting that has not been held yet (a warning, not a refusal)."""
    return meeting_date > today


def early_minutes_warning(meeting_date: dt.date, today: dt.date) -> str:
    """The warning shown when minutes are written before the meeting; "" otherwise."""
    if not minutes_before_meeting(meeting_date, today):
        return ""
    return _(
        "The meeting is on {date} and has not been held yet: these minutes are written "
        "before the meeting."
    ).format(date=format_date(meeting_date))


def review_summary(review: MinutesReview) -> str:
    """ "sent for checking 12.11.2026 (1/2 checked)", "approved 16.11.2026", "minutes draft"."""
    state = review.state
    label = _(REVIEW_STATE_LABELS[state])
    on = {ReviewState.SENT: review.sent_on, ReviewState.APPROVED: review.approved_on}.get(state)
    text = f"{label} {format_date(on)}" if on else label
    if state is ReviewState.SENT and not review.memo:
        done = sum(1 for c in review.checkers if c.state is CheckerState.CHECKED)
        text += " " + _("({done}/2 checked)").format(done=done)
    return text
