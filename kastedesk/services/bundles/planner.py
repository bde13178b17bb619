"""Planning an import: what each incoming record would do here, without writing anything.

The outcome of each record comes from the pure rules in domain/bundle_merge.py;
this module only gathers the local state they need and checks that every
reference in the bundle can be satisfied (a response's workshop and form, a
workshop's form, answers within the form's questions).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from kastedesk.domain.bundle_merge import Incoming, LocalState, Outcome, merge
from kastedesk.domain.feedback_counts import too_many_responses
from kastedesk.i18n import _
from kastedesk.services.bundles.local_records import (
    Local,
    ResponseState,
    Stamp,
    Where,
    chunks,
    known_versions,
    last_exchanged,
    load_by_uuid,
    load_forms,
    load_responses,
    load_workshops,
    pending_versions,
    response_stamps,
    response_states,
    revisions,
    stamp_time,
    synced_uuids,
)
from kastedesk.services.bundles.newcomers import Skipped, screen_newcomers
from kastedesk.services.bundles.reader import Bundle
from kastedesk.services.bundles.records import (
    Record,
    ResponseRecord,
    answer_check,
    damaged,
)
from kastedesk.services.bundles.revisions import settled
from kastedesk.storage.models.feedback import FeedbackForm, FeedbackResponse
from kastedesk.storage.models.workshops import Workshop

WORKSHOP, FORM, RESPONSE = "workshop", "form", "response"
Loader = Callable[[Session, Where], Mapping[str, Local[Record]]]
KINDS = (FORM, WORKSHOP, RESPONSE)  # the order they are applied in


@dataclass(slots=True)  # slots: one per record, 20,000 in a big bundle
class PlannedItem:
    kind: str
    record: Record
    outcome: Outcome
    local: Local[Record] | None
    drop_pending: frozenset[str] = frozenset()  # conflicting versions now superseded
    blocked: bool = False  # an update that cannot be applied here: kept as a conflict
    # identical to the local record, whose version is already known; for a response, local
    # then holds the incoming record (see plan_import)
    same: bool = False


@dataclass
class ImportPlan:
    bundle: Bundle
    items: list[PlannedItem]
    counts: dict[str, Counter[Outcome]] = field(default_factory=dict)
    new_projects: list[str] = field(default_factory=list)
    new_people: list[str] = field(default_factory=list)
    known: dict[str, dict[str, bool]] = field(default_factory=dict)  # versions known before
    # workshops that would have more responses than participants: (title, responses, attended)
    over_participants: list[tuple[str, int, int]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # see newcomers.py
    left_out: list[str] = field(default_factory=list)  # invalid values of new projects, people

    def total(self, *outcomes: Outcome) -> int:
        return sum(self.counts[kind][o] for kind in self.counts for o in outcomes)

    @property
    def inserted(self) -> int:
        return self.total(Outcome.INSERT)

    @property
    def updated(self) -> int:
        return self.total(Outcome.UPDATE)

    @property
    def unchanged(self) -> int:
        return self.total(Outcome.UNCHANGED)

    @property
    def conflicts(self) -> int:
        return self.total(Outcome.CONFLICT)

    @property
    def deleted(self) -> int:
        return self.total(Outcome.DELETE, Outcome.INSERT_DELETED)

    @property
    def kept_deleted(self) -> int:
        return self.total(Outcome.STAYS_DELETED)

    @property
    def changes_anything(self) -> bool:
        return self.total(*(set(Outcome) - {Outcome.UNCHANGED, Outcome.STAYS_DELETED})) > 0

    @property
    def writes_data(self) -> bool:
        """Whether applying it changes records or kept conflicts, not only the bookkeeping
        (the versions seen, the time of the import): what a backup must be able to undo."""
        return self.changes_anything or any(item.drop_pending for item in self.items)


def _decide(
    kind: str,
    record: Record,
    local: Local[Record] | None,
    known: dict[str, dict[str, bool]],
    pending: dict[str, set[str]],
    last: Mapping[str, str],
) -> PlannedItem:
    if local is not None:
        # An edit here back to a version that travelled is not that old version.
        local = settled(local, known.get(record.uuid, {}), last.get(record.uuid))
    if (
        local is not None
        and local.record.content == record.content  # cheaper than hashing both
        and local.record.revision == record.revision
        and _deleted(local.record) == _deleted(record)
        and record.uuid in known
    ):
        return PlannedItem(kind, record, Outcome.UNCHANGED, local, same=True)
    state = None
    if local is not None:
        current = local.record.version
        state = LocalState(
            current,
            deleted=_deleted(local.record),
            known=frozenset(known.get(record.uuid, {}))
            | {current}
            | pending.get(record.uuid, set()),
            pending=frozenset(pending.get(record.uuid, set())),
        )
    incoming = Incoming(record.version, _deleted(record), record.supersedes)
    outcome, _after = merge(state, incoming)
    drop = frozenset(pending.get(record.uuid, set())) & record.supersedes
    return PlannedItem(kind, record, outcome, local, drop)


def _plan_responses(
    session: Session,
    responses: Sequence[ResponseRecord],
    workshop_ids: list[int],
    known: dict[str, dict[str, bool]],
    pending: dict[str, set[str]],
) -> tuple[list[PlannedItem], dict[str, Local[Record]], Container[str]]:
    """The responses' items, the local records read for them and the UUIDs of the same ones.

    Responses are many (20,000 in a big bundle) and a re-import brings mostly the same
    ones: each is first compared with the local one in plain values (one read, see
    :func:`_same_time`), those changed at another time by their answers (a second read,
    of them only); only those that differ are read as records and merged. *known* gets
    the known versions of every response that needs them (a same one without older
    versions needs none: nothing to decide, nothing to remember, see Applier._versions).
    """
    stamps = _response_stamps(session, responses, workshop_ids)
    synced = synced_uuids(session, stamps.keys())
    revised = revisions(session)
    same: dict[str, int] = {}  # UUID: local id
    others: dict[int, ResponseRecord] = {}  # by local id: compared by their answers
    for r in responses:
        stamp = stamps.get(r.uuid)
        if stamp is None or r.uuid not in synced or r.revision != revised.get(r.uuid, 0):
            continue
        if _same_time(r, stamp):
            same[r.uuid] = stamp[0]
        else:
            others[stamp[0]] = r
    for part in chunks(others):
        states = response_states(session, FeedbackResponse.id.in_(part))
        for r in (others[i] for i in part):
            state = states.get(r.uuid)
            if state is not None and _same_response(r, state):
                same[r.uuid] = state.id
    wanted = [r.uuid for r in responses if r.uuid not in same or r.supersedes]
    known.update(known_versions(session, wanted))
    differ = [u for u in stamps if u not in same]
    last = last_exchanged(session, differ)
    loader: Loader = load_responses
    local = load_by_uuid(session, loader, FeedbackResponse.uuid, differ)
    items: list[PlannedItem] = []
    for record in responses:
        if (local_id := same.get(record.uuid)) is not None:
            # Identical to the local response: its Local carries the incoming record (same
            # content, same version) instead of one rebuilt from the database.
            found = Local(local_id, record)
            items.append(PlannedItem(RESPONSE, record, Outcome.UNCHANGED, found, same=True))
        else:
            items.append(_decide(RESPONSE, record, local.get(record.uuid), known, pending, last))
    return items, local, same


def _response_stamps(
    session: Session, responses: Sequence[ResponseRecord], workshop_ids: list[int]
) -> dict[str, Stamp]:
    """The stamps of the local responses with these responses' UUIDs, by UUID.

    Most are in the bundle's workshops (*workshop_ids*, local ids): read by workshop (a
    few parameters, one index walk); the others by UUID.
    """
    wanted = {r.uuid for r in responses}
    if not wanted:
        return {}
    stamps: dict[str, Stamp] = {}
    for part in chunks(workshop_ids):
        stamps.update(response_stamps(session, FeedbackResponse.workshop_id.in_(part), wanted))
    for uuids in chunks(wanted - set(stamps)):
        stamps.update(response_stamps(session, FeedbackResponse.uuid.in_(uuids), wanted))
    return stamps


def _same_time(record: ResponseRecord, stamp: Stamp) -> bool:
    """Whether *record* is the local response of *stamp* unchanged, told by the time of
    its last change (to the microsecond) instead of by its answers.

    A response's answers never change without that time: typing and correcting it here
    set it to the moment, and a bundle's import (a new one, an update, a conflict taken)
    writes the incoming record's own time with its answers (Applier). Two laptops would
    have to save different answers to one response in the same tick of their clocks (a
    microsecond; up to 16 ms on Windows before Python 3.13) for this to take one for the
    other. Its UUID in sync_version and its revision are checked by the caller, as for
    :func:`_same_response`.
    """
    _id, deleted, changed, workshop, form = stamp
    content = record.content
    return (
        stamp_time(changed) == record.updated_at
        and bool(deleted) == (record.deleted_at is not None)
        and workshop == content["workshop"]
        and form == content["form"]
    )


def _same_response(record: Record, state: ResponseState) -> bool:
    """Whether *record* is the local response *state* unchanged.

    With its UUID in sync_version (checked by the caller) the same test as
    :func:`_decide`'s first one (equal content, both deleted or both not), on plain
    values. The content's answers are in the order of their positions (as a local
    record's are), and so must the database's be for the two to be taken as equal.
    """
    content = record.content
    if not (
        state.deleted == _deleted(record)
        and state.workshop == content["workshop"]
        and state.form == content["form"]
    ):
        return False
    answers = content["answers"]
    if state.answers != answers:
        return False
    positions = [a[0] for a in answers]  # each once (the reader checks that)
    return positions == sorted(positions)


def _deleted(record: Record) -> bool:
    return getattr(record, "deleted_at", None) is not None


def _form_has_answers(session: Session, form_id: int) -> bool:
    return bool(
        session.scalar(
            select(func.count())
            .select_from(FeedbackResponse)
            .where(FeedbackResponse.form_id == form_id, FeedbackResponse.deleted_at.is_(None))
        )
    )


def plan_import(session: Session, bundle: Bundle) -> ImportPlan:
    records = bundle.records
    all_uuids = [r.uuid for group in (records.forms, records.workshops, records.responses)
                 for r in group]  # fmt: skip
    pending = pending_versions(session, all_uuids)
    known = known_versions(session, [r.uuid for r in (*records.forms, *records.workshops)])
    last = last_exchanged(session, [r.uuid for r in (*records.forms, *records.workshops)])
    items: list[PlannedItem] = []
    locals_by_kind: dict[str, dict[str, Local[Record]]] = {}
    for kind, group, loader, column in (
        (FORM, records.forms, load_forms, FeedbackForm.uuid),
        (WORKSHOP, records.workshops, load_workshops, Workshop.uuid),
    ):
        local = load_by_uuid(session, loader, column, [r.uuid for r in group])
        locals_by_kind[kind] = local
        for record in group:
            item = _decide(kind, record, local.get(record.uuid), known, pending, last)
            if (
                kind == FORM
                and item.outcome is Outcome.UPDATE
                and _form_has_answers(session, item.local.id)  # type: ignore[union-attr]  # an update has one
            ):
                # Its questions are answered here: never rewritten under the answers.
                item.outcome, item.blocked = Outcome.CONFLICT, True
            items.append(item)
    workshop_ids = [w.id for w in locals_by_kind[WORKSHOP].values()]
    responses, locals_by_kind[RESPONSE], same = _plan_responses(
        session, records.responses, workshop_ids, known, pending
    )
    items += responses
    _check_references(session, bundle, locals_by_kind, same)
    # The evaluation matrix (format 2) is planned by its own module with the same rules.
    from kastedesk.services.bundles.evaluation import EVAL_KINDS, plan_evaluation

    evaluation = plan_evaluation(session, records.evaluation, PlannedItem)
    items.extend(evaluation.items)
    known.update(evaluation.known)
    plan = ImportPlan(bundle, items, known=known)
    screen_newcomers(session, plan)  # may leave workshops out: before counting
    plan.counts = {kind: Counter() for kind in (*KINDS, *EVAL_KINDS)}
    for item in plan.items:
        plan.counts[item.kind][item.outcome] += 1
    plan.over_participants = _over_participants(session, plan)
    plan.new_projects += [p for p in evaluation.new_projects if p not in plan.new_projects]
    return plan


def _over_participants(session: Session, plan: ImportPlan) -> list[tuple[str, int, int]]:
    """The bundle's workshops that would end with more live responses than participants."""
    records = plan.bundle.records
    touched = {r.content["workshop"] for r in records.responses} | {
        w.uuid for w in records.workshops
    }
    if not touched:
        return []
    info: dict[str, tuple[str, int | None]] = {}
    counts: Counter[str] = Counter()
    for part in chunks(touched):
        for uuid, title, attended in session.execute(
            select(Workshop.uuid, Workshop.title, Workshop.attended).where(Workshop.uuid.in_(part))
        ):
            info[uuid] = (title, attended)
        counts.update(
            dict(
                session.execute(
                    select(Workshop.uuid, func.count(FeedbackResponse.id))
                    .join(FeedbackResponse, FeedbackResponse.workshop_id == Workshop.id)
                    .where(Workshop.uuid.in_(part), FeedbackResponse.deleted_at.is_(None))
                    .group_by(Workshop.uuid)
                ).all()
            )
        )
    for item in plan.items:
        if item.same:
            continue  # nothing changes
        content = item.record.content
        if item.kind == WORKSHOP and item.outcome in (Outcome.INSERT, Outcome.UPDATE):
            info[item.record.uuid] = (content["title"], content["attended"])
        elif item.kind == RESPONSE and item.outcome is Outcome.INSERT:
            counts[content["workshop"]] += 1
        elif item.kind == RESPONSE and item.outcome is Outcome.DELETE:
            counts[content["workshop"]] -= 1
    over = [
        (title, counts[uuid], attended)
        for uuid, (title, attended) in info.items()
        if attended is not None and too_many_responses(counts[uuid], attended)
    ]
    return sorted(over)


def _local_uuids(session: Session, column: InstrumentedAttribute[str], uuids: set[str]) -> set[str]:
    found: set[str] = set()
    values = sorted(uuids)
    for start in range(0, len(values), 900):
        found.update(session.scalars(select(column).where(column.in_(values[start : start + 900]))))
    return found


def _check_references(
    session: Session,
    bundle: Bundle,
    local: dict[str, dict[str, Local[Record]]],
    same: Container[str] = frozenset(),
) -> None:
    """Every reference resolvable and every answer fitting its question, or BundleError.

    The answers of the responses in *same* (identical to the ones here, by UUID) are not
    checked again: they are already stored here, in these questions.
    """
    records = bundle.records
    forms = {f.uuid: f.content["questions"] for f in records.forms}
    for uuid, loc in local[FORM].items():
        forms[uuid] = loc.record.content["questions"]  # answers go to the local questions
    workshops = {w.uuid for w in records.workshops}
    wanted_forms = {r.content["form"] for r in records.responses}
    wanted_forms |= {w.content["form"] for w in records.workshops} - {None}
    wanted_workshops = {r.content["workshop"] for r in records.responses}
    elsewhere = load_by_uuid(session, load_forms, FeedbackForm.uuid, wanted_forms - set(forms))
    forms.update({uuid: loc.record.content["questions"] for uuid, loc in elsewhere.items()})
    if wanted_forms - set(forms):
        raise damaged(_("a feedback form that responses or workshops use is missing"))
    if (
        wanted_workshops
        - workshops
        - _local_uuids(session, Workshop.uuid, wanted_workshops - workshops)
    ):
        raise damaged(_("a workshop that responses belong to is missing"))
    fits = {uuid: [answer_check(q) for q in questions] for uuid, questions in forms.items()}
    for response in records.responses:
        if response.uuid in same:
            continue
        checks = fits[response.content["form"]]
        for position, value, text in response.content["answers"]:
            if position >= len(checks):
                raise damaged(_("a response answers a question its form does not have"))
            if not checks[position](value, text):
                raise damaged(
                    _("an answer does not fit its question ({number})").format(number=position + 1)
                )
