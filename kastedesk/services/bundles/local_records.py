"""This database's workshops, form versions and responses as bundle records.

Export writes these; import compares incoming records with these, so both
sides compute a record's content (and version) by the same code.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from contextlib import closing
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Generic, NamedTuple, TypeVar

from sqlalchemy import (
    ColumnElement,
    Integer,
    ScalarSelect,
    Select,
    Text,
    cast,
    func,
    null,
    select,
    type_coerce,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased, selectinload

from kastedesk.services.bundles.records import (
    FormRecord,
    Record,
    ResponseRecord,
    WorkshopRecord,
    normal_key,
)
from kastedesk.storage.models.bundles import BundleConflict, SyncCurrent, SyncVersion
from kastedesk.storage.models.feedback import (
    FeedbackAnswer,
    FeedbackForm,
    FeedbackQuestion,
    FeedbackResponse,
)
from kastedesk.storage.models.registry import Person, Project
from kastedesk.storage.models.sync_identity import as_utc
from kastedesk.storage.models.workshops import Workshop, WorkshopFacilitator
from kastedesk.storage.plain_rows import plain_rows

CHUNK = 900  # SQLite allows 999 bound parameters per statement


_T = TypeVar("_T")
_R = TypeVar("_R", bound=Record, covariant=True)
Where = ColumnElement[bool]  # an SQL condition over the loaded table


def chunks(values: Iterable[_T], size: int = CHUNK) -> Iterator[list[_T]]:
    items = list(values)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def project_key(project: Project) -> str:
    return normal_key(project.short_name or project.name_fi)


def person_key(person: Person) -> str:
    return normal_key(person.full_name)


@dataclass(frozen=True, slots=True)  # slots: a re-import makes 20,000 of them
class Local(Generic[_R]):
    """A record of this database, with its local row id."""

    id: int
    record: _R


def _clock(value: dt.time | None) -> str | None:
    return value.isoformat() if value is not None else None


def _person_context(person: Person) -> dict[str, str]:
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "organisation": person.organisation,
    }


def workshop_record(w: Workshop, form_uuid: str | None) -> WorkshopRecord:
    people = [p for p in [w.coordinator, *(f.person for f in w.facilitators)] if p is not None]
    content = {
        "title": w.title,
        "project": project_key(w.project),
        "module": w.module.code if w.module else None,
        "region": w.region,
        "municipality": w.municipality,
        "date": w.date.isoformat() if w.date else None,
        "start_time": _clock(w.start_time),
        "end_time": _clock(w.end_time),
        "place": w.place,
        "coordinator": person_key(w.coordinator) if w.coordinator else None,
        "facilitators": [person_key(f.person) for f in w.facilitators],
        "target_group": w.target_group,
        "invited": w.invited,
        "attended": w.attended,
        "questions": [q.text for q in w.questions],
        "notes": w.notes,
        "status": w.status,
        "form": form_uuid,
    }
    # Added later: written only when set, so a workshop without them keeps the version
    # (content hash) it had, and older copies elsewhere are not taken as changed.
    if w.title_sv:
        content["title_sv"] = w.title_sv
    if w.language:
        content["language"] = w.language
    context = {
        "project": {
            "name_fi": w.project.name_fi,
            "name_sv": w.project.name_sv,
            "short_name": w.project.short_name,
        },
        "module": {"code": w.module.code, "name_fi": w.module.name_fi, "name_sv": w.module.name_sv}
        if w.module
        else None,
        "people": {person_key(p): _person_context(p) for p in people},
    }
    return WorkshopRecord(
        w.uuid, w.origin, as_utc(w.created_at), as_utc(w.updated_at), content, context=context
    )


def form_record(f: FeedbackForm) -> FormRecord:
    content = {
        "lineage": f.lineage,
        "name_fi": f.name_fi,
        "name_sv": f.name_sv,
        "questions": [
            {
                "key": q.key,
                "kind": q.kind,
                "text_fi": q.text_fi,
                "text_sv": q.text_sv,
                "scale_min": q.scale_min,
                "scale_max": q.scale_max,
                "min_label_fi": q.min_label_fi,
                "min_label_sv": q.min_label_sv,
                "max_label_fi": q.max_label_fi,
                "max_label_sv": q.max_label_sv,
                "options": [[o.text_fi, o.text_sv] for o in q.options],
            }
            for q in f.questions
        ],
    }
    return FormRecord(
        f.uuid, f.origin, as_utc(f.created_at), as_utc(f.updated_at), content, number=f.version
    )


def load_workshops(session: Session, where: Where) -> dict[str, Local[WorkshopRecord]]:
    """Workshops matching the SQL condition *where*, by UUID."""
    form = aliased(FeedbackForm)
    rows = session.execute(
        select(Workshop, form.uuid)
        .outerjoin(form, form.id == Workshop.form_id)
        .where(where)
        .options(
            selectinload(Workshop.facilitators).selectinload(WorkshopFacilitator.person),
            selectinload(Workshop.questions),
            selectinload(Workshop.project),
            selectinload(Workshop.module),
            selectinload(Workshop.coordinator),
        )
    ).all()
    found = {w.uuid: Local(w.id, workshop_record(w, form_uuid)) for w, form_uuid in rows}
    return with_revisions(session, found)


def load_forms(session: Session, where: Where) -> dict[str, Local[FormRecord]]:
    forms = session.scalars(
        select(FeedbackForm)
        .where(where)
        .options(selectinload(FeedbackForm.questions).selectinload(FeedbackQuestion.options))
    ).all()
    return with_revisions(session, {f.uuid: Local(f.id, form_record(f)) for f in forms})


_Column = ColumnElement[Any] | InstrumentedAttribute[Any] | ScalarSelect[Any]


def _responses(where: Where, *columns: _Column) -> Select[Any]:
    """*columns* of the responses matching *where*, then their workshop's and form's UUIDs
    (what a response record holds instead of their local ids)."""
    workshop = aliased(Workshop)
    form = aliased(FeedbackForm)
    return (
        select(*columns, workshop.uuid, form.uuid)
        .join(workshop, workshop.id == FeedbackResponse.workshop_id)
        .join(form, form.id == FeedbackResponse.form_id)
        .where(where)
    )


def load_responses(session: Session, where: Where) -> dict[str, Local[ResponseRecord]]:
    """Responses matching *where* (over FeedbackResponse) with their answers, by UUID."""
    rows = session.execute(
        _responses(
            where,
            FeedbackResponse.id,
            FeedbackResponse.uuid,
            FeedbackResponse.origin,
            FeedbackResponse.created_at,
            FeedbackResponse.updated_at,
            FeedbackResponse.deleted_at,
        )
    ).all()
    answers: dict[int, list[list[Any]]] = defaultdict(list)  # [position, value, text]
    if rows:
        for response_id, position, value, text in session.execute(
            select(
                FeedbackAnswer.response_id,
                FeedbackQuestion.position,
                FeedbackAnswer.value,
                FeedbackAnswer.text,
            )
            .join(FeedbackQuestion, FeedbackQuestion.id == FeedbackAnswer.question_id)
            .join(FeedbackResponse, FeedbackResponse.id == FeedbackAnswer.response_id)
            .where(where)
        ):
            answers[response_id].append([position, value, text])
    result: dict[str, Local[ResponseRecord]] = {}
    for rid, uuid, origin, created, updated, deleted, w_uuid, f_uuid in rows:
        content = {"workshop": w_uuid, "form": f_uuid, "answers": sorted(answers.get(rid, []))}
        # Times in UTC with their zone on every engine (SQLite returns them without one).
        record = ResponseRecord(
            uuid, origin, as_utc(created), as_utc(updated), content, deleted_at=as_utc(deleted)
        )
        result[uuid] = Local(rid, record)
    return with_revisions(session, result)


def revisions(session: Session) -> dict[str, int]:
    """{uuid: revision} of the records here that have one (few: see ``revised_version``)."""
    return dict(
        session.connection().execute(
            select(SyncCurrent.uuid, SyncCurrent.revision).where(SyncCurrent.revision > 0)
        ).all()
    )


def with_revisions(session: Session, found: dict[str, Local[_R]]) -> dict[str, Local[_R]]:
    """*found* with each record's revision (the loaders build records from their rows)."""
    if not found:
        return found
    for uuid, revision in revisions(session).items():
        local = found.get(uuid)
        if local is not None:
            found[uuid] = Local(local.id, replace(local.record, revision=revision))
    return found


def last_exchanged(session: Session, uuids: Iterable[str]) -> dict[str, str]:
    """{uuid: version} each of *uuids* had when it last went through a bundle here."""
    last: dict[str, str] = {}
    for part in chunks(uuids):
        last.update(
            session.connection().execute(
                select(SyncCurrent.uuid, SyncCurrent.version).where(SyncCurrent.uuid.in_(part))
            ).all()
        )
    return last


def all_last_exchanged(session: Session) -> dict[str, str]:
    """:func:`last_exchanged` of every record here (one walk: an export reads them all)."""
    return dict(
        session.connection().execute(select(SyncCurrent.uuid, SyncCurrent.version)).all()
    )


class ResponseState(NamedTuple):
    """A local response in plain values: enough to tell whether an incoming one is the same.

    Reading these costs a fraction of building the records (no times, no content
    dictionaries, one row per response); :func:`load_responses` is still what a
    response that differs is planned with.
    """

    id: int
    deleted: bool
    workshop: str  # UUIDs, as in a record's content
    form: str
    # [position, value, text] each, in the order the database gave (None: not read)
    answers: list[list[Any]] | None


@cache
def sqlite_has_json() -> bool:
    """Whether this program's SQLite has its JSON functions (built in since SQLite 3.38;
    an older build may leave them out); without them :func:`response_states` reads no
    answers and every response is compared in full."""
    with closing(sqlite3.connect(":memory:")) as probe:
        try:
            probe.execute("SELECT json_group_array(json_array(1, NULL, 'a'))")
        except sqlite3.Error:
            return False
    return True


def _answers_as_json(dialect: str) -> ScalarSelect[str | None]:
    """One response's answers as the JSON text of its [position, value, text] lists.

    The database builds the JSON in fewer instructions than it spelled the answers as
    strings, and the text parses to exactly what a record's content holds. SQLite lists them
    in the order it reads them (the questions' ids, usually their positions), PostgreSQL
    by position; another order only makes a response look changed, and it is then
    compared in full. NULL (PostgreSQL) or "[]" (SQLite) without answers.
    """
    fields = (FeedbackQuestion.position, FeedbackAnswer.value, FeedbackAnswer.text)
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import aggregate_order_by

        answers: ColumnElement[str | None] = cast(
            func.json_agg(
                aggregate_order_by(func.json_build_array(*fields), FeedbackQuestion.position)
            ),
            Text,
        )
    else:
        answers = func.json_group_array(func.json_array(*fields), type_=Text)
    return (
        select(answers)
        .select_from(FeedbackAnswer)
        .join(FeedbackQuestion, FeedbackQuestion.id == FeedbackAnswer.question_id)
        .where(FeedbackAnswer.response_id == FeedbackResponse.id)
        .scalar_subquery()
    )


def response_states(session: Session, where: ColumnElement[bool]) -> dict[str, ResponseState]:
    """The local responses matching *where* (over FeedbackResponse), by UUID.

    One plain read through the connection (no ORM rows, no times parsed, one row per
    response): its workshop's and form's UUIDs and its answers as JSON, parsed in one go.
    """
    connection = session.connection()
    dialect = connection.dialect.name
    with_answers = dialect != "sqlite" or sqlite_has_json()
    answers_json = _answers_as_json(dialect) if with_answers else null()
    rows = plain_rows(
        connection.execute(
            _responses(
                where,
                FeedbackResponse.id,
                FeedbackResponse.uuid,
                type_coerce(FeedbackResponse.deleted_at.is_not(None), Integer),
                answers_json,
            )
        )
    )
    # One parse of all of them: 20,000 calls of json.loads cost more than the parsing.
    # Without the answers, each is None: never the same as a record's, compared in full.
    answers = (
        json.loads("[" + ",".join([row[3] or "[]" for row in rows]) + "]")
        if with_answers
        else [None] * len(rows)
    )
    return {
        uuid: ResponseState(rid, bool(deleted), w_uuid, f_uuid, parsed)
        for (rid, uuid, deleted, _, w_uuid, f_uuid), parsed in zip(rows, answers, strict=True)
    }


# A local response's stamp: the driver's row as it comes (no object per row, 20,000 in a
# re-import): its id, deleted (1) or not (0), the time of its last change as the driver
# gives it (see stamp_time) and its workshop's and form's UUIDs.
Stamp = tuple[int, int, str | dt.datetime, str, str]


def response_stamps(
    session: Session, where: ColumnElement[bool], among: Collection[str]
) -> dict[str, Stamp]:
    """The stamps of the local responses matching *where* whose UUIDs are *among*, by UUID.

    What tells most responses of a re-import unchanged without their answers (see
    planner._same_time); one plain read, a third of the time of :func:`response_states`.
    """
    rows = plain_rows(
        session.connection().execute(
            _responses(
                where,
                FeedbackResponse.uuid,
                FeedbackResponse.id,
                type_coerce(FeedbackResponse.deleted_at.is_not(None), Integer),
                FeedbackResponse.updated_at,
            )
        )
    )
    return {row[0]: row[1:] for row in rows if row[0] in among}


def stamp_time(value: str | dt.datetime) -> dt.datetime | None:
    """A stored time as the driver gives it, with its zone (see :func:`as_utc`); None for
    text that is not a time. SQLite's text (UTC without a zone, as SQLAlchemy's DateTime
    writes it) is parsed with the zone appended: a third of the time of adding it after."""
    if not isinstance(value, str):
        return as_utc(value)
    try:
        return dt.datetime.fromisoformat(value + "+00:00")
    except ValueError:  # written some other way: with its zone, or not a time at all
        try:
            return as_utc(dt.datetime.fromisoformat(value))
        except ValueError:
            return None


def load_by_uuid(
    session: Session,
    loader: Callable[[Session, Where], Mapping[str, Local[_R]]],
    column: InstrumentedAttribute[str],
    uuids: Iterable[str],
) -> dict[str, Local[_R]]:
    found: dict[str, Local[_R]] = {}
    for part in chunks(uuids):
        found.update(loader(session, column.in_(part)))
    return found


def known_versions(session: Session, uuids: Iterable[str]) -> dict[str, dict[str, bool]]:
    """{uuid: {version: exported}} for the versions that passed through bundles here."""
    uuids = list(uuids)
    if not uuids:  # a re-import's same responses: no count of the table (a walk in SQLite)
        return defaultdict(dict)
    stored = session.scalar(select(func.count()).select_from(SyncVersion)) or 0
    if len(uuids) * 2 >= stored:  # most of them (a re-import): one walk beats 20,000 look-ups
        wanted = set(uuids)
        every = all_known_versions(session)
        return defaultdict(dict, {u: v for u, v in every.items() if u in wanted})
    known: dict[str, dict[str, bool]] = defaultdict(dict)
    for part in chunks(uuids):
        for uuid, version, exported in session.execute(
            select(SyncVersion.uuid, SyncVersion.version, SyncVersion.exported).where(
                SyncVersion.uuid.in_(part)
            )
        ):
            known[uuid][version] = exported
    return known


def synced_uuids(session: Session, uuids: Collection[str]) -> set[str]:
    """Those of *uuids* that some version in sync_version has (they passed through a bundle)."""
    if not uuids:
        return set()
    connection = session.connection()
    stored = connection.execute(select(func.count()).select_from(SyncVersion)).scalar() or 0
    if len(uuids) * 2 >= stored:  # most of them (a re-import): one walk of the index
        every = plain_rows(connection.execute(select(SyncVersion.uuid)))
        wanted = uuids if isinstance(uuids, AbstractSet) else set(uuids)
        return {uuid for (uuid,) in every if uuid in wanted}
    found: set[str] = set()
    for part in chunks(uuids):
        found.update(
            connection.execute(
                select(SyncVersion.uuid).distinct().where(SyncVersion.uuid.in_(part))
            ).scalars()
        )
    return found


def all_known_versions(session: Session) -> dict[str, dict[str, bool]]:
    known: dict[str, dict[str, bool]] = defaultdict(dict)
    for uuid, version, exported in session.execute(
        select(SyncVersion.uuid, SyncVersion.version, SyncVersion.exported)
    ):
        known[uuid][version] = exported
    return known


def pending_versions(session: Session, uuids: Iterable[str]) -> dict[str, set[str]]:
    pending: dict[str, set[str]] = defaultdict(set)
    if session.scalar(select(BundleConflict.id).limit(1)) is None:
        return pending  # no kept conflicts at all: nothing to look up
    for part in chunks(uuids):
        for uuid, version in session.execute(
            select(BundleConflict.uuid, BundleConflict.version).where(BundleConflict.uuid.in_(part))
        ):
            pending[uuid].add(version)
    return pending
