"""The evaluation matrix in bundles (format 2): framework, rounds, cells and goal comments.

``evaluation.json`` holds ``{"evaluation": [record, ...]}``; every record has
the usual header (uuid, origin, times, supersedes, content) and a ``kind``:

- ``ev_region``  {"project", "region", "position"}
- ``ev_goal``    {"project", "position", "text_fi", "text_sv", "theme_fi", "theme_sv"}
- ``ev_measure`` {"goal": uuid, "position", "text_fi", "text_sv", "retired",
  "retired_on", "workshops": [workshop uuids]}
- ``ev_round``   {"project", "kind", "name", "date", "locked", "reopenings": [[time, reason]]}
- ``ev_cell``    {"round": uuid, "measure": uuid, "region", "rating", "comment"}
- ``ev_note``    {"round": uuid, "goal": uuid, "region", "comment"} (a goal × region comment)

Projects travel by key as workshops do (``context`` carries their names).
A cell's and a goal comment's UUID is made from its round, measure (goal) and
region, and a region's from its project and code, so the same cell typed on
two laptops is one record: merged by the rules of domain/bundle_merge.py, two
different ratings of it are a conflict that keeps both, never an overwrite.
A cell that would change a round locked here is kept as a conflict too.
Bundles of format 1 have no evaluation part and are read as before.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from kastedesk.domain import text_limits as T
from kastedesk.domain.bundle_merge import Incoming, LocalState, Outcome, merge
from kastedesk.domain.evaluation import (
    MAX_SHORT_TEXT,
    MAX_TEXT,
    RATINGS,
    ROUND_KIND_LABELS,
    RoundKind,
    cell_uuid,
    goal_comment_uuid,
    region_uuid,
)
from kastedesk.domain.regions import REGION_BY_CODE, region_name
from kastedesk.i18n import _
from kastedesk.services.bundles.format import JsonObject
from kastedesk.services.bundles.local_records import (
    Local,
    chunks,
    known_versions,
    last_exchanged,
    pending_versions,
    project_key,
    with_revisions,
)
from kastedesk.services.bundles.newcomers import bundle_project
from kastedesk.services.bundles.records import (
    Record,
    _check_fields,
    _header,
    _is_date,
    _is_int,
    _is_str,
    _is_uuid,
    _limits,
    _opt,
    damaged,
    json_object,
    one_of,
    parse_time,
)
from kastedesk.services.bundles.revisions import settled
from kastedesk.storage.models.evaluation import (
    EvaluationCell,
    EvaluationGoal,
    EvaluationGoalComment,
    EvaluationMeasure,
    EvaluationMeasureWorkshop,
    EvaluationRegion,
    EvaluationReopening,
    EvaluationRound,
)
from kastedesk.storage.models.registry import Project
from kastedesk.storage.models.sync_identity import SyncIdentity
from kastedesk.storage.models.workshops import Workshop

if TYPE_CHECKING:
    from kastedesk.services.bundles.applier import Registry
    from kastedesk.services.bundles.planner import PlannedItem

EV_REGION, EV_GOAL, EV_MEASURE = "ev_region", "ev_goal", "ev_measure"
EV_ROUND, EV_CELL, EV_NOTE = "ev_round", "ev_cell", "ev_note"
EVAL_KINDS = (EV_REGION, EV_GOAL, EV_MEASURE, EV_ROUND, EV_CELL, EV_NOTE)  # applied in order

KIND_LABELS: dict[str, Callable[[], str]] = {
    EV_REGION: lambda: _("Evaluation region"),
    EV_GOAL: lambda: _("Evaluation goal"),
    EV_MEASURE: lambda: _("Concrete measure"),
    EV_ROUND: lambda: _("Evaluation round"),
    EV_CELL: lambda: _("Rating"),
    EV_NOTE: lambda: _("Comment on the goal"),
}


def _text(v: object) -> bool:
    return isinstance(v, str)


def _region(v: object) -> bool:
    return v in REGION_BY_CODE


def _position(v: object) -> bool:
    return _is_int(v) and 0 <= v < 100_000


def _reopenings(v: object) -> bool:
    return isinstance(v, list) and all(
        isinstance(x, list) and len(x) == 2 and all(isinstance(y, str) for y in x) for x in v
    )


FIELDS: dict[str, dict[str, Callable[[object], bool]]] = {
    EV_REGION: {"project": _is_str, "region": _region, "position": _position},
    EV_GOAL: {
        "project": _is_str,
        "position": _position,
        "text_fi": _text,
        "text_sv": _text,
        "theme_fi": _text,
        "theme_sv": _text,
    },
    EV_MEASURE: {
        "goal": _is_uuid,
        "position": _position,
        "text_fi": _text,
        "text_sv": _text,
        "retired": lambda v: isinstance(v, bool),
        "retired_on": _opt(_is_date),
        "workshops": lambda v: isinstance(v, list) and all(_is_uuid(x) for x in v),
    },
    EV_ROUND: {
        "project": _is_str,
        "kind": one_of(RoundKind),
        "name": _text,
        "date": _opt(_is_date),
        "locked": lambda v: isinstance(v, bool),
        "reopenings": _reopenings,
    },
    EV_CELL: {
        "round": _is_uuid,
        "measure": _is_uuid,
        "region": _region,
        "rating": lambda v: v is None or (v in RATINGS and _is_int(v)),
        "comment": _text,
    },
    EV_NOTE: {"round": _is_uuid, "goal": _is_uuid, "region": _region, "comment": _text},
}


@dataclass(frozen=True)
class EvaluationRecord(Record):
    kind: str = EV_CELL
    context: JsonObject = field(default_factory=dict)

    def to_json(self) -> JsonObject:
        return {**self.header(), "kind": self.kind, "context": self.context}


def _expected_uuid(kind: str, content: JsonObject) -> str | None:
    if kind == EV_CELL:
        return cell_uuid(content["round"], content["measure"], content["region"])
    if kind == EV_NOTE:
        return goal_comment_uuid(content["round"], content["goal"], content["region"])
    if kind == EV_REGION:
        return region_uuid(content["project"], content["region"])
    return None


TEXT_LIMITS = (  # (field, limit, multi-line): the rules of the tab (domain/evaluation.py)
    ("project", T.NAME, False),
    ("text_fi", MAX_TEXT, True),
    ("text_sv", MAX_TEXT, True),
    ("theme_fi", MAX_SHORT_TEXT, False),
    ("theme_sv", MAX_SHORT_TEXT, False),
    ("name", MAX_SHORT_TEXT, False),
    ("comment", MAX_TEXT, True),
)


def _evaluation_limits(what: str, kind: str, content: JsonObject) -> None:
    name = str(content.get("text_fi") or content.get("name") or content.get("region") or kind)
    checks = [(f, content[f], limit, multi) for f, limit, multi in TEXT_LIMITS if f in content]
    checks += [
        ("reopenings", reason, MAX_TEXT, True) for _t, reason in content.get("reopenings", [])
    ]
    _limits(what, name[:200], checks)


def parse_evaluation(raw: object) -> EvaluationRecord:
    what = _("an evaluation record")
    data = json_object(raw, what)
    head = _header(data, what, {"kind", "context"})
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in FIELDS:
        raise damaged(f"{what}: kind")
    content = _check_fields(data.get("content"), FIELDS[kind], what)
    _evaluation_limits(what, kind, content)
    expected = _expected_uuid(kind, content)
    if expected is not None and expected != head["uuid"]:
        raise damaged(f"{what}: uuid")
    if kind == EV_ROUND:
        content["kind"] = RoundKind(content["kind"])  # checked above
        for moment, _reason in content["reopenings"]:
            parse_time(moment, "reopenings")
    context = data.get("context", {})
    if not isinstance(context, dict):
        raise damaged(f"{what}: context")
    return EvaluationRecord(**head, content=content, kind=kind, context=context)


def parse_evaluation_part(records: list[object]) -> list[EvaluationRecord]:
    parsed = [parse_evaluation(r) for r in records]
    if len({r.uuid for r in parsed}) != len(parsed):
        raise damaged(_("a record appears twice"))
    return parsed


# --- this database as records ----------------------------------------------------------


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _project_context(project: Project) -> JsonObject:
    return {
        "project": {
            "name_fi": project.name_fi,
            "name_sv": project.name_sv,
            "short_name": project.short_name,
        }
    }


def as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back the stored UTC time without its zone: it is UTC, not local time."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _record(
    row: SyncIdentity, kind: str, content: JsonObject, context: JsonObject | None = None
) -> EvaluationRecord:
    return EvaluationRecord(
        row.uuid, row.origin, row.created_at, row.updated_at, content,
        kind=kind, context=context or {},
    )  # fmt: skip


def load_evaluation(
    session: Session, project_ids: list[int] | None = None
) -> dict[str, Local[EvaluationRecord]]:
    """Every evaluation record here (of the given projects), by UUID, in a few queries."""
    projects = {p.id: p for p in session.scalars(select(Project))}

    def where(column: InstrumentedAttribute[int]) -> ColumnElement[bool]:
        return column.in_(project_ids) if project_ids is not None else true()

    found: dict[str, Local[EvaluationRecord]] = {}
    for r in session.scalars(select(EvaluationRegion).where(where(EvaluationRegion.project_id))):
        p = projects[r.project_id]
        content = {"project": project_key(p), "region": r.region, "position": r.position}
        found[r.uuid] = Local(r.id, _record(r, EV_REGION, content, _project_context(p)))
    goals = session.scalars(select(EvaluationGoal).where(where(EvaluationGoal.project_id))).all()
    goal_uuids = {g.id: g.uuid for g in goals}
    for g in goals:
        p = projects[g.project_id]
        content = {
            "project": project_key(p),
            "position": g.position,
            "text_fi": g.text_fi,
            "text_sv": g.text_sv,
            "theme_fi": g.theme_fi,
            "theme_sv": g.theme_sv,
        }
        found[g.uuid] = Local(g.id, _record(g, EV_GOAL, content, _project_context(p)))
    links: dict[int, list[str]] = defaultdict(list)
    measures: list[EvaluationMeasure] = []
    for part in chunks(goal_uuids):
        measures += session.scalars(
            select(EvaluationMeasure).where(EvaluationMeasure.goal_id.in_(part))
        ).all()
        for measure_id, workshop_uuid in session.execute(
            select(EvaluationMeasureWorkshop.measure_id, Workshop.uuid)
            .join(Workshop, Workshop.id == EvaluationMeasureWorkshop.workshop_id)
            .join(EvaluationMeasure, EvaluationMeasure.id == EvaluationMeasureWorkshop.measure_id)
            .where(EvaluationMeasure.goal_id.in_(part))
        ):
            links[measure_id].append(workshop_uuid)
    measure_uuids = {m.id: m.uuid for m in measures}
    for m in measures:
        content = {
            "goal": goal_uuids[m.goal_id],
            "position": m.position,
            "text_fi": m.text_fi,
            "text_sv": m.text_sv,
            "retired": m.retired,
            "retired_on": _iso(m.retired_on),
            "workshops": sorted(links.get(m.id, [])),
        }
        found[m.uuid] = Local(m.id, _record(m, EV_MEASURE, content))
    rounds = session.scalars(
        select(EvaluationRound)
        .where(where(EvaluationRound.project_id))
        .options(selectinload(EvaluationRound.reopenings))
    ).all()
    round_uuids = {r.id: r.uuid for r in rounds}
    for round_ in rounds:
        p = projects[round_.project_id]
        content = {
            "project": project_key(p),
            "kind": round_.kind,
            "name": round_.name,
            "date": _iso(round_.date),
            "locked": round_.locked,
            "reopenings": [
                [as_utc(x.reopened_at).isoformat(timespec="seconds"), x.reason]
                for x in round_.reopenings
            ],
        }
        found[round_.uuid] = Local(
            round_.id, _record(round_, EV_ROUND, content, _project_context(p))
        )
    for part in chunks(round_uuids):
        for c in session.scalars(select(EvaluationCell).where(EvaluationCell.round_id.in_(part))):
            content = {
                "round": round_uuids[c.round_id],
                "measure": measure_uuids[c.measure_id],
                "region": c.region,
                "rating": c.rating,
                "comment": c.comment,
            }
            found[c.uuid] = Local(c.id, _record(c, EV_CELL, content))
        for n in session.scalars(
            select(EvaluationGoalComment).where(EvaluationGoalComment.round_id.in_(part))
        ):
            content = {
                "round": round_uuids[n.round_id],
                "goal": goal_uuids[n.goal_id],
                "region": n.region,
                "comment": n.comment,
            }
            found[n.uuid] = Local(n.id, _record(n, EV_NOTE, content))
    return with_revisions(session, found)


def references(record: EvaluationRecord) -> list[str]:
    """The UUIDs a record needs on the other side."""
    c = record.content
    if record.kind == EV_MEASURE:
        return [c["goal"]]
    if record.kind == EV_CELL:
        return [c["round"], c["measure"]]
    if record.kind == EV_NOTE:
        return [c["round"], c["goal"]]
    return []


_Locals = dict[str, Local[EvaluationRecord]]


def with_references(chosen: _Locals, everything: _Locals) -> _Locals:
    """*chosen* plus every record it refers to (a cell's round, measure and goal...)."""
    result = dict(chosen)
    todo = list(chosen.values())
    while todo:
        local = todo.pop()
        for uuid in references(local.record):
            if uuid not in result and uuid in everything:
                result[uuid] = everything[uuid]
                todo.append(everything[uuid])
    return result


# --- planning --------------------------------------------------------------------------


@dataclass
class EvaluationPlan:
    items: list[PlannedItem] = field(default_factory=list)
    new_projects: list[str] = field(default_factory=list)
    known: dict[str, dict[str, bool]] = field(default_factory=dict)  # versions known before


def plan_evaluation(
    session: Session, records: list[EvaluationRecord], item_type: type[PlannedItem]
) -> EvaluationPlan:
    """Decide every incoming evaluation record (``item_type`` is planner.PlannedItem)."""
    plan = EvaluationPlan()
    if not records:
        return plan
    uuids = [r.uuid for r in records]
    known = known_versions(session, uuids)
    plan.known = dict(known)
    pending = pending_versions(session, uuids)
    last = last_exchanged(session, uuids)
    local = load_evaluation(session)
    locked_rounds = {
        uuid for uuid, loc in local.items()
        if loc.record.kind == EV_ROUND and loc.record.content["locked"]
    }  # fmt: skip
    order = {kind: n for n, kind in enumerate(EVAL_KINDS)}
    for record in sorted(records, key=lambda r: order[r.kind]):
        here = local.get(record.uuid)
        if here is not None and here.record.kind != record.kind:
            raise damaged(_("an evaluation record changed its kind"))
        if here is not None:  # an edit back to a version that travelled is not that version
            here = settled(here, known.get(record.uuid, {}), last.get(record.uuid))
        if (
            here is not None
            and here.record.content == record.content
            and here.record.revision == record.revision
            and record.uuid in known
        ):
            plan.items.append(item_type(record.kind, record, Outcome.UNCHANGED, here, same=True))
            continue
        state = None
        if here is not None:
            current = here.record.version
            mine = pending.get(record.uuid, set())
            state = LocalState(
                current,
                known=frozenset(known.get(record.uuid, {})) | {current} | mine,
                pending=frozenset(mine),
            )
        outcome, _after = merge(state, Incoming(record.version, False, record.supersedes))
        drop = frozenset(pending.get(record.uuid, set())) & record.supersedes
        item = item_type(record.kind, record, outcome, here, drop)
        if (
            record.kind in (EV_CELL, EV_NOTE)
            and outcome is Outcome.UPDATE
            and record.content["round"] in locked_rounds
        ):
            item.outcome, item.blocked = Outcome.CONFLICT, True  # a locked round is not rewritten
        plan.items.append(item)
    _check_references(records, local)
    projects = {project_key(p) for p in session.scalars(select(Project))}
    for item in plan.items:
        key = item.record.content.get("project")
        if key and key not in projects and item.outcome is Outcome.INSERT:
            projects.add(key)
            context = item.record.context if isinstance(item.record, EvaluationRecord) else {}
            project, _left_out = bundle_project(key, context.get("project"))
            plan.new_projects.append(project.name_fi)
    return plan


def _check_references(records: list[EvaluationRecord], local: _Locals) -> None:
    kinds = {r.uuid: r.kind for r in records}
    kinds.update({u: loc.record.kind for u, loc in local.items()})
    wanted = {"goal": EV_GOAL, "measure": EV_MEASURE, "round": EV_ROUND}
    for record in records:
        for name, kind in wanted.items():
            target = record.content.get(name)
            if target is not None and kinds.get(target) != kind:
                raise damaged(_("an evaluation record refers to a missing goal, measure or round"))


# --- applying --------------------------------------------------------------------------


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


_Row = TypeVar(
    "_Row",
    EvaluationRegion,
    EvaluationGoal,
    EvaluationMeasure,
    EvaluationRound,
    EvaluationCell,
    EvaluationGoalComment,
)
_Referred = type[EvaluationGoal] | type[EvaluationMeasure] | type[EvaluationRound]


class EvaluationWriter:
    """Writes evaluation records into this database (inserts, updates, conflict choices)."""

    def __init__(self, session: Session, registry: Registry) -> None:
        self.session = session
        self.registry = registry  # finds or makes projects by key
        self.ids: dict[str, int] = {}

    def _id(self, model: _Referred, uuid: str) -> int:
        if uuid not in self.ids:
            found = self.session.scalar(select(model.id).where(model.uuid == uuid))
            if found is None:
                raise damaged(_("an evaluation record refers to a missing goal, measure or round"))
            self.ids[uuid] = found
        return self.ids[uuid]

    def _row(self, model: type[_Row], record: EvaluationRecord, local_id: int | None) -> _Row:
        """The row to write *record* into: the local one, else a new one (added by _save,
        once its fields are set: the lookups meanwhile may flush)."""
        row = self.session.get(model, local_id) if local_id is not None else None
        if row is None:
            row = model()
            row.uuid, row.origin = record.uuid, record.origin
            row.created_at = _utc(record.created_at)
        row.updated_at = _utc(record.updated_at)
        return row

    def _save(self, row: _Row, record: EvaluationRecord) -> int:
        if row not in self.session:
            self.session.add(row)
        self.session.flush()
        self.ids[record.uuid] = row.id
        return row.id

    def write(self, record: EvaluationRecord, local_id: int | None) -> None:
        c, kind = record.content, record.kind
        if kind == EV_REGION:
            project_id = self.registry.project(c["project"], record.context)
            if local_id is None and self.session.scalar(
                select(EvaluationRegion).where(
                    EvaluationRegion.project_id == project_id,
                    EvaluationRegion.region == c["region"],
                )
            ):
                return  # typed in here too under another id: one region
            region = self._row(EvaluationRegion, record, local_id)
            region.project_id, region.region, region.position = (
                project_id,
                c["region"],
                c["position"],
            )
            self._save(region, record)
        elif kind == EV_GOAL:
            goal = self._row(EvaluationGoal, record, local_id)
            goal.project_id = self.registry.project(c["project"], record.context)
            goal.position = c["position"]
            goal.text_fi, goal.text_sv = c["text_fi"], c["text_sv"]
            goal.theme_fi, goal.theme_sv = c["theme_fi"], c["theme_sv"]
            self._save(goal, record)
        elif kind == EV_MEASURE:
            measure = self._row(EvaluationMeasure, record, local_id)
            measure.goal_id = self._id(EvaluationGoal, c["goal"])
            measure.position = c["position"]
            measure.text_fi, measure.text_sv = c["text_fi"], c["text_sv"]
            measure.retired = c["retired"]
            retired_on = c["retired_on"]
            measure.retired_on = dt.date.fromisoformat(retired_on) if retired_on else None
            self._links(self._save(measure, record), c["workshops"])
        elif kind == EV_ROUND:
            round_ = self._row(EvaluationRound, record, local_id)
            round_.project_id = self.registry.project(c["project"], record.context)
            round_.kind, round_.name, round_.locked = c["kind"], c["name"], c["locked"]
            round_.date = dt.date.fromisoformat(c["date"]) if c["date"] else None
            self._save(round_, record)
            self._reopenings(round_, c["reopenings"])
        elif kind == EV_CELL:
            cell = self._row(EvaluationCell, record, local_id)
            cell.round_id = self._id(EvaluationRound, c["round"])
            cell.measure_id = self._id(EvaluationMeasure, c["measure"])
            cell.region, cell.rating, cell.comment = c["region"], c["rating"], c["comment"]
            self._save(cell, record)
        else:
            note = self._row(EvaluationGoalComment, record, local_id)
            note.round_id = self._id(EvaluationRound, c["round"])
            note.goal_id = self._id(EvaluationGoal, c["goal"])
            note.region, note.comment = c["region"], c["comment"]
            self._save(note, record)

    def _links(self, measure_id: int, workshop_uuids: list[str]) -> None:
        from sqlalchemy import delete

        self.session.execute(
            delete(EvaluationMeasureWorkshop).where(
                EvaluationMeasureWorkshop.measure_id == measure_id
            )
        )
        ids = self.session.scalars(select(Workshop.id).where(Workshop.uuid.in_(workshop_uuids)))
        self.session.add_all(
            EvaluationMeasureWorkshop(measure_id=measure_id, workshop_id=w) for w in ids
        )

    def _reopenings(self, row: EvaluationRound, reopenings: list[list[str]]) -> None:
        row.reopenings.clear()
        self.session.flush()
        for moment, reason in reopenings:
            row.reopenings.append(
                EvaluationReopening(reopened_at=parse_time(moment, "reopenings"), reason=reason)
            )
        self.session.flush()


def apply_evaluation(session: Session, items: list[PlannedItem], registry: Registry) -> None:
    writer = EvaluationWriter(session, registry)
    order = {kind: n for n, kind in enumerate(EVAL_KINDS)}
    for item in sorted(items, key=lambda i: order[i.kind]):
        record = item.record
        if not isinstance(record, EvaluationRecord):
            raise TypeError(f"a {item.kind} item holds a {type(record).__name__}")
        if item.outcome is Outcome.INSERT:
            writer.write(record, None)
        elif item.outcome is Outcome.UPDATE and item.local is not None:
            writer.write(record, item.local.id)


# --- conflicts -------------------------------------------------------------------------


def local_record(session: Session, uuid: str) -> Local[EvaluationRecord] | None:
    return load_evaluation(session).get(uuid)


def _rating(value: object) -> str:
    return "–" if value is None else str(value)


FIELD_LABELS: dict[str, Callable[[], str]] = {
    "rating": lambda: _("Rating"),
    "comment": lambda: _("Comment"),
    "text_fi": lambda: _("Text (Finnish)"),
    "text_sv": lambda: _("Text (Swedish)"),
    "theme_fi": lambda: _("Theme (Finnish)"),
    "theme_sv": lambda: _("Theme (Swedish)"),
    "position": lambda: _("Order"),
    "retired": lambda: _("Retired"),
    "retired_on": lambda: _("Retired on"),
    "workshops": lambda: _("Workshops"),
    "kind": lambda: _("Kind"),
    "name": lambda: _("Name"),
    "date": lambda: _("Date"),
    "locked": lambda: _("Locked"),
    "reopenings": lambda: _("Reopened"),
}


def evaluation_differences(here: JsonObject, incoming: JsonObject) -> list[tuple[str, str, str]]:
    rows = []
    for key in here:
        if here.get(key) != incoming.get(key) and key in FIELD_LABELS:
            show = _rating if key == "rating" else _show
            rows.append((FIELD_LABELS[key](), show(here.get(key)), show(incoming.get(key))))
    return rows


def _show(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return "; ".join(" ".join(v) if isinstance(v, list) else str(v) for v in value)
    return str(value)


def evaluation_title(session: Session, kind: str, content: JsonObject) -> str:
    """What the conflict is about, in words: "Kuntakäynnit – Etelä-Savo – Väliarviointi"."""
    from kastedesk.i18n import current_language

    lang = current_language()
    parts: list[str] = []
    if "measure" in content:
        text = session.scalar(
            select(EvaluationMeasure.text_fi).where(EvaluationMeasure.uuid == content["measure"])
        )
        parts.append((text or "?")[:60])
    if "goal" in content and kind == EV_NOTE:
        text = session.scalar(
            select(EvaluationGoal.text_fi).where(EvaluationGoal.uuid == content["goal"])
        )
        parts.append((text or "?")[:60])
    if kind in (EV_GOAL, EV_MEASURE):
        parts.append(content["text_fi"][:60])
    if kind == EV_ROUND:
        parts.append(content["name"] or _(ROUND_KIND_LABELS[RoundKind(content["kind"])]))
    if "region" in content:
        parts.append(region_name(content["region"], lang))
    if "round" in content:
        row = session.scalar(
            select(EvaluationRound).where(EvaluationRound.uuid == content["round"])
        )
        if row is not None:
            parts.append(row.name or _(ROUND_KIND_LABELS[row.kind]))
    return " – ".join(p for p in parts if p)


def take_incoming(
    session: Session, local_id: int, record: EvaluationRecord, registry: Registry
) -> None:
    EvaluationWriter(session, registry).write(record, local_id)


__all__ = [
    "EVAL_KINDS",
    "KIND_LABELS",
    "EvaluationRecord",
    "apply_evaluation",
    "evaluation_differences",
    "evaluation_title",
    "load_evaluation",
    "parse_evaluation_part",
    "plan_evaluation",
    "take_incoming",
    "with_references",
]
