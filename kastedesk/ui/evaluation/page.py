"""The Evaluation tab: project and round, the matrix grid, framework, summary and comparison.

The grid is typed by keyboard: 1, 2 or 3 rates the cell and moves down, 0 or
Delete clears it (not assessed), Tab moves across, Enter opens the comment
(on a goal's row: the goal × region comment). Data is read when the tab is
first shown and after every change; all writes go through
services/evaluation.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kastedesk import i18n
from kastedesk.atomic_files import FileWriteError
from kastedesk.domain.evaluation import CHANGE_LABELS
from kastedesk.domain.regions import region_name
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_date, format_datetime
from kastedesk.i18n import _
from kastedesk.services import evaluation as ev
from kastedesk.services.evaluation_export import (
    export_round,
    goal_label,
    summary_headers,
    summary_rows,
)
from kastedesk.services.evaluation_import import (
    EvaluationImportError,
    apply_evaluation_import,
    plan_evaluation_import,
)
from kastedesk.services.registry import list_projects
from kastedesk.services.workshops import WorkshopFilter, list_workshops
from kastedesk.storage.database import Database
from kastedesk.ui.busy import busy_cursor
from kastedesk.ui.empty_state import EmptyState
from kastedesk.ui.evaluation.chart import RatingChart
from kastedesk.ui.evaluation.dialogs import (
    ChecklistDialog,
    GoalDialog,
    MeasureDialog,
    RoundDialog,
    TextDialog,
    region_items,
    workshop_items,
)
from kastedesk.ui.evaluation.matrix_model import MatrixModel
from kastedesk.ui.file_dialogs import FileKind, open_file_name, save_file_name
from kastedesk.ui.flow_layout import FlowLayout, together
from kastedesk.ui.modal import run_modal
from kastedesk.ui.row_table_model import one_line_rows
from kastedesk.ui.tab_page import TabPage
from kastedesk.ui.workshops.choosers import ProjectChooser

# By key code: QKeyEvent.key() is an int.
RATING_KEYS = {Qt.Key.Key_1.value: 1, Qt.Key.Key_2.value: 2, Qt.Key.Key_3.value: 3}
CLEAR_KEYS = (Qt.Key.Key_0.value, Qt.Key.Key_Delete.value, Qt.Key.Key_Backspace.value)


class MatrixView(QTableView):
    """The grid; digits rate, Enter opens the comment."""

    rate = Signal(QModelIndex, object)  # index, rating (None: not assessed)
    comment = Signal(QModelIndex)
    width_changed = Signal()  # of the viewport: the columns share it out again

    def __init__(self, model: MatrixModel) -> None:
        super().__init__()
        self._width = -1
        self.setModel(model)
        self.setTabKeyNavigation(True)
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.doubleClicked.connect(self.comment.emit)

    def viewportEvent(self, event: QEvent) -> bool:
        # The grid is sized when a round is read, which at start-up comes before the window
        # has its final size: without this it kept the columns of a narrower window.
        if event.type() == QEvent.Type.Resize and self.viewport().width() != self._width:
            self._width = self.viewport().width()
            self.width_changed.emit()
        return super().viewportEvent(event)

    def matrix_model(self) -> MatrixModel:
        model = self.model()
        assert isinstance(model, MatrixModel), model  # set once, when the grid is made
        return model

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if index.isValid() and plain and self.matrix_model().is_rating(index):
            if key in RATING_KEYS:
                self.rate.emit(index, RATING_KEYS[key])
                return
            if key in CLEAR_KEYS:
                self.rate.emit(index, None)
                return
        if index.isValid() and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.comment.emit(index)
            return
        super().keyPressEvent(event)

    def next_measure_row(self, row: int) -> int:
        rows = self.matrix_model().rows
        for n in range(row + 1, len(rows)):
            if rows[n].measure is not None:
                return n
        return row


class EvaluationPage(TabPage):
    help_topic = "evaluation"  # the user guide's page (F1)

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self._loaded = False  # read once visible: the grid's columns fit the shown page
        self.matrix: ev.Matrix | None = None
        self.framework: ev.Framework | None = None
        self.rounds: list[ev.RoundInfo] = []

        self.project_label = QLabel()
        self.project = ProjectChooser(allow_all=False)
        self.project_label.setBuddy(self.project)
        self.round_label = QLabel()
        self.round = QComboBox()
        self.round.setMinimumContentsLength(28)
        self.round_label.setBuddy(self.round)
        self.new_round_button = QPushButton()
        self.edit_round_button = QPushButton()
        self.lock_button = QPushButton()
        self.export_button = QToolButton()
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setMenu(self._export_menu(compare=False))
        self.import_button = QPushButton()
        bar = FlowLayout()  # wraps on a narrow screen (150 % on 1366×768)
        bar.addWidget(together(self.project_label, self.project))
        bar.addWidget(together(self.round_label, self.round))
        for widget in (
            self.new_round_button,
            self.edit_round_button,
            self.lock_button,
            self.export_button,
            self.import_button,
        ):
            bar.addWidget(widget)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("evaluation_status")

        self.model = MatrixModel(self)
        self.grid = MatrixView(self.model)
        self._sizing = False  # the grid's columns being set by _size_grid, not by the user
        self._user_widths = False  # a column dragged: kept until another round is read
        self.grid.width_changed.connect(self._width_changed)
        self.grid.horizontalHeader().sectionResized.connect(self._column_resized)
        self.framework_view = FrameworkView(db, self)
        self.summary_view = SummaryView()
        self.compare_view = CompareView(db, self)
        self.inner = QTabWidget()
        for view in (self.grid, self.framework_view, self.summary_view, self.compare_view):
            self.inner.addTab(view, "")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.inner, 1)

        self.project.project_changed.connect(self._project_changed)
        self.round.currentIndexChanged.connect(lambda _i: self._round_changed())
        self.new_round_button.clicked.connect(self.new_round)
        self.edit_round_button.clicked.connect(self.edit_round)
        self.lock_button.clicked.connect(self.lock_or_reopen)
        self.import_button.clicked.connect(self.import_dialog)
        self.grid.rate.connect(self._rate)
        self.grid.comment.connect(self._comment)
        self.inner.currentChanged.connect(lambda _i: self._show_inner())
        self.empty_state = EmptyState(
            self.grid,
            lambda: _(
                "No evaluation rounds yet. The goals and measures go on the Framework "
                "tab; each round rates them region by region."
            ),
            lambda: _("Start the first round"),
            self.new_round,
            is_empty=lambda: self._loaded
            and self.project.project_id() is not None
            and not self.rounds,
        )
        self.retranslate_ui()

    # --- TabPage ----------------------------------------------------------------------

    def read_data(self) -> None:
        self._loaded = False
        if self.isVisible():
            self.refresh()

    def refresh_after_outside_change(self) -> None:
        """Another window or a command saved: read again, keeping project, round and cell."""
        if not self._loaded:
            return
        projects = list_projects(self.db)
        if [p.id for p in projects] != [p.id for p in self.project._projects]:
            self.project.set_projects(projects)
        else:
            self.reload()

    def showEvent(self, event) -> None:
        if self.loaded and not self._loaded:
            self.refresh()
        super().showEvent(event)

    def retranslate_ui(self) -> None:
        self.grid.setAccessibleName(_("Evaluation table"))
        self.project_label.setText(_("&Project:"))
        self.round_label.setText(_("&Round:"))
        self.new_round_button.setText(_("&New round…"))
        self.edit_round_button.setText(_("E&dit round…"))
        self.export_button.setText(_("E&xport"))
        self.import_button.setText(_("&Import…"))
        self.inner.setTabText(0, _("Matrix"))
        self.inner.setTabText(1, _("Framework"))
        self.inner.setTabText(2, _("Summary"))
        self.inner.setTabText(3, _("Compare rounds"))
        self._retranslate_menu(self.export_button.menu())
        self.project.retranslate()
        self.framework_view.retranslate_ui()
        self.summary_view.retranslate_ui()
        self.compare_view.retranslate_ui()
        self._fill_rounds()
        self._update_state()
        self.model.set_matrix(self.matrix, self.model.evidence)

    # --- loading ----------------------------------------------------------------------

    def refresh(self) -> None:
        self._loaded = True
        self.project.set_projects(list_projects(self.db))

    def _project_changed(self, project_id: int | None) -> None:
        self.rounds = ev.list_rounds(self.db, project_id) if project_id else []
        self.framework = ev.load_framework(self.db, project_id) if project_id else None
        self._fill_rounds(select_last=True)
        self.framework_view.show_framework(self.framework)
        self._round_changed()

    def _fill_rounds(self, select_last: bool = False, keep: int | None = None) -> None:
        keep = keep if keep is not None else self.round.currentData()
        self.round.blockSignals(True)
        self.round.clear()
        for r in self.rounds:
            mark = " 🔒" if r.locked else ""
            self.round.addItem(r.label() + mark, r.id)
        index = self.round.findData(keep)
        if select_last or index < 0:
            index = self.round.count() - 1
        self.round.setCurrentIndex(index)
        self.round.blockSignals(False)

    def round_id(self) -> int | None:
        chosen: int | None = self.round.currentData()
        return chosen

    def current_round(self) -> ev.RoundInfo | None:
        return next((r for r in self.rounds if r.id == self.round_id()), None)

    def _round_changed(self) -> None:
        round_id = self.round_id()
        if round_id is None:
            self.matrix = None
            self.model.set_matrix(None, {})
        else:
            with busy_cursor():
                self.matrix = ev.load_matrix(self.db, round_id)
                evidence = ev.evidence(self.db, self.matrix.round.project_id, self._question_keys())
            self.model.set_matrix(self.matrix, evidence)
            self._user_widths = False
            self._size_grid()
        self._update_state()
        self._show_inner()

    def _question_keys(self) -> list[str] | None:
        value = self.settings().value("evaluation/questions", "")
        return [k for k in str(value).split(",") if k] or None

    def reload(self, keep_round: bool = True) -> None:
        """Read the project's rounds, framework and the round again after a change."""
        project_id = self.project.project_id()
        current = self.grid.currentIndex()
        keep = self.round_id() if keep_round else None
        self.rounds = ev.list_rounds(self.db, project_id) if project_id else []
        self.framework = ev.load_framework(self.db, project_id) if project_id else None
        self._fill_rounds(keep=keep)
        self.framework_view.show_framework(self.framework)
        self._round_changed()
        if current.isValid() and current.row() < self.model.rowCount():
            self.grid.setCurrentIndex(self.model.index(current.row(), current.column()))

    def _width_changed(self) -> None:
        if not self._user_widths:
            self._size_grid()

    def _column_resized(self, *_sizes: int) -> None:
        if not self._sizing:
            self._user_widths = True

    def _size_grid(self) -> None:
        self._sizing = True
        try:
            self._share_out_columns()
        finally:
            self._sizing = False

    def _share_out_columns(self) -> None:
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        width = max(600, self.grid.viewport().width())
        regions = len(self.model.regions())
        self.grid.setColumnWidth(0, max(260, int(width * 0.30)))
        self.grid.setColumnWidth(1, 120)
        rest = max(200, width - self.grid.columnWidth(0) - 120 - 4)
        for n in range(regions):
            self.grid.setColumnWidth(2 + 2 * n, 125)
            self.grid.setColumnWidth(3 + 2 * n, max(140, rest // max(1, regions) - 125))
        self.grid.resizeRowsToContents()

    def _update_state(self) -> None:
        r = self.current_round()
        has_round, open_round = r is not None, r is not None and not r.locked
        self.edit_round_button.setEnabled(open_round)
        self.lock_button.setEnabled(has_round)
        self.export_button.setEnabled(has_round)
        self.import_button.setEnabled(open_round)
        self.new_round_button.setEnabled(self.project.project_id() is not None)
        self.lock_button.setText(_("Re&open…") if r and r.locked else _("&Lock round"))
        self.empty_state.update_state()
        if r is None:
            self.status.setText(
                _("Choose a project, then add a round with New round.")
                if self.project.project_id()
                else _("Add a project in the Members tab first.")
            )
            return
        lines = [
            _("Locked: reopen it with a reason to change it.")
            if r.locked
            else _("Keys: 1 2 3 rate, 0 or Delete clears, Tab moves, Enter writes the comment.")
        ]
        lines += [
            _("Reopened {date}: {reason}").format(date=format_datetime(at), reason=why)
            for at, why in r.reopenings[-2:]
        ]
        self.status.setText("\n".join(lines))

    def _show_inner(self) -> None:
        widget = self.inner.currentWidget()
        if widget is self.summary_view:
            self.summary_view.show_matrix(self.matrix)
        elif widget is self.compare_view:
            self.compare_view.show_rounds(self.rounds, self.round_id())

    def _error(self, exc: ValidationError | Exception) -> None:
        errors = getattr(exc, "errors", None)
        text = " ".join(errors.values()) if errors else str(exc)
        QMessageBox.warning(self, _("Evaluation"), text)

    # --- the grid ---------------------------------------------------------------------

    def _rate(self, index: QModelIndex, rating: int | None) -> None:
        row = self.model.rows[index.row()]
        region, _is_rating = self.model.region_at(index.column())
        round_id = self.round_id()
        if row.measure is None or region is None or round_id is None:
            return  # the grid rates only a measure's rating cell, in a chosen round
        try:
            ev.set_rating(self.db, round_id, row.measure.id, region, rating)
        except ValidationError as exc:
            self.status.setText(" ".join(exc.errors.values()))
            return
        # Only this cell changed: no need to read the whole round again for a keystroke.
        self.model.set_rating(row.measure.id, region, rating)
        next_row = self.grid.next_measure_row(index.row())
        self.grid.setCurrentIndex(self.model.index(next_row, index.column()))

    def _comment(self, index: QModelIndex) -> None:
        round_id = self.round_id()
        region, _is_rating = self.model.region_at(index.column())
        if self.matrix is None or region is None or round_id is None:
            return
        row = self.model.rows[index.row()]
        name = region_name(region, i18n.current_language())
        if row.measure is None:
            text = self.matrix.goal_comments.get((row.goal.id, region), "")
            title = _("Comment on the goal")
            label = f"{goal_label(row.goal, i18n.current_language())} – {name}"
        else:
            text = self.matrix.cell(row.measure.id, region).comment
            title = _("Comments, observations, shortcomings, development suggestions")
            label = f"{row.measure.text(i18n.current_language())} – {name}"
        dialog = TextDialog(title, label, text, parent=self)
        if not run_modal(dialog):
            return
        try:
            if row.measure is None:
                ev.set_goal_comment(self.db, round_id, row.goal.id, region, dialog.text())
            else:
                ev.set_cell_comment(self.db, round_id, row.measure.id, region, dialog.text())
        except ValidationError as exc:
            self._error(exc)
            return
        self.reload()
        self.grid.setCurrentIndex(self.model.index(index.row(), index.column()))

    # --- rounds -----------------------------------------------------------------------

    def new_round(self) -> None:
        project_id = self.project.project_id()
        if project_id is None:
            return
        dialog = RoundDialog(lambda v: ev.create_round(self.db, project_id, *v), parent=self)
        if run_modal(dialog):
            self.reload(keep_round=False)
            self.round.setCurrentIndex(self.round.findData(dialog.result_value))

    def edit_round(self) -> None:
        r = self.current_round()
        if r is None:
            return
        dialog = RoundDialog(
            lambda v: ev.update_round(self.db, r.id, *v, dialog.expected_version),
            (r.kind, r.name, r.date),
            parent=self,
        )
        dialog.expected_version = r.row_version
        if run_modal(dialog) or dialog.reload_requested:
            self.reload()

    def lock_or_reopen(self) -> None:
        r = self.current_round()
        if r is None:
            return
        try:
            if not r.locked:
                ev.lock_round(self.db, r.id)
            else:
                dialog = TextDialog(
                    _("Reopen the round"),
                    _("Why is the locked round opened again? The reason is kept."),
                    required=True,
                    parent=self,
                )
                if not run_modal(dialog):
                    return
                ev.reopen_round(self.db, r.id, dialog.text())
        except ValidationError as exc:
            self._error(exc)
            return
        self.reload()

    # --- export and import ------------------------------------------------------------

    def _export_menu(self, compare: bool) -> QMenu:
        menu = QMenu(self)
        for suffix, lang in ((".docx", "fi"), (".docx", "sv"), (".xlsx", "fi"), (".xlsx", "sv")):
            action = QAction(menu)
            action.setData((suffix, lang))
            action.triggered.connect(
                lambda _c=False, s=suffix, lg=lang: self.export_dialog(s, lg, compare)
            )
            menu.addAction(action)
        return menu

    def _retranslate_menu(self, menu: QMenu) -> None:
        names = {
            (".docx", "fi"): _("Word table in &Finnish…"),
            (".docx", "sv"): _("Word table in &Swedish…"),
            (".xlsx", "fi"): _("Excel in F&innish…"),
            (".xlsx", "sv"): _("Excel in S&wedish…"),
        }
        for action in menu.actions():
            action.setText(names[action.data()])

    def export_dialog(self, suffix: str, lang: str, compare: bool) -> None:
        r = self.current_round()
        if r is None:
            return
        other = self.compare_view.other_round() if compare else None
        if compare and other is None:
            return
        name = f"{r.label(lang)}{suffix}".replace("/", "-").replace(":", "")
        filter_text = (
            _("Word documents (*.docx)") if suffix == ".docx" else _("Excel workbooks (*.xlsx)")
        )
        kind = FileKind.DOCUMENTS if suffix == ".docx" else FileKind.EXPORTS
        chosen, _filter = save_file_name(
            self, kind, _("Export the evaluation"), name, filter_text, self.settings()
        )
        if chosen is None:
            return
        path = str(chosen) if str(chosen).lower().endswith(suffix) else f"{chosen}{suffix}"
        try:
            with busy_cursor():
                written = export_round(self.db, r.id, Path(path), lang, other)
        except (ValidationError, FileWriteError) as exc:
            self._error(exc)
            return
        self.status.setText(_("Written: {path}").format(path=written))

    def import_dialog(self) -> None:
        r = self.current_round()
        if r is None:
            return
        path = open_file_name(
            self,
            FileKind.IMPORTS,
            _("Import ratings"),
            _("Excel workbooks (*.xlsx)"),
            self.settings(),
        )
        if path is not None:
            self.import_file(path, confirm=True)

    def import_file(self, path: Path, confirm: bool = True) -> bool:
        round_id = self.round_id()
        if round_id is None:  # the button waits for a round
            return False
        try:
            preview = plan_evaluation_import(self.db, path, round_id)
        except EvaluationImportError as exc:
            QMessageBox.warning(self, _("Import ratings"), str(exc))
            return False
        lines = [
            _("Cells changed: {changed}, unchanged: {unchanged}").format(
                changed=len(preview.changes), unchanged=preview.unchanged
            )
        ]
        lang = i18n.current_language()
        for change in preview.changes[:12]:
            before = "–" if change.before.rating is None else change.before.rating
            after = "–" if change.after.rating is None else change.after.rating
            lines.append(
                f"{change.row}: {change.measure[:40]} · {region_name(change.region, lang)}: "
                f"{before} → {after}"
            )
        if not preview.changes:
            QMessageBox.information(self, _("Import ratings"), lines[0])
            return False
        if confirm:
            answer = QMessageBox.question(
                self, _("Import ratings"), "\n".join([*lines, "", _("Import these changes?")])
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            apply_evaluation_import(self.db, preview)
        except ValidationError as exc:
            self._error(exc)
            return False
        self.reload()
        self.status.setText(lines[0])
        return True


class FrameworkView(QWidget):
    """Goals and their measures as a tree, with the editing buttons beside it."""

    def __init__(self, db: Database, page: EvaluationPage) -> None:
        super().__init__()
        self.db = db
        self.page = page
        self.framework: ev.Framework | None = None
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setWordWrap(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.regions_label = QLabel()
        self.regions_label.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        column = QVBoxLayout()
        for key, slot in (
            ("add_goal", self.add_goal),
            ("add_measure", self.add_measure),
            ("edit", self.edit),
            ("up", lambda: self.move_selected(-1)),
            ("down", lambda: self.move_selected(1)),
            ("retire", self.retire),
            ("delete", self.delete),
            ("regions", self.regions),
            ("evidence", self.evidence),
            ("questions", self.questions),
        ):
            button = QPushButton()
            button.clicked.connect(slot)
            self.buttons[key] = button
            column.addWidget(button)
        column.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.regions_label)
        left.addWidget(self.tree, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(column)
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.tree.itemDoubleClicked.connect(lambda *_a: self.edit())

    def retranslate_ui(self) -> None:
        self.tree.setAccessibleName(_("Goals and measures"))
        texts = {
            "add_goal": _("Add &goal…"),
            "add_measure": _("Add &measure…"),
            "edit": _("C&hange…"),
            "up": _("Move &up"),
            "down": _("Move do&wn"),
            "retire": _("Re&tire / restore"),
            "delete": _("Del&ete"),
            "regions": _("Region&s…"),
            "evidence": _("E&vidence workshops…"),
            "questions": _("Evidence &questions…"),
        }
        for key, text in texts.items():
            self.buttons[key].setText(text)
        self.tree.setHeaderLabels([_("Goal / concrete measure"), _("Workshops")])
        self.show_framework(self.framework)

    def show_framework(self, framework: ev.Framework | None) -> None:
        selected = self.selected()
        self.framework = framework
        self.tree.clear()
        lang = i18n.current_language()
        if framework is None:
            self.regions_label.setText("")
            self._update_buttons()
            return
        names = ", ".join(region_name(r, lang) for r in framework.regions) or "–"
        self.regions_label.setText(_("Regions taking part: {regions}").format(regions=names))
        for goal in framework.goals:
            theme = f" [{goal.theme(lang)}]" if goal.theme(lang) else ""
            item = QTreeWidgetItem([f"{goal_label(goal, lang)}. {goal.text(lang)}{theme}", ""])
            item.setData(0, Qt.ItemDataRole.UserRole, ("goal", goal.id))
            self.tree.addTopLevelItem(item)
            for measure in goal.measures:
                retired = f" {_('(retired)')}" if measure.retired else ""
                child = QTreeWidgetItem(
                    [measure.text(lang) + retired, str(len(measure.workshop_ids) or "")]
                )
                child.setData(0, Qt.ItemDataRole.UserRole, ("measure", measure.id))
                item.addChild(child)
                if selected == ("measure", measure.id):
                    self.tree.setCurrentItem(child)
            if selected == ("goal", goal.id):
                self.tree.setCurrentItem(item)
        self.tree.expandAll()
        self._update_buttons()

    def selected(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        has_project = self.framework is not None
        for key in ("add_goal", "regions", "questions"):
            self.buttons[key].setEnabled(has_project)
        for key in ("add_measure", "edit", "up", "down", "delete"):
            self.buttons[key].setEnabled(chosen is not None)
        is_measure = chosen is not None and chosen[0] == "measure"
        self.buttons["retire"].setEnabled(is_measure)
        self.buttons["evidence"].setEnabled(is_measure)

    def _measure(self, measure_id: int) -> ev.MeasureRow | None:
        """The chosen measure (None when no project's framework is shown)."""
        return self.framework.measure(measure_id) if self.framework is not None else None

    def _done(self) -> None:
        self.page.reload()

    def _call(self, action) -> None:
        try:
            action()
        except ValidationError as exc:
            self.page._error(exc)
            return
        self._done()

    def add_goal(self) -> None:
        if self.framework is None:  # the button waits for a project
            return
        project_id = self.framework.project_id
        db = self.db
        if run_modal(GoalDialog(lambda f: ev.add_goal(db, project_id, f), None, self)):
            self._done()

    def add_measure(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        if chosen[0] == "goal":
            goal_id = chosen[1]
        elif (measure := self._measure(chosen[1])) is not None:
            goal_id = measure.goal_id
        else:
            return
        db = self.db
        if run_modal(MeasureDialog(lambda f: ev.add_measure(db, goal_id, f), None, self)):
            self._done()

    def edit(self) -> None:
        chosen = self.selected()
        db = self.db
        if chosen is None or self.framework is None:
            return
        dialog: GoalDialog | MeasureDialog
        if chosen[0] == "goal":
            goal = next(g for g in self.framework.goals if g.id == chosen[1])
            fields = ev.GoalFields(goal.text_fi, goal.text_sv, goal.theme_fi, goal.theme_sv)
            dialog = GoalDialog(
                lambda f: ev.update_goal(db, goal.id, f, dialog.expected_version), fields, self
            )
            dialog.expected_version = goal.row_version
        else:
            measure = self._measure(chosen[1])
            if measure is None:
                return
            texts = ev.MeasureFields(measure.text_fi, measure.text_sv)
            dialog = MeasureDialog(
                lambda f: ev.update_measure(db, measure.id, f, dialog.expected_version),
                texts,
                self,
            )
            dialog.expected_version = measure.row_version
        if run_modal(dialog) or dialog.reload_requested:
            self._done()

    def move_selected(self, delta: int) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        mover = ev.move_goal if chosen[0] == "goal" else ev.move_measure
        self._call(lambda: mover(self.db, chosen[1], delta))

    def retire(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen[0] != "measure":
            return
        measure = self._measure(chosen[1])
        if measure is None:
            return
        if measure.retired:
            self._call(lambda: ev.restore_measure(self.db, measure.id))
        else:
            self._call(lambda: ev.retire_measure(self.db, measure.id, dt.date.today()))

    def delete(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        answer = QMessageBox.question(self, _("Delete"), _("Delete the chosen row?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        remover = ev.delete_goal if chosen[0] == "goal" else ev.delete_measure
        self._call(lambda: remover(self.db, chosen[1]))

    def regions(self) -> None:
        if self.framework is None:  # the button waits for a project
            return
        project_id = self.framework.project_id
        dialog = ChecklistDialog(
            _("Regions taking part"),
            _("Tick the regions that rate this project's measures."),
            region_items(),
            self.framework.regions,
            self,
        )
        if run_modal(dialog):
            codes = [str(c) for c in dialog.checked()]
            self._call(lambda: ev.set_regions(self.db, project_id, codes))

    def evidence(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen[0] != "measure" or self.framework is None:
            return
        measure = self._measure(chosen[1])
        if measure is None:
            return
        workshops = list_workshops(
            self.db, WorkshopFilter(project_id=self.framework.project_id)
        )
        dialog = ChecklistDialog(
            _("Evidence workshops"),
            _("Tick the workshops whose feedback shows how the measure is going."),
            workshop_items(workshops),
            measure.workshop_ids,
            self,
        )
        if run_modal(dialog):
            ids = [w for w in dialog.checked() if isinstance(w, int)]  # workshop ids
            self._call(lambda: ev.set_measure_workshops(self.db, measure.id, ids))

    def questions(self) -> None:
        """Which scale questions' means the grid shows beside the ratings (kept in settings)."""
        if self.framework is None:  # the button waits for a project
            return
        questions = ev.scale_questions(self.db, self.framework.project_id)
        chosen = self.page._question_keys() or [key for key, _text in questions]
        dialog = ChecklistDialog(
            _("Evidence questions"),
            _("Tick the scale questions whose means are shown beside the ratings, in order."),
            questions,
            chosen,
            self,
        )
        if run_modal(dialog):
            keys = [str(k) for k in dialog.checked()]
            self.page.settings().setValue("evaluation/questions", ",".join(keys))
            self._done()


class SummaryView(QWidget):
    """Counts of 1, 2, 3 and not assessed per goal and region, as a table and a chart."""

    def __init__(self) -> None:
        super().__init__()
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        one_line_rows(self.table)
        self.chart = RatingChart()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setSizes([500, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.matrix: ev.Matrix | None = None

    def retranslate_ui(self) -> None:
        self.table.setAccessibleName(_("Summary"))
        self.show_matrix(self.matrix)

    def show_matrix(self, matrix: ev.Matrix | None) -> None:
        self.matrix = matrix
        lang = i18n.current_language()
        headers = summary_headers(lang)
        rows = summary_rows(matrix, lang) if matrix else []
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        if matrix is None:
            self.chart.set_bars([])
            return
        summary = matrix.summary()
        bars = [
            (goal_label(g, lang), summary.by_goal[g.id])
            for g in matrix.goals
            if g.id in summary.by_goal
        ]
        bars += [
            (region_name(r, lang), summary.by_region[r])
            for r in matrix.regions
            if r in summary.by_region
        ]
        self.chart.set_bars(bars)


class CompareView(QWidget):
    """The chosen round against another: each cell's change and the counts side by side."""

    def __init__(self, db: Database, page: EvaluationPage) -> None:
        super().__init__()
        self.db = db
        self.page = page
        self.other_label = QLabel()
        self.other = QComboBox()
        self.other.setMinimumContentsLength(28)
        self.other_label.setBuddy(self.other)
        self.export_button = QToolButton()
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setMenu(page._export_menu(compare=True))
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.summary = QTableWidget()
        self.summary.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        one_line_rows(self.summary)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        bar = QHBoxLayout()
        bar.addWidget(self.other_label)
        bar.addWidget(self.other)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.counts)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.summary)
        splitter.setSizes([400, 180])
        layout.addWidget(splitter, 1)
        self.other.currentIndexChanged.connect(lambda _i: self.refresh())
        self.round_id: int | None = None
        self.comparison: ev.RoundComparison | None = None

    def retranslate_ui(self) -> None:
        self.summary.setAccessibleName(_("Summary"))
        self.table.setAccessibleName(_("Comparison of the rounds"))
        self.other_label.setText(_("Compare &with"))
        self.export_button.setText(_("Export the comp&arison"))
        self.page._retranslate_menu(self.export_button.menu())
        self.refresh()

    def other_round(self) -> int | None:
        chosen: int | None = self.other.currentData()
        return chosen

    def show_rounds(self, rounds: list[ev.RoundInfo], round_id: int | None) -> None:
        self.round_id = round_id
        keep = self.other.currentData()
        self.other.blockSignals(True)
        self.other.clear()
        for r in rounds:
            if r.id != round_id:
                self.other.addItem(r.label(), r.id)
        index = self.other.findData(keep)
        self.other.setCurrentIndex(index if index >= 0 else self.other.count() - 1)
        self.other.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        other = self.other_round()
        self.export_button.setEnabled(other is not None)
        self.table.clear()
        if other is None or self.round_id is None:
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.counts.setText(_("Add another round to compare with."))
            return
        earlier, later = self._order(other, self.round_id)
        try:
            comparison = ev.compare_rounds(self.db, earlier, later)
        except ValidationError as exc:
            self.counts.setText(" ".join(exc.errors.values()))
            return
        self.comparison = comparison
        lang = i18n.current_language()
        counts = comparison.counts()
        self.counts.setText(
            _("From {earlier} to {later}: ").format(
                earlier=comparison.earlier.round.label(), later=comparison.later.round.label()
            )
            + ", ".join(f"{_(CHANGE_LABELS[c])} {n}" for c, n in counts.items())
        )
        headers = [_("Goal / concrete measure")] + [
            region_name(r, lang) for r in comparison.regions
        ]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        rows = [
            item for g in comparison.goals for item in [(g, None), *((g, m) for m in g.measures)]
        ]
        self.table.setRowCount(len(rows))
        for n, (goal, measure) in enumerate(rows):
            text = (
                f"{goal_label(goal, lang)}. {goal.text(lang)}"
                if measure is None
                else f"    {measure.text(lang)}"
            )
            item = QTableWidgetItem(text)
            if measure is None:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(n, 0, item)
            if measure is None:
                continue
            for c, region in enumerate(comparison.regions, start=1):
                before = comparison.earlier.cell(measure.id, region).rating
                after = comparison.later.cell(measure.id, region).rating
                change = comparison.changes.get((measure.id, region))
                label = f"{before or '–'} → {after or '–'}"
                if change is not None:
                    label += f"  ({_(CHANGE_LABELS[change])})"
                self.table.setItem(n, c, QTableWidgetItem(label))
        self.table.setColumnWidth(0, 380)
        for c in range(1, len(headers)):
            self.table.setColumnWidth(c, 170)
        self.table.resizeRowsToContents()
        self._side_by_side(comparison, lang)

    def _side_by_side(self, comparison: ev.RoundComparison, lang: str) -> None:
        """The summary counts of both rounds, per goal, region and in all: each count's
        two rounds in adjacent columns, named by their dates when the dates tell them apart."""
        heads = summary_headers(lang)[1:]
        rounds = [m.round for m in (comparison.earlier, comparison.later)]
        dated = all(r.date for r in rounds) and rounds[0].date != rounds[1].date
        names = [format_date(r.date) if dated else r.label(lang) for r in rounds]
        self.summary.clear()
        self.summary.setColumnCount(1 + 2 * len(heads))
        self.summary.setHorizontalHeaderLabels(
            [""] + [f"{h}\n{name}" for h in heads for name in names]
        )
        before = {r[0]: r[1:] for r in summary_rows(comparison.earlier, lang)}
        rows = summary_rows(comparison.later, lang)
        self.summary.setRowCount(len(rows))
        for n, values in enumerate(rows):
            earlier = before.get(values[0], [""] * len(heads))
            pairs = [v for pair in zip(earlier, values[1:], strict=True) for v in pair]
            for c, value in enumerate([values[0], *pairs]):
                item = QTableWidgetItem(str(value))
                if c:  # counts and shares, right as in the round's own summary
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.summary.setItem(n, c, item)
        self.summary.resizeColumnsToContents()

    def _order(self, a: int, b: int) -> tuple[int, int]:
        dates = {r.id: r.date or dt.date.min for r in self.page.rounds}
        first, second = sorted([a, b], key=lambda i: (dates.get(i, dt.date.min), i))
        return first, second
