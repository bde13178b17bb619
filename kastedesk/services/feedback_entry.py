"""Typing in paper forms: save a response, correct or delete one, keep drafts.

A correction is an edit of the same response: it keeps its UUID and gets a new
version (the hash of its new content); the version it replaces is remembered
(``sync_version``) and travels in the next bundle as superseded, so another
laptop's unchanged copy is updated and a copy corrected there too becomes a
conflict, never a second response.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from kastedesk.domain import text_limits as T
from kastedesk.domain.feedback_entry import Answer
from kastedesk.domain.feedback_forms import FormSpec, check_answer
from kastedesk.domain.validation import ValidationError
from kastedesk.domain.workshops import form_language
from kastedesk.i18n import _
from kastedesk.services.feedback_forms import (
    default_form_id,
    form_with_questions,
    load_form,
    spec_of,
)
from kastedesk.storage.database import Database
from kastedesk.storage.installation import installation_id
from kastedesk.storage.models.bundles import SyncVersion
from kastedesk.storage.models.feedback import (
    FeedbackAnswer,
    FeedbackDraft,
    FeedbackQuestion,
    FeedbackResponse,
)
from kastedesk.storage.models.sync_identity import utc_now
from kastedesk.storage.models.workshops import Workshop
from kastedesk.storage.versions import check_version


@dataclass(frozen=True)
class EntryContext:
    """What the entry view needs about one workshop."""

    workshop_id: int
    title: str
    form_id: int
    spec: FormSpec
    question_ids: tuple[int, ...]
    saved: int  # responses so far
    attended: int | None
    # The form's language to start with: the workshop's (its own choice, else the
    # coordinator's or the region's: an Ostrobothnia workshop run in Swedish gets
    # Swedish forms), else Finnish.
    language: str = "fi"
    title_sv: str = ""


def saved_count(session: Session, workshop_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(FeedbackResponse)
            .where(
                FeedbackResponse.workshop_id == workshop_id, FeedbackResponse.deleted_at.is_(None)
            )
        )
        or 0
    )


def open_entry(db: Database, workshop_id: int, form_id: int | None = None) -> EntryContext:
    """The workshop's form (given the default form when it has none) and its counts.

    *form_id*: another form version (to correct a response typed on an older one).
    """
    with db.session() as session:
        workshop = session.get(Workshop, workshop_id)
        if workshop is None:
            raise ValidationError({"": _("The workshop no longer exists.")})
        if workshop.form_id is None:
            workshop.form_id = default_form_id(session)
        title, title_sv, attended = workshop.title, workshop.title_sv, workshop.attended
        form_id = form_id or workshop.form_id
        saved = saved_count(session, workshop_id)
        coordinator = workshop.coordinator
        language = form_language(
            workshop.language, workshop.region, coordinator.language if coordinator else None
        )
    form = load_form(db, form_id)
    return EntryContext(
        workshop_id,
        title,
        form_id,
        form.spec,
        form.question_ids,
        saved,
        attended,
        language,
        title_sv,
    )


def remember_form_language(db: Database, workshop_id: int, language: str) -> None:
    """The language chosen in fast entry becomes the workshop's (kept for next time)."""
    if language not in ("fi", "sv"):
        raise ValidationError({"language": _("Choose Finnish or Swedish.")})
    with db.session() as session:
        workshop = session.get(Workshop, workshop_id)
        if workshop is not None and workshop.language != language:
            workshop.language = language


def _check_answers(ctx: EntryContext, answers: dict[int, Answer]) -> None:
    for position, answer in answers.items():
        if not 0 <= position < len(ctx.spec.questions):
            raise ValidationError({"": _("The answer belongs to no question of the form.")})
        question = ctx.spec.questions[position]
        if problem := T.text_problem(answer.text or "", T.ANSWER_TEXT, multi_line=True):
            raise ValidationError(
                {"": _("Question {number}: {problem}").format(number=position + 1, problem=problem)}
            )
        if not check_answer(question, answer.value, answer.text or None):
            raise ValidationError(
                {"": _("Question {number}: the answer does not fit.").format(number=position + 1)}
            )


def save_response(db: Database, ctx: EntryContext, answers: dict[int, Answer]) -> int:
    """Store one anonymous response (skipped questions get no row) and drop the draft."""
    answers = {p: a for p, a in answers.items() if not a.empty}
    _check_answers(ctx, answers)
    with db.session() as session:
        question_ids = _current_question_ids(session, ctx)
        response = FeedbackResponse(
            workshop_id=ctx.workshop_id,
            form_id=ctx.form_id,
            origin=installation_id(session),
            answers=[
                FeedbackAnswer(
                    question_id=question_ids[p],
                    value=a.value,
                    text=a.text.strip() or None,
                )
                for p, a in sorted(answers.items())
            ],
        )
        session.add(response)
        draft = session.get(FeedbackDraft, ctx.workshop_id)
        if draft is not None:
            session.delete(draft)
        session.flush()
        return response.id


def _current_question_ids(session: Session, ctx: EntryContext) -> list[int]:
    """The form's question ids now, by position: an edit in place renumbers them.

    (SQLite happened to give the re-created questions their old ids; a server's
    sequences never do.) A form whose questions changed since the entry was
    opened is refused rather than answered by position.
    """
    form = form_with_questions(session, ctx.form_id)
    if spec_of(form).questions != ctx.spec.questions:
        raise ValidationError(
            {"": _("The form was changed after this entry was opened; open the entry again.")}
        )
    return [q.id for q in form.questions]


def add_responses(
    session: Session,
    workshop_id: int,
    form_id: int,
    forms: Sequence[dict[int, tuple[int | None, str]]],
) -> list[int]:
    """Insert paper forms given as {question_id: (value, text)} each (the demo data): their
    ids, in order. Two statements whatever the number of forms: the ORM's unit of work
    spent most of the demo's loading time on its few hundred responses."""
    if not forms:
        return []
    origin = installation_id(session)
    ids = list(
        session.scalars(
            insert(FeedbackResponse).returning(
                FeedbackResponse.id, sort_by_parameter_order=True
            ),
            [{"workshop_id": workshop_id, "form_id": form_id, "origin": origin} for _ in forms],
        )
    )
    answers = [
        {"response_id": response_id, "question_id": qid, "value": value, "text": text or None}
        for response_id, values in zip(ids, forms, strict=True)
        for qid, (value, text) in values.items()
    ]
    if answers:
        session.execute(insert(FeedbackAnswer), answers)
    return ids


def response_answers(session: Session, response_id: int, ctx: EntryContext) -> dict[int, Answer]:
    position = {qid: p for p, qid in enumerate(ctx.question_ids)}
    rows = session.execute(
        select(FeedbackAnswer.question_id, FeedbackAnswer.value, FeedbackAnswer.text).where(
            FeedbackAnswer.response_id == response_id
        )
    )
    return {
        position[qid]: Answer(value, text or "") for qid, value, text in rows if qid in position
    }


def delete_response(session: Session, response_id: int) -> None:
    """Leave a tombstone: the row stays with ``deleted_at`` so the deletion can travel."""
    response = session.get(FeedbackResponse, response_id)
    if response is None or response.deleted_at is not None:
        return
    response.answers.clear()
    response.deleted_at = utc_now()


def delete_responses(db: Database, response_ids: list[int]) -> int:
    """Delete responses (tombstones that travel in bundles); how many were deleted."""
    with db.session() as session:
        live = list(
            session.scalars(
                select(FeedbackResponse.id).where(
                    FeedbackResponse.id.in_(response_ids), FeedbackResponse.deleted_at.is_(None)
                )
            )
        )
        for response_id in live:
            delete_response(session, response_id)
        return len(live)


def _live_response(session: Session, response_id: int) -> FeedbackResponse:
    response = session.get(FeedbackResponse, response_id)
    if response is None or response.deleted_at is not None:
        raise ValidationError({"": _("That form has been deleted; it cannot be corrected.")})
    return response


def answers_for_correction(db: Database, ctx: EntryContext, response_id: int) -> dict[int, Answer]:
    """The saved answers of *response_id*, to be corrected (nothing is changed yet)."""
    with db.read() as session:
        response = _live_response(session, response_id)
        if response.form_id != ctx.form_id:
            raise ValidationError({"": _("The form was typed on another version of the form.")})
        return response_answers(session, response_id, ctx)


def response_form_id(db: Database, response_id: int) -> int:
    with db.read() as session:
        return _live_response(session, response_id).form_id


def response_row_version(db: Database, response_id: int) -> int:
    """What a correction of *response_id* starts from (see :func:`correct_response`)."""
    with db.read() as session:
        return _live_response(session, response_id).row_version


def correct_response(
    db: Database,
    ctx: EntryContext,
    response_id: int,
    answers: dict[int, Answer],
    expected_version: int | None = None,
) -> bool:
    """Replace the answers of the same response (same UUID); False when nothing changed.

    The version it had is remembered as a known older one, so the next bundle
    says this version replaces it. A correction started from *expected_version*
    is refused when someone saved the form meanwhile (None: save over it).
    """
    answers = {p: a for p, a in answers.items() if not a.empty}
    _check_answers(ctx, answers)
    if not answers:
        raise ValidationError({"": _("A corrected form needs at least one answer.")})
    with db.session() as session:
        response = _live_response(session, response_id)
        if response.form_id != ctx.form_id:
            raise ValidationError({"": _("The form was typed on another version of the form.")})
        check_version(response, expected_version, _("The form"))
        before = _version(session, response_id)
        session.execute(delete(FeedbackAnswer).where(FeedbackAnswer.response_id == response_id))
        session.flush()
        session.expire(response, ["answers"])
        for p, a in sorted(answers.items()):
            session.add(
                FeedbackAnswer(
                    response_id=response_id,
                    question_id=ctx.question_ids[p],
                    value=a.value,
                    text=a.text.strip() or None,
                )
            )
        session.flush()
        after = _version(session, response_id)
        if after == before:
            return False
        response.updated_at = utc_now()
        if session.get(SyncVersion, (response.uuid, before)) is None:
            session.add(SyncVersion(uuid=response.uuid, version=before, exported=False))
        draft = session.get(FeedbackDraft, ctx.workshop_id)
        if draft is not None:
            session.delete(draft)
        return True


def _version(session: Session, response_id: int) -> str:
    from kastedesk.services.bundles.local_records import load_responses

    (local,) = load_responses(session, FeedbackResponse.id == response_id).values()
    return local.record.version


def last_response_id(db: Database, workshop_id: int) -> int | None:
    """The live response saved last here (by saving time, then id)."""
    with db.read() as session:
        return session.scalar(
            select(FeedbackResponse.id)
            .where(
                FeedbackResponse.workshop_id == workshop_id, FeedbackResponse.deleted_at.is_(None)
            )
            .order_by(FeedbackResponse.created_at.desc(), FeedbackResponse.id.desc())
            .limit(1)
        )


# --- drafts ---------------------------------------------------------------------------


def save_draft(db: Database, ctx: EntryContext, draft: dict[str, object]) -> None:
    with db.session() as session:
        row = session.get(FeedbackDraft, ctx.workshop_id)
        if row is None:
            row = FeedbackDraft(workshop_id=ctx.workshop_id)
            session.add(row)
        row.form_id = ctx.form_id
        row.payload = json.dumps(draft, ensure_ascii=False)
        row.updated_at = utc_now()


def load_draft(db: Database, ctx: EntryContext) -> dict[str, object] | None:
    """The kept draft for this workshop's current form, if any."""
    with db.read() as session:
        row = session.get(FeedbackDraft, ctx.workshop_id)
        if row is None or row.form_id != ctx.form_id:
            return None
        try:
            draft = json.loads(row.payload)
        except ValueError:
            return None
    return draft if isinstance(draft, dict) and draft.get("answers") else None


def discard_draft(db: Database, workshop_id: int) -> None:
    with db.session() as session:
        row = session.get(FeedbackDraft, workshop_id)
        if row is not None:
            session.delete(row)


def question_ids_of(session: Session, form_id: int) -> list[int]:
    return list(
        session.scalars(
            select(FeedbackQuestion.id)
            .where(FeedbackQuestion.form_id == form_id)
            .order_by(FeedbackQuestion.position)
        )
    )
