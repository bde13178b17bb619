"""Feedback form templates: the list and the editor (questions in Finnish and Swedish)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kastedesk import i18n
from kastedesk.domain.feedback_forms import (
    QUESTION_KIND_LABELS,
    FormSpec,
    OptionSpec,
    QuestionKind,
    QuestionSpec,
)
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_count
from kastedesk.i18n import _
from kastedesk.services.feedback_forms import (
    FormRow,
    create_form,
    ensure_default_form,
    list_forms,
    load_form,
    save_form,
)
from kastedesk.storage.database import Database
from kastedesk.storage.errors import RecordChangedError
from kastedesk.ui.form_errors import ErrorForm
from kastedesk.ui.modal import run_modal
from kastedesk.ui.record_conflict import ConflictChoice, ask_about_conflict
from kastedesk.ui.row_table_model import Column, RowTableModel, count_column, one_line_rows


def options_text(options: tuple[OptionSpec, ...]) -> str:
    return "\n".join(f"{o.text_fi} | {o.text_sv}" if o.text_sv else o.text_fi for o in options)


def parse_options(text: str) -> tuple[OptionSpec, ...]:
    """One option per line, "Finnish | Swedish"."""
    options = []
    for line in text.splitlines():
        if line.strip():
            fi, _bar, sv = line.partition("|")
            options.append(OptionSpec(fi.strip(), sv.strip()))
    return tuple(options)


class FormEditorDialog(QDialog):
    """Edit a template; once it has responses, saving makes a new version."""

    help_topic = "workshops"  # the user guide's page (F1)

    def __init__(
        self,
        db: Database,
        form_id: int | None = None,
        responses: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.form_id = form_id
        self.responses = responses
        self.saved_id: int | None = None
        self.version = 1
        self.expected_version: int | None = None
        spec = FormSpec("", "", ())
        if form_id is not None:
            loaded = load_form(db, form_id)
            spec, self.version = loaded.spec, loaded.version
            self.expected_version = loaded.row_version
        self.questions: list[QuestionSpec] = list(spec.questions)
        self._current = -1

        self.name_fi = QLineEdit(spec.name_fi)
        self.name_sv = QLineEdit(spec.name_sv)
        self.head = ErrorForm()
        self.head.add_field("name", lambda: _("Name (Finnish)"), self.name_fi)
        self.head.add_field("name_sv", lambda: _("Name (Swedish)"), self.name_sv)
        self.version_note = QLabel()
        self.version_note.setWordWrap(True)

        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._select)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.up_button = QPushButton()
        self.down_button = QPushButton()
        self.add_button.clicked.connect(self.add_question)
        self.remove_button.clicked.connect(self.remove_question)
        self.up_button.clicked.connect(lambda: self.move_question(-1))
        self.down_button.clicked.connect(lambda: self.move_question(1))
        list_buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            list_buttons.addWidget(button)

        self.kind = QComboBox()
        for kind in QuestionKind:
            self.kind.addItem("", kind.value)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.text_fi = QLineEdit()
        self.text_sv = QLineEdit()
        self.scale_min = QSpinBox()
        self.scale_max = QSpinBox()
        for spin in (self.scale_min, self.scale_max):
            spin.setRange(0, 9)
        self.min_label_fi, self.min_label_sv = QLineEdit(), QLineEdit()
        self.max_label_fi, self.max_label_sv = QLineEdit(), QLineEdit()
        self.options = QPlainTextEdit()
        self.options.setTabChangesFocus(True)
        self.detail = ErrorForm()
        add = self.detail.add_field
        add("kind", lambda: _("Type"), self.kind)
        add("text_fi", lambda: _("Question (Finnish)"), self.text_fi)
        add("text_sv", lambda: _("Question (Swedish)"), self.text_sv)
        add("scale_min", lambda: _("Scale from"), self.scale_min)
        add("scale_max", lambda: _("Scale to"), self.scale_max)
        add("min_label_fi", lambda: _("Label of the lowest (Finnish)"), self.min_label_fi)
        add("min_label_sv", lambda: _("Label of the lowest (Swedish)"), self.min_label_sv)
        add("max_label_fi", lambda: _("Label of the highest (Finnish)"), self.max_label_fi)
        add("max_label_sv", lambda: _("Label of the highest (Swedish)"), self.max_label_sv)
        add("options", lambda: _("Options, one per line: Finnish | Swedish"), self.options)
        detail = QWidget()
        detail.setLayout(self.detail)

        left = QVBoxLayout()
        left.addWidget(self.list)
        left.addLayout(list_buttons)
        middle = QHBoxLayout()
        middle.addLayout(left, 2)
        middle.addWidget(detail, 3)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.head)
        layout.addWidget(self.version_note)
        layout.addLayout(middle, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 600)
        self.retranslate_ui()
        self._fill_list()
        if self.questions:
            self.list.setCurrentRow(0)
        else:
            self._show_detail(None)

    def retranslate_ui(self) -> None:
        self.list.setAccessibleName(_("Questions"))
        self.setWindowTitle(_("Feedback form"))
        self.head.retranslate()
        self.detail.retranslate()
        for n, kind in enumerate(QuestionKind):
            self.kind.setItemText(n, _(QUESTION_KIND_LABELS[kind]))
        self.add_button.setText(_("&Add question"))
        self.remove_button.setText(_("&Remove"))
        self.up_button.setText(_("&Up"))
        self.down_button.setText(_("Do&wn"))
        if self.responses:
            self.version_note.setText(
                _(
                    "This form has {count} responses: saving makes version {version}; "
                    "the old responses keep the questions they answered."
                ).format(count=format_count(self.responses), version=self.version + 1)
            )
        else:
            self.version_note.setText("")

    # --- list of questions --------------------------------------------------------------

    def _label(self, number: int, q: QuestionSpec) -> str:
        lang = i18n.current_language()
        return f"{number}. [{_(QUESTION_KIND_LABELS[q.kind])}] {q.text(lang)}"

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        row = self.list.currentRow()
        self.list.clear()
        for number, q in enumerate(self.questions, start=1):
            self.list.addItem(self._label(number, q))
        self.list.setCurrentRow(min(row, len(self.questions) - 1))
        self.list.blockSignals(False)

    def _select(self, row: int) -> None:
        self._store()
        self._current = row
        self._show_detail(self.questions[row] if 0 <= row < len(self.questions) else None)

    def _show_detail(self, q: QuestionSpec | None) -> None:
        for widget in self._detail_widgets():
            widget.setEnabled(q is not None)
        q = q or QuestionSpec(QuestionKind.SCALE, "")
        self.kind.setCurrentIndex(self.kind.findData(q.kind.value))
        self.text_fi.setText(q.text_fi)
        self.text_sv.setText(q.text_sv)
        self.scale_min.setValue(q.scale_min)
        self.scale_max.setValue(q.scale_max)
        self.min_label_fi.setText(q.min_label_fi)
        self.min_label_sv.setText(q.min_label_sv)
        self.max_label_fi.setText(q.max_label_fi)
        self.max_label_sv.setText(q.max_label_sv)
        self.options.setPlainText(options_text(q.options))
        self._kind_changed()

    def _detail_widgets(self) -> list[QWidget]:
        return [
            self.kind,
            self.text_fi,
            self.text_sv,
            self.scale_min,
            self.scale_max,
            self.min_label_fi,
            self.min_label_sv,
            self.max_label_fi,
            self.max_label_sv,
            self.options,
        ]

    def _kind_changed(self) -> None:
        kind = QuestionKind(self.kind.currentData())
        scale = kind is QuestionKind.SCALE
        for widget in (
            self.scale_min,
            self.scale_max,
            self.min_label_fi,
            self.min_label_sv,
            self.max_label_fi,
            self.max_label_sv,
        ):
            self.detail.set_field_visible(widget, scale)
        self.detail.set_field_visible(
            self.options, kind in (QuestionKind.CHOICE, QuestionKind.MULTI)
        )

    def _store(self) -> None:
        """Keep what the detail fields say in the current question."""
        if not 0 <= self._current < len(self.questions):
            return
        old = self.questions[self._current]
        self.questions[self._current] = replace(
            old,
            kind=QuestionKind(self.kind.currentData()),
            text_fi=self.text_fi.text(),
            text_sv=self.text_sv.text(),
            scale_min=self.scale_min.value(),
            scale_max=self.scale_max.value(),
            min_label_fi=self.min_label_fi.text(),
            min_label_sv=self.min_label_sv.text(),
            max_label_fi=self.max_label_fi.text(),
            max_label_sv=self.max_label_sv.text(),
            options=parse_options(self.options.toPlainText()),
        )
        item = self.list.item(self._current)
        if item is not None:
            item.setText(self._label(self._current + 1, self.questions[self._current]))

    def add_question(self) -> None:
        self._store()
        self.questions.append(QuestionSpec(QuestionKind.SCALE, ""))
        self._fill_list()
        self._current = -1
        self.list.setCurrentRow(len(self.questions) - 1)
        self.text_fi.setFocus()

    def remove_question(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.questions):
            del self.questions[row]
            self._current = -1
            self._fill_list()
            self._select(self.list.currentRow())

    def move_question(self, step: int) -> None:
        self._store()
        row = self.list.currentRow()
        target = row + step
        if 0 <= row < len(self.questions) and 0 <= target < len(self.questions):
            self.questions[row], self.questions[target] = (
                self.questions[target],
                self.questions[row],
            )
            self._current = -1
            self._fill_list()
            self.list.setCurrentRow(target)

    # --- saving -------------------------------------------------------------------------

    def spec(self) -> FormSpec:
        self._store()
        return FormSpec(self.name_fi.text(), self.name_sv.text(), tuple(self.questions))

    def accept(self) -> None:
        try:
            if self.form_id is None:
                self.saved_id = create_form(self.db, self.spec())
            else:
                self.saved_id = save_form(
                    self.db, self.form_id, self.spec(), self.expected_version
                )
        except ValidationError as exc:
            self.head.show_errors(exc.errors)
            return
        except RecordChangedError as exc:
            choice = ask_about_conflict(self, exc)
            if choice is ConflictChoice.OVERWRITE:
                self.expected_version = None
                self.accept()
            elif choice is ConflictChoice.RELOAD:
                self.reject()  # the forms list reloads; open the form again to see theirs
            return
        super().accept()


def form_columns() -> list[Column[FormRow]]:
    return [
        Column(lambda: _("Name"), lambda f: f.name(i18n.current_language())),
        Column(lambda: _("Version"), lambda f: f.version, align_right=True),
        Column(lambda: _("Questions"), lambda f: f.questions, align_right=True),
        count_column(lambda: _("Responses"), lambda f: f.responses),
    ]


class FormsView(QWidget):
    """The list of templates (newest version of each) with New and Edit."""

    help_topic = "workshops"  # the user guide's page (F1)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.model: RowTableModel[FormRow] = RowTableModel(form_columns())
        self.table = QTableView()
        self.table.setModel(self.model)
        one_line_rows(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.new_button = QPushButton()
        self.edit_button = QPushButton()
        self.new_button.clicked.connect(self.new_form)
        self.edit_button.clicked.connect(self.edit_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def read_data(self) -> None:
        ensure_default_form(self.db)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(list_forms(self.db))

    def retranslate_ui(self) -> None:
        self.table.setAccessibleName(_("Feedback forms"))
        self.new_button.setText(_("&New form…"))
        self.edit_button.setText(_("&Edit form…"))
        self.model.refresh_texts()

    def new_form(self) -> None:
        if run_modal(FormEditorDialog(self.db, parent=self)):
            self.refresh()

    def edit_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        form = self.model.row(rows[0].row())
        if run_modal(FormEditorDialog(self.db, form.id, form.responses, parent=self)):
            self.refresh()
