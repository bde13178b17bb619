"""The evaluation matrix: framework editing, rounds, ratings, summaries, comparison, evidence.

Called by the Evaluation tab and by ``kastedesk evaluation``. Every change is
one short transaction; a locked round refuses changes until it is reopened
with a reason. The framework can change between rounds: measures are
retired, never deleted once rated, so earlier rounds keep their cells.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from kastedesk.domain import evaluation as rules
from kastedesk.domain.bilingual import in_language
from kastedesk.domain.evaluation import Change, MatrixSummary, RoundKind
from kastedesk.domain.feedback_forms import QuestionKind
from kastedesk.domain.regions import REGION_BY_CODE, region_name
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _, ngettext, translator
from kastedesk.services.bundles.local_records import project_key
from kastedesk.storage.database import Database
from kastedesk.storage.installation import installation_id
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
from kastedesk.storage.models.feedback import FeedbackAnswer, FeedbackQuestion, FeedbackResponse
from kastedesk.storage.models.registry import Project
from kastedesk.storage.models.sync_identity import new_uuid, utc_now
from kastedesk.storage.models.workshops import Workshop
from kastedesk.storage.versions import check_version

_Model = TypeVar("_Model")
_Positioned = TypeVar("_Positioned", EvaluationGoal, EvaluationMeasure)

# --- reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundInfo:
    id: int
    uuid: str
    project_id: int
    project_name: str
    kind: RoundKind
    name: str
    date: dt.date | None
    locked: bool
    reopenings: tuple[tuple[dt.datetime, str], ...] = ()
    cells_rated: int = 0
    row_version: int = 1

    def label(self, lang: str | None = None) -> str:
        """ "Väliarviointi 15.3.2014" / "Mellanutvärdering 15.3.2014" / a named round's name."""
        gettext = translator(lang).gettext if lang else _
        title = self.name if self.kind is RoundKind.NAMED and self.name else None
        title = title or gettext(rules.ROUND_KIND_LABELS[self.kind])
        if self.name and self.kind is not RoundKind.NAMED:
            title = f"{title}: {self.name}"
        return f"{title} {self.date.day}.{self.date.month}.{self.date.year}" if self.date else title


@dataclass
class MeasureRow:
    id: int
    uuid: str
    goal_id: int
    position: int
    text_fi: str
    text_sv: str
    retired: bool
    retired_on: dt.date | None
    workshop_ids: list[int] = field(default_factory=list)
    row_version: int = 1

    def text(self, lang: str) -> str:
        return in_language(self.text_fi, self.text_sv, lang)


@dataclass
class GoalRow:
    id: int
    uuid: str
    number: int  # 1-based: "Tavoite 1"
    text_fi: str
    text_sv: str
    theme_fi: str
    theme_sv: str
    measures: list[MeasureRow] = field(default_factory=list)
    row_version: int = 1

    def text(self, lang: str) -> str:
        return in_language(self.text_fi, self.text_sv, lang)

    def theme(self, lang: str) -> str:
        return in_language(self.theme_fi, self.theme_sv, lang)


@dataclass
class Framework:
    project_id: int
    project_name: str
    regions: list[str]  # region codes, in order
    goals: list[GoalRow]

    def measure(self, measure_id: int) -> MeasureRow | None:
        return next((m for g in self.goals for m in g.measures if m.id == measure_id), None)


@dataclass(frozen=True)
class Cell:
    rating: int | None = None
    comment: str = ""


@dataclass
class Matrix:
    """One round as the grid and the documents show it."""

    round: RoundInfo
    regions: list[str]
    goals: list[GoalRow]  # with only the measures shown in this round
    cells: dict[tuple[int, str], Cell]  # (measure id, region)
    goal_comments: dict[tuple[int, str], str]  # (goal id, region)

    def cell(self, measure_id: int, region: str) -> Cell:
        return self.cells.get((measure_id, region), Cell())

    def summary(self) -> MatrixSummary:
        return rules.summarize(
            (goal.id, region, self.cell(m.id, region).rating)
            for goal in self.goals
            for m in goal.measures
            for region in self.regions
        )


def _utc(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back the stored UTC time without its zone."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


def _project_name(project: Project) -> str:
    return project.short_name or project.name_fi


def _round_info(r: EvaluationRound, project: Project, rated: int = 0) -> RoundInfo:
    return RoundInfo(
        r.id,
        r.uuid,
        r.project_id,
        _project_name(project),
        r.kind,
        r.name,
        r.date,
        r.locked,
        tuple((_utc(x.reopened_at), x.reason) for x in r.reopenings),
        rated,
        r.row_version,
    )


def _get(session: Session, model: type[_Model], key: int, message: str) -> _Model:
    row = session.get(model, key)
    if row is None:
        raise ValidationError({"": message})
    return row


def _round(session: Session, round_id: int) -> EvaluationRound:
    return _get(
        session,
        EvaluationRound,
        round_id,
        _("No evaluation round with id {id}.").format(id=round_id),
    )


def _load_framework(session: Session, project_id: int) -> Framework:
    project = _get(
        session, Project, project_id, _("No project with id {id}.").format(id=project_id)
    )
    goals = session.scalars(
        select(EvaluationGoal)
        .where(EvaluationGoal.project_id == project_id)
        .order_by(EvaluationGoal.position, EvaluationGoal.id)
        .options(selectinload(EvaluationGoal.measures))
    ).all()
    links: dict[int, list[int]] = defaultdict(list)
    for measure_id, workshop_id in session.execute(
        select(EvaluationMeasureWorkshop.measure_id, EvaluationMeasureWorkshop.workshop_id)
        .join(EvaluationMeasure, EvaluationMeasure.id == EvaluationMeasureWorkshop.measure_id)
        .join(EvaluationGoal, EvaluationGoal.id == EvaluationMeasure.goal_id)
        .where(EvaluationGoal.project_id == project_id)
    ):
        links[measure_id].append(workshop_id)
    regions = session.scalars(
        select(EvaluationRegion.region)
        .where(EvaluationRegion.project_id == project_id)
        .order_by(EvaluationRegion.position, EvaluationRegion.id)
    ).all()
    rows = []
    for number, g in enumerate(goals, start=1):
        row = GoalRow(
            g.id, g.uuid, number, g.text_fi, g.text_sv, g.theme_fi, g.theme_sv,
            row_version=g.row_version,
        )  # fmt: skip
        row.measures = [
            MeasureRow(
                m.id,
                m.uuid,
                g.id,
                m.position,
                m.text_fi,
                m.text_sv,
                m.retired,
                m.retired_on,
                sorted(links.get(m.id, [])),
                m.row_version,
            )
            for m in sorted(g.measures, key=lambda m: (m.position, m.id))
        ]
        rows.append(row)
    return Framework(project_id, _project_name(project), list(regions), rows)


def load_framework(db: Database, project_id: int) -> Framework:
    with db.read() as session:
        return _load_framework(session, project_id)


def list_rounds(db: Database, project_id: int | None = None) -> list[RoundInfo]:
    """Rounds (of one project or all), oldest first, with how many cells are rated."""
    with db.read() as session:
        query = (
            select(EvaluationRound, Project)
            .join(Project, Project.id == EvaluationRound.project_id)
            .options(selectinload(EvaluationRound.reopenings))
            .order_by(Project.id, EvaluationRound.date, EvaluationRound.id)
        )
        if project_id is not None:
            query = query.where(EvaluationRound.project_id == project_id)
        rated = dict(
            session.execute(
                select(EvaluationCell.round_id, func.count())
                .where(EvaluationCell.rating.is_not(None))
                .group_by(EvaluationCell.round_id)
            ).all()
        )
        return [_round_info(r, p, rated.get(r.id, 0)) for r, p in session.execute(query).all()]


def get_round(db: Database, round_id: int) -> RoundInfo:
    with db.read() as session:
        r = _round(session, round_id)
        return _round_info(r, session.get_one(Project, r.project_id))


def matrix_in(session: Session, round_id: int) -> Matrix:
    r = _round(session, round_id)
    info = _round_info(r, session.get_one(Project, r.project_id))
    framework = _load_framework(session, r.project_id)
    cells: dict[tuple[int, str], Cell] = {}
    for measure_id, region, rating, comment in session.execute(
        select(
            EvaluationCell.measure_id,
            EvaluationCell.region,
            EvaluationCell.rating,
            EvaluationCell.comment,
        ).where(EvaluationCell.round_id == round_id)
    ):
        cells[(measure_id, region)] = Cell(rating, comment)
    notes = {
        (goal_id, region): comment
        for goal_id, region, comment in session.execute(
            select(
                EvaluationGoalComment.goal_id,
                EvaluationGoalComment.region,
                EvaluationGoalComment.comment,
            ).where(EvaluationGoalComment.round_id == round_id)
        )
    }
    with_cells = {m for m, _r in cells}
    regions = list(framework.regions)
    for _m, region in cells:  # a region left out later keeps its cells visible
        if region not in regions:
            regions.append(region)
    for goal in framework.goals:
        goal.measures = [
            m
            for m in goal.measures
            if rules.measure_in_round(m.retired, m.retired_on, r.date, m.id in with_cells)
        ]
    return Matrix(info, regions, framework.goals, cells, notes)


def load_matrix(db: Database, round_id: int) -> Matrix:
    """The round's grid in three queries plus the framework's three."""
    with db.read() as session:
        return matrix_in(session, round_id)


# --- framework editing ---------------------------------------------------------------


@dataclass(frozen=True)
class GoalFields:
    text_fi: str
    text_sv: str = ""
    theme_fi: str = ""
    theme_sv: str = ""

    def errors(self) -> dict[str, str]:
        checks = {
            "text_fi": rules.text_error(self.text_fi, required=True),
            "text_sv": rules.text_error(self.text_sv),
            "theme_fi": rules.text_error(self.theme_fi, rules.MAX_SHORT_TEXT, multi_line=False),
            "theme_sv": rules.text_error(self.theme_sv, rules.MAX_SHORT_TEXT, multi_line=False),
        }
        return {k: v for k, v in checks.items() if v}


@dataclass(frozen=True)
class MeasureFields:
    text_fi: str
    text_sv: str = ""

    def errors(self) -> dict[str, str]:
        checks = {
            "text_fi": rules.text_error(self.text_fi, required=True),
            "text_sv": rules.text_error(self.text_sv),
        }
        return {k: v for k, v in checks.items() if v}


def _check(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def add_goal(db: Database, project_id: int, fields: GoalFields) -> int:
    _check(fields.errors())
    with db.session() as session:
        _get(session, Project, project_id, _("No project with id {id}.").format(id=project_id))
        position = session.scalar(
            select(func.coalesce(func.max(EvaluationGoal.position), -1) + 1).where(
                EvaluationGoal.project_id == project_id
            )
        )
        goal = EvaluationGoal(
            project_id=project_id,
            position=position,
            origin=installation_id(session),
            text_fi=fields.text_fi.strip(),
            text_sv=fields.text_sv.strip(),
            theme_fi=fields.theme_fi.strip(),
            theme_sv=fields.theme_sv.strip(),
        )
        session.add(goal)
        session.flush()
        return goal.id


def update_goal(
    db: Database, goal_id: int, fields: GoalFields, expected_version: int | None = None
) -> None:
    """Reword a goal that is still at *expected_version* (None: overwrite)."""
    _check(fields.errors())
    with db.session() as session:
        goal = _get(session, EvaluationGoal, goal_id, _("The goal no longer exists."))
        check_version(goal, expected_version, goal.text_fi[:60])
        goal.text_fi, goal.text_sv = fields.text_fi.strip(), fields.text_sv.strip()
        goal.theme_fi, goal.theme_sv = fields.theme_fi.strip(), fields.theme_sv.strip()


def delete_goal(db: Database, goal_id: int) -> None:
    """Only a goal whose measures were never rated in any round."""
    with db.session() as session:
        goal = _get(session, EvaluationGoal, goal_id, _("The goal no longer exists."))
        rated = session.scalar(
            select(func.count())
            .select_from(EvaluationCell)
            .join(EvaluationMeasure, EvaluationMeasure.id == EvaluationCell.measure_id)
            .where(EvaluationMeasure.goal_id == goal_id)
        )
        if rated:
            raise ValidationError(
                {"": _("The goal has ratings in earlier rounds; retire its measures instead.")}
            )
        session.delete(goal)


def _move(session: Session, rows: list[_Positioned], row_id: int, delta: int) -> None:
    ids = [r.id for r in rows]
    index = ids.index(row_id)
    target = max(0, min(len(rows) - 1, index + delta))
    rows.insert(target, rows.pop(index))
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position


def move_goal(db: Database, goal_id: int, delta: int) -> None:
    with db.session() as session:
        goal = _get(session, EvaluationGoal, goal_id, _("The goal no longer exists."))
        goals = list(
            session.scalars(
                select(EvaluationGoal)
                .where(EvaluationGoal.project_id == goal.project_id)
                .order_by(EvaluationGoal.position, EvaluationGoal.id)
            )
        )
        _move(session, goals, goal_id, delta)


def add_measure(db: Database, goal_id: int, fields: MeasureFields) -> int:
    _check(fields.errors())
    with db.session() as session:
        _get(session, EvaluationGoal, goal_id, _("The goal no longer exists."))
        position = session.scalar(
            select(func.coalesce(func.max(EvaluationMeasure.position), -1) + 1).where(
                EvaluationMeasure.goal_id == goal_id
            )
        )
        measure = EvaluationMeasure(
            goal_id=goal_id,
            position=position,
            origin=installation_id(session),
            text_fi=fields.text_fi.strip(),
            text_sv=fields.text_sv.strip(),
        )
        session.add(measure)
        session.flush()
        return measure.id


def update_measure(
    db: Database, measure_id: int, fields: MeasureFields, expected_version: int | None = None
) -> None:
    """Reword a measure (still at *expected_version*): its cells in every round stay with it."""
    _check(fields.errors())
    with db.session() as session:
        measure = _get(session, EvaluationMeasure, measure_id, _("The measure no longer exists."))
        check_version(measure, expected_version, measure.text_fi[:60])
        measure.text_fi, measure.text_sv = fields.text_fi.strip(), fields.text_sv.strip()


def move_measure(db: Database, measure_id: int, delta: int) -> None:
    with db.session() as session:
        measure = _get(session, EvaluationMeasure, measure_id, _("The measure no longer exists."))
        measures = list(
            session.scalars(
                select(EvaluationMeasure)
                .where(EvaluationMeasure.goal_id == measure.goal_id)
                .order_by(EvaluationMeasure.position, EvaluationMeasure.id)
            )
        )
        _move(session, measures, measure_id, delta)


def retire_measure(db: Database, measure_id: int, on: dt.date) -> None:
    """The measure leaves rounds held from *on*; rounds that rated it keep it."""
    with db.session() as session:
        measure = _get(session, EvaluationMeasure, measure_id, _("The measure no longer exists."))
        measure.retired, measure.retired_on = True, on


def restore_measure(db: Database, measure_id: int) -> None:
    with db.session() as session:
        measure = _get(session, EvaluationMeasure, measure_id, _("The measure no longer exists."))
        measure.retired, measure.retired_on = False, None


def delete_measure(db: Database, measure_id: int) -> None:
    """Only a measure never rated or commented in any round (a typo made just now)."""
    with db.session() as session:
        measure = _get(session, EvaluationMeasure, measure_id, _("The measure no longer exists."))
        used = session.scalar(
            select(func.count())
            .select_from(EvaluationCell)
            .where(EvaluationCell.measure_id == measure_id)
        )
        if used:
            raise ValidationError(
                {"": _("The measure has ratings in a round; retire it instead of deleting.")}
            )
        session.delete(measure)


def set_measure_workshops(db: Database, measure_id: int, workshop_ids: list[int]) -> None:
    """The workshops whose feedback is evidence for the measure (of the same project)."""
    with db.session() as session:
        measure = _get(session, EvaluationMeasure, measure_id, _("The measure no longer exists."))
        project_id = session.get_one(EvaluationGoal, measure.goal_id).project_id
        wanted = set(workshop_ids)
        found = set(
            session.scalars(
                select(Workshop.id).where(
                    Workshop.id.in_(wanted), Workshop.project_id == project_id
                )
            )
        )
        if wanted - found:
            raise ValidationError(
                {"workshops": _("A workshop of another project cannot be evidence here.")}
            )
        session.execute(
            delete(EvaluationMeasureWorkshop).where(
                EvaluationMeasureWorkshop.measure_id == measure_id
            )
        )
        session.add_all(
            EvaluationMeasureWorkshop(measure_id=measure_id, workshop_id=w) for w in sorted(found)
        )
        measure.updated_at = utc_now()  # the links are part of the measure's content


def regions_error(codes: list[str]) -> dict[str, str]:
    """Why *codes* cannot be a project's regions taking part ({} when they can)."""
    if any(code not in REGION_BY_CODE for code in codes):
        return {"regions": _("Unknown region.")}
    if len(set(codes)) != len(codes):
        return {"regions": _("A region is listed twice.")}
    return {}


def set_regions(db: Database, project_id: int, codes: list[str]) -> None:
    """The regions taking part, in order; a region with ratings cannot be dropped."""
    _check(regions_error(codes))
    with db.session() as session:
        set_regions_in(session, project_id, codes)


def set_regions_in(session: Session, project_id: int, codes: list[str]) -> None:
    """:func:`set_regions` inside the caller's transaction (the first-run assistant)."""
    _check(regions_error(codes))
    _get(session, Project, project_id, _("No project with id {id}.").format(id=project_id))
    existing = {
        r.region: r
        for r in session.scalars(
            select(EvaluationRegion).where(EvaluationRegion.project_id == project_id)
        )
    }
    dropped = set(existing) - set(codes)
    if dropped:
        rated = session.scalars(
            select(EvaluationCell.region)
            .join(EvaluationRound, EvaluationRound.id == EvaluationCell.round_id)
            .where(
                EvaluationRound.project_id == project_id,
                EvaluationCell.region.in_(dropped),
            )
            .limit(1)
        ).first()
        if rated is not None:
            raise ValidationError(
                {
                    "regions": _(
                        "{region} has ratings in a round and stays in the evaluation."
                    ).format(region=region_name(rated, "fi"))
                }
            )
        for code in dropped:
            session.delete(existing[code])
    origin = installation_id(session)
    key = project_key(session.get_one(Project, project_id))
    for position, code in enumerate(codes):
        row = existing.get(code)
        if row is None:
            uuid = rules.region_uuid(key, code)
            if session.scalar(select(EvaluationRegion.id).where(EvaluationRegion.uuid == uuid)):
                uuid = new_uuid()  # another project here has the same name
            session.add(
                EvaluationRegion(
                    uuid=uuid,
                    project_id=project_id,
                    region=code,
                    position=position,
                    origin=origin,
                )
            )
        elif row.position != position:
            row.position = position


# --- rounds --------------------------------------------------------------------------


def create_round(
    db: Database, project_id: int, kind: RoundKind, name: str = "", date: dt.date | None = None
) -> int:
    _check(rules.round_error(kind, name))
    with db.session() as session:
        _get(session, Project, project_id, _("No project with id {id}.").format(id=project_id))
        r = EvaluationRound(
            project_id=project_id,
            kind=kind,
            name=name.strip(),
            date=date,
            origin=installation_id(session),
        )
        session.add(r)
        session.flush()
        return r.id


def update_round(
    db: Database,
    round_id: int,
    kind: RoundKind,
    name: str,
    date: dt.date | None,
    expected_version: int | None = None,
) -> None:
    _check(rules.round_error(kind, name))
    with db.session() as session:
        r = _writable(session, round_id)
        check_version(r, expected_version, name or _(rules.ROUND_KIND_LABELS[kind]))
        r.kind, r.name, r.date = kind, name.strip(), date


def _writable(session: Session, round_id: int) -> EvaluationRound:
    r = _round(session, round_id)
    if r.locked:
        raise ValidationError(
            {"": _("The round is locked. Reopen it (with a reason) to change it.")}
        )
    return r


def lock_round(db: Database, round_id: int) -> None:
    with db.session() as session:
        r = _round(session, round_id)
        r.locked = True


def reopen_round(db: Database, round_id: int, reason: str) -> None:
    problem = rules.reopen_reason_error(reason)
    if problem:
        raise ValidationError({"reason": problem})
    with db.session() as session:
        r = _round(session, round_id)
        if not r.locked:
            raise ValidationError({"": _("The round is not locked.")})
        r.locked = False
        r.reopenings.append(EvaluationReopening(reopened_at=utc_now(), reason=reason.strip()))


def delete_round(db: Database, round_id: int) -> None:
    """Only an unlocked round with nothing rated or commented."""
    with db.session() as session:
        r = _writable(session, round_id)
        used = session.scalar(
            select(func.count()).select_from(EvaluationCell).where(EvaluationCell.round_id == r.id)
        )
        if used:
            raise ValidationError({"": _("The round has ratings; it cannot be deleted.")})
        session.delete(r)


# --- cells ---------------------------------------------------------------------------


def _cell_target(
    session: Session, round_id: int, measure_id: int, region: str
) -> tuple[EvaluationRound, EvaluationMeasure]:
    r = _writable(session, round_id)
    measure = _get(session, EvaluationMeasure, measure_id, _("The measure no longer exists."))
    goal = session.get_one(EvaluationGoal, measure.goal_id)
    if goal.project_id != r.project_id:
        raise ValidationError({"": _("The measure belongs to another project.")})
    if region not in REGION_BY_CODE:
        raise ValidationError({"region": _("Unknown region.")})
    return r, measure


def _cell(
    session: Session, r: EvaluationRound, measure: EvaluationMeasure, region: str
) -> EvaluationCell:
    cell = session.scalar(
        select(EvaluationCell).where(
            EvaluationCell.round_id == r.id,
            EvaluationCell.measure_id == measure.id,
            EvaluationCell.region == region,
        )
    )
    if cell is None:
        cell = EvaluationCell(
            uuid=rules.cell_uuid(r.uuid, measure.uuid, region),
            origin=installation_id(session),
            round_id=r.id,
            measure_id=measure.id,
            region=region,
            comment="",
        )
        session.add(cell)
    return cell


def set_rating(
    db: Database, round_id: int, measure_id: int, region: str, rating: int | None
) -> None:
    """Rate one cell 1–3, or None for not assessed."""
    try:
        rating = rules.parse_rating(rating)
    except ValueError as exc:
        raise ValidationError({"rating": str(exc)}) from exc
    with db.session() as session:
        r, measure = _cell_target(session, round_id, measure_id, region)
        cell = _cell(session, r, measure, region)
        if cell.rating != rating:
            cell.rating = rating


def set_cell_comment(
    db: Database, round_id: int, measure_id: int, region: str, comment: str
) -> None:
    problem = rules.text_error(comment)
    if problem:
        raise ValidationError({"comment": problem})
    with db.session() as session:
        r, measure = _cell_target(session, round_id, measure_id, region)
        cell = _cell(session, r, measure, region)
        if cell.comment != comment.strip():
            cell.comment = comment.strip()


def set_goal_comment(db: Database, round_id: int, goal_id: int, region: str, comment: str) -> None:
    problem = rules.text_error(comment)
    if problem:
        raise ValidationError({"comment": problem})
    with db.session() as session:
        r = _writable(session, round_id)
        goal = _get(session, EvaluationGoal, goal_id, _("The goal no longer exists."))
        if goal.project_id != r.project_id or region not in REGION_BY_CODE:
            raise ValidationError({"": _("The goal belongs to another project.")})
        note = session.scalar(
            select(EvaluationGoalComment).where(
                EvaluationGoalComment.round_id == r.id,
                EvaluationGoalComment.goal_id == goal_id,
                EvaluationGoalComment.region == region,
            )
        )
        if note is None:
            note = EvaluationGoalComment(
                uuid=rules.goal_comment_uuid(r.uuid, goal.uuid, region),
                origin=installation_id(session),
                round_id=r.id,
                goal_id=goal_id,
                region=region,
                comment="",
            )
            session.add(note)
        if note.comment != comment.strip():
            note.comment = comment.strip()


# --- comparison ----------------------------------------------------------------------


@dataclass
class RoundComparison:
    earlier: Matrix
    later: Matrix
    regions: list[str]
    goals: list[GoalRow]  # measures shown in either round, the later round's order
    changes: dict[tuple[int, str], Change | None]

    def counts(self) -> dict[Change, int]:
        return rules.count_changes(self.changes.values())


def compare_rounds(db: Database, earlier_id: int, later_id: int) -> RoundComparison:
    """Each cell's change from *earlier_id* to *later_id* (rounds of the same project)."""
    with db.read() as session:
        earlier = matrix_in(session, earlier_id)
        later = matrix_in(session, later_id)
        if earlier.round.project_id != later.round.project_id:
            raise ValidationError({"": _("Only rounds of the same project can be compared.")})
        framework = _load_framework(session, later.round.project_id)
    shown_before = {m.id for g in earlier.goals for m in g.measures}
    shown_after = {m.id for g in later.goals for m in g.measures}
    goals = []
    for goal in framework.goals:
        goal.measures = [m for m in goal.measures if m.id in shown_before | shown_after]
        goals.append(goal)
    regions = list(later.regions) + [r for r in earlier.regions if r not in later.regions]
    changes = {
        (m.id, region): rules.compare_ratings(
            earlier.cell(m.id, region).rating, later.cell(m.id, region).rating
        )
        for g in goals
        for m in g.measures
        for region in regions
    }
    return RoundComparison(earlier, later, regions, goals, changes)


# --- evidence ------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionMean:
    key: str
    text_fi: str
    text_sv: str
    mean: float
    answered: int

    def text(self, lang: str) -> str:
        return in_language(self.text_fi, self.text_sv, lang)


@dataclass
class Evidence:
    workshops: int = 0
    responses: int = 0
    means: list[QuestionMean] = field(default_factory=list)

    def counts(self) -> str:
        """ "2 työpajaa, 41 vastausta": words, not abbreviations, and one in the singular."""
        from kastedesk.formatting import format_count

        workshops = ngettext("{n} workshop", "{n} workshops", self.workshops)
        responses = ngettext("{n} response", "{n} responses", self.responses)
        parts = (
            workshops.format(n=format_count(self.workshops)),
            responses.format(n=format_count(self.responses)),
        )
        # A narrow cell wraps after the comma, never between a number and its word.
        return ", ".join(part.replace(" ", "\u00a0") for part in parts)

    def short(self) -> str:
        """ "2 työpajaa, 41 vastausta · 4,2" for a grid cell (the mean of the first chosen
        question); empty without workshops."""
        from kastedesk.formatting import format_number

        if not self.workshops:
            return ""
        text = self.counts()
        if self.means:
            text += " · " + format_number(self.means[0].mean, digits=1)
        return text


def scale_questions(db: Database, project_id: int) -> list[tuple[str, str]]:
    """(key, Finnish text) of the scale questions answered in the project's workshops."""
    with db.read() as session:
        rows = session.execute(
            select(FeedbackQuestion.key, func.max(FeedbackQuestion.text_fi))
            .join(FeedbackResponse, FeedbackResponse.form_id == FeedbackQuestion.form_id)
            .join(Workshop, Workshop.id == FeedbackResponse.workshop_id)
            .where(
                Workshop.project_id == project_id,
                FeedbackQuestion.kind == QuestionKind.SCALE,
            )
            .group_by(FeedbackQuestion.key)
            .order_by(func.min(FeedbackQuestion.position))
        ).all()
    return [(key, text) for key, text in rows]


def evidence(
    db: Database, project_id: int, question_keys: list[str] | None = None
) -> dict[int, Evidence]:
    """Per measure with linked workshops: workshops, live responses, means of scale questions.

    *question_keys* chooses the scale questions (by their stable key) and their
    order; None takes every scale question answered.
    """
    with db.read() as session:
        link = EvaluationMeasureWorkshop
        in_project = (
            select(link.measure_id, link.workshop_id)
            .join(EvaluationMeasure, EvaluationMeasure.id == link.measure_id)
            .join(EvaluationGoal, EvaluationGoal.id == EvaluationMeasure.goal_id)
            .where(EvaluationGoal.project_id == project_id)
            .subquery()
        )
        result: dict[int, Evidence] = {}
        for measure_id, workshops in session.execute(
            select(in_project.c.measure_id, func.count()).group_by(in_project.c.measure_id)
        ):
            result[measure_id] = Evidence(workshops=workshops)
        if not result:
            return result
        for measure_id, responses in session.execute(
            select(in_project.c.measure_id, func.count(FeedbackResponse.id))
            .join(FeedbackResponse, FeedbackResponse.workshop_id == in_project.c.workshop_id)
            .where(FeedbackResponse.deleted_at.is_(None))
            .group_by(in_project.c.measure_id)
        ):
            result[measure_id].responses = responses
        query = (
            select(
                in_project.c.measure_id,
                FeedbackQuestion.key,
                func.max(FeedbackQuestion.text_fi),
                func.max(FeedbackQuestion.text_sv),
                func.avg(FeedbackAnswer.value),
                func.count(FeedbackAnswer.value),
            )
            .join(FeedbackResponse, FeedbackResponse.workshop_id == in_project.c.workshop_id)
            .join(FeedbackAnswer, FeedbackAnswer.response_id == FeedbackResponse.id)
            .join(FeedbackQuestion, FeedbackQuestion.id == FeedbackAnswer.question_id)
            .where(
                FeedbackResponse.deleted_at.is_(None),
                FeedbackQuestion.kind == QuestionKind.SCALE,
                FeedbackAnswer.value.is_not(None),
            )
            .group_by(in_project.c.measure_id, FeedbackQuestion.key)
        )
        if question_keys is not None:
            query = query.where(FeedbackQuestion.key.in_(question_keys))
        order = {key: n for n, key in enumerate(question_keys or [])}
        for measure_id, key, text_fi, text_sv, mean, answered in session.execute(query):
            result[measure_id].means.append(
                QuestionMean(key, text_fi, text_sv or "", float(mean), answered)
            )
        for item in result.values():
            item.means.sort(key=lambda q: (order.get(q.key, len(order)), q.key))
        return result
