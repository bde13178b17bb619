"""Reading the .xlsx that evaluation_export writes back into a round: preview, then all or nothing.

The first sheet's first row names the regions (Finnish or Swedish name, or
code) above their rating and comments columns; every later row with a
concrete measure is matched to the framework by its goal ("Tavoite 1" /
"Mål 1", or the number) and its text (Finnish or Swedish, case and spacing
ignored). A rating outside 1–3, an unknown goal, measure or region, or a
measure twice refuses the whole file with the row named; nothing is written.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from kastedesk.domain.evaluation import MAX_TEXT, parse_rating, text_error
from kastedesk.domain.regions import find_region
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.services.evaluation import Cell, Matrix, MeasureRow, matrix_in
from kastedesk.services.table_files import too_many_rows
from kastedesk.storage.database import Database
from kastedesk.storage.installation import installation_id
from kastedesk.storage.models.evaluation import EvaluationCell, EvaluationMeasure, EvaluationRound

MAX_ROWS = 5000
FIRST_REGION_COLUMN = 3  # goal, goal text, measure, then (rating, comments) per region


class EvaluationImportError(Exception):
    """The file is refused; the message names the row and says why."""


@dataclass(frozen=True)
class CellChange:
    row: int
    measure_id: int
    measure: str
    region: str
    before: Cell
    after: Cell


@dataclass
class ImportPreview:
    round_id: int
    changes: list[CellChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def rated(self) -> int:
        return sum(1 for c in self.changes if c.after.rating != c.before.rating)


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_rows(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as exc:
        raise EvaluationImportError(_("The file {path} does not exist.").format(path=path)) from exc
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise EvaluationImportError(
            _("{path} is not a readable Excel workbook (.xlsx).").format(path=path.name)
        ) from exc
    try:
        rows: list[list[object]] = []
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            if len(rows) > MAX_ROWS:
                raise EvaluationImportError(too_many_rows(MAX_ROWS))
            rows.append(list(values))
        return rows
    finally:
        workbook.close()


def _goal_number(text: str) -> int | None:
    match = re.fullmatch(r"(?:\D*\s)?(\d+)\.?", text.strip())
    return int(match.group(1)) if match else None


def _regions(header: list[object], matrix: Matrix) -> dict[int, str]:
    """{rating column: region code} from the first row."""
    columns: dict[int, str] = {}
    for index in range(FIRST_REGION_COLUMN, len(header), 2):
        name = _text(header[index])
        if not name:
            continue
        region = find_region(name)
        if region is None or region.code not in matrix.regions:
            raise EvaluationImportError(
                _("Row 1: the region {name} does not take part in this evaluation.").format(
                    name=name
                )
            )
        if region.code in columns.values():
            raise EvaluationImportError(
                _("Row 1: the region {name} appears twice.").format(name=name)
            )
        columns[index] = region.code
    if not columns:
        raise EvaluationImportError(
            _("Row 1 names no region: is this a table exported from KasteDesk?")
        )
    return columns


def plan_evaluation_import(db: Database, path: Path, round_id: int) -> ImportPreview:
    """What importing *path* into the round would change; raises EvaluationImportError."""
    rows = _read_rows(Path(path))
    with db.read() as session:
        matrix = matrix_in(session, round_id)
    if matrix.round.locked:
        raise EvaluationImportError(
            _("The round is locked. Reopen it (with a reason) to change it.")
        )
    if not rows:
        raise EvaluationImportError(_("The file has no rows."))
    columns = _regions(rows[0], matrix)
    goals = {g.number: g for g in matrix.goals}
    goal_texts = {_normal(g.text_fi): g for g in matrix.goals} | {
        _normal(g.text_sv): g for g in matrix.goals if g.text_sv
    }
    preview = ImportPreview(round_id)
    seen: set[int] = set()
    current_goal = None
    for number, values in enumerate(rows[1:], start=2):
        values = values + [None] * (FIRST_REGION_COLUMN + 2 * len(columns) - len(values))
        goal_cell, goal_text, measure_text = (_text(v) for v in values[:3])
        if not any(_text(v) for v in values):
            continue
        if goal_cell or goal_text:
            by_number = _goal_number(goal_cell) if goal_cell else None
            if by_number is not None:
                goal = goals.get(by_number)
            else:
                goal = goal_texts.get(_normal(goal_text)) if goal_text else None
            if goal is None:
                raise EvaluationImportError(
                    _("Row {row}: the goal {goal} is not in this evaluation.").format(
                        row=number, goal=goal_cell or goal_text[:60]
                    )
                )
            current_goal = goal
        if not measure_text:
            if current_goal is None and number > 2:
                raise EvaluationImportError(
                    _("Row {row}: a rating without a concrete measure.").format(row=number)
                )
            continue  # the second header row, or a goal without measures
        if current_goal is None:
            raise EvaluationImportError(_("Row {row}: the measure has no goal.").format(row=number))
        measure = _find_measure(current_goal.measures, measure_text)
        if measure is None:
            raise EvaluationImportError(
                _(
                    "Row {row}: the concrete measure \u201c{measure}\u201d is not under {goal}."
                ).format(row=number, measure=measure_text[:60], goal=f"{current_goal.number}.")
            )
        if measure.id in seen:
            raise EvaluationImportError(
                _("Row {row}: the concrete measure appears twice.").format(row=number)
            )
        seen.add(measure.id)
        for column, region in columns.items():
            try:
                rating = parse_rating(values[column])
            except ValueError as exc:
                raise EvaluationImportError(
                    _("Row {row}: {region}: {reason}").format(
                        row=number, region=_text(rows[0][column]), reason=exc
                    )
                ) from exc
            comment = _text(values[column + 1]) if column + 1 < len(values) else ""
            problem = text_error(comment, MAX_TEXT)
            if problem:
                raise EvaluationImportError(
                    _("Row {row}: {region}: {reason}").format(
                        row=number, region=_text(rows[0][column]), reason=problem
                    )
                )
            before = matrix.cell(measure.id, region)
            after = Cell(rating, comment)
            if after == before:
                preview.unchanged += 1
            else:
                preview.changes.append(
                    CellChange(number, measure.id, measure.text_fi, region, before, after)
                )
    return preview


def _find_measure(measures: list[MeasureRow], text: str) -> MeasureRow | None:
    key = _normal(text)
    return next(
        (m for m in measures if key in (_normal(m.text_fi), _normal(m.text_sv or m.text_fi))),
        None,
    )


def apply_evaluation_import(db: Database, preview: ImportPreview) -> int:
    """Write every change of *preview* in one transaction; the number of cells changed."""
    from kastedesk.domain.evaluation import cell_uuid

    with db.session() as session:
        r = session.get(EvaluationRound, preview.round_id)
        if r is None or r.locked:
            raise ValidationError(
                {"": _("The round is locked. Reopen it (with a reason) to change it.")}
            )
        origin = installation_id(session)
        existing = {
            (c.measure_id, c.region): c
            for c in session.query(EvaluationCell).filter(EvaluationCell.round_id == r.id)
        }
        measure_uuids = dict(
            session.query(EvaluationMeasure.id, EvaluationMeasure.uuid).filter(
                EvaluationMeasure.id.in_({c.measure_id for c in preview.changes})
            )
        )
        for change in preview.changes:
            cell = existing.get((change.measure_id, change.region))
            if cell is None:
                cell = EvaluationCell(
                    uuid=cell_uuid(r.uuid, measure_uuids[change.measure_id], change.region),
                    origin=origin,
                    round_id=r.id,
                    measure_id=change.measure_id,
                    region=change.region,
                )
                session.add(cell)
            cell.rating, cell.comment = change.after.rating, change.after.comment
    return len(preview.changes)


def import_evaluation(
    db: Database, path: Path, round_id: int, dry_run: bool = False
) -> ImportPreview:
    """Plan and (unless *dry_run*) apply; returns the preview."""
    preview = plan_evaluation_import(db, path, round_id)
    if not dry_run:
        apply_evaluation_import(db, preview)
    return preview
