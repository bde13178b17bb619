"""Import people from a spreadsheet: choose what each column holds, preview, import."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kastedesk.domain.import_vocabulary import FIELDS
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_count
from kastedesk.i18n import _
from kastedesk.services.member_import import ImportPlan, RowStatus
from kastedesk.services.table_files import Table
from kastedesk.storage.errors import DatabaseError
from kastedesk.ui import theme
from kastedesk.ui.busy import busy_cursor
from kastedesk.ui.form_errors import error_label
from kastedesk.ui.row_table_model import Column, RowTableModel, fit_columns

STATUS_TEXT = {
    RowStatus.NEW: lambda: _("new person"),
    RowStatus.MATCHED: lambda: _("already in the registry"),
    RowStatus.ALREADY: lambda: _("already in the group"),
    RowStatus.REJECTED: lambda: _("rejected"),
}


@dataclass(frozen=True)
class PreviewLine:
    line: int
    cells: tuple[str, ...]
    status: RowStatus
    reason: str



def _cell_column(label: str, index: int) -> Column[PreviewLine]:
    """The preview's column of the file's *index*-th cell, titled with its field's *label*."""
    return Column(lambda: _(label), lambda p: p.cells[index])


class ImportDialog(QDialog):
    help_topic = "members"  # the user guide's page (F1)

    def __init__(
        self,
        file_name: str,
        table: Table,
        mapping: Sequence[str | None],
        preview: Callable[[Sequence[str | None]], ImportPlan],
        run: Callable[[Sequence[str | None]], ImportPlan],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import people"))
        self._table = table
        self._preview = preview
        self._run = run
        self.plan: ImportPlan | None = None
        self.result_plan: ImportPlan | None = None

        intro = QLabel(
            _(
                "{file}: {rows} rows. Check what each column holds; "
                "rows marked rejected are not imported."
            ).format(file=file_name, rows=format_count(len(table.rows)))
        )
        intro.setWordWrap(True)
        self.mapping_table = QTableWidget(len(table.headers), 2)
        self.mapping_table.setAccessibleName(_("Columns of the file"))
        self.mapping_table.setHorizontalHeaderLabels([_("Column in the file"), _("Imported as")])
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.combos: list[QComboBox] = []
        for index, header in enumerate(table.headers):
            item = QTableWidgetItem(header or _("(no header)"))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # the file's header: not editable
            self.mapping_table.setItem(index, 0, item)
            combo = QComboBox()
            combo.addItem(_("(not imported)"), None)
            for field in FIELDS:
                combo.addItem(_(field.label), field.key)
            combo.setCurrentIndex(max(0, combo.findData(mapping[index])))
            combo.currentIndexChanged.connect(self.refresh)
            self.mapping_table.setCellWidget(index, 1, combo)
            self.combos.append(combo)

        self.model: RowTableModel[PreviewLine] = RowTableModel([], foreground=self._colour)
        self.preview_view = QTableView()
        self.preview_view.setAccessibleName(_("Preview"))
        self.preview_view.setModel(self.model)
        self.preview_view.verticalHeader().hide()
        self.preview_view.setSortingEnabled(True)
        self.summary = QLabel()
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.error = error_label()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.mapping_table)
        splitter.addWidget(self.preview_view)
        splitter.setSizes([320, 800])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            _("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(1150, 620)
        self.refresh()

    def mapping(self) -> list[str | None]:
        return [combo.currentData() for combo in self.combos]

    @staticmethod
    def _colour(line: PreviewLine) -> QBrush | None:
        if line.status == RowStatus.REJECTED:
            return QBrush(theme.foreground(theme.Tone.ERROR))
        if line.status == RowStatus.ALREADY:
            return QBrush(theme.muted())
        return None

    def _columns(self, mapping: Sequence[str | None]) -> list[Column[PreviewLine]]:
        columns: list[Column[PreviewLine]] = [
            Column(lambda: _("Row"), lambda p: p.line, align_right=True),
            Column(lambda: _("Status"), lambda p: STATUS_TEXT[p.status]()),
            Column(lambda: _("Reason"), lambda p: p.reason),
        ]
        labels = {f.key: f.label for f in FIELDS}
        for index, key in enumerate(mapping):
            if key is not None:
                columns.append(_cell_column(labels[key], index))
        return columns

    def refresh(self) -> None:
        mapping = self.mapping()
        self.model.columns = self._columns(mapping)
        try:
            with busy_cursor():
                self.plan = self._preview(mapping)
        except ValidationError as exc:
            self.plan = None
            self.error.setText(" ".join(exc.errors.values()))
            self.error.show()
            self.model.set_rows([])
            self.summary.setText("")
            self.import_button.setEnabled(False)
            return
        self.error.hide()
        by_line = {row.line: row for row in self.plan.rows}
        lines = [
            PreviewLine(line, tuple(cells), by_line[line].status, by_line[line].reason)
            for cells, line in zip(self._table.rows, self._table.lines, strict=True)
            if line in by_line
        ]
        self.model.set_rows(lines)
        fit_columns(self.preview_view)
        plan = self.plan
        self.summary.setText(
            _(
                "To add: {new} new people and {matched} already in the registry. "
                "Already in the group: {already}. Rejected: {rejected}. Empty rows: {empty}."
            ).format(
                new=plan.count(RowStatus.NEW),
                matched=plan.count(RowStatus.MATCHED),
                already=plan.count(RowStatus.ALREADY),
                rejected=plan.count(RowStatus.REJECTED),
                empty=plan.empty_rows,
            )
        )
        self.import_button.setEnabled(plan.count(RowStatus.NEW) + plan.count(RowStatus.MATCHED) > 0)

    def accept(self) -> None:
        try:
            with busy_cursor():  # 10,000 rows take about a second
                self.result_plan = self._run(self.mapping())
        except ValidationError as exc:
            self.error.setText(" ".join(exc.errors.values()))
            self.error.show()
            return
        except DatabaseError as exc:  # e.g. the backup taken first could not be written
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()
