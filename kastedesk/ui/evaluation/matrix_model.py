"""The evaluation matrix as a grid: a row per goal and per concrete measure.

Columns: the measure, its evidence (workshops, responses, mean), then per
region the rating (1–3, shown with its words) and the comment. On a goal's
row the comment columns hold the goal × region comment. The model holds no
SQL: the page gives it a ``Matrix`` and writes changes through the service.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QGuiApplication

from kastedesk import i18n
from kastedesk.domain.evaluation import RATING_LABELS
from kastedesk.domain.regions import region_name
from kastedesk.i18n import _
from kastedesk.services.evaluation import Cell, Evidence, GoalRow, Matrix, MeasureRow
from kastedesk.ui import theme as ui_theme  # "theme" is a goal's theme below

Index = QModelIndex | QPersistentModelIndex
FIXED = 2  # measure, evidence
# Ratings 1–3 as tints the palette's text stays readable on (kastedesk.ui.theme).
RATING_TONES = {1: ui_theme.Tone.ERROR, 2: ui_theme.Tone.WARNING, 3: ui_theme.Tone.OK}


def rating_brush(rating: int) -> QBrush:
    return QBrush(ui_theme.background(RATING_TONES[rating]))


@dataclass(frozen=True)
class GridRow:
    goal: GoalRow
    measure: MeasureRow | None  # None: the goal's own row


class MatrixModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.matrix: Matrix | None = None
        self.evidence: dict[int, Evidence] = {}
        self.rows: list[GridRow] = []

    # --- data in --------------------------------------------------------------------

    def set_matrix(self, matrix: Matrix | None, evidence: dict[int, Evidence]) -> None:
        self.beginResetModel()
        self.matrix, self.evidence = matrix, evidence
        self.rows = []
        for goal in matrix.goals if matrix else []:
            self.rows.append(GridRow(goal, None))
            self.rows.extend(GridRow(goal, m) for m in goal.measures)
        self.endResetModel()

    def set_rating(self, measure_id: int, region: str, rating: int | None) -> None:
        """Show a rating just saved (the page saves it through the service first)."""
        if self.matrix is None:
            return
        before = self.matrix.cell(measure_id, region)
        self.matrix.cells[(measure_id, region)] = Cell(rating, before.comment)
        row = next(n for n, r in enumerate(self.rows) if r.measure and r.measure.id == measure_id)
        index = self.index(row, self.rating_column(region))
        self.dataChanged.emit(index, index)

    # --- geometry -------------------------------------------------------------------

    def regions(self) -> list[str]:
        return self.matrix.regions if self.matrix else []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIXED + 2 * len(self.regions())

    def region_at(self, column: int) -> tuple[str | None, bool]:
        """(region, is the rating column) of *column*; (None, False) for the fixed ones."""
        if column < FIXED:
            return None, False
        offset = column - FIXED
        return self.regions()[offset // 2], offset % 2 == 0

    def rating_column(self, region: str) -> int:
        return FIXED + 2 * self.regions().index(region)

    def is_rating(self, index: Index) -> bool:
        region, rating = self.region_at(index.column())
        return region is not None and rating and self.rows[index.row()].measure is not None

    def is_comment(self, index: Index) -> bool:
        region, rating = self.region_at(index.column())
        return region is not None and not rating

    # --- data out -------------------------------------------------------------------

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return _("Goal / concrete measure")
        if section == 1:
            return _("Evidence")
        region, rating = self.region_at(section)
        name = region_name(region, i18n.current_language()) or region
        return f"{name}\n" + (_("Rating (1–3)") if rating else _("Comments"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.matrix is None:
            return None
        row = self.rows[index.row()]
        column = index.column()
        lang = i18n.current_language()
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.measure is None:
                return QBrush(QGuiApplication.palette().alternateBase())
            region, rating_column = self.region_at(column)
            if region is not None and rating_column:  # is_rating: the measure is there
                rating = self.matrix.cell(row.measure.id, region).rating
                return rating_brush(rating) if rating else None
            return None
        if role == Qt.ItemDataRole.FontRole and row.measure is None and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and self.is_rating(index):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index, row, column, lang)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if column == 0:
            if row.measure is None:
                number = _("Goal {number}").format(number=row.goal.number)
                theme = row.goal.theme(lang)
                previous = self._previous_goal(row.goal)
                if previous is not None and previous.theme(lang) == theme:
                    theme = ""  # the heading once, where the theme starts
                return (f"{theme}\n" if theme else "") + f"{number}. {row.goal.text(lang)}"
            retired = f" {_('(retired)')}" if row.measure.retired else ""
            return f"    {row.measure.text(lang)}{retired}"
        if column == 1:
            found = self.evidence.get(row.measure.id) if row.measure else None
            return found.short() if found else ""
        region, rating = self.region_at(column)
        if region is None:  # not past the fixed columns (0 and 1 are above)
            return None
        if row.measure is None:
            return "" if rating else self.matrix.goal_comments.get((row.goal.id, region), "")
        cell = self.matrix.cell(row.measure.id, region)
        if rating:
            if cell.rating is None:
                return "–"
            if role == Qt.ItemDataRole.EditRole:
                return cell.rating
            return f"{cell.rating} {_(RATING_LABELS[cell.rating])}"
        return cell.comment

    def _previous_goal(self, goal: GoalRow) -> GoalRow | None:
        goals = self.matrix.goals if self.matrix else []
        position = next((n for n, g in enumerate(goals) if g.id == goal.id), 0)
        return goals[position - 1] if position > 0 else None

    def _tooltip(self, index: Index, row: GridRow, column: int, lang: str) -> str | None:
        if column == 1 and row.measure is not None:
            found = self.evidence.get(row.measure.id)
            if not found:
                return _("No workshops linked: add them in the framework.")
            from kastedesk.formatting import format_number

            lines = [found.counts()]
            lines += [f"{format_number(q.mean, digits=2)}  {q.text(lang)}" for q in found.means]
            return "\n".join(lines)
        if self.is_rating(index):
            return _("1 not realised, 2 realised, 3 realised well; 0 or Delete: not assessed")
        if column >= FIXED:
            return _("Enter: write the comment")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
