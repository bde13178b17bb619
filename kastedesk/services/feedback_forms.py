"""Feedback form templates: create, load, list and edit (with versioning)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified

from kastedesk.domain.bilingual import in_language
from kastedesk.domain.feedback_forms import (
    FormSpec,
    OptionSpec,
    QuestionSpec,
    default_form,
    needs_new_version,
    validate_form,
    with_keys,
)
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.storage.database import Database
from kastedesk.storage.installation import installation_id
from kastedesk.storage.models.feedback import (
    FeedbackForm,
    FeedbackOption,
    FeedbackQuestion,
    FeedbackResponse,
)
from kastedesk.storage.models.sync_identity import new_uuid
from kastedesk.storage.models.workshops import Workshop
from kastedesk.storage.versions import check_version


@dataclass(frozen=True)
class FormRow:
    id: int
    lineage: str
    version: int
    name_fi: str
    name_sv: str
    questions: int
    responses: int

    def name(self, lang: str) -> str:
        return in_language(self.name_fi, self.name_sv, lang)


@dataclass(frozen=True)
class LoadedForm:
    id: int
    version: int
    spec: FormSpec
    question_ids: tuple[int, ...]  # in question order
    row_version: int = 1  # what a save of this version starts from


def spec_of(form: FeedbackForm) -> FormSpec:
    return FormSpec(
        form.name_fi,
        form.name_sv,
        tuple(
            QuestionSpec(
                kind=q.kind,
                text_fi=q.text_fi,
                text_sv=q.text_sv,
                scale_min=q.scale_min,
                scale_max=q.scale_max,
                min_label_fi=q.min_label_fi,
                min_label_sv=q.min_label_sv,
                max_label_fi=q.max_label_fi,
                max_label_sv=q.max_label_sv,
                options=tuple(OptionSpec(o.text_fi, o.text_sv) for o in q.options),
                key=q.key,
            )
            for q in form.questions
        ),
    )


def _question_rows(spec: FormSpec) -> list[FeedbackQuestion]:
    return [
        FeedbackQuestion(
            position=position,
            key=q.key,
            kind=q.kind,
            text_fi=q.text_fi.strip(),
            text_sv=q.text_sv.strip(),
            scale_min=q.scale_min,
            scale_max=q.scale_max,
            min_label_fi=q.min_label_fi.strip(),
            min_label_sv=q.min_label_sv.strip(),
            max_label_fi=q.max_label_fi.strip(),
            max_label_sv=q.max_label_sv.strip(),
            options=[
                FeedbackOption(position=n, text_fi=o.text_fi.strip(), text_sv=o.text_sv.strip())
                for n, o in enumerate(q.options, start=1)
            ]
            if q.has_options
            else [],
        )
        for position, q in enumerate(spec.questions)
    ]


def form_with_questions(session: Session, form_id: int) -> FeedbackForm:
    """The form version with its questions and options, in the caller's session."""
    return _load(session, form_id)


def _load(session: Session, form_id: int) -> FeedbackForm:
    form = session.scalars(
        select(FeedbackForm)
        .where(FeedbackForm.id == form_id)
        .options(selectinload(FeedbackForm.questions).selectinload(FeedbackQuestion.options))
    ).one_or_none()
    if form is None:
        raise ValidationError({"": _("The feedback form no longer exists.")})
    return form


def add_form(
    session: Session, spec: FormSpec, lineage: str | None = None, version: int = 1
) -> FeedbackForm:
    """Insert one form version in the caller's transaction and return it."""
    uuid = new_uuid()
    form = FeedbackForm(
        uuid=uuid,
        origin=installation_id(session),
        lineage=lineage or uuid,
        version=version,
        name_fi=spec.name_fi.strip(),
        name_sv=spec.name_sv.strip(),
        questions=_question_rows(spec),
    )
    session.add(form)
    session.flush()
    return form


def create_form(db: Database, spec: FormSpec) -> int:
    spec = with_keys(spec)
    errors = validate_form(spec)
    if errors:
        raise ValidationError(errors)
    with db.session() as session:
        return add_form(session, spec).id


def response_count(session: Session, form_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(FeedbackResponse)
            .where(FeedbackResponse.form_id == form_id)
        )
        or 0
    )


def save_form(
    db: Database, form_id: int, spec: FormSpec, expected_version: int | None = None
) -> int:
    """Save an edit of *form_id*: in place while it has no responses, else as a new version.

    Returns the id of the version that now holds *spec*. Old responses keep
    pointing at the version (and the questions) they answered; workshops that
    use the old version but have no responses yet move to the new one.
    """
    with db.session() as session:
        form = _load(session, form_id)
        check_version(form, expected_version, form.name_fi)
        spec = with_keys(spec, previous=spec_of(form))
        errors = validate_form(spec)
        if errors:
            raise ValidationError(errors)
        # Responses to any version of this template count (tombstones too: they travel).
        if needs_new_version(response_count(session, form.id)):
            latest = session.scalar(
                select(func.max(FeedbackForm.version)).where(FeedbackForm.lineage == form.lineage)
            )
            new = add_form(session, spec, form.lineage, (latest or 0) + 1)
            _move_unanswered_workshops(session, form.id, new.id)
            return new.id
        form.name_fi = spec.name_fi.strip()
        form.name_sv = spec.name_sv.strip()
        flag_modified(form, "name_fi")  # questions are rows of their own: count the edit here
        form.questions.clear()
        session.flush()
        form.questions.extend(_question_rows(spec))
        return form.id


def _move_unanswered_workshops(session: Session, old_id: int, new_id: int) -> None:
    answered = select(FeedbackResponse.workshop_id).where(FeedbackResponse.form_id == old_id)
    session.execute(
        update(Workshop)
        .where(Workshop.form_id == old_id, Workshop.id.not_in(answered))
        .values(form_id=new_id, row_version=Workshop.row_version + 1)
    )


def load_form(db: Database, form_id: int) -> LoadedForm:
    with db.read() as session:
        form = _load(session, form_id)
        return LoadedForm(
            form.id,
            form.version,
            spec_of(form),
            tuple(q.id for q in form.questions),
            row_version=form.row_version,
        )


def list_forms(db: Database, latest_only: bool = True) -> list[FormRow]:
    """Form versions with their question and response counts (latest per template)."""
    questions = (
        select(FeedbackQuestion.form_id, func.count().label("n"))
        .group_by(FeedbackQuestion.form_id)
        .subquery()
    )
    responses = (
        select(FeedbackResponse.form_id, func.count().label("n"))
        .where(FeedbackResponse.deleted_at.is_(None))
        .group_by(FeedbackResponse.form_id)
        .subquery()
    )
    query = (
        select(
            FeedbackForm.id,
            FeedbackForm.lineage,
            FeedbackForm.version,
            FeedbackForm.name_fi,
            FeedbackForm.name_sv,
            func.coalesce(questions.c.n, 0).label("questions"),
            func.coalesce(responses.c.n, 0).label("responses"),
        )
        .outerjoin(questions, questions.c.form_id == FeedbackForm.id)
        .outerjoin(responses, responses.c.form_id == FeedbackForm.id)
        .order_by(FeedbackForm.name_fi, FeedbackForm.version)
    )
    if latest_only:
        newest = (
            select(FeedbackForm.lineage, func.max(FeedbackForm.version).label("v"))
            .group_by(FeedbackForm.lineage)
            .subquery()
        )
        query = query.join(
            newest,
            (newest.c.lineage == FeedbackForm.lineage) & (newest.c.v == FeedbackForm.version),
        )
    with db.read() as session:
        # The selected columns are named as FormRow's fields.
        return [FormRow(**row._asdict()) for row in session.execute(query)]


def existing_default_form_id(session: Session) -> int | None:
    """The newest version of the first template, if there is a form at all."""
    return session.scalar(
        select(FeedbackForm.id)
        .order_by(FeedbackForm.id.desc())
        .where(
            FeedbackForm.lineage
            == select(FeedbackForm.lineage).order_by(FeedbackForm.id).limit(1).scalar_subquery()
        )
    )


def default_form_id(session: Session) -> int:
    """The newest version of the first template; the seeds' default form when there is none."""
    form_id = existing_default_form_id(session)
    if form_id is None:
        form_id = add_form(session, with_keys(default_form())).id
    return form_id


def ensure_default_form(db: Database) -> int:
    """The default form's id, made the first time: showing the forms writes nothing after."""
    with db.read() as session:
        form_id = existing_default_form_id(session)
    if form_id is not None:
        return form_id
    with db.session() as session:
        return default_form_id(session)
