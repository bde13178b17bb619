"""Applying an import plan in the caller's transaction.

Forms first, then workshops, then responses (bulk inserts: 20,000 responses
in a few seconds). Missing projects, modules and people are created from the
values the bundle carries (see records.py for how they are matched).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Mapping
from typing import TypeVar

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from kastedesk.domain import text_limits as T
from kastedesk.domain.bundle_merge import Outcome
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.services.bundles.format import JsonObject
from kastedesk.services.bundles.local_records import chunks, person_key, project_key
from kastedesk.services.bundles.newcomers import (
    bundle_person,
    bundle_project,
    details_of,
    module_names,
)
from kastedesk.services.bundles.planner import FORM, RESPONSE, WORKSHOP, ImportPlan, PlannedItem
from kastedesk.services.bundles.records import FormRecord, Record, ResponseRecord, WorkshopRecord
from kastedesk.services.bundles.revisions import remember_current
from kastedesk.services.bundles.tables import table
from kastedesk.services.registry import create_person_in, save_project_in
from kastedesk.services.workshops import add_module
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


class Registry:
    """Finds (or makes) the project, modules and people a workshop refers to by value.

    New ones are made through the registry's own validation (newcomers.py); the
    planner has already left out the workshops whose people cannot be made valid.
    """

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

    def project(self, key: str, context: Mapping[str, object]) -> int:
        if key not in self.projects:
            data, _left_out = bundle_project(key, context.get("project"))
            self.projects[key] = save_project_in(self.session, data)
        return self.projects[key]

    def module(
        self, project_id: int, code: str | None, context: Mapping[str, object]
    ) -> int | None:
        if not code:
            return None
        if (project_id, code) not in self.modules:
            name_fi, name_sv, _left_out = module_names(code, context.get("module"))
            module = add_module(self.session, project_id, code[: T.MODULE_CODE], name_fi, name_sv)
            self.modules[(project_id, code)] = module.id
        return self.modules[(project_id, code)]

    def person(self, key: str, context: Mapping[str, object]) -> int:
        details = details_of(context, key)
        found = self.people.get(key)
        if found:
            email = details.get("email") if isinstance(details, Mapping) else None
            email = email.strip().casefold() if isinstance(email, str) else ""
            same_email = [p for p in found if email and p.email.casefold() == email]
            return (same_email or found)[0].id
        values = bundle_person(key, details)
        if values.data is None:  # only a conflict taken later gets here: the plan skipped it
            message = _("This version cannot be taken: {reason}.")
            raise ValidationError({"": message.format(reason=values.problem.rstrip("."))})
        person = self.session.get_one(Person, create_person_in(self.session, values.data))
        self.people[key].append(person)
        return person.id


class Applier:
    def __init__(self, session: Session, plan: ImportPlan | None = None) -> None:
        """*plan* is needed by ``apply``; conflict resolution uses the single-record writers."""
        self.session = session
        self.plan = plan
        self.registry: Registry | None = None
        self.form_ids: dict[str, int] = {}
        self.question_ids: dict[str, list[int]] = {}
        self.workshop_ids: dict[str, int] = {}
        self.now = utc_now()

    # --- lookups ------------------------------------------------------------------------

    def _ids(
        self,
        model: type[FeedbackForm] | type[Workshop] | type[FeedbackResponse],
        uuids: set[str],
        cache: dict[str, int],
    ) -> None:
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

    def _question_rows(self, content: JsonObject) -> list[FeedbackQuestion]:
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
        form = self.session.get_one(FeedbackForm, form_id)
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

    def _answer_rows(self, response_id: int, record: ResponseRecord) -> list[dict[str, object]]:
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
            table(FeedbackResponse).insert(),
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
            self.session.execute(table(FeedbackAnswer).insert(), answers)

    def delete_responses(self, items: list[PlannedItem]) -> None:
        for part in chunks(items):
            ids = [_local_id(item) for item in part]
            self.session.execute(delete(FeedbackAnswer).where(FeedbackAnswer.response_id.in_(ids)))
            for item in part:
                self.session.execute(
                    update(FeedbackResponse)
                    .where(FeedbackResponse.id == _local_id(item))
                    .values(
                        deleted_at=_utc(_of(item, ResponseRecord).deleted_at) or self.now,
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
        plan = self.plan
        if plan is None:
            raise TypeError("Applier.apply needs the plan")
        # A same record (most of a re-import's) writes nothing; only _versions and the
        # evaluation matrix's own applier look at them.
        decided = [item for item in plan.items if not item.same]
        by_kind: dict[str, list[PlannedItem]] = defaultdict(list)
        for item in decided:
            by_kind[item.kind].append(item)
        for item in by_kind[FORM]:
            if item.outcome is Outcome.INSERT:
                self.insert_form(_of(item, FormRecord))
            elif item.outcome is Outcome.UPDATE:
                self.update_form(_local_id(item), _of(item, FormRecord))
        for item in by_kind[WORKSHOP]:
            if item.outcome is Outcome.INSERT:
                self.write_workshop(_of(item, WorkshopRecord), None)
            elif item.outcome is Outcome.UPDATE:
                workshop = self.session.get(Workshop, _local_id(item))
                self.write_workshop(_of(item, WorkshopRecord), workshop)
        responses = by_kind[RESPONSE]
        self.insert_responses(
            [
                _of(i, ResponseRecord)
                for i in responses
                if i.outcome in (Outcome.INSERT, Outcome.INSERT_DELETED)
            ]
        )
        self.delete_responses([i for i in responses if i.outcome is Outcome.DELETE])
        for item in responses:
            if item.outcome is Outcome.UPDATE:
                self.update_response(_local_id(item), _of(item, ResponseRecord))
        self._evaluation(plan)
        self._conflicts(plan, decided)
        self._versions(plan)
        self._source(plan)

    def _evaluation(self, plan: ImportPlan) -> None:
        from kastedesk.services.bundles.evaluation import EVAL_KINDS, apply_evaluation

        items = [i for i in plan.items if i.kind in EVAL_KINDS]
        if items:
            if self.registry is None:
                self.registry = Registry(self.session)
            apply_evaluation(self.session, items, self.registry)

    def _conflicts(self, plan: ImportPlan, decided: list[PlannedItem]) -> None:
        source = plan.bundle.source.installation
        drop = [(i.record.uuid, v) for i in decided for v in i.drop_pending]
        deleted = [i.record.uuid for i in decided if i.outcome is Outcome.DELETE]
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
                "payload": json.dumps(item.record.to_json(), ensure_ascii=False),
                "source": source,
                "detected_at": self.now,
            }
            for item in decided
            if item.outcome is Outcome.CONFLICT
        ]
        if rows:
            self.session.execute(insert(BundleConflict), rows)

    def _versions(self, plan: ImportPlan) -> None:
        """Remember every version seen (and its known older ones) for the next merge."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for item in plan.items:
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
            if version not in plan.known.get(uuid, ())
        ]
        if rows:
            self.session.execute(table(SyncVersion).insert(), rows)
        remember_current(self.session, _current_after(plan))

    def _source(self, plan: ImportPlan) -> None:
        source = plan.bundle.source
        row = self.session.get(SyncInstallation, source.installation)
        if row is None:
            row = SyncInstallation(id=source.installation)
            self.session.add(row)
        row.name = source.name[:200] or row.name or ""
        row.last_import_at = self.now


def _current_after(plan: ImportPlan) -> dict[str, tuple[str, int]]:
    """{uuid: (version, revision)} each decided record has here after the import.

    A same record keeps what it had (an edit here back to an older version is still
    told by its revision at the next export); a deleted one needs no revision.
    """
    current: dict[str, tuple[str, int]] = {}
    for item in plan.items:
        if item.same or item.outcome in _DELETIONS:
            continue
        taken = item.outcome in (Outcome.INSERT, Outcome.UPDATE) and not item.blocked
        record = item.record if taken or item.local is None else item.local.record
        if not _is_deleted(record):
            current[record.uuid] = (record.version, record.revision)
    return current


_DELETIONS = (Outcome.DELETE, Outcome.INSERT_DELETED, Outcome.STAYS_DELETED)
_R = TypeVar("_R", bound=Record)


def _of(item: PlannedItem, record_class: type[_R]) -> _R:
    """*item*'s record, of the class its kind always has (the planner pairs them)."""
    if not isinstance(item.record, record_class):
        raise TypeError(f"a {item.kind} item holds a {type(item.record).__name__}")
    return item.record


def _local_id(item: PlannedItem) -> int:
    """The local row an update or deletion is planned for (the planner always names it)."""
    if item.local is None:
        raise TypeError(f"a {item.kind} {item.outcome} without its local row")
    return item.local.id


def _is_deleted(record: Record) -> bool:
    return getattr(record, "deleted_at", None) is not None


def apply_plan(session: Session, plan: ImportPlan) -> None:
    Applier(session, plan).apply()
