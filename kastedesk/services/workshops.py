"""Workshops and their modules: list, create, change, duplicate, delete.

Also the few registry reads the Workshops tab needs (projects, people), kept
here so that this area does not depend on the Members tab's services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Subquery, func, or_, select
from sqlalchemy.orm import Session, selectinload

from kastedesk.domain import text_limits as T
from kastedesk.domain.bilingual import in_language
from kastedesk.domain.regions import region_name
from kastedesk.domain.validation import ValidationError
from kastedesk.domain.workshops import (
    WorkshopData,
    WorkshopScope,
    WorkshopStatus,
    duplicate_for_next_region,
    title_in,
    validate_workshop,
)
from kastedesk.i18n import _
from kastedesk.services.feedback_forms import default_form_id
from kastedesk.services.workshop_scope import scope_conditions
from kastedesk.storage.database import Database
from kastedesk.storage.installation import installation_id
from kastedesk.storage.models.feedback import FeedbackResponse
from kastedesk.storage.models.registry import Person, Project
from kastedesk.storage.models.workshops import (
    Workshop,
    WorkshopFacilitator,
    WorkshopModule,
    WorkshopQuestion,
)
from kastedesk.storage.versions import check_version


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    organisation: str


@dataclass(frozen=True)
class ModuleRow:
    id: int | None
    code: str
    name_fi: str
    name_sv: str = ""

    def name(self, lang: str) -> str:
        return in_language(self.name_fi, self.name_sv, lang)

    def label(self, lang: str) -> str:
        name = self.name(lang)
        return f"{self.code} – {name}" if name else self.code


@dataclass(frozen=True)
class WorkshopRow:
    id: int
    project_id: int
    title: str
    module: str  # module code
    region: str | None
    municipality: str
    date: dt.date | None
    start_time: dt.time | None
    end_time: dt.time | None
    status: WorkshopStatus
    invited: int | None
    attended: int | None
    responses: int
    coordinator: str
    title_sv: str = ""

    def region_name(self, lang: str) -> str:
        return region_name(self.region, lang)

    def title_in(self, lang: str) -> str:
        return title_in(self.title, self.title_sv, lang)


@dataclass(frozen=True)
class WorkshopFilter(WorkshopScope):
    text: str = ""  # in the Finnish or Swedish title, any case


# --- registry reads ------------------------------------------------------------------


def list_people(db: Database) -> list[PersonRow]:
    with db.read() as session:
        rows = session.execute(
            select(Person.id, Person.first_name, Person.last_name, Person.organisation).order_by(
                Person.last_name, Person.first_name
            )
        )
        return [PersonRow(pid, f"{first} {last}".strip(), org) for pid, first, last, org in rows]


# --- modules --------------------------------------------------------------------------


def list_modules(db: Database, project_id: int) -> list[ModuleRow]:
    with db.read() as session:
        rows = session.scalars(
            select(WorkshopModule)
            .where(WorkshopModule.project_id == project_id)
            .order_by(WorkshopModule.position, WorkshopModule.code)
        )
        return [ModuleRow(m.id, m.code, m.name_fi, m.name_sv) for m in rows]


def save_modules(db: Database, project_id: int, modules: list[ModuleRow]) -> None:
    """Make the project's module list exactly *modules* (in this order)."""
    errors: dict[str, str] = {}
    codes = [m.code.strip() for m in modules]
    if any(not code for code in codes):
        errors["modules"] = _("Every module needs a code, e.g. A.")
    elif len({c.casefold() for c in codes}) != len(codes):
        errors["modules"] = _("Two modules have the same code.")
    limits = T.text_errors(
        (f"{field}{index}", text, limit, False)
        for index, m in enumerate(modules)
        for field, text, limit in (
            ("code", m.code, T.MODULE_CODE),
            ("name_fi", m.name_fi, T.NAME),
            ("name_sv", m.name_sv, T.NAME),
        )
    )
    if limits and "modules" not in errors:
        errors["modules"] = next(iter(limits.values()))
    if errors:
        raise ValidationError(errors)
    with db.session() as session:
        existing = {
            m.id: m
            for m in session.scalars(
                select(WorkshopModule).where(WorkshopModule.project_id == project_id)
            )
        }
        keep = {m.id for m in modules if m.id is not None}
        for module_id, module in existing.items():
            if module_id not in keep:
                session.delete(module)
        # Free the codes first: the unique constraint holds at every statement.
        for module in existing.values():
            module.code = f"~{module.id}"
        session.flush()
        for position, row in enumerate(modules):
            saved = existing.get(row.id) if row.id is not None else None
            if saved is None:
                saved = WorkshopModule(project_id=project_id)
                session.add(saved)
            saved.code = row.code.strip()
            saved.name_fi = row.name_fi.strip()
            saved.name_sv = row.name_sv.strip()
            saved.position = position
            session.flush()


def add_module(
    session: Session, project_id: int, code: str, name_fi: str, name_sv: str = ""
) -> WorkshopModule:
    position = session.scalar(select(func.count()).where(WorkshopModule.project_id == project_id))
    module = WorkshopModule(
        project_id=project_id, code=code, name_fi=name_fi, name_sv=name_sv, position=position
    )
    session.add(module)
    session.flush()
    return module


# --- workshops -----------------------------------------------------------------------


def _responses_subquery() -> Subquery:
    return (
        select(FeedbackResponse.workshop_id, func.count().label("n"))
        .where(FeedbackResponse.deleted_at.is_(None))
        .group_by(FeedbackResponse.workshop_id)
        .subquery()
    )


def list_workshops(db: Database, where: WorkshopFilter | None = None) -> list[WorkshopRow]:
    where = where or WorkshopFilter()
    responses = _responses_subquery()
    query = (
        select(
            Workshop.id,
            Workshop.project_id,
            Workshop.title,
            func.coalesce(WorkshopModule.code, "").label("module"),
            Workshop.region,
            Workshop.municipality,
            Workshop.date,
            Workshop.start_time,
            Workshop.end_time,
            Workshop.status,
            Workshop.invited,
            Workshop.attended,
            func.coalesce(responses.c.n, 0).label("responses"),
            func.coalesce(Person.first_name + " " + Person.last_name, "").label("coordinator"),
            Workshop.title_sv,
        )
        .outerjoin(WorkshopModule, WorkshopModule.id == Workshop.module_id)
        .outerjoin(responses, responses.c.workshop_id == Workshop.id)
        .outerjoin(Person, Person.id == Workshop.coordinator_id)
        .order_by(Workshop.date.is_(None), Workshop.date, Workshop.start_time, Workshop.id)
    )
    query = query.where(*scope_conditions(where))
    if where.text:
        query = query.where(
            or_(  # case-insensitive on both engines (PostgreSQL's LIKE is not)
                Workshop.title.icontains(where.text, autoescape=True),
                Workshop.title_sv.icontains(where.text, autoescape=True),
            )
        )
    with db.read() as session:
        # The selected columns are named as WorkshopRow's fields.
        return [WorkshopRow(**row._asdict()) for row in session.execute(query)]


def workshop_data(db: Database, workshop_id: int) -> WorkshopData:
    return workshop_for_edit(db, workshop_id)[0]


def workshop_for_edit(db: Database, workshop_id: int) -> tuple[WorkshopData, int]:
    """The workshop's fields and the row version a save of them starts from."""
    with db.read() as session:
        w = _get(session, workshop_id)
        return _workshop_fields(w), w.row_version


def _workshop_fields(w: Workshop) -> WorkshopData:
    return WorkshopData(
        project_id=w.project_id,
        title=w.title,
        module_id=w.module_id,
        region=w.region,
        municipality=w.municipality,
        date=w.date,
        start_time=w.start_time,
        end_time=w.end_time,
        place=w.place,
        coordinator_id=w.coordinator_id,
        facilitator_ids=[f.person_id for f in w.facilitators],
        target_group=w.target_group,
        invited=w.invited,
        attended=w.attended,
        questions=[q.text for q in w.questions],
        notes=w.notes,
        status=w.status,
        form_id=w.form_id,
        title_sv=w.title_sv,
        language=w.language,
    )


def _get(session: Session, workshop_id: int) -> Workshop:
    workshop = session.scalars(
        select(Workshop)
        .where(Workshop.id == workshop_id)
        .options(selectinload(Workshop.facilitators), selectinload(Workshop.questions))
    ).one_or_none()
    if workshop is None:
        raise ValidationError({"": _("The workshop no longer exists.")})
    return workshop


def _check(session: Session, data: WorkshopData, today: dt.date | None) -> None:
    errors = validate_workshop(data, today)
    if data.module_id is not None:
        module = session.get(WorkshopModule, data.module_id)
        if module is None or module.project_id != data.project_id:
            errors["module"] = _("The module belongs to another project.")
    if session.get(Project, data.project_id) is None:
        errors["project"] = _("Choose a project.")
    if errors:
        raise ValidationError(errors)


def _apply(session: Session, workshop: Workshop, data: WorkshopData) -> None:
    workshop.project_id = data.project_id
    workshop.title = data.title.strip()
    workshop.title_sv = data.title_sv.strip()
    workshop.language = data.language
    workshop.module_id = data.module_id
    workshop.region = data.region
    workshop.municipality = data.municipality.strip()
    workshop.date = data.date
    workshop.start_time = data.start_time
    workshop.end_time = data.end_time
    workshop.place = data.place.strip()
    workshop.coordinator_id = data.coordinator_id
    workshop.target_group = data.target_group.strip()
    workshop.invited = data.invited
    workshop.attended = data.attended
    workshop.notes = data.notes.strip()
    workshop.status = data.status
    workshop.form_id = data.form_id if data.form_id is not None else default_form_id(session)
    workshop.facilitators.clear()
    workshop.questions.clear()
    session.flush()
    workshop.facilitators.extend(
        WorkshopFacilitator(person_id=pid, position=n) for n, pid in enumerate(data.facilitator_ids)
    )
    texts = [q.strip() for q in data.questions if q.strip()]
    workshop.questions.extend(WorkshopQuestion(position=n, text=t) for n, t in enumerate(texts))


def add_workshop(session: Session, data: WorkshopData, today: dt.date | None = None) -> Workshop:
    """Validate and insert in the caller's transaction (used by the demo too)."""
    _check(session, data, today)
    workshop = Workshop(origin=installation_id(session))
    session.add(workshop)
    _apply(session, workshop, data)
    session.flush()
    return workshop


def create_workshop(db: Database, data: WorkshopData, today: dt.date | None = None) -> int:
    with db.session() as session:
        return add_workshop(session, data, today or dt.date.today()).id


def update_workshop(
    db: Database,
    workshop_id: int,
    data: WorkshopData,
    today: dt.date | None = None,
    expected_version: int | None = None,
) -> None:
    """Save a workshop if nobody saved it since *expected_version* (None: overwrite)."""
    with db.session() as session:
        workshop = _get(session, workshop_id)
        check_version(workshop, expected_version, workshop.title)
        _check(session, data, today or dt.date.today())
        _apply(session, workshop, data)


def duplicate_workshop(
    db: Database,
    workshop_id: int,
    region: str | None,
    title: str | None = None,
    date: dt.date | None = None,
) -> int:
    """Plan the same theme in *region* with a new title and date: no counts, notes or
    responses. A bad title or date raises ValidationError by field, nothing is made."""
    data = duplicate_for_next_region(workshop_data(db, workshop_id), region, title, date)
    return create_workshop(db, data)


def delete_workshop(db: Database, workshop_id: int) -> None:
    """Delete a workshop that has no feedback; one with responses is cancelled instead."""
    with db.session() as session:
        workshop = _get(session, workshop_id)
        responses = session.scalar(
            select(func.count())
            .select_from(FeedbackResponse)
            .where(FeedbackResponse.workshop_id == workshop_id)
        )
        if responses:
            raise ValidationError(
                {"": _("The workshop has feedback responses; mark it cancelled instead.")}
            )
        session.delete(workshop)
