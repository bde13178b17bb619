"""Feedback results counted in SQL: responses, distributions, means, comments.

Answers are grouped by (question key, value) in one GROUP BY query, so a
summary over tens of thousands of responses takes a fraction of a second.
Questions are combined over form versions by their stable key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TypeVarTuple, cast

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from kastedesk.domain.feedback_counts import responses_for_participants, too_many_responses
from kastedesk.domain.feedback_forms import QuestionKind, QuestionSpec, chosen_options
from kastedesk.domain.periods import Period, half_years, years
from kastedesk.domain.regions import region_name
from kastedesk.domain.workshops import WorkshopScope, title_in
from kastedesk.i18n import _
from kastedesk.services.feedback_forms import spec_of
from kastedesk.services.workshop_scope import scope_conditions
from kastedesk.storage.database import Database
from kastedesk.storage.models.feedback import (
    FeedbackAnswer,
    FeedbackForm,
    FeedbackQuestion,
    FeedbackResponse,
)
from kastedesk.storage.models.workshops import Workshop, WorkshopModule
from kastedesk.storage.plain_rows import plain_rows

_Ts = TypeVarTuple("_Ts")  # a query's column types, kept through filtering


@dataclass(frozen=True)
class ResultFilter(WorkshopScope):
    workshop_id: int | None = None  # one workshop's responses only


@dataclass
class QuestionStats:
    key: str
    question: QuestionSpec  # as worded in the newest version answered
    answered: int = 0
    counts: dict[int, int] = field(default_factory=dict)  # value -> responses
    mean: float | None = None  # scale questions only
    comments: list[str] = field(default_factory=list)  # free text only
    # where each comment was written, in the same order: (workshop title, Swedish title,
    # region code)
    sources: list[tuple[str, str, str | None]] = field(default_factory=list)

    def comment_lines(self, lang: str) -> list[str]:
        """ "Hyvä päivä (Työpaja A Vaasa, Pohjanmaa)": each comment with where it came from."""
        lines = []
        for text, (title, title_sv, region) in zip(self.comments, self.sources, strict=False):
            where = ", ".join(filter(None, [title_in(title, title_sv, lang),
                                            region_name(region, lang)]))  # fmt: skip
            lines.append(f"{text} ({where})" if where else text)
        return lines or list(self.comments)

    @property
    def kind(self) -> QuestionKind:
        return self.question.kind

    def distribution(self) -> list[tuple[int, int]]:
        """(value, count) for every possible value, zeros included, in order."""
        return [(v, self.counts.get(v, 0)) for v in self.question.values()]


@dataclass(frozen=True)
class OverCount:
    """A workshop with more responses than participants."""

    workshop_id: int
    title: str
    responses: int
    attended: int

    def text(self) -> str:
        return f"{self.title}: {responses_for_participants(self.responses, self.attended)}"


@dataclass
class Summary:
    responses: int
    questions: list[QuestionStats]
    over_participants: list[OverCount] = field(default_factory=list)

    def question(self, key: str) -> QuestionStats | None:
        return next((q for q in self.questions if q.key == key), None)


@dataclass
class Comparison:
    """Mean of each scale question per region, module or period."""

    by: str  # "region", "module" or "period"
    groups: list[str]  # region codes, module codes or period numbers, in order
    responses: dict[str, int]
    questions: list[QuestionStats]  # the scale questions compared (stats over all groups)
    means: dict[tuple[str, str], float]  # (question key, group) -> mean
    periods: dict[str, Period] = field(default_factory=dict)  # by period: group -> period
    answered: dict[tuple[str, str], int] = field(default_factory=dict)  # (key, group) -> n

    def group_label(self, group: str, lang: str) -> str:
        if self.by == "period":
            return self.periods[group].label(lang)
        return region_name(group, lang) or group if self.by == "region" else group


def filter_responses(query: Select[*_Ts], where: ResultFilter) -> Select[*_Ts]:
    """Restrict a query that already joins FeedbackResponse to the chosen workshops."""
    query = query.join(Workshop, Workshop.id == FeedbackResponse.workshop_id).where(
        FeedbackResponse.deleted_at.is_(None)
    )
    if where.workshop_id is not None:
        query = query.where(FeedbackResponse.workshop_id == where.workshop_id)
    if where.module:
        query = query.join(WorkshopModule, WorkshopModule.id == Workshop.module_id)
    return query.where(*scope_conditions(where))


def answered_questions(session: Session, where: ResultFilter) -> list[QuestionStats]:
    """One entry per question key among the forms answered, newest wording, form order."""
    return _answered(session, where)[0]


def _answered(
    session: Session, where: ResultFilter
) -> tuple[list[QuestionStats], dict[int, QuestionStats], int]:
    """:func:`answered_questions`, each question row's id -> the entry of its key, and
    the number of responses (one walk over the responses for both)."""
    per_form = session.execute(
        filter_responses(
            select(FeedbackResponse.form_id, func.count(FeedbackResponse.id)), where
        ).group_by(FeedbackResponse.form_id)
    ).all()
    return _questions_of(session, {form_id: n for form_id, n in per_form})


def _questions_of(
    session: Session, per_form: dict[int, int]
) -> tuple[list[QuestionStats], dict[int, QuestionStats], int]:
    """What :func:`_answered` says, from the number of responses per form."""
    forms = session.scalars(
        select(FeedbackForm)
        .where(FeedbackForm.id.in_(per_form))
        .options(selectinload(FeedbackForm.questions).selectinload(FeedbackQuestion.options))
        .order_by(FeedbackForm.id.desc())
    ).all()
    stats: dict[str, QuestionStats] = {}
    for form in forms:  # newest first: its wording and order win
        for question in spec_of(form).questions:
            stats.setdefault(question.key, QuestionStats(question.key, question))
    by_id = {q.id: stats[q.key] for form in forms for q in form.questions if q.key in stats}
    return list(stats.values()), by_id, sum(per_form.values())


def count_responses(session: Session, where: ResultFilter) -> int:
    return session.scalar(filter_responses(select(func.count(FeedbackResponse.id)), where)) or 0


def walks_the_answer_index(in_scope: int, of_the_forms: int) -> bool:
    """Whether a summary counts the answers by walking the question-and-value index.

    *in_scope* responses are summarised out of *of_the_forms*, every response of the
    same forms. The walk reads the answers of all of those (about 1.6 µs per response on
    the development machine, with 50,000) and needs no sorting; reading each response's
    answers in turn costs about 3.9 µs per response in scope. So the walk when the scope
    holds at least two fifths of them (a project, a year), the responses otherwise (a
    workshop, a region).
    """
    return in_scope * 5 >= of_the_forms * 2


def _answer_counts(
    session: Session, where: ResultFilter, per_form: dict[int, int], question_ids: list[int]
) -> Select[int, int | None, int]:
    """(question id, value, count) of the answered values in scope, in one statement
    chosen by :func:`walks_the_answer_index` (one count of the forms' responses first)."""
    grouping = (FeedbackAnswer.question_id, FeedbackAnswer.value)
    if per_form and 0 < len(question_ids) <= 900:  # the parameters a statement may carry
        of_the_forms = session.scalar(
            select(func.count())
            .select_from(FeedbackResponse)
            .where(FeedbackResponse.form_id.in_(per_form))
        )
        if walks_the_answer_index(sum(per_form.values()), of_the_forms or 0):
            # The answers' questions are those of the forms in scope: the condition on the
            # question leads the database to the index (question, value, response), whose
            # response it checks against the responses in scope (migration 0019).
            in_scope = filter_responses(select(FeedbackResponse.id), where)
            return (
                select(*grouping, func.count())
                .where(
                    FeedbackAnswer.question_id.in_(question_ids),
                    FeedbackAnswer.value.is_not(None),
                    FeedbackAnswer.response_id.in_(in_scope),
                )
                .group_by(*grouping)
            )
    return filter_responses(
        select(*grouping, func.count())
        .select_from(FeedbackAnswer)
        .join(FeedbackResponse, FeedbackResponse.id == FeedbackAnswer.response_id)
        .where(FeedbackAnswer.value.is_not(None)),
        where,
    ).group_by(*grouping)


def summarize(db: Database, where: ResultFilter | None = None) -> Summary:
    where = where or ResultFilter()
    with db.read() as session:
        # The driver's rows for the three column queries (plain_rows): the ORM's row
        # handling, for tens of thousands of comments, cost more than reading them.
        connection = session.connection()
        # One walk over the responses counts them per workshop and per form.
        per_pair = filter_responses(
            select(
                Workshop.id,
                Workshop.title,
                Workshop.title_sv,
                Workshop.region,
                Workshop.attended,
                FeedbackResponse.form_id,
                func.count(FeedbackResponse.id),
            ).select_from(FeedbackResponse),
            where,
        ).group_by(Workshop.id, FeedbackResponse.form_id)
        per_form: dict[int, int] = {}
        per_workshop: dict[int, tuple[str, int | None, int]] = {}
        origins: dict[int, tuple[str, str, str | None]] = {}  # workshop -> a comment's source
        # fetchall, one call, rather than a row at a time (the same below)
        for wid, title, title_sv, region, attended, form_id, n in plain_rows(
            connection.execute(per_pair)
        ):
            per_form[form_id] = per_form.get(form_id, 0) + n
            counted_before = per_workshop.get(wid, (title, attended, 0))[2]
            per_workshop[wid] = (title, attended, counted_before + n)
            origins[wid] = (title, title_sv, region)
        questions, by_id, responses = _questions_of(session, per_form)
        over = [
            OverCount(wid, title, n, attended)
            for wid, (title, attended, n) in per_workshop.items()
            if attended is not None and too_many_responses(n, attended)
        ]
        # Grouped by question id and value, keys matched in Python.
        counted = _answer_counts(session, where, per_form, list(by_id))
        masks: dict[str, int] = {}  # multiple choice: responses answering it
        # value is never NULL here: the query keeps answered values only.
        answers = cast("Iterable[tuple[int, int, int]]", plain_rows(connection.execute(counted)))
        for question_id, value, count in answers:
            if (stats := by_id.get(question_id)) is None:
                continue
            if stats.kind is QuestionKind.MULTI:  # a mask: count each ticked option
                masks[stats.key] = masks.get(stats.key, 0) + count
                for option in chosen_options(value):
                    stats.counts[option] = stats.counts.get(option, 0) + count
            else:
                stats.counts[value] = stats.counts.get(value, 0) + count
        # Comments of the free-text questions only: found through the question index
        # instead of a second walk over every answer. Each names its workshop by id; the
        # workshop's titles and region are those read above, not copied into every row.
        text_ids = [i for i, q in by_id.items() if q.kind is QuestionKind.TEXT]
        texts = filter_responses(
            select(FeedbackAnswer.question_id, FeedbackAnswer.text, Workshop.id)
            .select_from(FeedbackAnswer)
            .join(FeedbackResponse, FeedbackResponse.id == FeedbackAnswer.response_id)
            .where(FeedbackAnswer.question_id.in_(text_ids), FeedbackAnswer.text.is_not(None)),
            where,
        ).order_by(Workshop.date, FeedbackResponse.id)
        # text is never NULL here: the query keeps written comments only.
        comments = cast("Iterable[tuple[int, str, int]]", plain_rows(connection.execute(texts)))
        for question_id, text, workshop_id in comments:
            if (stats := by_id.get(question_id)) is not None:
                stats.comments.append(text)
                stats.sources.append(origins[workshop_id])
    for q in questions:
        q.answered = (
            masks.get(q.key, 0)
            if q.kind is QuestionKind.MULTI
            else (sum(q.counts.values()) + len(q.comments))
        )
        if q.kind is QuestionKind.SCALE and q.counts:
            total = sum(q.counts.values())
            q.mean = sum(v * n for v, n in q.counts.items()) / total
    return Summary(responses, questions, sorted(over, key=lambda o: (o.title, o.workshop_id)))


def compare(
    db: Database,
    where: ResultFilter | None = None,
    by: str = "region",
    summary: Summary | None = None,
) -> Comparison:
    """Means of the scale questions side by side per region or per module.

    *summary* is the summary for the same filter when the caller already has it.
    """
    where = where or ResultFilter()
    if by not in ("region", "module"):
        raise ValueError(by)
    summary = summary or summarize(db, where)
    scale = [q for q in summary.questions if q.kind is QuestionKind.SCALE]
    group_col = Workshop.region if by == "region" else WorkshopModule.code

    def grouped(query: Select[*_Ts]) -> Select[*_Ts]:
        query = filter_responses(query, where)
        if by == "module" and not where.module:
            query = query.join(WorkshopModule, WorkshopModule.id == Workshop.module_id)
        return query.where(group_col.is_not(None))

    mean_query = grouped(
        select(group_col, FeedbackQuestion.key, func.avg(FeedbackAnswer.value))
        .select_from(FeedbackAnswer)
        .join(FeedbackQuestion, FeedbackQuestion.id == FeedbackAnswer.question_id)
        .join(FeedbackResponse, FeedbackResponse.id == FeedbackAnswer.response_id)
        .where(FeedbackQuestion.kind == QuestionKind.SCALE, FeedbackAnswer.value.is_not(None))
    ).group_by(group_col, FeedbackQuestion.key)
    count_query = grouped(
        select(group_col, func.count(FeedbackResponse.id)).select_from(FeedbackResponse)
    ).group_by(group_col)
    with db.read() as session:
        # group is never NULL here: grouped() keeps workshops with a region or module only.
        mean_rows = cast("Iterable[tuple[str, str, float]]", session.execute(mean_query))
        count_rows = cast("Iterable[tuple[str, int]]", session.execute(count_query))
        means = {(key, group): float(mean) for group, key, mean in mean_rows}
        responses = {group: n for group, n in count_rows}
    groups = sorted(responses, key=lambda g: (region_name(g, "fi") or g) if by == "region" else g)
    return Comparison(by, groups, responses, scale, means)


@dataclass
class PeriodResults:
    """The same results for two or more periods, side by side."""

    periods: list[Period]
    summaries: list[Summary]

    def comparison(self) -> Comparison:
        """Means of the scale questions per period (for the chart and the table)."""
        groups = [str(n) for n in range(len(self.periods))]
        questions: dict[str, QuestionStats] = {}
        means: dict[tuple[str, str], float] = {}
        answered: dict[tuple[str, str], int] = {}
        for group, summary in zip(groups, self.summaries, strict=True):
            for stats in summary.questions:
                if stats.kind is not QuestionKind.SCALE:
                    continue
                questions.setdefault(stats.key, stats)
                answered[(stats.key, group)] = stats.answered
                if stats.mean is not None:
                    means[(stats.key, group)] = stats.mean
        return Comparison(
            "period",
            groups,
            {g: s.responses for g, s in zip(groups, self.summaries, strict=True)},
            list(questions.values()),
            means,
            dict(zip(groups, self.periods, strict=True)),
            answered,
        )


def within(where: ResultFilter, period: Period) -> ResultFilter:
    """*where* narrowed to the workshops held in *period*."""
    starts = [d for d in (where.date_from, period.start) if d is not None]
    ends = [d for d in (where.date_to, period.end) if d is not None]
    return replace(where, date_from=max(starts, default=None), date_to=min(ends, default=None))


def compare_periods(
    db: Database, where: ResultFilter | None, periods: list[Period]
) -> PeriodResults:
    """The results of each period (by the workshop's date) under the same filter."""
    where = where or ResultFilter()
    return PeriodResults(list(periods), [summarize(db, within(where, p)) for p in periods])


def workshop_dates(db: Database, where: ResultFilter) -> list[dt.date]:
    """The dates of the workshops whose responses *where* counts (for automatic periods)."""
    with db.read() as session:
        query = filter_responses(
            select(Workshop.date).select_from(FeedbackResponse).distinct(), where
        ).where(Workshop.date.is_not(None))
        return list(session.scalars(query))


def compare_over_time(db: Database, where: ResultFilter, by: str) -> PeriodResults:
    """By "half_year" (spring / autumn) or "year", over the dates the filter covers."""
    days = workshop_dates(db, where)
    periods = half_years(days) if by == "half_year" else years(days)
    return compare_periods(db, where, periods)


def period_results_json(results: PeriodResults, lang: str) -> dict[str, object]:
    """The CLI's ``feedback summary --period … --json`` object."""
    return {
        "periods": [
            {
                "from": p.start.isoformat() if p.start else None,
                "to": p.end.isoformat() if p.end else None,
                "label": p.label(lang),
                **summary_as_json(summary, lang),
            }
            for p, summary in zip(results.periods, results.summaries, strict=True)
        ]
    }


def over_participants_text(summary: Summary) -> str:
    """One warning line naming the workshops with more responses than participants."""
    if not summary.over_participants:
        return ""
    return _("⚠ More responses than participants: {workshops}").format(
        workshops="; ".join(o.text() for o in summary.over_participants)
    )


def summary_as_json(summary: Summary, lang: str) -> dict[str, object]:
    """The CLI's ``feedback summary --json`` object."""
    questions = []
    for q in summary.questions:
        item: dict[str, object] = {
            "key": q.key,
            "kind": q.kind.value,
            "text": q.question.text(lang),
            "answered": q.answered,
        }
        if q.kind is QuestionKind.TEXT:
            item["comments"] = q.comments
            item["comment_sources"] = [
                {"workshop": title_in(t, t_sv, lang), "region": region_name(r, lang) or None}
                for t, t_sv, r in q.sources
            ]
        else:
            item["distribution"] = [
                {"value": v, "label": q.question.value_label(v, lang), "count": n}
                for v, n in q.distribution()
            ]
        if q.kind is QuestionKind.SCALE:
            item["mean"] = None if q.mean is None else round(q.mean, 3)
        questions.append(item)
    over = [
        {"workshop": o.title, "responses": o.responses, "attended": o.attended}
        for o in summary.over_participants
    ]
    return {
        "responses": summary.responses,
        "questions": questions,
        "more_responses_than_participants": over,
    }
