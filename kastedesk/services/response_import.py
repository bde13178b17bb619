"""Import typed-elsewhere responses (Webropol, Microsoft Forms, Excel) into a workshop.

Plan first (which column answers which question, which rows are new, already
imported or rejected and why), then import the new rows in one transaction.
The column choice is remembered per form, by header text, for the next file.
Rows are matched to earlier imports by their UUID (domain/response_import.py),
so importing the same file again adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kastedesk.domain.feedback_entry import Answer
from kastedesk.domain.feedback_forms import FormSpec
from kastedesk.domain.response_import import guess_columns, row_answers, row_uuids
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_count
from kastedesk.i18n import _, current_language
from kastedesk.services.bundles.local_records import chunks
from kastedesk.services.feedback_forms import default_form_id, load_form
from kastedesk.services.table_files import Table, TableFileError, read_table
from kastedesk.storage.database import Database
from kastedesk.storage.installation import installation_id
from kastedesk.storage.models.feedback import FeedbackAnswer, FeedbackForm, FeedbackResponse
from kastedesk.storage.models.meta import Meta
from kastedesk.storage.models.workshops import Workshop

MAPPING_KEY = "response_import:{lineage}"


@dataclass
class ImportedRow:
    line: int
    answers: dict[int, Answer]
    uuid: str


@dataclass
class ResponseImportPlan:
    workshop_id: int
    workshop: str
    form: FormSpec
    headers: list[str]
    mapping: list[int | None]  # per question: the column it is read from
    new: list[ImportedRow] = field(default_factory=list)
    already: int = 0  # rows imported before (also ones deleted since)
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)
    empty: int = 0  # rows with no answer in the chosen columns

    @property
    def mapped(self) -> int:
        return sum(1 for column in self.mapping if column is not None)


@dataclass(frozen=True)
class _Target:
    workshop_id: int
    title: str
    workshop_uuid: str
    form_id: int
    form_uuid: str
    lineage: str
    question_ids: tuple[int, ...]
    spec: FormSpec


def _target(db: Database, workshop_id: int) -> _Target:
    with db.session() as session:
        workshop = session.get(Workshop, workshop_id)
        if workshop is None:
            raise ValidationError({"": _("No workshop with id {id}.").format(id=workshop_id)})
        if workshop.form_id is None:
            workshop.form_id = default_form_id(session)
        form = session.get(FeedbackForm, workshop.form_id)
        assert form is not None
        target = (workshop.id, workshop.title, workshop.uuid, form.id, form.uuid, form.lineage)
    loaded = load_form(db, target[3])
    return _Target(*target, loaded.question_ids, loaded.spec)


def remembered_mapping(
    session: Session, lineage: str, headers: Sequence[str], spec: FormSpec
) -> list[int | None] | None:
    """The columns chosen last time for this form, where those headers are in this file."""
    row = session.get(Meta, MAPPING_KEY.format(lineage=lineage))
    if row is None:
        return None
    try:
        by_key = json.loads(row.value)
    except ValueError:
        return None
    index = {h: n for n, h in reversed(list(enumerate(headers)))}
    mapping = [index.get(by_key.get(q.key, "")) for q in spec.questions]
    return mapping if any(m is not None for m in mapping) else None


def _remember(
    session: Session, target: _Target, headers: Sequence[str], mapping: Sequence[int | None]
) -> None:
    by_key = {
        q.key: headers[column]
        for q, column in zip(target.spec.questions, mapping, strict=True)
        if column is not None
    }
    key = MAPPING_KEY.format(lineage=target.lineage)
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=json.dumps(by_key, ensure_ascii=False)))
    else:
        row.value = json.dumps(by_key, ensure_ascii=False)


def read_responses_file(path: Path) -> Table:
    try:
        return read_table(path)
    except TableFileError as exc:
        raise ValidationError({"file": str(exc)}) from exc


def plan_response_import(
    db: Database, workshop_id: int, table: Table, mapping: Sequence[int | None] | None = None
) -> ResponseImportPlan:
    """What importing *table* would do; *mapping*: per question a column index (else the
    remembered choice for this form, else columns whose header names the question)."""
    target = _target(db, workshop_id)
    with db.read() as session:
        return _plan(session, target, table, mapping)


def _plan(
    session: Session, target: _Target, table: Table, mapping: Sequence[int | None] | None
) -> ResponseImportPlan:
    questions = target.spec.questions
    if mapping is None:
        mapping = remembered_mapping(session, target.lineage, table.headers, target.spec)
    if mapping is None:
        mapping = guess_columns(table.headers, questions)
    mapping = list(mapping)
    if len(mapping) != len(questions) or any(
        m is not None and not 0 <= m < len(table.headers) for m in mapping
    ):
        raise ValidationError({"mapping": _("A question is mapped to a column the file lacks.")})
    plan = ResponseImportPlan(
        target.workshop_id, target.title, target.spec, list(table.headers), mapping
    )
    good: list[tuple[int, dict[int, Answer]]] = []
    for line, row in zip(table.lines, table.rows, strict=True):
        answers, problems = row_answers(questions, mapping, row)
        if problems:
            plan.rejected.append((line, "; ".join(problems)))
        elif not answers:
            plan.empty += 1
        else:
            good.append((line, answers))
    uuids = row_uuids(target.workshop_uuid, target.form_uuid, [a for _l, a in good])
    taken: set[str] = set()
    for part in chunks(uuids):
        taken.update(
            session.scalars(select(FeedbackResponse.uuid).where(FeedbackResponse.uuid.in_(part)))
        )
    for (line, answers), row_uuid in zip(good, uuids, strict=True):
        if row_uuid in taken:
            plan.already += 1
        else:
            plan.new.append(ImportedRow(line, answers, row_uuid))
    return plan


def import_responses(
    db: Database,
    workshop_id: int,
    table: Table,
    mapping: Sequence[int | None] | None = None,
) -> ResponseImportPlan:
    """Import the new rows of *table* in one transaction (planned again inside it) and
    remember the column choice for this form; rejected rows are left out."""
    target = _target(db, workshop_id)
    with db.session() as session:
        plan = _plan(session, target, table, mapping)
        if plan.mapped == 0:
            raise ValidationError({"mapping": _("No column is mapped to a question of the form.")})
        origin = installation_id(session)
        for row in plan.new:
            session.add(
                FeedbackResponse(
                    uuid=row.uuid,
                    workshop_id=target.workshop_id,
                    form_id=target.form_id,
                    origin=origin,
                    answers=[
                        FeedbackAnswer(
                            question_id=target.question_ids[p], value=a.value, text=a.text or None
                        )
                        for p, a in sorted(row.answers.items())
                    ],
                )
            )
        _remember(session, target, table.headers, plan.mapping)
    return plan


def plan_lines(plan: ResponseImportPlan, limit: int = 50) -> list[str]:
    """The plan in words: the columns used, the counts, the rejected rows and why."""
    lines = []
    for number, (question, column) in enumerate(
        zip(plan.form.questions, plan.mapping, strict=True), start=1
    ):
        source = plan.headers[column] if column is not None else _("(no column)")
        lines.append(
            _("{number}. {question} ← {column}").format(
                number=number, question=question.text(current_language()), column=source
            )
        )
    lines.append(
        _("New: {new} · already imported: {already} · rejected: {rejected} · empty: {empty}")
        .format(
            new=len(plan.new),
            already=plan.already,
            rejected=len(plan.rejected),
            empty=plan.empty,
        )
    )  # fmt: skip
    for line, reason in plan.rejected[:limit]:
        lines.append(_("Row {row}: {reason}").format(row=line, reason=reason))
    if len(plan.rejected) > limit:
        more = format_count(len(plan.rejected) - limit)
        lines.append(_("… and {n} more rejected rows").format(n=more))
    return lines
