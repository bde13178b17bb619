"""Import feedback bundle: a preview of what would happen, then the import and its report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kastedesk.formatting import format_datetime
from kastedesk.i18n import _
from kastedesk.services.bundles import ImportPlan, import_bundle, preview_import, read_bundle
from kastedesk.services.bundles.reader import Bundle
from kastedesk.services.bundles.report import (
    ReportRow,
    over_participants_lines,
    report_rows,
    summary_lines,
)
from kastedesk.storage.database import Database
from kastedesk.ui import theme
from kastedesk.ui.bundles import worker
from kastedesk.ui.form_errors import ERROR_MESSAGE
from kastedesk.ui.row_table_model import Column, RowTableModel, count_column


def report_columns() -> list[Column[ReportRow]]:
    return [
        Column(lambda: "", lambda r: r.label),
        count_column(lambda: _("Workshops"), lambda r: r.workshops),
        count_column(lambda: _("Feedback forms"), lambda r: r.forms),
        count_column(lambda: _("Responses"), lambda r: r.responses),
        count_column(lambda: _("Evaluation"), lambda r: r.evaluation),
    ]


class ImportDialog(QDialog):
    """Reads and plans in a worker as soon as it opens; Import applies in one transaction."""

    help_topic = "bundles"  # the user guide's page (F1)

    imported = Signal(object)  # the ImportPlan that was applied
    show_conflicts = Signal()

    def __init__(self, db: Database, path: Path | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.path = Path(path)
        self.bundle: Bundle | None = None
        self.plan: ImportPlan | None = None
        self.done_plan: ImportPlan | None = None
        self.error: str = ""
        self._job: worker.Job | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.model: RowTableModel[ReportRow] = RowTableModel(report_columns(), parent=self)
        self.table = QTableView()
        self.table.setAccessibleName(_("What the bundle changes"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setProperty(ERROR_MESSAGE, True)  # red when the bundle is refused
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.conflicts_button = QPushButton()
        self.buttons.addButton(self.conflicts_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.conflicts_button.hide()  # after adding: the box shows what it is given
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        self.conflicts_button.clicked.connect(self._show_conflicts)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addWidget(self.details)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(560, 380)
        self.retranslate_ui()
        self._job = worker.start(self._read_and_plan, self._planned, self._failed)

    # --- work -------------------------------------------------------------------------

    def _read_and_plan(self) -> ImportPlan:
        self.bundle = read_bundle(self.path)
        return preview_import(self.db, self.bundle)

    def _planned(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.progress.hide()
        self.import_button.setEnabled(plan.changes_anything)
        self.import_button.setDefault(True)
        self.retranslate_ui()

    def _failed(self, message: str) -> None:
        self.error = message
        self.close_button.setEnabled(True)
        self.progress.hide()
        self.import_button.setEnabled(False)
        self.retranslate_ui()

    def start_import(self) -> None:
        if self.bundle is None:
            return
        bundle = self.bundle
        self.import_button.setEnabled(False)
        self.close_button.setEnabled(False)  # one transaction: it finishes or changes nothing
        self.progress.show()
        self._job = worker.start(
            lambda: import_bundle(self.db, bundle), self._imported, self._failed
        )

    def _imported(self, plan: ImportPlan) -> None:
        self.done_plan = plan
        self.close_button.setEnabled(True)
        self.progress.hide()
        self.import_button.hide()
        self.conflicts_button.setVisible(plan.conflicts > 0)
        self.retranslate_ui()
        self.imported.emit(plan)

    def reject(self) -> None:
        if self.close_button.isEnabled():  # Escape too waits while the import runs
            super().reject()

    def _show_conflicts(self) -> None:
        self.show_conflicts.emit()
        self.accept()

    # --- texts ------------------------------------------------------------------------

    def _fit_headings(self) -> None:
        """Equal columns, each as wide as the longest heading ("Responsblanketter")."""
        header = self.table.horizontalHeader()
        widest = max(header.sectionSizeHint(i) for i in range(header.count()))
        header.setMinimumSectionSize(widest)
        self.table.setMinimumWidth(widest * header.count() + 2 * self.table.frameWidth())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import feedback bundle"))
        self._fit_headings()
        self.import_button.setText(_("&Import"))
        self.conflicts_button.setText(_("Show &conflicts"))
        done = self.done_plan is not None
        self.close_button.setText(_("Close") if done or self.error else _("Cancel"))
        plan = self.done_plan or self.plan
        if self.error:
            self.heading.setText(
                _("The bundle {file} cannot be imported. Nothing was changed.").format(
                    file=self.path.name
                )
            )
            self.details.setText(self.error)
            self.details.setStyleSheet(theme.text_style(theme.Tone.ERROR))
            self.model.set_rows([])
            return
        if plan is None:
            self.heading.setText(_("Reading {file}…").format(file=self.path.name))
            self.details.setText("")
            return
        source = plan.bundle.source.name or plan.bundle.source.installation[:8]
        made = format_datetime(plan.bundle.created_at)
        if done:
            self.heading.setText(
                _("Imported {file} (from {source}, made {when}):").format(
                    file=self.path.name, source=source, when=made
                )
            )
        else:
            self.heading.setText(
                _("{file} comes from {source}, made {when}. Importing it would do this:").format(
                    file=self.path.name, source=source, when=made
                )
            )
        self.model.set_rows(report_rows(plan))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        lines = summary_lines(plan)
        if plan.conflicts:
            lines.append(
                _(
                    "Conflicts: both versions are kept and nothing is overwritten; "
                    "you choose which one stays (Feedback tab → Conflicts)."
                )
            )
        over = over_participants_lines(plan)
        if over:
            lines.append(_("More responses than participants after the import:"))
            lines.extend(over)
        if not plan.changes_anything:
            lines.append(_("Everything in the bundle is already here: nothing to import."))
        self.details.setStyleSheet("")
        self.details.setText("\n".join(lines))
