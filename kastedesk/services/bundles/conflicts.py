"""Conflicts kept by imports: list them with their differences, let the user choose.

Keeping this database's version makes the bundle's version a known older one
(a later import of it changes nothing). Taking the bundle's version writes it
over the local record; the local version becomes the known older one. Either
way the choice travels on: the next export says which versions it replaces.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kastedesk.domain.bilingual import in_language
from kastedesk.domain.bundle_merge import DELETED_VERSION
from kastedesk.domain.feedback_forms import OptionSpec, QuestionKind, QuestionSpec
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _, current_language
from kastedesk.services.bundles import evaluation as ev_bundle
from kastedesk.services.bundles.applier import Applier, Registry
from kastedesk.services.bundles.format import FORMS, RESPONSES, WORKSHOPS, JsonObject
from kastedesk.services.bundles.local_records import (
    Local,
    load_forms,
    load_responses,
    load_workshops,
)
from kastedesk.services.bundles.planner import FORM, RESPONSE, WORKSHOP
from kastedesk.services.bundles.records import (
    FormRecord,
    Record,
    ResponseRecord,
    WorkshopRecord,
    parse_records,
)
from kastedesk.services.bundles.revisions import remember_choice
from kastedesk.storage.database import Database
from kastedesk.storage.models.bundles import BundleConflict, SyncInstallation, SyncVersion
from kastedesk.storage.models.feedback import FeedbackForm, FeedbackResponse
from kastedesk.storage.models.workshops import Workshop

KIND_LABELS: dict[str, Callable[[], str]] = {
    WORKSHOP: lambda: _("Workshop"),
    FORM: lambda: _("Feedback form"),
    RESPONSE: lambda: _("Response"),
    **ev_bundle.KIND_LABELS,
}

FIELD_LABELS: dict[str, Callable[[], str]] = {
    "title": lambda: _("Title"),
    "title_sv": lambda: _("Title (Swedish)"),
    "language": lambda: _("Form language"),
    "project": lambda: _("Project"),
    "module": lambda: _("Module"),
    "region": lambda: _("Region"),
    "municipality": lambda: _("Municipality"),
    "date": lambda: _("Date"),
    "start_time": lambda: _("Starts"),
    "end_time": lambda: _("Ends"),
    "place": lambda: _("Place"),
    "coordinator": lambda: _("Coordinator"),
    "facilitators": lambda: _("Facilitators"),
    "target_group": lambda: _("Target group"),
    "invited": lambda: _("Invited"),
    "attended": lambda: _("Attended"),
    "questions": lambda: _("Questions"),
    "notes": lambda: _("Notes"),
    "status": lambda: _("Status"),
    "form": lambda: _("Feedback form"),
    "name_fi": lambda: _("Name (Finnish)"),
    "name_sv": lambda: _("Name (Swedish)"),
    "workshop": lambda: _("Workshop"),
}


@dataclass(frozen=True)
class Difference:
    field: str
    here: str
    incoming: str


@dataclass(frozen=True)
class ConflictRow:
    id: int
    kind: str
    uuid: str
    title: str
    source: str  # installation name (or id)
    detected_at: dt.datetime
    differences: tuple[Difference, ...]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]()


def _show(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, list):
        return "; ".join(_show(v) for v in value)
    if isinstance(value, dict):
        return value.get("text_fi") or json.dumps(value, ensure_ascii=False)
    return str(value)


def differences(
    kind: str, here: JsonObject, incoming: JsonObject, questions: list[JsonObject] | None = None
) -> tuple[Difference, ...]:
    """What differs; for a response, every answer side by side (*questions*: its form's)."""
    if kind in ev_bundle.EVAL_KINDS:
        return tuple(Difference(*row) for row in ev_bundle.evaluation_differences(here, incoming))
    if kind == RESPONSE:
        mine = {a[0]: a for a in here["answers"]}
        theirs = {a[0]: a for a in incoming["answers"]}
        rows = []
        for position in sorted(set(mine) | set(theirs)):
            a, b = mine.get(position), theirs.get(position)
            question = questions[position] if questions and position < len(questions) else None
            label = _("Question {number}").format(number=position + 1)
            if question is not None:
                label = f"{position + 1}. {_question_text(question)}"
            if a != b:
                label = "≠ " + label
            rows.append(Difference(label, _answer(a, question), _answer(b, question)))
        return tuple(rows)
    rows = []
    for key in [*here, *(k for k in incoming if k not in here)]:
        if key != "lineage" and here.get(key) != incoming.get(key):
            label = FIELD_LABELS.get(key, lambda k=key: k)()
            if key == "questions" and kind == FORM:
                rows.append(
                    Difference(
                        label,
                        _show([q["text_fi"] for q in here[key]]),
                        _show([q["text_fi"] for q in incoming[key]]),
                    )
                )
            else:
                rows.append(Difference(label, _show(here.get(key)), _show(incoming.get(key))))
    return tuple(rows)


def _question_text(question: JsonObject) -> str:
    return in_language(
        str(question["text_fi"] or ""), str(question.get("text_sv") or ""), current_language()
    )


def _answer(answer: list[Any] | None, question: JsonObject | None = None) -> str:
    """*answer*: [position, value, text] as a response's content holds it."""
    if answer is None:
        return "–"
    if answer[2] is not None:
        return str(answer[2])
    value = answer[1]
    if question is not None:
        return spec_of_question(question).answer_label(value, current_language())
    return str(value)


def spec_of_question(question: JsonObject) -> QuestionSpec:
    return QuestionSpec(
        kind=QuestionKind(question["kind"]),
        text_fi=question["text_fi"],
        text_sv=question["text_sv"],
        scale_min=question["scale_min"],
        scale_max=question["scale_max"],
        min_label_fi=question["min_label_fi"],
        min_label_sv=question["min_label_sv"],
        max_label_fi=question["max_label_fi"],
        max_label_sv=question["max_label_sv"],
        options=tuple(OptionSpec(fi, sv) for fi, sv in question["options"]),
        key=question["key"],
    )


def _parse(kind: str, payload: str) -> Record:
    raw = json.loads(payload)
    if kind in ev_bundle.EVAL_KINDS:
        return ev_bundle.parse_evaluation(raw)
    parts: dict[str, list[object]] = {WORKSHOPS: [], FORMS: [], RESPONSES: []}
    parts[{WORKSHOP: WORKSHOPS, FORM: FORMS, RESPONSE: RESPONSES}[kind]].append(raw)
    records = parse_records(parts)
    return (records.workshops or records.forms or records.responses)[0]


def _local(session: Session, kind: str, uuid: str) -> Local[Record] | None:
    if kind in ev_bundle.EVAL_KINDS:
        return ev_bundle.local_record(session, uuid)
    if kind == WORKSHOP:
        return load_workshops(session, Workshop.uuid == uuid).get(uuid)
    if kind == FORM:
        return load_forms(session, FeedbackForm.uuid == uuid).get(uuid)
    return load_responses(session, FeedbackResponse.uuid == uuid).get(uuid)


def _title(session: Session, kind: str, content: JsonObject) -> str:
    if kind in ev_bundle.EVAL_KINDS:
        return ev_bundle.evaluation_title(session, kind, content)
    if kind == WORKSHOP:
        return str(content["title"])
    if kind == FORM:
        return str(content["name_fi"])
    title = session.scalar(select(Workshop.title).where(Workshop.uuid == content["workshop"]))
    return _("Response to {workshop}").format(workshop=title or "?")


def list_conflicts(db: Database) -> list[ConflictRow]:
    with db.read() as session:
        names = dict(session.execute(select(SyncInstallation.id, SyncInstallation.name)).all())
        rows = []
        for conflict in session.scalars(select(BundleConflict).order_by(BundleConflict.id)):
            incoming = _parse(conflict.kind, conflict.payload)
            local = _local(session, conflict.kind, conflict.uuid)
            here = local.record.content if local else incoming.content
            questions = None
            if conflict.kind == RESPONSE:
                form = _local(session, FORM, here["form"])
                questions = form.record.content["questions"] if form else None
            rows.append(
                ConflictRow(
                    conflict.id,
                    conflict.kind,
                    conflict.uuid,
                    _title(session, conflict.kind, here),
                    names.get(conflict.source) or conflict.source[:8],
                    conflict.detected_at,
                    differences(conflict.kind, here, incoming.content, questions),
                )
            )
        return rows


def conflict_count(db: Database) -> int:
    with db.read() as session:
        return len(session.scalars(select(BundleConflict.id)).all())


def resolve_conflict(db: Database, conflict_id: int, take_incoming: bool) -> None:
    """Keep this database's version, or take the bundle's; the other becomes an older one."""
    with db.session() as session:
        conflict = session.get(BundleConflict, conflict_id)
        if conflict is None:
            raise ValidationError({"": _("The conflict has already been resolved.")})
        local = _local(session, conflict.kind, conflict.uuid)
        if take_incoming and local is not None:
            incoming = _parse(conflict.kind, conflict.payload)
            _take(session, conflict.kind, local.id, incoming)
            chosen: Record | None = incoming
        else:
            chosen = local.record if local is not None else None
        both = [v for v in (conflict.version, local and local.record.version) if v]
        for version in both:
            if session.get(SyncVersion, (conflict.uuid, version)) is None:
                session.add(SyncVersion(uuid=conflict.uuid, version=version, exported=False))
        if chosen is not None and chosen.version != DELETED_VERSION:
            remember_choice(session, chosen, both)
        session.delete(conflict)


def _take(session: Session, kind: str, local_id: int, incoming: Record) -> None:
    """Write *incoming* (parsed from a conflict of *kind*, so of its record class) over
    the local record."""
    applier = Applier(session)
    if isinstance(incoming, ev_bundle.EvaluationRecord):
        ev_bundle.take_incoming(session, local_id, incoming, Registry(session))
    elif isinstance(incoming, WorkshopRecord):
        applier.write_workshop(incoming, session.get(Workshop, local_id))
    elif isinstance(incoming, FormRecord):
        answered = session.scalar(
            select(FeedbackResponse.id).where(
                FeedbackResponse.form_id == local_id, FeedbackResponse.deleted_at.is_(None)
            )
        )
        if answered is not None:
            raise ValidationError(
                {
                    "": _(
                        "This form has responses here, so its questions cannot be replaced. "
                        "Keep this version."
                    )
                }
            )
        applier.update_form(local_id, incoming)
    elif isinstance(incoming, ResponseRecord):
        response = session.get(FeedbackResponse, local_id)
        if response is not None and response.deleted_at is not None:
            return
        applier.update_response(local_id, incoming)
