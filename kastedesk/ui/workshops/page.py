"""The Workshops tab: a filterable list of workshops with editing and feedback entry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from kastedesk import i18n
from kastedesk.domain.feedback_counts import too_many_responses
from kastedesk.domain.validation import ValidationError
from kastedesk.domain.workshops import STATUS_LABELS
from kastedesk.formatting import format_count, format_time_range
from kastedesk.i18n import N_, _
from kastedesk.services.registry import list_projects
from kastedesk.services.workshops import (
    WorkshopFilter,
    WorkshopRow,
    delete_workshop,
    list_modules,
    list_workshops,
)
from kastedesk.storage.database import Database
from kastedesk.ui import theme
from kastedesk.ui.empty_state import EmptyState
from kastedesk.ui.feedback.blank_dialog import BlankFormsDialog
from kastedesk.ui.feedback.entry import FeedbackEntryDialog
from kastedesk.ui.feedback.import_dialog import ImportResponsesDialog
from kastedesk.ui.feedback.responses import ResponsesDialog
from kastedesk.ui.file_dialogs import FileKind, open_file_name
from kastedesk.ui.flow_layout import FlowLayout, together
from kastedesk.ui.help.shortcuts import enter_shortcut, name_shortcuts
from kastedesk.ui.modal import run_modal
from kastedesk.ui.row_table_model import Column, RowTableModel, count_column, one_line_rows
from kastedesk.ui.tab_page import TabPage
from kastedesk.ui.workshops.choosers import DateEdit, ModuleCombo, ProjectChooser, RegionCombo
from kastedesk.ui.workshops.copy_dialog import CopyWorkshopDialog
from kastedesk.ui.workshops.editor import WorkshopDialog
from kastedesk.ui.workshops.modules_dialog import ModulesDialog


def workshop_columns() -> list[Column[WorkshopRow]]:
    lang = i18n.current_language
    return [
        Column(lambda: _("Date"), lambda w: w.date),
        Column(lambda: _("Time"), lambda w: format_time_range(w.start_time, w.end_time)),
        Column(lambda: _("Title"), lambda w: w.title_in(lang())),
        Column(lambda: _("Module"), lambda w: w.module),
        Column(lambda: _("Region"), lambda w: w.region_name(lang())),
        Column(lambda: _("Municipality"), lambda w: w.municipality),
        Column(lambda: _("Status"), lambda w: _(STATUS_LABELS[w.status])),
        Column(lambda: _("Coordinator"), lambda w: w.coordinator),
        count_column(lambda: _("Attended"), lambda w: w.attended),
        Column(
            lambda: _("Responses"),
            lambda w: f"⚠ {format_count(w.responses)}" if _over(w) else format_count(w.responses),
            sort_key=lambda w: w.responses,
            align_right=True,
        ),
    ]


def _over(w: WorkshopRow) -> bool:
    return too_many_responses(w.responses, w.attended)


def workshop_foreground(w: WorkshopRow) -> QBrush | None:
    """More responses than participants: the row in red (and ⚠ at the count)."""
    return QBrush(theme.foreground(theme.Tone.ERROR)) if _over(w) else None


class WorkshopsPage(TabPage):
    help_topic = "workshops"  # the user guide's page (F1)

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self._read_at = -1  # Database.commits when last read
        self.project = ProjectChooser()
        self.region = RegionCombo()
        self.module = ModuleCombo()
        self.date_from = DateEdit()
        self.date_to = DateEdit()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.filter_labels = [QLabel() for _n in range(4)]
        filters = FlowLayout()  # wraps with a large system font (16 pt on 1366×768)
        self.dash = QLabel("–")
        for label, widget in zip(
            self.filter_labels,
            (self.project, self.region, self.module, self.date_from),
            strict=True,
        ):
            label.setBuddy(widget)
            extra = (self.dash, self.date_to) if widget is self.date_from else ()
            filters.addWidget(together(label, widget, *extra))
        filters.addWidget(self.search)

        self.model: RowTableModel[WorkshopRow] = RowTableModel(
            workshop_columns(), foreground=workshop_foreground
        )
        self.table = QTableView()
        self.table.setObjectName("workshops_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        one_line_rows(self.table)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 90), (1, 90), (3, 70), (4, 170), (5, 120), (6, 100), (7, 150)):
            header.resizeSection(column, width)
        for column in (8, 9):
            header.resizeSection(column, 85)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())

        self.new_button = QPushButton()
        self.edit_button = QPushButton()
        self.duplicate_button = QPushButton()
        self.delete_button = QPushButton()
        self.entry_button = QPushButton()
        self.responses_button = QPushButton()
        self.blank_button = QPushButton()
        self.import_button = QPushButton()
        self.modules_button = QPushButton()
        self.new_button.clicked.connect(self.new_workshop)
        self.edit_button.clicked.connect(self.edit_selected)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.entry_button.clicked.connect(self.enter_feedback)
        self.responses_button.clicked.connect(self.browse_responses)
        self.blank_button.clicked.connect(self.print_blank_forms)
        self.import_button.clicked.connect(self.import_responses)
        self.modules_button.clicked.connect(self.edit_modules)
        buttons = FlowLayout()  # wraps on a narrow screen (150 % on 1366×768)
        for button in (
            self.new_button,
            self.edit_button,
            self.duplicate_button,
            self.delete_button,
            self.entry_button,
            self.responses_button,
            self.blank_button,
            self.import_button,
            self.modules_button,
        ):
            buttons.addWidget(button)
        self.count_label = QLabel()

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.count_label)

        QShortcut(QKeySequence("Ctrl+N"), self, self.new_workshop).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        enter_shortcut(self.table, self.edit_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.delete_selected).setContext(
            Qt.ShortcutContext.WidgetShortcut
        )
        QShortcut(QKeySequence("Ctrl+D"), self, self.duplicate_selected).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        QShortcut(QKeySequence("Ctrl+E"), self, self.enter_feedback).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        QShortcut(QKeySequence("Ctrl+R"), self, self.browse_responses).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        name_shortcuts(self, {
            "Ctrl+N": N_("New workshop"),
            "Return": N_("Edit the chosen workshop"),
            "Del": N_("Delete the chosen workshop"),
            "Ctrl+D": N_("Duplicate the workshop to a region"),
            "Ctrl+E": N_("Type in feedback"),
            "Ctrl+R": N_("Typed forms of the workshop"),
        })  # fmt: skip

        self.project.project_changed.connect(self._project_changed)
        for combo in (self.region, self.module):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for edit in (self.date_from, self.date_to):
            edit.editingFinished.connect(self.refresh)
        self.search.textChanged.connect(self.model.set_filter)
        self.search.textChanged.connect(lambda _t: self._update_count())
        self.empty_state = EmptyState(
            self.table,
            lambda: _("No workshops here yet."),
            lambda: _("Add the first workshop"),
            self.new_workshop,
            "Ctrl+N",
            is_empty=lambda: self.loaded and self.model.rowCount() == 0,
        )
        self.retranslate_ui()

    # --- TabPage ------------------------------------------------------------------------

    def read_data(self) -> None:
        self._read_at = self.db.commits
        self.project.set_projects(list_projects(self.db))
        self.refresh()

    def showEvent(self, event) -> None:
        # Projects may have been added in the Members tab meanwhile (if anything was saved).
        if self.loaded and self._read_at != self.db.commits:
            self._read_at = self.db.commits
            self.project.set_projects(list_projects(self.db))
        super().showEvent(event)

    def retranslate_ui(self) -> None:
        self.date_to.setAccessibleName(_("Dates until"))
        self.date_from.setAccessibleName(_("Dates from"))
        self.search.setAccessibleName(_("Filter the workshops"))
        self.table.setAccessibleName(_("Workshops"))
        for label, text in zip(
            self.filter_labels,
            (_("&Project:"), _("&Region:"), _("M&odule:"), _("&Dates:")),
            strict=True,
        ):
            label.setText(text)
        self.project.retranslate()
        self.region.retranslate()
        self.module.retranslate()
        for edit in (self.date_from, self.date_to):
            edit.retranslate()
        self.search.setPlaceholderText(_("Filter the list…"))
        self.new_button.setText(_("&New workshop…"))
        self.edit_button.setText(_("&Edit…"))
        self.duplicate_button.setText(_("D&uplicate to a region…"))
        self.delete_button.setText(_("De&lete"))
        self.entry_button.setText(_("&Type in feedback…"))
        self.responses_button.setText(_("Typed form&s…"))
        self.blank_button.setText(_("Blan&k forms…"))
        self.import_button.setText(_("I&mport responses…"))
        self.import_button.setToolTip(_("Responses from Webropol, Microsoft Forms or Excel"))
        self.blank_button.setToolTip(_("Blank feedback forms to print, with the digits for typing"))
        self.modules_button.setText(_("Mo&dules of the project…"))
        self.responses_button.setToolTip("Ctrl+R")
        self.new_button.setToolTip("Ctrl+N")
        self.duplicate_button.setToolTip("Ctrl+D")
        self.entry_button.setToolTip("Ctrl+E")
        self.model.refresh_texts()
        self._update_count()
        self.empty_state.update_state()

    # --- data ---------------------------------------------------------------------------

    def _project_changed(self, project_id: int | None) -> None:
        if self.loaded:
            self.module.set_modules(list_modules(self.db, project_id) if project_id else [])
        self.modules_button.setEnabled(project_id is not None)
        self.refresh()

    def current_filter(self) -> WorkshopFilter:
        return WorkshopFilter(
            project_id=self.project.project_id(),
            region=self.region.region(),
            module=self.module.value(),
            date_from=self.date_from.date_or_none(),
            date_to=self.date_to.date_or_none(),
        )

    def refresh_after_outside_change(self) -> None:
        self.project.set_projects(list_projects(self.db))
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        if not self.loaded:
            return  # read when first shown
        keep = select_id if select_id is not None else self.selected_id()
        self.model.set_rows(list_workshops(self.db, self.current_filter()))
        if keep is not None:
            position = self.model.position_of(lambda w: w.id == keep)
            if position is not None:
                self.table.selectRow(position)
        self._update_count()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        text = i18n.ngettext("{count} workshop", "{count} workshops", shown).format(
            count=format_count(shown)
        )
        over = sum(1 for w in self.model.visible_rows() if _over(w))
        if over:
            text += " · ⚠ " + _("more responses than participants: {count}").format(count=over)
        self.count_label.setText(text)

    def selected_row(self) -> WorkshopRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row(rows[0].row()) if rows else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row else None

    # --- actions ------------------------------------------------------------------------

    def _need_selection(self) -> WorkshopRow | None:
        row = self.selected_row()
        if row is None:
            QMessageBox.information(self, _("Workshops"), _("Choose a workshop first."))
        return row

    def new_workshop(self) -> None:
        if not list_projects(self.db):
            QMessageBox.information(
                self, _("Workshops"), _("Add a project in the Members tab first.")
            )
            return
        dialog = WorkshopDialog(self.db, project_id=self.project.project_id(), parent=self)
        if run_modal(dialog):
            self.refresh(dialog.saved_id)

    def edit_selected(self) -> None:
        row = self._need_selection()
        if row is None:
            return
        dialog = WorkshopDialog(self.db, row.id, parent=self)
        if run_modal(dialog):
            self.refresh(row.id)

    def duplicate_selected(self) -> None:
        row = self._need_selection()
        if row is None:
            return
        dialog = CopyWorkshopDialog(self.db, row, parent=self)
        if run_modal(dialog):
            self.refresh(dialog.result_value)  # type: ignore[arg-type]  # the saved id

    def delete_selected(self) -> None:
        row = self._need_selection()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete workshop"),
            _("Delete the workshop “{title}”?").format(title=row.title),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_workshop(self.db, row.id)
        except ValidationError as exc:
            QMessageBox.warning(self, _("Delete workshop"), str(exc))
            return
        self.refresh()

    def enter_feedback(self) -> None:
        row = self._need_selection()
        if row is None:
            return
        run_modal(FeedbackEntryDialog(self.db, row.id, parent=self))
        self.refresh(row.id)

    def browse_responses(self) -> None:
        row = self._need_selection()
        if row is None:
            return
        run_modal(ResponsesDialog(self.db, row.id, parent=self))
        self.refresh(row.id)

    def print_blank_forms(self) -> None:
        row = self._need_selection()
        if row is None:
            return
        folder = Path(str(self.settings().value("workshops/folder", str(Path.home()))))
        dialog = BlankFormsDialog(self.db, row.id, folder, parent=self)
        if run_modal(dialog) and dialog.written is not None:
            self.settings().setValue("workshops/folder", str(dialog.written.parent))

    def import_responses(self) -> None:
        row = self._need_selection()
        if row is None:
            return
        chosen = open_file_name(
            self, FileKind.IMPORTS, _("Import responses"), _("Spreadsheets (*.xlsx *.csv)")
        )
        if chosen is not None:
            self.import_from(chosen, row.id)

    def import_from(self, path: Path, workshop_id: int) -> ImportResponsesDialog | None:
        try:
            dialog = ImportResponsesDialog(self.db, workshop_id, path, parent=self)
        except ValidationError as exc:
            QMessageBox.warning(self, _("Import responses"), " ".join(exc.errors.values()))
            return None
        self.settings().setValue("workshops/folder", str(path.parent))
        if run_modal(dialog) and dialog.imported is not None:
            count = len(dialog.imported.new)
            self.refresh(workshop_id)
            self.count_label.setText(
                i18n.ngettext("{n} response imported", "{n} responses imported", count).format(
                    n=format_count(count)
                )
            )
        return dialog

    def edit_modules(self) -> None:
        project_id = self.project.project_id()
        if project_id is None:
            return
        if run_modal(ModulesDialog(self.db, project_id, parent=self)):
            self.module.set_modules(list_modules(self.db, project_id))
            self.refresh()
