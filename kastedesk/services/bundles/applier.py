"""Applying an import plan in the caller's transaction.

Forms first, then workshops, then responses (bulk inserts: 20,000 responses
in a few seconds). Missing projects, modules and people are created from the
values the bundle carries (see records.py for how they are matched).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from kastedesk.domain.bundle_merge import Outcome
from kastedesk.services.bundles.local_records import chunks, person_key, project_key
from kastedesk.services.bundles.planner import FORM, RESPONSE, WORKSHOP, ImportPlan, PlannedItem
from kastedesk.services.bundles.records import FormRecord, Record, ResponseRecord, WorkshopRecord
from kastedesk.storage.models.bundles import BundleConflict, SyncInstallation, SyncVersion
from kastedesk.storage.models.feedback import (
    FeedbackAnswer,
    FeedbackForm,
    FeedbackOption,
    FeedbackQuestion,
    FeedbackResponse,
)
from kastedesk.storage.models.registry import Person, Project
from kastedesk.storage.models.sync_identity import utc_now
from kastedesk.storage.models.workshops import (
    Workshop,
    WorkshopFacilitator,
    WorkshopModule,
    WorkshopQuestion,
)


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.astimezone(dt.UTC) if moment is not None else None


def _text(mapping: object, key: str, limit: int = 300) -> str:
    value = mapping.get(key, "") if isinstance(mapping, dict) else ""
    return value.strip()[:limit] if isinstance(value, str) else ""


class Registry:
    """Finds (or makes) the project, modules and people a workshop refers to by value."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.projects: dict[str, int] = {}
        for project in session.scalars(select(Project).order_by(Project.id)):
            self.projects.setdefault(project_key(project), project.id)
        self.people: dict[str, list[Person]] = defaultdict(list)
        for person in session.scalars(select(Person).order_by(Person.id)):
            self.people[person_key(person)].append(person)
        self.modules: dict[tuple[int, str], int] = {
            (m.project_id, m.code): m.id for m in session.scalars(select(WorkshopModule))
        }

    def project(self, key: str, context: dict) -> int:
        if key not in self.projects:
            names = context.get("project") if isinstance(context.get("project"), dict) else {}
            project = Project(
                name_fi=_text(names, "name_fi") or key,
                name_sv=_text(names, "name_sv"),
                short_name=_text(names, "short_name", 60),
            )
            self.session.add(project)
            self.session.flush()
            self.projects[key] = project.id
        return self.projects[key]

    def module(self, project_id: int, code: str | None, context: dict) -> int | None:
        if not code:
            return None
        if (project_id, code) not in self.modules:
            names = context.get("module") if isinstance(context.get("module"), dict) else {}
            position = self.session.scalar(
                select(func.count()).where(WorkshopModule.project_id == project_id)
            )
            module = WorkshopModule(
                project_id=project_id,
                code=code[:10],
                name_fi=_text(names, "name_fi"),
                name_sv=_text(names, "name_sv"),
                position=position,
            )
            self.session.add(module)
            self.session.flush()
            self.modules[(project_id, code)] = module.id
        return self.modules[(project_id, code)]

    def person(self, key: str, context: dict) -> int:
        people = context.get("people") if isinstance(context.get("people"), dict) else {}
        details = people.get(key) if isinstance(people.get(key), dict) else {}
        found = self.people.get(key)
        if found:
            email = _text(details, "email").casefold()
            same_email = [p for p in found if email and p.email.casefold() == email]
            return (same_email or found)[0].id
        first, last = _text(details, "first_name", 100), _text(details, "last_name", 100)
        if normal(f"{first} {last}") != key:  # the details do not spell the key: trust the key
            first, last = key, ""
        person = Person(
            first_name=first,
            last_name=last,
            email=_text(details, "email", 254),
            organisation=_text(details, "organisation"),
        )
        self.session.add(person)
        self.session.flush()
        self.people[key].append(person)
        return person.id


def normal(text: str) -> str:
    return " ".join(text.split()).casefold()


class Applier:
    def __init__(self, session: Session, plan: ImportPlan | None = None) -> None:
        """*plan* is needed by ``apply``; conflict resolution uses the single-record writers."""
        self.session = session
        self.plan: ImportPlan = plan  # type: ignore[assignment]
        self.registry: Registry | None = None
        self.form_ids: dict[str, int] = {}
        self.question_ids: dict[str, list[int]] = {}
        self.workshop_ids: dict[str, int] = {}
        self.now = utc_now()

    # --- lookups ------------------------------------------------------------------------

    def _ids(self, model, uuids: set[str], cache: dict[str, int]) -> None:
        missing = [u for u in uuids if u not in cache]
        for part in chunks(missing):
            cache.update(
                self.session.execute(select(model.uuid, model.id).where(model.uuid.in_(part))).all()
            )

    def _questions(self, form_uuid: str) -> list[int]:
        if form_uuid not in self.question_ids:
            self._ids(FeedbackForm, {form_uuid}, self.form_ids)
            self.question_ids[form_uuid] = list(
                self.session.scalars(
                    select(FeedbackQuestion.id)
                    .where(FeedbackQuestion.form_id == self.form_ids[form_uuid])
                    .order_by(FeedbackQuestion.position)
                )
            )
        return self.question_ids[form_uuid]

    # --- forms --------------------------------------------------------------------------

    def _question_rows(self, content: dict[str, Any]) -> list[FeedbackQuestion]:
        return [
            FeedbackQuestion(
                position=position,
                key=q["key"],
                kind=q["kind"],
                text_fi=q["text_fi"],
                text_sv=q["text_sv"],
                scale_min=q["scale_min"],
                scale_max=q["scale_max"],
                min_label_fi=q["min_label_fi"],
                min_label_sv=q["min_label_sv"],
                max_label_fi=q["max_label_fi"],
                max_label_sv=q["max_label_sv"],
                options=[
                    FeedbackOption(position=n, text_fi=fi, text_sv=sv)
                    for n, (fi, sv) in enumerate(q["options"], start=1)
                ],
            )
            for position, q in enumerate(content["questions"])
        ]

    def insert_form(self, record: FormRecord) -> None:
        content = record.content
        taken = set(
            self.session.scalars(
                select(FeedbackForm.version).where(FeedbackForm.lineage == content["lineage"])
            )
        )
        number = record.number if record.number not in taken else max(taken) + 1
        form = FeedbackForm(
            uuid=record.uuid,
            origin=record.origin,
            created_at=_utc(record.created_at),
            updated_at=_utc(record.updated_at),
            lineage=content["lineage"],
            version=number,
            name_fi=content["name_fi"],
            name_sv=content["name_sv"],
            questions=self._question_rows(content),
        )
        self.session.add(form)
        self.session.flush()
        self.form_ids[record.uuid] = form.id

    def update_form(self, form_id: int, record: FormRecord) -> None:
        form = self.session.get(FeedbackForm, form_id)
        form.name_fi = record.content["name_fi"]
        form.name_sv = record.content["name_sv"]
        form.questions.clear()
        self.session.flush()
        form.questions.extend(self._question_rows(record.content))
        self.session.flush()
        self.question_ids.pop(record.uuid, None)

    # --- workshops ----------------------------------------------------------------------

    def write_workshop(self, record: WorkshopRecord, workshop: Workshop | None) -> None:
        if self.registry is None:
            self.registry = Registry(self.session)
        registry, content, context = self.registry, record.content, record.context
        is_new = workshop is None
        if workshop is None:  # added once its fields are set: lookups below may flush
            workshop = Workshop(
                uuid=record.uuid,
                origin=record.origin,
                created_at=_utc(record.created_at),
                updated_at=_utc(record.updated_at),
            )
        project_id = registry.project(content["project"], context)
        if content["form"]:
            self._ids(FeedbackForm, {content["form"]}, self.form_ids)
        clock = dt.time.fromisoformat
        workshop.project_id = project_id
        workshop.title = content["title"]
        workshop.title_sv = content.get("title_sv", "")
        workshop.language = content.get("language")
        workshop.module_id = registry.module(project_id, content["module"], context)
        workshop.region = content["region"]
        workshop.municipality = content["municipality"]
        workshop.date = dt.date.fromisoformat(content["date"]) if content["date"] else None
        workshop.start_time = clock(content["start_time"]) if content["start_time"] else None
        workshop.end_time = clock(content["end_time"]) if content["end_time"] else None
        workshop.place = content["place"]
        workshop.coordinator_id = (
            registry.person(content["coordinator"], context) if content["coordinator"] else None
        )
        workshop.target_group = content["target_group"]
        workshop.invited = content["invited"]
        workshop.attended = content["attended"]
        workshop.notes = content["notes"]
        workshop.status = content["status"]
        workshop.form_id = self.form_ids[content["form"]] if content["form"] else None
        people = [registry.person(key, context) for key in content["facilitators"]]
        if is_new:
            self.session.add(workshop)
        workshop.facilitators.clear()
        workshop.questions.clear()
        self.session.flush()
        seen: set[int] = set()
        for person_id in people:
            if person_id not in seen:  # two keys may meet in one person
                seen.add(person_id)
                workshop.facilitators.append(
                    WorkshopFacilitator(person_id=person_id, position=len(seen) - 1)
                )
        workshop.questions.extend(
            WorkshopQuestion(position=n, text=text) for n, text in enumerate(content["questions"])
        )
        self.session.flush()
        self.workshop_ids[record.uuid] = workshop.id

    # --- responses ----------------------------------------------------------------------

    def _answer_rows(self, response_id: int, record: ResponseRecord) -> list[dict]:
        questions = self._questions(record.content["form"])
        return [
            {"response_id": response_id, "question_id": questions[p], "value": v, "text": t}
            for p, v, t in record.content["answers"]
        ]

    def insert_responses(self, records: list[ResponseRecord]) -> None:
        if not records:
            return
        self._ids(Workshop, {r.content["workshop"] for r in records}, self.workshop_ids)
        self._ids(FeedbackForm, {r.content["form"] for r in records}, self.form_ids)
        self.session.execute(
            FeedbackResponse.__table__.insert(),
            [
                {
                    "uuid": r.uuid,
                    "origin": r.origin,
                    "created_at": _utc(r.created_at),
                    "updated_at": _utc(r.updated_at),
                    "deleted_at": _utc(r.deleted_at),
                    "workshop_id": self.workshop_ids[r.content["workshop"]],
                    "form_id": self.form_ids[r.content["form"]],
                }
                for r in records
            ],
        )
        ids: dict[str, int] = {}
        self._ids(FeedbackResponse, {r.uuid for r in records}, ids)
        answers = [
            row
            for r in records
            if r.deleted_at is None
            for row in self._answer_rows(ids[r.uuid], r)
        ]
        if answers:
            self.session.execute(FeedbackAnswer.__table__.insert(), answers)

    def delete_responses(self, items: list[PlannedItem]) -> None:
        for part in chunks(items):
            ids = [item.local.id for item in part]  # type: ignore[union-attr]
            self.session.execute(delete(FeedbackAnswer).where(FeedbackAnswer.response_id.in_(ids)))
            for item in part:
                self.session.execute(
                    update(FeedbackResponse)
                    .where(FeedbackResponse.id == item.local.id)  # type: ignore[union-attr]
                    .values(
                        deleted_at=_utc(item.record.deleted_at) or self.now,  # type: ignore[attr-defined]
                        row_version=FeedbackResponse.row_version + 1,
                    )
                )

    def update_response(self, response_id: int, record: ResponseRecord) -> None:
        self._ids(Workshop, {record.content["workshop"]}, self.workshop_ids)
        self._ids(FeedbackForm, {record.content["form"]}, self.form_ids)
        self.session.execute(
            delete(FeedbackAnswer).where(FeedbackAnswer.response_id == response_id)
        )
        self.session.execute(
            update(FeedbackResponse)
            .where(FeedbackResponse.id == response_id)
            .values(
                workshop_id=self.workshop_ids[record.content["workshop"]],
                form_id=self.form_ids[record.content["form"]],
                updated_at=_utc(record.updated_at),
                row_version=FeedbackResponse.row_version + 1,
            )
        )
        rows = self._answer_rows(response_id, record)
        if rows:
            self.session.execute(insert(FeedbackAnswer), rows)

    # --- the plan -----------------------------------------------------------------------

    def apply(self) -> None:
        by_kind: dict[str, list[PlannedItem]] = defaultdict(list)
        for item in self.plan.items:
            by_kind[item.kind].append(item)
        for item in by_kind[FORM]:
            if item.outcome is Outcome.INSERT:
                self.insert_form(item.record)  # type: ignore[arg-type]
            elif item.outcome is Outcome.UPDATE:
                self.update_form(item.local.id, item.record)  # type: ignore[union-attr,arg-type]
        for item in by_kind[WORKSHOP]:
            if item.outcome is Outcome.INSERT:
                self.write_workshop(item.record, None)  # type: ignore[arg-type]
            elif item.outcome is Outcome.UPDATE:
                workshop = self.session.get(Workshop, item.local.id)  # type: ignore[union-attr]
                self.write_workshop(item.record, workshop)  # type: ignore[arg-type]
        responses = by_kind[RESPONSE]
        self.insert_responses(
            [i.record for i in responses if i.outcome in (Outcome.INSERT, Outcome.INSERT_DELETED)]  # type: ignore[misc]
        )
        self.delete_responses([i for i in responses if i.outcome is Outcome.DELETE])
        for item in responses:
            if item.outcome is Outcome.UPDATE:
                self.update_response(item.local.id, item.record)  # type: ignore[union-attr,arg-type]
        self._evaluation()
        self._conflicts()
        self._versions()
        self._source()

    def _evaluation(self) -> None:
        from kastedesk.services.bundles.evaluation import EVAL_KINDS, apply_evaluation

        items = [i for i in self.plan.items if i.kind in EVAL_KINDS]
        if items:
            if self.registry is None:
                self.registry = Registry(self.session)
            apply_evaluation(self.session, items, self.registry)

    def _conflicts(self) -> None:
        source = self.plan.bundle.source.installation
        drop = [(i.record.uuid, v) for i in self.plan.items for v in i.drop_pending]
        deleted = [i.record.uuid for i in self.plan.items if i.outcome is Outcome.DELETE]
        for uuid, version in drop:
            self.session.execute(
                delete(BundleConflict).where(
                    BundleConflict.uuid == uuid, BundleConflict.version == version
                )
            )
        for part in chunks(deleted):
            self.session.execute(delete(BundleConflict).where(BundleConflict.uuid.in_(part)))
        rows = [
            {
                "kind": item.kind,
                "uuid": item.record.uuid,
                "version": item.record.version,
                "payload": json.dumps(item.record.to_json(), ensure_ascii=False),  # type: ignore[attr-defined]
                "source": source,
                "detected_at": self.now,
            }
            for item in self.plan.items
            if item.outcome is Outcome.CONFLICT
        ]
        if rows:
            self.session.execute(insert(BundleConflict), rows)

    def _versions(self) -> None:
        """Remember every version seen (and its known older ones) for the next merge."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for item in self.plan.items:
            if item.same and not item.record.supersedes:
                continue  # nothing new to remember
            record: Record = item.record
            wanted[record.uuid] |= {record.version, *record.supersedes}
            if item.local is not None and not _is_deleted(item.local.record):
                wanted[record.uuid].add(item.local.record.version)
        rows = [
            {"uuid": uuid, "version": version, "exported": False}
            for uuid, versions in wanted.items()
            for version in versions
            if version not in self.plan.known.get(uuid, ())
        ]
        if rows:
            self.session.execute(SyncVersion.__table__.insert(), rows)

    def _source(self) -> None:
        source = self.plan.bundle.source
        row = self.session.get(SyncInstallation, source.installation)
        if row is None:
            row = SyncInstallation(id=source.installation)
            self.session.add(row)
        row.name = source.name[:200] or row.name or ""
        row.last_import_at = self.now


def _is_deleted(record: Record) -> bool:
    return getattr(record, "deleted_at", None) is not None


def apply_plan(session: Session, plan: ImportPlan) -> None:
    Applier(session, plan).apply()
