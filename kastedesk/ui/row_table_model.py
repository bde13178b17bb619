"""A thin table model over plain rows, with fast type-to-filter and sorting.

The model keeps the rows it is given (dataclasses, named tuples, ORM objects
read with ``expire_on_commit=False``), their display strings and one lower-case
search string per row. Filtering and sorting work on those lists in Python, which
stays instant with tens of thousands of rows, where a QSortFilterProxyModel would
call ``data()`` for every cell on every keystroke.

A row's display strings are made when the row is first shown, and the search
strings in slices while the window is idle (all at once if a filter comes first):
rows that are never looked at cost nothing when a table of 10,000 people loads.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThread,
    QTimer,
)
from PySide6.QtGui import QBrush, QFontMetricsF
from PySide6.QtWidgets import QHeaderView, QStyle, QStyledItemDelegate, QTableView

from kastedesk.formatting import format_count, format_date, format_datetime, format_time

R = TypeVar("R")
HAYSTACK_SLICE = 1000  # search strings made per idle moment (a few ms)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # data(index, ROW_ROLE) gives the row object
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    title: Callable[[], str]  # called at display time, so it follows the language
    value: Callable[[R], Any]  # str, number, date, time, datetime, bool or None
    sort_key: Callable[[R], Any] | None = None  # defaults to the value
    align_right: bool = False
    whole_in_tooltip: bool = False  # a long text the column may cut short: whole on pointing


def count_column(title: Callable[[], str], count: Callable[[R], int | None]) -> Column[R]:
    """A count, right-aligned and written the Finnish way ("12 500"), sorted by number.

    Plain numbers are left as they are (a meeting's number 1000 is not "1 000").
    """

    def shown(row: R) -> str:
        value = count(row)
        return "" if value is None else format_count(value)

    return Column(title, shown, sort_key=count, align_right=True)


def display_text(value: Any) -> str:
    if type(value) is str:  # most cells: checked first (10,000 rows × 12 columns)
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, dt.time):
        return format_time(value)
    return str(value)


def _sortable(value: Any) -> tuple[bool, Any]:
    if isinstance(value, str):
        return (value == "", value.casefold())
    return (value is None, value if value is not None else 0)


class RowTableModel(QAbstractTableModel, Generic[R]):
    def __init__(
        self,
        columns: Sequence[Column[R]],
        foreground: Callable[[R], QBrush | None] | None = None,
        background: Callable[[R], QBrush | None] | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._foreground = foreground
        self._background = background
        self._rows: list[R] = []
        self._display: list[list[str] | None] = []  # None: not made yet
        self._haystack: list[str] = []  # made for the first len() rows so far
        self._haystack_timer = QTimer(self)
        self._haystack_timer.setInterval(0)
        self._haystack_timer.timeout.connect(self._grow_haystack)
        self._order: list[int] = []  # row positions in sort order
        self._visible: list[int] = []  # the filtered part of _order
        self._needles: list[str] = []
        # Whether _visible is exactly the rows of _order the needles find (replace_row
        # keeps a changed row where it was): typing on may then search only those.
        self._visible_exact = True
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- feeding --------------------------------------------------------------------

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._display = [None] * len(self._rows)
        self._haystack = []
        self._order = self._sorted_order()
        self._visible = self._filtered()
        self.endResetModel()
        if len(self._haystack) < len(self._rows) and QThread.currentThread().eventDispatcher():
            self._haystack_timer.start()  # (no event loop: made when a filter asks)

    def replace_row(self, predicate: Callable[[R], bool], row: R) -> bool:
        """Put *row* in place of the first row matching *predicate*, keeping the order,
        filter, selection and scroll position; False when there is no such row."""
        i = next((n for n, old in enumerate(self._rows) if predicate(old)), None)
        if i is None:
            return False
        self._rows[i] = row
        self._display[i] = None
        if i < len(self._haystack):
            self._haystack[i] = self._search_text(i)
        self._visible_exact = False
        if i in self._visible:
            position = self._visible.index(i)
            last = len(self.columns) - 1
            self.dataChanged.emit(self.index(position, 0), self.index(position, last))
        return True

    def refresh_texts(self) -> None:
        """Format every cell again, e.g. after the language changed."""
        self.set_rows(self._rows)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def set_filter(self, text: str) -> None:
        """Show the rows containing every word of *text* in any column."""
        needles = text.casefold().split()
        if needles == self._needles:
            return
        # A word typed on (or one more): only the rows shown now can still match.
        narrower = (
            self._needles
            and self._visible_exact
            and all(any(old in new for new in needles) for old in self._needles)
        )
        self.beginResetModel()
        self._needles = needles
        self._visible = self._filtered(self._visible if narrower else None)
        self.endResetModel()

    # --- reading --------------------------------------------------------------------

    def row(self, position: int) -> R:
        """The row object shown at *position* (after filtering and sorting)."""
        return self._rows[self._visible[position]]

    def visible_rows(self) -> list[R]:
        return [self._rows[i] for i in self._visible]

    def all_rows(self) -> list[R]:
        return list(self._rows)

    def display_texts(self, column: int, rows: int) -> list[str]:
        """The display strings of *column* in the first *rows* shown rows."""
        return [self._cells(i)[column] for i in self._visible[:rows]]

    def search_ready(self) -> bool:
        """Whether every row's search text is made (filtering then only compares)."""
        return len(self._haystack) >= len(self._rows)

    def position_of(self, predicate: Callable[[R], bool]) -> int | None:
        for position, i in enumerate(self._visible):
            if predicate(self._rows[i]):
                return position
        return None

    # --- Qt model interface ----------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        i = self._visible[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells(i)[index.column()]
        if role == ROW_ROLE:
            return self._rows[i]
        if role == Qt.ItemDataRole.ToolTipRole and self.columns[index.column()].whole_in_tooltip:
            return self._cells(i)[index.column()] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[index.column()].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._foreground:
            return self._foreground(self._rows[i])
        if role == Qt.ItemDataRole.BackgroundRole and self._background:
            return self._background(self._rows[i])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title()
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        # Selections and current rows are persistent indexes: keep them on the same records.
        before = self.persistentIndexList()
        records = [
            (self._visible[i.row()], i.column()) if 0 <= i.row() < len(self._visible) else None
            for i in before
        ]
        self._sort = (column, order)
        self._order = self._sorted_order()
        self._visible = self._filtered()
        where = {position: n for n, position in enumerate(self._visible)}
        after = [
            self.index(where[r[0]], r[1]) if r is not None and r[0] in where else QModelIndex()
            for r in records
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    # --- internals --------------------------------------------------------------------

    def _sorted_order(self) -> list[int]:
        positions = list(range(len(self._rows)))
        if self._sort is None:
            return positions
        column_index, order = self._sort
        column = self.columns[column_index]
        key = column.sort_key or column.value
        rows = self._rows
        positions.sort(
            key=lambda i: _sortable(key(rows[i])),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        return positions

    def _cells(self, i: int) -> list[str]:
        cells = self._display[i]
        if cells is None:
            row = self._rows[i]
            cells = self._display[i] = [display_text(c.value(row)) for c in self.columns]
        return cells

    def _search_text(self, i: int) -> str:
        return "\x1f".join(self._cells(i)).casefold()

    def _grow_haystack(self, until: int | None = None) -> None:
        """Make the next slice of search strings (or all up to *until*)."""
        done = len(self._haystack)
        end = len(self._rows) if until is not None else min(done + HAYSTACK_SLICE, len(self._rows))
        self._haystack.extend(self._search_text(i) for i in range(done, end))
        if len(self._haystack) >= len(self._rows):
            self._haystack_timer.stop()

    def _filtered(self, among: list[int] | None = None) -> list[int]:
        """The rows of *among* (else of _order, all rows in sort order) holding every
        needle: one plain pass per word, each over what the one before left."""
        self._visible_exact = True
        found = self._order if among is None else among
        if not self._needles:
            return list(found)
        if len(self._haystack) < len(self._rows):
            self._grow_haystack(until=len(self._rows))
        hay = self._haystack
        for needle in self._needles:
            found = [i for i in found if needle in hay[i]]
        return found


class HeadingsKept(QObject):
    """Widens a column when its heading grows (the language changed: "Datum" became
    "Päivämäärä"); the widths the user gave the others stay. One per fitted view, owned
    by its header, so it goes with the view."""

    def __init__(self, header: QHeaderView, model: QAbstractItemModel) -> None:
        super().__init__(header)
        self._header = header
        model.headerDataChanged.connect(self._headings_changed)

    def _headings_changed(self, orientation: Qt.Orientation, first: int, last: int) -> None:
        if orientation != Qt.Orientation.Horizontal:
            return
        header = self._header
        for column in range(first, min(last, header.count() - 1) + 1):
            needed = header.sectionSizeHint(column)
            if not header.isSectionHidden(column) and header.sectionSize(column) < needed:
                header.resizeSection(column, needed)


def one_line_rows(view: QTableView) -> None:
    """Rows one line of text high, without row numbers: for lists of one-line cells that
    are not edited in place. Qt's default height leaves room for an editor, which shows
    a third fewer rows of a list on a laptop screen."""
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)


FIT_ROWS = 60  # rows looked at to size a column: about a screenful


def fit_columns(view: QTableView, rows: int = FIT_ROWS) -> None:
    """Columns as wide as the first *rows* rows need: not a walk over every cell
    (Qt's default looks at 1,000 rows, which is most of the time of showing them).

    Over a :class:`RowTableModel` the widths are measured from its display strings
    with the view's font, as Qt's item delegate measures plain text: asking the
    delegate costs a dozen ``data()`` calls per cell, most of a 10,000-row load."""
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(rows)
    model = view.model()
    if model is not None and header.findChild(HeadingsKept) is None:
        HeadingsKept(header, model)
    if not isinstance(model, RowTableModel) or view.itemDelegate().__class__ is not (
        QStyledItemDelegate
    ):
        view.resizeColumnsToContents()
        return
    metrics = QFontMetricsF(view.font())  # fractional, rounded up once as Qt's layout does
    text_margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view)
    padding = 2 * (text_margin + 1) + (1 if view.showGrid() else 0)
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        widest = max(
            (
                math.ceil(metrics.horizontalAdvance(line))
                for text in model.display_texts(column, rows)
                for line in text.split("\n")
            ),
            default=0,
        )
        content = widest + padding if widest else 0
        header.resizeSection(column, max(content, header.sectionSizeHint(column)))
