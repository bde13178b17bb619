"""The Costs tab: the follow-up, the budget grid, realised costs and payment claims.

Nothing is read before the tab is first shown; after that a change of project,
year or data reads the project's :class:`CostBook` again (a few queries).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kastedesk import i18n
from kastedesk.atomic_files import FileWriteError
from kastedesk.domain.costs import Line, format_period, realised_over_time
from kastedesk.domain.money import MoneyError, format_cents, format_percent, parse_cents
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_count
from kastedesk.i18n import _
from kastedesk.services import costs as svc
from kastedesk.services.costs_import import preview_import, read_cost_file, run_import
from kastedesk.services.costs_report import (
    agenda_items_of_project,
    attach_follow_up,
    export_cost_report,
    report_file_name,
)
from kastedesk.services.registry import ProjectRow, list_projects
from kastedesk.storage.database import Database
from kastedesk.storage.errors import RecordChangedError
from kastedesk.ui import theme
from kastedesk.ui.busy import busy_cursor
from kastedesk.ui.costs.chart import ShareChart
from kastedesk.ui.costs.dialogs import AttachDialog, CostImportDialog, EntryDialog
from kastedesk.ui.costs.setup_dialog import SetupDialog
from kastedesk.ui.empty_state import EmptyState
from kastedesk.ui.file_dialogs import FileKind, open_file_name, save_file_name
from kastedesk.ui.flow_layout import FlowLayout
from kastedesk.ui.modal import run_modal
from kastedesk.ui.row_table_model import (
    ROW_ROLE,
    Column,
    RowTableModel,
    fit_columns,
    one_line_rows,
)
from kastedesk.ui.tab_page import TabPage
from kastedesk.ui.workshops.choosers import ProjectChooser


def over_fg() -> QBrush:
    return QBrush(theme.foreground(theme.Tone.ERROR))


def over_bg() -> QBrush:
    return QBrush(theme.background(theme.Tone.ERROR))


def total_bg() -> QBrush:
    return QBrush(QGuiApplication.palette().alternateBase())


def error_style() -> str:
    return theme.text_style(theme.Tone.ERROR)


@dataclass(frozen=True)
class FollowRow:
    label: str
    line: Line
    total: bool = False


def follow_columns(first: str) -> list[Column[FollowRow]]:
    return [
        Column(lambda: _(first), lambda r: r.label),
        Column(lambda: _("Planned"), lambda r: format_cents(r.line.planned),
               sort_key=lambda r: r.line.planned, align_right=True),
        Column(lambda: _("Realised"), lambda r: format_cents(r.line.realised),
               sort_key=lambda r: r.line.realised, align_right=True),
        Column(lambda: _("Difference"), lambda r: format_cents(r.line.difference),
               sort_key=lambda r: r.line.difference, align_right=True),
        Column(lambda: "%", lambda r: format_percent(r.line.realised, r.line.planned),
               sort_key=lambda r: (r.line.realised / r.line.planned) if r.line.planned else 0,
               align_right=True),
    ]  # fmt: skip


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    one_line_rows(view)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return view


class FollowUpView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.categories: RowTableModel[FollowRow] = RowTableModel(
            follow_columns("Cost category"), foreground=self._fg, background=self._bg
        )
        self.partners: RowTableModel[FollowRow] = RowTableModel(
            follow_columns("Partner"), foreground=self._fg, background=self._bg
        )
        self.category_view = _table(self.categories)
        self.category_view.setObjectName("follow_categories")
        self.partner_view = _table(self.partners)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("follow_summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.over_years = QLabel()
        self.over_years.setWordWrap(True)
        self.over_years.setStyleSheet(error_style())
        self.chart = ShareChart()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addWidget(self.over_years)
        column.addWidget(self.category_view, 3)
        column.addWidget(self.partner_view, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.chart)
        splitter.setSizes([700, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    @staticmethod
    def _fg(row: FollowRow) -> QBrush | None:
        return over_fg() if row.line.over_budget else None

    @staticmethod
    def _bg(row: FollowRow) -> QBrush | None:
        if row.line.over_budget:
            return over_bg()
        return total_bg() if row.total else None

    def show_book(self, book: svc.CostBook, year: int | None) -> None:
        lang = i18n.current_language()
        follow = book.follow_up(year)
        total = follow.total
        self.categories.set_rows(
            [FollowRow(c.name(lang), follow.by_category.get(c.id, Line())) for c in book.categories]
            + [FollowRow(_("Total"), total, True)]
        )
        self.partners.set_rows(
            [FollowRow(p.name, follow.by_partner.get(p.id, Line())) for p in book.partners]
            + [FollowRow(_("Total"), total, True)]
        )
        over = [book.category(c).name(lang) for c in follow.over_budget_categories()]
        text = _("Realised {realised} of the budget {planned} ({percent}); left {left}.").format(
            realised=format_cents(total.realised),
            planned=format_cents(total.planned),
            percent=format_percent(total.realised, total.planned) or "–",
            left=format_cents(total.difference),
        )
        if over:
            text += " " + _("Over budget: {categories}.").format(categories=", ".join(over))
        self.summary.setText(text)
        years = [
            f"{book.category(c).name(lang)} {y} ({format_cents(excess)})"
            for y, c, excess in book.over_budget_years()
            if year is None or y == year
        ]
        self.over_years.setText(
            _("Over the year's budget: {categories}.").format(categories=", ".join(years))
            if years and year is None
            else ""
        )
        self.over_years.setVisible(bool(years) and year is None)
        costs = [e.cost for e in book.entries if year is None or e.start.year == year]
        self.chart.set_points(realised_over_time(costs, total.planned))


class BudgetView(QWidget):
    """Partner × category rows, one column per year; typed amounts are saved together."""

    def __init__(self, db: Database, page: CostsPage) -> None:
        super().__init__()
        self.db = db
        self.page = page
        self.book: svc.CostBook | None = None
        self.years: list[int] = []
        self.grid = QTableWidget()
        self.grid.setObjectName("budget_grid")
        self.grid.verticalHeader().hide()
        self.grid.itemChanged.connect(self._cell_changed)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.add_partner_button = QPushButton()
        self.add_partner_button.clicked.connect(self.add_partner)
        self.rename_partner_button = QPushButton()
        self.rename_partner_button.clicked.connect(self.rename_partner)
        self.remove_partner_button = QPushButton()
        self.remove_partner_button.clicked.connect(self.remove_partner)
        self.add_year_button = QPushButton()
        self.add_year_button.clicked.connect(self.add_year)
        self.setup_button = QPushButton()
        self.setup_button.clicked.connect(self.edit_setup)
        self.save_button = QPushButton()
        self.save_button.setObjectName("save_budget")
        self.save_button.clicked.connect(self.save)
        buttons = FlowLayout()  # wraps on a narrow screen (150 % on 1366×768)
        for button in (
            self.add_partner_button,
            self.rename_partner_button,
            self.remove_partner_button,
            self.add_year_button,
            self.setup_button,
            self.save_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.message)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.grid.setAccessibleName(_("Budget"))
        self.add_partner_button.setText(_("Add &partner…"))
        self.rename_partner_button.setText(_("Re&name partner…"))
        self.remove_partner_button.setText(_("Remo&ve partner"))
        self.add_year_button.setText(_("Add y&ear"))
        self.setup_button.setText(_("&Categories and funding…"))
        self.save_button.setText(_("&Save budget"))

    def show_book(self, book: svc.CostBook, project: ProjectRow | None) -> None:
        self.book = book
        years = set(book.years())
        if project is not None and project.start_date and project.end_date:
            years |= set(range(project.start_date.year, project.end_date.year + 1))
        self.years = sorted(years) or [dt.date.today().year]
        self._fill()

    def _fill(self) -> None:
        book = self.book
        if book is None:
            return
        lang = i18n.current_language()
        self.grid.blockSignals(True)
        self.grid.clear()
        headers = [_("Partner"), _("Cost category"), *map(str, self.years), _("Total")]
        self.grid.setColumnCount(len(headers))
        self.grid.setHorizontalHeaderLabels(headers)
        self.grid.setRowCount(len(book.partners) * len(book.categories) + 1)
        row = 0
        for partner in book.partners:
            for category in book.categories:
                for column, text in ((0, partner.name), (1, category.name(lang))):
                    item = QTableWidgetItem(text)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    item.setData(ROW_ROLE, (partner.id, category.id))
                    self.grid.setItem(row, column, item)
                for n, year in enumerate(self.years, start=2):
                    cents = book.budget_cents(partner.id, category.id, year)
                    item = QTableWidgetItem(format_cents(cents, sign=False) if cents else "")
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                    item.setData(ROW_ROLE, (partner.id, category.id, year, cents))
                    self.grid.setItem(row, n, item)
                self._set_total(row)
                row += 1
        self._set_column_totals()
        self.grid.resizeColumnsToContents()
        header = self.grid.horizontalHeader()
        for column in range(2, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.grid.blockSignals(False)
        self.message.setText(
            _("Type the amounts in euros, then Save budget. Empty or 0 removes an amount.")
            if book.partners
            else _("Add the project's implementing partners first.")
        )
        self.message.setStyleSheet("")

    def _cents(self, item: QTableWidgetItem) -> int | None:
        text = item.text().strip()
        if not text:
            return 0
        try:
            cents = parse_cents(text)
        except MoneyError:
            return None
        return cents if cents >= 0 else None

    def _set_total(self, row: int) -> None:
        total = 0
        for column in range(2, 2 + len(self.years)):
            item = self.grid.item(row, column)
            total += (self._cents(item) or 0) if item is not None else 0
        item = QTableWidgetItem(format_cents(total, sign=False))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.grid.setItem(row, 2 + len(self.years), item)

    def _set_column_totals(self) -> None:
        """The last row: each year's budget and the whole budget."""
        last = self.grid.rowCount() - 1
        label = QTableWidgetItem(_("Total"))
        label.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.grid.setItem(last, 0, label)
        blank = QTableWidgetItem("")
        blank.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.grid.setItem(last, 1, blank)
        for column in range(2, 3 + len(self.years)):
            total = 0
            for row in range(last):
                item = self.grid.item(row, column)
                if item is not None:
                    total += (
                        (self._cents(item) or 0)
                        if column < 2 + len(self.years)
                        else (parse_cents(item.text()))
                    )
            cell = QTableWidgetItem(format_cents(total, sign=False))
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
            cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.setItem(last, column, cell)
        for column in range(self.grid.columnCount()):
            item = self.grid.item(last, column)
            if item is not None:
                item.setBackground(total_bg())
                font = item.font()
                font.setBold(True)
                item.setFont(font)

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        if not 2 <= item.column() < 2 + len(self.years):
            return
        self.grid.blockSignals(True)
        bad = self._cents(item) is None
        item.setForeground(over_fg() if bad else QBrush())
        item.setBackground(over_bg() if bad else QBrush())
        self._set_total(item.row())
        self._set_column_totals()
        self.grid.blockSignals(False)
        if bad:
            self.message.setText(_("Not an amount of money: type e.g. 1 234,50."))
            self.message.setStyleSheet(error_style())

    def has_unsaved(self) -> bool:
        try:
            return bool(self.changed_cells(select_bad=False))
        except ValidationError:
            return True

    def _amount_cell(self, row: int, column: int) -> QTableWidgetItem:
        """An amount's cell: _fill gives each its item."""
        item = self.grid.item(row, column)
        if item is None:
            raise LookupError((row, column))
        return item

    def changed_cells(self, select_bad: bool = True) -> dict[tuple[int, int, int], int]:
        """The amounts typed since loading; raises ValidationError on a bad one."""
        cells: dict[tuple[int, int, int], int] = {}
        for row in range(self.grid.rowCount() - 1):
            for column in range(2, 2 + len(self.years)):
                item = self._amount_cell(row, column)
                partner_id, category_id, year, old = item.data(ROW_ROLE)
                cents = self._cents(item)
                if cents is None:
                    if select_bad:
                        self.grid.setCurrentItem(item)
                    raise ValidationError(
                        {"amount": _("Not an amount of money: type e.g. 1 234,50.")}
                    )
                if cents != old:
                    cells[(partner_id, category_id, year)] = cents
        return cells

    def save(self) -> bool:
        if self.book is None:
            return False
        try:
            cells = self.changed_cells()
            svc.save_budget(self.db, self.book.project_id, cells)
        except ValidationError as exc:
            self.message.setText(" ".join(exc.errors.values()))
            self.message.setStyleSheet(error_style())
            return False
        self.page.reload()
        changed = format_count(len(cells))
        self.page.status(_("Budget saved: {count} amounts changed.").format(count=changed))
        return True

    def add_year(self) -> None:
        self.years.append((self.years[-1] + 1) if self.years else dt.date.today().year)
        self._fill_keeping_typed()

    def _fill_keeping_typed(self) -> None:
        try:
            typed = self.changed_cells()
        except ValidationError:
            typed = {}
        self._fill()
        for row in range(self.grid.rowCount() - 1):
            for column in range(2, 2 + len(self.years)):
                item = self._amount_cell(row, column)
                key = item.data(ROW_ROLE)[:3]
                if key in typed:
                    item.setText(format_cents(typed[key], sign=False))

    def _partner(self) -> svc.PartnerRow | None:
        if self.book is None:
            return None
        row = self.grid.currentRow()
        item = self.grid.item(row, 0) if row >= 0 else None
        if item is None or item.data(ROW_ROLE) is None:
            return None
        partner_id = item.data(ROW_ROLE)[0]
        return self.book.partner(partner_id)

    def add_partner(self) -> None:
        if self.book is None:
            return
        name, ok = QInputDialog.getText(self, _("Add partner"), _("The partner's name:"))
        if ok and name.strip():
            self._change(lambda: svc.add_partner(self.db, self.book.project_id, name))

    def rename_partner(self) -> None:
        partner = self._partner()
        if partner is None:
            return
        name, ok = QInputDialog.getText(
            self, _("Rename partner"), _("The partner's name:"), text=partner.name
        )
        if ok and name.strip():
            self._change(lambda: svc.rename_partner(self.db, partner.id, name, partner.version))

    def remove_partner(self) -> None:
        partner = self._partner()
        if partner is None:
            return
        answer = QMessageBox.question(
            self,
            _("Remove partner"),
            _("Remove {name} and its budget?").format(name=partner.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._change(lambda: svc.delete_partner(self.db, partner.id))

    def edit_setup(self, show: bool = True) -> SetupDialog | None:
        book = self.book
        if book is None:
            return None
        dialog = SetupDialog(
            book.categories,
            book.funding,
            lambda categories, funding: svc.save_setup(
                self.db,
                book.project_id,
                categories,
                funding,
            ),
            self,
        )
        dialog.accepted.connect(self.page.reload)
        if show:
            run_modal(dialog)
        return dialog

    def _change(self, action) -> None:
        try:
            action()
        except ValidationError as exc:
            QMessageBox.warning(self, _("Costs"), " ".join(exc.errors.values()))
            return
        except RecordChangedError as exc:  # shown, then what is stored now
            QMessageBox.warning(self, _("Costs"), str(exc))
        self.page.reload()


class EntriesView(QWidget):
    def __init__(self, db: Database, page: CostsPage) -> None:
        super().__init__()
        self.db = db
        self.page = page
        self.book: svc.CostBook | None = None
        lang = i18n.current_language
        self.model: RowTableModel[svc.EntryRow] = RowTableModel(
            [
                Column(
                    lambda: _("Period"), lambda e: e.period, sort_key=lambda e: (e.start, e.end)
                ),
                Column(lambda: _("Partner"), lambda e: self._book().partner(e.partner_id).name),
                Column(
                    lambda: _("Cost category"),
                    lambda e: self._book().category(e.category_id).name(lang()),
                ),
                Column(
                    lambda: _("Amount"),
                    lambda e: format_cents(e.cents),
                    sort_key=lambda e: e.cents,
                    align_right=True,
                ),
                Column(lambda: _("Note"), lambda e: e.note),
                Column(lambda: _("Imported"), lambda e: e.imported),
            ]
        )
        self.view = _table(self.model)
        self.view.setObjectName("cost_entries")
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self.edit())
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.model.set_filter)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_file)
        self.total = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        for button in (self.add_button, self.edit_button, self.delete_button, self.import_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.total)
        self.retranslate_ui()

    def _book(self) -> svc.CostBook:
        assert self.book is not None
        return self.book

    def retranslate_ui(self) -> None:
        self.search.setAccessibleName(_("Filter the costs"))
        self.view.setAccessibleName(_("Realised costs"))
        self.search.setPlaceholderText(_("Filter…"))
        self.add_button.setText(_("&Add…"))
        self.edit_button.setText(_("&Edit…"))
        self.delete_button.setText(_("&Delete"))
        self.import_button.setText(_("I&mport…"))

    def show_book(self, book: svc.CostBook, year: int | None = None) -> None:
        self.book = book
        entries = [e for e in book.entries if year is None or e.start.year == year]
        self.model.set_rows(entries)
        fit_columns(self.view)
        self.total.setText(
            _("{count} realised costs, {total} in all.").format(
                count=format_count(len(entries)),
                total=format_cents(sum(e.cents for e in entries)),
            )
        )

    def selected(self) -> list[svc.EntryRow]:
        rows = {i.row() for i in self.view.selectionModel().selectedRows()}
        return [self.model.row(r) for r in sorted(rows)]

    def add(self) -> None:
        book = self.book
        if book is None:
            return
        if not book.partners:
            QMessageBox.information(
                self, _("Costs"), _("Add the project's implementing partners first.")
            )
            return
        dialog = EntryDialog(
            book.partners,
            book.categories,
            lambda data: svc.add_entry(self.db, book.project_id, data),
            parent=self,
        )
        if run_modal(dialog):
            self.page.reload()

    def edit(self) -> None:
        book = self.book
        chosen = self.selected()
        if book is None or not chosen:
            return
        entry = chosen[0]
        dialog = EntryDialog(
            book.partners,
            book.categories,
            lambda data: svc.update_entry(self.db, entry.id, data, dialog.expected_version),
            entry,
            parent=self,
        )
        dialog.expected_version = entry.version
        if run_modal(dialog) or dialog.reload_requested:
            self.page.reload()

    def delete(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        answer = QMessageBox.question(
            self,
            _("Delete realised costs"),
            _("Delete {count} realised costs ({total})?").format(
                count=format_count(len(chosen)),
                total=format_cents(sum(e.cents for e in chosen)),
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            svc.delete_entries(self.db, [e.id for e in chosen])
            self.page.reload()

    def import_file(self) -> None:
        book = self.book
        if book is None:
            return
        path = open_file_name(
            self, FileKind.IMPORTS, _("Import realised costs"), _("Spreadsheets (*.xlsx *.csv)")
        )
        if path is not None:
            self.import_path(path, show=True)

    def import_path(self, path: Path, show: bool = True) -> CostImportDialog | None:
        """Preview *path* in the import dialog (shown modally when *show*)."""
        book = self.book
        if book is None:
            return None
        try:
            with busy_cursor():
                table = read_cost_file(path)
                plan = preview_import(self.db, book.project_id, table, path.name)
        except ValidationError as exc:
            QMessageBox.warning(self, _("Import realised costs"), " ".join(exc.errors.values()))
            return None
        dialog = CostImportDialog(
            plan, lambda: run_import(self.db, book.project_id, table, path.name), self
        )
        dialog.finished.connect(lambda _r: self._imported(dialog))
        if show:
            run_modal(dialog)
        return dialog

    def _imported(self, dialog: CostImportDialog) -> None:
        if dialog.result_plan is not None:
            self.page.reload()
            self.page.status(
                _("{count} realised costs added.").format(
                    count=format_count(len(dialog.result_plan.accepted))
                )
            )


class ClaimView(QWidget):
    """Payment claim figures for a period, ready to copy into the claim."""

    def __init__(self) -> None:
        super().__init__()
        self.book: svc.CostBook | None = None
        self.period = QLineEdit()
        self.period.setObjectName("claim_period")
        self.period.setMaximumWidth(220)
        self.period.returnPressed.connect(self.show_claim)
        self.period_label = QLabel()
        self.period_label.setBuddy(self.period)
        self.show_button = QPushButton()
        self.show_button.clicked.connect(self.show_claim)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("copy_claim")
        self.copy_button.clicked.connect(self.copy)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("claim_table")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumWidth(720)
        self.note = QLabel()
        self.note.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.period_label)
        bar.addWidget(self.period)
        bar.addWidget(self.show_button)
        bar.addWidget(self.copy_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.lines: list[tuple[str, str]] = []
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.table.setAccessibleName(_("Payment claim"))
        self.period_label.setText(_("Claim peri&od:"))
        self.period.setPlaceholderText(_("e.g. 1–4/2026 or 2026"))
        self.show_button.setText(_("S&how"))
        self.copy_button.setText(_("&Copy"))
        self.table.setHorizontalHeaderLabels([_("Cost category"), _("Amount")])

    def show_book(self, book: svc.CostBook) -> None:
        self.book = book
        if not self.period.text().strip():
            years = book.years()
            self.period.setText(str(years[0]) if years else str(dt.date.today().year))
        self.show_claim()

    def show_claim(self) -> None:
        book = self.book
        if book is None:
            return
        try:
            start, end = svc.read_period(self.period.text())
        except ValidationError as exc:
            self.note.setText(exc.errors["period"])
            self.note.setStyleSheet(error_style())
            self.lines = []
            self.table.setRowCount(0)
            return
        lang = i18n.current_language()
        claim = book.claim(start, end)
        lines = [
            (c.name(lang), format_cents(claim.by_category.get(c.id, 0))) for c in book.categories
        ]
        lines.append((_("Realised costs in all"), format_cents(claim.total)))
        for n, funder in enumerate(book.funding):
            share = f" ({format_percent(funder.share_bp, 10_000)})" if funder.share_bp else ""
            lines.append((funder.name(lang) + share, format_cents(claim.split.parts[n])))
        if claim.split.unassigned:
            lines.append((_("Not covered by the plan"), format_cents(claim.split.unassigned)))
        self.lines = lines
        self.table.setRowCount(len(lines))
        bold_rows = {len(book.categories)}
        for row, (label, amount) in enumerate(lines):
            first = QTableWidgetItem(label)
            second = QTableWidgetItem(amount)
            second.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if row in bold_rows:
                font = first.font()
                font.setBold(True)
                first.setFont(font)
                second.setFont(font)
            self.table.setItem(row, 0, first)
            self.table.setItem(row, 1, second)
        text = _("Payment claim {period}: the costs whose period lies within it.").format(
            period=format_period(start, end)
        )
        if claim.left_out:
            text += " " + _(
                "{count} costs reach over the period's edges and are not counted."
            ).format(count=format_count(claim.left_out))
        self.note.setText(text)
        self.note.setStyleSheet("")

    def clipboard_text(self) -> str:
        """Tab-separated lines, as Excel and the claim form take them."""
        return "\n".join(f"{label}\t{amount}" for label, amount in self.lines)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.clipboard_text())


class CostsPage(TabPage):
    help_topic = "costs"  # the user guide's page (F1)

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self._stale = False
        self._keep_typed_budget = False
        self.book: svc.CostBook | None = None
        self._projects: list[ProjectRow] = []
        self.project = ProjectChooser(allow_all=False)
        self.project.setObjectName("costs_project")
        self.project.project_changed.connect(lambda _p: self.reload())
        self.project_label = QLabel()
        self.project_label.setBuddy(self.project)
        self.year = QComboBox()
        self.year.setObjectName("costs_year")
        # "Whole project" and the years, whole: the project's name is what gives way.
        self.year.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.year.currentIndexChanged.connect(lambda _i: self._show())
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        self.report_button = QPushButton()
        self.report_button.clicked.connect(self.save_report)
        self.attach_button = QPushButton()
        self.attach_button.clicked.connect(self.attach_to_agenda)
        bar = QHBoxLayout()
        bar.addWidget(self.project_label)
        bar.addWidget(self.project, 1)
        bar.addWidget(self.year_label)
        bar.addWidget(self.year)
        # What the project's name leaves (it grows only to the longest) goes here, not to
        # the labels: each stays next to its field, the buttons keep to the right.
        bar.addStretch(0)
        bar.addWidget(self.report_button)
        bar.addWidget(self.attach_button)
        self.follow = FollowUpView()
        self.budget = BudgetView(db, self)
        self.entries = EntriesView(db, self)
        self.claim = ClaimView()
        self.inner = QTabWidget()
        for view in (self.follow, self.budget, self.entries, self.claim):
            self.inner.addTab(view, "")
        self.message = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.inner, 1)
        layout.addWidget(self.message)
        self.empty_state = EmptyState(
            self.follow.category_view,
            lambda: _(
                "No budget yet. Add the partners and the planned amounts on the Budget "
                "tab; realised costs can then be typed in or imported."
            ),
            lambda: _("Enter the budget"),
            self.first_budget,
            is_empty=lambda: self.book is not None and not self.book.budget,
        )
        self.retranslate_ui()

    # --- TabPage ----------------------------------------------------------------------

    def read_data(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh_after_outside_change(self) -> None:
        """Show others' saves; amounts typed into the budget grid and not saved stay."""
        if self.book is None:
            return  # nothing shown yet: read when first shown
        self._keep_typed_budget = self.budget.has_unsaved()
        try:
            self._projects = list_projects(self.db)
            self.project.set_projects(self._projects)  # reads the chosen project again
        finally:
            self._keep_typed_budget = False

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def retranslate_ui(self) -> None:
        self.follow.category_view.setAccessibleName(_("Costs by category"))
        self.follow.partner_view.setAccessibleName(_("Costs by partner"))
        self.project_label.setText(_("Pro&ject:"))
        self.year_label.setText(_("&Year:"))
        self.report_button.setText(_("&Report…"))
        self.attach_button.setText(_("Attach to agenda &item…"))
        self.inner.setTabText(0, _("Follow-up"))
        self.inner.setTabText(1, _("Budget"))
        self.inner.setTabText(2, _("Realised costs"))
        self.inner.setTabText(3, _("Payment claim"))
        self.project.retranslate()
        if self.year.count():
            self.year.setItemText(0, _("Whole project"))
        self.budget.retranslate_ui()
        self.entries.retranslate_ui()
        self.claim.retranslate_ui()
        self.entries.model.refresh_texts()
        self.follow.categories.refresh_texts()
        self.follow.partners.refresh_texts()
        if self.book is not None:
            self._show()
        self.empty_state.retranslate_ui()

    # --- loading ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the project list (and through it the chosen project's costs)."""
        self._stale = False
        self._projects = list_projects(self.db)
        keep = self.settings().value("costs/project")
        self.project.set_projects(self._projects)
        if keep is not None:
            self.project.set_project_id(int(keep))

    def reload(self) -> None:
        project_id = self.project.project_id()
        if project_id is None:
            self.book = None
            self._set_enabled(False)
            return
        self.settings().setValue("costs/project", project_id)
        try:
            self.book = svc.load_book(self.db, project_id)
        except ValidationError as exc:
            self.book = None
            self.message.setText(" ".join(exc.errors.values()))
            self._set_enabled(False)
            return
        self._set_enabled(True)
        self._fill_years()
        self._show()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.inner, self.year, self.report_button, self.attach_button):
            widget.setEnabled(enabled)
        self.empty_state.update_state()

    def _fill_years(self) -> None:
        assert self.book is not None
        keep = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(_("Whole project"), None)
        for year in self.book.years():
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(self.year.findData(keep), 0) if keep is not None else 0)
        self.year.blockSignals(False)

    def chosen_year(self) -> int | None:
        chosen: int | None = self.year.currentData()
        return chosen

    def _project_row(self) -> ProjectRow | None:
        project_id = self.project.project_id()
        return next((p for p in self._projects if p.id == project_id), None)

    def first_budget(self) -> None:
        """The empty hint's action: the Budget tab, asking for the first partner if none."""
        self.inner.setCurrentWidget(self.budget)
        if self.book is not None and not self.book.partners:
            self.budget.add_partner()

    def _show(self) -> None:
        self.empty_state.update_state()
        if self.book is None:
            return
        self.follow.show_book(self.book, self.chosen_year())
        if not self._keep_typed_budget:
            self.budget.show_book(self.book, self._project_row())
        self.entries.show_book(self.book, self.chosen_year())
        self.claim.show_book(self.book)

    def status(self, text: str) -> None:
        self.message.setText(text)

    # --- documents --------------------------------------------------------------------

    def document_language(self) -> str:
        return i18n.document_language()

    def save_report(self) -> None:
        if self.book is None:
            return
        lang = self.document_language()
        path, chosen = save_file_name(
            self,
            FileKind.DOCUMENTS,
            _("Cost follow-up"),
            report_file_name(self.book, lang, ".docx"),
            _("Word document (*.docx)") + ";;" + _("Excel workbook (*.xlsx)"),
        )
        if path is None:
            return
        target = path
        if target.suffix.lower() not in (".docx", ".xlsx"):
            target = target.with_suffix(".xlsx" if "xlsx" in chosen else ".docx")
        self.write_report(target, lang)

    def write_report(self, target: Path, lang: str) -> bool:
        assert self.book is not None
        try:
            with busy_cursor():
                export_cost_report(self.db, self.book.project_id, target, lang, self.chosen_year())
        except (FileWriteError, OSError) as exc:
            QMessageBox.warning(self, _("Cost follow-up"), str(exc))
            return False
        self.status(_("Cost follow-up written: {path}").format(path=target))
        return True

    def attach_to_agenda(self) -> None:
        if self.book is None:
            return
        lang = self.document_language()
        items = agenda_items_of_project(self.db, self.book.project_id, i18n.current_language())
        if not items:
            QMessageBox.information(
                self,
                _("Attach to an agenda item"),
                _("The project has no meeting with agenda items that can take attachments."),
            )
            return
        dialog = AttachDialog(items, lang, self)
        if not run_modal(dialog):
            return
        choice = dialog.choice()
        self.attach(choice.item_id, choice.lang)

    def attach(self, item_id: int, lang: str) -> bool:
        assert self.book is not None
        try:
            with busy_cursor():
                attach_follow_up(self.db, self.book.project_id, item_id, lang, self.chosen_year())
        except (ValidationError, FileWriteError, OSError) as exc:
            text = " ".join(exc.errors.values()) if isinstance(exc, ValidationError) else str(exc)
            QMessageBox.warning(self, _("Attach to an agenda item"), text)
            return False
        self.status(_("The cost follow-up is attached to the agenda item."))
        return True
