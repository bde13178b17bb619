"""Results of the feedback: filters, per-question statistics, charts, comments, exports."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kastedesk import i18n
from kastedesk.formatting import format_count, format_date, format_mean
from kastedesk.i18n import _, document_language
from kastedesk.services.feedback_charts import (
    comparison_chart,
    comparison_table,
    distribution_chart,
)
from kastedesk.services.feedback_export import export_responses
from kastedesk.services.feedback_report import ReportData, charts_for, report_data, write_report
from kastedesk.services.feedback_results import (
    Comparison,
    QuestionStats,
    ResultFilter,
    Summary,
    compare,
    compare_over_time,
    over_participants_text,
    summarize,
)
from kastedesk.services.registry import list_projects
from kastedesk.services.workshops import WorkshopFilter, list_modules, list_workshops
from kastedesk.storage.database import Database
from kastedesk.ui import theme
from kastedesk.ui.bundles.worker import Job, start
from kastedesk.ui.empty_state import EmptyState
from kastedesk.ui.feedback.charts import chart_view, render_png
from kastedesk.ui.feedback.entry import FeedbackEntryDialog
from kastedesk.ui.file_dialogs import FileKind, save_file_name
from kastedesk.ui.flow_layout import FlowLayout, together
from kastedesk.ui.form_errors import error_style
from kastedesk.ui.modal import run_modal
from kastedesk.ui.row_table_model import Column, RowTableModel, count_column
from kastedesk.ui.workshops.choosers import DateEdit, ModuleCombo, ProjectChooser, RegionCombo

log = logging.getLogger(__name__)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def stats_columns() -> list[Column[tuple[int, QuestionStats]]]:
    def lang() -> str:
        return i18n.current_language()

    def mean(row: tuple[int, QuestionStats]) -> str:
        value = row[1].mean
        return "" if value is None else format_mean(value, lang())

    return [
        Column(lambda: "#", lambda r: r[0], align_right=True),
        Column(lambda: _("Question"), lambda r: r[1].question.text(lang())),
        count_column(lambda: _("Answered"), lambda r: r[1].answered),
        Column(lambda: _("Mean"), mean, sort_key=lambda r: r[1].mean, align_right=True),
    ]


class ReportSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(str)
    failed = Signal(str)


class ReportJob(QRunnable):
    """Writes the .docx in a worker thread; charts are drawn beforehand in the GUI thread."""

    def __init__(self, path: Path, data: ReportData, lang: str, images: dict[str, bytes]):
        super().__init__()
        self.path, self.data, self.lang, self.images = path, data, lang, images
        self.signals = ReportSignals()

    def run(self) -> None:
        try:
            write_report(self.path, self.data, self.lang, self.images, self.signals.progress.emit)
        except OSError as exc:
            self.signals.failed.emit(exc.strerror or str(exc))
            return
        except Exception as exc:  # a worker thread has no one else to tell
            log.exception("writing the report %s failed", self.path)
            self.signals.failed.emit(str(exc))
            return
        self.signals.finished.emit(str(self.path))


def _export_path(path: Path) -> Path:
    """*path*, ending in .xlsx unless it ends in .xlsx or .csv."""
    return path if path.suffix.lower() in (".xlsx", ".csv") else path.with_suffix(".xlsx")


def _group_heading(text: str) -> str:
    """"Södra Österbotten (n = 57)" as two lines: the column needs only the name's width,
    and the questions keep room beside five groups."""
    name, separator, count = text.rpartition(" (")
    return f"{name}\n({count}" if separator else text


class ResultsView(QWidget):
    help_topic = "feedback"  # the user guide's page (F1)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self._read = False  # the data is read when the tab is first shown
        self.read_at = -1  # Database.commits when last read
        self.summary: Summary | None = None
        self.comparison: Comparison | None = None
        self.pool = QThreadPool.globalInstance()
        self._job: ReportJob | None = None
        self._export: Job | None = None  # responses being written to a file

        self.project = ProjectChooser()
        self.workshop = QComboBox()
        self.workshop.setMinimumContentsLength(24)
        self.workshop.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.region = RegionCombo()
        self.module = ModuleCombo()
        self.date_from = DateEdit()
        self.date_to = DateEdit()
        self.compare_by = QComboBox()
        self.compare_by.addItem("", "region")
        self.compare_by.addItem("", "module")
        self.compare_by.addItem("", "half_year")  # spring / autumn
        self.compare_by.addItem("", "year")
        self.filter_labels = [QLabel() for _n in range(6)]
        dates = QWidget()
        dates_row = QHBoxLayout(dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        dates_row.addWidget(self.date_from)
        dates_row.addWidget(QLabel("–"))
        dates_row.addWidget(self.date_to)
        dates_row.addStretch(1)
        filters = FlowLayout()  # wraps on a narrow screen (150 % on 1366×768)
        widgets = (self.project, self.workshop, self.region, self.module, dates, self.compare_by)
        buddies = (self.project, self.workshop, self.region, self.module, self.date_from)
        for n, (label, widget) in enumerate(zip(self.filter_labels, widgets, strict=True)):
            label.setBuddy(buddies[n] if n < len(buddies) else widget)
            filters.addWidget(together(label, widget))

        self.responses_label = QLabel()
        self.responses_label.setObjectName("responses")
        theme.make_heading(self.responses_label, 1.5)  # the system font size times 1.5
        self.over_label = QLabel()
        self.over_label.setObjectName("over_participants")
        self.over_label.setWordWrap(True)
        self.over_label.setStyleSheet(error_style())
        self.over_label.hide()
        self.model: RowTableModel[tuple[int, QuestionStats]] = RowTableModel(stats_columns())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):  # the numbers as wide as their texts, at any font size
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        self.comments_label = QLabel()
        self.comments = QPlainTextEdit()
        self.comments.setReadOnly(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.responses_label)
        left_layout.addWidget(self.over_label)
        left_layout.addWidget(self.table, 2)
        left_layout.addWidget(self.comments_label)
        left_layout.addWidget(self.comments, 1)

        self.charts_holder = QWidget()
        self.charts_layout = QVBoxLayout(self.charts_holder)
        self.charts_scroll = QScrollArea()
        self.charts_scroll.setWidgetResizable(True)
        self.charts_scroll.setWidget(self.charts_holder)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.charts_scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([500, 750])
        self.charts_scroll.setMinimumWidth(420)

        self.entry_button = QPushButton()
        self.export_button = QPushButton()
        self.report_button = QPushButton()
        self.report_language = QComboBox()
        for code in ("fi", "sv"):
            self.report_language.addItem(i18n.LANGUAGE_NAMES[code], code)
        self.report_language.setCurrentIndex(1 if i18n.current_language() == "sv" else 0)
        self.report_language_label = QLabel()
        self.report_language_label.setBuddy(self.report_language)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.status = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.entry_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.report_language_label)
        buttons.addWidget(self.report_language)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.progress)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

        self.project.project_changed.connect(self._project_changed)
        for combo in (self.workshop, self.region, self.module, self.compare_by):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for edit in (self.date_from, self.date_to):
            edit.editingFinished.connect(self.refresh)
        self.entry_button.clicked.connect(self.enter_feedback)
        self.export_button.clicked.connect(self.export_dialog)
        self.report_button.clicked.connect(self.report_dialog)
        self.empty_state = EmptyState(
            self.table,
            lambda: _(
                "No feedback here yet. Type in the paper forms of a workshop, or import "
                "responses from Webropol, Microsoft Forms or Excel on the Workshops tab."
            ),
            lambda: _("Type in the first responses"),
            self.first_responses,
            is_empty=lambda: self.summary is not None and not self.summary.responses,
        )
        self.retranslate_ui()

    # --- setup --------------------------------------------------------------------------

    def read_data(self) -> None:
        """Read the projects and the results (again)."""
        self._read = True
        self.project.set_projects(list_projects(self.db))  # its project_changed: refresh()

    def retranslate_ui(self) -> None:
        self.date_from.setAccessibleName(_("Dates from"))
        self.date_to.setAccessibleName(_("Dates until"))
        self.table.setAccessibleName(_("Results per question"))
        self.comments.setAccessibleName(_("Open answers"))
        self.charts_scroll.setAccessibleName(_("Charts"))
        texts = (
            _("&Project:"),
            _("&Workshop:"),
            _("&Region:"),
            _("M&odule:"),
            _("&Dates:"),
            _("&Compare by:"),
        )
        for label, text in zip(self.filter_labels, texts, strict=True):
            label.setText(text)
        self.project.retranslate()
        self.region.retranslate()
        self.module.retranslate()
        for edit in (self.date_from, self.date_to):
            edit.retranslate()
        if self.workshop.count():
            self.workshop.setItemText(0, _("All workshops"))
        self.compare_by.setItemText(0, _("region"))
        self.compare_by.setItemText(1, _("module"))
        self.compare_by.setItemText(2, _("half-year (spring / autumn)"))
        self.compare_by.setItemText(3, _("year"))
        self.comments_label.setText(_("Comments"))
        self.entry_button.setText(_("&Type in feedback…"))
        self.export_button.setText(_("E&xport responses…"))
        self.report_button.setText(_("&Results report…"))
        self.report_language_label.setText(_("Report &language:"))
        self.model.refresh_texts()
        self.show_results()

    def _project_changed(self, project_id: int | None) -> None:
        if not self._read:
            return
        self.module.set_modules(list_modules(self.db, project_id) if project_id else [])
        keep = self.workshop.currentData()
        self.workshop.blockSignals(True)
        self.workshop.clear()
        self.workshop.addItem(_("All workshops"), None)
        for w in list_workshops(self.db, WorkshopFilter(project_id=project_id)):
            self.workshop.addItem(
                f"{format_date(w.date)} {w.title_in(i18n.current_language())}".strip(), w.id
            )
        self.workshop.setCurrentIndex(max(self.workshop.findData(keep), 0) if keep else 0)
        self.workshop.blockSignals(False)
        self.refresh()

    def current_filter(self) -> ResultFilter:
        return ResultFilter(
            workshop_id=self.workshop.currentData(),
            project_id=self.project.project_id(),
            region=self.region.region(),
            module=self.module.value(),
            date_from=self.date_from.date_or_none(),
            date_to=self.date_to.date_or_none(),
        )

    def select_workshop(self, workshop_id: int) -> None:
        index = self.workshop.findData(workshop_id)
        if index >= 0:
            self.workshop.setCurrentIndex(index)

    # --- results ------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self._read:
            return
        self.read_at = self.db.commits  # what this window had saved when last read
        where = self.current_filter()
        self.summary = summarize(self.db, where)
        self.comparison = None
        by = self.compare_by.currentData()
        if where.workshop_id is None and by in ("half_year", "year"):
            self.comparison = compare_over_time(self.db, where, by).comparison()
        elif where.workshop_id is None:
            self.comparison = compare(self.db, where, by=by, summary=self.summary)
        self.show_results()

    def show_results(self) -> None:
        summary = self.summary
        lang = i18n.current_language()
        self.empty_state.update_state()
        if summary is None:
            self.responses_label.setText("")
            self.over_label.hide()
            return
        self.responses_label.setText(
            _("Responses: {count}").format(count=format_count(summary.responses))
        )
        self.over_label.setText(over_participants_text(summary))
        self.over_label.setVisible(bool(summary.over_participants))
        self.model.set_rows(list(enumerate(summary.questions, start=1)))
        comments = [c for q in summary.questions for c in q.comment_lines(lang)]
        self.comments.setPlainText("\n".join(f"– {c}" for c in comments))
        while self.charts_layout.count():
            item = self.charts_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:  # out of the page at once, not only when Qt gets to it
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        chart_lang = document_language(lang)
        if self.comparison is not None and len(self.comparison.groups) > 1:
            spec = comparison_chart(self.comparison, chart_lang)
            if spec is not None:
                self.charts_layout.addWidget(chart_view(spec))
                table = self._comparison_table(chart_lang)
                title = " ".join(spec.title.split())
                table.setAccessibleName(_("{chart} as a table").format(chart=title))
                self.charts_layout.addWidget(table)
        for stats in summary.questions:
            spec = distribution_chart(stats, chart_lang)
            if spec is not None and summary.responses:
                self.charts_layout.addWidget(chart_view(spec))
        if not summary.responses:
            self.charts_layout.addWidget(QLabel(_("No responses yet.")))
        self.charts_layout.addStretch(1)

    def _comparison_table(self, lang: str) -> QTableWidget:
        assert self.comparison is not None
        headers, rows = comparison_table(self.comparison, lang)
        table = QTableWidget(len(rows), len(headers))
        table.setObjectName("comparison_table")
        table.setHorizontalHeaderLabels([headers[0], *map(_group_heading, headers[1:])])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(r, c, item)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(headers)):
            table.horizontalHeader().setSectionResizeMode(
                c, QHeaderView.ResizeMode.ResizeToContents
            )

        def fit_height() -> None:
            """Every row whole, for the questions' width now: the table is sized before
            the page lays it out, and again whenever its columns change."""
            table.resizeRowsToContents()
            height = table.horizontalHeader().height() + sum(
                table.rowHeight(r) for r in range(len(rows))
            )
            table.setFixedHeight(height + 2 * table.frameWidth())

        fit_height()
        table.horizontalHeader().sectionResized.connect(lambda *_: fit_height())
        return table

    def chart_count(self) -> int:
        from PySide6.QtCharts import QChartView

        return len(self.charts_holder.findChildren(QChartView))

    # --- actions ------------------------------------------------------------------------

    def first_responses(self) -> None:
        """The empty hint's action: type in the chosen workshop's forms, else choose one on
        the Workshops tab."""
        window = self.window()
        if self.workshop.currentData() is None and hasattr(window, "show_page"):
            window.show_page("workshops")
        else:
            self.enter_feedback()

    def enter_feedback(self) -> None:
        workshop_id = self.workshop.currentData()
        if workshop_id is None:
            QMessageBox.information(self, _("Feedback"), _("Choose a workshop first."))
            return
        run_modal(FeedbackEntryDialog(self.db, workshop_id, parent=self))
        self.refresh()

    def export_dialog(self) -> None:
        path, _filter = save_file_name(
            self,
            FileKind.EXPORTS,
            _("Export responses"),
            "palaute.xlsx",
            _("Excel workbook (*.xlsx)") + ";;" + _("CSV for Excel (*.csv)"),
        )
        if path is not None:
            self.start_export(path)

    def start_export(self, path: Path) -> Job | None:
        """Write the responses in a worker thread: 50,000 take several seconds."""
        if self._export is not None:
            return None
        path = _export_path(path)
        where, lang = self.current_filter(), self.report_language.currentData()
        self.export_button.setEnabled(False)
        if self._job is None:  # else the report's progress shows
            self.progress.setRange(0, 0)  # busy: openpyxl says nothing of how far it is
            self.progress.show()
        self.status.setText(_("Exporting the responses…"))
        self._export = start(
            lambda: export_responses(self.db, path, where, lang),
            lambda count: self._exported(path, count),
            self._export_failed,
        )
        return self._export

    def export_to(self, path: Path) -> int:
        """Write the responses now, in this thread; the number written (0 on failure)."""
        path = _export_path(path)
        try:
            count = export_responses(
                self.db, path, self.current_filter(), self.report_language.currentData()
            )
        except OSError as exc:
            self._export_failed(exc.strerror or str(exc))
            return 0
        self._exported(path, count)
        return count

    def _export_done(self) -> None:
        self._export = None
        self.export_button.setEnabled(True)
        if self._job is None:  # the report's progress stays while it is written
            self.progress.setRange(0, 1)
            self.progress.hide()

    def _exported(self, path: Path, count: int) -> None:
        self._export_done()
        self.status.setText(
            _("{count} responses written to {path}").format(count=format_count(count), path=path)
        )

    def _export_failed(self, reason: str) -> None:
        self._export_done()
        self.status.setText("")
        QMessageBox.warning(self, _("Export responses"), reason)

    def report_dialog(self) -> None:
        path, _filter = save_file_name(
            self,
            FileKind.DOCUMENTS,
            _("Results report"),
            "palauteraportti.docx",
            _("Word document (*.docx)"),
        )
        if path is not None:
            self.start_report(path.with_suffix(".docx"))

    def start_report(self, path: Path) -> ReportJob | None:
        """Draw the charts here, then write the document in a worker thread."""
        if self._job is not None:
            return None
        lang = self.report_language.currentData()
        data = report_data(self.db, self.current_filter(), lang, by=self.compare_by.currentData())
        images = {spec.key: render_png(spec) for spec in charts_for(data, lang)}
        job = ReportJob(path, data, lang, images)
        job.signals.progress.connect(self._report_progress)
        job.signals.finished.connect(self._report_finished)
        job.signals.failed.connect(self._report_failed)
        self._job = job
        self.report_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(_("Writing the report…"))
        self.pool.start(job)
        return job

    def _report_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _report_done(self) -> None:
        self._job = None
        self.report_button.setEnabled(True)
        if self._export is not None:  # the export goes on: busy again
            self.progress.setRange(0, 0)
        else:
            self.progress.hide()

    def _report_finished(self, path: str) -> None:
        self._report_done()
        self.status.setText(_("Report written: {path}").format(path=path))

    def _report_failed(self, reason: str) -> None:
        self._report_done()
        self.status.setText("")
        QMessageBox.warning(self, _("Results report"), reason)
