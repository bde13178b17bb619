"""The typed forms of one workshop, for browsing, correcting and deleting.

Each live response gets a running number in saving order (the number fast
entry showed when it was typed), the time it was saved, the laptop it was
typed on and its answers as they read in the chosen language. Deleted forms
are tombstones and not listed. Read in a few queries, whatever the count.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kastedesk.domain.feedback_counts import over_participants_warning, too_many_responses
from kastedesk.domain.feedback_forms import QuestionKind, QuestionSpec
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.services.bundles.origins import installation_label
from kastedesk.services.feedback_forms import spec_of
from kastedesk.storage.database import Database
from kastedesk.storage.installation import known_installation_id
from kastedesk.storage.models.bundles import SyncInstallation
from kastedesk.storage.models.feedback import (
    FeedbackAnswer,
    FeedbackForm,
    FeedbackQuestion,
    FeedbackResponse,
)
from kastedesk.storage.models.workshops import Workshop

CORRECTED_AFTER = dt.timedelta(seconds=2)  # saving sets both times a moment apart


@dataclass(frozen=True)
class ResponseRow:
    id: int
    number: int  # running number in saving order
    typed_at: dt.datetime
    corrected_at: dt.datetime | None
    laptop: str
    form_version: int
    answers: tuple[str, ...]  # per question of the workshop's form ("" = not answered)


@dataclass(frozen=True)
class WorkshopResponses:
    workshop_id: int
    title: str
    attended: int | None
    questions: tuple[QuestionSpec, ...]  # the columns: the workshop's form
    rows: list[ResponseRow]

    @property
    def over_participants(self) -> bool:
        return too_many_responses(len(self.rows), self.attended)

    def warning(self) -> str:
        return over_participants_warning(len(self.rows), self.attended)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def answer_text(question: QuestionSpec, value: int | None, text: str | None, lang: str) -> str:
    if question.kind is QuestionKind.TEXT or value is None:
        return text or ""
    if question.kind is QuestionKind.SCALE:
        return str(value)
    return question.answer_label(value, lang)


def list_responses(db: Database, workshop_id: int, lang: str) -> WorkshopResponses:
    """The workshop's live responses in saving order, answers lined up by question key."""
    with db.read() as session:
        workshop = session.get(Workshop, workshop_id)
        if workshop is None:
            raise ValidationError({"": _("The workshop no longer exists.")})
        here = known_installation_id(session)  # none yet: nothing was typed in here
        names = dict(session.execute(select(SyncInstallation.id, SyncInstallation.name)).all())
        responses = session.execute(
            select(
                FeedbackResponse.id,
                FeedbackResponse.created_at,
                FeedbackResponse.updated_at,
                FeedbackResponse.origin,
                FeedbackResponse.form_id,
            )
            .where(
                FeedbackResponse.workshop_id == workshop_id, FeedbackResponse.deleted_at.is_(None)
            )
            .order_by(FeedbackResponse.created_at, FeedbackResponse.id)
        ).all()
        form_ids = {r.form_id for r in responses} | ({workshop.form_id} - {None})
        forms = {
            f.id: f
            for f in session.scalars(
                select(FeedbackForm)
                .where(FeedbackForm.id.in_(form_ids))
                .options(
                    selectinload(FeedbackForm.questions).selectinload(FeedbackQuestion.options)
                )
            )
        }
        answers: dict[int, list[tuple[str, int | None, str | None]]] = defaultdict(list)
        for response_id, key, value, text in session.execute(
            select(
                FeedbackAnswer.response_id,
                FeedbackQuestion.key,
                FeedbackAnswer.value,
                FeedbackAnswer.text,
            )
            .join(FeedbackQuestion, FeedbackQuestion.id == FeedbackAnswer.question_id)
            .join(FeedbackResponse, FeedbackResponse.id == FeedbackAnswer.response_id)
            .where(
                FeedbackResponse.workshop_id == workshop_id, FeedbackResponse.deleted_at.is_(None)
            )
        ):
            answers[response_id].append((key, value, text))
        main_form = forms.get(workshop.form_id) if workshop.form_id else None
        if main_form is None and responses:
            main_form = forms[responses[-1].form_id]
        columns = spec_of(main_form).questions if main_form is not None else ()
        specs = {fid: {q.key: q for q in spec_of(f).questions} for fid, f in forms.items()}
        rows = []
        for number, r in enumerate(responses, start=1):
            by_key = {
                key: answer_text(specs[r.form_id][key], value, text, lang)
                for key, value, text in answers.get(r.id, [])
                if key in specs[r.form_id]
            }
            created, updated = _utc(r.created_at), _utc(r.updated_at)
            rows.append(
                ResponseRow(
                    id=r.id,
                    number=number,
                    typed_at=created,
                    corrected_at=updated if updated - created > CORRECTED_AFTER else None,
                    laptop=installation_label(r.origin, here, names),
                    form_version=forms[r.form_id].version,
                    answers=tuple(by_key.get(q.key, "") for q in columns),
                )
            )
        return WorkshopResponses(workshop_id, workshop.title, workshop.attended, columns, rows)
